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
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import hashlib
import io
import math
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
from stdnum.fr import siren as siren_number

from .errors import InputError, Problem
from .excel_format import HIDDEN, PLAIN, Shown, shown
from .identifiers import difference, invisible_characters, lookalikes, normal, without_invisible
from .models import REGIMES
from .territory import Territory

REQUIRED: tuple[str, ...] = ("id", "siren", "name", "epci", "priority", "requested_eur")
OPTIONAL: tuple[str, ...] = (
    "min_eur", "group_id", "eligible_cost_eur", "employees", "turnover_eur", "balance_sheet_eur",
    "de_minimis_received_eur", "other_public_aid_eur", "aid_regime",
)
CANONICAL: tuple[str, ...] = REQUIRED + OPTIONAL
ROW = "row"  # added column: the row number as the user sees it

_FLOATS_NAN = ("eligible_cost_eur", "employees", "turnover_eur", "balance_sheet_eur")
MONEY_SUFFIX = "_eur"  # the one rule: a column whose name ends in _eur holds euros (see `money_text`)
_FLOATS_ZERO = ("de_minimis_received_eur", "other_public_aid_eur")
_DEFAULTED = ("min_eur", "group_id", *_FLOATS_ZERO, "aid_regime")  # fine to be absent even if used
_CSV_SUFFIXES = (".csv", ".txt")
_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_MAX_AMOUNT = 1e15      # far above any grant, far below float's exact-integer limit
MAX_REQUEST_EUR = 10**10  # ten billion euros: more is a figure from another column (a SIRET has 14 digits)
_TOTALS_ROW = r"^(sous[- ]?)?(total|totaux|totales?|totals|sum|somme)( g[ée]n[ée]rale?)?\s*:?\s*$"
_WHOLE_TOLERANCE = 1e-6  # euros: float noise from a spreadsheet formula, not cents
MAX_CELL_CHARS = 32_767  # the most characters an Excel cell holds: a longer cell is not one a person typed

_NUMBER = re.compile(
    r"""
    (?P<sign>[-+\u2212])?\s*
    (?P<pre>€\s*)?
    (?=[.,]?[0-9])                                   # at least one digit
    (?P<int>[0-9]+                                   # plain digits are tried first: a lone separator
       |[0-9]{1,3}(?:(?P<sep>[.,])[0-9]{3}(?:(?P=sep)[0-9]{3})*   # is then a decimal one
                    |(?:[ \u00a0\u202f\u2009][0-9]{3})+))?
    (?:(?!(?P=sep))(?P<dec>[.,])(?P<frac>[0-9]+))?   # the decimal separator differs from thousands
    (?:[eE](?P<exp>[-+]?[0-9]+))?
    \s*(?P<unit>[€%])?
    """,
    re.VERBOSE,
)
_METADATA = re.compile(r"#\s*([\w.-]+)\s*:\s*(.*)")
_NOT_DIGIT = re.compile(r"[^0-9]")
_SPACES = re.compile(r"\s+")
_BLANK = re.compile(r"[\s;,]*")
_CODE = re.compile(r"\s*0[0-9]")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")
_EXCEL_TEXT = re.compile(r'="(.*)"', re.DOTALL)  # Excel's way of forcing text in a CSV: ="007"
_SIREN_SPACED = re.compile(r"[0-9]{3}\s[0-9]{3}\s[0-9]{3}")


@dataclass(frozen=True)
class Candidates:
    """The validated candidates, and where they come from (for the run's record)."""

    table: pd.DataFrame       # one row per project, sorted by id (plain string order), RangeIndex
    path: Path
    sha256: str               # of the file's bytes
    metadata: dict[str, str]  # from "# key: value" comment lines before the header
    notes: tuple[str, ...] = ()  # what the reading left out or chose (hidden rows, sheets), for the reports


def is_money(column: str) -> bool:
    """Whether a column holds euros: its (canonical or scenario) name ends in `_eur`, whatever its case."""
    return _key(column).endswith(MONEY_SUFFIX)


def parse_number(text: str) -> float:
    """A number as French (or English) Excel shows it: ``-1 234,5 €``, ``12 %``, ``1,5E+06``.

    See the module docstring for the rule; anything else (``nan``, ``inf``, ``1,2.3``, ``12 34``...)
    raises ValueError, because a misread amount is worse than a refused one.
    """
    value = _parse(text) if isinstance(text, str) else None
    if value is None:
        raise ValueError(f"{text!r} is not a number")
    return value


def _parse(text: str) -> float | None:
    """`parse_number` without the exception: None for anything that is not a number."""
    match = _NUMBER.fullmatch(text.strip())
    if match is None or (match["pre"] and match["unit"]):
        return None
    sign = "-" if match["sign"] in ("-", "\u2212") else ""
    digits = _NOT_DIGIT.sub("", match["int"] or "") or "0"
    value = float(f"{sign}{digits}.{match['frac'] or '0'}e{match['exp'] or '0'}")
    return value if math.isfinite(value) else None


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
        raise InputError(f"Candidates file not found: {path}")
    if not path.is_file():
        raise InputError(f"{path} is not a file (expected a .csv or .xlsx candidates file)")
    suffix = path.suffix.lower()
    if suffix not in _CSV_SUFFIXES + _XLSX_SUFFIXES:
        raise InputError(f"{name}: not a candidates file (expected a .csv, .txt, .xlsx or .xlsm file, "
                         f"got {suffix or 'no extension'!r})")
    try:
        raw = path.read_bytes()  # opened read-only, read once: the hash and the data are the same bytes
    except OSError as exc:
        raise InputError(f"{name}: cannot read the file ({exc.strerror or exc})") from None
    grid = (_read_xlsx(raw, name, sheet, hidden_rows, hidden_columns) if suffix in _XLSX_SUFFIXES
            else _read_csv(raw, name))
    if isinstance(numeric, str):
        numeric = [numeric]  # one name, not its letters
    used = ({c: list(w) for c, w in numeric.items()} if isinstance(numeric, Mapping)
            else {c: [] for c in numeric})
    table = _Builder(grid, name, territory, columns or {}, used, columns_where or {}).build()
    return Candidates(table, path, hashlib.sha256(raw).hexdigest(), grid.metadata, tuple(grid.notes))


# -- reading: bytes -> a grid of cells ---------------------------------------------------------------

@dataclass
class _Grid:
    """The file's cells, column by column, before any meaning is given to them."""

    headers: list[str]
    labels: list[str]                  # how to name a column without a header: "E" or "5"
    cells: list[list[object]]          # per column; CSV: str only; XLSX: str, int, float, bool, date, None
    rows: np.ndarray                   # the row number the user sees, per data row
    header_row: int
    text_only: bool
    metadata: dict[str, str] = field(default_factory=dict)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (row or 0, message) found while reading
    notes: list[str] = field(default_factory=list)                 # what was read differently, and why


def _read_csv(raw: bytes, name: str) -> _Grid:
    """Decode, find comments and header, and split into cells with their physical line numbers."""
    text = _decode(raw, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    comments: list[str] = []
    separator: str | None = None
    start = 0
    while start < len(lines):
        line = lines[start].strip()
        if _BLANK.fullmatch(line):
            pass
        elif line.startswith(("#", '"#')):
            comments.append(line)
        elif separator is None and not comments and re.fullmatch(r"sep=.", line, re.I):
            separator = lines[start].strip()[4]  # Excel's separator hint, before anything else
        else:
            break
        start += 1
    if start == len(lines):
        what = "only comments and no header row" if comments else "empty"
        raise InputError(f"{name}: the file is {what} (expected a header row, then one row per project)")
    header_line = start + 1
    separator = separator or _detect_separator(lines[start])
    metadata = _metadata(_unquote_comments(comments, separator))
    reader = csv.reader(io.StringIO("\n".join(lines[start:])), delimiter=separator, strict=True)
    try:
        records: list[list[str]] = []
        rows: list[int] = []
        problems: list[tuple[int, str]] = []
        last = 0
        headers = [h.strip() for h in next(reader)]
        width = len(headers)
        last = reader.line_num
        for fields in reader:
            row = header_line + last
            last = reader.line_num
            if not "".join(fields).strip():
                continue
            if len(fields) != width:
                if len(fields) < width:
                    fields += [""] * (width - len(fields))
                else:
                    if "".join(fields[width:]).strip():
                        problems.append((row, f"the row has {len(fields)} fields but the header has {width} "
                                              f"(a value containing {_show_separator(separator)} "
                                              f"without quotes around it?)"))
                    fields = fields[:width]
            records.append(fields)
            rows.append(row)
    except csv.Error as exc:
        line = header_line + last  # where the record that failed starts
        if "field larger than field limit" in str(exc):
            raise InputError(f"{name}, row {line}: a cell is longer than {csv.field_size_limit():,} characters, "
                             f"the most the CSV reader takes (and far more than the {MAX_CELL_CHARS:,} an Excel "
                             "cell holds): is a quote opened there and never closed?") from None
        raise InputError(f"{name}, line {line}: the CSV cannot be read from this line on ({exc}; "
                         f"is a quote opened here never closed, or followed by text?)") from None
    if not records:
        raise InputError(f"{name}: no data rows under the header (line {header_line}); "
                         f"expected one row per project")
    cells = [list(column) for column in zip(*records)]
    for column in cells:
        if '="' in "\x00".join(column):
            column[:] = [_unwrap_excel_text(c) for c in column]
    return _Grid(headers, [str(j + 1) for j in range(width)], cells, np.asarray(rows, dtype=np.int64),
                 header_line, True, metadata, problems)


def _unwrap_excel_text(cell: str) -> str:
    """`="007"` is how Excel forces text into a CSV cell: the cell reads 007, as Excel shows it."""
    match = _EXCEL_TEXT.fullmatch(cell.strip())
    return match[1].replace('""', '"') if match else cell


def _decode(raw: bytes, name: str) -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252; binary files get a clear refusal."""
    if not raw.strip():
        raise InputError(f"{name}: the file is empty (expected a header row, then one row per project)")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: the file starts like UTF-16 text but is not") from None
    if raw.startswith(b"PK\x03\x04"):
        raise InputError(f"{name}: this is an Excel workbook (or another zip file), not CSV text; "
                         f"give it the .xlsx extension")
    head = raw[:8192]
    if b"\x00" in head:
        if head.count(b"\x00") * 3 > len(head):  # every other byte is 0: UTF-16 text without its mark
            raise InputError(f"{name}: this looks like UTF-16 text without its byte-order mark: save it from Excel as "
                             "\"CSV UTF-8\" (or \"Unicode text\", which keeps the mark)")
        raise InputError(f"{name}: this is a binary file, not CSV text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if _UTF8_SEQUENCE.search(raw):  # accents in UTF-8 elsewhere: reading it all as Windows-1252 garbles them
            line = raw[:exc.start].count(b"\n") + 1
            raise InputError(f"{name}, line {line}: the file mixes two encodings: it is UTF-8 text, but byte "
                             f"0x{raw[exc.start]:02x} on this line is not (Windows-1252, pasted from elsewhere?); "
                             "retype the accented characters of that line, or save the whole file again as "
                             "\"CSV UTF-8\"") from None
    body = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return body.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: the file is neither UTF-8 nor Windows-1252 text "
                         f"(byte 0x{body[exc.start]:02x} at position {exc.start + len(raw) - len(body)})") from None


def _detect_separator(header: str) -> str:
    """The most frequent of ; tab , outside quotes on the header line (ties in that order)."""
    counts = {";": 0, "\t": 0, ",": 0}
    quoted = False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return max(counts, key=lambda sep: counts[sep])  # max keeps the first of equal counts


def _show_separator(separator: str) -> str:
    return "a tab" if separator == "\t" else f"'{separator}'"


def _unquote_comments(comments: list[str], separator: str) -> list[str]:
    """Comment lines as Excel saves them: maybe quoted, maybe padded with separators."""
    result = []
    for comment in comments:
        fields = next(csv.reader([comment], delimiter=separator), [""])
        result.append(separator.join(fields).rstrip(separator + " \t"))
    return result


def _metadata(comments: Iterable[str]) -> dict[str, str]:
    """`# key: value` comment lines (a one-word key, lowercased); prose comments are ignored."""
    found: dict[str, str] = {}
    for text in comments:
        match = _METADATA.fullmatch(text.strip())
        if match:
            found[match[1].strip().lower()] = match[2].strip()
    return found


def _read_xlsx(raw: bytes, name: str, sheet: str | None, hidden_rows: str, hidden_columns: str) -> _Grid:
    """Cells of one sheet with their sheet row numbers; what Excel hides is refused, read or left out.

    The sheet is read in one streaming pass (openpyxl's read-only parser), which also yields the rows
    and columns marked hidden and the sheet's filter.
    """
    import openpyxl  # noqa: PLC0415 - only XLSX users pay for the import
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(f"{name}: this is an old Excel .xls workbook, or a workbook protected by a password "
                         "(both are stored in another format): open it in Excel and save it as .xlsx, without a "
                         "password")
    try:
        with warnings.catch_warnings():  # unsupported Excel features (data validation...) are not our concern
            warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
            workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types on a corrupt file
        raise InputError(f"{name}: not a readable Excel workbook ({type(exc).__name__}: {exc})") from None
    try:
        worksheet, notes = _pick_sheet(workbook, name, sheet)
        try:
            read = _sheet_rows(workbook, worksheet)
        except Exception as exc:  # noqa: BLE001 - a corrupt sheet part surfaces while iterating
            raise InputError(f"{name}: the sheet {worksheet.title!r} cannot be read "
                             f"({type(exc).__name__}: {exc})") from None
    finally:
        workbook.close()
    comments: list[str] = []
    headers: list[object] | None = None
    header_row = 0
    records: list[list[object]] = []
    rows: list[int] = []
    sheet_rows, hidden, filtered, hidden_cols = read.rows, read.hidden_rows, read.filtered, read.hidden_columns
    for number, values in sheet_rows:
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        if headers is None:
            first = next(v for v in values if v is not None and not (isinstance(v, str) and not v.strip()))
            if isinstance(first, str) and first.lstrip().startswith("#"):
                comments.append(" ".join(_cell_text(v) for v in values if v is not None))
                continue
            headers, header_row = values, number
            continue
        records.append(values)
        rows.append(number)
    title = worksheet.title
    if headers is None:
        what = "only comments and no header row" if comments else "empty"
        raise InputError(f"{name}: the sheet {title!r} is {what} (expected a header row, then one row per project)")
    width = max(len(headers), *(len(r) for r in records)) if records else len(headers)
    headers = list(headers) + [None] * (width - len(headers))
    for record in records:
        record += [None] * (width - len(record))
    problems: list[tuple[int, str]] = []
    for min_col, min_row, max_col, max_row in read.merged:
        top_left = next((v for n, v in sheet_rows if n == min_row), [])
        holds = min_col <= len(top_left) and _cell_text(top_left[min_col - 1])
        if max_row > header_row and holds and (max_col > min_col or max_row > min_row):
            first, last = f"{get_column_letter(min_col)}{min_row}", f"{get_column_letter(max_col)}{max_row}"
            problems.append((min_row, f"the cells {first}:{last} are merged: Excel shows the value of {first} "
                                      f"({_show(top_left[min_col - 1])}) across them, but the file holds it in "
                                      f"{first} only, and the other cells are empty; unmerge them and write the "
                                      "value in each cell"))
    hidden_data = [r for r in rows if r in hidden]
    where = f"in the sheet {title!r}" + (" (its filter hides them)" if filtered and hidden_data else "")
    if header_row in hidden and hidden_rows != "include":
        problems.append((header_row, f"the header row {header_row} is hidden {where}: unhide it "
                                     "(`hidden_rows: exclude` leaves out hidden project rows, not the header)"))
    if hidden_data and hidden_rows == "refuse":
        one = len(hidden_data) == 1
        problems.append((0, f"{_ranges(hidden_data)} {'is' if one else 'are'} hidden {where}: the tool does not "
                            f"read what you cannot see without being told; show {'it' if one else 'them'} in Excel, "
                            "or say in the scenario `hidden_rows: include` (read them) or `hidden_rows: exclude` "
                            "(leave them out)"))
    elif hidden_data and hidden_rows == "exclude":
        keep = [k for k, r in enumerate(rows) if r not in hidden]
        records, rows = [records[k] for k in keep], [rows[k] for k in keep]
        notes.append(f"{_count(len(hidden_data), 'hidden row')} of the sheet {title!r} left out "
                     f"({_ranges(hidden_data)}), as the scenario's `hidden_rows: exclude` asks")
    used = [j for j in range(width) if j in hidden_cols
            and (_cell_text(headers[j]) or any(_cell_text(r[j]) for r in records))]
    if used and hidden_columns == "refuse":
        one = len(used) == 1
        shown = ", ".join(f"{get_column_letter(j + 1)} ({_cell_text(headers[j]) or 'no header'})" for j in used)
        problems.append((0, f"column{'' if one else 's'} {shown} {'is' if one else 'are'} hidden in the sheet "
                            f"{title!r}: show {'it' if one else 'them'} in Excel, or say in the scenario "
                            "`hidden_columns: include` (read them) or `hidden_columns: exclude` (leave them out)"))
    keep_columns = [j for j in range(width) if not (hidden_columns == "exclude" and j in used)]
    if len(keep_columns) < width:
        notes.append(f"{_count(width - len(keep_columns), 'hidden column')} of the sheet {title!r} left out "
                     f"({', '.join(get_column_letter(j + 1) for j in used)}), as the scenario's "
                     "`hidden_columns: exclude` asks")
    if not records:
        raise InputError(f"{name}: no data rows under the header (sheet {title!r}, row {header_row}); "
                         f"expected one row per project" + ("" if not hidden_data else
                                                            f" ({len(hidden_data)} hidden rows left out)"))
    cells = [[record[j] for record in records] for j in keep_columns]
    return _Grid([_cell_text(headers[j]) for j in keep_columns], [get_column_letter(j + 1) for j in keep_columns],
                 cells, np.asarray(rows, dtype=np.int64), header_row, False, _metadata(comments), problems, notes)


@dataclass(frozen=True)
class _Sheet:
    """What one streaming pass over a worksheet yields, beyond its cells."""

    rows: list[tuple[int, list[object]]]   # (row number, cell values)
    hidden_rows: set[int]                  # hidden, or of zero height
    filtered: bool                         # an active filter (its hidden rows are among hidden_rows)
    hidden_columns: set[int]               # 0-based positions, hidden or of zero width
    merged: list[tuple[int, int, int, int]]  # (min_col, min_row, max_col, max_row) of each merged range


def _sheet_rows(workbook: object, worksheet: object) -> _Sheet:
    """Every row of the sheet and what Excel hides or merges.

    Number cells whose format changes what is shown (a `%` code, a scaling comma, a unit or leading
    zeros written by the format, nothing shown at all, a zero in a sheet that hides zeros) become
    `ExcelNumber`s, so that the reader of each column decides what they mean; error values (`#N/A`)
    and formulas with no saved value become `ExcelError`s.
    """
    from openpyxl.cell.read_only import ReadOnlyCell  # noqa: PLC0415
    from openpyxl.utils.cell import range_boundaries  # noqa: PLC0415
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser  # noqa: PLC0415 - the read-only parser

    class Parser(WorkSheetParser):  # type: ignore[misc,valid-type]
        def parse_cell(self, element):  # a formula without a saved value reads as empty otherwise
            cell = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["data_type"] = "formula"
            return cell

    out: list[tuple[int, list[object]]] = []
    formats: dict[int, str] = {}
    zeros_shown = True
    with worksheet._get_source() as source:  # type: ignore[attr-defined]
        parser = Parser(source, worksheet._shared_strings, data_only=True,  # type: ignore[attr-defined]
                        epoch=workbook.epoch, date_formats=workbook._date_formats,  # type: ignore[attr-defined]
                        timedelta_formats=workbook._timedelta_formats)  # type: ignore[attr-defined]
        for number, cells in parser.parse():
            if not out:  # the sheet's views come before its cells
                views = getattr(getattr(parser, "views", None), "sheetView", None) or []
                zeros_shown = all(getattr(v, "showZeros", True) is not False for v in views)
            if not cells:
                continue
            values: list[object] = [None] * max(c["column"] for c in cells)
            for cell in cells:
                value = cell["value"]
                if cell["data_type"] == "e":
                    value = ExcelError(str(value))
                elif cell["data_type"] == "formula":
                    value = ExcelError("")
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    look = PLAIN
                    if cell["style_id"]:
                        style = cell["style_id"]
                        if style not in formats:
                            formats[style] = ReadOnlyCell(worksheet, **cell).number_format or "General"
                        look = shown(formats[style], value if abs(value) < 1e300 else (1e300 if value > 0 else -1e300))
                    if value == 0 and not zeros_shown:
                        look = HIDDEN
                    if not look.plain:
                        value = ExcelNumber(value, formats.get(cell["style_id"], "General"), look)
                values[cell["column"] - 1] = value
            out.append((number, values))
        hidden = {int(r) for r, attrs in parser.row_dimensions.items()
                  if _true(attrs.get("hidden")) or _zero(attrs.get("ht"))}
        hidden_cols: set[int] = set()
        for attrs in parser.column_dimensions.values():
            if _true(attrs.get("hidden")) or _zero(attrs.get("width")):
                low, high = int(attrs.get("min", 1)), int(attrs.get("max", attrs.get("min", 1)))
                hidden_cols.update(range(low - 1, min(high, low + 16_384)))
        auto_filter = getattr(parser, "auto_filter", None)
        filtered = bool(auto_filter is not None and getattr(auto_filter, "filterColumn", None))
        merged_cells = getattr(getattr(parser, "merged_cells", None), "mergeCell", None) or []
        merged = [range_boundaries(m.ref) for m in merged_cells if getattr(m, "ref", None)]
    return _Sheet(out, hidden, filtered, hidden_cols, merged)


def _zero(size: object) -> bool:
    try:
        return size is not None and float(str(size)) == 0
    except ValueError:
        return False


def _true(flag: object) -> bool:
    return str(flag).strip().lower() in ("1", "true")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _ranges(numbers: list[int]) -> str:
    """Row numbers as people write them: 5, 9-12, 20 (at most 20 runs, then 'and N more')."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    text = [f"{a}" if a == b else f"{a}-{b}" for a, b in runs[:20]]
    more = f" and {len(runs) - 20} more runs" if len(runs) > 20 else ""
    return ("row " if len(numbers) == 1 else "rows ") + ", ".join(text) + more


def _pick_sheet(workbook: object, name: str, sheet: str | None) -> tuple[object, list[str]]:
    """The named worksheet (exact name, else unique case/space-insensitive match) or the first visible one.

    A hidden sheet is read only when the scenario names it; skipping one is said in a note.
    """
    worksheets = list(workbook.worksheets)  # type: ignore[attr-defined]
    if not worksheets:
        raise InputError(f"{name}: the workbook has no worksheet")
    names = [ws.title for ws in worksheets]
    visible = [ws for ws in worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
    if sheet is None:
        if not visible:
            raise InputError(f"{name}: every sheet of the workbook is hidden ({', '.join(repr(n) for n in names)}); "
                             "show the sheet to read in Excel, or name it with the scenario's `sheet:`")
        chosen = visible[0]
        skipped = [ws.title for ws in worksheets[:worksheets.index(chosen)]]
        notes = [f"the hidden sheet{'s' if len(skipped) > 1 else ''} {', '.join(repr(n) for n in skipped)} "
                 f"{'were' if len(skipped) > 1 else 'was'} not read; read {chosen.title!r}, the first visible "
                 "sheet"] if skipped else []
        if len(visible) > 1:
            active = getattr(workbook, "active", None)
            opens = (f"; Excel opens the workbook on {active.title!r}" if active is not None and active is not chosen
                     and active in visible else "")
            notes.append(f"read the sheet {chosen.title!r}, the first of {len(visible)} visible sheets "
                         f"({', '.join(repr(ws.title) for ws in visible[1:])} not read{opens}); name another with "
                         "the scenario's `sheet:`")
        return chosen, notes
    if sheet in names:
        chosen = worksheets[names.index(sheet)]
    else:
        loose = [ws for ws in worksheets if _key(ws.title) == _key(sheet)]
        if len(loose) != 1:
            raise InputError(f"{name}: no sheet named {sheet!r} (sheets: {', '.join(repr(n) for n in names)})")
        chosen = loose[0]
    hidden = getattr(chosen, "sheet_state", "visible") != "visible"
    return chosen, ([f"the sheet {chosen.title!r} is hidden in the workbook; it was read because the "
                     "scenario names it (`sheet:`)"] if hidden else [])


@dataclass(frozen=True)
class ExcelError:
    """An error value Excel shows in a cell (`#N/A`, a failed formula), or ("") a formula whose result
    the file does not hold (a workbook written by a program and never opened in Excel)."""

    text: str

    def message(self) -> str:
        if not self.text:
            return ("holds a formula whose result the file does not hold (the workbook was written by a program "
                    "and never saved by Excel or LibreOffice): open it and save it, or type the value")
        return f"shows the error {self.text} (a formula that fails): correct the formula or type the value"


@dataclass(frozen=True)
class ExcelNumber:
    """A number cell whose format changes what Excel shows: the value stored and how it is shown."""

    value: int | float
    number_format: str
    look: Shown

    def __str__(self) -> str:
        return _cell_text(self.value)

    def shown_text(self) -> str:
        """Roughly what the cell shows, for messages: '15 %' for 0.15 formatted `0%`, '007' for 7 as `000`."""
        if not self.look.digits:
            return self.look.literal.strip()
        if not isinstance(self.value, float) and abs(self.value) > 10 ** 15:
            return _cell_text(self.value)
        scaled = float(Decimal(repr(self.value)) * Decimal(10) ** (2 * self.look.percent - 3 * self.look.thousands))
        number = f"{scaled:g}"
        if scaled.is_integer() and self.look.zeros > 1:
            number = f"{int(scaled):0{self.look.zeros}d}"
        look = self.look
        return f"{look.literal[:look.before]}{number}{'%' * look.percent}{look.literal[look.before:]}".strip()


# -- building: cells -> typed, checked columns -----------------------------------------------------

def _key(text: str) -> str:
    """How headers are compared, as a person reads them: compatibility forms folded (NFKC), invisible
    characters dropped, no surrounding spaces, inner spaces collapsed, no case."""
    spaced = _SPACES.sub(" ", unicodedata.normalize("NFKC", str(text)))  # a wrapped header's line break is a space
    return _SPACES.sub(" ", without_invisible(spaced)).strip().casefold()


def _cell_text(value: object) -> str:
    """A cell as text: numbers without a spurious '.0', dates in ISO form, empty as ''."""
    if value is None:
        return ""
    if isinstance(value, ExcelNumber):
        value = value.value
    if isinstance(value, ExcelError):
        return value.text
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _show(value: object) -> str:
    """A cell as a message shows it: the user's own text in quotes."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.date, dt.time, dt.datetime, dt.timedelta)):
        return f"the date/time {_cell_text(value)}"
    if isinstance(value, ExcelNumber):
        return f"'{value.shown_text()}'" if value.look.digits else "the cell"
    return f"'{_cell_text(value)}'"


@dataclass
class _Numbers:
    """A column read as numbers: values (NaN when empty, bad or refused), and which cells were empty, not
    numbers at all, or numbers the column cannot take as written (position -> why, to follow the cell)."""

    values: np.ndarray
    empty: np.ndarray
    bad: np.ndarray
    refused: dict[int, str] = field(default_factory=dict)


def money_text(text: str) -> tuple[float | None, str | None]:
    """An amount in euros as written in a cell -> (euros, None), or (None, why it is refused).

    The one rule for money: the number rule of `parse_number`, but never a guess. One `.` or `,`
    followed by exactly three digits (``245.000``, ``1,500``) could separate thousands or decimals and
    is refused; so are more than two decimals (euros have cents), a ``%`` sign and scientific notation
    (which Excel uses when a column is too narrow, hiding digits). (None, None): not a number at all.
    """
    if _ACCOUNTING_ZERO.fullmatch(text):
        return 0.0, None  # French Excel's accounting format writes a zero as "- €"
    match = _NUMBER.fullmatch(text.strip())
    if match is None or (match["pre"] and match["unit"]):
        return None, None
    digits = match["int"] or ""
    frac = match["frac"] or ""
    if match["unit"] == "%":
        return None, "is a percentage, not an amount in euros: write the amount itself, in euros"
    if match["exp"]:
        return None, ("is in scientific notation, which can hide digits (Excel shows numbers so when the column "
                      "is too narrow): write the amount in full, in euros")
    if match["dec"] and not match["sep"] and len(frac) == 3 and re.fullmatch(r"[1-9][0-9]{0,2}", digits):
        thousands = digits + frac
        spaced = f"{digits} {frac}"
        decimal = f"{digits},{frac.rstrip('0')[:2].ljust(2, '0')}"
        return None, (f"is ambiguous: {spaced} € or {decimal} €? Write whole euros without a dot or a comma "
                      f"({thousands} or {spaced}), and cents after a comma ({decimal})")
    if len(frac) > 2:
        return None, "has more than two decimals: amounts are in euros and cents"
    value = _parse(text)
    return value, None


_ACCOUNTING_ZERO = re.compile(r"\s*[-\u2013]\s*€?\s*")


def number_text(text: str) -> tuple[float | None, str | None]:
    """A number that is not an amount, as written in a cell -> (value, None), or (None, why it is refused).

    The rule of `parse_number`, with two exceptions that a person would read otherwise: a cell with a
    `€` sign holds euros (the money rule applies), and ``1.200`` (a lone dot then three digits) is refused,
    1 200 or 1.2? (French Excel writes decimals with a comma, so ``2,125`` is 2.125.)
    """
    if "€" in text:
        return money_text(text)
    match = _NUMBER.fullmatch(text.strip())
    if match is not None and match["dec"] == "." and not match["sep"] and len(match["frac"] or "") == 3 \
            and re.fullmatch(r"[1-9][0-9]{0,2}", match["int"] or ""):
        digits, frac = match["int"], match["frac"]
        return None, (f"is ambiguous: {digits} {frac} or {digits},{frac.rstrip('0') or '0'}? Write {digits}{frac} for "
                      f"thousands, or {digits},{frac} with a comma for decimals")
    return _parse(text), None


_CURRENCY = re.compile(r"€|\beuros?\b|\beur\b", re.IGNORECASE)
_HARMLESS = re.compile(r"[\s\-+()/:.,]*")


def _excel_money(cell: ExcelNumber) -> str | None:
    """Why a money cell's number format makes what it shows differ from an amount in euros, or None."""
    look = cell.look
    stored = f"it stores {_cell_text(cell.value)}"
    if look.percent_sign:
        return (f"is formatted as a percentage ({stored}): an amount in euros is not a percentage; give the cell "
                "a number or currency format and the amount in euros")
    if look.thousands:
        return (f"is shown divided by {1000 ** look.thousands:,} by the cell's number format ({stored}): give the "
                "cell a format that shows the amount it holds")
    if not _HARMLESS.fullmatch(_CURRENCY.sub("", look.literal)):
        return (f"shows the text {look.literal.strip()!r} next to the number ({stored}): the tool cannot tell which "
                "unit that is; give the cell a number or currency format and the amount in euros")
    return None


def _excel_unseen(cell: ExcelNumber, zero_is_empty: bool) -> str | None:
    """Why a number Excel does not show (`;;;`, a format for zeros that shows nothing, a sheet that hides
    zeros, `"Oui"`) cannot be read as the number stored, or None."""
    if cell.look.digits or (zero_is_empty and cell.value == 0 and not cell.look.literal.strip()):
        return None
    seen = f"shows {cell.look.literal.strip()!r}" if cell.look.literal.strip() else "looks empty"
    return (f"{seen} in Excel, but stores the number {_cell_text(cell.value)} (the cell's number format, or the sheet "
            "hiding zeros, hides it): write what the cell should say, or empty the cell")


def _excel_number(cell: ExcelNumber) -> tuple[float | None, str | None]:
    """A number cell as Excel shows it: a `%` code multiplies by 100 (decimal-exact: 0.07 gives 7);
    a format that divides what it shows by 1,000 is refused (the tool would read another number)."""
    look = cell.look
    if look.thousands:
        return None, (f"is shown divided by {1000 ** look.thousands:,} by the cell's number format (it stores "
                      f"{_cell_text(cell.value)}): give the cell a format that shows the value it holds")
    try:
        value = float(Decimal(repr(cell.value)) * 100 ** look.percent) if look.percent else float(cell.value)
    except OverflowError:
        return None, None
    return (value, None) if math.isfinite(value) else (None, None)


class _Builder:
    """Gives the grid's columns their meaning, collecting every problem before raising."""

    def __init__(self, grid: _Grid, name: str, territory: Territory, columns: Mapping[str, str],
                 numeric: dict[str, list[str]], columns_where: Mapping[str, str]) -> None:
        self.grid = grid
        self.name = name
        self.territory = territory
        self.columns = columns
        self.numeric = numeric              # column -> where the scenario uses it ("file.yaml: yaml.path")
        self.columns_where = columns_where  # `columns` key -> where the scenario maps it
        self.problems: list[tuple[int, int, Problem]] = []
        self.index: dict[str, int] = {}     # output column name -> grid column
        self.n = len(grid.rows)
        self.blanked: dict[int, np.ndarray] = {}  # grid column -> cells emptied after an Excel error

    # -- problems ------------------------------------------------------------------------------------

    def problem(self, message: str, column: int | None = None, row: int | None = None) -> None:
        where = self.name
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column {self.label(column)}"
        self.problems.append((row or 0, -1 if column is None else column, Problem(where, message)))

    def label(self, column: int) -> str:
        return self.grid.headers[column] or self.grid.labels[column]

    def cell_problems(self, column: int, mask: np.ndarray, message: Callable[[object], str]) -> None:
        """One problem per flagged cell (only the flagged ones are visited: bad files stay linear); a cell
        already named for an Excel error is not named again."""
        if column in self.blanked:
            mask = mask & ~self.blanked[column]
        cells = self.grid.cells[column]
        for position in np.flatnonzero(mask):
            self.problem(message(cells[position]), column, int(self.grid.rows[position]))

    # -- the whole table -----------------------------------------------------------------------------

    def build(self) -> pd.DataFrame:
        for row, message in self.grid.problems:
            self.problem(message, row=row or None)
        self.refuse_long_cells()
        self.refuse_excel_errors()
        self.resolve_headers()
        self.drop_totals_rows()
        out: dict[str, object] = {ROW: self.grid.rows}
        ids = self.text_required("id", "every project needs an id")
        if ids is not None:
            self.check_unique_ids(ids)
        sirens = self.sirens()
        names = self.text_required("name", "expected the company's or project's name")
        epcis = self.lookup("epci", self.territory.epci, "expected the EPCI's name or SIREN",
                            lambda epci: epci.siren)
        priorities = self.lookup("priority", self.territory.priority, "expected a priority key or label",
                                 lambda priority: priority.key)
        requested = self.requested()
        minimum = self.minimum(requested)
        groups = self.group_ids(sirens)
        floats = {c: self.non_negative(c, np.nan) for c in _FLOATS_NAN}
        floats |= {c: self.non_negative(c, 0.0) for c in _FLOATS_ZERO}
        regimes = self.regimes()
        extras = self.extras()
        self.check_numeric_present()
        if self.problems:
            self.problems.sort(key=lambda p: (p[0], p[1]))
            count = len(self.problems)
            raise InputError(f"{self.name}: {count} problem{'s' if count > 1 else ''} in the candidates file",
                             [p for _, _, p in self.problems])
        out |= {"id": ids, "siren": sirens, "name": names, "epci": epcis, "priority": priorities,
                "requested_eur": np.asarray(requested).astype(np.int64),
                "min_eur": np.asarray(minimum).astype(np.int64), "group_id": groups, **floats,
                "aid_regime": regimes, **extras}
        table = pd.DataFrame({k: pd.Series(v, dtype=_dtype(v)) for k, v in out.items()})
        return table.sort_values("id", kind="stable", ignore_index=True)

    def refuse_long_cells(self) -> None:
        """A cell longer than Excel holds was not typed by a person (a quote never closed, a file pasted
        in a cell): every one is named, and nothing else is read."""
        long_cells = []
        for j, column in enumerate(self.grid.cells):
            lengths = map(len, column) if self.grid.text_only else (len(c) for c in column if isinstance(c, str))
            if max(lengths, default=0) <= MAX_CELL_CHARS:
                continue
            for position, cell in enumerate(column):
                if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                    long_cells.append((j, position, len(cell)))
        if not long_cells:
            return
        for j, position, length in long_cells:
            self.problem(f"this cell is {length:,} characters long, more than the {MAX_CELL_CHARS:,} an Excel cell "
                         "holds: is a quote opened and never closed, or a text pasted in the wrong place?",
                         j, int(self.grid.rows[position]))
        self.problems.sort(key=lambda p: (p[0], p[1]))
        raise InputError(f"{self.name}: {len(self.problems)} problem{'s' if len(self.problems) > 1 else ''} in the "
                         "candidates file", [p for _, _, p in self.problems])

    def refuse_excel_errors(self) -> None:
        """An error value (`#N/A`, `#REF!`) or a formula without a saved result is never a value (two `#N/A`
        undertakings would be one): each is named, then read as empty without a second message."""
        if self.grid.text_only:
            return
        for j, column in enumerate(self.grid.cells):
            for position, cell in enumerate(column):
                if isinstance(cell, ExcelError):
                    self.problem(f"this cell {cell.message()}", j,
                                 int(self.grid.rows[position]))
                    column[position] = None
                    self.blanked.setdefault(j, np.zeros(self.n, dtype=bool))[position] = True

    def drop_totals_rows(self) -> None:
        """A spreadsheet's "Total" line is not a project: say so once, and check the other rows only."""
        j = self.index.get("id", 0)
        if not self.grid.cells:
            return
        texts = pd.Series([_cell_text(c) for c in self.grid.cells[j]], dtype=object)
        totals = texts.str.strip().str.match(_TOTALS_ROW, case=False).to_numpy(dtype=bool)
        for position in np.flatnonzero(totals):
            self.problem(f"this looks like a totals row ({_show(self.grid.cells[j][position])}), not a project: "
                         "remove it (the tool computes its own totals)", row=int(self.grid.rows[position]))
        if totals.any():
            keep = ~totals
            self.grid.cells = [[c for c, k in zip(column, keep) if k] for column in self.grid.cells]
            self.grid.rows = self.grid.rows[keep]
            self.n = len(self.grid.rows)

    def resolve_headers(self) -> None:
        """Map each header to an output name; report clashes, reserved names, missing required ones."""
        canonical = {_key(c): c for c in CANONICAL}
        mapping: dict[str, str] = {}
        for source, target in self.columns.items():
            key, wanted = _key(source), canonical.get(_key(target), _SPACES.sub(" ", str(target)).strip())
            if mapping.get(key, wanted) != wanted:
                self.problem(f"the scenario's `columns` maps {source!r} to both {mapping[key]!r} and {wanted!r}")
            mapping.setdefault(key, wanted)
        numeric = {_key(n): n for n in self.numeric if _key(n) not in canonical}
        seen: dict[str, int] = {}
        for j, header in enumerate(self.grid.headers):
            if not header:
                filled = [k for k, v in enumerate(self.grid.cells[j]) if _cell_text(v)]
                if filled:
                    first = filled[0]
                    self.problem(f"this column has no header but holds values (first "
                                 f"{_show(self.grid.cells[j][first])} on row {self.grid.rows[first]}); "
                                 f"give it a header or delete it", j)
                continue
            key = _key(header)
            target = mapping.get(key) or canonical.get(key) or header
            target = numeric.get(_key(target), target)  # the scenario's spelling, for exact lookups later
            if _key(target) == ROW:
                self.problem(f"the header {header!r} is reserved for the row number the tool adds; "
                             f"rename it or map it to another name with `columns`", j)
                continue
            if _key(target) in seen:
                other = seen[_key(target)]
                self.problem(f"the headers {self.grid.headers[other]!r} (column {self.grid.labels[other]}) and "
                             f"{header!r} (column {self.grid.labels[j]}) both give column '{target}'", j)
                continue
            seen[_key(target)] = j
            self.index[target] = j
        headers = {_key(h) for h in self.grid.headers if h}
        unmatched = set()
        for source, target in self.columns.items():
            wanted = mapping[_key(source)]
            if _key(source) in headers or wanted in self.index:
                continue
            unmatched.add(wanted)
            where = self.columns_where.get(source, f"scenario: columns.{source!r}")
            close = difflib.get_close_matches(source, [h for h in self.grid.headers if h], n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            self.problems.append((0, -1, Problem(where, f"no header {source!r} in {self.name}{hint} (headers found on "
                                                         f"row {self.grid.header_row}: {self.found_headers()})")))
        missing = [c for c in REQUIRED if c not in self.index and c not in unmatched]
        if missing:
            found = self.found_headers()
            hints = [f"{c!r} is close to {close[0]!r}" for c in missing
                     if (close := difflib.get_close_matches(c, list(self.index), n=1, cutoff=0.75))]
            hint = f"; {'; '.join(hints)}" if hints else ""
            self.problem(f"missing required column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                         f"(headers found on row {self.grid.header_row}: {found}{hint}); "
                         f"rename the headers or map them with the scenario's `columns`")

    def found_headers(self) -> str:
        return ", ".join(repr(h) for h in self.grid.headers if h) or "none"

    # -- readers for each kind of column -----------------------------------------------------------

    def texts(self, column: int) -> pd.Series:
        """The column's cells as text, NFC-normalised and trimmed (object dtype of str)."""
        cells = pd.Series(self.grid.cells[column], dtype=object)
        if not self.grid.text_only:
            cells = cells.map(_cell_text)
        return cells.map(lambda text: text.strip() if text.isascii() else normal(text)).astype(object)

    def numbers(self, column: int, money: bool = False, zero_is_empty: bool = False) -> _Numbers:
        """The column's cells as floats, through the one number rule (`money`: the strict money rule);
        text is parsed once per distinct text. `zero_is_empty`: an empty cell means 0 here, so a zero that
        Excel does not show is what a person reads."""
        cells = self.grid.cells[column]
        read = money_text if money else number_text
        refused: dict[int, str] = {}
        if self.grid.text_only:
            codes, uniques = pd.factorize(pd.Series(cells, dtype=object), use_na_sentinel=False)
            parsed = [read(u) if u.strip() else (None, None) for u in uniques]
            values = np.array([np.nan if v is None else v for v, _ in parsed], dtype=float)[codes]
            empty = np.array([not u.strip() for u in uniques], dtype=bool)[codes]
            why = np.array([w for _, w in parsed], dtype=object)[codes]
            bad = np.isnan(values) & ~empty & pd.isna(why)
            refused = {int(i): why[i] for i in np.flatnonzero(pd.notna(why))}
            return _Numbers(values, empty, bad, refused)
        values = np.full(self.n, np.nan)
        empty = np.zeros(self.n, dtype=bool)
        bad = np.zeros(self.n, dtype=bool)
        for i, cell in enumerate(cells):
            value: float | None
            why: str | None = None
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                empty[i] = True
                continue
            if isinstance(cell, str):
                value, why = read(cell)
            elif isinstance(cell, ExcelNumber):
                why = _excel_unseen(cell, zero_is_empty) or (_excel_money(cell) if money else None)
                value, why = (None, why) if why else _excel_number(cell)
            elif isinstance(cell, bool) or not isinstance(cell, (int, float)) \
                    or (isinstance(cell, float) and not math.isfinite(cell)):
                value = None
            else:
                try:
                    value = float(cell)  # an int cell may be too large for a float
                except OverflowError:
                    value = None
            if why:
                refused[i] = why
            elif value is None:
                bad[i] = True
            else:
                values[i] = value
        return _Numbers(values, empty, bad, refused)

    def number_problems(self, j: int, numbers: _Numbers, what: str) -> None:
        """Report the cells that are not numbers, and those the column cannot take as written."""
        self.cell_problems(j, numbers.bad, lambda v: f"{_show(v)} is not a number (expected {what})")
        cells = self.grid.cells[j]
        for position, why in sorted(numbers.refused.items()):
            self.problem(f"{_show(cells[position])} {why}", j, int(self.grid.rows[position]))

    def text_required(self, name: str, expected: str) -> np.ndarray | None:
        j = self.index.get(name)
        if j is None:
            return None
        texts = self.texts(j)
        self.cell_problems(j, (texts == "").to_numpy(), lambda _: f"empty cell ({expected})")
        return texts.to_numpy(dtype=object)

    def check_unique_ids(self, ids: np.ndarray) -> None:
        """A later row repeating an id names the first row that has it; so does an id that only looks
        the same (NFC-equal ids are equal; invisible characters and lookalikes are refused)."""
        j = self.index["id"]
        for position, cell in enumerate(self.grid.cells[j]):
            if isinstance(cell, ExcelNumber):
                self.problem(f"{_show(cell)} is what Excel shows, but the cell stores the number {_cell_text(cell.value)}, "
                             f"which its number format decorates: type the id as text, as it should read", j,
                             int(self.grid.rows[position]))
        series = pd.Series(ids)
        repeated = series.duplicated(keep="first").to_numpy() & (ids != "")
        first_row = dict(zip(series[::-1], self.grid.rows[::-1]))  # the first occurrence wins
        for position in np.flatnonzero(repeated):
            self.problem(f"duplicate id '{ids[position]}' (also on row {first_row[ids[position]]}); "
                         f"ids must be unique", j, int(self.grid.rows[position]))
        self.check_lookalikes(j, ids, "id", lambda value, other: (
            f"id {value!r} looks the same as id {other!r} on row {first_row[other]} ({difference(value, other)}): "
            "a person cannot tell them apart; write the ids so that they differ visibly"),
            "a person reading the id can neither see nor type it")

    def check_lookalikes(self, j: int, values: np.ndarray, what: str, message: Callable[[str, str], str],
                         why_visible: str, fold_case: bool = False) -> None:
        """Values that look like an earlier, different one (`message`), and values holding invisible
        characters (a zero-width space, a BOM, a bidirectional mark) that look like no other one."""
        first: dict[str, int] = {}
        for position, value in enumerate(values):
            first.setdefault(value, position)
        alike = lookalikes((v for v in first if v), fold_case)
        for value, other in alike.items():
            self.problem(message(value, other), j, int(self.grid.rows[first[value]]))
        for value, position in first.items():
            if value and value not in alike and not (value.isascii() and value.isprintable()):
                hidden = invisible_characters(value)
                if hidden:
                    one = len(hidden) == 1
                    self.problem(f"{value!r} holds {'an invisible character' if one else 'invisible characters'} "
                                 f"({', '.join(hidden)}): {why_visible}; remove {'it' if one else 'them'} from the "
                                 f"{what}", j, int(self.grid.rows[position]))

    def sirens(self) -> np.ndarray | None:
        """9 digits with a valid Luhn check digit, spaces removed; Excel-number SIRENs zero-padded."""
        j = self.index.get("siren")
        if j is None:
            return None
        if self.grid.text_only:
            compact = self.texts(j).str.replace(_SPACES, "", regex=True)
        else:
            compact = pd.Series([_siren_text(v) for v in self.grid.cells[j]], dtype=object)
        codes, uniques = pd.factorize(compact, use_na_sentinel=False)
        valid = np.array([len(u) == 9 and u.isascii() and u.isdigit() and siren_number.is_valid(u)
                          for u in uniques], dtype=bool)[codes]
        empty = (compact == "").to_numpy()
        self.cell_problems(j, empty, lambda _: "empty cell (expected the company's SIREN: 9 digits)")
        self.cell_problems(j, ~valid & ~empty, lambda v: f"{_show(v)} is not a valid SIREN "
                                                         f"(expected 9 digits with a valid check digit)")
        return compact.to_numpy(dtype=object)

    def lookup(self, name: str, find: Callable[[str], object], expected: str,
               key: Callable[[object], str]) -> np.ndarray | None:
        """Territory references: each distinct spelling resolved once; LookupError text is the message."""
        j = self.index.get(name)
        if j is None:
            return None
        texts = self.texts(j)
        codes, uniques = pd.factorize(texts, use_na_sentinel=False)
        resolved: list[str | None] = []
        errors: list[str | None] = []
        for text in uniques:
            if not text:
                resolved.append(None)
                errors.append(f"empty cell ({expected})")
                continue
            try:
                resolved.append(key(find(text)))
                errors.append(None)
            except LookupError as exc:
                resolved.append(None)
                errors.append(exc.args[0] if exc.args else str(exc))
        error_of = np.array(errors, dtype=object)[codes]
        bad = np.array([e is not None for e in errors], dtype=bool)[codes]
        if j in self.blanked:
            bad &= ~self.blanked[j]
        for position in np.flatnonzero(bad):
            self.problem(str(error_of[position]), j, int(self.grid.rows[position]))
        return np.array(resolved, dtype=object)[codes]

    def whole_euros(self, name: str, numbers: _Numbers, j: int, what: str) -> np.ndarray:
        """Amount cells: money (`money_text`), whole euros, not absurdly large (bad ones reported, NaN)."""
        self.number_problems(j, numbers, what)
        values = numbers.values.copy()
        with np.errstate(invalid="ignore"):
            rounded = np.round(values)
            cents = ~np.isnan(values) & (np.abs(values - rounded) > _WHOLE_TOLERANCE)
            huge = ~np.isnan(values) & ~cents & (np.abs(values) >= _MAX_AMOUNT)
        self.cell_problems(j, cents, lambda v: f"{_show(v)} is not a whole number of euros "
                                               f"(amounts are in whole euros: remove the cents)")
        self.cell_problems(j, huge, lambda v: f"{_show(v)} is too large for {name} (expected {what})")
        rounded[cents | huge] = np.nan
        return rounded

    def requested(self) -> np.ndarray | None:
        j = self.index.get("requested_eur")
        if j is None:
            return None
        what = "the amount requested, in whole euros, greater than 0"
        numbers = self.numbers(j, money=True)
        self.cell_problems(j, numbers.empty, lambda _: f"empty cell (expected {what})")
        values = self.whole_euros("requested_eur", numbers, j, what)
        with np.errstate(invalid="ignore"):
            not_positive = values <= 0
            absurd = values > MAX_REQUEST_EUR
        self.cell_problems(j, not_positive, lambda v: f"{_show(v)} is not greater than 0 (expected {what})")
        self.cell_problems(j, absurd, lambda v: f"{_show(v)} is more than ten billion euros: a figure from another "
                                                "column (a SIRET, costs in cents)? Write the aid requested, in euros")
        values[not_positive | absurd] = np.nan
        return values

    def minimum(self, requested: np.ndarray | None) -> np.ndarray | None:
        """The smallest useful amount; the whole request when empty or absent."""
        j = self.index.get("min_eur")
        if j is None:
            return requested
        what = "the smallest useful amount, in whole euros, between 0 and the amount requested"
        numbers = self.numbers(j, money=True)
        values = self.whole_euros("min_eur", numbers, j, what)
        with np.errstate(invalid="ignore"):
            negative = values < 0
            above = ~negative & (values > requested) if requested is not None else np.zeros(self.n, bool)
        self.cell_problems(j, negative, lambda v: f"{_show(v)} is negative (expected {what})")
        if requested is not None:
            req_cells = self.grid.cells[self.index["requested_eur"]]
            for position in np.flatnonzero(above):
                self.problem(f"{_show(self.grid.cells[j][position])} is above the amount requested "
                             f"({_show(req_cells[position])}); min_eur must be between 0 and requested_eur",
                             j, int(self.grid.rows[position]))
            return np.where(numbers.empty, requested, values)
        return values

    def group_ids(self, sirens: np.ndarray | None) -> np.ndarray | None:
        """The undertaking (for de minimis); the company's SIREN when not given. A SIREN written with spaces
        or typed as a number is the SIREN; undertakings that look alike (case, spaces, lookalike letters,
        a group_id against the SIREN that stands for an empty one) are refused: one undertaking, one ceiling."""
        j = self.index.get("group_id")
        if j is None:
            return sirens
        cells = self.grid.cells[j]
        texts = self.texts(j).to_numpy(dtype=object).copy()
        for position, cell in enumerate(cells):
            if not self.grid.text_only and isinstance(cell, (int, float, ExcelNumber)) and not isinstance(cell, bool):
                texts[position] = _siren_text(cell)
            elif _SIREN_SPACED.fullmatch(texts[position]):
                texts[position] = _SPACES.sub("", texts[position])
        groups = texts if sirens is None else np.where(texts == "", sirens, texts)
        first_row = dict(zip(groups[::-1], self.grid.rows[::-1]))
        self.check_lookalikes(j, groups, "group_id", lambda value, other: (
            f"group_id {value!r} looks the same as {'group_id ' if other in set(texts) else 'the SIREN '}{other!r} "
            f"on row {first_row[other]} ({difference(value, other)}), but they are two undertakings for de minimis: "
            "write them identically if the companies form one undertaking, or so that they differ visibly if not"),
            "rows of one undertaking must show the same group_id", fold_case=True)
        return groups

    def non_negative(self, name: str, default: float) -> np.ndarray:
        """Optional figures: numbers >= 0 (money for `_eur` columns); `default` when empty or absent."""
        j = self.index.get(name)
        if j is None:
            return np.full(self.n, default)
        money = is_money(name)
        numbers = self.numbers(j, money=money, zero_is_empty=default == 0)
        unit = "an amount in euros" if money else "a number"
        what = f"{unit}, 0 or more" + ("" if np.isnan(default) else f"; empty means {default:g}")
        self.number_problems(j, numbers, what)
        with np.errstate(invalid="ignore"):
            negative = numbers.values < 0
            huge = money & (np.abs(numbers.values) >= _MAX_AMOUNT)
        self.cell_problems(j, negative, lambda v: f"{_show(v)} is negative (expected {what})")
        self.cell_problems(j, huge, lambda v: f"{_show(v)} is too large for {name} (expected {what})")
        values = np.where(huge, np.nan, numbers.values)
        return np.where(numbers.empty, default, values)

    def regimes(self) -> np.ndarray:
        """A state-aid regime per project, or None to use the scenario's."""
        j = self.index.get("aid_regime")
        if j is None:
            return np.full(self.n, None, dtype=object)
        texts = self.texts(j).str.lower().str.replace(r"[\s-]+", "_", regex=True).to_numpy(dtype=object)
        bad = np.array([t != "" and t not in REGIMES for t in texts], dtype=bool)

        def message(value: object) -> str:
            close = difflib.get_close_matches(_cell_text(value).lower(), REGIMES, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}? " if close else ""
            return f"{_show(value)} is not a state-aid regime ({hint}expected one of: {', '.join(REGIMES)})"

        self.cell_problems(j, bad, message)
        return np.where(texts == "", None, texts)

    def extras(self) -> dict[str, np.ndarray]:
        """Other columns: numbers if the scenario says so or if every value is one, else text; a `_eur`
        column is money, read by the money rule (an unused one that breaks it stays text, never misread)."""
        used = {_key(n) for n in self.numeric}
        result: dict[str, np.ndarray] = {}
        for target, j in self.index.items():
            if target in CANONICAL:
                continue
            money = is_money(target)
            numbers = self.numbers(j, money=money)
            if _key(target) in used:
                what = f"the scenario uses column '{target}' as {'an amount in euros' if money else 'a number'}"
                for position, why in sorted(numbers.refused.items()):
                    self.problem(f"{_show(self.grid.cells[j][position])} {why} ({what})", j,
                                 int(self.grid.rows[position]))
                self.cell_problems(j, numbers.bad, lambda v, w=what: f"{_show(v)} is not a number ({w})")
                result[target] = numbers.values
            elif not numbers.bad.any() and not numbers.refused and not self.looks_like_codes(j):
                result[target] = numbers.values
            else:
                texts = self.texts(j).to_numpy(dtype=object)
                result[target] = np.where(texts == "", None, texts)
        return result

    def looks_like_codes(self, j: int) -> bool:
        """Text digits with a leading zero ('07', '07100') are codes: keep them as text, zeros and all."""
        return any(isinstance(c, str) and _CODE.match(c) for c in self.grid.cells[j])

    def check_numeric_present(self) -> None:
        """Columns the scenario computes with must exist (absent defaulted ones are fine); a missing one is
        reported where the scenario uses it, with the closest column of the file."""
        present = {_key(t) for t in self.index}
        names = [t for t in self.index if t != ROW]
        for name, places in self.numeric.items():
            key = _key(name)
            if key in present or key in {_key(c) for c in REQUIRED + _DEFAULTED} or key == ROW:
                continue
            close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            message = (f"column {name!r} is used by the scenario but is not in {self.name}{hint} (columns found: "
                       f"{', '.join(map(repr, names))}; map a header of another name onto it with the "
                       "scenario's `columns`)")
            for where in places or [self.name]:
                self.problems.append((0, -1, Problem(where, message)))


def _siren_text(value: object) -> str:
    """A SIREN cell as text; an Excel number lost its leading zeros, which are put back."""
    if isinstance(value, ExcelNumber):
        value = value.value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < 1e9 \
            and float(value).is_integer():  # the range first: a huge int is not a float
        return f"{int(value):09d}"
    return _SPACES.sub("", _cell_text(value))


def _dtype(values: object) -> str:
    """int64 for amounts and row numbers, float64 for other numbers, object for text."""
    array = np.asarray(values)
    if array.dtype.kind in "iu":
        return "int64"
    if array.dtype.kind == "f":
        return "float64"
    return "object"
