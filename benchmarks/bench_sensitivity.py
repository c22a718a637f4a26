"""Sensitivity loop speed: the tool's draws against a bare highspy loop on the same model, and the
speed-up on 2 processes. Prints figures; asserts nothing.

    python benchmarks/bench_sensitivity.py [--sizes 200 2000] [--draws 200] [--full 1000]

For each size N (synthetic candidates, baseline scenario, envelope scaled with N):
- tool loop: `DrawSolver.solve_draw` for every draw in one process (weights drawn, scores, costs,
  bounds, warm-started exact solve, whole-euro rounds, amounts read back): solves per second;
- bare loop: the same model passed once to highspy, then per draw only `changeColsCost` with the same
  costs (computed before timing), `setSolution(previous)` and `run()`, one thread: solves per second;
- `run_draws` on 1 and on 2 processes: wall time and speed-up (identical results checked);
- with --full D: D draws on the smallest size on every core, wall time.
"""

from __future__ import annotations

import argparse
import os
import platform
import time

import highspy
import numpy as np

from optimiser.config import load_scenario
from optimiser.milp.highs import configure, highs_model, new_highs
from optimiser.scenarios import SCENARIO_DIR
from optimiser.sensitivity import DrawSolver, default_jobs, run_draws
from optimiser.study import Study
from optimiser.synthetic import generate


def scenario_for(n: int):
    loaded = load_scenario(SCENARIO_DIR / "baseline.yaml")
    s = loaded.scenario
    scale = max(1.0, n / 120)
    totals = [t.model_copy(update={"min": t.min * scale if t.min else t.min}) for t in s.constraints.totals]
    s = s.model_copy(update={"envelope_eur": int(2_000_000 * scale),
                             "constraints": s.constraints.model_copy(update={"totals": totals})})
    return s, loaded.territory


def candidates(n: int):
    table = generate(n, seed=n, spellings=False)
    table["row"] = range(2, n + 2)
    return table


def tool_loop(solver: DrawSolver, draws: int, seed: int) -> tuple[float, list[np.ndarray], list[np.ndarray]]:
    """Seconds for `draws` draws, the amounts, and the cost vector each draw gave the solver."""
    costs, amounts = [], []
    original = solver.resolver.set_cost

    def recording(cost):
        costs.append(np.array(cost))
        original(cost)

    solver.resolver.set_cost = recording
    began = time.perf_counter()
    for d in range(draws):
        amounts.append(solver.solve_draw(d, seed)[1])
    seconds = time.perf_counter() - began
    solver.resolver.set_cost = original
    return seconds, amounts, costs


def bare_loop(solver: DrawSolver, costs: list[np.ndarray]) -> tuple[float, int]:
    """highspy alone: one model, costs changed, previous solution offered, one thread."""
    problem = solver.form.problem
    relaxed = problem.integer & ~solver.resolver.lazy
    h = new_highs()
    configure(h, solver.resolver.settings)
    h.setOptionValue("threads", 1)
    from dataclasses import replace

    h.passModel(highs_model(replace(problem, integer=relaxed)))
    upper = problem.col_upper.copy()
    index = np.arange(problem.n_cols, dtype=np.int32)
    previous = None
    optimal = 0
    began = time.perf_counter()
    for cost in costs:
        h.changeColsCost(len(cost), index, cost)
        if previous is not None:
            start = highspy.HighsSolution()
            start.col_value = previous
            start.value_valid = True
            h.setSolution(start)
        h.run()
        optimal += h.getModelStatus() == highspy.HighsModelStatus.kOptimal
        previous = np.array(h.getSolution().col_value)
    del upper
    return time.perf_counter() - began, optimal


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--draws", type=int, default=200)
    parser.add_argument("--full", type=int, default=1000, help="draws of the full run on the smallest size")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores ({default_jobs()} usable), Python "
          f"{platform.python_version()}, highspy {highspy.__version__ if hasattr(highspy, '__version__') else '?'}")
    rows = []
    for n in args.sizes:
        s, territory = scenario_for(n)
        table = candidates(n)
        draws = args.draws if n <= 500 else max(20, args.draws // 4)
        study = Study.of(table, s, territory)
        solver = DrawSolver(study)
        tool_s, _, costs = tool_loop(solver, draws, args.seed)
        bare_s, optimal = bare_loop(DrawSolver(study), costs)
        one = time.perf_counter()
        first = run_draws(study, draws, args.seed, jobs=1)
        one = time.perf_counter() - one
        two = time.perf_counter()
        second = run_draws(study, draws, args.seed, jobs=2)
        two = time.perf_counter() - two
        same = np.array_equal(first.amounts, second.amounts)
        rows.append((n, draws, draws / tool_s, draws / bare_s, bare_s / tool_s, one, two, one / two, same))
        print(f"N={n}: {draws} draws; tool {draws / tool_s:.1f} solves/s, bare highspy {draws / bare_s:.1f} "
              f"solves/s ({optimal} optimal), tool/bare speed {bare_s / tool_s:.2f}; run_draws 1 process "
              f"{one:.2f} s, 2 processes {two:.2f} s, speed-up {one / two:.2f}; identical: {same}", flush=True)
    print()
    print("| N | draws | tool solves/s | bare highspy solves/s | tool / bare | 1 process s | 2 processes s "
          "| speed-up | identical |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for n, d, tool, bare, ratio, one, two, speedup, same in rows:
        print(f"| {n} | {d} | {tool:.1f} | {bare:.1f} | {ratio:.2f} | {one:.2f} | {two:.2f} | {speedup:.2f} | {same} |")
    print("targets: tool / bare >= 0.9; speed-up >= 1.8 on 2 processes; 1,000 draws on 200 candidates < 15 s")
    if args.full:
        n = min(args.sizes)
        s, territory = scenario_for(n)
        study = Study.of(candidates(n), s, territory)
        began = time.perf_counter()
        run_draws(study, args.full, args.seed, jobs=default_jobs())
        print(f"{args.full} draws on {n} candidates, {default_jobs()} processes: {time.perf_counter() - began:.2f} s")


if __name__ == "__main__":
    main()
