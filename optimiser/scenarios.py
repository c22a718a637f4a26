"""Runs a scenario from files to an Allocation; knows where the shipped scenarios and demo data live."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .allocation import Allocation, allocate
from .config import LoadedScenario, load_scenario
from .expressions import parse_expression
from .loading import Candidates, load_candidates
from .scoring import ScoreTable, referenced_columns, score

DATA = Path(str(resources.files("optimiser") / "data"))
SCENARIO_DIR = DATA / "scenarios"
DEMO_CANDIDATES = DATA / "demo" / "candidats_demo.csv"


@dataclass(frozen=True)
class Run:
    loaded: LoadedScenario
    candidates: Candidates
    scores: ScoreTable
    allocation: Allocation | None = None

    @property
    def synthetic(self) -> bool:
        return self.candidates.metadata.get("synthetic", "").strip().lower() in ("true", "yes", "oui", "1")


def shipped_scenarios() -> list[Path]:
    """The shipped scenarios, the baseline first."""
    paths = sorted(SCENARIO_DIR.glob("*.yaml"))
    return sorted(paths, key=lambda p: (p.stem != "baseline", p.stem))


def numeric_columns(loaded: LoadedScenario) -> list[str]:
    """Every column the scenario computes with: scoring, eligibility rules, totals."""
    s = loaded.scenario
    columns = set(referenced_columns(s.scoring))
    for rule in s.eligibility.rules:
        columns |= parse_expression(rule, condition=True).columns
    columns |= {total.column for total in s.constraints.totals}
    return sorted(columns)  # a fixed order, so that messages come out the same every time


def load(candidates_path: str | Path, scenario_path: str | Path) -> tuple[LoadedScenario, Candidates]:
    loaded = load_scenario(scenario_path)
    candidates = load_candidates(candidates_path, loaded.territory, columns=loaded.scenario.columns,
                                 numeric=numeric_columns(loaded), sheet=loaded.scenario.sheet)
    return loaded, candidates


def run(candidates_path: str | Path, scenario_path: str | Path, solve: bool = True) -> Run:
    """Load, score and (unless told not to) allocate one scenario."""
    loaded, candidates = load(candidates_path, scenario_path)
    scores = score(candidates.table, loaded.scenario.scoring)
    allocation = allocate(candidates.table, scores, loaded.scenario, loaded.territory) if solve else None
    return Run(loaded, candidates, scores, allocation)
