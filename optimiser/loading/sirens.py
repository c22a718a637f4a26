"""SIRENs and undertakings (`group_id`): 9 digits with their check digit, leading zeros put back."""

from __future__ import annotations

import re

import numpy as np
from stdnum.fr import siren as siren_number

from ..identifiers import difference
from ..messages import say
from .cells import ExcelNumber, cell_text, show
from .ids import check_lookalikes
from .problems import Reading
from .schema import SPACES
from .values import factorize, texts

_SIREN_SPACED = re.compile(r"[0-9]{3}\s[0-9]{3}\s[0-9]{3}")


def sirens(reading: Reading) -> np.ndarray | None:
    """9 digits with a valid Luhn check digit, spaces removed; Excel-number SIRENs zero-padded."""
    j = reading.index.get("siren")
    if j is None:
        return None
    if reading.grid.text_only:
        compact = texts(reading, j)
        compact[:] = [SPACES.sub("", t) for t in compact]
    else:
        compact = np.empty(reading.n, dtype=object)
        compact[:] = [_siren_text(v) for v in reading.grid.cells[j]]
    codes, uniques = factorize(compact)
    valid = np.array([len(u) == 9 and u.isascii() and u.isdigit() and siren_number.is_valid(u)
                      for u in uniques], dtype=bool)[codes]
    empty = compact == ""
    reading.cell_problems(j, empty, lambda _: say("load_siren_empty"))
    reading.cell_problems(j, ~valid & ~empty, lambda v: say("load_siren_invalid", value=show(v)))
    return compact


def group_ids(reading: Reading, company_sirens: np.ndarray | None) -> np.ndarray | None:
    """The undertaking (for de minimis); the company's SIREN when not given. A SIREN written with spaces
    or typed as a number is the SIREN; undertakings that look alike (case, spaces, lookalike letters,
    a group_id against the SIREN that stands for an empty one) are refused: one undertaking, one ceiling."""
    j = reading.index.get("group_id")
    if j is None:
        return company_sirens
    cells = reading.grid.cells[j]
    written = texts(reading, j)
    for position, cell in enumerate(cells):
        if not reading.grid.text_only and isinstance(cell, (int, float, ExcelNumber)) and not isinstance(cell, bool):
            written[position] = _siren_text(cell)
        elif _SIREN_SPACED.fullmatch(written[position]):
            written[position] = SPACES.sub("", written[position])
    groups = written if company_sirens is None else np.where(written == "", company_sirens, written)
    first_row = dict(zip(groups[::-1], reading.grid.rows[::-1], strict=False))
    written_ids = set(written)

    def alike(value: str, other: str) -> str:
        values = {"value": repr(value), "other": repr(other), "row": first_row[other],
                  "difference": difference(value, other)}
        return (say("load_group_lookalike_group", **values) if other in written_ids
                else say("load_group_lookalike_siren", **values))

    check_lookalikes(reading, j, groups, "group_id", alike, say("load_group_invisible_why"), fold_case=True)
    return groups


def _siren_text(value: object) -> str:
    """A SIREN cell as text; an Excel number lost its leading zeros, which are put back."""
    if isinstance(value, ExcelNumber):
        value = value.value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < 1e9 \
            and float(value).is_integer():  # the range first: a huge int is not a float
        return f"{int(value):09d}"
    return SPACES.sub("", cell_text(value))
