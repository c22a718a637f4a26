"""Replay and verify: the files actually in a folder are checked, a moved dossier replays on its own, and no
manifest.json, whatever its shape, gets more than a clean exit code 2."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from optimiser.app import manifest
from optimiser.app.files import tree
from optimiser.catalogue import t
from optimiser.cli import main
from optimiser.scenarios import DEMO_CANDIDATES, SCENARIO_DIR

BASELINE = SCENARIO_DIR / "baseline.yaml"
TERRITORY = SCENARIO_DIR.parent / "territories" / "ardeche-drome-nord.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as caught:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return caught.value.code, out, err


def contents(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in tree(folder)}


def call(root: Path) -> Path:
    """A call's inputs in their own folders: the variant extends the base from another folder, by a relative
    path, and names a territory file two folders up."""
    (root / "scenarios" / "base").mkdir(parents=True)
    (root / "scenarios" / "variantes").mkdir()
    shutil.copyfile(DEMO_CANDIDATES, root / "candidats.csv")
    shutil.copyfile(BASELINE, root / "scenarios" / "base" / "baseline.yaml")
    shutil.copyfile(TERRITORY, root / "territoire.yaml")
    (root / "scenarios" / "variantes" / "emplois.yaml").write_text(
        "extends: ../base/baseline.yaml\nname: Emplois d'abord\nterritory: ../../territoire.yaml\n"
        "scoring:\n  pillars:\n    growth: {weight: 0.8}\n    decarbonisation: {weight: 0.2}\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def dossier(tmp_path_factory) -> Path:
    """The results of one allocation on a call whose files are then renamed away: only the dossier is left."""
    work = tmp_path_factory.mktemp("work")
    inputs = call(work / "appel")
    out = work / "resultats" / "reference"
    with pytest.raises(SystemExit) as caught:
        main(["allocate", str(inputs / "candidats.csv"), "-s", str(inputs / "scenarios" / "variantes" / "emplois.yaml"),
              "-o", str(out)])
    assert caught.value.code == 0
    inputs.rename(work / "appel_renomme")
    return out


def copy_of(dossier: Path, tmp_path: Path, name: str = "archive") -> Path:
    target = tmp_path / name / dossier.name
    shutil.copytree(dossier, target)
    return target


def test_the_manifest_is_relative_and_the_inputs_are_copied(dossier):
    recorded = json.loads((dossier / "manifest.json").read_text(encoding="utf-8"))
    assert recorded["request"] == {"command": "allocate", "candidates": "inputs/candidats.csv",
                                   "scenario": "inputs/scenarios/variantes/emplois.yaml", "lang": "fr",
                                   "csv": "excel"}
    assert [(i["role"], i["path"]) for i in recorded["inputs"]] == [
        ("candidates", "inputs/candidats.csv"), ("scenario", "inputs/scenarios/variantes/emplois.yaml"),
        ("extends", "inputs/scenarios/base/baseline.yaml"), ("territory", "inputs/territoire.yaml")]
    assert str(dossier.parent.parent) not in (dossier / "manifest.json").read_text(encoding="utf-8")
    assert tree(dossier) == sorted([*recorded["outputs"], "manifest.json"])
    assert (dossier / "inputs" / "candidats.csv").read_bytes() == DEMO_CANDIDATES.read_bytes()


def test_a_moved_dossier_replays_byte_for_byte(capsys, dossier, tmp_path):
    archived = copy_of(dossier, tmp_path)
    code, text, err = run(capsys, "replay", archived, "-o", tmp_path / "verification")
    assert code == 0, err
    assert text.startswith(f"Rejoué {archived} : ") and "identiques octet pour octet" in text
    assert contents(tmp_path / "verification") == contents(archived)
    assert run(capsys, "verify", archived)[0] == 0


def test_a_moved_comparison_replays_byte_for_byte(capsys, tmp_path):
    inputs = call(tmp_path / "appel")
    out = tmp_path / "comparaison"
    scenarios = [inputs / "scenarios" / "base" / "baseline.yaml", inputs / "scenarios" / "variantes" / "emplois.yaml"]
    assert run(capsys, "compare", inputs / "candidats.csv", *scenarios, "-o", out)[0] == 0
    shutil.rmtree(inputs)
    moved = tmp_path / "ailleurs" / "comparaison"
    moved.parent.mkdir()
    out.rename(moved)
    code, _, err = run(capsys, "replay", moved / "manifest.json", "-o", tmp_path / "again")
    assert code == 0, err
    assert contents(tmp_path / "again") == contents(moved)
    sub = json.loads((moved / "emplois" / "manifest.json").read_text(encoding="utf-8"))
    assert sub["part_of"] == "../manifest.json" and sub["request"]["candidates"] == "../inputs/candidats.csv"
    assert run(capsys, "verify", moved / "emplois")[0] == 0
    code, _, err = run(capsys, "replay", moved / "emplois", "-o", tmp_path / "third")
    assert code == 2 and f"rejouez ce dossier : optimiser replay {moved} -o NOUVEAU" in err
    assert not (tmp_path / "third").exists()


def _times_ten(path: Path) -> None:
    """One amount of allocation.csv (French Excel's dialect) multiplied by 10, the rest of the file untouched."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\r\n").split(";")
    at = header.index(t("amount"))
    row = next(k for k, line in enumerate(lines[1:], start=1) if line.split(";")[at] != "0")
    cells = lines[row].split(";")
    cells[at] = str(int(cells[at]) * 10)
    lines[row] = ";".join(cells)
    path.write_text("".join(lines), encoding="utf-8")


def test_an_edited_result_fails_replay_and_verify_with_its_name(capsys, dossier, tmp_path):
    archived = copy_of(dossier, tmp_path)
    _times_ten(archived / "allocation.csv")
    code, text, err = run(capsys, "verify", archived)
    assert code == 5 and "identiques" not in text
    assert err == (f"Erreur : {archived} : les fichiers ne sont pas ceux que son manifest.json enregistre :\n"
                   "  - allocation.csv diffère du SHA-256 enregistré dans le manifeste\n")
    code, text, err = run(capsys, "replay", archived, "-o", tmp_path / "again")
    assert code == 5 and "identiques" not in text
    assert err == f"Erreur : Le rejeu dans {tmp_path / 'again'} diffère de {archived} :\n  - allocation.csv diffère\n"


def test_a_manifest_edited_with_the_file_passes_verify_but_not_replay(capsys, dossier, tmp_path):
    archived = copy_of(dossier, tmp_path)
    _times_ten(archived / "allocation.csv")
    body = json.loads((archived / "manifest.json").read_text(encoding="utf-8"))
    body["outputs"]["allocation.csv"] = manifest.sha256_file(archived / "allocation.csv")
    (archived / "manifest.json").write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert run(capsys, "verify", archived)[0] == 0  # what verify cannot prove, as documented
    code, _, err = run(capsys, "replay", archived, "-o", tmp_path / "again")
    assert code == 5 and "  - allocation.csv diffère\n" in err and "  - manifest.json diffère\n" in err


def test_added_and_missing_files_are_named(capsys, dossier, tmp_path):
    archived = copy_of(dossier, tmp_path)
    (archived / "report.md").unlink()
    (archived / "inputs" / "extra.csv").write_text("x\n", encoding="utf-8")
    code, _, err = run(capsys, "verify", archived)
    assert code == 5 and "  - inputs/extra.csv a été ajouté : le manifeste ne le mentionne pas\n" in err
    assert "  - report.md est absent\n" in err
    code, _, err = run(capsys, "replay", archived, "-o", tmp_path / "again")
    assert code == 5
    assert f"  - inputs/extra.csv a été ajouté à {archived} : le rejeu ne l'écrit pas\n" in err
    assert f"  - report.md est absent de {archived}\n" in err


def test_replay_names_a_changed_input_and_runs_nothing(capsys, dossier, tmp_path):
    archived = copy_of(dossier, tmp_path)
    copy = archived / "inputs" / "candidats.csv"
    copy.write_bytes(copy.read_bytes().replace(b"P001;", b"P001b;"))
    code, _, err = run(capsys, "replay", archived, "-o", tmp_path / "again")
    assert code == 2
    assert f"le fichier des candidats {copy} a changé depuis l'exécution (SHA-256 enregistré " in err
    assert not (tmp_path / "again").exists()


def test_replay_takes_the_inputs_from_elsewhere_checked_by_sha256(capsys, dossier, tmp_path):
    archived = copy_of(dossier, tmp_path)
    shutil.rmtree(archived / "inputs")  # archived without the confidential inputs
    code, _, err = run(capsys, "replay", archived, "-o", tmp_path / "again")
    assert code == 2 and f"le fichier des candidats {archived / 'inputs' / 'candidats.csv'} est absent" in err
    assert "indiquez --inputs DOSSIER, un dossier contenant les fichiers d'origine disposés comme" in err

    originals = dossier.parent.parent / "appel_renomme"
    code, text, err = run(capsys, "replay", archived, "-o", tmp_path / "again", "--inputs", originals)
    assert code == 0, err
    assert f"note : {archived} ne contient aucune copie de ses entrées : elles ont été prises dans {originals}" in text
    assert contents(tmp_path / "again") == contents(dossier)

    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(originals, elsewhere)
    (elsewhere / "territoire.yaml").write_text("# changed\n", encoding="utf-8")
    code, _, err = run(capsys, "replay", archived, "-o", tmp_path / "third", "--inputs", elsewhere)
    assert code == 2 and f"le fichier de territoire {elsewhere / 'territoire.yaml'} a changé depuis l'exécution" in err


def test_replay_says_which_versions_differ(capsys, monkeypatch, dossier, tmp_path):
    real = manifest.versions()
    monkeypatch.setattr(manifest, "versions", lambda: {**real, "pulp": "99.0", "highspy": "absent"})
    code, text, err = run(capsys, "replay", dossier, "-o", tmp_path / "again")
    assert code == 0, err
    assert f"note : version : highspy {real['highspy']} à l'enregistrement, absent aujourd'hui" in text
    assert f"note : version : pulp {real['pulp']} à l'enregistrement, 99.0 aujourd'hui" in text


def test_a_replay_never_replaces_what_it_checks(capsys, dossier, tmp_path):
    archived = copy_of(dossier, tmp_path)
    before = contents(archived)
    for target in (archived, archived / "sub", archived.parent):
        code, _, err = run(capsys, "replay", archived, "-o", target, "--force")
        assert code == 2 and "un rejeu ne doit pas remplacer ce qu'il vérifie" in err
    assert contents(archived) == before


def test_an_absolute_extends_is_said_and_replays_where_it_points(capsys, tmp_path):
    scenario = tmp_path / "variante.yaml"
    scenario.write_text(f"extends: {BASELINE}\nname: Variante\n", encoding="utf-8")
    code, text, err = run(capsys, "allocate", DEMO_CANDIDATES, "-s", scenario, "-o", tmp_path / "out")
    assert code == 0, err
    assert f"note : {BASELINE.resolve()} a été lu hors de {tmp_path / 'out'} : un « extends: » écrit en " \
           "chemin absolu" in text
    assert run(capsys, "replay", tmp_path / "out", "-o", tmp_path / "again")[0] == 0


# -- manifests of every shape ---------------------------------------------------------------------------

def _sensitivity(body: dict, **changes: object) -> dict:
    request = {"command": "sensitivity", "candidates": "inputs/candidats.csv",
               "scenario": "inputs/scenarios/variantes/emplois.yaml", "draws": 10, "seed": 0, "others": [],
               "lang": "fr", **changes}
    return {**body, "request": request}


SHAPES = {
    "not JSON": lambda body: "{\"tool\": \"optimiser\",",
    "empty": lambda body: "",
    "not UTF-8": lambda body: b"\xff\xfe{}",
    "a list": lambda body: [],
    "null": lambda body: None,
    "another tool": lambda body: {**body, "tool": "other"},
    "missing request": lambda body: {k: v for k, v in body.items() if k != "request"},
    "missing outputs": lambda body: {k: v for k, v in body.items() if k != "outputs"},
    "request of the wrong type": lambda body: {**body, "request": "allocate"},
    "unknown command": lambda body: {**body, "request": {**body["request"], "command": "delete"}},
    "a number for a path": lambda body: {**body, "request": {**body["request"], "candidates": 42}},
    "unknown language": lambda body: {**body, "request": {**body["request"], "lang": "de"}},
    "an extra request key": lambda body: {**body, "request": {**body["request"], "jobs": 4}},
    "draws as text": lambda body: _sensitivity(body, draws="10"),
    "draws as a boolean": lambda body: _sensitivity(body, draws=True),
    "negative draws": lambda body: _sensitivity(body, draws=-5),
    "negative seed": lambda body: _sensitivity(body, seed=-1),
    "a 4,000-digit seed": lambda body: _sensitivity(body, seed=int("9" * 4000)),
    "a 5,000-digit number": lambda body: json.dumps(body)[:-1] + ', "seed": ' + "9" * 5000 + "}",
    "deep nesting": lambda body: json.dumps(body)[:-1] + ', "deep": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "inputs not a list": lambda body: {**body, "inputs": "all"},
    "a SHA-256 that is not one": lambda body: {**body, "outputs": {**body["outputs"], "report.md": "abc"}},
    "an output outside the folder": lambda body: {**body, "outputs": {"../../etc/passwd": "0" * 64}},
    "versions of the wrong type": lambda body: {**body, "versions": ["1.0"]},
}


def _write(path: Path, shape: object) -> None:
    if isinstance(shape, bytes):
        path.write_bytes(shape)
    else:
        path.write_text(shape if isinstance(shape, str) else json.dumps(shape), encoding="utf-8")


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_malformed_manifest_exits_2_with_its_path(capsys, dossier, tmp_path, shape):
    archived = copy_of(dossier, tmp_path)
    body = json.loads((archived / "manifest.json").read_text(encoding="utf-8"))
    _write(archived / "manifest.json", SHAPES[shape](body))
    for args in (("replay", archived, "-o", tmp_path / "again"), ("verify", archived)):
        code, text, err = run(capsys, *args)
        assert code == 2, (args[0], err)
        assert err.startswith(f"Erreur : {archived / 'manifest.json'}") and "manifest" in err
        assert "Traceback" not in err + text and "Erreur interne" not in err
    assert not (tmp_path / "again").exists()
    assert sorted(os.listdir(tmp_path)) == ["archive"]


def test_a_request_that_reads_outside_the_copies_is_refused(capsys, dossier, tmp_path):
    archived = copy_of(dossier, tmp_path)
    body = json.loads((archived / "manifest.json").read_text(encoding="utf-8"))
    body["request"]["candidates"] = "../../../../etc/passwd"
    (archived / "manifest.json").write_text(json.dumps(body), encoding="utf-8")
    code, _, err = run(capsys, "replay", archived, "-o", tmp_path / "again")
    assert code == 2 and "la demande lit ../../../../etc/passwd, que le dossier inputs/ ne contient pas" in err
    assert not (tmp_path / "again").exists()
