"""The command line: exit codes, exact messages, no traceback, and the demo's files re-checked."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from optimiser.checker import check
from optimiser.cli import main
from optimiser.config import load_scenario
from optimiser.loading import load_candidates
from optimiser.scenarios import DEMO_CANDIDATES, SCENARIO_DIR, numeric_columns, shipped_scenarios

from .factories import read_allocation_csv, read_excel_csv

BASELINE = SCENARIO_DIR / "baseline.yaml"
HEADER = "id;siren;name;epci;priority;requested_eur;min_eur;jobs_created;turnover_growth_pct;export_share_pct;" \
         "rd_share_pct;automotive_exposure_pct;tco2e_avoided_per_year;lifetime_years;months_to_start"
GOOD = ["A1;001740471;Alpha (fictif);Val d'Ay;transition;100 000;50 000;10;5;10;2;0;100;10;6",
        "A2;001196146;Beta (fictif);Privas Centre Ardèche;innovation;80 000 €;80 000;3;12,5;40;8;50;20;10;12"]


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as caught:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return caught.value.code, out, err


def csv_file(tmp_path: Path, rows: list[str], header: str = HEADER) -> Path:
    path = tmp_path / "candidats.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def scenario_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "scenario.yaml"
    path.write_text(f"extends: {BASELINE}\nname: Test\n{body}", encoding="utf-8")
    return path


BAD_FILES = {
    "missing column": (HEADER.replace(";priority", ""),
                       [r.replace(";transition", "").replace(";innovation", "") for r in GOOD],
                       "colonne obligatoire manquante"),
    "bad SIREN": (HEADER, [GOOD[0].replace("001740471", "123456789"), GOOD[1]],
                  "'123456789' n'est pas un SIREN valide (attendu : 9 chiffres"),
    "duplicate id": (HEADER, [GOOD[0], GOOD[1].replace("A2;", "A1;")], "en double"),
    "min above requested": (HEADER, [GOOD[0].replace(";50 000;", ";150 000;"), GOOD[1]], "min_eur"),
    "unknown EPCI": (HEADER, [GOOD[0].replace("Val d'Ay", "Val d Ai"), GOOD[1]],
                     "vouliez-vous dire \"CC du Val d'Ay\""),
    "negative amount": (HEADER, [GOOD[0].replace(";100 000;", ";-100 000;"), GOOD[1]], "requested_eur"),
    "text in a numeric column": (HEADER, [GOOD[0], GOOD[1].replace(";3;12,5;", ";three;12,5;")], "'three'"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_candidates_exit_2_with_a_precise_message(capsys, tmp_path, case):
    header, rows, fragment = BAD_FILES[case]
    code, out, err = run(capsys, "validate", csv_file(tmp_path, rows, header), "-s", BASELINE)
    assert code == 2
    assert err.startswith("Erreur : ") and fragment in err and "candidats.csv" in err
    assert "Traceback" not in err + out


def test_empty_file_exits_2(capsys, tmp_path):
    path = tmp_path / "vide.csv"
    path.write_text("", encoding="utf-8")
    code, _, err = run(capsys, "validate", path)
    assert code == 2 and "vide.csv" in err and "le fichier est vide" in err.lower()


def test_all_problems_of_a_file_in_one_message(capsys, tmp_path):
    rows = [GOOD[0].replace("001740471", "123456789"), GOOD[1].replace("Privas Centre Ardèche", "Nowhere")]
    code, _, err = run(capsys, "validate", csv_file(tmp_path, rows), "-s", BASELINE)
    assert code == 2
    assert "ligne 2, colonne siren" in err and "ligne 3, colonne epci" in err


@pytest.mark.parametrize("body,code,fragment", [
    ("contraints: {}\n", 2, "clé inconnue `contraints` ; vouliez-vous dire `constraints` ?"),
    ("scoring:\n  pillars:\n    growth:\n      criteria:\n        x: {expression: \"open('f')\", weight: 1}\n", 2,
     "les appels de fonction ne sont pas autorisés"),
    ("scoring:\n  pillars:\n    growth:\n      criteria:\n"
     "        x: {expression: \"jobs_created.real\", weight: 1}\n", 2,
     "l'accès aux attributs n'est pas autorisé"),
    ("constraints:\n  epci:\n    \"Val d'Ay\": {min_projects: 3}\n", 3,
     "l'EPCI CC du Val d'Ay doit financer au moins 3 projets mais n'a que 2 candidats éligibles"),
    ("constraints:\n  epci:\n    default: {min_eur: 300000}\n", 3,
     "les minimums par EPCI totalisent 2\u202f400\u202f000\u00a0€ mais l'enveloppe est de 2\u202f000\u202f000\u00a0€"),
])
def test_bad_scenarios_give_their_exit_code(capsys, tmp_path, body, code, fragment):
    scenario = scenario_file(tmp_path, body)
    got, out, err = run(capsys, "allocate", DEMO_CANDIDATES, "-s", scenario, "-o", tmp_path / "out")
    assert got == code, err
    assert fragment in err and "Traceback" not in err + out
    assert not (tmp_path / "out" / "allocation.csv").exists()


def test_elastic_explanation_names_the_rule_that_must_give_way(capsys, tmp_path):
    scenario = scenario_file(tmp_path, "constraints:\n  totals:\n    - {column: jobs_created, min: 400}\n")
    code, _, err = run(capsys, "allocate", DEMO_CANDIDATES, "-s", scenario, "-o", tmp_path / "out")
    assert code == 3
    assert "le total jobs_created : le minimum de 400 doit céder de" in err


def test_debug_shows_the_traceback(capsys, tmp_path):
    scenario = scenario_file(tmp_path, "contraints: {}\n")
    code, _, err = run(capsys, "--debug", "validate", DEMO_CANDIDATES, "-s", scenario)
    assert code == 2 and "Traceback" in err


def test_every_command_has_help_with_an_example(capsys):
    """Every command of the click group, whichever are added later: its usage, an example, every option."""
    import re

    import click

    from optimiser.cli import cli

    commands = cli.commands
    assert {"validate", "score", "allocate", "demo", "template", "replay", "verify"} <= set(commands)
    code, listing, _ = run(capsys, "--help")
    assert code == 0
    for name, command in sorted(commands.items()):
        code, out, err = run(capsys, name, "--help")
        assert (code, err) == (0, ""), name
        assert out.startswith(f"Usage: optimiser {name} "), out
        example = out.split("Exemple :", 1)[1] if "Exemple :" in out else ""  # French by default
        assert example.lstrip().startswith(f"optimiser {name} ") or example.strip() == f"optimiser {name}", out
        for param in command.params:
            for opt in param.opts if isinstance(param, click.Option) else [param.human_readable_name]:
                assert opt in out, f"{name} --help does not show {opt}"
        assert re.search(rf"^  {re.escape(name)}\s+\S", listing, re.MULTILINE), f"{name} missing from optimiser --help"


def test_results_are_not_overwritten_without_force(capsys, tmp_path):
    out = tmp_path / "out"
    assert run(capsys, "allocate", DEMO_CANDIDATES, "-s", BASELINE, "-o", out)[0] == 0
    before = (out / "allocation.csv").read_bytes()
    code, _, err = run(capsys, "allocate", DEMO_CANDIDATES, "-s", BASELINE, "-o", out)
    assert code == 2 and "--force" in err
    assert run(capsys, "allocate", DEMO_CANDIDATES, "-s", BASELINE, "-o", out, "--force")[0] == 0
    assert (out / "allocation.csv").read_bytes() == before  # same input, same bytes


def test_score_writes_the_ranked_table(capsys, tmp_path):
    target = tmp_path / "scores.csv"
    code, _, _ = run(capsys, "score", DEMO_CANDIDATES, "-s", BASELINE, "-o", target)
    assert code == 0
    table = read_excel_csv(target)
    assert table["rank"].dropna().tolist() == sorted(table["rank"].dropna().tolist())
    assert {"growth.jobs", "score_growth", "score_decarbonisation", "score"} <= set(table.columns)
    assert table["score"].between(0, 100).all()


def test_score_to_xlsx_writes_a_workbook_and_other_extensions_are_refused(capsys, tmp_path):
    import openpyxl

    csv_target, xlsx_target = tmp_path / "scores.csv", tmp_path / "scores.xlsx"
    assert run(capsys, "score", DEMO_CANDIDATES, "-s", BASELINE, "-o", csv_target)[0] == 0
    assert run(capsys, "score", DEMO_CANDIDATES, "-s", BASELINE, "-o", xlsx_target)[0] == 0
    assert xlsx_target.read_bytes()[:2] == b"PK"  # a workbook, not CSV text under an .xlsx name
    sheet = openpyxl.load_workbook(xlsx_target).active
    rows = list(sheet.iter_rows(values_only=True))
    table = read_excel_csv(csv_target)
    assert list(rows[0]) == list(table.columns)
    assert [r[0] for r in rows[1:]] == table["id"].tolist()
    score_at = list(table.columns).index("score")
    assert [r[score_at] for r in rows[1:]] == pytest.approx(table["score"].tolist())
    code, _, err = run(capsys, "score", DEMO_CANDIDATES, "-s", BASELINE, "-o", tmp_path / "scores.ods")
    assert code == 2 and ".xlsx" in err and not (tmp_path / "scores.ods").exists()


def test_allocation_csv_opens_in_french_excel_and_plain_is_for_programs(capsys, tmp_path):
    """The default CSV is French Excel's (BOM, `;`, decimal comma, ids kept as text); `--csv plain` is what
    a program reads without options. Both say the same thing."""
    assert run(capsys, "allocate", DEMO_CANDIDATES, "-s", BASELINE, "-o", tmp_path / "x")[0] == 0
    assert run(capsys, "allocate", DEMO_CANDIDATES, "-s", BASELINE, "-o", tmp_path / "p", "--csv", "plain")[0] == 0
    raw = (tmp_path / "x" / "allocation.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and raw.count(b";") > raw.count(b",")
    excel = read_allocation_csv(tmp_path / "x" / "allocation.csv")
    plain = pd.read_csv(tmp_path / "p" / "allocation.csv", dtype={"siren": str, "epci_siren": str})
    sirens = load_candidates(DEMO_CANDIDATES, load_scenario(BASELINE).territory).table.set_index("id")["siren"]
    assert excel["siren"].tolist() == sirens.loc[excel["id"]].tolist()
    assert any(s.startswith("0") for s in excel["siren"])  # the leading zeros survive
    assert "\u00e9" in excel["name"].str.cat()  # accents as written
    assert excel["score"].dtype == float and excel["score"].tolist() == pytest.approx(plain["score"].tolist())
    assert excel["funded"].tolist() == plain["funded"].tolist()
    assert excel["amount_eur"].tolist() == plain["amount_eur"].tolist()
    assert "reason_code" in plain.columns and "reason_code" not in excel.columns  # words for people, keys for programs
    assert not (tmp_path / "p" / "allocation.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_template_writes_loadable_files(capsys, tmp_path):
    code, _, _ = run(capsys, "template", "-o", tmp_path / "t")
    assert code == 0
    assert {p.name for p in (tmp_path / "t").iterdir()} == {"candidats.csv", "candidats.xlsx", "scenario.yaml"}
    load_scenario(tmp_path / "t" / "scenario.yaml")  # the commented scenario is valid as written
    code, _, err = run(capsys, "validate", tmp_path / "t" / "candidats.xlsx")
    assert code == 2 and ("aucune ligne de données" in err.lower() or "vide" in err.lower())


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    with pytest.raises(SystemExit) as caught:
        main(["demo", "-o", str(out)])
    assert caught.value.code == 0
    return out


def test_demo_writes_every_scenario(demo_dir):
    for path in shipped_scenarios():
        folder = demo_dir / path.stem
        assert {p.name for p in folder.iterdir()} >= {"allocation.csv", "summary.json", "report.md"}
        summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
        assert summary["status"] == "optimal" and summary["proven_optimal"]
        assert summary["synthetic_data"] is True
        assert "Données synthétiques" in (folder / "report.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("scenario", [p.stem for p in shipped_scenarios()])
def test_demo_allocations_respect_every_constraint(demo_dir, scenario):
    """Recompute each rule from allocation.csv, independently of the solver's model."""
    loaded = load_scenario(SCENARIO_DIR / f"{scenario}.yaml")
    s = loaded.scenario
    allocation = read_allocation_csv(demo_dir / scenario / "allocation.csv")
    candidates = load_candidates(DEMO_CANDIDATES, loaded.territory, numeric=numeric_columns(loaded)).table
    merged = candidates.merge(allocation[["id", "score", "amount_eur", "funded"]], on="id", validate="one_to_one")
    assert check(merged, s, loaded.territory) == []
    # And by hand, the rules a committee reads first:
    amount = merged["amount_eur"]
    assert amount.sum() <= s.envelope_eur
    assert (merged["funded"] == (amount > 0)).all()
    assert (amount[merged["funded"]] >= merged["min_eur"][merged["funded"]]).all()
    assert (amount <= merged["requested_eur"]).all()
    max_share = s.constraints.epci["default"].max_share
    for _, group in merged.groupby("epci"):
        assert group["amount_eur"].sum() <= max_share * s.envelope_eur
    if s.constraints.epci["default"].min_projects:
        assert merged[merged["funded"]]["epci"].nunique() == len(loaded.territory.epcis)
    transition = merged[merged["priority"] == "transition"]["amount_eur"].sum()
    assert transition >= s.constraints.priority["transition"].min_share * s.envelope_eur
    assert merged[merged["funded"]]["jobs_created"].sum() >= s.constraints.totals[0].min
    assert (merged[merged["funded"]]["months_to_start"] <= 24).all()
    assert (merged[merged["funded"]]["score"] >= s.eligibility.min_score).all()
    per_group = merged.groupby("group_id").apply(
        lambda g: g["amount_eur"].sum() + g["de_minimis_received_eur"].max(), include_groups=False)
    assert (per_group[per_group.index.isin(merged[merged["funded"]]["group_id"])] <= 300_000).all()
    assert (merged.groupby("siren")["amount_eur"].sum() <= s.constraints.company.max_eur).all()


def test_replay_reproduces_the_files_and_names_a_changed_input(capsys, tmp_path):
    candidates = tmp_path / "candidats.csv"
    candidates.write_bytes(DEMO_CANDIDATES.read_bytes())
    out = tmp_path / "out"
    assert run(capsys, "allocate", candidates, "-s", BASELINE, "-o", out)[0] == 0
    recorded = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert recorded["request"]["command"] == "allocate"
    assert {i["role"] for i in recorded["inputs"]} == {"candidates", "scenario"}
    copied = recorded["request"]["candidates"]
    assert copied.startswith("inputs/") and copied.endswith("/candidats.csv")
    assert set(recorded["outputs"]) >= {"allocation.csv", "summary.json", "report.md", copied}
    assert {"optimiser", "pulp", "highspy", "python"} <= set(recorded["versions"])

    code, text, err = run(capsys, "replay", out / "manifest.json", "-o", tmp_path / "again")
    assert code == 0, err
    assert "identiques octet pour octet" in text
    for name in recorded["outputs"]:
        assert (tmp_path / "again" / name).read_bytes() == (out / name).read_bytes()

    # The folder replays from its own copy of the inputs: the original may change, the copy may not.
    candidates.write_bytes(DEMO_CANDIDATES.read_bytes().replace(b"P001;", b"P001b;"))
    assert run(capsys, "replay", out, "-o", tmp_path / "fourth")[0] == 0
    copy = out / recorded["request"]["candidates"]
    copy.write_bytes(candidates.read_bytes())
    code, _, err = run(capsys, "replay", out / "manifest.json", "-o", tmp_path / "third")
    assert code == 2
    assert f"le fichier des candidats {copy} a changé depuis l'exécution" in err
    assert not (tmp_path / "third").exists()


def test_replay_detects_different_bytes(capsys, tmp_path):
    out = tmp_path / "out"
    assert run(capsys, "allocate", DEMO_CANDIDATES, "-s", BASELINE, "-o", out)[0] == 0
    (out / "allocation.csv").write_text("tampered\n", encoding="utf-8")
    body = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    body["outputs"]["allocation.csv"] = "0" * 64  # as if the recorded run had produced other bytes
    (out / "manifest.json").write_text(json.dumps(body), encoding="utf-8")
    code, _, err = run(capsys, "replay", out / "manifest.json", "-o", tmp_path / "again")
    assert code == 5 and "  - allocation.csv diffère\n" in err and "  - manifest.json diffère\n" in err


def test_sensitivity_files_are_identical_whatever_the_number_of_processes(capsys, tmp_path):
    scenario = scenario_file(tmp_path, "sensitivity: {explain: 2, frontier_points: 3, budget_steps: [0.5, 1.0, 1.5]}\n")
    outs = []
    for processes in ("1", "2"):
        out = tmp_path / f"jobs{processes}"
        code, text, err = run(capsys, "sensitivity", DEMO_CANDIDATES, "-s", scenario, "--draws", "24", "--seed", "4",
                              "--jobs", processes, "--place", BASELINE, "-o", out)
        assert code == 0, err
        outs.append(out)
    names = sorted(p.name for p in outs[0].iterdir() if p.is_file())  # inputs/: the copies, compared by replay
    assert {"robustness.csv", "constraint_prices.csv", "budget_curve.csv", "frontier.csv", "explanations.csv",
            "robustness.md", "robustness.html", "manifest.json"} <= set(names)
    for name in names:
        if name != "manifest.json":
            assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
    page = (outs[0] / "robustness.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 3 and "http" not in page
    core = read_excel_csv(outs[0] / "robustness.csv")
    assert core["core_index"].between(0, 1).all() and set(core["class"]) <= {"core", "borderline", "exterior"}


def test_a_time_limit_gives_an_honest_status_and_exit_code_4(capsys, tmp_path):
    from optimiser.synthetic import generate, write_french_csv

    candidates = tmp_path / "big.csv"
    write_french_csv(generate(4000, seed=5), candidates)
    scenario = scenario_file(tmp_path, "envelope_eur: 60000000\nsolver: {time_limit_s: 0.05}\n")
    code, out, err = run(capsys, "allocate", candidates, "-s", scenario, "-o", tmp_path / "out")
    assert code in (1, 4), err  # no solution in time (1), or one not proven optimal (4): never a false "optimal"
    assert "proven optimal (gap" not in out
    if code == 4:
        summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
        assert summary["status"] == "feasible" and not summary["proven_optimal"]
        assert "NON PROUVÉE OPTIMALE" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
        assert "not proven optimal" in err
    else:
        assert "n'a trouvé aucune répartition" in err


def test_validate_says_what_the_reading_left_out(tmp_path, capsys):
    """A hidden sheet skipped, hidden rows left out: said by validate as by the reports."""
    import openpyxl

    book = openpyxl.Workbook()
    old = book.active
    old.title = "2024"
    old.sheet_state = "hidden"
    sheet = book.create_sheet("Candidats")
    sheet.append(["id", "siren", "name", "epci", "priority", "requested_eur"])
    sheet.append(["P1", "001740471", "A (fictif)", "Val d'Ay", "foncier", 1000])
    book.save(tmp_path / "c.xlsx")
    with pytest.raises(SystemExit) as caught:
        main(["validate", str(tmp_path / "c.xlsx")])
    assert caught.value.code == 0
    assert ("note : la feuille masquée '2024' n'a pas été lue ; feuille lue : 'Candidats', la première feuille visible"
            in capsys.readouterr().out)
