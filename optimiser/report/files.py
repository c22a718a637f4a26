"""Writing result files: never over someone's results without --force, never a half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..formatting import safe_text


_UMASK = os.umask(0)
os.umask(_UMASK)


def guard_outdir(outdir: Path, names: tuple[str, ...], force: bool) -> None:
    """Refuse to overwrite earlier results unless forced; refuse a path that is a file."""
    if outdir.exists() and not outdir.is_dir():
        raise InputError(f"{outdir} exists and is not a folder")
    existing = [name for name in names if (outdir / name).exists()]
    if existing and not force:
        raise InputError(f"{outdir} already holds results ({', '.join(existing)}); "
                         "choose another folder or pass --force to overwrite them")


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside the target, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes it private; results get the usual permissions
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def csv_text(frame: pd.DataFrame, float_format: str | None = None) -> str:
    """A table as CSV, every text cell made safe to open in a spreadsheet (numbers stay numbers)."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(safe_text)
    return safe.to_csv(index=False, lineterminator="\n", float_format=float_format)
