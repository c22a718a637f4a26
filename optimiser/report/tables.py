"""The shared tables every report format renders: computed once from an Allocation, never re-solved."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import __version__
from ..allocation import Allocation
from ..catalogue import direction_text, named, reason_label, reason_text, t, unit_name
from ..comparison import Comparison
from ..formatting import fmt_pct
from ..milp import Status
from ..scoring import ScoreTable
from ..territory import Territory


@dataclass(frozen=True)
class RunInfo:
    """What the reports say about where an allocation comes from."""

    candidates_file: str
    candidates_sha256: str
    scenario_file: str
    scenario_sha256: str
    synthetic: bool
    headers: Mapping[str, str] = field(default_factory=dict)  # column -> its header in the candidates file


def pillar_columns(alloc: Allocation) -> list[str]:
    return [f"score_{p}" for p in alloc.scenario.scoring.pillars]


def allocation_rows(alloc: Allocation, lang: str = "fr") -> pd.DataFrame:
    """One row per candidate: the columns of allocation.csv, in order."""
    t = alloc.table
    names = {e.siren: e.name for e in alloc.territory.epcis}
    out = pd.DataFrame({
        "id": t["id"], "siren": t["siren"], "name": t["name"],
        "epci": t["epci"].map(names), "priority": t["priority"],
        "score": t["score"].round(4),
    })
    for column in pillar_columns(alloc):
        out[column] = t[column].round(4)
    out["rank"] = t["rank"].astype("Int64")
    out["eligible"] = t["eligible"].astype(bool)
    out["funded"] = t["funded"].astype(bool)
    out["amount_eur"] = t["amount_eur"].astype(np.int64)
    out["reason_code"] = t["reason_code"]
    out["reason"] = [reason_text(reason, lang) for reason in t["reason"]]
    out["requested_eur"] = t["requested_eur"].astype(np.int64)
    out["min_eur"] = t["min_eur"].astype(np.int64)
    out["cap_eur"] = t["cap_eur"].astype(np.int64)
    out["epci_siren"] = t["epci"]
    return out


# allocation.csv's columns as the committee reads them (workbook and CSV for Excel): (column, catalogue key);
# a pillar's sub-score is named after its pillar
ALLOCATION_COLUMNS = (("id", "id"), ("siren", "siren"), ("name", "company"), ("epci", "epci"),
                       ("epci_siren", "epci_siren"), ("priority", "priority"), ("score", "score"), ("pillars", ""),
                       ("rank", "rank"), ("eligible", "is_eligible"), ("funded", "is_funded"),
                       ("amount_eur", "amount"), ("requested_eur", "requested"), ("min_eur", "min_eur"),
                       ("cap_eur", "cap_eur"), ("reason_label", "reason_label"), ("reason", "reason"))
ID_COLUMNS = ("id", "siren", "epci_siren")


def pillar_header(label: str, lang: str) -> str:
    return t("sub_score", lang, pillar=label)


def allocation_columns(alloc: Allocation, lang: str = "fr") -> dict[str, str]:
    """{column of `committee_rows`: its header in `lang`}, in order."""
    out: dict[str, str] = {}
    for column, key in ALLOCATION_COLUMNS:
        if column == "pillars":
            out.update({f"score_{k}": pillar_header(named(k, p.label), lang)
                        for k, p in alloc.scenario.scoring.pillars.items()})
        else:
            out[column] = t(key, lang)
    return out


def committee_rows(alloc: Allocation, lang: str = "fr") -> pd.DataFrame:
    """allocation_rows as the committee reads them: the priority and the outcome in words (no key, no reason
    code), in the order of `allocation_columns`."""
    rows = allocation_rows(alloc, lang)
    rows["priority"] = rows["priority"].map({p.key: p.label for p in alloc.territory.priorities})
    rows["reason_label"] = [reason_label(code, lang) for code in rows["reason_code"]]
    return rows[list(allocation_columns(alloc, lang))]


def score_rows(table: pd.DataFrame, scores: ScoreTable, territory: Territory) -> pd.DataFrame:
    """The scored table of `optimiser score`: every criterion, every pillar, total and rank, best first."""
    names = {e.siren: e.name for e in territory.epcis}
    t = table.set_index("id").loc[scores.ids]
    out = pd.DataFrame({"id": scores.ids, "name": t["name"].to_numpy(), "epci": t["epci"].map(names).to_numpy(),
                        "priority": t["priority"].to_numpy()})
    for column in scores.criteria.columns:
        out[column] = scores.criteria[column].to_numpy().round(4)
    for pillar in scores.pillars.columns:
        out[f"score_{pillar}"] = scores.pillars[pillar].to_numpy().round(4)
    out["score"] = scores.total.to_numpy().round(4)
    out["rank"] = scores.rank.to_numpy()
    out["excluded"] = [scores.excluded.get(cid, "") for cid in scores.ids]
    return out.sort_values(["rank", "id"], na_position="last", kind="stable").reset_index(drop=True)


def _group_totals(alloc: Allocation, members: pd.DataFrame) -> dict:
    """Candidates, eligible, funded, amount and share of the envelope of one group of candidates."""
    amount = int(members["amount_eur"].sum())
    return {"candidates": len(members), "eligible": int(members["eligible"].sum()),
            "funded": int(members["funded"].sum()), "amount_eur": amount,
            "share": amount / alloc.scenario.envelope_eur}


def by_epci(alloc: Allocation) -> pd.DataFrame:
    t = alloc.table
    rows = []
    for epci in alloc.territory.epcis:
        totals = _group_totals(alloc, t[t["epci"] == epci.siren])
        rows.append({"epci": epci.name, "siren": epci.siren, "population": epci.population,
                     "population_year": epci.population_year, **totals,
                     "eur_per_inhabitant": totals["amount_eur"] / epci.population})
    return pd.DataFrame(rows)


def by_priority(alloc: Allocation) -> pd.DataFrame:
    t = alloc.table
    return pd.DataFrame([{"priority": p.key, "label": p.label, **_group_totals(alloc, t[t["priority"] == p.key])}
                         for p in alloc.territory.priorities])


def status_text(alloc: Allocation, lang: str = "fr") -> str:
    """The solver's verdict in words; never 'optimal' unless proven."""
    s = alloc.solution
    gap = fmt_pct(s.gap, 2, lang) if s.gap is not None else t("gap_unknown", lang)
    if s.status is Status.OPTIMAL:
        return t("status_proven", lang, gap=gap)
    return t("status_unproven", lang, message=s.message, gap=gap)


def summary(alloc: Allocation, info: RunInfo) -> dict:
    """summary.json: figures a script can read; nothing that varies between identical runs."""
    s = alloc.solution
    epci = by_epci(alloc)
    prio = by_priority(alloc)
    return {
        "scenario": alloc.scenario.name,
        "synthetic_data": info.synthetic,
        "solver": s.solver,
        "status": s.status.value,
        "proven_optimal": alloc.proven_optimal,
        "objective": alloc.scenario.objective,
        "objective_value": None if s.objective is None else round(s.objective, 6),
        "optimality_gap": None if s.gap is None else round(s.gap, 9),
        "envelope_eur": alloc.scenario.envelope_eur,
        "total_allocated_eur": alloc.total_eur,
        "funded_projects": int(alloc.table["funded"].sum()),
        "candidates": len(alloc.table),
        "eligible_candidates": int(alloc.table["eligible"].sum()),
        "per_epci": {r.siren: {"name": r.epci, "amount_eur": int(r.amount_eur), "funded": int(r.funded)}
                     for r in epci.itertuples()},
        "per_priority": {r.priority: {"amount_eur": int(r.amount_eur), "funded": int(r.funded)}
                         for r in prio.itertuples()},
        "binding_constraints": [s_.rule.key for s_ in alloc.rules if s_.binding],
        "state_aid_regime": alloc.scenario.state_aid.regime if alloc.scenario.state_aid else None,
        "overrides": [o.model_dump() for o in alloc.scenario.overrides],
        "notes": alloc.notes,
        "candidates_file": info.candidates_file,
        "candidates_sha256": info.candidates_sha256,
        "scenario_file": info.scenario_file,
        "scenario_sha256": info.scenario_sha256,
        "optimiser_version": __version__,
    }


def indicator_table(comparison: Comparison, lang: str = "fr") -> pd.DataFrame:
    """One row per indicator: label, unit, direction, one column per solved scenario, and the best ones."""
    solved = comparison.solved
    rows = []
    for ind in comparison.indicators:
        values = {e.label: e.values[ind.key] for e in solved}
        best: list[str] = []
        if ind.direction:
            finite = {k: v for k, v in values.items() if not np.isnan(v)}
            if finite:
                top = max(finite.values()) if ind.direction == "higher" else min(finite.values())
                best = [k for k, v in finite.items() if abs(v - top) <= 1e-9 * max(1.0, abs(top))]
        rows.append({"key": ind.key, "label": ind.label(lang), "unit": ind.unit, "direction": ind.direction or "",
                     "key_indicator": ind.key_indicator, **values, "best": ", ".join(best)})
    return pd.DataFrame(rows)


def indicator_rows(comparison: Comparison, lang: str = "fr") -> tuple[list[str], list[list[object]]]:
    """`indicator_table` as people read it (headers and rows): units and directions in words, scenarios by
    their names, the best ones named; the workbook's indicator sheet and comparison.csv for Excel."""
    solved = comparison.solved
    names = {e.label: e.name for e in solved}
    headers = [t("key", lang), t("indicator", lang), t("unit", lang), t("direction", lang),
               t("key_indicator_column", lang), *(e.name for e in solved), t("best", lang)]
    rows = []
    for r in indicator_table(comparison, lang).to_dict("records"):
        best = [names[b] for b in filter(None, r["best"].split(", "))]
        rows.append([r["key"], r["label"], unit_name(r["unit"], lang), direction_text(r["direction"] or None, lang),
                     bool(r["key_indicator"]), *(r[e.label] for e in solved), ", ".join(best)])
    return headers, rows


def ranking_table(comparison: Comparison) -> pd.DataFrame:
    """Scenarios in rank order, with the ranking indicator, the Pareto flag and who dominates them."""
    rows = []
    for label, position in comparison.ranking:
        entry = comparison.entry(label)
        dominated = comparison.dominated_by.get(label, [])
        rows.append({
            "rank": position, "scenario": label, "name": entry.name,
            comparison.rank_by: entry.values[comparison.rank_by],
            "tied": sum(1 for _, p in comparison.ranking if p == position) > 1,
            "pareto_dominated": bool(dominated),
            "dominated_by": "; ".join(f"{other} ({', '.join(keys)})" for other, keys in dominated),
        })
    for entry in comparison.entries:
        if entry.study is None:
            rows.append({"rank": None, "scenario": entry.label, "name": entry.name, comparison.rank_by: np.nan,
                         "tied": False, "pareto_dominated": False, "dominated_by": "", "infeasible": entry.error})
    return pd.DataFrame(rows)


def epci_amounts(comparison: Comparison) -> pd.DataFrame:
    """Amount per EPCI (rows, official names) and scenario (columns)."""
    data = {e.label: by_epci(e.allocation).set_index("epci")["amount_eur"] for e in comparison.solved}
    return pd.DataFrame(data)


def priority_amounts(comparison: Comparison) -> pd.DataFrame:
    data = {e.label: by_priority(e.allocation).set_index("priority")["amount_eur"] for e in comparison.solved}
    return pd.DataFrame(data)
