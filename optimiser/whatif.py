"""What each rule costs, what more money buys, what growth is traded for decarbonisation, and how far
each candidate near the cut-off is from the other side. Every figure is an exact re-solve.

- Price of a rule: the scenario solved without that rule (a row of the model, a lock, or the company cap),
  the objective lost by imposing it, and which projects would change. Beside it, the rule's dual value
  in the continuous relaxation (a marginal value per euro or per project, where the relaxation says
  something; it is not the price of the integer problem).
- Budget curve: the same rules in euros (a share of the envelope stays the euros it was at the
  scenario's envelope) and the envelope alone varying, so that the feasible set only grows and the
  curve never goes down; the minimum spend is not imposed. Each point gives the value of the next
  EUR 100,000 and the projects each step adds.
- Frontier: epsilon-constraint between two pillars; each point maximises one pillar's value
  (sub-score x funded fraction, summed) with the other's held at least at a level, then the other
  with the first held at its optimum, so that every point is efficient.
- Explanations: the smallest score increase that gets an unfunded candidate funded (or the drop that
  unfunds a funded one), everything else fixed, by bisection on exact re-solves to 0.001 points.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pandas as pd

from .allocation import Allocation
from .constants import INF, SCORE_STEP
from .formulation import Formulation
from .milp import Problem, Resolver, row_duals, solve
from .models import CompanyCap
from .reasons import Subject
from .study import Study

# Told after each solve of a long analysis: (solves done, solves in all), for a progress bar.
Step = Callable[[int, int], None]


def _quiet(done: int, total: int) -> None:
    return None

NEXT_STEP_EUR = 100_000


def _ids(model: Formulation, mask: np.ndarray) -> list[str]:
    return model.prep.table["id"].to_numpy()[mask].tolist()


# --- the price of each rule ------------------------------------------------------------------------

def constraint_prices(study: Study, base: Allocation, step: Step = _quiet) -> pd.DataFrame:
    """One row per rule that can be lifted: value lost by imposing it, and what would change."""
    model = study.formulation
    base_amounts = base.table["amount_eur"].to_numpy()
    base_value = model.value(base_amounts)
    duals = relaxation_duals(model)
    lifted_rules = {k for k, r in enumerate(model.prep.rules) if not (r.key == "envelope" and r.lower == -INF)}
    total = (len(lifted_rules) + len(model.scenario.constraints.lock_in)
             + (model.scenario.constraints.company.max_eur is not None))
    rows = []
    for k, rule in enumerate(model.prep.rules):
        if k not in lifted_rules:
            continue  # the envelope's maximum is the question itself: see the budget curve
        lower, upper = model.problem.row_lower.copy(), model.problem.row_upper.copy()
        lower[k] = -INF
        if rule.key != "envelope":  # for the envelope, only its minimum spend is lifted
            upper[k] = INF
        lifted = replace(model.problem, row_lower=lower, row_upper=upper)
        bound = ("ceiling" if rule.lower == -INF else "floor" if rule.upper == INF else "limit")
        what = Subject(rule.family, rule.group, rule.measure, bound)
        rows.append(_price_row(model, rule.key, what, rule.family, rule.group, rule.source, lifted, base_amounts,
                               base_value, duals[k] if duals is not None else math.nan))
        step(len(rows), total)
    for cid in model.scenario.constraints.lock_in:
        j = model.x_column(int(np.flatnonzero(model.prep.table["id"] == cid)[0]))
        col_lower = model.problem.col_lower.copy()
        col_lower[j] = 0.0
        rows.append(_price_row(model, f"lock_in.{cid}", Subject("lock", cid), "lock", cid,
                               "constraints.lock_in",
                               replace(model.problem, col_lower=col_lower), base_amounts, base_value, math.nan))
        step(len(rows), total)
    if model.scenario.constraints.company.max_eur is not None:
        # The company cap also sits in each project's own ceiling: the scenario is solved again without it.
        constraints = model.scenario.constraints.model_copy(update={"company": CompanyCap()})
        other = study.variant(model.scenario.model_copy(update={"constraints": constraints})).allocation
        amounts = other.table["amount_eur"].to_numpy()
        rows.append(_row("company", Subject("company"), "company", "", "constraints.company.max_eur",
                         base_value, model.value(amounts), model, base_amounts, amounts, math.nan))
        step(len(rows), total)
    return pd.DataFrame(rows)


def _price_row(model: Formulation, key: str, description: Subject, family: str, group: str, source: str,
               lifted: Problem, base_amounts: np.ndarray, base_value: float, dual: float) -> dict:
    solution = solve(lifted, model.settings)
    if not solution.has_values:
        return {"rule": key, "description": description, "family": family, "group": group, "source": source,
                "status": solution.status.value}
    amounts = model.amounts(solution.values)
    return _row(key, description, family, group, source, base_value, model.value(amounts), model,
                base_amounts, amounts, dual, solution.status.value)


def _row(key, description, family, group, source, base_value, value, model, base_amounts, amounts, dual,
         status="optimal"):
    enters = _ids(model, (amounts > 0) & (base_amounts == 0))
    leaves = _ids(model, (amounts == 0) & (base_amounts > 0))
    return {
        "rule": key, "description": description, "family": family, "group": group, "source": source, "status": status,
        "value_with": round(base_value, 6), "value_without": round(value, 6),
        "price": round(value - base_value, 6),
        "price_share": round((value - base_value) / base_value, 9) if base_value else math.nan,
        "relaxation_dual": None if dual is None or math.isnan(dual) else round(dual, 9),
        "would_fund": " ".join(enters), "would_drop": " ".join(leaves),
    }


def relaxation_duals(model: Formulation) -> np.ndarray | None:
    """Row duals of the continuous relaxation (objective units per unit of the rule), or None."""
    relaxed = replace(model.problem, integer=np.zeros(model.problem.n_cols, dtype=bool), lazy_integer=None)
    return row_duals(relaxed, model.settings)


# --- budget curve ----------------------------------------------------------------------------------

def budget_curve(model: Formulation, steps: list[float], step: Step = _quiet) -> pd.DataFrame:
    """Optimal value and projects as the envelope varies, the other rules fixed in euros."""
    envelope_row = next(k for k, r in enumerate(model.prep.rules) if r.key == "envelope")
    resolver = Resolver(model.problem, model.settings)
    resolver.set_row_bounds(np.array([envelope_row]), np.array([-INF]),
                            np.array([model.problem.row_upper[envelope_row]]))
    per_euro = model.per_euro()
    rows, previous = [], None

    def solve_at(envelope: float):
        resolver.set_row_bounds(np.array([envelope_row]), np.array([-INF]), np.array([float(envelope)]))
        solution = resolver.solve()
        return ((model.amounts(solution.values), solution.status.value) if solution.has_values
                else (None, solution.status.value))

    for done, factor in enumerate(sorted(steps), start=1):
        step(done - 1, len(steps))
        envelope = round(factor * model.scenario.envelope_eur)
        amounts, status = solve_at(envelope)
        if amounts is None:
            rows.append({"factor": factor, "envelope_eur": envelope, "status": status})
            previous = None
            continue
        more, _ = solve_at(envelope + NEXT_STEP_EUR)
        value = float(per_euro @ amounts)
        rows.append({
            "factor": factor, "envelope_eur": envelope, "status": status, "value": round(value, 6),
            "allocated_eur": int(amounts.sum()), "funded": int((amounts > 0).sum()),
            "value_of_next_100k": None if more is None else round(float(per_euro @ more) - value, 6),
            "added": "" if previous is None else " ".join(_ids(model, (amounts > 0) & (previous == 0))),
            "removed": "" if previous is None else " ".join(_ids(model, (amounts == 0) & (previous > 0))),
        })
        previous = amounts
    step(len(steps), len(steps))
    return pd.DataFrame(rows)


# --- frontier between two pillars ------------------------------------------------------------------

def frontier(model: Formulation, pillars: tuple[str, str], points: int, step: Step = _quiet) -> pd.DataFrame:
    """Efficient (pillar A value, pillar B value) pairs by the epsilon-constraint method."""
    a_per_euro, b_per_euro = model.pillar_per_euro(pillars[0]), model.pillar_per_euro(pillars[1])
    a_row = model.cost(a_per_euro)
    b_row = model.cost(b_per_euro)
    extra = _with_rows(model.problem, [a_row, b_row])
    n_rows = model.problem.n_rows
    resolver = Resolver(extra, model.settings)

    def best(maximise: np.ndarray, a_min: float, b_min: float):
        resolver.set_cost(maximise)
        resolver.set_row_bounds(np.array([n_rows, n_rows + 1]), np.array([a_min, b_min]), np.array([INF, INF]))
        solution = resolver.solve()
        if not solution.has_values:
            return None
        amounts = model.amounts(solution.values)
        return amounts, float(a_per_euro @ amounts), float(b_per_euro @ amounts)

    top_a = best(a_row, -INF, -INF)
    top_b = best(b_row, -INF, -INF)
    step(2, points + 2)
    if top_a is None or top_b is None:
        return pd.DataFrame()
    low, high = top_a[2], top_b[2]
    found = []
    for done, level in enumerate(np.linspace(low, high, points), start=3):
        first = best(a_row, -INF, level - 1e-9 * max(1.0, abs(level)))
        step(done, points + 2)
        if first is None:
            continue
        second = best(b_row, first[1] - 1e-9 * max(1.0, abs(first[1])), -INF)  # efficient: then the other
        point = second or first
        found.append({"level": round(float(level), 6), pillars[0]: round(point[1], 6), pillars[1]: round(point[2], 6),
                      "funded": int((point[0] > 0).sum()), "projects": " ".join(_ids(model, point[0] > 0))})
    frame = pd.DataFrame(found).drop_duplicates(subset=[pillars[0], pillars[1]]).reset_index(drop=True)
    return frame


def _with_rows(problem: Problem, rows: list[np.ndarray]) -> Problem:
    """The problem with extra dense rows (free bounds: set them before solving)."""
    index, value, start = [problem.index], [problem.value], list(problem.start)
    for row in rows:
        cols = np.flatnonzero(row)
        index.append(cols)
        value.append(row[cols])
        start.append(start[-1] + len(cols))
    return replace(problem, index=np.concatenate(index), value=np.concatenate(value), start=np.asarray(start),
                   row_lower=np.concatenate([problem.row_lower, np.full(len(rows), -INF)]),
                   row_upper=np.concatenate([problem.row_upper, np.full(len(rows), INF)]),
                   row_names=problem.row_names + tuple(f"extra{k}" for k in range(len(rows))))


def pillar_values(alloc_amounts: np.ndarray, model: Formulation, pillars: tuple[str, str]) -> tuple[float, float]:
    a, b = (float(model.pillar_per_euro(p) @ alloc_amounts) for p in pillars)
    return a, b


# --- explanations ----------------------------------------------------------------------------------

def explanations(model: Formulation, base: Allocation, count: int, step: Step = _quiet) -> pd.DataFrame:
    """For the `count` best unfunded and `count` weakest funded open candidates: the score change
    that flips them, everything else fixed."""
    t = model.prep.table
    funded = base.table["funded"].to_numpy()
    open_ = model.prep.open
    rank = base.table["rank"].astype(float).to_numpy()
    unfunded = [i for i in np.argsort(rank, kind="stable") if open_[i] and not funded[i]][:count]
    weakest = [i for i in np.argsort(-rank, kind="stable") if open_[i] and funded[i]][:count]
    resolver = Resolver(model.problem, model.settings)
    rows = []
    asked = sorted(unfunded + weakest, key=lambda i: rank[i])
    for i in asked:
        up = not funded[i]
        change, status = _flip(model, resolver, i, up)
        step(len(rows) + 1, len(asked))
        rows.append({
            "id": t["id"].iat[i], "name": t["name"].iat[i], "rank": int(rank[i]) if not np.isnan(rank[i]) else None,
            "score": round(float(model.prep.score[i]), 4), "funded": bool(funded[i]),
            "question": "increase to be funded" if up else "decrease to lose funding",
            "score_change": None if change is None else round(change, 4),
            "threshold_score": (None if change is None
                                else round(float(model.prep.score[i]) + (change if up else -change), 4)),
            "note": status,
        })
    return pd.DataFrame(rows)


def funded_with(model: Formulation, resolver: Resolver, i: int, score: float) -> bool:
    """Is candidate i funded at the optimum when its score alone becomes `score`?"""
    scores = model.prep.score.copy()
    scores[i] = score
    resolver.set_cost(model.cost(model.per_euro(scores)))
    solution = resolver.solve()
    if not solution.has_values:
        raise RuntimeError(f"re-solve failed: {solution.status.value}")
    return bool(model.amounts(solution.values)[i] > 0)


def _flip(model: Formulation, resolver: Resolver, i: int, up: bool) -> tuple[float | None, str]:
    base = float(model.prep.score[i])
    if up:
        high = 2 * max(100.0, base)
        if not funded_with(model, resolver, i, base + high):
            return None, "not funded even with a score of " + f"{base + high:g}: a rule blocks it, not its score"
        lo, hi = 0.0, high
        while hi - lo > SCORE_STEP:
            mid = (lo + hi) / 2
            lo, hi = (lo, mid) if funded_with(model, resolver, i, base + mid) else (mid, hi)
        return hi, "exact to 0.001 points"
    if funded_with(model, resolver, i, 0.0):
        return None, "still funded with a score of 0: a floor or a lock holds it"
    lo, hi = 0.0, base
    while hi - lo > SCORE_STEP:
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if funded_with(model, resolver, i, base - mid) else (lo, mid)
    return hi, "exact to 0.001 points"
