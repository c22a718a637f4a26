"""report.html for one scenario: report.md's sections in the page's language, with the charts.

One self-contained file: its styles and its charts (inline SVG, see `charts.py`) are inside, it loads
nothing and runs no script, and the same input gives the same bytes. Every text from the data is escaped.
"""

from __future__ import annotations

import pandas as pd

from .. import __version__
from ..allocation import Allocation
from ..catalogue import (
    check_lang,
    describe_rule,
    named,
    note_text,
    objective_text,
    reason_label,
    state_aid_text,
    t,
)
from ..formatting import fmt_eur, fmt_int, fmt_num, fmt_pct
from . import charts
from .grid import grid_headers, grid_rows, objective_paragraph, points_per_euro
from .markup import (
    Html,
    capitalised,
    card,
    chart,
    dl,
    epci_name,
    esc,
    join,
    page,
    para,
    priority_label,
    reason_cell,
    rule_unit,
    section,
    synthetic_banner,
    table_html,
    tag,
)
from .tables import RunInfo, by_epci, by_priority, status_text

UNFUNDED_SHOWN = 10


def allocation_page(alloc: Allocation, info: RunInfo, lang: str = "fr") -> str:
    """report.html for one scenario: report.md's content, with the charts."""
    check_lang(lang)
    s = alloc.scenario
    tab = alloc.table
    funded = tab[tab["funded"]].sort_values(["rank", "id"])
    title = t("allocation_title", lang, name=s.name)
    parts: list[Html] = [Html(tag("h1", title) + "\n")]
    if info.synthetic:
        parts.append(synthetic_banner(lang))
    if s.description:
        parts.append(para(s.description, "lead"))
    parts += _key_figures(alloc, funded, lang)
    parts.append(section(t("objective_title", lang), para(objective_paragraph(alloc, lang)), id_="objectif"))
    parts.append(section(t("grid_title", lang), para(t("grid_intro", lang)),
                         table_html(grid_headers(lang), grid_rows(s.scoring, info.headers, lang), text={2, 3, 7},
                                    cls="wide"), id_="grille"))
    parts += _charts(alloc, lang)
    parts += _funded(alloc, funded, lang)
    parts += _per_group(alloc, funded, lang)
    parts += _binding(alloc, lang)
    parts += _unfunded(alloc, funded, lang)
    parts += _reasons(alloc, lang)
    parts.append(section(t("traceability", lang), dl([
        (t("candidates_file", lang), join(Html("<code>"), info.candidates_file, Html("</code>"))),
        (t("sha", lang), Html(f'<code class="sha">{esc(info.candidates_sha256)}</code>')),
        (t("scenario_file", lang), join(Html("<code>"), info.scenario_file, Html("</code>"))),
        (t("scenario_sha", lang), Html(f'<code class="sha">{esc(info.scenario_sha256)}</code>')),
        (t("version", lang), __version__),
    ]), id_="tracabilite"))
    return page(title, parts, lang)


def _key_figures(alloc: Allocation, funded: pd.DataFrame, lang: str) -> list[Html]:
    """The headline: amounts, counts, the solve's status and the state-aid regime."""
    s = alloc.scenario
    tab = alloc.table
    total = alloc.total_eur
    parts: list[Html] = []
    cards = [
        card(fmt_eur(total, lang), t("allocated", lang),
              f"{fmt_pct(total / s.envelope_eur, 1, lang)} {t('of_envelope', lang)} ({fmt_eur(s.envelope_eur, lang)})"),
        card(fmt_int(len(funded), lang), t("funded_projects", lang),
              t("of_candidates", lang, n=fmt_int(len(tab), lang), eligible=fmt_int(int(tab["eligible"].sum()), lang))),
        card(fmt_int(funded["siren"].nunique(), lang), t("companies", lang)),
        card(fmt_int(funded["epci"].nunique(), lang), t("epcis_reached", lang),
              t("of_epcis", lang, n=len(alloc.territory.epcis))),
    ]
    if s.state_aid:
        aid_html = esc(state_aid_text(s.state_aid, lang))
    else:
        aid_html = join(Html(f'<strong class="no-cap">{esc(t("no_state_aid", lang))}</strong> '),
                         t("no_state_aid_why", lang))
    solver = alloc.solution.solver.upper() if alloc.solution.solver == "cbc" else "HiGHS"
    status = status_text(alloc, lang)
    status_html = esc(status) if alloc.proven_optimal else Html(f'<strong class="not-proven">{esc(status)}</strong>')
    facts = [
        (t("envelope", lang), fmt_eur(s.envelope_eur, lang)),
        (t("funding_mode", lang), t("funding_partial" if s.funding == "partial" else "funding_all", lang)),
        (t("objective", lang), objective_text(s.objective, lang)),
        (t("solve", lang), join(f"{solver}, ", status_html)),
        (t("state_aid", lang), aid_html),
        *[(t("note", lang), note_text(note, lang)) for note in alloc.notes],
    ]
    key = [Html('<div class="cards">\n' + "".join(cards) + "</div>\n")]
    if not alloc.proven_optimal:
        key.append(Html(f'<p class="banner alert" role="alert"><strong>{esc(status)}</strong> — '
                        f'{esc(t("status_warning", lang))}</p>\n'))
    key.append(dl(facts))
    parts.append(section(t("key_figures", lang), *key, id_="chiffres"))
    return parts


def _charts(alloc: Allocation, lang: str) -> list[Html]:
    """The two charts."""
    parts: list[Html] = []
    parts.append(section(t("charts", lang), chart(charts.score_vs_request_chart(alloc, lang)),
                          chart(charts.epci_chart(alloc, lang)), id_="graphiques"))
    return parts


def _scores(alloc: Allocation, rows: pd.DataFrame, lang: str) -> tuple[list[str], list[list[str]]]:
    """Each pillar's sub-score and, under `value`, the points per 100,000 euros requested: the figures
    that say why a project is funded before a better-ranked one."""
    s = alloc.scenario
    headers = [t("sub_score", lang, pillar=named(k, p.label)) for k, p in s.scoring.pillars.items()]
    columns = [rows[f"score_{k}"].to_numpy() for k in s.scoring.pillars]
    if s.objective == "value":
        headers.append(t("points_per_100k", lang))
        columns.append(points_per_euro(rows))
    return headers, [[fmt_num(c[i], 1, lang) for c in columns] for i in range(len(rows))]


def _funded(alloc: Allocation, funded: pd.DataFrame, lang: str) -> list[Html]:
    """The funded projects, best ranked first, with the sub-scores that make their score."""
    parts: list[Html] = []
    if len(funded):
        extra, figures = _scores(alloc, funded, lang)
        rows = [[fmt_int(r["rank"], lang), r["id"], r["name"], epci_name(alloc, r["epci"]),
                 priority_label(alloc, r["priority"]), fmt_num(r["score"], 1, lang), *more,
                 fmt_eur(r["amount_eur"], lang), fmt_eur(r["requested_eur"], lang), reason_cell(r["reason"], lang)]
                for (_, r), more in zip(funded.iterrows(), figures, strict=True)]
        n = len(extra)
        body = table_html([t(k, lang) for k in ("rank", "project", "company", "epci", "priority", "score")] + extra
                          + [t(k, lang) for k in ("amount", "requested", "reason")],
                          rows, numeric={0, 5, *range(6, 6 + n), 6 + n, 7 + n}, text={2, 8 + n}, cls="wide")
    else:
        body = para(t("none_funded", lang), "empty")
    parts.append(section(t("funded_list", lang), body, id_="finances"))
    return parts


def _per_group(alloc: Allocation, funded: pd.DataFrame, lang: str) -> list[Html]:
    """Amounts per EPCI and per priority."""
    parts: list[Html] = []
    rows = [[r.epci, fmt_int(r.candidates, lang), fmt_int(r.eligible, lang), fmt_int(r.funded, lang),
             fmt_eur(r.amount_eur, lang), fmt_pct(r.share, 1, lang),
             f"{fmt_num(r.eur_per_inhabitant, 2, lang)} ({t('population_year', lang, year=r.population_year)})"]
            for r in by_epci(alloc).itertuples()]
    parts.append(section(t("per_epci", lang), table_html(
        [t(k, lang) for k in ("epci", "candidates", "eligible", "funded", "amount", "share", "per_inhabitant")],
        rows, numeric={1, 2, 3, 4, 5, 6}), id_="epci"))
    rows = [[r.label, fmt_int(r.candidates, lang), fmt_int(r.eligible, lang), fmt_int(r.funded, lang),
             fmt_eur(r.amount_eur, lang), fmt_pct(r.share, 1, lang)] for r in by_priority(alloc).itertuples()]
    parts.append(section(t("per_priority", lang), table_html(
        [t(k, lang) for k in ("priority", "candidates", "eligible", "funded", "amount", "share")],
        rows, numeric={1, 2, 3, 4, 5}), id_="priorites"))
    return parts


def _binding(alloc: Allocation, lang: str) -> list[Html]:
    """The rules that bind, with the bound they sit at."""
    parts: list[Html] = []
    binding = [st for st in alloc.rules if st.binding]
    if binding:
        items = []
        for st in binding:
            rule = st.rule
            bound = st.bound
            unit = rule_unit(rule.measure, lang)
            what = describe_rule(rule, lang).replace("le plafond", "la limite").replace("the cap", "the limit")
            side = t("ceiling" if st.at_upper else "floor", lang)
            text = t("binding_text", lang, what=capitalised(what), activity=unit(st.activity), side=side,
                     bound=unit(bound))
            items.append(f"<li>{esc(text)}</li>")
        body = Html("<ul class=\"binding\">\n" + "\n".join(items) + "\n</ul>\n")
    else:
        body = para(t("no_binding", lang), "empty")
    parts.append(section(t("binding", lang), body, id_="contraintes"))
    return parts


def _unfunded(alloc: Allocation, funded: pd.DataFrame, lang: str) -> list[Html]:
    """The first eligible projects left unfunded, with why."""
    tab = alloc.table
    parts: list[Html] = []
    missed = tab[tab["eligible"] & ~tab["funded"]].sort_values(["rank", "id"]).head(UNFUNDED_SHOWN)
    if len(missed):
        extra, figures = _scores(alloc, missed, lang)
        rows = [[fmt_int(r["rank"], lang), r["id"], r["name"], fmt_num(r["score"], 1, lang), *more,
                 fmt_eur(r["requested_eur"], lang), reason_cell(r["reason"], lang)]
                for (_, r), more in zip(missed.iterrows(), figures, strict=True)]
        n = len(extra)
        body = table_html([t(k, lang) for k in ("rank", "project", "company", "score")] + extra
                          + [t(k, lang) for k in ("requested", "reason")], rows,
                          numeric={0, 3, *range(4, 4 + n), 4 + n}, text={2, 5 + n}, cls="wide")
    else:
        body = para(t("all_funded", lang), "empty")
    parts.append(section(t("unfunded", lang), body, id_="non-finances"))
    return parts


def _reasons(alloc: Allocation, lang: str) -> list[Html]:
    """How many candidates each reason covers, and why each ineligible one is out."""
    tab = alloc.table
    parts: list[Html] = []
    counts = tab["reason_code"].value_counts()
    content = [table_html([t("reason", lang), t("candidates", lang)],
                          [[reason_label(code, lang), fmt_int(n, lang)] for code, n in sorted(counts.items())],
                          numeric={1})]
    closed = tab[~tab["eligible"]].sort_values("id")
    if len(closed):
        content.append(Html(tag("h3", t("ineligible", lang)) + "\n"))
        content.append(table_html([t("project", lang), t("company", lang), t("reason", lang)],
                              [[r["id"], r["name"], reason_cell(r["reason"], lang)]
                               for _, r in closed.iterrows()], text={1, 2}, cls="wide"))
    parts.append(section(t("reasons", lang), *content, id_="motifs"))
    return parts
