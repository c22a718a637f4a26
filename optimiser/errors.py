"""The few exception types; each carries the exit code the command line returns for it."""

from __future__ import annotations

from dataclasses import dataclass


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
    """Bad candidates file or configuration: every problem found is carried at once."""

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


class ReplayError(ListedError):
    """A replay produced different bytes: the decision is not reproducible as recorded."""

    exit_code = 1
