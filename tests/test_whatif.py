"""Price of a rule, budget curve, frontier and explanations: each checked against an independent solve."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optimiser.allocation import allocate
from optimiser.models import Scenario
from optimiser.scoring import score
from optimiser.study import Study
from optimiser.whatif import budget_curve, constraint_prices, explanations, frontier

from .factories import EPCI_SIRENS, TERRITORY, make_scenario, make_table


def setup(table, scenario):
    study = Study.of(table, scenario, TERRITORY)
    return study, study.allocation


def test_price_of_an_epci_floor_equals_the_value_it_forgoes():
    # A (80) and B (70) in one EPCI, C (20) alone in another; room for two projects.
    table = make_table([
        {"score_in": 80, "epci": EPCI_SIRENS[0]}, {"score_in": 70, "epci": EPCI_SIRENS[0]},
        {"score_in": 20, "epci": EPCI_SIRENS[1]},
    ])
    scenario = make_scenario(envelope_eur=200_000, funding="all_or_nothing",
                             constraints={"epci": {EPCI_SIRENS[1]: {"min_projects": 1}}})
    study, base = setup(table, scenario)
    assert base.table["funded"].tolist() == [True, False, True]          # the floor forces C in
    prices = constraint_prices(study, base).set_index("rule")
    floor = prices.loc[f"epci.{EPCI_SIRENS[1]}.projects"]
    assert floor["price"] == pytest.approx((80 + 70) - (80 + 20))        # by hand: 50 points
    assert floor["price_share"] == pytest.approx(50 / 100)
    assert floor["would_fund"] == "C01" and floor["would_drop"] == "C02"


def random_case(seed: int):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 9))
    table = make_table([{"score_in": float(rng.integers(1, 100)), "requested_eur": int(rng.integers(2, 12)) * 10_000,
                         "min_eur": int(rng.integers(1, 2)) * 10_000, "epci": EPCI_SIRENS[int(rng.integers(0, 3))],
                         "g": float(rng.integers(0, 100)), "d": float(rng.integers(0, 100))} for _ in range(n)])
    envelope = int(table["requested_eur"].sum() * rng.uniform(0.3, 0.7)) // 1000 * 1000
    scenario = Scenario.model_validate({
        "name": "r", "envelope_eur": envelope, "funding": "partial" if rng.random() < 0.5 else "all_or_nothing",
        "scoring": {"pillars": {"growth": {"weight": 0.5, "criteria": {"g": {"column": "g", "scale": "raw"}}},
                                "decarbonisation": {"weight": 0.5,
                                                    "criteria": {"d": {"column": "d", "scale": "raw"}}}}},
        "constraints": {"epci": {"default": {"max_share": 0.7}}},
    })
    return table, scenario


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_budget_curve_never_goes_down_and_frontier_points_are_mutually_non_dominated(seed):
    table, scenario = random_case(seed)
    study, base = setup(table, scenario)
    model = study.formulation
    curve = budget_curve(model, [0.5, 0.75, 1.0, 1.25, 1.5, 2.0])
    values = curve["value"].to_numpy(dtype=float)
    assert (np.diff(values) >= -1e-9).all(), values
    assert (curve["value_of_next_100k"].astype(float) >= -1e-9).all()
    front = frontier(model, ("growth", "decarbonisation"), 6)
    points = front[["growth", "decarbonisation"]].to_numpy()
    for i, p in enumerate(points):
        for j, q in enumerate(points):
            if i != j:
                assert not ((q >= p - 1e-9).all() and (q > p + 1e-6).any()), (p, q)


def funded_when(table, scenario, cid: str, new_score: float) -> bool:
    """An independent check: rewrite the score in the data and solve from scratch."""
    changed = table.copy()
    changed.loc[changed["id"] == cid, "score_in"] = new_score
    alloc = allocate(changed, score(changed, scenario.scoring), scenario, TERRITORY)
    return bool(alloc.table.set_index("id").at[cid, "funded"])


def test_explanations_are_exact():
    table = make_table([{"score_in": float(s), "requested_eur": r} for s, r in
                        [(90, 100_000), (70, 80_000), (65, 120_000), (50, 60_000), (40, 90_000), (30, 50_000)]])
    scenario = make_scenario(envelope_eur=250_000, funding="all_or_nothing")
    study, base = setup(table, scenario)
    model = study.formulation
    result = explanations(model, base, count=3)
    assert len(result) >= 4
    eps = 0.002  # a little above the bisection's 0.001 tolerance
    for row in result.to_dict("records"):
        if row["score_change"] is None:
            continue
        if row["funded"]:
            assert not funded_when(table, scenario, row["id"], row["score"] - row["score_change"] - eps)
            assert funded_when(table, scenario, row["id"], row["score"] - row["score_change"] + eps)
        else:
            assert funded_when(table, scenario, row["id"], row["score"] + row["score_change"] + eps)
            assert not funded_when(table, scenario, row["id"], row["score"] + row["score_change"] - eps)
