"""Indicators that compare allocations on a common yardstick, independent of each scenario's weights.

Which indicators exist is data: `INDICATORS` lists each with its labels, unit and direction; the
reports render that list and nothing else. Every indicator is computed from the allocation table
(amounts in whole euros per candidate) and the candidates' own columns:

- a funded project counts its whole figures (jobs, tonnes, cost) even when partly funded, since a
  partial grant is at least its viable minimum;
- "reference" indicators score every allocation with one reference grid (the baseline's), so that
  scenarios with different weights can be compared at all;
- the territorial balance index is the Gini coefficient of aid per inhabitant across the territory's
  EPCIs (each EPCI counts once): 0 when every EPCI gets the same per inhabitant, towards 1 when one
  EPCI gets everything. Population figures come from the territory file, with their census years.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .territory import Territory


@dataclass(frozen=True)
class Context:
    """What an indicator may read: one allocation, its candidates and the reference scoring."""

    table: pd.DataFrame            # candidates (id order) with amount_eur and funded
    envelope: int
    territory: Territory
    reference_score: pd.Series     # id -> total score under the reference grid
    reference_pillars: pd.DataFrame  # id -> pillar sub-scores under the reference grid
    reference_funded: frozenset[str]  # ids funded by the reference scenario

    @property
    def funded(self) -> pd.DataFrame:
        return self.table[self.table["funded"]]

    def column(self, name: str) -> pd.Series:
        """A numeric column of the funded projects, missing values as 0."""
        return pd.to_numeric(self.funded[name], errors="coerce").fillna(0.0)

    def total(self, name: str) -> float:
        """Sum over the funded projects; NaN when the candidates file has no such column."""
        return float(self.column(name).sum()) if name in self.table else math.nan


PARETO_LAYER = "pareto_layer"  # the default ranking: favours no scenario by construction


@dataclass(frozen=True)
class Indicator:
    key: str
    label_fr: str
    label_en: str
    unit: str                      # eur, share, count, tco2e, eur_per_tco2e, eur_per_job, ratio, score, index
    direction: str | None          # higher | lower | None (descriptive only)
    key_indicator: bool            # used for Pareto dominance
    compute: Callable[[Context], float]

    def label(self, lang: str = "fr") -> str:
        return self.label_fr if lang == "fr" else self.label_en


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator and not math.isnan(denominator) else math.nan


def gini(values: np.ndarray) -> float:
    """Gini coefficient of non-negative values (mean absolute difference / twice the mean)."""
    values = np.asarray(values, dtype=float)
    if len(values) == 0 or values.mean() == 0:
        return math.nan
    return float(np.abs(values[:, None] - values[None, :]).sum() / (2 * len(values) ** 2 * values.mean()))


def aid_per_inhabitant(ctx: Context) -> pd.Series:
    amounts = ctx.table.groupby("epci")["amount_eur"].sum()
    return pd.Series({e.name: amounts.get(e.siren, 0) / e.population for e in ctx.territory.epcis})


def _reference_value(ctx: Context) -> float:
    f = ctx.funded
    fraction = f["amount_eur"] / f["requested_eur"]
    return float((ctx.reference_score.reindex(f["id"]).to_numpy() * fraction.to_numpy()).sum())


def _pillar_mean(pillar: str) -> Callable[[Context], float]:
    def compute(ctx: Context) -> float:
        ids = ctx.funded["id"]
        return float(ctx.reference_pillars[pillar].reindex(ids).mean()) if len(ids) else math.nan
    return compute


def _tonnes_lifetime(ctx: Context) -> float:
    if "tco2e_avoided_per_year" not in ctx.table or "lifetime_years" not in ctx.table:
        return math.nan
    return float((ctx.column("tco2e_avoided_per_year") * ctx.column("lifetime_years")).sum())


def _jaccard(ctx: Context) -> float:
    mine = set(ctx.funded["id"])
    union = mine | ctx.reference_funded
    return len(mine & ctx.reference_funded) / len(union) if union else math.nan


BASE_INDICATORS: list[Indicator] = [
    # The reference scenario maximises this value by construction: shown, and a possible --rank-by, but
    # neither the default ranking nor a key of Pareto dominance (the reference could never be dominated).
    Indicator("reference_value", "Valeur selon la grille du scénario de référence (qu'il maximise par construction)",
              "Value under the reference scenario's grid (which it maximises by construction)",
              "score", "higher", False, _reference_value),
    Indicator("amount_eur", "Montant attribué", "Amount allocated", "eur", None, False,
              lambda c: float(c.table["amount_eur"].sum())),
    Indicator("envelope_share", "Part de l'enveloppe utilisée", "Share of the envelope used", "share", None, False,
              lambda c: float(c.table["amount_eur"].sum()) / c.envelope),
    Indicator("projects", "Projets financés", "Projects funded", "count", "higher", False,
              lambda c: float(len(c.funded))),
    Indicator("companies", "Entreprises aidées", "Companies funded", "count", "higher", False,
              lambda c: float(c.funded["siren"].nunique())),
    Indicator("epcis_reached", "EPCI bénéficiaires", "EPCIs reached", "count", "higher", True,
              lambda c: float(c.funded["epci"].nunique())),
    Indicator("tco2e_per_year", "tCO2e évitées par an", "tCO2e avoided per year", "tco2e", "higher", True,
              lambda c: c.total("tco2e_avoided_per_year")),
    Indicator("tco2e_lifetime", "tCO2e évitées sur la durée de vie", "tCO2e avoided over the lifetimes",
              "tco2e", "higher", False, _tonnes_lifetime),
    Indicator("eur_per_tco2e", "Aide par tCO2e évitée (durée de vie)", "Aid per tCO2e avoided (lifetime)",
              "eur_per_tco2e", "lower", False,
              lambda c: _ratio(float(c.funded["amount_eur"].sum()), _tonnes_lifetime(c))),
    Indicator("jobs", "Emplois créés", "Jobs created", "count", "higher", True,
              lambda c: c.total("jobs_created")),
    Indicator("eur_per_job", "Aide par emploi créé", "Aid per job created", "eur_per_job", "lower", False,
              lambda c: _ratio(float(c.funded["amount_eur"].sum()), c.total("jobs_created"))),
    Indicator("leverage", "Effet de levier (coût éligible des projets par euro d'aide)",
              "Leverage (eligible project cost per euro of aid)", "ratio", "higher", False,
              lambda c: _ratio(c.total("eligible_cost_eur"), float(c.funded["amount_eur"].sum()))),
    Indicator("balance_gini", "Déséquilibre territorial (Gini de l'aide par habitant entre EPCI)",
              "Territorial imbalance (Gini of aid per inhabitant across EPCIs)", "index", "lower", True,
              lambda c: gini(aid_per_inhabitant(c).to_numpy())),
    Indicator("overlap", "Projets en commun avec la référence", "Projects in common with the reference",
              "count", None, False, lambda c: float(len(set(c.funded["id"]) & c.reference_funded))),
    Indicator("jaccard", "Indice de Jaccard avec la référence", "Jaccard index with the reference",
              "ratio", None, False, _jaccard),
]


# Of a comparison only, after the others: it depends on every scenario (`comparison.pareto_layers`).
PARETO = Indicator(PARETO_LAYER, "Rang de Pareto sur les indicateurs clés (1 : non dominé)",
                   "Pareto layer on the key indicators (1: not dominated)", "count", "lower", False,
                   lambda c: math.nan)


def indicators_for(pillars: list[str], labels: dict[str, str] | None = None) -> list[Indicator]:
    """The base list plus the mean sub-score of each pillar of the reference grid."""
    labels = labels or {}
    extra = [
        Indicator(f"pillar_{p}", f"Sous-score moyen « {labels.get(p, p)} » (grille de référence)",
                  f"Mean '{labels.get(p, p)}' sub-score (reference grid)", "score", "higher", False, _pillar_mean(p))
        for p in pillars
    ]
    return BASE_INDICATORS[:1] + extra + BASE_INDICATORS[1:]


def compute(indicators: list[Indicator], ctx: Context) -> dict[str, float]:
    return {ind.key: ind.compute(ctx) for ind in indicators}
