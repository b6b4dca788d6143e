"""What ``hzdigital edition publish|list|diff`` print: JSON payloads and terminal tables."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from hzdigital.lib.messages import Message
from hzdigital.monitoring.editions import Edition, PublishResult, Revision

MSG_PUBLISHED = Message(
    "已发布数据版本 {edition_id}({cells} 个单元格,导入批次 {imports})",
    "published data edition {edition_id} ({cells} cells, imports {imports})",
)
MSG_UNCHANGED = Message(
    "数据与最新版本 {edition_id} 相同,未发布新版本",
    "the data equal the latest edition {edition_id}; no new edition was published",
)
MSG_SYNTHETIC = Message(
    "注意:该版本含合成(演示)数据", "note: this edition contains synthetic (demo) data"
)
MSG_NO_REVISIONS = Message("{old} 与 {new} 之间没有修订", "no revisions between {old} and {new}")
MSG_MORE = Message(
    "……另有 {count} 项未显示(用 --json 查看全部)", "… {count} more (all with --json)"
)


def publish_payload(result: PublishResult) -> dict[str, Any]:
    return {"created": result.created, "edition": result.edition.to_dict()}


def list_payload(editions: list[Edition]) -> dict[str, Any]:
    return {"editions": [e.to_dict() for e in editions]}


def diff_payload(old: str, new: str, revisions: list[Revision]) -> dict[str, Any]:
    return {"old": old, "new": new, "revisions": [r.to_dict() for r in revisions]}


def print_publish(result: PublishResult, console: Console | None = None) -> None:
    console = console or Console()
    e = result.edition
    message = MSG_PUBLISHED if result.created else MSG_UNCHANGED
    console.print(
        message.render(edition_id=e.edition_id, cells=e.cells, imports=", ".join(e.import_ids))
    )
    if e.synthetic:
        console.print(MSG_SYNTHETIC.render())


def print_list(editions: list[Edition], console: Console | None = None) -> None:
    console = console or Console()
    table = Table(title="hzdigital edition list")
    for column in ("edition", "published_at (UTC)", "by", "imports", "synthetic", "sha256", "note"):
        table.add_column(column)
    for e in editions:
        table.add_row(
            e.edition_id,
            e.published_at.isoformat(sep=" "),
            e.published_by,
            ", ".join(e.import_ids),
            "synthetic" if e.synthetic else "",
            e.cube_sha256[:12],
            e.note,
        )
    console.print(table)


def _fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def print_diff(
    old: str, new: str, revisions: list[Revision], limit: int, console: Console | None = None
) -> None:
    console = console or Console(width=150)
    if not revisions:
        console.print(MSG_NO_REVISIONS.render(old=old, new=new))
        return
    table = Table(title=f"hzdigital edition diff {old} {new}")
    for column in ("level", "year", "division", "de_code", "measure", old, new, "Δ", "Δ %"):
        table.add_column(column, justify="right")
    for r in revisions[:limit]:
        table.add_row(
            r.level, str(r.year), r.division_code, r.de_code, r.measure,
            _fmt(r.old), _fmt(r.new), _fmt(r.difference), _fmt(r.percent, 1),
        )  # fmt: skip
    console.print(table)
    if len(revisions) > limit:
        console.print(MSG_MORE.render(count=len(revisions) - limit))
