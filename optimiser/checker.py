"""An independent re-check of an allocation against every rule of its scenario.

It reads only the scenario, the territory, the candidates and the amounts: not the model, not the
solver's rows, and none of the builder's computations. The state-aid cap of each project
(intensity x eligible cost - other public aid, with its own reading of the EU SME class), the de
minimis room of each undertaking and the bounds of each group (the `default` entry merged with the
group's own, shares of the envelope rounded inwards) are recomputed here, row by row in exact
decimal arithmetic, so that a mistake in `rules` or `state_aid` cannot pass both. `allocate` runs it
before anything is written, and the tests run it on the files the tool wrote.
"""

from __future__ import annotations

import math
from collections import defaultdict
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

import numpy as np
import pandas as pd

from .expressions import parse_expression
from .identifiers import normal
from .messages import current, number, say
from .models import DE_MINIMIS_CEILING_EUR, DEFAULT_INTENSITIES, Bounds, Scenario, StateAid
from .territory import Territory

TOL = 1e-6
# Recommendation 2003/361/EC, written as the checker reads it: (class, staff below, turnover or balance sheet at most).
_SME = (("micro", 10, 2_000_000, 2_000_000), ("small", 50, 10_000_000, 10_000_000),
        ("medium", 250, 50_000_000, 43_000_000))


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
        broken.append(say("run_check_not_whole"))
    if amount.sum() > envelope + TOL:
        broken.append(say("run_check_above_envelope", total=_n(amount.sum()), envelope=_n(envelope)))
    if scenario.min_spend_eur is not None and amount.sum() < scenario.min_spend_eur - TOL:
        broken.append(say("run_check_below_min_spend", total=_n(amount.sum()), minimum=_n(scenario.min_spend_eur)))
    over = funded & (amount > requested + TOL)
    broken += [say("run_check_above_request", id=ids[i], amount=_n(amount[i]), requested=_n(requested[i]))
               for i in np.flatnonzero(over)]
    if scenario.funding == "all_or_nothing":
        wrong = funded & (np.abs(amount - requested) > TOL)
        broken += [say("run_check_all_or_nothing", id=ids[i], amount=_n(amount[i]), requested=_n(requested[i]))
                   for i in np.flatnonzero(wrong)]
    else:
        low = funded & (amount < minimum - TOL)
        broken += [say("run_check_below_min_eur", id=ids[i], amount=_n(amount[i]), minimum=_n(minimum[i]))
                   for i in np.flatnonzero(low)]

    for column, section, keys in (
            ("epci", scenario.constraints.epci, [e.siren for e in territory.epcis]),
            ("priority", scenario.constraints.priority, [p.key for p in territory.priorities])):
        find = territory.epci if column == "epci" else territory.priority
        members = table[column].astype(str).to_numpy()
        for key in keys:
            own = [b for name, b in section.items() if name != "default" and _names(find, name) == key]
            bounds = {**_set(section.get("default")), **(_set(own[0]) if own else {})}
            inside = members == key
            name = say("run_who_epci", group=key) if column == "epci" else say("run_who_priority", group=key)
            broken += _group(name, amount[inside].sum(), int(funded[inside].sum()), bounds, envelope)

    company_max = scenario.constraints.company.max_eur
    if company_max is not None:
        per_company = pd.Series(amount).groupby(table["siren"].astype(str).to_numpy()).sum()
        broken += [say("run_check_company_cap", company=say("run_who_company", group=s), amount=_n(v),
                       cap=_n(company_max)) for s, v in per_company.items() if v > company_max + TOL]

    broken += _state_aid(table, amount, scenario.state_aid)

    score = table["score"].to_numpy(dtype=float)
    broken += [say("run_check_no_score", id=ids[i]) for i in np.flatnonzero(funded & np.isnan(score))]
    if scenario.eligibility.min_score is not None:
        low = funded & (score < scenario.eligibility.min_score - TOL)
        broken += [say("run_check_below_min_score", id=ids[i], score=_g(score[i], ".4g")) for i in np.flatnonzero(low)]
    for text in scenario.eligibility.rules:
        expr = parse_expression(text, condition=True)
        verdict = expr.evaluate({c: pd.to_numeric(table[c], errors="coerce").to_numpy(dtype=float)
                                 for c in expr.columns}, rows=len(table))
        broken += [say("run_check_fails_rule", id=ids[i], rule=text) for i in np.flatnonzero(funded & (verdict != 1.0))]

    for total in scenario.constraints.totals:
        values = np.nan_to_num(pd.to_numeric(table[total.column], errors="coerce").to_numpy(dtype=float), nan=0.0)
        value = values[funded].sum()
        tol = TOL * max(1.0, abs(value))
        if total.min is not None and value < total.min - tol:
            broken.append(say("run_check_total_below", column=total.column, value=_g(value), minimum=_g(total.min)))
        if total.max is not None and value > total.max + tol:
            broken.append(say("run_check_total_above", column=total.column, value=_g(value), maximum=_g(total.max)))

    position = {normal(cid): i for i, cid in enumerate(ids)}
    broken += [say("run_check_locked_in", id=cid) for cid in scenario.locked_in
               if cid in position and not funded[position[cid]]]
    broken += [say("run_check_locked_out", id=cid) for cid in scenario.locked_out
               if cid in position and funded[position[cid]]]
    return broken


def _n(value: float | Decimal) -> str:
    """A whole number of euros (rounded) as the current language writes it, without the unit."""
    return number(round(value))


def _g(value: float, spec: str = "g") -> str:
    """A measure written as Python's `g` format does, with a decimal comma in French."""
    text = format(value, spec)
    return text.replace(".", ",") if current() == "fr" else text


def _names(find, name: str) -> str | None:
    """The key (EPCI SIREN, priority key) that a scenario's spelling names, or None."""
    try:
        found = find(name)
    except LookupError:
        return None
    return getattr(found, "siren", None) or getattr(found, "key", None)


def _set(bounds: Bounds | None) -> dict[str, float]:
    return {} if bounds is None else {k: v for k, v in bounds.model_dump().items() if v is not None}


def _group(name: str, eur: float, projects: int, bounds: dict[str, float], envelope: int) -> list[str]:
    """The group's amount and project count against its own bounds; shares are rounded inwards."""
    limits = []
    if "min_eur" in bounds:
        limits.append(("min_eur", bounds["min_eur"], eur, 1))
    if "max_eur" in bounds:
        limits.append(("max_eur", bounds["max_eur"], eur, -1))
    if "min_share" in bounds:
        limits.append(("min_share", int((_dec(bounds["min_share"]) * envelope).to_integral_value(ROUND_CEILING)),
                       eur, 1))
    if "max_share" in bounds:
        limits.append(("max_share", int((_dec(bounds["max_share"]) * envelope).to_integral_value(ROUND_FLOOR)),
                       eur, -1))
    if "min_projects" in bounds:
        limits.append(("min_projects", bounds["min_projects"], projects, 1))
    if "max_projects" in bounds:
        limits.append(("max_projects", bounds["max_projects"], projects, -1))
    return [say("run_check_group", group=name, value=_n(value), limit=key, bound=_n(bound))
            for key, bound, value, sign in limits if sign * (value - bound) < -TOL]


def _state_aid(table: pd.DataFrame, amount: np.ndarray, settings: StateAid | None) -> list[str]:
    """Each project against its GBER cap, each undertaking against the de minimis ceiling."""
    default_regime = settings.regime if settings else "none"
    ceiling = settings.de_minimis_ceiling_eur if settings else DE_MINIMIS_CEILING_EUR
    rows = table.to_dict("records")
    broken = []
    prior: dict[str, Decimal] = defaultdict(Decimal)
    granted: dict[str, Decimal] = defaultdict(Decimal)
    for row, aid in zip(rows, amount.tolist(), strict=True):
        regime = row.get("aid_regime") if isinstance(row.get("aid_regime"), str) and row.get("aid_regime") \
            else default_regime
        undertaking = _text(row.get("group_id")) or _text(row.get("siren"))
        prior[undertaking] = max(prior[undertaking], _dec(row.get("de_minimis_received_eur"), 0))
        if regime == "de_minimis":
            granted[undertaking] += _dec(aid)
        elif regime.startswith("gber_") and aid > 0:
            cap = _gber_cap(row, regime, settings)
            if _dec(aid) > cap:
                broken.append(say("run_check_state_aid", id=row["id"], amount=_n(aid), cap=_n(cap), regime=regime))
    for undertaking in sorted(granted):
        total = granted[undertaking] + prior[undertaking]
        if granted[undertaking] > 0 and total > ceiling:
            broken.append(say("run_check_de_minimis", undertaking=undertaking, total=_n(total), ceiling=_n(ceiling)))
    return broken


def _gber_cap(row: dict, regime: str, settings: StateAid | None) -> Decimal:
    """floor(intensity(regime, SME class) x eligible cost - other public aid), at least 0."""
    cost = _dec(row.get("eligible_cost_eur"))
    if cost is None:
        return Decimal(0)
    size = _sme(_dec(row.get("employees")), _dec(row.get("turnover_eur")), _dec(row.get("balance_sheet_eur")))
    if regime == "gber_art14_afr" and not (settings and settings.afr_zone):
        intensity = Decimal(0)
    else:
        own = settings.intensities.get(regime, {}) if settings else {}
        intensity = _dec(own.get(size, DEFAULT_INTENSITIES[regime][size]))
    cap = (intensity * cost - _dec(row.get("other_public_aid_eur"), 0)).to_integral_value(ROUND_FLOOR)
    return max(cap, Decimal(0))


def _sme(staff: Decimal | None, turnover: Decimal | None, balance: Decimal | None) -> str:
    """The EU SME class; an unknown one (no headcount, or neither figure) is treated as large."""
    if staff is None or (turnover is None and balance is None):
        return "large"
    for size, staff_below, max_turnover, max_balance in _SME:
        if staff < staff_below and ((turnover is not None and turnover <= max_turnover)
                                    or (balance is not None and balance <= max_balance)):
            return size
    return "large"


def _dec(value: object, missing: object = None):
    """A cell as an exact decimal (its shortest float text), or `missing` when empty."""
    if value is None or isinstance(value, str) or (isinstance(value, float) and math.isnan(value)):
        return missing
    return Decimal(repr(float(value))) if not isinstance(value, int) else Decimal(value)


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
