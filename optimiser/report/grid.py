"""The scoring grid and the objective as people read them: rows of text for every report (Markdown, HTML,
XLSX) from the scenario's `scoring`, in the analyst's own column names; the sentence that says what decides.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..allocation import Allocation
from ..catalogue import named, t
from ..catalogue.columns import HEADERS
from ..formatting import fmt_num, fmt_pct
from ..models import Criterion, Scoring
from ..scoring import normalised_weights

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
PER = 100_000  # the points per euro requested, shown per this many euros


def grid_headers(lang: str = "fr") -> list[str]:
    return [t(k, lang) for k in ("grid_pillar", "grid_pillar_weight", "grid_criterion", "grid_source", "grid_weight",
                                  "grid_weight_total", "grid_direction", "grid_scale", "grid_missing")]


def grid_rows(scoring: Scoring, headers: Mapping[str, str], lang: str = "fr") -> list[list[str]]:
    """One row per criterion: its pillar and the pillar's weight, its label, the data it reads (the file's
    header, or the expression with headers for names), its weight in the pillar and in the total (as
    normalised, with the weight as given), its direction, scale and missing-value rule, in words."""
    pillar_w, criterion_w = normalised_weights(scoring)
    rows = []
    for p, pillar in scoring.pillars.items():
        for c, criterion in pillar.criteria.items():
            rows.append([
                named(p, pillar.label), _weight(pillar_w[p], pillar.weight, lang), named(c, criterion.label),
                source(criterion, headers, lang), _weight(criterion_w[p][c], criterion.weight, lang),
                fmt_pct(pillar_w[p] * criterion_w[p][c], 1, lang), _direction(criterion, lang),
                scale_text(criterion, lang), t(f"grid_missing_{criterion.missing}", lang)])
    return rows


def _weight(normalised: float, given: float | tuple[float, float], lang: str) -> str:
    shown = fmt_pct(normalised, 1, lang)
    if isinstance(given, tuple):
        as_given = t("grid_range", lang, low=_plain(given[0], lang), high=_plain(given[1], lang))
    elif abs(given - normalised) <= 1e-12:
        return shown
    else:
        as_given = _plain(given, lang)
    return t("grid_given", lang, normalised=shown, given=as_given)


def _plain(value: float, lang: str) -> str:
    """A number as given in the YAML, without trailing zeros, in the language's decimal mark."""
    text = f"{value:.6g}"
    return text.replace(".", ",") if lang == "fr" else text


def source(criterion: Criterion, headers: Mapping[str, str], lang: str = "fr") -> str:
    """The column as the file names it, or the expression with each column named so."""
    if criterion.column is not None:
        return column_name(criterion.column, headers, lang)
    return _NAME.sub(lambda m: column_name(m.group(0), headers, lang), criterion.expression or "")


def column_name(column: str, headers: Mapping[str, str], lang: str = "fr") -> str:
    """A column as the analyst's file heads it; a header that is the bare key (`jobs_created`) is shown
    under its usual name in `lang` (`Emplois créés`, as the template heads it), never as the key."""
    header = headers.get(column, column)
    if header == column and column in HEADERS[lang]:
        return HEADERS[lang][column]
    return header


def _direction(criterion: Criterion, lang: str) -> str:
    if criterion.scale in ("piecewise", "target"):
        return t("grid_set_by_scale", lang)
    return t(f"grid_{criterion.direction}", lang)


def scale_text(criterion: Criterion, lang: str) -> str:
    scale = criterion.scale
    if scale == "piecewise":
        points = ", ".join(t("grid_point", lang, value=_plain(v, lang), score=_plain(100 * s, lang))
                           for v, s in criterion.points or [])
        return t("grid_scale_piecewise", lang, points=points)
    if scale == "threshold":
        return t("grid_scale_threshold", lang, threshold=_plain(criterion.threshold, lang))
    if scale == "target":
        return t("grid_scale_target", lang, target=_plain(criterion.target, lang),
                 tolerance=_plain(criterion.tolerance, lang))
    return t(f"grid_scale_{scale}", lang)


def objective_paragraph(alloc: Allocation, lang: str = "fr") -> str:
    """What the optimiser maximises, in plain words, with the figure that decides and the value reached."""
    s = alloc.scenario
    value = fmt_num(alloc.solution.objective or 0, 1, lang)
    if s.objective == "weighted_euros":
        return t("objective_weighted_euros", lang, value=value)
    key = "objective_value_partial" if s.funding == "partial" else "objective_value_whole"
    return t(key, lang, value=value)


def points_per_euro(table: pd.DataFrame) -> np.ndarray:
    """Each candidate's score per `PER` euros requested: what a euro of it is worth under `value`."""
    requested = table["requested_eur"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(requested > 0, table["score"].to_numpy(dtype=float) * PER / requested, np.nan)
