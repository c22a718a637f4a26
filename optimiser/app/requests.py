"""What a command is asked to do, as typed data: built by the command line, recorded in a folder's
manifest.json by `to_json` (paths relative to the folder), read back by `manifest.read` (its `Body` validates the
recorded request as one of these), executed by `app.run`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ..messages import say

Lang = Literal["fr", "en"]
Csv = Literal["excel", "plain"]  # the CSV files' dialect: French Excel's, or plain for programs


def _located(value: str) -> str:
    """A path relative to the manifest's folder (`..` only in front), or absolute."""
    parts = PurePosixPath(value).parts
    relative_parts = parts[next((k for k, p in enumerate(parts) if p != ".."), len(parts)):]
    if not value or "\\" in value or any(p in ("..", ".") for p in relative_parts) or not relative_parts:
        raise ValueError(say("run_request_located"))
    return value


Located = Annotated[str, AfterValidator(_located)]


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class _Request(Strict):
    """A request's paths are files it reads; `with_paths` changes them all (to copies, to relative ones).
    Every field is written out: a manifest missing one is refused, not completed."""

    def paths(self) -> list[str]:
        out: list[str] = []
        for name in type(self).model_fields:
            value = getattr(self, name)
            if name in PATH_FIELDS:
                out += value if isinstance(value, list) else [value]
        return out

    def with_paths(self, change: Callable[[str], str]) -> _Request:
        update = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if name in PATH_FIELDS:
                update[name] = [change(p) for p in value] if isinstance(value, list) else change(value)
        return self.model_copy(update=update)

    def to_json(self) -> dict:
        return self.model_dump()


PATH_FIELDS = ("candidates", "scenario", "scenarios", "others")


class AllocateRequest(_Request):
    command: Literal["allocate"] = "allocate"
    candidates: Located
    scenario: Located
    lang: Lang
    csv: Csv


class CompareRequest(_Request):
    command: Literal["compare"] = "compare"
    candidates: Located
    scenarios: Annotated[list[Located], Field(min_length=1, max_length=10_000)]
    reference: str | None
    rank_by: str
    lang: Lang
    csv: Csv


class SensitivityRequest(_Request):
    command: Literal["sensitivity"] = "sensitivity"
    candidates: Located
    scenario: Located
    draws: Annotated[int, Field(ge=1, le=1_000_000)]
    seed: Annotated[int, Field(ge=0, le=2**63 - 1)]
    others: Annotated[list[Located], Field(max_length=10_000)]
    lang: Lang
    csv: Csv


def _day(value: str) -> str:
    """A day written AAAA-MM-JJ, as a record is dated."""
    if dt.date.fromisoformat(value).isoformat() != value:
        raise ValueError(say("run_request_day"))
    return value


class RecordRequest(_Request):
    """The signed record of a decision (`optimiser proces-verbal`): dated by the request, so that a replay
    writes the same PDF whatever the day it runs."""

    command: Literal["record"] = "record"
    candidates: Located
    scenario: Located
    date: Annotated[str, AfterValidator(_day)]
    lang: Lang
    csv: Csv


Request = Annotated[AllocateRequest | CompareRequest | SensitivityRequest | RecordRequest,
                    Field(discriminator="command")]
def absolute(path: Path) -> str:
    return str(path.resolve())
