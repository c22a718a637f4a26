"""The files of each kind of result, as bytes in memory: pure renderings, nothing solved, nothing read."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from ..allocation import Allocation
from ..analysis import Analysis
from ..comparison import Comparison
from ..config import is_territory_path
from ..study import Study
from . import markdown, robustness
from .delimited import Dialect, csv_text
from .tables import (
    ID_COLUMNS,
    RunInfo,
    allocation_columns,
    allocation_rows,
    committee_rows,
    indicator_rows,
    indicator_table,
    summary,
)


def run_info(result: Study) -> RunInfo:
    return RunInfo(
        candidates_file=result.candidates.path.name, candidates_sha256=result.candidates.sha256,
        scenario_file=result.loaded.path.name, scenario_sha256=result.loaded.sha256, synthetic=result.synthetic,
        headers=dict(result.candidates.headers),
    )


def allocation_files(alloc: Allocation, info: RunInfo, lang: str = "fr",
                     dialect: Dialect = "excel") -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "allocation.csv": allocation_csv(alloc, lang, dialect),
        "summary.json": json.dumps(summary(alloc, info), ensure_ascii=False, indent=2) + "\n",
        "report.md": markdown.render(alloc, info, lang),
    }
    files.update(_rich_allocation_files(alloc, info, lang))
    return files


def allocation_csv(alloc: Allocation, lang: str, dialect: Dialect) -> str:
    """For Excel: the committee's columns under their headers, ids as text; plain: every column by its key."""
    if dialect == "plain":
        return csv_text(allocation_rows(alloc), "plain")
    return csv_text(committee_rows(alloc, lang), "excel", lang, allocation_columns(alloc, lang), ID_COLUMNS)


def _rich_allocation_files(alloc: Allocation, info: RunInfo, lang: str) -> dict[str, str | bytes]:
    """report.html and allocation.xlsx, where those writers are installed."""
    try:
        from . import xlsx
        from .allocation_html import allocation_page
    except ImportError:
        return {}
    return {"report.html": allocation_page(alloc, info, lang),
            "allocation.xlsx": xlsx.allocation_workbook(_portable(alloc), info, lang)}


def _portable(alloc: Allocation) -> Allocation:
    """The allocation with its scenario's file references (`extends:`, a territory file) as file names, not
    as paths that change when the folder moves: allocation.xlsx lists every parameter of the scenario."""
    s = alloc.scenario
    update: dict[str, Any] = {"extends": Path(s.extends).name if s.extends else None}
    if s.territory and is_territory_path(s.territory):
        update["territory"] = Path(s.territory).name
    return replace(alloc, scenario=s.model_copy(update=update))


def robustness_files(analysis: Analysis, lang: str, dialect: Dialect = "excel") -> dict[str, str | bytes]:
    """The allocation's files, then the robustness tables, robustness.md and robustness.html."""
    files = allocation_files(analysis.study.allocation, run_info(analysis.study), lang, dialect)
    files.update(robustness.csv_files(analysis, dialect))
    files["robustness.md"] = robustness.render(analysis, lang)
    try:
        from .robustness_html import robustness_page
    except ImportError:
        return files
    files["robustness.html"] = robustness_page(analysis, lang)
    return files


def comparison_files(comparison: Comparison, lang: str = "fr",
                     dialect: Dialect = "excel") -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "comparison.csv": comparison_csv(comparison, lang, dialect),
        "comparison.md": markdown.render_comparison(comparison, lang),
    }
    try:
        from . import xlsx
        from .comparison_html import comparison_page
    except ImportError:
        return files
    files["comparison.html"] = comparison_page(comparison, lang)
    files["comparison.xlsx"] = xlsx.comparison_workbook(comparison, lang)
    return files


def comparison_csv(comparison: Comparison, lang: str, dialect: Dialect) -> str:
    """For Excel: the workbook's indicator sheet; plain: one column per scenario label, keys as they are."""
    if dialect == "plain":
        return csv_text(indicator_table(comparison, lang), "plain")
    headers, rows = indicator_rows(comparison, lang)
    frame = pd.DataFrame(rows, columns=range(len(headers)))
    return csv_text(frame, "excel", lang, dict(enumerate(headers)))
