"""Messages of the scenario file (`config.py`, `models.py`, `strict.py`), `{key: {fr, en}}` (see `messages`)."""

from __future__ import annotations

_UNIT_FR = "(des chiffres seulement : l'unité est dans le nom de la clé)"
_UNIT_EN = "(digits only: the unit is in the key's name)"

TEXT: dict[str, dict[str, str]] = {
    "scn_invisible": {
        "fr": "le texte contient des caractères invisibles ({characters}) : un texte signé ne contient que ce qui "
              "se lit ; retirez-les",
        "en": "the text holds invisible characters ({characters}): a signed text holds only what can be read; "
              "remove them",
    },
    # strict.py: what YAML read, in the words of a message
    "scn_kind_nothing": {"fr": "une valeur vide", "en": "nothing (an empty value)"},
    "scn_kind_date": {
        "fr": "la date {date} (YAML lit 2025-03-01 comme une date : écrivez-la entre guillemets)",
        "en": "the date {date} (YAML reads 2025-03-01 as a date: write it in quotes)"},
    "scn_kind_bool": {
        "fr": "le booléen YAML {value} (yes/no/on/off/true/false sont des booléens en YAML)",
        "en": "the YAML boolean {value} (yes/no/on/off/true/false are booleans in YAML)"},
    "scn_kind_text": {"fr": "le texte {value}", "en": "the text {value}"},
    "scn_kind_number": {"fr": "le nombre {value}", "en": "the number {value}"},
    "scn_kind_list": {"fr": "une liste", "en": "a list"},
    "scn_kind_dict": {"fr": "un ensemble de clés", "en": "a dict"},
    "scn_kind_other": {"fr": "une valeur de type {type}", "en": "a {type}"},
    # strict.py: how to write a number written as text
    "scn_hint_spaced": {"fr": "écrivez {digits} ou {grouped}", "en": "write {digits} or {grouped}"},
    "scn_hint_comma": {
        "fr": "écrivez {value} (un point, et non une virgule, avant les décimales)",
        "en": "write {value} (a dot, not a comma, before the decimals)"},
    "scn_hint_percent": {
        "fr": "écrivez le nombre sans « % » (une part s'écrit comme une fraction : 0.3 pour 30 %)",
        "en": "write the number without '%' (a share is written as a fraction: 0.3 for 30 %)"},
    "scn_hint_write": {"fr": "écrivez {value}", "en": "write {value}"},
    "scn_hint_unit": {"fr": "écrivez {value} " + _UNIT_FR, "en": "write {value} " + _UNIT_EN},
    "scn_hint_in_full": {
        "fr": "écrivez le nombre en entier, en chiffres (2000000 pour 2 M€)",
        "en": "write the number in full, in digits (2000000 for 2 M€)"},
    "scn_hint_number": {"fr": "écrivez un nombre", "en": "write a number"},
    "scn_hint_finite": {"fr": "écrivez un nombre fini", "en": "write a finite number"},
    "scn_hint_unquoted": {"fr": "écrivez {value} sans guillemets", "en": "write {value} without quotes"},
    # strict.py: the value types
    "scn_expected_number": {"fr": "attendu : un nombre, reçu : {kind}", "en": "expected a number, got {kind}"},
    "scn_expected_number_hint": {
        "fr": "attendu : un nombre, reçu : {kind} ; {hint}",
        "en": "expected a number, got {kind}; {hint}"},
    "scn_expected_number_digits": {
        "fr": "attendu : un nombre, reçu : un entier d'environ {digits} chiffres",
        "en": "expected a number, got an integer of about {digits} digits"},
    "scn_expected_whole": {
        "fr": "attendu : un nombre entier, reçu : {value}",
        "en": "expected a whole number, got {value}"},
    "scn_expected_bool": {"fr": "attendu : true ou false, reçu : {kind}", "en": "expected true or false, got {kind}"},
    "scn_expected_text": {"fr": "attendu : un texte, reçu : {kind}", "en": "expected text, got {kind}"},
    "scn_expected_text_number": {
        "fr": "attendu : un texte, reçu : {kind} ; écrivez-le entre guillemets, exactement comme il doit se lire "
              "(YAML lit des chiffres sans guillemets comme un nombre, et 0012 comme le nombre octal 10)",
        "en": "expected text, got {kind}; write it in quotes, exactly as it should read (YAML reads unquoted "
              "digits as a number, and 0012 as the octal number 10)"},
    "scn_expected_text_bool": {
        "fr": "attendu : un texte, reçu : {kind} ; écrivez-le entre guillemets",
        "en": "expected text, got {kind}; write it in quotes"},
    "scn_empty_column": {
        "fr": "un nom de colonne vide : écrivez la colonne que devient cet en-tête, ou supprimez la ligne",
        "en": "an empty column name: write the column this header becomes, or remove the line"},
    # models.py: shares, weights and criteria
    "scn_share_percent": {
        "fr": "une part est une fraction de 0 à 1, reçu : {value} ; écrivez {fraction} pour {percent} %",
        "en": "a share is a fraction from 0 to 1, got {value}: write {fraction} for {percent} %"},
    "scn_weight_list": {
        "fr": "attendu : un poids (un nombre) ou un intervalle [bas, haut], reçu : une liste de {count} éléments",
        "en": "expected a weight (a number) or a range [low, high], got a list of {count}"},
    "scn_weight_bounds": {
        "fr": "un poids doit être compris entre 0 et {max}, reçu : {value}",
        "en": "a weight must be between 0 and {max}, got {value}"},
    "scn_weight_order": {
        "fr": "l'intervalle de poids [{low}, {high}] a sa borne basse au-dessus de sa borne haute",
        "en": "weight range [{low}, {high}] has its low end above its high end"},
    "scn_one_source": {
        "fr": "indiquez exactement une des deux clés `column` ou `expression`",
        "en": "give exactly one of `column` or `expression`"},
    "scn_direction_scale": {
        "fr": "`direction` ne s'applique pas à l'échelle `{scale}` : ses paramètres disent quelles valeurs "
              "sont les meilleures",
        "en": "`direction` does not apply to scale `{scale}`: its parameters say which values are best"},
    "scn_points_needed": {
        "fr": "l'échelle `piecewise` demande `points` avec au moins deux paires [valeur, score]",
        "en": "scale `piecewise` needs `points` with at least two [value, score] pairs"},
    "scn_points_increasing": {
        "fr": "les valeurs de `points` doivent être strictement croissantes",
        "en": "`points` must have strictly increasing values"},
    "scn_points_scores": {
        "fr": "les scores de `points` doivent être compris entre 0 et 1",
        "en": "`points` scores must lie between 0 and 1"},
    "scn_points_scale": {
        "fr": "`points` ne s'applique qu'à l'échelle `piecewise`, pas à `{scale}`",
        "en": "`points` only applies to scale `piecewise`, not `{scale}`"},
    "scn_threshold_needed": {
        "fr": "l'échelle `threshold` demande `threshold`",
        "en": "scale `threshold` needs `threshold`"},
    "scn_threshold_scale": {
        "fr": "`threshold` ne s'applique qu'à l'échelle `threshold`, pas à `{scale}`",
        "en": "`threshold` only applies to scale `threshold`, not `{scale}`"},
    "scn_target_needed": {
        "fr": "l'échelle `target` demande `target` et `tolerance`",
        "en": "scale `target` needs `target` and `tolerance`"},
    "scn_target_scale": {
        "fr": "`target`/`tolerance` ne s'appliquent qu'à l'échelle `target`, pas à `{scale}`",
        "en": "`target`/`tolerance` only apply to scale `target`, not `{scale}`"},
    # models.py: bounds, locks, overrides, state aid, sensitivity
    "scn_low_above_high": {
        "fr": "`{low}` ({lo}) est supérieur à `{high}` ({hi})",
        "en": "`{low}` ({lo}) is above `{high}` ({hi})"},
    "scn_total_bound": {"fr": "indiquez `min`, `max` ou les deux", "en": "give `min`, `max` or both"},
    "scn_locks_both": {
        "fr": "identifiants à la fois dans `lock_in` et dans `lock_out` : {ids}",
        "en": "ids both in `lock_in` and `lock_out`: {ids}"},
    "scn_decision": {
        "fr": "attendu : `retenir` (le financer) ou `écarter` (ne pas le financer), reçu : {value}",
        "en": "expected `retenir` (fund it) or `écarter` (do not fund it), got {value}"},
    "scn_reason_short": {
        "fr": "un motif écrit d'au moins {count} caractères est obligatoire : le procès-verbal dit pourquoi le "
              "comité s'est écarté de la proposition",
        "en": "a written reason of at least {count} characters is required: the record says why the committee "
              "departed from the proposal"},
    "scn_by_empty": {
        "fr": "indiquez qui a décidé (le comité, sa présidence, un membre)",
        "en": "say who decided (the committee, its chair, a member)"},
    "scn_date_time": {
        "fr": "attendu : un jour (AAAA-MM-JJ, par exemple 2026-12-10), reçu : la date et l'heure {value}",
        "en": "expected a day (AAAA-MM-JJ, e.g. 2026-12-10), got the date and time {value}"},
    "scn_date_format": {
        "fr": "attendu : un jour écrit AAAA-MM-JJ (par exemple 2026-12-10), reçu : {value}",
        "en": "expected a day written AAAA-MM-JJ (e.g. 2026-12-10), got {value}"},
    "scn_intensity_share": {
        "fr": "l'intensité {regime}.{size} = {value} n'est pas comprise entre 0 et 1",
        "en": "intensity {regime}.{size} = {value} is not between 0 and 1"},
    "scn_thresholds_order": {
        "fr": "`exterior_threshold` doit être inférieur à `core_threshold`",
        "en": "`exterior_threshold` must be below `core_threshold`"},
    "scn_override_twice": {
        "fr": "plus d'une dérogation pour {ids} : gardez une seule décision par projet",
        "en": "more than one override for {ids}: keep one decision per project"},
    # config.py: reading the file
    "scn_invalid_one": {
        "fr": "{name} : le scénario n'est pas valide ({count} problème)",
        "en": "{name}: the scenario is not valid ({count} problem)"},
    "scn_invalid_many": {
        "fr": "{name} : le scénario n'est pas valide ({count} problèmes)",
        "en": "{name}: the scenario is not valid ({count} problems)"},
    "scn_in_file": {"fr": "{name} : {title}", "en": "{name}: {title}"},
    "scn_not_found": {"fr": "Fichier de scénario introuvable : {path}", "en": "Scenario file not found: {path}"},
    "scn_too_large": {
        "fr": "{name} : le fichier fait {size} octets ; un scénario ne peut pas dépasser {max}",
        "en": "{name}: the file is {size} bytes; a scenario may not exceed {max}"},
    "scn_not_utf8": {"fr": "{name} : le fichier n'est pas du texte UTF-8", "en": "{name}: the file is not UTF-8 text"},
    "scn_too_deep": {
        "fr": "{name} : le YAML est imbriqué sur plus de {depth} niveaux",
        "en": "{name}: the YAML is nested more than {depth} levels deep"},
    "scn_recursion": {
        "fr": "{name} : le YAML est trop profondément imbriqué pour être un scénario",
        "en": "{name}: the YAML is nested too deeply to be a scenario"},
    "scn_bad_yaml": {"fr": "{name} : YAML non valide ({problem})", "en": "{name}: not valid YAML ({problem})"},
    "scn_bad_yaml_at": {
        "fr": "{name}, ligne {line}, colonne {column} : YAML non valide ({problem})",
        "en": "{name}, line {line}, column {column}: not valid YAML ({problem})"},
    "scn_empty": {"fr": "{name} : le fichier est vide", "en": "{name}: the file is empty"},
    "scn_not_mapping": {
        "fr": "{name} : un scénario doit être un ensemble de clés (name, envelope_eur, ...), et non une valeur de "
              "type {type}",
        "en": "{name}: a scenario must be a mapping of keys (name, envelope_eur, ...), not a {type}"},
    "scn_key_twice": {
        "fr": "la clé {word} est écrite deux fois dans le même ensemble de clés",
        "en": "the key {word} is written twice in the same mapping"},
    "scn_not_decimal": {
        "fr": "{value} n'est pas un nombre décimal (YAML le lit comme un nombre hexadécimal, octal ou en base 60) : "
              "écrivez le nombre en chiffres décimaux, ou entre guillemets si c'est un identifiant ('{value}')",
        "en": "{value} is not a decimal number (YAML reads it as a hexadecimal, octal or base-60 number): write the "
              "number in decimal digits, or in quotes if it is an id ('{value}')"},
    "scn_base60": {
        "fr": "{value} est lu par YAML comme un nombre en base 60 : écrivez le nombre en chiffres décimaux",
        "en": "{value} is read by YAML as a base-60 number: write the number in decimal digits"},
    "scn_expands": {
        "fr": "{name} : le scénario se déploie en plus de {max} valeurs (ancres et alias YAML répétés ?) ; un "
              "scénario est bien plus petit",
        "en": "{name}: the scenario expands to more than {max} values (YAML anchors and aliases repeated?); a "
              "scenario is far smaller"},
    "scn_bad_unicode": {
        "fr": "{name} : le texte {text} contient des caractères qui ne sont pas de l'Unicode valide (un "
              "demi-caractère isolé, par exemple un émoji échappé coupé en deux)",
        "en": "{name}: the text {text} holds characters that are not valid Unicode (a lone surrogate, e.g. an "
              "escaped emoji split in two)"},
    "scn_extends_cycle": {"fr": "`extends` forme un cycle : {chain}", "en": "`extends` forms a cycle: {chain}"},
    "scn_extends_deep": {
        "fr": "chaîne `extends` de plus de {max} fichiers, à {name}",
        "en": "`extends` chain deeper than {max} files at {name}"},
    "scn_extends_value": {
        "fr": "{name} : extends : attendu : le nom du fichier de scénario à étendre (relatif à {name}), "
              "reçu : {value}",
        "en": "{name}: extends: expected the name of the scenario file to extend (relative to {name}), got {value}"},
    "scn_extends_missing": {
        "fr": "{name} : extends : fichier introuvable : {path}",
        "en": "{name}: extends: file not found: {path}"},
    # config.py: PyYAML's problems, worded (any other keeps PyYAML's English text)
    "scn_yaml_flow_list": {"fr": "attendu : ',' ou ']', reçu : {found}", "en": "expected ',' or ']', but got {found}"},
    "scn_yaml_flow_map": {"fr": "attendu : ',' ou '}}', reçu : {found}", "en": "expected ',' or '}}', but got {found}"},
    "scn_yaml_block_end": {
        "fr": "attendu : la fin du bloc indenté, reçu : {found}",
        "en": "expected <block end>, but found {found}"},
    "scn_yaml_node": {
        "fr": "attendu : une valeur, reçu : {found}",
        "en": "expected the node content, but found {found}"},
    "scn_yaml_stream_end": {"fr": "la fin du fichier", "en": "'<stream end>'"},
    "scn_yaml_mapping_values": {
        "fr": "une valeur de clé (après « : ») n'est pas permise ici",
        "en": "mapping values are not allowed here"},
    "scn_yaml_sequence_entries": {
        "fr": "un élément de liste (« - ») n'est pas permis ici",
        "en": "sequence entries are not allowed here"},
    "scn_yaml_mapping_keys": {"fr": "une clé n'est pas permise ici", "en": "mapping keys are not allowed here"},
    "scn_yaml_character": {
        "fr": "le caractère {char} ne peut commencer aucun élément YAML",
        "en": "found character {char} that cannot start any token"},
    "scn_yaml_colon": {"fr": "le ':' attendu est introuvable", "en": "could not find expected ':'"},
    "scn_yaml_alias": {"fr": "alias {alias} non défini", "en": "found undefined alias {alias}"},
    "scn_yaml_stream": {"fr": "fin du fichier inattendue", "en": "found unexpected end of stream"},
    "scn_yaml_separator": {"fr": "séparateur de document inattendu", "en": "found unexpected document separator"},
    "scn_yaml_escape": {"fr": "caractère d'échappement inconnu {char}", "en": "found unknown escape character {char}"},
    "scn_yaml_tag": {
        "fr": "aucun constructeur pour l'étiquette {tag}",
        "en": "could not determine a constructor for the tag {tag}"},
    "scn_yaml_anchor": {"fr": "deuxième occurrence d'une ancre", "en": "second occurrence"},
    "scn_yaml_document": {"fr": "un second document est présent", "en": "but found another document"},
    # config.py: YAML paths
    "scn_path_key": {"fr": " (la clé)", "en": " (the key)"},
    "scn_path_top": {"fr": "(niveau principal)", "en": "(top level)"},
    # config.py: pydantic's errors
    "scn_unknown_key": {
        "fr": "clé inconnue `{word}`{hint} (clés possibles : {allowed})",
        "en": "unknown key `{word}`{hint} (allowed: {allowed})"},
    "scn_did_you_mean": {"fr": " ; vouliez-vous dire `{word}` ?", "en": "; did you mean `{word}`?"},
    "scn_number_key": {
        "fr": " ; à l'intérieur de {braces}, une virgule sépare les clés en YAML : un nombre décimal s'écrit avec "
              "un point (0.5, et non 0,5)",
        "en": "; inside {braces} a comma separates keys in YAML: a decimal number is written with a dot "
              "(0.5, not 0,5)"},
    "scn_required": {"fr": "cette clé est obligatoire", "en": "this key is required"},
    "scn_list_hint": {
        "fr": " ; écrivez une liste : [a, b], ou un élément par ligne après « - »",
        "en": "; write a list: [a, b], or one item per line after a '- '"},
    "scn_bool_word": {
        "fr": " (yes/no/on/off/true/false sont des booléens en YAML : écrivez le mot entre guillemets)",
        "en": " (yes/no/on/off/true/false are booleans in YAML: write the word in quotes)"},
    "scn_got": {"fr": " (reçu : {value})", "en": " (got {value})"},
    # config.py: expressions
    "scn_criterion_constant": {
        "fr": "{expression} ne lit aucune colonne du fichier des candidats : tous les candidats auraient la même "
              "valeur ; un critère lit une colonne, par exemple jobs_created / requested_eur",
        "en": "{expression} reads no column of the candidates file: every candidate would get the same value; a "
              "criterion reads a column, e.g. jobs_created / requested_eur"},
    "scn_rule_always_true": {
        "fr": "{rule} ne lit aucune colonne du fichier des candidats, donc elle est toujours vraie : elle "
              "n'exclut personne ; une règle compare des colonnes, par exemple months_to_start <= 24",
        "en": "{rule} reads no column of the candidates file, so it is always true: it excludes no one; a rule "
              "compares columns, e.g. months_to_start <= 24"},
    "scn_rule_always_false": {
        "fr": "{rule} ne lit aucune colonne du fichier des candidats, donc elle est toujours fausse : elle "
              "exclurait tout le monde ; une règle compare des colonnes, par exemple months_to_start <= 24",
        "en": "{rule} reads no column of the candidates file, so it is always false: it would exclude everyone; "
              "a rule compares columns, e.g. months_to_start <= 24"},
    "scn_expressions_refused": {
        "fr": "{name} : expressions qui ne peuvent pas être acceptées",
        "en": "{name}: expressions that cannot be accepted"},
}
