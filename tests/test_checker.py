"""The independent checker finds each broken rule; here, the de minimis ceiling of an undertaking."""

from __future__ import annotations

from optimiser.checker import check

from .factories import TERRITORY, make_scenario, make_table


def test_de_minimis_counts_every_project_of_the_undertaking_and_its_prior_aid():
    table = make_table([
        {"group_id": "G1", "de_minimis_received_eur": 100_000, "min_eur": 0, "requested_eur": 200_000},
        {"group_id": "G1", "de_minimis_received_eur": 0, "min_eur": 0, "requested_eur": 200_000},
        {"group_id": "G2", "de_minimis_received_eur": 250_000, "min_eur": 0, "requested_eur": 200_000},
    ])
    table["score"] = 50.0
    scenario = make_scenario(envelope_eur=1_000_000, state_aid={"regime": "de_minimis"})
    table["amount_eur"] = [100_000, 100_000, 50_000]  # G1: 200 000 + 100 000 prior; G2: 50 000 + 250 000
    assert check(table, scenario, TERRITORY) == []
    table["amount_eur"] = [100_000, 100_001, 50_001]
    assert check(table, scenario, TERRITORY) == [
        "undertaking G1: de minimis 300,001 (with prior aid) above 300,000",
        "undertaking G2: de minimis 300,001 (with prior aid) above 300,000",
    ]
