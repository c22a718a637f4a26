"""allocation.xlsx and comparison.xlsx: sheets, formats, numbers as numbers, no formula injection, same bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import replace

import openpyxl
import pytest

from optimiser.reasons import Reason
from optimiser.report.xlsx import allocation_workbook, comparison_workbook, safe_text

HOSTILE = ['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "\tTAB", "\rCR"]
EUR_FR, EUR_EN, PERCENT = '#,##0 "€"', '"€"#,##0', "0.0%"


@pytest.fixture(scope="module")
def books(comparison, alloc, info) -> dict[str, bytes]:
    return {"allocation_fr": allocation_workbook(alloc, info), "allocation_en": allocation_workbook(alloc, info, "en"),
            "comparison_fr": comparison_workbook(comparison), "comparison_en": comparison_workbook(comparison, "en")}


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def column(ws, header: str) -> int:
    """1-based index of the column with this header in row 1."""
    return next(c.column for c in ws[1] if c.value == header)


def test_sheet_names(books):
    assert load(books["allocation_fr"]).sheetnames == ["Synthèse", "Attribution", "Grille de notation", "Par EPCI",
                                                        "Par priorité", "Contraintes", "Paramètres"]
    assert load(books["allocation_en"]).sheetnames == ["Summary", "Allocation", "Scoring grid", "Per EPCI",
                                                        "Per priority", "Constraints", "Parameters"]
    assert load(books["comparison_fr"]).sheetnames == ["Classement", "Indicateurs", "Par EPCI", "Par priorité",
                                                        "Changements", "Paramètres"]
    assert load(books["comparison_en"]).sheetnames == ["Ranking", "Indicators", "Per EPCI", "Per priority",
                                                        "Changes", "Parameters"]


def test_frozen_styled_header_and_filter(books):
    for name in books:
        wb = load(books[name])
        for ws in wb.worksheets:
            assert ws.freeze_panes == "A2", (name, ws.title)
            assert ws["A1"].font.bold and ws["A1"].fill.fgColor.rgb.endswith("0B3A66")
            if ws.title not in ("Synthèse", "Summary"):
                totals = ws.cell(ws.max_row, 1).value == "Total"  # the totals row stays out of the filter
                last = f"{ws.cell(1, ws.max_column).column_letter}{ws.max_row - totals}"
                assert ws.auto_filter.ref == f"A1:{last}", (name, ws.title)
            widths = [d.width for d in ws.column_dimensions.values()]
            assert widths and all(8 <= w <= 70 for w in widths)


def test_every_sheet_prints_landscape_one_page_wide_with_its_header_repeated(books):
    """allocation.xlsx used to print on 40 pages: now A4 landscape, fitted to the width, header on each page."""
    for name in books:
        for ws in load(books[name]).worksheets:
            setup = ws.page_setup
            assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0), (name, ws.title)
            assert ws.sheet_properties.pageSetUpPr.fitToPage and int(setup.paperSize) == int(ws.PAPERSIZE_A4)
            assert ws.print_title_rows == "$1:$1", (name, ws.title)


def test_totals_rows_add_up_what_adds_up(books, alloc):
    """Amounts, requests, counts and shares summed under the data, as values, outside the filter."""
    book = load(books["allocation_fr"])
    ws = book["Attribution"]
    last = ws.max_row
    assert ws.cell(last, 1).value == "Total" and ws.cell(last, 1).font.bold
    assert ws.cell(last, column(ws, "Montant")).value == int(alloc.table["amount_eur"].sum())
    assert ws.cell(last, column(ws, "Demandé")).value == int(alloc.table["requested_eur"].sum())
    assert ws.cell(last, column(ws, "Rang")).value is None  # a rank does not add up
    epci = book["Par EPCI"]
    assert epci.cell(epci.max_row, column(epci, "Montant")).value == int(alloc.table["amount_eur"].sum())
    assert epci.cell(epci.max_row, column(epci, "Part de l'enveloppe")).value == pytest.approx(
        alloc.table["amount_eur"].sum() / alloc.scenario.envelope_eur)
    assert epci.max_row == len(alloc.territory.epcis) + 2
    english = load(books["allocation_en"])["Per priority"]
    assert english.cell(english.max_row, 1).value == "Total"


def test_euro_and_percent_formats(books, alloc):
    ws = load(books["allocation_fr"])["Attribution"]
    amount = column(ws, "Montant")
    funded_row = 2 + int(alloc.table.index[alloc.table["funded"]][0])
    cell = ws.cell(funded_row, amount)
    assert cell.value == int(alloc.table["amount_eur"].iat[funded_row - 2]) > 0
    assert cell.number_format == EUR_FR and cell.data_type == "n"
    assert ws.cell(2, column(ws, "Demandé")).number_format == EUR_FR
    epci = load(books["allocation_fr"])["Par EPCI"]
    share = epci.cell(2, column(epci, "Part de l'enveloppe"))
    assert share.number_format == PERCENT and 0 < share.value < 1
    assert epci.cell(2, column(epci, "Montant")).number_format == EUR_FR
    english = load(books["allocation_en"])["Allocation"]
    assert english.cell(funded_row, column(english, "Amount")).number_format == EUR_EN
    summary = load(books["allocation_fr"])["Synthèse"]
    values = {row[0].value: row[1] for row in summary.iter_rows(min_row=2)}
    assert values["Enveloppe"].value == 2_000_000 and values["Enveloppe"].number_format == EUR_FR
    assert values["Part de l'enveloppe"].number_format == PERCENT
    assert values["Statut"].value.startswith("optimum prouvé")


def test_comparison_formats_follow_the_indicator_units(books):
    ws = load(books["comparison_fr"])["Indicateurs"]
    rows = {row[0].value: row for row in ws.iter_rows(min_row=2)}
    first_scenario = 5  # 0-based: key, label, unit, direction, key indicator, then one column per scenario
    assert rows["amount_eur"][first_scenario].number_format == EUR_FR
    assert rows["envelope_share"][first_scenario].number_format == PERCENT
    assert rows["jobs"][first_scenario].number_format == "#,##0"
    assert rows["balance_gini"][first_scenario].number_format == "0.000"
    assert rows["eur_per_tco2e"][first_scenario].number_format == '#,##0.00 "€"'
    epci = load(books["comparison_fr"])["Par EPCI"]
    assert epci["B2"].number_format == EUR_FR and epci["B2"].data_type == "n"
    changes = load(books["comparison_fr"])["Changements"]
    assert changes.cell(2, column(changes, "Écart")).number_format == EUR_FR


def test_numbers_stay_numbers(books):
    ws = load(books["allocation_fr"])["Attribution"]
    for header in ("Score", "Rang", "Montant", "Demandé", "Minimum viable", "Plafond"):
        index = column(ws, header)
        filled = [ws.cell(r, index) for r in range(2, ws.max_row + 1) if ws.cell(r, index).value is not None]
        assert filled and all(c.data_type == "n" and isinstance(c.value, (int, float)) for c in filled), header
    siren = ws.cell(2, column(ws, "SIREN"))
    assert siren.data_type == "s" and len(siren.value) == 9  # leading zeros kept: a SIREN is text
    assert ws.cell(2, column(ws, "Financé")).data_type == "b"


@pytest.mark.parametrize(("value", "expected"), [
    ('=HYPERLINK("x")', '\'=HYPERLINK("x")'), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("Société Alpha", "Société Alpha"), ("a=b", "a=b"), ("", ""),
    (-2, -2), (1.5, 1.5), (None, None),
])
def test_safe_text(value, expected):
    assert safe_text(value) == expected


def test_no_formula_can_be_injected(alloc, info, comparison):
    table = alloc.table.copy()
    for k, text in enumerate(HOSTILE):
        table.loc[k, "name"] = text
    table.at[len(HOSTILE), "reason"] = Reason("ineligible_rule", rule_text="=1+1")
    ws = load(allocation_workbook(replace(alloc, table=table), info))["Attribution"]
    names = [ws.cell(2 + k, column(ws, "Entreprise")) for k in range(len(HOSTILE))]
    for cell, text in zip(names, HOSTILE, strict=True):
        assert cell.data_type != "f" and cell.data_type == "s"
        # XML reads a carriage return back as a line feed: compare past the neutralised first character
        assert cell.value.startswith("'") and cell.value[2:] == text[1:] and len(cell.value) == len(text) + 1
    reason = ws.cell(2 + len(HOSTILE), column(ws, "Motif"))
    assert reason.data_type == "s" and reason.value == "Inéligible : « =1+1 » (règle non satisfaite)."
    assert ws.cell(2, column(ws, "Montant")).data_type == "n"
    label, moves = next(iter(comparison.changes.items()))
    hostile = replace(comparison, changes={**comparison.changes, label: moves.assign(name='=HYPERLINK("x")')})
    changes = load(comparison_workbook(hostile))["Changements"]
    cells = [c for c in changes.iter_rows(min_row=2) if c[1].value == label]
    company = column(changes, "Entreprise") - 1
    assert cells and all(row[company].value == '\'=HYPERLINK("x")' and row[company].data_type == "s"
                         for row in cells)
    for ws in load(comparison_workbook(hostile)).worksheets:
        assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_same_input_same_bytes(books, comparison, alloc, info):
    assert allocation_workbook(alloc, info) == books["allocation_fr"]
    assert comparison_workbook(comparison, "en") == books["comparison_en"]
    with zipfile.ZipFile(io.BytesIO(books["allocation_fr"])) as archive:
        assert {item.date_time for item in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
    props = load(books["allocation_fr"]).properties
    assert props.created == dt.datetime(2000, 1, 1) and props.modified == dt.datetime(2000, 1, 1)
