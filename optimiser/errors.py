"""The few exception types; each carries the exit code the command line returns for it."""

from __future__ import annotations

import errno
import signal
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the user's input, located as precisely as we can."""

    where: str  # "candidats.csv, ligne 5, colonne siren" or "scenario.yaml: constraints.epci.default"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class OptimiserError(Exception):
    """Base class: anything the CLI turns into a message and an exit code."""

    exit_code = 1


class InputError(OptimiserError):
    """Bad candidates file, configuration or environment (a folder that cannot be written): every problem
    found is carried at once."""

    exit_code = 2

    def __init__(self, title: str, problems: list[Problem] | None = None) -> None:
        self.title = title
        self.problems = list(problems or [])
        super().__init__(str(self))

    def __str__(self) -> str:
        if not self.problems:
            return self.title
        lines = [self.title] + [f"  - {p}" for p in self.problems]
        return "\n".join(lines)


class ListedError(OptimiserError):
    """A title and the lines that explain it."""

    def __init__(self, title: str, lines: list[str]) -> None:
        self.title = title
        self.lines = list(lines)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join([self.title] + [f"  - {line}" for line in self.lines])


class InfeasibleError(ListedError):
    """The scenario's rules cannot all hold; the lines say which must give way."""

    exit_code = 3

    @property
    def explanation(self) -> list[str]:
        return self.lines


class SolverError(OptimiserError):
    """The solver failed or is missing: never an allocation presented as optimal."""

    exit_code = 1


class NotProvenError(OptimiserError):
    """Results were written, but the solver stopped before proving them optimal (time limit)."""

    exit_code = 4


class CheckError(OptimiserError):
    """The independent checker found a violated constraint: a bug, stop loudly."""

    exit_code = 1


class MismatchError(ListedError):
    """A folder's files are not those recorded (replay or verify): each file that differs, is missing or
    was added is named. Its own exit code, so that an archive check can tell it from a bug or a bad input."""

    exit_code = 5


class Stopped(BaseException):
    """SIGINT or SIGTERM: the run unwinds (cleaning up as it goes) and exits with 128 + the signal number.

    A BaseException, like KeyboardInterrupt, so that no `except Exception` on the way swallows it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.outdir: Path | None = None   # the output folder the run was building, if any
        self.existed = False               # whether it was there before the run
        self.written = False               # whether it had been written in full before the stop

    @property
    def exit_code(self) -> int:
        return 128 + self.signum

    def __str__(self) -> str:
        name = signal.Signals(self.signum).name
        if self.outdir is None:
            return f"Stopped by {name}: nothing was written."
        if self.written:
            return f"Stopped by {name} after {self.outdir} was written in full."
        state = "is as it was" if self.existed else "was not created"
        return f"Stopped by {name}: nothing was written ({self.outdir} {state})."


_CAUSES = {
    errno.ENOSPC: "the disk is full: free some space, or write elsewhere",
    errno.EDQUOT: "the disk quota is exceeded: free some space, or write elsewhere",
    errno.EROFS: "the file system is read-only: choose a folder on a writable disk",
    errno.EACCES: "permission denied: choose a folder you may write to, or ask for the right to write here",
    errno.EPERM: "operation not permitted: choose a folder you may write to, or ask for the right to write here",
    errno.ENOTDIR: "a part of this path is a file, not a folder: choose another path",
    errno.EEXIST: "it exists and is not a folder: choose another path",
    errno.EISDIR: "it is a folder, not a file: choose another path",
    errno.ENAMETOOLONG: "the name is too long: choose a shorter path",
    errno.EIO: "the disk reported an input/output error: check the disk, or write elsewhere",
    errno.EXDEV: "it is on another disk than its folder (a mount point): choose a folder inside it",
}


def os_problem(exc: OSError, path: object = None) -> str:
    """An operating-system error as one sentence: the path, the cause and what to do."""
    where = exc.filename if exc.filename is not None else path
    cause = _CAUSES.get(exc.errno or 0) or f"{exc.strerror or exc}: check the path and the disk"
    return f"{where}: {cause}" if where is not None else cause
