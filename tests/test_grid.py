"""The scoring grid and the objective as the reports show them (report/grid.py), and the sub-scores and
points per euro that make "rank 97 funded, rank 7 not" read as a consequence."""

from __future__ import annotations

import re
from html import unescape

import pytest

from optimiser.catalogue import named, t
from optimiser.models import Scoring
from optimiser.report import markdown, outputs
from optimiser.report.allocation_html import allocation_page
from optimiser.report.grid import PER, grid_headers, grid_rows, objective_paragraph, points_per_euro
from optimiser.scenarios import DEMO_CANDIDATES, SCENARIO_DIR
from optimiser.study import Study

SCORING = Scoring.model_validate({"pillars": {
    "growth": {"label": "Croissance", "weight": 2, "criteria": {
        "jobs": {"column": "jobs_created", "weight": 3, "scale": "piecewise", "points": [[0, 0], [10, 1]]},
        "export_share": {"column": "export_share_pct", "weight": [0.5, 1.5], "missing": "median"}}},
    "carbon_impact": {"weight": 1, "criteria": {
        "per_tonne": {"expression": "requested_eur / tco2e_avoided_per_year", "direction": "lower",
                      "scale": "rank", "missing": "exclude"}}},
}})


@pytest.fixture(scope="module")
def demo() -> Study:
    return Study.open(DEMO_CANDIDATES, SCENARIO_DIR / "baseline.yaml")


def test_the_grid_shows_normalised_weights_beside_the_given_ones_in_the_analysts_columns():
    rows = grid_rows(SCORING, {"jobs_created": "Nombre d'emplois", "requested_eur": "Aide sollicitée (€)",
                               "tco2e_avoided_per_year": "CO2 évité (t/an)"})
    assert len(rows) == 3 and len(rows[0]) == len(grid_headers())
    jobs, export, tonne = rows
    assert jobs[:4] == ["Croissance", "66,7\u00a0% (donné : 2)", "Jobs", "Nombre d'emplois"]
    assert jobs[4] == "75,0\u00a0% (donné : 3)" and jobs[5] == "50,0\u00a0%"  # 2/3 x 3/4 of the total
    assert export[4] == "25,0\u00a0% (donné : 0,5 à 1,5)"  # a range is scored at its middle, 1
    assert export[3] == "Part du CA à l'export (%)"  # a bare key in the file: its usual French name
    assert tonne[0] == "Carbon impact" and tonne[1] == "33,3\u00a0% (donné : 1)"  # no label: humanised key
    assert tonne[3] == "Aide sollicitée (€) / CO2 évité (t/an)"
    assert "0 → 0, 10 → 100" in jobs[7] and jobs[6] == "fixé par l'échelle"
    assert tonne[6] == "plus c'est bas, mieux c'est" and tonne[8] == "candidat exclu"
    assert export[8] == "note médiane des candidats"
    english = grid_rows(SCORING, {}, "en")
    assert english[0][1].startswith("66.7") and english[0][1].endswith("(given: 2)")
    assert english[1][3] == "Export share of turnover (%)"  # a bare key: its usual English name


def test_named_never_shows_a_bare_key():
    assert named("cost_per_tonne", None) == "Cost per tonne"
    assert named("x", "Coût par tonne") == "Coût par tonne"


def test_the_loader_keeps_each_columns_header_as_written(tmp_path):
    path = tmp_path / "appel.csv"
    path.write_text("N° dossier;N° SIREN;Raison sociale;Intercommunalité;Priorité;Montant demandé (€)\n"
                    "P1;732829320;Ateliers (fictif);Arche Agglo;transition;100 000 €\n", encoding="utf-8")
    from optimiser.loading import load_candidates
    from optimiser.territory import load_territory

    headers = load_candidates(path, load_territory()).headers
    assert headers["id"] == "N° dossier" and headers["requested_eur"] == "Montant demandé (€)"


def test_every_report_has_the_grid_the_objective_and_the_sub_scores(demo):
    alloc, info = demo.allocation, outputs.run_info(demo)
    md = markdown.render(alloc, info)
    html = unescape(allocation_page(alloc, info))
    for text in (md, html):
        assert "Grille de notation" in text and "Comment l'enveloppe est répartie" in text
        assert "Score « Potentiel de croissance »" in text and "Points par 100 000 € demandés" in text
        for pillar in alloc.scenario.scoring.pillars.values():
            for criterion in pillar.criteria.values():
                assert criterion.label in text
    assert objective_paragraph(alloc) in md
    # each funded project's points per 100,000 euros, as printed, is its score over its request
    funded = alloc.table[alloc.table["funded"]]
    section = md.split("## Projets financés")[1].split("## Par EPCI")[0]
    for (_, r), per in zip(funded.iterrows(), points_per_euro(funded), strict=True):
        assert per == pytest.approx(r["score"] * PER / r["requested_eur"])
        line = next(line for line in section.splitlines() if f"| {r['id']} |" in line)
        assert f"{per:.1f}".replace(".", ",") in line


def test_a_better_ranked_unfunded_project_brings_fewer_points_per_euro_than_the_envelope_needs(demo):
    """Under `value` with only the envelope in the way, the printed figure explains the order: each
    better-ranked project left out for the envelope brings fewer points per euro than some funded one
    ranked below it (else moving euros to it would raise the value)."""
    tab = demo.allocation.table
    funded = tab[tab["funded"]].assign(per=lambda f: points_per_euro(f))
    out = tab[tab["reason_code"] == "not_funded_budget"].assign(per=lambda f: points_per_euro(f))
    assert len(out) and len(funded)
    for _, r in out.iterrows():
        below = funded[funded["rank"] > r["rank"]]
        if len(below):
            assert below["per"].max() >= r["per"] - 1e-9


def test_report_md_is_in_english_on_request(demo):
    md = markdown.render(demo.allocation, outputs.run_info(demo), "en")
    assert "## Scoring grid" in md and f"## {t('funded_list', 'en')}" in md
    for french in ("Projets financés", "Grille de notation", "Chiffres clés", "Traçabilité", "Motif"):
        assert french not in md
    assert re.search(r"Value reached: [\d,]+\.\d points", md)
