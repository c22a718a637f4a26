"""Infeasible scenarios are explained: pre-checks name the obvious conflicts, the elastic model the rest."""

from __future__ import annotations

import pytest

from optimiser import messages
from optimiser.allocation import allocate
from optimiser.errors import InfeasibleError
from optimiser.scoring import score

from .factories import EPCI_SIRENS, TERRITORY, make_scenario, make_table


def explain(table, **spec) -> list[str]:
    scenario = make_scenario(**spec)
    with pytest.raises(InfeasibleError) as caught:
        allocate(table, score(table, scenario.scoring), scenario, TERRITORY)
    return caught.value.explanation


def test_locked_in_candidate_that_cannot_be_funded():
    table = make_table([{"score_in": 5}, {"score_in": 50}])
    lines = explain(table, eligibility={"min_score": 20}, constraints={"lock_in": ["C00"]})
    assert lines == ["C00 doit obligatoirement être financé (constraints.lock_in) mais ne peut pas l'être : "
                     "Score 5,0 inférieur au minimum requis (20,0)."]


def test_locks_above_the_envelope():
    table = make_table([{"requested_eur": 200_000}, {"requested_eur": 200_000}])
    lines = explain(table, envelope_eur=300_000, funding="all_or_nothing",
                    constraints={"lock_in": ["C00", "C01"]})
    assert lines == ["avec les projets à financer obligatoirement, l'enveloppe atteint 400\u202f000\u00a0€, au-delà "
                     "de son maximum de 300\u202f000\u00a0€ (envelope_eur)"]


def test_priority_minimums_above_the_envelope():
    table = make_table([{"priority": "transition"}, {"priority": "innovation"}])
    with messages.using("en"):
        lines = explain(table, constraints={"priority": {"default": {"min_share": 0.6}}})
    assert "the priority minimums add up to EUR 720,000 but the envelope is EUR 300,000 (constraints.priority)" in lines


def test_elastic_model_names_the_smallest_relaxation():
    # Two projects, each alone in its EPCI; the envelope pays one, both EPCIs demand one: one floor gives way.
    table = make_table([{"epci": EPCI_SIRENS[0], "requested_eur": 200_000},
                        {"epci": EPCI_SIRENS[1], "requested_eur": 200_000}])
    lines = explain(table, envelope_eur=300_000, funding="all_or_nothing",
                    constraints={"epci": {EPCI_SIRENS[0]: {"min_projects": 1}, EPCI_SIRENS[1]: {"min_projects": 1}}})
    assert len(lines) == 1
    assert "le minimum de 1 projet doit céder de 1 projet" in lines[0]
