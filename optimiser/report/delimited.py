"""Tables as CSV in two dialects: French Excel's, for people who double-click the file, and a plain one for
programs.

`excel`: UTF-8 with a byte-order mark (else Excel shows accents broken), `;` between cells and a decimal
comma (what French Excel expects), CRLF line ends, headers in the reader's language, yes/no in words. A text
cell Excel would turn into something else (a SIREN or an id losing its leading zeros, `1-2` becoming a date,
`1e5` a number) is written as the formula `="…"`, which Excel shows as the text itself; so is every cell of an
id column. Other text that could start a formula is neutralised with an apostrophe.

`plain`: UTF-8 without a mark, `,`, decimal point, LF, the columns' own keys, True/False: what pandas, R or a
database read without options.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Literal

import pandas as pd

from ..catalogue import t
from ..formatting import safe_text

Dialect = Literal["excel", "plain"]
DIALECTS: tuple[Dialect, ...] = ("excel", "plain")

BOM = "\ufeff"
# text Excel reads as a number, a percentage, an amount, a date or a time when it opens a CSV: digits with
# number or date punctuation only (`007`, `1 234,5`, `12/03`, `3-4`, `1e5`, `12:30`, `50 %`, `-5 €`)
_CONVERTIBLE = re.compile(r"[\s\u00a0\u202f]*[-+(]?[\d\s\u00a0\u202f.,/:%€$()e+\-]*\d[\d\s\u00a0\u202f.,/:%€$()e+\-]*",
                          re.IGNORECASE)
# Excel's formulas take string literals up to 255 characters; longer text cannot be protected that way
FORMULA_TEXT_MAX = 255


def as_excel_text(value: str) -> str:
    """The formula that shows `value` as it is written: `="007"` (quotes inside doubled)."""
    return '="' + value.replace('"', '""') + '"'


def _excel_cell(value: object, always: bool) -> object:
    if not isinstance(value, str) or not value:
        return value
    if (always or _CONVERTIBLE.fullmatch(value)) and len(value) <= FORMULA_TEXT_MAX and "\n" not in value:
        return as_excel_text(value)
    return safe_text(value)


def csv_text(frame: pd.DataFrame, dialect: Dialect = "excel", lang: str = "fr",
             headers: Mapping[str, str] | None = None, ids: Sequence[str] = (),
             float_format: str | None = None) -> str:
    """`frame` as CSV text in `dialect`. `headers`: the columns' names for people (excel only; a column not
    named keeps its key); `ids`: the columns whose every cell is kept as text in Excel."""
    if dialect not in DIALECTS:
        raise ValueError(f"unknown CSV dialect {dialect!r} (expected one of: {', '.join(DIALECTS)})")
    safe = frame.copy()
    excel = dialect == "excel"
    for column in safe.columns:
        series = safe[column]
        if excel and pd.api.types.is_bool_dtype(series):
            safe[column] = series.map({True: t("yes", lang), False: t("no", lang)})
        elif series.dtype == object or pd.api.types.is_string_dtype(series):
            always = column in ids
            safe[column] = series.map((lambda v, a=always: _excel_cell(v, a)) if excel else safe_text)
    if excel:
        names = headers or {}
        safe.columns = [safe_text(names.get(c, c)) for c in safe.columns]
        text = safe.to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n", float_format=float_format)
        return BOM + text
    return safe.to_csv(index=False, lineterminator="\n", float_format=float_format)
