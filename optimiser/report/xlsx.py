"""allocation.xlsx and comparison.xlsx: the report's tables as a workbook for Excel, in French by default.

Numbers stay numbers (euros with a `#,##0 "€"` format, shares with `0.0%`), each table has a styled,
frozen header row, an autofilter and fitted column widths. Text from the data is neutralised with
`safe_text` so that Excel never reads it as a formula. The bytes are the same for the same input:
fixed document dates and fixed dates inside the zip.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from .. import __version__
from ..allocation import Allocation
from ..catalogue import (
    cause_text,
    check_lang,
    describe_rule,
    move_text,
    note_text,
    objective_text,
    reason_text,
    regime_text,
    state_aid_text,
    t,
)
from ..comparison import Comparison
from ..formatting import FORMULA_PREFIXES, NEUTRALISER, fmt_eur, safe_text  # noqa: F401 (re-exported)
from .grid import grid_headers, grid_rows, objective_paragraph
from .tables import (
    RunInfo,
    allocation_columns,
    by_epci,
    by_priority,
    committee_rows,
    epci_amounts,
    indicator_rows,
    pillar_columns,
    priority_amounts,
    ranking_table,
    status_text,
)

EPOCH = dt.datetime(2000, 1, 1)
ZIP_DATE = (2000, 1, 1, 0, 0, 0)

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0B3A66")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
LABEL_FONT = Font(bold=True)
MAX_WIDTH = 70


def number_formats(lang: str) -> dict[str, str]:
    """Excel number formats by kind; the separators shown are those of the reader's Excel."""
    eur, eur2 = ('#,##0 "€"', '#,##0.00 "€"') if lang == "fr" else ('"€"#,##0', '"€"#,##0.00')
    return {
        "eur": eur, "eur2": eur2, "share": "0.0%", "pct2": "0.00%", "count": "#,##0", "int": "0",
        "tco2e": "#,##0", "eur_per_tco2e": eur2, "eur_per_job": eur, "ratio": "0.00", "score": "0.0",
        "score4": "0.0000", "index": "0.000", "num": "#,##0.##", "objective": "0.000",
    }


def _plain(value: Any) -> Any:
    """A value openpyxl writes as it should be: Python numbers, None for missing, text neutralised."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) or math.isinf(value) else float(value)
    if isinstance(value, int):
        return value
    text = str(value)
    return safe_text(text) if text else None


def _put(ws: Worksheet, row: int, column: int, value: Any, fmt: str | None = None) -> Cell:
    value = _plain(value)
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    elif fmt and value is not None and not isinstance(value, bool):
        cell.number_format = fmt
    return cell


def _width(value: Any, fmt: str | None) -> int:
    if value is None:
        return 0
    if isinstance(value, str):
        return max(len(line) for line in value.splitlines() or [""])
    if isinstance(value, bool):
        return 5
    if isinstance(value, (int, float, np.integer, np.floating)):
        if isinstance(value, float) and math.isnan(value):
            return 0
        digits = len(f"{abs(value):,.0f}") + (3 if fmt and "0.0" in fmt else 0)
        return digits + (2 if fmt and "€" in fmt else 0) + (1 if fmt and "%" in fmt else 0)
    return len(str(value))


def _table(ws: Worksheet, headers: list[str], rows: Iterable[list[Any]], formats: dict[int, str] | None = None,
           cell_formats: dict[tuple[int, int], str] | None = None, autofilter: bool = True,
           totals: tuple[str, Iterable[int]] | None = None) -> None:
    """Header row, data rows, a frozen header, an autofilter and fitted widths. Columns count from 0.

    `totals` = (label, columns): a bold row under the data, the label in the first column and the sum of each
    of those columns, written as a value (a formula has no value until Excel computes it), outside the filter.
    """
    formats = formats or {}
    cell_formats = cell_formats or {}
    widths = [len(h) for h in headers]
    for c, header in enumerate(headers, start=1):
        cell = _put(ws, 1, c, header)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGN
    n_rows = 0
    sums: dict[int, float] = {}
    summed = set(totals[1]) if totals else set()
    for r, row in enumerate(rows):
        n_rows += 1
        for c, value in enumerate(row):
            fmt = cell_formats.get((r, c), formats.get(c))
            _put(ws, r + 2, c + 1, value, fmt)
            widths[c] = max(widths[c], _width(value, fmt))
            if c in summed and isinstance(value, (int, float, np.integer, np.floating)) and not pd.isna(value):
                sums[c] = sums.get(c, 0) + value
    if totals and n_rows:
        label = _put(ws, n_rows + 2, 1, totals[0])
        label.font = LABEL_FONT
        for c in sorted(summed):
            total = sums.get(c, 0)
            value = int(total) if float(total).is_integer() else float(total)
            cell = _put(ws, n_rows + 2, c + 1, value, formats.get(c))
            cell.font = LABEL_FONT
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = min(MAX_WIDTH, max(8, width + 2))
    ws.freeze_panes = "A2"
    if autofilter:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{n_rows + 1}"


def print_setup(ws: Worksheet) -> None:
    """How a sheet prints: A4 landscape, as wide as one page (as many pages down as it needs), the header
    row repeated on every page, the grid's page numbers in the footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    if ws.max_row > 1:
        ws.print_title_rows = "1:1"
    ws.oddFooter.center.text = "&P / &N"


def workbook_bytes(wb: Workbook) -> bytes:
    """The workbook's bytes, the same for the same content: fixed dates in the properties and the zip; every
    sheet set up for printing (`print_setup`)."""
    for ws in wb.worksheets:
        print_setup(ws)
    wb.properties.created = EPOCH
    wb.properties.modified = EPOCH
    wb.properties.creator = "optimiser"
    wb.properties.lastModifiedBy = None
    raw = io.BytesIO()
    archive = zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def _new_workbook() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    return wb


def _yes_no(flag: bool, lang: str) -> str:
    return t("yes" if flag else "no", lang)


def _flatten(data: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """Nested scenario parameters as (dotted path, value) pairs; lists of numbers as text."""
    if isinstance(data, dict):
        out = []
        for key, value in data.items():
            out += _flatten(value, f"{prefix}.{key}" if prefix else str(key))
        return out
    if isinstance(data, list):
        if all(isinstance(v, (dict, list)) for v in data) and data and all(isinstance(v, dict) for v in data):
            out = []
            for k, value in enumerate(data):
                out += _flatten(value, f"{prefix}[{k}]")
            return out
        return [(prefix, ", ".join(str(v) for v in data))]
    return [(prefix, data)]


def _summary_sheet(ws: Worksheet, items: list[tuple[str, Any, str | None]], lang: str) -> None:
    _table(ws, [t("item", lang), t("value", lang)], [[k, v] for k, v, _ in items],
           cell_formats={(r, 1): fmt for r, (_, _, fmt) in enumerate(items) if fmt}, autofilter=False)
    for r in range(2, len(items) + 2):
        ws.cell(row=r, column=1).font = LABEL_FONT
    ws.column_dimensions["B"].width = MAX_WIDTH
    for r in range(2, len(items) + 2):
        ws.cell(row=r, column=2).alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")


# --- scores.xlsx (`optimiser score -o scores.xlsx`) ----------------------------------------------------


def scores_workbook(rows: pd.DataFrame, lang: str = "fr") -> bytes:
    """The scored table of `optimiser score` as a workbook: the same columns as its CSV, scores as numbers."""
    check_lang(lang)
    f = number_formats(lang)
    wb = _new_workbook()
    ws = wb.create_sheet("Notes" if lang == "fr" else "Scores")
    columns = list(rows.columns)
    formats = {c: f["int"] if name == "rank" else f["score4"] for c, name in enumerate(columns)
               if pd.api.types.is_float_dtype(rows[name]) or name == "rank"}
    _table(ws, columns, rows.itertuples(index=False, name=None), formats=formats)
    return workbook_bytes(wb)


# --- allocation.xlsx -------------------------------------------------------------------------------


def allocation_workbook(alloc: Allocation, info: RunInfo, lang: str = "fr") -> bytes:
    """allocation.xlsx: summary, one row per candidate, per EPCI, per priority, constraints, parameters."""
    check_lang(lang)
    f = number_formats(lang)
    s = alloc.scenario
    tab = alloc.table
    funded = tab[tab["funded"]]
    sol = alloc.solution
    wb = _new_workbook()

    if s.state_aid:
        aid = state_aid_text(s.state_aid, lang)
    else:
        aid = f"{t('no_state_aid', lang)} {t('no_state_aid_why', lang)}"
    items: list[tuple[str, Any, str | None]] = [
        (t("scenario_file", lang), s.name, None),
        (t("description", lang), s.description or None, None),
        (t("territory", lang), alloc.territory.name, None),
        (t("synthetic_data", lang), _yes_no(info.synthetic, lang), None),
        (t("envelope", lang), s.envelope_eur, f["eur"]),
        (t("allocated", lang), alloc.total_eur, f["eur"]),
        (t("share", lang), alloc.total_eur / s.envelope_eur, f["share"]),
        (t("funded_projects", lang), int(tab["funded"].sum()), f["count"]),
        (t("candidates_count", lang), len(tab), f["count"]),
        (t("eligible_count", lang), int(tab["eligible"].sum()), f["count"]),
        (t("companies", lang), int(funded["siren"].nunique()), f["count"]),
        (t("epcis_reached", lang), int(funded["epci"].nunique()), f["count"]),
        (t("funding_mode", lang), t("funding_partial" if s.funding == "partial" else "funding_all", lang), None),
        (t("objective", lang), objective_text(s.objective, lang), None),
        (t("objective_title", lang), objective_paragraph(alloc, lang), None),
        (t("objective_value", lang), sol.objective, f["objective"]),
        (t("solver", lang), sol.solver.upper() if sol.solver == "cbc" else "HiGHS", None),
        (t("status", lang), status_text(alloc, lang), None),
        (t("proven_optimal", lang), _yes_no(alloc.proven_optimal, lang), None),
        (t("gap", lang), sol.gap, f["pct2"]),
        (t("state_aid", lang), aid, None),
        *[(t("note", lang), note_text(note, lang), None) for note in alloc.notes],
        (t("candidates_file", lang), info.candidates_file, None),
        (t("sha", lang), info.candidates_sha256, None),
        (t("scenario_file", lang), info.scenario_file, None),
        (t("scenario_sha", lang), info.scenario_sha256, None),
        (t("version", lang), __version__, None),
    ]
    _summary_sheet(wb.create_sheet(t("sheet_summary", lang)), items, lang)

    rows = committee_rows(alloc, lang)
    headers = allocation_columns(alloc, lang)
    formats = {"score": f["score4"], "rank": f["int"], **{c: f["eur"] for c in ("amount_eur", "requested_eur",
                                                                            "min_eur", "cap_eur")},
               **{c: f["score4"] for c in pillar_columns(alloc)}}
    keys = list(headers)
    ws = wb.create_sheet(t("sheet_allocation", lang))
    _table(ws, list(headers.values()), rows.itertuples(index=False, name=None),
           {k: formats[c] for k, c in enumerate(keys) if c in formats},
           totals=(t("total_row", lang), [keys.index("amount_eur"), keys.index("requested_eur")]))
    ws.column_dimensions[get_column_letter(len(keys))].width = MAX_WIDTH
    _table(wb.create_sheet(t("grid_title", lang)), grid_headers(lang), grid_rows(s.scoring, info.headers, lang))

    epci = by_epci(alloc)
    _table(wb.create_sheet(t("sheet_epci", lang)),
           [t(k, lang) for k in ("epci", "siren", "population", "year", "candidates", "eligible", "funded",
                                  "amount", "share", "per_inhabitant")],
           [[r.epci, r.siren, r.population, r.population_year, r.candidates, r.eligible, r.funded, r.amount_eur,
             r.share, r.eur_per_inhabitant] for r in epci.itertuples()],
           {2: f["count"], 3: f["int"], 4: f["count"], 5: f["count"], 6: f["count"], 7: f["eur"], 8: f["share"],
            9: f["eur2"]}, totals=(t("total_row", lang), [2, 4, 5, 6, 7, 8]))

    prio = by_priority(alloc)
    _table(wb.create_sheet(t("sheet_priority", lang)),
           [t(k, lang) for k in ("priority", "label", "candidates", "eligible", "funded", "amount", "share")],
           [[r.priority, r.label, r.candidates, r.eligible, r.funded, r.amount_eur, r.share]
            for r in prio.itertuples()],
           {2: f["count"], 3: f["count"], 4: f["count"], 5: f["eur"], 6: f["share"]},
           totals=(t("total_row", lang), [2, 3, 4, 5, 6]))

    rule_rows, cell_formats = [], {}
    for r, state in enumerate(alloc.rules):
        rule = state.rule
        fmt = f["eur"] if rule.measure == "eur" else f["num"]
        for c in (3, 4, 5):
            cell_formats[(r, c)] = fmt
        rule_rows.append([rule.key, describe_rule(rule, lang), rule.source, state.activity,
                          None if math.isinf(rule.lower) else rule.lower,
                          None if math.isinf(rule.upper) else rule.upper, state.binding])
    _table(wb.create_sheet(t("sheet_rules", lang)),
           [t(k, lang) for k in ("constraint", "description", "source", "activity", "lower_bound", "upper_bound",
                                  "is_binding")], rule_rows, cell_formats=cell_formats)

    params = _flatten(s.model_dump(mode="json", exclude_none=True))
    _table(wb.create_sheet(t("sheet_parameters", lang)), [t("parameter", lang), t("value", lang)],
           [[k, v] for k, v in params])
    return workbook_bytes(wb)


# --- comparison.xlsx -------------------------------------------------------------------------------


def comparison_workbook(comparison: Comparison, lang: str = "fr") -> bytes:
    """comparison.xlsx: ranking, indicators, per EPCI, per priority, changes (one long sheet), parameters."""
    check_lang(lang)
    f = number_formats(lang)
    solved = comparison.solved
    by_label = {e.label: e for e in comparison.entries}
    ind_by_key = {i.key: i for i in comparison.indicators}
    rank_ind = ind_by_key[comparison.rank_by]
    wb = _new_workbook()

    rows = []
    for r in ranking_table(comparison).to_dict("records"):
        entry = by_label[r["scenario"]]
        dominated = comparison.dominated_by.get(entry.label, [])
        text = "; ".join(f"{by_label[other].name} ({', '.join(ind_by_key[k].label(lang) for k in keys)})"
                         for other, keys in dominated)
        rows.append([None if pd.isna(r["rank"]) else int(r["rank"]), entry.name, entry.label,
                     r[comparison.rank_by], bool(r["tied"]), bool(r["pareto_dominated"]), text,
                     entry.error if entry.study is None else None])
    _table(wb.create_sheet(t("sheet_ranking", lang)),
           [t("rank", lang), t("scenario", lang), t("file", lang), rank_ind.label(lang), t("tied", lang),
            t("dominated", lang), t("pareto", lang), t("error", lang)],
           rows, {0: f["int"], 3: f[rank_ind.unit]})

    headers, rows = indicator_rows(comparison, lang)
    units = [ind.unit for ind in comparison.indicators]
    cell_formats = {(r, c): f[units[r]] for r in range(len(rows)) for c in range(5, 5 + len(solved))}
    _table(wb.create_sheet(t("sheet_indicators", lang)), headers, rows, cell_formats=cell_formats)

    amounts = epci_amounts(comparison)
    eur_columns = {c: f["eur"] for c in range(1, len(solved) + 1)}
    _table(wb.create_sheet(t("sheet_epci", lang)), [t("epci", lang), *(e.name for e in solved)],
           [[epci, *(amounts.at[epci, e.label] for e in solved)] for epci in amounts.index], eur_columns)
    priorities = priority_amounts(comparison)
    labels = {p.key: p.label for p in solved[0].allocation.territory.priorities} if solved else {}
    _table(wb.create_sheet(t("sheet_priority", lang)),
           [t("priority", lang), t("label", lang), *(e.name for e in solved)],
           [[p, labels.get(p, p), *(priorities.at[p, e.label] for e in solved)] for p in priorities.index],
           {c + 1: fmt for c, fmt in eur_columns.items()})

    rows = []
    for label, moves in comparison.changes.items():
        entry = by_label[label]
        epci_names = {e.siren: e.name for e in entry.allocation.territory.epcis}
        for m in moves.to_dict("records"):
            rows.append([entry.name, label, m["id"], m["name"], epci_names.get(m["epci"], m["epci"]), m["priority"],
                         move_text(m["move"], lang), cause_text(m["cause"], lang), m["amount_reference_eur"],
                         m["amount_eur"],
                         int(m["amount_eur"]) - int(m["amount_reference_eur"]), m["score_reference"], m["score"],
                         m["rank_reference"], m["rank"], reason_text(m["reason_reference"], lang),
                         reason_text(m["reason"], lang)])
    _table(wb.create_sheet(t("sheet_changes", lang)),
           [t(k, lang) for k in ("scenario", "file", "id", "company", "epci", "priority", "move", "cause",
                                  "amount_reference", "amount", "difference", "score_reference", "score",
                                  "rank_reference", "rank", "reason_reference", "reason_scenario")],
           rows, {8: f["eur"], 9: f["eur"], 10: f["eur"], 11: f["score4"], 12: f["score4"], 13: f["int"],
                  14: f["int"]})

    rows = []
    for e in comparison.entries:
        if e.study is None:
            rows.append([e.name, e.label, e.path.name, None, None, None, None, None, None, None, None, None, None,
                         e.error])
            continue
        a, scenario = e.allocation, e.study.loaded.scenario
        rows.append([e.name, e.label, e.study.loaded.path.name, e.study.loaded.sha256, e.study.candidates.path.name,
                     e.study.candidates.sha256, e.study.synthetic, scenario.envelope_eur,
                     t("funding_partial" if scenario.funding == "partial" else "funding_all", lang),
                     objective_text(scenario.objective, lang),
                     regime_text(scenario.state_aid.regime, lang) if scenario.state_aid else t("no_state_aid", lang),
                     status_text(a, lang), a.proven_optimal, None])
    _table(wb.create_sheet(t("sheet_parameters", lang)),
           [t(k, lang) for k in ("scenario", "file", "scenario_yaml", "scenario_sha", "candidates_file", "sha",
                                  "synthetic_data", "envelope", "funding_mode", "objective", "state_aid", "status",
                                  "proven_optimal", "error")],
           rows, {7: f["eur"]})
    return workbook_bytes(wb)
