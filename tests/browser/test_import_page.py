"""The import page in a real browser: a staff member logs in, uploads a file with bad rows,
watches the job finish, reads the counts and downloads the rejected rows."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from dashboard_warehouse import write_source
from hzdigital.dashboard.imports import wait_for_imports

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMPORT_WAIT_MS = 120_000  # the ingest runs in a thread; generous on a busy 2-core machine
PASSWORD = "import-test-password"


@pytest.fixture(scope="module")
def source_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """150 generated rows of which 15 are bad."""
    return write_source(tmp_path_factory.mktemp("upload") / "企业名录2023.csv", 150, 0.1)


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("统计员", password=PASSWORD, is_staff=True)


def _log_in(page: Page, live_server, username: str) -> None:
    page.goto(live_server.url + "/monitor/import/")
    # Not signed in: the page sends us to the login form and back.
    page.wait_for_url("**/admin/login/**")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/monitor/import/")


def test_staff_upload_a_file_and_download_its_rejected_rows(
    page: Page, live_server, hzdigital_home, staff, source_file, tmp_path, screenshot
):
    page.set_viewport_size({"width": 1280, "height": 900})
    _log_in(page, live_server, staff.username)
    page.set_input_files("#file", str(source_file))
    page.check("input[name=synthetic]")
    page.get_by_role("button", name="上传并导入").click()

    job = page.get_by_test_id("import-job")
    expect(job).to_have_attribute("data-status", "done", timeout=IMPORT_WAIT_MS)
    expect(page.get_by_test_id("import-rows")).to_have_text("150")
    expect(page.get_by_test_id("import-accepted")).to_have_text("135")
    expect(page.get_by_test_id("import-rejected")).to_have_text("15")
    expect(page.get_by_test_id("import-reasons").locator("tbody tr")).not_to_have_count(0)
    screenshot(page, "import-done-zh")

    with page.expect_download() as info:
        page.get_by_test_id("download-rejects").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    with saved.open(encoding="utf-8-sig", newline="") as handle:
        rejected = list(csv.DictReader(handle))
    assert len({row["row"] for row in rejected}) == 15
    assert all(row["message_zh"] for row in rejected)

    page.goto(live_server.url + "/monitor/import/")
    log = page.get_by_test_id("import-log")
    expect(log.locator("tbody tr")).to_have_count(1)
    expect(log).to_contain_text("企业名录2023.csv")
    screenshot(page, "import-log-zh")

    page.goto(live_server.url + "/monitor/")
    expect(page.get_by_test_id("synthetic-banner")).to_be_visible()
    wait_for_imports(IMPORT_WAIT_MS / 1000)  # before the state folder goes away
