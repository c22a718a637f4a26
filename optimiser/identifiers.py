"""Ids as people read them: one spelling per id, invisible characters named, lookalikes told apart.

A person reads `P001`, `P001` followed by a zero-width space, and `Р001` with a Cyrillic `Р` as the same
id; a computer sees three. Ids (and undertakings, locks, overrides) are therefore compared after
Unicode NFC normalisation (a decomposed `é` is the composed one) and trimming, and two ids that still
differ but look alike are caught by their *skeleton*: the Unicode confusable-detection algorithm of
UTS #39 (section 4), `skeleton(X) = NFD(map(NFD(X)))` with the mapping of Unicode's `confusables.txt`
(shipped in `data/unicode/`, version 13.0.0), after dropping invisible characters. Two ids with one
skeleton are ids that a person cannot tell apart.
"""

from __future__ import annotations

import difflib
import gzip
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources

from .messages import say

# Shown as nothing (or as a box) and never typed on purpose: format characters (zero-width spaces and
# joiners, bidirectional controls, the BOM, soft hyphens), controls, line/paragraph separators, and
# the default-ignorable code points outside those categories (variation selectors, Hangul fillers...).
_INVISIBLE_CATEGORIES = {"Cf", "Cc", "Zl", "Zp", "Cs", "Co", "Cn"}
_IGNORABLE = {0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0, *range(0x180B, 0x1810),
              *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)}


def is_invisible(char: str) -> bool:
    return unicodedata.category(char) in _INVISIBLE_CATEGORIES or ord(char) in _IGNORABLE


def without_invisible(text: str) -> str:
    return "".join(c for c in text if not is_invisible(c)) if not text.isascii() or not text.isprintable() else text


def normal(text: str) -> str:
    """The spelling an id is compared by: NFC, surrounding white space and invisible characters removed
    (a BOM or a zero-width space pasted at the end of a cell); invisible characters inside stay, to be named."""
    text = unicodedata.normalize("NFC", text).strip()
    if text.isascii() and text.isprintable():
        return text
    start, end = 0, len(text)
    while start < end and (text[start].isspace() or is_invisible(text[start])):
        start += 1
    while end > start and (text[end - 1].isspace() or is_invisible(text[end - 1])):
        end -= 1
    return text[start:end]


def invisible_characters(text: str) -> list[str]:
    """The invisible characters of a text, named: ['U+200B ZERO WIDTH SPACE']."""
    return list(dict.fromkeys(_name(c) for c in text if is_invisible(c)))


def skeleton(text: str) -> str:
    """UTS #39 skeleton: equal for two texts a person cannot tell apart (not for display). Compatibility
    forms (fullwidth `Ｐ`, ligatures) are folded first, and runs of spaces count as one."""
    if text.isascii() and text.isprintable():
        return " ".join(text.split()).translate(_ascii_table())
    visible = without_invisible(unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text)))
    return unicodedata.normalize("NFD", " ".join(visible.split()).translate(_table()))


def lookalikes(values: Iterable[str], fold_case: bool = False) -> dict[str, str]:
    """Each value that looks like an earlier, different one -> that earlier value (first occurrence wins);
    `fold_case`: values that differ only by case count as alike too."""
    first: dict[str, str] = {}
    found: dict[str, str] = {}
    for value in values:
        key = skeleton(value).casefold() if fold_case else skeleton(value)
        other = first.setdefault(key, value)
        if other != value and value not in found:
            found[value] = other
    return found


def difference(a: str, b: str) -> str:
    """What tells two lookalike texts apart, for a message: the characters that are not plain ASCII."""
    if a.split() == b.split():
        return say("sco_differ_spaces")
    if a.casefold() == b.casefold():
        return say("sco_differ_case")
    odd = list(dict.fromkeys(_name(c) for c in a + b if not (c.isascii() and c.isprintable())))
    if odd:
        return say("sco_differ_by", characters=", ".join(odd))
    return say("sco_differ_lookalike")


def suggestion(wanted: str, known: Iterable[str]) -> str | None:
    """The known id a person most likely meant by `wanted`: a lookalike, the same letters in another case,
    else the closest spelling."""
    known = list(known)
    key = skeleton(normal(wanted))
    same = [k for k in known if skeleton(k) == key]
    if same:
        return same[0]
    folded = normal(wanted).casefold()
    same = [k for k in known if k.casefold() == folded]
    if same:
        return same[0]
    close = difflib.get_close_matches(normal(wanted), known, n=1, cutoff=0.7)
    return close[0] if close else None


_CONTROLS = {0: "NULL", 9: "TAB", 10: "LINE FEED", 13: "CARRIAGE RETURN", 127: "DELETE"}


def _name(char: str) -> str:
    name = unicodedata.name(char, "") or _CONTROLS.get(ord(char)) or say("sco_control_character")
    return f"U+{ord(char):04X} {name}"


@cache
def _table() -> dict[int, str]:
    """confusables.txt as a str.translate table: source code point -> prototype (NFD)."""
    return dict(_mappings(_confusables().splitlines()))


@cache
def _ascii_table() -> dict[int, str]:
    """The part of the table for printable ASCII (0 -> O, 1 -> l, m -> rn...): most ids are ASCII, and
    reading only these lines keeps a small file's check instant (the whole table takes 50 ms to build)."""
    lines = (line for line in _confusables().splitlines() if line.startswith("00"))
    return {source: target for source, target in _mappings(lines) if source < 128}


def _confusables() -> str:
    data = resources.files("optimiser") / "data" / "unicode" / "confusables.txt.gz"
    return gzip.decompress(data.read_bytes()).decode("utf-8-sig")


def _mappings(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    for line in lines:
        fields = line.split("#", 1)[0].split(";")
        if len(fields) < 2 or not fields[0].strip():
            continue
        target = "".join(chr(int(h, 16)) for h in fields[1].split())
        yield int(fields[0].strip(), 16), unicodedata.normalize("NFD", target)
