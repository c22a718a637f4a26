"""Ids and names: required text, unique ids, and values a person cannot tell apart."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..identifiers import difference, invisible_characters, lookalikes
from ..messages import say
from .cells import ExcelNumber, cell_text, show
from .problems import Reading
from .values import texts


def text_required(reading: Reading, name: str, expected: str) -> np.ndarray | None:
    """A column of text every row must fill (None when the column is absent)."""
    j = reading.index.get(name)
    if j is None:
        return None
    values = texts(reading, j)
    reading.cell_problems(j, values == "", lambda _: say("load_empty_cell", expected=expected))
    return values


def check_unique_ids(reading: Reading, ids: np.ndarray) -> None:
    """A later row repeating an id names the first row that has it; so does an id that only looks
    the same (NFC-equal ids are equal; invisible characters and lookalikes are refused)."""
    j = reading.index["id"]
    for position, cell in enumerate(reading.grid.cells[j]):
        if isinstance(cell, ExcelNumber):
            reading.problem(say("load_id_excel_number", value=show(cell), number=cell_text(cell.value)), j,
                            reading.row(position))
    seen: set[str] = set()
    repeated = np.array([i in seen or seen.add(i) for i in ids], dtype=bool) & (ids != "")
    first_row = dict(zip(ids[::-1], reading.grid.rows[::-1], strict=False))  # the first occurrence wins
    for position in np.flatnonzero(repeated):
        reading.problem(say("load_duplicate_id", id=ids[position], row=first_row[ids[position]]), j,
                        reading.row(position))
    check_lookalikes(reading, j, ids, "id", lambda value, other: say(
        "load_id_lookalike", value=repr(value), other=repr(other), row=first_row[other],
        difference=difference(value, other)), say("load_id_invisible_why"))


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
                values = {"value": repr(value), "names": ", ".join(hidden), "why": why_visible, "what": what}
                reading.problem(say("load_invisible_character", **values) if len(hidden) == 1
                                else say("load_invisible_characters", **values), j, reading.row(position))
