"""The words of the reports (HTML, XLSX, Markdown, charts), in French and English, `{key: {fr, en}}`.

Pure data; `catalogue.t(key, lang)` reads it. Labels that come from the data (scenario, company, EPCI and
priority names) are not words of the catalogue: they are shown as given.
"""

from __future__ import annotations

# headings, labels and sentences; `{placeholders}` are filled in by `t`
TEXT: dict[str, dict[str, str]] = {
    "allocation_title": {"fr": "Répartition de l'enveloppe — {name}", "en": "Allocation of the envelope — {name}"},
    "comparison_title": {"fr": "Comparaison des scénarios", "en": "Comparison of the scenarios"},
    "synthetic_title": {"fr": "Données synthétiques.", "en": "Synthetic data."},
    "synthetic_text": {
        "fr": ("Les entreprises, SIREN et chiffres de ce rapport sont fictifs : ils servent à la démonstration "
               "et ne décrivent aucune entreprise réelle."),
        "en": ("The companies, SIRENs and figures of this report are fictitious: they serve the demonstration "
               "and describe no real company."),
    },
    "key_figures": {"fr": "Chiffres clés", "en": "Key figures"},
    "envelope": {"fr": "Enveloppe", "en": "Envelope"},
    "allocated": {"fr": "Attribué", "en": "Allocated"},
    "of_envelope": {"fr": "de l'enveloppe", "en": "of the envelope"},
    "funded_projects": {"fr": "Projets financés", "en": "Projects funded"},
    "of_candidates": {
        "fr": "sur {n} candidats ({eligible} éligibles)",
        "en": "of {n} candidates ({eligible} eligible)",
    },
    "companies": {"fr": "Entreprises aidées", "en": "Companies funded"},
    "epcis_reached": {"fr": "EPCI bénéficiaires", "en": "EPCIs reached"},
    "of_epcis": {"fr": "sur {n}", "en": "of {n}"},
    "funding_mode": {"fr": "Mode de financement", "en": "Funding mode"},
    "funding_partial": {
        "fr": "partiel (entre le minimum viable et le plafond)",
        "en": "partial (between the viable minimum and the cap)",
    },
    "funding_all": {"fr": "tout ou rien", "en": "all or nothing"},
    "objective": {"fr": "Objectif", "en": "Objective"},
    "solve": {"fr": "Résolution", "en": "Solve"},
    "state_aid": {"fr": "Aides d'État", "en": "State aid"},
    "regime": {"fr": "régime {regime}", "en": "regime {regime}"},
    "de_minimis_ceiling": {
        "fr": ", plafond de minimis {amount} par entreprise unique sur 3 ans",
        "en": ", de minimis ceiling {amount} per single undertaking over 3 years",
    },
    "no_state_aid": {"fr": "aucun plafond d'aides d'État appliqué", "en": "no state-aid cap applied"},
    "no_state_aid_why": {"fr": "(le scénario ne fixe pas « state_aid »)", "en": "(the scenario sets no “state_aid”)"},
    "note": {"fr": "Note", "en": "Note"},
    "status_warning": {
        "fr": "Solution non prouvée optimale : une meilleure répartition peut exister.",
        "en": "Solution not proven optimal: a better allocation may exist.",
    },
    "charts": {"fr": "Graphiques", "en": "Charts"},
    "funded_list": {"fr": "Projets financés", "en": "Projects funded"},
    "none_funded": {"fr": "Aucun projet financé.", "en": "No project funded."},
    "rank": {"fr": "Rang", "en": "Rank"},
    "project": {"fr": "Projet", "en": "Project"},
    "company": {"fr": "Entreprise", "en": "Company"},
    "epci": {"fr": "EPCI", "en": "EPCI"},
    "priority": {"fr": "Priorité", "en": "Priority"},
    "score": {"fr": "Score", "en": "Score"},
    "amount": {"fr": "Montant", "en": "Amount"},
    "requested": {"fr": "Demandé", "en": "Requested"},
    "reason": {"fr": "Motif", "en": "Reason"},
    "per_epci": {"fr": "Par EPCI", "en": "Per EPCI"},
    "per_priority": {"fr": "Par priorité", "en": "Per priority"},
    "candidates": {"fr": "Candidats", "en": "Candidates"},
    "eligible": {"fr": "Éligibles", "en": "Eligible"},
    "funded": {"fr": "Financés", "en": "Funded"},
    "share": {"fr": "Part de l'enveloppe", "en": "Share of the envelope"},
    "per_inhabitant": {"fr": "€ par habitant", "en": "€ per inhabitant"},
    "population_year": {"fr": "pop. {year}", "en": "pop. {year}"},
    "label": {"fr": "Intitulé", "en": "Label"},
    "binding": {"fr": "Contraintes saturées", "en": "Binding constraints"},
    "no_binding": {"fr": "Aucune contrainte n'est saturée.", "en": "No constraint binds."},
    "binding_text": {
        "fr": "{what} : {activity} pour un {side} de {bound}",
        "en": "{what}: {activity} against a {side} of {bound}",
    },
    "ceiling": {"fr": "plafond", "en": "ceiling"},
    "floor": {"fr": "plancher", "en": "floor"},
    "unfunded": {
        "fr": "Pourquoi les premiers projets non financés ont manqué",
        "en": "Why the first unfunded projects missed out",
    },
    "all_funded": {"fr": "Tous les projets éligibles sont financés.", "en": "Every eligible project is funded."},
    "reasons": {"fr": "Motifs pour l'ensemble des candidats", "en": "Reasons across all candidates"},
    "code": {"fr": "Code", "en": "Code"},
    "ineligible": {"fr": "Candidats non éligibles", "en": "Ineligible candidates"},
    "traceability": {"fr": "Traçabilité", "en": "Traceability"},
    "candidates_file": {"fr": "Fichier des candidats", "en": "Candidates file"},
    "scenario_file": {"fr": "Scénario", "en": "Scenario"},
    "scenario_sha": {"fr": "SHA-256 du scénario résolu", "en": "SHA-256 of the resolved scenario"},
    "sha": {"fr": "SHA-256", "en": "SHA-256"},
    "version": {"fr": "Version d'optimiser", "en": "optimiser version"},
    "reference_intro": {
        "fr": ("Référence : {name} ({label}) ; sa grille de notation est l'étalon des indicateurs « grille de "
               "référence », et les changements sont montrés par rapport à elle. Classement selon : {indicator}."),
        "en": ("Reference: {name} ({label}); its scoring grid is the yardstick of the \"reference grid\" "
               "indicators, and changes are shown against it. Ranked by: {indicator}."),
    },
    "pareto_intro": {
        "fr": ("Les scénarios qu'aucun autre ne dépasse sur les indicateurs clés forment la première couche, ex "
               "aequo ; ce classement ne favorise aucun scénario par construction (la valeur selon la grille de "
               "la référence, que celle-ci maximise, n'y entre pas)."),
        "en": ("The scenarios that no other beats on the key indicators form the first layer, tied; this ranking "
               "favours no scenario by construction (the value under the reference's grid, which the "
               "reference maximises, is not part of it)."),
    },
    "ranking": {"fr": "Classement", "en": "Ranking"},
    "total_row": {"fr": "Total", "en": "Total"},
    "stage_draws": {"fr": "Tirages des poids", "en": "Weight draws"},
    "stage_reading": {"fr": "Lecture des candidats et du scénario", "en": "Reading the candidates and the scenario"},
    "stage_solving": {"fr": "Notation et résolution exacte", "en": "Scoring and exact solve"},
    "stage_overrides": {"fr": "Coût de chaque dérogation", "en": "Cost of each override"},
    "stage_writing": {"fr": "Écriture des rapports", "en": "Writing the reports"},
    "stage_scenarios": {"fr": "Scénarios résolus", "en": "Scenarios solved"},
    "stage_prices": {"fr": "Prix des règles", "en": "Prices of the rules"},
    "stage_budget": {"fr": "Courbe budgétaire", "en": "Budget curve"},
    "stage_frontier": {"fr": "Frontière entre piliers", "en": "Frontier between pillars"},
    "stage_placing": {"fr": "Placement des scénarios", "en": "Placing the scenarios"},
    "stage_explanations": {"fr": "Explications", "en": "Explanations"},
    "scenario": {"fr": "Scénario", "en": "Scenario"},
    "file": {"fr": "Fichier", "en": "File"},
    "pareto": {"fr": "Pareto", "en": "Pareto"},
    "tied": {"fr": "ex aequo", "en": "tied"},
    "dominated": {"fr": "dominé", "en": "dominated"},
    "dominated_by": {"fr": "dominé par {other} ({indicators})", "en": "dominated by {other} ({indicators})"},
    "not_dominated": {"fr": "non dominé", "en": "not dominated"},
    "pareto_note": {
        "fr": ("Un scénario est dominé quand un autre fait au moins aussi bien sur chaque indicateur clé et "
               "mieux sur l'un d'eux."),
        "en": ("A scenario is dominated when another does at least as well on every key indicator and better on "
               "one of them."),
    },
    "infeasible": {"fr": "Scénarios infaisables", "en": "Infeasible scenarios"},
    "infeasible_one": {"fr": "scénario infaisable", "en": "infeasible scenario"},
    "indicators": {"fr": "Indicateurs", "en": "Indicators"},
    "indicator": {"fr": "Indicateur", "en": "Indicator"},
    "direction": {"fr": "Sens", "en": "Direction"},
    "higher": {"fr": "plus haut = mieux", "en": "higher is better"},
    "lower": {"fr": "plus bas = mieux", "en": "lower is better"},
    "descriptive": {"fr": "descriptif", "en": "descriptive"},
    "key_indicator": {"fr": "clé", "en": "key"},
    "best_note": {
        "fr": "★ : meilleure valeur de la ligne. « clé » : indicateur retenu pour la dominance de Pareto.",
        "en": "★: best value of the row. “key”: indicator used for Pareto dominance.",
    },
    "amounts_epci": {"fr": "Montant par EPCI", "en": "Amount per EPCI"},
    "amounts_priority": {"fr": "Montant par priorité", "en": "Amount per priority"},
    "changes_title": {"fr": "{name} face à la référence", "en": "{name} against the reference"},
    "no_change": {"fr": "Aucun projet ne change.", "en": "No project changes."},
    "move": {"fr": "Mouvement", "en": "Move"},
    "reference": {"fr": "Référence", "en": "Reference"},
    "difference": {"fr": "Écart", "en": "Difference"},
    "cause": {"fr": "Cause", "en": "Cause"},
    "reason_scenario": {"fr": "Motif dans le scénario", "en": "Reason in the scenario"},
    "changes_count": {
        "fr": "Projets qui entrent : {enters} ; qui sortent : {leaves} ; dont le montant change : {amount}.",
        "en": "Projects entering: {enters}; leaving: {leaves}; with a changed amount: {amount}.",
    },
    "yes": {"fr": "oui", "en": "yes"},
    "no": {"fr": "non", "en": "no"},
    "chart_epci_scenarios": {
        "fr": "Montant attribué par EPCI et par scénario",
        "en": "Amount allocated per EPCI and scenario",
    },
    "chart_priority_scenarios": {
        "fr": "Montant attribué par priorité et par scénario",
        "en": "Amount allocated per priority and scenario",
    },
    "chart_score_request": {
        "fr": "Score et montant demandé de chaque candidat",
        "en": "Score and amount requested of every candidate",
    },
    "chart_epci": {"fr": "Montant attribué par EPCI", "en": "Amount allocated per EPCI"},
    "axis_amount": {"fr": "Montant attribué", "en": "Amount allocated"},
    "axis_requested": {"fr": "Montant demandé", "en": "Amount requested"},
    "axis_score": {"fr": "Score", "en": "Score"},
    "legend_full": {"fr": "Financé en totalité", "en": "Funded in full"},
    "legend_partial": {"fr": "Financé partiellement", "en": "Funded in part"},
    "legend_unfunded": {"fr": "Non financé", "en": "Not funded"},
    "legend_ineligible": {"fr": "Non éligible", "en": "Ineligible"},
    "legend_cap": {"fr": "Plafond de l'EPCI", "en": "EPCI cap"},
    "legend_min_score": {"fr": "Score minimal d'éligibilité", "en": "Minimum eligible score"},
    "sheet_summary": {"fr": "Synthèse", "en": "Summary"},
    "sheet_allocation": {"fr": "Attribution", "en": "Allocation"},
    "sheet_epci": {"fr": "Par EPCI", "en": "Per EPCI"},
    "sheet_priority": {"fr": "Par priorité", "en": "Per priority"},
    "sheet_rules": {"fr": "Contraintes", "en": "Constraints"},
    "sheet_parameters": {"fr": "Paramètres", "en": "Parameters"},
    "sheet_ranking": {"fr": "Classement", "en": "Ranking"},
    "sheet_indicators": {"fr": "Indicateurs", "en": "Indicators"},
    "sheet_changes": {"fr": "Changements", "en": "Changes"},
    "item": {"fr": "Élément", "en": "Item"},
    "value": {"fr": "Valeur", "en": "Value"},
    "parameter": {"fr": "Paramètre", "en": "Parameter"},
    "synthetic_data": {"fr": "Données synthétiques", "en": "Synthetic data"},
    "objective_value": {"fr": "Valeur de l'objectif", "en": "Objective value"},
    "solver": {"fr": "Solveur", "en": "Solver"},
    "status": {"fr": "Statut", "en": "Status"},
    "proven_optimal": {"fr": "Optimum prouvé", "en": "Proven optimal"},
    "gap": {"fr": "Écart d'optimalité", "en": "Optimality gap"},
    "candidates_count": {"fr": "Candidats", "en": "Candidates"},
    "eligible_count": {"fr": "Candidats éligibles", "en": "Eligible candidates"},
    "id": {"fr": "Identifiant", "en": "Id"},
    "siren": {"fr": "SIREN", "en": "SIREN"},
    "epci_siren": {"fr": "SIREN de l'EPCI", "en": "EPCI SIREN"},
    "min_eur": {"fr": "Minimum viable", "en": "Viable minimum"},
    "cap_eur": {"fr": "Plafond", "en": "Cap"},
    "reason_label": {"fr": "Motif (catégorie)", "en": "Reason (category)"},
    "population": {"fr": "Population", "en": "Population"},
    "year": {"fr": "Année de population", "en": "Population year"},
    "constraint": {"fr": "Contrainte", "en": "Constraint"},
    "description": {"fr": "Description", "en": "Description"},
    "source": {"fr": "Source (YAML)", "en": "Source (YAML)"},
    "activity": {"fr": "Valeur atteinte", "en": "Value reached"},
    "lower_bound": {"fr": "Plancher", "en": "Floor"},
    "upper_bound": {"fr": "Plafond", "en": "Ceiling"},
    "is_binding": {"fr": "Saturée", "en": "Binding"},
    "unit": {"fr": "Unité", "en": "Unit"},
    "best": {"fr": "Meilleur(s)", "en": "Best"},
    "key": {"fr": "Clé", "en": "Key"},
    "error": {"fr": "Erreur", "en": "Error"},
    "score_reference": {"fr": "Score (référence)", "en": "Score (reference)"},
    "rank_reference": {"fr": "Rang (référence)", "en": "Rank (reference)"},
    "reason_reference": {"fr": "Motif (référence)", "en": "Reason (reference)"},
    "amount_reference": {"fr": "Montant (référence)", "en": "Amount (reference)"},
    "name": {"fr": "Nom", "en": "Name"},
    "territory": {"fr": "Territoire", "en": "Territory"},
    "version_short": {"fr": "optimiser", "en": "optimiser"},
    "scenario_yaml": {"fr": "Fichier du scénario", "en": "Scenario file"},
    "key_indicator_column": {"fr": "Indicateur clé (Pareto)", "en": "Key indicator (Pareto)"},
    "is_eligible": {"fr": "Éligible", "en": "Eligible"},
    "is_funded": {"fr": "Financé", "en": "Funded"},
    "gap_unknown": {"fr": "inconnu", "en": "unknown"},
    "status_proven": {"fr": "optimum prouvé (écart {gap})", "en": "proven optimal (gap {gap})"},
    "status_unproven": {"fr": "NON PROUVÉE OPTIMALE ({message}), écart {gap}",
                        "en": "NOT PROVEN OPTIMAL ({message}), gap {gap}"},
    "colon": {"fr": " : ", "en": ": "},
    # robustness
    "robust_title": {"fr": "Robustesse de l'allocation", "en": "Robustness of the allocation"},
    "robust_core_chart": {
        "fr": "Indice de cœur : part des tirages où le projet est financé",
        "en": "Core index: share of draws in which the project is funded",
    },
    "robust_core_axis": {"fr": "Indice de cœur", "en": "Core index"},
    "robust_budget_chart": {
        "fr": "Valeur optimale selon l'enveloppe (mêmes règles en euros)",
        "en": "Optimal value by envelope (same rules in euros)",
    },
    "robust_scenario_envelope": {"fr": "Enveloppe du scénario", "en": "Scenario's envelope"},
    "robust_frontier_chart": {"fr": "Frontière entre les deux piliers", "en": "Frontier between the two pillars"},
    "robust_draws": {"fr": "{draws} tirages (graine {seed})", "en": "{draws} draws (seed {seed})"},
    "robust_weight_ranges": {"fr": "plages de poids", "en": "weight ranges"},
    "robust_dirichlet": {
        "fr": "Dirichlet, concentration {concentration}",
        "en": "Dirichlet, concentration {concentration}",
    },
    "robust_uncertainty": {"fr": "incertitude : {uncertainty}", "en": "uncertainty: {uncertainty}"},
    "robust_indicators": {"fr": "Indicateurs sur les tirages", "en": "Indicators over the draws"},
    "robust_prices": {"fr": "Ce que coûte chaque règle", "en": "What each rule costs"},
    "robust_budget": {"fr": "Courbe budgétaire", "en": "Budget curve"},
    "robust_explain": {"fr": "À quelle distance du seuil ?", "en": "How far from the cut-off?"},
    "robust_frontier_section": {"fr": "Frontière entre les piliers", "en": "Frontier between the pillars"},
    "robust_core_section": {"fr": "Indice de cœur", "en": "Core index"},
    "robust_class": {"fr": "Classe", "en": "Class"},
    "robust_median": {"fr": "Médiane", "en": "Median"},
    "robust_rule": {"fr": "Règle", "en": "Rule"},
    "robust_price": {"fr": "Prix", "en": "Price"},
    "robust_would_fund": {"fr": "Financerait", "en": "Would fund"},
    "robust_instead_of": {"fr": "Au lieu de", "en": "Instead of"},
    "robust_projects": {"fr": "Projets", "en": "Projects"},
    "robust_next_100k": {"fr": "+100 000 €", "en": "+€100,000"},
    # the frontier between two pillars (optimiser/whatif.py `Frontier`, docs/robustness.md)
    "frontier_intro": {
        "fr": ("Chaque point F1 … F{n} est une allocation permise par les règles de ce scénario, calculée exactement : "
               "elle maximise la valeur « {a} » (sous-score × part financée, sommé) avec « {b} » au moins à un niveau "
               "donné, puis « {b} » avec « {a} » tenu à cet optimum. Aucune allocation permise ne fait mieux qu'un de "
               "ces points sur un pilier sans faire moins bien sur l'autre."),
        "en": ("Each point F1 … F{n} is an allocation this scenario's rules allow, computed exactly: it maximises the "
               "value « {a} » (sub-score × funded share, summed) with « {b} » at least at a given level, then « {b} » "
               "with « {a} » held at that optimum. No allowed allocation does better than one of these points on one "
               "pillar without doing worse on the other."),
    },
    "frontier_between": {
        "fr": ("Entre deux points voisins, d'autres allocations efficaces peuvent exister sans avoir été calculées : "
               "elles sont entre l'escalier du bas (la région dominée par les points calculés) et celui du haut "
               "(aucune allocation permise n'est au-dessus)."),
        "en": ("Between two neighbouring points, other efficient allocations may exist that were not computed: they "
               "lie between the lower staircase (the region the computed points dominate) and the upper one (no "
               "allowed allocation lies above it)."),
    },
    "frontier_placed_intro": {
        "fr": ("Chaque scénario est évalué avec la notation de ce scénario et comparé à l'allocation efficace calculée "
               "pour lui (la meilleure valeur « {a} » à sa valeur « {b} » au moins, puis la meilleure « {b} ») :"),
        "en": ("Each scenario is valued with this scenario's scoring and compared with the efficient allocation "
               "computed for it (the best « {a} » value with at least its « {b} » value, then the best « {b} »):"),
    },
    "frontier_heading": {"fr": "Frontière entre « {a} » et « {b} »", "en": "Frontier between « {a} » and « {b} »"},
    "frontier_point": {"fr": "Point", "en": "Point"},
    "frontier_value": {"fr": "Valeur {pillar}", "en": "{pillar} value"},
    "frontier_scenario": {"fr": "Scénario", "en": "Scenario"},
    "frontier_position": {"fr": "Position", "en": "Position"},
    "frontier_efficient": {
        "fr": "efficace : sur la frontière, aucune allocation permise ne fait mieux sur les deux piliers",
        "en": "efficient: on the frontier, no allowed allocation does better on both pillars",
    },
    "frontier_dominated": {
        "fr": "dominé par {label} : {a} +{gain_a}, {b} +{gain_b}",
        "en": "dominated by {label}: {a} +{gain_a}, {b} +{gain_b}",
    },
    "frontier_outside": {
        "fr": "hors des règles de ce scénario : la frontière ne le borne pas",
        "en": "outside this scenario's rules: the frontier does not bound it",
    },
    "frontier_not_placed": {"fr": "non placé ({reason})", "en": "not placed ({reason})"},
    "frontier_unproven": {
        "fr": "Une résolution au moins n'est pas prouvée optimale : la borne du haut n'est pas tracée.",
        "en": "At least one solve is not proven optimal: the upper bound is not drawn.",
    },
    "frontier_chart_points": {"fr": "Points efficaces calculés", "en": "Computed efficient points"},
    "frontier_chart_dominated": {"fr": "Région dominée par ces points", "en": "Region these points dominate"},
    "frontier_chart_bound": {
        "fr": "Borne : aucune allocation permise au-dessus",
        "en": "Bound: no allowed allocation above",
    },
    "frontier_chart_efficient": {"fr": "{name} (efficace)", "en": "{name} (efficient)"},
    "frontier_chart_dominated_by": {"fr": "{name} (dominé par {label})", "en": "{name} (dominated by {label})"},
    "frontier_chart_outside": {"fr": "{name} (hors des règles)", "en": "{name} (outside the rules)"},
}

# how a project moves between the reference and a scenario
MOVES: dict[str, dict[str, str]] = {
    "enters": {"fr": "entre", "en": "enters"},
    "leaves": {"fr": "sort", "en": "leaves"},
    "amount": {"fr": "montant modifié", "en": "amount changed"},
}

# why it moves
CAUSES: dict[str, dict[str, str]] = {
    "weights": {"fr": "son score change avec les pondérations", "en": "its score changed with the weights"},
    "constraint": {"fr": "une règle de ce scénario s'applique", "en": "a rule of this scenario binds"},
    "budget": {"fr": "l'enveloppe est employée autrement", "en": "the envelope was used differently"},
    "amount": {"fr": "financement partiel : le montant change", "en": "partial funding: the amount changed"},
}

# the name of an indicator's unit
UNITS: dict[str, dict[str, str]] = {
    "eur": {"fr": "€", "en": "€"},
    "share": {"fr": "part", "en": "share"},
    "count": {"fr": "nombre", "en": "count"},
    "tco2e": {"fr": "tCO2e", "en": "tCO2e"},
    "eur_per_tco2e": {"fr": "€/tCO2e", "en": "€/tCO2e"},
    "eur_per_job": {"fr": "€/emploi", "en": "€/job"},
    "ratio": {"fr": "ratio", "en": "ratio"},
    "score": {"fr": "score", "en": "score"},
    "index": {"fr": "indice", "en": "index"},
}

# the robustness class of a candidate over the draws
CLASSES: dict[str, dict[str, str]] = {
    "core": {"fr": "cœur", "en": "core"},
    "borderline": {"fr": "à la marge", "en": "borderline"},
    "exterior": {"fr": "extérieur", "en": "exterior"},
}
