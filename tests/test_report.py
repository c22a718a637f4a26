"""Reports: the columns of allocation.csv, summary.json's figures, and report.md's sentences."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

from optimiser.allocation import allocate
from optimiser.app import run
from optimiser.catalogue import t
from optimiser.milp import Status
from optimiser.report import markdown, outputs
from optimiser.report.tables import RunInfo, allocation_rows, status_text
from optimiser.scoring import score

from .factories import EPCI_SIRENS, TERRITORY, make_scenario, make_table

INFO = RunInfo("c.csv", "ab" * 32, "s.yaml", "cd" * 32, synthetic=False)


def small_allocation(**spec):
    table = make_table([
        {"score_in": 80, "requested_eur": 100_000, "epci": EPCI_SIRENS[0]},
        {"score_in": 95, "requested_eur": 150_000, "min_eur": 50_000, "epci": EPCI_SIRENS[1]},
        {"score_in": 60, "requested_eur": 100_000, "epci": EPCI_SIRENS[1]},
    ])
    scenario = make_scenario(envelope_eur=200_000, **spec)
    return allocate(table, score(table, scenario.scoring), scenario, TERRITORY)


def test_allocation_csv_columns_in_order():
    rows = allocation_rows(small_allocation())
    assert list(rows.columns)[:14] == ["id", "siren", "name", "epci", "priority", "score", "score_value", "rank",
                                       "eligible", "funded", "amount_eur", "reason_code", "reason", "requested_eur"]
    assert rows["amount_eur"].tolist() == [100_000, 100_000, 0]
    assert rows["epci"].iat[0] == TERRITORY.epcis[0].name


def test_written_files(tmp_path):
    alloc = small_allocation(state_aid={"regime": "de_minimis"})
    run.write(tmp_path, {"": outputs.allocation_files(alloc, INFO)}, force=False)
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["total_allocated_eur"] == 200_000 and summary["funded_projects"] == 2
    assert summary["status"] == "optimal" and summary["optimality_gap"] == 0
    assert summary["per_epci"][EPCI_SIRENS[1]] == {"name": TERRITORY.epcis[1].name, "amount_eur": 100_000, "funded": 1}
    assert summary["candidates_sha256"] == "ab" * 32 and summary["scenario_sha256"] == "cd" * 32
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    for heading in ("## Chiffres clés", "## Projets financés", "## Par EPCI", "## Par priorité",
                    "## Contraintes saturées", "## Pourquoi les premiers projets non financés ont manqué"):
        assert heading in report
    assert "régime de minimis" in report and "Données synthétiques" not in report
    assert ("Financé partiellement : 100\u202f000\u00a0€ sur 150\u202f000\u00a0€ demandés "
            "(limité par l'enveloppe).") in report


def test_headline_says_when_no_state_aid_cap_applies():
    report = markdown.render(small_allocation(), INFO)
    assert "**aucun plafond d'aides d'État appliqué**" in report


def test_synthetic_data_is_announced():
    report = markdown.render(small_allocation(), replace(INFO, synthetic=True))
    assert report.splitlines()[2].startswith("> **Données synthétiques.**")


def test_an_unproven_solution_is_never_called_optimal():
    alloc = small_allocation()
    stopped = replace(alloc, solution=replace(alloc.solution, status=Status.FEASIBLE, gap=0.013,
                                              message="Time limit reached"))
    assert status_text(stopped) == "NON PROUVÉE OPTIMALE (Time limit reached), écart 1,30\u00a0%"
    assert "optimum prouvé" not in markdown.render(stopped, INFO)


def test_csv_cells_from_user_text_cannot_run_as_formulas(tmp_path):
    names = ['=HYPERLINK("http://x","y")', "+33 1", "@SUM(A1)", "-2"]
    table = make_table([{"score_in": 80 - 10 * k, "name": name, "id": f'P{k}"&HYPERLINK("http://x")&"'}
                        for k, name in enumerate(names)])
    scenario = make_scenario(envelope_eur=200_000)
    alloc = allocate(table, score(table, scenario.scoring), scenario, TERRITORY)
    plain = outputs.allocation_files(alloc, INFO, dialect="plain")["allocation.csv"]
    rows = list(csv.DictReader(io.StringIO(plain)))
    assert [r["name"] for r in rows] == ["'=HYPERLINK(\"http://x\",\"y\")", "'+33 1", "'@SUM(A1)", "'-2"]
    assert rows[0]["amount_eur"] == "100000"  # numbers stay numbers
    # For Excel: text that would be read as a number is the formula ="…" of a string literal (quotes doubled,
    # so nothing can close it); other formula-like text is neutralised with an apostrophe.
    excel = outputs.allocation_files(alloc, INFO)["allocation.csv"]
    cells = list(csv.reader(io.StringIO(excel.removeprefix("\ufeff")), delimiter=";"))
    at = cells[0].index(t("company")), cells[0].index(t("id"))
    assert [r[at[0]] for r in cells[1:]] == ["'=HYPERLINK(\"http://x\",\"y\")", '="+33 1"', "'@SUM(A1)", '="-2"']
    assert [r[at[1]] for r in cells[1:]] == [f'="P{k}""&HYPERLINK(""http://x"")&"""' for k in range(4)]
    assert cells[1][cells[0].index(t("amount"))] == "100000"
