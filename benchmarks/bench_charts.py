"""Chart speed and determinism: each chart of `optimiser.report.charts` on the demo, warm and cold.
Prints figures; asserts nothing (exit code 1 only when two renders differ).

    python benchmarks/bench_charts.py [--repeat 15] [--cold 5] [--charts OLD_CHARTS.py]

- warm: each chart function called `--repeat` times in this process after one untimed call (median,
  min, max in ms of wall time, median of CPU time, and the SVG's size);
- cold: `--cold` fresh interpreters, each timing `import optimiser.report.charts` (matplotlib's import
  with it), then each chart's first call; once with matplotlib's font cache present, once with an empty
  MPLCONFIGDIR (a fresh machine: matplotlib builds its font list on import unless it is told not to);
- `--charts FILE`: the same for another version of charts.py (`git show REV:optimiser/report/charts.py`),
  loaded in its place, to compare two versions in the same conditions, one run after the other;
- determinism: two renders in this process, and the renders of every cold process (another interpreter,
  another MPLCONFIGDIR, another hash seed), compared byte for byte (SHA-256).

The data (the demo allocation and the comparison of the shipped scenarios) is built before any timing.
The machine may be shared: compare figures taken in the same conditions, and read the medians.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

CHARTS = ["score_vs_request_chart", "epci_chart", "epci_amounts_chart", "priority_amounts_chart"]


def data():
    """The inputs of the charts: the demo's baseline allocation, and the comparison the `compare` command makes."""
    from optimiser.comparison import compare
    from optimiser.scenarios import DEMO_CANDIDATES, shipped_scenarios
    from optimiser.study import Study

    alloc = Study.open(DEMO_CANDIDATES, shipped_scenarios()[0]).allocation
    comparison = compare(DEMO_CANDIDATES, shipped_scenarios())
    return alloc, comparison


def load_charts(path: str | None):
    """`optimiser.report.charts`, or the copy of it at `path` (another version, e.g. from `git show`) in its place."""
    if path is None:
        from optimiser.report import charts
        return charts
    import importlib.util

    import optimiser.report
    spec = importlib.util.spec_from_file_location("optimiser.report.charts", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["optimiser.report.charts"] = module
    spec.loader.exec_module(module)
    optimiser.report.charts = module
    return module


def argument(name: str, alloc, comparison):
    return alloc if name in ("score_vs_request_chart", "epci_chart") else comparison


def digest(svg: str) -> str:
    return hashlib.sha256(svg.encode()).hexdigest()


def cold_child(path: str | None) -> None:
    """In a fresh interpreter: the data (untimed), the import of the charts, each chart's first call."""
    alloc, comparison = data()
    imported = sorted(m for m in sys.modules if m.startswith("matplotlib"))
    began = time.perf_counter()
    charts = load_charts(path)
    out = {"import_s": time.perf_counter() - began, "matplotlib_before": bool(imported), "first_s": {}, "sha": {}}
    for name in CHARTS:
        began = time.perf_counter()
        svg = getattr(charts, name)(argument(name, alloc, comparison))
        out["first_s"][name] = time.perf_counter() - began
        out["sha"][name] = digest(svg)
    print(json.dumps(out))


def run_cold(fresh_cache: bool, seed: int, path: str | None) -> dict:
    env = dict(os.environ, PYTHONHASHSEED=str(seed))
    with tempfile.TemporaryDirectory() as config:
        if fresh_cache:
            env["MPLCONFIGDIR"] = config
        command = [sys.executable, __file__, "--child", *(["--charts", path] if path else [])]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def ms(values: list[float]) -> str:
    return (f"{statistics.median(values) * 1000:8.1f} {min(values) * 1000:8.1f} {max(values) * 1000:8.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="warm calls per chart (median reported)")
    parser.add_argument("--cold", type=int, default=5, help="fresh interpreters per cache state")
    parser.add_argument("--charts", metavar="FILE", help="time this copy of charts.py instead (another version, "
                        "e.g. `git show REV:optimiser/report/charts.py > old.py`), to compare in the same conditions")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        cold_child(args.charts)
        return 0

    print(f"python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    alloc, comparison = data()
    from matplotlib import __version__ as mpl_version

    charts = load_charts(args.charts)
    print(f"matplotlib {mpl_version}; charts from {charts.__file__}")

    reference: dict[str, str] = {}
    identical = True
    print(f"\nwarm, {args.repeat} calls each (ms)      median      min      max   CPU median   SVG bytes")
    total, total_cpu = [], []
    for name in CHARTS:
        arg = argument(name, alloc, comparison)
        first = getattr(charts, name)(arg)
        times, cpu = [], []
        for _ in range(args.repeat):
            began, began_cpu = time.perf_counter(), time.process_time()
            svg = getattr(charts, name)(arg)
            times.append(time.perf_counter() - began)
            cpu.append(time.process_time() - began_cpu)
            identical &= svg == first
        reference[name] = digest(first)
        total.append(statistics.median(times))
        total_cpu.append(statistics.median(cpu))
        print(f"  {name:<32} {ms(times)}     {statistics.median(cpu) * 1000:8.1f}   {len(first.encode()):9,d}")
    print(f"  {'all four (sum of medians)':<32} {sum(total) * 1000:8.1f}                       "
          f"{sum(total_cpu) * 1000:8.1f}")

    for fresh in (False, True) if args.cold else ():
        runs = [run_cold(fresh, seed, args.charts) for seed in range(args.cold)]
        label = "empty MPLCONFIGDIR (fresh machine)" if fresh else "font cache present"
        print(f"\ncold, {args.cold} interpreters, {label} (ms)   median      min      max")
        print(f"  {'import optimiser.report.charts':<36} {ms([r['import_s'] for r in runs])}")
        for name in CHARTS:
            print(f"  first {name:<30} {ms([r['first_s'][name] for r in runs])}")
        firsts = [r["import_s"] + sum(r["first_s"].values()) for r in runs]
        print(f"  {'import + the four first calls':<36} {ms(firsts)}")
        if any(r["matplotlib_before"] for r in runs):
            print("  (matplotlib was already imported by the data: the import time is not all of it)")
        for r in runs:
            identical &= r["sha"] == reference

    print(f"\nbyte-identical across calls, interpreters and caches: {'yes' if identical else 'NO'}")
    for name in CHARTS:
        print(f"  {name:<32} sha256 {reference[name][:16]}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
