#!/usr/bin/env python
"""Long fuzzing run of the command line: the generators and checks of tests/test_fuzz.py, many more cases.

    python benchmarks/fuzz_long.py [--examples 20000] [--seed 0] [--only csv-validate scenario ...]

Cases are shared among six families: mutated CSV and XLSX candidates files through `validate` and
`allocate`, mutated scenario files through `load_scenario` and `validate`, and random valid scenarios
through `allocate` (their allocation re-checked against every rule). Every case runs the real
command line in-process. The run does not stop at the first problem: it prints, per family, how many
cases ended with each exit code and how long they took, then every problem with the input that caused
it (the failing inputs are also saved as files). Exit code 1 if any case printed a traceback or an
internal error, broke a rule, hung, or exited with another code than 0, 2 or 3 -- bugs already known
(tests/test_fuzz.py KNOWN_BUGS) included, unless --allow-known-bugs; else 0.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root, for `tests`

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from tests import test_fuzz as fz

Runner = Callable[[fz.Workspace, tuple, fz.Tally], fz.Outcome]

# family -> (share of the cases, strategy, runner)
FAMILIES: dict[str, tuple[float, st.SearchStrategy, Runner]] = {
    "csv-validate": (0.40, st.tuples(fz.csv_cases(), st.sampled_from([None, "fuzz", "fuzz", "fuzz", "baseline"])),
                     lambda ws, a, t: fz.verify_candidates(ws, a[0], "validate", a[1], t)),
    "csv-allocate": (0.08, st.tuples(fz.csv_cases(gentle=True), st.sampled_from(["fuzz"] * 7 + ["baseline"])),
                     lambda ws, a, t: fz.verify_candidates(ws, a[0], "allocate", a[1], t)),
    "xlsx-validate": (0.15, st.tuples(fz.xlsx_cases(), st.sampled_from([None, "fuzz", "fuzz", "fuzz", "baseline"])),
                      lambda ws, a, t: fz.verify_candidates(ws, a[0], "validate", a[1], t)),
    "xlsx-allocate": (0.03, st.tuples(fz.xlsx_cases(gentle=True), st.sampled_from(["fuzz"] * 7 + ["baseline"])),
                      lambda ws, a, t: fz.verify_candidates(ws, a[0], "allocate", a[1], t)),
    "scenario": (0.30, st.tuples(fz.scenario_cases(), st.sampled_from(["small", "small", "small", "demo"])),
                 lambda ws, a, t: fz.verify_scenario(ws, a[0], a[1], t)),
    "scenario-allocate": (0.04, st.tuples(fz.allocatable_scenarios(), st.none()),
                          lambda ws, a, t: fz.verify_scenario_allocate(ws, a[0], t)),
}


class Family:
    def __init__(self, name: str, examples: int, saved: Path) -> None:
        self.name = name
        self.examples = examples
        self.saved = saved
        self.tally = fz.Tally()
        self.failures: list[str] = []
        self.known_examples: dict[str, list[str]] = {}
        self.seconds = 0.0

    def save(self, case: fz.Case) -> Path:
        path = self.saved / f"{self.name}-{len(list(self.saved.iterdir())) + 1}{case.suffix}"
        path.write_bytes(case.data)
        return path

    def run(self, workspace: fz.Workspace, run_seed: int, progress_every: int) -> None:
        _, strategy, runner = FAMILIES[self.name]
        began = time.perf_counter()

        @settings(max_examples=self.examples, deadline=None, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck), print_blob=False)
        @seed(run_seed)
        @given(strategy)
        def body(args: tuple) -> None:
            case = args[0]
            known_before = sum(self.tally.known.values())
            try:
                runner(workspace, args, self.tally)
            except fz.FuzzFailure as exc:
                self.tally.codes["FAILURE"] += 1
                path = self.save(case)
                self.failures.append(f"{exc}\n(saved as {path}; other argument: {args[1]!r})")
                print(f"\n*** {self.name}: FAILURE (saved as {path})\n{str(exc)[:3000]}\n", flush=True)
            if sum(self.tally.known.values()) > known_before:
                bug = next(k for k in reversed(list(self.tally.known)) if self.tally.known[k])
                examples = self.known_examples.setdefault(bug, [])
                if len(examples) < 2:
                    examples.append(f"{case!r} (saved as {self.save(case)})")
            done = sum(self.tally.codes.values())
            if progress_every and done % progress_every == 0:
                print(f"  {self.name}: {done}/{self.examples} cases, {time.perf_counter() - began:.0f} s", flush=True)

        body()
        self.seconds = time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=20_000, help="cases in all, shared among the families")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generators (same seed, same cases)")
    parser.add_argument("--only", nargs="+", choices=sorted(FAMILIES), help="run only these families")
    parser.add_argument("--allow-known-bugs", action="store_true",
                        help="exit 0 even if bugs already known (tests/test_fuzz.py KNOWN_BUGS) were met")
    parser.add_argument("--save", type=Path, help="folder for the failing inputs (default: a temporary folder)")
    parser.add_argument("--progress", type=int, default=1000, help="print progress every N cases of a family")
    args = parser.parse_args()

    names = args.only or list(FAMILIES)
    total_share = sum(FAMILIES[n][0] for n in names)
    with tempfile.TemporaryDirectory(prefix="optimiser-fuzz-") as tmp:
        saved = args.save or Path(tempfile.mkdtemp(prefix="optimiser-fuzz-failures-"))
        saved.mkdir(parents=True, exist_ok=True)
        workspace = fz.Workspace(Path(tmp) / "work")
        print(f"fuzz_long: {args.examples} cases, seed {args.seed}, families {', '.join(names)}; "
              f"failing inputs go to {saved}", flush=True)
        began = time.perf_counter()
        families = []
        for name in names:
            family = Family(name, max(1, round(args.examples * FAMILIES[name][0] / total_share)), saved)
            family.run(workspace, args.seed, args.progress)
            families.append(family)
        elapsed = time.perf_counter() - began

    print("\n== Outcomes (exit code -> cases) ==")
    cases = 0
    for family in families:
        count = sum(family.tally.codes.values())
        cases += count
        codes = ", ".join(f"{code}: {n}" for code, n in sorted(family.tally.codes.items(), key=lambda kv: str(kv[0])))
        print(f"{family.name:14} {count:6} cases in {family.seconds:7.1f} s "
              f"({1000 * family.seconds / max(count, 1):.1f} ms/case, slowest {family.tally.slowest:.2f} s): {codes}")
    print(f"{'all':14} {cases:6} cases in {elapsed:7.1f} s")

    known = {}
    for family in families:
        for bug, n in family.tally.known.items():
            known[bug] = known.get(bug, 0) + n
    if known:
        print("\n== Known bugs met (tests/test_fuzz.py KNOWN_BUGS) ==")
        for family in families:
            for bug, examples in family.known_examples.items():
                print(f"{bug}: {family.tally.known[bug]} case(s) in {family.name}; e.g.")
                for example in examples:
                    print(f"    {example[:600]}")
    failures = [f for family in families for f in family.failures]
    if failures:
        print(f"\n== {len(failures)} NEW PROBLEM(S) ==")
        for failure in failures:
            print(failure[:6000])
            print("-" * 100)
    if failures or (known and not args.allow_known_bugs):
        print(f"\nFAILED: {len(failures)} new problem(s), {sum(known.values())} case(s) of known bugs", file=sys.stderr)
        return 1
    print("\nOK: no traceback, no internal error, no broken rule")
    return 0


if __name__ == "__main__":
    sys.exit(main())
