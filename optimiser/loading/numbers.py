"""What a number written in a cell says: the one number rule, and the stricter money rule."""

from __future__ import annotations

import math
import re

from ..messages import say

_NUMBER = re.compile(
    r"""
    (?P<sign>[-+\u2212])?\s*
    (?P<pre>€\s*)?
    (?=[.,]?[0-9])                                   # at least one digit
    (?P<int>[0-9]+                                   # plain digits are tried first: a lone separator
       |[0-9]{1,3}(?:(?P<sep>[.,])[0-9]{3}(?:(?P=sep)[0-9]{3})*   # is then a decimal one
                    |(?:[ \u00a0\u202f\u2009][0-9]{3})+))?
    (?:(?!(?P=sep))(?P<dec>[.,])(?P<frac>[0-9]+))?   # the decimal separator differs from thousands
    (?:[eE](?P<exp>[-+]?[0-9]+))?
    \s*(?P<unit>[€%])?
    """,
    re.VERBOSE,
)
_NOT_DIGIT = re.compile(r"[^0-9]")
_ACCOUNTING_ZERO = re.compile(r"\s*[-\u2013]\s*€?\s*")


def parse_number(text: str) -> float:
    """A number as French (or English) Excel shows it: ``-1 234,5 €``, ``12 %``, ``1,5E+06``.

    See the package docstring for the rule; anything else (``nan``, ``inf``, ``1,2.3``, ``12 34``...)
    raises ValueError, because a misread amount is worse than a refused one.
    """
    value = _parse(text) if isinstance(text, str) else None
    if value is None:
        raise ValueError(say("load_parse_not_number", text=repr(text)))
    return value


def _parse(text: str) -> float | None:
    """`parse_number` without the exception: None for anything that is not a number."""
    match = _NUMBER.fullmatch(text.strip())
    if match is None or (match["pre"] and match["unit"]):
        return None
    sign = "-" if match["sign"] in ("-", "\u2212") else ""
    digits = _NOT_DIGIT.sub("", match["int"] or "") or "0"
    value = float(f"{sign}{digits}.{match['frac'] or '0'}e{match['exp'] or '0'}")
    return value if math.isfinite(value) else None


def money_text(text: str) -> tuple[float | None, str | None]:
    """An amount in euros as written in a cell -> (euros, None), or (None, why it is refused).

    The one rule for money: the number rule of `parse_number`, but never a guess. One `.` or `,`
    followed by exactly three digits (``245.000``, ``1,500``) could separate thousands or decimals and
    is refused; so are more than two decimals (euros have cents), a ``%`` sign and scientific notation
    (which Excel uses when a column is too narrow, hiding digits). (None, None): not a number at all.
    """
    if _ACCOUNTING_ZERO.fullmatch(text):
        return 0.0, None  # French Excel's accounting format writes a zero as "- €"
    match = _NUMBER.fullmatch(text.strip())
    if match is None or (match["pre"] and match["unit"]):
        return None, None
    digits = match["int"] or ""
    frac = match["frac"] or ""
    if match["unit"] == "%":
        return None, say("load_money_percent")
    if match["exp"]:
        return None, say("load_money_scientific")
    if match["dec"] and not match["sep"] and len(frac) == 3 and re.fullmatch(r"[1-9][0-9]{0,2}", digits):
        thousands = digits + frac
        spaced = f"{digits} {frac}"
        decimal = f"{digits},{frac.rstrip('0')[:2].ljust(2, '0')}"
        return None, say("load_money_ambiguous", spaced=spaced, decimal=decimal, thousands=thousands)
    if len(frac) > 2:
        return None, say("load_money_decimals")
    value = _parse(text)
    return value, None


def number_text(text: str) -> tuple[float | None, str | None]:
    """A number that is not an amount, as written in a cell -> (value, None), or (None, why it is refused).

    The rule of `parse_number`, with two exceptions that a person would read otherwise: a cell with a
    `€` sign holds euros (the money rule applies), and ``1.200`` (a lone dot then three digits) is refused,
    1 200 or 1.2? (French Excel writes decimals with a comma, so ``2,125`` is 2.125.)
    """
    if "€" in text:
        return money_text(text)
    match = _NUMBER.fullmatch(text.strip())
    if match is not None and match["dec"] == "." and not match["sep"] and len(match["frac"] or "") == 3 \
            and re.fullmatch(r"[1-9][0-9]{0,2}", match["int"] or ""):
        digits, frac = match["int"], match["frac"]
        return None, say("load_number_ambiguous", digits=digits, frac=frac, short=frac.rstrip("0") or "0")
    return _parse(text), None
