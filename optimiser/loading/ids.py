"""Ids and names: required text, unique ids, and values a person cannot tell apart."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..identifiers import difference, invisible_characters, lookalikes
from .cells import ExcelNumber, cell_text, show
from .problems import Reading
from .values import texts


def text_required(reading: Reading, name: str, expected: str) -> np.ndarray | None:
    """A column of text every row must fill (None when the column is absent)."""
    j = reading.index.get(name)
    if j is None:
        return None
    values = texts(reading, j)
    reading.cell_problems(j, values == "", lambda _: f"empty cell ({expected})")
    return values


def check_unique_ids(reading: Reading, ids: np.ndarray) -> None:
    """A later row repeating an id names the first row that has it; so does an id that only looks
    the same (NFC-equal ids are equal; invisible characters and lookalikes are refused)."""
    j = reading.index["id"]
    for position, cell in enumerate(reading.grid.cells[j]):
        if isinstance(cell, ExcelNumber):
            reading.problem(f"{show(cell)} is what Excel shows, but the cell stores the number "
                            f"{cell_text(cell.value)}, "
                            f"which its number format decorates: type the id as text, as it should read", j,
                            reading.row(position))
    seen: set[str] = set()
    repeated = np.array([i in seen or seen.add(i) for i in ids], dtype=bool) & (ids != "")
    first_row = dict(zip(ids[::-1], reading.grid.rows[::-1], strict=False))  # the first occurrence wins
    for position in np.flatnonzero(repeated):
        reading.problem(f"duplicate id '{ids[position]}' (also on row {first_row[ids[position]]}); "
                        f"ids must be unique", j, reading.row(position))
    check_lookalikes(reading, j, ids, "id", lambda value, other: (
        f"id {value!r} looks the same as id {other!r} on row {first_row[other]} ({difference(value, other)}): "
        "a person cannot tell them apart; write the ids so that they differ visibly"),
        "a person reading the id can neither see nor type it")


def check_lookalikes(reading: Reading, j: int, values: np.ndarray, what: str, message: Callable[[str, str], str],
                     why_visible: str, fold_case: bool = False) -> None:
    """Values that look like an earlier, different one (`message`), and values holding invisible
    characters (a zero-width space, a BOM, a bidirectional mark) that look like no other one."""
    first: dict[str, int] = {}
    for position, value in enumerate(values):
        first.setdefault(value, position)
    alike = lookalikes((v for v in first if v), fold_case)
    for value, other in alike.items():
        reading.problem(message(value, other), j, reading.row(first[value]))
    for value, position in first.items():
        if value and value not in alike and not (value.isascii() and value.isprintable()):
            hidden = invisible_characters(value)
            if hidden:
                one = len(hidden) == 1
                reading.problem(f"{value!r} holds {'an invisible character' if one else 'invisible characters'} "
                                f"({', '.join(hidden)}): {why_visible}; remove {'it' if one else 'them'} from the "
                                f"{what}", j, reading.row(position))
