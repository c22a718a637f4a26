"""The one catalogue: every word in both languages, with the same blanks, and every word a report asks for exists."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

import optimiser
from optimiser import catalogue, messages
from optimiser.allocation import _BLOCK_CODES
from optimiser.catalogue import outcomes, record, reports
from optimiser.indicators import indicators_for

TABLES = {f"{module.__name__.rsplit('.', 1)[1]}.{name}": getattr(module, name)
          for module in (outcomes, reports, record, messages.loading, messages.scenario, messages.scoring,
                         messages.run, messages.terminal, messages.validation)
          for name in dir(module) if name.isupper() and isinstance(getattr(module, name), dict)}


def _blanks(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_key_has_both_languages_with_the_same_blanks(table: str) -> None:
    for key, words in TABLES[table].items():
        assert set(words) == set(catalogue.LANGS), (table, key)
        assert all(words[lang].strip() for lang in catalogue.LANGS), (table, key)
        assert _blanks(words["fr"]) == _blanks(words["en"]), (table, key)


def _written_codes() -> set[str]:
    """Every outcome code the package writes: `Reason("code", …)` literals and the codes of blocking rules."""
    codes = set(_BLOCK_CODES.values())
    for path in Path(optimiser.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Reason"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                codes.add(node.args[0].value)
    return codes


def test_every_outcome_code_has_a_label_and_a_sentence() -> None:
    codes = _written_codes()
    assert {"funded_full", "not_funded_budget", "locked_out"} <= codes  # the scan sees them
    assert codes <= set(outcomes.REASON_LABELS), sorted(codes - set(outcomes.REASON_LABELS))
    sentences = set(outcomes.REASONS) | {"state_aid_cap", "not_funded_epci_cap", "not_funded_priority_cap",
                                         "not_funded_company_cap", "not_funded_totals_cap"}
    assert codes <= sentences


def test_every_indicator_unit_has_a_name() -> None:
    units = {indicator.unit for indicator in indicators_for(["a", "b"])}
    assert units <= set(reports.UNITS)


def _asked_keys() -> set[str]:
    """Every `t("key", …)` written in the package, with a literal key."""
    asked = set()
    for path in Path(optimiser.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                asked.add(node.args[0].value)
    return asked


def test_every_word_a_report_asks_for_is_in_the_catalogue() -> None:
    asked = _asked_keys()
    assert len(asked) > 50  # the scan sees the reports' calls
    assert asked <= set(catalogue.TEXT), sorted(asked - set(catalogue.TEXT))


def test_an_unknown_language_is_refused_with_the_ones_there_are() -> None:
    with pytest.raises(ValueError, match="fr, en"):
        catalogue.t("envelope", "de")
