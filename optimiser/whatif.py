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
  with the first held at its optimum, so that every point is efficient; one more point at each placed
  scenario's level, so that each is compared with a real efficient allocation (docs/robustness.md).
- Explanations: the smallest score increase that gets an unfunded candidate funded (or the drop that
  unfunds a funded one), everything else fixed, by bisection on exact re-solves to 0.001 points.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from .allocation import Allocation
from .constants import EUR_TOLERANCE, INF, RELATIVE_TOLERANCE, SCORE_STEP
from .feasibility import lock_source
from .formulation import Formulation
from .milp import Problem, Resolver, Status, row_duals, solve
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
    total = (len(lifted_rules) + len(model.scenario.locked_in)
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
    for cid in model.scenario.locked_in:
        j = model.x_column(int(np.flatnonzero(model.prep.table["id"] == cid)[0]))
        col_lower = model.problem.col_lower.copy()
        col_lower[j] = 0.0
        rows.append(_price_row(model, f"lock_in.{cid}", Subject("lock", cid), "lock", cid,
                               lock_source(model.scenario, cid),
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

@dataclass(frozen=True)
class FrontierPoint:
    """One computed efficient allocation: its two pillar values, the amounts, the level of the second
    pillar it was asked for, and whether both of its solves were proven optimal."""

    a: float
    b: float
    amounts: np.ndarray = field(repr=False)
    level: float
    proven: bool


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= RELATIVE_TOLERANCE * max(1.0, abs(x), abs(y))


def _above(x: float, y: float) -> bool:
    """x is better than y by more than the relative tolerance."""
    return x > y and not _close(x, y)


def dominates(p: tuple[float, float], q: tuple[float, float]) -> bool:
    """p is at least as good as q on both pillars (within tolerance) and better on one."""
    return (not _above(q[0], p[0]) and not _above(q[1], p[1])) and (_above(p[0], q[0]) or _above(p[1], q[1]))


def efficient_points(values: np.ndarray) -> list[int]:
    """Indices of the rows of (a, b) pairs that no other row dominates, one per pair equal within
    tolerance (the first), in order of the first pillar (then the second, descending)."""
    kept: list[int] = []
    for i, p in enumerate(map(tuple, values)):
        if any(dominates(tuple(values[j]), p) for j in range(len(values)) if j != i):
            continue
        if any(_close(p[0], values[j][0]) and _close(p[1], values[j][1]) for j in kept):
            continue
        kept.append(i)
    return sorted(kept, key=lambda i: (values[i][0], -values[i][1], i))


class Frontier:
    """The efficient allocations between two pillars, each computed lexicographically on one warm model:
    maximise pillar A with pillar B at least at a level, then B with A held at that optimum.

    Two facts hold for every computed point F = (a, b) (both solves proven optimal): no allocation the
    rules allow has B >= level and A > a, and none has A >= a and B > b. Hence no allocation lies above the
    upper staircase (`bound`), and every point under the lower staircase (`staircase`) is weakly dominated
    by a computed point. The true frontier lies between the two."""

    def __init__(self, model: Formulation, pillars: tuple[str, str]) -> None:
        self.model = model
        self.pillars = pillars
        self.a_per_euro, self.b_per_euro = model.pillar_per_euro(pillars[0]), model.pillar_per_euro(pillars[1])
        self.a_row, self.b_row = model.cost(self.a_per_euro), model.cost(self.b_per_euro)
        self._n_rows = model.problem.n_rows
        self._resolver = Resolver(_with_rows(model.problem, [self.a_row, self.b_row]), model.settings)
        self.points: list[FrontierPoint] = []

    def _best(self, maximise: np.ndarray, a_min: float, b_min: float):
        self._resolver.set_cost(maximise)
        self._resolver.set_row_bounds(np.array([self._n_rows, self._n_rows + 1]), np.array([a_min, b_min]),
                                      np.array([INF, INF]))
        solution = self._resolver.solve()
        if not solution.has_values:
            return None
        amounts = self.model.amounts(solution.values)
        return (amounts, float(self.a_per_euro @ amounts), float(self.b_per_euro @ amounts),
                solution.status is Status.OPTIMAL)

    def at(self, level: float) -> FrontierPoint | None:
        """The efficient point that maximises A with B >= level, then B with A held (None: B out of reach)."""
        first = self._best(self.a_row, -INF, _loosened(level))
        if first is None:
            return None
        second = self._best(self.b_row, _loosened(first[1]), -INF)
        amounts, a, b, proven = second if second is not None else first
        point = FrontierPoint(a, b, amounts, float(level), bool(first[3] and second is not None and proven))
        self.points.append(point)
        return point

    def sweep(self, points: int, step: Step = _quiet) -> Frontier:
        """Both extremes and `points` levels of B evenly spaced between them."""
        step(0, points + 2)
        top_a = self.at(-INF)
        top_b_value = self._best(self.b_row, -INF, -INF)
        step(2, points + 2)
        if top_a is None or top_b_value is None:
            return self
        top_b = self.at(top_b_value[2])
        low, high = top_a.b, (top_b.b if top_b is not None else top_b_value[2])
        for done, level in enumerate(np.linspace(low, high, points)[1:-1], start=3):
            self.at(float(level))
            step(done, points + 2)
        step(points + 2, points + 2)
        return self

    def efficient(self) -> list[FrontierPoint]:
        """The computed points, dominated and duplicate ones dropped, in order of pillar A: F1, F2, ..."""
        if not self.points:
            return []
        return [self.points[i] for i in efficient_points(np.array([[p.a, p.b] for p in self.points]))]

    def table(self) -> pd.DataFrame:
        """One row per efficient computed point: its label, the level asked, both values, the projects."""
        a, b = self.pillars
        rows = [{"label": f"F{k}", "level": None if math.isinf(p.level) else round(p.level, 6),
                 a: round(p.a, 6), b: round(p.b, 6), "proven": p.proven, "funded": int((p.amounts > 0).sum()),
                 "projects": " ".join(_ids(self.model, p.amounts > 0))}
                for k, p in enumerate(self.efficient(), start=1)]
        return pd.DataFrame(rows, columns=["label", "level", a, b, "proven", "funded", "projects"])

    def admits(self, amounts: np.ndarray) -> bool:
        """Do the analysed scenario's rules (its model's columns and rows) allow these whole-euro amounts?"""
        return admits(self.model, amounts)


def _loosened(level: float) -> float:
    """A level a hair lower, so that a point found at it is found again at its own values."""
    return level if math.isinf(level) else level - 1e-9 * max(1.0, abs(level))


def frontier(model: Formulation, pillars: tuple[str, str], points: int, step: Step = _quiet) -> pd.DataFrame:
    """Efficient (pillar A value, pillar B value) pairs by the epsilon-constraint method, labelled F1..Fn."""
    return Frontier(model, pillars).sweep(points, step).table()


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


def admits(model: Formulation, amounts: np.ndarray) -> bool:
    """Whether an allocation (whole euros per candidate, in the model's order) is one the model allows:
    funded only where open, each amount within its column bounds, every rule's row within its bounds."""
    amounts = np.asarray(amounts, dtype=float)
    lay, prep, problem = model.lay, model.prep, model.problem
    if (amounts[model.where < 0] > EUR_TOLERANCE).any():
        return False
    if not lay.n_cols:
        return True
    given = amounts[lay.positions]
    x = (given > EUR_TOLERANCE).astype(float)
    e = given - prep.base[lay.positions] * x
    extendable = lay.e_col >= 0
    if (np.abs(e[~extendable]) > EUR_TOLERANCE).any():  # all or nothing: the amount is the base or 0
        return False
    values = np.zeros(lay.n_cols)
    values[lay.x_col] = x
    values[lay.e_col[extendable]] = e[extendable]
    if ((values < problem.col_lower - EUR_TOLERANCE) | (values > problem.col_upper + EUR_TOLERANCE)).any():
        return False
    rows = np.repeat(np.arange(problem.n_rows), np.diff(problem.start))
    activity = np.bincount(rows, weights=problem.value * values[problem.index], minlength=problem.n_rows)
    tolerance = np.full(problem.n_rows, EUR_TOLERANCE)
    for k, rule in enumerate(prep.rules):
        if rule.measure != "eur":
            finite = [abs(v) for v in (rule.lower, rule.upper) if not math.isinf(v)]
            tolerance[k] = RELATIVE_TOLERANCE * max([1.0, *finite])
    return bool(((activity >= problem.row_lower - tolerance) & (activity <= problem.row_upper + tolerance)).all())


def place(front: Frontier, amounts: np.ndarray) -> dict:
    """Where an allocation stands against the frontier, exactly: `efficient` (no computed point dominates
    it and its own lexicographic point is itself), `dominated` (by the named computed point, gains on each
    pillar), or `outside_rules` (the analysed scenario's rules do not allow it: the frontier says nothing
    of it). Here its own point (max A with B at least its B, then B) is added to `front`; `classify`
    gives the class once every point is computed."""
    a_name, b_name = front.pillars
    a, b = float(front.a_per_euro @ amounts), float(front.b_per_euro @ amounts)
    row = {a_name: round(a, 6), b_name: round(b, 6), "class": "outside_rules", "dominated_by": "",
           f"{a_name}_gain": None, f"{b_name}_gain": None}
    if not admits(front.model, amounts):
        return row
    own = front.at(b)
    if own is None:  # pragma: no cover - an allowed allocation reaches its own B
        raise RuntimeError("the frontier's re-solve found no allocation at an allowed allocation's level")
    return row | {"_own": (own.a, own.b)}


def classify(row: dict, table: pd.DataFrame, pillars: tuple[str, str]) -> dict:
    """The class of a placed allocation once every point is computed (see `place`)."""
    a_name, b_name = pillars
    own = row.pop("_own", None)
    if own is None:
        return row
    p = (row[a_name], row[b_name])
    values = table[[a_name, b_name]].to_numpy(float)
    labels = table["label"].tolist()
    # The point computed for it names the domination; any other dominating point would do as well.
    match = [k for k, v in enumerate(values) if _close(v[0], own[0]) and _close(v[1], own[1])]
    order = match + [k for k in range(len(values)) if k not in match]
    by = next((k for k in order if dominates(tuple(values[k]), p)), None)
    if by is None:
        return row | {"class": "efficient"}
    return row | {"class": "dominated", "dominated_by": labels[by],
                  f"{a_name}_gain": round(max(values[by][0] - p[0], 0.0), 6),
                  f"{b_name}_gain": round(max(values[by][1] - p[1], 0.0), 6)}


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
    """The score change that flips candidate i, and how it is known: `exact` (to SCORE_STEP), `blocked` (no
    score funds it: a rule does) or `held` (funded even at 0: a floor or a lock)."""
    base = float(model.prep.score[i])
    if up:
        high = 2 * max(100.0, base)
        if not funded_with(model, resolver, i, base + high):
            return None, "blocked"
        lo, hi = 0.0, high
        while hi - lo > SCORE_STEP:
            mid = (lo + hi) / 2
            lo, hi = (lo, mid) if funded_with(model, resolver, i, base + mid) else (mid, hi)
        return hi, "exact"
    if funded_with(model, resolver, i, 0.0):
        return None, "held"
    lo, hi = 0.0, base
    while hi - lo > SCORE_STEP:
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if funded_with(model, resolver, i, base - mid) else (lo, mid)
    return hi, "exact"
