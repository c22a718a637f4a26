"""A request (allocate, compare, sensitivity) -> the files of its output folder, computed from copies of
its inputs.

A request is plain data, recorded in the folder's manifest.json with paths relative to the folder. A run
first copies its inputs into the folder being built (`inputs/`, keeping the originals' relative layout so
that `extends:` and `territory:` paths still resolve among the copies), then runs from those copies: the
recorded request reads exactly the recorded bytes wherever the folder moves, and `optimiser replay` runs
the same code on the same copies. Everything is computed before anything is published.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from ..allocation import Allocation
from ..analysis import Analysis, analyse
from ..comparison import Comparison, compare, folder_names, scenario_files
from ..config import is_territory_path, load_scenario
from ..errors import InputError, Problem
from ..study import Study
from . import manifest, markdown, robustness
from .files import csv_text, tree
from .manifest import INPUTS, MANIFEST
from .outdir import Outdir
from .tables import RunInfo, allocation_rows, indicator_table, summary

Folders = dict[str, dict[str, str | bytes]]  # relative folder ("" = top) -> file name -> content


@dataclass(frozen=True)
class Result:
    runs: list[Study]
    comparison: Comparison | None
    folders: Folders
    analysis: Analysis | None = None
    outside: tuple[str, ...] = ()  # inputs read from outside the folder: an `extends:` written as an absolute path


@dataclass(frozen=True)
class Replay:
    result: Result
    compared: int           # files compared, the inputs' copies included
    differences: list[str]  # each file of the original folder not written the same by the replay
    notes: list[str]        # versions that differ from the recorded ones; inputs taken from elsewhere


def run_info(result: Study) -> RunInfo:
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
            "allocation.xlsx": xlsx.allocation_workbook(_portable(alloc), info, lang)}


def _portable(alloc: Allocation) -> Allocation:
    """The allocation with its scenario's file references (`extends:`, a territory file) as file names, not
    as paths that change when the folder moves: allocation.xlsx lists every parameter of the scenario."""
    s = alloc.scenario
    update: dict[str, Any] = {"extends": Path(s.extends).name if s.extends else None}
    if s.territory and is_territory_path(s.territory):
        update["territory"] = Path(s.territory).name
    return replace(alloc, scenario=s.model_copy(update=update))


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


PATH, PATHS = ("candidates", "scenario"), ("scenarios", "others")  # request keys holding a path, a list of them


def _map_paths(request: dict[str, Any], change: Callable[[str], str]) -> dict[str, Any]:
    """The request with every path in it changed."""
    out = dict(request)
    out.update({key: change(out[key]) for key in PATH if key in out})
    out.update({key: [change(p) for p in out[key]] for key in PATHS if key in out})
    return out


def _paths(request: dict[str, Any]) -> list[str]:
    return [request[key] for key in PATH if key in request] + [p for key in PATHS for p in request.get(key, [])]


def sources(request: dict[str, Any]) -> dict[str, Path]:
    """Every file a request (with paths as given) reads, by where its copy goes: `inputs/` and its path
    below the deepest folder holding them all."""
    files = [Path(request["candidates"])]
    for key, tolerant in (("scenario", False), ("scenarios", False), ("others", True)):
        value = request.get(key)
        for path in [value] if isinstance(value, str) else value or []:
            files += _scenario_files(Path(path), tolerant)
    originals = list(dict.fromkeys(p.resolve() for p in files))
    root = Path(os.path.commonpath([p.parent for p in originals]))
    return {PurePosixPath(INPUTS, p.relative_to(root).as_posix()).as_posix(): p for p in originals}


def _scenario_files(path: Path, tolerant: bool) -> list[Path]:
    """A scenario, what it extends and its territory file; `tolerant`: a broken one is just its file (the
    run reports it)."""
    try:
        loaded = load_scenario(path)
    except InputError:
        if tolerant:
            return [path]
        raise
    return [*loaded.files, *([loaded.territory_file] if loaded.territory_file else [])]


def execute(request: dict[str, Any], folder: Path, copies: Mapping[str, str] | None = None, jobs: int = 1,
            progress: Callable[[int], None] | None = None) -> Result:
    """Run a request whose paths are relative to `folder`; return every file it writes there, manifests
    included (`copies`: the SHA-256 of the inputs already copied there).

    `jobs` and `progress` change how the work is done, never its result.
    """
    command = request.get("command")
    lang = request.get("lang", "fr")
    if command == "sensitivity":
        others = [folder / p for p in request.get("others", [])]
        analysis = analyse(folder / request["candidates"], folder / request["scenario"], int(request["draws"]),
                           int(request["seed"]), jobs, others, progress)
        files = allocation_files(analysis.study.allocation, run_info(analysis.study), lang)
        files.update(robustness.csv_files(analysis))
        files["robustness.md"] = robustness.render(analysis)
        files.update(_rich_robustness_files(analysis, lang))
        files[MANIFEST] = manifest.build(request, [analysis.study], files, folder, folder, copies, also=others)
        return Result([analysis.study], None, {"": files}, analysis, _outside(files[MANIFEST]))
    if command == "allocate":
        result = Study.open(folder / request["candidates"], folder / request["scenario"])
        files = allocation_files(result.allocation, run_info(result), lang)
        files[MANIFEST] = manifest.build(request, [result], files, folder, folder, copies)
        return Result([result], None, {"": files}, outside=_outside(files[MANIFEST]))
    if command == "compare":
        candidates = folder / request["candidates"]
        comparison = compare(candidates, [folder / p for p in request["scenarios"]], request.get("reference"),
                             request.get("rank_by", "reference_value"))
        top = comparison_files(comparison, lang)
        names = folder_names([e.label for e in comparison.solved], {*top, MANIFEST, INPUTS})
        folders: Folders = {}
        for entry in comparison.solved:
            here = folder / names[entry.label]
            files = allocation_files(entry.allocation, run_info(entry.study), lang)
            own = {"command": "allocate", "candidates": manifest.relative(candidates, here, folder),
                   "scenario": manifest.relative(entry.path, here, folder), "lang": lang}
            files[MANIFEST] = manifest.build(own, [entry.study], files, here, folder, part_of=f"../{MANIFEST}")
            folders[names[entry.label]] = files
        written = {**top, **flat(folders)}
        infeasible = [e.path for e in comparison.entries if e.study is None]
        top[MANIFEST] = manifest.build(request, [e.study for e in comparison.solved], written, folder, folder, copies,
                                       also=infeasible)
        folders[""] = top
        return Result([e.study for e in comparison.solved], comparison, folders, outside=_outside(top[MANIFEST]))
    raise InputError(f"unknown request {command!r} (expected 'allocate', 'compare' or 'sensitivity')")


def _outside(text: str) -> tuple[str, ...]:
    return tuple(item["path"] for item in json.loads(text)["inputs"] if Path(item["path"]).is_absolute())


def flat(folders: Folders) -> dict[str, str | bytes]:
    """Every file by its path relative to the output folder."""
    return {f"{folder}/{name}" if folder else name: data for folder, files in folders.items()
            for name, data in files.items()}


def run_into(out: Outdir, request: dict[str, Any], jobs: int = 1,
             progress: Callable[[int], None] | None = None) -> Result:
    """Copy a request's inputs into the folder being built, run it from the copies, write its files there."""
    found = sources(request)
    copies = {name: out.copy_in(name, source) for name, source in found.items()}
    where = {source: name for name, source in found.items()}
    result = execute(_map_paths(request, lambda p: where[Path(p).resolve()]), out.staging, copies, jobs, progress)
    out.write(flat(result.folders))
    return result


def replay_into(out: Outdir, manifest_file: Path, inputs: Path | None = None, jobs: int = 1) -> Replay:
    """Run again, from the recorded inputs, what a manifest records; compare with the original folder."""
    body = manifest.read(manifest_file)
    original = manifest_file.parent
    if body.part_of is not None:
        raise InputError(f"{manifest_file} is part of the results in {original.parent} ({body.part_of}): "
                         f"replay that folder: optimiser replay {original.parent} -o NEW")
    real = Path(os.path.realpath(original))
    if out.path == real or real in out.path.parents or out.path in real.parents:
        raise InputError(f"{out.shown} is or holds {original}: a replay must not replace what it checks; "
                         "choose another folder")
    location = inputs if inputs is not None else original / INPUTS
    request = body.request.model_dump()
    copied = {name: sha for name, sha in body.outputs.items() if PurePosixPath(name).parts[0] == INPUTS}
    strays = sorted({p for p in _paths(request) if p not in copied})
    if strays:
        raise InputError(f"{manifest_file}: the request reads {', '.join(strays)}, which the folder's {INPUTS}/ "
                         "does not hold; use the manifest.json the run wrote")
    problems = manifest.changed_inputs(body, original, location)
    if problems:
        layout = ", ".join(PurePosixPath(name).relative_to(INPUTS).as_posix() for name in sorted(copied)[:4])
        hint = (f"give --inputs DIR, a folder holding the original files laid out as {location} was ({layout})"
                if inputs is None else f"{inputs} must hold the original files laid out as {INPUTS}/ was ({layout})")
        raise InputError(f"{manifest_file}: the inputs are not those of the recorded run; {hint}",
                         [Problem("", p) for p in problems])
    copies = {}
    for name, sha in copied.items():
        source = manifest.where(name, original, location)
        copies[name] = out.copy_in(name, source)
        if copies[name] != sha:
            raise InputError(f"{source} changed while it was being copied; run the replay again")
    result = execute(request, out.staging, copies, jobs)
    out.write(flat(result.folders))
    skip = INPUTS if inputs is not None and not (original / INPUTS).is_dir() else None
    notes = [f"version: {note}" for note in manifest.version_notes(body)]
    if skip:
        notes.append(f"{original} holds no copy of its inputs: they were taken from {inputs}, checked by SHA-256")
    return Replay(result, len(tree(out.staging)), manifest.differences(original, out.staging, skip), notes)


def write(outdir: Path, folders: Folders, force: bool) -> None:
    """Folders of files computed in memory, written as one output folder: all of them or nothing."""
    with Outdir(outdir, force) as out:
        out.write(flat(folders))
        out.publish()
