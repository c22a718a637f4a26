"""The solver's plain data: a Problem of arrays in, a Solution with a Status out; no solver imported here."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

INF = float("inf")
INTEGRALITY_TOLERANCE = 1e-6


class Status(str, enum.Enum):
    OPTIMAL = "optimal"            # proven optimal within the requested gap
    FEASIBLE = "feasible"          # a solution, not proven optimal (time limit): the gap says how far
    INFEASIBLE = "infeasible"
    NO_SOLUTION = "no_solution"    # stopped (time limit) before any solution was found
    ERROR = "error"


@dataclass(frozen=True)
class Amounts:
    """Which columns make each candidate's amount: base * x + e, with x binary and 0 <= e <= cap - base
    (e_col -1: the amount is base, all or nothing). The formulation says it; nothing else is assumed."""

    x_col: np.ndarray
    e_col: np.ndarray
    base: np.ndarray
    cap: np.ndarray


@dataclass(frozen=True)
class Problem:
    """maximise cost·v  s.t.  row_lower <= A v <= row_upper,  col_lower <= v <= col_upper.

    A is given row-wise (CSR): row r has columns `index[start[r]:start[r+1]]` with `value[...]`.
    """

    cost: np.ndarray
    col_lower: np.ndarray
    col_upper: np.ndarray
    integer: np.ndarray  # bool per column
    start: np.ndarray
    index: np.ndarray
    value: np.ndarray
    row_lower: np.ndarray
    row_upper: np.ndarray
    row_names: tuple[str, ...] = ()
    offset: float = 0.0
    # Columns that must end integral but are first solved as continuous (see `solve`).
    lazy_integer: np.ndarray | None = None
    # What the columns are, when the formulation says it: large problems are then solved through `lagrange`.
    amounts: Amounts | None = None

    @property
    def n_cols(self) -> int:
        return len(self.cost)

    @property
    def n_rows(self) -> int:
        return len(self.row_lower)

    def rows(self) -> Iterator[tuple[str, np.ndarray, np.ndarray, float, float]]:
        """(name, columns, coefficients, lower, upper) for each row; for checking and for PuLP."""
        for r in range(self.n_rows):
            lo, hi = self.start[r], self.start[r + 1]
            name = self.row_names[r] if self.row_names else f"r{r}"
            yield name, self.index[lo:hi], self.value[lo:hi], self.row_lower[r], self.row_upper[r]

    def activity(self, v: np.ndarray) -> np.ndarray:
        """A v, row by row (an empty row, even the last, sums to 0)."""
        rows = np.repeat(np.arange(self.n_rows), np.diff(self.start))
        return np.bincount(rows, weights=self.value * v[self.index], minlength=self.n_rows)


@dataclass(frozen=True)
class Settings:
    solver: str = "highs"       # "highs" or "cbc"
    time_limit_s: float = 60.0
    gap: float = 0.0            # relative MIP gap; 0 = proven optimal
    threads: int = 1


@dataclass(frozen=True)
class Solution:
    status: Status
    values: np.ndarray | None
    objective: float | None
    bound: float | None          # best proven upper bound on the objective
    gap: float | None            # relative gap between objective and bound
    solver: str
    seconds: float
    message: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def has_values(self) -> bool:
        return self.status in (Status.OPTIMAL, Status.FEASIBLE) and self.values is not None


DEFAULT_SETTINGS = Settings()  # frozen: one shared default is safe

# Called with each solution a solver finds (None: only a bound) and the best bound it knows (None: unknown).
Report = Callable[[np.ndarray | None, float | None], None]


def failed(solver: str, seconds: float, message: str) -> Solution:
    """A solve that gave nothing: an error, told as a status."""
    return Solution(Status.ERROR, None, None, None, None, solver, seconds, message)
