"""A grid -> the candidates table: each column given its meaning by its reader, every problem raised at once.

The columns are numpy arrays; the DataFrame is made only when a command computes with the table, so that
`validate` does not pay for importing pandas."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from ..messages import say
from ..territory import Territory
from .amounts import minimum, non_negative, requested
from .extras import extras
from .grid import Grid
from .headers import check_numeric_present, resolve_headers
from .ids import check_unique_ids, text_required
from .problems import Reading
from .references import lookup, regimes
from .schema import FLOATS_NAN, FLOATS_ZERO, ROW
from .screening import drop_totals_rows, refuse_control_characters, refuse_excel_errors, refuse_long_cells
from .sirens import group_ids, sirens

if TYPE_CHECKING:
    import pandas as pd


def build_table(grid: Grid, name: str, territory: Territory, columns: Mapping[str, str],
                numeric: dict[str, list[str]], columns_where: Mapping[str, str]
                ) -> tuple[dict[str, np.ndarray], dict[str, str]]:
    """The columns, one row per project, sorted by id, and each column's header as the file writes it
    (reports name a criterion the way the analyst does); `numeric`: column -> where the scenario uses it."""
    reading = Reading(grid, name)
    for row, message in grid.problems:
        reading.problem(message, row=row or None)
    refuse_long_cells(reading)
    refuse_excel_errors(reading)
    refuse_control_characters(reading)
    resolve_headers(reading, columns, numeric, columns_where)
    drop_totals_rows(reading)
    out: dict[str, object] = {ROW: reading.grid.rows}
    ids = text_required(reading, "id", say("load_expected_id"))
    if ids is not None:
        check_unique_ids(reading, ids)
    siren = sirens(reading)
    names = text_required(reading, "name", say("load_expected_name"))
    epcis = lookup(reading, "epci", territory.epci, say("load_expected_epci"), lambda epci: epci.siren)
    priorities = lookup(reading, "priority", territory.priority, say("load_expected_priority"),
                        lambda priority: priority.key)
    request = requested(reading)
    smallest = minimum(reading, request)
    groups = group_ids(reading, siren)
    floats = {c: non_negative(reading, c, np.nan) for c in FLOATS_NAN}
    floats |= {c: non_negative(reading, c, 0.0) for c in FLOATS_ZERO}
    aid_regimes = regimes(reading)
    others = extras(reading, numeric)
    check_numeric_present(reading, numeric)
    reading.raise_problems()
    out |= {"id": ids, "siren": siren, "name": names, "epci": epcis, "priority": priorities,
            "requested_eur": np.asarray(request).astype(np.int64),
            "min_eur": np.asarray(smallest).astype(np.int64), "group_id": groups, **floats,
            "aid_regime": aid_regimes, **others}
    order = np.argsort(np.asarray(ids, dtype=object), kind="stable")  # plain string order, as `sorted`
    headers = {name: str(reading.grid.headers[j]) for name, j in reading.index.items()}
    return {k: np.asarray(v)[order] for k, v in out.items()}, headers


def frame(columns: Mapping[str, np.ndarray]) -> pd.DataFrame:
    """The columns as the DataFrame the scoring reads: int64 amounts and row numbers, float64 other
    numbers, object text."""
    import pandas as pd

    return pd.DataFrame({k: pd.Series(v, dtype=_dtype(v)) for k, v in columns.items()})


def _dtype(values: object) -> str:
    """int64 for amounts and row numbers, float64 for other numbers, object for text."""
    array = np.asarray(values)
    if array.dtype.kind in "iu":
        return "int64"
    if array.dtype.kind == "f":
        return "float64"
    return "object"
