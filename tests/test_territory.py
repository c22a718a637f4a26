"""Territory matching: every way people write an EPCI or a priority resolves, and nothing else does."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import tarfile
import unicodedata
from importlib import resources
from pathlib import Path

import pytest
import yaml

from optimiser.errors import InputError
from optimiser.territory import Territory, epci_reference, load_territory

TERRITORIES = resources.files("optimiser") / "data" / "territories"
SHIPPED = yaml.safe_load((TERRITORIES / "ardeche-drome-nord.yaml").read_text(encoding="utf-8"))
REFERENCE = yaml.safe_load((TERRITORIES / "reference" / "epci.yaml").read_text(encoding="utf-8"))
DOCS = Path(__file__).parents[1] / "docs" / "territory.md"

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
    assert message.startswith(f"EPCI inconnu {spelling!r} ; vouliez-vous dire ")
    assert suggestion in message


@pytest.mark.parametrize("spelling", ["xyz", "", "200040492", "CC"])
def test_unknown_epci_without_a_close_name_lists_them_all(territory: Territory, spelling: str) -> None:
    with pytest.raises(LookupError, match=r"EPCI inconnu .* \(valeurs possibles : CC Porte de DrômArdèche, "):
        territory.epci(spelling)


@pytest.mark.parametrize("entry", SHIPPED["priorities"], ids=[p["key"] for p in SHIPPED["priorities"]])
def test_priority_keys_and_french_labels_resolve(territory: Territory, entry: dict) -> None:
    key, label = entry["key"], entry["label"]
    for spelling in (key, key.upper(), f" {key} ", label, label.upper(), label.lower(), strip_accents(label),
                     label.replace("'", "’"), label.replace(" ", "  ")):
        assert territory.priority(spelling).key == key, spelling


def test_unknown_priority_suggests_a_key(territory: Territory) -> None:
    with pytest.raises(LookupError, match=r"priorité inconnue 'transitions' ; vouliez-vous dire 'transition' \?"):
        territory.priority("transitions")
    with pytest.raises(LookupError, match=r"priorité inconnue 'zzz' \(valeurs possibles : transition, innovation, "
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
    ("name: [unclosed\n", "n'est pas un YAML valide"),
    ("- just\n- a list\n", "n'est pas un fichier de territoire valide"),
    (CUSTOM.replace('"240700716"', '"240700717"'), "n'est pas un fichier de territoire valide"),
    (CUSTOM + "colour: blue\n", "n'est pas un fichier de territoire valide"),
    (CUSTOM.replace("population: 5847", "population: 0"), "n'est pas un fichier de territoire valide"),
    (CUSTOM.replace("priorities:\n  - key: sobriete\n    label: Sobriété foncière\n", "priorities: []\n"),
     "n'est pas un fichier de territoire valide"),
    (CUSTOM.replace("key: sobriete", "key: Sobriété"), "n'est pas un fichier de territoire valide"),
    (CUSTOM.replace("aliases: [Porte de Drôme Ardèche]", "aliases: [Val d'Ay]"),
     "n'est pas un fichier de territoire valide : 'CC du Val d'Ay' désigne à la fois CC Porte de DrômArdèche et "
     "CC du Val d'Ay"),
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
    assert "'240700717' n'est pas un SIREN valide" in problem.message


def test_missing_territory_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="Fichier de territoire introuvable : .*absent.yaml"):
        load_territory(tmp_path / "absent.yaml")
    with pytest.raises(InputError, match=r"territoire inconnu 'no-such-territory' \(territoires fournis : "
                                         r"ardeche-drome-nord\) ; .* no-such-territory.yaml"):
        load_territory("no-such-territory")


# The EPCI reference: one official source and one year for every EPCI, an EPCI listed by SIREN alone.

def test_the_reference_names_its_source_licence_and_year() -> None:
    source = REFERENCE["source"]
    assert source["package"] == "@etalab/decoupage-administratif"
    assert source["version"] == "6.0.0"
    assert source["files"] == ["data/epci.json", "data/communes.json"]
    assert "Licence Ouverte" in source["licence"] and "2.0" in source["licence"]
    assert source["population_year"] == 2023
    assert {e["population_year"] for e in REFERENCE["epcis"]} == {source["population_year"]}
    assert {e["siren"] for e in REFERENCE["epcis"]} == {e["siren"] for e in SHIPPED["epcis"]}
    assert epci_reference().source == source


def test_the_docs_say_the_version_and_checksum_the_reference_was_built_from() -> None:
    text = DOCS.read_text(encoding="utf-8")
    source = REFERENCE["source"]
    assert f"{source['package']}@{source['version']}" in text
    assert source["sha1"] in text


def test_every_shipped_epci_takes_its_figures_from_the_reference(territory: Territory) -> None:
    rows = {e["siren"]: e for e in REFERENCE["epcis"]}
    assert len({e.population_year for e in territory.epcis}) == 1  # per-inhabitant figures compare like with like
    for epci in territory.epcis:
        row = rows[epci.siren]
        assert (epci.population, epci.population_year, epci.communes, epci.departements) == (
            row["population"], row["population_year"], row["communes"], row["departements"]), epci.name
        assert epci.population_source is not None and "2023" in epci.population_source
    # the users' spellings are kept, not the reference's ("CC Porte de Dromardèche", "CC Val Eyrieux")
    assert [e.name for e in territory.epcis] == [e["name"] for e in SHIPPED["epcis"]]
    assert territory.epci("CC Porte de Dromardèche").siren == "200040491"
    assert territory.epci("CC Val Eyrieux").siren == "200041465"
    # two figures read by hand in the package's data/communes.json, summed over data/epci.json's members
    assert territory.epci("200040491").population == 48159
    assert territory.epci("240700716").population == 5897


SIREN_ONLY = """\
name: Territoire d'essai
epcis:
  - siren: "200071413"
  - siren: 200041465
  - siren: "240 700 716"
    name: Val d'Ay (nom local)
priorities:
  - key: sobriete
    label: Sobriété foncière
"""


def test_an_epci_listed_by_siren_alone_takes_the_reference(tmp_path: Path) -> None:
    path = tmp_path / "essai.yaml"
    path.write_text(SIREN_ONLY, encoding="utf-8")
    territory = load_territory(path)
    rows = {e["siren"]: e for e in REFERENCE["epcis"]}
    privas, eyrieux, val_d_ay = territory.epcis
    assert privas.name == rows["200071413"]["name"] == "CA Privas Centre Ardèche"
    assert (privas.population, privas.population_year) == (rows["200071413"]["population"], 2023)
    assert privas.communes == rows["200071413"]["communes"] and privas.departements == ["07"]
    assert eyrieux.siren == "200041465" and eyrieux.name == "CC Val Eyrieux"  # a SIREN written as a number
    assert val_d_ay.name == "Val d'Ay (nom local)"  # the file's name wins, the figures are the reference's
    assert val_d_ay.population == rows["240700716"]["population"]
    assert territory.epci("Privas Centre Ardèche") is privas


def test_fields_written_in_the_file_win_over_the_reference(tmp_path: Path) -> None:
    path = tmp_path / "essai.yaml"
    path.write_text(SIREN_ONLY.replace('  - siren: "200071413"\n', '  - siren: "200071413"\n    name: Privas\n'
                                       "    communes: 3\n    departements: ['26']\n"
                                       "    population: 1000\n    population_year: 2019\n"), encoding="utf-8")
    privas = load_territory(path).epcis[0]
    assert (privas.name, privas.communes, privas.departements) == ("Privas", 3, ["26"])
    assert (privas.population, privas.population_year, privas.population_source) == (1000, 2019, None)


def test_an_unknown_siren_without_its_figures_is_refused_with_its_yaml_path(tmp_path: Path) -> None:
    path = tmp_path / "essai.yaml"
    path.write_text(SIREN_ONLY.replace('"240 700 716"', '"200071405"'), encoding="utf-8")
    with pytest.raises(InputError) as excinfo:
        load_territory(path)
    assert excinfo.value.title == f"{path} n'est pas un fichier de territoire valide"
    [problem] = excinfo.value.problems  # said once, not once per missing field
    assert problem.where == "epcis.2.siren"
    assert problem.message.startswith("le SIREN 200071405 n'est pas dans la référence des EPCI "
                                      "(@etalab/decoupage-administratif 6.0.0), on ne peut donc pas y prendre ses "
                                      "champs population, population_year : écrivez-les")
    assert '{siren: "200071405", name: CC Exemple, population: 12345, population_year: 2023}' in problem.message
    assert "200071413 (CA Privas Centre Ardèche)" in problem.message  # what the reference knows


def test_an_unknown_siren_with_its_figures_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "essai.yaml"
    path.write_text(SIREN_ONLY.replace('"240 700 716"', '"200071405"').replace(
        "name: Val d'Ay (nom local)", "name: CC Ailleurs\n    population: 900\n    population_year: 2023"),
        encoding="utf-8")
    assert load_territory(path).epci("Ailleurs").population == 900


@pytest.mark.parametrize(("written", "other"), [("population", "population_year"), ("population_year", "population")])
def test_a_population_without_its_year_is_refused(tmp_path: Path, written: str, other: str) -> None:
    """Half from the file and half from the reference would pair a figure with another year's census."""
    path = tmp_path / "essai.yaml"
    path.write_text(SIREN_ONLY.replace('  - siren: "200071413"\n', f'  - siren: "200071413"\n    {written}: 2020\n'),
                    encoding="utf-8")
    with pytest.raises(InputError) as excinfo:
        load_territory(path)
    [problem] = excinfo.value.problems
    assert problem.where == f"epcis.0.{written}"
    assert problem.message.startswith(f"{written} est indiqué sans {other} : ")
    privas = next(e for e in REFERENCE["epcis"] if e["siren"] == "200071413")
    assert f"({privas['population']} en 2023)" in problem.message


def test_the_documented_refresh_script_writes_a_reference_from_a_package_tarball(tmp_path: Path) -> None:
    """The script of docs/territory.md, run on a small fake tarball of the package (no network)."""
    text = DOCS.read_text(encoding="utf-8")
    script = text.split("<<'EOF'\n", 1)[1].split("\nEOF\n", 1)[0]
    sirens = [e["siren"] for e in SHIPPED["epcis"]]
    epcis = [{"code": s, "nom": f"EPCI {s}", "membres": [{"code": f"07{i:03d}"}, {"code": f"26{i:03d}"}]}
             for i, s in enumerate(sirens)]
    communes = [{"code": f"{d}{i:03d}", "type": "commune-actuelle", "departement": d, "population": p}
                for i in range(len(sirens)) for d, p in (("07", 100 + i), ("26", 200))]
    communes.append({"code": "07000", "type": "commune-deleguee", "departement": "07", "population": 99999})
    tarball = tmp_path / "etalab-decoupage-administratif-9.9.9.tgz"
    with tarfile.open(tarball, "w:gz") as tar:
        for name, content in [("package.json", {"name": "@etalab/decoupage-administratif", "version": "9.9.9"}),
                              ("data/epci.json", epcis), ("data/communes.json", communes)]:
            data = json.dumps(content, ensure_ascii=False).encode()
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    done = subprocess.run([sys.executable, "-", str(tarball), "2099"], input=script, capture_output=True,
                          text=True, encoding="utf-8", cwd=Path(__file__).parents[1], check=True)
    written = yaml.safe_load(done.stdout)
    assert written["source"]["version"] == "9.9.9" and written["source"]["population_year"] == 2099
    assert written["source"]["sha1"] == hashlib.sha1(tarball.read_bytes()).hexdigest()
    assert [e["siren"] for e in written["epcis"]] == sorted(sirens)
    for row in written["epcis"]:
        i = sirens.index(row["siren"])
        assert row == {"siren": row["siren"], "name": f"EPCI {row['siren']}", "communes": 2,
                       "population": 300 + i, "population_year": 2099, "departements": ["26", "07"]}
    assert set(written["source"]) == set(REFERENCE["source"])  # the same keys as the shipped reference
