"""Which heavy libraries a command imports: `--help` and `validate` must stay instant (issue 11).

Each case runs in a fresh interpreter (the test session has already imported everything), calls the command line
as a person would and lists the heavy modules then loaded. A timing would be flaky; the import set is what makes
the start slow, and it either holds or it does not.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from optimiser.scenarios import DEMO_CANDIDATES, shipped_scenarios

HEAVY = ("numpy", "pandas", "pydantic", "pulp", "highspy", "matplotlib", "openpyxl", "yaml", "stdnum")
SOLVER_CHARTS_WORKBOOK = {"pulp", "highspy", "matplotlib", "openpyxl"}
COMMANDS = ("validate", "score", "allocate", "demo", "compare", "sensitivity", "replay", "verify", "template",
            "proces-verbal")

PROBE = """
import json, sys
from optimiser.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = sorted({name.split('.')[0] for name in sys.modules} & set(HEAVY))
print(json.dumps(heavy), file=sys.stderr)
""".replace("HEAVY", repr(HEAVY))


def heavy_after(*argv: str) -> set[str]:
    """The heavy top-level packages loaded once `optimiser argv` has run in a new interpreter."""
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=120)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_help_imports_nothing_heavy() -> None:
    assert heavy_after("--help") == set()
    assert heavy_after("--version") == set()


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help_imports_nothing_heavy(command: str) -> None:
    assert heavy_after(command, "--help") == set()


def test_every_command_is_probed() -> None:
    from optimiser.cli import cli

    assert set(cli.commands) == set(COMMANDS)


def test_validate_loads_neither_solver_nor_charts_nor_workbook_writer(tmp_path: Path) -> None:
    small = tmp_path / "candidats.csv"
    small.write_bytes(DEMO_CANDIDATES.read_bytes())
    baseline = next(p for p in shipped_scenarios() if p.stem == "baseline")
    assert heavy_after("validate", str(small)) & SOLVER_CHARTS_WORKBOOK == set()
    assert heavy_after("validate", str(small), "-s", str(baseline)) & SOLVER_CHARTS_WORKBOOK == set()


def test_the_probe_sees_what_a_solve_imports(tmp_path: Path) -> None:
    """The probe could pass by seeing nothing: an allocation must show the solver it loaded."""
    baseline = next(p for p in shipped_scenarios() if p.stem == "baseline")
    loaded = heavy_after("allocate", str(DEMO_CANDIDATES), "-s", str(baseline), "-o", str(tmp_path / "out"))
    assert {"pulp", "highspy"} <= loaded
