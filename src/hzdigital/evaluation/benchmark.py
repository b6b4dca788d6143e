"""Hangzhou against leading digital-economy cities: values with their sources, gaps, radar.

The data is an editable CSV (``data/city_benchmark.csv``), one row per (city, indicator,
year). Every value carries its source (a URL or a publication), its year, whether it follows
the indicator's definition (``comparable``) and a note on how the publisher's definition
differs. A figure nobody could source is a row with an empty value and ``status=missing``:
it stays ``None`` here and is shown as missing, never as zero.

Cities do not measure the same thing: Chinese cities publish NBS 2021 数字经济核心产业,
Singapore and London publish an information-and-communication sector (ISIC/SIC section J,
without ICT manufacturing), Beijing and Singapore each have their own "broad" digital
economy. So each indicator below names one definition, and a gap is computed only between
two values that follow it (``comparable=yes`` on both).

>>> import io
>>> rows = io.StringIO(
...     "city_code,city_name_zh,city_name_en,indicator,year,value,comparable,status,source,"
...     "comparability_note\\n"
...     "hangzhou,杭州,Hangzhou,core_share_of_gdp_percent,2024,28.8,yes,verified,src,n\\n"
...     "shenzhen,深圳,Shenzhen,core_share_of_gdp_percent,2020,30.5,yes,verified,src,n\\n"
...     "london,伦敦,London,core_share_of_gdp_percent,2020,,no,missing,,not found\\n")
>>> bench = parse_benchmark(rows, name="example.csv")
>>> [(g.city_code, g.status, round(g.ratio, 3)) for g in bench.gaps() if g.ratio]
[('shenzhen', 'comparable', 0.944)]
>>> bench.value("london", "core_share_of_gdp_percent") is None
True
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from hzdigital.lib.messages import Message

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "city_benchmark.csv"
REFERENCE_CITY = "hangzhou"

COLUMNS = (
    "city_code",
    "city_name_zh",
    "city_name_en",
    "indicator",
    "year",
    "value",
    "comparable",
    "status",
    "source",
    "comparability_note",
)
STATUSES = ("verified", "secondary", "derived", "missing")
YES_NO = {"yes": True, "no": False}
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class BenchmarkIndicator:
    """One indicator of the benchmark; ``definition`` is what a comparable value measures."""

    key: str
    label: Message
    unit: str  # shown after the value: 亿元 or %
    definition: Message
    percent: bool = False  # a share: the value must lie in 0–100


INDICATORS: tuple[BenchmarkIndicator, ...] = (
    BenchmarkIndicator(
        "core_share_of_gdp_percent",
        Message("数字经济核心产业增加值占GDP比重", "Digital-economy core industries, % of GDP"),
        "%",
        Message(
            "国家统计局《数字经济及其核心产业统计分类(2021)》01–04 大类增加值 / 地区生产总值",
            "value added of NBS 2021 core industries (categories 01–04) over GDP",
        ),
        percent=True,
    ),
    BenchmarkIndicator(
        "core_value_added_yi_yuan",
        Message("数字经济核心产业增加值", "Digital-economy core industries, value added"),
        "亿元",
        Message(
            "国家统计局 2021 分类 01–04 大类增加值,现价,亿元",
            "value added of NBS 2021 core industries at current prices, 100 million yuan",
        ),
    ),
    BenchmarkIndicator(
        "ict_sector_share_of_gdp_percent",
        Message("信息通信业增加值占GDP比重", "Information & communication sector, % of GDP"),
        "%",
        Message(
            "国际标准行业分类 ISIC Rev.4 J 门类(信息和通信)增加值 / GDP 或 GVA;不含电子制造",
            "ISIC Rev.4 section J (information and communication) over GDP or GVA; "
            "no ICT manufacturing",
        ),
        percent=True,
    ),
    BenchmarkIndicator(
        "digital_economy_share_of_gdp_percent",
        Message("数字经济(广义)占GDP比重", "Digital economy (broad), % of GDP"),
        "%",
        Message(
            "核心产业加其他产业数字化部分;各地方法不同,均标为不可比",
            "core industries plus digitalisation of other industries; every publisher has its "
            "own method, so every value is marked not comparable",
        ),
        percent=True,
    ),
    BenchmarkIndicator(
        "rd_intensity_percent",
        Message("研发经费投入强度", "R&D intensity"),
        "%",
        Message(
            "全社会研究与试验发展经费 / 地区生产总值",
            "gross domestic expenditure on R&D over GDP",
        ),
        percent=True,
    ),
)
INDICATOR_BY_KEY = {i.key: i for i in INDICATORS}

MSG_MISSING_FILE = Message("找不到对标数据文件 {path}", "benchmark file not found: {path}")
MSG_ISSUE = Message(
    "{file} 第 {line} 行,字段 {field}:{detail}", "{file} line {line}, field {field}: {detail}"
)
RULE_MESSAGES: dict[str, Message] = {
    "columns": Message("缺少列 {detail}", "missing column(s) {detail}"),
    "required": Message("不能为空", "must not be empty"),
    "city_code": Message(
        "城市代码只能用小写字母、数字和下划线:{value}",
        "city codes use lower-case letters, digits and _ only: {value}",
    ),
    "city_names": Message(
        "同一城市代码的名称须一致(此前为 {value})",
        "one city code, one name (earlier rows say {value})",
    ),
    "indicator": Message(
        "未知指标 {value};可选:{choices}", "unknown indicator {value}; choose one of {choices}"
    ),
    "year": Message(
        "年份须为 {first}–{last} 的整数:{value}",
        "the year must be a whole number {first}–{last}: {value}",
    ),
    "number": Message("须为数字:{value}", "must be a number: {value}"),
    "negative": Message("不能为负数:{value}", "must not be negative: {value}"),
    "percent": Message("比重须在 0–100 之间:{value}", "a share must lie in 0–100: {value}"),
    "choice": Message(
        "取值 {value} 无效,可选:{choices}", "invalid {value}; choose one of {choices}"
    ),
    "missing_value": Message(
        "status=missing 的行不能有数值,有数值的行不能是 missing",
        "a row with status missing has no value, and a row with a value is not missing",
    ),
    "source": Message(
        "有数值就必须注明来源(网址或出版物)", "a value needs its source (a URL or a publication)"
    ),
    "note": Message(
        "每行都须有可比性说明(缺失时说明缺什么)",
        "every row needs a comparability note (for a missing value: what is missing)",
    ),
    "duplicate": Message(
        "重复的 (城市, 指标, 年份),已见于第 {value} 行",
        "duplicate (city, indicator, year); first seen on line {value}",
    ),
}


@dataclass(frozen=True)
class BenchmarkIssue:
    file: str
    line: int  # 1-based line of the CSV file; the header is line 1
    field: str
    rule: str  # a key of RULE_MESSAGES
    message: Message  # the rule's message with the row's values filled in

    def __str__(self) -> str:
        return MSG_ISSUE.wrap(self.message, file=self.file, line=self.line, field=self.field)


class BenchmarkError(ValueError):
    """The benchmark CSV breaks a rule; ``issues`` names file, line, field and rule of each."""

    def __init__(self, issues: list[BenchmarkIssue]) -> None:
        super().__init__("\n".join(str(issue) for issue in issues))
        self.issues = issues


@dataclass(frozen=True)
class City:
    code: str
    name_zh: str
    name_en: str

    def name(self, lang: str = "zh") -> str:
        return self.name_en if lang == "en" else self.name_zh


@dataclass(frozen=True)
class BenchmarkValue:
    city_code: str
    indicator: str
    year: int
    value: float | None  # in the indicator's unit; None = no published figure found
    comparable: bool  # follows the indicator's definition
    status: str  # verified | secondary | derived | missing
    source: str  # URL or publication; empty only when missing
    comparability_note: str
    line: int  # where it stands in the CSV


@dataclass(frozen=True)
class Gap:
    """The reference city (Hangzhou) against one city on one indicator, latest years."""

    city_code: str
    indicator: str
    reference_value: float | None
    reference_year: int | None
    value: float | None
    year: int | None
    status: str  # comparable | missing | not_comparable
    ratio: float | None  # reference / city: 0.8 means Hangzhou is at 80 % of the city
    difference: float | None  # reference − city, in the indicator's unit (points for shares)

    @property
    def same_year(self) -> bool:
        return self.year is not None and self.year == self.reference_year


@dataclass(frozen=True)
class RadarPoint:
    indicator: str
    value: float | None  # the city's latest value; None = missing (drawn as missing, not 0)
    normalised: float | None  # value / the largest value of any city on this indicator (0–1)
    comparable: bool


@dataclass(frozen=True)
class Benchmark:
    cities: tuple[City, ...]
    indicators: tuple[BenchmarkIndicator, ...]
    values: tuple[BenchmarkValue, ...]
    source_file: str = ""
    _latest: dict[tuple[str, str], BenchmarkValue] = field(
        default_factory=dict, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for v in sorted(self.values, key=lambda v: v.year):
            if v.value is not None:
                self._latest[(v.city_code, v.indicator)] = v

    def city(self, code: str) -> City:
        for city in self.cities:
            if city.code == code:
                return city
        raise KeyError(code)

    def latest(self, city_code: str, indicator: str) -> BenchmarkValue | None:
        """The newest row with a value, or None when the city has no figure at all."""
        return self._latest.get((city_code, indicator))

    def value(self, city_code: str, indicator: str) -> float | None:
        found = self.latest(city_code, indicator)
        return None if found is None else found.value

    def missing_notes(self, city_code: str, indicator: str) -> list[str]:
        """Why a city has no figure: the notes of its ``missing`` rows."""
        return [
            v.comparability_note
            for v in self.values
            if v.city_code == city_code and v.indicator == indicator and v.value is None
        ]

    def gaps(self, reference: str = REFERENCE_CITY) -> list[Gap]:
        """Reference city against every other city on every indicator (latest year each).

        A ratio and a difference only where both values exist and follow the indicator's
        definition; otherwise the status says which of the two is lacking.
        """
        result = []
        for indicator in self.indicators:
            ref = self.latest(reference, indicator.key)
            for city in self.cities:
                if city.code == reference:
                    continue
                other = self.latest(city.code, indicator.key)
                if ref is None or other is None:
                    status = "missing"
                elif not (ref.comparable and other.comparable):
                    status = "not_comparable"
                else:
                    status = "comparable"
                ratio = difference = None
                if status == "comparable":
                    assert ref is not None and other is not None
                    assert ref.value is not None and other.value is not None
                    difference = ref.value - other.value
                    ratio = ref.value / other.value if other.value else None
                result.append(
                    Gap(
                        city_code=city.code,
                        indicator=indicator.key,
                        reference_value=None if ref is None else ref.value,
                        reference_year=None if ref is None else ref.year,
                        value=None if other is None else other.value,
                        year=None if other is None else other.year,
                        status=status,
                        ratio=ratio,
                        difference=difference,
                    )
                )
        return result

    def radar(self, city_code: str) -> list[RadarPoint]:
        """One point per indicator: the latest value over the largest comparable value of
        any city. A value outside the definition is not drawn (it would be compared with
        figures that measure something else); like a missing one it has no position."""
        points = []
        for indicator in self.indicators:
            found = self.latest(city_code, indicator.key)
            largest = max(
                (
                    v.value
                    for (_, key), v in self._latest.items()
                    if key == indicator.key and v.value is not None and v.comparable
                ),
                default=None,
            )
            if found is None or found.value is None:
                points.append(RadarPoint(indicator.key, None, None, False))
                continue
            share = found.value / largest if largest and found.comparable else None
            points.append(RadarPoint(indicator.key, found.value, share, found.comparable))
        return points

    def to_dict(self) -> dict[str, object]:
        """The JSON shape: cities, indicators (with definition), values, gaps."""
        return {
            "source_file": self.source_file,
            "reference": REFERENCE_CITY,
            "cities": [
                {"code": c.code, "name_zh": c.name_zh, "name_en": c.name_en} for c in self.cities
            ],
            "indicators": [
                {
                    "key": i.key,
                    "label_zh": i.label.zh,
                    "label_en": i.label.en,
                    "unit": i.unit,
                    "definition_zh": i.definition.zh,
                    "definition_en": i.definition.en,
                }
                for i in self.indicators
            ],
            "values": [
                {
                    "city_code": v.city_code,
                    "indicator": v.indicator,
                    "year": v.year,
                    "value": v.value,
                    "comparable": v.comparable,
                    "status": v.status,
                    "source": v.source,
                    "comparability_note": v.comparability_note,
                }
                for v in self.values
            ],
            "gaps": [g.__dict__ | {"same_year": g.same_year} for g in self.gaps()],
        }


def load_benchmark(path: Path | None = None) -> Benchmark:
    """Read and validate the benchmark CSV (default: the shipped ``data/city_benchmark.csv``)."""
    path = path or DEFAULT_PATH
    if not path.exists():
        raise FileNotFoundError(MSG_MISSING_FILE.render(path=path))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return parse_benchmark(handle, name=str(path))


def parse_benchmark(handle: TextIO | io.StringIO, *, name: str = "<csv>") -> Benchmark:
    """Validate every row, then build the benchmark; all issues are raised together."""
    reader = csv.DictReader(handle)
    issues: list[BenchmarkIssue] = []

    def issue(line: int, column: str, rule: str, **values: object) -> None:
        template = RULE_MESSAGES[rule]
        message = Message(template.zh.format(**values), template.en.format(**values))
        issues.append(BenchmarkIssue(name, line, column, rule, message))

    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        issue(1, ", ".join(missing), "columns", detail=", ".join(missing))
        raise BenchmarkError(issues)
    cities: dict[str, City] = {}
    values: list[BenchmarkValue] = []
    seen: dict[tuple[str, str, int], int] = {}
    for line, row in enumerate(reader, start=2):
        parsed = _parse_row(row, line, issue)
        if parsed is None:
            continue
        city, value = parsed
        known = cities.setdefault(city.code, city)
        if known != city:
            issue(line, "city_name_zh", "city_names", value=f"{known.name_zh}/{known.name_en}")
        key = (value.city_code, value.indicator, value.year)
        if key in seen:
            issue(line, "year", "duplicate", value=seen[key])
            continue
        seen[key] = line
        values.append(value)
    if issues:
        raise BenchmarkError(issues)
    return Benchmark(tuple(cities.values()), INDICATORS, tuple(values), name)


def _parse_row(
    row: dict[str, str], line: int, issue: Callable[..., None]
) -> tuple[City, BenchmarkValue] | None:
    """One CSV row checked field by field; None when any rule fails (issues recorded)."""
    text = {c: (row.get(c) or "").strip() for c in COLUMNS}
    ok = True
    for column in ("city_code", "city_name_zh", "city_name_en", "indicator", "year", "status"):
        if not text[column]:
            issue(line, column, "required")
            ok = False
    if text["city_code"] and not _is_city_code(text["city_code"]):
        issue(line, "city_code", "city_code", value=text["city_code"])
        ok = False
    indicator = INDICATOR_BY_KEY.get(text["indicator"])
    if text["indicator"] and indicator is None:
        choices = ", ".join(INDICATOR_BY_KEY)
        issue(line, "indicator", "indicator", value=text["indicator"], choices=choices)
        ok = False
    year = _year(text["year"])
    if text["year"] and year is None:
        issue(line, "year", "year", value=text["year"], first=FIRST_YEAR, last=LAST_YEAR)
        ok = False
    if text["status"] and text["status"] not in STATUSES:
        issue(line, "status", "choice", value=text["status"], choices=", ".join(STATUSES))
        ok = False
    if text["comparable"] not in YES_NO:
        issue(line, "comparable", "choice", value=text["comparable"] or "∅", choices="yes, no")
        ok = False
    if not text["comparability_note"]:
        issue(line, "comparability_note", "note")
        ok = False
    value: float | None = None
    if text["value"]:
        try:
            value = float(text["value"])
        except ValueError:
            issue(line, "value", "number", value=text["value"])
            return None
        if value < 0:
            issue(line, "value", "negative", value=text["value"])
            ok = False
        elif indicator is not None and indicator.percent and value > 100:
            issue(line, "value", "percent", value=text["value"])
            ok = False
        if not text["source"]:
            issue(line, "source", "source")
            ok = False
    if (value is None) != (text["status"] == "missing") and text["status"] in STATUSES:
        issue(line, "status", "missing_value")
        ok = False
    if not ok or year is None:
        return None
    city = City(text["city_code"], text["city_name_zh"], text["city_name_en"])
    return city, BenchmarkValue(
        city_code=city.code,
        indicator=text["indicator"],
        year=year,
        value=value,
        comparable=YES_NO[text["comparable"]] and value is not None,
        status=text["status"],
        source=text["source"],
        comparability_note=text["comparability_note"],
        line=line,
    )


def _is_city_code(code: str) -> bool:
    return all(ch.isascii() and (ch.islower() or ch.isdigit() or ch == "_") for ch in code)


def _year(text: str) -> int | None:
    try:
        year = int(text)
    except ValueError:
        return None
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


def indicator_labels(lang: str = "zh") -> dict[str, str]:
    return {i.key: i.label.in_language(lang) for i in INDICATORS}


def comparable_gaps(gaps: Iterable[Gap]) -> list[Gap]:
    return [g for g in gaps if g.status == "comparable"]
