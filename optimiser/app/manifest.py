"""manifest.json: what produced an output folder, precisely enough to replay it and prove the bytes.

It records the command (as a structured request, so `optimiser replay` can run it again), every input
file with its SHA-256, each resolved scenario (after `extends`), the solver settings, the versions of
optimiser, pulp, the solver, numpy, pandas and Python, and the SHA-256 of every other file in the folder,
the copies of the inputs (`inputs/`) included. Paths are relative to the folder, so that it can move;
only an input read from outside the folder (a scenario that `extends:` an absolute path) is absolute.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
from collections.abc import Mapping, Sequence
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from .. import __version__
from ..config import load_scenario
from ..errors import InputError, Problem
from ..messages import number, say, validation_text
from ..study import Study
from .files import tree
from .requests import Located, Request, Strict

MANIFEST = "manifest.json"
INPUTS = "inputs"
MAX_BYTES = 20_000_000


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_data(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def versions() -> dict[str, str]:
    out = {"optimiser": __version__, "python": platform.python_version()}
    for package in ("pulp", "highspy", "numpy", "pandas", "pydantic", "openpyxl", "matplotlib"):
        try:
            out[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            out[package] = "absent"
    return out


def inputs_of(runs: list[Study], also: Sequence[Path] = ()) -> list[dict[str, str]]:
    """Every file the runs read: candidates, scenarios and what they extend, a custom territory; `also`:
    scenarios read without a run of their own (infeasible ones, or placed on a frontier)."""
    seen: dict[str, dict[str, str]] = {}

    def add(role: str, path: Path) -> None:
        key = str(path.resolve())
        seen.setdefault(key, {"role": role, "path": key, "sha256": sha256_file(path)})

    def add_scenario(files: tuple[Path, ...], territory: Path | None) -> None:
        for k, path in enumerate(files):
            add("scenario" if k == 0 else "extends", path)
        if territory is not None:
            add("territory", territory)

    for run in runs:
        add("candidates", run.candidates.path)
        add_scenario(run.loaded.files, run.loaded.territory_file)
    for path in also:
        try:
            loaded = load_scenario(path)
        except InputError:  # a broken scenario is reported in the results; its own file is what was read
            add("scenario", path)
            continue
        add_scenario(loaded.files, loaded.territory_file)
    return list(seen.values())


def relative(path: str | Path, here: Path, top: Path) -> str:
    """`path` relative to the folder `here`, when it lies in the output folder `top`; else absolute."""
    path = Path(path)
    if path != top and top not in path.parents:
        return str(path)
    return PurePosixPath(Path(os.path.relpath(path, here))).as_posix()


def build(request: Request, runs: list[Study], outputs: Mapping[str, str | bytes], here: Path, top: Path,
          copies: Mapping[str, str] | None = None, also: Sequence[Path] = (), part_of: str | None = None) -> str:
    """The manifest of the folder `here` (inside the output folder `top`) for a request whose paths are
    relative to `here`; `outputs` (content) and `copies` (SHA-256) are every other file written there."""
    first = runs[0].allocation.scenario.solver if runs and runs[0].allocation else None
    inputs = [{**item, "path": relative(item["path"], here, top)} for item in inputs_of(runs, also)]
    body: dict[str, Any] = {
        "tool": "optimiser",
        "request": request.to_json(),
        "inputs": inputs,
        "scenarios": {run.loaded.label: run.loaded.resolved for run in runs},
        "scenario_sha256": {run.loaded.label: run.loaded.sha256 for run in runs},
        "solver": first.model_dump() if first else None,
        "seed": None,
        "versions": versions(),
        "outputs": dict(sorted({**{name: sha256_data(data) for name, data in outputs.items()},
                                **(copies or {})}.items())),
    }
    if part_of is not None:
        body["part_of"] = part_of
    return json.dumps(body, ensure_ascii=False, indent=2, default=str) + "\n"


# -- reading: every shape a hand or a disk can give a manifest is refused with its path ---------------

def _inside(value: str) -> str:
    """A path relative to the manifest's folder, that stays inside it."""
    parts = PurePosixPath(value).parts
    if not value or "\\" in value or PurePosixPath(value).is_absolute() or any(p in ("..", ".") for p in parts):
        raise ValueError(say("run_manifest_path_inside"))
    return value


Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Inside = Annotated[str, AfterValidator(_inside)]


class Input(Strict):
    role: str
    path: Located
    sha256: Sha256


class Body(BaseModel):
    model_config = ConfigDict(strict=True, extra="allow", frozen=True)
    tool: Literal["optimiser"]
    request: Request
    inputs: list[Input]
    outputs: dict[Inside, Sha256]
    versions: dict[str, str]
    part_of: str | None = None


def _integer(text: str) -> int:
    """No manifest holds a number of more than 30 digits; a longer one is refused before it is converted."""
    if len(text) > 30:
        raise ValueError(say("run_manifest_long_number", digits=number(len(text)), start=text[:12]))
    return int(text)


def _load(path: Path) -> Any:
    """The JSON in a file; OSError, and ValueError or RecursionError for what is not sane JSON."""
    if path.stat().st_size > MAX_BYTES:
        raise ValueError(say("run_manifest_too_large", limit=number(MAX_BYTES)))
    return json.loads(path.read_bytes().decode("utf-8"), parse_int=_integer)


def read(path: Path) -> Body:
    """The validated manifest; anything else (unreadable, not JSON, any wrong shape) is an InputError."""
    advice = say("run_manifest_advice")
    try:
        data = _load(path)
    except OSError as exc:
        raise InputError(say("run_manifest_unreadable", path=path, error=exc.strerror or exc)) from None
    except RecursionError:
        raise InputError(say("run_manifest_too_deep", path=path, advice=advice)) from None
    except ValueError as exc:  # not UTF-8, not JSON, an integer past Python's digit limit
        raise InputError(say("run_manifest_not_json", path=path, error=str(exc)[:200], advice=advice)) from None
    try:
        return Body.model_validate(data)
    except ValidationError as exc:
        problems = [Problem(".".join(str(part) for part in error["loc"]) or say("run_manifest_top"), _said(error))
                    for error in exc.errors(include_url=False)[:20]]
        count = exc.error_count()
        if count > 1:
            title = say("run_manifest_invalid_many", path=path, count=number(count), advice=advice)
        else:
            title = say("run_manifest_invalid_one", path=path, advice=advice)
        raise InputError(title, problems) from None


def _said(error: Any) -> str:
    """A validation error of a manifest in the current language where it is ours or a common one; pydantic's
    own wording otherwise."""
    kind, ctx = error["type"], error.get("ctx") or {}
    try:
        if kind == "missing":
            return say("run_manifest_missing_key")
        if kind == "extra_forbidden":
            return say("run_manifest_unknown_key")
        if kind == "value_error":
            return say("run_manifest_value_error", message=str(ctx["error"]))
        if kind == "union_tag_not_found":
            return say("run_manifest_no_tag", discriminator=ctx["discriminator"])
        if kind == "union_tag_invalid":
            return say("run_manifest_bad_tag", tag=ctx["tag"], discriminator=ctx["discriminator"],
                       expected=ctx["expected_tags"])
    except KeyError:
        return str(error["msg"])
    return validation_text(error)


def listed(path: Path) -> set[str] | None:
    """The files a manifest lists, read leniently (for --force: a broken manifest vouches for nothing)."""
    try:
        data = _load(path)
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("tool") != "optimiser" or not isinstance(data.get("outputs"), dict):
        return None
    names = set()
    for name in data["outputs"]:
        try:
            names.add(_inside(name))
        except (ValueError, TypeError):
            continue
    return names


# -- checking a folder against its manifest, and a replay against the folder ---------------------------

def where(path: str, folder: Path, inputs: Path) -> Path:
    """Where a recorded path is now: `inputs/...` under `inputs`, others under the folder (or absolute)."""
    parts = PurePosixPath(path).parts
    if parts[0] == INPUTS:
        return inputs.joinpath(*parts[1:])
    return folder / path


def recorded_inputs(body: Body) -> dict[str, tuple[str, str]]:
    """Every input the replay needs, read or copied: recorded path -> (role, SHA-256)."""
    needed = {name: ("copied input", sha) for name, sha in body.outputs.items()
              if PurePosixPath(name).parts[0] == INPUTS}
    needed.update({item.path: (item.role, item.sha256) for item in body.inputs})
    return needed


def changed_inputs(body: Body, folder: Path, inputs: Path) -> list[str]:
    """Inputs that are missing or whose bytes are not those recorded."""
    problems = []
    for path, (role, sha) in sorted(recorded_inputs(body).items()):
        now = where(path, folder, inputs)
        if not now.is_file():
            problems.append(say("run_input_missing", role=_role(role), path=now))
            continue
        digest = sha256_file(now)
        if digest != sha:
            problems.append(say("run_input_changed", role=_role(role), path=now, was=sha[:12], now=digest[:12]))
    return problems


def verify(folder: Path) -> tuple[int, list[str]]:
    """The folder's files against its manifest: how many it lists, and each that differs, is missing or
    was added. It proves the files are those the manifest records, not that the manifest is genuine."""
    body = read(folder / MANIFEST)
    present = set(tree(folder)) - {MANIFEST}
    problems = []
    for name in sorted(present | set(body.outputs)):
        if name not in present:
            problems.append(say("run_verify_missing", name=name))
        elif name not in body.outputs:
            problems.append(say("run_verify_added", name=name))
        elif sha256_file(folder / name) != body.outputs[name]:
            problems.append(say("run_verify_differs", name=name))
    return len(body.outputs), problems


def differences(original: Path, replayed: Path, skip: str | None = None) -> list[str]:
    """Each file of the original folder that the replay did not write the same (`skip`: a sub-folder
    left out). Manifests are compared without the versions, which the replay reports apart."""
    before, after = set(tree(original)), set(tree(replayed))
    problems = []
    for name in sorted(before | after):
        if skip and PurePosixPath(name).parts[0] == skip:
            continue
        if name not in before:
            problems.append(say("run_replay_missing", name=name, folder=original))
        elif name not in after:
            problems.append(say("run_replay_added", name=name, folder=original))
        elif not _same(original / name, replayed / name):
            problems.append(say("run_replay_differs", name=name))
    return problems


def _same(a: Path, b: Path) -> bool:
    first, second = a.read_bytes(), b.read_bytes()
    if first == second or a.name != MANIFEST:
        return first == second
    try:
        return _comparable(json.loads(first)) == _comparable(json.loads(second))
    except (ValueError, RecursionError):
        return False


def _comparable(body: Any) -> Any:
    """A manifest without what a change of versions alone changes: the versions, and manifests' hashes."""
    if not isinstance(body, dict):
        return body
    outputs = body.get("outputs")
    if isinstance(outputs, dict):
        outputs = {k: v for k, v in outputs.items() if PurePosixPath(str(k)).name != MANIFEST}
    return {**{k: v for k, v in body.items() if k != "versions"}, "outputs": outputs}


def version_notes(body: Body) -> list[str]:
    """Each version that is not the one recorded (the results may differ for that reason alone)."""
    now = versions()
    return [say("run_version_note", name=name, then=_version(body.versions.get(name, say("run_version_not_recorded"))),
                now=_version(now.get(name, "absent")))
            for name in sorted(set(body.versions) | set(now)) if body.versions.get(name) != now.get(name)]


def _version(value: str) -> str:
    """A recorded version as the current language says it (`absent`: the package was not installed)."""
    return say("run_version_absent") if value == "absent" else value


def _role(role: str) -> str:
    """A recorded input's role as the current language says it (an unknown one as written)."""
    roles = {"candidates": say("run_role_candidates"), "scenario": say("run_role_scenario"),
             "extends": say("run_role_extends"), "territory": say("run_role_territory"),
             "copied input": say("run_role_copied")}
    return roles[role] if role in roles else say("run_role_other", role=role)


def decision_inputs(folder: Path) -> tuple[Path, Path, Path]:
    """The candidates and scenario files a results folder of one scenario was computed from (the copies in
    its dossier's `inputs/`), and the dossier's top folder (the comparison's, for one of its scenarios), after
    checking that every recorded input is a copy inside the dossier and has its recorded SHA-256: a record is
    made from the data the committee was shown, or not at all."""
    body = read(folder / MANIFEST)
    request = body.request
    if request.command == "compare":
        subfolders = sorted(p.name for p in folder.iterdir() if (p / MANIFEST).is_file())
        raise InputError(say("run_record_of_comparison", folder=folder, count=number(len(request.scenarios)),
                             folders=", ".join(subfolders[:4]) or say("run_record_one_subfolder")))
    top = folder.parent if body.part_of is not None else folder
    root = (top / INPUTS).resolve()
    read_paths = [request.candidates, request.scenario, *(item.path for item in body.inputs)]
    outside = sorted({p for p in read_paths if root not in where(p, folder, folder / INPUTS).resolve().parents})
    if outside:
        raise InputError(say("run_record_outside", folder=folder, inputs=top / INPUTS),
                         [Problem("", path) for path in outside])
    problems = changed_inputs(body, folder, folder / INPUTS)
    if problems:
        raise InputError(say("run_record_inputs_changed", folder=folder), [Problem("", p) for p in problems])
    return where(request.candidates, folder, folder / INPUTS), where(request.scenario, folder, folder / INPUTS), top
