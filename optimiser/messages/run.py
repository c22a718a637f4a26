"""Messages of a run (`app/`, `process.py`, `errors.py`, `feasibility.py`, `allocation.py`, `comparison.py`,
`decision.py`, `milp/`, `report/`), `{key: {fr, en}}` (see `messages`)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "run_decision_infeasible": {
        "fr": "sans ses dérogations le scénario est faisable : ce sont elles qui ne tiennent pas ensemble avec ses "
              "règles ({overrides})",
        "en": "without its overrides the scenario is feasible: they are what cannot hold together with its rules "
              "({overrides})",
    },
    "run_pdf_glyph": {
        "fr": "le caractère « {character} » ne peut pas être imprimé dans le procès-verbal (ses polices couvrent "
              "les alphabets latin, grec et cyrillique) ; il figure dans : {where}",
        "en": "the character “{character}” cannot be printed in the record (its fonts cover the Latin, Greek and "
              "Cyrillic alphabets); it is in: {where}",
    },
    # errors.py: a stop by a signal
    "run_stopped_nothing": {
        "fr": "Arrêté par {signal} : rien n'a été écrit.",
        "en": "Stopped by {signal}: nothing was written.",
    },
    "run_stopped_after_written": {
        "fr": "Arrêté par {signal} après l'écriture complète de {outdir}.",
        "en": "Stopped by {signal} after {outdir} was written in full.",
    },
    "run_stopped_as_it_was": {
        "fr": "Arrêté par {signal} : rien n'a été écrit ({outdir} est tel qu'il était).",
        "en": "Stopped by {signal}: nothing was written ({outdir} is as it was).",
    },
    "run_stopped_not_created": {
        "fr": "Arrêté par {signal} : rien n'a été écrit ({outdir} n'a pas été créé).",
        "en": "Stopped by {signal}: nothing was written ({outdir} was not created).",
    },
    # errors.py: an operating-system error's cause and what to do
    "run_cause_disk_full": {
        "fr": "le disque est plein : libérez de la place, ou écrivez ailleurs",
        "en": "the disk is full: free some space, or write elsewhere",
    },
    "run_cause_quota": {
        "fr": "le quota de disque est dépassé : libérez de la place, ou écrivez ailleurs",
        "en": "the disk quota is exceeded: free some space, or write elsewhere",
    },
    "run_cause_read_only": {
        "fr": "le système de fichiers est en lecture seule : choisissez un dossier sur un disque accessible "
              "en écriture",
        "en": "the file system is read-only: choose a folder on a writable disk",
    },
    "run_cause_permission": {
        "fr": "permission refusée : choisissez un dossier où vous pouvez écrire, ou demandez le droit d'écrire ici",
        "en": "permission denied: choose a folder you may write to, or ask for the right to write here",
    },
    "run_cause_not_permitted": {
        "fr": "opération non permise : choisissez un dossier où vous pouvez écrire, ou demandez le droit "
              "d'écrire ici",
        "en": "operation not permitted: choose a folder you may write to, or ask for the right to write here",
    },
    "run_cause_not_a_folder_part": {
        "fr": "une partie de ce chemin est un fichier, pas un dossier : choisissez un autre chemin",
        "en": "a part of this path is a file, not a folder: choose another path",
    },
    "run_cause_exists_not_folder": {
        "fr": "il existe et n'est pas un dossier : choisissez un autre chemin",
        "en": "it exists and is not a folder: choose another path",
    },
    "run_cause_is_folder": {
        "fr": "c'est un dossier, pas un fichier : choisissez un autre chemin",
        "en": "it is a folder, not a file: choose another path",
    },
    "run_cause_name_too_long": {
        "fr": "le nom est trop long : choisissez un chemin plus court",
        "en": "the name is too long: choose a shorter path",
    },
    "run_cause_io": {
        "fr": "le disque a signalé une erreur d'entrée/sortie : vérifiez le disque, ou écrivez ailleurs",
        "en": "the disk reported an input/output error: check the disk, or write elsewhere",
    },
    "run_cause_other_disk": {
        "fr": "il est sur un autre disque que son dossier (un point de montage) : choisissez un dossier à "
              "l'intérieur",
        "en": "it is on another disk than its folder (a mount point): choose a folder inside it",
    },
    "run_cause_other": {
        "fr": "{error} : vérifiez le chemin et le disque",
        "en": "{error}: check the path and the disk",
    },
    # app/outdir.py: the output folder
    "run_outdir_not_a_folder_name": {
        "fr": "{folder} ne peut pas être un dossier de résultats : nommez un dossier à l'intérieur",
        "en": "{folder} cannot be an output folder: name a folder inside it",
    },
    "run_outdir_exists_not_folder": {
        "fr": "{folder} existe et n'est pas un dossier : choisissez un autre chemin",
        "en": "{folder} exists and is not a folder: choose another path",
    },
    "run_outdir_restored": {
        "fr": "{folder} rétabli à partir de {previous}, qu'avait laissé une exécution arrêtée pendant son "
              "remplacement",
        "en": "restored {folder} from {previous}, left by a run stopped while replacing it",
    },
    "run_outdir_removed_previous": {
        "fr": "{previous} supprimé : des résultats antérieurs laissés par une exécution arrêtée après leur "
              "remplacement",
        "en": "removed {previous}, earlier results left by a run stopped after replacing them",
    },
    "run_outdir_removed_staging": {
        "fr": "{staging} supprimé : laissé inachevé par une exécution qui a été arrêtée",
        "en": "removed {staging}, left unfinished by a run that was stopped",
    },
    "run_outdir_unwritten_as_it_was": {
        "fr": "les résultats n'ont pas pu être écrits : {problem}. Rien n'a été écrit : {folder} est tel qu'il "
              "était.",
        "en": "the results could not be written: {problem}. Nothing was written: {folder} is as it was.",
    },
    "run_outdir_unwritten_not_created": {
        "fr": "les résultats n'ont pas pu être écrits : {problem}. Rien n'a été écrit : {folder} n'a pas été créé.",
        "en": "the results could not be written: {problem}. Nothing was written: {folder} was not created.",
    },
    "run_outdir_locked": {
        "fr": "{folder} est en cours d'écriture par une autre exécution d'optimiser ({holder}) : attendez "
              "qu'elle se termine, ou choisissez un autre dossier",
        "en": "{folder} is being written by another optimiser run ({holder}); wait for it to finish, or choose "
              "another folder",
    },
    "run_outdir_lock_holder": {
        "fr": "processus {pid}, lancé le {started}",
        "en": "process {pid}, started {started}",
    },
    "run_outdir_just_started": {
        "fr": "une exécution qui vient de démarrer",
        "en": "a run that has just started",
    },
    "run_outdir_foreign_files": {
        "fr": "{folder} contient des fichiers qu'optimiser n'a pas écrits ({files}) ; remplacer le dossier les "
              "perdrait : déplacez-les, ou choisissez un autre dossier",
        "en": "{folder} holds files that optimiser did not write ({files}); replacing the folder would lose "
              "them: move them out, or choose another folder",
    },
    "run_outdir_holds_results": {
        "fr": "{folder} contient déjà des résultats ({files}) ; choisissez un autre dossier, ou indiquez "
              "--force pour les remplacer",
        "en": "{folder} already holds results ({files}); choose another folder, or pass --force to replace them",
    },
    "run_some_more": {
        "fr": "{names} et {more} autres",
        "en": "{names} and {more} more",
    },
    # app/manifest.py: reading a manifest
    "run_manifest_path_inside": {
        "fr": "un chemin à l'intérieur du dossier est attendu, par exemple inputs/candidats.csv",
        "en": "expected a path inside the folder, such as inputs/candidats.csv",
    },
    "run_manifest_long_number": {
        "fr": "il contient un nombre de {digits} chiffres ({start}…)",
        "en": "it holds a number of {digits} digits ({start}…)",
    },
    "run_manifest_too_large": {
        "fr": "le fichier dépasse {limit} octets",
        "en": "the file is larger than {limit} bytes",
    },
    "run_manifest_advice": {
        "fr": "utilisez le manifest.json écrit par l'exécution (il a peut-être été modifié ou tronqué)",
        "en": "use the manifest.json the run wrote (it may have been edited or truncated)",
    },
    "run_manifest_unreadable": {
        "fr": "{path} : le manifeste ne peut pas être lu : {error}",
        "en": "{path}: the manifest cannot be read: {error}",
    },
    "run_manifest_too_deep": {
        "fr": "{path} n'est pas un manifeste : le JSON est imbriqué trop profondément ; {advice}",
        "en": "{path} is not a manifest: the JSON is nested too deeply; {advice}",
    },
    "run_manifest_not_json": {
        "fr": "{path} n'est pas un manifeste : {error} ; {advice}",
        "en": "{path} is not a manifest: {error}; {advice}",
    },
    "run_manifest_top": {
        "fr": "(racine)",
        "en": "(top)",
    },
    "run_manifest_invalid_one": {
        "fr": "{path} n'est pas un manifeste optimiser valide (1 problème) ; {advice}",
        "en": "{path} is not a valid optimiser manifest (1 problem); {advice}",
    },
    "run_manifest_invalid_many": {
        "fr": "{path} n'est pas un manifeste optimiser valide ({count} problèmes) ; {advice}",
        "en": "{path} is not a valid optimiser manifest ({count} problems); {advice}",
    },
    "run_manifest_missing_key": {
        "fr": "cette clé est obligatoire",
        "en": "Field required",
    },
    "run_manifest_unknown_key": {
        "fr": "clé inconnue",
        "en": "Extra inputs are not permitted",
    },
    # app/manifest.py: a folder's inputs and files against its manifest
    "run_role_candidates": {
        "fr": "le fichier des candidats",
        "en": "candidates file",
    },
    "run_role_scenario": {
        "fr": "le fichier de scénario",
        "en": "scenario file",
    },
    "run_role_extends": {
        "fr": "le fichier étendu par un scénario (extends)",
        "en": "extends file",
    },
    "run_role_territory": {
        "fr": "le fichier de territoire",
        "en": "territory file",
    },
    "run_role_copied": {
        "fr": "le fichier d'entrée copié",
        "en": "copied input file",
    },
    "run_role_other": {
        "fr": "le fichier « {role} »",
        "en": "{role} file",
    },
    "run_input_missing": {
        "fr": "{role} {path} est absent",
        "en": "{role} {path} is missing",
    },
    "run_input_changed": {
        "fr": "{role} {path} a changé depuis l'exécution (SHA-256 enregistré {was}…, actuel {now}…)",
        "en": "{role} {path} has changed since the run (SHA-256 was {was}…, now {now}…)",
    },
    "run_verify_missing": {
        "fr": "{name} est absent",
        "en": "{name} is missing",
    },
    "run_verify_added": {
        "fr": "{name} a été ajouté : le manifeste ne le mentionne pas",
        "en": "{name} was added: the manifest does not list it",
    },
    "run_verify_differs": {
        "fr": "{name} diffère du SHA-256 enregistré dans le manifeste",
        "en": "{name} differs from the SHA-256 the manifest records",
    },
    "run_replay_missing": {
        "fr": "{name} est absent de {folder}",
        "en": "{name} is missing from {folder}",
    },
    "run_replay_added": {
        "fr": "{name} a été ajouté à {folder} : le rejeu ne l'écrit pas",
        "en": "{name} was added to {folder}: the replay does not write it",
    },
    "run_replay_differs": {
        "fr": "{name} diffère",
        "en": "{name} differs",
    },
    "run_version_note": {
        "fr": "{name} {then} à l'enregistrement, {now} aujourd'hui",
        "en": "{name} {then} when recorded, {now} now",
    },
    "run_version_not_recorded": {
        "fr": "(non consignée)",
        "en": "not recorded",
    },
    "run_version_absent": {
        "fr": "absent",
        "en": "absent",
    },
    "run_record_of_comparison": {
        "fr": "{folder} contient une comparaison de {count} scénarios : indiquez le dossier de celui sur lequel "
              "le comité se prononce ({folders})",
        "en": "{folder} holds a comparison of {count} scenarios: give the folder of the one the committee decides "
              "on ({folders})",
    },
    "run_record_outside": {
        "fr": "{folder} : son manifest.json fait lire des fichiers hors de {inputs} ; un procès-verbal ne se fait "
              "qu'à partir des copies que le dossier contient (refaites le dossier avec « optimiser allocate »)",
        "en": "{folder}: its manifest.json reads files outside {inputs}; a record is made only from the copies the "
              "folder holds (make the folder again with `optimiser allocate`)",
    },
    "run_record_inside": {
        "fr": "{outdir} est dans le dossier de résultats {top} : le procès-verbal s'écrit à côté, pour que ce "
              "dossier reste celui que son manifest.json enregistre (par défaut : {default})",
        "en": "{outdir} is inside the results folder {top}: the record is written beside it, so that the folder "
              "stays what its manifest.json records (default: {default})",
    },
    "run_record_other_proposal": {
        "fr": "{decision} ne reprend pas le scénario de {folder} ({shown}) : une décision étend (« extends: ») le "
              "scénario présenté au comité ; écrivez « extends: » vers {shown}, ou donnez les fichiers avec "
              "CANDIDATS -s SCÉNARIO",
        "en": "{decision} does not build on the scenario of {folder} ({shown}): a decision extends (`extends:`) "
              "the scenario shown to the committee; write `extends:` to {shown}, or give the files as CANDIDATES "
              "-s SCENARIO",
    },
    "run_record_one_subfolder": {
        "fr": "un des sous-dossiers",
        "en": "one sub-folder",
    },
    "run_record_inputs_changed": {
        "fr": "{folder} : ses entrées ne sont pas celles de l'exécution enregistrée",
        "en": "{folder}: its inputs are not those of the recorded run",
    },
    "run_manifest_value_error": {
        "fr": "{message}",
        "en": "Value error, {message}",
    },
    # app/requests.py: a recorded request
    "run_request_located": {
        "fr": "un chemin relatif au dossier, ou un chemin absolu, est attendu",
        "en": "expected a path relative to the folder, or an absolute one",
    },
    "run_request_day": {
        "fr": "un jour écrit AAAA-MM-JJ est attendu",
        "en": "expected a day written AAAA-MM-JJ",
    },
    # app/run.py: a replay
    "run_replay_part_of": {
        "fr": "{manifest} fait partie des résultats de {folder} ({part_of}) : rejouez ce dossier : "
              "optimiser replay {folder} -o NOUVEAU",
        "en": "{manifest} is part of the results in {folder} ({part_of}): replay that folder: optimiser replay "
              "{folder} -o NEW",
    },
    "run_replay_over_original": {
        "fr": "{folder} est ou contient {original} : un rejeu ne doit pas remplacer ce qu'il vérifie ; "
              "choisissez un autre dossier",
        "en": "{folder} is or holds {original}: a replay must not replace what it checks; choose another folder",
    },
    "run_replay_strays": {
        "fr": "{manifest} : la demande lit {files}, que le dossier {inputs}/ ne contient pas ; utilisez le "
              "manifest.json écrit par l'exécution",
        "en": "{manifest}: the request reads {files}, which the folder's {inputs}/ does not hold; use the "
              "manifest.json the run wrote",
    },
    "run_replay_give_inputs": {
        "fr": "indiquez --inputs DOSSIER, un dossier contenant les fichiers d'origine disposés comme l'était "
              "{location} ({layout})",
        "en": "give --inputs DIR, a folder holding the original files laid out as {location} was ({layout})",
    },
    "run_replay_inputs_layout": {
        "fr": "{inputs} doit contenir les fichiers d'origine disposés comme l'était {copies}/ ({layout})",
        "en": "{inputs} must hold the original files laid out as {copies}/ was ({layout})",
    },
    "run_replay_inputs_changed": {
        "fr": "{manifest} : les entrées ne sont pas celles de l'exécution enregistrée ; {hint}",
        "en": "{manifest}: the inputs are not those of the recorded run; {hint}",
    },
    "run_replay_changed_while_copied": {
        "fr": "{source} a changé pendant sa copie ; relancez le rejeu",
        "en": "{source} changed while it was being copied; run the replay again",
    },
    "run_replay_version": {
        "fr": "version : {note}",
        "en": "version: {note}",
    },
    "run_replay_inputs_elsewhere": {
        "fr": "{original} ne contient aucune copie de ses entrées : elles ont été prises dans {inputs}, "
              "vérifiées par SHA-256",
        "en": "{original} holds no copy of its inputs: they were taken from {inputs}, checked by SHA-256",
    },
    # feasibility.py: what a rule bounds, and its quantities
    "run_who_envelope": {
        "fr": "l'enveloppe",
        "en": "the envelope",
    },
    "run_who_epci": {
        "fr": "l'EPCI {group}",
        "en": "EPCI {group}",
    },
    "run_who_priority": {
        "fr": "la priorité {group}",
        "en": "priority {group}",
    },
    "run_who_company": {
        "fr": "l'entreprise {group}",
        "en": "company {group}",
    },
    "run_who_de_minimis": {
        "fr": "l'entreprise unique {group} (de minimis)",
        "en": "de minimis undertaking {group}",
    },
    "run_who_total": {
        "fr": "le total {group}",
        "en": "total {group}",
    },
    "run_eur": {
        "fr": "{amount}\u00a0€",
        "en": "EUR {amount}",
    },
    "run_projects_one": {
        "fr": "{count} projet",
        "en": "{count} project",
    },
    "run_projects_many": {
        "fr": "{count} projets",
        "en": "{count} projects",
    },
    # feasibility.py: conflicts seen without solving
    "run_pre_locked_closed": {
        "fr": "{id} doit obligatoirement être financé ({source}) mais ne peut pas l'être : {reason}",
        "en": "{id} is locked in ({source}) but cannot be funded: {reason}",
    },
    "run_pre_fund_at_least_one": {
        "fr": "{who} doit financer au moins {least} mais n'a que {count} candidat éligible ({source})",
        "en": "{who} must fund at least {least} but has {count} eligible candidate ({source})",
    },
    "run_pre_fund_at_least_many": {
        "fr": "{who} doit financer au moins {least} mais n'a que {count} candidats éligibles ({source})",
        "en": "{who} must fund at least {least} but has {count} eligible candidates ({source})",
    },
    "run_pre_needs_at_least": {
        "fr": "{who} demande au moins {least} mais ses candidats éligibles peuvent recevoir au plus {most} "
              "({source})",
        "en": "{who} needs at least {least} but its eligible candidates can take at most {most} ({source})",
    },
    "run_pre_locked_above": {
        "fr": "avec les projets à financer obligatoirement, {who} atteint {forced}, au-delà de son maximum de {most} "
              "({source})",
        "en": "the projects locked in give {who} {forced}, above its maximum of {most} ({source})",
    },
    "run_pre_epci_floors": {
        "fr": "les minimums par EPCI totalisent {floors} mais l'enveloppe est de {envelope} (constraints.epci)",
        "en": "the EPCI minimums add up to {floors} but the envelope is {envelope} (constraints.epci)",
    },
    "run_pre_priority_floors": {
        "fr": "les minimums par priorité totalisent {floors} mais l'enveloppe est de {envelope} "
              "(constraints.priority)",
        "en": "the priority minimums add up to {floors} but the envelope is {envelope} (constraints.priority)",
    },
    # feasibility.py: the least relaxation
    "run_no_relaxation": {
        "fr": "aucun assouplissement n'a pu être calculé ({status}) ; vérifiez les financements obligatoires "
              "et les minimums par groupe",
        "en": "no relaxation could be computed ({status}); check the locks and the group minimums",
    },
    "run_release_lock": {
        "fr": "l'obligation de financer {id} ({source}) doit être levée",
        "en": "the lock on {id} ({source}) must be released",
    },
    "run_minimum_gives_way": {
        "fr": "{who} : le minimum de {bound} doit céder de {amount} ({source})",
        "en": "{who}: the minimum of {bound} must give way by {amount} ({source})",
    },
    "run_maximum_gives_way": {
        "fr": "{who} : le maximum de {bound} doit céder de {amount} ({source})",
        "en": "{who}: the maximum of {bound} must give way by {amount} ({source})",
    },
    "run_no_rule_named": {
        "fr": "le solveur a déclaré le scénario infaisable, mais aucune règle précise n'a pu être désignée",
        "en": "the solver reported the scenario infeasible but no single rule could be named",
    },
    # a solver's status
    "run_status_optimal": {
        "fr": "optimal",
        "en": "optimal",
    },
    "run_status_feasible": {
        "fr": "réalisable",
        "en": "feasible",
    },
    "run_status_infeasible": {
        "fr": "infaisable",
        "en": "infeasible",
    },
    "run_status_no_solution": {
        "fr": "aucune solution",
        "en": "no_solution",
    },
    "run_status_error": {
        "fr": "erreur",
        "en": "error",
    },
    # milp/: what the solver says
    "run_cbc_stopped": {
        "fr": "arrêté avant la preuve d'optimalité",
        "en": "stopped before proof",
    },
    "run_cbc_no_solution": {
        "fr": "aucune solution trouvée dans le temps imparti",
        "en": "no solution found in time",
    },
    "run_highs_time_limit": {
        "fr": "Limite de temps atteinte",
        "en": "Time limit reached",
    },
    "run_highs_iterations": {
        "fr": "Limite d'itérations atteinte",
        "en": "Iteration limit reached",
    },
    "run_highs_interrupted": {
        "fr": "Interrompu par l'utilisateur",
        "en": "Interrupted by user",
    },
    "run_highs_solutions": {
        "fr": "Limite de solutions atteinte",
        "en": "Solution limit reached",
    },
    "run_unknown_solver": {
        "fr": "solveur inconnu {solver} ('highs' ou 'cbc' attendu)",
        "en": "unknown solver {solver} (expected 'highs' or 'cbc')",
    },
    "run_highs_missing_cbc": {
        "fr": "HiGHS (highspy) n'est pas installé : résolu avec CBC, fourni avec le paquet, à la place",
        "en": "HiGHS (highspy) is not installed: solved with the bundled CBC instead",
    },
    "run_deadline_stopped": {
        "fr": "limite de temps atteinte : le solveur a été arrêté à l'échéance",
        "en": "time limit reached: the solver was stopped at the deadline",
    },
    "run_no_whole_answer": {
        "fr": "limite de temps atteinte avant qu'une réponse en euros entiers soit trouvée",
        "en": "time limit reached before an answer in whole euros was found",
    },
    "run_resolver_needs_highs": {
        "fr": "les analyses par résolutions successives (sensibilité, prix, courbe budgétaire, frontière) "
              "demandent HiGHS : pip install highspy",
        "en": "re-solving analyses (sensitivity, prices, budget curve, frontier) need HiGHS: pip install highspy",
    },
    "run_child_killed": {
        "fr": "tué par {signal}",
        "en": "killed by {signal}",
    },
    "run_child_exit_code": {
        "fr": "code de sortie {code}",
        "en": "exit code {code}",
    },
    "run_child_no_answer": {
        "fr": "le processus du solveur s'est terminé sans réponse ({how})",
        "en": "the solver process ended without an answer ({how})",
    },
    "run_child_failed": {
        "fr": "le processus du solveur a échoué : {error}",
        "en": "the solver process failed: {error}",
    },
    # allocation.py
    "run_infeasible": {
        "fr": "Le scénario ne peut pas être satisfait :",
        "en": "The scenario cannot be satisfied:",
    },
    "run_infeasible_relaxation": {
        "fr": "Le scénario ne peut pas être satisfait ; le plus petit assouplissement qui le permet :",
        "en": "The scenario cannot be satisfied; the smallest relaxation that works:",
    },
    "run_no_allocation": {
        "fr": "Le solveur ({solver}) n'a trouvé aucune répartition : {why} après {seconds} s (limite de temps "
              "{limit} s).",
        "en": "The solver ({solver}) found no allocation: {why} after {seconds} s (time limit {limit} s).",
    },
    "run_check_failed": {
        "fr": "Erreur interne : la répartition enfreint son propre scénario (un bogue ; rien n'a été écrit) :",
        "en": "Internal error: the allocation breaks its own scenario (a bug, nothing was written):",
    },
    "run_none_fundable": {
        "fr": "aucun candidat ne peut être financé",
        "en": "no candidate may be funded",
    },
    # checker.py: what the independent check found broken
    "run_check_not_whole": {
        "fr": "les montants doivent être des euros entiers, positifs ou nuls",
        "en": "amounts must be whole, non-negative euros",
    },
    "run_check_above_envelope": {
        "fr": "le total {total} dépasse l'enveloppe {envelope}",
        "en": "total {total} exceeds the envelope {envelope}",
    },
    "run_check_below_min_spend": {
        "fr": "le total {total} est inférieur à min_spend_eur {minimum}",
        "en": "total {total} is below min_spend_eur {minimum}",
    },
    "run_check_above_request": {
        "fr": "{id} : {amount} dépasse la demande {requested}",
        "en": "{id}: {amount} exceeds the request {requested}",
    },
    "run_check_all_or_nothing": {
        "fr": "{id} : financement tout ou rien, mais {amount} accordés sur {requested}",
        "en": "{id}: all-or-nothing but funded {amount} of {requested}",
    },
    "run_check_below_min_eur": {
        "fr": "{id} : {amount} est inférieur à son min_eur {minimum}",
        "en": "{id}: {amount} is below its min_eur {minimum}",
    },
    "run_check_group": {
        "fr": "{group} : {value} enfreint {limit} {bound}",
        "en": "{group}: {value} breaks {limit} {bound}",
    },
    "run_check_company_cap": {
        "fr": "{company} : {amount} au-delà du plafond par entreprise {cap}",
        "en": "{company}: {amount} above the company cap {cap}",
    },
    "run_check_no_score": {
        "fr": "{id} : financé mais exclu par la notation (pas de note)",
        "en": "{id}: funded but excluded by scoring (no score)",
    },
    "run_check_below_min_score": {
        "fr": "{id} : financé avec une note de {score}, inférieure à min_score",
        "en": "{id}: funded with score {score} below min_score",
    },
    "run_check_fails_rule": {
        "fr": "{id} : financé mais ne satisfait pas la règle « {rule} »",
        "en": "{id}: funded but fails rule « {rule} »",
    },
    "run_check_total_below": {
        "fr": "le total {column} = {value} est inférieur à son minimum {minimum}",
        "en": "total {column} = {value} below its minimum {minimum}",
    },
    "run_check_total_above": {
        "fr": "le total {column} = {value} est au-delà de son maximum {maximum}",
        "en": "total {column} = {value} above its maximum {maximum}",
    },
    "run_check_locked_in": {
        "fr": "{id} : à financer obligatoirement, mais non financé",
        "en": "{id}: locked in but not funded",
    },
    "run_check_locked_out": {
        "fr": "{id} : écarté, mais financé",
        "en": "{id}: locked out but funded",
    },
    "run_check_state_aid": {
        "fr": "{id} : {amount} au-delà de son plafond d'aide d'État {cap} ({regime})",
        "en": "{id}: {amount} above its state-aid cap {cap} ({regime})",
    },
    "run_check_de_minimis": {
        "fr": "entreprise unique {undertaking} : de minimis {total} (aides antérieures comprises) au-delà de "
              "{ceiling}",
        "en": "undertaking {undertaking}: de minimis {total} (with prior aid) above {ceiling}",
    },
    # comparison.py
    "run_compare_no_scenario": {
        "fr": "{folder} ne contient aucun scénario (*.yaml)",
        "en": "{folder} holds no scenario (*.yaml)",
    },
    "run_compare_same_name": {
        "fr": "deux scénarios ont le même nom de fichier : {names} ; renommez-en un",
        "en": "two scenarios have the same file name: {names}; rename one",
    },
    "run_compare_reference_infeasible": {
        "fr": "Le scénario de référence {label} est infaisable",
        "en": "The reference scenario {label} is infeasible",
    },
    "run_compare_unknown_indicator": {
        "fr": "indicateur inconnu {indicator} pour --rank-by (valeurs possibles : {known})",
        "en": "unknown indicator {indicator} for --rank-by (expected one of: {known})",
    },
    "run_compare_unknown_reference": {
        "fr": "--reference {reference} ne fait pas partie des scénarios comparés ({labels})",
        "en": "--reference {reference} is not among the scenarios compared ({labels})",
    },
    # decision.py
    "run_decision_late": {
        "fr": "{day} est postérieur à la date du procès-verbal, {date} : un procès-verbal s'écrit après les "
              "décisions qu'il consigne (indiquez pour --date le jour de la séance ou un jour suivant)",
        "en": "{day} is after the record's date {date}: a record is written after the decisions it holds (give "
              "--date the day of the meeting or later)",
    },
    "run_decision_unrecordable": {
        "fr": "{file} : des dérogations ne peuvent pas être consignées",
        "en": "{file}: overrides that cannot be recorded",
    },
    # report/pdf.py
    "run_pdf_failed": {
        "fr": "le procès-verbal PDF n'a pas pu être produit : {error}",
        "en": "the PDF record could not be produced: {error}",
    },
    "run_manifest_no_tag": {
        "fr": "impossible de lire la commande : la clé {discriminator} manque",
        "en": "Unable to extract tag using discriminator {discriminator}",
    },
    "run_manifest_bad_tag": {
        "fr": "la valeur '{tag}' de {discriminator} ne correspond à aucune des commandes possibles : {expected}",
        "en": "Input tag '{tag}' found using {discriminator} does not match any of the expected tags: {expected}",
    },
}
