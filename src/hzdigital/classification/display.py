"""Rich tables for the ``hzdigital classify`` and ``classification`` commands (human output)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from hzdigital.classification.code import CodeClassification
from hzdigital.classification.messages import (
    EDITION_LOADED,
    OFFICIAL_EDITION_NOTE,
    RECONSTRUCTION_NOTE,
)
from hzdigital.classification.nbs import NbsEdition
from hzdigital.classification.text import TextClassification

NO_CATEGORY = "该行业代码不属于数字经济核心产业分类 / this class maps to no NBS 2021 category"
NO_TEXT_EVIDENCE = "文本未提及数字经济活动 / the text names no digital-economy activity"


def _edition_note(edition: str, is_reconstruction: bool) -> str:
    if is_reconstruction:
        return RECONSTRUCTION_NOTE.render()
    return OFFICIAL_EDITION_NOTE.render(edition=edition)


def print_code(result: CodeClassification, console: Console | None = None) -> None:
    console = console or Console()
    console.print(f"[bold]{result.industry_code} {result.industry_name}[/bold]")
    if result.categories:
        table = Table(
            "小类 code", "名称 name", "大类 major", "核心 core", "部分 partial", "置信 conf"
        )
        for category in result.categories:
            table.add_row(
                category.code,
                category.name,
                category.major,
                "是 yes" if category.core else "否 no",
                "* 是 yes" if category.partial else "否 no",
                category.confidence,
            )
        console.print(table)
        for category in result.categories:
            console.print(f"  {category.code} 依据 evidence: {category.evidence}", style="dim")
    else:
        console.print(NO_CATEGORY)
    console.print(result.edition_note, style="yellow" if result.is_reconstruction else None)


def print_text(
    result: TextClassification, edition: NbsEdition, console: Console | None = None
) -> None:
    console = console or Console()
    if not result.candidates and not result.categories:
        console.print(NO_TEXT_EVIDENCE)
    if result.candidates:
        table = Table(
            "行业代码 class", "名称 name", "得分 score", "命中 matched", title="GB/T 4754"
        )
        for candidate in result.candidates:
            table.add_row(
                candidate.industry_code,
                candidate.industry_name,
                str(candidate.score),
                "、".join(candidate.matched),
            )
        console.print(table)
    if result.categories:
        table = Table(
            "代码 code", "名称 name", "大类 major", "核心 core", "得分 score", "命中 matched",
            title="NBS 2021",
        )  # fmt: skip
        for category in result.categories:
            table.add_row(
                category.code,
                category.name,
                category.major,
                "是 yes" if category.core else "否 no",
                str(category.score),
                "、".join(category.matched),
            )
        console.print(table)
    note = _edition_note(edition.name, edition.is_reconstruction)
    console.print(note, style="yellow" if edition.is_reconstruction else None)


def print_loaded(edition: NbsEdition, console: Console | None = None) -> None:
    console = console or Console()
    counts = edition.counts
    console.print(
        EDITION_LOADED.render(
            edition=edition.name,
            majors=counts.majors,
            mediums=counts.mediums,
            subs=counts.subs,
            rows=counts.rows,
        )
    )
    console.print(
        f"sha256 {edition.sha256}  gaps {counts.gaps}  GB/T classes {counts.gbt4754_codes}"
    )
    note = _edition_note(edition.name, edition.is_reconstruction)
    console.print(note, style="yellow" if edition.is_reconstruction else None)
