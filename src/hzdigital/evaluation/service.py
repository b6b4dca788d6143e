"""The district index as one call: ``district_index(year)`` → :class:`IndexReport`.

This is the stable entry point for the CLI, the pages, the API and the annual report;
``IndexReport.to_dict()`` is exactly the ``hzdigital index --json`` payload.

Like ``/api/monitor``, the index reads a data edition: the one asked for, ``live`` for the
warehouse as it stands, by default the latest published edition (live when none is). An
edition's index is computed from the inputs frozen when it was published, so it never moves.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from hzdigital.evaluation import uncertainty
from hzdigital.evaluation.framework import ExtraRef, Framework, load_framework
from hzdigital.evaluation.inputs import (
    Panel,
    denominate,
    indicator_sources,
    panel_from,
    read_panel,
)
from hzdigital.evaluation.pipeline import (
    MIN_COVERAGE,
    Choices,
    PipelineResult,
    goalposts_from,
    run_pipeline,
)
from hzdigital.evaluation.profiles import UnitProfile, unit_profiles
from hzdigital.lib.divisions import county_divisions
from hzdigital.lib.messages import Message
from hzdigital.monitoring import editions
from hzdigital.monitoring.engines import connect_warehouse, warehouse_path
from hzdigital.monitoring.output import warehouse_rows

MSG_EMPTY = Message(
    "数据仓库 {path} 为空：请先导入企业数据（hzdigital import 或 hzdigital demo）",
    "the warehouse {path} is empty: import enterprise records first (hzdigital import or "
    "hzdigital demo)",
)
MSG_NO_YEAR = Message(
    "{year} 年没有数据；仓库中的年份：{years}",
    "no data for {year}; years in the warehouse: {years}",
)
MSG_SYNTHETIC = Message(
    "合成（演示）数据：指数基于合成企业记录，不是真实统计",
    "synthetic (demo) data: the index is computed from synthetic enterprise records, not "
    "real statistics",
)
MSG_DEMO_INPUTS = Message(
    "演示数据：“{names_zh}”使用了演示（合成）人才数据，不是真实上报",
    "demo data: '{names_en}' use demo (synthetic) talent figures, not real reports",
)
MSG_EDITION_WITHOUT_INPUTS = Message(
    "数据版本 {edition_id} 发布时尚未冻结指数的输入，无法按该版本计算指数；请用 live 查看实时数据，"
    "或导入新数据后发布新版本",
    "data edition {edition_id} was published before the index inputs were frozen with "
    "editions, so no index can be computed for it; ask for live data, or publish a new edition "
    "after the next import",
)
MSG_DROPPED_EXTRA = Message(
    "“{name_zh}”本年度未计入：人才系统中只有 {share} 的区县有本年度已采纳的数据（不足一半）",
    "'{name_en}' is left out this year: only {share} of the units have an accepted talent "
    "figure for the year (under half)",
)

MSG_TOO_SPARSE = Message(
    "{year} 年没有一个指标有一半以上区县有值，无法计算指数",
    "no indicator has a value for at least half the units in {year}: no index can be computed",
)
MSG_DROPPED = Message(
    "“{name_zh}”本年度未计入：只有 {share} 的区县有值（不足一半）；区县 GDP 只公布了部分年份，"
    "缺失的不作推算",
    "'{name_en}' is left out this year: only {share} of the units have a value (under half); "
    "district GDP is published for some years only and missing years are not estimated",
)


class IndexDataError(ValueError):
    """The index cannot be computed from what is in the warehouse (empty, unknown year)."""


@dataclass(frozen=True)
class UnitResult:
    code: str
    name_zh: str
    name_en: str
    score: float  # composite score of the reference run (0–100 with min–max)
    rank: int  # 1 = best, reference run
    median_rank: int  # Monte Carlo, lower median
    rank_interval: tuple[int, int]  # Monte Carlo 5th–95th percentile ranks
    dimension_scores: dict[str, float]
    imputed: list[str]  # indicators whose value for this unit was imputed

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "score": _round(self.score),
            "rank": self.rank,
            "median_rank": self.median_rank,
            "rank_interval": list(self.rank_interval),
            "dimension_scores": {k: _round(v) for k, v in self.dimension_scores.items()},
            "imputed": self.imputed,
        }


def _round(value: float, digits: int = 4) -> float | None:
    return None if value is None or np.isnan(value) else round(float(value), digits)


@dataclass(frozen=True)
class YearScores:
    year: int
    scores: dict[str, float]  # unit code → composite score of the reference run
    ranks: dict[str, int]  # unit code → rank that year (1 = best)
    synthetic: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "synthetic": self.synthetic,
            "scores": {k: _round(v) for k, v in self.scores.items()},
            "ranks": self.ranks,
        }


def history_of(
    panel: Panel,
    framework: Framework,
    choices: Choices,
    by_year: dict[int, pd.DataFrame],
    goalposts: dict,
) -> list[YearScores]:
    """The reference run of every year that has an indicator for half the units."""
    out = []
    for year, raw in sorted(by_year.items()):
        if not (raw.notna().mean() >= MIN_COVERAGE).any():
            continue
        run = run_pipeline(raw, framework, choices, goalposts)
        out.append(
            YearScores(
                year=year,
                scores={str(k): float(v) for k, v in run.index.items()},
                ranks={str(k): int(v) for k, v in run.ranks.items()},
                synthetic=year in panel.synthetic_years,
            )
        )
    return out


@dataclass(frozen=True)
class IndexReport:
    year: int
    framework: Framework
    choices: Choices
    runs: int
    seed: int
    synthetic: bool
    units: list[UnitResult]  # in rank order
    result: PipelineResult  # the reference run, every step
    sensitivity: list[uncertainty.Sensitivity]
    profiles: dict[str, UnitProfile]
    indicator_sources: dict[str, list[str]]
    dropped: dict[str, float] = field(default_factory=dict)  # indicator → share of units seen
    # Reference-run scores of every year with enough data: with min–max's fixed goalposts a
    # score means the same in every year (other normalisations compare within a year only).
    history: list[YearScores] = field(default_factory=list)
    # unit code → how many Monte Carlo runs put it at rank 1, 2, … 13 (index 0 = rank 1)
    rank_counts: dict[str, list[int]] = field(default_factory=dict)
    # The data edition the inputs were frozen in (``Edition.to_dict()``); None = live warehouse.
    edition: dict[str, Any] | None = None
    demo_inputs: list[str] = field(default_factory=list)  # used indicators fed demo figures
    synthetic_records: bool = False  # the year's enterprise records are synthetic (demo)

    def notes_in(self, lang: str) -> list[str]:
        """Why indicators are left out this year, and which use demo figures, in one language
        (``en`` or Chinese)."""
        notes = [
            _dropped_message(self.framework, key).in_language(
                lang,
                name_zh=self.framework.indicator(key).name_zh,
                name_en=self.framework.indicator(key).name_en,
                share=f"{share:.0%}",
            )
            for key, share in self.dropped.items()
        ]
        if self.demo_inputs:
            indicators = [self.framework.indicator(key) for key in self.demo_inputs]
            notes.append(
                MSG_DEMO_INPUTS.in_language(
                    lang,
                    names_zh="、".join(i.name_zh for i in indicators),
                    names_en="', '".join(i.name_en for i in indicators),
                )
            )
        return notes

    def _synthetic_note(self) -> str | None:
        if self.synthetic_records:
            return MSG_SYNTHETIC.render()
        return self.notes[-1] if self.demo_inputs else None

    @property
    def notes(self) -> list[str]:
        """Both languages, for the CLI and the JSON."""
        return [
            f"{zh} / {en}" for zh, en in zip(self.notes_in("zh"), self.notes_in("en"), strict=True)
        ]

    def to_dict(self) -> dict[str, Any]:
        raw = self.result.raw
        return {
            "year": self.year,
            "edition": self.edition,
            "framework": {"edition": self.framework.edition, "file": self.framework.path.name},
            "synthetic": self.synthetic,
            "note": self._synthetic_note(),
            "method": {
                "choices": vars(self.choices),
                "monte_carlo": {
                    "runs": self.runs,
                    "seed": self.seed,
                    "interval_percentiles": list(uncertainty.INTERVAL_PERCENTILES),
                    "weight_spread": uncertainty.WEIGHT_SPREAD,
                    "normalisations": list(uncertainty.NORMALISATION_OPTIONS),
                    "aggregations": list(uncertainty.AGGREGATION_OPTIONS),
                    "imputations": list(uncertainty.IMPUTATION_OPTIONS),
                },
                "steps": self.result.steps,
            },
            "units": [u.to_dict() for u in self.units],
            "indicators": [
                {
                    "key": i.key,
                    "name_zh": i.name_zh,
                    "name_en": i.name_en,
                    "dimension": i.dimension,
                    "unit": i.unit,
                    "used": i.key in self.result.used,
                    "weight": _round(self.result.weights.get(i.key, float("nan")), 6),
                    "values": {str(u): _round(v, 6) for u, v in raw[i.key].items()},
                    "sources": self.indicator_sources[i.key],
                }
                for i in self.framework.indicators
            ],
            "sensitivity": [vars(s) for s in self.sensitivity],
            "profiles": {code: p.to_dict() for code, p in self.profiles.items()},
            "notes": self.notes,
            "history": [h.to_dict() for h in self.history],
            "rank_counts": self.rank_counts,
        }


def _dropped_message(framework: Framework, key: str) -> Message:
    """Why an indicator is left out depends on where its figures come from."""
    return (
        MSG_DROPPED_EXTRA if isinstance(framework.indicator(key).source, ExtraRef) else MSG_DROPPED
    )


def _names_en() -> dict[str, str]:
    import yaml

    from hzdigital.monitoring.structure import PLAN_YAML

    plan = yaml.safe_load(PLAN_YAML.read_text(encoding="utf-8"))
    return {str(u["code"]): str(u.get("name_en", "")) for u in plan.get("units", [])}


def load_panel(path: Path | None = None, edition: editions.Edition | None = None) -> Panel:
    """The live warehouse's panel, or the one frozen with ``edition``."""
    if edition is not None:
        return edition_panel(edition)
    path = path or warehouse_path()
    if warehouse_rows(path) == 0:
        raise IndexDataError(MSG_EMPTY.render(path=path))
    engine = connect_warehouse("duckdb", path)
    try:
        return read_panel(engine)
    finally:
        engine.close()


def edition_panel(edition: editions.Edition) -> Panel:
    cells = editions.edition_index_panel(edition.edition_id)
    if cells.empty:
        raise IndexDataError(MSG_EDITION_WITHOUT_INPUTS.render(edition_id=edition.edition_id))
    contributions = editions.edition_contributions(edition.edition_id)
    synthetic = contributions[contributions.synthetic.astype(bool)].year
    return panel_from(cells, frozenset(int(y) for y in synthetic))


def build_report(
    panel: Panel,
    year: int | None = None,
    framework: Framework | None = None,
    runs: int = 1000,
    seed: int = 2021,
    choices: Choices | None = None,
    edition: editions.Edition | None = None,
) -> IndexReport:
    """The index of one year from a panel already read (tests hand in their own); ``edition``
    only labels the result with the edition the panel was frozen in."""
    framework = framework or load_framework()
    choices = choices or Choices(**framework.method)
    year = year if year is not None else max(panel.years)
    if year not in panel.years:
        years = ", ".join(map(str, panel.years))
        raise IndexDataError(MSG_NO_YEAR.render(year=year, years=years))
    by_year = {y: denominate(panel, framework, y) for y in panel.years}
    goalposts = goalposts_from(by_year, choices.outliers)
    raw = by_year[year]
    if not (raw.notna().mean() >= MIN_COVERAGE).any():
        raise IndexDataError(MSG_TOO_SPARSE.render(year=year))
    result = run_pipeline(raw, framework, choices, goalposts)
    stack = uncertainty.score_stack(raw, framework, choices, goalposts)
    mc = uncertainty.monte_carlo(
        raw, framework, choices, goalposts, result.weights, runs, seed, stack=stack
    )
    reference_ranks = result.ranks.to_numpy()
    sens = uncertainty.sensitivity(
        raw, framework, choices, goalposts, result.weights, reference_ranks, runs, seed, stack
    )
    names_en = _names_en()
    median, interval = mc.median_rank(), mc.interval()
    units = []
    for position, division in enumerate(county_divisions()):
        code = division.code
        units.append(
            UnitResult(
                code=code,
                name_zh=division.name,
                name_en=names_en.get(code, ""),
                score=float(result.index[code]),
                rank=int(result.ranks[code]),
                median_rank=int(median[position]),
                rank_interval=(int(interval[position, 0]), int(interval[position, 1])),
                dimension_scores={k: float(v) for k, v in result.dimensions.loc[code].items()},
                imputed=[c for c in result.used if bool(result.imputed.loc[code, c])],
            )
        )
    units.sort(key=lambda u: u.rank)
    dropped = next(s for s in result.steps if s["step"] == "coverage")["params"]["dropped"]
    fed = {i.key: i.source for i in framework.indicators if isinstance(i.source, ExtraRef)}
    demo_inputs = [k for k in result.used if k in fed and panel.extra_synthetic(year, [fed[k]])]
    return IndexReport(
        year=year,
        framework=framework,
        choices=choices,
        runs=runs,
        seed=seed,
        synthetic=year in panel.synthetic_years or bool(demo_inputs),
        units=units,
        result=result,
        sensitivity=sens,
        profiles=unit_profiles(result, framework),
        indicator_sources={i.key: indicator_sources(i, panel) for i in framework.indicators},
        dropped=dropped,
        history=history_of(panel, framework, choices, by_year, goalposts),
        rank_counts={
            code: np.bincount(mc.ranks[:, n] - 1, minlength=len(mc.units)).tolist()
            for n, code in enumerate(mc.units)
        },
        edition=edition.to_dict() if edition is not None else None,
        demo_inputs=demo_inputs,
        synthetic_records=year in panel.synthetic_years,
    )


def district_index(
    year: int | None = None,
    framework: Path | None = None,
    runs: int = 1000,
    seed: int = 2021,
    edition: str | None = None,
    extra: pd.DataFrame | None = None,
) -> IndexReport:
    """The district composite index of ``year`` (default: the latest year in the data),
    with its Monte Carlo rank intervals, from ``$HZDIGITAL_HOME/warehouse.duckdb``.

    ``edition``: a published edition id, ``live``, or None for the latest published edition
    (live when none is); ``UnknownEdition`` for an id never published. ``extra``: inputs from
    outside the warehouse (``inputs.EXTRA_COLUMNS``), e.g. the talent app's accepted figures.
    """
    chosen = editions.choose_edition(edition)
    panel = load_panel(edition=chosen)
    if extra is not None:
        panel = replace(panel, extra=extra)
    fw = load_framework(framework) if framework else None
    return build_report(panel, year, fw, runs, seed, edition=chosen)


__all__ = ["IndexDataError", "IndexReport", "UnitResult", "build_report", "district_index"]
