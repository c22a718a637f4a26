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

_SPACE = "[ \u00a0\u202f\u2009]"
_SPACED_INT = re.compile(rf"[+-]?\d{{1,3}}(?:{_SPACE}\d{{3}})+")
_COMMA_DECIMAL = re.compile(r"[+-]?\d+,\d+")


def _yaml_kind(value: object) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"the date {value.isoformat()} (YAML reads 2025-03-01 as a date: write it in quotes)"
    if isinstance(value, bool):
        return f"the YAML boolean {str(value).lower()} (yes/no/on/off/true/false are booleans in YAML)"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    return f"a {type(value).__name__}"


def number_hint(text: str) -> str:
    """How to write, as a YAML number, a number written as text (`0,5`, `2 000 000`, `'1000000'`)."""
    stripped = text.strip()
    if _SPACED_INT.fullmatch(stripped):
        digits = re.sub(_SPACE, "", stripped)
        return f"write {digits} or {int(digits):_}"
    if _COMMA_DECIMAL.fullmatch(stripped):
        return f"write {stripped.replace(',', '.')} (a dot, not a comma, before the decimals)"
    if stripped.endswith("%"):
        return "write the number without '%' (a share is written as a fraction: 0.3 for 30 %)"
    bare = re.sub(rf"{_SPACE}|€|\s", "", stripped)
    if re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", bare):
        return f"write {bare.replace('.', '')}"
    if re.fullmatch(r"[+-]?\d+(\.\d+)?", bare) and bare != stripped:
        return f"write {bare} (digits only: the unit is in the key's name)"
    if re.fullmatch(r"[+-]?\d+([.,]\d+)?\s*([kKmM]|[kKmM]€|[mM]illions?|[mM]ds?)", stripped):
        return "write the number in full, in digits (2000000 for 2 M€)"
    if re.fullmatch(r"[+-]?\d+([.,]\d+)?\s*[a-zA-Z]+", stripped):
        return (f"write {re.match(r'[+-]?[0-9.,]+', stripped)[0].replace(',', '.')} "
                "(digits only: the unit is in the key's name)")
    try:
        number = float(stripped.replace("_", ""))
    except ValueError:
        return "write a number"
    if not math.isfinite(number):
        return "write a finite number"
    shown = int(number) if number.is_integer() and abs(number) < 1e16 else number
    return f"write {shown} without quotes"


def check_number(value: Any) -> Any:
    """A YAML number as it is, else a ValueError that says how to write it (no boolean, no text, no
    400-digit integer)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        hint = f"; {number_hint(value)}" if isinstance(value, str) else ""
        raise ValueError(f"expected a number, got {_yaml_kind(value)}{hint}")
    if isinstance(value, int) and value.bit_length() > 1000:  # beyond what a float holds: no setting is that large
        raise ValueError(f"expected a number, got an integer of about {int(value.bit_length() * 0.30103)} digits")
    return value


def _whole(value: Any) -> Any:
    check_number(value)
    if isinstance(value, float):
        if not (math.isfinite(value) and value.is_integer()):
            raise ValueError(f"expected a whole number, got {value!r}")
        return int(value)
    return value


def _boolean(value: Any) -> Any:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {_yaml_kind(value)}")
    return value


def _text(value: Any) -> Any:
    if not isinstance(value, str):
        hint = ("; write it in quotes, exactly as it should read (YAML reads unquoted digits as a number, and "
                "0012 as the octal number 10)" if isinstance(value, (int, float)) and not isinstance(value, bool)
                else "; write it in quotes" if isinstance(value, bool) else "")
        raise ValueError(f"expected text, got {_yaml_kind(value)}{hint}")
    return value


def _column_name(value: Any) -> Any:
    _text(value)
    if not value.strip():
        raise ValueError("an empty column name: write the column this header becomes, or remove the line")
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
