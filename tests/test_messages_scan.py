"""The terminal speaks the analyst's language: bad candidates files, bad scenarios, infeasible rules, broken
manifests and bad overrides give messages with no English word in French (the default) and no French word in
English (`--lang en`). What the data say (file names, paths, YAML paths, column names, values in quotes) is
shown as written and taken out before the scan."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from optimiser import messages
from optimiser.cli import main
from optimiser.scenarios import DEMO_CANDIDATES, SCENARIO_DIR
from optimiser.territory import load_territory

from .test_cli import BAD_FILES, csv_file

BASELINE = SCENARIO_DIR / "baseline.yaml"
ENGLISH = {"the", "of", "and", "is", "are", "with", "without", "expected", "must", "got", "write", "should",
           "not", "missing", "found", "row", "column", "cannot", "give", "than", "which", "allowed",
           "unknown", "mean", "did", "each", "every", "only", "be", "it", "its", "an", "or", "no", "at", "least"}
FRENCH = {"le", "la", "les", "des", "du", "et", "est", "sont", "avec", "sans", "ligne", "colonne", "attendu",
          "doit", "écrivez", "inconnu", "inconnue", "fichier", "aucun", "une", "dans", "pour", "par"}
QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`|«[^»\n]*»|“[^”\n]*”")
PATHLIKE = re.compile(r"(?:/[^\s:;,()]+)+|[\w.-]+\.(?:csv|xlsx|yaml|yml|json|md|html|txt|pdf)\b")
KEYLIKE = re.compile(r"\b[\w-]+(?:[.\[][\w\]'-]*)+|\b\w+_\w+\b|--[\w-]+|-[so]\b")


TERRITORY = load_territory()
NAMES = tuple(sorted({name for e in TERRITORY.epcis for name in (e.name, *e.aliases)}
                     | {p.label for p in TERRITORY.priorities}, key=len, reverse=True))  # data, shown as written


def foreign_words(text: str, lang: str, data: tuple[str, ...] = NAMES) -> list[str]:
    for item in data:
        text = text.replace(item, " ")
    for pattern in (QUOTED, PATHLIKE, KEYLIKE):
        text = pattern.sub(" ", text)
    words = {w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ]+", text)}
    return sorted(words & (ENGLISH if lang == "fr" else FRENCH))


def run(capsys, *args: object) -> tuple[int, str]:
    with pytest.raises(SystemExit) as caught:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return caught.value.code, err + out


def scenario(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "scenario.yaml"
    path.write_text(f"extends: {BASELINE}\nname: Test\n{body}", encoding="utf-8")
    return path


SCENARIOS = {
    "unknown key": "envelop_eur: 100\n",
    "text for a number": "envelope_eur: beaucoup\n",
    "a share as a percentage": "constraints:\n  epci:\n    default: {max_share: 35}\n",
    "negative envelope": "envelope_eur: -5\n",
    "bad expression": "scoring:\n  pillars:\n    growth:\n      criteria:\n        x: {expression: \"open('f')\", "
                      "weight: 1}\n",
    "unknown column": "eligibility:\n  rules: [\"months_to_strat <= 24\"]\n",
    "unknown EPCI": "constraints:\n  epci:\n    \"Val d Ai\": {min_projects: 1}\n",
    "infeasible floor": "constraints:\n  epci:\n    \"Val d'Ay\": {min_projects: 3}\n",
    "infeasible minimums": "constraints:\n  epci:\n    default: {min_eur: 300000}\n",
    "unknown lock": "constraints:\n  lock_in: [P0O4]\n",
    "bad override": "overrides:\n  - {id: P0O4, decision: garder, reason: court, by: '', date: 10/12/2026}\n",
    "not YAML": "scoring: [unclosed\n",
}


def outcomes(capsys, tmp_path: Path, lang: str) -> dict[str, str]:
    """Every case's terminal text in `lang`."""
    said = {}
    extra = ["--lang", lang]
    for name, (header, rows, _) in BAD_FILES.items():
        folder = tmp_path / f"file-{len(said)}"
        folder.mkdir()
        said[f"file: {name}"] = run(capsys, "validate", csv_file(folder, rows, header), *extra)[1]
    for name, body in SCENARIOS.items():
        folder = tmp_path / f"scenario-{len(said)}"
        folder.mkdir()
        code, text = run(capsys, "allocate", DEMO_CANDIDATES, "-s", scenario(folder, body), "-o", folder / "out",
                         *extra)
        assert code in (2, 3), (name, text)
        said[f"scenario: {name}"] = text
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "manifest.json").write_text("{\"tool\": \"optimiser\"}", encoding="utf-8")
    said["manifest"] = run(capsys, "verify", broken, *extra)[1]
    said["replay into itself"] = run(capsys, "replay", broken, "-o", broken, *extra)[1]
    said["score to .pdf"] = run(capsys, "score", DEMO_CANDIDATES, "-s", BASELINE, "-o", tmp_path / "x.pdf", *extra)[1]
    return said


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_error_speaks_the_chosen_language(capsys, tmp_path, lang):
    said = outcomes(capsys, tmp_path, lang)
    assert all("Traceback" not in text for text in said.values())
    leaks = {name: foreign_words(text, lang) for name, text in said.items()}
    assert {name: words for name, words in leaks.items() if words} == {}


def test_french_is_the_default_and_the_environment_chooses_english(capsys, tmp_path, monkeypatch):
    messages.use(None)
    monkeypatch.delenv(messages.ENV, raising=False)
    code, text = run(capsys, "allocate", DEMO_CANDIDATES, "-s", scenario(tmp_path, "envelop_eur: 100\n"), "-o",
                     tmp_path / "out")
    assert code == 2 and text.startswith("Erreur : ")
    monkeypatch.setenv(messages.ENV, "en")
    code, text = run(capsys, "allocate", DEMO_CANDIDATES, "-s", scenario(tmp_path, "envelop_eur: 100\n"), "-o",
                     tmp_path / "out")
    assert code == 2 and text.startswith("Error: ")
    messages.use(None)


def test_the_scan_sees_english_in_french():
    assert foreign_words("Erreur : the file is not UTF-8 text", "fr") == ["is", "not", "the"]
    assert foreign_words("Erreur : candidats.csv, ligne 2, colonne 'siren' : SIREN invalide", "fr") == []
    assert foreign_words("Error: la colonne est vide", "en") == ["colonne", "est", "la"]
