"""The candidates file's columns as a French analyst names them: the template's headers, and the name a
report gives a column whose header in the file is its bare key (`jobs_created` -> `Emplois créés`)."""

from __future__ import annotations

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

# column -> its French header, for the reports
FRENCH_HEADERS: dict[str, str] = {column: header for header, column, *_ in COLUMNS}

# column -> its English name, for the reports in English
ENGLISH_HEADERS: dict[str, str] = {
    "id": "Project id", "siren": "SIREN", "name": "Company", "epci": "EPCI", "priority": "Priority",
    "requested_eur": "Amount requested (€)", "min_eur": "Smallest viable amount (€)", "group_id": "Single undertaking",
    "eligible_cost_eur": "Eligible costs (€)", "employees": "Workforce (FTE)", "turnover_eur": "Turnover (€)",
    "balance_sheet_eur": "Balance sheet total (€)", "de_minimis_received_eur": "De minimis aid received (€)",
    "other_public_aid_eur": "Other public aid (€)", "aid_regime": "Aid regime",
    "turnover_growth_pct": "Turnover growth (%)", "jobs_created": "Jobs created",
    "export_share_pct": "Export share of turnover (%)", "rd_share_pct": "R&D share (%)",
    "tco2e_avoided_per_year": "Emissions avoided (tCO2e per year)", "lifetime_years": "Lifetime (years)",
    "automotive_exposure_pct": "Automotive exposure (%)", "months_to_start": "Months to start",
}
HEADERS: dict[str, dict[str, str]] = {"fr": FRENCH_HEADERS, "en": ENGLISH_HEADERS}
