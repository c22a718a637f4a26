"""Headers -> output column names: the scenario's `columns` mapping, clashes, reserved and missing names,
and the columns the scenario computes with but the file lacks."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from ..messages import say
from .cells import cell_text, show
from .problems import Reading
from .schema import CANONICAL, DEFAULTED, REQUIRED, ROW, SPACES, header_key
from .synonyms import canonical_of, multiplied


def resolve_headers(reading: Reading, columns: Mapping[str, str], numeric: Mapping[str, list[str]],
                    columns_where: Mapping[str, str]) -> None:
    """Map each header to an output name (in `reading.index`); report clashes, reserved names, missing
    required ones."""
    canonical = {header_key(c): c for c in CANONICAL}
    mapping = _mapping(reading, columns, canonical)
    french, explained = _french_headers(reading, mapping, canonical)
    _assign(reading, mapping, canonical, french,
            {header_key(n): n for n in numeric if header_key(n) not in canonical})
    headers = {header_key(h) for h in reading.grid.headers if h}
    unmatched = set()
    for source in columns:
        wanted = mapping[header_key(source)]
        if header_key(source) in headers or wanted in reading.index:
            continue
        unmatched.add(wanted)
        where = columns_where[source] if source in columns_where else say("load_where_columns", source=repr(source))
        close = difflib.get_close_matches(source, [h for h in reading.grid.headers if h], n=1, cutoff=0.6)
        hint = say("load_did_you_mean", close=repr(close[0])) if close else ""
        reading.scenario_problem(where, say("load_no_such_header", source=repr(source), name=reading.name, hint=hint,
                                            row=reading.grid.header_row, found=_found_headers(reading)))
    missing = [c for c in REQUIRED if c not in reading.index and c not in unmatched | explained]
    if missing:
        found = _found_headers(reading)
        hints = [say("load_is_close_to", column=repr(c), close=repr(close[0])) for c in missing
                 if (close := difflib.get_close_matches(c, list(reading.index), n=1, cutoff=0.75))]
        semicolon = say("load_semicolon")
        hint = semicolon + semicolon.join(hints) if hints else ""
        values = {"columns": ", ".join(missing), "row": reading.grid.header_row, "found": found, "hint": hint}
        reading.problem(say("load_missing_columns", **values) if len(missing) > 1
                        else say("load_missing_column", **values))


def _mapping(reading: Reading, columns: Mapping[str, str], canonical: dict[str, str]) -> dict[str, str]:
    """The scenario's `columns`, keyed as headers are compared; a source mapped twice is a problem."""
    mapping: dict[str, str] = {}
    for source, target in columns.items():
        key, wanted = header_key(source), canonical.get(header_key(target), SPACES.sub(" ", str(target)).strip())
        if mapping.get(key, wanted) != wanted:
            reading.problem(say("load_mapped_twice", source=repr(source), first=repr(mapping[key]),
                                second=repr(wanted)))
        mapping.setdefault(key, wanted)
    return mapping


def _french_headers(reading: Reading, mapping: dict[str, str],
                    canonical: dict[str, str]) -> tuple[dict[int, str], set[str]]:
    """Headers that read as a canonical column in French ("N° dossier", "Montant demandé (€)": synonyms.py),
    for the columns that neither the scenario's `columns` nor a canonical header gives; two headers that
    read as one column are refused, and so is an amount in k€ (both returned apart, so as not to be called
    missing too)."""
    headers = reading.grid.headers
    present = {header_key(h) for h in headers if h}
    given = {mapping[k] for k in present if k in mapping} | {canonical[k] for k in present if k in canonical}
    found: dict[str, list[int]] = {}
    explained: set[str] = set()
    for j, header in enumerate(headers):
        if not header or header_key(header) in mapping or header_key(header) in canonical:
            continue
        column, refused = canonical_of(header)
        if refused:
            reading.problem(refused, j)
            explained.add(column)
        elif column is not None and column not in given:
            found.setdefault(column, []).append(j)
    french: dict[int, str] = {}
    for column, places in found.items():
        if len(places) > 1:
            explained.add(column)
            both = say("load_and").join(say("load_header_at", header=repr(headers[j]), label=reading.grid.labels[j])
                                        for j in places)
            reading.problem(say("load_headers_read_as_one", both=both, column=column,
                                example=repr(headers[places[0]])), places[1])
            continue
        french[places[0]] = column
    return french, explained


def _assign(reading: Reading, mapping: dict[str, str], canonical: dict[str, str], french: dict[int, str],
            numeric: dict[str, str]) -> None:
    """Give each header its output name; unnamed columns with values, reserved names and clashes are refused."""
    grid = reading.grid
    seen: dict[str, int] = {}
    for j, header in enumerate(grid.headers):
        if not header:
            filled = [k for k, v in enumerate(grid.cells[j]) if cell_text(v)]
            if filled:
                first = filled[0]
                reading.problem(say("load_values_without_header", value=show(grid.cells[j][first]),
                                    row=grid.rows[first]), j)
            continue
        key = header_key(header)
        target = mapping.get(key) or canonical.get(key) or french.get(j) or header
        if key in mapping and (why := multiplied(header, target)):
            reading.problem(why, j)  # mapped by the scenario, but the header says k€: never read as euros
            continue
        target = numeric.get(header_key(target), target)  # the scenario's spelling, for exact lookups later
        if header_key(target) == ROW:
            reading.problem(say("load_reserved_header", header=repr(header)), j)
            continue
        if header_key(target) in seen:
            other = seen[header_key(target)]
            reading.problem(say("load_headers_clash", first=repr(grid.headers[other]), first_label=grid.labels[other],
                                second=repr(header), second_label=grid.labels[j], target=target), j)
            continue
        seen[header_key(target)] = j
        reading.index[target] = j


def _found_headers(reading: Reading) -> str:
    return ", ".join(repr(h) for h in reading.grid.headers if h) or say("load_none")


def check_numeric_present(reading: Reading, numeric: Mapping[str, list[str]]) -> None:
    """Columns the scenario computes with must exist (absent defaulted ones are fine); a missing one is
    reported where the scenario uses it, with the closest column of the file."""
    present = {header_key(t) for t in reading.index}
    names = [t for t in reading.index if t != ROW]
    for name, places in numeric.items():
        key = header_key(name)
        if key in present or key in {header_key(c) for c in REQUIRED + DEFAULTED} or key == ROW:
            continue
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
        hint = say("load_did_you_mean", close=repr(close[0])) if close else ""
        message = say("load_used_column_missing", column=repr(name), name=reading.name, hint=hint,
                      found=", ".join(map(repr, names)))
        for where in places or [reading.name]:
            reading.scenario_problem(where, message)
