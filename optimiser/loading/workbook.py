"""Opening a workbook and choosing its sheet, then one streaming pass over that sheet: its cells as
Excel shows them, and what Excel hides (rows, columns, a filter) or merges.

openpyxl is imported here only: `load_candidates` imports this module when it reads a workbook.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import openpyxl
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

from ..errors import InputError
from ..excel_format import HIDDEN, PLAIN, shown
from ..messages import say
from ..reasons import Note
from .cells import ExcelError, ExcelNumber
from .schema import header_key


@dataclass(frozen=True)
class Sheet:
    """What one streaming pass over a worksheet yields, beyond its cells."""

    title: str
    rows: list[tuple[int, list[object]]]   # (row number, cell values)
    hidden_rows: set[int]                  # hidden, or of zero height
    filtered: bool                         # an active filter (its hidden rows are among hidden_rows)
    hidden_columns: set[int]               # 0-based positions, hidden or of zero width
    merged: list[tuple[int, int, int, int]]  # (min_col, min_row, max_col, max_row) of each merged range


class _Parser(WorkSheetParser):  # type: ignore[misc,valid-type]
    """openpyxl's read-only parser, except that a formula without a saved value is not an empty cell."""

    def parse_cell(self, element):  # a formula without a saved value reads as empty otherwise
        cell = super().parse_cell(element)
        if cell["value"] is None and element.find(FORMULA_TAG) is not None:
            cell["data_type"] = "formula"
        return cell


def read_sheet(raw: bytes, name: str, sheet: str | None) -> tuple[Sheet, list[str]]:
    """The chosen sheet, read in one streaming pass, and the notes on which sheet was read and why."""
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(say("load_xls_old", name=name))
    try:
        with warnings.catch_warnings():  # unsupported Excel features (data validation...) are not our concern
            warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
            workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types on a corrupt file
        raise InputError(say("load_not_workbook", name=name, error=f"{type(exc).__name__}: {exc}")) from None
    try:
        worksheet, notes = _pick_sheet(workbook, name, sheet)
        try:
            read = _sheet_rows(workbook, worksheet)
        except Exception as exc:  # noqa: BLE001 - a corrupt sheet part surfaces while iterating
            raise InputError(say("load_sheet_unreadable", name=name, sheet=repr(worksheet.title),
                                 error=f"{type(exc).__name__}: {exc}")) from None
    finally:
        workbook.close()
    return read, notes


def _sheet_rows(workbook: object, worksheet: object) -> Sheet:
    """Every row of the sheet and what Excel hides or merges (see `_value` for what a cell becomes)."""
    out: list[tuple[int, list[object]]] = []
    formats: dict[int, str] = {}
    zeros_shown = True
    with worksheet._get_source() as source:  # type: ignore[attr-defined]
        parser = _Parser(source, worksheet._shared_strings, data_only=True,  # type: ignore[attr-defined]
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
                values[cell["column"] - 1] = _value(cell, worksheet, formats, zeros_shown)
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
    return Sheet(worksheet.title, out, hidden, filtered, hidden_cols, merged)  # type: ignore[attr-defined]


def _value(cell: dict, worksheet: object, formats: dict[int, str], zeros_shown: bool) -> object:
    """One parsed cell's value. Number cells whose format changes what is shown (a `%` code, a scaling
    comma, a unit or leading zeros written by the format, nothing shown at all, a zero in a sheet that
    hides zeros) become `ExcelNumber`s, so that the reader of each column decides what they mean; error
    values (`#N/A`) and formulas with no saved value become `ExcelError`s."""
    value = cell["value"]
    if cell["data_type"] == "e":
        return ExcelError(str(value))
    if cell["data_type"] == "formula":
        return ExcelError("")
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return value
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
    return value


def _zero(size: object) -> bool:
    try:
        return size is not None and float(str(size)) == 0
    except ValueError:
        return False


def _true(flag: object) -> bool:
    return str(flag).strip().lower() in ("1", "true")


def _pick_sheet(workbook: object, name: str, sheet: str | None) -> tuple[object, list[str]]:
    """The named worksheet (exact name, else unique case/space-insensitive match) or the first visible one.

    A hidden sheet is read only when the scenario names it; skipping one is said in a note.
    """
    worksheets = list(workbook.worksheets)  # type: ignore[attr-defined]
    if not worksheets:
        raise InputError(say("load_no_worksheet", name=name))
    names = [ws.title for ws in worksheets]
    visible = [ws for ws in worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
    if sheet is None:
        if not visible:
            raise InputError(say("load_all_sheets_hidden", name=name, sheets=", ".join(repr(n) for n in names)))
        chosen = visible[0]
        skipped = [ws.title for ws in worksheets[:worksheets.index(chosen)]]
        listed = {"skipped": ", ".join(repr(n) for n in skipped), "chosen": repr(chosen.title)}
        text = (say("load_note_hidden_sheets", **listed) if len(skipped) > 1
                else say("load_note_hidden_sheet", **listed))
        notes = [Note(text, "hidden_sheets", skipped=", ".join(skipped), chosen=chosen.title)] if skipped else []
        if len(visible) > 1:
            active = getattr(workbook, "active", None)
            opens = (say("load_excel_opens_on", sheet=repr(active.title)) if active is not None
                     and active is not chosen and active in visible else "")
            notes.append(Note(say("load_note_first_visible", chosen=repr(chosen.title), count=len(visible),
                                  others=", ".join(repr(ws.title) for ws in visible[1:]), opens=opens),
                              "first_visible", chosen=chosen.title,
                              count=len(visible), others=", ".join(ws.title for ws in visible[1:])))
        return chosen, notes
    if sheet in names:
        chosen = worksheets[names.index(sheet)]
    else:
        loose = [ws for ws in worksheets if header_key(ws.title) == header_key(sheet)]
        if len(loose) != 1:
            raise InputError(say("load_no_sheet_named", name=name, sheet=repr(sheet),
                                 sheets=", ".join(repr(n) for n in names)))
        chosen = loose[0]
    hidden = getattr(chosen, "sheet_state", "visible") != "visible"
    return chosen, ([Note(say("load_note_hidden_named", chosen=repr(chosen.title)), "hidden_named",
                          chosen=chosen.title)] if hidden else [])
