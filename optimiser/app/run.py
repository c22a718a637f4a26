"""Executes a request (allocate, compare, sensitivity, record, replay): the files of its output folder, computed
from copies of its inputs and rendered by `report`, then published all at once by `outdir`.

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
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .. import messages
from ..analysis import Analysis, analyse
from ..comparison import Comparison, compare, folder_names
from ..config import load_scenario
from ..decision import Decision, decide
from ..errors import InputError, Problem
from ..messages import say
from ..report.outputs import allocation_files, comparison_files, robustness_files, run_info
from ..report.record import record_files
from ..study import Study
from . import manifest
from .files import tree
from .manifest import INPUTS, MANIFEST
from .outdir import Outdir
from .requests import AllocateRequest, CompareRequest, RecordRequest, Request, SensitivityRequest

Folders = dict[str, dict[str, str | bytes]]  # relative folder ("" = top) -> file name -> content


@dataclass(frozen=True)
class Result:
    runs: list[Study]
    comparison: Comparison | None
    folders: Folders
    analysis: Analysis | None = None
    outside: tuple[str, ...] = ()  # inputs read from outside the folder: an `extends:` written as an absolute path
    decision: Decision | None = None  # a record's proposal and decision


@dataclass(frozen=True)
class Replay:
    result: Result
    compared: int           # files compared, the inputs' copies included
    differences: list[str]  # each file of the original folder not written the same by the replay
    notes: list[str]        # versions that differ from the recorded ones; inputs taken from elsewhere


def sources(request: Request) -> dict[str, Path]:
    """Every file a request (with paths as given) reads, by where its copy goes: `inputs/` and its path
    below the deepest folder holding them all."""
    files = [Path(request.candidates)]
    scenarios = request.scenarios if isinstance(request, CompareRequest) else [request.scenario]
    for path in scenarios:
        files += _scenario_files(Path(path), tolerant=False)
    for path in request.others if isinstance(request, SensitivityRequest) else []:
        files += _scenario_files(Path(path), tolerant=True)
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


def execute(request: Request, folder: Path, copies: Mapping[str, str] | None = None, jobs: int = 1,
            progress: Callable[[str, int, int], None] | None = None) -> Result:
    """Run a request whose paths are relative to `folder`; return every file it writes there, manifests
    included (`copies`: the SHA-256 of the inputs already copied there).

    `jobs` and `progress` change how the work is done, never its result. Everything worded during the run
    (notes, explanations, errors) is in the request's language, as its files are.
    """
    with messages.using(request.lang):
        return _execute(request, folder, copies, jobs, progress)


def _execute(request: Request, folder: Path, copies: Mapping[str, str] | None, jobs: int,
             progress: Callable[[str, int, int], None] | None) -> Result:
    lang = request.lang
    if isinstance(request, SensitivityRequest):
        others = [folder / p for p in request.others]
        analysis = analyse(folder / request.candidates, folder / request.scenario, request.draws, request.seed,
                           jobs, others, progress)
        files = robustness_files(analysis, lang, request.csv)
        files[MANIFEST] = manifest.build(request, [analysis.study], files, folder, folder, copies, also=others)
        return Result([analysis.study], None, {"": files}, analysis, _outside(files[MANIFEST]))
    if isinstance(request, (AllocateRequest, RecordRequest)):
        tell = progress or (lambda stage, done, total: None)
        tell("reading", 0, 1)
        study = Study.open(folder / request.candidates, folder / request.scenario)
        tell("reading", 1, 1)
        tell("solving", 0, 1)
        _ = study.allocation
        tell("solving", 1, 1)
        decision = decide(study, request.date, tell) if isinstance(request, RecordRequest) else None
        tell("writing", 0, 1)
        info = run_info(study)
        files = allocation_files(study.allocation, info, lang, request.csv)
        if decision is not None:
            files.update(record_files(decision, info, lang))
        files[MANIFEST] = manifest.build(request, [study], files, folder, folder, copies)
        tell("writing", 1, 1)
        return Result([study], None, {"": files}, outside=_outside(files[MANIFEST]), decision=decision)
    return _compare(request, folder, copies, progress)


def _compare(request: CompareRequest, folder: Path, copies: Mapping[str, str] | None,
             progress: Callable[[str, int, int], None] | None = None) -> Result:
    """The comparison's files on top, each solved scenario's allocation files in a folder of its own."""
    candidates = folder / request.candidates
    comparison = compare(candidates, [folder / p for p in request.scenarios], request.reference, request.rank_by,
                         progress)
    top = comparison_files(comparison, request.lang, request.csv)
    names = folder_names([e.label for e in comparison.solved], {*top, MANIFEST, INPUTS})
    folders: Folders = {}
    tell = progress or (lambda stage, done, total: None)
    for k, entry in enumerate(comparison.solved):
        tell("writing", k, len(comparison.solved))
        here = folder / names[entry.label]
        files = allocation_files(entry.allocation, run_info(entry.study), request.lang, request.csv)
        own = AllocateRequest(candidates=manifest.relative(candidates, here, folder),
                              scenario=manifest.relative(entry.path, here, folder), lang=request.lang,
                              csv=request.csv)
        files[MANIFEST] = manifest.build(own, [entry.study], files, here, folder, part_of=f"../{MANIFEST}")
        folders[names[entry.label]] = files
    tell("writing", len(comparison.solved), len(comparison.solved))
    written = {**top, **flat(folders)}
    infeasible = [e.path for e in comparison.entries if e.study is None]
    top[MANIFEST] = manifest.build(request, [e.study for e in comparison.solved], written, folder, folder, copies,
                                   also=infeasible)
    folders[""] = top
    return Result([e.study for e in comparison.solved], comparison, folders, outside=_outside(top[MANIFEST]))


def _outside(text: str) -> tuple[str, ...]:
    return tuple(item["path"] for item in json.loads(text)["inputs"] if Path(item["path"]).is_absolute())


def flat(folders: Folders) -> dict[str, str | bytes]:
    """Every file by its path relative to the output folder."""
    return {f"{folder}/{name}" if folder else name: data for folder, files in folders.items()
            for name, data in files.items()}


def record_sources(folder: Path, decision: Path | None, outdir: Path | None) -> tuple[Path, Path, Path]:
    """The candidates, the decision's scenario and the output folder of `optimiser proces-verbal FOLDER`:
    the folder's checked copies; its own scenario unless `decision` is given, which must then build on it
    (its `extends:` chain holds the same bytes); beside the dossier by default, never inside it."""
    candidates, shown, top = manifest.decision_inputs(folder)
    if decision is not None:
        chain = {manifest.sha256_file(path) for path in load_scenario(decision).files}
        if manifest.sha256_file(shown) not in chain:
            raise InputError(messages.say("run_record_other_proposal", decision=decision.name, folder=folder,
                                          shown=shown.name))
    default = top.parent / f"{top.resolve().name}{'-' + folder.resolve().name if top != folder else ''}-proces-verbal"
    chosen = outdir if outdir is not None else default
    real, dossier = Path(os.path.realpath(chosen)), Path(os.path.realpath(top))
    if real == dossier or dossier in real.parents:
        raise InputError(messages.say("run_record_inside", outdir=chosen, top=top, default=default))
    return candidates, decision or shown, chosen


def run_into(out: Outdir, request: Request, jobs: int = 1,
             progress: Callable[[str, int, int], None] | None = None) -> Result:
    """Copy a request's inputs into the folder being built, run it from the copies, write its files there."""
    found = sources(request)
    copies = {name: out.copy_in(name, source) for name, source in found.items()}
    where = {source: name for name, source in found.items()}
    result = execute(request.with_paths(lambda p: where[Path(p).resolve()]), out.staging, copies, jobs, progress)
    out.write(flat(result.folders))
    return result


def replay_into(out: Outdir, manifest_file: Path, inputs: Path | None = None, jobs: int = 1) -> Replay:
    """Run again, from the recorded inputs, what a manifest records; compare with the original folder."""
    body = manifest.read(manifest_file)
    original = manifest_file.parent
    if body.part_of is not None:
        raise InputError(say("run_replay_part_of", manifest=manifest_file, folder=original.parent,
                             part_of=body.part_of))
    real = Path(os.path.realpath(original))
    if out.path == real or real in out.path.parents or out.path in real.parents:
        raise InputError(say("run_replay_over_original", folder=out.shown, original=original))
    location = inputs if inputs is not None else original / INPUTS
    request = body.request
    copied = {name: sha for name, sha in body.outputs.items() if PurePosixPath(name).parts[0] == INPUTS}
    strays = sorted({p for p in request.paths() if p not in copied})
    if strays:
        raise InputError(say("run_replay_strays", manifest=manifest_file, files=", ".join(strays), inputs=INPUTS))
    problems = manifest.changed_inputs(body, original, location)
    if problems:
        layout = ", ".join(PurePosixPath(name).relative_to(INPUTS).as_posix() for name in sorted(copied)[:4])
        hint = (say("run_replay_give_inputs", location=location, layout=layout) if inputs is None
                else say("run_replay_inputs_layout", inputs=inputs, copies=INPUTS, layout=layout))
        raise InputError(say("run_replay_inputs_changed", manifest=manifest_file, hint=hint),
                         [Problem("", p) for p in problems])
    copies = {}
    for name, sha in copied.items():
        source = manifest.where(name, original, location)
        copies[name] = out.copy_in(name, source)
        if copies[name] != sha:
            raise InputError(say("run_replay_changed_while_copied", source=source))
    result = execute(request, out.staging, copies, jobs)
    out.write(flat(result.folders))
    skip = INPUTS if inputs is not None and not (original / INPUTS).is_dir() else None
    notes = [say("run_replay_version", note=note) for note in manifest.version_notes(body)]
    if skip:
        notes.append(say("run_replay_inputs_elsewhere", original=original, inputs=inputs))
    return Replay(result, len(tree(out.staging)), manifest.differences(original, out.staging, skip), notes)


def write(outdir: Path, folders: Folders, force: bool) -> None:
    """Folders of files computed in memory, written as one output folder: all of them or nothing."""
    with Outdir(outdir, force) as out:
        out.write(flat(folders))
        out.publish()
