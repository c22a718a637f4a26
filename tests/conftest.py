"""Fixtures shared by the tests: the demo comparison, computed once per session; each test starts with the
terminal's language unchosen (French, unless OPTIMISER_LANG says otherwise), whatever `--lang` an earlier
test passed."""

from __future__ import annotations

import pytest

from optimiser import messages
from optimiser.comparison import Comparison, compare
from optimiser.report.outputs import run_info
from optimiser.report.tables import RunInfo
from optimiser.scenarios import DEMO_CANDIDATES, SCENARIO_DIR


@pytest.fixture(autouse=True)
def _unchosen_language():
    messages.use(None)
    yield
    messages.use(None)


@pytest.fixture(scope="session")
def comparison() -> Comparison:
    return compare(DEMO_CANDIDATES, [SCENARIO_DIR])


@pytest.fixture(scope="session")
def alloc(comparison):
    return comparison.entry(comparison.reference).allocation


@pytest.fixture(scope="session")
def info(comparison) -> RunInfo:
    return run_info(comparison.entry(comparison.reference).study)
