"""The words of the terminal: results, notes, progress and every error message, in French (the default) and
English, `{key: {fr, en}}` tables by the layer that says them (`loading.py`, `scenario.py`, `scoring.py`,
`run.py`, `terminal.py`).

The lowest layer of the package, so that any module can word its errors. The language is the process's:
`use()` sets it (the command line does, from `--lang`), else the environment variable `OPTIMISER_LANG`
(`fr` or `en`), else French. The committee's files take their language from each request instead
(`catalogue`). File names, YAML paths, column names and values are shown as written, in both languages.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from ..formatting import fmt_int
from . import loading, run, scenario, scoring, terminal

LANGS = ("fr", "en")
ENV = "OPTIMISER_LANG"
_chosen: ContextVar[str | None] = ContextVar("optimiser_messages_lang", default=None)


def _merged(*tables: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for table in tables:
        twice = sorted(set(merged) & set(table))
        if twice:
            raise ValueError(f"message keys defined twice: {', '.join(twice)}")
        merged.update(table)
    return merged


TEXT = _merged(loading.TEXT, scenario.TEXT, scoring.TEXT, run.TEXT, terminal.TEXT)


def environment_lang() -> str:
    """`OPTIMISER_LANG` when it names a language, else French."""
    value = os.environ.get(ENV, "").strip().lower()
    return value if value in LANGS else "fr"


def current() -> str:
    """The language messages are worded in now."""
    return _chosen.get() or environment_lang()


def use(lang: str | None) -> None:
    """Word every message from now on in `lang` (None: back to the environment's choice)."""
    if lang is not None and lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r} (expected one of: {', '.join(LANGS)})")
    _chosen.set(lang)


@contextmanager
def using(lang: str) -> Iterator[None]:
    """Word messages in `lang` inside the block: a run words what it writes in its files (notes, reasons,
    explanations) in its request's language, so that a replay writes the same bytes whatever the terminal's."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r} (expected one of: {', '.join(LANGS)})")
    token = _chosen.set(lang)
    try:
        yield
    finally:
        _chosen.reset(token)


def say(key: str, **values: object) -> str:
    """The message `key` in the current language, its `{placeholders}` filled in."""
    text = TEXT[key][current()]
    return text.format(**values) if values else text


def number(value: int) -> str:
    """A count or a size as the current language writes it (`1 234` / `1,234`)."""
    return fmt_int(value, current())
