"""The few exception types; each carries the exit code the command line returns for it."""

from __future__ import annotations

import errno
import signal
from dataclasses import dataclass
from pathlib import Path

from .messages import say


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
            return say("run_stopped_nothing", signal=name)
        if self.written:
            return say("run_stopped_after_written", signal=name, outdir=self.outdir)
        if self.existed:
            return say("run_stopped_as_it_was", signal=name, outdir=self.outdir)
        return say("run_stopped_not_created", signal=name, outdir=self.outdir)


def _causes() -> dict[int, str]:
    return {
        errno.ENOSPC: say("run_cause_disk_full"),
        errno.EDQUOT: say("run_cause_quota"),
        errno.EROFS: say("run_cause_read_only"),
        errno.EACCES: say("run_cause_permission"),
        errno.EPERM: say("run_cause_not_permitted"),
        errno.ENOTDIR: say("run_cause_not_a_folder_part"),
        errno.EEXIST: say("run_cause_exists_not_folder"),
        errno.EISDIR: say("run_cause_is_folder"),
        errno.ENAMETOOLONG: say("run_cause_name_too_long"),
        errno.EIO: say("run_cause_io"),
        errno.EXDEV: say("run_cause_other_disk"),
    }


def os_problem(exc: OSError, path: object = None) -> str:
    """An operating-system error as one sentence: the path, the cause and what to do."""
    where = exc.filename if exc.filename is not None else path
    cause = _causes().get(exc.errno or 0) or say("run_cause_other", error=exc.strerror or exc)
    return f"{where}: {cause}" if where is not None else cause
