"""The words of robustness.md (`{key: {fr, en}}`), read by `t`; the page's and the charts' are in reports.py."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "rob_mode_ranges": {"fr": "tirage uniforme dans les plages de poids du scénario",
                        "en": "uniform draws within the scenario's weight ranges"},
    "rob_mode_dirichlet": {"fr": "tirages de Dirichlet centrés sur les poids du scénario (concentration {k})",
                           "en": "Dirichlet draws centred on the scenario's weights (concentration {k})"},
    "rob_draws_line": {"fr": "{draws} tirages (graine {seed}), {solved} résolus exactement ; poids : {mode}.",
                       "en": "{draws} draws (seed {seed}), {solved} solved exactly; weights: {mode}."},
    "rob_uncertainty_line": {"fr": "Incertitude sur les données : {what}.", "en": "Uncertainty on the data: {what}."},
    "rob_none": {"fr": "aucune", "en": "none"},
    "rob_classes_line": {
        "fr": ("Classes : cœur si financé dans au moins {core} des tirages, extérieur si au plus {exterior}, à la "
               "marge entre les deux."),
        "en": ("Classes: core if funded in at least {core} of the draws, exterior if in at most {exterior}, "
               "borderline in between."),
    },
    "rob_core_heading": {"fr": "Indice de cœur des candidats financés ou à la marge",
                         "en": "Core index of the funded or borderline candidates"},
    "rob_funded_configured": {"fr": "Financé (poids du scénario)", "en": "Funded (scenario's weights)"},
    "rob_median_amount": {"fr": "Montant médian", "en": "Median amount"},
    "rob_split": {"fr": "Répartition : {counts}.", "en": "Split: {counts}."},
    "rob_indicators_heading": {"fr": "Indicateurs sur l'ensemble des tirages", "en": "Indicators over all the draws"},
    "rob_at_weights": {"fr": "Poids du scénario", "en": "Scenario's weights"},
    "rob_price_not_evaluated": {"fr": "{what} : non évalué ({status}).", "en": "{what}: not evaluated ({status})."},
    "rob_price_free": {"fr": "{what} : ne coûte rien.", "en": "{what}: costs nothing."},
    "rob_price_swap": {"fr": " ; sans cette règle, on financerait {fund}",
                       "en": "; without this rule, {fund} would be funded"},
    "rob_price_instead": {"fr": " au lieu de {drop}", "en": " instead of {drop}"},
    "rob_price_cost": {"fr": "{what} coûte {share} de la valeur totale ({points} points){swap}.",
                       "en": "{what} costs {share} of the total value ({points} points){swap}."},
    "rob_no_price": {"fr": "Aucune règle ne coûte de valeur à cette allocation.",
                     "en": "No rule costs this allocation any value."},
    "rob_free": {"fr": "Ne coûtent rien ({n} règles) : {rules}.", "en": "Cost nothing ({n} rules): {rules}."},
    "rob_duals": {
        "fr": ("La valeur duale de la relaxation continue (constraint_prices.csv) donne en regard la valeur "
               "marginale d'un euro ou d'un projet de plus pour chaque règle."),
        "en": ("The dual value of the continuous relaxation (constraint_prices.csv) gives alongside the marginal "
               "value of one more euro or one more project for each rule."),
    },
    "rob_budget_note": {"fr": "Les autres règles restent fixées en euros ; le minimum de dépense n'est pas imposé.",
                        "en": "The other rules stay fixed in euros; the minimum spend is not imposed."},
    "rob_next_100k": {"fr": "Valeur des 100 000 € suivants", "en": "Value of the next €100,000"},
    "rob_added": {"fr": "Projets ajoutés", "en": "Projects added"},
    "rob_score_change": {"fr": "Variation de score qui change la décision",
                         "en": "Score change that flips the decision"},
    "rob_no_candidate": {"fr": "Aucun candidat.", "en": "No candidate."},
    # how exact a distance to the cut-off is (whatif.explain's `note`)
    "rob_note_exact": {"fr": "exact à 0,001 point près", "en": "exact to 0.001 points"},
    "rob_note_blocked": {"fr": "non financé même avec un score bien au-delà de 100 : une règle le bloque, pas son "
                                "score",
                         "en": "not funded even with a score far above 100: a rule blocks it, not its score"},
    "rob_note_held": {"fr": "encore financé avec un score de 0 : un plancher ou un verrou le retient",
                      "en": "still funded with a score of 0: a floor or a lock holds it"},
}
