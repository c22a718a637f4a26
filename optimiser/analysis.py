"""`optimiser sensitivity`: the draws, the price of each rule, the budget curve, the frontier and the
explanations for one scenario, gathered for the reports. Pure computation; nothing is written here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pandas as pd

from .errors import InfeasibleError, InputError
from .formulation import Formulation
from .sensitivity import Robustness, robustness
from .study import Study
from .whatif import budget_curve, constraint_prices, explanations, frontier, pillar_values

# Told as each stage of the analysis goes: (stage, done, total).
Progress = Callable[[str, int, int], None]


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
            progress: Progress | None = None) -> Analysis:
    """Every analysis of `optimiser sensitivity`; `progress(stage, done, total)` is told as each stage goes
    ("draws", "prices", "budget", "frontier", "explanations", "placing"), for progress bars."""
    tell = progress or (lambda stage, done, total: None)
    study = Study.open(candidates, scenario)
    s = study.scenario
    drawn = [0]

    def draw_done(k: int) -> None:
        drawn[0] += k
        tell("draws", drawn[0], draws)

    rob = robustness(study, draws, seed, jobs, draw_done)
    model = study.formulation
    prices = constraint_prices(study, rob.allocation, partial(tell, "prices"))
    budget = budget_curve(model, s.sensitivity.budget_steps, partial(tell, "budget"))
    pillars = tuple(list(s.scoring.pillars)[:2]) if len(s.scoring.pillars) >= 2 else None
    front = (frontier(model, pillars, s.sensitivity.frontier_points, partial(tell, "frontier")) if pillars
             else pd.DataFrame())
    placed = (_place(others, candidates, scenario, model, pillars, front, rob, partial(tell, "placing"))
              if pillars else pd.DataFrame())
    explained = explanations(model, rob.allocation, s.sensitivity.explain, partial(tell, "explanations"))
    return Analysis(study, rob, prices, budget, front, placed, explained, pillars, draws, seed)


def _place(others: list[Path], candidates: Path, scenario: Path, model: Formulation, pillars, front: pd.DataFrame,
           rob: Robustness, step: Callable[[int, int], None]) -> pd.DataFrame:
    """Each scenario's allocation valued with this scenario's pillar scores, and whether it is inside."""
    rows = []
    paths = [scenario] + [p for p in others if p.resolve() != scenario.resolve()]
    for done, path in enumerate(paths, start=1):
        step(done - 1, len(paths))
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
    step(len(paths), len(paths))
    return pd.DataFrame(rows)
