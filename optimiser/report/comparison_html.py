"""comparison.html: the ranking, the indicators, the amounts per EPCI and priority, and what moves against
the reference, in one self-contained page (see `allocation_html`)."""

from __future__ import annotations

import pandas as pd

from .. import __version__
from ..catalogue import cause_text, check_lang, direction_text, move_text, t
from ..comparison import Comparison, Entry
from ..formatting import fmt_eur, fmt_unit
from ..indicators import PARETO_LAYER
from . import charts
from .markup import Html, chart, dl, esc, join, page, para, reason_cell, section, synthetic_banner, table_html, tag
from .tables import epci_amounts, indicator_table, priority_amounts, ranking_table


def _scenario_header(entry: Entry, reference: str, lang: str) -> Html:
    """A scenario's name, and under it its file's stem (and whether it is the reference)."""
    sub = entry.label + (f" · {t('reference', lang).lower()}" if entry.label == reference else "")
    return join(entry.name, Html(f'<span class="sub">{esc(sub)}</span>'))


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
    parts: list[Html] = [Html(tag("h1", title) + "\n")]
    if any(e.study.synthetic for e in solved):
        parts.append(synthetic_banner(lang))
    rank_ind = ind_by_key[comparison.rank_by]
    parts.append(para(t("reference_intro", lang, name=ref.name, label=ref.label, indicator=rank_ind.label(lang)),
                       "lead"))
    if comparison.rank_by == PARETO_LAYER:
        parts.append(para(t("pareto_intro", lang)))

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
    content = [table_html([t("rank", lang), t("scenario", lang), t("file", lang), rank_ind.label(lang),
                           t("pareto", lang)],
                      rows, numeric={0, 3}, row_classes=classes, text={1, 4}),
               para(t("pareto_note", lang), "note")]
    infeasible = [e for e in comparison.entries if e.study is None]
    if infeasible:
        content.append(Html(tag("h3", t("infeasible", lang)) + "\n"))
        content.append(Html("<ul class=\"infeasible-list\">\n" + "".join(
            f"<li><strong>{esc(e.label)}</strong>{t('colon', lang)}<span class=\"error\">{esc(e.error)}</span></li>\n"
            for e in infeasible) + "</ul>\n"))
    parts.append(section(t("ranking", lang), *content, id_="classement"))

    # Indicators
    table = indicator_table(comparison, lang)
    headers: list[object] = [t("indicator", lang), t("direction", lang)]
    headers += [_scenario_header(e, comparison.reference, lang) for e in solved]
    rows, cells = [], {}
    for r_index, r in enumerate(table.to_dict("records")):
        best = set(filter(None, r["best"].split(", ")))
        mark = bool(best) and len(best) < len(solved)
        row: list[object] = [
            join(r["label"], Html(f' <span class="badge">{esc(t("key_indicator", lang))}</span>')
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
    parts.append(section(t("indicators", lang),
                          table_html(headers, rows, numeric=set(range(2, len(headers))), cell_classes=cells,
                                 cls="indicators", text={0}),
                          para(t("best_note", lang), "note"), id_="indicateurs"))

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
        parts.append(section(t("amounts_epci", lang), chart(charts.epci_amounts_chart(comparison, lang)),
                              table_html([t("epci", lang), *names], epci_rows, numeric=numeric), id_="montants-epci"))
        parts.append(section(t("amounts_priority", lang), chart(charts.priority_amounts_chart(comparison, lang)),
                              table_html([t("priority", lang), *names], prio_rows, numeric=numeric),
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
    trace = [table_html([t("scenario", lang), t("file", lang), t("scenario_sha", lang)], trace_rows)]
    if ref.study is not None:
        trace.append(dl([
            (t("candidates_file", lang), Html(f"<code>{esc(ref.study.candidates.path.name)}</code>")),
            (t("sha", lang), Html(f'<code class="sha">{esc(ref.study.candidates.sha256)}</code>')),
            (t("version", lang), __version__),
        ]))
    parts.append(section(t("traceability", lang), *trace, id_="tracabilite"))
    return page(title, parts, lang)


MOVE_ORDER = {"enters": 0, "leaves": 1, "amount": 2}
MOVE_MARK = {"enters": "▲", "leaves": "▼", "amount": "◆"}


def _signed_eur(value: int, lang: str) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "") + fmt_eur(abs(value), lang)


def _changes_section(entry: Entry, moves: pd.DataFrame, lang: str) -> Html:
    title = t("changes_title", lang, name=entry.name)
    if moves.empty:
        return section(title, para(t("no_change", lang), "empty"), id_=f"changements-{entry.label}")
    ordered = moves.assign(_order=moves["move"].map(MOVE_ORDER)).sort_values(["_order", "id"], kind="stable")
    counts = moves["move"].value_counts()
    summary = t("changes_count", lang, enters=int(counts.get("enters", 0)), leaves=int(counts.get("leaves", 0)),
                amount=int(counts.get("amount", 0)))
    rows, classes = [], []
    for m in ordered.itertuples():
        delta = int(m.amount_eur) - int(m.amount_reference_eur)
        rows.append([m.id, m.name, Html(f'<span class="move-{m.move}">{MOVE_MARK[m.move]} '
                                        f'{esc(move_text(m.move, lang))}</span>'),
                     fmt_eur(m.amount_reference_eur, lang), fmt_eur(m.amount_eur, lang),
                     _signed_eur(delta, lang),
                     cause_text(m.cause, lang), reason_cell(m.reason, lang)])
        classes.append(f"row-{m.move}")
    headers = [t(k, lang) for k in ("project", "company", "move", "reference", "scenario", "difference", "cause",
                                    "reason_scenario")]
    return section(title, para(summary, "note"),
                    table_html(headers, rows, numeric={3, 4, 5}, row_classes=classes, cls="wide changes",
                              text={1, 6, 7}),
                    id_=f"changements-{entry.label}")


# --- the page --------------------------------------------------------------------------------------
