"""French and English wording of the HTML and XLSX reports (French is the default everywhere).

The French sentences follow report.md (`markdown.py`); the English ones say the same. Labels that
come from the data (scenario, company, EPCI and priority names, the solver's reasons) are not
translated: they are shown as given.
"""

from __future__ import annotations

import math

from ..catalogue import describe_rule as describe_rule_fr
from ..formatting import NBSP, fmt_eur, fmt_int, fmt_num, fmt_pct
from ..rules import Rule
from .markdown import OBJECTIVES as OBJECTIVES_FR
from .markdown import REASON_LABELS as REASON_LABELS_FR
from .markdown import REGIMES as REGIMES_FR

LANGS = ("fr", "en")


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unsupported report language {lang!r} (expected one of: {', '.join(LANGS)})")
    return lang


REASON_LABELS_EN = {
    "funded_full": "Funded in full", "funded_partial": "Funded in part",
    "excluded_missing_data": "Excluded: missing data", "locked_out": "Set aside by the committee",
    "ineligible_rule": "Ineligible (rule)", "below_min_score": "Score too low",
    "state_aid_cap": "State-aid ceiling too low", "not_funded_budget": "Not funded: envelope",
    "not_funded_epci_cap": "Not funded: EPCI cap", "not_funded_priority_cap": "Not funded: priority cap",
    "not_funded_company_cap": "Not funded: company cap", "not_funded_totals_cap": "Not funded: total cap",
    "not_selected": "Not selected",
}
OBJECTIVES_EN = {
    "value": "total value (sum of the funded projects' scores, weighted by the share funded)",
    "weighted_euros": "score-weighted euros (each euro counts the score of the project it funds)",
}
REGIMES_EN = {
    "none": "no regime", "de_minimis": "de minimis (Regulation (EU) 2023/2831)",
    "gber_art17": "GBER art. 17 (SME investment aid)", "gber_art14_afr": "GBER art. 14 (regional aid)",
    "gber_art36": "GBER art. 36 (environmental protection)", "gber_art38": "GBER art. 38 (energy efficiency)",
}

MOVES = {
    "fr": {"enters": "entre", "leaves": "sort", "amount": "montant modifié"},
    "en": {"enters": "enters", "leaves": "leaves", "amount": "amount changed"},
}
CAUSES = {
    "fr": {
        "weights": "son score change avec les pondérations",
        "constraint": "une règle de ce scénario s'applique",
        "budget": "l'enveloppe est employée autrement",
        "amount": "financement partiel : le montant change",
    },
    "en": {
        "weights": "its score changed with the weights",
        "constraint": "a rule of this scenario binds",
        "budget": "the envelope was used differently",
        "amount": "partial funding: the amount changed",
    },
}

TEXT: dict[str, dict[str, str]] = {
    "fr": {
        "allocation_title": "Répartition de l'enveloppe — {name}",
        "comparison_title": "Comparaison des scénarios",
        "synthetic_title": "Données synthétiques.",
        "synthetic_text": ("Les entreprises, SIREN et chiffres de ce rapport sont fictifs : ils servent à la "
                           "démonstration et ne décrivent aucune entreprise réelle."),
        "key_figures": "Chiffres clés",
        "envelope": "Enveloppe",
        "allocated": "Attribué",
        "of_envelope": "de l'enveloppe",
        "funded_projects": "Projets financés",
        "of_candidates": "sur {n} candidats ({eligible} éligibles)",
        "companies": "Entreprises aidées",
        "epcis_reached": "EPCI bénéficiaires",
        "of_epcis": "sur {n}",
        "funding_mode": "Mode de financement",
        "funding_partial": "partiel (entre le minimum viable et le plafond)",
        "funding_all": "tout ou rien",
        "objective": "Objectif",
        "solve": "Résolution",
        "state_aid": "Aides d'État",
        "regime": "régime {regime}",
        "de_minimis_ceiling": ", plafond de minimis {amount} par entreprise unique sur 3 ans",
        "no_state_aid": "aucun plafond d'aides d'État appliqué",
        "no_state_aid_why": "(le scénario ne fixe pas « state_aid »)",
        "note": "Note",
        "status_warning": "Solution non prouvée optimale : une meilleure répartition peut exister.",
        "charts": "Graphiques",
        "funded_list": "Projets financés",
        "none_funded": "Aucun projet financé.",
        "rank": "Rang",
        "project": "Projet",
        "company": "Entreprise",
        "epci": "EPCI",
        "priority": "Priorité",
        "score": "Score",
        "amount": "Montant",
        "requested": "Demandé",
        "reason": "Motif",
        "per_epci": "Par EPCI",
        "per_priority": "Par priorité",
        "candidates": "Candidats",
        "eligible": "Éligibles",
        "funded": "Financés",
        "share": "Part de l'enveloppe",
        "per_inhabitant": "€ par habitant",
        "population_year": "pop. {year}",
        "label": "Intitulé",
        "binding": "Contraintes saturées",
        "no_binding": "Aucune contrainte n'est saturée.",
        "binding_text": "{what} : {activity} pour un {side} de {bound}",
        "ceiling": "plafond",
        "floor": "plancher",
        "unfunded": "Pourquoi les premiers projets non financés ont manqué",
        "all_funded": "Tous les projets éligibles sont financés.",
        "reasons": "Motifs pour l'ensemble des candidats",
        "code": "Code",
        "ineligible": "Candidats non éligibles",
        "traceability": "Traçabilité",
        "candidates_file": "Fichier des candidats",
        "scenario_file": "Scénario",
        "scenario_sha": "SHA-256 du scénario résolu",
        "sha": "SHA-256",
        "version": "Version d'optimiser",
        "reference_intro": ("Référence : {name} ({label}). Classement selon : {indicator}, calculé pour chaque "
                            "scénario avec la grille de notation de la référence."),
        "ranking": "Classement",
        "scenario": "Scénario",
        "file": "Fichier",
        "pareto": "Pareto",
        "tied": "ex aequo",
        "dominated": "dominé",
        "dominated_by": "dominé par {other} ({indicators})",
        "not_dominated": "non dominé",
        "pareto_note": ("Un scénario est dominé quand un autre fait au moins aussi bien sur chaque indicateur clé "
                        "et mieux sur l'un d'eux."),
        "infeasible": "Scénarios infaisables",
        "infeasible_one": "scénario infaisable",
        "indicators": "Indicateurs",
        "indicator": "Indicateur",
        "direction": "Sens",
        "higher": "plus haut = mieux",
        "lower": "plus bas = mieux",
        "descriptive": "descriptif",
        "key_indicator": "clé",
        "best_note": ("★ : meilleure valeur de la ligne. « clé » : indicateur retenu pour la dominance de "
                      "Pareto."),
        "amounts_epci": "Montant par EPCI",
        "amounts_priority": "Montant par priorité",
        "changes_title": "{name} face à la référence",
        "no_change": "Aucun projet ne change.",
        "move": "Mouvement",
        "reference": "Référence",
        "difference": "Écart",
        "cause": "Cause",
        "reason_scenario": "Motif dans le scénario",
        "changes_count": ("Projets qui entrent : {enters} ; qui sortent : {leaves} ; dont le montant change : "
                          "{amount}."),
        "yes": "oui",
        "no": "non",
        # charts
        "chart_epci_scenarios": "Montant attribué par EPCI et par scénario",
        "chart_priority_scenarios": "Montant attribué par priorité et par scénario",
        "chart_score_request": "Score et montant demandé de chaque candidat",
        "chart_epci": "Montant attribué par EPCI",
        "axis_amount": "Montant attribué",
        "axis_requested": "Montant demandé",
        "axis_score": "Score",
        "legend_full": "Financé en totalité",
        "legend_partial": "Financé partiellement",
        "legend_unfunded": "Non financé",
        "legend_ineligible": "Non éligible",
        "legend_cap": "Plafond de l'EPCI",
        "legend_min_score": "Score minimal d'éligibilité",
        # workbook
        "sheet_summary": "Synthèse",
        "sheet_allocation": "Attribution",
        "sheet_epci": "Par EPCI",
        "sheet_priority": "Par priorité",
        "sheet_rules": "Contraintes",
        "sheet_parameters": "Paramètres",
        "sheet_ranking": "Classement",
        "sheet_indicators": "Indicateurs",
        "sheet_changes": "Changements",
        "item": "Élément",
        "value": "Valeur",
        "parameter": "Paramètre",
        "synthetic_data": "Données synthétiques",
        "objective_value": "Valeur de l'objectif",
        "solver": "Solveur",
        "status": "Statut",
        "proven_optimal": "Optimum prouvé",
        "gap": "Écart d'optimalité",
        "candidates_count": "Candidats",
        "eligible_count": "Candidats éligibles",
        "id": "Identifiant",
        "siren": "SIREN",
        "epci_siren": "SIREN de l'EPCI",
        "min_eur": "Minimum viable",
        "cap_eur": "Plafond",
        "reason_label": "Motif (catégorie)",
        "population": "Population",
        "year": "Année de population",
        "constraint": "Contrainte",
        "description": "Description",
        "source": "Source (YAML)",
        "activity": "Valeur atteinte",
        "lower_bound": "Plancher",
        "upper_bound": "Plafond",
        "is_binding": "Saturée",
        "unit": "Unité",
        "best": "Meilleur(s)",
        "key": "Clé",
        "error": "Erreur",
        "score_reference": "Score (référence)",
        "rank_reference": "Rang (référence)",
        "reason_reference": "Motif (référence)",
        "amount_reference": "Montant (référence)",
        "name": "Nom",
        "territory": "Territoire",
        "version_short": "optimiser",
        "scenario_yaml": "Fichier du scénario",
        "key_indicator_column": "Indicateur clé (Pareto)",
        "is_eligible": "Éligible",
        "is_funded": "Financé",
    },
    "en": {
        "allocation_title": "Allocation of the envelope — {name}",
        "comparison_title": "Comparison of the scenarios",
        "synthetic_title": "Synthetic data.",
        "synthetic_text": ("The companies, SIRENs and figures of this report are fictitious: they serve the "
                           "demonstration and describe no real company."),
        "key_figures": "Key figures",
        "envelope": "Envelope",
        "allocated": "Allocated",
        "of_envelope": "of the envelope",
        "funded_projects": "Projects funded",
        "of_candidates": "of {n} candidates ({eligible} eligible)",
        "companies": "Companies funded",
        "epcis_reached": "EPCIs reached",
        "of_epcis": "of {n}",
        "funding_mode": "Funding mode",
        "funding_partial": "partial (between the viable minimum and the cap)",
        "funding_all": "all or nothing",
        "objective": "Objective",
        "solve": "Solve",
        "state_aid": "State aid",
        "regime": "regime {regime}",
        "de_minimis_ceiling": ", de minimis ceiling {amount} per single undertaking over 3 years",
        "no_state_aid": "no state-aid cap applied",
        "no_state_aid_why": "(the scenario sets no “state_aid”)",
        "note": "Note",
        "status_warning": "Solution not proven optimal: a better allocation may exist.",
        "charts": "Charts",
        "funded_list": "Projects funded",
        "none_funded": "No project funded.",
        "rank": "Rank",
        "project": "Project",
        "company": "Company",
        "epci": "EPCI",
        "priority": "Priority",
        "score": "Score",
        "amount": "Amount",
        "requested": "Requested",
        "reason": "Reason",
        "per_epci": "Per EPCI",
        "per_priority": "Per priority",
        "candidates": "Candidates",
        "eligible": "Eligible",
        "funded": "Funded",
        "share": "Share of the envelope",
        "per_inhabitant": "€ per inhabitant",
        "population_year": "pop. {year}",
        "label": "Label",
        "binding": "Binding constraints",
        "no_binding": "No constraint binds.",
        "binding_text": "{what}: {activity} against a {side} of {bound}",
        "ceiling": "ceiling",
        "floor": "floor",
        "unfunded": "Why the first unfunded projects missed out",
        "all_funded": "Every eligible project is funded.",
        "reasons": "Reasons across all candidates",
        "code": "Code",
        "ineligible": "Ineligible candidates",
        "traceability": "Traceability",
        "candidates_file": "Candidates file",
        "scenario_file": "Scenario",
        "scenario_sha": "SHA-256 of the resolved scenario",
        "sha": "SHA-256",
        "version": "optimiser version",
        "reference_intro": ("Reference: {name} ({label}). Ranked by: {indicator}, computed for every scenario "
                            "with the reference's scoring grid."),
        "ranking": "Ranking",
        "scenario": "Scenario",
        "file": "File",
        "pareto": "Pareto",
        "tied": "tied",
        "dominated": "dominated",
        "dominated_by": "dominated by {other} ({indicators})",
        "not_dominated": "not dominated",
        "pareto_note": ("A scenario is dominated when another does at least as well on every key indicator and "
                        "better on one of them."),
        "infeasible": "Infeasible scenarios",
        "infeasible_one": "infeasible scenario",
        "indicators": "Indicators",
        "indicator": "Indicator",
        "direction": "Direction",
        "higher": "higher is better",
        "lower": "lower is better",
        "descriptive": "descriptive",
        "key_indicator": "key",
        "best_note": "★: best value of the row. “key”: indicator used for Pareto dominance.",
        "amounts_epci": "Amount per EPCI",
        "amounts_priority": "Amount per priority",
        "changes_title": "{name} against the reference",
        "no_change": "No project changes.",
        "move": "Move",
        "reference": "Reference",
        "difference": "Difference",
        "cause": "Cause",
        "reason_scenario": "Reason in the scenario",
        "changes_count": "Projects entering: {enters}; leaving: {leaves}; with a changed amount: {amount}.",
        "yes": "yes",
        "no": "no",
        "chart_epci_scenarios": "Amount allocated per EPCI and scenario",
        "chart_priority_scenarios": "Amount allocated per priority and scenario",
        "chart_score_request": "Score and amount requested of every candidate",
        "chart_epci": "Amount allocated per EPCI",
        "axis_amount": "Amount allocated",
        "axis_requested": "Amount requested",
        "axis_score": "Score",
        "legend_full": "Funded in full",
        "legend_partial": "Funded in part",
        "legend_unfunded": "Not funded",
        "legend_ineligible": "Ineligible",
        "legend_cap": "EPCI cap",
        "legend_min_score": "Minimum eligible score",
        "sheet_summary": "Summary",
        "sheet_allocation": "Allocation",
        "sheet_epci": "Per EPCI",
        "sheet_priority": "Per priority",
        "sheet_rules": "Constraints",
        "sheet_parameters": "Parameters",
        "sheet_ranking": "Ranking",
        "sheet_indicators": "Indicators",
        "sheet_changes": "Changes",
        "item": "Item",
        "value": "Value",
        "parameter": "Parameter",
        "synthetic_data": "Synthetic data",
        "objective_value": "Objective value",
        "solver": "Solver",
        "status": "Status",
        "proven_optimal": "Proven optimal",
        "gap": "Optimality gap",
        "candidates_count": "Candidates",
        "eligible_count": "Eligible candidates",
        "id": "Id",
        "siren": "SIREN",
        "epci_siren": "EPCI SIREN",
        "min_eur": "Viable minimum",
        "cap_eur": "Cap",
        "reason_label": "Reason (category)",
        "population": "Population",
        "year": "Population year",
        "constraint": "Constraint",
        "description": "Description",
        "source": "Source (YAML)",
        "activity": "Value reached",
        "lower_bound": "Floor",
        "upper_bound": "Ceiling",
        "is_binding": "Binding",
        "unit": "Unit",
        "best": "Best",
        "key": "Key",
        "error": "Error",
        "score_reference": "Score (reference)",
        "rank_reference": "Rank (reference)",
        "reason_reference": "Reason (reference)",
        "amount_reference": "Amount (reference)",
        "name": "Name",
        "territory": "Territory",
        "version_short": "optimiser",
        "scenario_yaml": "Scenario file",
        "key_indicator_column": "Key indicator (Pareto)",
        "is_eligible": "Eligible",
        "is_funded": "Funded",
    },
}


UNIT_NAMES = {
    "fr": {"eur": "€", "share": "part", "count": "nombre", "tco2e": "tCO2e", "eur_per_tco2e": "€/tCO2e",
           "eur_per_job": "€/emploi", "ratio": "ratio", "score": "score", "index": "indice"},
    "en": {"eur": "€", "share": "share", "count": "count", "tco2e": "tCO2e", "eur_per_tco2e": "€/tCO2e",
           "eur_per_job": "€/job", "ratio": "ratio", "score": "score", "index": "index"},
}


def t(key: str, lang: str = "fr", **values: object) -> str:
    """The text `key` in `lang`, with `{placeholders}` filled in."""
    text = TEXT[check_lang(lang)][key]
    return text.format(**values) if values else text


def reason_label(code: str, lang: str = "fr") -> str:
    labels = REASON_LABELS_FR if lang == "fr" else REASON_LABELS_EN
    return labels.get(code, code)


def objective_text(objective: str, lang: str = "fr") -> str:
    return (OBJECTIVES_FR if lang == "fr" else OBJECTIVES_EN).get(objective, objective)


def regime_text(regime: str, lang: str = "fr") -> str:
    return (REGIMES_FR if lang == "fr" else REGIMES_EN).get(regime, regime)


def describe_rule(rule: Rule, lang: str = "fr") -> str:
    """What a rule bounds, in words (the French one is allocation.describe_rule's)."""
    if lang == "fr":
        return describe_rule_fr(rule)
    what = {"eur": "amount", "projects": "number of projects", "column": "total"}[rule.measure]
    return {
        "envelope": "the envelope",
        "epci": f"the cap ({what}) of the EPCI {rule.group}",
        "priority": f"the cap ({what}) of the priority {rule.group}",
        "company": f"the cap per company (SIREN {rule.group})",
        "de_minimis": f"the de minimis ceiling of the single undertaking {rule.group}",
        "totals": f"the cap of the total {rule.group}",
    }[rule.family]


def direction_text(direction: str | None, lang: str = "fr") -> str:
    return t(direction, lang) if direction in ("higher", "lower") else t("descriptive", lang)


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def fmt_unit(value: float | None, unit: str, lang: str = "fr") -> str:
    """An indicator's value in its unit: euros, shares as %, counts, tonnes, ratios, scores, indices."""
    if _missing(value):
        return "–"
    if unit == "eur":
        return fmt_eur(value, lang)
    if unit == "share":
        return fmt_pct(value, 1, lang)
    if unit == "count":
        return fmt_int(value, lang) if float(value).is_integer() else fmt_num(value, 1, lang)
    if unit == "tco2e":
        return f"{fmt_int(value, lang)}{NBSP}tCO2e"
    if unit == "eur_per_tco2e":
        return (f"{fmt_num(value, 2, lang)}{NBSP}€/tCO2e" if lang == "fr" else f"€{fmt_num(value, 2, lang)}/tCO2e")
    if unit == "eur_per_job":
        return f"{fmt_eur(value, lang)}{NBSP}/{NBSP}emploi" if lang == "fr" else f"{fmt_eur(value, lang)}/job"
    if unit == "ratio":
        return fmt_num(value, 2, lang)
    if unit == "score":
        return fmt_num(value, 1, lang)
    if unit == "index":
        return fmt_num(value, 3, lang)
    return fmt_num(value, 2, lang)
