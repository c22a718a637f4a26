"""The time limit is a wall-clock deadline: the solve runs in a child process ended at the deadline.

The mechanism is tested with injected children (`rounds.run_rounds` replaced before the fork, so the child
runs the fake): one that hangs, one that sends an incumbent then hangs, one killed by a signal, one
that fails; and with the parent interrupted while it waits. No speed is asserted: the only clock
bounds are generous ones that prove a deadline was applied at all.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import highspy
import numpy as np
import pytest

from optimiser.milp import Problem, Resolver, Settings, Solution, Status, rounds, solve
from optimiser.milp.deadline import in_child
from optimiser.milp.rounds import Best, run_rounds

from .test_milp import knapsack

INF = np.inf
GENEROUS_S = 15.0  # far above any deadline used here: it proves a deadline, never a speed
KNAPSACK = knapsack([10, 7, 6, 5], [5, 4, 3, 2], 9)  # optimum 18: columns 1, 2, 3
BEST = np.array([0.0, 1.0, 1.0, 1.0])


def amounts(lower: float = -INF) -> Problem:
    """Two whole-euro amounts, relaxed first: lower <= 2 a + 2 b <= 5, 0 <= a, b <= 10."""
    return Problem(
        cost=np.array([1.0, 1.0]), col_lower=np.zeros(2), col_upper=np.array([10.0, 10.0]),
        integer=np.array([True, True]), start=np.array([0, 2]), index=np.array([0, 1]),
        value=np.array([2.0, 2.0]), row_lower=np.array([lower]), row_upper=np.array([5.0]),
        lazy_integer=np.array([True, True]),
    )


def hang() -> None:
    while True:
        time.sleep(60)


def fake_child(monkeypatch, body) -> None:
    """The child runs `body(report)` instead of the solver's rounds."""
    monkeypatch.setattr(rounds, "run_rounds", lambda problem, settings, report: body(report))


def record_pid(tmp_path: Path) -> None:
    (tmp_path / "pid.tmp").write_text(str(os.getpid()))
    (tmp_path / "pid.tmp").rename(tmp_path / "pid")


def child_pid(tmp_path: Path) -> int:
    return int((tmp_path / "pid").read_text())


def gone(pid: int) -> bool:
    """Reaped (no longer a child of ours) and not running: no such process, or a zombie of another parent."""
    try:
        os.waitpid(pid, os.WNOHANG)
        return False
    except ChildProcessError:
        pass
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    except OSError:  # no /proc: ask the kernel whether the id is still in use
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        return False
    return stat[stat.rindex(")") + 2] in "ZX"


def test_a_child_that_hangs_is_ended_at_the_deadline_and_reaped(monkeypatch, tmp_path):
    fake_child(monkeypatch, lambda report: (record_pid(tmp_path), hang()))
    began = time.monotonic()
    solution = solve(KNAPSACK, Settings(time_limit_s=0.1))
    assert time.monotonic() - began < GENEROUS_S
    assert solution.status is Status.NO_SOLUTION and not solution.has_values
    assert "limite de temps" in solution.message
    assert gone(child_pid(tmp_path))


def test_a_child_that_never_stops_reporting_is_ended_at_the_deadline():
    # The parent reads more slowly than the child writes, so the pipe is never empty: only the
    # deadline ends the wait. (The child would answer after GENEROUS_S, a sign of no deadline.)
    def flood(report):
        stop = time.monotonic() + GENEROUS_S
        while time.monotonic() < stop:
            report(None, 20.0)
        return Solution(Status.OPTIMAL, BEST, 18.0, 18.0, 0.0, "highs", 0.0)

    received = []
    assert in_child(flood, lambda values, bound: (received.append(bound), time.sleep(0.001)), 0.2) is None
    assert received and set(received) == {20.0}


def test_an_incumbent_sent_before_a_hang_is_kept_with_an_honest_gap(monkeypatch):
    def body(report):
        report(np.array([1.0, 0.0, 1.0, 0.0]), None)  # 16, no bound yet
        report(BEST, 20.0)                             # 18, bound 20
        report(None, 19.0)                             # a better bound, no solution
        hang()

    fake_child(monkeypatch, body)
    solution = solve(KNAPSACK, Settings(time_limit_s=0.1))
    assert solution.status is Status.FEASIBLE
    assert solution.values.tolist() == BEST.tolist()
    assert solution.objective == 18.0 and solution.bound == 19.0
    assert solution.gap == pytest.approx(1 / 18)
    assert "le solveur a été arrêté à l'échéance" in solution.message


def test_a_fractional_incumbent_of_a_relaxation_round_is_made_whole_and_checked(monkeypatch):
    fake_child(monkeypatch, lambda report: (report(np.array([2.5, 0.0]), 2.5), hang()))
    solution = solve(amounts(), Settings(time_limit_s=0.1))
    assert solution.status is Status.FEASIBLE
    assert solution.values.tolist() == [2.0, 0.0]  # rounded down: 2 a + 2 b = 4 <= 5
    assert solution.objective == 2.0 and solution.bound == 2.5 and solution.gap == pytest.approx(0.25)


def test_a_repaired_incumbent_that_breaks_a_row_is_not_kept(monkeypatch):
    # 2 a + 2 b >= 5 too: rounding 2.5 down gives 4, below the row's lower bound.
    fake_child(monkeypatch, lambda report: (report(np.array([2.5, 0.0]), 2.5), hang()))
    solution = solve(amounts(lower=5.0), Settings(time_limit_s=0.1))
    assert solution.status is Status.NO_SOLUTION and solution.values is None
    assert solution.bound == 2.5
    assert "euros entiers" in solution.message


def test_only_whole_feasible_points_are_kept_and_the_best_wins():
    best = Best(KNAPSACK)
    best.offer(np.array([1.0, 1.0, 1.0, 1.0]), 30.0)   # weight 14 > 9: not kept
    best.offer(np.array([0.0, 1.0, 1.0, 1.5]), None)   # a binary above its upper bound once rounded: no
    best.offer(BEST + 1e-9, 25.0)                      # within the integrality tolerance: rounded, kept
    best.offer(np.array([0.0, 0.0, 1.0, 1.0]), 24.0)   # worse: not kept, but its bound is
    solution = best.solution("highs", "Time limit reached")
    assert solution.values.tolist() == BEST.tolist()
    assert solution.objective == 18.0 and solution.bound == 24.0
    assert solution.message == "Time limit reached"


def test_an_unknown_bound_gives_an_unknown_gap():
    best = Best(KNAPSACK)
    best.offer(BEST, None)
    solution = best.solution("cbc", "stopped before proof")
    assert solution.status is Status.FEASIBLE and solution.bound is None and solution.gap is None


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_a_child_killed_by_a_signal_is_a_solver_error_without_traceback(monkeypatch, capfd, tmp_path, signum):
    def stop(number, frame):  # the command line's handler: the child must not inherit it
        raise SystemExit(128 + number)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        fake_child(monkeypatch, lambda report: (record_pid(tmp_path), report(BEST, 20.0), os.kill(os.getpid(), signum)))
        solution = solve(KNAPSACK, Settings(time_limit_s=60))
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert solution.status is Status.ERROR and not solution.has_values
    assert solution.message == f"le processus du solveur s'est terminé sans réponse (tué par {signum.name})"
    assert gone(child_pid(tmp_path))
    assert capfd.readouterr() == ("", "")


def test_a_failure_in_the_child_is_a_solver_error_without_traceback(monkeypatch, capfd):
    def body(report):
        raise ValueError("boom")

    fake_child(monkeypatch, body)
    solution = solve(KNAPSACK, Settings(time_limit_s=60))
    assert solution.status is Status.ERROR
    assert solution.message == "le processus du solveur a échoué : ValueError: boom"
    assert capfd.readouterr() == ("", "")


def test_the_child_ignores_sigint_and_has_its_own_process_group(monkeypatch, tmp_path):
    def body(report):
        os.kill(os.getpid(), signal.SIGINT)  # what Ctrl-C would send; ignored
        (tmp_path / "group").write_text(str(os.getpgid(0)))
        record_pid(tmp_path)
        return Solution(Status.OPTIMAL, BEST, 18.0, 18.0, 0.0, "highs", 0.0)

    fake_child(monkeypatch, body)
    solution = solve(KNAPSACK, Settings(time_limit_s=60))
    assert solution.status is Status.OPTIMAL and solution.values.tolist() == BEST.tolist()
    assert int((tmp_path / "group").read_text()) == child_pid(tmp_path) != os.getpgid(0)


@pytest.mark.parametrize("signum,raised", [(signal.SIGINT, KeyboardInterrupt), (signal.SIGTERM, SystemExit)])
def test_the_parent_stopped_while_it_waits_reaps_the_child_and_propagates(monkeypatch, tmp_path, signum, raised):
    def stop(number, frame):
        raise SystemExit(128 + number)

    handler = signal.default_int_handler if signum == signal.SIGINT else stop
    previous = signal.signal(signum, handler)
    try:
        fake_child(monkeypatch, lambda report: (record_pid(tmp_path), os.kill(os.getppid(), signum), hang()))
        began = time.monotonic()
        with pytest.raises(raised):
            solve(KNAPSACK, Settings(time_limit_s=600))
        assert time.monotonic() - began < GENEROUS_S
    finally:
        signal.signal(signum, previous)
    assert gone(child_pid(tmp_path))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_the_child_dies_with_its_parent(tmp_path):
    script = textwrap.dedent(f"""
        import os, time
        from optimiser import milp
        from optimiser.milp import rounds as lazy_rounds
        from tests.test_milp import knapsack

        def rounds(problem, settings, report):
            open({str(tmp_path / "pid.tmp")!r}, "w").write(str(os.getpid()))
            os.rename({str(tmp_path / "pid.tmp")!r}, {str(tmp_path / "pid")!r})
            while True:
                time.sleep(60)

        lazy_rounds.run_rounds = rounds
        milp.solve(knapsack([1, 1], [1, 1], 1), milp.Settings(time_limit_s=600))
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).parents[1])
    try:
        give_up = time.monotonic() + GENEROUS_S
        while not (tmp_path / "pid").exists():
            assert parent.poll() is None and time.monotonic() < give_up, "the solver child never started"
            time.sleep(0.02)
    finally:
        parent.kill()
        parent.wait()
    pid = child_pid(tmp_path)
    give_up = time.monotonic() + GENEROUS_S
    while not gone(pid):
        assert time.monotonic() < give_up, f"solver child {pid} outlived its parent"
        time.sleep(0.02)


def test_a_real_solve_reports_its_improving_solutions_in_process():
    rng = np.random.default_rng(3)
    problem = knapsack(rng.integers(1, 100, 30), rng.integers(1, 100, 30), 700)
    reports = []
    final = run_rounds(problem, Settings(), lambda values, bound: reports.append((values, bound)))
    solutions = [values for values, _ in reports if values is not None]
    assert final.status is Status.OPTIMAL and len(solutions) >= 2  # HiGHS's incumbents, then the round's end
    assert np.array_equal(solutions[-1], final.values)
    assert all(bound >= final.objective - 1e-9 for _, bound in reports if bound is not None)


def test_a_solve_in_the_child_gives_the_in_process_answer():
    rng = np.random.default_rng(5)
    problem = knapsack(rng.integers(1, 100, 40), rng.integers(1, 100, 40), 900)
    here = run_rounds(problem, Settings(), lambda values, bound: None)
    there = solve(problem, Settings())
    assert there.status is here.status is Status.OPTIMAL
    assert np.array_equal(there.values, here.values) and there.objective == here.objective


def test_a_thread_scheduler_set_elsewhere_does_not_break_a_solve():
    # Another HiGHS user in this process sets a 2-thread scheduler; solves asking 1 or 2 threads still
    # work, in the child (whose copied scheduler has no worker threads) and in process (Resolver).
    other = highspy.Highs()
    other.setOptionValue("output_flag", False)
    other.setOptionValue("threads", 2)
    other.addVar(0.0, 1.0)
    other.run()
    for threads in (1, 2):
        settings = Settings(threads=threads, time_limit_s=60)
        assert solve(KNAPSACK, settings).status is Status.OPTIMAL
        assert Resolver(KNAPSACK, settings).solve().status is Status.OPTIMAL
