"""The territory reference (EPCIs, priorities) and the forgiving-but-exact matching of user spellings."""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from stdnum.fr import siren as siren_number

from .errors import InputError, Problem
from .strict import Int, Text

DEFAULT_TERRITORY = "ardeche-drome-nord"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it: same data, 10x faster

# Legal-form prefixes and leading articles that users add or drop at will.
_PREFIXES = re.compile(
    r"^(communaute (de communes|d agglomeration|urbaine)|cc|ca|cu|metropole)\s+"
)
_ARTICLES = re.compile(r"^(du|de la|de l|des|de|d|la|le|les|l)\s+")


def normalise(text: str) -> str:
    """A matching key: no case, accents, apostrophes, hyphens, legal prefix, article or spaces."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    text = _PREFIXES.sub("", text)
    text = _ARTICLES.sub("", text)
    return text.replace(" ", "")


class Epci(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    siren: str
    name: Text
    aliases: list[Text] = []
    departements: list[Text] = []
    seat: Text | None = None
    communes: Int | None = None
    population: Annotated[Int, Field(gt=0)]
    population_year: Int

    @field_validator("siren", mode="before")
    @classmethod
    def _valid_siren(cls, value: object) -> str:
        value = str(value).zfill(9) if isinstance(value, int) else value
        if not isinstance(value, str):
            raise ValueError(f"expected a SIREN as text, got {value!r}")
        if not siren_number.is_valid(value):
            raise ValueError(f"{value!r} is not a valid SIREN")
        return siren_number.compact(value)


class Priority(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: Annotated[Text, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    label: Text


class Territory(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Text
    programme: Text | None = None
    envelope_eur: Int | None = None
    epcis: list[Epci] = Field(min_length=1)
    priorities: list[Priority] = Field(min_length=1)

    @cached_property
    def _epci_index(self) -> dict[str, Epci]:
        index: dict[str, Epci] = {}
        for epci in self.epcis:
            for spelling in [epci.siren, epci.name, *epci.aliases]:
                key = normalise(spelling)
                other = index.setdefault(key, epci)
                if other is not epci:
                    raise ValueError(f"'{spelling}' names both {other.name} and {epci.name}")
        return index

    @cached_property
    def _priority_index(self) -> dict[str, Priority]:
        index: dict[str, Priority] = {}
        for priority in self.priorities:
            for spelling in (priority.key, priority.label):
                other = index.setdefault(normalise(spelling), priority)
                if other is not priority:
                    raise ValueError(f"'{spelling}' names both priorities {other.key} and {priority.key}")
        return index

    def epci(self, value: object) -> Epci:
        """The EPCI a user's spelling or SIREN names; LookupError suggests the closest names."""
        found = self._epci_index.get(normalise(str(value)))
        if found is None:
            raise LookupError(_unknown("EPCI", value, [e.name for e in self.epcis]))
        return found

    def priority(self, value: object) -> Priority:
        found = self._priority_index.get(normalise(str(value)))
        if found is None:
            raise LookupError(_unknown("priority", value, [p.key for p in self.priorities]))
        return found

    def epci_by_siren(self) -> dict[str, Epci]:
        return {e.siren: e for e in self.epcis}


def _unknown(kind: str, value: object, names: list[str]) -> str:
    keyed = {normalise(n): n for n in names}
    wanted = normalise(str(value))
    close = [k for k in keyed if wanted and (wanted in k or k in wanted)]
    close += difflib.get_close_matches(wanted, [k for k in keyed if k not in close], n=3, cutoff=0.5)
    close = close[:3]
    if close:
        return f"unknown {kind} {str(value)!r}; did you mean {' or '.join(repr(keyed[c]) for c in close)}?"
    return f"unknown {kind} {str(value)!r} (expected one of: {', '.join(names)})"


def shipped_territories() -> list[str]:
    folder = resources.files("optimiser") / "data" / "territories"
    return sorted(item.name.removesuffix(".yaml") for item in folder.iterdir() if item.name.endswith(".yaml"))


def load_territory(reference: str | Path | None = None, base: Path | None = None) -> Territory:
    """Load a territory: a shipped name (default Ardèche-Drôme Nord), or a file given as a `Path`.

    A text reference is a file when it has an extension or a folder in it (relative to `base`, the
    folder of the scenario that names it), whatever the extension's case; otherwise a shipped name.
    """
    name = str(reference) if reference else DEFAULT_TERRITORY
    is_file = isinstance(reference, Path) or bool(Path(name).suffix) or "/" in name or "\\" in name
    if not is_file:
        name = next((known for known in shipped_territories() if known.casefold() == name.casefold()), name)
        shipped = resources.files("optimiser") / "data" / "territories" / f"{name}.yaml"
        if not shipped.is_file():
            raise InputError(f"unknown territory {name!r} (shipped territories: {', '.join(shipped_territories())}); "
                             f"for a territory file, give its path with its extension, e.g. {name}.yaml")
        text, where = shipped.read_text(encoding="utf-8"), f"territory '{name}'"
    else:
        path = Path(reference)
        if base is not None and not path.is_absolute():
            path = base / path
        if not path.is_file():
            raise InputError(f"Territory file not found: {path}")
        try:
            text, where = path.read_text(encoding="utf-8"), str(path)
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"Territory file {path} cannot be read as UTF-8 text: {exc}") from None
    try:
        data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader: builds no object
        territory = Territory.model_validate(data)
        _ = territory._epci_index, territory._priority_index  # build now so that clashing spellings fail here
    except yaml.YAMLError as exc:
        raise InputError(f"{where} is not valid YAML: {exc}") from None
    except ValidationError as exc:
        problems = [Problem(".".join(map(str, e["loc"])), e["msg"].removeprefix("Value error, ")) for e in exc.errors()]
        raise InputError(f"{where} is not a valid territory file", problems) from None
    except ValueError as exc:
        raise InputError(f"{where} is not a valid territory file: {exc}") from None
    return territory
