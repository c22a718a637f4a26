"""Number formatting at the edges (reports, reasons): French by default, English on request."""

from __future__ import annotations

import math

NNBSP = "\u202f"  # French thousands separator
NBSP = "\u00a0"   # before the euro and percent signs


def fmt_int(value: float, lang: str = "fr") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{round(value):,}"
    return text.replace(",", NNBSP) if lang == "fr" else text


def fmt_eur(value: float, lang: str = "fr") -> str:
    """`1 234 567 €` in French, `€1,234,567` in English."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{fmt_int(value, lang)}{NBSP}€" if lang == "fr" else f"€{fmt_int(value, lang)}"


def fmt_num(value: float, digits: int = 1, lang: str = "fr") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{digits}f}"
    if lang == "fr":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", NNBSP)
    return text


def fmt_pct(share: float, digits: int = 1, lang: str = "fr") -> str:
    """A share (0.25) as a percentage (`25,0 %`)."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    return f"{fmt_num(100 * share, digits, lang)}{NBSP}%" if lang == "fr" else f"{fmt_num(100 * share, digits, lang)}%"


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def fmt_unit(value: float | None, unit: str, lang: str = "fr") -> str:
    """An indicator's value in its unit: euros, shares as %, counts, tonnes, ratios, scores, indices."""
    if _missing(value):
        return "–"
    if unit == "eur":
        return fmt_eur(value, lang)
    if unit == "share":
        return fmt_pct(value, 1, lang)
    if unit == "count":
        return fmt_int(value, lang) if float(value).is_integer() else fmt_num(value, 1, lang)
    if unit == "tco2e":
        return f"{fmt_int(value, lang)}{NBSP}tCO2e"
    if unit == "eur_per_tco2e":
        return (f"{fmt_num(value, 2, lang)}{NBSP}€/tCO2e" if lang == "fr" else f"€{fmt_num(value, 2, lang)}/tCO2e")
    if unit == "eur_per_job":
        return f"{fmt_eur(value, lang)}{NBSP}/{NBSP}emploi" if lang == "fr" else f"{fmt_eur(value, lang)}/job"
    if unit == "ratio":
        return fmt_num(value, 2, lang)
    if unit == "score":
        return fmt_num(value, 1, lang)
    if unit == "index":
        return fmt_num(value, 3, lang)
    return fmt_num(value, 2, lang)


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISER = "'"


def safe_text(value: object) -> object:
    """Text a spreadsheet could take for a formula (starting with = + - @, a tab or a carriage return)
    gets a leading apostrophe and stays text; anything else, numbers included, is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return NEUTRALISER + value
    return value


def named(key: str, label: str | None) -> str:
    """What people read for a pillar, a criterion or a total: its `label:`, else its key made readable
    (`cost_per_tonne` -> `Cost per tonne`), never the bare key."""
    if label:
        return label
    words = key.replace("_", " ").replace(".", " ").strip()
    return words[:1].upper() + words[1:] if words else key
