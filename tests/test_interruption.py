"""Interrupted and repeated runs: results are never half-written, inputs never touched, row order never matters.

- A real `python -m optimiser allocate ... --force` is killed with SIGKILL at seeded random moments
  while it replaces earlier results: every result file left is, byte for byte, either the earlier
  version or the complete new one.
- `write_atomic` failing half-way (disk full, rename refused, interrupted) keeps the previous file and
  leaves no temporary file behind.
- Shuffling the candidates' rows changes nothing but the input's SHA-256 in what is written.
- An OUTDIR that already holds results is left alone without --force.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from optimiser.cli import main
from optimiser.report import files
from optimiser.scenarios import DEMO_CANDIDATES, SCENARIO_DIR

RESULT_FILES = ("allocation.csv", "summary.json", "report.md", "report.html", "allocation.xlsx", "manifest.json")
TEMPORARY = re.compile(r"^\.(?P<target>.+)\.[A-Za-z0-9_]+\.tmp$")  # tempfile.mkstemp(prefix=".<name>.", suffix=".tmp")
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


# -- SIGKILL in the middle of replacing results -------------------------------------------------------

def _timed_run(command: list[str], outdir: Path, cwd: Path) -> tuple[float, float, float]:
    """Run to completion, watching OUTDIR every millisecond or so.

    Returns the seconds until the first write was seen (a temporary file or a replaced result), until
    every result file was replaced, and until the process ended.
    """
    before = {name: (outdir / name).stat().st_mtime_ns for name in RESULT_FILES}
    began = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    first_write = last_write = None
    while process.poll() is None:
        if last_write is None:
            with contextlib.suppress(FileNotFoundError):
                names = [p.name for p in outdir.iterdir()]
                replaced = [n for n in RESULT_FILES if (outdir / n).stat().st_mtime_ns != before[n]]
                if first_write is None and (replaced or any(TEMPORARY.match(n) for n in names)):
                    first_write = time.perf_counter() - began
                if len(replaced) == len(RESULT_FILES):
                    last_write = time.perf_counter() - began
        time.sleep(0.001)
    total = time.perf_counter() - began
    assert process.wait(timeout=SUBPROCESS_TIMEOUT_S) == 0, process.stderr.read().decode() if process.stderr else ""
    first_write = total if first_write is None else first_write
    return first_write, (total if last_write is None else last_write), total


def test_sigkill_while_replacing_results_leaves_each_file_old_or_new(inputs, tmp_path):
    cwd = tmp_path
    candidates, old_scenario, new_scenario = inputs["candidates"], inputs["old"], inputs["new"]
    watched = [candidates, old_scenario, new_scenario]
    hashes_before = {p: sha256(p) for p in watched}

    # The two references: the earlier results (old scenario), and a complete new run over them.
    old_ref, new_ref, outdir = tmp_path / "old_ref", tmp_path / "new_ref", tmp_path / "out"
    done = subprocess.run(optimiser_command("allocate", candidates, "-s", old_scenario, "-o", old_ref),
                          cwd=cwd, capture_output=True, timeout=SUBPROCESS_TIMEOUT_S, check=False)
    assert done.returncode == 0, done.stderr.decode()
    old = snapshot(old_ref)
    assert set(old) == set(RESULT_FILES)
    shutil.copytree(old_ref, new_ref)
    new_command = optimiser_command("allocate", candidates, "-s", new_scenario, "-o", new_ref, "--force")
    first_write, last_write, full_run = _timed_run(new_command, new_ref, cwd)
    new = snapshot(new_ref)
    assert set(new) == set(RESULT_FILES), "a complete run left temporary files"
    assert all(old[n] != new[n] for n in RESULT_FILES), "the two scenarios must give different files"

    # Kill moments (seeded): a third spread over the whole run; the others during the writes, which
    # last a few milliseconds at the end of a run whose length varies more than that on a busy machine:
    # those wait for the first temporary file to appear in OUTDIR, then kill after a random delay
    # spread over the write phase measured above.
    rng = random.Random(KILL_SEED)
    write_phase = max(0.005, 3 * (last_write - first_write))
    plan = [("timed", rng.uniform(0.0, full_run)) for _ in range(KILLS // 3)]
    plan += [("after first write", rng.uniform(0.0, write_phase)) for _ in range(KILLS - KILLS // 3)]
    states: list[str] = []
    strays: list[str] = []
    command = optimiser_command("allocate", candidates, "-s", new_scenario, "-o", outdir, "--force")
    for k, (mode, delay) in enumerate(plan):
        shutil.rmtree(outdir, ignore_errors=True)
        shutil.copytree(old_ref, outdir)
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if mode == "timed":
            time.sleep(delay)
        else:
            give_up = time.perf_counter() + 3 * full_run + 10
            while process.poll() is None and time.perf_counter() < give_up and \
                    not any(TEMPORARY.match(n) for n in os.listdir(outdir)):
                time.sleep(0.0002)
            until = time.perf_counter() + delay
            while time.perf_counter() < until:  # a busy wait: sleep() is too coarse for milliseconds
                pass
        finished = process.poll() is not None
        if not finished:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=SUBPROCESS_TIMEOUT_S)

        left = snapshot(outdir)
        versions = []
        for name in RESULT_FILES:
            assert name in left, f"kill {k} ({mode}, {delay:.4f} s): {name} disappeared"
            if left[name] == old[name]:
                versions.append("old")
            elif left[name] == new[name]:
                versions.append("new")
            else:
                pytest.fail(f"kill {k} ({mode}, {delay:.4f} s): {name} is neither the old nor the new version "
                            f"({len(left[name])} bytes; old {len(old[name])}, new {len(new[name])})")
        for name in set(left) - set(RESULT_FILES):
            match = TEMPORARY.match(name)
            assert match and match["target"] in RESULT_FILES, f"kill {k}: unexpected file {name!r} in OUTDIR"
            assert not name.endswith((".csv", ".json", ".md", ".html", ".xlsx")), name
            strays.append(name)
        count = versions.count("new")
        states.append("finished" if finished else "before writing" if count == 0 and not
                      any(TEMPORARY.match(n) for n in left) else f"{count}/6 new")
    shutil.rmtree(outdir, ignore_errors=True)

    assert {p: sha256(p) for p in watched} == hashes_before, "an input file was modified"
    print(f"\nfull run {full_run:.2f} s, writes seen from {first_write:.3f} s to {last_write:.3f} s; {KILLS} kills: "
          + ", ".join(f"{d:.3f} s" if m == "timed" else f"first write + {1000 * d:.1f} ms" for m, d in plan))
    print(f"states after each kill: {states}")
    print(f"stray temporary files left by SIGKILL: {len(strays)} {sorted(strays)}")


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
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_existing_results_are_left_alone_without_force(capsys, inputs, tmp_path):
    out = tmp_path / "out"
    code, _, err = run(capsys, "allocate", inputs["candidates"], "-s", inputs["old"], "-o", out)
    assert code == 0, err
    before = _state(out)
    for scenario in (inputs["old"], inputs["new"]):
        code, text, err = run(capsys, "allocate", inputs["candidates"], "-s", scenario, "-o", out)
        assert code == 2 and "--force" in err and "Traceback" not in err + text
        assert _state(out) == before

    # One result file is enough to protect the folder; the other files are not created either.
    partial = tmp_path / "partial"
    partial.mkdir()
    (partial / "report.html").write_text("<p>someone's report</p>", encoding="utf-8")
    (partial / "notes.txt").write_text("not ours", encoding="utf-8")
    before = _state(partial)
    code, _, err = run(capsys, "allocate", inputs["candidates"], "-s", inputs["new"], "-o", partial)
    assert code == 2 and "report.html" in err
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
