"""The file's other columns: numbers when the scenario computes with them or every value is one, else text."""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np

from ..messages import say
from .cells import show
from .problems import Reading
from .schema import CANONICAL, header_key, is_money
from .values import numbers, texts

_CODE = re.compile(r"\s*0[0-9]")


def extras(reading: Reading, numeric: Mapping[str, list[str]]) -> dict[str, np.ndarray]:
    """Other columns: numbers if the scenario says so or if every value is one, else text; a `_eur`
    column is money, read by the money rule (an unused one that breaks it stays text, never misread)."""
    used = {header_key(n) for n in numeric}
    result: dict[str, np.ndarray] = {}
    for target, j in reading.index.items():
        if target in CANONICAL:
            continue
        money = is_money(target)
        read = numbers(reading, j, money=money)
        if header_key(target) in used:
            what = say("load_scenario_uses_as", column=target,
                       unit=say("load_unit_euros") if money else say("load_unit_number"))
            for position, why in sorted(read.refused.items()):
                reading.problem(f"{show(reading.grid.cells[j][position])} {why} ({what})", j, reading.row(position))
            reading.cell_problems(j, read.bad, lambda v, w=what: say("load_not_a_number_for", value=show(v), why=w))
            result[target] = read.values
        elif not read.bad.any() and not read.refused and not _looks_like_codes(reading, j):
            result[target] = read.values
        else:
            written = texts(reading, j)
            result[target] = np.where(written == "", None, written)
    return result


def _looks_like_codes(reading: Reading, j: int) -> bool:
    """Text digits with a leading zero ('07', '07100') are codes: keep them as text, zeros and all."""
    return any(isinstance(c, str) and _CODE.match(c) for c in reading.grid.cells[j])
