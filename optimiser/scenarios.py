"""Where the shipped scenarios and demo data live; a scenario and its candidates read from files, with the
columns the scenario computes with."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .config import LoadedScenario, load_scenario
from .expressions import parse_expression
from .loading import Candidates, load_candidates

DATA = Path(str(resources.files("optimiser") / "data"))
SCENARIO_DIR = DATA / "scenarios"
DEMO_CANDIDATES = DATA / "demo" / "candidats_demo.csv"


def shipped_scenarios() -> list[Path]:
    """The shipped scenarios, the baseline first."""
    paths = sorted(SCENARIO_DIR.glob("*.yaml"))
    return sorted(paths, key=lambda p: (p.stem != "baseline", p.stem))


def numeric_columns(loaded: LoadedScenario) -> dict[str, list[str]]:
    """Every column the scenario computes with (scoring, eligibility rules, totals, uncertain data), each
    with the places that use it (`file.yaml: yaml.path`), in a fixed order so that messages are stable."""
    s = loaded.scenario
    uses: dict[str, list[str]] = {}

    def use(columns, loc: tuple) -> None:
        for column in sorted(columns):
            uses.setdefault(column, []).append(loaded.where(loc))

    for pillar_name, pillar in s.scoring.pillars.items():
        for criterion_name, criterion in pillar.criteria.items():
            loc = ("scoring", "pillars", pillar_name, "criteria", criterion_name)
            if criterion.column is not None:
                use([criterion.column], (*loc, "column"))
            else:
                use(parse_expression(criterion.expression or "").columns, (*loc, "expression"))
    for k, rule in enumerate(s.eligibility.rules):
        use(parse_expression(rule, condition=True).columns, ("eligibility", "rules", k))
    for k, total in enumerate(s.constraints.totals):
        use([total.column], ("constraints", "totals", k, "column"))
    for column in s.sensitivity.uncertainty:
        use([column], ("sensitivity", "uncertainty", column))
    return dict(sorted(uses.items()))


def load(candidates_path: str | Path, scenario_path: str | Path) -> tuple[LoadedScenario, Candidates]:
    loaded = load_scenario(scenario_path)
    s = loaded.scenario
    candidates = load_candidates(candidates_path, loaded.territory, columns=s.columns,
                                 numeric=numeric_columns(loaded), sheet=s.sheet, hidden_rows=s.hidden_rows,
                                 hidden_columns=s.hidden_columns,
                                 columns_where={key: loaded.where(("columns", key)) for key in s.columns})
    return loaded, candidates
