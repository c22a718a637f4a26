"""A sheet's rows -> a `Grid`: comment lines and the header found, and what Excel hides or merges
refused, read or left out as the scenario says (`hidden_rows`, `hidden_columns`)."""

from __future__ import annotations

import numpy as np
from openpyxl.utils import get_column_letter

from ..errors import InputError
from ..reasons import Note
from .cells import cell_text, show
from .grid import Grid, metadata_of
from .workbook import Sheet, read_sheet


def read_xlsx(raw: bytes, name: str, sheet: str | None, hidden_rows: str, hidden_columns: str) -> Grid:
    """Cells of one sheet with their sheet row numbers; what Excel hides is refused, read or left out."""
    read, notes = read_sheet(raw, name, sheet)
    title = read.title
    comments, headers, header_row, records, rows = _split(read.rows)
    if headers is None:
        what = "only comments and no header row" if comments else "empty"
        raise InputError(f"{name}: the sheet {title!r} is {what} (expected a header row, then one row per project)")
    width = max(len(headers), *(len(r) for r in records)) if records else len(headers)
    headers = list(headers) + [None] * (width - len(headers))
    for record in records:
        record += [None] * (width - len(record))
    problems = _merged(read, header_row)
    hidden_data = [r for r in rows if r in read.hidden_rows]
    records, rows = _hidden_rows(read, hidden_rows, header_row, records, rows, problems, notes)
    keep_columns = _hidden_columns(read, hidden_columns, headers, records, problems, notes)
    if not records:
        raise InputError(f"{name}: no data rows under the header (sheet {title!r}, row {header_row}); "
                         f"expected one row per project" + ("" if not hidden_data else
                                                            f" ({len(hidden_data)} hidden rows left out)"))
    cells = [[record[j] for record in records] for j in keep_columns]
    return Grid([cell_text(headers[j]) for j in keep_columns], [get_column_letter(j + 1) for j in keep_columns],
                cells, np.asarray(rows, dtype=np.int64), header_row, False, metadata_of(comments), problems, notes)


def _split(sheet_rows: list[tuple[int, list[object]]]
           ) -> tuple[list[str], list[object] | None, int, list[list[object]], list[int]]:
    """Comment lines (`#` in the first cell) before the header, the header row, then the data rows."""
    comments: list[str] = []
    headers: list[object] | None = None
    header_row = 0
    records: list[list[object]] = []
    rows: list[int] = []
    for number, values in sheet_rows:
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        if headers is None:
            first = next(v for v in values if v is not None and not (isinstance(v, str) and not v.strip()))
            if isinstance(first, str) and first.lstrip().startswith("#"):
                comments.append(" ".join(cell_text(v) for v in values if v is not None))
                continue
            headers, header_row = values, number
            continue
        records.append(values)
        rows.append(number)
    return comments, headers, header_row, records, rows


def _merged(read: Sheet, header_row: int) -> list[tuple[int, str]]:
    """Merged cells over data rows: Excel shows one value across them, the file holds it once."""
    problems: list[tuple[int, str]] = []
    for min_col, min_row, max_col, max_row in read.merged:
        top_left = next((v for n, v in read.rows if n == min_row), [])
        holds = min_col <= len(top_left) and cell_text(top_left[min_col - 1])
        if max_row > header_row and holds and (max_col > min_col or max_row > min_row):
            first, last = f"{get_column_letter(min_col)}{min_row}", f"{get_column_letter(max_col)}{max_row}"
            problems.append((min_row, f"the cells {first}:{last} are merged: Excel shows the value of {first} "
                                      f"({show(top_left[min_col - 1])}) across them, but the file holds it in "
                                      f"{first} only, and the other cells are empty; unmerge them and write the "
                                      "value in each cell"))
    return problems


def _hidden_rows(read: Sheet, hidden_rows: str, header_row: int, records: list[list[object]], rows: list[int],
                 problems: list[tuple[int, str]], notes: list[str]) -> tuple[list[list[object]], list[int]]:
    """Hidden rows refused (in `problems`) or left out (in `notes`) as `hidden_rows` says."""
    hidden, title = read.hidden_rows, read.title
    hidden_data = [r for r in rows if r in hidden]
    where = f"in the sheet {title!r}" + (" (its filter hides them)" if read.filtered and hidden_data else "")
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
        notes.append(Note(f"{_count(len(hidden_data), 'hidden row')} of the sheet {title!r} left out "
                          f"({_ranges(hidden_data)}), as the scenario's `hidden_rows: exclude` asks", "hidden_rows",
                          count=len(hidden_data), sheet=title, rows=sorted(hidden_data)))
    return records, rows


def _hidden_columns(read: Sheet, hidden_columns: str, headers: list[object], records: list[list[object]],
                    problems: list[tuple[int, str]], notes: list[str]) -> list[int]:
    """The columns to keep: hidden ones that hold something are refused or left out as `hidden_columns` says."""
    width, title = len(headers), read.title
    used = [j for j in range(width) if j in read.hidden_columns
            and (cell_text(headers[j]) or any(cell_text(r[j]) for r in records))]
    if used and hidden_columns == "refuse":
        one = len(used) == 1
        listed = ", ".join(f"{get_column_letter(j + 1)} ({cell_text(headers[j]) or 'no header'})" for j in used)
        problems.append((0, f"column{'' if one else 's'} {listed} {'is' if one else 'are'} hidden in the sheet "
                            f"{title!r}: show {'it' if one else 'them'} in Excel, or say in the scenario "
                            "`hidden_columns: include` (read them) or `hidden_columns: exclude` (leave them out)"))
    keep_columns = [j for j in range(width) if not (hidden_columns == "exclude" and j in used)]
    if len(keep_columns) < width:
        letters = ", ".join(get_column_letter(j + 1) for j in used)
        notes.append(Note(f"{_count(width - len(keep_columns), 'hidden column')} of the sheet {title!r} left out "
                          f"({letters}), as the scenario's `hidden_columns: exclude` asks", "hidden_columns",
                          count=width - len(keep_columns), sheet=title, columns=letters))
    return keep_columns


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
