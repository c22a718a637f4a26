"""`optimiser template`: an empty candidates file (CSV and XLSX) with documented headers, and a scenario."""

from __future__ import annotations

from importlib import resources

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font

from ..catalogue.columns import COLUMNS
from .xlsx import workbook_bytes

TEMPLATE_FILES = ("candidats.csv", "candidats.xlsx", "scenario.yaml")
ROWS = 1000  # rows of the workbook given drop-down lists and formats

FORMATS = {"text": "@", "eur": '#,##0 "€"', "pct": "0%", "count": "0", "number": "General"}


def _describe(required: bool, meaning: str) -> str:
    return f"{meaning} ({'obligatoire' if required else 'facultatif'})"


def template_csv() -> str:
    """Headers only, documented in leading `#` lines that the loader skips."""
    lines = ["# Modèle de fichier des candidats : une ligne par projet, séparateur « ; », virgule décimale admise."]
    lines += [f"# {h} : {_describe(r, m)}" for h, _, r, m, _ in COLUMNS]
    lines.append(";".join(h for h, _, _, _, _ in COLUMNS))
    return "\r\n".join(lines) + "\r\n"


def template_xlsx() -> bytes:
    """The candidates sheet (headers with comments, drop-down lists for EPCI and priority, SIREN and ids as
    text, euro and percent formats), the lists, and the columns explained: three visible sheets, the first
    read."""
    from openpyxl.styles import Alignment
    from openpyxl.worksheet.datavalidation import DataValidation

    from ..territory import load_territory

    territory = load_territory()
    book = Workbook()
    sheet = book.active
    sheet.title = "Candidats"
    lists = {"epci": [e.name for e in territory.epcis], "priority": [p.label for p in territory.priorities]}
    for j, (header, _, required, meaning, kind) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=j, value=header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.comment = Comment(_describe(required, meaning), "optimiser")
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = max(14, min(40, len(header) + 2))
        if kind in FORMATS and FORMATS[kind] != "General":
            for row in range(2, ROWS + 2):
                sheet.cell(row=row, column=j).number_format = FORMATS[kind]
        if kind in lists:
            column = "A" if kind == "epci" else "B"
            check = DataValidation(type="list", formula1=f"=Listes!${column}$2:${column}${len(lists[kind]) + 1}",
                                   allow_blank=True, showErrorMessage=False)
            check.add(f"{letter}2:{letter}{ROWS + 1}")
            sheet.add_data_validation(check)
    sheet.freeze_panes = "A2"
    listed = book.create_sheet("Listes")
    listed.append(["Intercommunalité", "Priorité"])
    for k in range(max(len(v) for v in lists.values())):
        listed.append([values[k] if k < len(values) else None for values in lists.values()])
    listed.column_dimensions["A"].width = 45
    listed.column_dimensions["B"].width = 45
    docs = book.create_sheet("Colonnes")
    docs.append(["En-tête", "Colonne", "Obligatoire", "Signification"])
    for header, column, required, meaning, _ in COLUMNS:
        docs.append([header, column, "oui" if required else "non", meaning])
    docs.column_dimensions["A"].width = 36
    docs.column_dimensions["B"].width = 26
    docs.column_dimensions["D"].width = 100
    return workbook_bytes(book)  # the same bytes at every run: fixed dates inside


def template_files() -> dict[str, str | bytes]:
    """The template's files by name, in memory."""
    scenario = (resources.files("optimiser") / "data" / "template" / "scenario.yaml").read_text(encoding="utf-8")
    return {"candidats.csv": template_csv().encode("utf-8-sig"), "candidats.xlsx": template_xlsx(),
            "scenario.yaml": scenario}
