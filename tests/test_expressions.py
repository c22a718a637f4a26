"""The restricted expression language: what it accepts, what it refuses (fast), and how it computes."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optimiser import messages
from optimiser.expressions import Expression, ExpressionError, parse_expression

NAN = np.nan


# -- accepted ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "condition", "columns"), [
    ("a", False, {"a"}),
    ("12", False, set()),
    ("1_000.5e-3 * a", False, {"a"}),
    ("-a + +b", False, {"a", "b"}),
    ("(a + b) * (a - b) / 2", False, {"a", "b"}),
    ("requested_eur / (tco2e_avoided_per_year * lifetime_years)", False,
     {"requested_eur", "tco2e_avoided_per_year", "lifetime_years"}),
    ("émissions_évitées / 2", False, {"émissions_évitées"}),
    ("open", False, {"open"}),  # a column that happens to share a builtin's name is just a column
    ("a\n  + b", False, {"a", "b"}),  # a YAML block scalar
    ("a > 1", True, {"a"}),
    ("0 <= a < b", True, {"a", "b"}),
    ("a == 1 or b != 2", True, {"a", "b"}),
    ("not (a > 1) and (b < 2 or a >= 3)", True, {"a", "b"}),
    ("requested_eur / jobs <= 50000", True, {"requested_eur", "jobs"}),
])
def test_accepted(text: str, condition: bool, columns: set[str]) -> None:
    expression = parse_expression(text, condition=condition)
    assert expression.columns == frozenset(columns)
    assert expression.is_condition is condition
    assert expression.text == text


# -- refused, each with the expected message, each fast --------------------------------------------

REFUSED = [
    ("__import__('os')", False, "calling functions is not allowed: '__import__(...)'"),
    ("open('/etc/passwd')", False, "calling functions is not allowed: 'open(...)'"),
    ("f(x)", False, "calling functions is not allowed: 'f(...)'"),
    ("a + f(x)", False, "calling functions is not allowed: 'f(...)' (column 5)"),
    ("().__class__", False, "attribute access is not allowed: '().__class__'"),
    ("a.b", False, "attribute access is not allowed: 'a.b'"),
    ("a[0]", False, "subscripts (x[...]) are not allowed: 'a[0]'"),
    ("lambda: 1", False, "lambdas are not allowed"),
    ("[x for x in a]", False, "comprehensions are not allowed"),
    ("10**10**10", False, "power (**) is not allowed"),
    ("a ** 2", False, "power (**) is not allowed"),
    ("a // 2", False, "floor division (//) is not allowed"),
    ("a % 2", False, "modulo (%) is not allowed"),
    ("a & b", False, "bit operations are not allowed"),
    ("a << 2", False, "bit operations are not allowed"),
    ("~a", False, "bit operations are not allowed"),
    ("(a := 1)", False, "assignment (:=) is not allowed"),
    ("a if b else c", False, "conditional expressions"),
    ("'text'", False, "strings are not allowed"),
    ("f'{a}'", False, "strings are not allowed"),
    ("b'x'", False, "strings are not allowed"),
    ("1j", False, "complex numbers are not allowed"),
    ("True", False, "True/False are not allowed"),
    ("None", False, "None is not allowed"),
    ("1e999", False, "this number is too large: '1e999'"),
    ("9" * 400, False, "this number is too large"),
    ("_secret + 1", False, "names starting with '_' are not allowed: '_secret'"),
    ("[1, 2]", False, "lists are not allowed"),
    ("(1, 2)", False, "tuples are not allowed"),
    ("{1: 2}", False, "dictionaries are not allowed"),
    ("*a", False, "syntax error"),
    ("a +", False, "syntax error at the end"),
    ("1 +* 2", False, "syntax error at column 4"),
    ("import os", False, "syntax error at column 1"),
    ("a = 1", False, "syntax error"),
    ("", False, "the expression is empty"),
    ("   ", False, "the expression is empty"),
    ("a" * 10_000, False, "the expression is too long (10,000 characters, at most 1,000)"),
    ("(" * 1000 + "a" + ")" * 1000, False, "the expression is too long"),
    ("(" * 60 + "a" + ")" * 60, False, "brackets are nested too deeply (more than 50 levels) at column 51"),
    ("-" * 900 + "a", False, "the expression is too complex"),
    ("+".join(["a"] * 300), False, "the expression is too complex"),
    ("+".join(["a"] * 60), False, "the expression is nested too deeply"),
    ("a > 1", False, "comparisons and and/or/not are only allowed in conditions, not in a value: 'a > 1'"),
    ("a + (b < 1)", False, "only allowed in conditions"),
    ("a", True, "a condition must be a comparison"),
    ("a + b", True, "a condition must be a comparison"),
    ("(a > 1) + 1 > 0", True, "a comparison or and/or/not cannot be used as a number"),
    ("a > 1 and b", True, "and/or/not need comparisons on each side, not a number: 'b'"),
    ("not a", True, "and/or/not need comparisons on each side"),
    ("a > 1 and f(x)", True, "calling functions is not allowed: 'f(...)'"),
    ("a is b", True, "the operator 'is' is not allowed"),
    ("a in b", True, "the operator 'in' is not allowed"),
    ("a > 1 == True", True, "True/False are not allowed"),
]


@pytest.mark.parametrize(("text", "condition", "fragment"), REFUSED, ids=[r[0][:40] for r in REFUSED])
def test_refused(text: str, condition: bool, fragment: str) -> None:
    started = time.perf_counter()
    with pytest.raises(ExpressionError) as caught, messages.using("en"):  # the English wording of each refusal
        parse_expression(text, condition=condition)
    assert time.perf_counter() - started < 0.1
    assert fragment in str(caught.value)
    assert len(str(caught.value)) < 300  # hostile input is not echoed in full


def test_error_is_a_value_error_with_position() -> None:
    with pytest.raises(ValueError):
        parse_expression("a.b")
    with pytest.raises(ExpressionError) as caught:
        parse_expression("x + y.z")
    assert caught.value.column == 5
    assert caught.value.text == "x + y.z"


def test_non_text_refused() -> None:
    with pytest.raises(ExpressionError, match="doit être du texte, pas int"):
        parse_expression(3)  # type: ignore[arg-type]


# -- evaluation ----------------------------------------------------------------------------------

def _eq(actual: np.ndarray, expected: list[float]) -> None:
    np.testing.assert_array_equal(actual, np.array(expected, dtype=float))


def test_example_cost_per_tonne() -> None:
    expression = parse_expression("requested_eur / (tco2e_avoided_per_year * lifetime_years)")
    result = expression.evaluate({
        "requested_eur": np.array([100_000, 50_000, 30_000, NAN, 10]),
        "tco2e_avoided_per_year": np.array([20, 0, 10, 5, 1]),
        "lifetime_years": np.array([10, 10, 0.5, 10, NAN]),
    })
    _eq(result, [500.0, NAN, 6000.0, NAN, NAN])


def test_division_by_zero_is_missing_not_inf() -> None:
    expression = parse_expression("a / b")
    _eq(expression.evaluate({"a": np.array([1.0, -1.0, 0.0, 6.0]), "b": np.array([0.0, -0.0, 0.0, 3.0])}),
        [NAN, NAN, NAN, 2.0])
    _eq(parse_expression("1 / (a - a)").evaluate({"a": np.array([3.0])}), [NAN])


def test_nan_propagates_through_arithmetic() -> None:
    expression = parse_expression("-(a * 0 + b) - 1")
    _eq(expression.evaluate({"a": np.array([NAN, 1.0, np.inf]), "b": np.array([1.0, NAN, 1.0])}),
        [NAN, NAN, NAN])


def test_integer_and_boolean_columns_are_read_as_floats() -> None:
    result = parse_expression("a / 2 + b").evaluate({"a": np.array([1, 3]), "b": np.array([True, False])})
    assert result.dtype == np.float64
    _eq(result, [1.5, 1.5])


def test_constant_takes_the_row_count_of_the_columns_given() -> None:
    _eq(parse_expression("2 * 3").evaluate({"x": np.zeros(3)}), [6.0, 6.0, 6.0])


def test_unknown_column_is_a_key_error_naming_it() -> None:
    with pytest.raises(KeyError, match="jobs"):
        parse_expression("eur / jobs").evaluate({"eur": np.array([1.0])})


def test_evaluate_does_not_modify_inputs() -> None:
    a = np.array([1.0, 0.0])
    parse_expression("1 / a").evaluate({"a": a})
    _eq(a, [1.0, 0.0])


def test_hand_built_expression_is_checked_before_running() -> None:
    assert Expression("a + 1", frozenset({"a"}), False).evaluate({"a": np.array([1.0])}).tolist() == [2.0]
    with pytest.raises(ExpressionError):
        Expression("f(a)", frozenset({"a"}), False).evaluate({"a": np.array([1.0])})


def test_comparisons_give_one_zero_or_nan() -> None:
    cols = {"a": np.array([1.0, 2.0, 3.0, NAN]), "b": np.array([2.0, 2.0, 2.0, 2.0])}
    cases = {
        "a < b": [1, 0, 0, NAN], "a <= b": [1, 1, 0, NAN], "a > b": [0, 0, 1, NAN],
        "a >= b": [0, 1, 1, NAN], "a == b": [0, 1, 0, NAN], "a != b": [1, 0, 1, NAN],
    }
    for text, expected in cases.items():
        _eq(parse_expression(text, condition=True).evaluate(cols), expected)


def test_chained_comparison_is_and_of_pairs() -> None:
    expression = parse_expression("a < b <= c", condition=True)
    cols = {"a": np.array([1.0, 1.0, 3.0, NAN, 1.0, 3.0]),
            "b": np.array([2.0, 2.0, 2.0, 2.0, NAN, 2.0]),
            "c": np.array([2.0, 1.0, 5.0, 3.0, 3.0, NAN])}
    # a<b<=c; false second; false first; NaN first & true second; NaN both; false first & NaN second
    _eq(expression.evaluate(cols), [1, 0, 0, NAN, NAN, 0])


def test_and_or_not_with_missing_values() -> None:
    # p and q take the truth values 1, 0, NaN through `x > 0` with x in {1, -1, NaN}
    values = np.array([1.0, -1.0, NAN])
    x = np.repeat(values, 3)
    y = np.tile(values, 3)
    cols = {"x": x, "y": y}
    _eq(parse_expression("x > 0 and y > 0", condition=True).evaluate(cols),
        [1, 0, NAN, 0, 0, 0, NAN, 0, NAN])
    _eq(parse_expression("x > 0 or y > 0", condition=True).evaluate(cols),
        [1, 1, 1, 1, 0, NAN, 1, NAN, NAN])
    _eq(parse_expression("not x > 0", condition=True).evaluate(cols),
        [0, 0, 0, 1, 1, 1, NAN, NAN, NAN])
    _eq(parse_expression("x > 0 and y > 0 and x == x", condition=True).evaluate(cols),
        [1, 0, NAN, 0, 0, 0, NAN, 0, NAN])


def test_condition_on_a_division_by_zero_cannot_be_evaluated() -> None:
    expression = parse_expression("requested_eur / jobs <= 50000", condition=True)
    _eq(expression.evaluate({"requested_eur": np.array([100_000.0, 100_000.0, 100_000.0]),
                             "jobs": np.array([4.0, 1.0, 0.0])}), [1, 0, NAN])


def test_expressions_compare_by_text() -> None:
    assert parse_expression("a + b") == parse_expression("a + b")
    assert hash(parse_expression("a + b")) == hash(parse_expression("a + b"))


# -- property: the evaluator agrees with plain Python arithmetic ----------------------------------

_LEAVES = st.one_of(
    st.sampled_from([("col", "a"), ("col", "b")]),
    st.one_of(st.integers(0, 20).map(float), st.floats(0, 1000, allow_nan=False, allow_infinity=False))
    .map(lambda v: ("num", v)),
)
_TREES = st.recursive(
    _LEAVES,
    lambda children: st.one_of(
        st.tuples(st.sampled_from(["+", "-", "*", "/"]), children, children),
        st.tuples(st.just("neg"), children),
    ),
    max_leaves=12,
)


def _render(tree: tuple) -> str:
    kind = tree[0]
    if kind == "col":
        return tree[1]
    if kind == "num":
        return repr(tree[1])
    if kind == "neg":
        return f"-({_render(tree[1])})"
    return f"({_render(tree[1])} {kind} {_render(tree[2])})"


def _python(tree: tuple, row: dict[str, float]) -> float:
    kind = tree[0]
    if kind == "col":
        return row[tree[1]]
    if kind == "num":
        return tree[1]
    if kind == "neg":
        return -_python(tree[1], row)
    left, right = _python(tree[1], row), _python(tree[2], row)
    if kind == "+":
        return left + right
    if kind == "-":
        return left - right
    if kind == "*":
        return left * right
    return left / right  # ZeroDivisionError when right == 0


_VALUES = st.one_of(st.just(0.0), st.integers(-5, 5).map(float),
                    st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False))


@settings(max_examples=150, deadline=None)
@given(tree=_TREES, rows=st.lists(st.tuples(_VALUES, _VALUES), min_size=1, max_size=6))
def test_evaluate_matches_python_arithmetic(tree: tuple, rows: list[tuple[float, float]]) -> None:
    text = _render(tree)
    expression = parse_expression(text)
    a = np.array([r[0] for r in rows])
    b = np.array([r[1] for r in rows])
    result = expression.evaluate({"a": a, "b": b})
    assert result.shape == (len(rows),)
    for i, (x, y) in enumerate(rows):
        try:
            expected = _python(tree, {"a": x, "b": y})
        except ZeroDivisionError:
            assert math.isnan(result[i]), (text, x, y, result[i])
            continue
        if math.isnan(expected):  # inf - inf after an overflow
            assert math.isnan(result[i])
        else:
            assert math.isclose(result[i], expected, rel_tol=1e-12, abs_tol=0.0), (text, x, y, result[i])
