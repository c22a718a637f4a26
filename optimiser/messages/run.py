"""Messages of a run (`app/`, `process.py`, `errors.py`, `feasibility.py`, `allocation.py`, `comparison.py`,
`decision.py`, `milp/`, `report/`), `{key: {fr, en}}` (see `messages`)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
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
        "fr": "{folder} rétabli à partir de {previous}, laissé par une exécution arrêtée pendant son remplacement",
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
}
