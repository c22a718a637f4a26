"""The only module that knows PuLP: a mixed-integer program of plain arrays in, a checked Solution out.

The model is always built as a PuLP problem (so it can be written to an .lp file and solved by the
bundled CBC). With HiGHS the arrays are handed to highspy in one `passModel` call instead of PuLP's
element-by-element copy, and the status and gap are read from HiGHS itself: PuLP 3.3 maps a HiGHS
time-limit stop to "Optimal", which must never reach a report.
"""

from __future__ import annotations

import enum
import os
import sys
import time
from dataclasses import dataclass, field, replace

import numpy as np
import pulp

from .errors import SolverError


class Status(str, enum.Enum):
    OPTIMAL = "optimal"            # proven optimal within the requested gap
    FEASIBLE = "feasible"          # a solution, not proven optimal (time limit): the gap says how far
    INFEASIBLE = "infeasible"
    NO_SOLUTION = "no_solution"    # stopped (time limit) before any solution was found
    ERROR = "error"


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

    @property
    def n_cols(self) -> int:
        return len(self.cost)

    @property
    def n_rows(self) -> int:
        return len(self.row_lower)

    def rows(self):
        """(name, columns, coefficients, lower, upper) for each row; for checking and for PuLP."""
        for r in range(self.n_rows):
            lo, hi = self.start[r], self.start[r + 1]
            name = self.row_names[r] if self.row_names else f"r{r}"
            yield name, self.index[lo:hi], self.value[lo:hi], self.row_lower[r], self.row_upper[r]

    def activity(self, v: np.ndarray) -> np.ndarray:
        """A v, row by row."""
        products = self.value * v[self.index]
        sums = np.add.reduceat(products, self.start[:-1]) if len(products) else np.zeros(self.n_rows)
        empty = self.start[:-1] == self.start[1:]
        sums = np.where(empty, 0.0, sums) if len(products) else sums
        return sums


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


INF = float("inf")
INTEGRALITY_TOLERANCE = 1e-6


def to_pulp(problem: Problem, name: str = "allocation") -> tuple[pulp.LpProblem, list[pulp.LpVariable]]:
    """The PuLP model of a Problem; column j becomes variable `v{j:07d}`."""
    model = pulp.LpProblem(name, pulp.LpMaximize)
    variables = [
        model.add_variable(
            f"v{j:07d}",
            lowBound=None if problem.col_lower[j] == -INF else float(problem.col_lower[j]),
            upBound=None if problem.col_upper[j] == INF else float(problem.col_upper[j]),
            cat=pulp.LpInteger if problem.integer[j] else pulp.LpContinuous,
        )
        for j in range(problem.n_cols)
    ]
    # Every column appears in the objective (even at 0) so that PuLP keeps it in the model.
    model.setObjective(pulp.LpAffineExpression(zip(variables, problem.cost.tolist())) + problem.offset)
    for name_r, cols, coefs, lo, hi in problem.rows():
        expr = pulp.LpAffineExpression(zip((variables[c] for c in cols.tolist()), coefs.tolist()))
        if lo == hi:
            model.addConstraint(pulp.LpConstraint(expr, pulp.LpConstraintEQ, rhs=float(lo)), name_r)
            continue
        if lo > -INF:
            model.addConstraint(pulp.LpConstraint(expr, pulp.LpConstraintGE, rhs=float(lo)), f"{name_r}_min")
        if hi < INF:
            model.addConstraint(pulp.LpConstraint(expr, pulp.LpConstraintLE, rhs=float(hi)), f"{name_r}_max")
    return model, variables


class _ArrayHiGHS(pulp.HiGHS):  # type: ignore[misc,valid-type]
    """PuLP's HiGHS interface, but the model goes to highspy in one passModel call."""

    def __init__(self, problem: Problem, variables: list[pulp.LpVariable], **kwargs) -> None:
        super().__init__(**kwargs)
        self._problem = problem
        self._variables = variables

    def createAndConfigureSolver(self, lp: pulp.LpProblem) -> None:
        lp.solverModel = _new_highs()
        options = {"mip_rel_gap": self.gapRel, "mip_abs_gap": self.gapAbs, "threads": self.threads,
                   "time_limit": None if self.timeLimit is None else float(self.timeLimit), **self.optionsDict}
        for key, value in options.items():
            if value is not None:
                lp.solverModel.setOptionValue(key, value)

    def buildSolverModel(self, lp: pulp.LpProblem) -> None:
        import highspy

        p = self._problem
        for j, var in enumerate(self._variables):
            var.index = j
        model = highspy.HighsLp()
        model.num_col_ = p.n_cols
        model.num_row_ = p.n_rows
        model.sense_ = highspy.ObjSense.kMaximize
        model.offset_ = p.offset
        model.col_cost_ = p.cost.astype(float)
        model.col_lower_ = np.where(np.isinf(p.col_lower), -highspy.kHighsInf, p.col_lower).astype(float)
        model.col_upper_ = np.where(np.isinf(p.col_upper), highspy.kHighsInf, p.col_upper).astype(float)
        model.row_lower_ = np.where(np.isinf(p.row_lower), -highspy.kHighsInf, p.row_lower).astype(float)
        model.row_upper_ = np.where(np.isinf(p.row_upper), highspy.kHighsInf, p.row_upper).astype(float)
        model.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        model.a_matrix_.start_ = p.start.astype(np.int32)
        model.a_matrix_.index_ = p.index.astype(np.int32)
        model.a_matrix_.value_ = p.value.astype(float)
        model.integrality_ = [
            highspy.HighsVarType.kInteger if flag else highspy.HighsVarType.kContinuous for flag in p.integer
        ]
        lp.solverModel.passModel(model)

    def findSolutionValues(self, lp: pulp.LpProblem):
        # Values are read from highspy directly in solve(); only the PuLP status bookkeeping remains.
        import highspy

        status = lp.solverModel.getModelStatus()
        if status == highspy.HighsModelStatus.kOptimal:
            return pulp.LpStatusOptimal, pulp.LpSolutionOptimal
        if status == highspy.HighsModelStatus.kInfeasible:
            return pulp.LpStatusInfeasible, pulp.LpSolutionInfeasible
        return pulp.LpStatusNotSolved, pulp.LpSolutionNoSolutionFound


def _new_highs():
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


def solve(problem: Problem, settings: Settings = Settings()) -> Solution:
    """Solve exactly (gap `settings.gap`), reporting honestly what the solver proved.

    Lazy integer columns are relaxed first; those that come out fractional are made integer and the
    problem solved again. Each round solves a relaxation of the full problem, so an optimum of a round
    in which every lazy column is integral is an optimum of the full problem. Whole-euro amounts cost
    far less this way: at a vertex nearly every amount is already whole.
    """
    if settings.solver not in ("highs", "cbc"):
        raise SolverError(f"unknown solver {settings.solver!r} (expected 'highs' or 'cbc')")
    run = _solve_highs if settings.solver == "highs" else _solve_cbc
    lazy = np.zeros(problem.n_cols, dtype=bool) if problem.lazy_integer is None else problem.lazy_integer.copy()
    current = replace(problem, integer=problem.integer & ~lazy, lazy_integer=None)
    seconds = 0.0
    while True:  # the time limit covers every round together
        remaining = max(settings.time_limit_s - seconds, 0.01)
        solution = run(current, replace(settings, time_limit_s=remaining))
        seconds += solution.seconds
        if not solution.has_values or not lazy.any():
            break
        values = solution.values
        fractional = lazy & (np.abs(values - np.round(values)) > INTEGRALITY_TOLERANCE)
        if not fractional.any():
            break
        if solution.status is not Status.OPTIMAL:
            message = "time limit reached before an answer in whole euros was found"
            return Solution(Status.NO_SOLUTION, None, None, solution.bound, None, solution.solver, seconds,
                            message, solution.notes)
        lazy &= ~fractional
        current = replace(current, integer=current.integer | fractional)
    return replace(solution, seconds=seconds)


def highs_available() -> bool:
    try:
        import highspy  # noqa: F401
    except ImportError:
        return False
    return True


def _solve_highs(problem: Problem, settings: Settings) -> Solution:
    if not highs_available():
        fallback = _solve_cbc(problem, settings)
        note = "HiGHS (highspy) is not installed: solved with the bundled CBC instead"
        return Solution(**{**fallback.__dict__, "notes": fallback.notes + (note,)})
    import highspy

    model, variables = to_pulp(problem)
    solver = _ArrayHiGHS(
        problem,
        variables,
        msg=False,
        gapRel=settings.gap,
        gapAbs=0.0 if settings.gap == 0 else None,
        threads=settings.threads,
        timeLimit=settings.time_limit_s,
        random_seed=0,
        mip_feasibility_tolerance=1e-9,
        primal_feasibility_tolerance=1e-9,
    )
    began = time.perf_counter()
    try:
        model.solve(solver)
    except Exception as exc:  # the solver's own failure, reported as a status, never a traceback
        return Solution(Status.ERROR, None, None, None, None, "highs", time.perf_counter() - began, str(exc))
    seconds = time.perf_counter() - began
    h = model.solverModel
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
        return Solution(Status.INFEASIBLE, None, None, None, None, "highs", seconds, "infeasible")
    if status in (S.kTimeLimit, S.kIterationLimit, S.kInterrupt, S.kSolutionLimit):
        reason = h.modelStatusToString(status)
        if has_primal:
            return Solution(Status.FEASIBLE, values, objective, bound, gap, "highs", seconds, reason)
        return Solution(Status.NO_SOLUTION, None, None, bound, None, "highs", seconds, reason)
    return Solution(Status.ERROR, None, None, None, None, "highs", seconds, h.modelStatusToString(status))


def _solve_cbc(problem: Problem, settings: Settings) -> Solution:
    model, variables = to_pulp(problem)
    solver = pulp.PULP_CBC_CMD(
        msg=False, gapRel=settings.gap, gapAbs=0.0 if settings.gap == 0 else None,
        timeLimit=settings.time_limit_s, threads=settings.threads,
    )
    began = time.perf_counter()
    try:
        model.solve(solver)
    except Exception as exc:
        return Solution(Status.ERROR, None, None, None, None, "cbc", time.perf_counter() - began, str(exc))
    seconds = time.perf_counter() - began
    if model.status == pulp.LpStatusInfeasible:
        return Solution(Status.INFEASIBLE, None, None, None, None, "cbc", seconds, "infeasible")
    values = np.array([v.varValue if v.varValue is not None else np.nan for v in variables], dtype=float)
    if model.sol_status == pulp.LpSolutionOptimal:
        objective = float(problem.cost @ values + problem.offset)
        return Solution(Status.OPTIMAL, values, objective, objective, 0.0, "cbc", seconds)
    if model.sol_status == pulp.LpSolutionIntegerFeasible and not np.isnan(values).any():
        objective = float(problem.cost @ values + problem.offset)
        # CBC through PuLP does not report its bound: the gap is unknown, said as such.
        return Solution(Status.FEASIBLE, values, objective, None, None, "cbc", seconds, "stopped before proof")
    if model.status == pulp.LpStatusNotSolved:
        return Solution(Status.NO_SOLUTION, None, None, None, None, "cbc", seconds, "no solution found in time")
    return Solution(Status.ERROR, None, None, None, None, "cbc", seconds, pulp.LpStatus[model.status])
