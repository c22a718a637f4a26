"""The template speaks French and loads as it is filled in: its headers are understood (French canonical
headers, the scenario's `columns:` for the others), its lists and formats give what the loader reads."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from stdnum import luhn

from optimiser.config import load_scenario
from optimiser.loading import load_candidates
from optimiser.report.template import COLUMNS, template_files
from optimiser.scenarios import numeric_columns

SIREN = "12345678" + luhn.calc_check_digit("12345678")
ROW = {"id": "D-1", "siren": SIREN, "name": "Alpha SAS", "epci": "CC du Val d'Ay",
       "priority": "Accélérer la transition écologique et énergétique", "requested_eur": 245_000,
       "min_eur": 100_000, "employees": 40, "turnover_eur": 5_000_000, "balance_sheet_eur": 3_000_000,
       "eligible_cost_eur": 600_000, "turnover_growth_pct": 0.12, "jobs_created": 6, "export_share_pct": 0.3,
       "rd_share_pct": 0.05, "tco2e_avoided_per_year": 120, "lifetime_years": 10,
       "automotive_exposure_pct": 0.2, "months_to_start": 6}


def written(tmp_path: Path) -> Path:
    folder = tmp_path / "modele"
    folder.mkdir()
    for name, content in template_files().items():
        (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


def test_the_headers_are_french_and_every_one_is_read(tmp_path: Path) -> None:
    folder = written(tmp_path)
    loaded = load_scenario(folder / "scenario.yaml")
    csv = folder / "candidats.csv"
    text = csv.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[-1].startswith("N° dossier;N° SIREN;Raison sociale;Intercommunalité;Priorité;")
    cells = [str(ROW.get(column, "")) if not column.endswith("_pct") else str(round(ROW[column] * 100))
             for _, column, _, _, _ in COLUMNS]
    csv.write_bytes((text + ";".join(cells) + "\r\n").encode("utf-8-sig"))
    scenario = loaded.scenario
    table = load_candidates(csv, loaded.territory, scenario.columns, numeric_columns(loaded)).table
    for _, column, _, _, _ in COLUMNS:
        assert column in table.columns, column
    assert table.loc[0, "requested_eur"] == 245_000
    assert table.loc[0, "turnover_growth_pct"] == 12
    assert table.loc[0, "priority"] == "transition"


def test_the_workbook_filled_in_excel_reads_as_shown(tmp_path: Path) -> None:
    folder = written(tmp_path)
    loaded = load_scenario(folder / "scenario.yaml")
    book = openpyxl.load_workbook(folder / "candidats.xlsx")
    assert book.sheetnames == ["Candidats", "Listes", "Colonnes"]
    sheet = book["Candidats"]
    headers = [c.value for c in sheet[1]]
    assert headers == [h for h, _, _, _, _ in COLUMNS]
    lists = {str(v.sqref).split(":")[0].rstrip("0123456789"): v.formula1 for v in sheet.data_validations.dataValidation}
    epci_letter = sheet.cell(row=1, column=headers.index("Intercommunalité") + 1).column_letter
    assert lists[epci_letter].startswith("=Listes!$A$2")
    listed = [c.value for c in book["Listes"]["A"][1:] if c.value]
    assert ROW["epci"] in listed and len(listed) == 8
    for j, (_, column, _, _, kind) in enumerate(COLUMNS, start=1):  # as Excel keeps what is typed in it
        cell = sheet.cell(row=2, column=j)
        if column in ROW:
            cell.value = ROW[column]
        if column == "siren":
            assert cell.number_format == "@"  # typed as text: the leading zeros stay
        if kind == "eur":
            assert cell.number_format == '#,##0 "€"'
    buffer = io.BytesIO()
    book.save(buffer)
    (folder / "rempli.xlsx").write_bytes(buffer.getvalue())
    scenario = loaded.scenario
    candidates = load_candidates(folder / "rempli.xlsx", loaded.territory, scenario.columns,
                                 numeric_columns(loaded))
    table = candidates.table
    assert table.loc[0, "requested_eur"] == 245_000
    assert table.loc[0, "turnover_growth_pct"] == 12  # 0.12 shown as 12 %: 12 points
    assert table.loc[0, "siren"] == SIREN
    assert any("Listes" in note for note in candidates.notes)  # the other visible sheets are said, not read
