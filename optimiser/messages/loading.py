"""Messages of the candidates file (`loading/`), `{key: {fr, en}}` (see `messages`)."""

from __future__ import annotations

_EXPECTED_ROWS_EN = "(expected a header row, then one row per project)"
_EXPECTED_ROWS_FR = "(attendu : une ligne d'en-têtes, puis une ligne par projet)"

TEXT: dict[str, dict[str, str]] = {
    "load_control_characters": {
        "fr": "la cellule contient des caractères invisibles ({characters}) qu'Excel et les rapports n'affichent "
              "pas tels quels : retirez-les",
        "en": "the cell holds invisible characters ({characters}) that Excel and the reports do not show as "
              "they are: remove them",
    },
    # loading/__init__.py: the file itself
    "load_file_not_found": {
        "fr": "Fichier des candidats introuvable : {path}",
        "en": "Candidates file not found: {path}"},
    "load_not_a_file": {
        "fr": "{path} n'est pas un fichier (attendu : un fichier des candidats .csv ou .xlsx)",
        "en": "{path} is not a file (expected a .csv or .xlsx candidates file)"},
    "load_wrong_suffix": {
        "fr": "{name} : ce n'est pas un fichier des candidats (attendu : un fichier .csv, .txt, .xlsx ou .xlsm, "
              "reçu : {suffix})",
        "en": "{name}: not a candidates file (expected a .csv, .txt, .xlsx or .xlsm file, got {suffix})"},
    "load_no_suffix": {
        "fr": "{name} : ce n'est pas un fichier des candidats (attendu : un fichier .csv, .txt, .xlsx ou .xlsm ; "
              "celui-ci n'a pas d'extension)",
        "en": "{name}: not a candidates file (expected a .csv, .txt, .xlsx or .xlsm file, got 'no extension')"},
    "load_cannot_read": {
        "fr": "{name} : impossible de lire le fichier ({error})",
        "en": "{name}: cannot read the file ({error})"},
    # problems.py: where a problem is, and the title
    "load_where_row": {"fr": ", ligne {row}", "en": ", row {row}"},
    "load_where_column": {"fr": ", colonne {column}", "en": ", column {column}"},
    "load_problems_one": {
        "fr": "{name} : {count} problème dans le fichier des candidats",
        "en": "{name}: {count} problem in the candidates file"},
    "load_problems_many": {
        "fr": "{name} : {count} problèmes dans le fichier des candidats",
        "en": "{name}: {count} problems in the candidates file"},
    # grid.py: the CSV reader
    "load_only_comments": {
        "fr": "{name} : le fichier ne contient que des commentaires et aucune ligne d'en-têtes " + _EXPECTED_ROWS_FR,
        "en": "{name}: the file is only comments and no header row " + _EXPECTED_ROWS_EN},
    "load_empty_file": {
        "fr": "{name} : le fichier est vide " + _EXPECTED_ROWS_FR,
        "en": "{name}: the file is empty " + _EXPECTED_ROWS_EN},
    "load_no_data_rows": {
        "fr": "{name} : aucune ligne de données sous l'en-tête (ligne {line}) ; attendu : une ligne par projet",
        "en": "{name}: no data rows under the header (line {line}); expected one row per project"},
    "load_too_many_fields": {
        "fr": "la ligne a {count} champs mais l'en-tête en a {width} (une valeur contenant {separator} "
              "sans guillemets autour ?)",
        "en": "the row has {count} fields but the header has {width} (a value containing {separator} "
              "without quotes around it?)"},
    "load_separator_tab": {"fr": "une tabulation", "en": "a tab"},
    "load_csv_cell_too_long": {
        "fr": "{name}, ligne {line} : une cellule dépasse {limit} caractères, le maximum que le lecteur CSV accepte "
              "(et bien plus que les {excel} que contient une cellule Excel) : un guillemet y est-il ouvert et "
              "jamais fermé ?",
        "en": "{name}, row {line}: a cell is longer than {limit} characters, the most the CSV reader takes (and far "
              "more than the {excel} an Excel cell holds): is a quote opened there and never closed?"},
    "load_csv_unreadable": {
        "fr": "{name}, ligne {line} : le CSV ne peut pas être lu à partir de cette ligne ({error} ; un guillemet "
              "y est-il ouvert et jamais fermé, ou suivi de texte ?)",
        "en": "{name}, line {line}: the CSV cannot be read from this line on ({error}; is a quote opened here "
              "never closed, or followed by text?)"},
    "load_utf16_broken": {
        "fr": "{name} : le fichier commence comme un texte UTF-16 mais n'en est pas un",
        "en": "{name}: the file starts like UTF-16 text but is not"},
    "load_zip_not_csv": {
        "fr": "{name} : c'est un classeur Excel (ou un autre fichier zip), pas du texte CSV ; "
              "donnez-lui l'extension .xlsx",
        "en": "{name}: this is an Excel workbook (or another zip file), not CSV text; give it the .xlsx extension"},
    "load_utf16_no_bom": {
        "fr": "{name} : cela ressemble à du texte UTF-16 sans son indicateur d'ordre des octets : enregistrez-le "
              "depuis Excel en « CSV UTF-8 » (ou en « Texte Unicode », qui garde l'indicateur)",
        "en": "{name}: this looks like UTF-16 text without its byte-order mark: save it from Excel as "
              "\"CSV UTF-8\" (or \"Unicode text\", which keeps the mark)"},
    "load_binary": {
        "fr": "{name} : c'est un fichier binaire, pas du texte CSV",
        "en": "{name}: this is a binary file, not CSV text"},
    "load_mixed_encodings": {
        "fr": "{name}, ligne {line} : le fichier mélange deux encodages : c'est du texte UTF-8, mais l'octet "
              "0x{byte} de cette ligne n'en est pas (du Windows-1252, collé d'ailleurs ?) ; retapez les caractères "
              "accentués de cette ligne, ou enregistrez de nouveau tout le fichier en « CSV UTF-8 »",
        "en": "{name}, line {line}: the file mixes two encodings: it is UTF-8 text, but byte 0x{byte} on this line "
              "is not (Windows-1252, pasted from elsewhere?); retype the accented characters of that line, or save "
              "the whole file again as \"CSV UTF-8\""},
    "load_unknown_encoding": {
        "fr": "{name} : le fichier n'est ni du texte UTF-8 ni du texte Windows-1252 (octet 0x{byte} à la "
              "position {position})",
        "en": "{name}: the file is neither UTF-8 nor Windows-1252 text (byte 0x{byte} at position {position})"},
    # workbook.py, xlsx.py: the XLSX reader
    "load_xls_old": {
        "fr": "{name} : c'est un ancien classeur Excel .xls, ou un classeur protégé par un mot de passe (tous deux "
              "enregistrés dans un autre format) : ouvrez-le dans Excel et enregistrez-le en .xlsx, sans mot de passe",
        "en": "{name}: this is an old Excel .xls workbook, or a workbook protected by a password (both are stored in "
              "another format): open it in Excel and save it as .xlsx, without a password"},
    "load_not_workbook": {
        "fr": "{name} : ce n'est pas un classeur Excel lisible ({error})",
        "en": "{name}: not a readable Excel workbook ({error})"},
    "load_sheet_unreadable": {
        "fr": "{name} : la feuille {sheet} ne peut pas être lue ({error})",
        "en": "{name}: the sheet {sheet} cannot be read ({error})"},
    "load_no_worksheet": {
        "fr": "{name} : le classeur n'a aucune feuille de calcul",
        "en": "{name}: the workbook has no worksheet"},
    "load_all_sheets_hidden": {
        "fr": "{name} : toutes les feuilles du classeur sont masquées ({sheets}) ; affichez dans Excel la feuille "
              "à lire, ou nommez-la avec `sheet:` dans le scénario",
        "en": "{name}: every sheet of the workbook is hidden ({sheets}); show the sheet to read in Excel, or name it "
              "with the scenario's `sheet:`"},
    "load_note_hidden_sheet": {
        "fr": "la feuille masquée {skipped} n'a pas été lue ; feuille lue : {chosen}, la première feuille visible",
        "en": "the hidden sheet {skipped} was not read; read {chosen}, the first visible sheet"},
    "load_note_hidden_sheets": {
        "fr": "les feuilles masquées {skipped} n'ont pas été lues ; feuille lue : {chosen}, la première feuille "
              "visible",
        "en": "the hidden sheets {skipped} were not read; read {chosen}, the first visible sheet"},
    "load_note_first_visible": {
        "fr": "feuille lue : {chosen}, la première des {count} feuilles visibles ({others} non lues{opens}) ; "
              "nommez-en une autre avec `sheet:` dans le scénario",
        "en": "read the sheet {chosen}, the first of {count} visible sheets ({others} not read{opens}); name another "
              "with the scenario's `sheet:`"},
    "load_excel_opens_on": {
        "fr": " ; Excel ouvre le classeur sur {sheet}",
        "en": "; Excel opens the workbook on {sheet}"},
    "load_no_sheet_named": {
        "fr": "{name} : aucune feuille nommée {sheet} (feuilles : {sheets})",
        "en": "{name}: no sheet named {sheet} (sheets: {sheets})"},
    "load_note_hidden_named": {
        "fr": "la feuille {chosen} est masquée dans le classeur ; elle a été lue car le scénario la nomme (`sheet:`)",
        "en": "the sheet {chosen} is hidden in the workbook; it was read because the scenario names it (`sheet:`)"},
    "load_sheet_empty": {
        "fr": "{name} : la feuille {sheet} est vide " + _EXPECTED_ROWS_FR,
        "en": "{name}: the sheet {sheet} is empty " + _EXPECTED_ROWS_EN},
    "load_sheet_only_comments": {
        "fr": "{name} : la feuille {sheet} ne contient que des commentaires et aucune ligne d'en-têtes "
              + _EXPECTED_ROWS_FR,
        "en": "{name}: the sheet {sheet} is only comments and no header row " + _EXPECTED_ROWS_EN},
    "load_sheet_no_data": {
        "fr": "{name} : aucune ligne de données sous l'en-tête (feuille {sheet}, ligne {row}) ; "
              "attendu : une ligne par projet",
        "en": "{name}: no data rows under the header (sheet {sheet}, row {row}); expected one row per project"},
    "load_sheet_no_data_hidden": {
        "fr": "{name} : aucune ligne de données sous l'en-tête (feuille {sheet}, ligne {row}) ; "
              "attendu : une ligne par projet ({hidden} lignes masquées laissées de côté)",
        "en": "{name}: no data rows under the header (sheet {sheet}, row {row}); expected one row per project "
              "({hidden} hidden rows left out)"},
    "load_merged_cells": {
        "fr": "les cellules {first}:{last} sont fusionnées : Excel affiche la valeur de {first} ({value}) sur "
              "toutes, mais le fichier ne la contient qu'en {first}, et les autres cellules sont vides ; annulez la "
              "fusion et écrivez la valeur dans chaque cellule",
        "en": "the cells {first}:{last} are merged: Excel shows the value of {first} ({value}) across them, but the "
              "file holds it in {first} only, and the other cells are empty; unmerge them and write the value in "
              "each cell"},
    "load_in_sheet": {"fr": "dans la feuille {sheet}", "en": "in the sheet {sheet}"},
    "load_in_sheet_filtered": {
        "fr": "dans la feuille {sheet} (son filtre les masque)",
        "en": "in the sheet {sheet} (its filter hides them)"},
    "load_header_row_hidden": {
        "fr": "la ligne d'en-têtes {row} est masquée {where} : affichez-la (`hidden_rows: exclude` laisse de côté "
              "les lignes de projets masquées, pas l'en-tête)",
        "en": "the header row {row} is hidden {where}: unhide it (`hidden_rows: exclude` leaves out hidden project "
              "rows, not the header)"},
    "load_hidden_row": {
        "fr": "{rows} est masquée {where} : l'outil ne lit pas ce que vous ne pouvez pas voir sans qu'on le lui "
              "dise ; affichez-la dans Excel, ou indiquez dans le scénario `hidden_rows: include` (les lire) ou "
              "`hidden_rows: exclude` (les laisser de côté)",
        "en": "{rows} is hidden {where}: the tool does not read what you cannot see without being told; show it in "
              "Excel, or say in the scenario `hidden_rows: include` (read them) or `hidden_rows: exclude` (leave "
              "them out)"},
    "load_hidden_rows": {
        "fr": "{rows} sont masquées {where} : l'outil ne lit pas ce que vous ne pouvez pas voir sans qu'on le lui "
              "dise ; affichez-les dans Excel, ou indiquez dans le scénario `hidden_rows: include` (les lire) ou "
              "`hidden_rows: exclude` (les laisser de côté)",
        "en": "{rows} are hidden {where}: the tool does not read what you cannot see without being told; show them "
              "in Excel, or say in the scenario `hidden_rows: include` (read them) or `hidden_rows: exclude` (leave "
              "them out)"},
    "load_note_hidden_row": {
        "fr": "{count} ligne masquée de la feuille {sheet} laissée de côté ({rows}), comme le demande "
              "`hidden_rows: exclude` dans le scénario",
        "en": "{count} hidden row of the sheet {sheet} left out ({rows}), as the scenario's `hidden_rows: exclude` "
              "asks"},
    "load_note_hidden_rows": {
        "fr": "{count} lignes masquées de la feuille {sheet} laissées de côté ({rows}), comme le demande "
              "`hidden_rows: exclude` dans le scénario",
        "en": "{count} hidden rows of the sheet {sheet} left out ({rows}), as the scenario's `hidden_rows: exclude` "
              "asks"},
    "load_no_header_label": {"fr": "sans en-tête", "en": "no header"},
    "load_hidden_column": {
        "fr": "la colonne {columns} est masquée dans la feuille {sheet} : affichez-la dans Excel, ou indiquez dans "
              "le scénario `hidden_columns: include` (les lire) ou `hidden_columns: exclude` (les laisser de côté)",
        "en": "column {columns} is hidden in the sheet {sheet}: show it in Excel, or say in the scenario "
              "`hidden_columns: include` (read them) or `hidden_columns: exclude` (leave them out)"},
    "load_hidden_columns": {
        "fr": "les colonnes {columns} sont masquées dans la feuille {sheet} : affichez-les dans Excel, ou indiquez "
              "dans le scénario `hidden_columns: include` (les lire) ou `hidden_columns: exclude` (les laisser de "
              "côté)",
        "en": "columns {columns} are hidden in the sheet {sheet}: show them in Excel, or say in the scenario "
              "`hidden_columns: include` (read them) or `hidden_columns: exclude` (leave them out)"},
    "load_note_hidden_column": {
        "fr": "{count} colonne masquée de la feuille {sheet} laissée de côté ({columns}), comme le demande "
              "`hidden_columns: exclude` dans le scénario",
        "en": "{count} hidden column of the sheet {sheet} left out ({columns}), as the scenario's "
              "`hidden_columns: exclude` asks"},
    "load_note_hidden_columns": {
        "fr": "{count} colonnes masquées de la feuille {sheet} laissées de côté ({columns}), comme le demande "
              "`hidden_columns: exclude` dans le scénario",
        "en": "{count} hidden columns of the sheet {sheet} left out ({columns}), as the scenario's "
              "`hidden_columns: exclude` asks"},
    "load_rows_one": {"fr": "la ligne {rows}", "en": "row {rows}"},
    "load_rows_many": {"fr": "les lignes {rows}", "en": "rows {rows}"},
    "load_more_runs": {"fr": " et {count} autres plages", "en": " and {count} more runs"},
    # cells.py: what one cell says
    "load_show_datetime": {"fr": "la date/heure {value}", "en": "the date/time {value}"},
    "load_show_cell": {"fr": "la cellule", "en": "the cell"},
    "load_excel_no_result": {
        "fr": "contient une formule dont le fichier ne contient pas le résultat (le classeur a été écrit par un "
              "programme et jamais enregistré par Excel ou LibreOffice) : ouvrez-le et enregistrez-le, ou saisissez "
              "la valeur",
        "en": "holds a formula whose result the file does not hold (the workbook was written by a program and never "
              "saved by Excel or LibreOffice): open it and save it, or type the value"},
    "load_excel_error": {
        "fr": "affiche l'erreur {error} (une formule qui échoue) : corrigez la formule ou saisissez la valeur",
        "en": "shows the error {error} (a formula that fails): correct the formula or type the value"},
    "load_stores": {"fr": "valeur enregistrée : {value}", "en": "it stores {value}"},
    "load_money_percent_format": {
        "fr": "est au format pourcentage ({stored}) : un montant en euros n'est pas un pourcentage ; donnez à la "
              "cellule un format nombre ou monétaire et le montant en euros",
        "en": "is formatted as a percentage ({stored}): an amount in euros is not a percentage; give the cell a "
              "number or currency format and the amount in euros"},
    "load_money_divided_format": {
        "fr": "est affiché divisé par {factor} par le format de nombre de la cellule ({stored}) : donnez à la "
              "cellule un format qui affiche le montant qu'elle contient",
        "en": "is shown divided by {factor} by the cell's number format ({stored}): give the cell a format that "
              "shows the amount it holds"},
    "load_money_unit_format": {
        "fr": "affiche le texte {text} à côté du nombre ({stored}) : l'outil ne peut pas savoir de quelle unité il "
              "s'agit ; donnez à la cellule un format nombre ou monétaire et le montant en euros",
        "en": "shows the text {text} next to the number ({stored}): the tool cannot tell which unit that is; give "
              "the cell a number or currency format and the amount in euros"},
    "load_unseen_shows": {
        "fr": "affiche {text} dans Excel, mais contient le nombre {value} (le format de nombre de la cellule, ou la "
              "feuille qui masque les zéros, le cache) : écrivez ce que la cellule doit dire, ou videz la cellule",
        "en": "shows {text} in Excel, but stores the number {value} (the cell's number format, or the sheet hiding "
              "zeros, hides it): write what the cell should say, or empty the cell"},
    "load_unseen_empty": {
        "fr": "semble vide dans Excel, mais contient le nombre {value} (le format de nombre de la cellule, ou la "
              "feuille qui masque les zéros, le cache) : écrivez ce que la cellule doit dire, ou videz la cellule",
        "en": "looks empty in Excel, but stores the number {value} (the cell's number format, or the sheet hiding "
              "zeros, hides it): write what the cell should say, or empty the cell"},
    "load_number_divided_format": {
        "fr": "est affiché divisé par {factor} par le format de nombre de la cellule (valeur enregistrée : {value}) "
              ": donnez à la cellule un format qui affiche la valeur qu'elle contient",
        "en": "is shown divided by {factor} by the cell's number format (it stores {value}): give the cell a format "
              "that shows the value it holds"},
    # numbers.py: the number and money rules
    "load_parse_not_number": {"fr": "{text} n'est pas un nombre", "en": "{text} is not a number"},
    "load_money_percent": {
        "fr": "est un pourcentage, pas un montant en euros : écrivez le montant lui-même, en euros",
        "en": "is a percentage, not an amount in euros: write the amount itself, in euros"},
    "load_money_scientific": {
        "fr": "est en notation scientifique, qui peut cacher des chiffres (Excel affiche ainsi les nombres quand la "
              "colonne est trop étroite) : écrivez le montant en entier, en euros",
        "en": "is in scientific notation, which can hide digits (Excel shows numbers so when the column is too "
              "narrow): write the amount in full, in euros"},
    "load_money_ambiguous": {
        "fr": "est ambigu : {spaced} € ou {decimal} € ? Écrivez les euros entiers sans point ni virgule "
              "({thousands} ou {spaced}), et les centimes après une virgule ({decimal})",
        "en": "is ambiguous: {spaced} € or {decimal} €? Write whole euros without a dot or a comma ({thousands} or "
              "{spaced}), and cents after a comma ({decimal})"},
    "load_money_decimals": {
        "fr": "a plus de deux décimales : les montants sont en euros et centimes",
        "en": "has more than two decimals: amounts are in euros and cents"},
    "load_number_ambiguous": {
        "fr": "est ambigu : {digits} {frac} ou {digits},{short} ? Écrivez {digits}{frac} pour des milliers, ou "
              "{digits},{frac} avec une virgule pour des décimales",
        "en": "is ambiguous: {digits} {frac} or {digits},{short}? Write {digits}{frac} for thousands, or "
              "{digits},{frac} with a comma for decimals"},
    # screening.py
    "load_cell_too_long": {
        "fr": "cette cellule fait {length} caractères, plus que les {limit} que contient une cellule Excel : un "
              "guillemet est-il ouvert et jamais fermé, ou un texte collé au mauvais endroit ?",
        "en": "this cell is {length} characters long, more than the {limit} an Excel cell holds: is a quote opened "
              "and never closed, or a text pasted in the wrong place?"},
    "load_this_cell": {"fr": "cette cellule {message}", "en": "this cell {message}"},
    "load_totals_row": {
        "fr": "cela ressemble à une ligne de totaux ({value}), pas à un projet : supprimez-la (l'outil calcule ses "
              "propres totaux)",
        "en": "this looks like a totals row ({value}), not a project: remove it (the tool computes its own totals)"},
    # headers.py, synonyms.py
    "load_where_columns": {"fr": "scénario : columns.{source}", "en": "scenario: columns.{source}"},
    "load_did_you_mean": {"fr": " ; vouliez-vous dire {close} ?", "en": "; did you mean {close}?"},
    "load_no_such_header": {
        "fr": "aucun en-tête {source} dans {name}{hint} (en-têtes trouvés en ligne {row} : {found})",
        "en": "no header {source} in {name}{hint} (headers found on row {row}: {found})"},
    "load_is_close_to": {"fr": "{column} ressemble à {close}", "en": "{column} is close to {close}"},
    "load_semicolon": {"fr": " ; ", "en": "; "},
    "load_and": {"fr": " et ", "en": " and "},
    "load_none": {"fr": "aucun", "en": "none"},
    "load_missing_column": {
        "fr": "colonne obligatoire manquante : {columns} (en-têtes trouvés en ligne {row} : {found}{hint}) ; "
              "renommez les en-têtes ou faites-les correspondre avec `columns` dans le scénario",
        "en": "missing required column {columns} (headers found on row {row}: {found}{hint}); rename the headers "
              "or map them with the scenario's `columns`"},
    "load_missing_columns": {
        "fr": "colonnes obligatoires manquantes : {columns} (en-têtes trouvés en ligne {row} : {found}{hint}) ; "
              "renommez les en-têtes ou faites-les correspondre avec `columns` dans le scénario",
        "en": "missing required columns {columns} (headers found on row {row}: {found}{hint}); rename the headers "
              "or map them with the scenario's `columns`"},
    "load_mapped_twice": {
        "fr": "`columns` dans le scénario associe {source} à la fois à {first} et à {second}",
        "en": "the scenario's `columns` maps {source} to both {first} and {second}"},
    "load_header_at": {"fr": "{header} (colonne {label})", "en": "{header} (column {label})"},
    "load_headers_read_as_one": {
        "fr": "les en-têtes {both} se lisent tous deux comme la colonne « {column} » : indiquez lequel c'est dans le "
              "scénario, par exemple columns: {{{example}: {column}}}",
        "en": "the headers {both} both read as column '{column}': say which one it is in the scenario, for example "
              "columns: {{{example}: {column}}}"},
    "load_values_without_header": {
        "fr": "cette colonne n'a pas d'en-tête mais contient des valeurs (la première, {value}, en ligne {row}) ; "
              "donnez-lui un en-tête ou supprimez-la",
        "en": "this column has no header but holds values (first {value} on row {row}); give it a header or "
              "delete it"},
    "load_reserved_header": {
        "fr": "l'en-tête {header} est réservé au numéro de ligne que l'outil ajoute ; renommez-le ou associez-le à "
              "un autre nom avec `columns`",
        "en": "the header {header} is reserved for the row number the tool adds; rename it or map it to another "
              "name with `columns`"},
    "load_headers_clash": {
        "fr": "les en-têtes {first} (colonne {first_label}) et {second} (colonne {second_label}) donnent tous deux "
              "la colonne « {target} »",
        "en": "the headers {first} (column {first_label}) and {second} (column {second_label}) both give column "
              "'{target}'"},
    "load_used_column_missing": {
        "fr": "la colonne {column} est utilisée par le scénario mais n'est pas dans {name}{hint} (colonnes "
              "trouvées : {found} ; associez-lui un en-tête d'un autre nom avec `columns` dans le scénario)",
        "en": "column {column} is used by the scenario but is not in {name}{hint} (columns found: {found}; map a "
              "header of another name onto it with the scenario's `columns`)"},
    "load_multiplied_unit": {
        "fr": "l'en-tête {header} donne des montants en {unit}, mais l'outil lit des euros et ne devine jamais un "
              "facteur : convertissez la colonne en euros et intitulez-la « {base} (€) »",
        "en": "the header {header} gives amounts in {unit}, but the tool reads euros and never guesses a factor: "
              "convert the column to euros and head it '{base} (€)'"},
    # ids.py, sirens.py, identifiers.py
    "load_empty_cell": {"fr": "cellule vide ({expected})", "en": "empty cell ({expected})"},
    "load_expected_id": {"fr": "chaque projet doit avoir un identifiant", "en": "every project needs an id"},
    "load_expected_name": {
        "fr": "attendu : le nom de l'entreprise ou du projet",
        "en": "expected the company's or project's name"},
    "load_expected_epci": {"fr": "attendu : le nom ou le SIREN de l'EPCI", "en": "expected the EPCI's name or SIREN"},
    "load_expected_priority": {
        "fr": "attendu : la clé ou le libellé d'une priorité",
        "en": "expected a priority key or label"},
    "load_id_excel_number": {
        "fr": "{value} est ce qu'Excel affiche, mais la cellule contient le nombre {number}, que son format de "
              "nombre décore : saisissez l'identifiant comme du texte, tel qu'il doit se lire",
        "en": "{value} is what Excel shows, but the cell stores the number {number}, which its number format "
              "decorates: type the id as text, as it should read"},
    "load_duplicate_id": {
        "fr": "identifiant « {id} » en double (aussi en ligne {row}) ; les identifiants doivent être uniques",
        "en": "duplicate id '{id}' (also on row {row}); ids must be unique"},
    "load_id_lookalike": {
        "fr": "l'identifiant {value} ressemble à l'identifiant {other} de la ligne {row} ({difference}) : une "
              "personne ne peut pas les distinguer ; écrivez les identifiants de façon qu'ils diffèrent visiblement",
        "en": "id {value} looks the same as id {other} on row {row} ({difference}): a person cannot tell them "
              "apart; write the ids so that they differ visibly"},
    "load_id_invisible_why": {
        "fr": "une personne qui lit l'identifiant ne peut ni le voir ni le saisir",
        "en": "a person reading the id can neither see nor type it"},
    "load_invisible_character": {
        "fr": "{value} contient un caractère invisible ({names}) : {why} ; retirez-le du champ {what}",
        "en": "{value} holds an invisible character ({names}): {why}; remove it from the {what}"},
    "load_invisible_characters": {
        "fr": "{value} contient des caractères invisibles ({names}) : {why} ; retirez-les du champ {what}",
        "en": "{value} holds invisible characters ({names}): {why}; remove them from the {what}"},
    "load_siren_empty": {
        "fr": "cellule vide (attendu : le SIREN de l'entreprise, 9 chiffres)",
        "en": "empty cell (expected the company's SIREN: 9 digits)"},
    "load_siren_invalid": {
        "fr": "{value} n'est pas un SIREN valide (attendu : 9 chiffres avec une clé de contrôle valide)",
        "en": "{value} is not a valid SIREN (expected 9 digits with a valid check digit)"},
    "load_group_lookalike_group": {
        "fr": "le group_id {value} ressemble au group_id {other} de la ligne {row} ({difference}), mais ce sont deux "
              "entreprises uniques pour le de minimis : écrivez-les à l'identique si les sociétés forment une seule "
              "entreprise unique, sinon de façon qu'ils diffèrent visiblement",
        "en": "group_id {value} looks the same as group_id {other} on row {row} ({difference}), but they are two "
              "undertakings for de minimis: write them identically if the companies form one undertaking, or so "
              "that they differ visibly if not"},
    "load_group_lookalike_siren": {
        "fr": "le group_id {value} ressemble au SIREN {other} de la ligne {row} ({difference}), mais ce sont deux "
              "entreprises uniques pour le de minimis : écrivez-les à l'identique si les sociétés forment une seule "
              "entreprise unique, sinon de façon qu'ils diffèrent visiblement",
        "en": "group_id {value} looks the same as the SIREN {other} on row {row} ({difference}), but they are two "
              "undertakings for de minimis: write them identically if the companies form one undertaking, or so "
              "that they differ visibly if not"},
    "load_group_invisible_why": {
        "fr": "les lignes d'une même entreprise unique doivent montrer le même group_id",
        "en": "rows of one undertaking must show the same group_id"},
    # amounts.py, values.py, extras.py, references.py
    "load_what_requested": {
        "fr": "le montant demandé, en euros entiers, supérieur à 0",
        "en": "the amount requested, in whole euros, greater than 0"},
    "load_what_minimum": {
        "fr": "le plus petit montant utile, en euros entiers, entre 0 et le montant demandé",
        "en": "the smallest useful amount, in whole euros, between 0 and the amount requested"},
    "load_unit_euros": {"fr": "un montant en euros", "en": "an amount in euros"},
    "load_unit_number": {"fr": "un nombre", "en": "a number"},
    "load_what_non_negative": {"fr": "{unit}, 0 ou plus", "en": "{unit}, 0 or more"},
    "load_what_non_negative_default": {
        "fr": "{unit}, 0 ou plus ; vide signifie {default}",
        "en": "{unit}, 0 or more; empty means {default}"},
    "load_empty_expected": {"fr": "cellule vide (attendu : {what})", "en": "empty cell (expected {what})"},
    "load_not_whole_euros": {
        "fr": "{value} n'est pas un nombre entier d'euros (les montants sont en euros entiers : retirez les centimes)",
        "en": "{value} is not a whole number of euros (amounts are in whole euros: remove the cents)"},
    "load_too_large": {
        "fr": "{value} est trop grand pour {name} (attendu : {what})",
        "en": "{value} is too large for {name} (expected {what})"},
    "load_not_positive": {
        "fr": "{value} n'est pas supérieur à 0 (attendu : {what})",
        "en": "{value} is not greater than 0 (expected {what})"},
    "load_over_ten_billion": {
        "fr": "{value} dépasse dix milliards d'euros : un chiffre d'une autre colonne (un SIRET, des coûts en "
              "centimes) ? Écrivez l'aide demandée, en euros",
        "en": "{value} is more than ten billion euros: a figure from another column (a SIRET, costs in cents)? "
              "Write the aid requested, in euros"},
    "load_negative": {
        "fr": "{value} est négatif (attendu : {what})",
        "en": "{value} is negative (expected {what})"},
    "load_above_request": {
        "fr": "{value} dépasse le montant demandé ({request}) ; min_eur doit être compris entre 0 et requested_eur",
        "en": "{value} is above the amount requested ({request}); min_eur must be between 0 and requested_eur"},
    "load_not_a_number": {
        "fr": "{value} n'est pas un nombre (attendu : {what})",
        "en": "{value} is not a number (expected {what})"},
    "load_scenario_uses_as": {
        "fr": "le scénario utilise la colonne « {column} » comme {unit}",
        "en": "the scenario uses column '{column}' as {unit}"},
    "load_not_a_number_for": {"fr": "{value} n'est pas un nombre ({why})", "en": "{value} is not a number ({why})"},
    "load_regime_unknown": {
        "fr": "{value} n'est pas un régime d'aide d'État (attendu : l'un de {regimes})",
        "en": "{value} is not a state-aid regime (expected one of: {regimes})"},
    "load_regime_unknown_close": {
        "fr": "{value} n'est pas un régime d'aide d'État (vouliez-vous dire {close} ? attendu : l'un de {regimes})",
        "en": "{value} is not a state-aid regime (did you mean {close}? expected one of: {regimes})"},
}
