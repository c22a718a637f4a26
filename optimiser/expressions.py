"""A small arithmetic language for criteria and eligibility rules, parsed with a whitelist, never `eval`.

Scenario files are written by people who are not programmers and may come from anywhere, so an
expression can only read numeric columns and combine them:

- numbers (``12``, ``0.5``, ``1e6``, ``1_000``), column names (identifiers not starting with ``_``),
  unary ``+``/``-``, binary ``+ - * /`` and parentheses;
- in a *condition* (an eligibility rule) also the comparisons ``< <= > >= == !=`` (chained, as in
  ``0 < x <= 10``), ``and``, ``or``, ``not``.

Everything else (function calls, attributes, subscripts, strings, ``**``, ``//``, ``%``, bit operations,
``if``/``else``, lambdas, comprehensions, ``:=``...) is refused with an `ExpressionError` naming the
construct and the offending text. The text is limited to 1,000 characters, 50 levels of brackets,
200 nodes and a tree depth of 50, checked before and while parsing, so hostile input fails fast.

Evaluation is vectorised over numpy float arrays (one numpy operation per node):

- a missing value (NaN) propagates through arithmetic;
- **a division by zero gives NaN, not inf**: a zero denominator counts as a missing value, so the
  criterion's `missing` policy applies to it (``requested_eur / jobs`` with ``jobs = 0``);
- a condition gives 1.0 (true) or 0.0 (false), and NaN where a comparison cannot be evaluated
  (an operand is missing); ``and``/``or``/``not`` follow three-valued logic: the result is NaN unless
  the known operands decide it (``0 and NaN`` is 0, ``1 or NaN`` is 1, ``not NaN`` is NaN);
  a chained comparison ``a < b < c`` means ``(a < b) and (b < c)``.

Column names are Python identifiers (a column with spaces or dashes must be renamed through the
scenario's `columns` mapping); Python normalises identifiers to NFKC when parsing.
"""

from __future__ import annotations

import ast
import functools
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

_DECIMAL_COMMA = re.compile(r"\d,\d")
MAX_LENGTH = 1_000
MAX_BRACKETS = 50
MAX_NODES = 200
MAX_DEPTH = 50

_Value = np.ndarray | float
_Program = Callable[[Mapping[str, np.ndarray]], _Value]


class ExpressionError(ValueError):
    """An expression outside the allowed language; the message says what and where."""

    def __init__(self, message: str, text: str = "", column: int | None = None) -> None:
        self.text = text
        self.column = column  # 1-based character position in the text, when known
        super().__init__(message)


@dataclass(frozen=True)
class Expression:
    """A parsed, checked expression: what it reads, whether it is a rule, and how to compute it."""

    text: str
    columns: frozenset[str]
    is_condition: bool
    _program: _Program | None = field(default=None, repr=False, compare=False)

    def evaluate(self, columns: Mapping[str, np.ndarray], rows: int | None = None) -> np.ndarray:
        """Value per row as a float array (1.0/0.0/NaN for a condition); KeyError for an unknown column.

        The row count is `rows` when given, else taken from the columns read (or, for a constant, from
        any column given).
        """
        program = self._program
        if program is None:  # built by hand rather than by parse_expression: check it now
            program = parse_expression(self.text, condition=self.is_condition)._program
            assert program is not None
        for name in sorted(self.columns):
            if name not in columns:
                raise KeyError(name)
        arrays = [np.asarray(columns[name], dtype=float) for name in sorted(self.columns)]
        if not arrays and columns:
            arrays = [np.asarray(next(iter(columns.values())))]
        shape = np.broadcast_shapes(*(a.shape for a in arrays)) if arrays else ()
        if rows is not None:
            shape = np.broadcast_shapes(shape, (rows,))
        with np.errstate(all="ignore"):
            result = program(columns)
        return np.array(np.broadcast_to(np.asarray(result, dtype=float), shape), dtype=float)


def parse_expression(text: str, *, condition: bool = False) -> Expression:
    """Check `text` against the whitelist and compile it; `condition=True` for a comparison/boolean rule.

    Each text is parsed once per process (an `Expression` is immutable): validating the scenario,
    listing its columns, scoring, eligibility and the checker all share that one parse."""
    if not isinstance(text, str):
        raise ExpressionError(f"an expression must be text, not {type(text).__name__}")
    return _parse(text, condition)


@functools.lru_cache(maxsize=4096)
def _parse(text: str, condition: bool) -> Expression:
    if not text.strip():
        raise ExpressionError("the expression is empty", text)
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            f"the expression is too long ({len(text):,} characters, at most {MAX_LENGTH:,}): '{_clip(text)}'",
            text)
    _check_brackets(text)
    # Line breaks (a YAML block scalar) are spaces: one character for one, so columns stay right.
    source = text.translate({ord("\n"): " ", ord("\r"): " ", ord("\t"): " "})
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as error:
        column = error.offset if error.offset is not None and error.lineno == 1 else None
        if column == 0 or (column is not None and column > len(source)):
            column = len(source) + 1
        where = "" if column is None else (" at the end" if column > len(source) else f" at column {column}")
        reason = error.msg or "invalid syntax"
        raise ExpressionError(f"syntax error{where} ({reason}): '{_clip(text)}'", text, column) from None
    except (RecursionError, MemoryError, ValueError, OverflowError) as error:
        raise ExpressionError(f"the expression cannot be read ({type(error).__name__}): '{_clip(text)}'",
                              text) from None
    nodes = sum(1 for node in ast.walk(tree) if isinstance(node, ast.expr))
    if nodes > MAX_NODES:
        raise ExpressionError(
            f"the expression is too complex ({nodes} elements, at most {MAX_NODES}): '{_clip(text)}'", text)
    compiler = _Compiler(source, condition)
    program = compiler.compile(tree.body, depth=1)
    if condition and not _is_boolean(tree.body):
        raise ExpressionError(
            "a condition must be a comparison (<, <=, >, >=, ==, !=) or a combination of comparisons "
            f"with and/or/not: '{_clip(text)}'", text)
    return Expression(text=text, columns=frozenset(compiler.names), is_condition=condition, _program=program)


def _check_brackets(text: str) -> None:
    """Refuse deep nesting before the parser sees it (the parser recurses on brackets)."""
    depth = 0
    for position, char in enumerate(text, start=1):
        if char in "([{":
            depth += 1
            if depth > MAX_BRACKETS:
                raise ExpressionError(
                    f"brackets are nested too deeply (more than {MAX_BRACKETS} levels) at column {position}",
                    text, position)
        elif char in ")]}":
            depth -= 1


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _column(text: str, node: ast.AST) -> int | None:
    """1-based character column of a node in the one-line source (ast gives UTF-8 byte offsets)."""
    offset = getattr(node, "col_offset", None)
    if offset is None:
        return None
    return len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore")) + 1


def _is_boolean(node: ast.AST) -> bool:
    if isinstance(node, ast.Compare | ast.BoolOp):
        return True
    return isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)


_ARITHMETIC: dict[type, Callable[[_Value, _Value], _Value]] = {
    ast.Add: np.add,
    ast.Sub: np.subtract,
    ast.Mult: np.multiply,
}

_REFUSED_OPERATORS: dict[type, str] = {
    ast.Pow: "power (**) is not allowed",
    ast.FloorDiv: "floor division (//) is not allowed",
    ast.Mod: "modulo (%) is not allowed",
    ast.MatMult: "matrix multiplication (@) is not allowed",
    ast.LShift: "bit operations are not allowed",
    ast.RShift: "bit operations are not allowed",
    ast.BitOr: "bit operations are not allowed",
    ast.BitXor: "bit operations are not allowed",
    ast.BitAnd: "bit operations are not allowed",
}

_COMPARISONS: dict[type, Callable[[_Value, _Value], _Value]] = {
    ast.Lt: np.less,
    ast.LtE: np.less_equal,
    ast.Gt: np.greater,
    ast.GtE: np.greater_equal,
    ast.Eq: np.equal,
    ast.NotEq: np.not_equal,
}

_REFUSED_NODES: dict[type, str] = {
    ast.Call: "calling functions is not allowed",
    ast.Attribute: "attribute access is not allowed",
    ast.Subscript: "subscripts (x[...]) are not allowed",
    ast.Lambda: "lambdas are not allowed",
    ast.ListComp: "comprehensions are not allowed",
    ast.SetComp: "comprehensions are not allowed",
    ast.DictComp: "comprehensions are not allowed",
    ast.GeneratorExp: "comprehensions are not allowed",
    ast.NamedExpr: "assignment (:=) is not allowed",
    ast.IfExp: "conditional expressions (x if c else y) are not allowed",
    ast.JoinedStr: "strings are not allowed",
    ast.FormattedValue: "strings are not allowed",
    ast.List: "lists are not allowed",
    ast.Tuple: "tuples are not allowed",
    ast.Set: "sets are not allowed",
    ast.Dict: "dictionaries are not allowed",
    ast.Starred: "unpacking (*x) is not allowed",
    ast.Slice: "slices are not allowed",
    ast.Await: "await is not allowed",
    ast.Yield: "yield is not allowed",
    ast.YieldFrom: "yield is not allowed",
}


class _Compiler:
    """Turns a checked tree into nested numpy closures; records the column names it reads."""

    def __init__(self, text: str, condition: bool) -> None:
        self.text = text
        self.condition = condition
        self.names: set[str] = set()

    def refuse(self, what: str, node: ast.AST, snippet: str | None = None) -> ExpressionError:
        if snippet is None:
            snippet = ast.get_source_segment(self.text, node) or self.text
        column = _column(self.text, node)
        where = f" (column {column})" if column else ""
        return ExpressionError(f"{what}: '{_clip(snippet)}'{where}", self.text, column)

    def check_depth(self, node: ast.AST, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise self.refuse(f"the expression is nested too deeply (more than {MAX_DEPTH} levels)", node,
                              self.text)

    def compile(self, node: ast.AST, depth: int) -> _Program:
        """The whole expression: a truth value in a condition, a number otherwise."""
        if _is_boolean(node):
            if not self.condition:
                raise self.refuse("comparisons and and/or/not are only allowed in conditions, not in a value",
                                  node)
            return self.boolean(node, depth)
        return self.number(node, depth)

    # -- numbers ---------------------------------------------------------------------------------

    def number(self, node: ast.AST, depth: int) -> _Program:
        """A numeric sub-expression; a comparison here (e.g. `(a > 1) + 2`) is refused."""
        self.check_depth(node, depth)
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                operand = self.number(node.operand, depth + 1)
                return lambda cols: np.negative(operand(cols))
            if isinstance(node.op, ast.UAdd):
                return self.number(node.operand, depth + 1)
            if isinstance(node.op, ast.Invert):
                raise self.refuse("bit operations are not allowed", node)
        if isinstance(node, ast.BinOp):
            op_type = type(node.op)
            if op_type in _REFUSED_OPERATORS:
                raise self.refuse(_REFUSED_OPERATORS[op_type], node)
            left = self.number(node.left, depth + 1)
            right = self.number(node.right, depth + 1)
            if isinstance(node.op, ast.Div):
                return lambda cols: _divide(left(cols), right(cols))
            function = _ARITHMETIC[op_type]
            return lambda cols: function(left(cols), right(cols))
        if _is_boolean(node):
            if self.condition:
                raise self.refuse("a comparison or and/or/not cannot be used as a number", node)
            raise self.refuse("comparisons and and/or/not are only allowed in conditions, not in a value",
                              node)
        raise self.unknown(node)

    def constant(self, node: ast.Constant) -> _Program:
        value = node.value
        if isinstance(value, bool):
            raise self.refuse("True/False are not allowed (write a comparison)", node)
        if isinstance(value, str | bytes):
            raise self.refuse("strings are not allowed", node)
        if isinstance(value, complex):
            raise self.refuse("complex numbers are not allowed", node)
        if value is None or value is Ellipsis:
            raise self.refuse(f"{value!r} is not allowed", node)
        if not isinstance(value, int | float):
            raise self.refuse("this constant is not allowed", node)
        try:
            number = float(value)
        except OverflowError:
            raise self.refuse("this number is too large", node) from None
        if not math.isfinite(number):
            raise self.refuse("this number is too large", node)
        return lambda cols: number

    def name(self, node: ast.Name) -> _Program:
        identifier = node.id
        if identifier.startswith("_"):
            raise self.refuse("names starting with '_' are not allowed", node)
        self.names.add(identifier)
        return lambda cols: np.asarray(cols[identifier], dtype=float)

    # -- conditions ------------------------------------------------------------------------------

    def boolean(self, node: ast.AST, depth: int) -> _Program:
        """A truth value (1.0/0.0/NaN); a bare number here (e.g. `a and b > 1`) is refused."""
        self.check_depth(node, depth)
        if isinstance(node, ast.Compare):
            return self.comparison(node, depth)
        if isinstance(node, ast.BoolOp):
            parts = [self.boolean(self.check_boolean(v), depth + 1)
                     for v in node.values]
            combine = _and if isinstance(node.op, ast.And) else _or

            def boolop(cols: Mapping[str, np.ndarray]) -> _Value:
                result = parts[0](cols)
                for part in parts[1:]:
                    result = combine(result, part(cols))
                return result
            return boolop
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            operand = self.boolean(self.check_boolean(node.operand), depth + 1)
            return lambda cols: np.subtract(1.0, operand(cols))
        raise self.refuse("expected a comparison here", node)

    def check_boolean(self, node: ast.AST) -> ast.AST:
        if not _is_boolean(node):
            if isinstance(node, tuple(_REFUSED_NODES)):
                raise self.unknown(node)
            raise self.refuse("and/or/not need comparisons on each side, not a number", node)
        return node

    def comparison(self, node: ast.Compare, depth: int) -> _Program:
        for op in node.ops:
            if type(op) not in _COMPARISONS:
                symbol = {ast.Is: "is", ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in"}.get(type(op), "?")
                raise self.refuse(f"the operator '{symbol}' is not allowed (use < <= > >= == !=)", node)
        operands = [self.number(n, depth + 1) for n in [node.left, *node.comparators]]
        functions = [_COMPARISONS[type(op)] for op in node.ops]

        def compare(cols: Mapping[str, np.ndarray]) -> _Value:
            values = [operand(cols) for operand in operands]
            result: _Value | None = None
            for function, left, right in zip(functions, values, values[1:], strict=False):
                known = np.asarray(function(left, right), dtype=float)
                truth = np.where(np.isnan(left) | np.isnan(right), np.nan, known)
                result = truth if result is None else _and(result, truth)
            assert result is not None
            return result
        return compare

    def unknown(self, node: ast.AST) -> ExpressionError:
        if isinstance(node, ast.Tuple) and _DECIMAL_COMMA.search(ast.get_source_segment(self.text, node) or ""):
            return self.refuse("a comma is not a decimal point in an expression: write 1.5, not 1,5", node)
        for kind, what in _REFUSED_NODES.items():
            if isinstance(node, kind):
                snippet = None
                if isinstance(node, ast.Call):
                    callee = ast.get_source_segment(self.text, node.func) or "..."
                    snippet = f"{callee}(...)"
                return self.refuse(what, node, snippet)
        return self.refuse(f"{type(node).__name__} is not allowed", node)


def _divide(numerator: _Value, denominator: _Value) -> _Value:
    """Division where a zero denominator gives NaN (a missing value), never inf."""
    quotient = np.divide(numerator, denominator)
    return np.where(np.equal(denominator, 0.0), np.nan, quotient)


def _and(left: _Value, right: _Value) -> _Value:
    """Three-valued `and` on 1.0/0.0/NaN: false if either side is false, else NaN if either is unknown."""
    unknown = np.isnan(left) | np.isnan(right)
    false = np.equal(left, 0.0) | np.equal(right, 0.0)
    return np.where(false, 0.0, np.where(unknown, np.nan, 1.0))


def _or(left: _Value, right: _Value) -> _Value:
    """Three-valued `or`: true if either side is true, else NaN if either is unknown."""
    unknown = np.isnan(left) | np.isnan(right)
    true = np.equal(left, 1.0) | np.equal(right, 1.0)
    return np.where(true, 1.0, np.where(unknown, np.nan, 0.0))
