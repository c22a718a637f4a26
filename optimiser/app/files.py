"""Writing and listing result files: never a half-written file in place of a complete one."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

_UMASK = os.umask(0)
os.umask(_UMASK)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside the target, then rename it into place (for `score -o FILE`)."""
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


def write_new(path: Path, data: str | bytes) -> None:
    """Create a file in a folder no one else writes (a staging folder), flushed to the disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        handle.flush()
        os.fsync(handle.fileno())


def copy_new(source: Path, target: Path) -> str:
    """Copy a file into a staging folder, flushed to the disk; returns the SHA-256 of the bytes copied."""
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with open(source, "rb") as reader, open(target, "xb") as writer:
        for block in iter(lambda: reader.read(1 << 20), b""):
            digest.update(block)
            writer.write(block)
        writer.flush()
        os.fsync(writer.fileno())
    return digest.hexdigest()


def tree(folder: Path) -> list[str]:
    """Everything in a folder but the folders themselves (files, links), as sorted relative POSIX paths.

    An unreadable sub-folder raises: a listing that silently missed files would vouch for them.
    """
    def fail(exc: OSError) -> None:
        raise exc

    found = []
    for root, folders, names in os.walk(folder, onerror=fail):
        base = Path(root).relative_to(folder)
        found += [(base / name).as_posix() for name in folders if (Path(root) / name).is_symlink()]
        found += [(base / name).as_posix() for name in names]
    return sorted(found)
