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
from .formatting import NNBSP
from .formulation import Formulation
from .messages import current, number, say
from .milp import Problem, Status
from .models import Scenario
from .rules import Prepared, Rule

ENVELOPE_PENALTY = 1000.0


def who(rule: Rule) -> str:
    """The name of what a rule bounds, for terminal messages, in the current language."""
    if rule.family == "envelope":
        return say("run_who_envelope")
    if rule.family == "epci":
        return say("run_who_epci", group=rule.group)
    if rule.family == "priority":
        return say("run_who_priority", group=rule.group)
    if rule.family == "company":
        return say("run_who_company", group=rule.group)
    if rule.family == "de_minimis":
        return say("run_who_de_minimis", group=rule.group)
    if rule.family == "totals":
        return say("run_who_total", group=rule.group)
    raise KeyError(rule.family)


def euros(value: float) -> str:
    """An amount in euros as the current language writes it (`EUR 1,234` / `1 234 €`)."""
    return say("run_eur", amount=number(round(value)))


def quantity(rule: Rule, value: float) -> str:
    if rule.measure == "eur":
        return euros(value)
    if rule.measure == "projects":
        count = _general(value, "g")
        return say("run_projects_one", count=count) if value == 1 else say("run_projects_many", count=count)
    return _general(value, ",.6g")


def decimal(text: str) -> str:
    """A number written by Python (`1.5`) as the current language writes it (`1,5` in French)."""
    return text.replace(".", ",") if current() == "fr" else text


def _general(value: float, spec: str) -> str:
    text = format(value, spec)
    if current() == "fr":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", NNBSP)
    return text


def lock_source(scenario: Scenario, cid: str) -> str:
    """Where a lock comes from: the committee's overrides, or the scenario's constraints."""
    return next((f"overrides[{k}]" for k, o in enumerate(scenario.overrides) if o.id == cid), "constraints.lock_in")


def prechecks(prep: Prepared, scenario: Scenario) -> list[str]:
    """Conflicts visible without solving, each said in one sentence."""
    problems = []
    ids = prep.table["id"].to_numpy()
    for i in np.flatnonzero(prep.locked_in & ~prep.open):
        problems.append(say("run_pre_locked_closed", id=ids[i], source=lock_source(scenario, ids[i]),
                            reason=reason_text(prep.closed[i], current())))
    for rule in prep.rules:
        if rule.lower > -INF:
            reachable = _most(rule, prep)
            if reachable < rule.lower:
                if rule.measure == "projects":
                    values = {"who": who(rule), "least": quantity(rule, rule.lower),
                              "count": number(len(rule.members)), "source": rule.source}
                    problems.append(say("run_pre_fund_at_least_one", **values) if len(rule.members) == 1
                                    else say("run_pre_fund_at_least_many", **values))
                else:
                    problems.append(say("run_pre_needs_at_least", who=who(rule), least=quantity(rule, rule.lower),
                                        most=quantity(rule, reachable), source=rule.source))
        if rule.upper < INF:
            forced = _least(rule, prep)
            if forced > rule.upper:
                problems.append(say("run_pre_locked_above", who=who(rule), forced=quantity(rule, forced),
                                    most=quantity(rule, rule.upper), source=rule.source))
    for family in ("epci", "priority"):
        floors = sum(r.lower for r in prep.rules if r.family == family and r.measure == "eur" and r.lower > -INF)
        if floors > scenario.envelope_eur:
            values = {"floors": euros(floors), "envelope": euros(scenario.envelope_eur)}
            problems.append(say("run_pre_epci_floors", **values) if family == "epci"
                            else say("run_pre_priority_floors", **values))
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
        return [say("run_no_relaxation", status=status_words(solution.status))]
    lines = []
    ids = prep.table["id"].to_numpy()
    for kind, target, bound, col in slacks:
        amount = solution.values[col]
        if amount <= 1e-6:
            continue
        if kind == "lock":
            lines.append(say("run_release_lock", id=ids[target], source=lock_source(form.scenario, ids[target])))
            continue
        rule = prep.rules[target]
        values = {"who": who(rule), "bound": quantity(rule, bound), "amount": quantity(rule, amount),
                  "source": rule.source}
        lines.append(say("run_minimum_gives_way", **values) if kind == "lower"
                     else say("run_maximum_gives_way", **values))
    return lines or [say("run_no_rule_named")]


def status_words(status: Status) -> str:
    """A solver status as the current language says it (English: its value, as written)."""
    return {Status.OPTIMAL: say("run_status_optimal"), Status.FEASIBLE: say("run_status_feasible"),
            Status.INFEASIBLE: say("run_status_infeasible"), Status.NO_SOLUTION: say("run_status_no_solution"),
            Status.ERROR: say("run_status_error")}[status]


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
