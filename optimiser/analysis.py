"""`optimiser sensitivity`: the draws, the price of each rule, the budget curve, the frontier and the
explanations for one scenario, gathered for the reports. Pure computation; nothing is written here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import InfeasibleError, InputError
from .formulation import Formulation
from .sensitivity import Robustness, robustness
from .study import Study
from .whatif import budget_curve, constraint_prices, explanations, frontier, pillar_values


@dataclass(frozen=True)
class Analysis:
    study: Study
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
    study = Study.open(candidates, scenario)
    s = study.scenario
    rob = robustness(study, draws, seed, jobs, progress)
    model = study.formulation
    prices = constraint_prices(study, rob.allocation)
    budget = budget_curve(model, s.sensitivity.budget_steps)
    pillars = tuple(list(s.scoring.pillars)[:2]) if len(s.scoring.pillars) >= 2 else None
    front = frontier(model, pillars, s.sensitivity.frontier_points) if pillars else pd.DataFrame()
    placed = _place(others, candidates, scenario, model, pillars, front, rob) if pillars else pd.DataFrame()
    explained = explanations(model, rob.allocation, s.sensitivity.explain)
    return Analysis(study, rob, prices, budget, front, placed, explained, pillars, draws, seed)


def _place(others: list[Path], candidates: Path, scenario: Path, model: Formulation, pillars, front: pd.DataFrame,
           rob: Robustness) -> pd.DataFrame:
    """Each scenario's allocation valued with this scenario's pillar scores, and whether it is inside."""
    rows = []
    for path in [scenario] + [p for p in others if p.resolve() != scenario.resolve()]:
        try:
            if path.resolve() == scenario.resolve():
                alloc = rob.allocation
            else:
                alloc = Study.open(candidates, path).allocation
        except (InfeasibleError, InputError) as exc:
            rows.append({"scenario": path.stem, "status": f"not placed: {str(exc).splitlines()[0]}"})
            continue
        amounts = alloc.table.set_index("id")["amount_eur"].reindex(model.prep.table["id"]).fillna(0).to_numpy()
        a, b = pillar_values(amounts, model, pillars)
        better = front[(front[pillars[0]] > a + 1e-6) & (front[pillars[1]] > b + 1e-6)] if len(front) else front
        rows.append({"scenario": path.stem, "name": alloc.scenario.name, pillars[0]: round(a, 6),
                     pillars[1]: round(b, 6), "strictly_inside": bool(len(better)), "status": "placed"})
    return pd.DataFrame(rows)
