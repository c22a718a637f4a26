"""Every indicator on a tiny hand-made allocation, against a value computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from optimiser.indicators import Context, compute, gini, indicators_for
from optimiser.territory import Territory

TERRITORY = Territory.model_validate({
    "name": "Essai",
    "epcis": [
        {"siren": "200040491", "name": "E1", "population": 1000, "population_year": 2020},
        {"siren": "200072015", "name": "E2", "population": 2000, "population_year": 2020},
        {"siren": "240700716", "name": "E3", "population": 1000, "population_year": 2020},
    ],
    "priorities": [{"key": "transition", "label": "Transition"}],
})

TABLE = pd.DataFrame({
    "id": ["A", "B", "C", "D"],
    "siren": ["S1", "S1", "S2", "S3"],
    "epci": ["200040491", "200072015", "200072015", "240700716"],
    "priority": ["transition"] * 4,
    "requested_eur": [200, 300, 100, 50],
    "amount_eur": [100, 300, 0, 0],
    "tco2e_avoided_per_year": [10.0, 0.0, 50.0, 7.0],
    "lifetime_years": [10.0, 5.0, 10.0, 10.0],
    "jobs_created": [2.0, 4.0, 10.0, np.nan],
    "eligible_cost_eur": [400.0, 600.0, 100.0, 100.0],
})
TABLE["funded"] = TABLE["amount_eur"] > 0

CONTEXT = Context(
    table=TABLE, envelope=1000, territory=TERRITORY,
    reference_score=pd.Series({"A": 80.0, "B": 50.0, "C": 90.0, "D": 10.0}),
    reference_pillars=pd.DataFrame({"growth": [60.0, 40.0, 0.0, 0.0], "decarbonisation": [100.0, 60.0, 0.0, 0.0]},
                                   index=["A", "B", "C", "D"]),
    reference_funded=frozenset({"A", "C"}),
)

# Computed by hand (see the comments) from the table above.
EXPECTED = {
    "reference_value": 80 * 100 / 200 + 50 * 300 / 300,   # score x funded fraction: 40 + 50
    "pillar_growth": (60 + 40) / 2,
    "pillar_decarbonisation": (100 + 60) / 2,
    "amount_eur": 400,
    "envelope_share": 0.4,
    "projects": 2,
    "companies": 1,                                           # A and B are the same SIREN
    "epcis_reached": 2,
    "tco2e_per_year": 10,
    "tco2e_lifetime": 10 * 10 + 0 * 5,
    "eur_per_tco2e": 400 / 100,
    "jobs": 6,
    "eur_per_job": 400 / 6,
    "leverage": (400 + 600) / 400,
    # aid per inhabitant: E1 0.1, E2 0.15, E3 0; mean 1/12; sum of |xi - xj| over ordered pairs 0.6
    "balance_gini": 0.6 / (2 * 3 ** 2 * (0.25 / 3)),
    "overlap": 1,
    "jaccard": 1 / 3,
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_indicator_by_hand(key):
    values = compute(indicators_for(["growth", "decarbonisation"]), CONTEXT)
    assert values[key] == pytest.approx(EXPECTED[key], rel=1e-12)


def test_every_indicator_is_tested_and_described():
    indicators = indicators_for(["growth", "decarbonisation"])
    assert {i.key for i in indicators} == set(EXPECTED)
    for ind in indicators:
        assert ind.label("fr") and ind.label("en") and ind.unit
        assert ind.direction in ("higher", "lower", None)


def test_gini_extremes():
    assert gini(np.array([5.0, 5.0, 5.0])) == 0
    assert gini(np.array([0.0, 0.0, 0.0, 12.0])) == pytest.approx(0.75)  # (n - 1) / n when one gets all
    assert math.isnan(gini(np.zeros(3)))


def test_missing_column_gives_nan_not_zero():
    ctx = Context(TABLE.drop(columns=["jobs_created"]), 1000, TERRITORY, CONTEXT.reference_score,
                  CONTEXT.reference_pillars, CONTEXT.reference_funded)
    values = compute(indicators_for([]), ctx)
    assert math.isnan(values["jobs"]) and math.isnan(values["eur_per_job"])
