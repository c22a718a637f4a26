"""A sheet's rows -> a `Grid`: comment lines and the header found, and what Excel hides or merges
refused, read or left out as the scenario says (`hidden_rows`, `hidden_columns`)."""

from __future__ import annotations

import numpy as np
from openpyxl.utils import get_column_letter

from ..errors import InputError
from ..messages import say
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
        raise InputError(say("load_sheet_only_comments", name=name, sheet=repr(title)) if comments
                         else say("load_sheet_empty", name=name, sheet=repr(title)))
    width = max(len(headers), *(len(r) for r in records)) if records else len(headers)
    headers = list(headers) + [None] * (width - len(headers))
    for record in records:
        record += [None] * (width - len(record))
    problems = _merged(read, header_row)
    hidden_data = [r for r in rows if r in read.hidden_rows]
    records, rows = _hidden_rows(read, hidden_rows, header_row, records, rows, problems, notes)
    keep_columns = _hidden_columns(read, hidden_columns, headers, records, problems, notes)
    if not records:
        where = {"name": name, "sheet": repr(title), "row": header_row}
        raise InputError(say("load_sheet_no_data_hidden", **where, hidden=len(hidden_data)) if hidden_data
                         else say("load_sheet_no_data", **where))
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
            problems.append((min_row, say("load_merged_cells", first=first, last=last,
                                          value=show(top_left[min_col - 1]))))
    return problems


def _hidden_rows(read: Sheet, hidden_rows: str, header_row: int, records: list[list[object]], rows: list[int],
                 problems: list[tuple[int, str]], notes: list[str]) -> tuple[list[list[object]], list[int]]:
    """Hidden rows refused (in `problems`) or left out (in `notes`) as `hidden_rows` says."""
    hidden, title = read.hidden_rows, read.title
    hidden_data = [r for r in rows if r in hidden]
    where = (say("load_in_sheet_filtered", sheet=repr(title)) if read.filtered and hidden_data
             else say("load_in_sheet", sheet=repr(title)))
    if header_row in hidden and hidden_rows != "include":
        problems.append((header_row, say("load_header_row_hidden", row=header_row, where=where)))
    if hidden_data and hidden_rows == "refuse":
        ranges = _ranges(hidden_data)
        problems.append((0, say("load_hidden_row", rows=ranges, where=where) if len(hidden_data) == 1
                         else say("load_hidden_rows", rows=ranges, where=where)))
    elif hidden_data and hidden_rows == "exclude":
        keep = [k for k, r in enumerate(rows) if r not in hidden]
        records, rows = [records[k] for k in keep], [rows[k] for k in keep]
        told = {"count": len(hidden_data), "sheet": repr(title), "rows": _ranges(hidden_data)}
        notes.append(Note(say("load_note_hidden_row", **told) if len(hidden_data) == 1
                          else say("load_note_hidden_rows", **told), "hidden_rows",
                          count=len(hidden_data), sheet=title, rows=sorted(hidden_data)))
    return records, rows


def _hidden_columns(read: Sheet, hidden_columns: str, headers: list[object], records: list[list[object]],
                    problems: list[tuple[int, str]], notes: list[str]) -> list[int]:
    """The columns to keep: hidden ones that hold something are refused or left out as `hidden_columns` says."""
    width, title = len(headers), read.title
    used = [j for j in range(width) if j in read.hidden_columns
            and (cell_text(headers[j]) or any(cell_text(r[j]) for r in records))]
    if used and hidden_columns == "refuse":
        listed = ", ".join(f"{get_column_letter(j + 1)} ({cell_text(headers[j]) or say('load_no_header_label')})"
                           for j in used)
        problems.append((0, say("load_hidden_column", columns=listed, sheet=repr(title)) if len(used) == 1
                         else say("load_hidden_columns", columns=listed, sheet=repr(title))))
    keep_columns = [j for j in range(width) if not (hidden_columns == "exclude" and j in used)]
    if len(keep_columns) < width:
        letters = ", ".join(get_column_letter(j + 1) for j in used)
        told = {"count": width - len(keep_columns), "sheet": repr(title), "columns": letters}
        notes.append(Note(say("load_note_hidden_column", **told) if told["count"] == 1
                          else say("load_note_hidden_columns", **told), "hidden_columns",
                          count=width - len(keep_columns), sheet=title, columns=letters))
    return keep_columns


def _ranges(numbers: list[int]) -> str:
    """Row numbers as people write them: 5, 9-12, 20 (at most 20 runs, then 'and N more')."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    text = [f"{a}" if a == b else f"{a}-{b}" for a, b in runs[:20]]
    more = say("load_more_runs", count=len(runs) - 20) if len(runs) > 20 else ""
    listed = ", ".join(text) + more
    return say("load_rows_one", rows=listed) if len(numbers) == 1 else say("load_rows_many", rows=listed)
