"""robustness.html: the robustness analysis as a self-contained page with its three charts."""

from __future__ import annotations

import math

import numpy as np
from matplotlib import rc_context

from ..analysis import Analysis
from ..catalogue import class_text, subject_text, t
from ..formatting import fmt_eur, fmt_num, fmt_pct, fmt_unit
from ..sensitivity import has_ranges
from .charts import GREY, HATCHES, INK, PALETTE, STYLE, _euro_axis, _new_figure, _title_and_legend, to_inline_svg
from .markup import Html, capitalised, chart, esc, page, para, section, synthetic_banner, table_html
from .robustness import explanation_note, indicator_labels, pillar_labels, position_text

CLASS_COLOURS = {"core": PALETTE[0], "borderline": PALETTE[1], "exterior": "#9a9a9a"}


def core_index_chart(analysis: Analysis, lang: str = "fr") -> str:
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
                    label=f"{class_text(cls, lang)} ({int(mask.sum())})")
        for level in (s.core_threshold, s.exterior_threshold):
            ax.axvline(level, color=INK, linestyle=(0, (4, 3)), linewidth=1.2)
        ax.set_yticks(y, shown["id"].tolist(), fontsize=10)
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(lambda v, _p: fmt_pct(v, 0, lang))
        ax.set_xlabel(t("robust_core_axis", lang))
        ax.grid(axis="x")
        ax.set_axisbelow(True)
        _title_and_legend(fig, ax, t("robust_core_chart", lang), ncol=3)
        return to_inline_svg(fig, "core-index", t("robust_core_chart", lang))


def budget_chart(analysis: Analysis, lang: str = "fr") -> str:
    b = analysis.budget[analysis.budget["status"] == "optimal"] if len(analysis.budget) else analysis.budget
    with rc_context(STYLE):
        fig = _new_figure(6.0)
        ax = fig.add_subplot()
        ax.plot(b["envelope_eur"].astype(float), b["value"].astype(float), marker="o", markersize=8,
                color=PALETTE[0], linewidth=2.5, label=t("value", lang))
        ax.axvline(analysis.robustness.allocation.scenario.envelope_eur, color=PALETTE[5], linewidth=2,
                   linestyle=(0, (4, 3)), label=t("robust_scenario_envelope", lang))
        _euro_axis(ax.xaxis, lang)
        ax.set_xlabel(t("envelope", lang))
        ax.set_ylabel(t("value", lang))
        ax.grid(True)
        ax.set_axisbelow(True)
        _title_and_legend(fig, ax, t("robust_budget_chart", lang), ncol=2)
        return to_inline_svg(fig, "budget", t("robust_budget_chart", lang))


SCENARIO_MARKERS = {"efficient": "D", "dominated": "X", "outside_rules": "P"}


def frontier_chart(analysis: Analysis, lang: str = "fr") -> str:
    """The computed efficient points and the region they dominate (a staircase: the integer frontier is a set
    of points, not a line), the bound above which no allowed allocation lies when every solve is proven, and
    each scenario where its allocation stands."""
    a, b = analysis.pillars
    la, lb = pillar_labels(analysis)
    f = analysis.frontier.sort_values([a, b], ascending=[True, False])
    xs, ys = f[a].to_numpy(float), f[b].to_numpy(float)
    placed = analysis.placed[analysis.placed["status"] == "placed"] if len(analysis.placed) else analysis.placed
    all_x = np.concatenate([xs, placed[a].to_numpy(float)]) if len(placed) else xs
    all_y = np.concatenate([ys, placed[b].to_numpy(float)]) if len(placed) else ys
    pad_x = 0.06 * max(float(np.ptp(all_x)), 1e-6 * max(1.0, float(np.abs(all_x).max())))
    pad_y = 0.06 * max(float(np.ptp(all_y)), 1e-6 * max(1.0, float(np.abs(all_y).max())))
    left, bottom = float(all_x.min()) - pad_x, float(all_y.min()) - pad_y
    # From the left edge at the best B, then each point; down to the bottom edge after the best A.
    step_x = np.concatenate([[left], xs, [xs[-1]]])
    step_y = np.concatenate([[ys[0]], ys, [bottom]])
    with rc_context(STYLE):
        fig = _new_figure(7.5)
        ax = fig.add_subplot()
        # steps-pre: on (x[k-1], x[k]] the line is at y[k], the best B of the points with at least that A:
        # the region under it is exactly the region the computed points dominate.
        ax.fill_between(step_x, step_y, bottom, step="pre", facecolor=PALETTE[4], alpha=0.35, hatch=HATCHES[1],
                        linewidth=0, zorder=1, label=t("frontier_chart_dominated", lang))
        line, = ax.plot(step_x, step_y, drawstyle="steps-pre", color=PALETTE[0], linewidth=2.0, zorder=2)
        line.set_gid("staircase")
        if f["proven"].all():
            # steps-post: on [x[k], x[k+1]) at y[k]; the second solve of point k proves that no allowed
            # allocation with A at least x[k] has B above y[k].
            bound, = ax.plot(step_x, step_y, drawstyle="steps-post", color=INK, linewidth=1.4,
                             linestyle=(0, (4, 3)), zorder=2, label=t("frontier_chart_bound", lang))
            bound.set_gid("bound")
        points = ax.scatter(xs, ys, marker="o", s=70, color=PALETTE[0], edgecolors=INK, linewidths=0.8, zorder=3,
                            label=t("frontier_chart_points", lang) + f" (F1 … F{len(f)})")
        points.set_gid("points")
        for label, x, y in zip(f["label"], xs, ys, strict=True):
            ax.annotate(label, (x, y), xytext=(5, 5), textcoords="offset points", fontsize=11, color=INK, zorder=5)
        for k, row in enumerate(placed.to_dict("records")):
            cls = row["class"]
            text = (t("frontier_chart_dominated_by", lang, name=row["name"], label=row["dominated_by"])
                    if cls == "dominated" else
                    t("frontier_chart_efficient" if cls == "efficient" else "frontier_chart_outside", lang,
                      name=row["name"]))
            ax.scatter([row[a]], [row[b]], marker=SCENARIO_MARKERS[cls], s=150,
                       color=PALETTE[(k + 1) % (len(PALETTE) - 1)], edgecolors=INK, linewidths=1.0, zorder=4,
                       label=text)
        ax.set_xlim(left, float(all_x.max()) + pad_x)
        ax.set_ylim(bottom, float(all_y.max()) + pad_y)
        ax.xaxis.set_major_formatter(lambda v, _p: fmt_num(v, 0, lang))
        ax.yaxis.set_major_formatter(lambda v, _p: fmt_num(v, 0, lang))
        ax.set_xlabel(la)
        ax.set_ylabel(lb)
        ax.grid(True, color=GREY, alpha=0.3)
        ax.set_axisbelow(True)
        _title_and_legend(fig, ax, t("robust_frontier_chart", lang), ncol=2)
        return to_inline_svg(fig, "frontier", t("robust_frontier_chart", lang))


def frontier_part(analysis: Analysis, lang: str = "fr") -> Html:
    """The frontier's section: what the points are, the chart, the points, each scenario's position."""
    a, b = analysis.pillars
    la, lb = pillar_labels(analysis)
    f = analysis.frontier
    parts: list[object] = [para(t("frontier_intro", lang, n=len(f), a=la, b=lb)), para(t("frontier_between", lang))]
    if not f["proven"].all():
        parts.append(para(t("frontier_unproven", lang)))
    parts.append(chart(frontier_chart(analysis, lang)))
    if len(analysis.placed):
        parts.append(para(t("frontier_placed_intro", lang, a=la, b=lb)))
        parts.append(table_html(
            [t("frontier_scenario", lang), t("frontier_value", lang, pillar=la), t("frontier_value", lang, pillar=lb),
             t("frontier_position", lang)],
            [[row.get("name") if row.get("status") == "placed" else row["scenario"],
              fmt_num(row.get(a, math.nan), 1, lang), fmt_num(row.get(b, math.nan), 1, lang),
              position_text(row, analysis, lang)] for row in analysis.placed.to_dict("records")],
            numeric={1, 2}, text={3}))
    parts.append(table_html(
        [t("frontier_point", lang), t("frontier_value", lang, pillar=la), t("frontier_value", lang, pillar=lb),
         t("robust_projects", lang)],
        [[r["label"], fmt_num(r[a], 1, lang), fmt_num(r[b], 1, lang), r["funded"]] for r in f.to_dict("records")],
        numeric={1, 2, 3}))
    return section(t("frontier_heading", lang, a=la, b=lb), *parts)


def robustness_page(analysis: Analysis, lang: str = "fr") -> str:
    rob = analysis.robustness
    s = rob.allocation.scenario
    parts: list[Html] = [Html(f"<header><h1>{esc(t('robust_title', lang))} — {esc(s.name)}</h1></header>\n")]
    if analysis.study.synthetic:
        parts.append(synthetic_banner(lang))
    mode = (t("robust_weight_ranges", lang) if has_ranges(s)
            else t("robust_dirichlet", lang, concentration=fmt_num(s.sensitivity.concentration, 0, lang)))
    uncertainty = ", ".join(f"{c} ± {fmt_pct(u, 0, lang)}" for c, u in s.sensitivity.uncertainty.items()) or "—"
    parts.append(para(f"{t('robust_draws', lang, draws=analysis.draws, seed=analysis.seed)}; {mode}; "
                      f"{t('robust_uncertainty', lang, uncertainty=uncertainty)}."))
    c = rob.candidates
    shown = c[(c["class"] != "exterior") | c["funded_at_configured_weights"]].sort_values(
        ["core_index", "id"], ascending=[False, True])
    parts.append(section(t("robust_core_section", lang), chart(core_index_chart(analysis, lang)), table_html(
        ["Id", t("name", lang), "Score", t("robust_core_axis", lang), t("robust_class", lang),
         t("robust_median", lang)],
        [[r["id"], r["name"], fmt_num(r["score"], 1, lang), fmt_pct(r["core_index"], 0, lang),
          class_text(r["class"], lang), fmt_eur(r["amount_median"], lang)] for r in shown.to_dict("records")],
        numeric={2, 3, 5})))
    labels = indicator_labels(analysis, lang)
    parts.append(section(t("robust_indicators", lang), table_html(
        ["", "5 %", "50 %", "95 %"],
        [[labels.get(r["indicator"], r["label"]), fmt_unit(r["p05"], r["unit"], lang),
          fmt_unit(r["median"], r["unit"], lang),
          fmt_unit(r["p95"], r["unit"], lang)] for r in rob.indicators.to_dict("records")], numeric={1, 2, 3})))
    prices = analysis.prices
    rows = prices[prices["status"] == "optimal"].sort_values("price", ascending=False) if len(prices) else prices
    parts.append(section(t("robust_prices", lang), table_html(
        [t("robust_rule", lang), t("robust_price", lang), "%",
         t("robust_would_fund", lang), t("robust_instead_of", lang)],
        [[capitalised(subject_text(r["description"], lang)), fmt_num(r["price"], 2, lang),
          fmt_pct(r["price_share"], 2, lang), r["would_fund"], r["would_drop"]]
         for r in rows.to_dict("records")], numeric={1, 2})))
    parts.append(section(t("robust_budget", lang), chart(budget_chart(analysis, lang)), table_html(
        [t("envelope", lang), t("value", lang), t("robust_projects", lang),
         t("robust_next_100k", lang)],
        [[fmt_eur(r["envelope_eur"], lang), fmt_num(r.get("value", math.nan), 1, lang), r.get("funded", "–"),
          fmt_num(r["value_of_next_100k"] if r.get("value_of_next_100k") is not None else math.nan, 1, lang)]
         for r in analysis.budget.to_dict("records")], numeric={0, 1, 2, 3})))
    if analysis.pillars and len(analysis.frontier):
        parts.append(frontier_part(analysis, lang))
    e = analysis.explanations
    parts.append(section(t("robust_explain", lang), table_html(
        [t("rank", lang), "Id", "Score", t("is_funded", lang),
         "Δ score", "Note"],
        [[r["rank"], r["id"], fmt_num(r["score"], 1, lang), t("yes" if r["funded"] else "no", lang),
          "—" if r["score_change"] is None or (isinstance(r["score_change"], float) and math.isnan(r["score_change"]))
          else ("+" if not r["funded"] else "−") + fmt_num(r["score_change"], 3, lang),
          explanation_note(r["note"], lang)]
         for r in e.to_dict("records")], numeric={0, 2, 4}) if len(e) else ""))
    return page(f"{t('robust_title', lang)} — {s.name}", parts, lang)

