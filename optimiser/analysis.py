"""`optimiser sensitivity`: the draws, the price of each rule, the budget curve, the frontier and the
explanations for one scenario, gathered for the reports. Pure computation; nothing is written here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from .errors import InfeasibleError, InputError
from .scenarios import Run, run
from .scoring import score
from .sensitivity import Robustness, robustness
from .whatif import Model, budget_curve, constraint_prices, explanations, frontier, pillar_values


@dataclass(frozen=True)
class Analysis:
    run: Run
    robustness: Robustness
    prices: pd.DataFrame
    budget: pd.DataFrame
    frontier: pd.DataFrame
    placed: pd.DataFrame        # other scenarios placed against the frontier
    explanations: pd.DataFrame
    pillars: tuple[str, str] | None
    draws: int
    seed: int


def analyse(candidates: Path, scenario: Path, draws: int, seed: int, jobs: int, others: list[Path],
            progress: Callable[[int], None] | None = None) -> Analysis:
    result = run(candidates, scenario, solve=False)
    s, table, territory = result.loaded.scenario, result.candidates.table, result.loaded.territory
    rob = robustness(table, s, territory, draws, seed, jobs, progress)
    scores = score(table, s.scoring)
    model = Model.of(table, scores, s, territory)
    prices = constraint_prices(model, rob.allocation, table, scores, territory)
    budget = budget_curve(model, s.sensitivity.budget_steps)
    pillars = tuple(list(s.scoring.pillars)[:2]) if len(s.scoring.pillars) >= 2 else None
    front = frontier(model, scores, pillars, s.sensitivity.frontier_points) if pillars else pd.DataFrame()
    placed = _place(others, candidates, scenario, model, scores, pillars, front, rob) if pillars else pd.DataFrame()
    explained = explanations(model, rob.allocation, s.sensitivity.explain)
    allocation = replace(rob.allocation, notes=[*result.candidates.notes, *rob.allocation.notes])
    full = Run(result.loaded, result.candidates, result.scores, allocation)
    return Analysis(full, rob, prices, budget, front, placed, explained, pillars, draws, seed)


def _place(others: list[Path], candidates: Path, scenario: Path, model: Model, scores, pillars, front: pd.DataFrame,
           rob: Robustness) -> pd.DataFrame:
    """Each scenario's allocation valued with this scenario's pillar scores, and whether it is inside."""
    rows = []
    for path in [scenario] + [p for p in others if p.resolve() != scenario.resolve()]:
        try:
            if path.resolve() == scenario.resolve():
                alloc = rob.allocation
            else:
                other = run(candidates, path)
                alloc = other.allocation
        except (InfeasibleError, InputError) as exc:
            rows.append({"scenario": path.stem, "status": f"not placed: {str(exc).splitlines()[0]}"})
            continue
        amounts = alloc.table.set_index("id")["amount_eur"].reindex(model.prep.table["id"]).fillna(0).to_numpy()
        a, b = pillar_values(amounts, model, scores, pillars)
        better = front[(front[pillars[0]] > a + 1e-6) & (front[pillars[1]] > b + 1e-6)] if len(front) else front
        rows.append({"scenario": path.stem, "name": alloc.scenario.name, pillars[0]: round(a, 6),
                     pillars[1]: round(b, 6), "strictly_inside": bool(len(better)), "status": "placed"})
    return pd.DataFrame(rows)

