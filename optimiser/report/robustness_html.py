"""robustness.html: the robustness analysis as a self-contained page with its three charts."""

from __future__ import annotations

import math

import numpy as np
from matplotlib import rc_context

from ..analysis import Analysis
from ..formatting import fmt_eur, fmt_num, fmt_pct
from ..sensitivity import has_ranges
from .charts import GREY, INK, PALETTE, STYLE, _euro_axis, _new_figure, _title_and_legend, to_inline_svg
from .labels import fmt_unit
from .markup import Html, chart, esc, page, para, section, synthetic_banner, table_html

WORDS = {
    "fr": {
        "title": "Robustesse de l'allocation",
        "core_chart": "Indice de cœur : part des tirages où le projet est financé",
        "core_axis": "Indice de cœur", "budget_chart": "Valeur optimale selon l'enveloppe (mêmes règles en euros)",
        "envelope": "Enveloppe", "value": "Valeur", "scenario_envelope": "Enveloppe du scénario",
        "frontier_chart": "Frontière entre les deux piliers", "frontier": "Frontière (allocations efficaces)",
        "inside": "strictement à l'intérieur", "classes": {"core": "cœur", "borderline": "à la marge",
                                                             "exterior": "extérieur"},
        "draws": "tirages", "core_section": "Indice de cœur", "indicators": "Indicateurs sur les tirages",
        "prices": "Ce que coûte chaque règle", "budget": "Courbe budgétaire", "explain": "À quelle distance du seuil ?",
        "frontier_section": "Frontière entre les piliers", "yes": "oui", "no": "non",
    },
    "en": {
        "title": "Robustness of the allocation",
        "core_chart": "Core index: share of draws in which the project is funded",
        "core_axis": "Core index", "budget_chart": "Optimal value by envelope (same rules in euros)",
        "envelope": "Envelope", "value": "Value", "scenario_envelope": "Scenario's envelope",
        "frontier_chart": "Frontier between the two pillars", "frontier": "Frontier (efficient allocations)",
        "inside": "strictly inside", "classes": {"core": "core", "borderline": "borderline", "exterior": "exterior"},
        "draws": "draws", "core_section": "Core index", "indicators": "Indicators over the draws",
        "prices": "What each rule costs", "budget": "Budget curve", "explain": "How far from the cut-off?",
        "frontier_section": "Frontier between the pillars", "yes": "yes", "no": "no",
    },
}
CLASS_COLOURS = {"core": PALETTE[0], "borderline": PALETTE[1], "exterior": "#9a9a9a"}


def core_index_chart(analysis: Analysis, lang: str = "fr") -> str:
    w = WORDS[lang]
    c = analysis.robustness.candidates
    shown = c[(c["core_index"] > 0) | c["funded_at_configured_weights"]].sort_values(
        ["core_index", "id"], ascending=[True, False])
    s = analysis.robustness.allocation.scenario.sensitivity
    with rc_context(STYLE):
        fig = _new_figure(1.8 + 0.3 * max(len(shown), 1))
        ax = fig.add_subplot()
        y = np.arange(len(shown))
        for cls, colour in CLASS_COLOURS.items():
            mask = (shown["class"] == cls).to_numpy()
            if not mask.any():
                continue
            ax.barh(y[mask], shown["core_index"].to_numpy()[mask], height=0.7, color=colour,
                    label=f"{w['classes'][cls]} ({int(mask.sum())})")
        for level in (s.core_threshold, s.exterior_threshold):
            ax.axvline(level, color=INK, linestyle=(0, (4, 3)), linewidth=1.2)
        ax.set_yticks(y, shown["id"].tolist(), fontsize=10)
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(lambda v, _p: fmt_pct(v, 0, lang))
        ax.set_xlabel(w["core_axis"])
        ax.grid(axis="x")
        ax.set_axisbelow(True)
        _title_and_legend(fig, ax, w["core_chart"], ncol=3)
        return to_inline_svg(fig, "core-index", w["core_chart"])


def budget_chart(analysis: Analysis, lang: str = "fr") -> str:
    w = WORDS[lang]
    b = analysis.budget[analysis.budget["status"] == "optimal"] if len(analysis.budget) else analysis.budget
    with rc_context(STYLE):
        fig = _new_figure(6.0)
        ax = fig.add_subplot()
        ax.plot(b["envelope_eur"].astype(float), b["value"].astype(float), marker="o", markersize=8,
                color=PALETTE[0], linewidth=2.5, label=w["value"])
        ax.axvline(analysis.robustness.allocation.scenario.envelope_eur, color=PALETTE[5], linewidth=2,
                   linestyle=(0, (4, 3)), label=w["scenario_envelope"])
        _euro_axis(ax.xaxis, lang)
        ax.set_xlabel(w["envelope"])
        ax.set_ylabel(w["value"])
        ax.grid(True)
        ax.set_axisbelow(True)
        _title_and_legend(fig, ax, w["budget_chart"], ncol=2)
        return to_inline_svg(fig, "budget", w["budget_chart"])


def frontier_chart(analysis: Analysis, lang: str = "fr") -> str:
    w = WORDS[lang]
    a, b = analysis.pillars
    pillars = analysis.robustness.allocation.scenario.scoring.pillars
    la, lb = (pillars[p].label or p for p in (a, b))
    f = analysis.frontier.sort_values(a)
    with rc_context(STYLE):
        fig = _new_figure(7.0)
        ax = fig.add_subplot()
        ax.plot(f[a], f[b], marker="o", color=PALETTE[0], linewidth=2.5, markersize=8, label=w["frontier"])
        placed = analysis.placed[analysis.placed["status"] == "placed"] if len(analysis.placed) else analysis.placed
        for k, row in enumerate(placed.to_dict("records")):
            marker = "X" if row["strictly_inside"] else "D"
            label = f"{row['name']}" + (f" ({w['inside']})" if row["strictly_inside"] else "")
            ax.scatter([row[a]], [row[b]], marker=marker, s=160, color=PALETTE[(k + 1) % len(PALETTE)],
                       edgecolors=INK, linewidths=1.0, zorder=4, label=label)
        ax.set_xlabel(la)
        ax.set_ylabel(lb)
        ax.grid(True, color=GREY, alpha=0.3)
        ax.set_axisbelow(True)
        _title_and_legend(fig, ax, w["frontier_chart"], ncol=2)
        return to_inline_svg(fig, "frontier", w["frontier_chart"])


def robustness_page(analysis: Analysis, lang: str = "fr") -> str:
    w = WORDS[lang]
    rob = analysis.robustness
    s = rob.allocation.scenario
    parts: list[Html] = [Html(f"<header><h1>{esc(w['title'])} — {esc(s.name)}</h1></header>\n")]
    if analysis.study.synthetic:
        parts.append(synthetic_banner(lang))
    mode = ("plages de poids" if lang == "fr" else "weight ranges") if has_ranges(s) else \
        (f"Dirichlet, concentration {fmt_num(s.sensitivity.concentration, 0, lang)}")
    uncertainty = ", ".join(f"{c} ± {fmt_pct(u, 0, lang)}" for c, u in s.sensitivity.uncertainty.items()) or "—"
    parts.append(para(f"{analysis.draws} {w['draws']} ({'graine' if lang == 'fr' else 'seed'} {analysis.seed}); "
                       f"{mode}; {'incertitude' if lang == 'fr' else 'uncertainty'} : {uncertainty}."))
    c = rob.candidates
    shown = c[(c["class"] != "exterior") | c["funded_at_configured_weights"]].sort_values(
        ["core_index", "id"], ascending=[False, True])
    parts.append(section(w["core_section"], chart(core_index_chart(analysis, lang)), table_html(
        ["Id", "Nom" if lang == "fr" else "Name", "Score", w["core_axis"], "Classe" if lang == "fr" else "Class",
         "Médiane" if lang == "fr" else "Median"],
        [[r["id"], r["name"], fmt_num(r["score"], 1, lang), fmt_pct(r["core_index"], 0, lang),
          w["classes"][r["class"]], fmt_eur(r["amount_median"], lang)] for r in shown.to_dict("records")],
        numeric={2, 3, 5})))
    parts.append(section(w["indicators"], table_html(
        ["", "5 %", "50 %", "95 %"],
        [[r["label"], fmt_unit(r["p05"], r["unit"], lang), fmt_unit(r["median"], r["unit"], lang),
          fmt_unit(r["p95"], r["unit"], lang)] for r in rob.indicators.to_dict("records")], numeric={1, 2, 3})))
    prices = analysis.prices
    rows = prices[prices["status"] == "optimal"].sort_values("price", ascending=False) if len(prices) else prices
    parts.append(section(w["prices"], table_html(
        ["Règle" if lang == "fr" else "Rule", "Prix" if lang == "fr" else "Price", "%",
         "Financerait" if lang == "fr" else "Would fund", "Au lieu de" if lang == "fr" else "Instead of"],
        [[r["description"][:1].upper() + r["description"][1:], fmt_num(r["price"], 2, lang),
          fmt_pct(r["price_share"], 2, lang), r["would_fund"], r["would_drop"]]
         for r in rows.to_dict("records")], numeric={1, 2})))
    parts.append(section(w["budget"], chart(budget_chart(analysis, lang)), table_html(
        [w["envelope"], w["value"], "Projets" if lang == "fr" else "Projects",
         "+100 000 €" if lang == "fr" else "+€100,000"],
        [[fmt_eur(r["envelope_eur"], lang), fmt_num(r.get("value", math.nan), 1, lang), r.get("funded", "–"),
          fmt_num(r["value_of_next_100k"] if r.get("value_of_next_100k") is not None else math.nan, 1, lang)]
         for r in analysis.budget.to_dict("records")], numeric={0, 1, 2, 3})))
    if analysis.pillars and len(analysis.frontier):
        parts.append(section(w["frontier_section"], chart(frontier_chart(analysis, lang))))
    e = analysis.explanations
    parts.append(section(w["explain"], table_html(
        ["Rang" if lang == "fr" else "Rank", "Id", "Score", "Financé" if lang == "fr" else "Funded",
         "Δ score", "Note"],
        [[r["rank"], r["id"], fmt_num(r["score"], 1, lang), w["yes"] if r["funded"] else w["no"],
          "—" if r["score_change"] is None or (isinstance(r["score_change"], float) and math.isnan(r["score_change"]))
          else ("+" if not r["funded"] else "−") + fmt_num(r["score_change"], 3, lang), r["note"]]
         for r in e.to_dict("records")], numeric={0, 2, 4}) if len(e) else ""))
    return page(f"{w['title']} — {s.name}", parts, lang)
