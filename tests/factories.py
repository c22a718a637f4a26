"""Factories shared by the tests: small candidate tables and scenarios built in memory."""

from __future__ import annotations

import codecs
import io
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from stdnum import luhn

from optimiser.catalogue import t
from optimiser.models import Scenario
from optimiser.report.tables import ALLOCATION_COLUMNS
from optimiser.territory import load_territory

TERRITORY = load_territory()
EPCI_SIRENS = [e.siren for e in TERRITORY.epcis]
PRIORITIES = [p.key for p in TERRITORY.priorities]


def siren_for(k: int) -> str:
    body = f"00{k:06d}"
    return body + luhn.calc_check_digit(body)


def make_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A validated-looking candidates table: canonical columns with defaults filled in."""
    out = []
    for k, row in enumerate(rows):
        full = {
            "id": f"C{k:02d}", "siren": siren_for(k), "name": f"Entreprise {k} (fictif)",
            "epci": EPCI_SIRENS[0], "priority": PRIORITIES[0], "requested_eur": 100_000,
            "group_id": None, "de_minimis_received_eur": 0.0, "other_public_aid_eur": 0.0,
            "eligible_cost_eur": np.nan, "employees": np.nan, "turnover_eur": np.nan,
            "balance_sheet_eur": np.nan, "aid_regime": None, "score_in": 50.0, "row": k + 2,
        }
        full.update(row)
        full.setdefault("min_eur", full["requested_eur"])
        if full["min_eur"] is None:
            full["min_eur"] = full["requested_eur"]
        full["group_id"] = full["group_id"] or full["siren"]
        out.append(full)
    table = pd.DataFrame(out)
    table["requested_eur"] = table["requested_eur"].astype(np.int64)
    table["min_eur"] = table["min_eur"].astype(np.int64)
    return table.sort_values("id").reset_index(drop=True)


RAW_SCORING = {"pillars": {"value": {"weight": 1, "criteria": {"given": {"column": "score_in", "scale": "raw"}}}}}


def make_scenario(**overrides: Any) -> Scenario:
    """A scenario whose score is the table's `score_in` column, passed through unchanged."""
    data: dict[str, Any] = {
        "name": "test", "envelope_eur": 300_000, "funding": "partial", "objective": "value",
        "scoring": RAW_SCORING, "solver": {"name": "highs", "time_limit_s": 30, "gap": 0},
    }
    data.update(overrides)
    return Scenario.model_validate(data)


_FORMULA_TEXT = re.compile(r'="(.*)"', re.DOTALL)
_DECIMAL_COMMA = re.compile(r"-?\d+(,\d+)?([eE][-+]?\d+)?")


def read_excel_csv(path: Path, lang: str = "fr") -> pd.DataFrame:
    """A CSV written for French Excel, read as Excel shows it: UTF-8 after a byte-order mark, `;`, a cell
    `="…"` shown as its text, a number with a decimal comma as a number, yes/no words as booleans. Headers
    stay as written. The mark is required: without it Excel shows accents broken."""
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8), f"{path.name} has no byte-order mark"
    frame = pd.read_csv(io.StringIO(raw.decode("utf-8-sig")), sep=";", dtype=str, keep_default_na=False)
    words = {t("yes", lang): True, t("no", lang): False}
    for column in frame.columns:
        cells = frame[column]
        texts = cells.str.fullmatch(_FORMULA_TEXT.pattern)
        if texts.any():
            frame[column] = cells.map(lambda v: (m.group(1).replace('""', '"')
                                                 if (m := _FORMULA_TEXT.fullmatch(v)) else v))
        elif len(cells) and cells.isin(list(words)).all():
            frame[column] = cells.map(words)
        elif len(cells) and (cells.str.fullmatch(_DECIMAL_COMMA.pattern) | (cells == "")).all():
            frame[column] = pd.to_numeric(cells.str.replace(",", ".", regex=False).replace("", None))
    return frame


def read_allocation_csv(path: Path, lang: str = "fr") -> pd.DataFrame:
    """allocation.csv for Excel with its columns under their keys (`amount_eur`, `funded`, ...): the
    headers are the catalogue's words for ALLOCATION_COLUMNS; a pillar's sub-score keeps its header."""
    keys = {t(key, lang): column for column, key in ALLOCATION_COLUMNS if key}
    return read_excel_csv(path, lang).rename(columns=keys)
