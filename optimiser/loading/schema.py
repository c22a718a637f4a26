"""The columns of a candidates file: which are required, which default, which hold euros.

`optimiser.report.template` writes its headers from here, so the template and the reader agree.
"""

from __future__ import annotations

import re
import unicodedata

from ..identifiers import without_invisible

REQUIRED: tuple[str, ...] = ("id", "siren", "name", "epci", "priority", "requested_eur")
OPTIONAL: tuple[str, ...] = (
    "min_eur", "group_id", "eligible_cost_eur", "employees", "turnover_eur", "balance_sheet_eur",
    "de_minimis_received_eur", "other_public_aid_eur", "aid_regime",
)
CANONICAL: tuple[str, ...] = REQUIRED + OPTIONAL
ROW = "row"  # added column: the row number as the user sees it

FLOATS_NAN = ("eligible_cost_eur", "employees", "turnover_eur", "balance_sheet_eur")
FLOATS_ZERO = ("de_minimis_received_eur", "other_public_aid_eur")
DEFAULTED = ("min_eur", "group_id", *FLOATS_ZERO, "aid_regime")  # fine to be absent even if used
MONEY_SUFFIX = "_eur"  # the one rule: a column whose name ends in _eur holds euros (see `money_text`)
MAX_AMOUNT = 1e15      # far above any grant, far below float's exact-integer limit
MAX_REQUEST_EUR = 10**10  # ten billion euros: more is a figure from another column (a SIRET has 14 digits)

SPACES = re.compile(r"\s+")


def header_key(text: str) -> str:
    """How headers are compared, as a person reads them: compatibility forms folded (NFKC), invisible
    characters dropped, no surrounding spaces, inner spaces collapsed, no case."""
    spaced = SPACES.sub(" ", unicodedata.normalize("NFKC", str(text)))  # a wrapped header's line break is a space
    return SPACES.sub(" ", without_invisible(spaced)).strip().casefold()


def is_money(column: str) -> bool:
    """Whether a column holds euros: its (canonical or scenario) name ends in `_eur`, whatever its case."""
    return header_key(column).endswith(MONEY_SUFFIX)
