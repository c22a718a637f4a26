"""The one translation between prepared candidates and the solver's arrays, both ways.

Variables, for each candidate that may be funded: x (funded or not, binary) and e (whole euros above
the smallest viable amount, 0 <= e <= (cap - base) x). The amount is base x + e. The objective gives
each euro a weight: score / requested (`value`: the score times the funded fraction) or
score / envelope (`weighted_euros`: every euro counts the score of the project it funds).

Everything that varies the model (sensitivity draws, the price of a rule, the budget curve, the
frontier, the explanations) asks a `Formulation` for costs, columns and amounts: none re-derives them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .constants import INF
from .milp import Amounts, Problem, Settings
from .models import Scenario
from .rules import Prepared, Rule


@dataclass(frozen=True)
class Layout:
    """Where each open candidate's variables sit among the model's columns."""

    positions: np.ndarray   # candidate positions (in id order) that may be funded
    x_col: np.ndarray       # column of x per open candidate
    e_col: np.ndarray       # column of e per open candidate, -1 when the amount is fixed
    n_cols: int

    @classmethod
    def of(cls, prep: Prepared) -> Layout:
        positions = np.flatnonzero(prep.open)
        k = len(positions)
        extendable = prep.cap[positions] > prep.base[positions]
        e_col = np.full(k, -1, dtype=np.int64)
        e_col[extendable] = k + np.arange(int(extendable.sum()))
        return cls(positions, np.arange(k), e_col, k + int(extendable.sum()))


@dataclass(frozen=True, eq=False)
class Formulation:
    """A scenario's prepared candidates and the mixed-integer program that allocates them."""

    scenario: Scenario
    prep: Prepared
    lay: Layout

    @classmethod
    def of(cls, prep: Prepared, scenario: Scenario) -> Formulation:
        return cls(scenario, prep, Layout.of(prep))

    @property
    def settings(self) -> Settings:
        s = self.scenario.solver
        return Settings(s.name, s.time_limit_s, s.gap, s.threads)

    @cached_property
    def where(self) -> np.ndarray:
        """Open index of each candidate position (-1 for a candidate that may not be funded)."""
        where = np.full(len(self.prep.open), -1, dtype=np.int64)
        where[self.lay.positions] = np.arange(len(self.lay.positions))
        return where

    def per_euro(self, score: np.ndarray | None = None) -> np.ndarray:
        """Objective weight of one euro given to each candidate, for its score (or another score vector)."""
        s = self.prep.score if score is None else score
        denominator = self.prep.requested if self.scenario.objective == "value" else self.scenario.envelope_eur
        return np.nan_to_num(s / denominator, nan=0.0)

    def pillar_per_euro(self, pillar: str) -> np.ndarray:
        """Weight per euro of one pillar's sub-score times the funded fraction (the frontier's axes)."""
        return np.nan_to_num(self.prep.table[f"score_{pillar}"].to_numpy(float) / self.prep.requested)

    def cost(self, per_euro: np.ndarray) -> np.ndarray:
        """Objective coefficients of the columns for a weight per euro of each candidate."""
        lay, positions = self.lay, self.lay.positions
        cost = np.zeros(lay.n_cols)
        cost[lay.x_col] = per_euro[positions] * self.prep.base[positions]
        extendable = lay.e_col >= 0
        cost[lay.e_col[extendable]] = per_euro[positions][extendable]
        return cost

    def amounts(self, values: np.ndarray) -> np.ndarray:
        """Whole-euro amount per candidate (0 for those not funded) from the solver's column values."""
        lay = self.lay
        amounts = np.zeros(len(self.prep.open), dtype=np.int64)
        if not lay.n_cols:
            return amounts
        x = np.round(values[lay.x_col])
        e = np.where(lay.e_col >= 0, np.round(values[np.maximum(lay.e_col, 0)]), 0.0)
        amounts[lay.positions] = (self.prep.base[lay.positions] * x + e * x).astype(np.int64)
        return amounts

    def value(self, amounts: np.ndarray, score: np.ndarray | None = None) -> float:
        """Objective value of an allocation (whole euros per candidate), for its scores or others."""
        return float(self.per_euro(score) @ amounts)

    def x_column(self, position: int) -> int:
        """The x column of the candidate at `position` (which may be funded)."""
        return int(self.lay.x_col[self.where[position]])

    def rule_terms(self, rule: Rule) -> tuple[np.ndarray, np.ndarray]:
        """Columns and coefficients of a rule's row."""
        lay, idx = self.lay, self.where[rule.members]
        if rule.measure == "projects":
            return lay.x_col[idx], np.ones(len(idx))
        if rule.measure == "column":
            return lay.x_col[idx], np.asarray(rule.weights, dtype=float)
        ext = lay.e_col[idx] >= 0
        cols = np.concatenate([lay.x_col[idx], lay.e_col[idx][ext]])
        vals = np.concatenate([self.prep.base[rule.members].astype(float), np.ones(int(ext.sum()))])
        return cols, vals

    @cached_property
    def problem(self) -> Problem:
        """The arrays of the mixed-integer program, built once."""
        prep, lay = self.prep, self.lay
        positions = lay.positions
        ext = (prep.cap[positions] - prep.base[positions]).astype(float)
        extendable = lay.e_col >= 0
        col_lower = np.zeros(lay.n_cols)
        col_lower[lay.x_col[prep.locked_in[positions]]] = 1.0
        col_upper = np.ones(lay.n_cols)
        col_upper[lay.e_col[extendable]] = ext[extendable]
        integer = np.ones(lay.n_cols, dtype=bool)
        lazy = np.zeros(lay.n_cols, dtype=bool)
        lazy[lay.e_col[extendable]] = True  # whole euros, but relaxed first (see milp.solve)

        starts, indices, values, lower, upper, names = [0], [], [], [], [], []
        for rule in prep.rules:
            cols, vals = self.rule_terms(rule)
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
            cost=self.cost(self.per_euro()), col_lower=col_lower, col_upper=col_upper, integer=integer,
            start=np.asarray(starts, dtype=np.int64),
            index=np.concatenate(indices).astype(np.int64) if indices else np.zeros(0, dtype=np.int64),
            value=np.concatenate(values).astype(float) if values else np.zeros(0),
            row_lower=np.asarray(lower, dtype=float), row_upper=np.asarray(upper, dtype=float),
            row_names=tuple(names), lazy_integer=lazy,
            amounts=Amounts(lay.x_col, lay.e_col, prep.base[positions].astype(float),
                            prep.cap[positions].astype(float)),
        )
