"""report.html and comparison.html: self-contained pages for a projector, A4 print or a browser offline.

Each page is one file: its styles and its charts (inline SVG, see `charts.py`) are inside, it loads
nothing and runs no script, and the same input gives the same bytes. `allocation_page` says what
report.md says (same sections, same French wording); `comparison_page` shows the ranking, the
indicators, the amounts per EPCI and priority, and what moves against the reference. Every text
that comes from the data is escaped.
"""

from __future__ import annotations

import html

import pandas as pd

from .. import __version__
from ..allocation import Allocation
from ..catalogue import reason_text
from ..comparison import Comparison, Entry
from ..formatting import fmt_eur, fmt_int, fmt_num, fmt_pct
from ..reasons import Reason
from . import charts
from .labels import (
    CAUSES,
    MOVES,
    check_lang,
    describe_rule,
    direction_text,
    fmt_unit,
    objective_text,
    reason_label,
    regime_text,
    t,
)
from .tables import (
    RunInfo,
    by_epci,
    by_priority,
    epci_amounts,
    indicator_table,
    priority_amounts,
    ranking_table,
    status_text,
)

UNFUNDED_SHOWN = 10


class Html(str):
    """Text that is already HTML (escaped where needed): written as it is."""


def esc(value: object) -> Html:
    if isinstance(value, Html):
        return value
    return Html(html.escape("" if value is None else str(value), quote=False))


def _join(*parts: object) -> Html:
    return Html("".join(esc(p) for p in parts))


def _tag(name: str, content: object, cls: str = "", **attrs: str) -> Html:
    attributes = (f' class="{cls}"' if cls else "") + "".join(
        f' {k.rstrip("_").replace("_", "-")}="{html.escape(v, quote=True)}"' for k, v in attrs.items())
    return Html(f"<{name}{attributes}>{esc(content)}</{name}>")


def _table(headers: list[object], rows: list[list[object]], numeric: set[int] = frozenset(),
           row_classes: list[str] | None = None, cell_classes: dict[tuple[int, int], str] | None = None,
           cls: str = "", text: set[int] = frozenset()) -> Html:
    """A table; the columns in `numeric` are right-aligned figures, those in `text` get room for words."""
    cell_classes = cell_classes or {}

    def cell_class(r: int | None, c: int) -> str:
        names = (["num"] if c in numeric else []) + (["text"] if c in text else []) \
            + ([cell_classes[(r, c)]] if (r, c) in cell_classes else [])
        return f' class="{" ".join(names)}"' if names else ""

    head = "".join(f'<th scope="col"{cell_class(None, c)}>{esc(h)}</th>' for c, h in enumerate(headers))
    body = []
    for r, row in enumerate(rows):
        row_cls = f' class="{row_classes[r]}"' if row_classes and row_classes[r] else ""
        cells = "".join(f"<td{cell_class(r, c)}>{esc(v)}</td>" for c, v in enumerate(row))
        body.append(f"<tr{row_cls}>{cells}</tr>")
    table_cls = f' class="{cls}"' if cls else ""
    return Html(f'<div class="table-wrap"><table{table_cls}><thead><tr>{head}</tr></thead>\n<tbody>\n'
                + "\n".join(body) + "\n</tbody></table></div>\n")


def _section(title: str, *content: object, id_: str = "") -> Html:
    ident = f' id="{id_}"' if id_ else ""
    return Html(f"<section{ident}>\n<h2>{esc(title)}</h2>\n" + "".join(esc(c) for c in content) + "</section>\n")


def _para(content: object, cls: str = "") -> Html:
    return Html(_tag("p", content, cls) + "\n")


def _chart(svg: str) -> Html:
    return Html(f'<figure class="chart-figure">\n{svg}</figure>\n')


def _synthetic_banner(lang: str) -> Html:
    return Html(f'<p class="banner synthetic" role="note"><strong>{esc(t("synthetic_title", lang))}</strong> '
                f'{esc(t("synthetic_text", lang))}</p>\n')


def _reason(reason: Reason, lang: str) -> Html:
    """The sentence that explains an outcome, in the page's language."""
    return esc(reason_text(reason, lang))


def _card(value: str, label: str, detail: str = "") -> Html:
    extra = f'<span class="card-detail">{esc(detail)}</span>' if detail else ""
    return Html(f'<div class="card"><span class="card-value">{esc(value)}</span>'
                f'<span class="card-label">{esc(label)}</span>{extra}</div>\n')


def _dl(items: list[tuple[str, object]]) -> Html:
    return Html("<dl class=\"facts\">\n" + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>\n" for k, v in items)
                + "</dl>\n")


def _epci_name(alloc: Allocation, siren: str) -> str:
    return next((e.name for e in alloc.territory.epcis if e.siren == siren), siren)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _rule_unit(measure: str, lang: str):
    """How a rule's activity and bounds read: euros, projects, or a column's total."""
    if measure == "eur":
        return lambda v: fmt_eur(v, lang)
    return lambda v: fmt_num(v, 0 if measure == "projects" else 1, lang)


# --- report.html -----------------------------------------------------------------------------------


def allocation_page(alloc: Allocation, info: RunInfo, lang: str = "fr") -> str:
    """report.html for one scenario: report.md's content, with the charts."""
    check_lang(lang)
    s = alloc.scenario
    tab = alloc.table
    funded = tab[tab["funded"]].sort_values(["rank", "id"])
    total = alloc.total_eur
    title = t("allocation_title", lang, name=s.name)
    parts: list[Html] = [Html(_tag("h1", title) + "\n")]
    if info.synthetic:
        parts.append(_synthetic_banner(lang))
    if s.description:
        parts.append(_para(s.description, "lead"))

    # Key figures
    cards = [
        _card(fmt_eur(total, lang), t("allocated", lang),
              f"{fmt_pct(total / s.envelope_eur, 1, lang)} {t('of_envelope', lang)} ({fmt_eur(s.envelope_eur, lang)})"),
        _card(fmt_int(len(funded), lang), t("funded_projects", lang),
              t("of_candidates", lang, n=fmt_int(len(tab), lang), eligible=fmt_int(int(tab["eligible"].sum()), lang))),
        _card(fmt_int(funded["siren"].nunique(), lang), t("companies", lang)),
        _card(fmt_int(funded["epci"].nunique(), lang), t("epcis_reached", lang),
              t("of_epcis", lang, n=len(alloc.territory.epcis))),
    ]
    if s.state_aid:
        aid = t("regime", lang, regime=regime_text(s.state_aid.regime, lang))
        if s.state_aid.regime == "de_minimis":
            aid += t("de_minimis_ceiling", lang, amount=fmt_eur(s.state_aid.de_minimis_ceiling_eur, lang))
        aid_html = esc(aid)
    else:
        aid_html = _join(Html(f'<strong class="no-cap">{esc(t("no_state_aid", lang))}</strong> '),
                         t("no_state_aid_why", lang))
    solver = alloc.solution.solver.upper() if alloc.solution.solver == "cbc" else "HiGHS"
    status = status_text(alloc, lang)
    status_html = esc(status) if alloc.proven_optimal else Html(f'<strong class="not-proven">{esc(status)}</strong>')
    facts = [
        (t("envelope", lang), fmt_eur(s.envelope_eur, lang)),
        (t("funding_mode", lang), t("funding_partial" if s.funding == "partial" else "funding_all", lang)),
        (t("objective", lang),
         f"{objective_text(s.objective, lang)} = {fmt_num(alloc.solution.objective or 0, 3, lang)}"),
        (t("solve", lang), _join(f"{solver}, ", status_html)),
        (t("state_aid", lang), aid_html),
        *[(t("note", lang), note) for note in alloc.notes],
    ]
    key = [Html('<div class="cards">\n' + "".join(cards) + "</div>\n")]
    if not alloc.proven_optimal:
        key.append(Html(f'<p class="banner alert" role="alert"><strong>{esc(status)}</strong> — '
                        f'{esc(t("status_warning", lang))}</p>\n'))
    key.append(_dl(facts))
    parts.append(_section(t("key_figures", lang), *key, id_="chiffres"))

    parts.append(_section(t("charts", lang), _chart(charts.score_vs_request_chart(alloc, lang)),
                          _chart(charts.epci_chart(alloc, lang)), id_="graphiques"))

    # Funded projects
    if len(funded):
        rows = [[fmt_int(r["rank"], lang), r["id"], r["name"], _epci_name(alloc, r["epci"]), r["priority"],
                 fmt_num(r["score"], 1, lang), fmt_eur(r["amount_eur"], lang), fmt_eur(r["requested_eur"], lang),
                 _reason(r["reason"], lang)] for _, r in funded.iterrows()]
        body = _table([t(k, lang) for k in ("rank", "project", "company", "epci", "priority", "score", "amount",
                                             "requested", "reason")],
                      rows, numeric={0, 5, 6, 7}, text={2, 8}, cls="wide")
    else:
        body = _para(t("none_funded", lang), "empty")
    parts.append(_section(t("funded_list", lang), body, id_="finances"))

    # Per EPCI, per priority
    rows = [[r.epci, fmt_int(r.candidates, lang), fmt_int(r.eligible, lang), fmt_int(r.funded, lang),
             fmt_eur(r.amount_eur, lang), fmt_pct(r.share, 1, lang),
             f"{fmt_num(r.eur_per_inhabitant, 2, lang)} ({t('population_year', lang, year=r.population_year)})"]
            for r in by_epci(alloc).itertuples()]
    parts.append(_section(t("per_epci", lang), _table(
        [t(k, lang) for k in ("epci", "candidates", "eligible", "funded", "amount", "share", "per_inhabitant")],
        rows, numeric={1, 2, 3, 4, 5, 6}), id_="epci"))
    rows = [[r.priority, r.label, fmt_int(r.candidates, lang), fmt_int(r.eligible, lang), fmt_int(r.funded, lang),
             fmt_eur(r.amount_eur, lang), fmt_pct(r.share, 1, lang)] for r in by_priority(alloc).itertuples()]
    parts.append(_section(t("per_priority", lang), _table(
        [t(k, lang) for k in ("priority", "label", "candidates", "eligible", "funded", "amount", "share")],
        rows, numeric={2, 3, 4, 5, 6}), id_="priorites"))

    # Binding constraints
    binding = [st for st in alloc.rules if st.binding]
    if binding:
        items = []
        for st in binding:
            rule = st.rule
            bound = st.bound
            unit = _rule_unit(rule.measure, lang)
            what = describe_rule(rule, lang).replace("le plafond", "la limite").replace("the cap", "the limit")
            side = t("ceiling" if st.at_upper else "floor", lang)
            text = t("binding_text", lang, what=_cap(what), activity=unit(st.activity), side=side, bound=unit(bound))
            items.append(f"<li>{esc(text)} <code>{esc(rule.source)}</code></li>")
        body = Html("<ul class=\"binding\">\n" + "\n".join(items) + "\n</ul>\n")
    else:
        body = _para(t("no_binding", lang), "empty")
    parts.append(_section(t("binding", lang), body, id_="contraintes"))

    # The first unfunded projects
    missed = tab[tab["eligible"] & ~tab["funded"]].sort_values(["rank", "id"]).head(UNFUNDED_SHOWN)
    if len(missed):
        rows = [[fmt_int(r["rank"], lang), r["id"], r["name"], fmt_num(r["score"], 1, lang),
                 fmt_eur(r["requested_eur"], lang), _reason(r["reason"], lang)]
                for _, r in missed.iterrows()]
        body = _table([t(k, lang) for k in ("rank", "project", "company", "score", "requested", "reason")], rows,
                      numeric={0, 3, 4}, text={2, 5}, cls="wide")
    else:
        body = _para(t("all_funded", lang), "empty")
    parts.append(_section(t("unfunded", lang), body, id_="non-finances"))

    # Reasons
    counts = tab["reason_code"].value_counts()
    content = [_table([t("reason", lang), t("code", lang), t("candidates", lang)],
                      [[reason_label(code, lang), Html(f"<code>{esc(code)}</code>"), fmt_int(n, lang)]
                       for code, n in sorted(counts.items())], numeric={2})]
    closed = tab[~tab["eligible"]].sort_values("id")
    if len(closed):
        content.append(Html(_tag("h3", t("ineligible", lang)) + "\n"))
        content.append(_table([t("project", lang), t("company", lang), t("reason", lang)],
                              [[r["id"], r["name"], _reason(r["reason"], lang)]
                               for _, r in closed.iterrows()], text={1, 2}, cls="wide"))
    parts.append(_section(t("reasons", lang), *content, id_="motifs"))

    parts.append(_section(t("traceability", lang), _dl([
        (t("candidates_file", lang), _join(Html("<code>"), info.candidates_file, Html("</code>"))),
        (t("sha", lang), Html(f'<code class="sha">{esc(info.candidates_sha256)}</code>')),
        (t("scenario_file", lang), _join(Html("<code>"), info.scenario_file, Html("</code>"))),
        (t("scenario_sha", lang), Html(f'<code class="sha">{esc(info.scenario_sha256)}</code>')),
        (t("version", lang), __version__),
    ]), id_="tracabilite"))
    return _page(title, parts, lang)


# --- comparison.html -------------------------------------------------------------------------------


def _scenario_header(entry: Entry, reference: str, lang: str) -> Html:
    """A scenario's name, and under it its file's stem (and whether it is the reference)."""
    sub = entry.label + (f" · {t('reference', lang).lower()}" if entry.label == reference else "")
    return _join(entry.name, Html(f'<span class="sub">{esc(sub)}</span>'))


def _rank_text(rank: object, tied: bool, lang: str) -> str:
    return f"{int(rank)}{' (' + t('tied', lang) + ')' if tied else ''}"


def comparison_page(comparison: Comparison, lang: str = "fr") -> str:
    """comparison.html: ranking, indicators, amounts per EPCI and priority, and moves against the reference."""
    check_lang(lang)
    solved = comparison.solved
    by_label = {e.label: e for e in comparison.entries}
    ind_by_key = {i.key: i for i in comparison.indicators}
    ref = comparison.entry(comparison.reference)
    title = t("comparison_title", lang)
    parts: list[Html] = [Html(_tag("h1", title) + "\n")]
    if any(e.study.synthetic for e in solved):
        parts.append(_synthetic_banner(lang))
    rank_ind = ind_by_key[comparison.rank_by]
    parts.append(_para(t("reference_intro", lang, name=ref.name, label=ref.label, indicator=rank_ind.label(lang)),
                       "lead"))

    # Ranking
    rows, classes = [], []
    for r in ranking_table(comparison).to_dict("records"):
        entry = by_label[r["scenario"]]
        if entry.study is None:
            continue
        dominated = comparison.dominated_by.get(entry.label, [])
        if dominated:
            pareto = "; ".join(t("dominated_by", lang, other=by_label[other].name,
                                 indicators=", ".join(ind_by_key[k].label(lang) for k in keys))
                               for other, keys in dominated)
        else:
            pareto = t("not_dominated", lang)
        rows.append([_rank_text(r["rank"], bool(r["tied"]), lang), entry.name, Html(f"<code>{esc(entry.label)}</code>"),
                     fmt_unit(entry.values[comparison.rank_by], rank_ind.unit, lang),
                     Html(f'<span class="dominated">▼ {esc(pareto)}</span>') if dominated else pareto])
        classes.append("is-dominated" if dominated else ("is-tied" if r["tied"] else ""))
    for entry in comparison.entries:
        if entry.study is None:
            rows.append(["–", entry.name, Html(f"<code>{esc(entry.label)}</code>"), "–",
                         Html(f'<strong class="infeasible">{esc(t("infeasible_one", lang))}</strong>')])
            classes.append("is-infeasible")
    content = [_table([t("rank", lang), t("scenario", lang), t("file", lang), rank_ind.label(lang), t("pareto", lang)],
                      rows, numeric={0, 3}, row_classes=classes, text={1, 4}),
               _para(t("pareto_note", lang), "note")]
    infeasible = [e for e in comparison.entries if e.study is None]
    if infeasible:
        content.append(Html(_tag("h3", t("infeasible", lang)) + "\n"))
        content.append(Html("<ul class=\"infeasible-list\">\n" + "".join(
            f"<li><strong>{esc(e.label)}</strong> : <span class=\"error\">{esc(e.error)}</span></li>\n"
            if lang == "fr" else
            f"<li><strong>{esc(e.label)}</strong>: <span class=\"error\">{esc(e.error)}</span></li>\n"
            for e in infeasible) + "</ul>\n"))
    parts.append(_section(t("ranking", lang), *content, id_="classement"))

    # Indicators
    table = indicator_table(comparison, lang)
    headers: list[object] = [t("indicator", lang), t("direction", lang)]
    headers += [_scenario_header(e, comparison.reference, lang) for e in solved]
    rows, cells = [], {}
    for r_index, r in enumerate(table.to_dict("records")):
        best = set(filter(None, r["best"].split(", ")))
        mark = bool(best) and len(best) < len(solved)
        row: list[object] = [
            _join(r["label"], Html(f' <span class="badge">{esc(t("key_indicator", lang))}</span>')
                  if r["key_indicator"] else ""),
            direction_text(r["direction"] or None, lang),
        ]
        for c, e in enumerate(solved, start=2):
            value = fmt_unit(r[e.label], r["unit"], lang)
            if mark and e.label in best:
                row.append(Html(f'<span class="star" aria-hidden="true">★</span> {esc(value)}'))
                cells[(r_index, c)] = "best"
            else:
                row.append(value)
        rows.append(row)
    parts.append(_section(t("indicators", lang),
                          _table(headers, rows, numeric=set(range(2, len(headers))), cell_classes=cells,
                                 cls="indicators", text={0}),
                          _para(t("best_note", lang), "note"), id_="indicateurs"))

    # Amounts
    if solved:
        names = [_scenario_header(e, comparison.reference, lang) for e in solved]
        amounts = epci_amounts(comparison)
        epci_rows = [[epci, *(fmt_eur(amounts.at[epci, e.label], lang) for e in solved)] for epci in amounts.index]
        priorities = priority_amounts(comparison)
        labels = {p.key: p.label for p in solved[0].allocation.territory.priorities}
        prio_rows = [[labels.get(p, p), *(fmt_eur(priorities.at[p, e.label], lang) for e in solved)]
                     for p in priorities.index]
        numeric = set(range(1, len(names) + 1))
        parts.append(_section(t("amounts_epci", lang), _chart(charts.epci_amounts_chart(comparison, lang)),
                              _table([t("epci", lang), *names], epci_rows, numeric=numeric), id_="montants-epci"))
        parts.append(_section(t("amounts_priority", lang), _chart(charts.priority_amounts_chart(comparison, lang)),
                              _table([t("priority", lang), *names], prio_rows, numeric=numeric),
                              id_="montants-priorites"))

    # Moves against the reference
    for label, moves in comparison.changes.items():
        entry = by_label[label]
        parts.append(_changes_section(entry, moves, lang))

    # Traceability
    trace_rows = []
    for e in comparison.entries:
        if e.study is not None:
            trace_rows.append([e.name, Html(f"<code>{esc(e.study.loaded.path.name)}</code>"),
                               Html(f'<code class="sha">{esc(e.study.loaded.sha256)}</code>')])
        else:
            trace_rows.append([e.name, Html(f"<code>{esc(e.path.name)}</code>"), t("infeasible_one", lang)])
    trace = [_table([t("scenario", lang), t("file", lang), t("scenario_sha", lang)], trace_rows)]
    if ref.study is not None:
        trace.append(_dl([
            (t("candidates_file", lang), Html(f"<code>{esc(ref.study.candidates.path.name)}</code>")),
            (t("sha", lang), Html(f'<code class="sha">{esc(ref.study.candidates.sha256)}</code>')),
            (t("version", lang), __version__),
        ]))
    parts.append(_section(t("traceability", lang), *trace, id_="tracabilite"))
    return _page(title, parts, lang)


MOVE_ORDER = {"enters": 0, "leaves": 1, "amount": 2}
MOVE_MARK = {"enters": "▲", "leaves": "▼", "amount": "◆"}


def _signed_eur(value: int, lang: str) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "") + fmt_eur(abs(value), lang)


def _changes_section(entry: Entry, moves: pd.DataFrame, lang: str) -> Html:
    title = t("changes_title", lang, name=entry.name)
    if moves.empty:
        return _section(title, _para(t("no_change", lang), "empty"), id_=f"changements-{entry.label}")
    ordered = moves.assign(_order=moves["move"].map(MOVE_ORDER)).sort_values(["_order", "id"], kind="stable")
    counts = moves["move"].value_counts()
    summary = t("changes_count", lang, enters=int(counts.get("enters", 0)), leaves=int(counts.get("leaves", 0)),
                amount=int(counts.get("amount", 0)))
    rows, classes = [], []
    for m in ordered.itertuples():
        delta = int(m.amount_eur) - int(m.amount_reference_eur)
        rows.append([m.id, m.name, Html(f'<span class="move-{m.move}">{MOVE_MARK[m.move]} '
                                        f'{esc(MOVES[lang][m.move])}</span>'),
                     fmt_eur(m.amount_reference_eur, lang), fmt_eur(m.amount_eur, lang),
                     _signed_eur(delta, lang),
                     CAUSES[lang][m.cause], _reason(m.reason, lang)])
        classes.append(f"row-{m.move}")
    headers = [t(k, lang) for k in ("project", "company", "move", "reference", "scenario", "difference", "cause",
                                    "reason_scenario")]
    return _section(title, _para(summary, "note"),
                    _table(headers, rows, numeric={3, 4, 5}, row_classes=classes, cls="wide changes", text={1, 6, 7}),
                    id_=f"changements-{entry.label}")


# --- the page --------------------------------------------------------------------------------------

CSS = """
:root {
  --ink: #111111; --muted: #4d4d4d; --line: #c4c4c4; --head: #0b3a66; --zebra: #f1f4f8;
  --warn-bg: #fff3cd; --warn-line: #a86400; --bad-bg: #fbe3df; --bad-line: #a3221a;
  --good-bg: #dcefe3; --good-ink: #0b5a32;
}
* { box-sizing: border-box; }
html { font-size: 18px; -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #ffffff; color: var(--ink); line-height: 1.45;
  font-family: "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1400px; margin: 0 auto; padding: 1.2rem 2rem 3rem; }
h1 { font-size: 2.1rem; line-height: 1.2; margin: 0.6rem 0 1rem; color: var(--head); }
h2 { font-size: 1.55rem; margin: 2.4rem 0 0.9rem; padding-bottom: 0.25rem; color: var(--head);
  border-bottom: 3px solid var(--head); }
h3 { font-size: 1.2rem; margin: 1.6rem 0 0.6rem; }
p.lead { font-size: 1.15rem; }
p.note, p.empty { color: var(--muted); }
code { font-family: "DejaVu Sans Mono", Consolas, "Liberation Mono", monospace; font-size: 0.88em; }
code.sha { word-break: break-all; }
.banner { margin: 1rem 0; padding: 0.8rem 1.1rem; font-size: 1.08rem; border-left: 10px solid var(--warn-line);
  background: var(--warn-bg); }
.banner.alert { border-left-color: var(--bad-line); background: var(--bad-bg); }
.not-proven, .infeasible { color: var(--bad-line); }
.no-cap { color: var(--bad-line); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; margin: 1rem 0; }
.card { border: 2px solid var(--line); border-top: 8px solid var(--head); padding: 0.7rem 1rem 0.8rem;
  display: flex; flex-direction: column; break-inside: avoid; }
.card-value { font-size: 2.1rem; font-weight: 700; color: var(--head); font-variant-numeric: tabular-nums;
  white-space: nowrap; }
.card-label { font-size: 1.05rem; font-weight: 700; }
.card-detail { font-size: 0.92rem; color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1.2rem; margin: 1rem 0; }
dl.facts dt { font-weight: 700; }
dl.facts dd { margin: 0; }
.table-wrap { overflow-x: auto; margin: 0.6rem 0 1.2rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.94rem; }
th, td { padding: 0.42rem 0.6rem; text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); }
thead th { background: var(--head); color: #ffffff; font-weight: 700; vertical-align: bottom; }
tbody tr:nth-child(even) { background: var(--zebra); }
th.text, td.text { min-width: 11rem; }
table.indicators td.text { min-width: 17rem; }
table.wide th.text:last-child, table.wide td.text:last-child { min-width: 17rem; }
th .sub { display: block; font-weight: 400; font-size: 0.8em; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.best { background: var(--good-bg); color: var(--good-ink); font-weight: 700; }
.star { color: var(--good-ink); }
.badge { display: inline-block; padding: 0 0.4em; margin-left: 0.3em; font-size: 0.8em; font-weight: 700;
  border: 1.5px solid var(--head); border-radius: 0.3em; color: var(--head); }
tr.is-dominated td { color: var(--muted); }
.dominated { color: var(--bad-line); font-weight: 700; }
tr.is-infeasible td { color: var(--bad-line); }
.move-enters { color: var(--good-ink); font-weight: 700; white-space: nowrap; }
.move-leaves { color: var(--bad-line); font-weight: 700; white-space: nowrap; }
.move-amount { color: var(--head); font-weight: 700; white-space: nowrap; }
.detail { display: block; color: var(--muted); font-size: 0.9em; }
.error { white-space: pre-wrap; }
ul.binding li, ul.infeasible-list li { margin: 0.3rem 0; }
figure.chart-figure { margin: 1rem 0 1.8rem; break-inside: avoid; page-break-inside: avoid; }
svg.chart { display: block; width: 100%; max-width: 1180px; height: auto; }
@media print {
  @page { size: A4 portrait; margin: 14mm 12mm 15mm 12mm; }
  html { font-size: 10pt; }
  body { background: #ffffff; color: #000000; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 18pt; color: #000000; }
  h2 { font-size: 14pt; color: #000000; border-bottom-color: #000000; margin-top: 1.4rem;
    break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  section { break-before: auto; }
  .banner { background: #ffffff; border: 1.5pt solid #000000; border-left-width: 6pt; }
  .card { border-color: #777777; border-top-color: #000000; }
  .card-value { color: #000000; font-size: 16pt; }
  table { font-size: 8.6pt; }
  thead { display: table-header-group; }
  thead th { background: #ffffff; color: #000000; border-top: 1.2pt solid #000000;
    border-bottom: 1.2pt solid #000000; }
  tbody tr:nth-child(even) { background: #ffffff; }
  tr, td, th { break-inside: avoid; page-break-inside: avoid; }
  td.best { background: #ffffff; color: #000000; text-decoration: underline; }
  .table-wrap { overflow: visible; }
  th.text, td.text { min-width: 8em; }
  table.wide th.text:last-child, table.wide td.text:last-child { min-width: 17em; }
  .cards { grid-template-columns: repeat(4, 1fr); gap: 0.6rem; }
  table.indicators td.text { min-width: 14em; }
  figure.chart-figure { margin: 0.5rem 0 1rem; }
  svg.chart { max-width: 100%; max-height: 235mm; }
  .badge { border-color: #000000; color: #000000; }
}
"""


def _page(title: str, parts: list[Html], lang: str) -> str:
    return ("<!DOCTYPE html>\n"
            f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="optimiser {esc(__version__)}">\n'
            f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
            + "".join(parts) + "</main>\n</body>\n</html>\n")
