"""proces-verbal.pdf and proces-verbal.json: the record a committee signs, from a `Decision`.

`record_data` is pure: every word and figure of the record, worded and formatted here, as plain data. The
PDF's layout is a static Typst template (data/record/proces-verbal.typ) that reads that data as JSON, so
that nothing a person typed (a company name, an override's reason) is ever read as markup.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pandas as pd

from ..allocation import Allocation
from ..catalogue import (
    day_text,
    describe_rule,
    note_text,
    objective_text,
    reason_text,
    rule_words,
    state_aid_text,
    t,
)
from ..catalogue.outcomes import MEASURES
from ..constants import INF
from ..decision import Decision
from ..formatting import fmt_eur, fmt_int, fmt_num, fmt_pct
from . import pdf
from .grid import grid_headers, grid_rows, objective_paragraph
from .markup import capitalised, epci_name, priority_label, rule_unit
from .tables import RunInfo, by_epci, status_text

TEMPLATE = "proces-verbal.typ"


def record_files(decision: Decision, info: RunInfo, lang: str = "fr") -> dict[str, str | bytes]:
    data = record_data(decision, info, lang)
    return {"proces-verbal.pdf": pdf.compile_template(TEMPLATE, data, decision.date),
            "proces-verbal.json": json.dumps(data, ensure_ascii=False, indent=2) + "\n"}


def _table(headers: list[str], rows: list[list[str]], align: str, widths: list[str], total: list[str] | None = None,
           size: float = 8.0) -> dict:
    assert len(align) == len(headers) == len(widths)
    return {"headers": headers, "rows": rows, "align": align, "widths": widths, "total": total, "size": size}


def record_data(decision: Decision, info: RunInfo, lang: str = "fr") -> dict:
    """Every word and figure of the record, in `lang`: page one (the decision), then the proposal beside the
    decision, the grid, the unfunded and why, and the signatures."""
    alloc = decision.decided.allocation
    s = alloc.scenario
    tab = alloc.table
    funded = tab[tab["funded"]].sort_values(["rank", "id"])
    overridden = {o.id for o in s.overrides}
    colon = t("colon", lang)
    date = day_text(decision.date, lang)

    if decision.effects:
        overrides = t("rec_overrides_some", lang, n=fmt_int(len(decision.effects), lang),
                      cost=_points(decision.cost, lang), share=_share(decision.cost, decision.value_proposed, lang))
    else:
        overrides = t("rec_overrides_none", lang)
    proof = t("rec_proof_decision" if alloc.proven_optimal else "rec_proof_unproven", lang,
              status=capitalised(status_text(alloc, lang)), value=fmt_num(alloc.solution.objective or 0, 1, lang))
    facts = [
        [t("rec_scenario", lang), f"{s.name} ({info.scenario_file})"],
        [t("envelope", lang), fmt_eur(s.envelope_eur, lang)],
        [t("rec_committed", lang),
         f"{fmt_eur(alloc.total_eur, lang)} ({fmt_pct(alloc.total_eur / s.envelope_eur, 1, lang)})"],
        [t("funded_projects", lang),
         f"{fmt_int(len(funded), lang)} " + t("of_candidates", lang, n=fmt_int(len(tab), lang),
                                              eligible=fmt_int(int(tab["eligible"].sum()), lang))
         + f", {fmt_int(funded['epci'].nunique(), lang)} {t('epcis_reached', lang)} "
         + t("of_epcis", lang, n=len(alloc.territory.epcis))],
        [t("objective", lang), objective_text(s.objective, lang)],
        [t("rec_proof", lang), proof],
        [t("state_aid", lang), state_aid_text(s.state_aid, lang) if s.state_aid else t("no_state_aid", lang)],
        [t("rec_overrides", lang), overrides],
        [t("rec_data", lang), t("synthetic_data", lang) if info.synthetic else t("rec_data_real", lang)],
    ]
    funded_rows = [[fmt_int(r["rank"], lang), r["id"] + (" †" if r["id"] in overridden else ""), r["name"],
                    epci_name(alloc, r["epci"]), fmt_num(r["score"], 1, lang), fmt_eur(r["amount_eur"], lang)]
                   for _, r in funded.iterrows()]
    total = [t("total_row", lang), fmt_int(len(funded), lang), "", "", "", fmt_eur(alloc.total_eur, lang)]
    funded_parts, funded_more = _funded_tables(funded_rows, total, lang)
    epci_table = _table(
        [t(k, lang) for k in ("epci", "funded", "amount", "share", "per_inhabitant")],
        [[r.epci, fmt_int(r.funded, lang), fmt_eur(r.amount_eur, lang), fmt_pct(r.share, 1, lang),
          f"{fmt_num(r.eur_per_inhabitant, 2, lang)} ({t('population_year', lang, year=r.population_year)})"]
         for r in by_epci(alloc).itertuples()],
        "lrrrr", ["1fr", "auto", "auto", "auto", "auto"], size=8.0 if len(funded) <= 30 else 7.0)
    return {
        "lang": lang,
        "title": t("rec_title", lang),
        "subtitle": t("rec_subtitle", lang, territory=alloc.territory.name),
        "meeting": t("rec_meeting", lang, date=date),
        "footer": f"{t('rec_title', lang)} — {s.name} — {date}",
        "page_word": t("rec_page", lang), "of_word": t("rec_of", lang),
        "banner": f"{t('synthetic_title', lang)} {t('synthetic_text', lang)}" if info.synthetic else None,
        "decision_title": t("rec_decision", lang),
        "facts": facts,
        "funded_title": t("rec_funded_title", lang),
        "funded_parts": funded_parts,
        "funded_more": funded_more,
        "funded_more_title": t("rec_funded_more_title", lang),
        "funded_more_note": t("rec_funded_more", lang, n=fmt_int(len(funded), lang)) if funded_more else None,
        "marked": t("rec_marked", lang) if overridden & set(funded["id"]) else None,
        "epci_title": t("per_epci", lang),
        "epci": epci_table,
        "rules_title": t("rec_rules", lang),
        "rules": _rules_in_force(alloc, info, lang),
        "inputs_title": t("rec_inputs", lang),
        "inputs": [[info.candidates_file, info.candidates_sha256], [info.scenario_file, info.scenario_sha256]],
        "replay": t("rec_replay", lang),
        "sections": [_versus(decision, lang), _grid(alloc, info, lang), _unfunded(alloc, lang)],
        "signature": {"title": t("rec_signatures", lang), "done": t("rec_done_at", lang, date=date),
                      "roles": [t("rec_chair", lang), t("rec_secretary", lang)],
                      "name": t("rec_name_line", lang), "sign": t("rec_signature_line", lang)},
        "colon": colon,
    }


ONE_COLUMN = 36   # funded projects that page one shows in one table (then in two, side by side)
PER_COLUMN = 34   # ... in each of the two


def _funded_tables(rows: list[list[str]], total: list[str], lang: str) -> tuple[list[dict], dict | None]:
    """The funded projects on page one: one table (rank, project, company, EPCI, score, amount) up to
    ONE_COLUMN projects, else two side by side (rank, project, company, amount) of PER_COLUMN each; what does
    not fit follows on the next page, whole, before anything else. The total is always on page one."""
    headers = [t(k, lang) for k in ("rank", "project", "company", "epci", "score", "amount")]
    if len(rows) <= ONE_COLUMN:
        size = 8.0 if len(rows) <= 30 else 7.0
        return [_table(headers, rows, "rlllrr", ["auto", "auto", "1fr", "auto", "auto", "auto"], total, size)], None
    narrow = [[r[0], r[1], r[2], r[5]] for r in rows]
    first, second = narrow[:PER_COLUMN], narrow[PER_COLUMN:2 * PER_COLUMN]
    short = [headers[0], headers[1], headers[2], headers[5]]
    shape = ("rllr", ["auto", "auto", "1fr", "auto"])
    parts = [_table(short, first, *shape, size=6.5),
             _table(short, second, *shape, total=[total[0], total[1], "", total[5]], size=6.5)]
    rest = rows[2 * PER_COLUMN:]
    more = _table(headers, rest, "rlllrr", ["auto", "auto", "1fr", "auto", "auto", "auto"], size=7.0) if rest else None
    return parts, more


def _points(given_up: float, lang: str) -> str:
    """Value given up, in points: never below 0 at proven optima, so a solver's −1e-9 is not shown as −0,0."""
    return fmt_num(max(given_up, 0.0), 1, lang)


def _share(part: float, whole: float, lang: str) -> str:
    return fmt_pct(max(part, 0.0) / whole, 2, lang) if whole else fmt_pct(0, 2, lang)


def _rules_in_force(alloc: Allocation, info: RunInfo, lang: str) -> list[str]:
    """The envelope and the group rules (one line per kind when every group has the same bounds), the cap
    per company, the minimum score and the eligibility conditions."""
    lines = []
    groups: dict[tuple, list] = {}
    for st in alloc.rules:
        if st.rule.family in ("envelope", "epci", "priority", "totals"):
            groups.setdefault((st.rule.family, st.rule.measure, st.rule.lower, st.rule.upper), []).append(st)
    for (family, measure, lower, upper), states in groups.items():
        unit = rule_unit(measure, lang)
        bounds = "; ".join(([t("rec_floor", lang, value=unit(lower))] if lower > -INF else [])
                           + ([t("rec_cap", lang, value=unit(upper))] if upper < INF else []))
        reached = [st.rule.group for st in states if st.binding]
        if len(states) == 1:
            rule = states[0].rule
            if family == "priority":
                rule = replace(rule, group=priority_label(alloc, rule.group))
            label = capitalised(describe_rule(rule, lang, "limit"))
            mark = f" ({t('rec_binding', lang)})" if reached else ""
        else:
            family_words = t(f"rec_family_{family}", lang, what=MEASURES[measure][lang])
            label = t("rec_each", lang, family=family_words, n=len(states))
            mark = f" ({t('rec_binding_some', lang, names=', '.join(reached))})" if reached else ""
        lines.append(f"{label}{t('colon', lang)}{bounds}{mark}")
    s = alloc.scenario
    if s.constraints.company.max_eur is not None:
        lines.append(f"{t('rec_company_cap', lang)}{t('colon', lang)}{fmt_eur(s.constraints.company.max_eur, lang)}")
    if s.eligibility.min_score is not None:
        lines.append(f"{t('rec_min_score', lang)}{t('colon', lang)}{fmt_num(s.eligibility.min_score, 1, lang)}")
    lines += [f"{t('rec_eligibility', lang)}{t('colon', lang)}{rule_words(rule, lang)}" for rule in s.eligibility.rules]
    return lines


def _versus(decision: Decision, lang: str) -> dict:
    """The proposal beside the decision: each override with its reason, who, when and its cost alone."""
    title = t("rec_versus", lang)
    if not decision.effects:
        return {"title": title, "paragraphs": [t("rec_versus_none", lang)], "tables": [], "page_break": True}
    alloc = decision.decided.allocation
    rows = []
    for e in decision.effects:
        if e.infeasible:
            cost = t("rec_cost_infeasible", lang, why="; ".join(e.infeasible))
        elif e.follows_proposal:  # a cost of 0 otherwise is a tie, not the proposal's own choice
            cost = t("rec_cost_none", lang)
        else:
            cost = _points(e.cost, lang)
        o = e.override
        rows.append([o.id, e.name, t("rec_retenir" if o.decision == "retenir" else "rec_ecarter", lang), o.reason,
                     o.by, day_text(o.date, lang), fmt_eur(e.proposed_eur, lang), fmt_eur(e.decided_eur, lang), cost])
    overrides = _table([t(k, lang) for k in ("project", "company", "rec_override_decision", "reason", "rec_by",
                                               "rec_on", "rec_proposed", "rec_decided", "rec_cost")],
                       rows, "lllllcrrr", ["auto", "1fr", "auto", "2fr", "auto", "auto", "auto", "auto", "1fr"],
                       size=7.5)
    moved = decision.moved
    moved_table = _table(
        [t(k, lang) for k in ("project", "company", "epci", "rec_proposed", "rec_decided", "rec_difference")],
        [[r.id, r.name, epci_name(alloc, r.epci), fmt_eur(r.proposed_eur, lang), fmt_eur(r.decided_eur, lang),
          _signed_eur(r.decided_eur - r.proposed_eur, lang)] for r in moved.itertuples()],
        "lllrrr", ["auto", "1fr", "auto", "auto", "auto", "auto"], size=7.5)
    intro = t("rec_versus_intro", lang, proposed=fmt_num(decision.value_proposed, 1, lang),
              decided=fmt_num(decision.value_decided, 1, lang), cost=_points(decision.cost, lang),
              share=_share(decision.cost, decision.value_proposed, lang))
    return {"title": title, "paragraphs": [intro], "page_break": True,
            "tables": [{"title": t("rec_overrides", lang), "table": overrides, "note": t("rec_cost_note", lang)},
                       {"title": t("rec_moved", lang), "table": moved_table, "note": None}]}


def _signed_eur(value: int, lang: str) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "") + fmt_eur(abs(value), lang)


def _grid(alloc: Allocation, info: RunInfo, lang: str) -> dict:
    grid = _table(grid_headers(lang), grid_rows(alloc.scenario.scoring, info.headers, lang), "lrllrrlll",
                  ["1fr", "0.6fr", "1.2fr", "1.2fr", "0.6fr", "0.6fr", "0.9fr", "1.5fr", "0.9fr"], size=7.0)
    notes = [f"{t('note', lang)}{t('colon', lang)}{note_text(note, lang)}" for note in alloc.notes]
    return {"title": t("grid_title", lang), "paragraphs": [objective_paragraph(alloc, lang), t("grid_intro", lang)],
            "tables": [{"title": None, "table": grid, "note": None}], "after": notes, "page_break": False}


def _unfunded(alloc: Allocation, lang: str) -> dict:
    tab = alloc.table
    missed = tab[tab["eligible"] & ~tab["funded"]].sort_values(["rank", "id"])
    closed = tab[~tab["eligible"]].sort_values("id")
    tables = [{"title": t("rec_unfunded", lang), "note": None if len(missed) else t("all_funded", lang),
               "table": _table([t(k, lang) for k in ("rank", "project", "company", "score", "requested", "reason")],
                               _rows(missed, lang, ranked=True), "rllrrl",
                               ["auto", "auto", "1fr", "auto", "auto", "2fr"], size=7.0)}]
    if len(closed):
        tables.append({"title": t("rec_ineligible", lang), "note": None,
                       "table": _table([t(k, lang) for k in ("project", "company", "reason")],
                                       _rows(closed, lang, ranked=False), "lll", ["auto", "1fr", "2fr"], size=7.0)})
    return {"title": t("rec_not_funded", lang), "paragraphs": [],
            "tables": tables, "page_break": True}


def _rows(frame: pd.DataFrame, lang: str, ranked: bool) -> list[list[str]]:
    if ranked:
        return [[fmt_int(r["rank"], lang), r["id"], r["name"], fmt_num(r["score"], 1, lang),
                 fmt_eur(r["requested_eur"], lang), reason_text(r["reason"], lang)] for _, r in frame.iterrows()]
    return [[r["id"], r["name"], reason_text(r["reason"], lang)] for _, r in frame.iterrows()]

