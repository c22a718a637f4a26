"""The territory reference (EPCIs, priorities) and the forgiving-but-exact matching of user spellings.

An EPCI's communes, population and départements may come from the vendored EPCI reference
(`data/territories/reference/epci.yaml`, one official source and one year for all, docs/territory.md): a
territory file may list an EPCI by its SIREN alone; what the file writes wins over the reference.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from stdnum.fr import siren as siren_number

from .errors import InputError, Problem
from .messages import say, validation_text
from .strict import Int, Text

DEFAULT_TERRITORY = "ardeche-drome-nord"
REFERENCE = ("reference", "epci.yaml")  # the EPCI reference, inside data/territories/
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
    population_source: Text | None = None  # where population and population_year come from, when known

    @field_validator("siren", mode="before")
    @classmethod
    def _valid_siren(cls, value: object) -> str:
        value = str(value).zfill(9) if isinstance(value, int) else value
        if not isinstance(value, str):
            raise ValueError(say("sco_siren_not_text", value=repr(value)))
        if not siren_number.is_valid(value):
            raise ValueError(say("sco_siren_invalid", value=repr(value)))
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
                    raise ValueError(say("sco_epci_spelling_twice", spelling=spelling, first=other.name,
                                         second=epci.name))
        return index

    @cached_property
    def _priority_index(self) -> dict[str, Priority]:
        index: dict[str, Priority] = {}
        for priority in self.priorities:
            for spelling in (priority.key, priority.label):
                other = index.setdefault(normalise(spelling), priority)
                if other is not priority:
                    raise ValueError(say("sco_priority_spelling_twice", spelling=spelling, first=other.key,
                                         second=priority.key))
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
    shown = repr(str(value))
    if close:
        either = say("sco_or").join(repr(keyed[c]) for c in close)
        if kind == "EPCI":
            return say("sco_unknown_epci_close", value=shown, close=either)
        return say("sco_unknown_priority_close", value=shown, close=either)
    if kind == "EPCI":
        return say("sco_unknown_epci", value=shown, names=", ".join(names))
    return say("sco_unknown_priority", value=shown, names=", ".join(names))


@dataclass(frozen=True)
class EpciReference:
    """The vendored EPCI reference: its source (package, version, licence, year) and one entry per SIREN."""

    source: dict[str, object]
    epcis: dict[str, dict[str, object]]

    @property
    def citation(self) -> str:
        """One line naming the source, e.g. for an EPCI's `population_source`."""
        s = self.source
        return f"{s['population']}; {s['package']} {s['version']} ({', '.join(map(str, s['files']))})"


@cache
def epci_reference() -> EpciReference:
    """The vendored EPCI reference, read once (a broken reference is a bug of the package, not the user's)."""
    folder = resources.files("optimiser") / "data" / "territories"
    data = yaml.load(folder.joinpath(*REFERENCE).read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - safe
    return EpciReference(source=data["source"], epcis={str(e["siren"]): e for e in data["epcis"]})


_FROM_REFERENCE = ("name", "communes", "population", "population_year", "departements")


def _with_reference(data: object) -> tuple[object, list[Problem], set[int]]:
    """The territory's data with each EPCI's missing fields taken from the EPCI reference.

    Returns the completed data, the problems found (an incomplete EPCI the reference does not know; a
    population without its year, or a year without its population) and the indices of the EPCIs they concern.
    Anything that is not a list of EPCIs with a valid SIREN is left as it is, for validation to report.
    """
    epcis = data.get("epcis") if isinstance(data, dict) else None
    if not isinstance(epcis, list):
        return data, [], set()
    reference = epci_reference()
    problems: list[Problem] = []
    flagged: set[int] = set()
    completed = []
    for i, entry in enumerate(epcis):
        siren = entry.get("siren") if isinstance(entry, dict) else None
        siren = str(siren).zfill(9) if isinstance(siren, int) and not isinstance(siren, bool) else siren
        if not isinstance(siren, str) or not siren_number.is_valid(siren):
            completed.append(entry)
            continue
        siren = siren_number.compact(siren)
        known = reference.epcis.get(siren)
        given = {"population", "population_year"} & set(entry)
        if known is None:
            missing = [key for key in ("name", "population", "population_year") if key not in entry]
            if missing:
                flagged.add(i)
                problems.append(Problem(f"epcis.{i}.siren", _not_in_reference(siren, missing, reference)))
            completed.append(entry)
            continue
        if len(given) == 1:
            [written] = given
            [other] = {"population", "population_year"} - given
            flagged.add(i)
            problems.append(Problem(f"epcis.{i}.{written}", say(
                "sco_population_alone", written=written, other=other, population=known["population"],
                year=known["population_year"])))
            completed.append(entry)
            continue
        filled = {key: known[key] for key in _FROM_REFERENCE if key not in entry and key in known}
        if not given:
            filled["population_source"] = reference.citation
        completed.append({**filled, **entry})
    return {**data, "epcis": completed}, problems, flagged


def _not_in_reference(siren: str, missing: list[str], reference: EpciReference) -> str:
    known = ", ".join(f"{s} ({e['name']})" for s, e in reference.epcis.items())
    year = reference.source["population_year"]
    example = f'{{siren: "{siren}", name: CC Exemple, population: 12345, population_year: {year}}}'
    return say("sco_not_in_reference", siren=siren, package=reference.source["package"],
               version=reference.source["version"], missing=", ".join(missing), example=example, known=known)


def _pydantic_text(error: dict) -> str:
    """pydantic's message for the error types a territory file produces, in the current language; any other
    keeps pydantic's own (English) text."""
    kind = error["type"]
    if kind == "missing":
        return say("sco_field_required")
    if kind == "extra_forbidden":
        return say("sco_extra_forbidden")
    return validation_text(error)


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
            raise InputError(say("sco_unknown_territory", value=repr(name), names=", ".join(shipped_territories()),
                                 name=name))
        text, where = shipped.read_text(encoding="utf-8"), say("sco_territory_shipped", name=name)
    else:
        path = Path(reference)
        if base is not None and not path.is_absolute():
            path = base / path
        if not path.is_file():
            raise InputError(say("sco_territory_not_found", path=path))
        try:
            text, where = path.read_text(encoding="utf-8"), str(path)
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(say("sco_territory_unreadable", path=path, error=exc)) from None
    try:
        data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader: builds no object
    except yaml.YAMLError as exc:
        raise InputError(say("sco_territory_not_yaml", where=where, error=exc)) from None
    data, problems, flagged = _with_reference(data)
    flagged_missing = {("epcis", i) for i in flagged}  # said once by the reference's problem, not per field
    try:
        territory = Territory.model_validate(data)
        _ = territory._epci_index, territory._priority_index  # build now so that clashing spellings fail here
    except ValidationError as exc:
        problems += [Problem(".".join(map(str, e["loc"])), _pydantic_text(e))
                     for e in exc.errors() if not (e["type"] == "missing" and tuple(e["loc"][:2]) in flagged_missing)]
        raise InputError(say("sco_territory_invalid", where=where), problems) from None
    except ValueError as exc:
        raise InputError(say("sco_territory_invalid_because", where=where, error=exc)) from None
    if problems:
        raise InputError(say("sco_territory_invalid", where=where), problems)
    return territory
