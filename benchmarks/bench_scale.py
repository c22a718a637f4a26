#!/usr/bin/env python
"""Scale: 100,000 synthetic candidates loaded, scored and allocated; then the CSV reader on 12.5, 25 and 50 MB.

    python benchmarks/bench_scale.py [--size 100000] [--time-limit 120] [--seed 2024] [--csv-mb 12.5 25 50]
                                     [--skip-allocation] [--skip-csv] [--no-tracemalloc]

Part 1, allocation. `synthetic.generate(N, seed)` is written as a French Excel CSV (`write_french_csv`,
not timed), and the shipped baseline is scaled to N by a YAML variant that `extends` it: envelope
2,000,000 EUR x N / 120, the jobs total (min 100) x N / 120, rounded, the solver time limit
`--time-limit`; every other rule as shipped. Timed (wall clock): `load_scenario`, `load_candidates` (with
the scenario's numeric columns, as `optimiser allocate` does), `score`, `allocate` (prepare, build, PuLP,
HiGHS and its lazy rounds, whole euros, reasons, checker). Printed: each stage's time, the solver's
status, gap and time, whether the time limit held (solver time <= limit + max(2 s, 5 %)), and the
peak resident memory of the process (`ru_maxrss`) against the 2 GB target. With tracemalloc (default
on) the loading and scoring are run a second time under `tracemalloc` to give the Python-side peak
(numpy and pandas buffers included; HiGHS's C++ memory is not seen by tracemalloc) and its overhead.

Part 2, CSV reading. The same synthetic rows repeated with fresh ids until the file reaches each size
(12.5, 25, 50 MB by default), each read by `load_candidates` (baseline's numeric columns). Printed: time,
MB/s, rows, peak memory, and the ratios time(25)/time(12.5) and time(50)/time(25): ~2.0 means linear.

Each part (and each CSV size) runs in its own child process, so that each peak memory is its own.
Exit code 0 (this is a measurement: targets missed are printed, not failed), 1 if a part crashed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASELINE_SIZE = 120
TARGET_RSS_MIB = 2048
MARGIN_S, MARGIN_SHARE = 2.0, 0.05


def peak_rss_mib() -> float:
    """The peak of this process and of the solver's child processes (the solve runs in a child)."""
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def say(text: str) -> None:
    print(text, flush=True)


def scaled_scenario(n: int, time_limit_s: float, folder: Path) -> Path:
    import yaml

    from optimiser.config import load_scenario
    from optimiser.scenarios import SCENARIO_DIR

    baseline = SCENARIO_DIR / "baseline.yaml"
    base = load_scenario(baseline).scenario
    factor = n / BASELINE_SIZE
    totals = []
    for total in base.constraints.totals:
        entry = total.model_dump(exclude_none=True)
        for key in ("min", "max"):
            if key in entry:
                entry[key] = round(entry[key] * factor)
        totals.append(entry)
    variant = {"extends": str(baseline.resolve()), "name": f"Échelle, {n} candidats",
               "envelope_eur": round(base.envelope_eur * factor), "constraints": {"totals": totals},
               "solver": {"time_limit_s": time_limit_s}}
    path = folder / f"scale_{n}.yaml"
    path.write_text(yaml.safe_dump(variant, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# -- part 1: load, score, allocate N candidates ----------------------------------------------------------

def part_allocation(args: argparse.Namespace, folder: Path) -> dict:
    from optimiser.allocation import allocate
    from optimiser.config import load_scenario
    from optimiser.errors import OptimiserError
    from optimiser.loading import load_candidates
    from optimiser.scenarios import numeric_columns
    from optimiser.scoring import score
    from optimiser.synthetic import generate, write_french_csv

    n = args.size
    result: dict = {"part": "allocation", "n": n, "time_limit_s": args.time_limit}
    began = time.perf_counter()
    candidates = folder / f"candidats_{n}.csv"
    write_french_csv(generate(n, args.seed), candidates, "synthetic: true")
    result["generate_and_write_s"] = time.perf_counter() - began
    result["csv_mb"] = candidates.stat().st_size / 1e6
    say(f"[allocation] {n:,} candidates generated and written in {result['generate_and_write_s']:.1f} s "
        f"({result['csv_mb']:.1f} MB, not counted below); peak RSS so far {peak_rss_mib():,.0f} MiB")

    scenario_path = scaled_scenario(n, args.time_limit, folder)
    t = time.perf_counter()
    loaded = load_scenario(scenario_path)
    result["load_scenario_s"] = time.perf_counter() - t
    s = loaded.scenario
    say(f"[allocation] scenario: envelope {s.envelope_eur:,} EUR, jobs total >= "
        f"{', '.join(f'{x.min:g}' for x in s.constraints.totals if x.min is not None)}, "
        f"time limit {s.solver.time_limit_s:g} s, gap {s.solver.gap:g}, {s.solver.threads} thread(s)")
    numeric = numeric_columns(loaded)

    def load_and_score():
        table = load_candidates(candidates, loaded.territory, columns=s.columns, numeric=numeric, sheet=s.sheet).table
        return table, score(table, s.scoring)

    t = time.perf_counter()
    table = load_candidates(candidates, loaded.territory, columns=s.columns, numeric=numeric, sheet=s.sheet).table
    result["load_s"] = time.perf_counter() - t
    say(f"[allocation] load_candidates {result['load_s']:8.2f} s   ({len(table):,} rows; "
        f"peak RSS {peak_rss_mib():,.0f} MiB)")
    t = time.perf_counter()
    scores = score(table, s.scoring)
    result["score_s"] = time.perf_counter() - t
    say(f"[allocation] score           {result['score_s']:8.2f} s   (peak RSS {peak_rss_mib():,.0f} MiB)")
    t = time.perf_counter()
    try:
        alloc = allocate(table, scores, s, loaded.territory)
    except OptimiserError as exc:
        result["allocate_s"] = time.perf_counter() - t
        result["error"] = f"{type(exc).__name__} (exit code {exc.exit_code}): {str(exc)[:500]}"
        say(f"[allocation] allocate        {result['allocate_s']:8.2f} s   FAILED: {result['error']}")
    else:
        result["allocate_s"] = time.perf_counter() - t
        sol = alloc.solution
        result.update(status=sol.status.value, gap=sol.gap, solver_s=sol.seconds, objective=sol.objective,
                      bound=sol.bound, funded=int(alloc.table["funded"].sum()), total_eur=alloc.total_eur,
                      notes=list(sol.notes))
        say(f"[allocation] allocate        {result['allocate_s']:8.2f} s   (solver {sol.seconds:.2f} s; "
            f"peak RSS {peak_rss_mib():,.0f} MiB)")
        say(f"[allocation] status {sol.status.value}, gap {sol.gap if sol.gap is None else f'{sol.gap:.3g}'}, "
            f"objective {sol.objective if sol.objective is None else f'{sol.objective:,.4f}'}, "
            f"bound {sol.bound if sol.bound is None else f'{sol.bound:,.4f}'}, "
            f"{result['funded']:,} funded, {alloc.total_eur:,} of {s.envelope_eur:,} EUR")
    result["peak_rss_mib"] = peak_rss_mib()

    if args.tracemalloc:
        import tracemalloc

        del table, scores
        tracemalloc.start()
        t = time.perf_counter()
        load_and_score()
        result["traced_load_score_s"] = time.perf_counter() - t
        result["tracemalloc_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        say(f"[allocation] tracemalloc: load + score again under tracing: Python-side peak "
            f"{result['tracemalloc_peak_mib']:,.0f} MiB, in {result['traced_load_score_s']:.2f} s "
            f"({result['traced_load_score_s'] / (result['load_s'] + result['score_s']):.1f} x untraced)")
    return result


# -- part 2: CSV reading at 12.5, 25, 50 MB ------------------------------------------------------------

def big_csv(path: Path, target_mb: float, seed: int, folder: Path) -> int:
    """Synthetic rows repeated with fresh ids until the file reaches `target_mb`; returns the row count.

    Run by the parent process (not timed), so that the children's peak memory is the reading's alone.
    """
    from optimiser.synthetic import generate, write_french_csv

    source = folder / "source.csv"
    if not source.exists():
        write_french_csv(generate(100_000, seed), source, "synthetic: true")
    lines = source.read_bytes().split(b"\r\n")
    bom_comment, header, rows = lines[0], lines[1], [r for r in lines[2:] if r]
    target = int(target_mb * 1e6)
    written, count = 0, 0
    with open(path, "wb") as handle:
        for line in (bom_comment, header):
            handle.write(line + b"\r\n")
            written += len(line) + 2
        while written < target:
            row = rows[count % len(rows)]
            line = b"R%08d" % count + row[row.index(b";"):]
            handle.write(line + b"\r\n")
            written += len(line) + 2
            count += 1
    return count


def part_csv(args: argparse.Namespace, folder: Path, mb: float) -> dict:
    from optimiser.config import load_scenario
    from optimiser.loading import load_candidates
    from optimiser.scenarios import SCENARIO_DIR, numeric_columns

    path = folder / f"big_{mb:g}MB.csv"
    rows = int(path.with_suffix(".rows").read_text())
    size = path.stat().st_size / 1e6
    loaded = load_scenario(SCENARIO_DIR / "baseline.yaml")
    numeric = numeric_columns(loaded)
    rss_before = peak_rss_mib()
    t = time.perf_counter()
    table = load_candidates(path, loaded.territory, numeric=numeric).table
    seconds = time.perf_counter() - t
    assert len(table) == rows, (len(table), rows)
    result = {"part": "csv", "target_mb": mb, "mb": size, "rows": rows, "load_s": seconds,
              "peak_rss_mib": peak_rss_mib(), "rss_before_load_mib": rss_before}
    say(f"[csv] {size:6.1f} MB, {rows:9,} rows: load_candidates {seconds:7.2f} s ({size / seconds:5.1f} MB/s); "
        f"peak RSS {result['peak_rss_mib']:,.0f} MiB (before loading {rss_before:,.0f} MiB)")
    path.unlink()
    return result


# -- the driver ------------------------------------------------------------------------------------------

def child(args: argparse.Namespace) -> None:
    folder = Path(args.folder)
    if args.part == "allocation":
        result = part_allocation(args, folder)
    else:
        result = part_csv(args, folder, float(args.part.removeprefix("csv:")))
    print("RESULT " + json.dumps(result), flush=True)


def run_child(part: str, args: argparse.Namespace, folder: Path) -> dict | None:
    command = [sys.executable, __file__, "--part", part, "--folder", str(folder), "--size", str(args.size),
               "--time-limit", str(args.time_limit), "--seed", str(args.seed)]
    if not args.tracemalloc:
        command.append("--no-tracemalloc")
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    result = None
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("RESULT "):
            result = json.loads(line[len("RESULT "):])
        else:
            print(line, end="", flush=True)
    if process.wait() != 0:
        say(f"!! part {part} exited with code {process.returncode}")
        return None
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=100_000, help="synthetic candidates to allocate")
    parser.add_argument("--time-limit", type=float, default=120.0, help="solver time limit (solver.time_limit_s)")
    parser.add_argument("--seed", type=int, default=2024, help="seed of synthetic.generate")
    parser.add_argument("--csv-mb", type=float, nargs="+", default=[12.5, 25.0, 50.0], help="CSV sizes to read")
    parser.add_argument("--skip-allocation", action="store_true")
    parser.add_argument("--skip-csv", action="store_true")
    parser.add_argument("--no-tracemalloc", dest="tracemalloc", action="store_false")
    parser.add_argument("--part", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part:
        child(args)
        return 0

    from importlib import metadata

    versions = ", ".join(f"{p} {metadata.version(p)}" for p in ("optimiser", "pulp", "highspy", "numpy", "pandas"))
    say(f"bench_scale: Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPU(s); "
        f"{versions}")
    failed = False
    with tempfile.TemporaryDirectory(prefix="optimiser-scale-") as tmp:
        folder = Path(tmp)
        began = time.perf_counter()
        allocation = None
        if not args.skip_allocation:
            allocation = run_child("allocation", args, folder)
            failed |= allocation is None
        csv_results = []
        if not args.skip_csv:
            for mb in args.csv_mb:
                path = folder / f"big_{mb:g}MB.csv"
                path.with_suffix(".rows").write_text(str(big_csv(path, mb, args.seed, folder)))
                result = run_child(f"csv:{mb:g}", args, folder)
                failed |= result is None
                if result:
                    csv_results.append(result)
        elapsed = time.perf_counter() - began

    say("\n== Summary ==")
    if allocation:
        a = allocation
        say(f"{a['n']:,} candidates: load {a['load_s']:.2f} s, score {a['score_s']:.2f} s, "
            f"allocate {a['allocate_s']:.2f} s (scenario {a['load_scenario_s']:.2f} s)")
        if "error" in a:
            say(f"  allocation failed: {a['error']}")
        else:
            limit = a["time_limit_s"]
            held = a["solver_s"] <= limit + max(MARGIN_S, MARGIN_SHARE * limit)
            gap = "none" if a["gap"] is None else f"{a['gap']:.3g}"
            say(f"  solver: status {a['status']}, gap {gap}, {a['solver_s']:.2f} s for a limit of {limit:g} s: "
                f"time limit {'HELD' if held else 'NOT HELD'} (margin max({MARGIN_S:g} s, {MARGIN_SHARE:.0%}))")
            say(f"  allocate as a whole {a['allocate_s']:.2f} s = {a['allocate_s'] / limit:.2f} x the limit: "
                f"{a['allocate_s'] - a['solver_s']:.2f} s outside the solver "
                "(model building, rounds, reasons, checker)")
        peak = a["peak_rss_mib"]
        say(f"  peak RSS {peak:,.0f} MiB vs target {TARGET_RSS_MIB:,} MiB (2 GB): "
            f"{'within' if peak <= TARGET_RSS_MIB else 'ABOVE'} target")
        if "tracemalloc_peak_mib" in a:
            say(f"  tracemalloc peak (load + score, Python side) {a['tracemalloc_peak_mib']:,.0f} MiB")
    if csv_results:
        for r in csv_results:
            say(f"CSV {r['mb']:6.1f} MB ({r['rows']:,} rows): {r['load_s']:7.2f} s, {r['mb'] / r['load_s']:5.1f} MB/s, "
                f"peak RSS {r['peak_rss_mib']:,.0f} MiB ({r['rss_before_load_mib']:,.0f} MiB before reading)")
        by_size = {r["target_mb"]: r for r in csv_results}
        for small, large in zip(sorted(by_size), sorted(by_size)[1:], strict=False):
            ratio = by_size[large]["load_s"] / by_size[small]["load_s"]
            size_ratio = by_size[large]["mb"] / by_size[small]["mb"]
            say(f"  time({large:g} MB) / time({small:g} MB) = {ratio:.2f} for a size ratio of {size_ratio:.2f} "
                f"({'about linear' if ratio <= 1.25 * size_ratio else 'FASTER THAN LINEAR GROWTH'})")
    say(f"total {elapsed:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
