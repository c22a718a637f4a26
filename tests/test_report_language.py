"""The committee's pages speak one language: the demo's report.md, report.html, comparison and robustness
pages hold no English word and no internal identifier in French, and no French sentence in English.

Words that come from the data (scenario names and descriptions, pillar and criterion labels, EPCI and
priority names, companies, ids, file names) are shown as given and taken out before the scan."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from optimiser.catalogue import TEXT
from optimiser.catalogue.columns import HEADERS
from optimiser.catalogue.outcomes import REASON_LABELS
from optimiser.cli import main
from optimiser.config import load_scenario
from optimiser.loading import load_candidates
from optimiser.loading.schema import CANONICAL
from optimiser.scenarios import DEMO_CANDIDATES, SCENARIO_DIR, shipped_scenarios

ENGLISH = {"the", "of", "and", "is", "are", "with", "without", "funded", "missing", "given", "worst", "which",
           "than", "more", "less", "not", "by", "for", "from", "value", "reached", "rank", "scenario", "left",
           "cap", "share", "none", "true", "false", "each", "every", "to", "still", "even", "holds"}
FRENCH = {"le", "la", "les", "des", "du", "et", "est", "sont", "avec", "sans", "financé", "financés", "non",
          "par", "pour", "une", "un", "au", "aux", "dans", "selon", "règle", "plafond", "enveloppe", "motif"}
PYTHON = {"None", "True", "False", "nan", "NaN", "inf"}
SNAKE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")
FILE_NAME = re.compile(r"[\w.-]+\.(?:csv|md|html|xlsx|json|yaml|pdf)\b")
DOTTED = re.compile(r"\b[a-z_]+(?:\.[a-z_]+){2,}\b")


def visible(path: Path) -> str:
    """The text a reader sees: Markdown as written; HTML without its styles and tags (a chart's title and
    description kept)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = re.sub(r"<style.*?</style>", " ", text, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
        text = html.unescape(text)
    return text


def data_words() -> list[str]:
    """What the data say, longest first (so that a label is removed before the words inside it)."""
    words: set[str] = set()
    for path in shipped_scenarios():
        loaded = load_scenario(path)
        s = loaded.scenario
        words |= {s.name, s.description or "", path.stem, path.name, loaded.territory.name}
        for pillar in s.scoring.pillars.values():
            words.add(pillar.label or "")
            words |= {c.label or "" for c in pillar.criteria.values()}
        words |= {total.label or "" for total in s.constraints.totals}
        words |= {e.name for e in loaded.territory.epcis} | {p.label for p in loaded.territory.priorities}
        table = load_candidates(DEMO_CANDIDATES, loaded.territory).table
        words |= set(table["name"]) | set(table["id"])
    words |= {DEMO_CANDIDATES.name}
    return sorted(filter(None, words), key=len, reverse=True)


def internal_keys(lang: str = "fr") -> set[str]:
    """Reason codes, columns, pillar, criterion and priority keys: every one written with `_`, and those
    without that are no word of the texts in `lang` (in French `competences`, `growth`; not `export`)."""
    keys = set(REASON_LABELS) | set(CANONICAL)
    for path in shipped_scenarios():
        loaded = load_scenario(path)
        s = loaded.scenario
        keys |= {p.key for p in loaded.territory.priorities}
        for name, pillar in s.scoring.pillars.items():
            keys |= {name, *pillar.criteria}
            keys |= {c.column for c in pillar.criteria.values() if c.column}
    words = " ".join([*data_words(), *HEADERS[lang].values(), *(v[lang] for v in TEXT.values())]).lower()
    vocabulary = set(re.findall(r"[a-zà-ÿ]+", words))
    return {k for k in keys if "_" in k or k.lower() not in vocabulary}


def scan(text: str, lang: str, data: list[str], keys: set[str]) -> list[str]:
    for word in data:
        text = text.replace(word, " ")
    text = FILE_NAME.sub(" ", text)  # a file is named as it is on disk
    found = set(SNAKE.findall(text)) | set(DOTTED.findall(text))
    tokens = set(re.findall(r"[A-Za-zÀ-ÿ_]+", text))
    found |= tokens & (keys | PYTHON)
    foreign = ENGLISH if lang == "fr" else FRENCH
    found |= {w for w in tokens if w.lower() in foreign}
    return sorted(found)


def run_demo(out: Path, lang: str) -> Path:
    with pytest.raises(SystemExit) as caught:
        main(["demo", "-o", str(out), "--lang", lang])
    assert caught.value.code == 0
    with pytest.raises(SystemExit) as caught:
        main(["sensitivity", str(DEMO_CANDIDATES), "-s", str(SCENARIO_DIR / "baseline.yaml"), "--draws", "8",
              "--jobs", "1", "-o", str(out / "robustesse"), "--lang", lang])
    assert caught.value.code == 0
    return out


@pytest.fixture(scope="module", params=["fr", "en"])
def pages(request, tmp_path_factory) -> tuple[str, list[Path]]:
    out = run_demo(tmp_path_factory.mktemp(f"demo_{request.param}"), request.param)
    found = [p for p in sorted(out.rglob("*")) if p.suffix in (".md", ".html") and "inputs" not in p.parts]
    assert {p.name for p in found} >= {"report.md", "report.html", "comparison.md", "comparison.html",
                                       "robustness.md", "robustness.html"}
    return request.param, found


def test_the_committees_pages_speak_one_language_and_hide_internal_keys(pages):
    lang, paths = pages
    data, keys = data_words(), internal_keys(lang)
    problems = {"/".join(p.parts[-2:]): scan(visible(p), lang, data, keys) for p in paths}
    assert {name: words for name, words in problems.items() if words} == {}


def test_the_scan_sees_a_leak(tmp_path):
    """The scan can fail: an English note, a YAML path, a reason code and a key are each caught."""
    data, keys = data_words(), internal_keys()
    leaks = scan("Note : scoring.pillars.growth.criteria.jobs: 3 missing value(s) given the worst score; "
                 "funded_full; competences", "fr", data, keys)
    assert {"scoring.pillars.growth.criteria.jobs", "missing", "given", "worst", "funded_full",
            "competences"} <= set(leaks)
    assert "to" in scan("exact to 0.001 points", "fr", data, keys)  # a distance to the cut-off, once in English
    assert "enveloppe" in scan("Non financé : enveloppe", "en", data, keys)
