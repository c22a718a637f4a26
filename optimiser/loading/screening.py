"""Cells refused before any column is read: over-long cells, Excel errors, a spreadsheet's totals row."""

from __future__ import annotations

import re

import numpy as np

from ..messages import number, say
from .cells import MAX_CELL_CHARS, ExcelError, cell_text, show
from .problems import Reading

_TOTALS_ROW = re.compile(r"(sous[- ]?)?(total|totaux|totales?|totals|sum|somme)( g[ée]n[ée]rale?)?\s*:?\s*$",
                         re.IGNORECASE)


def refuse_long_cells(reading: Reading) -> None:
    """A cell longer than Excel holds was not typed by a person (a quote never closed, a file pasted
    in a cell): every one is named, and nothing else is read."""
    grid = reading.grid
    long_cells = []
    for j, column in enumerate(grid.cells):
        lengths = map(len, column) if grid.text_only else (len(c) for c in column if isinstance(c, str))
        if max(lengths, default=0) <= MAX_CELL_CHARS:
            continue
        for position, cell in enumerate(column):
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                long_cells.append((j, position, len(cell)))
    for j, position, length in long_cells:
        reading.problem(say("load_cell_too_long", length=number(length), limit=number(MAX_CELL_CHARS)),
                        j, reading.row(position))
    if long_cells:
        reading.raise_problems()


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")  # not tab, line breaks


def refuse_control_characters(reading: Reading) -> None:
    """A control character (a null byte, a bell, an escape) or a bidirectional override shows nothing, or
    shows the text reversed, where Excel and the reports print it: each cell holding one is named."""
    grid = reading.grid
    for j, column in enumerate(grid.cells):
        texts = column if grid.text_only else [c for c in column if isinstance(c, str)]
        if not _CONTROL.search("\n".join(texts)):  # one search per column: a large file pays nothing
            continue
        for position, cell in enumerate(column):
            if isinstance(cell, str) and _CONTROL.search(cell):
                found = ", ".join(sorted({f"U+{ord(c):04X}" for c in _CONTROL.findall(cell)}))
                reading.problem(say("load_control_characters", characters=found), j, reading.row(position))


def refuse_excel_errors(reading: Reading) -> None:
    """An error value (`#N/A`, `#REF!`) or a formula without a saved result is never a value (two `#N/A`
    undertakings would be one): each is named, then read as empty without a second message."""
    if reading.grid.text_only:
        return
    for j, column in enumerate(reading.grid.cells):
        for position, cell in enumerate(column):
            if isinstance(cell, ExcelError):
                reading.problem(say("load_this_cell", message=cell.message()), j, reading.row(position))
                column[position] = None
                reading.blanked.setdefault(j, np.zeros(reading.n, dtype=bool))[position] = True


def drop_totals_rows(reading: Reading) -> None:
    """A spreadsheet's "Total" line is not a project: say so once, and check the other rows only."""
    grid = reading.grid
    j = reading.index.get("id", 0)
    if not grid.cells:
        return
    totals = np.array([_TOTALS_ROW.match(cell_text(c).strip()) is not None for c in grid.cells[j]], dtype=bool)
    for position in np.flatnonzero(totals):
        reading.problem(say("load_totals_row", value=show(grid.cells[j][position])), row=reading.row(position))
    if totals.any():
        keep = ~totals
        grid.cells = [[c for c, k in zip(column, keep, strict=False) if k] for column in grid.cells]
        grid.rows = grid.rows[keep]
        reading.n = len(grid.rows)
