"""A scenario's rules made concrete for one candidates table: who may be funded, up to how much,
and every group constraint as a named linear rule over amounts or project counts.

This is where the scenario's words (EPCI spellings, shares of the envelope, state-aid regimes) become
numbers; the solver never sees a name, and the reports never recompute a bound.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from pydantic import ValidationError

from .constants import INF
from .errors import InputError, Problem
from .expressions import ExpressionError, parse_expression
from .identifiers import difference, skeleton, suggestion
from .messages import say
from .models import DE_MINIMIS_CEILING_EUR, Bounds, Scenario
from .reasons import Cap, Reason
from .scoring import ScoreTable
from .state_aid import de_minimis_room, project_caps
from .territory import Territory


@dataclass(frozen=True)
class Rule:
    """sum over members of (amount | 1 | weight) for funded members, between lower and upper."""

    key: str            # stable identifier, e.g. "epci.240700716.eur"
    family: str         # envelope | epci | priority | company | de_minimis | totals
    group: str          # who it bounds, for people: "CC du Val d'Ay", "transition", a SIREN, a column
    measure: str        # eur | projects | column
    members: np.ndarray
    weights: np.ndarray | None = None
    lower: float = -INF
    upper: float = INF
    source: str = ""    # the YAML path it comes from


@dataclass(frozen=True)
class Prepared:
    """Candidates in id order with what the model needs to know about each."""

    table: pd.DataFrame          # candidates + score, pillars, rank
    score: np.ndarray            # total score (NaN when excluded by scoring)
    requested: np.ndarray        # int euros
    base: np.ndarray             # smallest amount if funded (int euros; >= 1)
    cap: np.ndarray              # largest amount if funded (int euros)
    cap_reason: list[Cap | None]  # why the cap is below the request, where it is
    open: np.ndarray             # may be funded
    locked_in: np.ndarray
    closed: list[Reason | None]  # why a candidate may not be funded (None when it may)
    rules: list[Rule] = field(default_factory=list)


def resolve_group_bounds(scenario: Scenario, territory: Territory) -> tuple[dict[str, Bounds], dict[str, Bounds]]:
    """Per-EPCI (by SIREN) and per-priority (by key) bounds: the `default` entry overridden key by key."""
    problems: list[Problem] = []

    def resolve(section: dict[str, Bounds], kind: str, keys: list[str], lookup) -> dict[str, Bounds]:
        default = section.get("default", Bounds())
        overrides: dict[str, tuple[str, Bounds]] = {}
        for name, bounds in section.items():
            if name == "default":
                continue
            try:
                key = lookup(name)
            except LookupError as exc:
                problems.append(Problem(f"constraints.{kind}.{name!r}", str(exc)))
                continue
            if key in overrides:
                other = repr(overrides[key][0])
                problems.append(Problem(f"constraints.{kind}.{name!r}", say("sco_same_epci", other=other)
                                        if kind == "epci" else say("sco_same_priority", other=other)))
                continue
            overrides[key] = (name, bounds)
        result = {}
        for key in keys:
            merged = {**default.model_dump(exclude_none=True)}
            if key in overrides:
                merged.update(overrides[key][1].model_dump(exclude_none=True))
            try:
                result[key] = Bounds(**merged)
            except ValidationError as exc:
                reason = "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
                problems.append(Problem(f"constraints.{kind}.{overrides.get(key, ('default',))[0]!r}",
                                        say("sco_with_default", reason=reason)))
        return result

    epci = resolve(scenario.constraints.epci, "epci", [e.siren for e in territory.epcis],
                   lambda name: territory.epci(name).siren)
    priority = resolve(scenario.constraints.priority, "priority", [p.key for p in territory.priorities],
                       lambda name: territory.priority(name).key)
    if problems:
        raise InputError(say("sco_groups_unknown"), problems)
    return epci, priority


def prepare(table: pd.DataFrame, scores: ScoreTable, scenario: Scenario, territory: Territory) -> Prepared:
    """Decide who may be funded and between which amounts, and build the group rules."""
    if not (table["id"].is_monotonic_increasing and table.index.equals(pd.RangeIndex(len(table)))):
        table = table.sort_values("id", kind="stable").reset_index(drop=True)  # a table built in memory
    ids = table["id"].tolist()
    table = _with_scores(table, scores)
    n = len(table)
    score = table["score"].to_numpy(dtype=float)
    requested = table["requested_eur"].to_numpy(dtype=np.int64)
    minimum = table["min_eur"].to_numpy(dtype=np.int64)
    partial = scenario.funding == "partial"
    base = np.maximum(minimum, 1) if partial else requested.copy()

    caps, regimes, aid_reasons = project_caps(table, scenario.state_aid)
    cap = np.minimum(requested.astype(float), caps)
    cap_reason = [None if caps[i] >= requested[i] else aid_reasons[i] for i in range(n)]
    company_max = scenario.constraints.company.max_eur
    if company_max is not None:
        for i in np.flatnonzero(cap > company_max):
            cap[i] = company_max
            cap_reason[i] = Cap("company", float(company_max), ceiling=company_max)
    cap = np.floor(cap).astype(np.int64)

    closed: list[Reason | None] = [None] * n

    def close(i: int, reason: Reason) -> None:
        if closed[i] is None:
            closed[i] = reason

    _check_ids(scenario, table)
    position = {cid: i for i, cid in enumerate(ids)}
    for cid, why in scores.excluded.items():
        close(position[cid], Reason("excluded_missing_data", detail=why))
    why = {o.id: o.reason for o in scenario.overrides}
    for cid in scenario.locked_out:
        close(position[cid], Reason("overridden_out", detail=why[cid]) if cid in why else Reason("locked_out"))
    for text, passed in _rules(table, scenario):
        for i in np.flatnonzero(passed != 1.0):
            close(i, Reason("ineligible_rule", rule_text=text, missing=bool(np.isnan(passed[i]))))
    if scenario.eligibility.min_score is not None:
        for i in np.flatnonzero(score < scenario.eligibility.min_score):
            close(i, Reason("below_min_score", score=float(score[i]), min_score=scenario.eligibility.min_score))
    for i in np.flatnonzero(cap < base):
        close(i, Reason("state_aid_cap", requested=int(requested[i]), cap=int(cap[i]), base=int(base[i]),
                        cap_reason=cap_reason[i], partial=partial))
    is_open = np.array([c is None for c in closed], dtype=bool)
    locked_in = np.zeros(n, dtype=bool)
    for cid in scenario.locked_in:
        locked_in[position[cid]] = True

    rules = _group_rules(table, scenario, territory, is_open, cap, regimes)
    return Prepared(table, score, requested, base, cap, cap_reason, is_open, locked_in, closed, rules)


def _with_scores(table: pd.DataFrame, scores: ScoreTable) -> pd.DataFrame:
    ids = table["id"]
    out = table.copy()
    out["score"] = scores.total.reindex(ids).to_numpy(dtype=float)
    for pillar in scores.pillars.columns:
        out[f"score_{pillar}"] = scores.pillars[pillar].reindex(ids).to_numpy(dtype=float)
    out["rank"] = scores.rank.reindex(ids).to_numpy()
    return out


def _check_ids(scenario: Scenario, table: pd.DataFrame) -> None:
    """Every locked id names a candidate; a near miss (a lookalike, another case, a typo) is suggested."""
    rows = dict(zip(table["id"], table["row"], strict=True)) if "row" in table else {}
    problems = []
    named = [(f"constraints.{name}[{k}]", cid) for name in ("lock_in", "lock_out")
             for k, cid in enumerate(getattr(scenario.constraints, name))]
    for path, cid in named + [(f"overrides[{k}].id", o.id) for k, o in enumerate(scenario.overrides)]:
        if cid in rows or (not rows and cid in set(table["id"])):
            continue
        meant = suggestion(cid, list(table["id"]))
        hint = ""
        if meant is not None:
            where = say("sco_on_row", row=rows[meant]) if meant in rows else ""
            alike = say("sco_alike", difference=difference(cid, meant)) if skeleton(cid) == skeleton(meant) else ""
            hint = say("sco_did_you_mean", meant=repr(meant), where=where, alike=alike)
        problems.append(Problem(path, say("sco_unknown_id", id=repr(cid), hint=hint)))
    if problems:
        raise InputError(say("sco_locks_unknown"), problems)


def _rules(table: pd.DataFrame, scenario: Scenario) -> list[tuple[str, np.ndarray]]:
    """Each eligibility rule's verdict per candidate: 1 passes, 0 fails, NaN cannot be evaluated."""
    problems, verdicts = [], []
    for k, text in enumerate(scenario.eligibility.rules):
        try:
            expr = parse_expression(text, condition=True)
            columns = {c: _numeric(table, c) for c in expr.columns}
            verdict = expr.evaluate(columns, rows=len(table))
            if len(verdict) and np.isnan(verdict).all():
                problems.append(Problem(f"eligibility.rules[{k}]", say("sco_rule_never_evaluable", rule=repr(text))))
            verdicts.append((text, verdict))
        except (ExpressionError, KeyError, ValueError) as exc:
            problems.append(Problem(f"eligibility.rules[{k}]", str(exc)))
    if problems:
        raise InputError(say("sco_rules_impossible"), problems)
    return verdicts


def _numeric(table: pd.DataFrame, column: str) -> np.ndarray:
    if column not in table:
        raise KeyError(say("sco_rule_column_absent", column=repr(column)))
    values = pd.to_numeric(table[column], errors="coerce")
    if values.isna().sum() > table[column].isna().sum():
        raise ValueError(say("sco_rule_column_not_numeric", column=repr(column)))
    return values.to_numpy(dtype=float)


def _bounds_rules(family: str, key: str, group: str, members: np.ndarray, bounds: Bounds,
                  envelope: int, source: str) -> list[Rule]:
    rules = []
    lo_eur = max(bounds.min_eur or 0, math.ceil(round((bounds.min_share or 0) * envelope, 6)))
    hi_eur = min(bounds.max_eur if bounds.max_eur is not None else INF,
                 math.floor(round(bounds.max_share * envelope, 6)) if bounds.max_share is not None else INF)
    if lo_eur > 0 or hi_eur < INF:
        rules.append(Rule(f"{family}.{key}.eur", family, group, "eur", members,
                          lower=lo_eur if lo_eur > 0 else -INF, upper=hi_eur, source=source))
    if bounds.min_projects or bounds.max_projects is not None:
        rules.append(Rule(f"{family}.{key}.projects", family, group, "projects",
                          members, lower=bounds.min_projects or -INF,
                          upper=bounds.max_projects if bounds.max_projects is not None else INF, source=source))
    return rules


def _group_rules(table: pd.DataFrame, scenario: Scenario, territory: Territory, is_open: np.ndarray,
                 cap: np.ndarray, regimes: np.ndarray) -> list[Rule]:
    envelope = scenario.envelope_eur
    everyone = np.flatnonzero(is_open)
    rules = [Rule("envelope", "envelope", "", "eur", everyone,
                  lower=scenario.min_spend_eur if scenario.min_spend_eur else -INF, upper=envelope,
                  source="envelope_eur")]
    epci_bounds, priority_bounds = resolve_group_bounds(scenario, territory)
    epci_col = table["epci"].to_numpy()
    for epci in territory.epcis:
        members = np.flatnonzero(is_open & (epci_col == epci.siren))
        rules += _bounds_rules("epci", epci.siren, epci.name, members, epci_bounds[epci.siren],
                               envelope, "constraints.epci")
    priority_col = table["priority"].to_numpy()
    for priority in territory.priorities:
        members = np.flatnonzero(is_open & (priority_col == priority.key))
        rules += _bounds_rules("priority", priority.key, priority.key, members,
                               priority_bounds[priority.key], envelope, "constraints.priority")
    company_max = scenario.constraints.company.max_eur
    if company_max is not None:
        for siren, members in _groups(table["siren"].to_numpy(), is_open):
            if len(members) > 1 and cap[members].sum() > company_max:
                rules.append(Rule(f"company.{siren}", "company", siren,
                                  "eur", members, upper=company_max, source="constraints.company.max_eur"))
    if scenario.state_aid is not None or (regimes == "de_minimis").any():
        ceiling = scenario.state_aid.de_minimis_ceiling_eur if scenario.state_aid else DE_MINIMIS_CEILING_EUR
        rooms = de_minimis_room(table, ceiling)
        groups = table["group_id"].to_numpy() if "group_id" in table else table["siren"].to_numpy()
        for group, members in _groups(groups, is_open & (regimes == "de_minimis")):
            room = int(rooms[members[0]])
            if len(members) > 1 and cap[members].sum() > room:
                rules.append(Rule(f"de_minimis.{group}", "de_minimis", group, "eur", members,
                                  upper=max(room, 0), source="state_aid.de_minimis_ceiling_eur"))
    for k, total in enumerate(scenario.constraints.totals):
        if total.column not in table:
            raise InputError(say("sco_totals_column_absent", path=f"constraints.totals[{k}]",
                                 column=repr(total.column)))
        weights = np.nan_to_num(_numeric(table, total.column), nan=0.0)
        rules.append(Rule(f"totals.{k}", "totals", total.label or total.column, "column", everyone, weights[everyone],
                          lower=total.min if total.min is not None else -INF,
                          upper=total.max if total.max is not None else INF, source=f"constraints.totals[{k}]"))
    return rules


def _groups(keys: np.ndarray, mask: np.ndarray):
    """(key, positions) for each distinct key among the masked rows, in key order."""
    positions = np.flatnonzero(mask)
    if not len(positions):
        return
    sub = keys[positions].astype(str)
    order = np.argsort(sub, kind="stable")
    cuts = np.flatnonzero(sub[order][1:] != sub[order][:-1]) + 1
    for chunk in np.split(order, cuts):
        yield sub[chunk[0]], positions[chunk]
