"""Territory matching: every way people write an EPCI or a priority resolves, and nothing else does."""

from __future__ import annotations

import unicodedata
from importlib import resources
from pathlib import Path

import pytest
import yaml

from optimiser.errors import InputError
from optimiser.territory import Territory, load_territory

SHIPPED = yaml.safe_load(
    (resources.files("optimiser") / "data" / "territories" / "ardeche-drome-nord.yaml").read_text(encoding="utf-8"))

PREFIXES = ["", "CC ", "CA ", "Communauté de communes ", "Communauté de communes du ",
            "Communauté d'agglomération ", "Communauté d’agglomération ", "COMMUNAUTE D'AGGLOMERATION DE "]


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def spellings(entry: dict) -> set[str]:
    """The official name, every alias, their case/accent/apostrophe/hyphen variants, prefixed forms, SIREN."""
    bases = [entry["name"], *entry.get("aliases", [])]
    variants: set[str] = set()
    for base in bases:
        for text in (base, base.upper(), base.lower(), strip_accents(base), base.replace("'", "’"),
                     base.replace("-", " "), base.replace(" ", "-"), f"  {base}  ", base.replace(" ", "  ")):
            variants.add(text)
    for alias in entry.get("aliases", []):
        for prefix in PREFIXES:
            variants.add(prefix + alias)
            variants.add(strip_accents(prefix + alias).lower())
    siren = entry["siren"]
    variants |= {siren, f"{siren[:3]} {siren[3:6]} {siren[6:]}", f" {siren}\u00a0"}
    return variants


@pytest.fixture(scope="module")
def territory() -> Territory:
    return load_territory()


@pytest.mark.parametrize("entry", SHIPPED["epcis"], ids=[e["name"] for e in SHIPPED["epcis"]])
def test_every_spelling_of_each_epci_resolves(territory: Territory, entry: dict) -> None:
    for spelling in sorted(spellings(entry)):
        assert territory.epci(spelling).siren == entry["siren"], spelling


def test_the_shipped_territory(territory: Territory) -> None:
    assert territory.name == "Territoire d'industrie Ardèche-Drôme Nord"
    assert territory.envelope_eur == 2_000_000
    assert len(territory.epcis) == 8
    assert set(territory.epci_by_siren()) == {e["siren"] for e in SHIPPED["epcis"]}
    assert load_territory("ardeche-drome-nord") == territory
    assert load_territory("Ardeche-Drome-Nord") == territory  # a shipped name, whatever its case


@pytest.mark.parametrize(("spelling", "suggestion"), [
    ("Pays de Lamstre", "'CC du Pays de Lamastre'"),
    ("Lamastre", "'CC du Pays de Lamastre'"),
    ("Annonay", "'CA Annonay Rhône Agglo'"),
    ("Crussol", "'CC Rhône Crussol'"),
    ("Val d'Aix", "\"CC du Val d'Ay\""),
])
def test_unknown_epci_suggests_the_closest(territory: Territory, spelling: str, suggestion: str) -> None:
    with pytest.raises(LookupError) as excinfo:
        territory.epci(spelling)
    message = str(excinfo.value.args[0])
    assert message.startswith(f"unknown EPCI {spelling!r}; did you mean ")
    assert suggestion in message


@pytest.mark.parametrize("spelling", ["xyz", "", "200040492", "CC"])
def test_unknown_epci_without_a_close_name_lists_them_all(territory: Territory, spelling: str) -> None:
    with pytest.raises(LookupError, match=r"unknown EPCI .* \(expected one of: CC Porte de DrômArdèche, "):
        territory.epci(spelling)


@pytest.mark.parametrize("entry", SHIPPED["priorities"], ids=[p["key"] for p in SHIPPED["priorities"]])
def test_priority_keys_and_french_labels_resolve(territory: Territory, entry: dict) -> None:
    key, label = entry["key"], entry["label"]
    for spelling in (key, key.upper(), f" {key} ", label, label.upper(), label.lower(), strip_accents(label),
                     label.replace("'", "’"), label.replace(" ", "  ")):
        assert territory.priority(spelling).key == key, spelling


def test_unknown_priority_suggests_a_key(territory: Territory) -> None:
    with pytest.raises(LookupError, match=r"unknown priority 'transitions'; did you mean 'transition'\?"):
        territory.priority("transitions")
    with pytest.raises(LookupError, match=r"unknown priority 'zzz' \(expected one of: transition, innovation, "
                                          r"competences, foncier\)"):
        territory.priority("zzz")


CUSTOM = """\
name: Territoire d'essai
envelope_eur: 500000
epcis:
  - siren: "200040491"
    name: CC Porte de DrômArdèche
    aliases: [Porte de Drôme Ardèche]
    population: 47646
    population_year: 2020
  - siren: "240700716"
    name: CC du Val d'Ay
    population: 5847
    population_year: 2014
priorities:
  - key: sobriete
    label: Sobriété foncière
"""


def test_custom_territory_loads_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "essai.yaml"
    path.write_text(CUSTOM, encoding="utf-8")
    territory = load_territory(path)
    assert territory.name == "Territoire d'essai"
    assert territory.epci("val d’ay").siren == "240700716"
    assert territory.epci("Porte de Drome-Ardeche").siren == "200040491"
    assert territory.priority("SOBRIETE FONCIERE").key == "sobriete"
    with pytest.raises(LookupError):
        territory.epci("Arche Agglo")  # only what the file lists
    assert load_territory("essai.yaml", base=tmp_path) == territory  # relative to a scenario's folder


@pytest.mark.parametrize(("text", "message"), [
    ("name: [unclosed\n", "is not valid YAML"),
    ("- just\n- a list\n", "is not a valid territory file"),
    (CUSTOM.replace('"240700716"', '"240700717"'), "is not a valid territory file"),
    (CUSTOM + "colour: blue\n", "is not a valid territory file"),
    (CUSTOM.replace("population: 5847", "population: 0"), "is not a valid territory file"),
    (CUSTOM.replace("priorities:\n  - key: sobriete\n    label: Sobriété foncière\n", "priorities: []\n"),
     "is not a valid territory file"),
    (CUSTOM.replace("key: sobriete", "key: Sobriété"), "is not a valid territory file"),
    (CUSTOM.replace("aliases: [Porte de Drôme Ardèche]", "aliases: [Val d'Ay]"),
     "is not a valid territory file: 'CC du Val d'Ay' names both CC Porte de DrômArdèche and CC du Val d'Ay"),
])
def test_broken_territory_file_is_an_input_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "casse.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as excinfo:
        load_territory(path)
    assert message in str(excinfo.value)
    assert str(path) in excinfo.value.title


def test_validation_problems_name_the_yaml_path(tmp_path: Path) -> None:
    path = tmp_path / "casse.yaml"
    path.write_text(CUSTOM.replace('"240700716"', '"240700717"'), encoding="utf-8")
    with pytest.raises(InputError) as excinfo:
        load_territory(path)
    [problem] = excinfo.value.problems
    assert problem.where == "epcis.1.siren"
    assert "'240700717' is not a valid SIREN" in problem.message


def test_missing_territory_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="Territory file not found: .*absent.yaml"):
        load_territory(tmp_path / "absent.yaml")
    with pytest.raises(InputError, match=r"unknown territory 'no-such-territory' \(shipped territories: "
                                         r"ardeche-drome-nord\); .* no-such-territory.yaml"):
        load_territory("no-such-territory")
