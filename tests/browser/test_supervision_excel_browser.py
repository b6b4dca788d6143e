"""In a real browser: the office downloads the work-point template from the work-points page,
uploads it with a bad row, reads the error and gets the workbook back with the reason, fixes
the row there and uploads again."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from cast import make_cast
from chromium_support import TEST_PASSWORD, sign_in
from hzdigital.lib.xlsx import HEADER_ROWS
from hzdigital.supervision.models import Task
from test_supervision_excel import POINT, TASK, _with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cast(settings, hzdigital_home):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cast = make_cast()
    cast.city_officer.set_password(TEST_PASSWORD)
    cast.city_officer.save()
    return cast


def _fill(path: Path, rows: dict[str, list[list]]) -> None:
    book = load_workbook(path)
    for title, values in rows.items():
        for offset, row in enumerate(values):
            for column, value in enumerate(row, start=1):
                book[title].cell(HEADER_ROWS + 2 + offset, column, value)
    book.save(path)


def test_the_office_imports_work_points_after_fixing_a_refused_row(
    page: Page, live_server, cast, tmp_path: Path, screenshot
) -> None:
    sign_in(page, live_server.url, "city", then="/supervision/points/")
    links = page.get_by_test_id("excel-links")
    expect(links.get_by_role("link", name="导出 Excel")).to_be_visible()
    links.get_by_role("link", name="从 Excel 导入").click()

    with page.expect_download() as template:
        page.get_by_test_id("template-link").click()
    filled = tmp_path / "要点.xlsx"
    template.value.save_as(filled)
    _fill(filled, {"工作要点": [POINT], "任务": [_with(TASK, 5, "滨江区政府办")]})

    page.get_by_label("填好的模板").set_input_files(str(filled))
    page.get_by_role("button", name="上传并导入").click()
    errors = page.get_by_test_id("upload-errors")
    expect(errors).to_contain_text("滨江区政府办")
    expect(errors).to_contain_text("牵头单位")
    screenshot(page, "excel-upload-refused")
    assert not Task.objects.exists()

    with page.expect_download() as returned:
        page.get_by_test_id("error-workbook").click()
    fixed = tmp_path / "fixed.xlsx"
    returned.value.save_as(fixed)
    book = load_workbook(fixed)
    tasks = book["任务"]
    reason = [c.value for c in tasks[1]].index("错误原因") + 1
    assert "滨江区政府办" in tasks.cell(HEADER_ROWS + 2, reason).value
    tasks.cell(HEADER_ROWS + 2, 6, "滨江区人民政府")
    del book["错误清单"]
    book.save(fixed)

    page.get_by_label("填好的模板").set_input_files(str(fixed))
    page.get_by_role("button", name="上传并导入").click()
    expect(page.get_by_role("status")).to_contain_text("新建 2 行")
    expect(page.get_by_test_id("work-point")).to_contain_text("推进数字安防产业集群建设")
    screenshot(page, "excel-upload-done")
    assert Task.objects.get().lead_unit == cast.binjiang

    with page.expect_download() as export:
        page.get_by_test_id("excel-links").get_by_role("link", name="导出 Excel").click()
    exported = load_workbook(io.BytesIO(Path(export.value.path()).read_bytes()))
    assert exported["工作要点"].cell(HEADER_ROWS + 3, 3).value == "推进数字安防产业集群建设"
