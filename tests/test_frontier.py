"""The frontier between two pillars, checked against brute force: every computed point is a Pareto-efficient
allocation, no allocation the rules allow lies above the proven bound, every efficient allocation is found
at its own level, each scenario is classified exactly, and the chart draws what was computed."""

from __future__ import annotations

import itertools
import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optimiser.checker import check
from optimiser.models import Scenario
from optimiser.report.robustness import frontier_section
from optimiser.report.robustness_html import frontier_chart, frontier_part
from optimiser.scenarios import DEMO_CANDIDATES, SCENARIO_DIR, shipped_scenarios
from optimiser.study import Study
from optimiser.whatif import Frontier, classify, place

from .factories import EPCI_SIRENS, TERRITORY, make_table

PILLARS = ("growth", "decarbonisation")
TOL = 1e-6


def close(x: float, y: float) -> bool:
    return abs(x - y) <= TOL * max(1.0, abs(x), abs(y))


def at_least(x: float, y: float) -> bool:
    return x >= y or close(x, y)


def weakly_dominated(p, points) -> bool:
    """Some point is at least as good as p on both pillars (p is on or under the lower staircase)."""
    return any(at_least(q[0], p[0]) and at_least(q[1], p[1]) for q in points)


def under_bound(p, points) -> bool:
    """p on or under the upper staircase: B at most the B of the last point with A at most p's A."""
    points = sorted(points)
    if not at_least(points[-1][0], p[0]):
        return False
    before = [q for q in points if at_least(p[0], q[0])]
    return at_least((before[-1] if before else points[0])[1], p[1])


def pareto(values: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out = []
    for p in values:
        if any(at_least(q[0], p[0]) and at_least(q[1], p[1]) and not (close(q[0], p[0]) and close(q[1], p[1]))
               for q in values):
            continue
        if not any(close(p[0], q[0]) and close(p[1], q[1]) for q in out):
            out.append(p)
    return out


def two_pillars(funding: str = "all_or_nothing", **overrides) -> Scenario:
    data = {"name": "f", "funding": funding, "objective": "value",
            "scoring": {"pillars": {"growth": {"weight": 0.5, "criteria": {"g": {"column": "g", "scale": "raw"}}},
                                    "decarbonisation": {"weight": 0.5,
                                                        "criteria": {"d": {"column": "d", "scale": "raw"}}}}}}
    data.update(overrides)
    return Scenario.model_validate(data)


def every_allocation(study: Study) -> list[tuple[np.ndarray, tuple[float, float], bool]]:
    """Every all-or-nothing subset: its amounts, its two pillar values (from the scores, not the model), and
    whether the independent checker admits it under the scenario's rules."""
    table = study.prepared.table.copy()
    requested = table["requested_eur"].to_numpy(np.int64)
    scores = study.scores.pillars.reindex(table["id"])
    g, d = (np.nan_to_num(scores[p].to_numpy(float)) for p in PILLARS)
    out = []
    for mask in itertools.product((0, 1), repeat=len(table)):
        amounts = requested * np.array(mask, dtype=np.int64)
        admitted = amounts.sum() <= study.scenario.envelope_eur and not check(
            table.assign(amount_eur=amounts), study.scenario, TERRITORY)
        fraction = amounts / requested
        out.append((amounts, (float(g @ fraction), float(d @ fraction)), admitted))
    return out


def assert_exact(study: Study, levels: int, rng: np.random.Generator) -> None:
    front = Frontier(study.formulation, PILLARS).sweep(levels)
    everything = every_allocation(study)
    feasible = [values for _, values, ok in everything if ok]
    table = front.table()
    computed = [tuple(v) for v in table[list(PILLARS)].to_numpy(float)]
    if not feasible:
        assert table.empty
        return
    efficient = pareto(feasible)
    assert table["label"].tolist() == [f"F{k}" for k in range(1, len(table) + 1)]
    assert [p[0] for p in computed] == sorted(p[0] for p in computed)   # in order of the first pillar
    assert table["proven"].all()
    for p in computed:                                                    # each is a real efficient allocation
        assert any(close(p[0], q[0]) and close(p[1], q[1]) for q in efficient), (p, efficient)
    assert pareto(computed) == computed                                   # none dominates another
    for p in feasible:                                                    # nothing above the proven bound
        assert under_bound(p, computed), (p, computed)
    for p in efficient:                                                   # each found at its own level
        own = front.at(p[1])
        assert close(own.a, p[0]) and close(own.b, p[1]), (p, own)
    # Placing allocations: a few feasible and infeasible subsets, classified as brute force says.
    picks = rng.choice(len(everything), size=min(12, len(everything)), replace=False)
    rows = [(everything[k], place(front, everything[k][0])) for k in picks]
    table = front.table()
    computed = [tuple(v) for v in table[list(PILLARS)].to_numpy(float)]
    for (amounts, values, ok), row in rows:
        row = classify(row, table, PILLARS)
        assert close(row["growth"], values[0]) and close(row["decarbonisation"], values[1])
        if not ok:
            assert row["class"] == "outside_rules", (amounts, row)
            continue
        is_efficient = any(close(values[0], q[0]) and close(values[1], q[1]) for q in efficient)
        assert row["class"] == ("efficient" if is_efficient else "dominated"), (values, row, efficient)
        assert weakly_dominated(values, computed)                         # on or under the lower staircase
        if row["class"] == "dominated":
            by = table.set_index("label").loc[row["dominated_by"]]
            assert at_least(by["growth"], values[0]) and at_least(by["decarbonisation"], values[1])
            assert row["growth_gain"] == pytest.approx(max(by["growth"] - values[0], 0), abs=1e-5)
            assert row["decarbonisation_gain"] == pytest.approx(max(by["decarbonisation"] - values[1], 0), abs=1e-5)
            assert row["growth_gain"] > 1e-6 or row["decarbonisation_gain"] > 1e-6


def test_ten_candidates_against_every_subset() -> None:
    # Growth and decarbonisation pull apart; an EPCI cap, a floor and a lock make the rules matter.
    g = [90, 80, 75, 60, 55, 40, 35, 20, 15, 5]
    d = [10, 25, 20, 45, 40, 60, 70, 65, 85, 95]
    requested = [50, 40, 60, 30, 50, 40, 70, 30, 60, 40]
    table = make_table([{"g": float(g[k]), "d": float(d[k]), "requested_eur": requested[k] * 1000,
                         "epci": EPCI_SIRENS[k % 3]} for k in range(10)])
    scenario = two_pillars(envelope_eur=230_000, constraints={
        "epci": {"default": {"max_share": 0.5}, EPCI_SIRENS[2]: {"min_projects": 1}}, "lock_in": ["C03"]})
    study = Study.of(table, scenario, TERRITORY)
    assert_exact(study, 5, np.random.default_rng(0))


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_random_small_instances_against_every_subset(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 8))
    table = make_table([{"g": float(rng.integers(0, 100)), "d": float(rng.integers(0, 100)),
                         "requested_eur": int(rng.integers(2, 12)) * 10_000,
                         "epci": EPCI_SIRENS[int(rng.integers(0, 3))]} for _ in range(n)])
    envelope = int(table["requested_eur"].sum() * rng.uniform(0.3, 0.8)) // 1000 * 1000
    constraints = {"epci": {"default": {"max_share": float(rng.choice([0.5, 0.7, 1.0]))}}}
    if rng.random() < 0.3:
        constraints["epci"][EPCI_SIRENS[0]] = {"min_projects": 1}
    scenario = two_pillars(envelope_eur=envelope, constraints=constraints)
    assert_exact(Study.of(table, scenario, TERRITORY), int(rng.integers(2, 6)), rng)


# --- the shipped scenarios against the baseline's frontier (the acceptance line) ---------------

@pytest.fixture(scope="module")
def demo():
    baseline = Study.open(DEMO_CANDIDATES, SCENARIO_DIR / "baseline.yaml")
    front = Frontier(baseline.formulation, PILLARS).sweep(baseline.scenario.sensitivity.frontier_points)
    ids = baseline.prepared.table["id"]
    rows = []
    for path in shipped_scenarios():
        alloc = (baseline if path.stem == "baseline" else Study.open(DEMO_CANDIDATES, path)).allocation
        amounts = alloc.table.set_index("id")["amount_eur"].reindex(ids).fillna(0).to_numpy()
        rows.append({"scenario": path.stem, "name": alloc.scenario.name, **place(front, amounts), "status": "placed"})
    table = front.table()
    placed = pd.DataFrame([classify(row, table, PILLARS) for row in rows])
    return SimpleNamespace(pillars=PILLARS, frontier=table, placed=placed, robustness=SimpleNamespace(
        allocation=baseline.allocation))


def test_every_shipped_scenario_is_on_or_below_the_drawn_frontier(demo) -> None:
    points = [tuple(v) for v in demo.frontier[list(PILLARS)].to_numpy(float)]
    assert len(demo.placed) == len(shipped_scenarios()) >= 4
    for row in demo.placed.to_dict("records"):
        p = (row["growth"], row["decarbonisation"])
        assert row["class"] in ("efficient", "dominated"), row     # the baseline's rules allow every one
        assert weakly_dominated(p, points), row                    # on or under the staircase
        assert under_bound(p, points), row
        if row["class"] == "dominated":
            by = demo.frontier.set_index("label").loc[row["dominated_by"]]
            assert at_least(by["growth"], p[0]) and at_least(by["decarbonisation"], p[1])
            assert row["growth_gain"] == pytest.approx(by["growth"] - p[0], abs=1e-5)
            assert row["decarbonisation_gain"] == pytest.approx(max(by["decarbonisation"] - p[1], 0), abs=1e-5)
        else:
            assert any(close(p[0], q[0]) and close(p[1], q[1]) for q in points), row
    # The baseline maximises a positive mix of the two pillars under its own rules: it is efficient.
    assert demo.placed.set_index("scenario").at["baseline", "class"] == "efficient"


def _vertices(svg: str, gid: str) -> list[tuple[float, float]]:
    group = re.search(rf'<g id="frontier-{gid}">(.*?)</g>', svg, re.DOTALL).group(1)
    d = re.search(r' d="([^"]*)"', group).group(1)
    pairs = [tuple(map(float, m)) for m in re.findall(r"(-?[\d.]+) (-?[\d.]+)", d)]
    return [v for k, v in enumerate(pairs) if k == 0 or v != pairs[k - 1]]


def _markers(svg: str) -> list[tuple[float, float]]:
    group = re.search(r'<g id="frontier-points">(.*?)</g>', svg, re.DOTALL).group(1)
    return [(float(x), float(y)) for x, y in re.findall(r'<use [^>]*x="([-\d.]+)" y="([-\d.]+)"', group)]


def test_the_chart_draws_the_points_and_the_region_they_dominate(demo) -> None:
    svg = frontier_chart(demo)
    markers, stairs, bound = _markers(svg), _vertices(svg, "staircase"), _vertices(svg, "bound")
    assert len(markers) == len(demo.frontier)

    def at(vertices, m):
        return next(k for k, v in enumerate(vertices) if abs(v[0] - m[0]) < 0.05 and abs(v[1] - m[1]) < 0.05)

    # SVG y grows downwards. Each point is a top-right corner of the staircase: reached along a level line
    # from the left, left straight down; so the region under the staircase is what the points dominate.
    for m in markers:
        k = at(stairs, m)
        assert abs(stairs[k - 1][1] - m[1]) < 0.05 and stairs[k - 1][0] < m[0], (m, stairs[k - 1])
        assert abs(stairs[k + 1][0] - m[0]) < 0.05 and stairs[k + 1][1] > m[1], (m, stairs[k + 1])
    # Each point after the first is a bottom-left corner of the bound: reached from above, left along a level
    # (after the last, down: no allocation has more of the first pillar).
    ordered = sorted(markers)
    for m in ordered[1:]:
        k = at(bound, m)
        assert abs(bound[k - 1][0] - m[0]) < 0.05 and bound[k - 1][1] < m[1], (m, bound[k - 1])
        after = bound[k + 1]
        if m == ordered[-1]:
            assert abs(after[0] - m[0]) < 0.05 and after[1] > m[1], (m, after)
        else:
            assert abs(after[1] - m[1]) < 0.05 and after[0] > m[0], (m, after)


def test_each_scenario_is_told_its_class_in_french_and_in_english(demo) -> None:
    french = "\n".join(frontier_section(demo))
    english = "\n".join(frontier_section(demo, "en"))
    page_fr, page_en = str(frontier_part(demo)), str(frontier_part(demo, "en"))
    for row in demo.placed.to_dict("records"):
        if row["class"] == "dominated":
            assert f"dominé par {row['dominated_by']}" in french and f"dominé par {row['dominated_by']}" in page_fr
            assert f"dominated by {row['dominated_by']}" in english and f"dominated by {row['dominated_by']}" in page_en
        else:
            assert "efficace : sur la frontière" in french and "efficient: on the frontier" in english
    for text in (english, page_en):
        assert "dominé" not in text and "efficace" not in text and "Frontière" not in text
    for text in (french, page_fr):
        assert "dominated" not in text and "efficient" not in text
