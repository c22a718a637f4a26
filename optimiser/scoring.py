"""Transparent multi-criteria scores: each criterion on a 0-100 scale, weighted sums per pillar, a total.

The kernels work on numpy arrays; names (ids, pillars, criteria, YAML paths) only appear at the edges,
in `score`. Everything is a pure function of the candidates table and the scenario's `scoring`
section: the same table gives the same scores bit for bit, and the order of the rows changes
nothing (every statistic below is order-independent, and each id's arithmetic only reads its own row
and those statistics).

Scores are **relative to the candidates file**: the statistics of a scale (min, max, ranks, median)
are computed over every row of the table passed in (the non-missing values of that criterion),
including candidates excluded later for another criterion's missing value. Adding or removing a
candidate can therefore move the others' scores.

Scales (``v`` is a candidate's value; the result is 0-100 except for ``raw``):

- ``raw``: the value unchanged (e.g. an existing 0-100 score passed through); ``direction`` is ignored,
  except by the ``worst`` missing policy.
- ``minmax``: ``(v - min) / (max - min) x 100`` over the non-missing values; when all values are equal
  every candidate gets 100. Direction ``lower``: ``(max - v) / (max - min) x 100`` (that is 100 - x).
- ``rank``: percentile rank, ties sharing their average rank ``r`` (1 = smallest value):
  ``(r - 1) / (n - 1) x 100`` with ``n`` the number of non-missing values; ``n = 1`` gives 100.
  Direction ``lower``: ``(n - r) / (n - 1) x 100`` (100 - x).
- ``log``: ``minmax`` of ``log10(1 + max(v, 0))``: negative values are floored at 0 before the log,
  so they all score like 0. For quantities spanning orders of magnitude (jobs, tonnes, euros).
- ``piecewise``: linear interpolation through ``points`` ``[[value, score 0-1], ...]``, x 100, and the
  first/last point's score outside their range. ``direction`` does not apply: the points say it.
- ``threshold``: 100 when ``v >= threshold`` (direction ``higher``) or ``v <= threshold`` (``lower``),
  else 0.
- ``target``: ``100 x max(0, 1 - |v - target| / tolerance)``; ``direction`` does not apply.

Missing values: NaN in the column, an empty cell, an infinite value, or an expression that cannot be
computed (a missing operand, a division by zero) are all *missing*. The non-missing values are scaled
first (the statistics ignore the missing ones), then the criterion's ``missing`` policy fills in:

- ``worst``: the bottom of the scale, 0 (for ``raw``: the smallest observed value, or the largest with
  direction ``lower``);
- ``median``: the median of the scaled non-missing values;
- ``exclude``: the candidate is excluded (total NaN, rank <NA>, the reason in ``excluded``); its other
  criteria keep their scores for the report, the missing one stays NaN, and so does its pillar;
- ``error``: the scoring stops with an `InputError` listing every id with a missing value.

When no candidate has a value, ``worst`` and ``median`` give everyone 0 and a note says so.

Weights are normalised to sum 1 at both levels (pillars; criteria within a pillar), with a note when
the given weights did not already sum to 1. ``total = sum(pillar weight x pillar score)``; the rank
sorts by total, best first, ties broken by id in string order.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import InputError, Problem
from .expressions import ExpressionError, parse_expression
from .formatting import named
from .messages import current, number, say
from .models import Criterion, Scoring, central
from .reasons import Note

WEIGHT_TOLERANCE = 1e-9
_BOUNDED = {"minmax", "rank", "log", "piecewise", "threshold", "target"}


@dataclass(frozen=True)
class ScoreTable:
    """Scores of every candidate, in the row order of the table given, with how they were obtained."""

    ids: list[str]
    criteria: pd.DataFrame     # index ids; one column "pillar.criterion" per criterion: scaled values
    pillars: pd.DataFrame      # index ids; one column per pillar: weighted sum of its criteria
    total: pd.Series           # index ids; weighted sum of the pillars, NaN when excluded
    rank: pd.Series            # index ids; 1 = best, ties by id; Int64, <NA> when excluded
    excluded: dict[str, str]   # id -> reason, in the run's language ("valeur manquante pour jobs (jobs_created)")
    notes: list[str]           # what was adjusted on the way (weights normalised, empty columns)
    weights: dict[str, float]  # "pillar.criterion" -> effective weight in the total (sums to 1)


def scale_values(values: np.ndarray, criterion: Criterion) -> np.ndarray:
    """The kernel: raw values -> scaled values (0-100 unless `raw`); NaN (and inf) give NaN.

    Statistics (min, max, ranks) are taken over the finite values only.
    """
    v = np.array(values, dtype=float)
    known = np.isfinite(v)
    v[~known] = np.nan
    scale = criterion.scale
    higher = criterion.direction == "higher"
    with np.errstate(all="ignore"):
        if scale == "raw":
            return v
        if scale == "piecewise":
            points = criterion.points or []
            xs = np.array([p[0] for p in points], dtype=float)
            ys = np.array([p[1] for p in points], dtype=float)
            out = np.interp(v, xs, ys) * 100.0
        elif scale == "threshold":
            assert criterion.threshold is not None
            passes = v >= criterion.threshold if higher else v <= criterion.threshold
            out = np.where(passes, 100.0, 0.0)
        elif scale == "target":
            assert criterion.target is not None and criterion.tolerance is not None
            out = 100.0 * np.maximum(0.0, 1.0 - np.abs(v - criterion.target) / criterion.tolerance)
        elif scale in ("minmax", "log"):
            x = np.log10(1.0 + np.maximum(v, 0.0)) if scale == "log" else v
            out = _minmax(x, known, higher)
        elif scale == "rank":
            out = _percentile_rank(v, known, higher)
        else:  # pragma: no cover - the model only allows the scales above
            raise ValueError(f"unknown scale {scale!r}")
    out = np.asarray(out, dtype=float)
    out[~known] = np.nan
    return out


def _minmax(x: np.ndarray, known: np.ndarray, higher: bool) -> np.ndarray:
    out = np.full(x.shape, np.nan)
    if not known.any():
        return out
    low, high = float(np.min(x[known])), float(np.max(x[known]))
    if high == low:
        out[known] = 100.0
    elif higher:
        out[known] = (x[known] - low) / (high - low) * 100.0
    else:
        out[known] = (high - x[known]) / (high - low) * 100.0
    return out


def _percentile_rank(v: np.ndarray, known: np.ndarray, higher: bool) -> np.ndarray:
    """Average ranks for ties, computed from the sorted distinct values (order-independent)."""
    out = np.full(v.shape, np.nan)
    n = int(known.sum())
    if n == 0:
        return out
    if n == 1:
        out[known] = 100.0
        return out
    _, inverse, counts = np.unique(v[known], return_inverse=True, return_counts=True)
    below = np.cumsum(counts) - counts               # values strictly smaller
    average_rank = below + (counts + 1) / 2.0        # 1-based, averaged over ties
    r = average_rank[inverse]
    out[known] = ((r - 1.0) if higher else (n - r)) / (n - 1) * 100.0
    return out


def score(table: pd.DataFrame, scoring: Scoring, id_column: str = "id") -> ScoreTable:
    """Score every row of `table` under `scoring`; InputError (every problem at once) on bad input.

    The results are indexed by id (the `id_column` values as text) in the table's row order.
    """
    problems: list[Problem] = []
    notes: list[str] = []
    ids = _ids(table, id_column, problems)
    pillar_weights, criterion_weights = _normalised_weights(scoring, problems, notes)
    sources = _raw_values(table, scoring, problems)
    if problems:
        raise InputError(say("sco_scores_impossible"), problems)

    n = len(ids)
    scaled: dict[tuple[str, str], np.ndarray] = {}
    excluded_mask = np.zeros(n, dtype=bool)
    reasons: list[list[str]] = [[] for _ in range(n)]
    for pillar_name, criterion_name, criterion in _criteria(scoring):
        path = _path(pillar_name, criterion_name)
        values, source = sources[(pillar_name, criterion_name)]
        column = scale_values(values, criterion)
        missing = np.isnan(column)
        if missing.any():
            column = _fill_missing(column, missing, criterion, path, source, criterion_name, ids,
                                   problems, notes, excluded_mask, reasons)
        scaled[(pillar_name, criterion_name)] = column
    if problems:
        raise InputError(say("sco_missing_forbidden"), problems)

    pillar_scores: dict[str, np.ndarray] = {}
    for pillar_name, pillar in scoring.pillars.items():
        acc = np.zeros(n)
        for criterion_name in pillar.criteria:
            acc = acc + criterion_weights[pillar_name][criterion_name] * scaled[(pillar_name, criterion_name)]
        pillar_scores[pillar_name] = acc
    total = np.zeros(n)
    for pillar_name in scoring.pillars:
        total = total + pillar_weights[pillar_name] * pillar_scores[pillar_name]
    total[excluded_mask] = np.nan

    index = pd.Index(ids, name=id_column)
    order = sorted((i for i in range(n) if not np.isnan(total[i])), key=lambda i: (-total[i], ids[i]))
    rank = pd.Series(pd.NA, index=index, dtype="Int64", name="rank")
    if order:
        rank.iloc[order] = np.arange(1, len(order) + 1)
    return ScoreTable(
        ids=ids,
        criteria=pd.DataFrame({f"{p}.{c}": scaled[(p, c)] for p, c, _ in _criteria(scoring)}, index=index),
        pillars=pd.DataFrame(pillar_scores, index=index),
        total=pd.Series(total, index=index, name="total"),
        rank=rank,
        excluded={ids[i]: "; ".join(reasons[i]) for i in range(n) if excluded_mask[i]},
        notes=notes,
        weights={f"{p}.{c}": pillar_weights[p] * criterion_weights[p][c] for p, c, _ in _criteria(scoring)},
    )


def _fill_missing(column: np.ndarray, missing: np.ndarray, criterion: Criterion, path: str, source: str,
                  criterion_name: str, ids: list[str], problems: list[Problem], notes: list[str],
                  excluded_mask: np.ndarray, reasons: list[list[str]]) -> np.ndarray:
    """Apply the criterion's `missing` policy to the NaN entries of an already scaled column."""
    policy = criterion.missing
    missing_ids = [ids[i] for i in np.flatnonzero(missing)]
    shown = _list_ids(missing_ids)
    if policy == "error":
        problems.append(Problem(path, say("sco_missing_error", source=source, count=number(len(missing_ids)),
                                          ids=", ".join(missing_ids))))
        return column
    if policy == "exclude":
        excluded_mask |= missing
        for i in np.flatnonzero(missing):
            reasons[i].append(say("sco_missing_for", criterion=criterion_name, source=source))
        return column
    observed = column[~missing]
    if observed.size == 0:
        notes.append(Note(say("sco_note_no_value", path=path, source=source), "no_value",
                          criterion=named(criterion_name, criterion.label)))
        fill = 0.0
    elif policy == "median":
        fill = float(np.median(observed))
        notes.append(Note(say("sco_note_median", path=path, count=number(len(missing_ids)), ids=shown,
                              fill=_g(fill)), "missing_median", criterion=named(criterion_name, criterion.label),
                          ids=missing_ids, fill=fill))
    else:  # worst
        if criterion.scale in _BOUNDED:
            fill = 0.0
        else:
            fill = float(np.min(observed) if criterion.direction == "higher" else np.max(observed))
        notes.append(Note(say("sco_note_worst", path=path, count=number(len(missing_ids)), ids=shown,
                              fill=_g(fill)), "missing_worst", criterion=named(criterion_name, criterion.label),
                          ids=missing_ids, fill=fill))
    out = column.copy()
    out[missing] = fill
    return out


def _list_ids(ids: list[str], limit: int = 10) -> str:
    if len(ids) <= limit:
        return ", ".join(ids)
    return say("sco_ids_more", ids=", ".join(ids[:limit]), count=number(len(ids) - limit))


def _g(value: float) -> str:
    """A number as `{:g}` writes it, with a decimal comma in French."""
    text = f"{value:g}"
    return text.replace(".", ",") if current() == "fr" else text


def _criteria(scoring: Scoring) -> Iterator[tuple[str, str, Criterion]]:
    """(pillar, criterion, Criterion) in the scenario's order."""
    for pillar_name, pillar in scoring.pillars.items():
        for criterion_name, criterion in pillar.criteria.items():
            yield pillar_name, criterion_name, criterion


def _path(pillar_name: str, criterion_name: str) -> str:
    return f"scoring.pillars.{pillar_name}.criteria.{criterion_name}"


def _ids(table: pd.DataFrame, id_column: str, problems: list[Problem]) -> list[str]:
    """Ids as text, in row order; missing or duplicate ids are problems (the scores are keyed by id)."""
    if id_column not in table.columns:
        problems.append(Problem(id_column, say("sco_no_id_column", column=id_column)))
        return [str(i) for i in range(len(table))]
    raw = table[id_column].tolist()
    ids: list[str] = []
    empty_rows: list[int] = []
    for row, value in enumerate(raw, start=1):
        if value is None or (not isinstance(value, str) and pd.isna(value)) or str(value).strip() == "":
            empty_rows.append(row)
            ids.append(say("sco_row_placeholder", row=row))
        else:
            ids.append(str(value))
    if empty_rows:
        rows = ", ".join(map(str, empty_rows))
        problems.append(Problem(id_column, say("sco_missing_id_row", rows=rows) if len(empty_rows) == 1
                                else say("sco_missing_id_rows", rows=rows)))
    counts = pd.Series(ids).value_counts()
    duplicates = sorted(counts.index[counts > 1])
    if duplicates:
        shown = ", ".join(duplicates)
        problems.append(Problem(id_column, say("sco_duplicate_id", ids=shown) if len(duplicates) == 1
                                else say("sco_duplicate_ids", ids=shown)))
    return ids


def _normalise(weights: dict[str, float], where: str, what: Callable[[str], str], problems: list[Problem],
               notes: list[str], within: str = "") -> dict[str, float]:
    """The weights brought to a sum of 1; `what(total)`: the note saying so; `within`: the pillar's name for
    people ("" for the pillars)."""
    total = math.fsum(weights.values())
    if not math.isfinite(total):
        problems.append(Problem(where, say("sco_weights_not_finite", total=total)))
        return {k: 0.0 for k in weights}
    if total == 0:
        problems.append(Problem(where, say("sco_weights_zero")))
        return {k: 0.0 for k in weights}
    if abs(total - 1.0) > WEIGHT_TOLERANCE:
        notes.append(Note(what(_g(total)), "weights_normalised", total=total, within=within))
        return {k: w / total for k, w in weights.items()}
    return dict(weights)


def normalised_weights(scoring: Scoring) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """The weights the scores use: pillars summing to 1, and each pillar's criteria summing to 1 (the
    reports show them beside the weights as given)."""
    return _normalised_weights(scoring, [], [])


def _normalised_weights(scoring: Scoring, problems: list[Problem], notes: list[str]
                        ) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    pillar_weights = _normalise({p: central(pillar.weight) for p, pillar in scoring.pillars.items()},
                                "scoring.pillars", lambda total: say("sco_note_pillar_weights", total=total),
                                problems, notes)
    criterion_weights = {
        p: _normalise({c: central(criterion.weight) for c, criterion in pillar.criteria.items()},
                      f"scoring.pillars.{p}.criteria",
                      lambda total, p=p: say("sco_note_criterion_weights", pillar=p, total=total), problems, notes,
                      named(p, pillar.label))
        for p, pillar in scoring.pillars.items()
    }
    return pillar_weights, criterion_weights


def _raw_values(table: pd.DataFrame, scoring: Scoring, problems: list[Problem]
                ) -> dict[tuple[str, str], tuple[np.ndarray, str]]:
    """Each criterion's values as floats (inf counted as missing) and how to name their source."""
    out: dict[tuple[str, str], tuple[np.ndarray, str]] = {}
    numeric_cache: dict[str, np.ndarray | str] = {}

    def numeric(name: str) -> np.ndarray | str:
        if name not in numeric_cache:
            numeric_cache[name] = _numeric_column(table, name)
        return numeric_cache[name]

    for pillar_name, criterion_name, criterion in _criteria(scoring):
        path = _path(pillar_name, criterion_name)
        if criterion.column is not None:
            values = numeric(criterion.column)
            if isinstance(values, str):
                problems.append(Problem(path, values))
                continue
            out[(pillar_name, criterion_name)] = (_finite(values), criterion.column)
            continue
        text = criterion.expression or ""
        try:
            expression = parse_expression(text)
        except ExpressionError as error:
            problems.append(Problem(f"{path}.expression", str(error)))
            continue
        arrays: dict[str, np.ndarray] = {}
        for name in sorted(expression.columns):
            values = numeric(name)
            if isinstance(values, str):
                problems.append(Problem(f"{path}.expression", values))
            else:
                arrays[name] = values
        if len(arrays) < len(expression.columns):
            continue
        if not arrays:  # a constant: one value per row
            arrays = {"": np.zeros(len(table))}
        out[(pillar_name, criterion_name)] = (_finite(expression.evaluate(arrays)), text)
    return out


def _finite(values: np.ndarray) -> np.ndarray:
    values = np.array(values, dtype=float)
    values[~np.isfinite(values)] = np.nan
    return values


def _numeric_column(table: pd.DataFrame, name: str) -> np.ndarray | str:
    """The column as floats (empty cells NaN), or the message saying why it cannot be."""
    if name not in table.columns:
        return say("sco_column_absent", column=name)
    series = table[name]
    if isinstance(series, pd.DataFrame):
        return say("sco_column_twice", column=name)
    if pd.api.types.is_bool_dtype(series) or (pd.api.types.is_numeric_dtype(series)
                                             and not pd.api.types.is_complex_dtype(series)):
        return series.to_numpy(dtype=float, na_value=np.nan)
    bad = [(position, value) for position, value in enumerate(series.tolist())
           if not _is_missing(value) and not (isinstance(value, numbers.Real) and not isinstance(value, str))]
    if not bad:  # e.g. an object column of Python numbers and None
        return np.array([np.nan if _is_missing(v) else float(v) for v in series.tolist()], dtype=float)
    examples = ", ".join(say("sco_value_at_row", value=repr(value), row=position + 1) for position, value in bad[:3])
    return say("sco_column_not_numeric", column=name, examples=examples)


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
