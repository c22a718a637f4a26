"""Why a scenario is infeasible: quick pre-checks of obvious conflicts, then an elastic model.

The elastic model gives every rule a violation variable, minimises the total violation (euros counted
as shares of the envelope, projects one by one, the envelope itself given way to last) and names the
rules that must give way and by how much.
"""

from __future__ import annotations

import math

import numpy as np

from . import milp
from .catalogue import reason_text
from .constants import INF
from .formulation import Formulation
from .milp import Problem, Status
from .models import Scenario
from .rules import Prepared, Rule

ENVELOPE_PENALTY = 1000.0


def who(rule: Rule) -> str:
    """English name of what a rule bounds, for terminal messages."""
    return {
        "envelope": "the envelope",
        "epci": f"EPCI {rule.group}",
        "priority": f"priority {rule.group}",
        "company": f"company {rule.group}",
        "de_minimis": f"de minimis undertaking {rule.group}",
        "totals": f"total {rule.group}",
    }[rule.family]


def quantity(rule: Rule, value: float) -> str:
    if rule.measure == "eur":
        return f"EUR {value:,.0f}"
    if rule.measure == "projects":
        return f"{value:g} project{'s' if value != 1 else ''}"
    return f"{value:,.6g}"


def lock_source(scenario: Scenario, cid: str) -> str:
    """Where a lock comes from: the committee's overrides, or the scenario's constraints."""
    return next((f"overrides[{k}]" for k, o in enumerate(scenario.overrides) if o.id == cid), "constraints.lock_in")


def prechecks(prep: Prepared, scenario: Scenario) -> list[str]:
    """Conflicts visible without solving, each said in one sentence."""
    problems = []
    ids = prep.table["id"].to_numpy()
    for i in np.flatnonzero(prep.locked_in & ~prep.open):
        problems.append(f"{ids[i]} is locked in ({lock_source(scenario, ids[i])}) but cannot be funded: "
                        f"{reason_text(prep.closed[i])}")
    for rule in prep.rules:
        if rule.lower > -INF:
            reachable = _most(rule, prep)
            if reachable < rule.lower:
                if rule.measure == "projects":
                    problems.append(f"{who(rule)} must fund at least {quantity(rule, rule.lower)} but has "
                                    f"{len(rule.members)} eligible candidate{'s' if len(rule.members) != 1 else ''}"
                                    f" ({rule.source})")
                else:
                    problems.append(f"{who(rule)} needs at least {quantity(rule, rule.lower)} but its eligible "
                                    f"candidates can take at most {quantity(rule, reachable)} ({rule.source})")
        if rule.upper < INF:
            forced = _least(rule, prep)
            if forced > rule.upper:
                problems.append(f"the projects locked in give {who(rule)} {quantity(rule, forced)}, above its "
                                f"maximum of {quantity(rule, rule.upper)} ({rule.source})")
    for family, label in (("epci", "EPCI"), ("priority", "priority")):
        floors = sum(r.lower for r in prep.rules if r.family == family and r.measure == "eur" and r.lower > -INF)
        if floors > scenario.envelope_eur:
            problems.append(f"the {label} minimums add up to EUR {floors:,.0f} but the envelope is "
                            f"EUR {scenario.envelope_eur:,.0f} (constraints.{family})")
    return problems


def _most(rule: Rule, prep: Prepared) -> float:
    if rule.measure == "eur":
        return float(prep.cap[rule.members].sum())
    if rule.measure == "projects":
        return float(len(rule.members))
    return float(np.clip(np.asarray(rule.weights), 0, None).sum())


def _least(rule: Rule, prep: Prepared) -> float:
    locked = prep.locked_in[rule.members]
    if rule.measure == "eur":
        return float(prep.base[rule.members][locked].sum())
    if rule.measure == "projects":
        return float(locked.sum())
    weights = np.asarray(rule.weights, dtype=float)
    return float(weights[locked].sum() + np.clip(weights[~locked], None, 0).sum())


def elastic_explanation(form: Formulation) -> list[str]:
    """Rules that must give way, and by how much, in the least violation that makes the scenario feasible."""
    prep = form.prep
    problem, slacks = _elastic(form.problem, prep, form.scenario, form.lay)
    solution = milp.solve(problem, form.settings)
    if solution.status not in (Status.OPTIMAL, Status.FEASIBLE):
        return [f"no relaxation could be computed ({solution.status.value}); check the locks and the group minimums"]
    lines = []
    ids = prep.table["id"].to_numpy()
    for kind, target, bound, col in slacks:
        amount = solution.values[col]
        if amount <= 1e-6:
            continue
        if kind == "lock":
            lines.append(f"the lock on {ids[target]} ({lock_source(form.scenario, ids[target])}) must be released")
            continue
        rule = prep.rules[target]
        side = "minimum" if kind == "lower" else "maximum"
        lines.append(f"{who(rule)}: the {side} of {quantity(rule, bound)} must give way by "
                     f"{quantity(rule, amount)} ({rule.source})")
    return lines or ["the solver reported the scenario infeasible but no single rule could be named"]


def _elastic(strict: Problem, prep: Prepared, scenario: Scenario, lay) -> tuple[Problem, list]:
    n_rules = len(prep.rules)
    n_cols = strict.n_cols
    starts, index, value, cost = [0], [], [], [0.0] * n_cols
    slacks: list[tuple[str, int, float, int]] = []
    for r, rule in enumerate(prep.rules):
        lo, hi = strict.start[r], strict.start[r + 1]
        cols, vals = list(strict.index[lo:hi]), list(strict.value[lo:hi])
        scale = {"eur": 1.0 / scenario.envelope_eur, "projects": 1.0}.get(
            rule.measure, 1.0 / max(1.0, abs(rule.lower) if rule.lower > -INF else abs(rule.upper)))
        for kind, bound, sign in (("lower", rule.lower, 1.0), ("upper", rule.upper, -1.0)):
            if math.isinf(bound):
                continue
            cols.append(n_cols + len(slacks))
            vals.append(sign)
            penalty = scale * (ENVELOPE_PENALTY if rule.family == "envelope" else 1.0)
            cost.append(-penalty)
            slacks.append((kind, r, bound, n_cols + len(slacks)))
        index.extend(cols)
        value.extend(vals)
        starts.append(starts[-1] + len(cols))
    lower, upper = list(strict.row_lower[:n_rules]), list(strict.row_upper[:n_rules])
    col_lower = strict.col_lower.copy()
    # Locks become soft: x + s >= 1 with the same weight as one project.
    for j, i in zip(lay.x_col, lay.positions, strict=True):
        if prep.locked_in[i]:
            col_lower[j] = 0.0
            index.extend([j, n_cols + len(slacks)])
            value.extend([1.0, 1.0])
            starts.append(starts[-1] + 2)
            lower.append(1.0)
            upper.append(INF)
            cost.append(-1.0)
            slacks.append(("lock", int(i), 1.0, n_cols + len(slacks)))
    link_lo = strict.start[n_rules]
    index.extend(strict.index[link_lo:].tolist())
    value.extend(strict.value[link_lo:].tolist())
    offset = starts[-1] - link_lo
    starts.extend((strict.start[n_rules + 1:] + offset).tolist())
    lower.extend(strict.row_lower[n_rules:].tolist())
    upper.extend(strict.row_upper[n_rules:].tolist())
    extra = len(slacks)
    problem = Problem(
        cost=np.asarray(cost, dtype=float),
        col_lower=np.concatenate([col_lower, np.zeros(extra)]),
        col_upper=np.concatenate([strict.col_upper, np.full(extra, INF)]),
        integer=np.concatenate([strict.integer, np.zeros(extra, dtype=bool)]),
        start=np.asarray(starts, dtype=np.int64), index=np.asarray(index, dtype=np.int64),
        value=np.asarray(value, dtype=float), row_lower=np.asarray(lower), row_upper=np.asarray(upper),
    )
    return problem, slacks
