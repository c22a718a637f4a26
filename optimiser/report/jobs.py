"""A request (allocate one scenario, or compare several) -> the files of its output folders.

The request is plain data, recorded in each folder's manifest.json, so that `optimiser replay` can run
it again and compare the bytes. Everything is computed before anything is written.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..allocation import Allocation
from ..analysis import Analysis, analyse
from ..comparison import Comparison, compare, scenario_files
from ..errors import InputError
from ..scenarios import Run, run
from . import manifest, markdown, robustness
from .files import csv_text, guard_outdir, write_atomic
from .tables import RunInfo, allocation_rows, indicator_table, summary

Folders = dict[str, dict[str, str | bytes]]  # relative folder ("" = top) -> file name -> content


@dataclass(frozen=True)
class Result:
    runs: list[Run]
    comparison: Comparison | None
    folders: Folders
    analysis: Analysis | None = None


def run_info(result: Run) -> RunInfo:
    return RunInfo(
        candidates_file=result.candidates.path.name, candidates_sha256=result.candidates.sha256,
        scenario_file=result.loaded.path.name, scenario_sha256=result.loaded.sha256, synthetic=result.synthetic,
    )


def allocation_files(alloc: Allocation, info: RunInfo, lang: str = "fr") -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "allocation.csv": csv_text(allocation_rows(alloc)),
        "summary.json": json.dumps(summary(alloc, info), ensure_ascii=False, indent=2) + "\n",
        "report.md": markdown.render(alloc, info),
    }
    files.update(_rich_allocation_files(alloc, info, lang))
    return files


def _rich_allocation_files(alloc: Allocation, info: RunInfo, lang: str) -> dict[str, str | bytes]:
    """report.html and allocation.xlsx, where those writers are installed."""
    try:
        from . import html, xlsx
    except ImportError:
        return {}
    return {"report.html": html.allocation_page(alloc, info, lang),
            "allocation.xlsx": xlsx.allocation_workbook(alloc, info, lang)}


def _rich_robustness_files(analysis: Analysis, lang: str) -> dict[str, str | bytes]:
    from .robustness_html import robustness_page

    return {"robustness.html": robustness_page(analysis, lang)}


def comparison_files(comparison: Comparison, lang: str = "fr") -> dict[str, str | bytes]:
    table = indicator_table(comparison, lang)
    files: dict[str, str | bytes] = {
        "comparison.csv": csv_text(table),
        "comparison.md": markdown.render_comparison(comparison),
    }
    try:
        from . import html, xlsx
    except ImportError:
        return files
    files["comparison.html"] = html.comparison_page(comparison, lang)
    files["comparison.xlsx"] = xlsx.comparison_workbook(comparison, lang)
    return files


def allocate_request(candidates: Path, scenario: Path, lang: str) -> dict[str, Any]:
    return {"command": "allocate", "candidates": str(candidates.resolve()), "scenario": str(scenario.resolve()),
            "lang": lang}


def compare_request(candidates: Path, scenarios: list[Path], reference: str | None, rank_by: str,
                    lang: str) -> dict[str, Any]:
    return {"command": "compare", "candidates": str(candidates.resolve()),
            "scenarios": [str(p.resolve()) for p in scenario_files(scenarios)],
            "reference": reference, "rank_by": rank_by, "lang": lang}


def sensitivity_request(candidates: Path, scenario: Path, draws: int, seed: int, others: list[Path],
                        lang: str) -> dict[str, Any]:
    return {"command": "sensitivity", "candidates": str(candidates.resolve()), "scenario": str(scenario.resolve()),
            "draws": draws, "seed": seed, "others": [str(p.resolve()) for p in others], "lang": lang}


def execute(request: dict[str, Any], jobs: int = 1, progress: Callable[[int], None] | None = None) -> Result:
    """Run a request and return every file of every folder, manifests included.

    `jobs` and `progress` change how the work is done, never its result.
    """
    command = request.get("command")
    lang = request.get("lang", "fr")
    if command == "sensitivity":
        analysis = analyse(Path(request["candidates"]), Path(request["scenario"]), int(request["draws"]),
                           int(request["seed"]), jobs, [Path(p) for p in request.get("others", [])], progress)
        files = allocation_files(analysis.run.allocation, run_info(analysis.run), lang)
        files.update(robustness.csv_files(analysis))
        files["robustness.md"] = robustness.render(analysis)
        files.update(_rich_robustness_files(analysis, lang))
        files[manifest.MANIFEST] = manifest.build(request, [analysis.run], files)
        return Result([analysis.run], None, {"": files}, analysis)
    if command == "allocate":
        result = run(Path(request["candidates"]), Path(request["scenario"]))
        files = allocation_files(result.allocation, run_info(result), lang)
        files[manifest.MANIFEST] = manifest.build(request, [result], files)
        return Result([result], None, {"": files})
    if command == "compare":
        comparison = compare(Path(request["candidates"]), [Path(p) for p in request["scenarios"]],
                             request.get("reference"), request.get("rank_by", "reference_value"))
        runs = [e.run for e in comparison.solved]
        folders: Folders = {}
        for entry in comparison.solved:
            files = allocation_files(entry.allocation, run_info(entry.run), lang)
            own = allocate_request(Path(request["candidates"]), entry.path, lang)
            files[manifest.MANIFEST] = manifest.build(own, [entry.run], files)
            folders[entry.label] = files
        top = comparison_files(comparison, lang)
        top[manifest.MANIFEST] = manifest.build(request, runs, top)
        folders[""] = top
        return Result(runs, comparison, folders)
    raise InputError(f"unknown request {command!r} in the manifest (expected 'allocate' or 'compare')")


def write(outdir: Path, folders: Folders, force: bool) -> None:
    """Check every folder first (nothing is written if any would be overwritten), then write atomically."""
    for folder, files in folders.items():
        guard_outdir(outdir / folder, tuple(files), force)
    for folder, files in folders.items():
        for name, content in files.items():
            write_atomic(outdir / folder / name, content)


def replay_differences(original: Path, folders: Folders) -> list[str]:
    """Files whose bytes differ from those the original manifests recorded (manifests themselves aside)."""
    differences = []
    for folder, files in folders.items():
        recorded_path = original / folder / manifest.MANIFEST
        if not recorded_path.is_file():
            differences.append(f"{folder or '.'}: no manifest.json in the original folder")
            continue
        recorded = manifest.read(recorded_path).get("outputs", {})
        for name, content in sorted(files.items()):
            if name == manifest.MANIFEST:
                continue
            digest = hashlib.sha256(content.encode("utf-8") if isinstance(content, str) else content).hexdigest()
            if recorded.get(name) != digest:
                where = f"{folder}/{name}" if folder else name
                differences.append(f"{where} differs" if name in recorded else f"{where} was not in the original")
        for name in sorted(set(recorded) - set(files)):
            differences.append(f"{folder + '/' if folder else ''}{name} is missing from the replay")
    return differences
