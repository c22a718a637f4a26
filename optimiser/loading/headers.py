"""Headers -> output column names: the scenario's `columns` mapping, clashes, reserved and missing names,
and the columns the scenario computes with but the file lacks."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

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
        where = columns_where.get(source, f"scenario: columns.{source!r}")
        close = difflib.get_close_matches(source, [h for h in reading.grid.headers if h], n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        reading.scenario_problem(where, f"no header {source!r} in {reading.name}{hint} (headers found on "
                                        f"row {reading.grid.header_row}: {_found_headers(reading)})")
    missing = [c for c in REQUIRED if c not in reading.index and c not in unmatched | explained]
    if missing:
        found = _found_headers(reading)
        hints = [f"{c!r} is close to {close[0]!r}" for c in missing
                 if (close := difflib.get_close_matches(c, list(reading.index), n=1, cutoff=0.75))]
        hint = f"; {'; '.join(hints)}" if hints else ""
        reading.problem(f"missing required column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                        f"(headers found on row {reading.grid.header_row}: {found}{hint}); "
                        f"rename the headers or map them with the scenario's `columns`")


def _mapping(reading: Reading, columns: Mapping[str, str], canonical: dict[str, str]) -> dict[str, str]:
    """The scenario's `columns`, keyed as headers are compared; a source mapped twice is a problem."""
    mapping: dict[str, str] = {}
    for source, target in columns.items():
        key, wanted = header_key(source), canonical.get(header_key(target), SPACES.sub(" ", str(target)).strip())
        if mapping.get(key, wanted) != wanted:
            reading.problem(f"the scenario's `columns` maps {source!r} to both {mapping[key]!r} and {wanted!r}")
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
            both = " and ".join(f"{headers[j]!r} (column {reading.grid.labels[j]})" for j in places)
            reading.problem(f"the headers {both} both read as column '{column}': say which one it is in the "
                            f"scenario, for example columns: {{{headers[places[0]]!r}: {column}}}", places[1])
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
                reading.problem(f"this column has no header but holds values (first "
                                f"{show(grid.cells[j][first])} on row {grid.rows[first]}); "
                                f"give it a header or delete it", j)
            continue
        key = header_key(header)
        target = mapping.get(key) or canonical.get(key) or french.get(j) or header
        if key in mapping and (why := multiplied(header, target)):
            reading.problem(why, j)  # mapped by the scenario, but the header says k€: never read as euros
            continue
        target = numeric.get(header_key(target), target)  # the scenario's spelling, for exact lookups later
        if header_key(target) == ROW:
            reading.problem(f"the header {header!r} is reserved for the row number the tool adds; "
                            f"rename it or map it to another name with `columns`", j)
            continue
        if header_key(target) in seen:
            other = seen[header_key(target)]
            reading.problem(f"the headers {grid.headers[other]!r} (column {grid.labels[other]}) and "
                            f"{header!r} (column {grid.labels[j]}) both give column '{target}'", j)
            continue
        seen[header_key(target)] = j
        reading.index[target] = j


def _found_headers(reading: Reading) -> str:
    return ", ".join(repr(h) for h in reading.grid.headers if h) or "none"


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
        hint = f"; did you mean {close[0]!r}?" if close else ""
        message = (f"column {name!r} is used by the scenario but is not in {reading.name}{hint} (columns found: "
                   f"{', '.join(map(repr, names))}; map a header of another name onto it with the "
                   "scenario's `columns`)")
        for where in places or [reading.name]:
            reading.scenario_problem(where, message)
