"""Candidates file (CSV or XLSX) -> one validated table, or one `InputError` listing every problem.

The file comes from people, usually through French Excel, so reading is forgiving about *form* and
strict about *meaning*: what a person sees is what the tool reads, and when in doubt it refuses and says
what to write, never guesses a number.

- CSV: separator ``;``, ``,`` or tab (detected on the header line, outside quotes; an Excel
  ``sep=;`` first line is honoured), UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode
  text"), else Windows-1252. Leading ``#`` lines are comments; ``# key: value`` ones (a one-word key)
  become `Candidates.metadata`. Blank lines and rows with only empty cells are skipped.
- XLSX/XLSM: the named sheet (default: the first *visible* worksheet), formulas read as their cached
  values, numbers as Excel shows them (`excel_format`). Hidden rows (by hand, grouping or filter) and
  hidden columns are refused, read or left out as the scenario says (`hidden_rows`, `hidden_columns`);
  what was left out or skipped is said in `Candidates.notes`.
- Headers match as people read them: compatibility forms folded, invisible characters dropped, case and
  spacing ignored; the scenario's `columns` maps the user's own headers onto canonical names with the same
  tolerance. Other columns are kept: as numbers when the scenario computes with them (`numeric`) or when
  every value is one, as text otherwise (and also when some text value is a code with a leading zero,
  like ``07`` or ``07100``, whose zero a number would lose).
- Ids and undertakings (`identifiers`): NFC, trimmed; invisible characters and lookalikes refused.

Numbers (`parse_number`): spaces, non-breaking spaces (U+00A0), narrow no-break spaces (U+202F) and
thin spaces separate thousands; a single ``,`` or ``.`` is the decimal separator; when both appear the
last one is the decimal separator and the other separates thousands, in groups of exactly three digits
(a repeated lone separator, ``1.234.567``, also separates thousands). A leading sign, scientific
notation (``1,5E+06``), and one ``€`` or ``%`` sign are accepted. **Percentages are percentage
points**: ``12 %`` reads as 12, and so does an Excel cell *formatted* with a percent code that stores
0.12 (it is multiplied by 100, decimal-exactly), so that a CSV export and the workbook agree.

Money (`money_text`): every column whose name ends in ``_eur`` holds euros and is read by one strict
rule: ``245.000`` or ``1,500`` (thousands or decimals?), a ``%``, scientific notation, more than two
decimals, or an XLSX format that shows a percentage, divides the number or writes a unit, are refused.
`requested_eur` and `min_eur` are whole euros: a value with cents is refused rather than rounded (a
difference below 1e-6 €, the noise of an Excel formula, is not cents). A SIREN typed into an Excel
number cell gets its leading zeros back (``1740471`` -> ``001740471``).

Everything wrong is collected before raising, so one run shows the user every fix to make, each
located as ``file, row n, column c`` with the row number the user sees (the CSV line, the sheet row).

Inside, bottom up: `schema` (the columns) and `numbers`, `cells` (what a cell says); `grid` (CSV) and
`workbook`, `xlsx` (XLSX) turn bytes into a `Grid`; `problems` collects what is wrong; `values` reads a
column as text or numbers; one reader per kind of column (`screening`, `headers` with `synonyms` for the
French headers, `ids`, `sirens`, `references`, `amounts`, `extras`); `table` puts them together.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import InputError
from ..messages import say
from ..territory import Territory
from .grid import read_csv
from .numbers import money_text, number_text, parse_number
from .schema import CANONICAL, OPTIONAL, REQUIRED, is_money
from .table import build_table, frame

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CANONICAL", "OPTIONAL", "REQUIRED", "Candidates", "is_money", "load_candidates", "money_text",
           "number_text", "parse_number"]

_CSV_SUFFIXES = (".csv", ".txt")
_XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class Candidates:
    """The validated candidates, and where they come from (for the run's record)."""

    columns: Mapping[str, np.ndarray]  # one entry per project, sorted by id (plain string order)
    path: Path
    sha256: str               # of the file's bytes
    metadata: dict[str, str]  # from "# key: value" comment lines before the header
    notes: tuple[str, ...] = ()  # what the reading left out or chose (hidden rows, sheets), for the reports
    headers: Mapping[str, str] = field(default_factory=dict)  # column -> its header as written in the file

    @classmethod
    def of_table(cls, table: pd.DataFrame, path: Path, sha256: str, metadata: dict[str, str],
                 notes: tuple[str, ...] = ()) -> Candidates:
        """Candidates already in a DataFrame (sorted by id, RangeIndex), kept as given."""
        candidates = cls({c: table[c].to_numpy() for c in table.columns}, path, sha256, metadata, notes)
        candidates.__dict__["table"] = table
        return candidates

    @cached_property
    def table(self) -> pd.DataFrame:
        """One row per project, sorted by id, RangeIndex."""
        return frame(self.columns)

    @property
    def count(self) -> int:
        return len(next(iter(self.columns.values()), ()))


def load_candidates(path: str | Path, territory: Territory, columns: Mapping[str, str] | None = None,
                    numeric: Iterable[str] | Mapping[str, Iterable[str]] = (), sheet: str | None = None,
                    hidden_rows: str = "refuse", hidden_columns: str = "refuse",
                    columns_where: Mapping[str, str] | None = None) -> Candidates:
    """Read and validate a candidates file; every problem in it is reported in one InputError.

    `columns` maps the user's headers onto canonical (or other) names; `numeric` names the other
    columns the scenario computes with, which must then hold numbers (a mapping gives, for each, the
    places of the scenario that use it, for the messages); `sheet` picks an XLSX sheet; `hidden_rows`
    and `hidden_columns` say what to do with what Excel hides: "refuse", "include" or "exclude";
    `columns_where` names where the scenario writes each key of `columns`.
    """
    path = Path(path)
    name = path.name
    if not path.exists():
        raise InputError(say("load_file_not_found", path=path))
    if not path.is_file():
        raise InputError(say("load_not_a_file", path=path))
    suffix = path.suffix.lower()
    if suffix not in _CSV_SUFFIXES + _XLSX_SUFFIXES:
        raise InputError(say("load_wrong_suffix", name=name, suffix=repr(suffix)) if suffix
                         else say("load_no_suffix", name=name))
    try:
        raw = path.read_bytes()  # opened read-only, read once: the hash and the data are the same bytes
    except OSError as exc:
        raise InputError(say("load_cannot_read", name=name, error=exc.strerror or exc)) from None
    if suffix in _XLSX_SUFFIXES:
        from .xlsx import read_xlsx  # here: only XLSX users pay for importing openpyxl
        grid = read_xlsx(raw, name, sheet, hidden_rows, hidden_columns)
    else:
        grid = read_csv(raw, name)
    if isinstance(numeric, str):
        numeric = [numeric]  # one name, not its letters
    used = ({c: list(w) for c, w in numeric.items()} if isinstance(numeric, Mapping)
            else {c: [] for c in numeric})
    read, headers = build_table(grid, name, territory, columns or {}, used, columns_where or {})
    return Candidates(read, path, hashlib.sha256(raw).hexdigest(), grid.metadata, tuple(grid.notes), headers)
