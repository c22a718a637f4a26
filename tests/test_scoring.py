"""Scores: each scale on hand-computed examples, missing policies, weights, ranks, errors, properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from optimiser.errors import InputError
from optimiser.models import Criterion, Scoring
from optimiser.scoring import scale_values, score

NAN = np.nan


def crit(**kwargs: object) -> Criterion:
    kwargs.setdefault("column", "x")
    return Criterion.model_validate(kwargs)


def scoring(pillars: dict) -> Scoring:
    return Scoring.model_validate({"pillars": pillars})


def one(criterion: dict) -> Scoring:
    """A scoring with one pillar `p` holding one criterion `c`."""
    return scoring({"p": {"criteria": {"c": criterion}}})


def table(**columns: list) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    return pd.DataFrame({"id": [f"P{i + 1}" for i in range(n)], **columns})


def eq(actual: object, expected: list[float]) -> None:
    """Exact equality (NaN equal to NaN): for values a hand computation gives exactly."""
    np.testing.assert_array_equal(np.asarray(actual, dtype=float), np.array(expected, dtype=float))


def close(actual: object, expected: list[float]) -> None:
    """Equality up to rounding, for thirds and other values a float cannot hold."""
    np.testing.assert_allclose(np.asarray(actual, dtype=float), np.array(expected, dtype=float), rtol=1e-12)


# -- the kernel, scale by scale ------------------------------------------------------------------

def test_minmax() -> None:
    eq(scale_values(np.array([10.0, 20.0, 30.0, NAN]), crit()), [0, 50, 100, NAN])
    eq(scale_values(np.array([10.0, 20.0, 30.0, NAN]), crit(direction="lower")), [100, 50, 0, NAN])
    eq(scale_values(np.array([7.0, 7.0, NAN]), crit()), [100, 100, NAN])
    eq(scale_values(np.array([7.0, 7.0]), crit(direction="lower")), [100, 100])
    eq(scale_values(np.array([NAN, NAN]), crit()), [NAN, NAN])
    eq(scale_values(np.array([]), crit()), [])


def test_rank_with_average_ties() -> None:
    # ranks 1, 2.5, 2.5, 4 over n = 4 -> (r - 1) / 3 x 100
    eq(scale_values(np.array([10.0, 20.0, 20.0, 40.0, NAN]), crit(scale="rank")), [0, 50, 50, 100, NAN])
    eq(scale_values(np.array([10.0, 20.0, 20.0, 40.0]), crit(scale="rank", direction="lower")),
       [100, 50, 50, 0])
    eq(scale_values(np.array([5.0, 1.0, 3.0]), crit(scale="rank")), [100, 0, 50])
    eq(scale_values(np.array([NAN, 42.0]), crit(scale="rank")), [NAN, 100])
    eq(scale_values(np.array([3.0, 3.0, 3.0]), crit(scale="rank")), [50, 50, 50])


def test_log() -> None:
    # log10(1 + v) = 0, 1, 2 -> minmax; negative values floored at 0
    eq(scale_values(np.array([0.0, 9.0, 99.0, -5.0, NAN]), crit(scale="log")), [0, 50, 100, 0, NAN])
    eq(scale_values(np.array([0.0, 9.0, 99.0]), crit(scale="log", direction="lower")), [100, 50, 0])


def test_piecewise() -> None:
    c = crit(scale="piecewise", points=[[0, 0], [10, 0.5], [20, 1]])
    eq(scale_values(np.array([-5.0, 0.0, 5.0, 10.0, 15.0, 20.0, 30.0, NAN]), c), [0, 0, 25, 50, 75, 100, 100, NAN])
    decreasing = crit(scale="piecewise", points=[[0, 1], [100, 0]])  # the points say lower is better
    eq(scale_values(np.array([0.0, 25.0, 200.0]), decreasing), [100, 75, 0])
    with pytest.raises(ValueError, match="`direction` ne s.applique pas à l.échelle `piecewise`"):
        crit(scale="piecewise", points=[[0, 1], [100, 0]], direction="lower")


def test_threshold() -> None:
    eq(scale_values(np.array([5.0, 10.0, 15.0, NAN]), crit(scale="threshold", threshold=10)), [0, 100, 100, NAN])
    eq(scale_values(np.array([5.0, 10.0, 15.0]), crit(scale="threshold", threshold=10, direction="lower")),
       [100, 100, 0])


def test_target() -> None:
    c = crit(scale="target", target=50, tolerance=10)
    eq(scale_values(np.array([50.0, 45.0, 55.0, 60.0, 70.0, NAN]), c), [100, 50, 50, 0, 0, NAN])


def test_raw_passes_values_through() -> None:
    values = np.array([12.5, 88.125, NAN, 250.0, -3.0])
    eq(scale_values(values, crit(scale="raw")), values.tolist())
    eq(scale_values(values, crit(scale="raw", direction="lower")), values.tolist())


def test_infinite_values_count_as_missing() -> None:
    eq(scale_values(np.array([0.0, np.inf, 10.0]), crit()), [0, NAN, 100])


def test_kernel_does_not_modify_its_input() -> None:
    values = np.array([1.0, np.inf, 3.0])
    scale_values(values, crit())
    eq(values, [1.0, np.inf, 3.0])


# -- score: totals, pillars, raw pass-through ----------------------------------------------------

def test_raw_pass_through_of_an_existing_score() -> None:
    existing = [12.5, 88.0, 100.0, 0.0, 61.3333333333]
    result = score(table(s=existing), one({"column": "s", "scale": "raw"}))
    eq(result.criteria["p.c"], existing)
    eq(result.pillars["p"], existing)
    eq(result.total, existing)
    assert result.notes == []
    assert result.weights == {"p.c": 1.0}


def test_output_shape_and_types() -> None:
    result = score(table(x=[3.0, 1.0, 2.0]), one({"column": "x"}))
    assert result.ids == ["P1", "P2", "P3"]
    assert list(result.criteria.index) == ["P1", "P2", "P3"]
    assert list(result.criteria.columns) == ["p.c"]
    assert list(result.pillars.columns) == ["p"]
    assert str(result.rank.dtype) == "Int64"
    assert result.rank.tolist() == [1, 3, 2]
    eq(result.total, [100, 0, 50])


def test_two_pillars_weighted_total() -> None:
    s = scoring({
        "growth": {"weight": 0.75, "criteria": {
            "jobs": {"column": "jobs"},
            "export": {"column": "export", "scale": "threshold", "threshold": 1, "weight": 1}}},
        "climate": {"weight": 0.25, "criteria": {"co2": {"column": "co2", "direction": "lower"}}},
    })
    t = table(jobs=[0, 10, 20], export=[0, 1, 1], co2=[100, 50, 0])
    result = score(t, s)
    eq(result.criteria["growth.jobs"], [0, 50, 100])
    eq(result.criteria["growth.export"], [0, 100, 100])
    eq(result.criteria["climate.co2"], [0, 50, 100])
    eq(result.pillars["growth"], [0, 75, 100])
    eq(result.total, [0, 0.75 * 75 + 0.25 * 50, 100])
    assert result.weights == {"growth.jobs": 0.375, "growth.export": 0.375, "climate.co2": 0.25}
    assert result.notes == ["la somme des poids des critères du pilier growth valait 2 ; ramenée à 1"]


def test_weight_normalisation_notes() -> None:
    s = scoring({
        "a": {"weight": 0.6, "criteria": {"x": {"column": "x", "weight": 3}, "y": {"column": "y", "weight": 1}}},
        "b": {"weight": 0.3, "criteria": {"z": {"column": "z", "weight": 0.5}}},
    })
    result = score(table(x=[0, 1], y=[0, 1], z=[1, 0]), s)
    assert result.notes == [
        "la somme des poids des piliers valait 0,9 ; ramenée à 1",
        "la somme des poids des critères du pilier a valait 4 ; ramenée à 1",
        "la somme des poids des critères du pilier b valait 0,5 ; ramenée à 1",
    ]
    assert result.weights == pytest.approx({"a.x": 0.5, "a.y": 1 / 6, "b.z": 1 / 3}, abs=1e-15)
    assert sum(result.weights.values()) == pytest.approx(1.0, abs=1e-12)
    close(result.total, [1 / 3 * 100, 2 / 3 * 100])


def test_weights_within_tolerance_give_no_note() -> None:
    s = scoring({"a": {"weight": 0.1 + 0.2, "criteria": {"x": {"column": "x"}}},
                 "b": {"weight": 0.7, "criteria": {"y": {"column": "y"}}}})
    assert score(table(x=[0, 1], y=[1, 0]), s).notes == []


def test_zero_weights_are_an_error_with_yaml_path() -> None:
    s = scoring({"growth": {"criteria": {"a": {"column": "x", "weight": 0}, "b": {"column": "x", "weight": 0}}},
                 "climate": {"weight": 0, "criteria": {"c": {"column": "x"}}}})
    with pytest.raises(InputError) as caught:
        score(table(x=[1, 2]), s)
    assert "scoring.pillars.growth.criteria: la somme des poids est 0" in str(caught.value)
    s = scoring({"growth": {"weight": 0, "criteria": {"a": {"column": "x"}}}})
    with pytest.raises(InputError, match="scoring.pillars: la somme des poids est 0"):
        score(table(x=[1, 2]), s)


def test_zero_weight_pillar_is_still_reported() -> None:
    s = scoring({"a": {"criteria": {"x": {"column": "x"}}}, "b": {"weight": 0, "criteria": {"y": {"column": "y"}}}})
    result = score(table(x=[0, 10], y=[10, 0]), s)
    eq(result.pillars["b"], [100, 0])
    eq(result.total, [0, 100])
    assert result.weights == {"a.x": 1.0, "b.y": 0.0}


# -- expression criteria -------------------------------------------------------------------------

def test_expression_criterion() -> None:
    s = one({"expression": "requested_eur / (tco2e_avoided_per_year * lifetime_years)",
             "direction": "lower", "missing": "worst"})
    t = table(requested_eur=[100_000, 200_000, 50_000, 10_000],
              tco2e_avoided_per_year=[10, 10, 0, 5], lifetime_years=[10, 10, 10, 1])
    # EUR per tonne: 1000, 2000, division by zero (missing), 2000
    result = score(t, s)
    eq(result.criteria["p.c"], [100, 0, 0, 0])
    assert result.notes == ["scoring.pillars.p.criteria.c : 1 valeur(s) manquante(s) (P3) remplacée(s) par le pire "
                            "score, 0"]


def test_expression_division_by_zero_follows_exclude() -> None:
    s = one({"expression": "eur / jobs", "missing": "exclude", "direction": "lower"})
    result = score(table(eur=[100, 100, 300], jobs=[1, 0, 1]), s)
    assert result.excluded == {"P2": "valeur manquante pour c (eur / jobs)"}
    eq(result.criteria["p.c"], [100, NAN, 0])


def test_constant_expression() -> None:
    result = score(table(x=[1, 2]), one({"expression": "50", "scale": "raw"}))
    eq(result.total, [50, 50])


def test_missing_worst_raw_is_the_worst_observed() -> None:
    eq(score(table(x=[10, NAN, 30]), one({"column": "x", "scale": "raw"})).total, [10, 10, 30])
    eq(score(table(x=[10, NAN, 30]), one({"column": "x", "scale": "raw", "direction": "lower"})).total,
       [10, 30, 30])


def test_missing_median() -> None:
    # scaled: 0, 50, 100 (minmax of 0, 10, 20); the median of the scaled values is 50
    result = score(table(x=[0, NAN, 20, 10, NAN]), one({"column": "x", "missing": "median"}))
    eq(result.criteria["p.c"], [0, 50, 100, 50, 50])
    # an even count takes the mean of the middle two: scaled 0, 100/3, 200/3, 100
    result = score(table(x=[0, 1, 2, 3, NAN]), one({"column": "x", "missing": "median", "scale": "rank"}))
    close(result.criteria["p.c"], [0, 100 / 3, 200 / 3, 100, 50])


def test_missing_exclude() -> None:
    s = scoring({"growth": {"criteria": {"jobs": {"column": "jobs_created", "missing": "exclude"},
                                         "export": {"column": "export"}}}})
    result = score(table(jobs_created=[10, NAN, 30, 20], export=[1, 2, 3, 4]), s)
    assert result.excluded == {"P2": "valeur manquante pour jobs (jobs_created)"}
    close(result.total.to_numpy(), [0, NAN, (100 + 200 / 3) / 2, (50 + 100) / 2])
    assert result.rank.isna().tolist() == [False, True, False, False]
    assert result.rank.dropna().to_dict() == {"P1": 3, "P3": 1, "P4": 2}
    close(result.criteria.loc["P2"], [NAN, 100 / 3])  # the other criterion stays visible
    assert np.isnan(result.pillars.loc["P2", "growth"])
    # statistics still use every row: P2's export counts in the minmax
    close(result.criteria["growth.export"], [0, 100 / 3, 200 / 3, 100])


def test_missing_exclude_reasons_accumulate() -> None:
    s = scoring({"a": {"criteria": {"x": {"column": "x", "missing": "exclude"}}},
                 "b": {"criteria": {"y": {"expression": "u / v", "missing": "exclude"}}}})
    result = score(table(x=[NAN, 1], u=[1, 1], v=[0, 1]), s)
    assert result.excluded == {"P1": "valeur manquante pour x (x); valeur manquante pour y (u / v)"}
    assert result.rank.tolist()[1] == 1


def test_missing_error_lists_every_id() -> None:
    s = scoring({"growth": {"criteria": {"jobs": {"column": "jobs", "missing": "error"},
                                         "ca": {"column": "ca", "missing": "error"}}}})
    with pytest.raises(InputError) as caught:
        score(table(jobs=[1, NAN, 3, NAN], ca=[1, 2, NAN, 4]), s)
    problems = caught.value.problems
    assert [p.where for p in problems] == ["scoring.pillars.growth.criteria.jobs",
                                           "scoring.pillars.growth.criteria.ca"]
    assert "P2, P4" in problems[0].message and "jobs" in problems[0].message
    assert "P3" in problems[1].message
    assert caught.value.exit_code == 2


def test_no_value_at_all() -> None:
    for policy in ("worst", "median"):
        result = score(table(x=[NAN, NAN]), one({"column": "x", "missing": policy}))
        eq(result.total, [0, 0])
        assert result.notes == ["scoring.pillars.p.criteria.c : aucun candidat n'a de valeur pour x ; "
                                "tous obtiennent 0 sur ce critère"]
    result = score(table(x=[NAN, NAN]), one({"column": "x", "missing": "exclude"}))
    assert set(result.excluded) == {"P1", "P2"}
    assert result.rank.isna().all()


def test_nullable_and_object_numeric_columns() -> None:
    t = pd.DataFrame({"id": ["A", "B", "C"], "x": pd.array([1, None, 3], dtype="Int64"),
                      "y": pd.Series([1.5, None, 0.5], dtype=object)})
    s = scoring({"p": {"criteria": {"x": {"column": "x"}, "y": {"column": "y", "scale": "raw"}}}})
    result = score(t, s)
    eq(result.criteria["p.x"], [0, 0, 100])
    eq(result.criteria["p.y"], [1.5, 0.5, 0.5])


# -- ranks, determinism ---------------------------------------------------------------------------

def test_rank_ties_broken_by_id_in_string_order() -> None:
    t = pd.DataFrame({"id": ["P2", "P10", "P1", "B"], "x": [5.0, 5.0, 1.0, 5.0]})
    result = score(t, one({"column": "x"}))
    assert result.rank.to_dict() == {"P2": 3, "P10": 2, "P1": 4, "B": 1}


def test_numeric_ids_become_text() -> None:
    t = pd.DataFrame({"siren": [3, 1, 2], "x": [1.0, 2.0, 3.0]})
    result = score(t, one({"column": "x"}), id_column="siren")
    assert result.ids == ["3", "1", "2"]
    assert result.rank.to_dict() == {"3": 3, "1": 2, "2": 1}


def _rich_scoring() -> Scoring:
    return scoring({
        "growth": {"weight": 2, "criteria": {
            "jobs": {"column": "jobs", "scale": "log", "missing": "median"},
            "cost": {"expression": "eur / jobs", "direction": "lower", "scale": "rank", "weight": 3}}},
        "climate": {"weight": 1.5, "criteria": {
            "co2": {"column": "co2", "missing": "exclude"},
            "fit": {"column": "co2", "scale": "target", "target": 40, "tolerance": 25},
            "pw": {"column": "eur", "scale": "piecewise", "points": [[0, 1], [1e5, 0.25], [1e6, 0]]}}},
        "legacy": {"weight": 0.5, "criteria": {"s": {"column": "legacy", "scale": "raw"}}},
    })


def _rich_table(rng: np.random.Generator, n: int) -> pd.DataFrame:
    jobs = rng.integers(0, 50, n).astype(float)
    jobs[rng.random(n) < 0.15] = NAN
    co2 = np.round(rng.normal(40, 30, n), 1)
    co2[rng.random(n) < 0.1] = NAN
    return pd.DataFrame({
        "id": [f"P{i:03d}" for i in rng.permutation(n)],
        "jobs": jobs, "co2": co2,
        "eur": rng.integers(1, 40, n) * 25_000.0,
        "legacy": np.round(rng.uniform(0, 100, n), 2),
    })


def test_permutation_invariance_and_determinism() -> None:
    rng = np.random.default_rng(7)
    t = _rich_table(rng, 40)
    s = _rich_scoring()
    first = score(t, s)
    again = score(t.copy(), s)
    pd.testing.assert_frame_equal(first.criteria, again.criteria, check_exact=True)
    pd.testing.assert_series_equal(first.total, again.total, check_exact=True)
    assert first.notes == again.notes
    shuffled = t.iloc[rng.permutation(len(t))].reset_index(drop=True)
    other = score(shuffled, s)
    assert other.ids != first.ids  # rows really moved
    ids = sorted(first.ids)
    pd.testing.assert_frame_equal(first.criteria.loc[ids], other.criteria.loc[ids], check_exact=True)
    pd.testing.assert_frame_equal(first.pillars.loc[ids], other.pillars.loc[ids], check_exact=True)
    pd.testing.assert_series_equal(first.total.loc[ids], other.total.loc[ids], check_exact=True)
    pd.testing.assert_series_equal(first.rank.loc[ids], other.rank.loc[ids])
    assert first.excluded == other.excluded
    assert first.weights == other.weights
    assert len(first.excluded) > 0  # the example exercises every path


# -- input errors with YAML paths ----------------------------------------------------------------

def test_missing_and_non_numeric_columns() -> None:
    s = scoring({"growth": {"criteria": {
        "jobs": {"column": "jobs_created"},
        "name": {"column": "name"},
        "cost": {"expression": "eur / nope"},
        "bad": {"expression": "eur ** 2"},
    }}})
    t = pd.DataFrame({"id": ["A", "B"], "name": ["Acme", "Bolt"], "eur": [1.0, 2.0]})
    with pytest.raises(InputError) as caught:
        score(t, s)
    found = {(p.where, p.message) for p in caught.value.problems}
    assert ("scoring.pillars.growth.criteria.jobs", "la colonne 'jobs_created' n'est pas dans la table des candidats"
            ) in found
    assert ("scoring.pillars.growth.criteria.name", "la colonne 'name' n'est pas numérique : 'Acme' (ligne 1), "
            "'Bolt' (ligne 2)") in found
    assert ("scoring.pillars.growth.criteria.cost.expression", "la colonne 'nope' n'est pas dans la table des "
            "candidats") in found
    assert any(w == "scoring.pillars.growth.criteria.bad.expression" and "la puissance (**) n'est pas autorisée" in m
               for w, m in found)
    assert len(found) == 4


def test_text_numbers_are_not_silently_converted() -> None:
    with pytest.raises(InputError, match="la colonne 'x' n'est pas numérique : '12'"):
        score(pd.DataFrame({"id": ["A"], "x": ["12"]}), one({"column": "x"}))


def test_id_problems() -> None:
    with pytest.raises(InputError, match="pas de colonne d'identifiant 'id'"):
        score(pd.DataFrame({"x": [1.0]}), one({"column": "x"}))
    with pytest.raises(InputError, match="identifiant en double : A"):
        score(pd.DataFrame({"id": ["A", "A"], "x": [1.0, 2.0]}), one({"column": "x"}))
    with pytest.raises(InputError, match=r"identifiant manquant à la ligne 2"):
        score(pd.DataFrame({"id": ["A", None], "x": [1.0, 2.0]}), one({"column": "x"}))


def test_empty_table() -> None:
    result = score(pd.DataFrame({"id": pd.Series([], dtype=str), "x": pd.Series([], dtype=float)}),
                   one({"column": "x"}))
    assert result.ids == [] and len(result.total) == 0 and result.excluded == {}


# -- properties ----------------------------------------------------------------------------------

_BOUNDED_CRITERIA = st.one_of(
    st.fixed_dictionaries({"scale": st.sampled_from(["minmax", "rank", "log"]),
                           "direction": st.sampled_from(["higher", "lower"])}),
    st.just({"scale": "piecewise", "points": [[-10, 0.2], [0, 1], [50, 0]]}),
    st.fixed_dictionaries({"scale": st.just("threshold"), "threshold": st.floats(-50, 50),
                           "direction": st.sampled_from(["higher", "lower"])}),
    st.fixed_dictionaries({"scale": st.just("target"), "target": st.floats(-50, 50),
                           "tolerance": st.floats(0.1, 100)}),
)
_CELL = st.one_of(st.just(NAN), st.floats(-1e4, 1e4, allow_nan=False, allow_infinity=False))


@settings(max_examples=60, deadline=None)
@given(data=st.data(), n=st.integers(1, 8))
def test_bounded_scales_keep_totals_within_0_100(data: st.DataObject, n: int) -> None:
    pillars = {}
    columns = {}
    for p in range(data.draw(st.integers(1, 3))):
        criteria = {}
        for c in range(data.draw(st.integers(1, 3))):
            name = f"x{p}{c}"
            spec = dict(data.draw(_BOUNDED_CRITERIA))
            spec.update(column=name, weight=data.draw(st.floats(0.01, 10)),
                        missing=data.draw(st.sampled_from(["worst", "median", "exclude"])))
            criteria[f"c{c}"] = spec
            columns[name] = data.draw(st.lists(_CELL, min_size=n, max_size=n))
        pillars[f"p{p}"] = {"weight": data.draw(st.floats(0.01, 10)), "criteria": criteria}
    result = score(table(**columns), scoring(pillars))
    for frame in (result.criteria, result.pillars):
        values = frame.to_numpy().ravel()
        values = values[~np.isnan(values)]
        assert ((values >= 0) & (values <= 100 + 1e-9)).all()
    total = result.total.to_numpy()
    assert (np.isnan(total) == result.rank.isna().to_numpy()).all()
    kept = total[~np.isnan(total)]
    assert ((kept >= 0) & (kept <= 100 + 1e-9)).all()
    assert sorted(result.rank.dropna().tolist()) == list(range(1, len(kept) + 1))
    assert sum(result.weights.values()) == pytest.approx(1.0)


@settings(max_examples=80, deadline=None)
@given(x=st.lists(st.one_of(st.just(NAN), st.floats(-1e3, 1e3)), min_size=1, max_size=8),
       y=st.data(), raise_by=st.floats(0, 1e3), pick=st.integers(0, 7),
       policy=st.sampled_from(["worst", "median"]))
def test_raising_a_higher_minmax_value_never_lowers_the_total(x: list[float], y: st.DataObject, raise_by: float,
                                                               pick: int, policy: str) -> None:
    n = len(x)
    i = pick % n
    assume(not np.isnan(x[i]))
    others = y.draw(st.lists(st.floats(0, 100), min_size=n, max_size=n))
    s = scoring({"a": {"weight": 2, "criteria": {"x": {"column": "x", "missing": policy},
                                                  "o": {"column": "o", "scale": "rank"}}},
                 "b": {"criteria": {"r": {"column": "o", "scale": "raw"}}}})
    before = score(table(x=x, o=others), s).total.iloc[i]
    raised = list(x)
    raised[i] = x[i] + raise_by
    after = score(table(x=raised, o=others), s).total.iloc[i]
    assert after >= before - 1e-9
