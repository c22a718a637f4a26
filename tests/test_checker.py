"""The independent checker finds each broken rule; here, the de minimis ceiling of an undertaking."""

from __future__ import annotations

from optimiser import messages
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
        "entreprise unique G1 : de minimis 300\u202f001 (aides antérieures comprises) au-delà de 300\u202f000",
        "entreprise unique G2 : de minimis 300\u202f001 (aides antérieures comprises) au-delà de 300\u202f000",
    ]


# -- the checker shares no computation with the model builder: a wrong builder is caught -------------

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from optimiser import rules, state_aid  # noqa: E402
from optimiser.allocation import allocate  # noqa: E402
from optimiser.errors import CheckError  # noqa: E402
from optimiser.models import Bounds  # noqa: E402
from optimiser.scoring import score  # noqa: E402


def solve(table, scenario):
    return allocate(table, score(table, scenario.scoring), scenario, TERRITORY)


def gber_case():
    """A small company: 20 % of 1,000,000 € of eligible costs, less 150,000 € of other aid: 50,000 € at most."""
    table = make_table([{"requested_eur": 200_000, "min_eur": 0, "eligible_cost_eur": 1_000_000.0,
                         "other_public_aid_eur": 150_000.0, "employees": 20.0, "turnover_eur": 3e6}])
    return table, make_scenario(envelope_eur=500_000, state_aid={"regime": "gber_art17"})


def test_the_gber_cap_is_kept(monkeypatch):
    table, scenario = gber_case()
    assert solve(table, scenario).table["amount_eur"].tolist() == [50_000]


def test_a_builder_that_forgets_other_public_aid_is_stopped_by_the_checker(monkeypatch):
    real = state_aid.project_caps

    def forgetful(table, settings):
        caps, regimes, reasons = real(table.assign(other_public_aid_eur=0.0), settings)
        return caps, regimes, reasons

    monkeypatch.setattr(rules, "project_caps", forgetful)
    table, scenario = gber_case()
    with pytest.raises(CheckError, match="C00 : 200\u202f000 au-delà de son plafond d'aide d'État 50\u202f000 "
                                         "\\(gber_art17\\)"):
        solve(table, scenario)


def test_a_builder_that_forgets_prior_de_minimis_is_stopped_by_the_checker(monkeypatch):
    real = state_aid.de_minimis_room
    forgetful = lambda table, ceiling: real(table.assign(de_minimis_received_eur=0.0), ceiling)  # noqa: E731
    monkeypatch.setattr(state_aid, "de_minimis_room", forgetful)
    monkeypatch.setattr(rules, "de_minimis_room", forgetful)
    table = make_table([{"requested_eur": 150_000, "min_eur": 0, "de_minimis_received_eur": 245_000.0}])
    scenario = make_scenario(envelope_eur=500_000, state_aid={"regime": "de_minimis"})
    with pytest.raises(CheckError, match="entreprise unique \\d+ : de minimis 395\u202f000 "
                                         "\\(aides antérieures comprises\\) au-delà de 300\u202f000"):
        solve(table, scenario)


def test_a_builder_that_drops_a_group_cap_is_stopped_by_the_checker(monkeypatch):
    real = rules.resolve_group_bounds

    def loose(scenario, territory):
        epci, priority = real(scenario, territory)
        return {k: Bounds() for k in epci}, priority

    monkeypatch.setattr(rules, "resolve_group_bounds", loose)
    table = make_table([{"requested_eur": 100_000, "min_eur": 0} for _ in range(3)])
    scenario = make_scenario(envelope_eur=300_000, constraints={"epci": {"default": {"max_share": 0.5}}})
    with pytest.raises(CheckError, match="l'EPCI \\d+ : 300\u202f000 enfreint max_share 150\u202f000"):
        solve(table, scenario)


def test_the_checker_reads_the_sme_class_and_intensity_on_its_own():
    """A medium company under GBER art. 17 (10 %), an unknown size (large: 0 %), an AFR project outside the zone."""
    table = make_table([
        {"requested_eur": 100_000, "min_eur": 0, "eligible_cost_eur": 500_000.0, "employees": 120.0,
         "turnover_eur": 20e6, "aid_regime": "gber_art17"},
        {"requested_eur": 100_000, "min_eur": 0, "eligible_cost_eur": 500_000.0, "aid_regime": "gber_art17"},
        {"requested_eur": 100_000, "min_eur": 0, "eligible_cost_eur": 500_000.0, "employees": 5.0,
         "turnover_eur": 1e6, "aid_regime": "gber_art14_afr"},
    ])
    table["score"] = 50.0
    scenario = make_scenario(envelope_eur=1_000_000, state_aid={"regime": "none"})
    table["amount_eur"] = np.array([50_000, 1, 1])
    with messages.using("en"):
        assert check(table, scenario, TERRITORY) == [
            "C01: 1 above its state-aid cap 0 (gber_art17)", "C02: 1 above its state-aid cap 0 (gber_art14_afr)"]
        table["amount_eur"] = np.array([50_001, 0, 0])
        assert check(table, scenario, TERRITORY) == ["C00: 50,001 above its state-aid cap 50,000 (gber_art17)"]
