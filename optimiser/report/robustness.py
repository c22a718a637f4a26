"""The robustness files: CSV tables and robustness.md, in French, from an Analysis."""

from __future__ import annotations

import math

import pandas as pd

from ..analysis import Analysis
from ..catalogue import class_text, named, subject_text, t
from ..catalogue.reports import CLASSES
from ..formatting import fmt_eur, fmt_num, fmt_pct, fmt_unit
from ..indicators import indicators_for
from ..sensitivity import has_ranges
from .delimited import Dialect, csv_text
from .grid import column_name
from .markdown import _table, synthetic_banner
from .markup import capitalised


def csv_files(analysis: Analysis, dialect: Dialect = "excel") -> dict[str, str]:
    """The robustness tables, columns under their keys (docs/robustness.md says what each holds)."""
    def csv(frame: pd.DataFrame) -> str:
        return csv_text(frame, dialect, float_format="%.10g", ids=("id", "siren"))

    rob = analysis.robustness
    draws = pd.DataFrame(rob.draws.weights, columns=rob.draws.criteria).round(9)
    draws.insert(0, "draw", range(len(draws)))
    draws["objective"] = rob.draws.objective.round(6)
    draws["status"] = rob.draws.status
    draws["funded"] = (rob.draws.amounts > 0).sum(axis=1)
    return {
        "robustness.csv": csv(rob.candidates),
        "robustness_indicators.csv": csv(rob.indicators),
        "draws.csv": csv(draws),
        "constraint_prices.csv": csv(worded_prices(analysis.prices)),
        "budget_curve.csv": csv(analysis.budget),
        "frontier.csv": csv(analysis.frontier),
        "frontier_scenarios.csv": csv(analysis.placed),
        "explanations.csv": csv(analysis.explanations),
    }


def worded_prices(prices: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """The prices with what each is about in words (the table holds `reasons.Subject`s)."""
    return prices.assign(description=prices["description"].map(lambda s: subject_text(s, lang))) if len(prices) \
        else prices


def price_sentence(row: dict, lang: str = "fr") -> str:
    """'Le plafond de l'EPCI X coûte 0,10 % de la valeur totale ; sans lui, on financerait P1 au lieu de P2.'"""
    what = capitalised(subject_text(row["description"], lang))
    share = row.get("price_share")
    if share is None or (isinstance(share, float) and math.isnan(share)) or row.get("status") != "optimal":
        return "- " + t("rob_price_not_evaluated", lang, what=what, status=row.get("status"))
    if row["price"] <= 1e-9:
        return "- " + t("rob_price_free", lang, what=what)
    swap = ""
    if row["would_fund"] or row["would_drop"]:
        swap = (t("rob_price_swap", lang, fund=row["would_fund"] or "—")
                + (t("rob_price_instead", lang, drop=row["would_drop"]) if row["would_drop"] else ""))
    return "- " + t("rob_price_cost", lang, what=what, share=fmt_pct(row["price_share"], 2, lang),
                    points=fmt_num(row["price"], 2, lang), swap=swap)


def indicator_labels(analysis: Analysis, lang: str = "fr") -> dict[str, str]:
    """Each robustness indicator's label in `lang` (the table holds its key)."""
    pillars = analysis.robustness.allocation.scenario.scoring.pillars
    return {i.key: i.label(lang) for i in indicators_for(list(pillars), {k: named(k, p.label)
                                                                          for k, p in pillars.items()})}


def pillar_labels(analysis: Analysis) -> tuple[str, str]:
    """The two pillars of the frontier as the committee reads them."""
    pillars = analysis.robustness.allocation.scenario.scoring.pillars
    return tuple(pillars[p].label or p for p in analysis.pillars)


def position_text(row: dict, analysis: Analysis, lang: str = "fr") -> str:
    """Where a placed scenario stands against the frontier, in words: efficient, dominated by a named
    computed point (with the gains on each pillar), outside the rules, or not placed."""
    if row.get("status") != "placed":
        reason = str(row.get("status", "")).removeprefix("not placed: ")
        return t("frontier_not_placed", lang, reason=reason)
    a, b = analysis.pillars
    la, lb = pillar_labels(analysis)
    if row["class"] == "dominated":
        return t("frontier_dominated", lang, label=row["dominated_by"], a=la, b=lb,
                 gain_a=_gain(row[f"{a}_gain"], lang), gain_b=_gain(row[f"{b}_gain"], lang))
    return t("frontier_efficient" if row["class"] == "efficient" else "frontier_outside", lang)


def _gain(value: float, lang: str) -> str:
    """A gain in points: two decimals, or as many as its first significant digit needs (0 is 0)."""
    if not value:
        return "0"
    digits = min(6, max(2, 1 - math.floor(math.log10(abs(value)))))
    return fmt_num(value, digits, lang)


def frontier_section(analysis: Analysis, lang: str = "fr") -> list[str]:
    """The frontier's Markdown section: what the points are, the points, each scenario's position."""
    a, b = analysis.pillars
    la, lb = pillar_labels(analysis)
    f = analysis.frontier
    out = [f"## {t('frontier_heading', lang, a=la, b=lb)}", "",
           t("frontier_intro", lang, n=len(f), a=la, b=lb), "", t("frontier_between", lang), ""]
    if not f["proven"].all():
        out += [t("frontier_unproven", lang), ""]
    out.append(_table([t("frontier_point", lang), t("frontier_value", lang, pillar=la),
                       t("frontier_value", lang, pillar=lb), t("robust_projects", lang)],
                      [[r["label"], fmt_num(r[a], 1, lang), fmt_num(r[b], 1, lang), r["funded"]]
                       for r in f.to_dict("records")], right={1, 2, 3}))
    if len(analysis.placed):
        out += ["", t("frontier_placed_intro", lang, a=la, b=lb), ""]
        out.append(_table([t("frontier_scenario", lang), t("frontier_value", lang, pillar=la),
                           t("frontier_value", lang, pillar=lb), t("frontier_position", lang)],
                          [[f"{r['name']} ({r['scenario']})" if r.get("status") == "placed" else r["scenario"],
                            fmt_num(r.get(a, math.nan), 1, lang), fmt_num(r.get(b, math.nan), 1, lang),
                            position_text(r, analysis, lang)] for r in analysis.placed.to_dict("records")],
                          right={1, 2}))
    return out


def render(analysis: Analysis, lang: str = "fr") -> str:
    """robustness.md in `lang`."""
    rob = analysis.robustness
    s = rob.allocation.scenario
    sens = s.sensitivity
    out = [f"# {t('robust_title', lang)} — {s.name}", ""]
    if analysis.study.synthetic:
        out += [synthetic_banner(lang), ""]
    mode = (t("rob_mode_ranges", lang) if has_ranges(s)
            else t("rob_mode_dirichlet", lang, k=fmt_num(sens.concentration, 0, lang)))
    ok = sum(st in ("optimal", "feasible") for st in rob.draws.status)
    yes, no = t("yes", lang), t("no", lang)
    uncertain = ", ".join(f"{column_name(c, {}, lang)} ± {fmt_pct(u, 0, lang)}" for c, u in sens.uncertainty.items())
    out += [
        "- " + t("rob_draws_line", lang, draws=analysis.draws, seed=analysis.seed, solved=ok, mode=mode),
        "- " + t("rob_uncertainty_line", lang, what=uncertain or t("rob_none", lang)),
        "- " + t("rob_classes_line", lang, core=fmt_pct(sens.core_threshold, 0, lang),
                 exterior=fmt_pct(sens.exterior_threshold, 0, lang)), "",
        f"## {t('rob_core_heading', lang)}", "",
    ]
    c = rob.candidates
    shown = c[(c["class"] != "exterior") | c["funded_at_configured_weights"]].sort_values(
        ["core_index", "id"], ascending=[False, True])
    out.append(_table(
        [t("project", lang), t("company", lang), t("score", lang), t("rob_funded_configured", lang),
         t("robust_core_axis", lang), t("robust_class", lang), t("rob_median_amount", lang)],
        [[r["id"], r["name"], fmt_num(r["score"], 1, lang), yes if r["funded_at_configured_weights"] else no,
          fmt_pct(r["core_index"], 0, lang), class_text(r["class"], lang), fmt_eur(r["amount_median"], lang)]
         for r in shown.to_dict("records")], right={2, 4, 6}))
    counts = c["class"].value_counts()
    out += ["", t("rob_split", lang, counts=", ".join(f"{class_text(k, lang)} {counts.get(k, 0)}" for k in CLASSES)),
            "", f"## {t('rob_indicators_heading', lang)}", ""]
    labels = indicator_labels(analysis, lang)
    out.append(_table([t("indicator", lang), t("rob_at_weights", lang), "5 %", t("robust_median", lang), "95 %"],
                      [[labels.get(r.indicator, r.label),
                        *(fmt_unit(v, r.unit, lang) for v in (r.at_configured_weights, r.p05, r.median, r.p95))]
                       for r in rob.indicators.itertuples()], right={1, 2, 3, 4}))
    out += ["", f"## {t('robust_prices', lang)}", ""]
    rows = analysis.prices.to_dict("records") if len(analysis.prices) else []
    costly = sorted((r for r in rows if r.get("status") != "optimal" or r["price"] > 1e-9),
                    key=lambda r: -(r.get("price") or 0))
    out += [price_sentence(r, lang) for r in costly] or ["- " + t("rob_no_price", lang)]
    free = [subject_text(r["description"], lang) for r in rows if r.get("status") == "optimal" and r["price"] <= 1e-9]
    if free:
        out += ["", t("rob_free", lang, n=len(free), rules=" ; ".join(free) if lang == "fr" else "; ".join(free))]
    out += ["", t("rob_duals", lang), "", f"## {t('robust_budget', lang)}", "", t("rob_budget_note", lang), ""]
    b = analysis.budget
    out.append(_table([t("envelope", lang), t("value", lang), t("robust_projects", lang), t("rob_next_100k", lang),
                       t("rob_added", lang)],
                      [[fmt_eur(r["envelope_eur"], lang), fmt_num(r.get("value", math.nan), 1, lang),
                        r.get("funded", "–"),
                        fmt_num(r.get("value_of_next_100k")
                                if r.get("value_of_next_100k") is not None else math.nan, 1, lang),
                        r.get("added", "") or "—"] for r in b.to_dict("records")], right={0, 1, 2, 3}))
    if analysis.pillars and len(analysis.frontier):
        out += ["", *frontier_section(analysis, lang)]
    out += ["", f"## {t('robust_explain', lang)}", ""]
    e = analysis.explanations
    out.append(_table([t("rank", lang), t("project", lang), t("score", lang), t("is_funded", lang),
                       t("rob_score_change", lang), t("note", lang)],
                      [[r["rank"], r["id"], fmt_num(r["score"], 1, lang), yes if r["funded"] else no,
                        ("+" if not r["funded"] else "−") + fmt_num(r["score_change"], 3, lang)
                        if r["score_change"] is not None
                        and not (isinstance(r["score_change"], float) and math.isnan(r["score_change"])) else "—",
                        explanation_note(r["note"], lang)] for r in e.to_dict("records")], right={0, 2, 4})
               if len(e) else f"_{t('rob_no_candidate', lang)}_")
    out.append("")
    return "\n".join(out)


def explanation_note(code: str | None, lang: str) -> str:
    """How a distance to the cut-off is known (`exact`, `blocked`, `held`), in words."""
    return t(f"rob_note_{code}", lang) if code else ""
