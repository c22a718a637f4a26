"""Output folders: written whole or not at all, one run at a time, never over files the tool did not write,
named safely, and environment problems told as such (exit code 2), never as internal errors."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from optimiser.app import outdir as outdir_module
from optimiser.app.files import tree
from optimiser.app.outdir import LOCK, PREVIOUS, STAGING, hold
from optimiser.cli import main
from optimiser.comparison import folder_name, folder_names
from optimiser.scenarios import DEMO_CANDIDATES, SCENARIO_DIR

BASELINE = SCENARIO_DIR / "baseline.yaml"
VARIANT = SCENARIO_DIR / "decarbonisation.yaml"
TIMEOUT_S = 300


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as caught:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return caught.value.code, out, err


def state(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of a folder tree with its bytes and modification time."""
    return {name: ((folder / name).read_bytes(), (folder / name).stat().st_mtime_ns) for name in tree(folder)}


def allocate(capsys, out: Path, scenario: Path = BASELINE, *extra: object) -> tuple[int, str, str]:
    return run(capsys, "allocate", DEMO_CANDIDATES, "-s", scenario, "-o", out, *extra)


@pytest.fixture(scope="module")
def earlier(tmp_path_factory) -> Path:
    """A complete results folder of the baseline, to copy."""
    out = tmp_path_factory.mktemp("earlier") / "out"
    with pytest.raises(SystemExit) as caught:
        main(["allocate", str(DEMO_CANDIDATES), "-s", str(BASELINE), "-o", str(out)])
    assert caught.value.code == 0
    return out


def copy_of(earlier: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(earlier, out)
    return out


# -- all or nothing -------------------------------------------------------------------------------------

def _fail_on_third_file(monkeypatch: pytest.MonkeyPatch, error: int) -> None:
    """The third result file written gets half its bytes, then the write fails as `error` does."""
    real = outdir_module.write_new
    calls = []

    def write_new(path: Path, data: str | bytes) -> None:
        calls.append(path)
        if len(calls) == 3:
            raw = data.encode("utf-8") if isinstance(data, str) else data
            path.write_bytes(raw[: len(raw) // 2])
            raise OSError(error, os.strerror(error), str(path))
        real(path, data)

    monkeypatch.setattr(outdir_module, "write_new", write_new)


@pytest.mark.parametrize("error,cause", [(errno.ENOSPC, "le disque est plein"), (errno.EROFS, "lecture seule"),
                                         (errno.EACCES, "permission refusée"), (errno.EIO, "erreur d'entrée/sortie")])
def test_a_write_failing_half_way_leaves_the_previous_folder_byte_identical(capsys, monkeypatch, earlier, tmp_path,
                                                                             error, cause):
    out = copy_of(earlier, tmp_path)
    before, beside = state(out), sorted(os.listdir(tmp_path))
    _fail_on_third_file(monkeypatch, error)
    code, text, err = allocate(capsys, out, VARIANT, "--force")
    assert code == 2, err
    assert err.startswith("Erreur : les résultats n'ont pas pu être écrits : ") and cause in err
    assert f"{tmp_path / STAGING.format('out')}{os.sep}" in err  # the file that failed, named in full
    assert f"Rien n'a été écrit : {out} est tel qu'il était." in err
    assert "Traceback" not in err + text and "Erreur interne" not in err
    assert state(out) == before
    assert sorted(os.listdir(tmp_path)) == beside  # no staging folder, no lock left beside it


def test_a_fresh_run_failing_half_way_leaves_no_folder(capsys, monkeypatch, tmp_path):
    out = tmp_path / "fresh"
    _fail_on_third_file(monkeypatch, errno.ENOSPC)
    code, _, err = allocate(capsys, out)
    assert code == 2 and "le disque est plein" in err and f"{out} n'a pas été créé" in err
    assert os.listdir(tmp_path) == []


def test_a_full_disk_while_copying_the_inputs_or_swapping_changes_nothing(capsys, monkeypatch, earlier, tmp_path):
    out = copy_of(earlier, tmp_path)
    before = state(out)

    def full(*args: object) -> str:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "x"))

    monkeypatch.setattr(outdir_module, "copy_new", full)
    assert allocate(capsys, out, VARIANT, "--force")[0] == 2
    monkeypatch.undo()
    monkeypatch.setattr(outdir_module, "_exchange", full)
    code, _, err = allocate(capsys, out, VARIANT, "--force")
    assert code == 2 and "le disque est plein" in err
    assert state(out) == before and sorted(os.listdir(tmp_path)) == ["out"]


def test_a_bug_exits_1_and_leaves_no_result_file(capsys, monkeypatch, tmp_path):
    from optimiser.report import outputs

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("a bug in a renderer")

    monkeypatch.setattr(outputs.markdown, "render", broken)
    code, _, err = allocate(capsys, tmp_path / "out")
    assert code == 1 and err.startswith("Erreur interne : RuntimeError : a bug in a renderer")
    assert os.listdir(tmp_path) == []


FULL_DISK = textwrap.dedent("""
    import json, os, subprocess, sys
    from pathlib import Path
    disk, candidates, old, new = (Path(a) for a in sys.argv[1:5])
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], check=True)
    def allocate(scenario, out, *extra):
        done = subprocess.run([sys.executable, "-m", "optimiser", "allocate", str(candidates), "-s", str(scenario),
                               "-o", str(out), *extra], capture_output=True, text=True)
        return done.returncode, done.stderr
    def files(folder):
        return {str(p.relative_to(folder)): p.read_bytes().hex() for p in sorted(folder.rglob("*")) if p.is_file()}
    first = allocate(old, disk / "out")
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    (disk / "filler").write_bytes(b"x" * max(0, free - 150_000))  # about half of what a run writes
    before = files(disk / "out")
    forced = allocate(new, disk / "out", "--force")
    same = files(disk / "out") == before
    fresh = allocate(new, disk / "fresh")
    (disk / "filler").unlink()
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    read_only = allocate(new, disk / "out", "--force")
    same = same and files(disk / "out") == before
    print(json.dumps({"first": first, "forced": forced, "fresh": fresh, "read_only": read_only, "same": same,
                      "names": sorted(os.listdir(disk)), "out": sorted(files(disk / "out"))}))
""")


@pytest.mark.skipif(not sys.platform.startswith("linux") or os.geteuid() != 0 or not shutil.which("unshare"),
                    reason="mounting a small tmpfs needs root and unshare (the injected failures above run anywhere)")
def test_a_real_full_then_read_only_disk_leaves_the_previous_folder_and_no_fresh_one(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    done = subprocess.run(["unshare", "--mount", "--propagation", "private", sys.executable, "-c", FULL_DISK,
                           disk, DEMO_CANDIDATES, BASELINE, VARIANT],
                          capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    if done.returncode != 0 and "mount" in done.stderr:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip().splitlines()[-1]}")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["first"][0] == 0, report["first"][1]
    code, err = report["forced"]
    assert code == 2 and "le disque est plein" in err and "est tel qu'il était" in err and "Traceback" not in err, err
    assert report["same"], "the earlier results changed"
    code, err = report["fresh"]
    assert code == 2 and "n'a pas été créé" in err, err
    code, err = report["read_only"]
    assert code == 2 and "le système de fichiers est en lecture seule" in err and str(disk) in err, err
    assert report["names"] == ["out"]  # no fresh folder, no staging, no lock
    assert "manifest.json" in report["out"] and "inputs/demo/candidats_demo.csv" in report["out"]


# -- leftovers of a killed run, and the swap without an atomic exchange ------------------------------------

def test_leftovers_of_a_killed_run_are_recognised_and_cleaned(capsys, earlier, tmp_path):
    out = copy_of(earlier, tmp_path)
    staging = tmp_path / STAGING.format("out")
    (staging / "inputs").mkdir(parents=True)
    (staging / "allocation.csv").write_text("half", encoding="utf-8")
    code, text, err = allocate(capsys, out, BASELINE, "--force")
    assert code == 0, err
    assert f"{staging.name} supprimé : laissé inachevé par une exécution qui a été arrêtée" in text
    assert sorted(os.listdir(tmp_path)) == ["out"]

    # Killed between the two renames of the swap without an atomic exchange: the earlier results are put back.
    before = state(out)
    out.rename(tmp_path / PREVIOUS.format("out"))
    code, text, err = allocate(capsys, out, BASELINE)
    assert code == 2 and "contient déjà des résultats" in err
    assert state(out) == before and sorted(os.listdir(tmp_path)) == ["out"]


def test_the_swap_without_an_atomic_exchange_gives_the_same_folder(capsys, monkeypatch, earlier, tmp_path):
    out = copy_of(earlier, tmp_path)
    (tmp_path / "reference").mkdir()
    assert allocate(capsys, tmp_path / "reference" / "out", VARIANT)[0] == 0
    monkeypatch.setattr(outdir_module, "_exchange", lambda a, b: False)
    code, _, err = allocate(capsys, out, VARIANT, "--force")
    assert code == 0, err
    reference = state(tmp_path / "reference" / "out")
    assert {k: v[0] for k, v in state(out).items()} == {k: v[0] for k, v in reference.items()}
    assert sorted(os.listdir(tmp_path)) == ["out", "reference"]


# -- files the tool did not write ----------------------------------------------------------------------

def test_force_never_deletes_files_the_tool_did_not_write(capsys, earlier, tmp_path):
    out = copy_of(earlier, tmp_path)
    (out / "notes du comité.txt").write_text("à garder", encoding="utf-8")
    (out / "annexes").mkdir()
    (out / "annexes" / "courrier.pdf").write_bytes(b"%PDF")
    before = state(out)
    for extra in ((), ("--force",)):
        code, text, err = allocate(capsys, out, VARIANT, *extra)
        assert code == 2 and "Traceback" not in err + text
        assert (f"{out} contient des fichiers qu'optimiser n'a pas écrits (annexes/courrier.pdf, "
                "notes du comité.txt) ; remplacer le dossier les perdrait : déplacez-les, "
                "ou choisissez un autre dossier") in err
        assert state(out) == before

    # Without them, --force replaces every file an earlier run wrote, the files it no longer writes included.
    shutil.rmtree(out / "annexes")
    (out / "notes du comité.txt").unlink()
    code, _, err = allocate(capsys, out, VARIANT, "--force")
    assert code == 0, err
    recorded = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert recorded["request"]["scenario"] == "inputs/scenarios/decarbonisation.yaml"
    assert tree(out) == sorted([*recorded["outputs"], "manifest.json"])


def test_a_broken_manifest_vouches_for_no_file(capsys, earlier, tmp_path):
    out = copy_of(earlier, tmp_path)
    (out / "manifest.json").write_text("{not json", encoding="utf-8")
    code, _, err = allocate(capsys, out, BASELINE, "--force")
    assert code == 2 and "contient des fichiers qu'optimiser n'a pas écrits (allocation.csv" in err


def test_template_replaces_its_own_files_only(capsys, tmp_path):
    out = tmp_path / "appel"
    assert run(capsys, "template", "-o", out)[0] == 0
    (out / "scenario.yaml").write_text("# edited\n", encoding="utf-8")
    code, _, err = run(capsys, "template", "-o", out)
    assert code == 2 and "--force" in err
    assert run(capsys, "template", "-o", out, "--force")[0] == 0
    assert (out / "scenario.yaml").read_text(encoding="utf-8") != "# edited\n"
    # A filled-in template is the user's input, not results: allocate never replaces it.
    code, _, err = allocate(capsys, out, BASELINE, "--force")
    assert code == 2 and "contient des fichiers qu'optimiser n'a pas écrits (candidats.csv" in err


# -- one run per folder --------------------------------------------------------------------------------

def test_a_second_run_is_refused_at_once_and_named(capsys, earlier, tmp_path):
    out = copy_of(earlier, tmp_path)
    before = state(out)
    fd = hold(tmp_path / LOCK.format("out"), out)
    try:
        for args in (("allocate", DEMO_CANDIDATES, "-s", VARIANT, "-o", out, "--force"),
                     ("compare", DEMO_CANDIDATES, BASELINE, VARIANT, "-o", out, "--force"),
                     ("template", "-o", out, "--force")):
            code, _, err = run(capsys, *args)
            assert code == 2, err
            assert f"{out} est en cours d'écriture par une autre exécution d'optimiser (processus {os.getpid()}, " \
                in err
            assert "attendez qu'elle se termine, ou choisissez un autre dossier" in err
    finally:
        os.close(fd)
    assert state(out) == before


def test_two_runs_at_once_one_writes_the_other_is_refused(tmp_path):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "optimiser", "allocate", str(DEMO_CANDIDATES), "-o", str(out), "-s"]
    processes = [subprocess.Popen(command + [str(s)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for s in (BASELINE, VARIANT)]
    ends = [(p.wait(timeout=TIMEOUT_S), p.stderr.read()) for p in processes]
    codes = sorted(code for code, _ in ends)
    assert codes == [0, 2], ends
    refused = next(err for code, err in ends if code == 2)
    assert "est en cours d'écriture par une autre exécution" in refused or "contient déjà des résultats" in refused
    with pytest.raises(SystemExit) as caught:
        main(["verify", str(out)])
    assert caught.value.code == 0  # one complete result set
    assert sorted(os.listdir(tmp_path)) == ["out"]


# -- names from user data ------------------------------------------------------------------------------

@pytest.mark.parametrize("label,expected", [("..", "scenario"), (".", "scenario"), (".cache", "cache"),
                                            ("a/b", "a_b"), ("a\\b", "a_b"), ("CON", "_CON"), ("nul.old", "_nul.old"),
                                            ("COM1", "_COM1"), ("équilibre territorial", "équilibre_territorial"),
                                            ("x" * 300, "x" * 100), ("baseline", "baseline")])
def test_folder_names_stay_inside_their_folder(label, expected):
    assert folder_name(label) == expected


def test_folder_names_are_distinct_whatever_the_case():
    assert folder_names(["Base", "base", "..", "...", "inputs"], {"inputs", "manifest.json"}) == \
        {"Base": "Base", "base": "base-2", "..": "scenario", "...": "scenario-2", "inputs": "inputs-2"}


def test_a_scenario_file_named_dots_stays_inside_outdir(capsys, tmp_path):
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    shutil.copyfile(BASELINE, scenarios / "baseline.yaml")
    for name in ("...yaml", "CON.yaml", "inputs.yaml"):
        (scenarios / name).write_text("extends: baseline.yaml\nname: Variante\n", encoding="utf-8")
    out = tmp_path / "comparaison" / "out"
    code, _, err = run(capsys, "compare", DEMO_CANDIDATES, scenarios, "-o", out)
    assert code == 0, err
    assert sorted(os.listdir(tmp_path)) == ["comparaison", "scenarios"]
    assert sorted(os.listdir(tmp_path / "comparaison")) == ["out"]
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert folders == ["_CON", "baseline", "inputs", "inputs-2", "scenario"]
    assert (out / "scenario" / "allocation.csv").is_file()
    assert [p.name for p in (out / "inputs").rglob("*.yaml")].count("...yaml") == 1  # its copy keeps its name
    assert run(capsys, "verify", out)[0] == 0


# -- environment problems ------------------------------------------------------------------------------

def test_an_output_path_under_a_file_exits_2_with_the_path(capsys, tmp_path):
    blocker = tmp_path / "fichier"
    blocker.write_bytes(b"keep me")
    for out, cause in ((blocker / "out", "il existe et n'est pas un dossier"),
                       (blocker / "a" / "out", "une partie de ce chemin est un fichier, pas un dossier")):
        code, text, err = allocate(capsys, out)
        assert code == 2 and cause in err and str(blocker) in err, err
        assert "Erreur interne" not in err and "Traceback" not in err + text
    assert blocker.read_bytes() == b"keep me" and os.listdir(tmp_path) == ["fichier"]


def test_score_to_a_full_disk_exits_2(capsys, monkeypatch, tmp_path):
    from optimiser.app import files

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "scores.csv"))

    monkeypatch.setattr(files, "write_atomic", full)
    code, _, err = run(capsys, "score", DEMO_CANDIDATES, "-s", BASELINE, "-o", tmp_path / "scores.csv")
    assert code == 2
    assert err == (f"Erreur : {tmp_path / 'scores.csv'}: le disque est plein : libérez de la place, "
                   "ou écrivez ailleurs\n")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in a read-only folder anyway")
def test_a_folder_without_write_permission_exits_2(capsys, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        code, _, err = allocate(capsys, locked / "out")
    finally:
        locked.chmod(0o755)
    assert code == 2 and "permission refusée" in err and str(locked) in err


def test_the_lock_file_names_the_run_that_holds_it(tmp_path):
    lock = tmp_path / LOCK.format("out")
    fd = hold(lock, tmp_path / "out")
    try:
        text = lock.read_text(encoding="utf-8")
        assert text.startswith(f"processus {os.getpid()}, lancé le {time.strftime('%Y-%m-%d')}")
    finally:
        os.close(fd)
