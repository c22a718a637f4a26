"""The words of the terminal: results, notes, progress and every error message, in French (the default) and
English, `{key: {fr, en}}` tables by the layer that says them (`loading.py`, `scenario.py`, `scoring.py`,
`run.py`, `terminal.py`; `validation.py`: pydantic's common messages, for every data file).

The lowest layer of the package, so that any module can word its errors. The language is the process's:
`use()` sets it (the command line does, from `--lang`), else the environment variable `OPTIMISER_LANG`
(`fr` or `en`), else French. The committee's files take their language from each request instead
(`catalogue`). File names, YAML paths, column names and values are shown as written, in both languages.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from ..formatting import fmt_int
from . import loading, run, scenario, scoring, terminal, validation

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


TEXT = _merged(loading.TEXT, scenario.TEXT, scoring.TEXT, run.TEXT, terminal.TEXT, validation.TEXT)


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


_VALIDATION: dict[str, Callable[[dict], str]] = {  # pydantic's error types the data files produce, from ctx
    "greater_than": lambda ctx: say("pyd_greater_than", gt=_bound(ctx["gt"])),
    "greater_than_equal": lambda ctx: say("pyd_greater_than_equal", ge=_bound(ctx["ge"])),
    "less_than": lambda ctx: say("pyd_less_than", lt=_bound(ctx["lt"])),
    "less_than_equal": lambda ctx: say("pyd_less_than_equal", le=_bound(ctx["le"])),
    "literal_error": lambda ctx: say("pyd_literal", expected=_choices(str(ctx["expected"]))),
    "list_type": lambda ctx: say("pyd_list_type"),
    "dict_type": lambda ctx: say("pyd_dict_type"),
    "tuple_type": lambda ctx: say("pyd_tuple_type"),
    "string_type": lambda ctx: say("pyd_string_type"),
    "float_type": lambda ctx: say("pyd_float_type"),
    "int_type": lambda ctx: say("pyd_int_type"),
    "bool_type": lambda ctx: say("pyd_bool_type"),
    "finite_number": lambda ctx: say("pyd_finite_number"),
    "model_type": lambda ctx: say("pyd_model_type", class_name=ctx["class_name"]),
    "string_pattern_mismatch": lambda ctx: say("pyd_pattern", pattern=ctx["pattern"]),
    "too_short": lambda ctx: (say("pyd_too_short_one", field_type=_field_type(ctx), min_length=ctx["min_length"],
                                  actual_length=ctx["actual_length"]) if ctx["min_length"] == 1
                              else say("pyd_too_short_many", field_type=_field_type(ctx),
                                       min_length=ctx["min_length"], actual_length=ctx["actual_length"])),
    "too_long": lambda ctx: (say("pyd_too_long_one", field_type=_field_type(ctx), max_length=ctx["max_length"],
                                 actual_length=ctx["actual_length"]) if ctx["max_length"] == 1
                             else say("pyd_too_long_many", field_type=_field_type(ctx),
                                      max_length=ctx["max_length"], actual_length=ctx["actual_length"])),
}


def validation_text(error: dict) -> str:
    """A pydantic validation error (one of `ValidationError.errors()`) in the current language, for the common
    types; any other, or one whose context is not as expected, keeps pydantic's own English text."""
    word = _VALIDATION.get(error["type"])
    if word is not None:
        try:
            return word(error.get("ctx") or {})
        except KeyError:
            pass
    return str(error["msg"]).removeprefix("Value error, ")


def _bound(value: object) -> object:
    """A bound as pydantic writes it: a whole float without its `.0`."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _choices(expected: str) -> str:
    """pydantic's `'a', 'b' or 'c'`, its English `or` in the current language."""
    head, sep, last = expected.rpartition(" or ")
    return f"{head}{say('pyd_or')}{last}" if sep else expected


def _field_type(ctx: dict) -> str:
    kind = ctx["field_type"]
    if kind == "List":
        return say("pyd_field_list")
    if kind == "Tuple":
        return say("pyd_field_tuple")
    if kind == "Dictionary":
        return say("pyd_field_dict")
    raise KeyError(kind)  # another kind: pydantic's own text is kept
