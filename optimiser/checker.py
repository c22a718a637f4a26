"""An independent re-check of an allocation against every rule of its scenario.

It reads only the scenario, the candidates and the amounts: not the model, not the solver's rows.
`allocate` runs it before anything is written, and the tests run it on the files the tool wrote.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .expressions import parse_expression
from .models import Bounds, Scenario
from .rules import resolve_group_bounds
from .state_aid import project_caps
from .territory import Territory

TOL = 1e-6


def check(table: pd.DataFrame, scenario: Scenario, territory: Territory) -> list[str]:
    """Every broken rule, one sentence each; [] when the allocation is admissible.

    `table` has the candidates' columns plus `score` and `amount_eur` (0 when not funded).
    """
    broken: list[str] = []
    amount = table["amount_eur"].to_numpy(dtype=float)
    funded = amount > 0
    ids = table["id"].astype(str).to_numpy()
    requested = table["requested_eur"].to_numpy(dtype=float)
    minimum = table["min_eur"].to_numpy(dtype=float) if "min_eur" in table else requested
    envelope = scenario.envelope_eur

    if (amount < 0).any() or (np.abs(amount - np.round(amount)) > TOL).any():
        broken.append("amounts must be whole, non-negative euros")
    if amount.sum() > envelope + TOL:
        broken.append(f"total {amount.sum():,.0f} exceeds the envelope {envelope:,}")
    if scenario.min_spend_eur is not None and amount.sum() < scenario.min_spend_eur - TOL:
        broken.append(f"total {amount.sum():,.0f} is below min_spend_eur {scenario.min_spend_eur:,}")
    over = funded & (amount > requested + TOL)
    broken += [f"{ids[i]}: {amount[i]:,.0f} exceeds the request {requested[i]:,.0f}" for i in np.flatnonzero(over)]
    if scenario.funding == "all_or_nothing":
        wrong = funded & (np.abs(amount - requested) > TOL)
        broken += [f"{ids[i]}: all-or-nothing but funded {amount[i]:,.0f} of {requested[i]:,.0f}"
                   for i in np.flatnonzero(wrong)]
    else:
        low = funded & (amount < minimum - TOL)
        broken += [f"{ids[i]}: {amount[i]:,.0f} is below its min_eur {minimum[i]:,.0f}" for i in np.flatnonzero(low)]

    epci_bounds, priority_bounds = resolve_group_bounds(scenario, territory)
    for column, bounds_by_key, kind in (("epci", epci_bounds, "EPCI"), ("priority", priority_bounds, "priority")):
        keys = table[column].astype(str).to_numpy()
        for key, bounds in bounds_by_key.items():
            members = keys == key
            broken += _group(f"{kind} {key}", amount[members].sum(), int(funded[members].sum()), bounds, envelope)

    company_max = scenario.constraints.company.max_eur
    if company_max is not None:
        per_company = pd.Series(amount).groupby(table["siren"].astype(str).to_numpy()).sum()
        broken += [f"company {s}: {v:,.0f} above the company cap {company_max:,}"
                   for s, v in per_company.items() if v > company_max + TOL]

    caps, regimes, _ = project_caps(table, scenario.state_aid)
    for i in np.flatnonzero(funded & (regimes != "de_minimis") & (amount > caps + TOL)):
        broken.append(f"{ids[i]}: {amount[i]:,.0f} above its state-aid cap {caps[i]:,.0f} ({regimes[i]})")
    ceiling = scenario.state_aid.de_minimis_ceiling_eur if scenario.state_aid else 300_000
    groups = (table["group_id"] if "group_id" in table else table["siren"]).astype(str).to_numpy()
    received = np.nan_to_num(pd.to_numeric(table.get("de_minimis_received_eur", pd.Series(0.0, index=table.index)),
                                           errors="coerce").to_numpy(dtype=float), nan=0.0)
    dm = regimes == "de_minimis"
    per_group = pd.DataFrame({"group": groups, "aid": np.where(dm, amount, 0.0), "prior": received,
                              "counts": dm & funded}).groupby("group", sort=True)
    totals = per_group["aid"].sum() + per_group["prior"].max()
    for group, total in totals[per_group["counts"].any() & (totals > ceiling + TOL)].items():
        broken.append(f"undertaking {group}: de minimis {total:,.0f} (with prior aid) above {ceiling:,}")

    score = table["score"].to_numpy(dtype=float)
    broken += [f"{ids[i]}: funded but excluded by scoring (no score)" for i in np.flatnonzero(funded & np.isnan(score))]
    if scenario.eligibility.min_score is not None:
        low = funded & (score < scenario.eligibility.min_score - TOL)
        broken += [f"{ids[i]}: funded with score {score[i]:.4g} below min_score" for i in np.flatnonzero(low)]
    for text in scenario.eligibility.rules:
        expr = parse_expression(text, condition=True)
        verdict = expr.evaluate({c: pd.to_numeric(table[c], errors="coerce").to_numpy(dtype=float)
                                 for c in expr.columns})
        broken += [f"{ids[i]}: funded but fails rule « {text} »" for i in np.flatnonzero(funded & (verdict != 1.0))]

    for total in scenario.constraints.totals:
        values = np.nan_to_num(pd.to_numeric(table[total.column], errors="coerce").to_numpy(dtype=float), nan=0.0)
        value = values[funded].sum()
        tol = TOL * max(1.0, abs(value))
        if total.min is not None and value < total.min - tol:
            broken.append(f"total {total.column} = {value:g} below its minimum {total.min:g}")
        if total.max is not None and value > total.max + tol:
            broken.append(f"total {total.column} = {value:g} above its maximum {total.max:g}")

    position = {cid: i for i, cid in enumerate(ids)}
    broken += [f"{cid}: locked in but not funded" for cid in scenario.constraints.lock_in
               if cid in position and not funded[position[cid]]]
    broken += [f"{cid}: locked out but funded" for cid in scenario.constraints.lock_out
               if cid in position and funded[position[cid]]]
    return broken


def _group(name: str, eur: float, projects: int, bounds: Bounds, envelope: int) -> list[str]:
    out = []
    checks = (
        ("min_eur", bounds.min_eur, eur, 1), ("max_eur", bounds.max_eur, eur, -1),
        ("min_share", None if bounds.min_share is None else math.ceil(round(bounds.min_share * envelope, 6)), eur, 1),
        ("max_share", None if bounds.max_share is None else math.floor(round(bounds.max_share * envelope, 6)), eur, -1),
        ("min_projects", bounds.min_projects, projects, 1), ("max_projects", bounds.max_projects, projects, -1),
    )
    for key, bound, value, sign in checks:
        if bound is not None and sign * (value - bound) < -TOL:
            out.append(f"{name}: {value:,.0f} breaks {key} {bound:,}")
    return out
