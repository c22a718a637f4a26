"""A column's cells as text or as numbers: the two ways every column reader starts."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from ..identifiers import normal
from ..messages import say
from .cells import ExcelNumber, cell_text, excel_money, excel_number, excel_unseen, show
from .numbers import money_text, number_text
from .problems import Reading


@dataclass
class Numbers:
    """A column read as numbers: values (NaN when empty, bad or refused), and which cells were empty, not
    numbers at all, or numbers the column cannot take as written (position -> why, to follow the cell)."""

    values: np.ndarray
    empty: np.ndarray
    bad: np.ndarray
    refused: dict[int, str] = field(default_factory=dict)


def texts(reading: Reading, column: int) -> np.ndarray:
    """The column's cells as text, NFC-normalised and trimmed (object array of str)."""
    cells = reading.grid.cells[column]
    if not reading.grid.text_only:
        cells = [cell_text(c) for c in cells]
    return _objects([text.strip() if text.isascii() else normal(text) for text in cells])


def factorize(values: Iterable[object]) -> tuple[np.ndarray, list]:
    """(codes, uniques) with values == uniques[codes], uniques in order of first appearance: each distinct
    text is then read, parsed or looked up once (a column of 100,000 cells has a few hundred)."""
    index: dict[object, int] = {}
    codes = np.fromiter((index.setdefault(v, len(index)) for v in values), dtype=np.int64)
    return codes, list(index)


def _objects(values: list) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def numbers(reading: Reading, column: int, money: bool = False, zero_is_empty: bool = False) -> Numbers:
    """The column's cells as floats, through the one number rule (`money`: the strict money rule);
    text is parsed once per distinct text. `zero_is_empty`: an empty cell means 0 here, so a zero that
    Excel does not show is what a person reads."""
    cells = reading.grid.cells[column]
    read = money_text if money else number_text
    if reading.grid.text_only:
        codes, uniques = factorize(cells)
        parsed = [read(u) if u.strip() else (None, None) for u in uniques]
        values = np.array([np.nan if v is None else v for v, _ in parsed], dtype=float)[codes]
        empty = np.array([not u.strip() for u in uniques], dtype=bool)[codes]
        why = _objects([w for _, w in parsed])[codes]
        refusal = np.array([w is not None for _, w in parsed], dtype=bool)[codes]
        bad = np.isnan(values) & ~empty & ~refusal
        refused = {int(i): why[i] for i in np.flatnonzero(refusal)}
        return Numbers(values, empty, bad, refused)
    result = Numbers(np.full(reading.n, np.nan), np.zeros(reading.n, dtype=bool), np.zeros(reading.n, dtype=bool))
    for i, cell in enumerate(cells):
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            result.empty[i] = True
            continue
        value, reason = _cell_number(cell, read, money, zero_is_empty)
        if reason:
            result.refused[i] = reason
        elif value is None:
            result.bad[i] = True
        else:
            result.values[i] = value
    return result


def _cell_number(cell: object, read: Callable[[str], tuple[float | None, str | None]], money: bool,
                 zero_is_empty: bool) -> tuple[float | None, str | None]:
    """One workbook cell as a number: (value, None), (None, why it is refused) or (None, None)."""
    if isinstance(cell, str):
        return read(cell)
    if isinstance(cell, ExcelNumber):
        why = excel_unseen(cell, zero_is_empty) or (excel_money(cell) if money else None)
        return (None, why) if why else excel_number(cell)
    if isinstance(cell, bool) or not isinstance(cell, (int, float)) \
            or (isinstance(cell, float) and not math.isfinite(cell)):
        return None, None
    try:
        return float(cell), None  # an int cell may be too large for a float
    except OverflowError:
        return None, None


def number_problems(reading: Reading, j: int, numbers: Numbers, what: str) -> None:
    """Report the cells that are not numbers, and those the column cannot take as written."""
    reading.cell_problems(j, numbers.bad, lambda v: say("load_not_a_number", value=show(v), what=what))
    cells = reading.grid.cells[j]
    for position, why in sorted(numbers.refused.items()):
        reading.problem(f"{show(cells[position])} {why}", j, reading.row(position))
