"""Does `solver.time_limit_s` hold in wall-clock time? The allocation's solve at N synthetic candidates.

The data and the scaled baseline are those of bench_allocation.py (its `scaled_scenario`, imported), with
the solver time limit `--time-limit` (60 s by default). The model is built as `allocate` builds it
(`prepare`, `Formulation.problem`), then `milp.solve` is timed whole, wall clock: every lazy round,
the solver's child process, its ending and the check of the solution kept. Printed per size: that time,
whether it held the promised max(2 s, 5 %) beyond the limit, the status (and the exit code the command
gives for it), objective, bound and gap, and the peak memory of this process and of the solver's child.

    python benchmarks/bench_deadline.py [--sizes 10000 100000] [--time-limit 60] [--seed 2024]

A measurement: nothing is asserted, exit code 0. Nothing is written outside a temporary directory.
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

from bench_allocation import scaled_scenario

from optimiser import milp, synthetic
from optimiser.formulation import Formulation
from optimiser.loading import load_candidates
from optimiser.milp.deadline import DEADLINE_MARGIN_S, DEADLINE_MARGIN_SHARE
from optimiser.rules import prepare
from optimiser.scenarios import numeric_columns
from optimiser.scoring import score

EXIT_CODE = {milp.Status.OPTIMAL: 0, milp.Status.FEASIBLE: 4, milp.Status.INFEASIBLE: 3,
             milp.Status.NO_SOLUTION: 1, milp.Status.ERROR: 1}  # what `optimiser allocate` returns


def peak_mib(who: int) -> float:
    """Peak resident memory of this process (RUSAGE_SELF) or of its largest reaped child (RUSAGE_CHILDREN)."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def bench_size(n: int, args: argparse.Namespace, folder: Path) -> str:
    """Generate, load, score and build (not timed), then time the solve; returns a table row."""
    loaded = scaled_scenario(n, args.time_limit, folder)
    scenario, solver = loaded.scenario, loaded.scenario.solver
    path = folder / f"candidats_{n}.csv"
    synthetic.write_french_csv(synthetic.generate(n, args.seed), path)
    table = load_candidates(path, loaded.territory, columns=scenario.columns, numeric=numeric_columns(loaded),
                            sheet=scenario.sheet).table
    prep = prepare(table, score(table, scenario.scoring), scenario, loaded.territory)
    problem = Formulation.of(prep, scenario).problem
    print(f"\n## N = {n:,}: envelope {scenario.envelope_eur:,} EUR, time limit {solver.time_limit_s:g} s; model "
          f"{problem.n_cols:,} columns, {problem.n_rows:,} rows, {len(problem.index):,} nonzeros", flush=True)
    began = time.perf_counter()
    solution = milp.solve(problem, milp.Settings(solver.name, solver.time_limit_s, solver.gap, solver.threads))
    seconds = time.perf_counter() - began
    allowed = args.time_limit + max(DEADLINE_MARGIN_S, DEADLINE_MARGIN_SHARE * args.time_limit)
    held = "yes" if seconds <= allowed else "NO"
    print(f"milp.solve {seconds:.2f} s wall clock (limit {args.time_limit:g} s, allowed {allowed:g} s: held {held})")
    print(f"status {solution.status.value} ({solution.message or 'no message'}; the command exits "
          f"{EXIT_CODE[solution.status]}), objective {fmt(solution.objective, ',.4f')}, bound "
          f"{fmt(solution.bound, ',.4f')}, gap {fmt(solution.gap, '.3%')}")
    print(f"peak RSS: this process {peak_mib(resource.RUSAGE_SELF):,.0f} MiB, "
          f"largest solver child so far {peak_mib(resource.RUSAGE_CHILDREN):,.0f} MiB", flush=True)
    return (f"| {n:,} | {args.time_limit:g} | {seconds:.2f} | {held} | {solution.status.value} | "
            f"{EXIT_CODE[solution.status]} | {fmt(solution.objective, ',.2f')} | {fmt(solution.bound, ',.2f')} | "
            f"{fmt(solution.gap, '.3%')} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="numbers of candidates")
    parser.add_argument("--time-limit", type=float, default=60.0, help="solver.time_limit_s (default 60)")
    parser.add_argument("--seed", type=int, default=synthetic.DEMO_SEED, help="seed of the synthetic data")
    args = parser.parse_args(argv)
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in ("pulp", "highspy", "numpy"))
    print(f"# Deadline benchmark\n\nmachine: {platform.platform()}, Python {platform.python_version()}; {versions}; "
          f"seed {args.seed}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench_deadline_") as tmp:
        for n in args.sizes:
            rows.append(bench_size(n, args, Path(tmp)))
    print("\n| N | limit s | solve s | held | status | exit | objective | bound | gap |")
    print("|---:|---:|---:|---|---|---:|---:|---:|---:|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
