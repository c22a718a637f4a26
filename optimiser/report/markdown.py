"""report.md: the allocation in the reader's language (French by default), from the shared tables and words."""

from __future__ import annotations

from .. import __version__
from ..allocation import Allocation
from ..catalogue import (
    cause_text,
    check_lang,
    describe_rule,
    move_text,
    named,
    note_text,
    objective_text,
    reason_label,
    reason_text,
    state_aid_text,
    t,
)
from ..comparison import Comparison
from ..formatting import fmt_eur, fmt_int, fmt_num, fmt_pct, fmt_unit
from ..indicators import PARETO_LAYER
from .grid import grid_headers, grid_rows, objective_paragraph, points_per_euro
from .markup import capitalised, epci_name, priority_label, rule_unit
from .tables import RunInfo, by_epci, by_priority, epci_amounts, indicator_table, ranking_table, status_text


def synthetic_banner(lang: str = "fr") -> str:
    return f"> **{t('synthetic_title', lang)}** {t('synthetic_text', lang)}"



def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _table(headers: list[str], rows: list[list[object]], right: set[int] = frozenset()) -> str:
    align = ["---:" if i in right else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def render(alloc: Allocation, info: RunInfo, lang: str = "fr", unfunded_shown: int = 10) -> str:
    """report.md in `lang`: the same sections as report.html, without the charts."""
    check_lang(lang)
    s = alloc.scenario
    tab = alloc.table
    funded = tab[tab["funded"]].sort_values(["rank", "id"])
    out = [f"# {t('allocation_title', lang, name=s.name)}", ""]
    if info.synthetic:
        out += [synthetic_banner(lang), ""]
    if s.description:
        out += [s.description, ""]
    total = alloc.total_eur
    if s.state_aid:
        aid = state_aid_text(s.state_aid, lang)
    else:
        aid = f"**{t('no_state_aid', lang)}** {t('no_state_aid_why', lang)}"
    solver = alloc.solution.solver.upper() if alloc.solution.solver == "cbc" else "HiGHS"
    colon = t("colon", lang)
    facts = [
        (t("envelope", lang), f"{fmt_eur(s.envelope_eur, lang)}{' ;' if lang == 'fr' else ';'} "
                              f"{t('allocated', lang).lower()}{colon}**{fmt_eur(total, lang)}** "
                              f"({fmt_pct(total / s.envelope_eur, 1, lang)})"),
        (t("funded_projects", lang), f"**{fmt_int(len(funded), lang)}** "
         + t("of_candidates", lang, n=fmt_int(len(tab), lang), eligible=fmt_int(int(tab["eligible"].sum()), lang))
         + f", {fmt_int(funded['siren'].nunique(), lang)} {t('companies', lang).lower()}, "
         + f"{fmt_int(funded['epci'].nunique(), lang)} {t('epcis_reached', lang)} "
         + t("of_epcis", lang, n=len(alloc.territory.epcis))),
        (t("funding_mode", lang), t("funding_partial" if s.funding == "partial" else "funding_all", lang)),
        (t("objective", lang), objective_text(s.objective, lang)),
        (t("solve", lang), f"{solver}, {status_text(alloc, lang)}"),
        (t("state_aid", lang), aid),
        *[(t("note", lang), note_text(note, lang)) for note in alloc.notes],
    ]
    out += [f"## {t('key_figures', lang)}", ""] + [f"- {label}{colon}{value}" for label, value in facts]
    if not alloc.proven_optimal:
        out += ["", f"> **{status_text(alloc, lang)}** — {t('status_warning', lang)}"]
    out += ["", f"## {t('objective_title', lang)}", "", objective_paragraph(alloc, lang)]
    out += ["", f"## {t('grid_title', lang)}", "", t("grid_intro", lang), ""]
    out.append(_table(grid_headers(lang), grid_rows(s.scoring, info.headers, lang)))

    pillars = [(f"score_{k}", t("sub_score", lang, pillar=named(k, p.label))) for k, p in s.scoring.pillars.items()]
    per_euro = s.objective == "value"
    out += ["", f"## {t('funded_list', lang)}", ""]
    out.append(_table(
        [t(k, lang) for k in ("rank", "project", "company", "epci", "priority", "score")] + [h for _, h in pillars]
        + ([t("points_per_100k", lang)] if per_euro else []) + [t(k, lang) for k in ("amount", "requested", "reason")],
        [[fmt_int(r["rank"], lang), r["id"], r["name"], epci_name(alloc, r["epci"]),
          priority_label(alloc, r["priority"]),
          fmt_num(r["score"], 1, lang), *(fmt_num(r[c], 1, lang) for c, _ in pillars),
          *([fmt_num(r["per_100k"], 1, lang)] if per_euro else []), fmt_eur(r["amount_eur"], lang),
          fmt_eur(r["requested_eur"], lang), reason_text(r["reason"], lang)]
         for _, r in funded.assign(per_100k=points_per_euro(funded)).iterrows()],
        right=set(range(len(pillars) + per_euro + 8)) - {1, 2, 3, 4},
    ) if len(funded) else f"_{t('none_funded', lang)}_")

    out += ["", f"## {t('per_epci', lang)}", ""]
    out.append(_table(
        [t(k, lang) for k in ("epci", "candidates", "eligible", "funded", "amount", "share", "per_inhabitant")],
        [[r.epci, fmt_int(r.candidates, lang), fmt_int(r.eligible, lang), fmt_int(r.funded, lang),
          fmt_eur(r.amount_eur, lang), fmt_pct(r.share, 1, lang),
          f"{fmt_num(r.eur_per_inhabitant, 2, lang)} ({t('population_year', lang, year=r.population_year)})"]
         for r in by_epci(alloc).itertuples()],
        right={1, 2, 3, 4, 5, 6},
    ))
    out += ["", f"## {t('per_priority', lang)}", ""]
    out.append(_table(
        [t(k, lang) for k in ("priority", "candidates", "eligible", "funded", "amount", "share")],
        [[r.label, fmt_int(r.candidates, lang), fmt_int(r.eligible, lang), fmt_int(r.funded, lang),
          fmt_eur(r.amount_eur, lang), fmt_pct(r.share, 1, lang)] for r in by_priority(alloc).itertuples()],
        right={1, 2, 3, 4, 5},
    ))

    out += ["", f"## {t('binding', lang)}", ""]
    binding = [st for st in alloc.rules if st.binding]
    if binding:
        for st in binding:
            unit = rule_unit(st.rule.measure, lang)
            what = describe_rule(st.rule, lang).replace("le plafond", "la limite").replace("the cap", "the limit")
            out.append("- " + t("binding_text", lang, what=capitalised(what), activity=unit(st.activity),
                                 side=t("ceiling" if st.at_upper else "floor", lang), bound=unit(st.bound)))
    else:
        out.append(f"_{t('no_binding', lang)}_")

    out += ["", f"## {t('unfunded', lang)}", ""]
    missed = tab[tab["eligible"] & ~tab["funded"]].sort_values(["rank", "id"]).head(unfunded_shown)
    out.append(_table(
        [t(k, lang) for k in ("rank", "project", "company", "score")] + [h for _, h in pillars]
        + ([t("points_per_100k", lang)] if per_euro else []) + [t(k, lang) for k in ("requested", "reason")],
        [[fmt_int(r["rank"], lang), r["id"], r["name"], fmt_num(r["score"], 1, lang),
          *(fmt_num(r[c], 1, lang) for c, _ in pillars), *([fmt_num(r["per_100k"], 1, lang)] if per_euro else []),
          fmt_eur(r["requested_eur"], lang), reason_text(r["reason"], lang)]
         for _, r in missed.assign(per_100k=points_per_euro(missed)).iterrows()],
        right=set(range(len(pillars) + per_euro + 5)) - {1, 2},
    ) if len(missed) else f"_{t('all_funded', lang)}_")

    out += ["", f"## {t('reasons', lang)}", ""]
    counts = tab["reason_code"].value_counts()
    out.append(_table([t("reason", lang), t("candidates", lang)],
                      [[reason_label(code, lang), fmt_int(n, lang)] for code, n in sorted(counts.items())],
                      right={1}))
    closed = tab[~tab["eligible"]].sort_values("id")
    if len(closed):
        out += ["", f"{t('ineligible', lang)}{colon.rstrip()}", ""]
        out += [f"- {r['id']} ({r['name']}){colon}{reason_text(r['reason'], lang)}" for _, r in closed.iterrows()]

    out += ["", f"## {t('traceability', lang)}", "",
            f"- {t('candidates_file', lang)}{colon}`{info.candidates_file}` "
            f"({t('sha', lang)} `{info.candidates_sha256}`)",
            f"- {t('scenario_file', lang)}{colon}`{info.scenario_file}` ({t('scenario_sha', lang)} "
            f"`{info.scenario_sha256}`)",
            f"- {t('version', lang)}{colon}{__version__}", ""]
    return "\n".join(out)


def render_comparison(comparison: Comparison, lang: str = "fr") -> str:
    """comparison.md in `lang`: the ranking, the indicators side by side, and what moves against the reference."""
    check_lang(lang)
    solved = comparison.solved
    names = {e.label: e.name for e in comparison.entries}
    out = [f"# {t('comparison_title', lang)}", ""]
    if any(e.study.synthetic for e in solved):
        out += [synthetic_banner(lang), ""]
    ref = comparison.entry(comparison.reference)
    labels = {i.key: i.label(lang) for i in comparison.indicators}
    rank_label = labels[comparison.rank_by]
    out += [t("reference_intro", lang, name=f"**{ref.name}**", label=f"`{ref.label}`",
              indicator=f"**{rank_label}**"), ""]
    if comparison.rank_by == PARETO_LAYER:
        out += [t("pareto_intro", lang), ""]
    out += [f"## {t('ranking', lang)}", ""]
    rows = []
    unit = next(i.unit for i in comparison.indicators if i.key == comparison.rank_by)
    for r in ranking_table(comparison).itertuples():
        if r.rank is None or r.rank != r.rank:
            continue
        entry = comparison.entry(r.scenario)
        dominated = "; ".join(t("dominated_by", lang, other=names[other], indicators=", ".join(labels[k] for k in keys))
                              for other, keys in comparison.dominated_by[r.scenario])
        rows.append([f"{int(r.rank)}{' (' + t('tied', lang) + ')' if r.tied else ''}", entry.name, r.scenario,
                     fmt_unit(entry.values[comparison.rank_by], unit, lang),
                     dominated or t("not_dominated", lang)])
    out.append(_table([t(k, lang) for k in ("rank", "scenario", "file")] + [rank_label, t("pareto", lang)], rows,
                      right={3}))
    colon = t("colon", lang)
    for entry in comparison.entries:
        if entry.study is None:
            out += ["", f"- **{entry.name}**{colon}{t('infeasible_one', lang)}. {entry.error.splitlines()[0]}"]
    out += ["", t("pareto_note", lang), "", f"## {t('indicators', lang)}", ""]
    table = indicator_table(comparison, lang)
    headers = [t("indicator", lang)] + [e.name for e in solved]
    rows = []
    key_mark = f" ({t('key_indicator', lang)})"
    for r in table.to_dict("records"):
        best = set(filter(None, r["best"].split(", ")))
        cells = [fmt_unit(r[e.label], r["unit"], lang) + (" ★" if e.label in best and len(best) < len(solved) else "")
                 for e in solved]
        rows.append([r["label"] + (key_mark if r["key_indicator"] else ""), *cells])
    out.append(_table(headers, rows, right=set(range(1, len(headers)))))
    out += ["", t("best_note", lang), ""]
    out += [f"## {t('amounts_epci', lang)}", ""]
    amounts = epci_amounts(comparison)
    out.append(_table([t("epci", lang)] + [e.name for e in solved],
                      [[epci, *(fmt_eur(amounts.at[epci, e.label], lang) for e in solved)] for epci in amounts.index],
                      right=set(range(1, len(solved) + 1))))
    for label, moves in comparison.changes.items():
        out += ["", f"## {t('changes_title', lang, name=names[label])}", ""]
        if moves.empty:
            out.append(f"_{t('no_change', lang)}_")
            continue
        out.append(_table(
            [t(k, lang) for k in ("project", "company", "move", "reference", "scenario", "cause", "reason_scenario")],
            [[m.id, m.name, move_text(m.move, lang), fmt_eur(m.amount_reference_eur, lang), fmt_eur(m.amount_eur, lang),
              cause_text(m.cause, lang), reason_text(m.reason, lang)] for m in moves.itertuples()], right={3, 4}))
    out.append("")
    return "\n".join(out)
