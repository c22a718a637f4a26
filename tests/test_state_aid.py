"""State-aid caps: EU SME classes, GBER intensities, the de minimis room of an undertaking."""

from __future__ import annotations

import numpy as np
import pytest

from optimiser.catalogue import cap_text
from optimiser.models import StateAid
from optimiser.state_aid import de_minimis_room, project_caps, sme_class

from .factories import make_table


@pytest.mark.parametrize("employees,turnover,balance,expected", [
    (9, 1.9e6, 5e6, "micro"),        # micro by turnover
    (9, 3e6, 1.5e6, "micro"),        # micro by balance sheet
    (9, 3e6, 3e6, "small"),          # too big for micro on both money tests
    (49, 10e6, np.nan, "small"),
    (50, 1e6, 1e6, "medium"),        # headcount decides
    (249, 60e6, 43e6, "medium"),     # balance sheet saves it
    (249, 60e6, 44e6, "large"),
    (250, 1e6, 1e6, "large"),
    (np.nan, 1e6, 1e6, "unknown"),
    (20, np.nan, np.nan, "unknown"),
])
def test_sme_class_follows_the_eu_definition(employees, turnover, balance, expected):
    assert sme_class(np.array([employees]), np.array([turnover]), np.array([balance]))[0] == expected


def test_gber_art17_caps_by_intensity_and_other_aid():
    table = make_table([
        {"employees": 20, "turnover_eur": 3e6, "balance_sheet_eur": 3e6, "eligible_cost_eur": 500_000,
         "other_public_aid_eur": 30_000},                                         # small: 20 %
        # medium: 10 %
        {"employees": 120, "turnover_eur": 30e6, "balance_sheet_eur": 30e6, "eligible_cost_eur": 500_000},
        {"employees": 900, "turnover_eur": 300e6, "balance_sheet_eur": 300e6, "eligible_cost_eur": 500_000},  # large: 0
        {"employees": np.nan, "eligible_cost_eur": 500_000},                       # unknown -> as large
        {"employees": 20, "turnover_eur": 3e6, "balance_sheet_eur": 3e6},          # no eligible cost
    ])
    caps, regimes, reasons = project_caps(table, StateAid(regime="gber_art17"))
    assert caps.tolist() == [70_000, 50_000, 0, 0, 0]
    assert set(regimes) == {"gber_art17"}
    assert reasons[3].size_unknown and "traitée comme grande entreprise" in cap_text(reasons[3])
    assert reasons[4].kind == "gber_no_cost" and "coûts éligibles non renseignés" in cap_text(reasons[4])
    assert "eligible costs not given" in cap_text(reasons[4], "en")


def test_intensities_are_configurable_and_afr_needs_the_zone():
    table = make_table([{"employees": 20, "turnover_eur": 3e6, "balance_sheet_eur": 3e6, "eligible_cost_eur": 100_000}])
    caps, _, _ = project_caps(table, StateAid(regime="gber_art17", intensities={"gber_art17": {"small": 0.5}}))
    assert caps.tolist() == [50_000]
    assert project_caps(table, StateAid(regime="gber_art14_afr"))[0].tolist() == [0]
    assert project_caps(table, StateAid(regime="gber_art14_afr", afr_zone=True))[0].tolist() == [35_000]


def test_row_regime_overrides_the_scenario():
    table = make_table([{"aid_regime": "none"}, {"aid_regime": None}])
    caps, regimes, _ = project_caps(table, StateAid(regime="gber_art17"))
    assert regimes.tolist() == ["none", "gber_art17"] and caps[0] == np.inf


def test_de_minimis_room_is_per_undertaking():
    table = make_table([
        {"group_id": "G1", "de_minimis_received_eur": 100_000},
        {"group_id": "G1", "de_minimis_received_eur": 0},       # the same undertaking: its largest figure counts
        {"group_id": "G2", "de_minimis_received_eur": 299_999.5},
    ])
    assert de_minimis_room(table, 300_000).tolist() == [200_000, 200_000, 0]


from decimal import ROUND_FLOOR, Decimal  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None, derandomize=True)
@given(cost=st.integers(0, 5_000_000) | st.integers(0, 500_000_000).map(lambda c: c / 100),
       other=st.integers(0, 200_000), percent=st.integers(0, 100))
def test_the_gber_cap_is_the_exact_decimal_floor(cost, other, percent):
    """0.35 x 360000 is 125999.99999999999 in floats: the cap must still be 126000, the exact floor."""
    intensity = percent / 100
    table = make_table([{"eligible_cost_eur": float(cost), "other_public_aid_eur": float(other), "employees": 5.0,
                         "turnover_eur": 1e6, "aid_regime": "gber_art17"}])
    caps, _, _ = project_caps(table, StateAid(regime="none", intensities={"gber_art17": {"micro": intensity}}))
    exact = (Decimal(str(intensity)) * Decimal(repr(float(cost))) - other).to_integral_value(ROUND_FLOOR)
    assert caps[0] == max(exact, 0)
