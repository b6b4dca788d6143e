"""Unit profiles: strengths and weaknesses per indicator, as the unit's normalised score
against the median of the 13 units (positive gap = better than the typical unit).

>>> import pandas as pd
>>> scores = pd.DataFrame({"a": [10.0, 50.0, 90.0], "b": [80.0, 50.0, 20.0]}, index=list("XYZ"))
>>> gaps(scores).loc["X"].tolist()
[-40.0, 30.0]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from hzdigital.evaluation.framework import Framework
from hzdigital.evaluation.pipeline import PipelineResult

TOP_N = 3  # strengths and weaknesses listed per unit
MIN_GAP = 5.0  # score points from the median below which an indicator is neither


@dataclass(frozen=True)
class IndicatorStanding:
    indicator: str
    name_zh: str
    name_en: str
    dimension: str
    value: float | None  # denominated raw value, in the indicator's unit
    unit: str
    score: float  # normalised score
    city_median_score: float  # median over the units
    gap: float  # score − median
    imputed: bool


@dataclass(frozen=True)
class UnitProfile:
    code: str
    standings: list[IndicatorStanding]  # framework order
    strengths: list[str]  # indicator keys, largest positive gap first
    weaknesses: list[str]  # most negative gap first

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "strengths": self.strengths,
            "weaknesses": self.weaknesses,
            "indicators": [
                {k: (round(v, 4) if isinstance(v, float) else v) for k, v in vars(s).items()}
                for s in self.standings
            ],
        }


def gaps(scores: pd.DataFrame) -> pd.DataFrame:
    """Each score minus its indicator's median over the units."""
    return scores - scores.median()


def unit_profiles(result: PipelineResult, framework: Framework) -> dict[str, UnitProfile]:
    scores = result.scores[result.used]
    medians = scores.median()
    gap = gaps(scores)
    out = {}
    for code in scores.index:
        standings = []
        for key in result.used:
            indicator = framework.indicator(key)
            raw = result.raw.loc[code, key]
            standings.append(
                IndicatorStanding(
                    indicator=key,
                    name_zh=indicator.name_zh,
                    name_en=indicator.name_en,
                    dimension=indicator.dimension,
                    value=None if pd.isna(raw) else float(raw),
                    unit=indicator.unit,
                    score=float(scores.loc[code, key]),
                    city_median_score=float(medians[key]),
                    gap=float(gap.loc[code, key]),
                    imputed=bool(result.imputed.loc[code, key]),
                )
            )
        ordered = gap.loc[code].dropna().sort_values(ascending=False)
        out[str(code)] = UnitProfile(
            code=str(code),
            standings=standings,
            strengths=[k for k, v in ordered.items() if v >= MIN_GAP][:TOP_N],
            weaknesses=[k for k, v in ordered[::-1].items() if v <= -MIN_GAP][:TOP_N],
        )
    return out
