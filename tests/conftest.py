"""Fixtures shared by the report tests: the demo comparison, computed once per session."""

from __future__ import annotations

import pytest

from optimiser.comparison import Comparison, compare
from optimiser.report.outputs import run_info
from optimiser.report.tables import RunInfo
from optimiser.scenarios import DEMO_CANDIDATES, SCENARIO_DIR


@pytest.fixture(scope="session")
def comparison() -> Comparison:
    return compare(DEMO_CANDIDATES, [SCENARIO_DIR])


@pytest.fixture(scope="session")
def alloc(comparison):
    return comparison.entry(comparison.reference).allocation


@pytest.fixture(scope="session")
def info(comparison) -> RunInfo:
    return run_info(comparison.entry(comparison.reference).study)
