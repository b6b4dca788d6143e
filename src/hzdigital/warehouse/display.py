"""The human-readable summary of an import (``hzdigital import`` without ``--json``)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from hzdigital.warehouse import messages as m
from hzdigital.warehouse.ingest import ImportResult
from hzdigital.warehouse.rules import RULES_BY_CODE

TOP_REASONS_SHOWN = 5


def _reason_text(code: str, lang: str) -> str:
    rule = RULES_BY_CODE.get(code)
    if rule is None:
        return code
    template = rule.message.en if lang == "en" else rule.message.zh
    return template.replace("{value}", "…")


def print_import(result: ImportResult, lang: str = "zh", console: Console | None = None) -> None:
    console = console or Console()
    console.print(
        m.IMPORT_SUMMARY.in_language(
            lang, file=result.file_name, accepted=result.accepted, rejected=result.rejected
        )
    )
    if lang == "en":
        console.print(
            f"new {result.inserted}, replaced {result.replaced}, unchanged {result.unchanged}"
            f" · import {result.import_id} · {result.elapsed_seconds:.1f} s"
        )
    else:
        console.print(
            f"新增 {result.inserted}，替换 {result.replaced}，未变 {result.unchanged}"
            f" · 导入批次 {result.import_id} · {result.elapsed_seconds:.1f} 秒"
        )
    if not result.reasons:
        return
    table = Table(title=m.TOP_REASONS.in_language(lang))
    table.add_column("rule")
    table.add_column("行数 rows" if lang != "en" else "rows", justify="right")
    table.add_column("说明" if lang != "en" else "meaning")
    for code, count in list(result.reasons.items())[:TOP_REASONS_SHOWN]:
        table.add_row(code, str(count), _reason_text(code, lang))
    console.print(table)
    console.print(m.QUARANTINE_AT.in_language(lang, path=result.quarantine_path))
