"""pydantic's own validation messages that a data file (a scenario, a territory, a manifest) produces, in
French and English, `{key: {fr, en}}` (see `messages.validation_text`): the English is pydantic's text."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "pyd_greater_than": {"fr": "La valeur doit être supérieure à {gt}", "en": "Input should be greater than {gt}"},
    "pyd_greater_than_equal": {
        "fr": "La valeur doit être supérieure ou égale à {ge}",
        "en": "Input should be greater than or equal to {ge}"},
    "pyd_less_than": {"fr": "La valeur doit être inférieure à {lt}", "en": "Input should be less than {lt}"},
    "pyd_less_than_equal": {
        "fr": "La valeur doit être inférieure ou égale à {le}",
        "en": "Input should be less than or equal to {le}"},
    "pyd_literal": {"fr": "La valeur doit être {expected}", "en": "Input should be {expected}"},
    "pyd_list_type": {"fr": "La valeur doit être une liste", "en": "Input should be a valid list"},
    "pyd_dict_type": {"fr": "La valeur doit être un ensemble de clés", "en": "Input should be a valid dictionary"},
    "pyd_tuple_type": {"fr": "La valeur doit être une liste", "en": "Input should be a valid tuple"},
    "pyd_string_type": {"fr": "La valeur doit être un texte", "en": "Input should be a valid string"},
    "pyd_float_type": {"fr": "La valeur doit être un nombre", "en": "Input should be a valid number"},
    "pyd_int_type": {"fr": "La valeur doit être un nombre entier", "en": "Input should be a valid integer"},
    "pyd_bool_type": {"fr": "La valeur doit être true ou false", "en": "Input should be a valid boolean"},
    "pyd_finite_number": {"fr": "La valeur doit être un nombre fini", "en": "Input should be a finite number"},
    "pyd_model_type": {
        "fr": "La valeur doit être un ensemble de clés ({class_name})",
        "en": "Input should be a valid dictionary or instance of {class_name}"},
    "pyd_or": {"fr": " ou ", "en": " or "},
    "pyd_field_list": {"fr": "La liste", "en": "List"},
    "pyd_field_tuple": {"fr": "La liste", "en": "Tuple"},
    "pyd_field_dict": {"fr": "L'ensemble de clés", "en": "Dictionary"},
    "pyd_too_short_one": {
        "fr": "{field_type} doit contenir au moins {min_length} élément, et non {actual_length}",
        "en": "{field_type} should have at least {min_length} item after validation, not {actual_length}"},
    "pyd_too_short_many": {
        "fr": "{field_type} doit contenir au moins {min_length} éléments, et non {actual_length}",
        "en": "{field_type} should have at least {min_length} items after validation, not {actual_length}"},
    "pyd_too_long_one": {
        "fr": "{field_type} doit contenir au plus {max_length} élément, et non {actual_length}",
        "en": "{field_type} should have at most {max_length} item after validation, not {actual_length}"},
    "pyd_too_long_many": {
        "fr": "{field_type} doit contenir au plus {max_length} éléments, et non {actual_length}",
        "en": "{field_type} should have at most {max_length} items after validation, not {actual_length}"},
    "pyd_pattern": {"fr": "Le texte doit suivre le motif '{pattern}'", "en": "String should match pattern '{pattern}'"},
}
