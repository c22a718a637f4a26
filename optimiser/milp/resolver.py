"""A warm HiGHS model, built once and re-solved after changes of costs, bounds or coefficients."""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from ..errors import SolverError
from ..messages import say
from .highs import fresh_scheduler, highs_available, highs_bounds, loaded_highs, read_solution
from .problem import DEFAULT_SETTINGS, INTEGRALITY_TOLERANCE, Problem, Settings, Solution, Status


class Resolver:
    """One HiGHS model built once and solved again and again with changed costs, bounds or coefficients.

    For the analyses that solve many variants of one scenario (sensitivity draws, the price of a rule,
    the budget curve, explanations). Each solve starts from the base integrality, so its answer depends
    only on the data of that solve and on the starting point given; the lazy rounds are those of `solve`.
    """

    def __init__(self, problem: Problem, settings: Settings = DEFAULT_SETTINGS) -> None:
        if not highs_available():
            raise SolverError(say("run_resolver_needs_highs"))
        self.problem = problem
        self.settings = settings
        self.lazy = np.zeros(problem.n_cols, dtype=bool) if problem.lazy_integer is None else problem.lazy_integer
        self.base_integer = problem.integer & ~self.lazy
        self._h = loaded_highs(replace(problem, integer=self.base_integer), settings)
        self._made_integer = np.zeros(problem.n_cols, dtype=bool)
        self._all = np.arange(problem.n_cols, dtype=np.int32)
        self._bounds: tuple[np.ndarray, np.ndarray] = highs_bounds(problem.col_lower, problem.col_upper)

    def set_cost(self, cost: np.ndarray) -> None:
        self._h.changeColsCost(len(cost), self._all, np.asarray(cost, dtype=float))

    def set_col_bounds(self, lower: np.ndarray, upper: np.ndarray) -> None:
        """New column bounds; bounds equal to those in force are not passed again (HiGHS would drop what it
        keeps between solves, and a sensitivity draw mostly changes costs only)."""
        lower, upper = highs_bounds(lower, upper)
        if np.array_equal(lower, self._bounds[0]) and np.array_equal(upper, self._bounds[1]):
            return
        self._h.changeColsBounds(len(lower), self._all, lower, upper)
        self._bounds = (lower, upper)

    def set_row_bounds(self, rows: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> None:
        lower, upper = highs_bounds(lower, upper)
        self._h.changeRowsBounds(len(rows), np.asarray(rows, dtype=np.int32), lower, upper)

    def set_coefficients(self, row: int, cols: np.ndarray, values: np.ndarray) -> None:
        for col, value in zip(np.asarray(cols).tolist(), np.asarray(values, dtype=float).tolist(), strict=True):
            self._h.changeCoeff(int(row), int(col), value)

    def solve(self, start: np.ndarray | None = None) -> Solution:
        """Solve as the model now stands; `start` is a previous answer offered as a first incumbent."""
        self._integrality(self._made_integer, 0)  # back to the base integrality: no memory of earlier solves
        seconds = 0.0
        while True:
            solution = self._run(start, seconds)
            seconds += solution.seconds
            if not solution.has_values:
                return replace(solution, seconds=seconds)
            fractional = self.lazy & ~self._made_integer & (
                np.abs(solution.values - np.round(solution.values)) > INTEGRALITY_TOLERANCE)
            if not fractional.any():
                return replace(solution, seconds=seconds)
            if solution.status is not Status.OPTIMAL:
                return Solution(Status.NO_SOLUTION, None, None, solution.bound, None, "highs", seconds,
                                say("run_no_whole_answer"))
            self._integrality(fractional, 1)
            start = None

    def _run(self, start: np.ndarray | None, seconds: float) -> Solution:
        """One round in the time left, from `start` if given."""
        import highspy

        h = self._h
        h.setOptionValue("time_limit", max(self.settings.time_limit_s - seconds, 0.01))
        if start is not None:
            offered = highspy.HighsSolution()
            offered.col_value = np.asarray(start, dtype=float)
            offered.value_valid = True
            h.setSolution(offered)
        began = time.perf_counter()
        fresh_scheduler()
        h.run()
        return read_solution(h, replace(self.problem, integer=self.base_integer | self._made_integer),
                             time.perf_counter() - began)

    def _integrality(self, columns: np.ndarray, integer: int) -> None:
        """Make `columns` integer (1) or continuous again (0), and remember which were made integer."""
        if not columns.any():
            return
        cols = np.flatnonzero(columns).astype(np.int32)
        self._h.changeColsIntegrality(len(cols), cols, np.full(len(cols), integer, dtype=np.uint8))
        self._made_integer = self._made_integer | columns if integer else np.zeros_like(self._made_integer)
