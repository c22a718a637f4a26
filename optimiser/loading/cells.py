"""What one cell says: text, an Excel number whose format changes what it shows, an Excel error."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal

from ..excel_format import Shown
from ..messages import number, say

MAX_CELL_CHARS = 32_767  # the most characters an Excel cell holds: a longer cell is not one a person typed

_CURRENCY = re.compile(r"€|\beuros?\b|\beur\b", re.IGNORECASE)
_HARMLESS = re.compile(r"[\s\-+()/:.,]*")


@dataclass(frozen=True)
class ExcelError:
    """An error value Excel shows in a cell (`#N/A`, a failed formula), or ("") a formula whose result
    the file does not hold (a workbook written by a program and never opened in Excel)."""

    text: str

    def message(self) -> str:
        if not self.text:
            return say("load_excel_no_result")
        return say("load_excel_error", error=self.text)


@dataclass(frozen=True)
class ExcelNumber:
    """A number cell whose format changes what Excel shows: the value stored and how it is shown."""

    value: int | float
    number_format: str
    look: Shown

    def __str__(self) -> str:
        return cell_text(self.value)

    def shown_text(self) -> str:
        """Roughly what the cell shows, for messages: '15 %' for 0.15 formatted `0%`, '007' for 7 as `000`."""
        if not self.look.digits:
            return self.look.literal.strip()
        if not isinstance(self.value, float) and abs(self.value) > 10 ** 15:
            return cell_text(self.value)
        scaled = float(Decimal(repr(self.value)) * Decimal(10) ** (2 * self.look.percent - 3 * self.look.thousands))
        number = f"{scaled:g}"
        if scaled.is_integer() and self.look.zeros > 1:
            number = f"{int(scaled):0{self.look.zeros}d}"
        look = self.look
        return f"{look.literal[:look.before]}{number}{'%' * look.percent}{look.literal[look.before:]}".strip()


def cell_text(value: object) -> str:
    """A cell as text: numbers without a spurious '.0', dates in ISO form, empty as ''."""
    if value is None:
        return ""
    if isinstance(value, ExcelNumber):
        value = value.value
    if isinstance(value, ExcelError):
        return value.text
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def show(value: object) -> str:
    """A cell as a message shows it: the user's own text in quotes."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.date, dt.time, dt.datetime, dt.timedelta)):
        return say("load_show_datetime", value=cell_text(value))
    if isinstance(value, ExcelNumber):
        return f"'{value.shown_text()}'" if value.look.digits else say("load_show_cell")
    return f"'{cell_text(value)}'"


def excel_money(cell: ExcelNumber) -> str | None:
    """Why a money cell's number format makes what it shows differ from an amount in euros, or None."""
    look = cell.look
    stored = say("load_stores", value=cell_text(cell.value))
    if look.percent_sign:
        return say("load_money_percent_format", stored=stored)
    if look.thousands:
        return say("load_money_divided_format", factor=number(1000 ** look.thousands), stored=stored)
    if not _HARMLESS.fullmatch(_CURRENCY.sub("", look.literal)):
        return say("load_money_unit_format", text=repr(look.literal.strip()), stored=stored)
    return None


def excel_unseen(cell: ExcelNumber, zero_is_empty: bool) -> str | None:
    """Why a number Excel does not show (`;;;`, a format for zeros that shows nothing, a sheet that hides
    zeros, `"Oui"`) cannot be read as the number stored, or None."""
    if cell.look.digits or (zero_is_empty and cell.value == 0 and not cell.look.literal.strip()):
        return None
    if cell.look.literal.strip():
        return say("load_unseen_shows", text=repr(cell.look.literal.strip()), value=cell_text(cell.value))
    return say("load_unseen_empty", value=cell_text(cell.value))


def excel_number(cell: ExcelNumber) -> tuple[float | None, str | None]:
    """A number cell as Excel shows it: a `%` code multiplies by 100 (decimal-exact: 0.07 gives 7);
    a format that divides what it shows by 1,000 is refused (the tool would read another number)."""
    look = cell.look
    if look.thousands:
        return None, say("load_number_divided_format", factor=number(1000 ** look.thousands),
                         value=cell_text(cell.value))
    try:
        value = float(Decimal(repr(cell.value)) * 100 ** look.percent) if look.percent else float(cell.value)
    except OverflowError:
        return None, None
    return (value, None) if math.isfinite(value) else (None, None)
