"""Messages of the command line (`cli.py`, `process.py`): results, notes and usage, `{key: {fr, en}}` (see
`messages`)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    # how an error is introduced (process.py)
    "cli_error": {"fr": "Erreur : {text}", "en": "Error: {text}"},
    "cli_infeasible": {"fr": "Infaisable : {text}", "en": "Infeasible: {text}"},
    "cli_warning": {"fr": "Attention : {text}", "en": "Warning: {text}"},
    "cli_internal": {"fr": "Erreur interne : {kind} : {text} (relancez avec --debug pour la trace Python)",
                     "en": "Internal error: {kind}: {text} (run with --debug for the traceback)"},
    "cli_aborted": {"fr": "Interrompu.", "en": "Aborted."},
    # results
    "cli_headline": {"fr": "{name} : {funded} projets financés, {total} sur {envelope} ({status})",
                     "en": "{name}: {funded} projects funded, {total} of {envelope} ({status})"},
    "cli_synthetic": {"fr": "  (données de démonstration synthétiques : entreprises fictives)",
                      "en": "  (synthetic demo data: fictitious companies)"},
    "cli_note": {"fr": "  note : {note}", "en": "  note: {note}"},
    "cli_not_proven": {
        "fr": "résultats écrits, mais non prouvés optimaux (limite de temps du solveur) : {names} ; augmentez "
              "solver.time_limit_s pour obtenir une preuve",
        "en": "results written, but not proven optimal (solver time limit): {names}; raise solver.time_limit_s "
              "to obtain a proof",
    },
    "cli_ranking": {"fr": "Classement selon {indicator} (référence : {reference}) :",
                    "en": "Ranking by {indicator} (reference: {reference}):"},
    "cli_dominated": {"fr": "  [dominé au sens de Pareto par {others}]", "en": "  [Pareto-dominated by {others}]"},
    "cli_dominated_one": {"fr": "{other} sur {indicators}", "en": "{other} on {indicators}"},
    "cli_ranked": {"fr": "  {position}. {name} ({label}) : {value}{flag}",
                   "en": "  {position}. {name} ({label}): {value}{flag}"},
    "cli_infeasible_one": {"fr": "  infaisable : {label} : {error}", "en": "  infeasible: {label}: {error}"},
    "cli_valid_candidates": {
        "fr": "{file} : {count} candidats, aucun problème (donnez -s SCÉNARIO pour vérifier aussi la notation et "
              "les règles).",
        "en": "{file}: {count} candidates, no problem found (give -s SCENARIO to check the scoring and the rules "
              "too).",
    },
    "cli_cannot_be_satisfied": {"fr": "{file} : le scénario ne peut pas être satisfait :",
                                "en": "{file}: the scenario cannot be satisfied:"},
    "cli_valid_with_scenario": {
        "fr": "{file} avec {scenario} : {count} candidats, {open} peuvent être financés ; aucun problème.",
        "en": "{file} with {scenario}: {count} candidates, {open} may be funded; no problem found.",
    },
    "cli_scores_suffix": {"fr": "{output} : écrivez les scores dans un fichier .csv ou .xlsx (reçu : {suffix})",
                          "en": "{output}: write the scores to a .csv or an .xlsx file (got {suffix})"},
    "cli_no_extension": {"fr": "aucune extension", "en": "no extension"},
    "cli_exists": {"fr": "{output} existe déjà ; ajoutez --force pour le remplacer",
                   "en": "{output} already exists; pass --force to overwrite it"},
    "cli_wrote_scores": {"fr": "écrit {output} ({count} candidats)", "en": "wrote {output} ({count} candidates)"},
    "cli_wrote_folder": {"fr": "  écrit {files} et la copie des entrées dans {outdir}",
                         "en": "  wrote {files} and the inputs' copy in {outdir}"},
    "cli_record_needs": {
        "fr": "indiquez le scénario (-s) et le dossier de sortie (-o), ou un DOSSIER de résultats",
        "en": "give the scenario (-s) and the output folder (-o), or a results FOLDER",
    },
    "cli_overrides": {
        "fr": "  {count} dérogation(s) : la décision cède {cost} points sur les {value} de la proposition",
        "en": "  {count} override(s): the decision gives up {cost} points of the proposal's {value}",
    },
    "cli_wrote_record": {
        "fr": "  écrit le procès-verbal du {date}, proces-verbal.pdf, avec {files} et la copie des entrées dans "
              "{outdir}",
        "en": "  wrote the record of {date}, proces-verbal.pdf, with {files} and the inputs' copy in {outdir}",
    },
    "cli_record_future": {
        "fr": "le procès-verbal est daté du {date}, après aujourd'hui ({today}) : vérifiez --date avant de le faire "
              "signer",
        "en": "the record is dated {date}, after today ({today}): check --date before it is signed",
    },
    "cli_demo_data": {"fr": "Données de démonstration : {file} (SYNTHÉTIQUES : entreprises et chiffres fictifs)",
                      "en": "Demo data: {file} (SYNTHETIC: fictitious companies and figures)"},
    "cli_results_in": {"fr": "Résultats dans {outdir}/ : comparison.*, {folders} et inputs/",
                       "en": "Results in {outdir}/: comparison.*, {folders} and inputs/"},
    "cli_outside": {
        "fr": "{path} a été lu hors de {outdir} : un « extends: » écrit en chemin absolu ; le dossier ne se rejoue "
              "que là où est ce fichier (écrivez-le relativement à son scénario)",
        "en": "{path} was read from outside {outdir}: an `extends:` written as an absolute path; the folder "
              "replays only where that file is (write it relative to its scenario)",
    },
    "cli_draws": {
        "fr": "  {draws} tirages (graine {seed}) : {core} candidats au cœur, {borderline} en bordure, {exterior} "
              "à l'extérieur",
        "en": "  {draws} draws (seed {seed}): {core} core, {borderline} borderline, {exterior} exterior candidates",
    },
    "cli_wrote_robustness": {
        "fr": "  écrit {count} fichiers et la copie des entrées dans {outdir} (robustness.md d'abord)",
        "en": "  wrote {count} files and the inputs' copy in {outdir} (robustness.md first)",
    },
    "cli_replayed": {
        "fr": "Rejoué {source} : ses {count} fichiers (résultats, manifestes, copies des entrées) sont identiques "
              "octet pour octet à ceux que le rejeu a écrits dans {outdir}.",
        "en": "Replayed {source}: its {count} files (results, manifests, inputs' copies) are identical byte for "
              "byte to those the replay wrote in {outdir}.",
    },
    "cli_replay_differs": {"fr": "Le rejeu dans {outdir} diffère de {source} :",
                           "en": "The replay in {outdir} differs from {source}:"},
    "cli_verify_differs": {"fr": "{folder} : les fichiers ne sont pas ceux que son manifest.json enregistre :",
                           "en": "{folder}: the files are not those its manifest.json records:"},
    "cli_verified": {
        "fr": "{folder} : les {count} fichiers correspondent à manifest.json (SHA-256). Cela montre que ce sont "
              "les fichiers que le manifeste enregistre ; « optimiser replay » montre que manifeste et fichiers "
              "sont ce que donnent les entrées.",
        "en": "{folder}: the {count} files match manifest.json (SHA-256). This shows they are the files the "
              "manifest records; `optimiser replay` shows the manifest and files are what the inputs give.",
    },
    "cli_wrote": {"fr": "écrit {path}", "en": "wrote {path}"},
}
