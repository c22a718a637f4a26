"""The committee's decision beside the optimiser's proposal: the same scenario solved without and with its
`overrides:`, and what each override changes and costs in value on its own.

The proposal is the scenario without its overrides; the decision applies them all. An override's cost is
the value the proposal loses when that override alone is applied (0 when the optimum already did what it
says); the decision's cost is the value lost with all of them, which can differ from the sum (two overrides
may free or take the same euros).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from .errors import InfeasibleError, InputError, Problem
from .messages import say
from .models import Override
from .study import Study


@dataclass(frozen=True)
class Effect:
    """One override: the amounts the project gets in the proposal and in the decision, and its cost alone."""

    index: int                 # its place in `overrides:`
    override: Override
    name: str                  # the project's company, as the candidates file writes it
    proposed_eur: int
    decided_eur: int
    cost: float | None         # value lost with this override alone; None when alone it cannot hold
    infeasible: tuple[str, ...] = ()  # then: what must give way

    @property
    def follows_proposal(self) -> bool:
        """The proposal already did what the override says: it changes nothing on its own."""
        return (self.proposed_eur > 0) == (self.override.decision == "retenir")


@dataclass(frozen=True)
class Decision:
    date: str          # the record's day, AAAA-MM-JJ
    proposal: Study    # the scenario without its overrides
    decided: Study     # the scenario as the committee decided it
    effects: tuple[Effect, ...]

    @property
    def value_proposed(self) -> float:
        return float(self.proposal.allocation.solution.objective or 0.0)

    @property
    def value_decided(self) -> float:
        return float(self.decided.allocation.solution.objective or 0.0)

    @property
    def cost(self) -> float:
        """Value the decision gives up against the proposal (0 without overrides; never negative at proven
        optima, since the proposal's optimum is over a larger set of allocations)."""
        return self.value_proposed - self.value_decided

    @cached_property
    def moved(self) -> pd.DataFrame:
        """The projects whose amount differs between the proposal and the decision, by id."""
        before = self.proposal.allocation.table.set_index("id")
        after = self.decided.allocation.table.set_index("id")
        frame = pd.DataFrame({"name": after["name"], "epci": after["epci"],
                              "proposed_eur": before["amount_eur"].reindex(after.index).astype(int),
                              "decided_eur": after["amount_eur"].astype(int)})
        frame = frame[frame["proposed_eur"] != frame["decided_eur"]]
        return frame.reset_index().sort_values("id", kind="stable").reset_index(drop=True)


def decide(study: Study, date: str, progress: Callable[[str, int, int], None] | None = None) -> Decision:
    """Solve the proposal and the decision of `study`'s scenario, and each override alone
    (`progress("overrides", done, total)` is told as they go).

    Raises InputError when an override is dated after the record, InfeasibleError (with what must give way)
    when the overrides together cannot hold."""
    scenario = study.scenario
    day = dt.date.fromisoformat(date)
    late = [Problem(f"overrides[{k}].date", say("run_decision_late", day=o.date, date=date))
            for k, o in enumerate(scenario.overrides) if dt.date.fromisoformat(o.date) > day]
    if late:
        try:
            _ = study.prepared  # the ids too, so that every problem of the overrides is said at once
        except InputError as exc:
            late = exc.problems + late
        raise InputError(say("run_decision_unrecordable", file=study.loaded.path.name), late)
    if not scenario.overrides:
        return Decision(date, study, study, ())
    proposal = study.variant(scenario.proposal())
    proposed = proposal.allocation.table.set_index("id")
    try:
        decided = study.allocation.table.set_index("id")
    except InfeasibleError as exc:  # the proposal holds (solved above): the overrides are what cannot
        overrides = ", ".join(f"overrides[{k}] ({o.id})" for k, o in enumerate(scenario.overrides))
        raise InfeasibleError(exc.title, [*exc.lines, say("run_decision_infeasible", overrides=overrides)]) from None
    effects = []
    tell = progress or (lambda stage, done, total: None)
    for k, override in enumerate(scenario.overrides):
        tell("overrides", k, len(scenario.overrides))
        cost, why = None, ()
        try:
            alone = proposal.variant(scenario.proposal().model_copy(update={"overrides": [override]}))
            cost = float(proposal.allocation.solution.objective or 0.0) - float(alone.allocation.solution.objective
                                                                                 or 0.0)
        except InfeasibleError as exc:
            why = tuple(exc.lines)
        effects.append(Effect(k, override, str(decided.at[override.id, "name"]),
                              int(proposed.at[override.id, "amount_eur"]), int(decided.at[override.id, "amount_eur"]),
                              cost, why))
    tell("overrides", len(effects), len(effects))
    return Decision(date, proposal, study, tuple(effects))
