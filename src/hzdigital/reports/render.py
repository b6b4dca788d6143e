"""Render the report model as standalone HTML, as an A4 PDF (WeasyPrint) or as XLSX.

One HTML document serves both the browser and the PDF: print rules (A4 pages, page numbers,
the table of contents' page references) live in its stylesheet under ``@media print`` and
``@page``, which WeasyPrint applies and browsers ignore on screen. Fonts are Debian's Noto CJK,
found by fontconfig, so Chinese text is embedded in the PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from hzdigital.reports import svg
from hzdigital.reports.model import Chapter, Report, Table

FORMATS = ("pdf", "xlsx", "html")
MIME_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool


def cells(table: Table, missing: str = "—") -> list[list[Cell]]:
    """Table rows as printed: numbers with the column's decimals, missing as a dash."""
    out = []
    for row in table.rows:
        printed = []
        for column, value in zip(table.columns, row, strict=True):
            if value is None:
                printed.append(Cell(missing, True))
            elif isinstance(value, int | float) and not isinstance(value, bool):
                digits = 0 if column.digits is None else column.digits
                printed.append(Cell(svg.number(float(value), digits), True))
            else:
                printed.append(Cell(str(value), False))
        out.append(printed)
    return out


def _chapter_view(report: Report, number: int, chapter: Chapter) -> dict[str, object]:
    def refs(keys: tuple[str, ...]) -> str:
        return "".join(f"[{report.source_number(k)}]" for k in keys)

    def synthetic(keys: tuple[str, ...]) -> bool:
        notes = {s.key: s for s in report.sources}
        return any(notes[k].synthetic for k in keys)

    return {
        "number": number,
        "chapter": chapter,
        "charts": [
            {
                "chart": c,
                "svg": mark_safe(c.svg),
                "refs": refs(c.sources),  # noqa: S308 - our own SVG
                "synthetic": synthetic(c.sources),
            }
            for c in chapter.charts
        ],  # fmt: skip
        "tables": [
            {
                "table": t,
                "rows": cells(t),
                "refs": refs(t.sources),
                "synthetic": synthetic(t.sources),
            }
            for t in chapter.tables
            if not t.workbook_only
        ],  # fmt: skip
    }


def to_html(report: Report) -> str:
    """A standalone HTML document: styles and charts inline, nothing fetched from elsewhere."""
    return render_to_string(
        "reports/report.html",
        {
            "report": report,
            "labels": report.labels,
            "chapters": [_chapter_view(report, i, c) for i, c in enumerate(report.chapters, 1)],
            "html_lang": "en" if report.lang == "en" else "zh-Hans",
        },
    )


def to_pdf(report: Report) -> bytes:
    from weasyprint import HTML

    return HTML(string=to_html(report)).write_pdf()


def to_xlsx(report: Report) -> bytes:
    from hzdigital.reports.xlsx import workbook_bytes

    return workbook_bytes(report)


RENDERERS: dict[str, Callable[[Report], str | bytes]] = {
    "html": to_html,
    "pdf": to_pdf,
    "xlsx": to_xlsx,
}


def render(report: Report, fmt: str) -> bytes:
    out = RENDERERS[fmt](report)
    return out.encode("utf-8") if isinstance(out, str) else out


def write(report: Report, fmt: str, path: Path) -> int:
    """Write the report to ``path``; returns the number of bytes written."""
    data = render(report, fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return len(data)


def filename(report: Report, fmt: str) -> str:
    return f"hzdigital-report-{report.year}-{report.lang}.{fmt}"
