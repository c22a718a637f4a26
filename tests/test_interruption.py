"""Interrupted and repeated runs: results are never half-written, inputs never touched, row order never matters.

- A real `python -m optimiser allocate ... --force` is killed (SIGKILL, or stopped by SIGTERM) at seeded
  random moments while it replaces earlier results: the folder is, byte for byte, either the earlier one
  or the complete new one, never a mix, and the next run cleans what the killed one left beside it.
- `write_atomic` (`score -o FILE`) failing half-way (disk full, rename refused, interrupted) keeps the
  previous file and leaves no temporary file behind.
- Shuffling the candidates' rows changes nothing but the input's SHA-256 in what is written.
- An OUTDIR that already holds results is left alone without --force.
"""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from optimiser.app import files
from optimiser.app.files import tree
from optimiser.app.outdir import STAGING
from optimiser.cli import main
from optimiser.scenarios import DEMO_CANDIDATES, SCENARIO_DIR

KILLS = 12
KILL_SEED = 20240611
SUBPROCESS_TIMEOUT_S = 300


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in the folder (hidden ones included) with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()} if folder.is_dir() else {}


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as caught:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return caught.value.code, out, err


def optimiser_command(*args: object) -> list[str]:
    return [sys.executable, "-m", "optimiser", *(str(a) for a in args)]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Private copies of the demo candidates and two shipped scenarios (the variant extends the baseline)."""
    folder = tmp_path_factory.mktemp("inputs")
    candidates = folder / DEMO_CANDIDATES.name
    shutil.copyfile(DEMO_CANDIDATES, candidates)
    for name in ("baseline.yaml", "decarbonisation.yaml"):
        shutil.copyfile(SCENARIO_DIR / name, folder / name)
    return {"candidates": candidates, "old": folder / "baseline.yaml", "new": folder / "decarbonisation.yaml"}


# -- killed in the middle of replacing results ---------------------------------------------------------

def whole(folder: Path) -> dict[str, bytes]:
    """Every file of a folder tree with its bytes."""
    return {name: (folder / name).read_bytes() for name in tree(folder)} if folder.is_dir() else {}


def _timed_run(command: list[str], outdir: Path, cwd: Path) -> tuple[float, float, float]:
    """Run to completion, watching the staging folder and OUTDIR every millisecond or so.

    Returns the seconds until the first result file appeared in the staging folder, until OUTDIR was
    swapped (a new folder under its name), and until the process ended.
    """
    staging = outdir.parent / STAGING.format(outdir.name)
    before = outdir.stat().st_ino
    began = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    first_write = swapped = None
    while process.poll() is None:
        if first_write is None and (staging / "allocation.csv").exists():
            first_write = time.perf_counter() - began
        if swapped is None and outdir.exists() and outdir.stat().st_ino != before:
            swapped = time.perf_counter() - began
        time.sleep(0.001)
    total = time.perf_counter() - began
    assert process.wait(timeout=SUBPROCESS_TIMEOUT_S) == 0, process.stderr.read().decode() if process.stderr else ""
    first_write = total if first_write is None else first_write
    return first_write, (total if swapped is None else swapped), total


def test_a_kill_while_replacing_results_leaves_the_old_folder_or_the_new_one(capsys, inputs, tmp_path):
    cwd = tmp_path
    candidates, old_scenario, new_scenario = inputs["candidates"], inputs["old"], inputs["new"]
    watched = [candidates, old_scenario, new_scenario]
    hashes_before = {p: sha256(p) for p in watched}

    # The two references: the earlier results (old scenario), and a complete new run over them.
    old_ref, new_ref, outdir = tmp_path / "old_ref", tmp_path / "new_ref", tmp_path / "out"
    done = subprocess.run(optimiser_command("allocate", candidates, "-s", old_scenario, "-o", old_ref),
                          cwd=cwd, capture_output=True, timeout=SUBPROCESS_TIMEOUT_S, check=False)
    assert done.returncode == 0, done.stderr.decode()
    old = whole(old_ref)
    shutil.copytree(old_ref, new_ref)
    new_command = optimiser_command("allocate", candidates, "-s", new_scenario, "-o", new_ref, "--force")
    first_write, swap, full_run = _timed_run(new_command, new_ref, cwd)
    new = whole(new_ref)
    assert old["allocation.csv"] != new["allocation.csv"], "the two scenarios must give different files"

    # Kill moments (seeded): a third spread over the whole run; the others while the results are written
    # and swapped in, which lasts milliseconds at the end of a run whose length varies more than that on a
    # busy machine: those wait for the first result file in the staging folder, then kill after a random
    # delay spread over the write phase measured above. Every other kill is a SIGTERM, which must say
    # truthfully whether the folder was replaced.
    rng = random.Random(KILL_SEED)
    write_phase = max(0.005, 3 * (swap - first_write))
    plan = [("timed", rng.uniform(0.0, full_run)) for _ in range(KILLS // 3)]
    plan += [("after first write", rng.uniform(0.0, write_phase)) for _ in range(KILLS - KILLS // 3)]
    staging = tmp_path / STAGING.format("out")
    states: list[str] = []
    command = optimiser_command("allocate", candidates, "-s", new_scenario, "-o", outdir, "--force")
    for k, (mode, delay) in enumerate(plan):
        signum = signal.SIGKILL if k % 2 == 0 else signal.SIGTERM
        shutil.rmtree(outdir, ignore_errors=True)
        shutil.copytree(old_ref, outdir)
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if mode == "timed":
            time.sleep(delay)
        else:
            give_up = time.perf_counter() + 3 * full_run + 10
            while process.poll() is None and time.perf_counter() < give_up and \
                    not (staging / "allocation.csv").exists():
                time.sleep(0.0002)
            until = time.perf_counter() + delay
            while time.perf_counter() < until:  # a busy wait: sleep() is too coarse for milliseconds
                pass
        finished = process.poll() is not None
        if not finished:
            process.send_signal(signum)
        _, err = process.communicate(timeout=SUBPROCESS_TIMEOUT_S)

        left = whole(outdir)
        version = "old" if left == old else "new" if left == new else None
        assert version, f"kill {k} ({signum.name}, {mode}, {delay:.4f} s): the folder is neither the old nor the new"
        if signum == signal.SIGTERM and not finished and process.returncode == 143:
            said_written = err == f"Arrêté par SIGTERM après l'écriture complète de {outdir}.\n"
            assert said_written or err in (f"Arrêté par SIGTERM : rien n'a été écrit ({outdir} est tel qu'il était).\n",
                                           "Arrêté par SIGTERM : rien n'a été écrit.\n"), err  # before it was opened
            assert said_written == (version == "new"), f"kill {k}: said {err!r} but the folder is the {version} one"
        assert "Traceback" not in err
        states.append("finished" if finished else f"{signum.name}: {version}")

        if signum == signal.SIGKILL:  # the next run recognises and cleans what the killed one left beside it
            code, _, err = run(capsys, "allocate", candidates, "-s", new_scenario, "-o", outdir, "--force")
            assert code == 0, err
            assert whole(outdir) == new
        assert sorted(os.listdir(tmp_path)) == ["new_ref", "old_ref", "out"], f"kill {k}: leftovers"
    shutil.rmtree(outdir, ignore_errors=True)

    assert {p: sha256(p) for p in watched} == hashes_before, "an input file was modified"
    print(f"\nfull run {full_run:.2f} s, results written from {first_write:.3f} s, swapped at {swap:.3f} s; "
          f"{KILLS} kills: " + ", ".join(f"{d:.3f} s" if m == "timed" else f"first write + {1000 * d:.1f} ms"
                                          for m, d in plan))
    print(f"states after each kill: {states}")


# -- write_atomic failing half-way ---------------------------------------------------------------------

class _HalfWriter(io.RawIOBase):
    """A file handle that writes half of what it is given, then fails like a full disk."""

    def __init__(self, handle: io.BufferedWriter, interrupt: bool) -> None:
        self.handle = handle
        self.interrupt = interrupt

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.handle.write(bytes(data[: len(data) // 2]))
        self.handle.flush()
        if self.interrupt:
            raise KeyboardInterrupt
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self) -> None:
        self.handle.flush()

    def fileno(self) -> int:
        return self.handle.fileno()

    def __exit__(self, *exc: object) -> None:
        self.handle.close()


@pytest.mark.parametrize("failure", ["disk full mid-write", "interrupted mid-write", "fsync fails",
                                     "rename refused"])
@pytest.mark.parametrize("existing", [True, False])
def test_write_atomic_failing_half_way_keeps_the_previous_file(tmp_path, monkeypatch, failure, existing):
    target = tmp_path / "allocation.csv"
    previous = b"id;amount_eur\nP001;100000\n"
    if existing:
        target.write_bytes(previous)
    real_fdopen = os.fdopen
    if failure in ("disk full mid-write", "interrupted mid-write"):
        monkeypatch.setattr(files.os, "fdopen", lambda fd, mode="r", *a, **k: _HalfWriter(
            real_fdopen(fd, mode, *a, **k), interrupt=failure.startswith("interrupted")))
        expected: type[BaseException] = KeyboardInterrupt if failure.startswith("interrupted") else OSError
    elif failure == "fsync fails":
        def fsync(fd: int) -> None:
            raise OSError(errno.EIO, "Input/output error")
        monkeypatch.setattr(files.os, "fsync", fsync)
        expected = OSError
    else:
        def replace(src: object, dst: object) -> None:
            raise PermissionError(errno.EACCES, "Permission denied")
        monkeypatch.setattr(files.os, "replace", replace)
        expected = OSError

    with pytest.raises(expected):
        files.write_atomic(target, "id;amount_eur\n" + "P001;999999\n" * 10_000)
    monkeypatch.undo()
    if existing:
        assert target.read_bytes() == previous
        assert sorted(p.name for p in tmp_path.iterdir()) == ["allocation.csv"]
    else:
        assert not target.exists()
        assert list(tmp_path.iterdir()) == []


def test_write_atomic_replaces_the_whole_file(tmp_path):
    target = tmp_path / "report.md"
    target.write_text("ancien contenu, plus long que le nouveau\n" * 100, encoding="utf-8")
    files.write_atomic(target, "nouveau\n")
    assert target.read_bytes() == b"nouveau\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


# -- row order --------------------------------------------------------------------------------------

def _shuffled_copy(source: Path, folder: Path, seed: int) -> Path:
    """The same file with its data rows in another order; comment lines and header stay first."""
    raw = source.read_bytes()
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    lines = raw[len(bom):].split(b"\r\n")
    trailing = lines[-1] == b""
    lines = lines[:-1] if trailing else lines
    first = next(k for k, line in enumerate(lines) if not line.startswith(b"#"))
    head, rows = lines[: first + 1], lines[first + 1:]
    shuffled = rows[:]
    random.Random(seed).shuffle(shuffled)
    assert shuffled != rows
    folder.mkdir()
    path = folder / source.name   # the same file name: reports show it
    path.write_bytes(bom + b"\r\n".join(head + shuffled) + (b"\r\n" if trailing else b""))
    return path


def _without(data: bytes, *digests: str) -> bytes:
    for digest in digests:
        data = data.replace(digest.encode(), b"<sha256>")
    return data


def _xlsx_parts(data: bytes, *digests: str) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as workbook:
        return {info.filename: _without(workbook.read(info.filename), *digests) for info in workbook.infolist()}


def test_shuffled_rows_give_the_same_results(capsys, tmp_path):
    assert b"\r\n" in DEMO_CANDIDATES.read_bytes()
    reference = tmp_path / "reference"
    reference.mkdir()
    original = reference / DEMO_CANDIDATES.name
    shutil.copyfile(DEMO_CANDIDATES, original)
    scenario = SCENARIO_DIR / "baseline.yaml"
    code, _, err = run(capsys, "allocate", original, "-s", scenario, "-o", tmp_path / "out_reference")
    assert code == 0, err
    expected = snapshot(tmp_path / "out_reference")
    original_sha = sha256(original)

    for seed in (1, 2, 3):
        shuffled = _shuffled_copy(original, tmp_path / f"shuffled{seed}", seed)
        out = tmp_path / f"out{seed}"
        code, _, err = run(capsys, "allocate", shuffled, "-s", scenario, "-o", out)
        assert code == 0, err
        got = snapshot(out)
        shuffled_sha = sha256(shuffled)
        assert shuffled_sha != original_sha
        assert got["allocation.csv"] == expected["allocation.csv"], f"seed {seed}: allocation.csv differs"
        # report.md, report.html and allocation.xlsx name the input's SHA-256, which differs (the bytes do):
        # apart from that, they are identical.
        for name in ("report.md", "report.html"):
            assert shuffled_sha.encode() in got[name] and original_sha.encode() in expected[name]
            assert _without(got[name], shuffled_sha) == _without(expected[name], original_sha), f"seed {seed}: {name}"
        assert _xlsx_parts(got["allocation.xlsx"], shuffled_sha) == \
            _xlsx_parts(expected["allocation.xlsx"], original_sha), f"seed {seed}: allocation.xlsx"
        summary, reference_summary = json.loads(got["summary.json"]), json.loads(expected["summary.json"])
        assert summary.pop("candidates_sha256") == shuffled_sha
        assert reference_summary.pop("candidates_sha256") == original_sha
        assert summary == reference_summary, f"seed {seed}: summary.json differs beyond the input's SHA-256"
        manifest = json.loads(got["manifest.json"])
        assert [i["sha256"] for i in manifest["inputs"] if i["role"] == "candidates"] == [shuffled_sha]
        recorded = json.loads(expected["manifest.json"])["outputs"]
        assert manifest["outputs"]["allocation.csv"] == recorded["allocation.csv"]


# -- an OUTDIR that already holds results -------------------------------------------------------------

def _state(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {name: ((folder / name).read_bytes(), (folder / name).stat().st_mtime_ns) for name in tree(folder)}


def test_existing_results_are_left_alone_without_force(capsys, inputs, tmp_path):
    out = tmp_path / "out"
    code, _, err = run(capsys, "allocate", inputs["candidates"], "-s", inputs["old"], "-o", out)
    assert code == 0, err
    before = _state(out)
    for scenario in (inputs["old"], inputs["new"]):
        code, text, err = run(capsys, "allocate", inputs["candidates"], "-s", scenario, "-o", out)
        assert code == 2 and "--force" in err and "Traceback" not in err + text
        assert _state(out) == before

    # Files no run of the tool wrote (no manifest lists them) are never replaced, even with --force.
    partial = tmp_path / "partial"
    partial.mkdir()
    (partial / "report.html").write_text("<p>someone's report</p>", encoding="utf-8")
    (partial / "notes.txt").write_text("not ours", encoding="utf-8")
    before = _state(partial)
    for extra in ((), ("--force",)):
        code, _, err = run(capsys, "allocate", inputs["candidates"], "-s", inputs["new"], "-o", partial, *extra)
        assert code == 2 and "n'a pas écrits (notes.txt, report.html)" in err
        assert _state(partial) == before

    # A file where the folder should be.
    not_a_folder = tmp_path / "file"
    not_a_folder.write_bytes(b"keep me")
    code, _, err = run(capsys, "allocate", inputs["candidates"], "-s", inputs["new"], "-o", not_a_folder)
    assert code == 2 and "Traceback" not in err
    assert not_a_folder.read_bytes() == b"keep me"


def test_inputs_are_never_modified_by_any_command(capsys, inputs, tmp_path):
    watched = [inputs["candidates"], inputs["old"], inputs["new"]]
    before = {p: (sha256(p), p.stat().st_mtime_ns) for p in watched}
    for args in (("validate", inputs["candidates"], "-s", inputs["new"]),
                 ("score", inputs["candidates"], "-s", inputs["new"], "-o", tmp_path / "scores.csv"),
                 ("allocate", inputs["candidates"], "-s", inputs["new"], "-o", tmp_path / "a"),
                 ("allocate", inputs["candidates"], "-s", inputs["new"], "-o", tmp_path / "a", "--force")):
        code, _, err = run(capsys, *args)
        assert code == 0, err
    assert {p: (sha256(p), p.stat().st_mtime_ns) for p in watched} == before
