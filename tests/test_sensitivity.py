"""Sensitivity draws: core indices, determinism whatever the processes, independence of the start."""

from __future__ import annotations

import numpy as np
import pytest

from optimiser.models import Scenario
from optimiser.sensitivity import DrawSolver, draw_weights, robustness, run_draws
from optimiser.study import Study

from .factories import TERRITORY, make_table

TWO_PILLARS = {"pillars": {
    "growth": {"weight": 0.5, "criteria": {"g": {"column": "g", "scale": "raw"}}},
    "decarbonisation": {"weight": 0.5, "criteria": {"d": {"column": "d", "scale": "raw"}}},
}}


def scenario(**overrides) -> Scenario:
    data = {"name": "s", "envelope_eur": 200_000, "funding": "all_or_nothing", "objective": "value",
            "scoring": TWO_PILLARS, "sensitivity": {"concentration": 5}}
    data.update(overrides)
    return Scenario.model_validate(data)


def table():
    # A dominates (best on both pillars), B is dominated (worst on both), C and D trade one pillar for the other.
    return make_table([
        {"g": 90.0, "d": 90.0}, {"g": 10.0, "d": 10.0}, {"g": 80.0, "d": 20.0}, {"g": 20.0, "d": 80.0},
    ])


def test_core_index_is_one_for_a_dominant_candidate_zero_for_a_dominated_one():
    result = robustness(Study.of(table(), scenario(), TERRITORY), draws=60, seed=11)
    core = dict(zip(result.candidates["id"], result.candidates["core_index"], strict=True))
    assert core["C00"] == 1.0 and core["C01"] == 0.0
    assert 0 < core["C02"] < 1 and 0 < core["C03"] < 1
    assert core["C02"] + core["C03"] == pytest.approx(1.0)  # exactly one of them each time
    classes = dict(zip(result.candidates["id"], result.candidates["class"], strict=True))
    assert classes["C00"] == "core" and classes["C01"] == "exterior"


def test_weight_ranges_are_drawn_inside_them():
    ranged = scenario(scoring={"pillars": {
        "growth": {"weight": [0.2, 0.4], "criteria": {"g": {"column": "g", "scale": "raw"}}},
        "decarbonisation": {"weight": 0.6, "criteria": {"d": {"column": "d", "scale": "raw"}}},
    }})
    for d in range(50):
        w = draw_weights(ranged, np.random.default_rng([3, d]))
        assert w.sum() == pytest.approx(1.0)
        growth = 0.6 * w[0] / w[1]  # the drawn growth weight, before normalisation with decarbonisation's 0.6
        assert 0.2 - 1e-12 <= growth <= 0.4 + 1e-12


def test_same_seed_same_draws_whatever_the_number_of_processes():
    one = run_draws(Study.of(table(), scenario(), TERRITORY), draws=60, seed=5, jobs=1)
    two = run_draws(Study.of(table(), scenario(), TERRITORY), draws=60, seed=5, jobs=2)
    assert np.array_equal(one.amounts, two.amounts)
    assert np.array_equal(one.weights, two.weights)
    assert one.status == two.status
    other_seed = run_draws(Study.of(table(), scenario(), TERRITORY), draws=60, seed=6, jobs=1)
    assert not np.array_equal(one.weights, other_seed.weights)


def test_the_answer_does_not_depend_on_the_starting_point():
    s = scenario(funding="partial", envelope_eur=250_000)
    t = make_table([{"g": float(g), "d": float(d), "requested_eur": r, "min_eur": r // 2}
                    for g, d, r in [(90, 10, 120_000), (50, 50, 80_000), (10, 90, 100_000), (60, 40, 90_000),
                                    (40, 60, 60_000), (30, 30, 70_000)]])
    forward = DrawSolver(Study.of(t, s, TERRITORY))
    backward = DrawSolver(Study.of(t, s, TERRITORY))
    draws = range(40)
    a = {d: forward.solve_draw(d, seed=9)[1] for d in draws}
    b = {d: backward.solve_draw(d, seed=9)[1] for d in reversed(draws)}
    assert all(np.array_equal(a[d], b[d]) for d in draws)


def test_data_uncertainty_changes_scores_but_stays_reproducible():
    s = scenario(sensitivity={"concentration": 1000, "uncertainty": {"g": 0.5}})
    first = run_draws(Study.of(table(), s, TERRITORY), draws=30, seed=2)
    again = run_draws(Study.of(table(), s, TERRITORY), draws=30, seed=2)
    assert np.array_equal(first.amounts, again.amounts)
    funded_c = (first.amounts[:, 2] > 0).mean()
    assert 0 < funded_c < 1
