"""The one translator between named candidates and the solver, and the recorder of why.

`formulation` turns prepared candidates into arrays; this module solves them, reads the amounts back
in whole euros, has the checker confirm them, and gives every candidate its reason.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import milp
from .checker import check
from .constants import EUR_TOLERANCE, INF, RELATIVE_TOLERANCE
from .errors import CheckError, InfeasibleError, SolverError
from .feasibility import decimal, elastic_explanation, prechecks, status_words
from .formulation import Formulation
from .messages import say
from .milp import Settings, Solution, Status
from .models import Scenario
from .reasons import Reason
from .rules import Prepared, Rule, prepare
from .scoring import ScoreTable
from .territory import Territory


@dataclass(frozen=True)
class RuleState:
    """A rule at the allocation: its activity and the bounds it sits at (both when they are equal)."""

    rule: Rule
    activity: float
    at_upper: bool
    at_lower: bool

    @property
    def binding(self) -> bool:
        return self.at_upper or self.at_lower

    @property
    def bound(self) -> float:
        """The bound it sits at, the upper one first (NaN when it does not bind)."""
        return self.rule.upper if self.at_upper else self.rule.lower if self.at_lower else math.nan


@dataclass(frozen=True)
class Allocation:
    scenario: Scenario
    territory: Territory
    table: pd.DataFrame     # one row per candidate in id order, with amount_eur, funded, reason_code, reason
    solution: Solution
    rules: list[RuleState]
    notes: list[str]

    @property
    def proven_optimal(self) -> bool:
        return self.solution.status is Status.OPTIMAL

    @property
    def total_eur(self) -> int:
        return int(self.table["amount_eur"].sum())


def rule_activity(rule: Rule, amounts: np.ndarray) -> float:
    funded = amounts[rule.members] > 0
    if rule.measure == "eur":
        return float(amounts[rule.members].sum())
    if rule.measure == "projects":
        return float(funded.sum())
    return float(np.asarray(rule.weights)[funded].sum())


def allocate(table: pd.DataFrame, scores: ScoreTable, scenario: Scenario, territory: Territory,
             input_notes: tuple[str, ...] = ()) -> Allocation:
    """Solve the scenario exactly and explain the result for every candidate; `input_notes` say what the
    reading of the candidates file left out or chose, for the reports."""
    form = Formulation.of(prepare(table, scores, scenario, territory), scenario)
    return solve_formulation(form, territory, (*input_notes, *scores.notes))


def solve_formulation(form: Formulation, territory: Territory, notes: tuple[str, ...] = ()) -> Allocation:
    """Solve a formulated scenario, read the amounts back, have the checker confirm them and explain them;
    `notes` (what the reading and the scoring said) come first in the allocation's notes."""
    prep, scenario, settings = form.prep, form.scenario, form.settings
    conflicts = prechecks(prep, scenario)
    if conflicts:
        raise InfeasibleError(say("run_infeasible"), conflicts)
    solution = milp.solve(form.problem, settings) if form.lay.n_cols else _empty_solution(settings)
    if solution.status is Status.INFEASIBLE:
        raise InfeasibleError(say("run_infeasible_relaxation"), elastic_explanation(form))
    if not solution.has_values:
        raise SolverError(say("run_no_allocation", solver=solution.solver,
                              why=solution.message or status_words(solution.status),
                              seconds=decimal(f"{solution.seconds:.1f}"), limit=decimal(f"{settings.time_limit_s:g}")))
    amounts = form.amounts(solution.values)
    states = [_state(rule, amounts) for rule in prep.rules]
    out = _explain(prep, scenario, amounts, states)
    broken = check(out, scenario, territory)
    if broken:
        raise CheckError(say("run_check_failed") + "\n  - " + "\n  - ".join(broken))
    notes = [*notes, *solution.notes]
    return Allocation(scenario, territory, out, solution, states, notes)


def _empty_solution(settings: Settings) -> Solution:
    return Solution(Status.OPTIMAL, np.zeros(0), 0.0, 0.0, 0.0, settings.solver, 0.0, say("run_none_fundable"))


def _tolerance(rule: Rule) -> float:
    if rule.measure == "eur":
        return EUR_TOLERANCE
    finite = [abs(b) for b in (rule.lower, rule.upper) if not math.isinf(b)]
    return RELATIVE_TOLERANCE * max([1.0, *finite])


def _state(rule: Rule, amounts: np.ndarray) -> RuleState:
    activity = rule_activity(rule, amounts)
    tol = _tolerance(rule)
    return RuleState(rule, activity, bool(rule.upper < INF and activity >= rule.upper - tol),
                     bool(rule.lower > -INF and activity <= rule.lower + tol))


_BLOCK_CODES = {
    "epci": "not_funded_epci_cap",
    "priority": "not_funded_priority_cap",
    "company": "not_funded_company_cap",
    "de_minimis": "not_funded_company_cap",
    "totals": "not_funded_totals_cap",
}


def _explain(prep: Prepared, scenario: Scenario, amounts: np.ndarray, states: list[RuleState]) -> pd.DataFrame:
    """Every candidate's `Reason`, recorded from the rules' final state (words come later, from `catalogue`)."""
    n = len(amounts)
    member_rules: list[list[int]] = [[] for _ in range(n)]
    for r, state in enumerate(states):
        for m in state.rule.members.tolist():
            member_rules[m].append(r)
    envelope_left = scenario.envelope_eur - int(amounts.sum())
    reasons: list[Reason] = []
    for i in range(n):
        if prep.closed[i] is not None:
            reasons.append(prep.closed[i])
            continue
        requested, amount = int(prep.requested[i]), int(amounts[i])
        if amount > 0:
            if amount >= requested:
                reasons.append(Reason("funded_full", amount=amount, requested=requested))
                continue
            at_cap = bool(amount >= prep.cap[i] and prep.cap[i] < requested)
            limits = () if at_cap else tuple(states[r].rule for r in member_rules[i]
                                              if states[r].at_upper and states[r].rule.measure == "eur")
            reasons.append(Reason("funded_partial", amount=amount, requested=requested, cap=int(prep.cap[i]),
                                  cap_reason=prep.cap_reason[i], rules=limits, at_cap=at_cap))
            continue
        blocking = []
        for r in member_rules[i]:
            rule = states[r].rule
            step = {"eur": float(prep.base[i]), "projects": 1.0}.get(rule.measure)
            if step is None:
                step = float(np.asarray(rule.weights)[np.searchsorted(rule.members, i)])
            if rule.upper < INF and states[r].activity + step > rule.upper + _tolerance(rule):
                blocking.append(rule)
        named = tuple(rule for rule in blocking if rule.family != "envelope")
        if named:
            reasons.append(Reason(_BLOCK_CODES[named[0].family], requested=requested, rules=named))
        elif blocking:
            reasons.append(Reason("not_funded_budget", requested=requested, base=int(prep.base[i]),
                                  envelope_left=envelope_left))
        else:
            reasons.append(Reason("not_selected", requested=requested))
    out = prep.table.copy()
    out["requested_eur"] = prep.requested
    out["cap_eur"] = prep.cap
    out["eligible"] = prep.open
    out["funded"] = amounts > 0
    out["amount_eur"] = amounts
    out["reason_code"] = [reason.code for reason in reasons]
    out["reason"] = reasons
    return out
