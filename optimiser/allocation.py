"""The one translator between named candidates and the solver, and the recorder of why.

`formulation` turns prepared candidates into arrays; this module solves them, reads the amounts back
in whole euros, has the checker confirm them, and gives every candidate its reason.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .checker import check
from .errors import CheckError, InfeasibleError, SolverError
from .formatting import fmt_eur
from .feasibility import elastic_explanation, prechecks
from .formulation import Layout, build_problem, layout
from .milp import Settings, Solution, Status, solve
from .models import Scenario
from .rules import Prepared, Rule, prepare
from .scoring import ScoreTable
from .territory import Territory

INF = math.inf
EUR_TOLERANCE = 0.5


@dataclass(frozen=True)
class RuleState:
    rule: Rule
    activity: float
    binding: bool           # at one of its bounds


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


def amounts_from(values: np.ndarray, prep: Prepared, lay: Layout) -> np.ndarray:
    """Whole-euro amount per candidate (0 for those not funded) from the solver's column values."""
    x = np.round(values[lay.x_col])
    e = np.where(lay.e_col >= 0, np.round(values[np.maximum(lay.e_col, 0)]), 0.0)
    amounts = np.zeros(len(prep.open), dtype=np.int64)
    amounts[lay.positions] = (prep.base[lay.positions] * x + e * x).astype(np.int64)
    return amounts


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
    prep = prepare(table, scores, scenario, territory)
    conflicts = prechecks(prep, scenario)
    if conflicts:
        raise InfeasibleError("The scenario cannot be satisfied:", conflicts)
    lay = layout(prep)
    problem = build_problem(prep, scenario, lay)
    settings = Settings(scenario.solver.name, scenario.solver.time_limit_s, scenario.solver.gap,
                        scenario.solver.threads)
    solution = solve(problem, settings) if lay.n_cols else _empty_solution(settings)
    if solution.status is Status.INFEASIBLE:
        raise InfeasibleError("The scenario cannot be satisfied; the smallest relaxation that works:",
                              elastic_explanation(prep, scenario, settings))
    if not solution.has_values:
        raise SolverError(
            f"The solver ({solution.solver}) found no allocation: {solution.message or solution.status.value}"
            f" after {solution.seconds:.1f} s (time limit {settings.time_limit_s:g} s)."
        )
    amounts = amounts_from(solution.values, prep, lay) if lay.n_cols else np.zeros(len(prep.open), np.int64)
    states = [_state(rule, amounts) for rule in prep.rules]
    out = _explain(prep, scenario, amounts, states)
    broken = check(out, scenario, territory)
    if broken:
        raise CheckError("Internal error: the allocation breaks its own scenario (a bug, nothing was written):\n  - "
                         + "\n  - ".join(broken))
    notes = list(input_notes) + list(scores.notes) + list(solution.notes)
    return Allocation(scenario, territory, out, solution, states, notes)


def _empty_solution(settings: Settings) -> Solution:
    return Solution(Status.OPTIMAL, np.zeros(0), 0.0, 0.0, 0.0, settings.solver, 0.0, "no candidate may be funded")


def _tolerance(rule: Rule) -> float:
    if rule.measure == "eur":
        return EUR_TOLERANCE
    finite = [abs(b) for b in (rule.lower, rule.upper) if not math.isinf(b)]
    return 1e-6 * max([1.0, *finite])


def _state(rule: Rule, amounts: np.ndarray) -> RuleState:
    activity = rule_activity(rule, amounts)
    tol = _tolerance(rule)
    binding = (rule.upper < INF and activity >= rule.upper - tol) or (rule.lower > -INF and activity <= rule.lower + tol)
    return RuleState(rule, activity, bool(binding))


_BLOCK_CODES = {
    "envelope": "not_funded_budget",
    "epci": "not_funded_epci_cap",
    "priority": "not_funded_priority_cap",
    "company": "not_funded_company_cap",
    "de_minimis": "not_funded_company_cap",
    "totals": "not_funded_totals_cap",
}


def describe_rule(rule: Rule) -> str:
    """French description of a rule, for reasons and reports."""
    what = {"eur": "montant", "projects": "nombre de projets", "column": "total"}[rule.measure]
    return {
        "envelope": "l'enveloppe",
        "epci": f"le plafond ({what}) de l'EPCI {rule.group}",
        "priority": f"le plafond ({what}) de la priorité {rule.group}",
        "company": f"le plafond par entreprise (SIREN {rule.group})",
        "de_minimis": f"le plafond de minimis de l'entreprise unique {rule.group}",
        "totals": f"le plafond du total {rule.group}",
    }[rule.family]


def _explain(prep: Prepared, scenario: Scenario, amounts: np.ndarray, states: list[RuleState]) -> pd.DataFrame:
    """Reason code and sentence for every candidate, recorded from the rules' final state."""
    n = len(amounts)
    member_rules: list[list[int]] = [[] for _ in range(n)]
    for r, state in enumerate(states):
        for m in state.rule.members.tolist():
            member_rules[m].append(r)
    envelope_left = scenario.envelope_eur - int(amounts.sum())
    codes, reasons = list(prep.closed_code), list(prep.closed_reason)
    for i in range(n):
        if codes[i]:
            continue
        requested = int(prep.requested[i])
        if amounts[i] > 0:
            if amounts[i] >= requested:
                codes[i], reasons[i] = "funded_full", f"Financé en totalité : {fmt_eur(amounts[i])}."
                continue
            if amounts[i] >= prep.cap[i] and prep.cap[i] < requested:
                limit = prep.cap_reason[i] or "plafond"
            else:
                limit = ", ".join(describe_rule(states[r].rule) for r in member_rules[i]
                                  if states[r].binding and states[r].activity >= states[r].rule.upper - 0.5
                                  and states[r].rule.measure == "eur") or "arbitrage de l'optimisation"
            codes[i] = "funded_partial"
            reasons[i] = (f"Financé partiellement : {fmt_eur(amounts[i])} sur {fmt_eur(requested)} demandés "
                          f"(limité par {limit}).")
            continue
        blocking = []
        for r in member_rules[i]:
            rule = states[r].rule
            step = {"eur": float(prep.base[i]), "projects": 1.0}.get(rule.measure)
            if step is None:
                step = float(np.asarray(rule.weights)[np.searchsorted(rule.members, i)])
            if rule.upper < INF and states[r].activity + step > rule.upper + _tolerance(rule):
                blocking.append(rule)
        named = [rule for rule in blocking if rule.family != "envelope"]
        if named:
            codes[i] = _BLOCK_CODES[named[0].family]
            reasons[i] = "Non financé : " + " et ".join(describe_rule(rule) for rule in named) + " est atteint."
        elif blocking:
            codes[i] = "not_funded_budget"
            reasons[i] = (f"Non financé faute d'enveloppe : il reste {fmt_eur(envelope_left)}, il en faudrait "
                          f"au moins {fmt_eur(prep.base[i])} ; les projets retenus apportent plus de valeur "
                          f"pour ces euros.")
        else:
            codes[i] = "not_selected"
            reasons[i] = ("Non retenu : le financer n'améliorerait pas l'objectif "
                          "(score nul ou solution non prouvée optimale).")
    out = prep.table.copy()
    out["requested_eur"] = prep.requested
    out["cap_eur"] = prep.cap
    out["eligible"] = prep.open
    out["funded"] = amounts > 0
    out["amount_eur"] = amounts
    out["reason_code"] = codes
    out["reason"] = reasons
    return out
