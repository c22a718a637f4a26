"""A scenario made concrete for one table: locks name candidates as people read their ids."""

from __future__ import annotations

import pytest

from optimiser.errors import InputError
from optimiser.rules import prepare
from optimiser.scoring import score

from .factories import TERRITORY, make_scenario, make_table


def prepared(table, **constraints):
    scenario = make_scenario(constraints=constraints)
    return prepare(table, score(table, scenario.scoring), scenario, TERRITORY)


def test_a_lock_written_in_another_normal_form_or_with_spaces_finds_its_candidate():
    table = make_table([{"id": "Proj-\u00e9"}, {"id": "B"}])
    prep = prepared(table, lock_in=[" Proj-e\u0301 "], lock_out=["B\u200b"])
    assert prep.locked_in.tolist() == [False, True]          # id order: "B", "Proj-é"
    assert [r.code if r else "" for r in prep.closed] == ["locked_out", ""]


@pytest.mark.parametrize(("typed", "hint"), [
    ("P0a1", "vouliez-vous dire 'P0а1' à la ligne 2 ; ils diffèrent par U+0430 CYRILLIC SMALL LETTER A ?"),
    ("p0а1", "vouliez-vous dire 'P0а1' à la ligne 2 ?"),
    ("P0а2", "vouliez-vous dire 'P0а1' à la ligne 2 ?"),
])
def test_a_near_miss_in_a_lock_suggests_the_id_meant(typed, hint):
    table = make_table([{"id": "P0а1"}, {"id": "Z9"}])  # a Cyrillic а in the file
    with pytest.raises(InputError) as caught:
        prepared(table, lock_in=[typed])
    assert [str(p) for p in caught.value.problems] == [
        f"constraints.lock_in[0]: identifiant de candidat inconnu {typed!r} ; {hint}"]


def test_an_unknown_lock_with_nothing_close_is_said_plainly():
    with pytest.raises(InputError) as caught:
        prepared(make_table([{"id": "A"}]), lock_out=["ZZZZ"])
    assert [str(p) for p in caught.value.problems] == [
        "constraints.lock_out[0]: identifiant de candidat inconnu 'ZZZZ'"]


def test_a_rule_that_no_candidate_can_be_evaluated_on_is_refused():
    table = make_table([{"jobs": 0.0}, {"jobs": 0.0}])
    scenario = make_scenario(eligibility={"rules": ["requested_eur / jobs < 20000"]})
    with pytest.raises(InputError) as caught:
        prepare(table, score(table, scenario.scoring), scenario, TERRITORY)
    assert [str(p) for p in caught.value.problems] == [
        "eligibility.rules[0]: la règle 'requested_eur / jobs < 20000' ne peut être évaluée pour aucun candidat (une "
        "valeur manquante, ou une division par zéro, sur chaque ligne) : elle les exclurait tous"]
