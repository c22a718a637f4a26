"""Pydantic models of a scenario: strict (unknown keys are errors), frozen, and only data.

The scenario YAML is validated into `Scenario`; `config.py` reads the files and turns
pydantic's errors into messages that name the file and the YAML path. The value types, strict field by
field, are in `strict.py`.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, field_validator, model_validator

from .identifiers import normal
from .messages import say
from .strict import Bool, ColumnName, Int, Num, Regime, Strict, Text, check_number

Direction = Literal["higher", "lower"]
Scale = Literal["raw", "minmax", "rank", "log", "piecewise", "threshold", "target"]
MissingPolicy = Literal["worst", "median", "exclude", "error"]
SizeClass = Literal["micro", "small", "medium", "large"]
Funding = Literal["partial", "all_or_nothing"]
Visibility = Literal["refuse", "include", "exclude"]  # what to do with the rows/columns Excel hides
Objective = Literal["value", "weighted_euros"]

# Money in whole euros, bounded far above any real envelope so that it always fits a float exactly.
MAX_EUR = 10**12
Euros = Annotated[Int, Field(ge=0, le=MAX_EUR)]
PositiveEuros = Annotated[Int, Field(gt=0, le=MAX_EUR)]
MAX_WEIGHT = 1e6


def _share(value: Any) -> Any:
    check_number(value)
    if 2 <= value <= 100:  # 35 for 35 %
        raise ValueError(say("scn_share_percent", value=repr(value), fraction=f"{value / 100:g}", percent=f"{value:g}"))
    return value


Share = Annotated[Num, BeforeValidator(_share), Field(ge=0, le=1)]
Count = Annotated[Int, Field(ge=0, le=10**9)]


def _weight(value: Any) -> Any:
    """A weight, or a range [low, high] that the sensitivity analysis draws from (scoring uses the midpoint)."""
    parts = value if isinstance(value, (list, tuple)) else [value]
    if isinstance(value, (list, tuple)) and len(value) != 2:
        raise ValueError(say("scn_weight_list", count=len(value)))
    for part in parts:
        check_number(part)
        if not (math.isfinite(part) and 0 <= part <= MAX_WEIGHT):
            raise ValueError(say("scn_weight_bounds", max=f"{MAX_WEIGHT:g}", value=repr(part)))
    return tuple(parts) if isinstance(value, (list, tuple)) else value


Weight = Annotated[float | tuple[float, float], BeforeValidator(_weight)]

SCALES: tuple[str, ...] = Scale.__args__  # type: ignore[attr-defined]


def central(weight: float | tuple[float, float]) -> float:
    """The weight used for scoring: the value, or the middle of its range."""
    return (weight[0] + weight[1]) / 2 if isinstance(weight, tuple) else weight


def _check_range(weight: float | tuple[float, float]) -> None:
    if isinstance(weight, tuple) and weight[0] > weight[1]:
        raise ValueError(say("scn_weight_order", low=weight[0], high=weight[1]))


class Criterion(Strict):
    """One scored quantity: a column or an arithmetic expression, put on a 0-100 scale."""

    column: Text | None = None
    expression: Text | None = None
    weight: Weight = 1.0
    direction: Direction = "higher"
    scale: Scale = "minmax"
    missing: MissingPolicy = "worst"
    points: list[tuple[Num, Num]] | None = None
    threshold: Num | None = None
    target: Num | None = None
    tolerance: Annotated[Num, Field(gt=0)] | None = None
    label: Text | None = None

    @model_validator(mode="after")
    def _one_source_and_scale_parameters(self) -> Criterion:
        if (self.column is None) == (self.expression is None):
            raise ValueError(say("scn_one_source"))
        _check_range(self.weight)
        if "direction" in self.model_fields_set and self.scale in ("piecewise", "target"):
            raise ValueError(say("scn_direction_scale", scale=self.scale))
        if self.scale == "piecewise":
            if not self.points or len(self.points) < 2:
                raise ValueError(say("scn_points_needed"))
            xs = [p[0] for p in self.points]
            if any(b <= a for a, b in zip(xs, xs[1:], strict=False)):
                raise ValueError(say("scn_points_increasing"))
            if any(not 0 <= p[1] <= 1 for p in self.points):
                raise ValueError(say("scn_points_scores"))
        elif self.points is not None:
            raise ValueError(say("scn_points_scale", scale=self.scale))
        if self.scale == "threshold" and self.threshold is None:
            raise ValueError(say("scn_threshold_needed"))
        if self.scale != "threshold" and self.threshold is not None:
            raise ValueError(say("scn_threshold_scale", scale=self.scale))
        if self.scale == "target" and (self.target is None or self.tolerance is None):
            raise ValueError(say("scn_target_needed"))
        if self.scale != "target" and (self.target is not None or self.tolerance is not None):
            raise ValueError(say("scn_target_scale", scale=self.scale))
        return self


class Pillar(Strict):
    weight: Weight = 1.0
    label: Text | None = None
    criteria: dict[Text, Criterion] = Field(min_length=1)

    @model_validator(mode="after")
    def _range_in_order(self) -> Pillar:
        _check_range(self.weight)
        return self



class Scoring(Strict):
    pillars: dict[Text, Pillar] = Field(min_length=1)


class Eligibility(Strict):
    min_score: Num | None = None
    rules: list[Text] = []


class Bounds(Strict):
    """Bounds on one group (an EPCI, a priority): amounts, shares of the envelope, project counts."""

    min_eur: Euros | None = None
    max_eur: Euros | None = None
    min_share: Share | None = None
    max_share: Share | None = None
    min_projects: Count | None = None
    max_projects: Count | None = None

    @model_validator(mode="after")
    def _min_below_max(self) -> Bounds:
        for low, high in (("min_eur", "max_eur"), ("min_share", "max_share"), ("min_projects", "max_projects")):
            lo, hi = getattr(self, low), getattr(self, high)
            if lo is not None and hi is not None and lo > hi:
                raise ValueError(say("scn_low_above_high", low=low, lo=lo, high=high, hi=hi))
        return self


class CompanyCap(Strict):
    max_eur: PositiveEuros | None = None


class Total(Strict):
    """Bound on the sum of a numeric column over the funded projects."""

    column: Text
    min: Annotated[Num, Field(ge=-1e15, le=1e15)] | None = None
    max: Annotated[Num, Field(ge=-1e15, le=1e15)] | None = None
    label: Text | None = None

    @model_validator(mode="after")
    def _some_bound(self) -> Total:
        if self.min is None and self.max is None:
            raise ValueError(say("scn_total_bound"))
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(say("scn_low_above_high", low="min", lo=self.min, high="max", hi=self.max))
        return self


class Constraints(Strict):
    epci: dict[Text, Bounds] = {}
    priority: dict[Text, Bounds] = {}
    company: CompanyCap = CompanyCap()
    totals: list[Total] = []
    lock_in: list[Text] = []
    lock_out: list[Text] = []

    @field_validator("lock_in", "lock_out", mode="after")
    @classmethod
    def _as_people_read_them(cls, ids: list[str]) -> list[str]:
        """Ids compare as the candidates file's do: NFC-normalised and trimmed."""
        return [normal(i) for i in ids]

    @model_validator(mode="after")
    def _locks_disjoint(self) -> Constraints:
        both = sorted(set(self.lock_in) & set(self.lock_out))
        if both:
            raise ValueError(say("scn_locks_both", ids=", ".join(both)))
        return self


MIN_REASON_CHARS = 10  # a written reason, not a word: the record is read by people who were not in the room


def _decision(value: Any) -> Any:
    """`retenir` or `écarter` as people type them (any case, with or without the accent)."""
    if isinstance(value, str):
        decomposed = unicodedata.normalize("NFD", value.strip().casefold())
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
        if plain in ("retenir", "ecarter"):
            return "retenir" if plain == "retenir" else "écarter"
    raise ValueError(say("scn_decision", value=repr(value)))


def _visible(value: str) -> str:
    """A signed text holds only what a person sees: no control character (a null byte, a bell, an escape)
    and no invisible formatting character (a right-to-left override would print the text reversed)."""
    hidden = sorted({f"U+{ord(c):04X}" for c in value if unicodedata.category(c) in ("Cc", "Cf") and c not in "\n\t"})
    if hidden:
        raise ValueError(say("scn_invisible", characters=", ".join(hidden)))
    return value


def _reason(value: Any) -> Any:
    if isinstance(value, str) and len(" ".join(value.split())) < MIN_REASON_CHARS:
        raise ValueError(say("scn_reason_short", count=MIN_REASON_CHARS))
    return _visible(value) if isinstance(value, str) else value


def _someone(value: str) -> str:
    if not value.strip():
        raise ValueError(say("scn_by_empty"))
    return _visible(value)


def _iso_date(value: Any) -> Any:
    """A day, as YAML reads `2026-12-10` (a date) or as the text "2026-12-10"; kept as ISO text."""
    if isinstance(value, dt.datetime):
        raise ValueError(say("scn_date_time", value=value.isoformat()))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise ValueError(say("scn_date_format", value=repr(value)))


Day = Annotated[str, BeforeValidator(_iso_date)]


class Override(Strict):
    """A departure of the committee from the optimiser's proposal: a project funded (`retenir`) or set aside
    (`écarter`) whatever the optimum, with who decided, when and why (the signed record shows each one and
    what it cost)."""

    id: Text
    decision: Annotated[Literal["retenir", "écarter"], BeforeValidator(_decision)]
    reason: Annotated[Text, AfterValidator(_reason)]
    by: Annotated[Text, AfterValidator(_someone)]
    date: Day

    @field_validator("id", mode="after")
    @classmethod
    def _as_people_read_it(cls, cid: str) -> str:
        return normal(cid)


# GBER maximum aid intensities (share of eligible costs) from shared domain notes; configurable.
DEFAULT_INTENSITIES: dict[str, dict[str, float]] = {
    "gber_art17": {"micro": 0.20, "small": 0.20, "medium": 0.10, "large": 0.0},
    "gber_art14_afr": {"micro": 0.35, "small": 0.35, "medium": 0.25, "large": 0.15},
    "gber_art36": {"micro": 0.40, "small": 0.40, "medium": 0.40, "large": 0.40},
    "gber_art38": {"micro": 0.50, "small": 0.50, "medium": 0.40, "large": 0.30},
}


DE_MINIMIS_CEILING_EUR = 300_000  # Regulation (EU) 2023/2831, over 3 rolling years; a scenario may change it


class StateAid(Strict):
    regime: Regime
    de_minimis_ceiling_eur: PositiveEuros = DE_MINIMIS_CEILING_EUR
    afr_zone: Bool = False
    intensities: dict[Literal["gber_art17", "gber_art14_afr", "gber_art36", "gber_art38"],
                      dict[SizeClass, Num]] = {}

    @model_validator(mode="after")
    def _intensities_are_shares(self) -> StateAid:
        for regime, table in self.intensities.items():
            for size, value in table.items():
                if not 0 <= value <= 1:
                    raise ValueError(say("scn_intensity_share", regime=regime, size=size, value=value))
        return self

    def intensity(self, regime: str, size: str) -> float:
        """Maximum aid intensity for a regime and an SME class (defaults overridden by the scenario)."""
        if regime == "gber_art14_afr" and not self.afr_zone:
            return 0.0
        table = {**DEFAULT_INTENSITIES[regime], **self.intensities.get(regime, {})}  # type: ignore[call-overload]
        return table[size]


class Sensitivity(Strict):
    """How `optimiser sensitivity` draws weights and data (docs/robustness.md)."""

    concentration: Annotated[Num, Field(gt=0)] = 50.0  # Dirichlet: larger keeps draws nearer the weights
    uncertainty: dict[Text, Share] = {}                  # column -> relative error (uniform ±)
    core_threshold: Annotated[Num, Field(gt=0, le=1)] = 0.9
    exterior_threshold: Annotated[Num, Field(ge=0, lt=1)] = 0.1
    budget_steps: list[Annotated[Num, Field(gt=0)]] = [0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0]
    frontier_points: Annotated[Int, Field(ge=2, le=50)] = 9
    explain: Annotated[Int, Field(ge=0)] = 10            # candidates each side of the cut-off to explain

    @model_validator(mode="after")
    def _thresholds_in_order(self) -> Sensitivity:
        if self.exterior_threshold >= self.core_threshold:
            raise ValueError(say("scn_thresholds_order"))
        return self


class SolverSettings(Strict):
    name: Literal["highs", "cbc"] = "highs"
    time_limit_s: Annotated[Num, Field(gt=0)] = 60.0
    gap: Annotated[Num, Field(ge=0, lt=1)] = 0.0
    threads: Annotated[Int, Field(ge=1, le=256)] = 1


class Scenario(Strict):
    name: Text
    description: Text = ""
    extends: Text | None = None
    territory: Text | None = None
    columns: dict[Text, ColumnName] = {}
    sheet: Text | None = None
    hidden_rows: Visibility = "refuse"
    hidden_columns: Visibility = "refuse"
    envelope_eur: PositiveEuros
    min_spend_eur: Euros | None = None
    funding: Funding = "partial"
    objective: Objective = "value"
    scoring: Scoring
    eligibility: Eligibility = Eligibility()
    constraints: Constraints = Constraints()
    state_aid: StateAid | None = None
    solver: SolverSettings = SolverSettings()
    sensitivity: Sensitivity = Sensitivity()
    overrides: list[Override] = []

    @model_validator(mode="after")
    def _one_override_per_project(self) -> Scenario:
        ids = [o.id for o in self.overrides]
        twice = sorted({cid for cid in ids if ids.count(cid) > 1})
        if twice:
            raise ValueError(say("scn_override_twice", ids=", ".join(twice)))
        return self

    @property
    def locked_in(self) -> list[str]:
        """The projects funded whatever the optimum: `constraints.lock_in`, with the overrides applied."""
        out = {o.id for o in self.overrides if o.decision == "écarter"}
        kept = [cid for cid in self.constraints.lock_in if cid not in out]
        return kept + [o.id for o in self.overrides if o.decision == "retenir" and o.id not in kept]

    @property
    def locked_out(self) -> list[str]:
        """The projects never funded: `constraints.lock_out`, with the overrides applied."""
        kept_in = {o.id for o in self.overrides if o.decision == "retenir"}
        kept = [cid for cid in self.constraints.lock_out if cid not in kept_in]
        return kept + [o.id for o in self.overrides if o.decision == "écarter" and o.id not in kept]

    def proposal(self) -> Scenario:
        """The scenario as the optimiser proposes it, before the committee's overrides."""
        return self.model_copy(update={"overrides": []})

    @model_validator(mode="after")
    def _spend_within_envelope(self) -> Scenario:
        if self.min_spend_eur is not None and self.min_spend_eur > self.envelope_eur:
            raise ValueError(say("scn_low_above_high", low="min_spend_eur", lo=self.min_spend_eur,
                                 high="envelope_eur", hi=self.envelope_eur))
        return self
