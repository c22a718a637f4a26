"""manifest.json: what produced an output folder, precisely enough to replay it and prove the bytes.

It records the command (as a structured request, so `optimiser replay` can run it again), every input
file with its SHA-256, each resolved scenario (after `extends`), the solver settings, the versions of
optimiser, pulp, the solver, numpy, pandas and Python, and the SHA-256 of every file written.
"""

from __future__ import annotations

import hashlib
import json
import platform
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import __version__
from ..scenarios import Run

MANIFEST = "manifest.json"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def versions() -> dict[str, str]:
    out = {"optimiser": __version__, "python": platform.python_version()}
    for package in ("pulp", "highspy", "numpy", "pandas", "pydantic", "openpyxl", "matplotlib"):
        try:
            out[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            out[package] = "absent"
    return out


def inputs_of(runs: list[Run]) -> list[dict[str, str]]:
    """Every file the runs read: candidates, scenarios and what they extend, a custom territory."""
    seen: dict[str, dict[str, str]] = {}

    def add(role: str, path: Path) -> None:
        key = str(path.resolve())
        seen.setdefault(key, {"role": role, "path": key, "sha256": sha256_file(path)})

    for run in runs:
        add("candidates", run.candidates.path)
        for k, path in enumerate(run.loaded.files):
            add("scenario" if k == 0 else "extends", path)
        if run.loaded.territory_file is not None:
            add("territory", run.loaded.territory_file)
    return list(seen.values())


def build(request: dict[str, Any], runs: list[Run], outputs: dict[str, bytes | str]) -> str:
    """The manifest text for a folder whose files are `outputs` (name -> content)."""
    first = runs[0].allocation.scenario.solver if runs and runs[0].allocation else None
    body = {
        "tool": "optimiser",
        "request": request,
        "inputs": inputs_of(runs),
        "scenarios": {run.loaded.label: run.loaded.resolved for run in runs},
        "scenario_sha256": {run.loaded.label: run.loaded.sha256 for run in runs},
        "solver": first.model_dump() if first else None,
        "seed": None,
        "versions": versions(),
        "outputs": {name: hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()
                    for name, data in sorted(outputs.items())},
    }
    return json.dumps(body, ensure_ascii=False, indent=2, default=str) + "\n"


def read(path: Path) -> dict[str, Any]:
    from ..errors import InputError

    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path} is not a readable manifest: {exc}") from None
    if not isinstance(body, dict) or body.get("tool") != "optimiser" or "request" not in body:
        raise InputError(f"{path} is not an optimiser manifest")
    return body


def changed_inputs(body: dict[str, Any]) -> list[str]:
    """Inputs that are missing or whose bytes changed since the manifest was written."""
    problems = []
    for item in body.get("inputs", []):
        path = Path(item["path"])
        if not path.is_file():
            problems.append(f"{item['role']} file {path} is missing")
        elif sha256_file(path) != item["sha256"]:
            problems.append(f"{item['role']} file {path} has changed since the run "
                            f"(SHA-256 was {item['sha256'][:12]}…, now {sha256_file(path)[:12]}…)")
    return problems
