"""French headers as analysts write them ("N° dossier", "Montant demandé (€)") -> the canonical columns,
and the columns the shipped scoring grid reads ("Emplois créés" -> jobs_created).

The headers are data (`data/headers/fr.yaml`); what is compared is a *French key*: the header as
`header_key` reads it, without accents, punctuation or the small words de, du, des, d', la, le, les, l',
with "N°" (and "Nº", "No") read as "numero". A unit in brackets or after "en" is the column's own
unit or nothing: "(€)" on an amount is read, "(k€)" is refused with what to write, since the tool reads
euros and never guesses a factor. A header listed with its unit ("Part de R&D (%)") is read as listed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

from ..messages import say
from .schema import header_key, is_money

_SMALL_WORDS = {"de", "du", "des", "d", "la", "le", "les", "l"}
_NUMERO = re.compile(r"\b(?:no|num)\b\.?")
_UNIT = re.compile(r"\s*(?:[(\[]([^)\]]*)[)\]]|\ben\s+(\S.*)|\s(€|eur|euros?))\s*$", re.IGNORECASE)
_MULTIPLIED = re.compile(r"(?:k|m|md|mds|milliers?|millions?|milliards?)\s*(?:€|eur|euros?)?")
_COUNTS = {"nombre", "nb", "etp", "salaries", "personnes", "emplois"}


def french_key(text: str) -> str:
    """How a French header is compared with the known ones (see the module's docstring)."""
    key = unicodedata.normalize("NFD", header_key(text).replace("’", "'").replace("‘", "'"))
    key = "".join(c for c in key if not unicodedata.combining(c))
    key = re.sub(r"\bn\s*[°º]", " numero ", key)
    words = _NUMERO.sub("numero", re.sub(r"[^\w€]+", " ", key)).split()
    return " ".join(w for w in words if w not in _SMALL_WORDS)


@cache
def known() -> dict[str, str]:
    """French key -> canonical column, from data/headers/fr.yaml."""
    import yaml

    text = (resources.files("optimiser") / "data" / "headers" / "fr.yaml").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for column, headers in yaml.safe_load(text).items():
        for header in headers:
            table[french_key(header)] = column
    return table


def canonical_of(header: str) -> tuple[str | None, str | None]:
    """(canonical column, None) for a known French header; (canonical column, why it is refused) for a known
    amount header whose unit multiplies (k€, M€); (None, None) for any other header."""
    whole = known().get(french_key(header))
    if whole is not None and not is_money(whole):
        return whole, None  # listed with its unit ("Émissions évitées (tCO2e par an)"): that unit is the column's
    base, unit = _split_unit(header)
    column = known().get(french_key(base))
    if column is None or unit is None:
        return column, None
    kind = _unit_kind(unit)
    if is_money(column) and kind == "multiplied":
        return column, multiplied(header, column)
    return (column, None) if kind == ("euros" if is_money(column) else "count") else (None, None)


def multiplied(header: str, column: str) -> str | None:
    """Why an amount column cannot be read from this header (its unit multiplies: k€, M€), or None."""
    base, unit = _split_unit(header)
    if unit is None or not is_money(column) or _unit_kind(unit) != "multiplied":
        return None
    return say("load_multiplied_unit", header=repr(str(header)), unit=unit.strip(), base=base.strip())


def _unit_kind(unit: str) -> str:
    """"euros", "multiplied" (k€, milliers d'euros), "count" (ETP, nombre) or "other"."""
    words = [w for w in french_key(unit).split() if w not in ("en", "ht", "ttc")]
    text = " ".join(words)
    if not words and unit.strip():  # "%", "?": a sign, not a unit the tool knows
        return "other"
    if text in ("", "€", "eur", "euro", "euros"):
        return "euros"
    if _MULTIPLIED.fullmatch(text):
        return "multiplied"
    return "count" if text in _COUNTS else "other"


def _split_unit(header: str) -> tuple[str, str | None]:
    """("Montant demandé", "k€") for "Montant demandé (k€)", "Montant demandé en k€"; ("Montant demandé", "€") for
    "Montant demandé €"; (header, None) without a unit."""
    text = str(header)
    found = _UNIT.search(text)
    if not found or found.start() == 0:
        return text, None
    return text[:found.start()], next(g for g in found.groups() if g is not None)
