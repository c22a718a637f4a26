"""Why each candidate gets what it gets, as data: a code, the amounts and the facts that decided it, and
the rules that bound or blocked it. The model layer records these; only `catalogue` turns them into words."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .rules import Rule


@dataclass(frozen=True)
class Cap:
    """Why a project's ceiling is below what it asks: a state-aid regime, or the cap per company."""

    kind: str                  # de_minimis | gber | gber_no_cost | company
    amount: float              # the ceiling it gives, in euros
    regime: str = ""           # gber_art17, ... (for gber kinds)
    intensity: float = math.nan
    ceiling: int = 0           # the de minimis ceiling over 3 years, or the cap per company
    size_unknown: bool = False  # SME class unknown: treated as a large company


@dataclass(frozen=True)
class Subject:
    """What a price is about: a rule (family, group, measure), a lock (family "lock") or the cap per company
    (family "company", no group); `bound` says how the rule is named: "ceiling", "limit" (it has a floor) or
    "floor" (only a floor)."""

    family: str
    group: str = ""
    measure: str = "eur"
    bound: str = "ceiling"


@dataclass(frozen=True, eq=False)
class Reason:
    """A candidate's outcome. `code` says which; the other fields are the facts its words need."""

    code: str                    # funded_full, funded_partial, not_funded_budget, ineligible_rule, ...
    amount: int = 0              # funded, in euros
    requested: int = 0
    cap: int = 0                 # the project's ceiling
    base: int = 0                # the smallest viable amount
    cap_reason: Cap | None = None
    rules: tuple[Rule, ...] = ()  # the rules that limit the amount, or that block the project
    envelope_left: int = 0
    rule_text: str = ""          # the eligibility rule it fails
    missing: bool = False        # ... because a value is missing
    score: float = math.nan
    min_score: float = math.nan
    detail: str = ""             # what the scoring said (a missing value)
    partial: bool = True         # partial funding (else all or nothing)
    at_cap: bool = False         # funded up to its own ceiling (the ceiling is what limits it)


class Note(str):
    """What a run chose or left out that its reader must know (a missing value filled in, weights brought
    to a sum of 1, a hidden sheet not read). The text itself is the analyst's line for the terminal (with
    the YAML path); `kind` and `values` are the same fact as data, which `catalogue.note_text` words for
    the committee in the report's language (`note_<kind>` in the catalogue). A plain `str` note is shown
    as it is written."""

    kind: str
    values: dict[str, object]

    def __new__(cls, text: str, kind: str, **values: object) -> Note:
        note = super().__new__(cls, text)
        note.kind, note.values = kind, values
        return note

    def __getnewargs_ex__(self) -> tuple[tuple[str, str], dict[str, object]]:
        return (str(self), self.kind), self.values  # so that a Note crosses process boundaries whole
