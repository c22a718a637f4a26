"""Scenario files: strict validation with file + YAML path, `extends`, and no code execution."""

from __future__ import annotations

from pathlib import Path

import pytest

from optimiser import messages
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
    variant = write(tmp_path, "v.yaml",
                    f"extends: {BASELINE}\nname: V\nscoring:\n  pillars:\n    growth: {{weight: 0.9}}\n")
    loaded = load_scenario(variant)
    base = load_scenario(BASELINE).scenario
    s = loaded.scenario
    assert s.scoring.pillars["growth"].weight == 0.9
    assert s.scoring.pillars["growth"].criteria == base.scoring.pillars["growth"].criteria
    assert s.constraints == base.constraints and s.envelope_eur == base.envelope_eur


def test_typo_names_file_path_and_suggestion(tmp_path):
    path = write(tmp_path, "typo.yaml", f"extends: {BASELINE}\nname: T\ncontraints: {{}}\n")
    [message] = problems(path)
    assert message.startswith("typo.yaml: contraints: clé inconnue `contraints` ; vouliez-vous dire `constraints` ?")


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
    assert any(m.startswith("bad.yaml: funding: La valeur doit être 'partial' ou 'all_or_nothing'") for m in found)
    assert any(m.startswith("bad.yaml: constraints.epci.default.max_share: La valeur doit être inférieure ou égale à 1")
               for m in found)
    assert any("constraints.company.max_euro: clé inconnue `max_euro` ; vouliez-vous dire `max_eur` ?" in m
               for m in found)
    assert any("scoring.pillars.growth.criteria.jobs: l'échelle `piecewise` demande `points`" in m for m in found)
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
    assert "`extends` forme un cycle : a.yaml -> b.yaml -> a.yaml" in message
    missing = write(tmp_path, "c.yaml", "extends: nowhere.yaml\nname: C\n")
    [message] = problems(missing)
    assert "c.yaml : extends : fichier introuvable" in message and "nowhere.yaml" in message


@pytest.mark.parametrize("expression,fragment", [
    ("__import__('os').system('echo hacked')", "les appels de fonction ne sont pas autorisés"),
    ("requested_eur.__class__", "l'accès aux attributs n'est pas autorisé"),
    ("requested_eur ** 10 ** 10", "n'est pas autorisé"),
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
    assert "tag.yaml" in message and "YAML non valide" in message


def test_unknown_epci_in_constraints_suggests_the_name(tmp_path):
    path = write(tmp_path, "g.yaml",
                 f"extends: {BASELINE}\nname: G\nconstraints:\n  epci:\n    Lamastre: {{min_projects: 1}}\n")
    [message] = problems(path)
    assert "constraints.epci.'Lamastre': EPCI inconnu 'Lamastre' ; vouliez-vous dire 'CC du Pays de Lamastre' ?" \
        in message


def test_any_spelling_or_siren_of_an_epci_is_accepted(tmp_path):
    for key in ("Val d’Ay", "CC du Val d'Ay", "240700716", "val-d-ay"):
        path = write(tmp_path, "s.yaml",
                     f"extends: {BASELINE}\nname: S\nconstraints:\n  epci:\n    \"{key}\": {{min_projects: 1}}\n")
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
    assert "se déploie en plus de 100\u202f000 valeurs" in message


def test_deep_nesting_and_huge_files_are_refused(tmp_path):
    deep = write(tmp_path, "deep.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n")
    [message] = problems(deep)
    assert "imbriqué sur plus de 40 niveaux" in message  # refused before PyYAML's slow scanner reads it
    nested = write(tmp_path, "nested.yaml", "a: " + "[" * 60 + "]" * 60 + "\n")
    [message] = problems(nested)
    assert "imbriqué sur plus de 40 niveaux" in message
    huge = write(tmp_path, "huge.yaml", "name: x\n" + "# padding\n" * 200_000)
    [message] = problems(huge)
    assert "ne peut pas dépasser 1\u202f000\u202f000" in message


# -- issue 8: strict types, paths relative to their file, constant rules ------------------------------

@pytest.mark.parametrize(("line", "expected"), [
    ("envelope_eur: yes", "x.yaml: envelope_eur: expected a number, got the YAML boolean true "
                          "(yes/no/on/off/true/false are booleans in YAML)"),
    ("envelope_eur: '1000000'", "x.yaml: envelope_eur: expected a number, got the text '1000000'; write 1000000 "
                                "without quotes"),
    ("envelope_eur: 2 000 000", "x.yaml: envelope_eur: expected a number, got the text '2 000 000'; write 2000000 "
                                "or 2_000_000"),
    ("envelope_eur: 2e6", "x.yaml: envelope_eur: expected a number, got the text '2e6'; write 2000000 without quotes"),
    ("envelope_eur: 1500000.5", "x.yaml: envelope_eur: expected a whole number, got 1500000.5"),
    ("constraints: {epci: {default: {max_share: on}}}", "x.yaml: constraints.epci.default.max_share: expected a "
                                                        "number, got the YAML boolean true"),
    ("constraints: {epci: {default: {max_share: 30 %}}}", "x.yaml: constraints.epci.default.max_share: expected a "
                                                          "number, got the text '30 %'; write the number without '%' "
                                                          "(a share is written as a fraction: 0.3 for 30 %)"),
    ("constraints: {epci: {default: {max_share: 35}}}", "x.yaml: constraints.epci.default.max_share: a share is a "
                                                        "fraction from 0 to 1, got 35: write 0.35 for 35 %"),
    ("envelope_eur: 2.000.000", "x.yaml: envelope_eur: expected a number, got the text '2.000.000'; write 2000000"),
    ("envelope_eur: 400 000 €", "x.yaml: envelope_eur: expected a number, got the text '400 000 €'; write 400000"),
    ("envelope_eur: 2 M€", "x.yaml: envelope_eur: expected a number, got the text '2 M€'; write the number in full"),
    ("envelope_eur: 0x61A80", "x.yaml, line 3, column 15: not valid YAML (0x61A80 is not a decimal number (YAML "
                              "reads it as a hexadecimal, octal or base-60 number)"),
    ("envelope_eur: 6:40:00", "x.yaml, line 3, column 15: not valid YAML (6:40:00 is not a decimal number"),
    ("constraints: {lock_in: P001}", "x.yaml: constraints.lock_in: Input should be a valid list; write a list: [a, b]"),
    ("columns: {Secteur: ''}", "x.yaml: columns.Secteur: an empty column name: write the column this header becomes"),
    ("funding: yes", "x.yaml: funding: Input should be 'partial' or 'all_or_nothing' (yes/no/on/off/true/false are "
                     "booleans in YAML: write the word in quotes)"),
    ("scoring:\n  pillars:\n    growth:\n      weight: 0,5", "x.yaml: scoring.pillars.growth.weight: expected a "
                                                             "number, got the text '0,5'; write 0.5 (a dot, not a "
                                                             "comma, before the decimals)"),
    ("scoring: {pillars: {growth: {weight: 0,5}}}", "x.yaml: scoring.pillars.growth[5]: unknown key `5`; inside { } a "
                                                     "comma separates keys in YAML: a decimal number is written with "
                                                     "a dot (0.5, not 0,5)"),
    ("state_aid: {regime: de_minimis, afr_zone: 1}", "x.yaml: state_aid.afr_zone: expected true or false, got the "
                                                     "number 1"),
    ("name: 2025", "x.yaml: name: expected text, got the number 2025; write it in quotes"),
    ("constraints: {lock_in: [0012]}", "x.yaml, line 3, column 25: not valid YAML (0012 is not a decimal number (YAML "
                                       "reads it as a hexadecimal, octal or base-60 number): write the number in "
                                       "decimal digits, or in quotes if it is an id ('0012'))"),
    ("constraints: {lock_in: [12]}", "x.yaml: constraints.lock_in[0]: expected text, got the number 12; write it in "
                                     "quotes, exactly as it should read"),
    ("solver: {threads: 1.5}", "x.yaml: solver.threads: expected a whole number, got 1.5"),
    ("solver: {time_limit_s: true}", "x.yaml: solver.time_limit_s: expected a number, got the YAML boolean true"),
])
def test_no_boolean_or_text_is_a_number_and_no_number_is_a_boolean_or_text(tmp_path, line, expected):
    path = write(tmp_path, "x.yaml", f"extends: {BASELINE}\nname: X\n{line}\n".replace("name: X\nname:", "name:"))
    with messages.using("en"):
        found = problems(path)
    assert any(p.startswith(expected) for p in found), found


def test_whole_numbers_written_as_floats_are_whole_numbers(tmp_path):
    path = write(tmp_path, "x.yaml",
                 f"extends: {BASELINE}\nname: X\nenvelope_eur: 2.0e+6\nsolver: {{time_limit_s: 5}}\n")
    s = load_scenario(path).scenario
    assert s.envelope_eur == 2_000_000 and isinstance(s.envelope_eur, int) and s.solver.time_limit_s == 5.0


@pytest.mark.parametrize("extension", [".YAML", ".Yml", ".yaml", ".scenario"])
def test_extends_and_territory_are_relative_to_the_file_that_writes_them(tmp_path, monkeypatch, extension):
    """Never to the current directory: a `base.YAML` there is not the one next to the scenario."""
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "folder" / "sub").mkdir(parents=True)
    write(tmp_path / "elsewhere", f"base{extension}", f"extends: {BASELINE}\nname: WRONG\nenvelope_eur: 1\n")
    write(tmp_path / "folder", f"base{extension}", f"extends: {BASELINE}\nname: Right\nterritory: sub/terr.YML\n")
    (tmp_path / "folder" / "sub" / "terr.YML").write_text(
        (SCENARIO_DIR.parent / "territories" / "ardeche-drome-nord.yaml").read_text(encoding="utf-8")
        .replace("name: Territoire d'industrie Ardèche-Drôme Nord", "name: Mon territoire"), encoding="utf-8")
    variant = write(tmp_path / "folder", "v.yaml", f"extends: base{extension}\nname: V\n")
    monkeypatch.chdir(tmp_path / "elsewhere")
    loaded = load_scenario(variant)
    assert loaded.files[1] == (tmp_path / "folder" / f"base{extension}").resolve()
    assert loaded.scenario.envelope_eur == 2_000_000  # the baseline's, not the other base.YAML's 1 €
    assert loaded.territory.name == "Mon territoire"
    assert loaded.territory_file == (tmp_path / "folder" / "sub" / "terr.YML").resolve()


def test_an_unknown_shipped_territory_lists_the_shipped_ones(tmp_path):
    path = write(tmp_path, "x.yaml", f"extends: {BASELINE}\nname: X\nterritory: drome-sud\n")
    assert problems(path) == ["territoire inconnu 'drome-sud' (territoires fournis : ardeche-drome-nord) ; pour un "
                              "fichier de territoire, indiquez son chemin avec son extension, par exemple "
                              "drome-sud.yaml"]


@pytest.mark.parametrize(("rules", "expected"), [
    ('["1 == 0"]', "x.yaml: eligibility.rules[0]: '1 == 0' ne lit aucune colonne du fichier des candidats, donc elle "
                   "est toujours fausse : elle exclurait tout le monde ; une règle compare des colonnes, par exemple "
                   "months_to_start <= 24"),
    ('["months_to_start <= 24", "2 > 1"]', "x.yaml: eligibility.rules[1]: '2 > 1' ne lit aucune colonne du fichier "
                                           "des candidats, donc elle est toujours vraie : elle n'exclut personne ; "
                                           "une règle compare des colonnes, par exemple months_to_start <= 24"),
])
def test_a_rule_that_reads_no_column_is_refused_as_a_message(tmp_path, rules, expected):
    path = write(tmp_path, "x.yaml", f"extends: {BASELINE}\nname: X\neligibility: {{rules: {rules}}}\n")
    assert problems(path) == [expected]


def test_a_constant_criterion_is_refused(tmp_path):
    path = write(tmp_path, "x.yaml", f"extends: {BASELINE}\nname: X\nscoring: {{pillars: {{growth: {{criteria: "
                                     f"{{flat: {{expression: '3 * 4'}}}}}}}}}}\n")
    assert problems(path) == ["x.yaml: scoring.pillars.growth.criteria.flat.expression: '3 * 4' ne lit aucune "
                              "colonne du fichier des candidats : tous les candidats auraient la même valeur ; un "
                              "critère lit une colonne, par exemple jobs_created / requested_eur"]


def test_an_expression_error_in_the_base_names_the_base_file(tmp_path):
    base = write(tmp_path, "base.yaml", f"extends: {BASELINE}\nname: B\neligibility: {{rules: ['open(1) > 0']}}\n")
    variant = write(tmp_path, "v.yaml", "extends: base.yaml\nname: V\n")
    [message] = problems(variant)
    assert message.startswith("base.yaml: eligibility.rules[0]: les appels de fonction ne sont pas autorisés")
    assert base.exists()


def test_yaml_merge_keys_still_work(tmp_path):
    path = write(tmp_path, "x.yaml", f"extends: {BASELINE}\nname: X\nconstraints:\n  epci:\n"
                                     "    default: &b {max_share: 0.5}\n    Val d'Ay: {<<: *b, min_projects: 1}\n")
    bounds = load_scenario(path).scenario.constraints.epci["Val d'Ay"]
    assert (bounds.max_share, bounds.min_projects) == (0.5, 1)


def test_an_integer_too_large_for_a_float_is_a_message(tmp_path):
    path = write(tmp_path, "huge.yaml", "name: x\nenvelope_eur: 1000\nscoring:\n  pillars:\n    growth:\n"
                 "      weight: 1" + "0" * 400 + "\n")
    messages = problems(path)
    assert any("un entier d'environ 400 chiffres" in m for m in messages), messages
