"""Whole-euro rounds (lazy integrality) under the deadline, and the best whole point a stopped solve keeps."""

from __future__ import annotations

import os
import time
from dataclasses import replace

import numpy as np

from ..errors import SolverError
from ..messages import say
from .cbc import solve_cbc
from .deadline import grace_s, in_child
from .highs import highs_available, solve_highs
from .lagrange import solve_large
from .problem import DEFAULT_SETTINGS, INF, INTEGRALITY_TOLERANCE, Problem, Report, Settings, Solution, Status, failed

FEASIBILITY_TOLERANCE = 1e-6  # absolute, plus 1e-12 relative: sums of whole euros are exact in floats


def solve(problem: Problem, settings: Settings = DEFAULT_SETTINGS) -> Solution:
    """Solve exactly (gap `settings.gap`), reporting honestly what the solver proved.

    Lazy integer columns are relaxed first; those that come out fractional are made integer and the
    problem solved again. Each round solves a relaxation of the full problem, so an optimum of a round
    in which every lazy column is integral is an optimum of the full problem. Whole-euro amounts cost
    far less this way: at a vertex nearly every amount is already whole.

    `settings.time_limit_s` is a wall-clock deadline over all rounds together: they run in a child
    process, ended at the deadline; what is kept then is the best solution it reported, made whole
    and checked against every bound and row (`Best`), or no solution.
    """
    if settings.solver not in ("highs", "cbc"):
        raise SolverError(say("run_unknown_solver", solver=repr(settings.solver)))
    began = time.perf_counter()
    notes: tuple[str, ...] = ()
    if settings.solver == "highs" and not highs_available():
        settings = replace(settings, solver="cbc")
        notes = (say("run_highs_missing_cbc"),)
    best = Best(problem)
    try:
        if hasattr(os, "fork"):
            answer = in_child(lambda report: run_rounds(problem, settings, report), best.offer,
                              settings.time_limit_s + grace_s(settings.time_limit_s))
        else:  # no fork (Windows): HiGHS's own limit only
            answer = run_rounds(problem, settings, best.offer)
    except SolverError as exc:
        answer = failed(settings.solver, 0.0, str(exc))
    if answer is None or answer.status in (Status.FEASIBLE, Status.NO_SOLUTION):  # stopped by the time limit
        answer = best.solution(settings.solver, answer.message if answer else say("run_deadline_stopped"))
    return replace(answer, seconds=time.perf_counter() - began, notes=answer.notes + notes)


def run_rounds(problem: Problem, settings: Settings, report: Report) -> Solution:
    """The lazy-integrality rounds of `solve`; every solution and bound found is reported as it comes."""
    lazy = np.zeros(problem.n_cols, dtype=bool) if problem.lazy_integer is None else problem.lazy_integer.copy()
    current = replace(problem, integer=problem.integer & ~lazy, lazy_integer=None)
    seconds = 0.0
    while True:  # the time limit covers every round together
        solution = _round(current, replace(settings, time_limit_s=max(settings.time_limit_s - seconds, 0.01)), report)
        seconds += solution.seconds
        report(solution.values, solution.bound)  # a round's bound holds for the full problem
        if solution.status is not Status.OPTIMAL or not lazy.any():
            break
        fractional = lazy & (np.abs(solution.values - np.round(solution.values)) > INTEGRALITY_TOLERANCE)
        if not fractional.any():
            break
        lazy &= ~fractional
        current = replace(current, integer=current.integer | fractional)
    return replace(solution, seconds=seconds)


def _round(problem: Problem, settings: Settings, report: Report) -> Solution:
    """One round: a large problem through the Lagrangian core when it has the shape, else as it is."""
    if settings.solver == "cbc":
        return solve_cbc(problem, settings)
    began = time.perf_counter()
    through_core = solve_large(problem, settings, report, solve_highs)
    if through_core is not None:
        return through_core
    spent = time.perf_counter() - began
    solution = solve_highs(problem, replace(settings, time_limit_s=max(settings.time_limit_s - spent, 0.01)), report)
    return replace(solution, seconds=solution.seconds + spent)


def whole(problem: Problem, values: np.ndarray) -> np.ndarray | None:
    """`values` with every integer column made whole, or None if that point breaks a bound or a row.

    Columns within the integrality tolerance are rounded; others (an amount a relaxation round left
    fractional) are rounded down, which keeps every "at most" row of the allocation model.
    """
    v = np.asarray(values, dtype=float)
    nearest = np.round(v)
    v = np.where(problem.integer, np.where(np.abs(v - nearest) <= INTEGRALITY_TOLERANCE, nearest, np.floor(v)), v)
    feasible = (_within(v, problem.col_lower, problem.col_upper)
                and _within(problem.activity(v), problem.row_lower, problem.row_upper))
    return v if feasible else None


def _within(x: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> bool:
    def slack(bound: np.ndarray) -> np.ndarray:
        return FEASIBILITY_TOLERANCE * (1.0 + 1e-6 * np.abs(bound))

    return bool(np.all((x >= lower - slack(lower)) & (x <= upper + slack(upper))))


class Best:
    """The best whole solution reported so far and the least bound: what a solve stopped early keeps."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.values: np.ndarray | None = None
        self.objective = -INF
        self.bound = INF

    def offer(self, values: np.ndarray | None, bound: float | None) -> None:
        if bound is not None and bound < self.bound:
            self.bound = float(bound)
        point = None if values is None else whole(self.problem, values)
        if point is not None and (objective := float(self.problem.cost @ point + self.problem.offset)) > self.objective:
            self.values, self.objective = point, objective

    def solution(self, solver: str, message: str) -> Solution:
        """FEASIBLE with the best point, its bound and gap; or NO_SOLUTION."""
        bound = self.bound if np.isfinite(self.bound) else None
        if self.values is None:
            return Solution(Status.NO_SOLUTION, None, None, bound, None, solver, 0.0, say("run_no_whole_answer"))
        if bound is None:
            return Solution(Status.FEASIBLE, self.values, self.objective, None, None, solver, 0.0, message)
        bound = max(bound, self.objective)  # a bound below a feasible point is rounding noise
        gap = (bound - self.objective) / max(abs(self.objective), 1.0)
        return Solution(Status.FEASIBLE, self.values, self.objective, bound, gap, solver, 0.0, message)
