"""State-aid ceilings per project: EU SME class, GBER intensity caps and the de minimis room.

Pure functions over arrays. The sound cap of the domain notes is
``aid <= min(requested, max_intensity(regime, size) x eligible_cost - other_public_aid)``, plus, under
de minimis, the undertaking's total with its prior 3-year de minimis aid <= the ceiling.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .models import StateAid
from .reasons import Cap

SIZES = ("micro", "small", "medium", "large")

# Recommendation 2003/361/EC: (headcount below, turnover at most, balance sheet at most).
_SME_LIMITS = (("micro", 10, 2e6, 2e6), ("small", 50, 10e6, 10e6), ("medium", 250, 50e6, 43e6))


def sme_class(employees: np.ndarray, turnover: np.ndarray, balance_sheet: np.ndarray) -> np.ndarray:
    """EU SME class per row; 'unknown' when headcount or both financial figures are missing."""
    employees = np.asarray(employees, dtype=float)
    turnover = np.asarray(turnover, dtype=float)
    balance_sheet = np.asarray(balance_sheet, dtype=float)
    result = np.full(employees.shape, "large", dtype=object)
    decided = np.zeros(employees.shape, dtype=bool)
    for size, staff, max_turnover, max_balance in _SME_LIMITS:
        money_ok = (turnover <= max_turnover) | (balance_sheet <= max_balance)  # NaN compares False
        fits = ~decided & (employees < staff) & money_ok
        result[fits] = size
        decided |= fits
    unknown = np.isnan(employees) | (np.isnan(turnover) & np.isnan(balance_sheet))
    result[unknown] = "unknown"
    return result


def project_caps(table: pd.DataFrame, state_aid: StateAid | None) -> tuple[np.ndarray, np.ndarray, list[Cap | None]]:
    """Per project: the state-aid cap in whole euros (inf where none applies), the regime, and why.

    A project whose SME class is unknown gets the intensity of a large company (the least favourable),
    and its reason says so. Under de minimis the cap is the undertaking's remaining room; the group
    constraint in the model also bounds the sum over the undertaking's projects.
    """
    settings = state_aid or StateAid(regime="none")
    n = len(table)
    regimes = np.array([r if isinstance(r, str) and r else settings.regime for r in table["aid_regime"]],
                       dtype=object) if "aid_regime" in table else np.full(n, settings.regime, dtype=object)
    sizes = sme_class(_col(table, "employees"), _col(table, "turnover_eur"), _col(table, "balance_sheet_eur"))
    eligible_cost = _col(table, "eligible_cost_eur")
    other_aid = np.nan_to_num(_col(table, "other_public_aid_eur"), nan=0.0)
    room = de_minimis_room(table, settings.de_minimis_ceiling_eur)
    caps = np.full(n, np.inf)
    reasons: list[Cap | None] = [None] * n
    for i in range(n):
        regime = regimes[i]
        if regime == "de_minimis":
            caps[i] = room[i]
            reasons[i] = Cap("de_minimis", float(room[i]), ceiling=settings.de_minimis_ceiling_eur)
        elif regime.startswith("gber_"):
            size = sizes[i] if sizes[i] != "unknown" else "large"
            intensity = settings.intensity(regime, size)
            if np.isnan(eligible_cost[i]):
                caps[i] = 0.0
                reasons[i] = Cap("gber_no_cost", 0.0, regime=regime)
                continue
            # Rounded to the micro-euro before the floor: 0.35 x 360000 is 125999.99999999999 in floats.
            caps[i] = max(0.0, np.floor(round(intensity * eligible_cost[i] - other_aid[i], 6)))
            reasons[i] = Cap("gber", float(caps[i]), regime=regime, intensity=intensity,
                             size_unknown=sizes[i] == "unknown")
    return caps, regimes, reasons


def de_minimis_room(table: pd.DataFrame, ceiling: int) -> np.ndarray:
    """Ceiling minus the de minimis the undertaking already received (largest figure its rows give)."""
    received = pd.Series(np.nan_to_num(_col(table, "de_minimis_received_eur"), nan=0.0), index=table.index)
    groups = table["group_id"] if "group_id" in table else table["siren"]
    per_group = received.groupby(groups.values).transform("max").to_numpy()
    return np.maximum(0.0, np.floor(ceiling - per_group))


def _col(table: pd.DataFrame, name: str) -> np.ndarray:
    if name not in table:
        return np.full(len(table), np.nan)
    return pd.to_numeric(table[name], errors="coerce").to_numpy(dtype=float)
