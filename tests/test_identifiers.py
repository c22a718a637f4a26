"""Ids as people read them: NFC, invisible characters, UTS #39 skeletons."""

from __future__ import annotations

from optimiser.identifiers import difference, invisible_characters, lookalikes, normal, skeleton, suggestion


def test_the_skeleton_equates_what_looks_alike_and_only_that():
    assert skeleton("Pа01") == skeleton("Pa01") == skeleton("PaO1") == skeleton("Pa0l")
    assert skeleton("Pa\u200b01") == skeleton("Pa01")
    assert skeleton("e\u0301") == skeleton("\u00e9")
    assert skeleton("Pa01") != skeleton("Pa02") and skeleton("pa01") != skeleton("Pa01")


def test_normal_form_trims_spaces_and_invisible_ends_but_keeps_what_is_inside():
    assert normal("\ufeff  Proj-e\u0301\u00a0\u200b") == "Proj-\u00e9"
    assert normal("A\u200bB") == "A\u200bB" and invisible_characters("A\u200bB\u202e") == [
        "U+200B ZERO WIDTH SPACE", "U+202E RIGHT-TO-LEFT OVERRIDE"]


def test_lookalikes_name_the_first_occurrence_and_what_differs():
    assert lookalikes(["Pa01", "B", "Pа01", "PaO1"]) == {"Pа01": "Pa01", "PaO1": "Pa01"}
    assert difference("Pа01", "Pa01") == "ils diffèrent par U+0430 CYRILLIC SMALL LETTER A"
    assert suggestion("pa01", ["Pa01", "Q"]) == "Pa01" and suggestion("zzz", ["Pa01"]) is None
