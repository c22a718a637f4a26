"""The words of the signed record (`optimiser proces-verbal`), in French and English, `{key: {fr, en}}`."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "rec_title": {"fr": "Procès-verbal du comité de pilotage", "en": "Record of the steering committee"},
    "rec_subtitle": {"fr": "Attribution de l'enveloppe — {territory}",
                     "en": "Allocation of the envelope — {territory}"},
    "rec_meeting": {"fr": "Séance du {date}", "en": "Meeting of {date}"},
    "rec_decision": {"fr": "Décision", "en": "Decision"},
    "rec_scenario": {"fr": "Scénario", "en": "Scenario"},
    "rec_committed": {"fr": "Engagé", "en": "Committed"},
    "rec_proof": {"fr": "Preuve d'optimalité", "en": "Proof of optimality"},
    "rec_proof_decision": {
        "fr": "{status} : aucune répartition respectant les règles et les dérogations ci-dessous ne rapporte plus "
              "de points ({value} points).",
        "en": "{status}: no allocation that keeps the rules and the overrides below brings more points "
              "({value} points).",
    },
    "rec_proof_unproven": {
        "fr": "{status} : la répartition n'est PAS prouvée optimale ; ne pas signer en l'état.",
        "en": "{status}: the allocation is NOT proven optimal; do not sign it as it stands.",
    },
    "rec_overrides": {"fr": "Dérogations du comité", "en": "Overrides by the committee"},
    "rec_overrides_none": {
        "fr": "aucune : la décision est la proposition de l'optimiseur",
        "en": "none: the decision is the optimiser's proposal",
    },
    "rec_overrides_some": {
        "fr": "{n}, détaillées sous « Proposition de l'optimiseur et décision du comité » (valeur cédée : "
              "{cost} points, soit {share} de la proposition)",
        "en": "{n}, detailed under “The optimiser's proposal and the committee's decision” (value given up: "
              "{cost} points, {share} of the proposal)",
    },
    "rec_data": {"fr": "Données", "en": "Data"},
    "rec_data_real": {"fr": "données du fichier des candidats", "en": "data of the candidates file"},
    "rec_funded_title": {"fr": "Projets financés", "en": "Projects funded"},
    "rec_funded_more": {"fr": "Liste de {n} projets : la suite est en page 2.",
                        "en": "List of {n} projects: it continues on page 2."},
    "rec_funded_more_title": {"fr": "Projets financés (suite)", "en": "Projects funded (continued)"},
    "rec_marked": {
        "fr": "† : projet dont le financement résulte d'une dérogation du comité (voir « Proposition de "
              "l'optimiseur et décision du comité »).",
        "en": "†: a project whose funding results from an override by the committee (see “The optimiser's "
              "proposal and the committee's decision”).",
    },
    "rec_rules": {"fr": "Règles en vigueur", "en": "Rules in force"},
    "rec_each": {"fr": "{family} (chacun des {n})", "en": "{family} (each of the {n})"},
    "rec_family_epci": {"fr": "Par EPCI, {what}", "en": "Per EPCI, {what}"},
    "rec_family_priority": {"fr": "Par priorité, {what}", "en": "Per priority, {what}"},
    "rec_family_totals": {"fr": "Totaux", "en": "Totals"},
    "rec_floor": {"fr": "plancher {value}", "en": "floor {value}"},
    "rec_cap": {"fr": "plafond {value}", "en": "cap {value}"},
    "rec_binding": {"fr": "atteint", "en": "reached"},
    "rec_binding_some": {"fr": "atteint pour {names}", "en": "reached for {names}"},
    "rec_company_cap": {"fr": "Plafond par entreprise (SIREN)", "en": "Cap per company (SIREN)"},
    "rec_min_score": {"fr": "Score minimal d'éligibilité", "en": "Minimum eligible score"},
    "rec_eligibility": {"fr": "Condition d'éligibilité", "en": "Eligibility condition"},
    "rec_inputs": {"fr": "Empreintes des fichiers d'entrée (SHA-256)",
                   "en": "Fingerprints of the input files (SHA-256)"},
    "rec_replay": {
        "fr": "Le dossier de résultats contient une copie de ces fichiers et manifest.json : « optimiser replay » "
              "refait ce procès-verbal à l'identique.",
        "en": "The results folder holds a copy of these files and manifest.json: “optimiser replay” makes this "
              "record again, byte for byte.",
    },
    "rec_page": {"fr": "page", "en": "page"},
    "rec_of": {"fr": "sur", "en": "of"},
    # page 2: the proposal beside the decision
    "rec_versus": {"fr": "Proposition de l'optimiseur et décision du comité",
                   "en": "The optimiser's proposal and the committee's decision"},
    "rec_versus_none": {
        "fr": "Le comité n'a fait aucune dérogation : la décision est la répartition proposée par l'optimiseur, "
              "optimale au regard des règles en vigueur.",
        "en": "The committee made no override: the decision is the allocation the optimiser proposed, optimal "
              "under the rules in force.",
    },
    "rec_versus_intro": {
        "fr": "La proposition est la répartition optimale du scénario sans dérogation ({proposed} points). La "
              "décision applique les dérogations ci-dessous et reste optimale pour tout le reste ({decided} "
              "points) : elle cède {cost} points, soit {share} de la valeur proposée.",
        "en": "The proposal is the optimal allocation of the scenario without overrides ({proposed} points). "
              "The decision applies the overrides below and stays optimal for everything else ({decided} "
              "points): it gives up {cost} points, {share} of the proposed value.",
    },
    "rec_override_decision": {"fr": "Décision", "en": "Decision"},
    "rec_retenir": {"fr": "retenu", "en": "funded"},
    "rec_ecarter": {"fr": "écarté", "en": "set aside"},
    "rec_by": {"fr": "Par", "en": "By"},
    "rec_on": {"fr": "Le", "en": "On"},
    "rec_proposed": {"fr": "Proposé", "en": "Proposed"},
    "rec_decided": {"fr": "Décidé", "en": "Decided"},
    "rec_cost": {"fr": "Coût seul (points)", "en": "Cost alone (points)"},
    "rec_cost_none": {"fr": "aucun : la proposition le faisait déjà", "en": "none: the proposal already did it"},
    "rec_cost_infeasible": {"fr": "impossible seule : {why}", "en": "impossible alone: {why}"},
    "rec_cost_note": {
        "fr": "Le coût d'une dérogation est la valeur que la proposition perd quand on applique cette seule "
              "dérogation ; ensemble, les dérogations peuvent coûter plus ou moins que la somme de leurs coûts.",
        "en": "An override's cost is the value the proposal loses when that override alone is applied; "
              "together, overrides may cost more or less than the sum of their costs.",
    },
    "rec_moved": {"fr": "Projets dont le montant change", "en": "Projects whose amount changes"},
    "rec_difference": {"fr": "Écart", "en": "Difference"},
    "rec_not_funded": {"fr": "Projets non financés", "en": "Projects not funded"},
    "rec_unfunded": {"fr": "Projets éligibles non financés et leur motif",
                     "en": "Eligible projects not funded, and why"},
    "rec_ineligible": {"fr": "Candidats non éligibles et leur motif", "en": "Ineligible candidates, and why"},
    "rec_signatures": {"fr": "Signatures", "en": "Signatures"},
    "rec_done_at": {"fr": "Fait à ____________________, le {date}.", "en": "Done at ____________________, on {date}."},
    "rec_chair": {"fr": "La présidente ou le président du comité", "en": "The chair of the committee"},
    "rec_secretary": {"fr": "La ou le secrétaire de séance", "en": "The secretary of the meeting"},
    "rec_name_line": {"fr": "Nom :", "en": "Name:"},
    "rec_signature_line": {"fr": "Signature :", "en": "Signature:"},
    # the months, for the record's dates
    "month_1": {"fr": "janvier", "en": "January"},
    "month_2": {"fr": "février", "en": "February"},
    "month_3": {"fr": "mars", "en": "March"},
    "month_4": {"fr": "avril", "en": "April"},
    "month_5": {"fr": "mai", "en": "May"},
    "month_6": {"fr": "juin", "en": "June"},
    "month_7": {"fr": "juillet", "en": "July"},
    "month_8": {"fr": "août", "en": "August"},
    "month_9": {"fr": "septembre", "en": "September"},
    "month_10": {"fr": "octobre", "en": "October"},
    "month_11": {"fr": "novembre", "en": "November"},
    "month_12": {"fr": "décembre", "en": "December"},
}
