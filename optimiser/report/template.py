"""`optimiser template`: an empty candidates file (CSV and XLSX) with documented headers, and a scenario."""

from __future__ import annotations

from importlib import resources

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font

from .xlsx import workbook_bytes

TEMPLATE_FILES = ("candidats.csv", "candidats.xlsx", "scenario.yaml")

# (column, required, meaning in French)
COLUMNS: list[tuple[str, bool, str]] = [
    ("id", True, "Identifiant unique du projet (texte)"),
    ("siren", True, "SIREN de l'entreprise : 9 chiffres, clé de contrôle valide"),
    ("name", True, "Raison sociale"),
    ("epci", True, "EPCI du site : nom usuel, nom officiel ou SIREN de l'EPCI"),
    ("priority", True, "Priorité Territoires d'industrie : transition, innovation, competences, foncier "
                       "(ou l'intitulé)"),
    ("requested_eur", True, "Montant d'aide demandé, en euros entiers (> 0)"),
    ("min_eur", False, "Montant minimal qui garde le projet viable (défaut : le montant demandé)"),
    ("group_id", False, "« Entreprise unique » au sens du de minimis (défaut : le SIREN)"),
    ("eligible_cost_eur", False, "Coûts éligibles du projet, en euros (plafonds d'intensité RGEC)"),
    ("employees", False, "Effectif (classe PME de l'UE)"),
    ("turnover_eur", False, "Chiffre d'affaires annuel, en euros"),
    ("balance_sheet_eur", False, "Total du bilan annuel, en euros"),
    ("de_minimis_received_eur", False, "Aides de minimis reçues sur les 3 dernières années, en euros (défaut 0)"),
    ("other_public_aid_eur", False, "Autres aides publiques sur les mêmes coûts, en euros (défaut 0)"),
    ("aid_regime", False, "Régime d'aide propre au projet : none, de_minimis, gber_art17, gber_art14_afr, "
                          "gber_art36, gber_art38"),
    ("turnover_growth_pct", False, "Croissance annuelle du chiffre d'affaires, en points de pourcentage (12 % ou 12)"),
    ("jobs_created", False, "Emplois créés par le projet"),
    ("export_share_pct", False, "Part du chiffre d'affaires à l'export, en points de pourcentage"),
    ("rd_share_pct", False, "Part de R&D dans le chiffre d'affaires, en points de pourcentage"),
    ("tco2e_avoided_per_year", False, "Émissions évitées par an, en tonnes de CO2e"),
    ("lifetime_years", False, "Durée de vie retenue pour les émissions évitées, en années"),
    ("automotive_exposure_pct", False, "Part de l'activité exposée à la filière automobile, en points de pourcentage"),
    ("months_to_start", False, "Délai avant le démarrage du projet, en mois"),
]


def _describe(column: str, required: bool, meaning: str) -> str:
    return f"{meaning} ({'obligatoire' if required else 'facultatif'})"


def template_csv() -> str:
    """Headers only, documented in leading `#` lines that the loader skips."""
    lines = ["# Modèle de fichier des candidats : une ligne par projet, séparateur « ; », virgule décimale admise."]
    lines += [f"# {c} : {_describe(c, r, m)}" for c, r, m in COLUMNS]
    lines.append(";".join(c for c, _, _ in COLUMNS))
    return "\r\n".join(lines) + "\r\n"


def template_xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Candidats"
    for j, (column, required, meaning) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=j, value=column)
        cell.font = Font(bold=True)
        cell.comment = Comment(_describe(column, required, meaning), "optimiser")
        sheet.column_dimensions[cell.column_letter].width = max(12, len(column) + 2)
    sheet.freeze_panes = "A2"
    docs = book.create_sheet("Colonnes")
    docs.append(["Colonne", "Obligatoire", "Signification"])
    for column, required, meaning in COLUMNS:
        docs.append([column, "oui" if required else "non", meaning])
    docs.column_dimensions["A"].width = 28
    docs.column_dimensions["C"].width = 100
    return workbook_bytes(book)  # the same bytes at every run: fixed dates inside


def template_files() -> dict[str, str | bytes]:
    """The template's files by name, in memory."""
    scenario = (resources.files("optimiser") / "data" / "template" / "scenario.yaml").read_text(encoding="utf-8")
    return {"candidats.csv": template_csv().encode("utf-8-sig"), "candidats.xlsx": template_xlsx(),
            "scenario.yaml": scenario}
