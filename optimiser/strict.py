"""The strict value types of the data files (scenario, territory), and how a wrong value is told.

Types are strict, field by field: no boolean is a number (`envelope_eur: yes` is refused, not 1 €),
no text is a number (`'1000000'`, `0,5`, `2 000 000` are refused, with how to write them), no number is
a boolean (`afr_zone: 1`) and no number is text (`lock_in: [0012]`, which YAML reads as the octal 10).
A whole number written as a float (`2.0e+6`) is a whole number. Apart from `models.py` (the scenario)
so that reading a candidates file against the territory does not build every scenario model.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict

from .messages import say

_SPACE = "[ \u00a0\u202f\u2009]"
_SPACED_INT = re.compile(rf"[+-]?\d{{1,3}}(?:{_SPACE}\d{{3}})+")
_COMMA_DECIMAL = re.compile(r"[+-]?\d+,\d+")


def _yaml_kind(value: object) -> str:
    if value is None:
        return say("scn_kind_nothing")
    if isinstance(value, (dt.date, dt.datetime)):
        return say("scn_kind_date", date=value.isoformat())
    if isinstance(value, bool):
        return say("scn_kind_bool", value=str(value).lower())
    if isinstance(value, str):
        return say("scn_kind_text", value=repr(value))
    if isinstance(value, (int, float)):
        return say("scn_kind_number", value=repr(value))
    if isinstance(value, list):
        return say("scn_kind_list")
    if isinstance(value, dict):
        return say("scn_kind_dict")
    return say("scn_kind_other", type=type(value).__name__)


def number_hint(text: str) -> str:
    """How to write, as a YAML number, a number written as text (`0,5`, `2 000 000`, `'1000000'`)."""
    stripped = text.strip()
    if _SPACED_INT.fullmatch(stripped):
        digits = re.sub(_SPACE, "", stripped)
        return say("scn_hint_spaced", digits=digits, grouped=f"{int(digits):_}")
    if _COMMA_DECIMAL.fullmatch(stripped):
        return say("scn_hint_comma", value=stripped.replace(",", "."))
    if stripped.endswith("%"):
        return say("scn_hint_percent")
    bare = re.sub(rf"{_SPACE}|€|\s", "", stripped)
    if re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", bare):
        return say("scn_hint_write", value=bare.replace(".", ""))
    if re.fullmatch(r"[+-]?\d+(\.\d+)?", bare) and bare != stripped:
        return say("scn_hint_unit", value=bare)
    if re.fullmatch(r"[+-]?\d+([.,]\d+)?\s*([kKmM]|[kKmM]€|[mM]illions?|[mM]ds?)", stripped):
        return say("scn_hint_in_full")
    if re.fullmatch(r"[+-]?\d+([.,]\d+)?\s*[a-zA-Z]+", stripped):
        return say("scn_hint_unit", value=re.match(r"[+-]?[0-9.,]+", stripped)[0].replace(",", "."))
    try:
        number = float(stripped.replace("_", ""))
    except ValueError:
        return say("scn_hint_number")
    if not math.isfinite(number):
        return say("scn_hint_finite")
    shown = int(number) if number.is_integer() and abs(number) < 1e16 else number
    return say("scn_hint_unquoted", value=shown)


def check_number(value: Any) -> Any:
    """A YAML number as it is, else a ValueError that says how to write it (no boolean, no text, no
    400-digit integer)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        if isinstance(value, str):
            raise ValueError(say("scn_expected_number_hint", kind=_yaml_kind(value), hint=number_hint(value)))
        raise ValueError(say("scn_expected_number", kind=_yaml_kind(value)))
    if isinstance(value, int) and value.bit_length() > 1000:  # beyond what a float holds: no setting is that large
        raise ValueError(say("scn_expected_number_digits", digits=int(value.bit_length() * 0.30103)))
    return value


def _whole(value: Any) -> Any:
    check_number(value)
    if isinstance(value, float):
        if not (math.isfinite(value) and value.is_integer()):
            raise ValueError(say("scn_expected_whole", value=repr(value)))
        return int(value)
    return value


def _boolean(value: Any) -> Any:
    if not isinstance(value, bool):
        raise ValueError(say("scn_expected_bool", kind=_yaml_kind(value)))
    return value


def _text(value: Any) -> Any:
    if not isinstance(value, str):
        if isinstance(value, bool):
            raise ValueError(say("scn_expected_text_bool", kind=_yaml_kind(value)))
        if isinstance(value, (int, float)):
            raise ValueError(say("scn_expected_text_number", kind=_yaml_kind(value)))
        raise ValueError(say("scn_expected_text", kind=_yaml_kind(value)))
    return value


def _column_name(value: Any) -> Any:
    _text(value)
    if not value.strip():
        raise ValueError(say("scn_empty_column"))
    return value


Num = Annotated[float, BeforeValidator(check_number)]
ColumnName = Annotated[str, BeforeValidator(_column_name)]
Int = Annotated[int, BeforeValidator(_whole)]
Bool = Annotated[bool, BeforeValidator(_boolean)]
Text = Annotated[str, BeforeValidator(_text)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


Regime = Literal["none", "de_minimis", "gber_art17", "gber_art14_afr", "gber_art36", "gber_art38"]
REGIMES: tuple[str, ...] = Regime.__args__  # type: ignore[attr-defined]
