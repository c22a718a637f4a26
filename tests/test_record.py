"""The signed record (`optimiser proces-verbal`): the committee's overrides, what each costs (checked against
brute force), the PDF read back (text, pages, date), and its replay byte for byte."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import re
from pathlib import Path

import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from optimiser.decision import decide
from optimiser.errors import InfeasibleError, InputError
from optimiser.models import Override
from optimiser.scenarios import DEMO_CANDIDATES, SCENARIO_DIR, shipped_scenarios
from optimiser.study import Study

from .factories import TERRITORY, make_scenario, make_table

DAY = "2026-12-10"


def override(cid: str, decision: str = "retenir", **extra) -> dict:
    return {"id": cid, "decision": decision, "reason": "Motif écrit par le comité pour ce projet.",
            "by": "Comité de pilotage", "date": "2026-12-09", **extra}


def whole_study(scores: list[float], requested: list[int], envelope: int, overrides: list[dict]) -> Study:
    table = make_table([{"score_in": s, "requested_eur": r} for s, r in zip(scores, requested, strict=True)])
    return Study.of(table, make_scenario(envelope_eur=envelope, funding="all_or_nothing", overrides=overrides),
                    TERRITORY)


def brute_force(scores: list[float], requested: list[int], envelope: int, forced_in: set[int],
                forced_out: set[int]) -> float | None:
    """The best total score of a set of projects within the envelope that keeps the locks (None: none does)."""
    best = None
    for size in range(len(scores) + 1):
        for chosen in itertools.combinations(range(len(scores)), size):
            picked = set(chosen)
            if forced_in <= picked and not picked & forced_out and sum(requested[i] for i in picked) <= envelope:
                value = sum(scores[i] for i in picked)
                best = value if best is None else max(best, value)
    return best


def test_each_override_costs_what_brute_force_says():
    scores, requested = [90.0, 80.0, 10.0], [100_000] * 3
    study = whole_study(scores, requested, 200_000, [override("C02", "retenir"), override("C00", "écarter")])
    decision = decide(study, DAY)
    assert decision.value_proposed == pytest.approx(brute_force(scores, requested, 200_000, set(), set()))
    assert decision.value_decided == pytest.approx(brute_force(scores, requested, 200_000, {2}, {0}))
    alone = {e.override.id: e.cost for e in decision.effects}
    assert alone["C02"] == pytest.approx(170 - brute_force(scores, requested, 200_000, {2}, set()))  # 70
    assert alone["C00"] == pytest.approx(170 - brute_force(scores, requested, 200_000, set(), {0}))  # 80
    assert decision.cost == pytest.approx(80)
    assert list(decision.moved["id"]) == ["C00", "C02"]
    assert [(e.proposed_eur, e.decided_eur) for e in decision.effects] == [(0, 100_000), (100_000, 0)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 100), st.integers(1, 5)), min_size=1, max_size=6),
       st.integers(1, 12), st.data())
def test_override_costs_match_brute_force_on_small_calls(projects, envelope_steps, data):
    scores = [float(s) for s, _ in projects]
    requested = [r * 50_000 for _, r in projects]
    envelope = envelope_steps * 50_000
    k = data.draw(st.integers(0, len(projects) - 1))
    kind = data.draw(st.sampled_from(["retenir", "écarter"]))
    study = whole_study(scores, requested, envelope, [override(f"C{k:02d}", kind)])
    forced_in, forced_out = ({k}, set()) if kind == "retenir" else (set(), {k})
    best = brute_force(scores, requested, envelope, forced_in, forced_out)
    if best is None:
        with pytest.raises(InfeasibleError):
            decide(study, DAY)
        return
    decision = decide(study, DAY)
    proposed = brute_force(scores, requested, envelope, set(), set())
    assert decision.value_proposed == pytest.approx(proposed, abs=1e-6)
    assert decision.value_decided == pytest.approx(best, abs=1e-6)
    assert decision.cost >= -1e-6
    assert decision.effects[0].cost == pytest.approx(proposed - best, abs=1e-6)


def test_an_override_is_a_lock_that_wins_over_the_scenario_and_says_why():
    table = make_table([{"score_in": 90}, {"score_in": 80}, {"score_in": 70}])
    scenario = make_scenario(envelope_eur=200_000, constraints={"lock_out": ["C02"]},
                             overrides=[override("C02", "retenir"), override("C00", "Écarter")])
    assert scenario.locked_in == ["C02"] and scenario.locked_out == ["C00"]
    alloc = Study.of(table, scenario, TERRITORY).allocation
    got = alloc.table.set_index("id")
    assert got.at["C02", "funded"] and not got.at["C00", "funded"]
    assert got.at["C00", "reason_code"] == "overridden_out"
    from optimiser.catalogue import reason_text
    assert "Motif écrit par le comité" in reason_text(got.at["C00", "reason"], "fr")
    assert scenario.proposal().locked_out == ["C02"]


@pytest.mark.parametrize(("change", "fragment"), [
    ({"decision": "garder"}, "attendu : `retenir`"),
    ({"reason": "court"}, "au moins 10 caractères"),
    ({"by": "  "}, "indiquez qui a décidé"),
    ({"date": "10/12/2026"}, "AAAA-MM-JJ"),
    ({"date": dt.datetime(2026, 12, 10, 9, 0)}, "la date et l'heure"),
    ({"date": 20261210}, "AAAA-MM-JJ"),
])
def test_an_override_is_refused_with_what_to_write(change, fragment):
    with pytest.raises(ValidationError, match=fragment):
        Override.model_validate(override("C00", **change))


def test_override_spellings_and_dates_are_read_as_people_write_them():
    assert Override.model_validate(override("C00", "ECARTER")).decision == "écarter"
    assert Override.model_validate(override("C00", " Retenir ")).decision == "retenir"
    assert Override.model_validate(override("C00", date=dt.date(2026, 12, 9))).date == "2026-12-09"
    with pytest.raises(ValidationError, match="plus d'une dérogation pour C00"):
        make_scenario(overrides=[override("C00"), override("C00", "écarter")])


def test_unknown_ids_and_late_dates_are_all_said_at_once():
    table = make_table([{"score_in": 90}, {"score_in": 80}])
    scenario = make_scenario(overrides=[override("C0O", date="2026-12-11"), override("C01", "écarter")])
    with pytest.raises(InputError) as caught:
        decide(Study.of(table, scenario, TERRITORY), DAY)
    where = [p.where for p in caught.value.problems]
    assert where == ["overrides[0].id", "overrides[0].date"]
    assert "vouliez-vous dire 'C00'" in caught.value.problems[0].message


def test_an_override_that_cannot_hold_is_explained_with_its_path():
    table = make_table([{"score_in": 90}, {"score_in": 10}])
    scenario = make_scenario(eligibility={"min_score": 50}, overrides=[override("C01", "retenir")])
    with pytest.raises(InfeasibleError) as caught:
        decide(Study.of(table, scenario, TERRITORY), DAY)
    assert any("overrides[0]" in line for line in caught.value.lines)


# -- the PDF, read back --------------------------------------------------------------------------------------

def run(capsys, *args: object) -> tuple[int, str, str]:
    from optimiser.cli import main

    with pytest.raises(SystemExit) as caught:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return caught.value.code, out, err


def pages(folder: Path) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO((folder / "proces-verbal.pdf").read_bytes()))
    return [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("scenario", shipped_scenarios(), ids=lambda p: p.stem)
def test_every_demo_scenario_gets_a_record_whose_first_page_is_the_decision(capsys, tmp_path, scenario):
    code, out, err = run(capsys, "proces-verbal", DEMO_CANDIDATES, "-s", scenario, "--date", DAY, "-o", tmp_path)
    assert code == 0, err
    text = pages(tmp_path)
    assert len(text) >= 3
    first = flat(text[0])
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    allocation = json.loads((tmp_path / "proces-verbal.json").read_text(encoding="utf-8"))
    assert "Procès-verbal du comité de pilotage" in first and "Séance du 10 décembre 2026" in first
    assert "Données synthétiques" in first and "Optimum prouvé" in first
    funded_rows = [row for part in allocation["funded_parts"] for row in part["rows"]]
    assert len(funded_rows) == summary["funded_projects"]
    for row in funded_rows:  # every funded project and its amount is on page one
        assert row[1] in first and flat(row[-1]) in first
    assert "2 000 000 €" in first and summary["candidates_sha256"][:16] in first.replace(" ", "")
    assert "Grille de notation" not in first and "Signatures" not in first
    assert "Grille de notation" in flat(" ".join(text[1:])) and "Signatures" in flat(text[-1])
    reader = pypdf.PdfReader(tmp_path / "proces-verbal.pdf")
    assert reader.metadata.creation_date.date() == dt.date(2026, 12, 10)


def decision_file(tmp_path: Path, reason: str) -> Path:
    (tmp_path / "scenarios").mkdir(parents=True)
    (tmp_path / "scenarios" / "baseline.yaml").write_bytes((SCENARIO_DIR / "baseline.yaml").read_bytes())
    path = tmp_path / "scenarios" / "decision.yaml"
    path.write_text(
        "extends: baseline.yaml\nname: Décision du comité\noverrides:\n"
        f"  - {{id: P004, decision: retenir, reason: {json.dumps(reason, ensure_ascii=False)}, by: Comité, "
        "date: 2026-12-10}\n"
        "  - {id: P092, decision: écarter, reason: Démarrage repoussé à 2028 par l'entreprise., by: La présidente, "
        "date: 2026-12-09}\n", encoding="utf-8")
    return path


HOSTILE = 'Projet pilote #panic("x") *gras* $x^2$ <lbl> @ref ]] \\ {fin}'


def test_the_record_shows_each_override_its_reason_and_its_cost(capsys, tmp_path):
    scenario = decision_file(tmp_path, HOSTILE)
    out = tmp_path / "pv"
    code, _, err = run(capsys, "proces-verbal", DEMO_CANDIDATES, "-s", scenario, "--date", DAY, "-o", out)
    assert code == 0, err
    text = pages(out)
    versus = flat(text[1])
    assert "Proposition de l'optimiseur et décision du comité" in versus
    assert flat(HOSTILE) in versus  # the reason, as written: never read as markup
    assert "Démarrage repoussé à 2028" in versus and "La présidente" in versus and "9 décembre 2026" in versus
    assert "P004 †" in flat(text[0])
    data = json.loads((out / "proces-verbal.json").read_text(encoding="utf-8"))
    # each override's cost alone is what a separate allocation with that one lock gives
    proposal = Study.open(DEMO_CANDIDATES, SCENARIO_DIR / "baseline.yaml").allocation.solution.objective
    for cid, lock in (("P004", "lock_in"), ("P092", "lock_out")):
        other = Study.open(DEMO_CANDIDATES, SCENARIO_DIR / "baseline.yaml")
        locked = other.variant(other.scenario.model_copy(update={
            "constraints": other.scenario.constraints.model_copy(update={lock: [cid]})})).allocation
        row = next(r for r in data["sections"][0]["tables"][0]["table"]["rows"] if r[0] == cid)
        cost = proposal - locked.solution.objective
        assert row[-1] == f"{cost:.1f}".replace(".", ","), (cid, row)


def test_the_record_replays_byte_for_byte_with_its_date(capsys, tmp_path):
    scenario = decision_file(tmp_path, "Projet pilote de la filière bois.")
    out = tmp_path / "pv"
    assert run(capsys, "proces-verbal", DEMO_CANDIDATES, "-s", scenario, "--date", "2026-12-11", "-o", out)[0] == 0
    request = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["request"]
    assert request["command"] == "record" and request["date"] == "2026-12-11"
    code, stdout, err = run(capsys, "replay", out, "-o", tmp_path / "again")
    assert code == 0, err + stdout
    assert (tmp_path / "again" / "proces-verbal.pdf").read_bytes() == (out / "proces-verbal.pdf").read_bytes()


def test_the_record_is_dated_today_by_default_and_in_english_on_request(capsys, tmp_path):
    code, _, err = run(capsys, "proces-verbal", DEMO_CANDIDATES, "-s", SCENARIO_DIR / "baseline.yaml", "--lang", "en",
                       "-o", tmp_path)
    assert code == 0, err
    request = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))["request"]
    assert request["date"] == dt.date.today().isoformat()
    first = flat(pages(tmp_path)[0])
    assert "Record of the steering committee" in first and "Procès-verbal" not in first
    assert "none: the decision is the optimiser's proposal" in first


def test_a_bad_override_file_fails_before_anything_is_written(capsys, tmp_path):
    scenario = tmp_path / "decision.yaml"
    scenario.write_text(f"extends: {SCENARIO_DIR / 'baseline.yaml'}\noverrides:\n"
                        "  - {id: P0O4, decision: garder, reason: court, by: Comité, date: 2026-12-10}\n",
                        encoding="utf-8")
    code, _, err = run(capsys, "proces-verbal", DEMO_CANDIDATES, "-s", scenario, "--date", DAY, "-o", tmp_path / "pv")
    assert code == 2
    assert "overrides[0].decision" in err and "overrides[0].reason" in err and "Traceback" not in err
    assert not (tmp_path / "pv").exists()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_record_speaks_one_language_and_hides_internal_keys(capsys, tmp_path, lang):
    from .test_report_language import data_words, internal_keys, scan

    scenario = decision_file(tmp_path, "Projet pilote de la filière bois du territoire.")
    out = tmp_path / "pv"
    assert run(capsys, "proces-verbal", DEMO_CANDIDATES, "-s", scenario, "--date", DAY, "-o", out, "--lang",
               lang)[0] == 0
    text = " ".join(pages(out))
    data = sorted({*data_words(), "Décision du comité", "Projet pilote de la filière bois du territoire.",
                   "Démarrage repoussé à 2028 par l'entreprise.", "La présidente", "Comité"}, key=len, reverse=True)
    assert scan(flat(text), lang, data, internal_keys(lang)) == []


def test_a_results_folder_gives_its_checked_inputs_to_the_record(capsys, tmp_path):
    results = tmp_path / "resultats"
    assert run(capsys, "allocate", DEMO_CANDIDATES, "-s", SCENARIO_DIR / "baseline.yaml", "-o", results)[0] == 0
    code, out, err = run(capsys, "proces-verbal", results, "--date", DAY)
    assert code == 0, err
    record = tmp_path / "resultats-proces-verbal"
    assert (record / "proces-verbal.pdf").is_file()
    assert (record / "allocation.csv").read_bytes() == (results / "allocation.csv").read_bytes()
    copy = next((results / "inputs").rglob("*.csv"))
    copy.write_bytes(copy.read_bytes().replace(b"P001", b"P00l", 1))
    code, _, err = run(capsys, "proces-verbal", results, "--date", DAY, "-o", tmp_path / "other")
    assert code == 2 and "a changé depuis l'exécution" in err and not (tmp_path / "other").exists()


def test_a_comparison_folder_is_refused_with_its_scenarios_named(capsys, tmp_path):
    assert run(capsys, "compare", DEMO_CANDIDATES, SCENARIO_DIR / "baseline.yaml", SCENARIO_DIR / "croissance.yaml",
               "-o", tmp_path / "comp")[0] == 0
    code, _, err = run(capsys, "proces-verbal", tmp_path / "comp", "--date", DAY)
    assert code == 2 and "baseline" in err and "croissance" in err
    code, _, err = run(capsys, "proces-verbal", tmp_path / "comp" / "baseline", "--date", DAY)
    assert code == 0, err


@pytest.mark.parametrize(("projects", "continued"), [(60, False), (90, True)])
def test_page_one_holds_the_decision_however_many_projects_are_funded(projects, continued):
    from optimiser.report.record import record_files
    from optimiser.report.tables import RunInfo

    table = make_table([{"score_in": 50 + k % 40, "requested_eur": 10_000 + 100 * k,
                         "name": f"Société {k} au nom assez long pour remplir sa ligne (fictif)"}
                        for k in range(projects)])
    study = Study.of(table, make_scenario(envelope_eur=10_000_000), TERRITORY)
    info = RunInfo("candidats.csv", "a" * 64, "scenario.yaml", "b" * 64, synthetic=True)
    pdf = record_files(decide(study, DAY), info)["proces-verbal.pdf"]
    text = [flat(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    first = text[0]
    assert "Par EPCI" in first and "Règles en vigueur" in first and "Empreintes des fichiers" in first
    shown_first = [f"C{k:02d}" for k in range(projects) if re.search(rf"\bC{k:02d}\b", first)]
    assert len(shown_first) == (68 if continued else projects)
    before_proposal = " ".join(text[:next(i for i, p in enumerate(text) if "Proposition de l'optimiseur" in p)])
    assert all(re.search(rf"\bC{k:02d}\b", before_proposal) for k in range(projects))  # every one, before the rest
    assert ("la suite est en page 2" in first) == continued
    assert ("Projets financés (suite)" in text[1]) == continued


def test_a_record_of_a_folder_reads_only_the_folders_copies_and_writes_beside_it(capsys, tmp_path):
    results = tmp_path / "resultats"
    assert run(capsys, "allocate", DEMO_CANDIDATES, "-s", SCENARIO_DIR / "baseline.yaml", "-o", results)[0] == 0
    code, _, err = run(capsys, "proces-verbal", results, "--date", DAY, "-o", results / "pv")
    assert code == 2 and "est dans le dossier de résultats" in err and not (results / "pv").exists()
    # a manifest edited to read a file elsewhere (with that file's true SHA-256) is refused
    elsewhere = tmp_path / "ailleurs.csv"
    elsewhere.write_bytes(DEMO_CANDIDATES.read_bytes())
    body = json.loads((results / "manifest.json").read_text(encoding="utf-8"))
    body["request"]["candidates"] = "../ailleurs.csv"
    body["inputs"][0]["path"] = "../ailleurs.csv"
    (results / "manifest.json").write_text(json.dumps(body), encoding="utf-8")
    code, _, err = run(capsys, "proces-verbal", results, "--date", DAY, "-o", tmp_path / "pv")
    assert code == 2 and "hors de" in err and "../ailleurs.csv" in err and not (tmp_path / "pv").exists()


def test_a_decision_must_build_on_the_folders_scenario(capsys, tmp_path):
    results = tmp_path / "resultats"
    assert run(capsys, "allocate", DEMO_CANDIDATES, "-s", SCENARIO_DIR / "baseline.yaml", "-o", results)[0] == 0
    other = tmp_path / "autre"
    other.mkdir()
    (other / "baseline.yaml").write_text((SCENARIO_DIR / "baseline.yaml").read_text(encoding="utf-8").replace(
        "envelope_eur: 2000000", "envelope_eur: 1500000"), encoding="utf-8")
    decision = other / "decision.yaml"
    decision.write_text("extends: baseline.yaml\noverrides:\n  - {id: P004, decision: retenir, reason: Projet pilote "
                        "du territoire., by: Comité, date: 2026-12-10}\n", encoding="utf-8")
    code, _, err = run(capsys, "proces-verbal", results, "-s", decision, "--date", DAY, "-o", tmp_path / "pv")
    assert code == 2 and "ne reprend pas le scénario" in err
    good = decision_file(tmp_path / "bon", "Projet pilote du territoire, retenu.")
    code, _, err = run(capsys, "proces-verbal", results, "-s", good, "--date", DAY, "-o", tmp_path / "pv")
    assert code == 0, err


def test_invisible_characters_and_unprintable_ones_are_refused_with_where_they_are(capsys, tmp_path):
    with pytest.raises(ValidationError, match="U\\+0007, U\\+202E"):
        Override.model_validate(override("C00", reason="Projet \x07 pilote \u202e du territoire"))
    scenario = decision_file(tmp_path, "Projet pilote 🚀 du territoire")
    code, _, err = run(capsys, "proces-verbal", DEMO_CANDIDATES, "-s", scenario, "--date", DAY, "-o", tmp_path / "pv")
    assert code == 2 and "« 🚀 » ne peut pas être imprimé" in err and "Projet pilote 🚀 du territoire" in err
    assert not (tmp_path / "pv").exists()


def test_a_decision_that_only_its_overrides_make_infeasible_names_them():
    table = make_table([{"score_in": 90}, {"score_in": 80}])
    scenario = make_scenario(min_spend_eur=150_000, overrides=[override("C00", "écarter"), override("C01", "écarter")])
    with pytest.raises(InfeasibleError) as caught:
        decide(Study.of(table, scenario, TERRITORY), DAY)
    assert "overrides[0] (C00), overrides[1] (C01)" in caught.value.lines[-1]
    assert "sans ses dérogations le scénario est faisable" in caught.value.lines[-1]


def test_a_record_dated_after_today_is_written_and_said(capsys, tmp_path):
    code, out, err = run(capsys, "proces-verbal", DEMO_CANDIDATES, "-s", SCENARIO_DIR / "baseline.yaml", "--date",
                         "2999-12-31", "-o", tmp_path / "pv")
    assert code == 0, err
    assert "le procès-verbal est daté du 2999-12-31, après aujourd'hui" in out
    code, out, _ = run(capsys, "proces-verbal", DEMO_CANDIDATES, "-s", SCENARIO_DIR / "baseline.yaml", "--date",
                       "2020-01-01", "-o", tmp_path / "pv2")
    assert code == 0 and "après aujourd'hui" not in out
