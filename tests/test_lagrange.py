"""The Lagrangian core: its bound holds for any multipliers, its penalties hold, and what it proves is the optimum.

Small random allocation problems (amounts base * x + e, company caps, an envelope, counts and shares with
lower bounds) are checked against HiGHS solving the whole problem as it is, and against brute force over
who is funded (each pattern's amounts by an LP): nothing of `lagrange` is used to find the truth.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimiser.milp import Amounts, Problem, Settings, Solution, Status, lagrange, rounds
from optimiser.milp.highs import loaded_highs, read_solution, solve_highs

INF = np.inf
EXACT = Settings("highs", 60.0, 0.0, 1)


def allocation_problem(rng: np.random.Generator, k: int, all_or_nothing: float = 0.3,
                       lower_rows: bool = True) -> Problem:
    """k candidates: x (binary) then e columns; company caps over pairs and triples; coupling rows."""
    base = rng.integers(1, 6, k).astype(float) * 10
    cap = np.where(rng.random(k) < all_or_nothing, base, base + rng.integers(0, 6, k) * 10)
    per_euro = rng.random(k) + 0.1
    extendable = np.flatnonzero(cap > base)
    e_col = np.full(k, -1)
    e_col[extendable] = k + np.arange(len(extendable))
    n = k + len(extendable)
    cost = np.zeros(n)
    cost[:k] = per_euro * base
    cost[e_col[extendable]] = per_euro[extendable]
    rows: list[tuple[list[int], list[float], float, float]] = []

    def amount_row(members, lower, upper):
        cols = [int(j) for j in members] + [int(e_col[j]) for j in members if e_col[j] >= 0]
        vals = [float(base[j]) for j in members] + [1.0 for j in members if e_col[j] >= 0]
        rows.append((cols, vals, lower, upper))

    amount_row(range(k), -INF, float(cap.sum() * rng.uniform(0.3, 0.7)))  # the envelope
    people = rng.permutation(k)
    at = 0
    while at < k - 1:  # companies of 1 to 3 candidates, some with a cap
        size = int(rng.integers(1, 4))
        company = people[at:at + size]
        at += size
        if rng.random() < 0.7:
            amount_row(company, -INF, float(base[company].sum() * rng.uniform(0.6, 1.6)))
    if lower_rows and rng.random() < 0.5:  # a share with a minimum
        group = rng.choice(k, size=max(1, k // 2), replace=False)
        amount_row(group, float(cap[group].sum() * rng.uniform(0.0, 0.3)), INF)
    if rng.random() < 0.5:  # a count of projects
        rows.append((list(range(k)), [1.0] * k, -INF, float(rng.integers(1, k + 1))))
    for j in extendable:  # the links e <= (cap - base) x
        rows.append(([int(e_col[j]), int(j)], [1.0, -float(cap[j] - base[j])], -INF, 0.0))
    start = np.cumsum([0] + [len(c) for c, _, _, _ in rows])
    col_upper = np.ones(n)
    col_upper[e_col[extendable]] = cap[extendable] - base[extendable]
    col_lower = np.zeros(n)
    if rng.random() < 0.3:
        col_lower[int(rng.integers(k))] = 1.0  # a candidate locked in
    integer = np.zeros(n, dtype=bool)
    integer[:k] = True
    return Problem(cost=cost, col_lower=col_lower, col_upper=col_upper, integer=integer, start=start,
                   index=np.concatenate([c for c, _, _, _ in rows]).astype(np.int64),
                   value=np.concatenate([v for _, v, _, _ in rows]).astype(float),
                   row_lower=np.array([lo for _, _, lo, _ in rows]), row_upper=np.array([hi for _, _, _, hi in rows]),
                   amounts=Amounts(np.arange(k), e_col, base, cap))


def optimum(problem: Problem) -> float | None:
    """HiGHS on the whole problem, as it is."""
    solution = solve_highs(problem, EXACT, lambda values, bound: None)
    return solution.objective if solution.status is Status.OPTIMAL else None


def best_flipped(problem: Problem, j: int, value: float) -> float | None:
    """Brute force: the best allocation whose decision for candidate j is `value` (patterns, amounts by LP)."""
    k = len(problem.amounts.x_col)
    best = None
    for bits in itertools.product((0.0, 1.0), repeat=k):
        if bits[j] != value:
            continue
        lower, upper = problem.col_lower.copy(), problem.col_upper.copy()
        lower[:k] = np.maximum(lower[:k], bits)
        upper[:k] = np.minimum(upper[:k], bits)
        if (lower > upper).any():
            continue
        lp = Problem(**{**problem.__dict__, "col_lower": lower, "col_upper": upper,
                        "integer": np.zeros(problem.n_cols, dtype=bool), "amounts": None})
        h = loaded_highs(lp, EXACT)
        h.run()
        solution = read_solution(h, lp, 0.0)
        if solution.status is Status.OPTIMAL and (best is None or solution.objective > best):
            best = solution.objective
    return best


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows of more than 3 candidates couple (the envelope, counts, shares); company caps stay in blocks."""
    monkeypatch.setattr(lagrange, "BLOCK_MAX", 3)
    monkeypatch.setattr(lagrange, "MIN_COLUMNS", 0)
    monkeypatch.setattr(lagrange, "FIRST_CORE", 1)    # a core of one candidate first, then grown: every step runs
    monkeypatch.setattr(lagrange, "CORE_SHARE", 1.0)  # and never handed back to HiGHS for its size


PROBLEMS = st.builds(lambda seed, k: allocation_problem(np.random.default_rng(seed), k),
                     st.integers(0, 2**32 - 1), st.integers(2, 9))
MULTIPLIERS = st.lists(st.floats(-3.0, 3.0), min_size=1, max_size=1)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(PROBLEMS, st.integers(0, 2**32 - 1))
def test_the_bound_holds_for_any_multipliers(small_blocks, problem: Problem, seed: int) -> None:
    blocks = lagrange.split(problem, problem.amounts)
    assert blocks is not None
    truth = optimum(problem)
    y = np.random.default_rng(seed).normal(0.0, 2.0, problem.n_rows)
    bound, _, _ = lagrange.Lagrangian(problem, problem.amounts, blocks).evaluate(y, penalties=True)
    if truth is not None:
        assert bound >= truth - 1e-6 * (1 + abs(truth))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.builds(lambda seed, k: allocation_problem(np.random.default_rng(seed), k), st.integers(0, 2**32 - 1),
                 st.integers(2, 6)))
def test_a_flipped_decision_scores_at_most_the_bound_minus_its_penalty(small_blocks, problem: Problem) -> None:
    blocks = lagrange.split(problem, problem.amounts)
    assert blocks is not None
    y = lagrange.lp_duals(problem, EXACT)
    if y is None:
        return
    lagrangian = lagrange.Lagrangian(problem, problem.amounts, blocks)
    bound, best, penalty = lagrangian.evaluate(y, penalties=True)
    for j in range(len(best)):
        flipped = best_flipped(problem, j, 1.0 - best[j])
        if flipped is not None:
            assert flipped <= bound - penalty[j] + 1e-6 * (1 + abs(bound))
        else:
            assert penalty[j] == INF or flipped is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(PROBLEMS)
def test_what_the_core_proves_is_the_optimum(small_blocks, problem: Problem) -> None:
    truth = optimum(problem)
    solution = lagrange.solve_large(problem, EXACT, lambda values, bound: None, solve_highs)
    if truth is None:  # infeasible: the LP says so first (None: HiGHS then tells it), or the whole core does
        assert solution is None or solution.status is Status.INFEASIBLE
        return
    assert solution is not None
    assert solution.status is Status.OPTIMAL
    assert solution.objective == pytest.approx(truth, rel=1e-7, abs=1e-6)  # HiGHS on the whole: feasible to 1e-7
    v = solution.values
    assert np.all(problem.activity(v) <= problem.row_upper + 1e-6)
    assert np.all(problem.activity(v) >= problem.row_lower - 1e-6)


def test_the_core_is_used_and_proves_on_a_larger_problem(small_blocks) -> None:
    """Not only `None`: on 300 candidates the core proves the optimum HiGHS finds on the whole problem."""
    problem = allocation_problem(np.random.default_rng(3), 300, lower_rows=False)
    reported: list[float] = []
    solution = lagrange.solve_large(problem, EXACT, lambda values, bound: bound is not None and reported.append(bound),
                                    solve_highs)
    assert solution is not None and solution.status is Status.OPTIMAL
    assert solution.objective == pytest.approx(optimum(problem), rel=1e-9)
    assert reported and reported[0] >= solution.objective - 1e-6  # the bound reported holds


def test_crossing_caps_and_large_blocks_couple(small_blocks) -> None:
    """Caps on {0, 1} and {1, 2} cross: greedy amounts would not be exact, so both rows are priced instead;
    a nested pair stays a block."""
    k = 3
    base = np.array([10.0, 10.0, 10.0])

    def caps(index):
        return Problem(cost=np.ones(k), col_lower=np.zeros(k), col_upper=np.ones(k), integer=np.ones(k, bool),
                       start=np.array([0, 2, 4]), index=np.array(index), value=np.full(4, 10.0),
                       row_lower=np.array([-INF, -INF]), row_upper=np.array([15.0, 15.0]),
                       amounts=Amounts(np.arange(k), np.full(k, -1), base, base))

    crossing = lagrange.split(caps([0, 1, 1, 2]), caps([0, 1, 1, 2]).amounts)
    assert crossing.coupling.tolist() == [0, 1] and crossing.members == []
    nested = lagrange.split(caps([0, 1, 0, 1]), caps([0, 1, 0, 1]).amounts)
    assert nested.coupling.tolist() == [] and nested.members == [[0, 1]]
    large = allocation_problem(np.random.default_rng(5), 40)
    blocks = lagrange.split(large, large.amounts)
    assert 0 in blocks.coupling.tolist()  # the envelope over 40 candidates couples
    assert all(len(m) <= 3 for m in blocks.members)


def test_a_problem_without_amounts_or_small_is_not_touched() -> None:
    problem = allocation_problem(np.random.default_rng(1), 5)
    assert lagrange.solve_large(problem, EXACT, lambda values, bound: None, solve_highs) is None  # small
    bare = Problem(**{**problem.__dict__, "amounts": None})
    assert lagrange.solve_large(bare, EXACT, lambda values, bound: None, solve_highs) is None


@pytest.mark.parametrize("funding", ["partial", "all_or_nothing"])
def test_an_allocation_through_the_core_is_the_allocation_highs_finds(funding: str, tmp_path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped baseline on 600 synthetic candidates (envelope scaled): the formulation's problem, solved
    through the core and by HiGHS alone, reaches the same proven optimum."""
    from optimiser.config import load_scenario
    from optimiser.formulation import Formulation
    from optimiser.rules import prepare
    from optimiser.scenarios import SCENARIO_DIR
    from optimiser.scoring import score
    from optimiser.study import Study
    from optimiser.synthetic import generate

    loaded = load_scenario(SCENARIO_DIR / "baseline.yaml")
    scenario = loaded.scenario.model_copy(update={"envelope_eur": 10_000_000, "funding": funding})
    study = Study.of(generate(600, seed=11), scenario, loaded.territory)
    table = study.candidates.table
    prep = prepare(table, score(table, scenario.scoring), scenario, loaded.territory)
    problem = Formulation.of(prep, scenario).problem
    alone = rounds.run_rounds(problem, EXACT, lambda values, bound: None)
    monkeypatch.setattr(lagrange, "MIN_COLUMNS", 0)
    monkeypatch.setattr(lagrange, "FIRST_CORE", 5)
    used: list[Solution | None] = []
    monkeypatch.setattr(rounds, "solve_large", lambda *a: used.append(lagrange.solve_large(*a)) or used[-1])
    through = rounds.run_rounds(problem, EXACT, lambda values, bound: None)  # in this process: `used` is seen
    assert used and used[0] is not None, "the core was not used"
    assert alone.status is through.status is Status.OPTIMAL
    assert through.objective == pytest.approx(alone.objective, rel=1e-7)
