"""The robustness files: CSV tables and robustness.md, in French, from an Analysis."""

from __future__ import annotations

import math

import pandas as pd

from ..analysis import Analysis
from ..catalogue import class_text, subject_text, t
from ..catalogue.reports import CLASSES
from ..formatting import fmt_eur, fmt_num, fmt_pct, fmt_unit
from ..sensitivity import has_ranges
from .delimited import Dialect, csv_text
from .markdown import SYNTHETIC_BANNER, _table


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


def price_sentence(row: dict) -> str:
    """'Le plafond de l'EPCI X coûte 0,10 % de la valeur totale ; sans lui, on financerait P1 au lieu de P2.'"""
    what = subject_text(row["description"])
    share = row.get("price_share")
    if share is None or (isinstance(share, float) and math.isnan(share)) or row.get("status") != "optimal":
        return f"- {what[0].upper() + what[1:]} : non évalué ({row.get('status')})."
    if row["price"] <= 1e-9:
        return f"- {what[0].upper() + what[1:]} : ne coûte rien."
    swap = ""
    if row["would_fund"] or row["would_drop"]:
        swap = (f" ; sans cette règle, on financerait {row['would_fund'] or '—'}"
                f"{' au lieu de ' + row['would_drop'] if row['would_drop'] else ''}")
    what = what[0].upper() + what[1:]
    return (f"- {what} coûte {fmt_pct(row['price_share'], 2)} de la valeur totale "
            f"({fmt_num(row['price'], 2)} points){swap}.")


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
    """robustness.md: in French; the frontier's section in `lang` (the rest follows with issue 12, item 2)."""
    rob = analysis.robustness
    s = rob.allocation.scenario
    sens = s.sensitivity
    out = [f"# Robustesse de l'allocation — {s.name}", ""]
    if analysis.study.synthetic:
        out += [SYNTHETIC_BANNER, ""]
    mode = ("tirage uniforme dans les plages de poids du scénario" if has_ranges(s)
            else f"tirages de Dirichlet centrés sur les poids du scénario "
                 f"(concentration {fmt_num(sens.concentration, 0)})")
    ok = sum(st in ("optimal", "feasible") for st in rob.draws.status)
    out += [
        f"- {analysis.draws} tirages (graine {analysis.seed}), {ok} résolus exactement ; poids : {mode}.",
        "- Incertitude sur les données : " + (", ".join(f"{c} ± {fmt_pct(u, 0)}" for c, u in sens.uncertainty.items())
                                              or "aucune") + ".",
        f"- Classes : cœur si financé dans au moins {fmt_pct(sens.core_threshold, 0)} des tirages, extérieur "
        f"si au plus {fmt_pct(sens.exterior_threshold, 0)}, à la marge entre les deux.", "",
        "## Indice de cœur des candidats financés ou à la marge", "",
    ]
    c = rob.candidates
    shown = c[(c["class"] != "exterior") | c["funded_at_configured_weights"]].sort_values(
        ["core_index", "id"], ascending=[False, True])
    out.append(_table(
        ["Projet", "Entreprise", "Score", "Financé (poids du scénario)", "Indice de cœur", "Classe", "Montant médian"],
        [[r["id"], r["name"], fmt_num(r["score"]), "oui" if r["funded_at_configured_weights"] else "non",
          fmt_pct(r["core_index"], 0), class_text(r["class"]), fmt_eur(r["amount_median"])]
         for r in shown.to_dict("records")], right={2, 4, 6}))
    counts = c["class"].value_counts()
    out += ["", "Répartition : " + ", ".join(f"{class_text(k)} {counts.get(k, 0)}" for k in CLASSES) + ".", "",
            "## Indicateurs sur l'ensemble des tirages", ""]
    out.append(_table(["Indicateur", "Poids du scénario", "5 %", "Médiane", "95 %"],
                      [[r.label, *(fmt_unit(v, r.unit) for v in (r.at_configured_weights, r.p05, r.median, r.p95))]
                       for r in rob.indicators.itertuples()], right={1, 2, 3, 4}))
    out += ["", "## Ce que coûte chaque règle", ""]
    rows = analysis.prices.to_dict("records") if len(analysis.prices) else []
    costly = sorted((r for r in rows if r.get("status") != "optimal" or r["price"] > 1e-9),
                    key=lambda r: -(r.get("price") or 0))
    out += [price_sentence(r) for r in costly] or ["- Aucune règle ne coûte de valeur à cette allocation."]
    free = [subject_text(r["description"]) for r in rows if r.get("status") == "optimal" and r["price"] <= 1e-9]
    if free:
        out += ["", f"Ne coûtent rien ({len(free)} règles) : " + " ; ".join(free) + "."]
    out += ["", "La valeur duale de la relaxation continue (`constraint_prices.csv`) donne en regard la valeur "
            "marginale d'un euro ou d'un projet de plus pour chaque règle.", "", "## Courbe budgétaire", "",
            "Les autres règles restent fixées en euros ; le minimum de dépense n'est pas imposé.", ""]
    b = analysis.budget
    out.append(_table(["Enveloppe", "Valeur", "Projets", "Valeur des 100 000 € suivants", "Projets ajoutés"],
                      [[fmt_eur(r["envelope_eur"]), fmt_num(r.get("value", math.nan), 1), r.get("funded", "–"),
                        fmt_num(r.get("value_of_next_100k")
                                if r.get("value_of_next_100k") is not None else math.nan, 1),
                        r.get("added", "") or "—"] for r in b.to_dict("records")], right={0, 1, 2, 3}))
    if analysis.pillars and len(analysis.frontier):
        out += ["", *frontier_section(analysis, lang)]
    out += ["", "## À quelle distance du seuil ?", ""]
    e = analysis.explanations
    out.append(_table(["Rang", "Projet", "Score", "Financé", "Variation de score qui change la décision", "Note"],
                      [[r["rank"], r["id"], fmt_num(r["score"]), "oui" if r["funded"] else "non",
                        ("+" if not r["funded"] else "−") + fmt_num(r["score_change"], 3)
                        if r["score_change"] is not None
                        and not (isinstance(r["score_change"], float) and math.isnan(r["score_change"])) else "—",
                        r["note"]] for r in e.to_dict("records")], right={0, 2, 4}) if len(e) else "_Aucun candidat._")
    out.append("")
    return "\n".join(out)
