"""Building and running the HiGHS model: the arrays go to highspy in one `passModel` call (not PuLP's
element-by-element copy), and status and gap are read from HiGHS itself: PuLP 3.3 maps a HiGHS
time-limit stop to "Optimal", which must never reach a report. highspy is imported where it is used."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import replace
from typing import Any

import numpy as np
import pulp

from ..messages import say
from .cbc import to_pulp
from .problem import DEFAULT_SETTINGS, Problem, Report, Settings, Solution, Status, failed

SMALL_COSTS = 1e-4  # below this largest cost, HiGHS's optimality tolerance (1e-7) sees every cost as zero


class _ArrayHiGHS(pulp.HiGHS):  # type: ignore[misc,valid-type]
    """PuLP's HiGHS interface, but the model goes to highspy in one passModel call."""

    def __init__(self, problem: Problem, variables: list[pulp.LpVariable], settings: Settings,
                 report: Report) -> None:
        super().__init__(msg=False, gapRel=settings.gap, threads=settings.threads, timeLimit=settings.time_limit_s)
        self._problem = problem
        self._variables = variables
        self._settings = settings
        self._report = report

    def createAndConfigureSolver(self, lp: pulp.LpProblem) -> None:
        lp.solverModel = new_highs()
        configure(lp.solverModel, self._settings)
        fresh_scheduler()  # PuLP runs it next
        # Read-only callbacks: what a solve stopped from outside keeps (they do not change HiGHS's path).
        report = self._report
        lp.solverModel.cbMipImprovingSolution.subscribe(
            lambda event: report(np.array(event.data_out.mip_solution), event.data_out.mip_dual_bound))
        lp.solverModel.cbMipInterrupt.subscribe(lambda event: report(None, event.data_out.mip_dual_bound))

    def buildSolverModel(self, lp: pulp.LpProblem) -> None:
        for j, var in enumerate(self._variables):
            var.index = j
        lp.solverModel.passModel(highs_model(self._problem))

    def findSolutionValues(self, lp: pulp.LpProblem) -> tuple[int, int]:
        # Values are read from highspy directly (`read_solution`); only the PuLP status bookkeeping remains.
        import highspy

        status = lp.solverModel.getModelStatus()
        if status == highspy.HighsModelStatus.kOptimal:
            return pulp.LpStatusOptimal, pulp.LpSolutionOptimal
        if status == highspy.HighsModelStatus.kInfeasible:
            return pulp.LpStatusInfeasible, pulp.LpSolutionInfeasible
        return pulp.LpStatusNotSolved, pulp.LpSolutionNoSolutionFound


def highs_available() -> bool:
    try:
        import highspy  # noqa: F401
    except ImportError:
        return False
    return True


def new_highs() -> Any:
    """A silent highspy.Highs: its constructor prints a banner on the C stdout, kept off ours."""
    import highspy

    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            highs = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    highs.setOptionValue("output_flag", False)
    return highs


def configure(h: Any, settings: Settings) -> None:
    """The same options for every HiGHS solve: the gap asked for, fixed threads and seed."""
    h.setOptionValue("mip_rel_gap", float(settings.gap))
    if settings.gap == 0:
        h.setOptionValue("mip_abs_gap", 0.0)
    h.setOptionValue("threads", int(settings.threads))
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("time_limit", float(settings.time_limit_s))


def loaded_highs(problem: Problem, settings: Settings) -> Any:
    """A silent, configured HiGHS holding `problem`, for the analyses that drive highspy directly."""
    h = new_highs()
    configure(h, settings)
    h.passModel(highs_model(problem))
    return h


def fresh_scheduler() -> None:
    """Before each HiGHS run, a thread scheduler for that run's `threads`. HiGHS keeps one per thread of
    the process: a run asking for another count than the one set first fails ("Not Set"), and in a
    forked child the copied scheduler has lost its worker threads (a run on it waits for them forever)."""
    import highspy

    highspy.Highs.resetGlobalScheduler(False)


def highs_bounds(lower: np.ndarray, upper: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Bounds as HiGHS takes them: floats, infinity spelled kHighsInf."""
    import highspy

    return (np.where(np.isinf(lower), -highspy.kHighsInf, lower).astype(float),
            np.where(np.isinf(upper), highspy.kHighsInf, upper).astype(float))


def highs_model(p: Problem) -> Any:
    """The HighsLp of a Problem, for one passModel call."""
    import highspy

    model = highspy.HighsLp()
    model.num_col_ = p.n_cols
    model.num_row_ = p.n_rows
    model.sense_ = highspy.ObjSense.kMaximize
    model.offset_ = p.offset
    model.col_cost_ = p.cost.astype(float)
    model.col_lower_, model.col_upper_ = highs_bounds(p.col_lower, p.col_upper)
    model.row_lower_, model.row_upper_ = highs_bounds(p.row_lower, p.row_upper)
    model.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    model.a_matrix_.start_ = p.start.astype(np.int32)
    model.a_matrix_.index_ = p.index.astype(np.int32)
    model.a_matrix_.value_ = p.value.astype(float)
    model.integrality_ = [
        highspy.HighsVarType.kInteger if flag else highspy.HighsVarType.kContinuous for flag in p.integer
    ]
    return model


def cost_scale(problem: Problem) -> float:
    """The factor that brings an objective whose costs are all tiny (requests of billions of euros: a few
    score points over 10^11 euros) to a largest cost of 1; 1 for every other objective."""
    largest = float(np.max(np.abs(problem.cost))) if problem.n_cols else 0.0
    return 1.0 / largest if 0.0 < largest < SMALL_COSTS else 1.0


def solve_highs(problem: Problem, settings: Settings, report: Report) -> Solution:
    """One round with HiGHS, costs scaled for the solver and the answer read back in the problem's units."""
    began = time.perf_counter()  # the PuLP model is part of the time each round takes
    scale = cost_scale(problem)
    if scale != 1.0:  # the same optimum; objective and bounds read back in the problem's own units
        problem = replace(problem, cost=problem.cost * scale, offset=problem.offset * scale)
        report = _unscaled(report, scale)
    model, variables = to_pulp(problem)
    try:
        model.solve(_ArrayHiGHS(problem, variables, settings, report))
    except Exception as exc:  # noqa: BLE001 - the solver's own failure, reported as a status, never a traceback
        return failed("highs", time.perf_counter() - began, str(exc))
    solution = read_solution(model.solverModel, problem, time.perf_counter() - began)
    if scale != 1.0:
        solution = replace(solution, objective=None if solution.objective is None else solution.objective / scale,
                           bound=None if solution.bound is None else solution.bound / scale)
    return solution


def _unscaled(report: Report, scale: float) -> Report:
    """`report`, its bounds read back from scaled costs to the problem's own units."""
    return lambda values, bound: report(values, None if bound is None else bound / scale)


def read_solution(h: Any, problem: Problem, seconds: float) -> Solution:
    """A Solution from HiGHS's own model status and gap, never PuLP's reading of them."""
    import highspy

    status = h.getModelStatus()
    info = h.getInfo()
    S = highspy.HighsModelStatus
    has_primal = info.primal_solution_status == 2  # kSolutionStatusFeasible
    values = np.array(h.getSolution().col_value, dtype=float) if has_primal else None
    objective = float(info.objective_function_value) if has_primal else None
    mip = bool(problem.integer.any())
    bound = float(info.mip_dual_bound) if mip else objective
    gap = float(info.mip_gap) if mip and has_primal else (0.0 if has_primal else None)
    if status == S.kOptimal:
        return Solution(Status.OPTIMAL, values, objective, bound, gap, "highs", seconds)
    if status == S.kInfeasible:
        return Solution(Status.INFEASIBLE, None, None, None, None, "highs", seconds, say("run_status_infeasible"))
    if status in (S.kTimeLimit, S.kIterationLimit, S.kInterrupt, S.kSolutionLimit):
        reason = stopped_words(h.modelStatusToString(status))
        if has_primal:
            return Solution(Status.FEASIBLE, values, objective, bound, gap, "highs", seconds, reason)
        return Solution(Status.NO_SOLUTION, None, None, bound, None, "highs", seconds, reason)
    return failed("highs", seconds, h.modelStatusToString(status))


def stopped_words(reason: str) -> str:
    """Why HiGHS stopped early, in the current language (English: HiGHS's own words; others as written)."""
    said = {"Time limit reached": say("run_highs_time_limit"), "Iteration limit reached": say("run_highs_iterations"),
            "Interrupted by user": say("run_highs_interrupted"), "Solution limit reached": say("run_highs_solutions")}
    return said.get(reason, reason)


def row_duals(problem: Problem, settings: Settings = DEFAULT_SETTINGS) -> np.ndarray | None:
    """Row duals of a linear problem (no integer column), or None when it is not solved to optimality."""
    import highspy

    h = loaded_highs(replace(problem, integer=np.zeros(problem.n_cols, dtype=bool)), settings)
    fresh_scheduler()
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    return np.array(h.getSolution().row_dual, dtype=float)
