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

from .messages import number, say

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
        raise ExpressionError(say("sco_expr_not_text", type=type(text).__name__))
    return _parse(text, condition)


@functools.lru_cache(maxsize=4096)
def _parse(text: str, condition: bool) -> Expression:
    if not text.strip():
        raise ExpressionError(say("sco_expr_empty"), text)
    if len(text) > MAX_LENGTH:
        raise ExpressionError(say("sco_expr_too_long", length=number(len(text)), limit=number(MAX_LENGTH),
                                  text=_clip(text)), text)
    _check_brackets(text)
    # Line breaks (a YAML block scalar) are spaces: one character for one, so columns stay right.
    source = text.translate({ord("\n"): " ", ord("\r"): " ", ord("\t"): " "})
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as error:
        column = error.offset if error.offset is not None and error.lineno == 1 else None
        if column == 0 or (column is not None and column > len(source)):
            column = len(source) + 1
        where = "" if column is None else (say("sco_expr_at_end") if column > len(source)
                                           else say("sco_expr_at_column", column=column))
        reason = _syntax_reason(error.msg)
        raise ExpressionError(say("sco_expr_syntax", where=where, reason=reason, text=_clip(text)),
                              text, column) from None
    except (RecursionError, MemoryError, ValueError, OverflowError) as error:
        raise ExpressionError(say("sco_expr_unreadable", error=type(error).__name__, text=_clip(text)),
                              text) from None
    nodes = sum(1 for node in ast.walk(tree) if isinstance(node, ast.expr))
    if nodes > MAX_NODES:
        raise ExpressionError(say("sco_expr_too_complex", nodes=number(nodes), limit=number(MAX_NODES),
                                  text=_clip(text)), text)
    compiler = _Compiler(source, condition)
    program = compiler.compile(tree.body, depth=1)
    if condition and not _is_boolean(tree.body):
        raise ExpressionError(say("sco_expr_condition_needed", text=_clip(text)), text)
    return Expression(text=text, columns=frozenset(compiler.names), is_condition=condition, _program=program)


def _check_brackets(text: str) -> None:
    """Refuse deep nesting before the parser sees it (the parser recurses on brackets)."""
    depth = 0
    for position, char in enumerate(text, start=1):
        if char in "([{":
            depth += 1
            if depth > MAX_BRACKETS:
                raise ExpressionError(say("sco_expr_brackets_deep", limit=MAX_BRACKETS, column=position),
                                      text, position)
        elif char in ")]}":
            depth -= 1


# Python's own syntax messages, in the current language (a message not listed is shown as Python words it).
_SYNTAX: list[tuple[re.Pattern[str], Callable[..., str]]] = [
    (re.compile(r"invalid syntax"), lambda: say("sco_syntax_invalid")),
    (re.compile(r"invalid syntax\. Perhaps you forgot a comma\?"), lambda: say("sco_syntax_comma")),
    (re.compile(r"'(?P<bracket>.)' was never closed"), lambda bracket: say("sco_syntax_never_closed", bracket=bracket)),
    (re.compile(r"unmatched '(?P<bracket>.)'"), lambda bracket: say("sco_syntax_unmatched", bracket=bracket)),
    (re.compile(r"closing parenthesis '(?P<closing>.)' does not match opening parenthesis '(?P<opening>.)'"),
     lambda closing, opening: say("sco_syntax_mismatch", closing=closing, opening=opening)),
    (re.compile(r"unterminated string literal \(detected at line (?P<line>\d+)\)"),
     lambda line: say("sco_syntax_string", line=line)),
    (re.compile(r"invalid character '(?P<char>.)' \((?P<code>U\+[0-9A-F]+)\)"),
     lambda char, code: say("sco_syntax_character", char=char, code=code)),
    (re.compile(r"invalid decimal literal"), lambda: say("sco_syntax_decimal")),
    (re.compile(r"invalid hexadecimal literal"), lambda: say("sco_syntax_hexadecimal")),
    (re.compile(r"invalid octal literal"), lambda: say("sco_syntax_octal")),
    (re.compile(r"invalid binary literal"), lambda: say("sco_syntax_binary")),
    (re.compile(r"leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"),
     lambda: say("sco_syntax_leading_zeros")),
]


def _syntax_reason(message: str | None) -> str:
    """Python's reason for a syntax error, worded in the current language when it is a known one."""
    if not message:
        return say("sco_syntax_invalid")
    for pattern, word in _SYNTAX:
        found = pattern.fullmatch(message)
        if found:
            return word(**found.groupdict())
    return message


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

_REFUSED_OPERATORS: dict[type, Callable[[], str]] = {
    ast.Pow: lambda: say("sco_expr_power"),
    ast.FloorDiv: lambda: say("sco_expr_floor_division"),
    ast.Mod: lambda: say("sco_expr_modulo"),
    ast.MatMult: lambda: say("sco_expr_matrix"),
    ast.LShift: lambda: say("sco_expr_bit"),
    ast.RShift: lambda: say("sco_expr_bit"),
    ast.BitOr: lambda: say("sco_expr_bit"),
    ast.BitXor: lambda: say("sco_expr_bit"),
    ast.BitAnd: lambda: say("sco_expr_bit"),
}

_COMPARISONS: dict[type, Callable[[_Value, _Value], _Value]] = {
    ast.Lt: np.less,
    ast.LtE: np.less_equal,
    ast.Gt: np.greater,
    ast.GtE: np.greater_equal,
    ast.Eq: np.equal,
    ast.NotEq: np.not_equal,
}

_REFUSED_NODES: dict[type, Callable[[], str]] = {
    ast.Call: lambda: say("sco_expr_call"),
    ast.Attribute: lambda: say("sco_expr_attribute"),
    ast.Subscript: lambda: say("sco_expr_subscript"),
    ast.Lambda: lambda: say("sco_expr_lambda"),
    ast.ListComp: lambda: say("sco_expr_comprehension"),
    ast.SetComp: lambda: say("sco_expr_comprehension"),
    ast.DictComp: lambda: say("sco_expr_comprehension"),
    ast.GeneratorExp: lambda: say("sco_expr_comprehension"),
    ast.NamedExpr: lambda: say("sco_expr_assignment"),
    ast.IfExp: lambda: say("sco_expr_conditional"),
    ast.JoinedStr: lambda: say("sco_expr_strings"),
    ast.FormattedValue: lambda: say("sco_expr_strings"),
    ast.List: lambda: say("sco_expr_lists"),
    ast.Tuple: lambda: say("sco_expr_tuples"),
    ast.Set: lambda: say("sco_expr_sets"),
    ast.Dict: lambda: say("sco_expr_dicts"),
    ast.Starred: lambda: say("sco_expr_unpacking"),
    ast.Slice: lambda: say("sco_expr_slices"),
    ast.Await: lambda: say("sco_expr_await"),
    ast.Yield: lambda: say("sco_expr_yield"),
    ast.YieldFrom: lambda: say("sco_expr_yield"),
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
        where = say("sco_expr_column", column=column) if column else ""
        return ExpressionError(say("sco_expr_refused", what=what, text=_clip(snippet), where=where), self.text, column)

    def check_depth(self, node: ast.AST, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise self.refuse(say("sco_expr_nested_deep", limit=MAX_DEPTH), node, self.text)

    def compile(self, node: ast.AST, depth: int) -> _Program:
        """The whole expression: a truth value in a condition, a number otherwise."""
        if _is_boolean(node):
            if not self.condition:
                raise self.refuse(say("sco_expr_comparison_in_value"), node)
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
                raise self.refuse(say("sco_expr_bit"), node)
        if isinstance(node, ast.BinOp):
            op_type = type(node.op)
            if op_type in _REFUSED_OPERATORS:
                raise self.refuse(_REFUSED_OPERATORS[op_type](), node)
            left = self.number(node.left, depth + 1)
            right = self.number(node.right, depth + 1)
            if isinstance(node.op, ast.Div):
                return lambda cols: _divide(left(cols), right(cols))
            function = _ARITHMETIC[op_type]
            return lambda cols: function(left(cols), right(cols))
        if _is_boolean(node):
            if self.condition:
                raise self.refuse(say("sco_expr_comparison_as_number"), node)
            raise self.refuse(say("sco_expr_comparison_in_value"), node)
        raise self.unknown(node)

    def constant(self, node: ast.Constant) -> _Program:
        value = node.value
        if isinstance(value, bool):
            raise self.refuse(say("sco_expr_true_false"), node)
        if isinstance(value, str | bytes):
            raise self.refuse(say("sco_expr_strings"), node)
        if isinstance(value, complex):
            raise self.refuse(say("sco_expr_complex"), node)
        if value is None or value is Ellipsis:
            raise self.refuse(say("sco_expr_not_allowed", what=repr(value)), node)
        if not isinstance(value, int | float):
            raise self.refuse(say("sco_expr_constant"), node)
        try:
            number = float(value)
        except OverflowError:
            raise self.refuse(say("sco_expr_too_large"), node) from None
        if not math.isfinite(number):
            raise self.refuse(say("sco_expr_too_large"), node)
        return lambda cols: number

    def name(self, node: ast.Name) -> _Program:
        identifier = node.id
        if identifier.startswith("_"):
            raise self.refuse(say("sco_expr_underscore"), node)
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
        raise self.refuse(say("sco_expr_comparison_expected"), node)

    def check_boolean(self, node: ast.AST) -> ast.AST:
        if not _is_boolean(node):
            if isinstance(node, tuple(_REFUSED_NODES)):
                raise self.unknown(node)
            raise self.refuse(say("sco_expr_boolean_sides"), node)
        return node

    def comparison(self, node: ast.Compare, depth: int) -> _Program:
        for op in node.ops:
            if type(op) not in _COMPARISONS:
                symbol = {ast.Is: "is", ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in"}.get(type(op), "?")
                raise self.refuse(say("sco_expr_operator", symbol=symbol), node)
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
            return self.refuse(say("sco_expr_decimal_comma"), node)
        for kind, what in _REFUSED_NODES.items():
            if isinstance(node, kind):
                snippet = None
                if isinstance(node, ast.Call):
                    callee = ast.get_source_segment(self.text, node.func) or "..."
                    snippet = f"{callee}(...)"
                return self.refuse(what(), node, snippet)
        return self.refuse(say("sco_expr_not_allowed", what=type(node).__name__), node)


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
