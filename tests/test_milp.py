"""The solver layer reports what the solver proved, never more."""

from __future__ import annotations

import numpy as np
import pytest

from optimiser.milp import Problem, Settings, Status, rounds, solve
from optimiser.milp.cbc import to_pulp

INF = np.inf


def knapsack(values, weights, capacity, integer=True, lazy=None) -> Problem:
    n = len(values)
    return Problem(
        cost=np.asarray(values, float), col_lower=np.zeros(n), col_upper=np.ones(n),
        integer=np.full(n, integer), start=np.array([0, n]), index=np.arange(n),
        value=np.asarray(weights, float), row_lower=np.array([-INF]), row_upper=np.array([capacity], float),
        lazy_integer=lazy,
    )


def market_split(seed: int, n: int = 50, rows: int = 4) -> Problem:
    """Cornuéjols-Dawande instances: tiny, and famously hard for branch and bound."""
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 100, size=(rows, n)).astype(float)
    rhs = np.floor(a.sum(axis=1) / 2)
    return Problem(
        cost=rng.random(n), col_lower=np.zeros(n), col_upper=np.ones(n), integer=np.ones(n, bool),
        start=np.arange(0, rows * n + 1, n), index=np.tile(np.arange(n), rows), value=a.ravel(),
        row_lower=rhs, row_upper=rhs,
    )


@pytest.mark.parametrize("solver", ["highs", "cbc"])
def test_knapsack_is_solved_exactly(solver):
    problem = knapsack([10, 7, 6, 5], [5, 4, 3, 2], 9)
    solution = solve(problem, Settings(solver=solver))
    assert solution.status is Status.OPTIMAL
    assert solution.objective == pytest.approx(18)  # 7 + 6 + 5 (weight 9) beats 10 + 6 (weight 8)
    assert np.round(solution.values).tolist() == [0, 1, 1, 1]


@pytest.mark.parametrize("solver", ["highs", "cbc"])
def test_infeasible_is_reported_as_such(solver):
    problem = knapsack([1, 1], [1, 1], 1)
    problem = Problem(**{**problem.__dict__, "row_lower": np.array([3.0]), "row_upper": np.array([5.0])})
    solution = solve(problem, Settings(solver=solver))
    assert solution.status is Status.INFEASIBLE
    assert not solution.has_values


def test_time_limit_is_never_reported_as_optimal():
    solution = solve(market_split(7), Settings(solver="highs", time_limit_s=0.2))
    assert solution.status in (Status.FEASIBLE, Status.NO_SOLUTION)
    assert "temps" in solution.message.lower()
    if solution.status is Status.FEASIBLE:
        assert solution.gap is not None and solution.gap > 0


def test_lazy_integer_columns_end_integral_and_optimal():
    # A continuous relaxation gives x = 2.5 for the middle column; the answer must be whole.
    problem = Problem(
        cost=np.array([1.0, 1.0]), col_lower=np.zeros(2), col_upper=np.array([10.0, 10.0]),
        integer=np.array([True, True]), start=np.array([0, 2]), index=np.array([0, 1]),
        value=np.array([2.0, 2.0]), row_lower=np.array([-INF]), row_upper=np.array([5.0]),
        lazy_integer=np.array([True, True]),
    )
    solution = solve(problem)
    assert solution.status is Status.OPTIMAL
    assert np.allclose(solution.values, np.round(solution.values))
    assert solution.objective == pytest.approx(2.0)


def test_pulp_model_matches_the_arrays():
    problem = knapsack([10, 7, 6, 5], [5, 4, 3, 2], 9)
    model, variables = to_pulp(problem)
    assert len(variables) == 4
    constraint = model.get_constraint_by_name("r0_max")
    assert [constraint[v] for v in variables] == [5, 4, 3, 2]
    assert constraint.constant == -9


def test_missing_highs_falls_back_to_cbc_and_says_so(monkeypatch):
    monkeypatch.setattr(rounds, "highs_available", lambda: False)
    solution = solve(knapsack([10, 7, 6, 5], [5, 4, 3, 2], 9), Settings(solver="highs"))
    assert solution.solver == "cbc" and solution.status is Status.OPTIMAL
    assert any("CBC" in note for note in solution.notes)


def test_activity_sums_rows():
    problem = knapsack([1, 1, 1], [1, 2, 3], 10)
    assert problem.activity(np.array([1.0, 1.0, 0.0])).tolist() == [3.0]


def test_an_objective_of_tiny_costs_is_solved_as_well_as_a_normal_one():
    """Requests of billions of euros give costs per euro of 1e-9: HiGHS's optimality tolerance saw them all as zero
    and proved "optimal" allocations of 1 € each. The costs are scaled for the solver, the answer read back unscaled."""
    import numpy as np

    from optimiser.milp import Problem, Settings, Status, solve

    for factor in (1.0, 1e-9):
        problem = Problem(cost=np.array([3.0, 2.0, 1.0]) * factor, col_lower=np.zeros(3), col_upper=np.full(3, 10.0),
                          integer=np.ones(3, dtype=bool), start=np.array([0, 3]), index=np.array([0, 1, 2]),
                          value=np.ones(3), row_lower=np.array([-np.inf]), row_upper=np.array([15.0]))
        solution = solve(problem, Settings(time_limit_s=10))
        assert solution.status is Status.OPTIMAL
        assert solution.values.tolist() == [10.0, 5.0, 0.0]
        assert solution.objective == pytest.approx(40.0 * factor, rel=1e-9)


def test_a_resolver_applies_every_change_of_bounds_and_skips_only_repeats():
    """Bounds equal to those in force are not passed again; any change is, back and forth."""
    from optimiser.milp import Resolver

    problem = knapsack([10, 7, 6, 5], [5, 4, 3, 2], 9)
    resolver = Resolver(problem)
    best = np.round(resolver.solve().values).tolist()
    assert best == [0, 1, 1, 1]
    upper = problem.col_upper.copy()
    upper[1] = 0.0  # item 1 out: 10 + 6 (weight 8) is now best
    resolver.set_col_bounds(problem.col_lower, upper)
    assert np.round(resolver.solve().values).tolist() == [1, 0, 1, 0]
    resolver.set_col_bounds(problem.col_lower, upper)  # the same again: still out
    assert np.round(resolver.solve().values).tolist() == [1, 0, 1, 0]
    resolver.set_col_bounds(problem.col_lower, problem.col_upper)  # back: the first optimum again
    assert np.round(resolver.solve().values).tolist() == best
