"""What Excel shows is what the tool reads: number formats that scale the number (a `%` code, a scaling
comma) against formats whose `%` or unit is literal text, checked on real workbooks."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn

from optimiser.errors import InputError
from optimiser.excel_format import PLAIN, shown
from optimiser.loading import load_candidates
from optimiser.territory import load_territory

TERRITORY = load_territory()
HEADER = ["id", "siren", "name", "epci", "priority", "requested_eur", "share_pct", "other_public_aid_eur"]

# A percent sign, and whether Excel multiplies by 100 for it (known by construction, not by parsing).
PERCENTS = [
    ("", False), ("%", True), (" %", True), ("\\ %", True), ('" %"', False), ('"%"', False), ("\\%", False),
    (' "%"', False), ("_)%", True), ('" pour cent"', False),
]
NUMBERS = ["0", "0.0", "0.00", "#,##0", "#,##0.00", "# ##0", "0.000", "General"]
AROUND = [("", ""), ("[Red]", ""), ("[Blue]", " "), ('"≈ "', ""), ("", '" t"'), ("", " "), ("[$-40C]", "")]


def siren(k: int) -> str:
    body = f"00{k:06d}"
    return body + luhn.calc_check_digit(body)


@st.composite
def formatted(draw: st.DrawFn) -> tuple[str, float, bool]:
    """(number format, stored value, whether a `%` code scales what is shown)."""
    number = draw(st.sampled_from(NUMBERS))
    percent, scales = draw(st.sampled_from(PERCENTS))
    before, after = draw(st.sampled_from(AROUND))
    if number == "General" and percent:
        number = "0"  # "General" takes no other code in its section
    section = f"{before}{number}{percent}{after}"
    value = draw(st.integers(-10**7, 10**7)) / draw(st.sampled_from([1, 10, 100, 1000]))
    if draw(st.booleans()):  # a negative section with the same codes, shown with literal parentheses
        return f"{section};({before}{number}{percent}{after})", value, scales
    return section, value, scales


def workbook(tmp_path: Path, cells: list[tuple[str, float]], column: str) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for k, (fmt, value) in enumerate(cells):
        row = [f"P{k}", siren(k), f"Entreprise {k} (fictif)", "Val d'Ay", "transition", 1000, 0, 0]
        row[HEADER.index(column)] = value
        sheet.append(row)
        sheet.cell(row=k + 2, column=HEADER.index(column) + 1).number_format = fmt
    path = tmp_path / "formats.xlsx"
    book.save(path)
    return path


@settings(max_examples=60, deadline=None, derandomize=True)
@given(cases=st.lists(formatted(), min_size=1, max_size=6))
def test_the_number_read_is_the_number_a_person_reads_on_screen(tmp_path_factory, cases) -> None:
    """A `_pct` cell reads as Excel shows it: the stored value times 100 for a `%` code (decimal-exact),
    the stored value itself when the `%` (or any unit) is literal text."""
    path = workbook(tmp_path_factory.mktemp("fmt"), [(f, v) for f, v, _ in cases], "share_pct")
    table = load_candidates(path, TERRITORY, numeric=["share_pct"]).table.set_index("id")
    for k, (fmt, value, scales) in enumerate(cases):
        on_screen = float(Decimal(repr(value)) * 100) if scales else value
        assert table.loc[f"P{k}", "share_pct"] == on_screen, (fmt, value)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(cases=st.lists(formatted(), min_size=1, max_size=4))
def test_an_amount_that_shows_a_percent_sign_is_refused_whatever_the_format(tmp_path_factory, cases) -> None:
    """In a euro column a `%` on screen, scaling or literal, is refused with the cell named; else read as stored."""
    cells = [(f, abs(v)) for f, v, _ in cases]
    path = workbook(tmp_path_factory.mktemp("fmt"), cells, "other_public_aid_eur")
    percent = [k for k, (f, _, _) in enumerate(cases) if "%" in f]
    units = [k for k, (f, _, _) in enumerate(cases) if '" t"' in f or "pour cent" in f]
    if not percent and not units:
        table = load_candidates(path, TERRITORY).table.set_index("id")
        assert [table.loc[f"P{k}", "other_public_aid_eur"] for k in range(len(cells))] == [v for _, v in cells]
        return
    with pytest.raises(InputError) as caught:
        load_candidates(path, TERRITORY)
    problems = [str(p) for p in caught.value.problems]
    for k in percent:
        assert any(f"ligne {k + 2}, colonne other_public_aid_eur" in p and "au format pourcentage" in p
                   for p in problems), problems
    for k in set(units) - set(percent):
        assert any(f"ligne {k + 2}, colonne other_public_aid_eur" in p and "à côté du nombre" in p
                   for p in problems), problems


@pytest.mark.parametrize(("fmt", "value", "percent", "thousands", "literal"), [
    ("0%", 0.12, 1, 0, ""),
    ('0" %"', 12, 0, 0, " %"),
    ("0\\%", 12, 0, 0, "%"),
    ('0 "%"', 12, 0, 0, " %"),
    ("0.00%;[Red]-0.00%", -0.5, 1, 0, "-"),
    ("#,##0,", 150_000, 0, 1, ""),
    ('0.0,," M€"', 2_500_000, 0, 2, " M€"),
    ("[$€-40C] #,##0.00", 5, 0, 0, "€ "),
    ('_-* #,##0 €_-;-* #,##0 €_-;_-* "-"?? €_-;_-@_-', 0, 0, 0, "  - € "),
    ("[<0]0%;0", -1, 1, 0, ""),
    ("[<0]0%;0", 1, 0, 0, ""),
    ("0.00E+00", 1e6, 0, 0, ""),
    ("General", 3, 0, 0, ""),
])
def test_format_codes_against_literal_text(fmt: str, value: float, percent: int, thousands: int,
                                            literal: str) -> None:
    look = shown(fmt, value)
    assert (look.percent, look.thousands, look.literal) == (percent, thousands, literal)


def test_no_format_is_plain() -> None:
    assert shown(None, 1) is PLAIN and shown("General", 1).plain and shown("0.00", 1).plain
