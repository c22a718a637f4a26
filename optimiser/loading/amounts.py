"""Money and other figures: the request and its minimum in whole euros, optional non-negative figures."""

from __future__ import annotations

import numpy as np

from ..messages import say
from .cells import show
from .problems import Reading
from .schema import MAX_AMOUNT, MAX_REQUEST_EUR, is_money
from .values import Numbers, number_problems, numbers

_WHOLE_TOLERANCE = 1e-6  # euros: float noise from a spreadsheet formula, not cents


def _whole_euros(reading: Reading, name: str, read: Numbers, j: int, what: str) -> np.ndarray:
    """Amount cells: money (`money_text`), whole euros, not absurdly large (bad ones reported, NaN)."""
    number_problems(reading, j, read, what)
    values = read.values.copy()
    with np.errstate(invalid="ignore"):
        rounded = np.round(values)
        cents = ~np.isnan(values) & (np.abs(values - rounded) > _WHOLE_TOLERANCE)
        huge = ~np.isnan(values) & ~cents & (np.abs(values) >= MAX_AMOUNT)
    reading.cell_problems(j, cents, lambda v: say("load_not_whole_euros", value=show(v)))
    reading.cell_problems(j, huge, lambda v: say("load_too_large", value=show(v), name=name, what=what))
    rounded[cents | huge] = np.nan
    return rounded


def requested(reading: Reading) -> np.ndarray | None:
    """The amount requested: whole euros, above 0, at most ten billion."""
    j = reading.index.get("requested_eur")
    if j is None:
        return None
    what = say("load_what_requested")
    read = numbers(reading, j, money=True)
    reading.cell_problems(j, read.empty, lambda _: say("load_empty_expected", what=what))
    values = _whole_euros(reading, "requested_eur", read, j, what)
    with np.errstate(invalid="ignore"):
        not_positive = values <= 0
        absurd = values > MAX_REQUEST_EUR
    reading.cell_problems(j, not_positive, lambda v: say("load_not_positive", value=show(v), what=what))
    reading.cell_problems(j, absurd, lambda v: say("load_over_ten_billion", value=show(v)))
    values[not_positive | absurd] = np.nan
    return values


def minimum(reading: Reading, request: np.ndarray | None) -> np.ndarray | None:
    """The smallest useful amount; the whole request when empty or absent."""
    j = reading.index.get("min_eur")
    if j is None:
        return request
    what = say("load_what_minimum")
    read = numbers(reading, j, money=True)
    values = _whole_euros(reading, "min_eur", read, j, what)
    with np.errstate(invalid="ignore"):
        negative = values < 0
        above = ~negative & (values > request) if request is not None else np.zeros(reading.n, bool)
    reading.cell_problems(j, negative, lambda v: say("load_negative", value=show(v), what=what))
    if request is None:
        return values
    cells, req_cells = reading.grid.cells[j], reading.grid.cells[reading.index["requested_eur"]]
    for position in np.flatnonzero(above):
        reading.problem(say("load_above_request", value=show(cells[position]), request=show(req_cells[position])),
                        j, reading.row(position))
    return np.where(read.empty, request, values)


def non_negative(reading: Reading, name: str, default: float) -> np.ndarray:
    """Optional figures: numbers >= 0 (money for `_eur` columns); `default` when empty or absent."""
    j = reading.index.get(name)
    if j is None:
        return np.full(reading.n, default)
    money = is_money(name)
    read = numbers(reading, j, money=money, zero_is_empty=default == 0)
    unit = say("load_unit_euros") if money else say("load_unit_number")
    what = (say("load_what_non_negative", unit=unit) if np.isnan(default)
            else say("load_what_non_negative_default", unit=unit, default=f"{default:g}"))
    number_problems(reading, j, read, what)
    with np.errstate(invalid="ignore"):
        negative = read.values < 0
        huge = money & (np.abs(read.values) >= MAX_AMOUNT)
    reading.cell_problems(j, negative, lambda v: say("load_negative", value=show(v), what=what))
    reading.cell_problems(j, huge, lambda v: say("load_too_large", value=show(v), name=name, what=what))
    values = np.where(huge, np.nan, read.values)
    return np.where(read.empty, default, values)
