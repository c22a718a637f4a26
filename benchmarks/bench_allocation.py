"""Speed of the allocation at N synthetic candidates, against the same model solved in plain highspy.

For each size N the baseline scenario is scaled to N (envelope and jobs total times N / 120, every
other rule as shipped) and the tool is timed stage by stage: loading the French CSV, scoring, and
`allocate` (prepare + build + PuLP + HiGHS + explanations + checker). The reference builds the very
same model from numpy arrays in this file, hands it to highspy in one `passModel`, and repeats the
tool's lazy-integrality rounds; their objectives must agree. From about 4,000 candidates the tool solves
through its Lagrangian core (optimiser/milp/lagrange.py) while the reference stays HiGHS alone, so the
ratio there says what the core saves; above --reference-max-size (10,000) the reference is not run
(HiGHS alone took 546 s at 100,000), and the 100,000 row is the tool's proven solve alone.
A one-shot solve with every amount integer from the start (the literal formulation) is shown too.

Then the whole process, as a user meets it: each command run as a new process and timed from outside
(wall clock around `subprocess.run`), the median of --process-runs runs. `optimiser allocate` on a
13-candidate all-or-nothing knapsack (the demo file's first 13, the baseline without group rules),
reports included, against `minimal_highspy.py`, a 40-line script that solves the same knapsack with
highspy to proven optimality and writes the funded ids (both optima must agree); `optimiser demo`,
`optimiser --help` and `optimiser validate` of the demo file; and a bare `python -c pass` start.

    python benchmarks/bench_allocation.py [--sizes 100 1000 10000 100000] [--time-limit 600] [--repeat 1]
                                          [--reference-max-size 10000] [--process-runs 5 | --skip-process]

See benchmarks/README.md for every option and for what is printed.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import math
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TypeVar

import highspy
import numpy as np
import pandas as pd
import yaml

from optimiser import milp, synthetic
from optimiser.allocation import allocate
from optimiser.config import LoadedScenario, load_scenario
from optimiser.errors import OptimiserError
from optimiser.formulation import Formulation
from optimiser.loading import load_candidates
from optimiser.milp import rounds as milp_rounds
from optimiser.milp.cbc import to_pulp
from optimiser.milp.highs import new_highs
from optimiser.milp.problem import Report
from optimiser.models import Scenario
from optimiser.rules import Prepared, prepare
from optimiser.scenarios import DEMO_CANDIDATES, SCENARIO_DIR, numeric_columns
from optimiser.scoring import ScoreTable, score

BASELINE = SCENARIO_DIR / "baseline.yaml"
BASELINE_SIZE = 120            # the baseline's figures are written for the demo's 120 candidates
OBJECTIVE_RTOL = 1e-6
INTEGRALITY_TOLERANCE = 1e-6   # the tool's (milp.problem.INTEGRALITY_TOLERANCE), restated: same test, same rounds
TARGET_RATIO = 1.5
TARGET_OPTIMAL_UP_TO = 100_000
TARGET_ALLOCATE_S = {10_000: 3.0, 100_000: 60.0}  # allocate, proven optimal (issue 11)
TARGET_PEAK_MIB = 2048
WARM_UP_SIZE = 60
GAP_NOISE = 1e-9             # (bound - objective) / objective computed in floating point
PROCESS_SIZE = 13            # the reference case: a 13-candidate all-or-nothing knapsack
PROCESS_ENVELOPE = 600_000   # EUR: about half of what the 13 candidates who may be funded ask, so it binds
MINIMAL_SCRIPT = Path(__file__).with_name("minimal_highspy.py")
TARGET_PROCESS_RATIO = 4.0   # optimiser allocate / minimal_highspy.py, whole process, reports included
TARGET_DEMO_S = 2.0
TARGET_HELP_S = 0.15
TARGET_VALIDATE_S = 0.4
T = TypeVar("T")


# -- timing ------------------------------------------------------------------------------------------

def timed(func: Callable[[], T], repeat: int) -> tuple[float, T]:
    """Best wall time of `repeat` calls (seconds) and the last call's result."""
    best, result = math.inf, None
    for _ in range(repeat):
        began = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - began)
    return best, result  # type: ignore[return-value]


def peak_rss_mib() -> float:
    """The peak resident memory so far of this process and of its children (the solve runs in a forked child;
    ru_maxrss: KiB on Linux, bytes on macOS)."""
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


@contextlib.contextmanager
def counting_rounds() -> Iterator[list[float]]:
    """Count the tool's solver rounds: wraps `milp.rounds.solve_highs` (looked up at call time) unchanged."""
    rounds: list[float] = []
    original = milp_rounds.solve_highs

    def wrapper(problem: milp.Problem, settings: milp.Settings, report: Report) -> milp.Solution:
        solution = original(problem, settings, report)
        rounds.append(solution.seconds)
        return solution

    milp_rounds.solve_highs = wrapper
    try:
        yield rounds
    finally:
        milp_rounds.solve_highs = original


# -- the scaled scenario and the data ----------------------------------------------------------------

def scaled_scenario(n: int, time_limit_s: float, folder: Path) -> LoadedScenario:
    """The shipped baseline with the envelope and the totals scaled to n candidates, as a YAML that
    `extends` it (so it is read and validated like any user's variant); every other rule as shipped."""
    base = load_scenario(BASELINE).scenario
    factor = n / BASELINE_SIZE
    totals = []
    for total in base.constraints.totals:
        entry = total.model_dump(exclude_none=True)
        for key in ("min", "max"):
            if key in entry:
                entry[key] = round(entry[key] * factor)
        totals.append(entry)
    variant = {
        "extends": str(BASELINE.resolve()),
        "name": f"Benchmark, {n} candidats",
        "envelope_eur": round(base.envelope_eur * factor),
        "constraints": {"totals": totals},
        "solver": {"time_limit_s": time_limit_s},
    }
    path = folder / f"bench_{n}.yaml"
    path.write_text(yaml.safe_dump(variant, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_scenario(path)


def describe_scenario(scenario: Scenario) -> str:
    """One line with the figures that were scaled and those that were kept."""
    c = scenario.constraints
    epci = c.epci.get("default")
    totals = ", ".join(f"{t.column} >= {t.min:g}" for t in c.totals if t.min is not None)
    aid = scenario.state_aid
    return (f"envelope {scenario.envelope_eur:,} EUR, EPCI max share {epci.max_share if epci else None}, "
            f"priority {', '.join(f'{k} {b.model_dump(exclude_none=True)}' for k, b in c.priority.items())}, "
            f"company cap {c.company.max_eur:,} EUR, de minimis {aid.de_minimis_ceiling_eur if aid else None:,} EUR, "
            f"totals: {totals}; funding {scenario.funding}, gap {scenario.solver.gap:g}, "
            f"time limit {scenario.solver.time_limit_s:g} s")


# -- the reference: the same model from arrays, straight into highspy ---------------------------------

@dataclass(frozen=True)
class ArrayModel:
    """maximise cost·v s.t. row bounds on A v (CSR) and column bounds; x columns first, then amounts."""

    cost: np.ndarray
    col_lower: np.ndarray
    col_upper: np.ndarray
    n_x: int                  # columns [0, n_x) are the binaries "funded", the rest whole-euro extras
    start: np.ndarray
    index: np.ndarray
    value: np.ndarray
    row_lower: np.ndarray
    row_upper: np.ndarray

    @property
    def n_cols(self) -> int:
        return len(self.cost)


def build_arrays(prep: Prepared, scenario: Scenario) -> ArrayModel:
    """The allocation model (docs/model.md) as arrays, vectorised, from the prepared candidates.

    Per open candidate i: x_i binary and, when cap_i > base_i, e_i in [0, cap_i - base_i]; the amount
    is base_i x_i + e_i. One row per rule of `prep.rules` (sums of amounts, of x, or of a column's
    weights times x), then one linking row e_i - (cap_i - base_i) x_i <= 0 per extendable candidate.
    """
    open_ = np.flatnonzero(prep.open)
    k = len(open_)
    where = np.full(len(prep.open), -1, dtype=np.int64)
    where[open_] = np.arange(k)
    base = prep.base[open_].astype(float)
    room = (prep.cap[open_] - prep.base[open_]).astype(float)
    extendable = room > 0
    n_e = int(extendable.sum())
    e_col = np.full(k, -1, dtype=np.int64)
    e_col[extendable] = k + np.arange(n_e)
    per_euro = prep.score[open_] / (prep.requested[open_] if scenario.objective == "value" else scenario.envelope_eur)

    cost = np.concatenate([per_euro * base, per_euro[extendable]])
    col_lower = np.zeros(k + n_e)
    col_lower[:k][prep.locked_in[open_]] = 1.0
    col_upper = np.concatenate([np.ones(k), room[extendable]])

    rules = prep.rules
    n_rules = len(rules)
    sizes = np.array([len(rule.members) for rule in rules], dtype=np.int64)
    members = np.concatenate([rule.members for rule in rules]).astype(np.int64) if n_rules else np.zeros(0, np.int64)
    j = where[members]
    rule_row = np.repeat(np.arange(n_rules), sizes)
    kind = np.repeat(np.array([{"eur": 0, "projects": 1, "column": 2}[rule.measure] for rule in rules]), sizes)
    x_value = np.where(kind == 0, base[j], 1.0)
    weighted = kind == 2
    if weighted.any():
        x_value[weighted] = np.concatenate([np.asarray(r.weights, float) for r in rules if r.measure == "column"])
    with_e = (kind == 0) & extendable[j]
    link = np.flatnonzero(extendable)
    link_row = n_rules + np.arange(n_e)
    # Entries in the tool's order within each row: a rule's x terms, then its e terms; a link's e, then x.
    rows = np.concatenate([rule_row, rule_row[with_e], link_row, link_row])
    cols = np.concatenate([j, e_col[j[with_e]], e_col[link], link])
    vals = np.concatenate([x_value, np.ones(int(with_e.sum())), np.ones(n_e), -room[link]])
    order = np.argsort(rows, kind="stable")
    n_rows = n_rules + n_e
    start = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n_rows))])
    row_lower = np.concatenate([[rule.lower for rule in rules], np.full(n_e, -np.inf)])
    row_upper = np.concatenate([[rule.upper for rule in rules], np.zeros(n_e)])
    return ArrayModel(cost, col_lower, col_upper, k, start, cols[order], vals[order], row_lower, row_upper)


def same_model(model: ArrayModel, problem: milp.Problem) -> list[str]:
    """Names of the arrays in which the reference's model differs from the tool's (empty: identical)."""
    pairs = {
        "cost": (model.cost, problem.cost), "col_lower": (model.col_lower, problem.col_lower),
        "col_upper": (model.col_upper, problem.col_upper), "start": (model.start, problem.start),
        "index": (model.index, problem.index), "value": (model.value, problem.value),
        "row_lower": (model.row_lower, problem.row_lower), "row_upper": (model.row_upper, problem.row_upper),
        "integer": (np.arange(model.n_cols) < model.n_x, problem.integer & ~problem.lazy_integer),
    }
    return [name for name, (a, b) in pairs.items() if a.shape != b.shape or not np.array_equal(a, b)]


def highs_options(gap: float, threads: int) -> dict[str, float | int]:
    """The options the tool gives HiGHS (besides the time limit and output off), restated here."""
    options: dict[str, float | int] = {"mip_rel_gap": float(gap), "threads": threads, "random_seed": 0}
    if gap == 0:
        options["mip_abs_gap"] = 0.0
    return options


@dataclass(frozen=True)
class Outcome:
    """What a reference solve proved."""

    status: str
    objective: float | None
    gap: float | None
    funded: int | None
    rounds: int


def solve_arrays(model: ArrayModel, gap: float, threads: int, time_limit_s: float, lazy: bool) -> Outcome:
    """passModel + run with the tool's options. `lazy`: amounts continuous first, and those that come
    out fractional made integer and solved again until none is (the tool's algorithm); else all integer."""
    highs = new_highs()  # silent: its banner kept off our stdout
    for key, value in highs_options(gap, threads).items():
        highs.setOptionValue(key, value)
    lp = highspy.HighsLp()
    lp.num_col_ = model.n_cols
    lp.num_row_ = len(model.row_lower)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = model.cost
    lp.col_lower_ = model.col_lower
    lp.col_upper_ = model.col_upper
    lp.row_lower_ = model.row_lower
    lp.row_upper_ = model.row_upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = model.start.astype(np.int32)
    lp.a_matrix_.index_ = model.index.astype(np.int32)
    lp.a_matrix_.value_ = model.value
    n_amounts = model.n_cols - model.n_x
    amount_type = highspy.HighsVarType.kContinuous if lazy else highspy.HighsVarType.kInteger
    lp.integrality_ = [highspy.HighsVarType.kInteger] * model.n_x + [amount_type] * n_amounts
    highs.passModel(lp)

    integral = np.zeros(n_amounts, dtype=bool) if lazy else np.ones(n_amounts, dtype=bool)
    began, rounds = time.perf_counter(), 0
    while True:
        highs.setOptionValue("time_limit", max(time_limit_s - (time.perf_counter() - began), 0.01))
        highs.run()
        rounds += 1
        status = highs.getModelStatus()
        info = highs.getInfo()
        if info.primal_solution_status != 2:  # no feasible solution
            return Outcome(highs.modelStatusToString(status), None, None, None, rounds)
        values = np.asarray(highs.getSolution().col_value)
        amounts = values[model.n_x:]
        fractional = ~integral & (np.abs(amounts - np.round(amounts)) > INTEGRALITY_TOLERANCE)
        if not fractional.any():
            break
        if status != highspy.HighsModelStatus.kOptimal:
            return Outcome("time limit before whole euros", None, None, None, rounds)
        integral |= fractional
        changed = (model.n_x + np.flatnonzero(fractional)).astype(np.int32)
        highs.changeColsIntegrality(len(changed), changed, np.ones(len(changed), dtype=np.uint8))
    funded = int((values[:model.n_x] > 0.5).sum())
    return Outcome(highs.modelStatusToString(status), float(info.objective_function_value),
                   float(info.mip_gap), funded, rounds)


def reference(prep: Prepared, scenario: Scenario, time_limit_s: float, lazy: bool) -> tuple[ArrayModel, Outcome]:
    """Arrays built and solved: the span the reference time covers."""
    model = build_arrays(prep, scenario)
    settings = scenario.solver
    return model, solve_arrays(model, settings.gap, settings.threads, time_limit_s, lazy)


# -- one size ----------------------------------------------------------------------------------------

@dataclass
class Row:
    """Everything measured at one size."""

    n: int
    load_s: float = math.nan
    score_s: float = math.nan
    allocate_s: float = math.nan
    status: str = "-"
    gap: float | None = None
    funded: int | None = None
    objective: float | None = None
    prepare_s: float = math.nan
    build_s: float = math.nan
    solve_s: float = math.nan
    to_pulp_s: float = math.nan
    tool_rounds: int = 0
    reference_s: float = math.nan
    reference: Outcome | None = None
    literal_s: float = math.nan
    literal: Outcome | None = None
    mismatch: bool = False
    peak_mib: float = math.nan

    @property
    def ratio(self) -> float:
        return self.allocate_s / self.reference_s

    @property
    def core_ratio(self) -> float:
        return (self.build_s + self.solve_s) / self.reference_s


def fmt_gap(gap: float | None) -> str:
    return "-" if gap is None else ("0" if gap == 0 else f"{gap:.1e}")


def proven(row: Row) -> bool:
    """Proven optimal with gap 0 (HiGHS's mip_gap may be rounding noise, below GAP_NOISE)."""
    return row.status == "optimal" and row.gap is not None and row.gap <= GAP_NOISE


def agree(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= OBJECTIVE_RTOL * max(1.0, abs(a), abs(b))


def bench_size(n: int, args: argparse.Namespace, folder: Path) -> Row:
    """Generate, then time the tool and the references at n candidates; prints as it goes."""
    row = Row(n)
    loaded = scaled_scenario(n, args.time_limit, folder)
    csv_path = folder / f"candidats_{n}.csv"
    began = time.perf_counter()
    synthetic.write_french_csv(synthetic.generate(n, args.seed), csv_path)
    print(f"\n## N = {n:,}\n")
    print(f"scenario: {describe_scenario(loaded.scenario)}")
    print(f"data: synthetic.generate({n}, seed={args.seed}) -> {csv_path.stat().st_size / 1e6:.1f} MB French CSV "
          f"(not timed: {time.perf_counter() - began:.2f} s)")
    table, scores = time_tool(row, loaded, csv_path, args.repeat)
    prep, problem = time_stages(row, loaded, table, scores, args.repeat)
    if n <= args.reference_max_size:
        time_reference(row, prep, loaded.scenario, problem, args)
    else:
        print(f"ref    skipped above {args.reference_max_size:,} candidates (--reference-max-size): HiGHS alone on "
              "the whole model took 546 s to its proof at 100,000")
    if n <= args.literal_max_size or args.literal_all:
        time_literal(row, prep, loaded.scenario, args.literal_time_limit)
    else:
        print(f"literal skipped above {args.literal_max_size:,} candidates (--literal-all to include)")
    row.peak_mib = peak_rss_mib()
    print(f"memory peak RSS so far {row.peak_mib:,.0f} MiB")
    return row


def time_tool(row: Row, loaded: LoadedScenario, csv_path: Path, repeat: int) -> tuple[pd.DataFrame, ScoreTable]:
    """What a user runs: load, score, allocate. Returns the table and the scores for what follows."""
    scenario, territory = loaded.scenario, loaded.territory
    numeric = numeric_columns(loaded)
    row.load_s, candidates = timed(lambda: load_candidates(csv_path, territory, columns=scenario.columns,
                                                           numeric=numeric, sheet=scenario.sheet), repeat)
    table = candidates.table
    row.score_s, scores = timed(lambda: score(table, scenario.scoring), repeat)
    print(f"tool   load {row.load_s:8.3f} s   score {row.score_s:8.3f} s")
    try:
        row.allocate_s, allocation = timed(lambda: allocate(table, scores, scenario, territory), repeat)
    except OptimiserError as exc:
        row.status = f"error ({type(exc).__name__})"
        print(f"tool   allocate FAILED: {exc}")
        return table, scores
    solution = allocation.solution
    row.status, row.gap, row.objective = solution.status.value, solution.gap, solution.objective
    row.funded = int(allocation.table["funded"].sum())
    print(f"tool   allocate {row.allocate_s:8.3f} s   {row.status}, gap {fmt_gap(row.gap)}, objective "
          f"{row.objective}, funded {row.funded:,}, {allocation.total_eur:,} EUR "
          f"(PuLP.solve with passModel + HiGHS inside it: {solution.seconds:.3f} s)")
    return table, scores


def time_stages(row: Row, loaded: LoadedScenario, table: pd.DataFrame, scores: ScoreTable,
                repeat: int) -> tuple[Prepared, milp.Problem]:
    """Where the tool's time goes: the stages of `allocate`, timed one by one."""
    scenario = loaded.scenario
    row.prepare_s, prep = timed(lambda: prepare(table, scores, scenario, loaded.territory), repeat)
    row.build_s, problem = timed(lambda: Formulation.of(prep, scenario).problem, repeat)
    solver = scenario.solver
    settings = milp.Settings(solver.name, solver.time_limit_s, solver.gap, solver.threads)
    row.solve_s, rounds, solution = time_tool_solve(problem, settings, repeat)
    row.tool_rounds = len(rounds)
    row.to_pulp_s, _ = timed(lambda: to_pulp(problem), 1)
    print(f"tool   prepare {row.prepare_s:.3f} s | Formulation.problem {row.build_s:.3f} s | milp.solve "
          f"{row.solve_s:.3f} s ({plural(row.tool_rounds, 'round')}; of which PuLP.solve with passModel + HiGHS "
          f"{sum(rounds):.3f} s; one to_pulp alone {row.to_pulp_s:.3f} s)")
    print(f"       model: {problem.n_cols:,} columns ({int(problem.lazy_integer.sum()):,} whole-euro amounts), "
          f"{problem.n_rows:,} rows, {len(problem.index):,} nonzeros; milp.solve: {solution.status.value}, "
          f"objective {solution.objective}")
    return prep, problem


def time_reference(row: Row, prep: Prepared, scenario: Scenario, problem: milp.Problem,
                   args: argparse.Namespace) -> None:
    """The same model from arrays in plain highspy, lazy rounds as the tool; objectives compared."""
    row.reference_s, (model, ref) = timed(lambda: reference(prep, scenario, args.time_limit, lazy=True), args.repeat)
    row.reference = ref
    differs = same_model(model, problem)
    same = "identical to the tool's" if not differs else "DIFFERENT from the tool's in " + ", ".join(differs)
    print(f"ref    highspy arrays+passModel+run {row.reference_s:.3f} s: {ref.status}, {plural(ref.rounds, 'round')}, "
          f"objective {ref.objective}, gap {fmt_gap(ref.gap)}, funded {ref.funded}; model {same}")
    if row.objective is not None and not agree(row.objective, ref.objective):
        row.mismatch = True
        print(f"!!! MISMATCH at N = {row.n}: tool objective {row.objective!r} vs reference {ref.objective!r} "
              f"(relative tolerance {OBJECTIVE_RTOL:g}) !!!")
    if math.isfinite(row.allocate_s):
        print(f"ratio  allocate / reference {row.ratio:.2f}x   (Formulation.problem+milp.solve) / reference "
              f"{row.core_ratio:.2f}x")


def time_literal(row: Row, prep: Prepared, scenario: Scenario, time_limit_s: float) -> None:
    """The literal formulation: every amount integer from the start, one solve."""
    row.literal_s, (_, lit) = timed(lambda: reference(prep, scenario, time_limit_s, lazy=False), 1)
    row.literal = lit
    same = "same objective as the tool" if agree(lit.objective, row.objective) else "objective differs from the tool's"
    print(f"literal all amounts integer from the start, limit {time_limit_s:g} s: {row.literal_s:.3f} s, "
          f"{lit.status}, objective {lit.objective}, gap {fmt_gap(lit.gap)} ({same})")


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def time_tool_solve(problem: milp.Problem, settings: milp.Settings,
                    repeat: int) -> tuple[float, list[float], milp.Solution]:
    """Best wall time of the lazy rounds run in process (`milp.rounds.run_rounds`, what `milp.solve` runs in its child
    process, whose rounds this process could not count), with the seconds of each round."""
    best: tuple[float, list[float], milp.Solution] | None = None
    for _ in range(repeat):
        with counting_rounds() as rounds:
            seconds, solution = timed(lambda: milp_rounds.run_rounds(problem, settings, lambda values, bound: None), 1)
        if best is None or seconds < best[0]:
            best = (seconds, rounds, solution)
    assert best is not None
    return best


# -- the whole process: commands timed from outside ---------------------------------------------------

@dataclass
class ProcessRow:
    """One command, run as a user runs it: a new process each time, wall clock from outside."""

    label: str
    command: Callable[[int], list[str]]   # run k -> argv (a fresh output folder per run where one is written)
    target: str = ""
    target_s: float | None = None
    seconds: list[float] = field(default_factory=list)
    failure: str | None = None

    @property
    def median_s(self) -> float:
        return statistics.median(self.seconds) if self.seconds else math.nan


def console_script() -> str:
    """The `optimiser` entry point next to this interpreter (not a version manager's shim, which would add its own
    start-up), else the one on PATH."""
    beside = Path(sys.executable).parent / "optimiser"
    return str(beside) if beside.is_file() else (shutil.which("optimiser") or "optimiser")


def knapsack_case(folder: Path) -> tuple[Path, Path, Path, LoadedScenario]:
    """The issue's reference case: the first PROCESS_SIZE candidates of the demo file (its lines as they are), a
    variant of the baseline with all-or-nothing funding, a binding envelope and no group rule (EPCI, priority,
    totals: removed with null), so that the model is a plain knapsack; and, prepared here (untimed), the knapsack
    the minimal script reads: id, requested_eur and score of each candidate who may be funded."""
    lines = DEMO_CANDIDATES.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    comments = [line for line in lines if line.startswith("#")]
    table_lines = [line for line in lines if not line.startswith("#")]
    csv_path = folder / f"candidats_{PROCESS_SIZE}.csv"
    csv_path.write_text("".join(comments + table_lines[:PROCESS_SIZE + 1]), encoding="utf-8-sig")
    variant = {
        "extends": os.path.relpath(BASELINE.resolve(), folder.resolve()),  # relative: no note about the path
        "name": f"Benchmark, {PROCESS_SIZE} candidats, tout ou rien",
        "funding": "all_or_nothing",
        "envelope_eur": PROCESS_ENVELOPE,
        "constraints": {"epci": None, "priority": None, "totals": None},
    }
    scenario_path = folder / "tout_ou_rien.yaml"
    scenario_path.write_text(yaml.safe_dump(variant, allow_unicode=True, sort_keys=False), encoding="utf-8")
    loaded = load_scenario(scenario_path)
    scenario, territory = loaded.scenario, loaded.territory
    table = load_candidates(csv_path, territory, columns=scenario.columns, numeric=numeric_columns(loaded),
                            sheet=scenario.sheet).table
    prep = prepare(table, score(table, scenario.scoring), scenario, territory)
    rules = [rule.key for rule in prep.rules]
    plain = (rules == ["envelope"] and prep.rules[0].lower == -math.inf and not prep.locked_in.any()
             and np.array_equal(prep.base[prep.open], prep.requested[prep.open]))
    if not plain:
        raise SystemExit(f"the {PROCESS_SIZE}-candidate case is not a plain knapsack (rules {rules})")
    knapsack = folder / "knapsack.csv"
    with open(knapsack, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "requested_eur", "score"])
        for i in np.flatnonzero(prep.open):
            writer.writerow([prep.table["id"].iloc[i], int(prep.requested[i]), repr(float(prep.score[i]))])
    return csv_path, scenario_path, knapsack, loaded


def knapsack_scores(knapsack: Path) -> tuple[dict[str, float], int]:
    with open(knapsack, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {row["id"]: float(row["score"]) for row in rows}, sum(int(row["requested_eur"]) for row in rows)


def tool_funded(outdir: Path) -> tuple[set[str], dict]:
    """The funded ids of the tool's allocation.csv and its summary.json."""
    with open(outdir / "allocation.csv", encoding="utf-8-sig", newline="") as handle:
        funded = {row["id"] for row in csv.DictReader(handle) if row["funded"] == "True"}
    return funded, json.loads((outdir / "summary.json").read_text(encoding="utf-8"))


def compare_optima(folder: Path, knapsack: Path, runs: int) -> bool:
    """Every run of both sides found the same optimum: funded ids, objective (sum of scores) and the tool's
    summary. Prints what it found; False (and a MISMATCH line) if they differ."""
    scores, _ = knapsack_scores(knapsack)
    problems = []
    tool_sets, minimal_sets = [], []
    for k in range(runs + 1):  # the warm-up run too
        funded, summary = tool_funded(folder / f"allocate_{k}")
        tool_sets.append(funded)
        minimal_sets.append(set((folder / f"funded_{k}.txt").read_text(encoding="utf-8").split()))
        if summary["status"] != "optimal" or not summary["proven_optimal"] or summary["optimality_gap"] > GAP_NOISE:
            problems.append(f"run {k}: the tool's summary says {summary['status']}, gap {summary['optimality_gap']}")
        if not agree(summary["objective_value"], sum(scores[i] for i in funded)):
            problems.append(f"run {k}: the tool's objective {summary['objective_value']} is not the sum of its "
                            f"funded scores {sum(scores[i] for i in funded)}")
    tool_objective = sum(scores[i] for i in tool_sets[0])
    minimal_objective = sum(scores[i] for i in minimal_sets[0])
    if any(s != tool_sets[0] for s in tool_sets) or any(s != minimal_sets[0] for s in minimal_sets):
        problems.append("the funded set varies from run to run")
    if not agree(tool_objective, minimal_objective):
        problems.append(f"objectives differ: tool {tool_objective!r}, minimal script {minimal_objective!r}")
    same = "the same funded ids" if tool_sets[0] == minimal_sets[0] else "different funded ids, equal objectives"
    print(f"optimum: tool {len(tool_sets[0])} funded, objective {tool_objective:.6f}; minimal script "
          f"{len(minimal_sets[0])} funded, objective {minimal_objective:.6f}"
          + (f": {same} in all {runs + 1} runs (warm-up included)" if not problems else ""))
    for problem in problems:
        print(f"!!! MISMATCH (whole process): {problem} !!!")
    return not problems


def process_environment(folder: Path) -> dict[str, str]:
    """This environment, with compiled bytecode kept as an installed package has it: in a cache of the temporary
    folder (PYTHONPYCACHEPREFIX, filled by the warm-up run), even where PYTHONDONTWRITEBYTECODE is set, without
    which every run would compile optimiser's modules again (an editable install has no bytecode of its own)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def run_once(row: ProcessRow, k: int, folder: Path, env: dict[str, str]) -> float:
    """One run of the command (output captured, not shown); its wall time, or NaN and the failure noted."""
    began = time.perf_counter()
    done = subprocess.run(row.command(k), cwd=folder, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - began
    if done.returncode != 0 and row.failure is None:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [""]
        row.failure = f"exit {done.returncode}: {tail[0]}"
    return seconds if done.returncode == 0 else math.nan


def process_rows(folder: Path) -> tuple[list[ProcessRow], Path]:
    """The commands, in the order they are run (and printed)."""
    python, tool = sys.executable, console_script()
    csv_path, scenario_path, knapsack, loaded = knapsack_case(folder)
    scores, demand = knapsack_scores(knapsack)
    print(f"case: {csv_path.name} ({PROCESS_SIZE} candidates, the demo file's first), {scenario_path.name} extends "
          f"baseline.yaml with funding {loaded.scenario.funding}, envelope {PROCESS_ENVELOPE:,} EUR and no EPCI, "
          f"priority or totals rule; {len(scores)} may be funded, asking {demand:,} EUR in all "
          f"({demand / PROCESS_ENVELOPE:.2f}x the envelope); the knapsack (id, requested, score) prepared untimed")
    print(f"commands: optimiser = {tool}, python = {python}")
    rows = [
        ProcessRow("python -c pass", lambda k: [python, "-c", "pass"]),
        ProcessRow("python -c 'import highspy'", lambda k: [python, "-c", "import highspy"]),
        ProcessRow("optimiser --help", lambda k: [tool, "--help"], f"<= {TARGET_HELP_S:g} s", TARGET_HELP_S),
        ProcessRow("optimiser validate candidats_demo.csv", lambda k: [tool, "validate", str(DEMO_CANDIDATES)],
                   f"<= {TARGET_VALIDATE_S:g} s", TARGET_VALIDATE_S),
        ProcessRow("optimiser demo", lambda k: [tool, "demo", "-o", str(folder / f"demo_{k}")],
                   f"<= {TARGET_DEMO_S:g} s", TARGET_DEMO_S),
        ProcessRow(f"minimal_highspy.py ({PROCESS_SIZE} candidates)",
                   lambda k: [python, str(MINIMAL_SCRIPT), str(knapsack), str(PROCESS_ENVELOPE),
                              str(folder / f"funded_{k}.txt")]),
        ProcessRow(f"optimiser allocate ({PROCESS_SIZE} candidates, all or nothing)",
                   lambda k: [tool, "allocate", str(csv_path), "-s", str(scenario_path), "-o",
                              str(folder / f"allocate_{k}")],
                   f"<= {TARGET_PROCESS_RATIO:g}x minimal_highspy.py"),
    ]
    return rows, knapsack


def bench_process(args: argparse.Namespace, folder: Path) -> bool:
    """Each command once untimed (warm-up: the file cache, compiled bytecode), then --process-runs rounds in which
    every command runs once, in turn, so that a change in the machine's load falls on all of them alike. Returns
    False if a command failed or the two optima differ."""
    print("\n## Whole process\n")
    rows, knapsack = process_rows(folder)
    env = process_environment(folder)
    print(f"bytecode: cached in {env['PYTHONPYCACHEPREFIX']} (PYTHONPYCACHEPREFIX) by the warm-up run"
          + ("; PYTHONDONTWRITEBYTECODE unset for the commands" if "PYTHONDONTWRITEBYTECODE" in os.environ else ""))
    print(f"load average before: {load_average()}")
    for k in range(args.process_runs + 1):
        for row in rows:
            seconds = run_once(row, k, folder, env)
            if k > 0:
                row.seconds.append(seconds)
    print(f"load average after:  {load_average()}")
    failed = [row for row in rows if row.failure]
    for row in failed:
        print(f"!!! FAILED: {row.label}: {row.failure} !!!")
    same = not failed and compare_optima(folder, knapsack, args.process_runs)
    print_process_table(rows, args.process_runs)
    return same


def load_average() -> str:
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg()) + f" (1, 5, 15 min; {os.cpu_count()} CPUs)"
    except OSError:
        return "not available"


def print_process_table(rows: list[ProcessRow], runs: int) -> None:
    bare = rows[0].median_s
    minimal, tool = rows[-2], rows[-1]
    ratio = tool.median_s / minimal.median_s
    print(f"\nMedians of {runs} runs each, wall clock of the whole process (start, work, exit) seen from outside.\n")
    print("| command | median s | min s | max s | median - python -c pass s | target | met |")
    print("|---|---:|---:|---:|---:|---|---|")
    for row in rows:
        values = [s for s in row.seconds if math.isfinite(s)]
        low, high = (f"{min(values):.3f}", f"{max(values):.3f}") if values else ("-", "-")
        if row is tool:
            met = "yes" if ratio <= TARGET_PROCESS_RATIO else f"NO ({ratio:.2f}x)"
        else:
            met = "-" if row.target_s is None else ("yes" if row.median_s <= row.target_s else "NO")
        print(f"| {row.label} | {row.median_s:.3f} | {low} | {high} | {row.median_s - bare:.3f} | "
              f"{row.target or '-'} | {met} |")
    print(f"\nratio  optimiser allocate / minimal_highspy.py (medians, whole process, reports included) {ratio:.2f}x; "
          f"above a bare python start {(tool.median_s - bare) / (minimal.median_s - bare):.2f}x "
          f"(target: {TARGET_PROCESS_RATIO:g}x whole process: {'met' if ratio <= TARGET_PROCESS_RATIO else 'NOT met'})")


# -- output ------------------------------------------------------------------------------------------

def version_of(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def print_header(args: argparse.Namespace) -> None:
    print("# Allocation benchmark\n")
    print(f"machine: {platform.platform()}, {platform.machine()}, {os.cpu_count()} CPUs "
          f"({platform.processor() or 'processor not reported'}), Python {platform.python_version()}")
    print("versions: " + ", ".join(f"{name} {version_of(name)}" for name in ("optimiser", "pulp", "highspy", "numpy")))
    print(f"settings: sizes {args.sizes}, seed {args.seed}, solver time limit {args.time_limit:g} s, "
          f"best of {args.repeat}, literal up to {'every size' if args.literal_all else f'{args.literal_max_size:,}'} "
          f"with limit {args.literal_time_limit:g} s; baseline {BASELINE}")
    print(f"reference HiGHS options: {highs_options(0.0, 1)} (gap and threads from the scenario), time limit, "
          f"output off")
    print("whole process: " + ("skipped (--skip-process)" if args.skip_process else
                               f"median of {args.process_runs} runs of each command, run in turn, after one untimed "
                               f"run each"))


def print_table(rows: list[Row]) -> None:
    print("\n## Summary\n")
    print("| N | load s | score s | allocate s | reference s | ratio | status | gap | funded |")
    print("|---:|---:|---:|---:|---:|---:|---|---:|---:|")
    for r in rows:
        reference = f"{r.reference_s:.3f} | {r.ratio:.2f}" if r.reference else "- | -"
        print(f"| {r.n:,} | {r.load_s:.3f} | {r.score_s:.3f} | {r.allocate_s:.3f} | {reference} | "
              f"{r.status} | {fmt_gap(r.gap)} | {'-' if r.funded is None else f'{r.funded:,}'} |")
    print("\n| N | prepare s | build s | milp.solve s | tool rounds | build+solve / ref | ref rounds | "
          "literal s | literal status | peak MiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|")
    for r in rows:
        literal = f"{r.literal_s:.3f} | {r.literal.status}" if r.literal else "- | skipped"
        print(f"| {r.n:,} | {r.prepare_s:.3f} | {r.build_s:.3f} | {r.solve_s:.3f} | {r.tool_rounds} | "
              f"{f'{r.core_ratio:.2f}' if r.reference else '-'} | {r.reference.rounds if r.reference else '-'} | "
              f"{literal} | {r.peak_mib:,.0f} |")
    print(f"\nTarget: allocation within {TARGET_RATIO}x of the reference where it runs; proven optimal (gap 0) up to "
          f"{TARGET_OPTIMAL_UP_TO:,} candidates; allocate, proven, within "
          + ", ".join(f"{s:g} s at {n:,}" for n, s in TARGET_ALLOCATE_S.items())
          + f"; peak memory (this process and the solver's child) within {TARGET_PEAK_MIB:,} MiB.")
    slow = [r.n for r in rows if r.reference and not r.ratio <= TARGET_RATIO]
    unproven = [r.n for r in rows if r.n <= TARGET_OPTIMAL_UP_TO and not proven(r)]
    late = [r.n for r in rows
            if r.n in TARGET_ALLOCATE_S and not (proven(r) and r.allocate_s <= TARGET_ALLOCATE_S[r.n])]
    heavy = [r.n for r in rows if not r.peak_mib <= TARGET_PEAK_MIB]

    def verdict(missed: list[int], where: str = "at every size") -> str:
        return f"met {where}" if not missed else "NOT met at N = " + ", ".join(f"{n:,}" for n in missed)

    print(f"Measured: ratio {verdict(slow, 'where the reference runs')}; optimality {verdict(unproven)}; "
          f"time {verdict(late, 'where set')}; memory {verdict(heavy)}.")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 10_000, 100_000],
                        help="numbers of synthetic candidates (default: 100 1000 10000 100000; none: only the "
                             "whole-process rows)")
    parser.add_argument("--time-limit", type=float, default=600.0,
                        help="solver time limit in seconds, for the tool and the reference (default 600)")
    parser.add_argument("--repeat", type=int, default=1, help="time each stage this many times, keep the best")
    parser.add_argument("--seed", type=int, default=synthetic.DEMO_SEED, help="seed of the synthetic data")
    parser.add_argument("--literal-time-limit", type=float, default=120.0,
                        help="time limit of the all-integer one-shot reference (default 120)")
    parser.add_argument("--literal-max-size", type=int, default=10_000,
                        help="run the all-integer reference up to this N (default 10000)")
    parser.add_argument("--literal-all", action="store_true", help="run the all-integer reference at every size")
    parser.add_argument("--reference-max-size", type=int, default=10_000,
                        help="run the plain-highspy reference only up to this size (HiGHS alone: minutes at 100,000)")
    parser.add_argument("--process-runs", type=int, default=5,
                        help="whole-process rows: runs of each command, the median kept (default 5)")
    parser.add_argument("--skip-process", action="store_true", help="leave out the whole-process rows")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.process_runs < 1 or any(n < 1 for n in args.sizes):
        parser.error("--repeat, --process-runs and --sizes must be positive")
    return args


def warm_up(folder: Path, seed: int) -> float:
    """One small untimed run of both paths, so that first-call costs (lazy imports, highspy's start,
    PuLP's solver set-up) do not land on the first measured size. Returns its duration."""
    began = time.perf_counter()
    loaded = scaled_scenario(WARM_UP_SIZE, 60.0, folder)
    table = synthetic.generate(WARM_UP_SIZE, seed)
    path = folder / "warm_up.csv"
    synthetic.write_french_csv(table, path)
    scenario, territory = loaded.scenario, loaded.territory
    table = load_candidates(path, territory, columns=scenario.columns, numeric=numeric_columns(loaded)).table
    scores = score(table, scenario.scoring)
    allocate(table, scores, scenario, territory)
    reference(prepare(table, scores, scenario, territory), scenario, 60.0, lazy=True)
    return time.perf_counter() - began


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    print_header(args)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench_allocation_") as tmp:
        if args.sizes:
            print(f"warm-up: one untimed run at N = {WARM_UP_SIZE} ({warm_up(Path(tmp), args.seed):.2f} s)")
        for n in args.sizes:
            rows.append(bench_size(n, args, Path(tmp)))
            sys.stdout.flush()
        if rows:
            print_table(rows)
        process_ok = True
        if not args.skip_process:
            folder = Path(tmp) / "process"
            folder.mkdir()
            process_ok = bench_process(args, folder)
    if any(r.mismatch for r in rows) or not process_ok:
        print("\nMISMATCH: the tool and the reference disagree on the optimum, or a command failed (see above).")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
