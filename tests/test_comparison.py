"""Ranking, Pareto flags and moves, on hand-made values and on the demo's own output files."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from optimiser.cli import main
from optimiser.comparison import pareto, rank
from optimiser.config import load_scenario
from optimiser.indicators import Indicator
from optimiser.loading import load_candidates
from optimiser.scenarios import DEMO_CANDIDATES, SCENARIO_DIR, numeric_columns
from optimiser.scoring import score
from tests.factories import read_allocation_csv, read_excel_csv


def indicator(key: str, direction: str) -> Indicator:
    return Indicator(key, key, key, "count", direction, True, lambda c: math.nan)


def test_rank_shares_positions_on_ties_and_orders_by_direction():
    assert rank({"a": 3.0, "b": 5.0, "c": 5.0, "d": 1.0}, "higher") == [("b", 1), ("c", 1), ("a", 3), ("d", 4)]
    assert rank({"a": 3.0, "b": 5.0}, "lower") == [("a", 1), ("b", 2)]
    assert rank({"a": math.nan, "b": 0.0}, "higher") == [("b", 1), ("a", 2)]


def test_pareto_names_the_dominating_scenario_and_the_deciding_indicators():
    keys = [indicator("value", "higher"), indicator("gini", "lower")]
    values = {"x": {"value": 10, "gini": 0.3}, "y": {"value": 10, "gini": 0.2}, "z": {"value": 12, "gini": 0.4}}
    flags = pareto(values, keys)
    assert flags == {"x": [("y", ["gini"])], "y": [], "z": []}
    # Equal everywhere: nobody dominates anybody.
    assert pareto({"a": {"value": 1, "gini": 1}, "b": {"value": 1, "gini": 1}}, keys) == {"a": [], "b": []}


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("compare")
    with pytest.raises(SystemExit) as caught:
        main(["compare", str(DEMO_CANDIDATES), str(SCENARIO_DIR), "-o", str(out)])
    assert caught.value.code == 0
    return out


def recompute(demo_dir: Path) -> pd.DataFrame:
    """Key indicators recomputed by hand from each allocation.csv and the candidates file."""
    baseline = load_scenario(SCENARIO_DIR / "baseline.yaml")
    candidates = load_candidates(DEMO_CANDIDATES, baseline.territory, numeric=numeric_columns(baseline)).table
    reference = score(candidates, baseline.scenario.scoring).total
    populations = {e.siren: e.population for e in baseline.territory.epcis}
    rows = {}
    for folder in sorted(p for p in demo_dir.iterdir() if p.is_dir() and p.name != "inputs"):
        alloc = read_allocation_csv(folder / "allocation.csv")
        funded = alloc[alloc["funded"]].merge(candidates, on="id", suffixes=("", "_c"))
        per_inhabitant = [funded.loc[funded["epci_siren"] == s, "amount_eur"].sum() / p for s, p in populations.items()]
        mean = sum(per_inhabitant) / len(per_inhabitant)
        rows[folder.name] = {
            "reference_value": float((reference.reindex(funded["id"]).to_numpy()
                                      * funded["amount_eur"] / funded["requested_eur"]).sum()),
            "epcis_reached": funded["epci_siren"].nunique(),
            "tco2e_per_year": funded["tco2e_avoided_per_year"].fillna(0).sum(),
            "jobs": funded["jobs_created"].fillna(0).sum(),
            "balance_gini": sum(abs(a - b) for a in per_inhabitant for b in per_inhabitant)
            / (2 * len(per_inhabitant) ** 2 * mean),
        }
    return pd.DataFrame(rows)


def test_indicators_match_a_recomputation_from_the_files(demo_dir):
    """comparison.csv, as French Excel reads it (scenarios by name), against values recomputed by hand."""
    expected = recompute(demo_dir)
    table = read_excel_csv(demo_dir / "comparison.csv").set_index("Clé")
    for key in expected.index:
        for label in expected.columns:
            name = load_scenario(SCENARIO_DIR / f"{label}.yaml").scenario.name
            assert table.at[key, name] == pytest.approx(expected.at[key, label], rel=1e-9), (key, label)


def test_ranking_and_pareto_flags_match_the_recomputed_indicators(demo_dir):
    """The default ranking is by Pareto layer on the key indicators (the reference grid's value, which the
    reference maximises by construction, is not one of them), ties ex aequo by label."""
    expected = recompute(demo_dir)
    directions = {"epcis_reached": 1, "tco2e_per_year": 1, "jobs": 1, "balance_gini": -1}

    def dominates(b: str, a: str, among: list[str]) -> bool:
        at_least = all(d * expected.at[k, b] >= d * expected.at[k, a] - 1e-9 for k, d in directions.items())
        better = any(d * expected.at[k, b] > d * expected.at[k, a] + 1e-9 for k, d in directions.items())
        return b in among and at_least and better

    layer, left, number = {}, list(expected.columns), 1
    while left:
        front = [a for a in left if not any(dominates(b, a, left) for b in left if b != a)]
        layer |= {a: number for a in front}
        left = [a for a in left if a not in front]
        number += 1
    order = sorted(expected.columns, key=lambda c: (layer[c], c))
    manifest = json.loads((demo_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["request"]["rank_by"] == "pareto_layer"
    text = (demo_dir / "comparison.md").read_text(encoding="utf-8")
    lines = [line for line in text.split("## Classement")[1].split("## Indicateurs")[0].splitlines()
             if line.startswith("| ") and line[2].isdigit()]
    assert [line.split("|")[3].strip() for line in lines] == order
    assert [int(line.split("|")[1].split()[0]) for line in lines] == [
        1 + sum(layer[o] < layer[c] for o in order) for c in order]  # ex aequo within a layer
    for a in expected.columns:
        dominated = any(dominates(b, a, list(expected.columns)) for b in expected.columns if b != a)
        row = next(line for line in text.splitlines() if f"| {a} |" in line)
        assert ("dominé par" in row) == dominated, row
        assert not any(key in row for key in directions), row  # indicators named by their labels, not keys
    assert "ne favorise aucun scénario par construction" in text
    assert layer["baseline"] > 1  # the demo's reference is dominated once its own grid is not a key


def test_moves_against_the_reference_are_consistent_with_the_files(demo_dir):
    base = read_allocation_csv(demo_dir / "baseline" / "allocation.csv").set_index("id")
    for folder in (p for p in demo_dir.iterdir() if p.is_dir() and p.name not in ("baseline", "inputs")):
        other = read_allocation_csv(folder / "allocation.csv").set_index("id")
        moved = sorted(base.index[base["amount_eur"] != other["amount_eur"].reindex(base.index)])
        text = (demo_dir / "comparison.md").read_text(encoding="utf-8")
        section = text.split(" face à la référence")[1:]
        listed = {line.split("|")[1].strip() for part in section for line in part.splitlines()
                  if line.startswith("| P")}
        assert set(moved) <= listed


def test_a_comparison_tells_each_scenario_solved() -> None:
    from optimiser.catalogue import t
    from optimiser.comparison import compare
    from optimiser.scenarios import shipped_scenarios

    told: list[tuple[str, int, int]] = []
    compare(DEMO_CANDIDATES, shipped_scenarios(), progress=lambda *event: told.append(event))
    total = len(shipped_scenarios())
    assert told == [("scenarios", done, total) for done in range(total + 1)]
    assert t("stage_scenarios", "fr") == "Scénarios résolus"
