"""`optimiser template`: an empty candidates file (CSV and XLSX) with documented headers, and a scenario."""

from __future__ import annotations

from importlib import resources

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font

from .xlsx import workbook_bytes

TEMPLATE_FILES = ("candidats.csv", "candidats.xlsx", "scenario.yaml")
ROWS = 1000  # rows of the workbook given drop-down lists and formats

# (header as the analyst reads it, canonical or scenario column, required, meaning in French, kind of cell).
# The canonical columns' headers are French headers the loader understands (data/headers/fr.yaml); the
# others are mapped in the template scenario's `columns:` (data/template/scenario.yaml).
COLUMNS: list[tuple[str, str, bool, str, str]] = [
    ("N° dossier", "id", True, "Identifiant unique du projet (texte)", "text"),
    ("N° SIREN", "siren", True, "SIREN de l'entreprise : 9 chiffres, clé de contrôle valide", "text"),
    ("Raison sociale", "name", True, "Raison sociale de l'entreprise", "text"),
    ("Intercommunalité", "epci", True, "EPCI du site : nom usuel, nom officiel ou SIREN de l'EPCI (liste)", "epci"),
    ("Priorité", "priority", True, "Priorité Territoires d'industrie (liste ; la clé ou l'intitulé)", "priority"),
    ("Montant demandé (€)", "requested_eur", True, "Montant d'aide demandé, en euros entiers (> 0)", "eur"),
    ("Montant minimum (€)", "min_eur", False, "Montant minimal qui garde le projet viable (défaut : le montant "
                                              "demandé)", "eur"),
    ("Entreprise unique", "group_id", False, "« Entreprise unique » au sens du de minimis (défaut : le SIREN)",
     "text"),
    ("Dépenses éligibles (€)", "eligible_cost_eur", False, "Coûts éligibles du projet, en euros (plafonds "
                                                           "d'intensité RGEC)", "eur"),
    ("Effectif (ETP)", "employees", False, "Effectif (classe PME de l'UE)", "count"),
    ("Chiffre d'affaires (€)", "turnover_eur", False, "Chiffre d'affaires annuel, en euros", "eur"),
    ("Total du bilan (€)", "balance_sheet_eur", False, "Total du bilan annuel, en euros", "eur"),
    ("Aides de minimis reçues (€)", "de_minimis_received_eur", False, "Aides de minimis reçues sur les 3 "
                                                                      "dernières années, en euros (défaut 0)", "eur"),
    ("Autres aides publiques (€)", "other_public_aid_eur", False, "Autres aides publiques sur les mêmes coûts, "
                                                                  "en euros (défaut 0)", "eur"),
    ("Régime d'aide", "aid_regime", False, "Régime d'aide propre au projet : none, de_minimis, gber_art17, "
                                           "gber_art14_afr, gber_art36, gber_art38", "text"),
    ("Croissance du chiffre d'affaires (%)", "turnover_growth_pct", False, "Croissance annuelle du chiffre "
                                                                          "d'affaires, en points (12 % ou 12)", "pct"),
    ("Emplois créés", "jobs_created", False, "Emplois créés par le projet", "count"),
    ("Part du CA à l'export (%)", "export_share_pct", False, "Part du chiffre d'affaires à l'export, en points",
     "pct"),
    ("Part de R&D (%)", "rd_share_pct", False, "Part de R&D dans le chiffre d'affaires, en points", "pct"),
    ("Émissions évitées (tCO2e par an)", "tco2e_avoided_per_year", False, "Émissions évitées par an, en tonnes "
                                                                           "de CO2e", "number"),
    ("Durée de vie (années)", "lifetime_years", False, "Durée de vie retenue pour les émissions évitées, en "
                                                       "années", "number"),
    ("Exposition automobile (%)", "automotive_exposure_pct", False, "Part de l'activité exposée à la filière "
                                                                    "automobile, en points", "pct"),
    ("Délai de démarrage (mois)", "months_to_start", False, "Délai avant le démarrage du projet, en mois",
     "number"),
]
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
