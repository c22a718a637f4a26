from optimiser.formatting import NBSP, NNBSP, fmt_eur, fmt_num, fmt_pct


def test_french_and_english_money():
    assert fmt_eur(1234567) == f"1{NNBSP}234{NNBSP}567{NBSP}€"
    assert fmt_eur(1234567, "en") == "€1,234,567"
    assert fmt_eur(float("nan")) == "–"


def test_numbers_and_percentages():
    assert fmt_num(1234.5, 1) == f"1{NNBSP}234,5"
    assert fmt_pct(0.253) == f"25,3{NBSP}%"
    assert fmt_pct(0.253, lang="en") == "25.3%"
