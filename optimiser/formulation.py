"""The model's arrays for prepared candidates: columns, objective weights and one row per rule.

Variables, for each candidate that may be funded: x (funded or not, binary) and e (whole euros above
the smallest viable amount, 0 <= e <= (cap - base) x). The amount is base x + e. The objective gives
each euro a weight: score / requested (`value`: the score times the funded fraction) or
score / envelope (`weighted_euros`: every euro counts the score of the project it funds).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .milp import Problem
from .models import Scenario
from .rules import Prepared, Rule

INF = math.inf


@dataclass(frozen=True)
class Layout:
    """Where each open candidate's variables sit among the model's columns."""

    positions: np.ndarray   # candidate positions (in id order) that may be funded
    x_col: np.ndarray       # column of x per open candidate
    e_col: np.ndarray       # column of e per open candidate, -1 when the amount is fixed
    n_cols: int


def euro_weights(prep: Prepared, scenario: Scenario) -> np.ndarray:
    """Objective weight of one euro given to each candidate."""
    if scenario.objective == "value":
        return prep.score / prep.requested
    return prep.score / scenario.envelope_eur


def layout(prep: Prepared) -> Layout:
    positions = np.flatnonzero(prep.open)
    k = len(positions)
    extendable = prep.cap[positions] > prep.base[positions]
    e_col = np.full(k, -1, dtype=np.int64)
    e_col[extendable] = k + np.arange(int(extendable.sum()))
    return Layout(positions, np.arange(k), e_col, k + int(extendable.sum()))


def rule_terms(rule: Rule, prep: Prepared, lay: Layout, where: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Columns and coefficients of a rule's row; `where` maps candidate position -> open index."""
    idx = where[rule.members]
    if rule.measure == "projects":
        return lay.x_col[idx], np.ones(len(idx))
    if rule.measure == "column":
        return lay.x_col[idx], np.asarray(rule.weights, dtype=float)
    ext = lay.e_col[idx] >= 0
    cols = np.concatenate([lay.x_col[idx], lay.e_col[idx][ext]])
    vals = np.concatenate([prep.base[rule.members].astype(float), np.ones(int(ext.sum()))])
    return cols, vals


def build_problem(prep: Prepared, scenario: Scenario, lay: Layout) -> Problem:
    """The arrays of the mixed-integer program for the prepared candidates."""
    positions = lay.positions
    k = len(positions)
    where = np.full(len(prep.open), -1, dtype=np.int64)
    where[positions] = np.arange(k)
    weight = euro_weights(prep, scenario)[positions]
    base = prep.base[positions].astype(float)
    ext = (prep.cap[positions] - prep.base[positions]).astype(float)
    extendable = lay.e_col >= 0

    cost = np.zeros(lay.n_cols)
    cost[lay.x_col] = weight * base
    cost[lay.e_col[extendable]] = weight[extendable]
    col_lower = np.zeros(lay.n_cols)
    col_lower[lay.x_col[prep.locked_in[positions]]] = 1.0
    col_upper = np.ones(lay.n_cols)
    col_upper[lay.e_col[extendable]] = ext[extendable]
    integer = np.ones(lay.n_cols, dtype=bool)
    lazy = np.zeros(lay.n_cols, dtype=bool)
    lazy[lay.e_col[extendable]] = True  # whole euros, but relaxed first (see milp.solve)

    starts, indices, values, lower, upper, names = [0], [], [], [], [], []
    for rule in prep.rules:
        cols, vals = rule_terms(rule, prep, lay, where)
        indices.append(cols)
        values.append(vals)
        starts.append(starts[-1] + len(cols))
        lower.append(rule.lower)
        upper.append(rule.upper)
        names.append(rule.key)
    # Linking rows: e - (cap - base) x <= 0, two entries each, built at once.
    link = np.flatnonzero(extendable)
    if len(link):
        indices.append(np.column_stack([lay.e_col[link], lay.x_col[link]]).ravel())
        values.append(np.column_stack([np.ones(len(link)), -ext[link]]).ravel())
        starts.extend((starts[-1] + 2 * np.arange(1, len(link) + 1)).tolist())
        lower.extend([-INF] * len(link))
        upper.extend([0.0] * len(link))
        names.extend(f"link.{prep.table['id'].iat[positions[i]]}" for i in link)
    return Problem(
        cost=cost, col_lower=col_lower, col_upper=col_upper, integer=integer,
        start=np.asarray(starts, dtype=np.int64),
        index=np.concatenate(indices).astype(np.int64) if indices else np.zeros(0, dtype=np.int64),
        value=np.concatenate(values).astype(float) if values else np.zeros(0),
        row_lower=np.asarray(lower, dtype=float), row_upper=np.asarray(upper, dtype=float),
        row_names=tuple(names), lazy_integer=lazy,
    )
