"""SIGINT and SIGTERM end a run cleanly: exit code 130 / 143, one line saying so, no traceback from any
process, no process left behind, and nothing written (the earlier folder as it was, or none).

Real processes, since real signals and real worker processes are the point: `sensitivity` with many draws
is stopped once it is computing (its staging folder exists, and with --jobs 2 its two workers run).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from optimiser.app.files import tree
from optimiser.app.outdir import STAGING
from optimiser.cli import main
from optimiser.scenarios import DEMO_CANDIDATES, SCENARIO_DIR

BASELINE = SCENARIO_DIR / "baseline.yaml"
TIMEOUT_S = 120

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find every process")


def processes(session: int) -> dict[int, tuple[int, str]]:
    """The live processes of a session (zombies aside): pid -> (parent pid, state)."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path("/proc", entry, "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (command) ": state, ppid, pgrp, session...
        if int(fields[3]) == session and fields[0] != "Z":
            found[int(entry)] = (int(fields[1]), fields[0])
    return found


def wait_for(condition, what: str) -> None:
    give_up = time.monotonic() + TIMEOUT_S
    while not condition():
        if time.monotonic() > give_up:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.02)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory) -> Path:
    """The baseline with a short frontier and budget curve, so that the earlier results come quickly."""
    path = tmp_path_factory.mktemp("scenario") / "court.yaml"
    path.write_text(f"extends: {BASELINE}\nsensitivity: {{explain: 2, frontier_points: 3, budget_steps: [1.0]}}\n",
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def earlier_results(tmp_path_factory, scenario) -> Path:
    out = tmp_path_factory.mktemp("earlier") / "out"
    with pytest.raises(SystemExit) as caught:
        main(["sensitivity", str(DEMO_CANDIDATES), "-s", str(scenario), "--draws", "2", "--jobs", "1", "-o", str(out)])
    assert caught.value.code == 0
    return out


@pytest.mark.parametrize("signum,jobs,earlier", [(signal.SIGTERM, 2, True), (signal.SIGINT, 2, False),
                                                 (signal.SIGTERM, 1, False), (signal.SIGINT, 1, True)])
def test_a_stop_during_sensitivity_leaves_nothing(tmp_path, scenario, earlier_results, signum, jobs, earlier):
    out = tmp_path / "out"
    before: dict[str, bytes] = {}
    if earlier:
        shutil.copytree(earlier_results, out)
        before = {name: (out / name).read_bytes() for name in tree(out)}
    command = [sys.executable, "-m", "optimiser", "sensitivity", str(DEMO_CANDIDATES), "-s", str(scenario),
               "--draws", "100000", "--jobs", str(jobs), "-o", str(out), "--force"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        wait_for(lambda: (tmp_path / STAGING.format("out")).is_dir() or process.poll() is not None, "the computation")
        if jobs > 1:
            wait_for(lambda: sum(parent == process.pid for parent, _ in processes(process.pid).values()) >= jobs
                     or process.poll() is not None, "the workers")
        assert process.poll() is None, process.communicate()
        # Ctrl-C reaches the whole foreground group; `kill` reaches the one process.
        if signum == signal.SIGINT:
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)
        text, err = process.communicate(timeout=TIMEOUT_S)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == 128 + signum, err
    state = "est tel qu'il était" if earlier else "n'a pas été créé"
    assert err == f"Arrêté par {signal.Signals(signum).name} : rien n'a été écrit ({out} {state}).\n"
    assert "Traceback" not in text + err
    wait_for(lambda: not processes(process.pid), "every process of the run to end")
    assert sorted(os.listdir(tmp_path)) == (["out"] if earlier else [])  # no staging folder, no lock left
    if earlier:
        assert {name: (out / name).read_bytes() for name in tree(out)} == before
