"""The words of the scoring grid and of the objective's explanation (`{key: {fr, en}}`), read by `t`."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "grid_title": {"fr": "Grille de notation", "en": "Scoring grid"},
    "grid_intro": {
        "fr": ("Chaque critère est ramené sur une échelle de 0 à 100 ; le score d'un pilier est la somme pondérée "
               "de ses critères, le score total la somme pondérée des piliers. Les poids donnés sont ramenés à une "
               "somme de 1 à chaque niveau."),
        "en": ("Each criterion is put on a 0 to 100 scale; a pillar's score is the weighted sum of its criteria, "
               "the total score the weighted sum of the pillars. The weights given are brought to a sum of 1 at "
               "each level."),
    },
    "grid_pillar": {"fr": "Pilier", "en": "Pillar"},
    "grid_pillar_weight": {"fr": "Poids du pilier", "en": "Pillar weight"},
    "grid_criterion": {"fr": "Critère", "en": "Criterion"},
    "grid_source": {"fr": "Donnée (colonne du fichier)", "en": "Data (file column)"},
    "grid_weight": {"fr": "Poids dans le pilier", "en": "Weight in the pillar"},
    "grid_weight_total": {"fr": "Poids dans le score total", "en": "Weight in the total score"},
    "grid_direction": {"fr": "Sens", "en": "Direction"},
    "grid_scale": {"fr": "Échelle (0 à 100)", "en": "Scale (0 to 100)"},
    "grid_missing": {"fr": "Valeur manquante", "en": "Missing value"},
    "grid_given": {"fr": "{normalised} (donné : {given})", "en": "{normalised} (given: {given})"},
    "grid_range": {"fr": "{low} à {high}", "en": "{low} to {high}"},
    "grid_higher": {"fr": "plus c'est élevé, mieux c'est", "en": "the higher the better"},
    "grid_lower": {"fr": "plus c'est bas, mieux c'est", "en": "the lower the better"},
    "grid_set_by_scale": {"fr": "fixé par l'échelle", "en": "set by the scale"},
    "grid_scale_raw": {"fr": "valeur telle quelle (déjà sur 0 à 100)", "en": "value as it is (already 0 to 100)"},
    "grid_scale_minmax": {
        "fr": "linéaire entre la plus petite et la plus grande valeur des candidats",
        "en": "linear between the candidates' smallest and largest values",
    },
    "grid_scale_rank": {"fr": "rang parmi les candidats (centile)", "en": "rank among the candidates (percentile)"},
    "grid_scale_log": {
        "fr": "logarithmique, puis linéaire entre la plus petite et la plus grande valeur",
        "en": "logarithmic, then linear between the smallest and largest values",
    },
    "grid_scale_piecewise": {"fr": "par paliers : {points}", "en": "piecewise: {points}"},
    "grid_point": {"fr": "{value} → {score}", "en": "{value} → {score}"},
    "grid_scale_threshold": {
        "fr": "100 au-delà du seuil {threshold}, 0 en deçà",
        "en": "100 beyond the threshold {threshold}, 0 short of it",
    },
    "grid_scale_target": {
        "fr": "100 à la cible {target}, 0 à {tolerance} d'écart ou plus",
        "en": "100 at the target {target}, 0 at {tolerance} away or more",
    },
    "grid_missing_worst": {"fr": "note la plus basse (0)", "en": "lowest score (0)"},
    "grid_missing_median": {"fr": "note médiane des candidats", "en": "the candidates' median score"},
    "grid_missing_exclude": {"fr": "candidat exclu", "en": "candidate excluded"},
    "grid_missing_error": {"fr": "refusée (le fichier doit la donner)", "en": "refused (the file must give it)"},
    "sub_score": {"fr": "Score « {pillar} »", "en": "Score '{pillar}'"},
    "points_per_100k": {"fr": "Points par 100 000 € demandés", "en": "Points per €100,000 requested"},
    "objective_title": {"fr": "Comment l'enveloppe est répartie", "en": "How the envelope is shared"},
    "objective_value_partial": {
        "fr": ("L'outil cherche la répartition qui rapporte le plus de points au total, dans le respect de toutes "
               "les règles : chaque projet apporte son score multiplié par la part de sa demande qui est financée. "
               "Un euro accordé à un projet vaut donc son score divisé par le montant demandé : ce sont les "
               "« points par 100 000 € demandés » des tableaux, et non le rang, qui décident. Un projet bien "
               "classé mais coûteux peut ainsi passer après des projets moins bien classés qui apportent plus de "
               "points par euro ; les règles (plafonds par EPCI, par priorité, par entreprise, aides d'État) et "
               "le reste de l'enveloppe font le reste. Valeur atteinte : {value} points."),
        "en": ("The tool looks for the allocation that brings the most points in total while meeting every rule: "
               "each project brings its score times the share of its request that is funded. A euro granted to a "
               "project is therefore worth its score divided by the amount requested: the tables' \"points per "
               "€100,000 requested\", not the rank, decide. A well-ranked but costly project can thus come after "
               "lower-ranked projects that bring more points per euro; the rules (caps per EPCI, per priority, per "
               "company, state aid) and what is left of the envelope do the rest. Value reached: {value} points."),
    },
    "objective_value_whole": {
        "fr": ("L'outil cherche la combinaison de projets, chacun financé en totalité ou pas du tout, qui rapporte "
               "le plus de points au total (la somme des scores des projets retenus) sans dépasser l'enveloppe et "
               "dans le respect de toutes les règles. C'est la combinaison entière qui compte : un projet bien "
               "classé mais coûteux peut céder sa place à plusieurs projets moins bien classés qui, ensemble, "
               "rapportent plus de points pour les mêmes euros (voir les « points par 100 000 € demandés »). "
               "Valeur atteinte : {value} points."),
        "en": ("The tool looks for the combination of projects, each funded in full or not at all, that brings the "
               "most points in total (the sum of the selected projects' scores) within the envelope and every "
               "rule. The whole combination counts: a well-ranked but costly project can give way to several "
               "lower-ranked projects that together bring more points for the same euros (see the \"points per "
               "€100,000 requested\"). Value reached: {value} points."),
    },
    "objective_weighted_euros": {
        "fr": ("L'outil cherche la répartition où chaque euro compte le score du projet qu'il finance : les projets "
               "les mieux notés passent donc en premier, dans l'ordre du rang, tant que les règles (plafonds par "
               "EPCI, par priorité, par entreprise, aides d'État, minimum viable) et l'enveloppe le permettent. "
               "Un projet mieux classé qu'un projet financé n'est écarté que par l'une de ces règles, que son motif "
               "nomme. Valeur atteinte : {value} points (score moyen pondéré par les euros, sur l'enveloppe)."),
        "en": ("The tool looks for the allocation where each euro counts the score of the project it funds: the "
               "best-scored projects therefore come first, in rank order, as far as the rules (caps per EPCI, per "
               "priority, per company, state aid, smallest viable amount) and the envelope allow. A project ranked "
               "above a funded one is left out only by one of those rules, which its reason names. Value reached: "
               "{value} points (euro-weighted average score, over the envelope)."),
    },
    # the notes of a run, for the committee (`reasons.Note`; the terminal keeps the analyst's line)
    "note_no_value": {
        "fr": "Critère « {criterion} » : aucun candidat n'a de valeur ; tous obtiennent 0 sur ce critère.",
        "en": "Criterion '{criterion}': no candidate has a value; every one scores 0 on it.",
    },
    "note_missing_median": {
        "fr": "Critère « {criterion} » : {count} valeur(s) manquante(s) ({ids}), remplacée(s) par la note médiane, "
              "{fill}.",
        "en": "Criterion '{criterion}': {count} missing value(s) ({ids}), given the median score, {fill}.",
    },
    "note_missing_worst": {
        "fr": "Critère « {criterion} » : {count} valeur(s) manquante(s) ({ids}), notée(s) au plus bas, {fill}.",
        "en": "Criterion '{criterion}': {count} missing value(s) ({ids}), given the lowest score, {fill}.",
    },
    "note_weights_pillars": {
        "fr": "Les poids des piliers totalisaient {total} : ils sont ramenés à une somme de 1.",
        "en": "The pillars' weights added up to {total}: they are brought to a sum of 1.",
    },
    "note_weights_criteria": {
        "fr": "Les poids des critères du pilier « {within} » totalisaient {total} : ils sont ramenés à une somme de 1.",
        "en": "The weights of the criteria of pillar '{within}' added up to {total}: they are brought to a sum of 1.",
    },
    "note_ids_more": {"fr": "{ids} et {more} autres", "en": "{ids} and {more} more"},
    "note_hidden_sheets": {
        "fr": "Feuille(s) masquée(s) non lue(s) : {skipped} ; la feuille lue est « {chosen} », la première visible.",
        "en": "Hidden sheet(s) not read: {skipped}; the sheet read is '{chosen}', the first visible one.",
    },
    "note_first_visible": {
        "fr": "Feuille lue : « {chosen} », la première des {count} feuilles visibles ({others} non lue(s)).",
        "en": "Sheet read: '{chosen}', the first of {count} visible sheets ({others} not read).",
    },
    "note_hidden_named": {
        "fr": "La feuille « {chosen} » est masquée dans le classeur ; elle est lue parce que le scénario la nomme.",
        "en": "The sheet '{chosen}' is hidden in the workbook; it is read because the scenario names it.",
    },
    "note_hidden_rows": {
        "fr": "{count} ligne(s) masquée(s) de la feuille « {sheet} » laissée(s) de côté (lignes {rows}), comme le "
              "scénario le demande.",
        "en": "{count} hidden row(s) of the sheet '{sheet}' left out (rows {rows}), as the scenario asks.",
    },
    "note_hidden_columns": {
        "fr": "{count} colonne(s) masquée(s) de la feuille « {sheet} » laissée(s) de côté ({columns}), comme le "
              "scénario le demande.",
        "en": "{count} hidden column(s) of the sheet '{sheet}' left out ({columns}), as the scenario asks.",
    },
}
