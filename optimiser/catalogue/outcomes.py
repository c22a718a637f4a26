"""The words of every outcome, in French and English, `{key: {fr, en}}`: reasons, ceilings, rules, labels.

Pure data; the functions of `catalogue` fill them in. The French sentences are the ones the committee's
reports have always shown.
"""

from __future__ import annotations

# the sentence of each outcome; `{placeholders}` are filled in by `reason_text`
REASONS: dict[str, dict[str, str]] = {
    "funded_full": {"fr": "Financé en totalité : {amount}.", "en": "Funded in full: {amount}."},
    "funded_partial": {
        "fr": "Financé partiellement : {amount} sur {requested} demandés (limité par {limit}).",
        "en": "Funded in part: {amount} of {requested} requested (limited by {limit}).",
    },
    "excluded_missing_data": {"fr": "Exclu : {detail}.", "en": "Excluded: {detail}."},
    "locked_out": {
        "fr": "Écarté par décision du comité (le scénario l'exclut).",
        "en": "Set aside by the committee's decision (the scenario excludes it).",
    },
    "overridden_out": {
        "fr": "Écarté par décision du comité : {detail}",
        "en": "Set aside by the committee's decision: {detail}",
    },
    "ineligible_rule": {"fr": "Inéligible : « {rule} » ({why}).", "en": 'Ineligible: "{rule}" ({why}).'},
    "below_min_score": {
        "fr": "Score {score} inférieur au minimum requis ({min_score}).",
        "en": "Score {score} below the minimum required ({min_score}).",
    },
    "state_aid_cap_partial": {
        "fr": "Plafond d'aide ({cap}) inférieur au montant minimum viable ({base}) : {what}.",
        "en": "Aid ceiling ({cap}) below the smallest viable amount ({base}): {what}.",
    },
    "state_aid_cap_whole": {
        "fr": "Plafond d'aide ({cap}) inférieur au montant demandé ({requested}) en financement tout ou rien : {what}.",
        "en": "Aid ceiling ({cap}) below the amount requested ({requested}) in all-or-nothing funding: {what}.",
    },
    "not_funded_rule": {"fr": "Non financé : {rules} est atteint.", "en": "Not funded: {rules} is reached."},
    "not_funded_budget": {
        "fr": ("Non financé faute d'enveloppe : il reste {left}, il en faudrait au moins {base} ; les projets "
               "retenus apportent plus de valeur pour ces euros."),
        "en": ("Not funded for lack of envelope: {left} is left, it would need at least {base}; the projects "
               "chosen bring more value for these euros."),
    },
    "not_selected": {
        "fr": "Non retenu : le financer n'améliorerait pas l'objectif (score nul ou solution non prouvée optimale).",
        "en": ("Not selected: funding it would not improve the objective (zero score, or a solution not proven "
               "optimal)."),
    },
}

# pieces of those sentences
WORDS: dict[str, dict[str, str]] = {
    "missing": {"fr": "valeur manquante", "en": "missing value"},
    "failed": {"fr": "règle non satisfaite", "en": "rule not met"},
    "and": {"fr": " et ", "en": " and "},
    "ceiling": {"fr": "plafond", "en": "ceiling"},
    "optimisation": {"fr": "arbitrage de l'optimisation", "en": "the optimisation's trade-off"},
    "size_unknown": {
        "fr": " (taille inconnue : traitée comme grande entreprise)",
        "en": " (size unknown: treated as a large company)",
    },
}

# why a project's ceiling is below its request
CAPS: dict[str, dict[str, str]] = {
    "de_minimis": {
        "fr": "de minimis : plafond de {ceiling} sur 3 ans, reste {amount} pour l'entreprise unique",
        "en": "de minimis: ceiling of {ceiling} over 3 years, {amount} left for the single undertaking",
    },
    "gber_no_cost": {"fr": "{regime} : coûts éligibles non renseignés", "en": "{regime}: eligible costs not given"},
    "gber": {
        "fr": "{regime} : intensité {intensity} × coûts éligibles − autres aides publiques = {amount}{assumed}",
        "en": "{regime}: intensity {intensity} × eligible costs − other public aid = {amount}{assumed}",
    },
    "company": {"fr": "plafond par entreprise de {ceiling}", "en": "cap per company of {ceiling}"},
}

# what a rule bounds
RULES: dict[str, dict[str, str]] = {
    "envelope": {"fr": "l'enveloppe", "en": "the envelope"},
    "epci": {"fr": "le plafond ({what}) de l'EPCI {group}", "en": "the cap ({what}) of the EPCI {group}"},
    "priority": {"fr": "le plafond ({what}) de la priorité {group}", "en": "the cap ({what}) of the priority {group}"},
    "company": {"fr": "le plafond par entreprise (SIREN {group})", "en": "the cap per company (SIREN {group})"},
    "de_minimis": {
        "fr": "le plafond de minimis de l'entreprise unique {group}",
        "en": "the de minimis ceiling of the single undertaking {group}",
    },
    "totals": {"fr": "le plafond du total {group}", "en": "the cap of the total {group}"},
}

# what a rule measures
MEASURES: dict[str, dict[str, str]] = {
    "eur": {"fr": "montant", "en": "amount"},
    "projects": {"fr": "nombre de projets", "en": "number of projects"},
    "column": {"fr": "total", "en": "total"},
}

# the short label of each outcome (a column of its own in the tables)
REASON_LABELS: dict[str, dict[str, str]] = {
    "funded_full": {"fr": "Financé en totalité", "en": "Funded in full"},
    "funded_partial": {"fr": "Financé partiellement", "en": "Funded in part"},
    "excluded_missing_data": {"fr": "Exclu : donnée manquante", "en": "Excluded: missing data"},
    "locked_out": {"fr": "Écarté par le comité", "en": "Set aside by the committee"},
    "overridden_out": {"fr": "Écarté par le comité (dérogation)", "en": "Set aside by the committee (override)"},
    "ineligible_rule": {"fr": "Inéligible (règle)", "en": "Ineligible (rule)"},
    "below_min_score": {"fr": "Score insuffisant", "en": "Score too low"},
    "state_aid_cap": {"fr": "Plafond d'aide trop bas", "en": "State-aid ceiling too low"},
    "not_funded_budget": {"fr": "Non financé : enveloppe", "en": "Not funded: envelope"},
    "not_funded_epci_cap": {"fr": "Non financé : plafond EPCI", "en": "Not funded: EPCI cap"},
    "not_funded_priority_cap": {"fr": "Non financé : plafond priorité", "en": "Not funded: priority cap"},
    "not_funded_company_cap": {"fr": "Non financé : plafond entreprise", "en": "Not funded: company cap"},
    "not_funded_totals_cap": {"fr": "Non financé : plafond de total", "en": "Not funded: total cap"},
    "not_selected": {"fr": "Non retenu", "en": "Not selected"},
}

# what the objective adds up
OBJECTIVES: dict[str, dict[str, str]] = {
    "value": {
        "fr": "valeur totale (somme des scores des projets financés, pondérés par la part financée)",
        "en": "total value (sum of the funded projects' scores, weighted by the share funded)",
    },
    "weighted_euros": {
        "fr": "euros pondérés par le score (chaque euro compte le score du projet qu'il finance)",
        "en": "score-weighted euros (each euro counts the score of the project it funds)",
    },
}

# the state-aid regimes
REGIMES: dict[str, dict[str, str]] = {
    "none": {"fr": "aucun régime", "en": "no regime"},
    "de_minimis": {"fr": "de minimis (règlement (UE) 2023/2831)", "en": "de minimis (Regulation (EU) 2023/2831)"},
    "gber_art17": {"fr": "RGEC art. 17 (investissement des PME)", "en": "GBER art. 17 (SME investment aid)"},
    "gber_art14_afr": {"fr": "RGEC art. 14 (aides à finalité régionale)", "en": "GBER art. 14 (regional aid)"},
    "gber_art36": {
        "fr": "RGEC art. 36 (protection de l'environnement)",
        "en": "GBER art. 36 (environmental protection)",
    },
    "gber_art38": {"fr": "RGEC art. 38 (efficacité énergétique)", "en": "GBER art. 38 (energy efficiency)"},
}

# how a rule's bound is named: its ceiling, a limit (a rule with a floor, possibly a ceiling too), its floor
BOUNDS: dict[str, dict[str, str]] = {
    "ceiling": {"fr": "le plafond", "en": "the cap"},
    "limit": {"fr": "la limite", "en": "the limit"},
    "floor": {"fr": "le plancher", "en": "the floor"},
}

# what the price of a commitment that is not a rule of the program is about
SUBJECTS: dict[str, dict[str, str]] = {
    "lock": {"fr": "l'obligation de financer {group}", "en": "the obligation to fund {group}"},
    "company_cap": {"fr": "le plafond par entreprise", "en": "the cap per company"},
}
