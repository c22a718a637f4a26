"""An output folder written whole, by one run at a time.

A run locks OUTDIR (an flock on `.NAME.optimiser-lock` beside it, which the kernel releases if the process
dies), checks under the lock that OUTDIR may be replaced, builds every file in `.NAME.optimiser-staging`
beside it (so on the same file system), then swaps the two folders in one rename. Whatever fails before the
swap (a full disk, a permission, a signal, a bug), OUTDIR is left as it was, or absent for a fresh run.
What a killed run leaves beside OUTDIR is recognised by the next run on it, under the lock, and cleaned.

`--force` replaces the files earlier runs wrote (those their manifest.json list); a folder holding any
other file is never replaced: the files are named and the run refused.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from types import TracebackType

from ..errors import InputError, Stopped, os_problem
from ..messages import number, say
from . import manifest
from .files import copy_new, tree, write_new

LOCK, STAGING, PREVIOUS = ".{}.optimiser-lock", ".{}.optimiser-staging", ".{}.optimiser-previous"
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2  # linux/fcntl.h, linux/fs.h


class Outdir:
    """`with Outdir(path, force) as out:` write into `out.staging`, then `out.publish()` swaps it in."""

    def __init__(self, path: Path, force: bool, own: tuple[str, ...] = ()) -> None:
        self.shown = path                          # as the user wrote it, for messages
        self.path = Path(os.path.realpath(path))   # a link to a folder: the folder is replaced, not the link
        self.force = force
        self.own = own                             # names this command may replace besides listed results
        self.staging = self.path.parent / STAGING.format(self.path.name)
        self.lock = self.path.parent / LOCK.format(self.path.name)
        self.notes: list[str] = []                 # what was cleaned up, for the command to say
        self.existed = False
        self.published = False
        self._fd: int | None = None

    def __enter__(self) -> Outdir:
        if not self.path.name:
            raise InputError(say("run_outdir_not_a_folder_name", folder=self.shown))
        self.existed = self.path.is_dir()
        try:
            with self._environment(), deferred_signals():  # a stop is raised once the lock is ours to release
                if self.path.exists() and not self.path.is_dir():
                    raise InputError(say("run_outdir_exists_not_folder", folder=self.shown))
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._fd = hold(self.lock, self.shown)
                self._recover()
                self.existed = self.path.is_dir()
                check(self.path, self.shown, self.force, self.own)
                self.staging.mkdir()
        except BaseException as exc:
            if self._fd is not None:  # the staging folder, if made, is ours: another run's is never touched
                _remove(self.staging)
            self._release()
            if isinstance(exc, Stopped):
                self._tell(exc)
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            with deferred_signals():
                _remove(self.staging)  # unfinished, or after an exchange the earlier results
                if self.published:
                    _remove(self.path.parent / PREVIOUS.format(self.path.name))
                self._release()
        except Stopped as late:
            self._tell(late)
            raise
        if isinstance(exc, Stopped):
            self._tell(exc)

    def copy_in(self, relative: str, source: Path) -> str:
        """Copy an input into the folder being built; returns its SHA-256."""
        with self._environment():
            return copy_new(source, self.staging / relative)

    def write(self, files: dict[str, str | bytes]) -> None:
        """Write files (relative POSIX path -> content) into the folder being built."""
        with self._environment():
            for relative, data in files.items():
                write_new(self.staging / relative, data)

    def publish(self) -> None:
        """Swap the folder built in for OUTDIR, in one atomic rename where the system has one."""
        with self._environment(), deferred_signals():
            _sync(self.staging)
            if not self.existed:
                os.rename(self.staging, self.path)
            elif not _exchange(self.staging, self.path):  # the staging name now holds the earlier results
                previous = self.path.parent / PREVIOUS.format(self.path.name)
                os.rename(self.path, previous)  # a kill from here to the next rename: the next run restores it
                try:
                    os.rename(self.staging, self.path)
                except BaseException:
                    os.rename(previous, self.path)
                    raise
            self.published = True
        with contextlib.suppress(OSError):
            _sync_folder(self.path.parent)

    def _recover(self) -> None:
        """Leftovers of a killed run on this folder (we hold the lock: no live run is using them)."""
        previous = self.path.parent / PREVIOUS.format(self.path.name)
        if os.path.lexists(previous):
            if not os.path.lexists(self.path):
                os.rename(previous, self.path)
                self.notes.append(say("run_outdir_restored", folder=self.shown, previous=previous.name))
            else:
                _remove(previous)
                self.notes.append(say("run_outdir_removed_previous", previous=previous.name))
        if os.path.lexists(self.staging):
            _remove(self.staging)
            self.notes.append(say("run_outdir_removed_staging", staging=self.staging.name))

    @contextlib.contextmanager
    def _environment(self) -> Iterator[None]:
        """An OSError becomes a sentence: which path, why, and that nothing was written."""
        try:
            yield
        except OSError as exc:
            if self.path.exists():
                text = say("run_outdir_unwritten_as_it_was", problem=os_problem(exc), folder=self.shown)
            else:
                text = say("run_outdir_unwritten_not_created", problem=os_problem(exc), folder=self.shown)
            raise InputError(text) from None

    def _release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.lock)  # while still held: a run that opened it meanwhile retries on a new file
            os.close(self._fd)
            self._fd = None

    def _tell(self, stop: Stopped) -> None:
        stop.outdir, stop.existed, stop.written = self.shown, self.existed, self.published


def hold(lock: Path, shown: Path) -> int:
    """An exclusive lock on `lock`, with who holds it written inside; refused at once if another run has it."""
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            raise InputError(say("run_outdir_locked", folder=shown, holder=holder)) from None
        except BaseException:
            os.close(fd)
            raise
        mine, named = os.fstat(fd), _stat(lock)
        if named is not None and (mine.st_dev, mine.st_ino) == (named.st_dev, named.st_ino):
            break
        os.close(fd)  # removed by the run that just ended, between our open and our lock: take the new one
    os.ftruncate(fd, 0)
    holder = say("run_outdir_lock_holder", pid=os.getpid(), started=time.strftime('%Y-%m-%d %H:%M:%S'))
    os.pwrite(fd, holder.encode(), 0)
    return fd


def _holder(fd: int) -> str:
    """Who holds the lock: it writes so right after taking it, so a run that has just started is waited for."""
    give_up = time.monotonic() + 1.0
    while not (text := os.pread(fd, 200, 0).decode("utf-8", "replace").strip()) and time.monotonic() < give_up:
        time.sleep(0.01)
    return text or say("run_outdir_just_started")


def check(path: Path, shown: Path, force: bool, own: tuple[str, ...] = ()) -> None:
    """Refuse to replace a folder holding files no run of ours wrote, or results without --force."""
    if not path.is_dir():
        return
    present = tree(path)
    ours = owned(path) | set(own)
    foreign = [p for p in present if p not in ours]
    if foreign:
        raise InputError(say("run_outdir_foreign_files", folder=shown, files=_some(foreign)))
    if present and not force:
        raise InputError(say("run_outdir_holds_results", folder=shown, files=_some(present)))


def owned(folder: Path) -> set[str]:
    """Files earlier runs wrote in a folder: each manifest.json found, and the files it lists."""
    found: set[str] = set()
    for relative in tree(folder):
        here = PurePosixPath(relative)
        if here.name != manifest.MANIFEST:
            continue
        listed = manifest.listed(folder / relative)
        if listed is not None:
            found |= {relative} | {(here.parent / name).as_posix() for name in listed}
    return found


@contextlib.contextmanager
def deferred_signals() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block is done: a swap or a clean-up is never left half-way."""
    stops = {signal.SIGINT, signal.SIGTERM}
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, stops)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (renameat2); False where the system or file system cannot."""
    renameat2 = getattr(_LIBC, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _sync(folder: Path) -> None:
    """Every folder of the tree flushed to the disk (the files were, as they were written)."""
    for root, _, _ in os.walk(folder):
        _sync_folder(Path(root))


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    elif os.path.lexists(path):
        os.unlink(path)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def _some(names: list[str], limit: int = 8) -> str:
    shown = ", ".join(names[:limit])
    return say("run_some_more", names=shown, more=number(len(names) - limit)) if len(names) > limit else shown
