"""Pydantic models of a scenario: strict (unknown keys are errors), frozen, and only data.

The scenario YAML is validated into `Scenario`; `config.py` reads the files and turns
pydantic's errors into messages that name the file and the YAML path.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


Direction = Literal["higher", "lower"]
Scale = Literal["raw", "minmax", "rank", "log", "piecewise", "threshold", "target"]
MissingPolicy = Literal["worst", "median", "exclude", "error"]
Regime = Literal["none", "de_minimis", "gber_art17", "gber_art14_afr", "gber_art36", "gber_art38"]
SizeClass = Literal["micro", "small", "medium", "large"]
Funding = Literal["partial", "all_or_nothing"]
Objective = Literal["value", "weighted_euros"]

# Money in whole euros, bounded far above any real envelope so that it always fits a float exactly.
MAX_EUR = 10**12
Euros = Annotated[int, Field(ge=0, le=MAX_EUR)]
PositiveEuros = Annotated[int, Field(gt=0, le=MAX_EUR)]
MAX_WEIGHT = 1e6

# A weight, or a range [low, high] that the sensitivity analysis draws from (scoring uses the midpoint).
_W = Annotated[float, Field(ge=0, le=MAX_WEIGHT)]
Weight = _W | tuple[_W, _W]

SCALES: tuple[str, ...] = Scale.__args__  # type: ignore[attr-defined]


def central(weight: float | tuple[float, float]) -> float:
    """The weight used for scoring: the value, or the middle of its range."""
    return (weight[0] + weight[1]) / 2 if isinstance(weight, tuple) else weight


def _check_range(weight: float | tuple[float, float]) -> None:
    if isinstance(weight, tuple) and weight[0] > weight[1]:
        raise ValueError(f"weight range [{weight[0]}, {weight[1]}] has its low end above its high end")
REGIMES: tuple[str, ...] = Regime.__args__  # type: ignore[attr-defined]


class Criterion(Strict):
    """One scored quantity: a column or an arithmetic expression, put on a 0-100 scale."""

    column: str | None = None
    expression: str | None = None
    weight: Weight = 1.0
    direction: Direction = "higher"
    scale: Scale = "minmax"
    missing: MissingPolicy = "worst"
    points: list[tuple[float, float]] | None = None
    threshold: float | None = None
    target: float | None = None
    tolerance: float | None = Field(default=None, gt=0)
    label: str | None = None

    @model_validator(mode="after")
    def _one_source_and_scale_parameters(self) -> "Criterion":
        if (self.column is None) == (self.expression is None):
            raise ValueError("give exactly one of `column` or `expression`")
        _check_range(self.weight)
        if "direction" in self.model_fields_set and self.scale in ("piecewise", "target"):
            raise ValueError(f"`direction` does not apply to scale `{self.scale}`: its parameters say which values are best")
        if self.scale == "piecewise":
            if not self.points or len(self.points) < 2:
                raise ValueError("scale `piecewise` needs `points` with at least two [value, score] pairs")
            xs = [p[0] for p in self.points]
            if any(b <= a for a, b in zip(xs, xs[1:])):
                raise ValueError("`points` must have strictly increasing values")
            if any(not 0 <= p[1] <= 1 for p in self.points):
                raise ValueError("`points` scores must lie between 0 and 1")
        elif self.points is not None:
            raise ValueError(f"`points` only applies to scale `piecewise`, not `{self.scale}`")
        if self.scale == "threshold" and self.threshold is None:
            raise ValueError("scale `threshold` needs `threshold`")
        if self.scale != "threshold" and self.threshold is not None:
            raise ValueError(f"`threshold` only applies to scale `threshold`, not `{self.scale}`")
        if self.scale == "target" and (self.target is None or self.tolerance is None):
            raise ValueError("scale `target` needs `target` and `tolerance`")
        if self.scale != "target" and (self.target is not None or self.tolerance is not None):
            raise ValueError(f"`target`/`tolerance` only apply to scale `target`, not `{self.scale}`")
        return self


class Pillar(Strict):
    weight: Weight = 1.0
    label: str | None = None
    criteria: dict[str, Criterion] = Field(min_length=1)

    @model_validator(mode="after")
    def _range_in_order(self) -> "Pillar":
        _check_range(self.weight)
        return self



class Scoring(Strict):
    pillars: dict[str, Pillar] = Field(min_length=1)


class Eligibility(Strict):
    min_score: float | None = None
    rules: list[str] = []


class Bounds(Strict):
    """Bounds on one group (an EPCI, a priority): amounts, shares of the envelope, project counts."""

    min_eur: Euros | None = None
    max_eur: Euros | None = None
    min_share: float | None = Field(default=None, ge=0, le=1)
    max_share: float | None = Field(default=None, ge=0, le=1)
    min_projects: Annotated[int, Field(ge=0, le=10**9)] | None = None
    max_projects: Annotated[int, Field(ge=0, le=10**9)] | None = None

    @model_validator(mode="after")
    def _min_below_max(self) -> "Bounds":
        for low, high in (("min_eur", "max_eur"), ("min_share", "max_share"), ("min_projects", "max_projects")):
            lo, hi = getattr(self, low), getattr(self, high)
            if lo is not None and hi is not None and lo > hi:
                raise ValueError(f"`{low}` ({lo}) is above `{high}` ({hi})")
        return self


class CompanyCap(Strict):
    max_eur: PositiveEuros | None = None


class Total(Strict):
    """Bound on the sum of a numeric column over the funded projects."""

    column: str
    min: Annotated[float, Field(ge=-1e15, le=1e15)] | None = None
    max: Annotated[float, Field(ge=-1e15, le=1e15)] | None = None
    label: str | None = None

    @model_validator(mode="after")
    def _some_bound(self) -> "Total":
        if self.min is None and self.max is None:
            raise ValueError("give `min`, `max` or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"`min` ({self.min}) is above `max` ({self.max})")
        return self


class Constraints(Strict):
    epci: dict[str, Bounds] = {}
    priority: dict[str, Bounds] = {}
    company: CompanyCap = CompanyCap()
    totals: list[Total] = []
    lock_in: list[str] = []
    lock_out: list[str] = []

    @model_validator(mode="after")
    def _locks_disjoint(self) -> "Constraints":
        both = sorted(set(self.lock_in) & set(self.lock_out))
        if both:
            raise ValueError(f"ids both in `lock_in` and `lock_out`: {', '.join(both)}")
        return self


# GBER maximum aid intensities (share of eligible costs) from shared domain notes; configurable.
DEFAULT_INTENSITIES: dict[str, dict[str, float]] = {
    "gber_art17": {"micro": 0.20, "small": 0.20, "medium": 0.10, "large": 0.0},
    "gber_art14_afr": {"micro": 0.35, "small": 0.35, "medium": 0.25, "large": 0.15},
    "gber_art36": {"micro": 0.40, "small": 0.40, "medium": 0.40, "large": 0.40},
    "gber_art38": {"micro": 0.50, "small": 0.50, "medium": 0.40, "large": 0.30},
}


class StateAid(Strict):
    regime: Regime
    de_minimis_ceiling_eur: PositiveEuros = 300_000
    afr_zone: bool = False
    intensities: dict[Literal["gber_art17", "gber_art14_afr", "gber_art36", "gber_art38"],
                      dict[SizeClass, float]] = {}

    @model_validator(mode="after")
    def _intensities_are_shares(self) -> "StateAid":
        for regime, table in self.intensities.items():
            for size, value in table.items():
                if not 0 <= value <= 1:
                    raise ValueError(f"intensity {regime}.{size} = {value} is not between 0 and 1")
        return self

    def intensity(self, regime: str, size: str) -> float:
        """Maximum aid intensity for a regime and an SME class (defaults overridden by the scenario)."""
        if regime == "gber_art14_afr" and not self.afr_zone:
            return 0.0
        table = {**DEFAULT_INTENSITIES[regime], **self.intensities.get(regime, {})}  # type: ignore[call-overload]
        return table[size]


class Sensitivity(Strict):
    """How `optimiser sensitivity` draws weights and data (docs/robustness.md)."""

    concentration: float = Field(default=50.0, gt=0)    # Dirichlet: larger keeps draws nearer the weights
    uncertainty: dict[str, Annotated[float, Field(ge=0, le=1)]] = {}  # column -> relative error (uniform ±)
    core_threshold: float = Field(default=0.9, gt=0, le=1)
    exterior_threshold: float = Field(default=0.1, ge=0, lt=1)
    budget_steps: list[Annotated[float, Field(gt=0)]] = [0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0]
    frontier_points: int = Field(default=9, ge=2, le=50)
    explain: int = Field(default=10, ge=0)              # candidates each side of the cut-off to explain

    @model_validator(mode="after")
    def _thresholds_in_order(self) -> "Sensitivity":
        if self.exterior_threshold >= self.core_threshold:
            raise ValueError("`exterior_threshold` must be below `core_threshold`")
        return self


class SolverSettings(Strict):
    name: Literal["highs", "cbc"] = "highs"
    time_limit_s: float = Field(default=60.0, gt=0)
    gap: float = Field(default=0.0, ge=0, lt=1)
    threads: Annotated[int, Field(ge=1, le=256)] = 1


class Scenario(Strict):
    name: str
    description: str = ""
    extends: str | None = None
    territory: str | None = None
    columns: dict[str, str] = {}
    sheet: str | None = None
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

    @model_validator(mode="after")
    def _spend_within_envelope(self) -> "Scenario":
        if self.min_spend_eur is not None and self.min_spend_eur > self.envelope_eur:
            raise ValueError(
                f"`min_spend_eur` ({self.min_spend_eur}) is above `envelope_eur` ({self.envelope_eur})"
            )
        return self
