"""How sure is an allocation? Draw weights (and data), solve each draw exactly, count how often each
candidate is funded: its core index (Liesiö, Mild and Salo), and the spread of every indicator.

- Weights: a weight written as a range `[low, high]` is drawn uniformly in it (the others stay put);
  without any range in the scenario, the pillar weights and each pillar's criterion weights are drawn
  from Dirichlet distributions centred on the configured weights, with concentration
  `sensitivity.concentration` (default 50: a weight of 0.5 then varies with a standard deviation of
  about 0.07). Weights are normalised to sum 1 at each level, as in scoring.
- Data: `sensitivity.uncertainty: {column: u}` multiplies each candidate's value by (1 + u·ξ), ξ uniform
  in [-1, 1], drawn per candidate and per draw; the scores are then recomputed from the perturbed table.
- Every draw is solved exactly. The model is built once per process; a draw changes the costs (and the
  bounds of candidates below `min_score`, and the coefficients of totals on uncertain columns), and
  starts from the previous draw's answer.
- Ties: warm starts and determinism only go together when each draw's optimum is unique. Each draw
  subtracts from the objective a tie-break of at most 2e-6 score points in all, 1e-6 × (1 + i/n) / n for
  funding the candidate at position i (id order): among allocations of equal value, the one funding
  fewer projects, then earlier ids, wins. The answer thus does not depend on the starting point (tested).
- Draw d uses the random generator seeded with (seed, d): results do not depend on how draws are split
  between processes, and the same seed gives the same bytes whatever `--jobs`.
"""

from __future__ import annotations

import ctypes
import math
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .allocation import Allocation
from .expressions import parse_expression
from .formulation import Formulation
from .indicators import Context, Indicator, compute, indicators_for
from .models import Scenario, central
from .scoring import ScoreTable, score
from .study import Study

TIE_BREAK = 1e-6
CHUNK = 25
PR_SET_PDEATHSIG = 1  # linux/prctl.h
_STOPS = {signal.SIGINT, signal.SIGTERM}


@dataclass(frozen=True)
class Draws:
    """Every draw's weights, amounts and status, in draw order."""

    weights: np.ndarray       # draws x criteria: effective weight of each criterion in the total
    criteria: list[str]       # "pillar.criterion", the columns of `weights`
    amounts: np.ndarray       # draws x candidates (id order), whole euros; -1 rows for failed draws
    objective: np.ndarray     # draws: the draw's own objective value (NaN when it failed)
    status: list[str]


@dataclass(frozen=True)
class Robustness:
    allocation: Allocation    # the allocation at the configured weights
    draws: Draws
    candidates: pd.DataFrame  # per candidate: core index, amount quantiles, class
    indicators: pd.DataFrame  # per indicator: quantiles over the draws


# --- drawing -------------------------------------------------------------------------------------

def has_ranges(scenario: Scenario) -> bool:
    return any(isinstance(p.weight, tuple) or any(isinstance(c.weight, tuple) for c in p.criteria.values())
               for p in scenario.scoring.pillars.values())


def _normalised(values: list[float]) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    total = array.sum()
    return array / total if total > 0 else np.full(len(array), 1.0 / len(array))


def _draw_level(weights: list, rng: np.random.Generator, ranges: bool, concentration: float) -> np.ndarray:
    if ranges:
        return _normalised([rng.uniform(w[0], w[1]) if isinstance(w, tuple) else w for w in weights])
    centre = _normalised([central(w) for w in weights])
    if len(centre) == 1:
        return centre
    alpha = np.maximum(concentration * centre, 1e-3)
    return rng.dirichlet(alpha)


def draw_weights(scenario: Scenario, rng: np.random.Generator) -> np.ndarray:
    """Effective weight of every criterion (pillar weight x criterion weight), in scoring order."""
    pillars = scenario.scoring.pillars
    ranges = has_ranges(scenario)
    kappa = scenario.sensitivity.concentration
    pillar_w = _draw_level([p.weight for p in pillars.values()], rng, ranges, kappa)
    out = []
    for wp, pillar in zip(pillar_w, pillars.values(), strict=True):
        criterion_w = _draw_level([c.weight for c in pillar.criteria.values()], rng, ranges, kappa)
        out += list(wp * criterion_w)
    return np.asarray(out)


def perturb(table: pd.DataFrame, uncertainty: dict[str, float], rng: np.random.Generator) -> pd.DataFrame:
    out = table.copy()
    for column, error in sorted(uncertainty.items()):
        values = pd.to_numeric(out[column], errors="coerce").to_numpy(dtype=float)
        out[column] = values * (1.0 + error * rng.uniform(-1.0, 1.0, len(values)))
    return out


# --- one process's model --------------------------------------------------------------------------

class DrawSolver:
    """The study's model for draws, built once per process, solved for one draw after another.

    A draw changes the scores and, with uncertain data, the table: candidates that `min_score` or a rule
    on uncertain data excludes must stay in the model (their bounds close them draw by draw). Without such
    closings the draws use the study's own formulation; otherwise a variant that keeps them open."""

    def __init__(self, study: Study) -> None:
        scenario = self.scenario = study.scenario
        uncertain = set(scenario.sensitivity.uncertainty)
        expressions = [parse_expression(r, condition=True) for r in scenario.eligibility.rules]
        self.uncertain_expressions = [e for e in expressions if e.columns & uncertain]
        if scenario.eligibility.min_score is not None or self.uncertain_expressions:
            texts = {e.text for e in self.uncertain_expressions}
            open_scenario = scenario.model_copy(update={"eligibility": scenario.eligibility.model_copy(update={
                "min_score": None, "rules": [r for r in scenario.eligibility.rules if r not in texts]})})
            study = study.variant(open_scenario)
        self.form: Formulation = study.formulation
        self.table = study.candidates.table
        self.base_scores = study.scores
        self.resolver = study.resolver(threads=1)
        self.criteria = list(self.base_scores.weights)
        self.matrix = self.base_scores.criteria[self.criteria].reindex(self.table["id"]).to_numpy(dtype=float)
        positions = self.form.lay.positions
        n = len(self.table)
        self.tie = TIE_BREAK * (1.0 + positions / max(n, 1)) / max(n, 1)
        self.totals_rows = [(k, rule) for k, rule in enumerate(self.form.prep.rules)
                            if rule.family == "totals" and self._totals_column(k) in uncertain]
        self.previous: np.ndarray | None = None

    def _totals_column(self, k: int) -> str:
        index = int(self.form.prep.rules[k].key.split(".")[1])
        return self.scenario.constraints.totals[index].column

    def scores_for(self, d: int, seed: int) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
        rng = np.random.default_rng([seed, d])
        weights = draw_weights(self.scenario, rng)
        table = self.table
        matrix = self.matrix
        if self.scenario.sensitivity.uncertainty:
            table = perturb(self.table, self.scenario.sensitivity.uncertainty, rng)
            matrix = score(table, self.scenario.scoring).criteria[self.criteria].to_numpy(dtype=float)
        return weights, matrix @ weights, table

    def solve_draw(self, d: int, seed: int) -> tuple[np.ndarray, np.ndarray, float, str]:
        weights, total, table = self.scores_for(d, seed)
        form = self.form
        lay, problem = form.lay, form.problem
        closed = np.isnan(total)
        min_score = self.scenario.eligibility.min_score
        if min_score is not None:
            closed |= total < min_score
        for expr in self.uncertain_expressions:
            verdict = expr.evaluate({c: pd.to_numeric(table[c], errors="coerce").to_numpy(dtype=float)
                                     for c in expr.columns})
            closed |= verdict != 1.0
        per_euro = form.per_euro(total)
        cost = form.cost(per_euro)
        cost[lay.x_col] -= self.tie
        extendable = lay.e_col >= 0
        upper = problem.col_upper.copy()
        shut = closed[lay.positions]
        upper[lay.x_col[shut]] = 0.0
        upper[lay.e_col[shut & extendable]] = 0.0
        lower = np.minimum(problem.col_lower, upper)
        self.resolver.set_cost(cost)
        self.resolver.set_col_bounds(lower, upper)
        for k, rule in self.totals_rows:
            values = np.nan_to_num(pd.to_numeric(table[self._totals_column(k)], errors="coerce")
                                   .to_numpy(dtype=float), nan=0.0)
            self.resolver.set_coefficients(k, lay.x_col[form.where[rule.members]], values[rule.members])
        solution = self.resolver.solve(start=self.previous)
        if not solution.has_values:
            return weights, np.full(len(table), -1, dtype=np.int64), math.nan, solution.status.value
        self.previous = solution.values
        amounts = form.amounts(solution.values)
        return weights, amounts, float(per_euro @ amounts), solution.status.value


# Worker processes hold one DrawSolver each (built by the initializer, reused for every chunk).
_WORKER: DrawSolver | None = None


def _init_worker(study: Study) -> None:
    global _WORKER
    _WORKER = DrawSolver(study)


def _init_process(study: Study, mask: set[signal.Signals]) -> None:
    """A pool worker: Ctrl-C is the parent's to handle (it then ends the pool), SIGTERM (how the pool ends
    its workers) ends it at once and silently, and it dies with its parent rather than outlive it. It is
    born with SIGINT and SIGTERM blocked, so that none arrives before this is set up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    parent = multiprocessing.parent_process()
    if parent is not None and os.getppid() != parent.pid:  # the parent ended before prctl could tie us to it
        os._exit(0)
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    _init_worker(study)


def _solve_chunk(task: tuple[int, int, int]) -> list[tuple[int, np.ndarray, np.ndarray, float, str]]:
    start, stop, seed = task
    assert _WORKER is not None
    return [(d, *_WORKER.solve_draw(d, seed)) for d in range(start, stop)]


def run_draws(study: Study, draws: int, seed: int, jobs: int = 1,
              progress: Callable[[int], None] | None = None) -> Draws:
    """Solve `draws` draws on `jobs` processes; the result does not depend on `jobs`."""
    tasks = [(start, min(start + CHUNK, draws), seed) for start in range(0, draws, CHUNK)]
    results: dict[int, tuple] = {}
    if jobs <= 1:
        _init_worker(study)
        for task in tasks:
            for d, *rest in _solve_chunk(task):
                results[d] = rest
            if progress:
                progress(task[1] - task[0])
    else:
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)  # until the pool exists and will be ended
        try:
            pool = context.Pool(jobs, initializer=_init_process, initargs=(study, mask))
        except BaseException:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            raise
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            for chunk in pool.imap_unordered(_solve_chunk, tasks):
                for d, *rest in chunk:
                    results[d] = rest
                if progress:
                    progress(len(chunk))
        finally:  # done, failed or stopped: no worker outlives the call, and no stop cuts this short
            signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
            try:
                pool.terminate()
                pool.join()
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    order = range(draws)
    criteria = [f"{p}.{c}" for p, pillar in study.scenario.scoring.pillars.items() for c in pillar.criteria]
    return Draws(
        weights=np.array([results[d][0] for d in order]),
        criteria=criteria,
        amounts=np.array([results[d][1] for d in order]),
        objective=np.array([results[d][2] for d in order], dtype=float),
        status=[results[d][3] for d in order],
    )


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


# --- summaries ------------------------------------------------------------------------------------

def summarise(alloc: Allocation, draws: Draws, reference: ScoreTable, indicators: list[Indicator]
              ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per candidate: core index, amount quantiles, class; per indicator: quantiles over the draws.

    Quantiles are values some draw actually gave (nearest rank), not interpolations between draws.
    """
    s = alloc.scenario.sensitivity
    ok = np.array([st in ("optimal", "feasible") for st in draws.status])
    amounts = draws.amounts[ok]
    funded = amounts > 0
    core = funded.mean(axis=0) if len(amounts) else np.full(len(alloc.table), np.nan)
    t = alloc.table
    classes = np.where(core >= s.core_threshold, "core", np.where(core <= s.exterior_threshold, "exterior",
                                                                   "borderline"))
    quantiles = (np.quantile(amounts, [0.05, 0.5, 0.95], axis=0, method="nearest") if len(amounts)
                 else np.full((3, len(t)), np.nan))
    per_candidate = pd.DataFrame({
        "id": t["id"], "name": t["name"], "epci": t["epci"], "priority": t["priority"],
        "score": t["score"].round(4), "funded_at_configured_weights": t["funded"],
        "amount_at_configured_weights": t["amount_eur"].astype(np.int64),
        "core_index": np.round(core, 6), "class": classes,
        "amount_p05": quantiles[0].round(0), "amount_median": quantiles[1].round(0),
        "amount_p95": quantiles[2].round(0), "amount_mean": amounts.mean(axis=0).round(2) if len(amounts) else np.nan,
    })
    # Indicators: once per distinct allocation, then weighted by how many draws gave it.
    ref_funded = frozenset(t.loc[t["funded"], "id"])
    distinct: dict[bytes, dict[str, float]] = {}
    rows = []
    for row in amounts:
        key = row.tobytes()
        if key not in distinct:
            table = t.assign(amount_eur=row, funded=row > 0)
            ctx = Context(table, alloc.scenario.envelope_eur, alloc.territory, reference.total, reference.pillars,
                          ref_funded)
            distinct[key] = compute(indicators, ctx)
        rows.append(distinct[key])
    values = pd.DataFrame(rows, columns=[i.key for i in indicators])
    per_indicator = pd.DataFrame([{
        "indicator": ind.key, "label": ind.label(), "unit": ind.unit,
        "at_configured_weights": None,
        **{name: values[ind.key].quantile(q, interpolation="nearest")
           for name, q in (("p05", 0.05), ("p25", 0.25), ("median", 0.5), ("p75", 0.75), ("p95", 0.95))},
        "mean": values[ind.key].mean(),
    } for ind in indicators])
    return per_candidate, per_indicator


def robustness(study: Study, draws: int, seed: int, jobs: int = 1,
               progress: Callable[[int], None] | None = None) -> Robustness:
    """The allocation at the configured weights and its robustness over `draws` draws."""
    scenario, territory, base_scores, alloc = study.scenario, study.territory, study.scores, study.allocation
    result = run_draws(study, draws, seed, jobs, progress)
    pillars = scenario.scoring.pillars
    indicators = indicators_for(list(pillars), {k: (p.label or k) for k, p in pillars.items()})
    per_candidate, per_indicator = summarise(alloc, result, base_scores, indicators)
    at_base = compute(indicators, Context(alloc.table, scenario.envelope_eur, territory, base_scores.total,
                                          base_scores.pillars, frozenset(alloc.table.loc[alloc.table["funded"], "id"])))
    per_indicator["at_configured_weights"] = [at_base[k] for k in per_indicator["indicator"]]
    return Robustness(alloc, result, per_candidate, per_indicator)
