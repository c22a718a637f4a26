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
