"""What an Excel number format does to the number it shows, so that the loader reads what people see.

Excel stores 0.12 and, with the format ``0%``, shows ``12%``; it stores 12 and, with ``0" %"``, ``0\\%``
or ``0 "%"``, also shows ``12 %``. A ``%`` multiplies the number shown by 100 only when it is a format
code; quoted (``"%"``), escaped (``\\%``), after ``_`` (a space as wide as the character) or ``*`` (a fill
character), or inside brackets, it is literal text and multiplies nothing. A comma after the last digit
placeholder (``#,##0,`` or ``0.0,,``) divides the number shown by 1,000 each.

A format has up to four sections ``positive;negative;zero;text``, or sections chosen by conditions
(``[>=1000]...``); `shown` picks the section Excel uses for the value, then reads its codes. Only what
changes the number a person reads is reported; colours, alignment and digit counts are not.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from functools import lru_cache

_CONDITION = re.compile(r"\[(<=|>=|<>|<|>|=)\s*([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\]")
_COMPARE = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "=": operator.eq,
            "<>": operator.ne}
_DIGITS = "0#?"


@dataclass(frozen=True)
class Shown:
    """How one format section shows a number: the codes that change it and the text it adds."""

    percent: int = 0      # `%` format codes: the number shown is the value x 100 for each
    thousands: int = 0    # scaling commas: the number shown is the value / 1,000 for each
    literal: str = ""     # the text the section shows around the number (quoted, escaped, bare, currency)
    digits: bool = True   # the section shows the number at all (`;;;` or `"Oui"` show none of it)
    zeros: int = 0        # leading zeros shown (`000` shows 7 as 007): 0 or 1 for a plain number
    before: int = 0       # how many characters of `literal` come before the number

    @property
    def plain(self) -> bool:
        """The number shown is the value as typed, with no text that could be read as a unit."""
        return self.digits and self.zeros <= 1 and not (self.percent or self.thousands or self.literal.strip())

    @property
    def percent_sign(self) -> bool:
        """A `%` appears on screen, whether it scales the number or not."""
        return bool(self.percent) or "%" in self.literal

    @property
    def factor(self) -> float:
        """The number shown divided by the value stored (exact for the powers of ten used here)."""
        return 100.0 ** self.percent / 1000.0 ** self.thousands


PLAIN = Shown()


HIDDEN = Shown(digits=False)  # a zero in a sheet that does not show zeros


def shown(number_format: str | None, value: float) -> Shown:
    """How Excel shows `value` with `number_format` (None or "General": as it is)."""
    if not number_format or number_format == "General":
        return PLAIN
    sections = _sections(number_format)
    return _read_section(_pick(sections, value))


@lru_cache(maxsize=1024)
def _sections(number_format: str) -> tuple[str, ...]:
    """The format split on `;` outside quotes, escapes and brackets."""
    sections, current, i = [], [], 0
    while i < len(number_format):
        char = number_format[i]
        if char == '"':
            end = number_format.find('"', i + 1)
            end = len(number_format) if end < 0 else end + 1
            current.append(number_format[i:end])
            i = end
            continue
        if char in "\\_*" and i + 1 < len(number_format):
            current.append(number_format[i:i + 2])
            i += 2
            continue
        if char == "[":
            end = number_format.find("]", i + 1)
            end = len(number_format) if end < 0 else end + 1
            current.append(number_format[i:end])
            i = end
            continue
        if char == ";":
            sections.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    sections.append("".join(current))
    return tuple(sections)


def _pick(sections: tuple[str, ...], value: float) -> str:
    """The section Excel uses for a number (the fourth section is for text, never for numbers)."""
    numeric = sections[:3]
    conditions = [_CONDITION.search(s) for s in numeric]
    if any(conditions):
        for section, condition in zip(numeric, conditions, strict=True):
            if condition and _COMPARE[condition[1]](value, float(condition[2])):
                return section
        fallback = [s for s, c in zip(numeric, conditions, strict=True) if not c]
        return fallback[0] if fallback else numeric[-1]
    if len(numeric) == 1:
        return numeric[0]
    if len(numeric) == 2:
        return numeric[0] if value >= 0 else numeric[1]
    return numeric[0] if value > 0 else numeric[1] if value < 0 else numeric[2]


@lru_cache(maxsize=4096)
def _read_section(section: str) -> Shown:
    percent, literal = 0, []
    commas_after_digit = 0  # commas since the last digit placeholder
    general = False
    before = None  # length of the literal text when the first digit placeholder comes
    i = 0
    while i < len(section):
        char = section[i]
        if char == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            literal.append(section[i + 1:end])
            i = end + 1
            continue
        if char == "\\" and i + 1 < len(section):
            literal.append(section[i + 1])
            i += 2
            continue
        if char in "_*" and i + 1 < len(section):
            literal.append(" " if char == "_" else section[i + 1])
            i += 2
            continue
        if char == "[":
            end = section.find("]", i + 1)
            end = len(section) if end < 0 else end
            inside = section[i + 1:end]
            if inside.startswith("$"):  # a currency or locale: [$€-40C] shows "€"
                literal.append(inside[1:].split("-", 1)[0])
            i = end + 1
            continue
        if section.startswith("General", i):
            general = True
            i += len("General")
            continue
        if char in _DIGITS:
            commas_after_digit = 0
            if before is None:
                before = len("".join(literal))
        elif char == ",":
            commas_after_digit += 1
        elif char == "%":
            percent += 1
        elif char in ".eE+-" and _in_number(section, i):
            pass  # decimal point and exponent belong to the number
        elif char != "@":
            literal.append(char)
        i += 1
    codes = _strip_literals(section)
    digits = general or any(c in _DIGITS for c in codes)
    integer = re.split(r"[.eE]", codes, maxsplit=1)[0]
    text = "".join(literal)
    return Shown(percent, commas_after_digit if digits else 0, text, digits, integer.count("0"),
                 len(text) if before is None else before)


def _in_number(section: str, i: int) -> bool:
    """Whether a `.`, `E`, `+` or `-` at `i` is part of the number (between digit placeholders)."""
    char = section[i]
    if char == ".":
        return True
    if char in "eE":
        return i + 1 < len(section) and section[i + 1] in "+-"
    return i > 0 and section[i - 1] in "eE"


def _strip_literals(section: str) -> str:
    return re.sub(r'"[^"]*"?|\\.|[_*].|\[[^\]]*\]?', "", section)
