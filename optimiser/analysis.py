"""`optimiser sensitivity`: the draws, the price of each rule, the budget curve, the frontier and the
explanations for one scenario, gathered for the reports. Pure computation; nothing is written here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pandas as pd

from .errors import InfeasibleError, InputError
from .sensitivity import Robustness, robustness
from .study import Study
from .whatif import Frontier, budget_curve, classify, constraint_prices, explanations, place

# Told as each stage of the analysis goes: (stage, done, total).
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Analysis:
    study: Study
    robustness: Robustness
    prices: pd.DataFrame
    budget: pd.DataFrame
    frontier: pd.DataFrame      # the efficient computed points, labelled F1..Fn in order of the first pillar
    placed: pd.DataFrame        # each scenario placed against the frontier, and its class
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
    front, placed = pd.DataFrame(), pd.DataFrame()
    if pillars:
        computed = Frontier(model, pillars).sweep(s.sensitivity.frontier_points, partial(tell, "frontier"))
        placed = _place(others, candidates, scenario, computed, rob, partial(tell, "placing"))
        front = computed.table()
        placed = pd.DataFrame([classify(row, front, pillars) if row.get("status") == "placed" else row
                               for row in placed])
    explained = explanations(model, rob.allocation, s.sensitivity.explain, partial(tell, "explanations"))
    return Analysis(study, rob, prices, budget, front, placed, explained, pillars, draws, seed)


def _place(others: list[Path], candidates: Path, scenario: Path, front: Frontier, rob: Robustness,
           step: Callable[[int, int], None]) -> list[dict]:
    """Each scenario's allocation valued with this scenario's pillar scores, with the exact efficient point
    at its level of the second pillar added to the frontier (`classify` then says where it stands)."""
    rows = []
    ids = front.model.prep.table["id"]
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
        amounts = alloc.table.set_index("id")["amount_eur"].reindex(ids).fillna(0).to_numpy()
        rows.append({"scenario": path.stem, "name": alloc.scenario.name, **place(front, amounts), "status": "placed"})
    step(len(paths), len(paths))
    return rows
