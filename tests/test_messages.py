"""The terminal's words: every message the package says exists in French and English with the same blanks
(tests/test_catalogue.py), every key is said somewhere, and the language is French unless told otherwise."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import optimiser
from optimiser import messages


def said_keys() -> set[str]:
    """Every `say("key", ...)` of the package (a key is always written as a literal)."""
    keys = set()
    for path in Path(optimiser.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "say":
                assert node.args and isinstance(node.args[0], ast.Constant), f"{path}:{node.lineno}: say(<literal>)"
                keys.add(node.args[0].value)
    return keys


def test_every_message_said_exists_and_every_message_is_said():
    said = said_keys()
    assert sorted(said - set(messages.TEXT)) == []
    assert sorted(set(messages.TEXT) - said) == []


def test_french_by_default_english_by_environment_or_choice(monkeypatch):
    messages.use(None)
    monkeypatch.delenv(messages.ENV, raising=False)
    assert messages.current() == "fr" and messages.number(1234) == "1\u202f234"
    monkeypatch.setenv(messages.ENV, "EN")
    assert messages.current() == "en" and messages.number(1234) == "1,234"
    monkeypatch.setenv(messages.ENV, "de")
    assert messages.current() == "fr"
    messages.use("en")
    monkeypatch.setenv(messages.ENV, "fr")
    assert messages.current() == "en"
    messages.use(None)
    assert messages.current() == "fr"
    with pytest.raises(ValueError):
        messages.use("de")


def test_sco_messages_in_french_and_english(monkeypatch):
    """The grid and its rules (territory, expressions, scoring, rules, identifiers) in French by default, in
    English when asked, with the English unchanged."""
    import re

    import pandas as pd

    from optimiser.errors import InputError
    from optimiser.expressions import ExpressionError, parse_expression
    from optimiser.identifiers import difference
    from optimiser.models import Scoring
    from optimiser.scoring import score
    from optimiser.territory import load_territory

    monkeypatch.delenv(messages.ENV, raising=False)
    territory = load_territory()
    grid = Scoring.model_validate({"pillars": {"p": {"criteria": {"c": {"column": "x", "weight": 2}}}}})

    def said() -> list[str]:
        texts = []
        for text in ("open('f')", "a +", "a ** 2", "(a"):
            with pytest.raises(ExpressionError) as caught:
                parse_expression(text)
            texts.append(str(caught.value))
        with pytest.raises(LookupError) as caught:
            territory.epci("Lamastre")
        texts.append(str(caught.value.args[0]))
        with pytest.raises(InputError) as caught:
            load_territory("drome-sud")
        texts.append(str(caught.value))
        with pytest.raises(InputError) as caught:
            score(pd.DataFrame({"id": ["A", "A"], "x": ["douze", 1.0]}), grid)
        texts.append(str(caught.value))
        texts.append(difference("Groupe Dupont", "GROUPE DUPONT"))
        texts += score(pd.DataFrame({"id": ["A", "B"], "x": [1.5, 2.0]}), grid).notes
        return texts

    french = said()
    assert french == [
        "les appels de fonction ne sont pas autorisés : 'open(...)' (colonne 1)",
        "erreur de syntaxe à la fin (syntaxe invalide) : 'a +'",
        "la puissance (**) n'est pas autorisée : 'a ** 2' (colonne 1)",
        "erreur de syntaxe à la colonne 1 (rien ne referme '(') : '(a'",
        "EPCI inconnu 'Lamastre' ; vouliez-vous dire 'CC du Pays de Lamastre' ?",
        "territoire inconnu 'drome-sud' (territoires fournis : ardeche-drome-nord) ; pour un fichier de territoire, "
        "indiquez son chemin avec son extension, par exemple drome-sud.yaml",
        "Les scores ne peuvent pas être calculés\n  - id: identifiant en double : A\n"
        "  - scoring.pillars.p.criteria.c: la colonne 'x' n'est pas numérique : 'douze' (ligne 1)",
        "ils ne diffèrent que par les majuscules et les minuscules",
        "la somme des poids des critères du pilier p valait 2 ; ramenée à 1",
    ]
    english_words = re.compile(r"\b(the|of|and|is|with|expected|must|got|write|should)\b", re.IGNORECASE)
    assert [text for text in french if english_words.search(text)] == []
    with messages.using("en"):
        english = said()
    assert english == [
        "calling functions is not allowed: 'open(...)' (column 1)",
        "syntax error at the end (invalid syntax): 'a +'",
        "power (**) is not allowed: 'a ** 2' (column 1)",
        "syntax error at column 1 ('(' was never closed): '(a'",
        "unknown EPCI 'Lamastre'; did you mean 'CC du Pays de Lamastre'?",
        "unknown territory 'drome-sud' (shipped territories: ardeche-drome-nord); for a territory file, give its "
        "path with its extension, e.g. drome-sud.yaml",
        "The scores cannot be computed\n  - id: duplicate id(s): A\n"
        "  - scoring.pillars.p.criteria.c: column 'x' is not numeric: 'douze' (row 1)",
        "they differ only by upper and lower case",
        "criterion weights of pillar p summed to 2; normalised to sum 1",
    ]
