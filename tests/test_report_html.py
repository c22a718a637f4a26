"""report.html and comparison.html: self-contained, escaped, deterministic, in French or English."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from optimiser.comparison import Entry
from optimiser.formatting import NBSP, NNBSP, fmt_unit
from optimiser.milp import Status
from optimiser.reasons import Reason
from optimiser.report import charts
from optimiser.report.allocation_html import allocation_page
from optimiser.report.comparison_html import comparison_page
from optimiser.report.tables import RunInfo

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture
def no_charts(monkeypatch):
    """For tests about the text: the charts (matplotlib's time) drawn as empty figures."""
    for name in ("epci_amounts_chart", "priority_amounts_chart", "score_vs_request_chart", "epci_chart"):
        monkeypatch.setattr(charts, name, lambda *args, **kwargs: '<svg class="chart"></svg>\n')


@pytest.fixture(scope="module")
def pages(comparison, alloc, info) -> dict[str, str]:
    return {
        "report_fr": allocation_page(alloc, info), "report_en": allocation_page(alloc, info, lang="en"),
        "comparison_fr": comparison_page(comparison), "comparison_en": comparison_page(comparison, lang="en"),
    }


def test_pages_are_self_contained(pages):
    for name, page in pages.items():
        assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>"), name
        assert "http://" not in page and "https://" not in page, name
        assert "http" not in page.lower(), name  # not even the SVG namespaces
        for forbidden in ("<script", "<link", "<img", "<iframe", " src=", "@import", "xlink:"):
            assert forbidden not in page, (name, forbidden)
        assert re.findall(r"url\((?!#)", page) == [], name
        assert "<style>" in page and "@media print" in page and "size: A4" in page


def test_every_chart_is_inline_with_unique_ids(pages):
    for name, page in pages.items():
        assert page.count("<svg") == 2, name
        assert page.count('<figure class="chart-figure">') == 2
        ids = re.findall(r'\bid="([^"]+)"', page)
        assert len(ids) == len(set(ids)), f"duplicate ids in {name}"
        for ref in set(re.findall(r'href="#([^"]+)"', page)):
            assert ref in ids, (name, ref)


def test_french_by_default(pages, alloc):
    report, comparison = pages["report_fr"], pages["comparison_fr"]
    assert '<html lang="fr">' in report and '<html lang="fr">' in comparison
    for text in ("Chiffres clés", "Projets financés", "Par EPCI", "Par priorité", "Contraintes saturées",
                 "Pourquoi les premiers projets non financés ont manqué", "Motifs pour l'ensemble des candidats",
                 "Traçabilité", 'aria-label="Score et montant demandé de chaque candidat"',
                 'aria-label="Montant attribué par EPCI"', "optimum prouvé"):
        assert text in report, text
    assert f"2{NNBSP}000{NNBSP}000{NBSP}€" in report
    for text in ("Classement", "Indicateurs", "Montant par EPCI", "Montant par priorité", "face à la référence",
                 'aria-label="Montant attribué par EPCI et par scénario"',
                 'aria-label="Montant attribué par priorité et par scénario"', f"100,0{NBSP}%"):
        assert text in comparison, text


def test_english_on_request(pages):
    report, comparison = pages["report_en"], pages["comparison_en"]
    assert '<html lang="en">' in report and '<html lang="en">' in comparison
    for text in ("Key figures", "Projects funded", "Per EPCI", "Per priority", "Binding constraints",
                 "Why the first unfunded projects missed out", "Traceability", "proven optimal", "€2,000,000",
                 'aria-label="Score and amount requested of every candidate"', "Funding mode"):
        assert text in report, text
    for text in ("Ranking", "Indicators", "Amount per EPCI", "against the reference", "100.0%",
                 'aria-label="Amount allocated per EPCI and scenario"', "its score changed with the weights"):
        assert text in comparison, text
    for french in ("Chiffres clés", "Classement", "Montant attribué par", "Référence :"):
        assert french not in report and french not in comparison, french
    assert f"2{NNBSP}000{NNBSP}000" not in report


def test_same_input_same_bytes(comparison, alloc, info, pages):
    assert allocation_page(alloc, info).encode() == pages["report_fr"].encode()
    assert comparison_page(comparison, lang="en").encode() == pages["comparison_en"].encode()


def test_user_text_is_escaped(no_charts, comparison, alloc, info):
    table = alloc.table.copy()
    first_funded = table.index[table["funded"]][0]
    table.loc[first_funded, "name"] = HOSTILE
    table.at[table.index[~table["eligible"]][0], "reason"] = Reason("ineligible_rule", rule_text=f"raison {HOSTILE}")
    page = allocation_page(replace(alloc, table=table), info)
    assert HOSTILE not in page and "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    label, moves = next(iter(comparison.changes.items()))
    hostile = replace(comparison, changes={
        **comparison.changes, label: moves.assign(name=HOSTILE, reason=Reason("ineligible_rule", rule_text=HOSTILE))})
    page = comparison_page(hostile)
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_an_unproven_solution_is_never_called_optimal(no_charts, alloc, info):
    stopped = replace(alloc, solution=replace(alloc.solution, status=Status.FEASIBLE, gap=0.013,
                                              message="Time limit reached"))
    page = allocation_page(stopped, info)
    assert f"NON PROUVÉE OPTIMALE (Time limit reached), écart 1,30{NBSP}%" in page
    assert "optimum prouvé" not in page and 'class="banner alert"' in page
    english = allocation_page(stopped, info, lang="en")
    assert "NOT PROVEN OPTIMAL (Time limit reached), gap 1.30%" in english and "proven optimal (" not in english


def test_synthetic_banner_only_for_synthetic_data(no_charts, alloc, info, pages):
    assert info.synthetic
    assert "<strong>Données synthétiques.</strong>" in pages["report_fr"]
    assert "<strong>Données synthétiques.</strong>" in pages["comparison_fr"]
    assert "<strong>Synthetic data.</strong>" in pages["report_en"]
    assert "Données synthétiques" not in allocation_page(alloc, replace(info, synthetic=False))


def test_state_aid_statement(no_charts, alloc, info, pages):
    assert "régime de minimis (règlement (UE) 2023/2831)" in pages["report_fr"]
    free = replace(alloc, scenario=alloc.scenario.model_copy(update={"state_aid": None}))
    assert "aucun plafond d'aides d'État appliqué" in allocation_page(free, info)
    assert "no state-aid cap applied" in allocation_page(free, info, lang="en")


def test_traceability(pages, info):
    for text in (info.candidates_file, info.candidates_sha256, info.scenario_file, info.scenario_sha256):
        assert text in pages["report_fr"]


def test_comparison_ranking_indicators_and_moves(comparison, pages):
    page = pages["comparison_fr"]
    for entry in comparison.entries:
        assert entry.name in page
    assert page.count('class="num best"') >= 5  # best value of a row, where the scenarios differ
    assert "★" in page and 'class="badge"' in page
    for label in comparison.changes:
        assert f'id="changements-{label}"' in page
    assert "▲ entre" in page and "▼ sort" in page and "◆ montant modifié" in page
    assert "son score change avec les pondérations" in page and "l'enveloppe est employée autrement" in page
    assert f"+57{NNBSP}000{NBSP}€" in page and f"−18{NNBSP}000{NBSP}€" in page


def test_ties_dominance_and_infeasible_scenarios_are_shown(no_charts, comparison):
    labels = [label for label, _ in comparison.ranking]
    tied = [(labels[0], 1), (labels[1], 1), *[(label, k) for k, (label, _) in enumerate(comparison.ranking[2:], 3)]]
    dominated = {**comparison.dominated_by, labels[-1]: [(labels[0], ["jobs", "balance_gini"])]}
    impossible = Entry("impossible", Path("impossible.yaml"), None,
                       error="The scenario cannot be satisfied:\n  - the floor is above <the envelope>")
    changed = replace(comparison, ranking=tied, dominated_by=dominated, entries=[*comparison.entries, impossible])
    page = comparison_page(changed)
    assert page.count("1 (ex aequo)") == 2
    name = comparison.entry(labels[0]).name
    assert f"dominé par {name} (Emplois créés, Déséquilibre territorial" in page
    assert 'class="is-dominated"' in page
    assert "Scénarios infaisables" in page and "scénario infaisable" in page
    assert "the floor is above &lt;the envelope&gt;" in page
    assert page.count("<svg") == 2
    english = comparison_page(changed, lang="en")
    assert "1 (tied)" in english and "dominated by" in english and "Infeasible scenarios" in english


@pytest.mark.parametrize(("value", "unit", "lang", "expected"), [
    (1234567.0, "eur", "fr", f"1{NNBSP}234{NNBSP}567{NBSP}€"),
    (1234567.0, "eur", "en", "€1,234,567"),
    (0.254, "share", "fr", f"25,4{NBSP}%"),
    (0.254, "share", "en", "25.4%"),
    (33.0, "count", "fr", "33"),
    (11915.0, "tco2e", "fr", f"11{NNBSP}915{NBSP}tCO2e"),
    (15.7536, "eur_per_tco2e", "fr", f"15,75{NBSP}€/tCO2e"),
    (15.7536, "eur_per_tco2e", "en", "€15.75/tCO2e"),
    (14285.7, "eur_per_job", "en", "€14,286/job"),
    (3.4755, "ratio", "fr", "3,48"),
    (1728.0124, "score", "en", "1,728.0"),
    (0.264709, "index", "fr", "0,265"),
    (float("nan"), "index", "fr", "–"),
])
def test_indicator_units(value, unit, lang, expected):
    assert fmt_unit(value, unit, lang) == expected


def test_unknown_language_is_refused(alloc, info):
    with pytest.raises(ValueError, match="unsupported report language"):
        allocation_page(alloc, info, lang="de")


def test_a_small_allocation_with_idle_epcis():
    from optimiser.allocation import allocate
    from optimiser.scoring import score

    from .factories import EPCI_SIRENS, TERRITORY, make_scenario, make_table

    table = make_table([{"score_in": 80, "requested_eur": 100_000, "epci": EPCI_SIRENS[0]},
                        {"score_in": 95, "requested_eur": 150_000, "min_eur": 50_000, "epci": EPCI_SIRENS[1]}])
    scenario = make_scenario(envelope_eur=120_000, funding="partial")
    small = allocate(table, score(table, scenario.scoring), scenario, TERRITORY)
    page = allocation_page(small, RunInfo("c.csv", "ab" * 32, "s.yaml", "cd" * 32, synthetic=False), lang="en")
    assert page.count("<svg") == 2 and "no state-aid cap applied" in page and "Synthetic data" not in page
    assert "€120,000" in page


@pytest.mark.parametrize("name", ["Coût $x_1$ {a} \\b 50 % $$", "$\\frac{1}{0}$", "a_b^c $", "\\"])
def test_names_reach_the_charts_as_written_never_as_mathematics(tmp_path, name):
    """A scenario name is drawn literally: matplotlib's mathtext would crash on some and draw others as TeX."""
    from optimiser.comparison import compare
    from optimiser.scenarios import DEMO_CANDIDATES, SCENARIO_DIR

    variant = tmp_path / "v.yaml"
    variant.write_text(f"extends: {SCENARIO_DIR / 'baseline.yaml'}\nname: {json.dumps(name)}\n", encoding="utf-8")
    svg = charts.epci_amounts_chart(compare(DEMO_CANDIDATES, [SCENARIO_DIR / "baseline.yaml", variant]))
    fonts = set(re.findall(r'id="[^"]*?(DejaVuSans(?:-[A-Za-z]+)?)-[0-9a-f]+"', svg))
    assert fonts <= {"DejaVuSans", "DejaVuSans-Bold"}, fonts  # no italic mathematics
    assert 'DejaVuSans-5c"' in svg or "\\" not in name  # the backslash itself is drawn
