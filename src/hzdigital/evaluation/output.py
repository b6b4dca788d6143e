"""Terminal output of ``hzdigital index``: a Rich table of ranks with their intervals."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from hzdigital.evaluation.service import MSG_SYNTHETIC, IndexReport
from hzdigital.lib.messages import Message

MSG_EDITION = Message(
    "数据版本 {edition_id}（{published_at} 发布，数字已冻结）",
    "data edition {edition_id} (published {published_at}, figures frozen)",
)
MSG_LIVE = Message(
    "实时数据：数据仓库当前状态，未发布或未选用数据版本",
    "live data: the warehouse as it stands, no published edition chosen",
)


def print_index(report: IndexReport, console: Console | None = None) -> None:
    console = console or Console()
    title = (
        f"{report.year} 年区县数字经济综合指数 / district digital-economy index "
        f"(framework {report.framework.edition}, {report.runs} Monte Carlo runs, "
        f"seed {report.seed})"
    )
    table = Table(title=title)
    for header in (
        "排名 rank",
        "代码 code",
        "区县 unit",
        "得分 score",
        "中位排名 median",
        "5–95% 排名区间 interval",
    ):
        table.add_column(header)
    for unit in report.units:
        lo, hi = unit.rank_interval
        table.add_row(
            str(unit.rank),
            unit.code,
            unit.name_zh,
            f"{unit.score:.1f}",
            str(unit.median_rank),
            f"{lo}–{hi}",
        )
    console.print(table)
    edition = report.edition
    console.print(MSG_EDITION.render(**edition) if edition else MSG_LIVE.render())
    most = report.sensitivity[0]
    console.print(
        f"最影响排名的选择 / choice that moves ranks most: {most.factor} "
        f"(mean |Δrank| {most.mean_abs_rank_shift:.2f})"
    )
    for note in report.notes:
        console.print(note)
    if report.synthetic:
        console.print(f"[bold]{MSG_SYNTHETIC.render()}[/bold]")
