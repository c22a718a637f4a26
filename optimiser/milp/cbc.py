"""The PuLP model of a Problem (so it can be written to an .lp file) and the bundled CBC that solves it
when highspy is missing; the HiGHS path goes through the same PuLP model."""

from __future__ import annotations

import time

import numpy as np
import pulp

from ..messages import say
from .problem import INF, Problem, Settings, Solution, Status, failed


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
    model.setObjective(pulp.LpAffineExpression(zip(variables, problem.cost.tolist(), strict=True)) + problem.offset)
    for name_r, cols, coefs, lo, hi in problem.rows():
        expr = pulp.LpAffineExpression(zip((variables[c] for c in cols.tolist()), coefs.tolist(), strict=True))
        if lo == hi:
            model.addConstraint(pulp.LpConstraint(expr, pulp.LpConstraintEQ, rhs=float(lo)), name_r)
            continue
        if lo > -INF:
            model.addConstraint(pulp.LpConstraint(expr, pulp.LpConstraintGE, rhs=float(lo)), f"{name_r}_min")
        if hi < INF:
            model.addConstraint(pulp.LpConstraint(expr, pulp.LpConstraintLE, rhs=float(hi)), f"{name_r}_max")
    return model, variables


def solve_cbc(problem: Problem, settings: Settings) -> Solution:
    """One round with CBC, its status read from PuLP (CBC tells no bound: a stopped solve has no gap)."""
    model, variables = to_pulp(problem)
    solver = pulp.PULP_CBC_CMD(
        msg=False, gapRel=settings.gap, gapAbs=0.0 if settings.gap == 0 else None,
        timeLimit=settings.time_limit_s, threads=settings.threads,
    )
    began = time.perf_counter()
    try:
        model.solve(solver)
    except Exception as exc:  # noqa: BLE001 - CBC's own failure, reported as a status
        return failed("cbc", time.perf_counter() - began, str(exc))
    seconds = time.perf_counter() - began
    if model.status == pulp.LpStatusInfeasible:
        return Solution(Status.INFEASIBLE, None, None, None, None, "cbc", seconds, say("run_status_infeasible"))
    values = np.array([v.varValue if v.varValue is not None else np.nan for v in variables], dtype=float)
    if model.sol_status == pulp.LpSolutionOptimal:
        objective = float(problem.cost @ values + problem.offset)
        return Solution(Status.OPTIMAL, values, objective, objective, 0.0, "cbc", seconds)
    if model.sol_status == pulp.LpSolutionIntegerFeasible and not np.isnan(values).any():
        objective = float(problem.cost @ values + problem.offset)
        # CBC through PuLP does not report its bound: the gap is unknown, said as such.
        return Solution(Status.FEASIBLE, values, objective, None, None, "cbc", seconds, say("run_cbc_stopped"))
    if model.status == pulp.LpStatusNotSolved:
        return Solution(Status.NO_SOLUTION, None, None, None, None, "cbc", seconds, say("run_cbc_no_solution"))
    return failed("cbc", seconds, pulp.LpStatus[model.status])
