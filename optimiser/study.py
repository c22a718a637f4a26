"""One study per (candidates, scenario): read once, then scored, prepared, formulated and allocated at
most once each, and varied by re-doing only what a change touches.

Every command and every analysis works on a `Study`: the allocation, the sensitivity draws, the price
of each rule, the budget curve, the frontier and the explanations all share its one formulation.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property
from pathlib import Path

import pandas as pd

from . import milp
from .allocation import Allocation, solve_formulation
from .config import LoadedScenario
from .formulation import Formulation
from .loading import Candidates
from .models import Scenario
from .rules import Prepared, prepare
from .scenarios import load
from .scoring import ScoreTable, score
from .territory import Territory


class Study:
    """A scenario on a candidates table; each step computed on first use and kept."""

    def __init__(self, loaded: LoadedScenario, candidates: Candidates, scenario: Scenario | None = None,
                 scores: ScoreTable | None = None) -> None:
        self.loaded = loaded
        self.candidates = candidates
        self.scenario: Scenario = scenario if scenario is not None else loaded.scenario
        if scores is not None:
            self.__dict__["scores"] = scores

    @classmethod
    def open(cls, candidates: str | Path, scenario: str | Path) -> Study:
        """Read and validate a candidates file and a scenario file (every problem at once)."""
        loaded, table = load(candidates, scenario)
        return cls(loaded, table)

    @classmethod
    def of(cls, table: pd.DataFrame, scenario: Scenario, territory: Territory, notes: tuple[str, ...] = ()) -> Study:
        """A study of a table in memory (tests, benchmarks): no file behind it."""
        memory = Path("<memory>")
        table = table.sort_values("id", kind="stable").reset_index(drop=True)
        loaded = LoadedScenario(scenario, territory, memory, (), {}, "")
        return cls(loaded, Candidates.of_table(table, memory, "", {}, notes))

    @property
    def territory(self) -> Territory:
        return self.loaded.territory

    @property
    def synthetic(self) -> bool:
        return self.candidates.metadata.get("synthetic", "").strip().lower() in ("true", "yes", "oui", "1")

    @cached_property
    def scores(self) -> ScoreTable:
        return score(self.candidates.table, self.scenario.scoring)

    @cached_property
    def prepared(self) -> Prepared:
        return prepare(self.candidates.table, self.scores, self.scenario, self.territory)

    @cached_property
    def formulation(self) -> Formulation:
        return Formulation.of(self.prepared, self.scenario)

    @cached_property
    def allocation(self) -> Allocation:
        """The exact allocation, checked and explained (raises when the scenario cannot be satisfied)."""
        return solve_formulation(self.formulation, self.territory, (*self.candidates.notes, *self.scores.notes))

    def resolver(self, threads: int | None = None) -> milp.Resolver:
        """A warm solver on this study's model, for re-solves after cost or bound changes."""
        settings = self.formulation.settings
        if threads is not None:
            settings = replace(settings, threads=threads)
        return milp.Resolver(self.formulation.problem, settings)

    def variant(self, scenario: Scenario) -> Study:
        """The same candidates under another scenario; the scores are kept when the grid is the same."""
        same_grid = scenario.scoring == self.scenario.scoring
        return Study(self.loaded, self.candidates, scenario, self.scores if same_grid else None)
