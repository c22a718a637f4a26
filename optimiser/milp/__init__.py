"""The only package that knows PuLP and highspy: a mixed-integer program of plain arrays in, a checked Solution out.
problem (the data, no solver) <- cbc (the PuLP model, CBC) <- highs (HiGHS) <- resolver (warm re-solves); problem
<- deadline (the child process killed at the time limit); highs <- lagrange (large problems through a Lagrangian
core); rounds (whole-euro rounds, `solve`) uses cbc, highs, lagrange and deadline. The solving names are imported
on first use, so that a module needing only the types never loads PuLP or highspy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .problem import Amounts, Problem, Settings, Solution, Status

if TYPE_CHECKING:
    from .highs import row_duals
    from .resolver import Resolver
    from .rounds import solve

__all__ = ["Amounts", "Problem", "Resolver", "Settings", "Solution", "Status", "row_duals", "solve"]
_SOLVING = {"solve": "rounds", "Resolver": "resolver", "row_duals": "highs"}


def __getattr__(name: str) -> Any:
    if name not in _SOLVING:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_SOLVING[name]}", __name__), name)
