"""Targets and trajectories, for any indicator with a baseline and a target (also used by talent).

A target runs from a baseline (year, value) to a target (year, value) along a path:

- ``linear``: equal yearly steps, b + (T − b) · (y − y₀) / (Y − y₀);
- ``constant_rate``: equal yearly growth rates, b · (T / b) ^ ((y − y₀) / (Y − y₀)), which is how
  plans state economic targets (both values must be positive).

The comparison says which side of the target counts: ``above`` / ``at_least`` (higher is
better) or ``below`` / ``at_most`` (lower is better).

Status of a year with an actual value, against the expected value e of that year:
``on_track`` within ±ON_TRACK_TOLERANCE × |e|, else ``ahead`` or ``behind`` on the better or
worse side; ``before_baseline`` before the baseline year; ``no_actual`` without a figure.
The tolerance is 1 %: published figures are rounded (to 1 亿元 or 0.1 point) and revised, and a
band that small absorbs that noise while a real shortfall of a few per cent still shows.

>>> t = Target("core_value_added", "330100", 2021, 4905.0, 2025, 7000.0, comparison="above")
>>> round(t.expected(2023), 1)
5859.6
>>> point = assess(t, [Actual(2024, 6305.0, origin="published", source="…")])[3]
>>> point.status, round(point.required_growth_percent, 1)
('behind', 11.0)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Comparison = Literal["above", "at_least", "below", "at_most"]
PathKind = Literal["linear", "constant_rate"]
Status = Literal["on_track", "ahead", "behind", "before_baseline", "no_actual"]

COMPARISONS: tuple[Comparison, ...] = ("above", "at_least", "below", "at_most")
PATH_KINDS: tuple[PathKind, ...] = ("linear", "constant_rate")
HIGHER_IS_BETTER: frozenset[str] = frozenset({"above", "at_least"})
ON_TRACK_TOLERANCE = 0.01  # relative to the expected value; see the module docstring

MSG_BAD_YEARS = "目标年份须晚于基期年份 / the target year must come after the baseline year"
MSG_BAD_RATE = (
    "按不变增速推算时,基期值和目标值须为正数 / "
    "a constant-rate path needs a positive baseline and target"
)
MSG_BAD_CHOICE = (
    "{field} 取值 {value} 无效,可选:{choices} / invalid {field} {value}; choose {choices}"
)


@dataclass(frozen=True)
class Target:
    indicator: str
    division_code: str
    baseline_year: int
    baseline_value: float  # in ``unit``
    target_year: int
    target_value: float  # in ``unit``
    comparison: Comparison = "at_least"
    path_kind: PathKind = "constant_rate"
    unit: str = ""

    def __post_init__(self) -> None:
        for name, value, choices in (
            ("comparison", self.comparison, COMPARISONS),
            ("path_kind", self.path_kind, PATH_KINDS),
        ):
            if value not in choices:
                raise ValueError(
                    MSG_BAD_CHOICE.format(field=name, value=value, choices=", ".join(choices))
                )
        if self.target_year <= self.baseline_year:
            raise ValueError(MSG_BAD_YEARS)
        if self.path_kind == "constant_rate" and min(self.baseline_value, self.target_value) <= 0:
            raise ValueError(MSG_BAD_RATE)

    @property
    def higher_is_better(self) -> bool:
        return self.comparison in HIGHER_IS_BETTER

    def expected(self, year: int) -> float | None:
        """The value the path expects in ``year``; None before the baseline; the target after."""
        if year < self.baseline_year:
            return None
        if year >= self.target_year:
            return self.target_value
        progress = (year - self.baseline_year) / (self.target_year - self.baseline_year)
        if self.path_kind == "linear":
            return self.baseline_value + (self.target_value - self.baseline_value) * progress
        return self.baseline_value * (self.target_value / self.baseline_value) ** progress

    def path(self) -> dict[int, float]:
        """Expected value for each year from the baseline to the target year."""
        years = range(self.baseline_year, self.target_year + 1)
        return {year: self.expected(year) for year in years}  # type: ignore[misc]

    def is_met(self, value: float) -> bool:
        """Whether ``value`` satisfies the target (strictly for above/below)."""
        return {
            "above": value > self.target_value,
            "at_least": value >= self.target_value,
            "below": value < self.target_value,
            "at_most": value <= self.target_value,
        }[self.comparison]


@dataclass(frozen=True)
class Actual:
    """An observed value of the target's indicator, with where it came from."""

    year: int
    value: float  # in the target's unit
    origin: str  # "published" or "warehouse"
    source: str  # a URL for published figures, a description for the warehouse
    synthetic: bool = False  # the warehouse rows behind it came from the demo generator
    status: str = ""  # the publisher's status (verified / secondary / derived), if any


@dataclass(frozen=True)
class TrajectoryPoint:
    year: int
    expected: float | None  # in the target's unit
    actual: Actual | None
    status: Status
    gap: float | None  # actual − expected, in the target's unit
    required_growth_percent: float | None  # yearly growth needed from this actual to the target
    required_yearly_change: float | None  # equal yearly step needed, in the target's unit
    met: bool | None = field(default=None)  # only from the target year on


def status_of(target: Target, year: int, value: float | None) -> Status:
    """on_track / ahead / behind for ``value`` in ``year`` (see the module docstring)."""
    expected = target.expected(year)
    if expected is None:
        return "before_baseline"
    if value is None:
        return "no_actual"
    band = ON_TRACK_TOLERANCE * abs(expected)
    if abs(value - expected) <= band:
        return "on_track"
    better = value > expected if target.higher_is_better else value < expected
    return "ahead" if better else "behind"


def required_growth_percent(target: Target, year: int, value: float) -> float | None:
    """The constant yearly growth (%) that takes ``value`` in ``year`` to the target value.

    None at or after the target year, or when either value is not positive (a rate of change
    between a negative and a positive number has no meaning). Negative when the target is lower.
    """
    years_left = target.target_year - year
    if years_left <= 0 or value <= 0 or target.target_value <= 0:
        return None
    return ((target.target_value / value) ** (1 / years_left) - 1) * 100


def required_yearly_change(target: Target, year: int, value: float) -> float | None:
    years_left = target.target_year - year
    if years_left <= 0:
        return None
    return (target.target_value - value) / years_left


def assess(
    target: Target, actuals: Iterable[Actual], years: Iterable[int] | None = None
) -> list[TrajectoryPoint]:
    """The trajectory: one point per year from the baseline to the target year, plus any year
    with an actual outside that span (before the baseline, or after the target year)."""
    by_year = {a.year: a for a in actuals}
    span = set(years) if years is not None else set(target.path())
    points = []
    for year in sorted(span | set(by_year)):
        actual = by_year.get(year)
        expected = target.expected(year)
        # Before the baseline a figure is context only: no verdict, no growth needed from it.
        value = None if actual is None or expected is None else actual.value
        points.append(
            TrajectoryPoint(
                year=year,
                expected=expected,
                actual=actual,
                status=status_of(target, year, value),
                gap=None if value is None or expected is None else value - expected,
                required_growth_percent=(
                    None if value is None else required_growth_percent(target, year, value)
                ),
                required_yearly_change=(
                    None if value is None else required_yearly_change(target, year, value)
                ),
                met=(
                    target.is_met(value)
                    if value is not None and year >= target.target_year
                    else None
                ),
            )
        )
    return points
