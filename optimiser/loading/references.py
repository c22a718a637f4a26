"""Columns that name something known: an EPCI or a priority of the territory, a state-aid regime."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

import numpy as np

from ..messages import say
from ..strict import REGIMES
from .cells import cell_text, show
from .problems import Reading
from .values import factorize, texts

_REGIME_SEPARATORS = re.compile(r"[\s-]+")


def lookup(reading: Reading, name: str, find: Callable[[str], object], expected: str,
           key: Callable[[object], str]) -> np.ndarray | None:
    """Territory references: each distinct spelling resolved once; LookupError text is the message."""
    j = reading.index.get(name)
    if j is None:
        return None
    codes, uniques = factorize(texts(reading, j))
    resolved: list[str | None] = []
    errors: list[str | None] = []
    for text in uniques:
        if not text:
            resolved.append(None)
            errors.append(say("load_empty_cell", expected=expected))
            continue
        try:
            resolved.append(key(find(text)))
            errors.append(None)
        except LookupError as exc:
            resolved.append(None)
            errors.append(exc.args[0] if exc.args else str(exc))
    error_of = np.array(errors, dtype=object)[codes]
    bad = np.array([e is not None for e in errors], dtype=bool)[codes]
    if j in reading.blanked:
        bad &= ~reading.blanked[j]
    for position in np.flatnonzero(bad):
        reading.problem(str(error_of[position]), j, reading.row(position))
    return np.array(resolved, dtype=object)[codes]


def regimes(reading: Reading) -> np.ndarray:
    """A state-aid regime per project, or None to use the scenario's."""
    j = reading.index.get("aid_regime")
    if j is None:
        return np.full(reading.n, None, dtype=object)
    written = texts(reading, j)
    written[:] = [_REGIME_SEPARATORS.sub("_", t.lower()) for t in written]
    bad = np.array([t != "" and t not in REGIMES for t in written], dtype=bool)

    def message(value: object) -> str:
        close = difflib.get_close_matches(cell_text(value).lower(), REGIMES, n=1, cutoff=0.6)
        if close:
            return say("load_regime_unknown_close", value=show(value), close=repr(close[0]), regimes=", ".join(REGIMES))
        return say("load_regime_unknown", value=show(value), regimes=", ".join(REGIMES))

    reading.cell_problems(j, bad, message)
    return np.where(written == "", None, written)
