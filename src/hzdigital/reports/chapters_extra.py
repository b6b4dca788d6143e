"""Chapters built on the evaluation and talent modules: the district index with its rank
bands, the city benchmark, and the talent figures.

Each reads its module's public entry point (``index.selectors.report``,
``evaluation.benchmark.load_benchmark``, ``talent.selectors``). A chapter whose data is
absent stays in the report and says why.
"""

from __future__ import annotations

from hzdigital.lib.messages import Message
from hzdigital.reports import svg
from hzdigital.reports import text as T
from hzdigital.reports.chapters_monitor import _short, unit_names
from hzdigital.reports.context import Context
from hzdigital.reports.model import Chapter, Chart, Column, Table

M = Message

INDEX_RUNS = 1000  # Monte Carlo runs, as `hzdigital index` uses by default
INDEX_SEED = 2021

MSG_INDEX_SOURCE = M(
    "区县数字经济发展指数:框架 {edition}({file}),由数据仓库计算,{runs} 次蒙特卡洛,种子 {seed}",
    "district digital-economy index: framework {edition} ({file}), computed from the "
    "warehouse, {runs} Monte Carlo runs, seed {seed}",
)
MSG_INDEX_INTRO = M(
    "指数按框架文件逐步计算(分母化、缺失值插补、异常值处理、标准化、加权、汇总),每步参数均有"
    "记录。权重与方法选择的蒙特卡洛模拟给出每个区县的中位排名和 90% 排名区间:区间越宽,排名越"
    "不确定。",
    "The index is computed step by step from the framework file (denomination, imputation, "
    "outlier treatment, normalisation, weighting, aggregation), every step logged with its "
    "parameters. A Monte Carlo over weights and method choices gives each unit a median rank "
    "and a 90 % rank interval: the wider the interval, the less certain the rank.",
)
MSG_SENSITIVITY = M(
    "对排名影响最大的方法选择:{factor}(平均排名变动 {mean:.2f} 位,最大 {max} 位)。",
    "The method choice that moves ranks most: {factor} (mean shift {mean:.2f} places, at most "
    "{max}).",
)
FACTORS = {
    "weights": M("权重", "weights"),
    "normalisation": M("标准化方法", "normalisation"),
    "aggregation": M("汇总方法", "aggregation"),
    "imputation": M("插补方法", "imputation"),
}


def one_language(message: str, lang: str) -> str:
    """One side of a "中文 / English" message as the index module renders its notes.

    >>> one_language("覆盖不足 / coverage too low", "en")
    'coverage too low'
    """
    zh, sep, en = message.partition(" / ")
    return (en if lang == "en" else zh) if sep else message


def index_chapter(ctx: Context) -> Chapter:
    from hzdigital.evaluation.service import IndexDataError
    from hzdigital.index import selectors
    from hzdigital.monitoring.editions import LIVE

    title = ctx.t(T.CHAPTER_TITLES["index"])
    if not ctx.cubes.has_rows:
        return Chapter("index", title, absent=ctx.t(MSG_EMPTY_WAREHOUSE))
    try:
        # The report's own edition (live when it has none), as the pages and the API read it.
        edition = ctx.cubes.edition_id or LIVE
        index = selectors.report(ctx.year, edition, runs=INDEX_RUNS, seed=INDEX_SEED)
    except IndexDataError as error:
        return Chapter("index", title, absent=str(error))
    names = unit_names(ctx.lang)
    source = ctx.book.add(
        "index",
        ctx.t(MSG_INDEX_SOURCE, edition=index.framework.edition, file=index.framework.path.name,
              runs=index.runs, seed=index.seed),
        synthetic=index.synthetic,
    )  # fmt: skip
    keys = (source, ctx.warehouse_source())
    bands = [
        svg.RankBand(_short(names.get(u.code, u.name_zh)), u.rank, u.median_rank,
                     u.rank_interval[0], u.rank_interval[1])
        for u in index.units
    ]  # fmt: skip
    legend = (
        ctx.t(M("90% 排名区间", "90 % rank interval")),
        ctx.t(M("中位排名", "median rank")),
        ctx.t(M("基准排名", "reference rank")),
    )
    chart = Chart(
        ctx.t(M("{year} 年区县指数排名及其不确定性", "Index ranks and their uncertainty, {year}"),
              year=ctx.year),
        svg.rank_bands(bands, legend=legend),
        keys,
    )  # fmt: skip
    dimensions = index.framework.dimensions
    columns = (
        Column(ctx.t(M("排名", "rank")), 0),
        Column(ctx.t(M("区县", "unit"))),
        Column(ctx.t(M("指数得分", "score")), 1),
        Column(ctx.t(M("中位排名", "median rank")), 0),
        Column(ctx.t(M("排名区间", "rank interval"))),
        *(Column(d.name_en if ctx.lang == "en" else d.name_zh, 1) for d in dimensions),
    )
    rows = tuple(
        (
            u.rank,
            names.get(u.code, u.name_zh),
            u.score,
            u.median_rank,
            f"{u.rank_interval[0]}–{u.rank_interval[1]}",
            *(u.dimension_scores.get(d.key) for d in dimensions),
        )
        for u in index.units
    )
    table = Table(
        ctx.t(M("{year} 年区县数字经济发展指数", "District index, {year}"), year=ctx.year),
        columns,
        rows,
        keys,
        note="; ".join(one_language(n, ctx.lang) for n in index.notes),
    )
    paragraphs = [ctx.t(MSG_INDEX_INTRO)]
    if index.sensitivity:
        top = max(index.sensitivity, key=lambda s: s.mean_abs_rank_shift)
        factor = FACTORS.get(top.factor)
        paragraphs.append(ctx.t(MSG_SENSITIVITY, factor=ctx.t(factor) if factor else top.factor,
                                mean=top.mean_abs_rank_shift, max=top.max_abs_rank_shift))  # fmt: skip
    return Chapter("index", title, tuple(paragraphs), (chart,), (table,))


MSG_EMPTY_WAREHOUSE = M(
    "数据仓库为空,无法计算区县指数。",
    "The warehouse is empty, so no district index can be computed.",
)
RADAR_CITIES = ("hangzhou", "beijing", "shanghai", "shenzhen")  # the plan's domestic peers
MSG_BENCHMARK_INTRO = M(
    "杭州与国内外数字经济领先城市的对比。每个数字注明来源、年份与可比性;没有公开数据的保持缺失,"
    "不作估算。",
    "Hangzhou beside leading digital-economy cities at home and abroad. Every value names its "
    "source, year and comparability; where nothing is published the value stays missing and "
    "is not estimated.",
)


def benchmark_chapter(ctx: Context) -> Chapter:
    from hzdigital.evaluation.benchmark import BenchmarkError, load_benchmark

    title = ctx.t(T.CHAPTER_TITLES["benchmark"])
    try:
        bench = load_benchmark()
    except (BenchmarkError, FileNotFoundError) as error:
        return Chapter("benchmark", title, absent=str(error))
    en = ctx.lang == "en"
    rows, keys, matrix = [], [], []
    for city in bench.cities:
        cells: list[object] = [city.name_en if en else city.name_zh]
        for indicator in bench.indicators:
            found = bench.latest(city.code, indicator.key)
            key = ""
            if found is not None and found.source:
                key = ctx.book.published(found.source, f"{city.name_zh} {indicator.label.zh} "
                                                       f"{found.year}")  # fmt: skip
                keys.append(key)
            cells.append(
                "—" if found is None or found.value is None
                else f"{found.value:,g} ({found.year}) [{ctx.book.number(key)}]"
                + ("" if found.comparable else " *")
            )  # fmt: skip
            why = "; ".join(bench.missing_notes(city.code, indicator.key))
            rows.append((
                city.name_en if en else city.name_zh,
                f"{ctx.t(indicator.label)} ({indicator.unit})",
                None if found is None else found.value,
                None if found is None else str(found.year),
                ctx.label("missing") if found is None else found.status,
                (found.comparability_note if found else why) or "",
                f"[{ctx.book.number(key)}]" if key else "—",
            ))  # fmt: skip
        matrix.append(tuple(cells))
    wide = Table(
        ctx.t(M("对标城市指标(各城市最新可得年份)", "Benchmark values (latest year per city)")),
        (
            Column(ctx.t(M("城市", "city"))),
            *(Column(f"{ctx.t(i.label)} ({i.unit})") for i in bench.indicators),
        ),
        tuple(matrix),
        tuple(dict.fromkeys(keys)),
        note=ctx.t(M("格式:数值(年份)[来源];* 表示口径与定义不完全可比;— 表示无公开数据。"
                     "逐项说明见 XLSX 版。",
                     "Format: value (year) [source]; * marks a value whose definition is not "
                     "fully comparable; — means nothing is published. The XLSX edition has a "
                     "note on every value.")),
    )  # fmt: skip
    table = Table(
        ctx.t(M("对标城市指标逐项说明", "Benchmark values with notes")),
        (
            Column(ctx.t(M("城市", "city"))),
            Column(ctx.t(M("指标(单位)", "indicator (unit)"))),
            Column(ctx.t(M("数值", "value")), 1),
            Column(ctx.t(M("年份", "year")), None),
            Column(ctx.t(M("状态", "status"))),
            Column(ctx.t(M("可比性说明", "comparability"))),
            Column(ctx.t(M("来源", "source"))),
        ),
        tuple(rows),
        tuple(dict.fromkeys(keys)),
        workbook_only=True,
    )
    axes = [ctx.t(i.label) for i in bench.indicators]
    series = []
    for code in RADAR_CITIES:
        try:
            city = bench.city(code)
        except KeyError:
            continue
        values = tuple(p.normalised for p in bench.radar(code))
        series.append(svg.RadarSeries(city.name_en if en else city.name_zh, values))
    note = ctx.t(M("各轴以所有城市最大值为 1;缺失值不画点,也不连线。",
                   "Each axis is scaled to the largest city = 1; a missing value gets no point "
                   "and no line."))  # fmt: skip
    chart = Chart(
        ctx.t(M("杭州与国内主要城市对比", "Hangzhou and its main domestic peers")),
        svg.radar(axes, series, missing_note=note),
        tuple(dict.fromkeys(keys)),
    )
    return Chapter("benchmark", title, (ctx.t(MSG_BENCHMARK_INTRO),), (chart,), (wide, table))


MSG_NO_TALENT = M("尚无已审核通过的人才统计数据。", "No talent figures have been accepted yet.")
SOURCE_TALENT = M(
    "人才统计:区县上报、市领导小组办公室审核通过的年度数字",
    "talent figures: yearly figures reported by the districts and accepted by the office",
)
SOURCE_TALENT_DEMO = M(
    "人才统计:演示数据,非真实统计", "talent figures: demo data, not real statistics"
)


def talent_chapter(ctx: Context) -> Chapter:
    from hzdigital.plan.selectors import NoActivePlanEdition
    from hzdigital.talent.metrics import METRICS
    from hzdigital.talent.selectors import city_totals, programmes_by_slug

    title = ctx.t(T.CHAPTER_TITLES["talent"])
    totals = [t for t in city_totals() if t.year <= ctx.year]
    if not totals:
        return Chapter("talent", title, absent=ctx.t(MSG_NO_TALENT))
    try:
        programmes = programmes_by_slug()
    except NoActivePlanEdition:  # the slugs still name the programmes
        programmes = {}
    en = ctx.lang == "en"
    demo = any(t.demo for t in totals)
    source = ctx.book.message("talent:demo" if demo else "talent",
                              SOURCE_TALENT_DEMO if demo else SOURCE_TALENT, synthetic=demo)  # fmt: skip
    rows = []
    for t in totals:
        programme = programmes.get(t.programme_slug, {})
        metric = METRICS.get(t.metric)
        rows.append((
            programme.get("name_en" if en else "name_zh") or t.programme_slug,
            (metric.name_en if en else metric.name_zh) if metric else t.metric,
            str(t.year),
            t.value,
            (metric.unit_en if en else metric.unit_zh) if metric else "",
            t.districts,
        ))  # fmt: skip
    series = Table(
        ctx.t(M("人才计划全市合计(截至 {year} 年)", "Talent programmes, city totals (to {year})"),
              year=ctx.year),
        (
            Column(ctx.t(M("计划", "programme"))),
            Column(ctx.t(M("指标", "metric"))),
            Column(ctx.t(M("年份", "year")), None),
            Column(ctx.t(M("全市合计", "city total")), 0),
            Column(ctx.t(M("单位", "unit"))),
            Column(ctx.t(M("上报区县数", "units reporting")), 0),
        ),
        tuple(rows),
        (source,),
        note=ctx.t(M("合计只含已审核通过的区县数字。",
                     "Totals hold only figures the office has accepted.")),
        workbook_only=True,
    )  # fmt: skip
    return Chapter("talent", title, tables=(_talent_year(ctx, totals, programmes, source), series))


def _talent_year(ctx: Context, totals: list, programmes: dict, source: str) -> Table:
    """The report year beside the year before: the printed table (the series is long)."""
    from hzdigital.talent.metrics import METRICS

    en = ctx.lang == "en"
    value = {(t.programme_slug, t.metric, t.year): t.value for t in totals}
    rows = []
    for slug, metric_key in dict.fromkeys((t.programme_slug, t.metric) for t in totals):
        now, before = (
            value.get((slug, metric_key, ctx.year)),
            value.get((slug, metric_key, ctx.year - 1)),
        )
        if now is None and before is None:
            continue
        metric = METRICS.get(metric_key)
        rows.append((
            programmes.get(slug, {}).get("name_en" if en else "name_zh") or slug,
            (metric.name_en if en else metric.name_zh) if metric else metric_key,
            (metric.unit_en if en else metric.unit_zh) if metric else "",
            before,
            now,
            (now - before) / before * 100 if now is not None and before else None,
        ))  # fmt: skip
    return Table(
        ctx.t(M("人才计划全市合计:{year} 年与上年", "Talent programmes, city totals: {year} and the year before"),
              year=ctx.year),
        (
            Column(ctx.t(M("计划", "programme"))),
            Column(ctx.t(M("指标", "metric"))),
            Column(ctx.t(M("单位", "unit"))),
            Column(str(ctx.year - 1), 0),
            Column(str(ctx.year), 0),
            Column(ctx.t(M("变化(%)", "change (%)")), 1),
        ),
        tuple(rows),
        (source,),
        note=ctx.t(M("合计只含已审核通过的区县数字;逐年数字见 XLSX 版。",
                     "Totals hold only figures the office has accepted; the XLSX edition has "
                     "every year.")),
    )  # fmt: skip
