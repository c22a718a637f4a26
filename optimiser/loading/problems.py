"""How problems are collected: each located as `file, row n, column c`, all raised at once, in row order."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..errors import InputError, Problem
from ..messages import say
from .grid import Grid


class Reading:
    """A grid being given its meaning: the columns found so far and every problem met on the way."""

    def __init__(self, grid: Grid, name: str) -> None:
        self.grid = grid
        self.name = name
        self.problems: list[tuple[int, int, Problem]] = []
        self.index: dict[str, int] = {}     # output column name -> grid column
        self.n = len(grid.rows)
        self.blanked: dict[int, np.ndarray] = {}  # grid column -> cells emptied after an Excel error

    def problem(self, message: str, column: int | None = None, row: int | None = None) -> None:
        """A problem of the file, located as the user finds it: file, row, column."""
        where = self.name
        if row is not None:
            where += say("load_where_row", row=row)
        if column is not None:
            where += say("load_where_column", column=self.label(column))
        self.problems.append((row or 0, -1 if column is None else column, Problem(where, message)))

    def scenario_problem(self, where: str, message: str) -> None:
        """A problem located in the scenario (`where`), listed before the file's rows."""
        self.problems.append((0, -1, Problem(where, message)))

    def label(self, column: int) -> str:
        """A column as messages name it: its header, else its letter or number."""
        return self.grid.headers[column] or self.grid.labels[column]

    def row(self, position: int) -> int:
        """The row number the user sees for a data row."""
        return int(self.grid.rows[position])

    def cell_problems(self, column: int, mask: np.ndarray, message: Callable[[object], str]) -> None:
        """One problem per flagged cell (only the flagged ones are visited: bad files stay linear); a cell
        already named for an Excel error is not named again."""
        if column in self.blanked:
            mask = mask & ~self.blanked[column]
        cells = self.grid.cells[column]
        for position in np.flatnonzero(mask):
            self.problem(message(cells[position]), column, int(self.grid.rows[position]))

    def raise_problems(self) -> None:
        """Every problem found, in the order of the file, in one InputError (nothing when there is none)."""
        if not self.problems:
            return
        self.problems.sort(key=lambda p: (p[0], p[1]))
        count = len(self.problems)
        raise InputError(say("load_problems_many", name=self.name, count=count) if count > 1
                         else say("load_problems_one", name=self.name, count=count),
                         [p for _, _, p in self.problems])
