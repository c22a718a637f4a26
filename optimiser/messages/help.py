"""The French of the command line's help: each command's and option's English help (as `cli.py` writes it,
spaces collapsed) -> its French. The English stays where it is written, in `cli.py`; `tests/test_messages.py`
checks that every help text has its French here and that nothing here is unused. Click's own words
("Usage:", "Options:") stay as click prints them."""

from __future__ import annotations

FRENCH: dict[str, str] = {
    "Exact, explained allocation of a grant envelope among candidate projects. \b Example: optimiser demo -o "
    "resultats_demo optimiser allocate candidats.csv -s scenarios/baseline.yaml -o resultats":
        "Répartition exacte et expliquée d'une enveloppe de subventions entre des projets candidats.\n\n\b\n"
        "Exemple :\n  optimiser demo -o resultats_demo\n"
        "  optimiser allocate candidats.csv -s scenarios/baseline.yaml -o resultats",
    "Show the version and exit.": "Affiche la version et s'arrête.",
    "Show this message and exit.": "Affiche cette aide et s'arrête.",
    "Show the Python traceback of any error.": "Affiche la trace Python de toute erreur.",
    "Check a candidates file (and a scenario) and report every problem; changes nothing. \b Example: optimiser "
    "validate candidats.csv -s scenarios/baseline.yaml":
        "Vérifie un fichier de candidats (et un scénario) et signale tous les problèmes ; ne modifie rien.\n\n\b\n"
        "Exemple :\n  optimiser validate candidats.csv -s scenarios/baseline.yaml",
    "Scenario YAML (columns, scoring, rules) to check against.":
        "Scénario YAML (colonnes, notation, règles) à vérifier avec le fichier.",
    "Language of the reports and of the terminal's messages: fr by default, or OPTIMISER_LANG in the environment.":
        "Langue des rapports et des messages du terminal : fr par défaut, ou OPTIMISER_LANG dans l'environnement.",
    "Score and rank the candidates: every criterion, every pillar, the total and the rank. \b Example: optimiser "
    "score candidats.csv -s scenarios/baseline.yaml -o scores.csv":
        "Note et classe les candidats : chaque critère, chaque pilier, le total et le rang.\n\n\b\n"
        "Exemple :\n  optimiser score candidats.csv -s scenarios/baseline.yaml -o scores.csv",
    "Scenario YAML with the scoring grid.": "Scénario YAML contenant la grille de notation.",
    "File to write: .csv, or .xlsx for a workbook (default: print the CSV).":
        "Fichier à écrire : .csv, ou .xlsx pour un classeur (par défaut : le CSV est affiché).",
    "CSV for French Excel or plain for programs (default: excel for a file, plain when printed).":
        "CSV pour Excel en français, ou plain pour les programmes (par défaut : excel dans un fichier, plain à "
        "l'écran).",
    "Overwrite the output file if it exists.": "Remplace le fichier de sortie s'il existe.",
    "Solve one scenario exactly and write its allocation, summary and reports. \b Example: optimiser allocate "
    "candidats.csv -s scenarios/baseline.yaml -o resultats/reference":
        "Résout un scénario de façon exacte et écrit sa répartition, sa synthèse et ses rapports.\n\n\b\n"
        "Exemple :\n  optimiser allocate candidats.csv -s scenarios/baseline.yaml -o resultats/reference",
    "Scenario YAML.": "Scénario YAML.",
    "Folder for allocation.csv, summary.json, report.md, report.html, allocation.xlsx, manifest.json.":
        "Dossier pour allocation.csv, summary.json, report.md, report.html, allocation.xlsx, manifest.json.",
    "CSV files for French Excel (UTF-8 with BOM, `;`, decimal comma, ids kept as text) or plain for programs "
    "(UTF-8, `,`, decimal point, column keys); see docs/outputs.md.":
        "Fichiers CSV pour Excel en français (UTF-8 avec BOM, « ; », virgule décimale, identifiants gardés en "
        "texte) ou plain pour les programmes (UTF-8, « , », point décimal, clés de colonnes) ; voir "
        "docs/outputs.md.",
    "Replace the results already in OUTDIR (never files that optimiser did not write: those are named and the "
    "run refused).":
        "Remplace les résultats déjà présents dans OUTDIR (jamais des fichiers qu'optimiser n'a pas écrits : ils "
        "sont nommés et l'exécution est refusée).",
    "Write the dated record a committee signs (proces-verbal.pdf): the decision on page one, then the "
    "optimiser's proposal beside it with each override, its reason and its cost, the scoring grid, the unfunded "
    "projects and why, and the signatures. The data are a candidates file with -s, or the results FOLDER of one "
    "scenario (`allocate`'s), whose copies of the inputs are checked by SHA-256 and used. \b Example: optimiser "
    "proces-verbal resultats/reference --date 2026-12-10 optimiser proces-verbal candidats.csv -s decision.yaml "
    "--date 2026-12-10 -o proces-verbal":
        "Écrit le procès-verbal daté que le comité signe (proces-verbal.pdf) : la décision en page un, puis la "
        "proposition de l'optimiseur à côté, avec chaque dérogation, son motif et son coût, la grille de "
        "notation, les projets non financés et pourquoi, et les signatures.\n\nLes données sont un fichier de "
        "candidats avec -s, ou le DOSSIER de résultats d'un scénario (celui d'« allocate »), dont les copies des "
        "entrées sont vérifiées par SHA-256 puis utilisées.\n\n\b\nExemple :\n"
        "  optimiser proces-verbal resultats/reference --date 2026-12-10\n"
        "  optimiser proces-verbal candidats.csv -s decision.yaml --date 2026-12-10 -o proces-verbal",
    "Scenario YAML of the decision: the one shown to the committee, or one that `extends:` it and adds the "
    "committee's `overrides:` (docs/record.md). Default with a FOLDER: its scenario.":
        "Scénario YAML de la décision : celui présenté au comité, ou un scénario qui l'étend (« extends: ») et "
        "ajoute les dérogations du comité (« overrides: », docs/record.md). Par défaut avec un DOSSIER : son "
        "scénario.",
    "Day of the record, AAAA-MM-JJ (default: today). Recorded, so that a replay gives the same PDF.":
        "Jour du procès-verbal, AAAA-MM-JJ (par défaut : aujourd'hui). Enregistré, pour qu'un rejeu donne le même "
        "PDF.",
    "Folder for proces-verbal.pdf, proces-verbal.json, the decision's allocation files and manifest.json. "
    "Default with a FOLDER: FOLDER-proces-verbal beside it.":
        "Dossier pour proces-verbal.pdf, proces-verbal.json, les fichiers de la répartition décidée et "
        "manifest.json. Par défaut avec un DOSSIER : DOSSIER-proces-verbal à côté de lui.",
    "Run several scenarios (files or folders of them) on the same candidates and compare them. \b Example: "
    "optimiser compare candidats.csv scenarios/ -o comparaison optimiser compare candidats.csv a.yaml b.yaml -o "
    "comparaison --rank-by tco2e_per_year --lang en":
        "Résout plusieurs scénarios (fichiers ou dossiers de scénarios) sur les mêmes candidats et les compare."
        "\n\n\b\nExemple :\n  optimiser compare candidats.csv scenarios/ -o comparaison\n"
        "  optimiser compare candidats.csv a.yaml b.yaml -o comparaison --rank-by tco2e_per_year --lang en",
    "Folder for the comparison files, one sub-folder per scenario.":
        "Dossier pour les fichiers de la comparaison, un sous-dossier par scénario.",
    "Scenario (file name) used as the reference: its scoring is the common yardstick and changes are shown "
    "against it. Default: baseline, else the first.":
        "Scénario (nom de fichier) pris comme référence : sa notation sert d'étalon commun et les changements "
        "sont montrés par rapport à lui. Par défaut : baseline, sinon le premier.",
    "Indicator that ranks the scenarios (see docs/comparison.md).":
        "Indicateur qui classe les scénarios (voir docs/comparison.md).",
    "Run and compare every shipped scenario on the embedded synthetic demo data. \b Example: optimiser demo -o "
    "resultats_demo":
        "Résout et compare tous les scénarios fournis sur les données de démonstration synthétiques intégrées."
        "\n\n\b\nExemple :\n  optimiser demo -o resultats_demo",
    "Folder for the results: the comparison, and one sub-folder per scenario.":
        "Dossier des résultats : la comparaison, et un sous-dossier par scénario.",
    "How sure is the allocation? Core index per candidate over weight (and data) draws, the price of each rule, "
    "the budget curve, the frontier between two pillars, and how far each candidate near the cut-off is from the "
    "other side. \b Example: optimiser sensitivity candidats.csv -s scenarios/baseline.yaml --draws 1000 --seed 1 "
    "-o robustesse":
        "La répartition est-elle sûre ? Indice de cœur de chaque candidat sur des tirages des poids (et des "
        "données), prix de chaque règle, courbe budgétaire, frontière entre deux piliers, et distance de chaque "
        "candidat proche du seuil à l'autre côté.\n\n\b\nExemple :\n"
        "  optimiser sensitivity candidats.csv -s scenarios/baseline.yaml --draws 1000 --seed 1 -o robustesse",
    "Number of weight (and data) draws, each solved exactly.":
        "Nombre de tirages des poids (et des données), chacun résolu de façon exacte.",
    "Seed of the draws: same seed, same files.": "Graine des tirages : même graine, mêmes fichiers.",
    "Processes to use (default: every core). Never changes the results.":
        "Processus à utiliser (par défaut : tous les cœurs). Ne change jamais les résultats.",
    "Scenarios (files or folders) to place on the frontier; default: the scenario's own folder.":
        "Scénarios (fichiers ou dossiers) à placer sur la frontière ; par défaut : le dossier du scénario.",
    "Folder for the allocation, robustness.csv, constraint_prices.csv, budget_curve.csv, frontier.csv...":
        "Dossier pour la répartition, robustness.csv, constraint_prices.csv, budget_curve.csv, frontier.csv…",
    "Run again what produced a results folder, from its copy of the inputs, and compare every file with the files "
    "actually in the folder, byte for byte (exit code 5 and each file named when any differs). \b Example: "
    "optimiser replay resultats/reference -o verification optimiser replay archive/reference -o verification "
    "--inputs dossier_2024/entrees":
        "Refait ce qui a produit un dossier de résultats, à partir de sa copie des entrées, et compare chaque "
        "fichier avec ceux du dossier, octet pour octet (code de sortie 5 et chaque fichier nommé s'il en "
        "diffère un).\n\n\b\nExemple :\n  optimiser replay resultats/reference -o verification\n"
        "  optimiser replay archive/reference -o verification --inputs dossier_2024/entrees",
    "Folder for the replayed results (not the original one).":
        "Dossier des résultats rejoués (pas le dossier d'origine).",
    "Folder holding the inputs, laid out as FOLDER/inputs/ (default: FOLDER/inputs/); each file is checked by its "
    "recorded SHA-256.":
        "Dossier contenant les entrées, rangées comme DOSSIER/inputs/ (par défaut : DOSSIER/inputs/) ; chaque "
        "fichier est vérifié par son SHA-256 enregistré.",
    "Check, without solving anything, that a results folder's files are those its manifest.json records "
    "(SHA-256): none changed, missing or added. Exit code 5 and each file named when not. This proves the files "
    "match the manifest, not that the manifest is genuine: a manifest edited together with the files is caught "
    "by `optimiser replay`, which regenerates them. \b Example: optimiser verify archive/reference":
        "Vérifie, sans rien résoudre, que les fichiers d'un dossier de résultats sont ceux qu'enregistre son "
        "manifest.json (SHA-256) : aucun modifié, manquant ou ajouté. Code de sortie 5 et chaque fichier nommé "
        "sinon.\n\nCela prouve que les fichiers correspondent au manifeste, pas que le manifeste est authentique : "
        "un manifeste modifié en même temps que les fichiers est détecté par « optimiser replay », qui les "
        "régénère.\n\n\b\nExemple :\n  optimiser verify archive/reference",
    "Write an empty candidates file (CSV and XLSX) with documented headers, and a scenario to start from. \b "
    "Example: optimiser template -o mon_appel":
        "Écrit un fichier de candidats vide (CSV et XLSX) aux en-têtes documentés, et un scénario pour commencer."
        "\n\n\b\nExemple :\n  optimiser template -o mon_appel",
    "Folder for the empty candidates files and the commented scenario.":
        "Dossier pour les fichiers de candidats vides et le scénario commenté.",
    "Overwrite files already in OUTDIR.": "Remplace les fichiers déjà présents dans OUTDIR.",
}


def key(text: str) -> str:
    """The English help as this table knows it: spaces collapsed (the indentation of a docstring is not part
    of it)."""
    return " ".join(text.split())
