"""The only module that knows PuLP: a mixed-integer program of plain arrays in, a checked Solution out.

The model is always built as a PuLP problem (so it can be written to an .lp file and solved by the
bundled CBC). With HiGHS the arrays are handed to highspy in one `passModel` call instead of PuLP's
element-by-element copy, and the status and gap are read from HiGHS itself: PuLP 3.3 maps a HiGHS
time-limit stop to "Optimal", which must never reach a report.

The time limit is a wall-clock deadline: HiGHS 1.16 checks its own limit only between phases (at
100,000 candidates a 60 s limit returned after 206 s), so `solve` runs in a child process that is
killed at the deadline, and keeps the best whole-euro solution the child reported before.
"""

from __future__ import annotations

import contextlib
import ctypes
import enum
import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from typing import NoReturn

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


INF = float("inf")
INTEGRALITY_TOLERANCE = 1e-6
FEASIBILITY_TOLERANCE = 1e-6     # absolute, plus 1e-12 relative: sums of whole euros are exact in floats
DEADLINE_MARGIN_S, DEADLINE_MARGIN_SHARE = 2.0, 0.05  # the promise: the limit holds within max(2 s, 5 %)
PR_SET_PDEATHSIG = 1             # linux/prctl.h
_STOPS = {signal.SIGINT, signal.SIGTERM}

# Called with each solution a solver finds (None: only a bound) and the best bound it knows (None: unknown).
Report = Callable[[np.ndarray | None, float | None], None]


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

    def __init__(self, problem: Problem, variables: list[pulp.LpVariable], settings: Settings,
                 report: Report) -> None:
        super().__init__(msg=False, gapRel=settings.gap, threads=settings.threads, timeLimit=settings.time_limit_s)
        self._problem = problem
        self._variables = variables
        self._settings = settings
        self._report = report

    def createAndConfigureSolver(self, lp: pulp.LpProblem) -> None:
        lp.solverModel = _new_highs()
        _configure(lp.solverModel, self._settings)
        _fresh_scheduler()  # PuLP runs it next
        # Read-only callbacks: what a solve stopped from outside keeps (they do not change HiGHS's path).
        report = self._report
        lp.solverModel.cbMipImprovingSolution.subscribe(
            lambda event: report(np.array(event.data_out.mip_solution), event.data_out.mip_dual_bound))
        lp.solverModel.cbMipInterrupt.subscribe(lambda event: report(None, event.data_out.mip_dual_bound))

    def buildSolverModel(self, lp: pulp.LpProblem) -> None:
        for j, var in enumerate(self._variables):
            var.index = j
        lp.solverModel.passModel(_highs_model(self._problem))

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

    `settings.time_limit_s` is a wall-clock deadline over all rounds together: they run in a child
    process, ended at the deadline; what is kept then is the best solution it reported, made whole
    and checked against every bound and row (`_Best`), or no solution.
    """
    if settings.solver not in ("highs", "cbc"):
        raise SolverError(f"unknown solver {settings.solver!r} (expected 'highs' or 'cbc')")
    began = time.perf_counter()
    notes: tuple[str, ...] = ()
    if settings.solver == "highs" and not highs_available():
        settings = replace(settings, solver="cbc")
        notes = ("HiGHS (highspy) is not installed: solved with the bundled CBC instead",)
    best = _Best(problem)
    try:
        if hasattr(os, "fork"):
            answer = _in_child(lambda report: _rounds(problem, settings, report), best.offer,
                               settings.time_limit_s + _grace_s(settings.time_limit_s))
        else:  # no fork (Windows): HiGHS's own limit only
            answer = _rounds(problem, settings, best.offer)
    except SolverError as exc:
        answer = Solution(Status.ERROR, None, None, None, None, settings.solver, 0.0, str(exc))
    if answer is None or answer.status in (Status.FEASIBLE, Status.NO_SOLUTION):  # stopped by the time limit
        answer = best.solution(settings.solver, answer.message if answer else
                               "time limit reached: the solver was stopped at the deadline")
    return replace(answer, seconds=time.perf_counter() - began, notes=answer.notes + notes)


def _grace_s(time_limit_s: float) -> float:
    """How long after its limit the solver may still finish by itself: half the margin promised, so
    that ending the child and reading its last solution fit in the other half."""
    return 0.5 * max(DEADLINE_MARGIN_S, DEADLINE_MARGIN_SHARE * time_limit_s)


def _rounds(problem: Problem, settings: Settings, report: Report) -> Solution:
    """The lazy-integrality rounds of `solve`; every solution and bound found is reported as it comes."""
    lazy = np.zeros(problem.n_cols, dtype=bool) if problem.lazy_integer is None else problem.lazy_integer.copy()
    current = replace(problem, integer=problem.integer & ~lazy, lazy_integer=None)
    seconds = 0.0
    while True:  # the time limit covers every round together
        remaining = replace(settings, time_limit_s=max(settings.time_limit_s - seconds, 0.01))
        solution = (_solve_highs(current, remaining, report) if settings.solver == "highs"
                    else _solve_cbc(current, remaining))
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


def _whole(problem: Problem, values: np.ndarray) -> np.ndarray | None:
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


class _Best:
    """The best whole solution reported so far and the least bound: what a solve stopped early keeps."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.values: np.ndarray | None = None
        self.objective = -INF
        self.bound = INF

    def offer(self, values: np.ndarray | None, bound: float | None) -> None:
        if bound is not None and bound < self.bound:
            self.bound = float(bound)
        point = None if values is None else _whole(self.problem, values)
        if point is not None and (objective := float(self.problem.cost @ point + self.problem.offset)) > self.objective:
            self.values, self.objective = point, objective

    def solution(self, solver: str, message: str) -> Solution:
        """FEASIBLE with the best point, its bound and gap; or NO_SOLUTION."""
        bound = self.bound if np.isfinite(self.bound) else None
        if self.values is None:
            return Solution(Status.NO_SOLUTION, None, None, bound, None, solver, 0.0,
                            "time limit reached before an answer in whole euros was found")
        if bound is None:
            return Solution(Status.FEASIBLE, self.values, self.objective, None, None, solver, 0.0, message)
        bound = max(bound, self.objective)  # a bound below a feasible point is rounding noise
        gap = (bound - self.objective) / max(abs(self.objective), 1.0)
        return Solution(Status.FEASIBLE, self.values, self.objective, bound, gap, solver, 0.0, message)


def _in_child(work: Callable[[Report], Solution], report: Report, seconds: float) -> Solution | None:
    """`work` run in a child process for at most `seconds` of wall clock, its reports passed to `report`.

    Returns its Solution, or None when the deadline came first; raises SolverError if the child ends
    without an answer. The child is killed and reaped before this returns or raises, whatever happens
    (an exception, KeyboardInterrupt, SystemExit from a signal handler), and dies with this process.
    """
    deadline = time.monotonic() + seconds
    parent = os.getpid()
    reader, writer = Pipe(duplex=False)
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)  # no signal handler between fork and try
    try:
        pid = os.fork()
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        raise
    if pid == 0:
        _child(work, reader, writer, mask, parent)
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        writer.close()
        while (left := deadline - time.monotonic()) > 0 and reader.poll(left):
            message = reader.recv()  # EOFError (or OSError mid-message): the child ended without an answer
            if isinstance(message, Solution):
                return message
            if isinstance(message, str):
                raise SolverError(message)
            report(*message)
        return None
    except (EOFError, OSError):
        pass  # said below, once the child is reaped and its end known
    finally:
        reader.close()
        status = _end(pid)
    how = (f"killed by {signal.Signals(os.WTERMSIG(status)).name}" if os.WIFSIGNALED(status)
           else f"exit code {os.waitstatus_to_exitcode(status)}")
    raise SolverError(f"the solver process ended without an answer ({how})")


def _child(work: Callable[[Report], Solution], reader: Connection, writer: Connection,
           mask: set[signal.Signals], parent: int) -> NoReturn:
    """The child's whole life: deaf to Ctrl-C, tied to its parent, silent; it always ends in os._exit."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: a SIGTERM ends it at once
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        os.setpgid(0, 0)  # its own group: the terminal's Ctrl-C misses it, and `_end` reaches its CBC too
        reader.close()
        if sys.platform.startswith("linux"):
            ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == parent:  # else the parent ended before prctl could tie the child to it
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            try:
                writer.send(work(lambda values, bound: writer.send((values, bound))))
            except Exception as exc:  # told to the parent, which reports it as a solver error
                writer.send(f"the solver process failed: {type(exc).__name__}: {exc}")
    finally:
        os._exit(0)


def _end(pid: int) -> int:
    """Kill the child and its process group, reap it, and return its wait status; no signal handler
    can run (and leave a zombie) before it is reaped."""
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        os.kill(pid, signal.SIGKILL)  # its group may not exist yet
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
        return os.waitpid(pid, 0)[1]
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def highs_available() -> bool:
    try:
        import highspy  # noqa: F401
    except ImportError:
        return False
    return True


SMALL_COSTS = 1e-4  # below this largest cost, HiGHS's optimality tolerance (1e-7) sees every cost as zero


def _cost_scale(problem: Problem) -> float:
    """The factor that brings an objective whose costs are all tiny (requests of billions of euros: a few
    score points over 10^11 euros) to a largest cost of 1; 1 for every other objective."""
    largest = float(np.max(np.abs(problem.cost))) if problem.n_cols else 0.0
    return 1.0 / largest if 0.0 < largest < SMALL_COSTS else 1.0


def _solve_highs(problem: Problem, settings: Settings, report: Report) -> Solution:
    began = time.perf_counter()  # the PuLP model is part of the time each round takes
    scale = _cost_scale(problem)
    if scale != 1.0:  # the same optimum; objective and bounds read back in the problem's own units
        problem = replace(problem, cost=problem.cost * scale, offset=problem.offset * scale)
        inner = report
        report = lambda values, bound: inner(values, None if bound is None else bound / scale)  # noqa: E731
    model, variables = to_pulp(problem)
    try:
        model.solve(_ArrayHiGHS(problem, variables, settings, report))
    except Exception as exc:  # the solver's own failure, reported as a status, never a traceback
        return Solution(Status.ERROR, None, None, None, None, "highs", time.perf_counter() - began, str(exc))
    solution = _read(model.solverModel, problem, time.perf_counter() - began)
    if scale != 1.0:
        solution = replace(solution, objective=None if solution.objective is None else solution.objective / scale,
                           bound=None if solution.bound is None else solution.bound / scale)
    return solution


def _highs_model(p: Problem):
    """The HighsLp of a Problem, for one passModel call."""
    import highspy

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
    return model


def _fresh_scheduler() -> None:
    """Before each HiGHS run, a thread scheduler for that run's `threads`. HiGHS keeps one per thread of
    the process: a run asking for another count than the one set first fails ("Not Set"), and in a
    forked child the copied scheduler has lost its worker threads (a run on it waits for them forever)."""
    import highspy

    highspy.Highs.resetGlobalScheduler(False)


def _configure(h, settings: Settings) -> None:
    """The same options for every HiGHS solve: the gap asked for, fixed threads and seed."""
    h.setOptionValue("mip_rel_gap", float(settings.gap))
    if settings.gap == 0:
        h.setOptionValue("mip_abs_gap", 0.0)
    h.setOptionValue("threads", int(settings.threads))
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("time_limit", float(settings.time_limit_s))


def _read(h, problem: Problem, seconds: float) -> Solution:
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


def row_duals(problem: Problem, settings: Settings = Settings()) -> np.ndarray | None:
    """Row duals of a linear problem (no integer column), or None when it is not solved to optimality."""
    import highspy

    h = _new_highs()
    _configure(h, settings)
    h.passModel(_highs_model(replace(problem, integer=np.zeros(problem.n_cols, dtype=bool))))
    _fresh_scheduler()
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    return np.array(h.getSolution().row_dual, dtype=float)


class Resolver:
    """One HiGHS model built once and solved again and again with changed costs, bounds or coefficients.

    For the analyses that solve many variants of one scenario (sensitivity draws, the price of a rule,
    the budget curve, explanations). Each solve starts from the base integrality, so its answer depends
    only on the data of that solve and on the starting point given; the lazy rounds are those of `solve`.
    """

    def __init__(self, problem: Problem, settings: Settings = Settings()) -> None:
        if not highs_available():
            raise SolverError("re-solving analyses (sensitivity, prices, budget curve, frontier) need HiGHS: "
                              "pip install highspy")
        self.problem = problem
        self.settings = settings
        self.lazy = np.zeros(problem.n_cols, dtype=bool) if problem.lazy_integer is None else problem.lazy_integer
        self.base_integer = problem.integer & ~self.lazy
        self._h = _new_highs()
        _configure(self._h, settings)
        self._h.passModel(_highs_model(replace(problem, integer=self.base_integer)))
        self._made_integer = np.zeros(problem.n_cols, dtype=bool)
        self._all = np.arange(problem.n_cols, dtype=np.int32)

    def set_cost(self, cost: np.ndarray) -> None:
        self._h.changeColsCost(len(cost), self._all, np.asarray(cost, dtype=float))

    def set_col_bounds(self, lower: np.ndarray, upper: np.ndarray) -> None:
        import highspy

        lower = np.where(np.isinf(lower), -highspy.kHighsInf, lower).astype(float)
        upper = np.where(np.isinf(upper), highspy.kHighsInf, upper).astype(float)
        self._h.changeColsBounds(len(lower), self._all, lower, upper)

    def set_row_bounds(self, rows: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> None:
        import highspy

        lower = np.where(np.isinf(lower), -highspy.kHighsInf, lower).astype(float)
        upper = np.where(np.isinf(upper), highspy.kHighsInf, upper).astype(float)
        self._h.changeRowsBounds(len(rows), np.asarray(rows, dtype=np.int32), lower, upper)

    def set_coefficients(self, row: int, cols: np.ndarray, values: np.ndarray) -> None:
        for col, value in zip(np.asarray(cols).tolist(), np.asarray(values, dtype=float).tolist()):
            self._h.changeCoeff(int(row), int(col), value)

    def solve(self, start: np.ndarray | None = None) -> Solution:
        """Solve as the model now stands; `start` is a previous answer offered as a first incumbent."""
        import highspy

        h = self._h
        if self._made_integer.any():  # back to the base integrality: no memory of earlier solves
            cols = np.flatnonzero(self._made_integer).astype(np.int32)
            h.changeColsIntegrality(len(cols), cols, np.full(len(cols), 0, dtype=np.uint8))
            self._made_integer[:] = False
        seconds = 0.0
        while True:
            h.setOptionValue("time_limit", max(self.settings.time_limit_s - seconds, 0.01))
            if start is not None:
                offered = highspy.HighsSolution()
                offered.col_value = np.asarray(start, dtype=float)
                offered.value_valid = True
                h.setSolution(offered)
            began = time.perf_counter()
            _fresh_scheduler()
            h.run()
            solution = _read(h, replace(self.problem, integer=self.base_integer | self._made_integer),
                             time.perf_counter() - began)
            seconds += solution.seconds
            if not solution.has_values:
                return replace(solution, seconds=seconds)
            fractional = self.lazy & ~self._made_integer & (
                np.abs(solution.values - np.round(solution.values)) > INTEGRALITY_TOLERANCE)
            if not fractional.any():
                return replace(solution, seconds=seconds)
            if solution.status is not Status.OPTIMAL:
                return Solution(Status.NO_SOLUTION, None, None, solution.bound, None, "highs", seconds,
                                "time limit reached before an answer in whole euros was found")
            cols = np.flatnonzero(fractional).astype(np.int32)
            h.changeColsIntegrality(len(cols), cols, np.full(len(cols), 1, dtype=np.uint8))
            self._made_integer |= fractional
            start = None
