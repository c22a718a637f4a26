"""Scenario files: strict validation with file + YAML path, `extends`, and no code execution."""

from __future__ import annotations

from pathlib import Path

import pytest

from optimiser.config import load_scenario
from optimiser.errors import InputError
from optimiser.scenarios import SCENARIO_DIR, shipped_scenarios

BASELINE = SCENARIO_DIR / "baseline.yaml"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    return [str(p) for p in caught.value.problems] or [caught.value.title]


def test_every_shipped_scenario_loads_and_variants_extend_the_baseline():
    paths = shipped_scenarios()
    assert paths[0].name == "baseline.yaml" and len(paths) >= 4
    for path in paths:
        loaded = load_scenario(path)
        assert loaded.scenario.state_aid is not None  # the shipped scenarios all set a regime
        assert path.read_text(encoding="utf-8").startswith("#")  # a comment says what question it answers
        if path != BASELINE:
            assert loaded.files[-1].name == "baseline.yaml"


def test_variant_overrides_only_what_it_lists(tmp_path):
    variant = write(tmp_path, "v.yaml", f"extends: {BASELINE}\nname: V\nscoring:\n  pillars:\n    growth: {{weight: 0.9}}\n")
    loaded = load_scenario(variant)
    base = load_scenario(BASELINE).scenario
    s = loaded.scenario
    assert s.scoring.pillars["growth"].weight == 0.9
    assert s.scoring.pillars["growth"].criteria == base.scoring.pillars["growth"].criteria
    assert s.constraints == base.constraints and s.envelope_eur == base.envelope_eur


def test_typo_names_file_path_and_suggestion(tmp_path):
    path = write(tmp_path, "typo.yaml", f"extends: {BASELINE}\nname: T\ncontraints: {{}}\n")
    [message] = problems(path)
    assert message.startswith("typo.yaml: contraints: unknown key `contraints`; did you mean `constraints`?")


def test_nested_errors_are_all_reported_with_yaml_paths(tmp_path):
    path = write(tmp_path, "bad.yaml", f"""extends: {BASELINE}
name: B
funding: parital
constraints:
  epci:
    default: {{max_share: 1.5}}
  company: {{max_euro: 10}}
scoring:
  pillars:
    growth:
      criteria:
        jobs: {{column: jobs_created, scale: piecewise, points: [[0, 0]]}}
""")
    found = problems(path)
    assert any(m.startswith("bad.yaml: funding: Input should be 'partial' or 'all_or_nothing'") for m in found)
    assert any(m.startswith("bad.yaml: constraints.epci.default.max_share: Input should be less than or equal to 1")
               for m in found)
    assert any("constraints.company.max_euro: unknown key `max_euro`; did you mean `max_eur`?" in m for m in found)
    assert any("scoring.pillars.growth.criteria.jobs: scale `piecewise` needs `points`" in m for m in found)
    assert len(found) == 4


def test_error_in_the_base_names_the_base_file(tmp_path):
    write(tmp_path, "base.yaml", BASELINE.read_text(encoding="utf-8").replace("funding: partial", "funding: both"))
    variant = write(tmp_path, "variant.yaml", "extends: base.yaml\nname: V\n")
    [message] = problems(variant)
    assert message.startswith("base.yaml: funding:")


def test_extends_cycle_and_missing_file_are_named(tmp_path):
    write(tmp_path, "a.yaml", "extends: b.yaml\nname: A\n")
    write(tmp_path, "b.yaml", "extends: a.yaml\nname: B\n")
    [message] = problems(tmp_path / "a.yaml")
    assert "`extends` forms a cycle: a.yaml -> b.yaml -> a.yaml" in message
    missing = write(tmp_path, "c.yaml", "extends: nowhere.yaml\nname: C\n")
    [message] = problems(missing)
    assert "c.yaml: extends: file not found" in message and "nowhere.yaml" in message


@pytest.mark.parametrize("expression,fragment", [
    ("__import__('os').system('echo hacked')", "calling functions is not allowed"),
    ("requested_eur.__class__", "attribute access is not allowed"),
    ("requested_eur ** 10 ** 10", "not allowed"),
])
def test_hostile_expressions_are_refused_with_their_path(tmp_path, expression, fragment):
    path = write(tmp_path, "e.yaml", f"""extends: {BASELINE}
name: E
scoring:
  pillars:
    growth:
      criteria:
        evil: {{expression: "{expression}", weight: 0.1}}
""")
    [message] = problems(path)
    assert message.startswith("e.yaml: scoring.pillars.growth.criteria.evil.expression:") and fragment in message


def test_python_tags_are_not_constructed(tmp_path):
    path = write(tmp_path, "tag.yaml", "name: !!python/object/apply:os.system ['echo hacked']\nenvelope_eur: 1\n")
    [message] = problems(path)
    assert "tag.yaml" in message and "not valid YAML" in message


def test_unknown_epci_in_constraints_suggests_the_name(tmp_path):
    path = write(tmp_path, "g.yaml", f"extends: {BASELINE}\nname: G\nconstraints:\n  epci:\n    Lamastre: {{min_projects: 1}}\n")
    [message] = problems(path)
    assert "constraints.epci.'Lamastre': unknown EPCI 'Lamastre'; did you mean 'CC du Pays de Lamastre'?" in message


def test_any_spelling_or_siren_of_an_epci_is_accepted(tmp_path):
    for key in ("Val d’Ay", "CC du Val d'Ay", "240700716", "val-d-ay"):
        path = write(tmp_path, "s.yaml", f"extends: {BASELINE}\nname: S\nconstraints:\n  epci:\n    \"{key}\": {{min_projects: 1}}\n")
        assert load_scenario(path).scenario.constraints.epci[key].min_projects == 1


def test_resolved_scenario_hash_is_stable_and_sensitive(tmp_path):
    first = load_scenario(BASELINE).sha256
    assert load_scenario(BASELINE).sha256 == first
    copy = write(tmp_path, "baseline.yaml", BASELINE.read_text(encoding="utf-8").replace("2000000", "2000001"))
    assert load_scenario(copy).sha256 != first


def test_another_territory_is_described_by_its_own_file(tmp_path):
    write(tmp_path, "autre.yaml", """name: Territoire d'essai
epcis:
  - {siren: "200040491", name: CC Essai, aliases: [Essai], population: 1000, population_year: 2020}
priorities:
  - {key: transition, label: Transition}
""")
    path = write(tmp_path, "s.yaml", f"extends: {BASELINE}\nname: Autre\nterritory: autre.yaml\n"
                                    "constraints:\n  epci:\n    Essai: {min_projects: 1}\n  priority: {}\n")
    loaded = load_scenario(path)
    assert loaded.territory.name == "Territoire d'essai"
    assert [e.name for e in loaded.territory.epcis] == ["CC Essai"]
    assert loaded.resolved["territory"] == "autre.yaml"  # relative, so the hash does not depend on the folder


def test_billion_laughs_is_refused_quickly(tmp_path):
    lines = ['name: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"k{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    path = write(tmp_path, "laughs.yaml", "\n".join(lines) + "\nenvelope_eur: 1\n")
    [message] = problems(path)
    assert "expands to more than 100,000 values" in message


def test_deep_nesting_and_huge_files_are_refused(tmp_path):
    deep = write(tmp_path, "deep.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n")
    [message] = problems(deep)
    assert "nested too deeply" in message
    nested = write(tmp_path, "nested.yaml", "a: " + "[" * 60 + "]" * 60 + "\n")
    [message] = problems(nested)
    assert "nested more than 40 levels" in message
    huge = write(tmp_path, "huge.yaml", "name: x\n" + "# padding\n" * 200_000)
    [message] = problems(huge)
    assert "may not exceed 1,000,000" in message
