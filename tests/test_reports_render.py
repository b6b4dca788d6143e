"""The report rendered: a PDF with Chinese text embedded, a workbook with one sheet per
chapter plus sources, a standalone HTML page. Built once from the fixture warehouse."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from dashboard_warehouse import build_warehouse
from hzdigital.reports import render
from hzdigital.reports.content import build_report
from hzdigital.reports.xlsx import COVER_SHEET, SOURCES_SHEET, sheet_name
from reports_fixture import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def report(tmp_path_factory, django_db_setup, django_db_blocker):
    home = tmp_path_factory.mktemp("render-home")
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setenv("HZDIGITAL_HOME", str(home))
        build_warehouse(home)
        yield build_report(YEAR, "zh")


@pytest.fixture(scope="module")
def pdf(report, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    render.write(report, "pdf", path)
    return path


def _tool(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is missing: install poppler-utils (see README, Requirements)"
    return found


def test_the_pdf_embeds_a_noto_cjk_font(pdf):
    fonts = subprocess.run([_tool("pdffonts"), str(pdf)], capture_output=True, text=True,
                           check=True).stdout  # fmt: skip
    embedded = [line for line in fonts.splitlines() if "Noto-Sans-CJK" in line]
    assert embedded, fonts
    assert all(" yes " in line for line in embedded), "every Noto CJK face is embedded"


def test_the_pdf_text_holds_the_chinese_title_and_every_chapter_title(pdf, report):
    found = subprocess.run([_tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout  # fmt: skip
    flat = re.sub(r"\s+", "", found)
    assert re.sub(r"\s+", "", report.title) in flat
    for chapter in report.chapters:
        assert re.sub(r"\s+", "", chapter.title) in flat, chapter.title


def test_the_pdf_is_a4_with_numbered_pages(pdf):
    info = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    assert "595.276 x 841.89 pts (A4)" in info or "(A4)" in info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    last = subprocess.run([_tool("pdftotext"), "-f", str(pages), "-l", str(pages), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert f"{pages} / {pages}" in last


def test_the_workbook_has_a_cover_one_sheet_per_chapter_and_the_sources(report):
    book = openpyxl.load_workbook(io.BytesIO(render.render(report, "xlsx")))
    expected = [COVER_SHEET, *(sheet_name(i, c.key) for i, c in enumerate(report.chapters, 1)),
                SOURCES_SHEET]  # fmt: skip
    assert book.sheetnames == expected


def test_the_sources_sheet_lists_every_source_and_marks_synthetic_ones(report):
    book = openpyxl.load_workbook(io.BytesIO(render.render(report, "xlsx")))
    rows = list(book[SOURCES_SHEET].iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == [s.label for s in report.sources]
    assert [r[3] == "yes" for r in rows] == [s.synthetic for s in report.sources]
    assert any(s.synthetic for s in report.sources)


def test_workbook_numbers_stay_numbers(report):
    book = openpyxl.load_workbook(io.BytesIO(render.render(report, "xlsx")))
    table = report.chapter("districts").tables[0]
    sheet = book[sheet_name(2, "districts")]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows.index(tuple(c.label for c in table.columns))
    first = rows[header + 1]
    assert first[0] == table.rows[0][0]
    assert first[3] == pytest.approx(table.rows[0][3])


def test_the_html_report_is_standalone(report):
    html = render.to_html(report)
    assert "<script" not in html
    assert "<link" not in html
    assert not re.search(r'src="https?://', html), "nothing is fetched from another host"
    assert html.count("<svg") == sum(len(c.charts) for c in report.chapters)
