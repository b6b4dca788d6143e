"""The report as a workbook: a cover sheet, one sheet per chapter and a sources sheet.

Numbers stay numbers (Excel users sum them); each table is headed by its caption and followed
by its sources (by number, with "synthetic" where it applies) and its note.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from hzdigital.reports.model import Report

# Excel refuses these in sheet names, and names longer than 31 characters.
FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})
SOURCES_SHEET = "sources"
COVER_SHEET = "cover"
BOLD = Font(bold=True)


def sheet_name(number: int, key: str) -> str:
    """A chapter's sheet: its number and stable key, e.g. ``1 headline``."""
    return f"{number} {key}".translate(FORBIDDEN)[:31]


def workbook_bytes(report: Report) -> bytes:
    book = Workbook()
    cover = book.active
    cover.title = COVER_SHEET
    cover.append([report.title])
    cover["A1"].font = Font(bold=True, size=14)
    cover.append([report.subtitle])
    cover.append([report.labels["report_year"], report.year])
    cover.append([report.labels["edition"], report.edition.label])
    cover.append([report.labels["generated"], report.generated_on])
    if report.edition.synthetic:
        cover.append([report.labels["synthetic_banner"]])
    cover.append([])
    cover.append([report.labels["contents"]])
    for number, chapter in enumerate(report.chapters, 1):
        cover.append([sheet_name(number, chapter.key), chapter.title])
    cover.column_dimensions["A"].width = 22
    cover.column_dimensions["B"].width = 60

    notes = {s.key: s for s in report.sources}
    for number, chapter in enumerate(report.chapters, 1):
        sheet = book.create_sheet(sheet_name(number, chapter.key))
        sheet.append([f"{number}. {chapter.title}"])
        sheet["A1"].font = Font(bold=True, size=13)
        if chapter.is_absent:
            sheet.append([chapter.absent])
        for paragraph in chapter.paragraphs:
            sheet.append([paragraph])
        widths: dict[int, int] = {}
        for table in chapter.tables:
            sheet.append([])
            sheet.append([table.caption])
            sheet.cell(sheet.max_row, 1).font = BOLD
            sheet.append([c.label for c in table.columns])
            for cell in sheet[sheet.max_row]:
                cell.font = BOLD
            for i, column in enumerate(table.columns, 1):
                widths[i] = max(widths.get(i, 10), min(len(column.label) * 2, 40))
            for row in table.rows:
                sheet.append(list(row))
            cited = [
                f"[{report.source_number(k)}]"
                + (f" {report.labels['synthetic']}" if notes[k].synthetic else "")
                for k in table.sources
            ]
            sheet.append([f"{report.labels['source']}: " + " ".join(cited)])
            if table.note:
                sheet.append([f"{report.labels['note']}: {table.note}"])
        for i, width in widths.items():
            sheet.column_dimensions[get_column_letter(i)].width = width

    sources = book.create_sheet(SOURCES_SHEET)
    sources.append(["#", report.labels["source"], "URL", report.labels["synthetic"]])
    for cell in sources[1]:
        cell.font = BOLD
    for number, note in enumerate(report.sources, 1):
        sources.append([number, note.label, note.url, "yes" if note.synthetic else ""])
    sources.column_dimensions["B"].width = 80
    sources.column_dimensions["C"].width = 60

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
