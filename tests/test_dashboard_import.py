"""The import page: who may use it, upload, the job's stages, the result, the rejects file."""

from __future__ import annotations

import csv
import io
import uuid
from pathlib import Path

import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cast import make_cast
from dashboard_warehouse import write_source
from hzdigital.dashboard import messages as msg
from hzdigital.dashboard.imports import wait_for_imports
from hzdigital.dashboard.models import ImportJob

BACKGROUND_WAIT_SECONDS = 120  # a generous bound on a busy 2-core machine; not a timing check

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def source_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """120 generated rows, 12 of them bad (of six kinds)."""
    return write_source(tmp_path_factory.mktemp("upload") / "企业名录.csv", rows=120, bad_share=0.1)


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_user("importer", password="x", is_staff=True)
    client.force_login(user)
    return client


@pytest.fixture
def synchronous(settings):
    settings.HZDIGITAL_IMPORT_SYNCHRONOUS = True


def _upload(client, path: Path, *, synthetic: bool = True):
    data = {"file": SimpleUploadedFile(path.name, path.read_bytes())}
    if synthetic:
        data["synthetic"] = "on"
    return client.post(reverse("dashboard:import"), data)


def test_an_anonymous_visitor_is_sent_to_log_in(client, hzdigital_home):
    response = client.get(reverse("dashboard:import"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/monitor/import/")


def test_a_signed_in_user_without_staff_rights_is_refused(
    client, django_user_model, hzdigital_home
):
    client.force_login(django_user_model.objects.create_user("clerk", password="x"))
    assert client.get(reverse("dashboard:import")).status_code == 403


def test_the_rejects_download_is_not_open_to_anonymous_visitors(client, hzdigital_home):
    response = client.get(reverse("dashboard:quarantine", args=["20250101T000000-x"]))
    assert response.status_code == 302


def test_staff_see_accepted_rejected_and_the_top_reasons(
    staff_client, hzdigital_home, synchronous, source_file
):
    response = _upload(staff_client, source_file)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:import_job", args=[job.id])

    page = staff_client.get(response["Location"])
    html = page.content.decode()
    frame = pd.read_csv(source_file, dtype=str)
    assert job.status == ImportJob.Status.DONE
    assert job.rows == len(frame) == 120
    assert job.rejected == 12  # what the generator was asked to spoil
    assert job.accepted == 108
    assert f'data-testid="import-accepted">{job.accepted}<' in html
    assert f'data-testid="import-rejected">{job.rejected}<' in html
    reasons = page.context["reasons"]
    assert [r["code"] for r in reasons] == list(job.reasons)[: len(reasons)]
    assert sum(r["rows"] for r in reasons) >= 5
    assert str(msg.STAGE_LABELS["done"]) in html


def test_the_rejects_file_holds_every_rejected_row(
    staff_client, hzdigital_home, synchronous, source_file
):
    _upload(staff_client, source_file)
    job = ImportJob.objects.get()
    response = staff_client.get(reverse("dashboard:quarantine", args=[job.import_id]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len({row["row"] for row in rows}) == job.rejected
    assert all(row["rule"] and row["message_zh"] and row["field"] for row in rows)


def test_the_imports_log_lists_the_import_with_its_counts(
    staff_client, hzdigital_home, synchronous, source_file
):
    _upload(staff_client, source_file)
    job = ImportJob.objects.get()
    log = staff_client.get(reverse("dashboard:import")).context["log"]
    assert [(e.import_id, e.accepted, e.rejected) for e in log] == [
        (job.import_id, job.accepted, job.rejected)
    ]
    assert log[0].synthetic and log[0].has_quarantine


def test_an_upload_of_another_type_is_refused_with_its_name(staff_client, hzdigital_home):
    response = staff_client.post(
        reverse("dashboard:import"), {"file": SimpleUploadedFile("list.txt", b"a,b\n")}
    )
    assert response.status_code == 400
    assert str(msg.UPLOAD_WRONG_TYPE % {"name": "list.txt"}) in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_file_without_the_required_columns_ends_the_job_with_the_reason(
    staff_client, hzdigital_home, synchronous
):
    data = {"file": SimpleUploadedFile("bad.csv", "名称,金额\n甲,1\n".encode())}
    staff_client.post(reverse("dashboard:import"), data)
    job = ImportJob.objects.get()
    html = staff_client.get(reverse("dashboard:import_job", args=[job.id])).content.decode()
    assert job.status == ImportJob.Status.FAILED
    assert "bad.csv" in job.error_zh and "uscc" in job.error_zh
    assert job.error_zh in html


def test_the_job_fragment_asks_to_be_polled_only_while_running(staff_client, hzdigital_home):
    job = ImportJob.objects.create(
        id=uuid.uuid4(), file_name="a.csv", stored_path="/nowhere/a.csv", status="running"
    )
    url = reverse("dashboard:import_job", args=[job.id])
    running = staff_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" in running and "<html" not in running
    job.status = ImportJob.Status.FAILED
    job.save()
    finished = staff_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in finished


@pytest.mark.django_db(transaction=True)
def test_an_upload_runs_in_the_background_until_done(staff_client, hzdigital_home, source_file):
    response = _upload(staff_client, source_file)
    assert response.status_code == 302
    # Join the thread rather than poll the row: the test then never reads while it writes.
    wait_for_imports(BACKGROUND_WAIT_SECONDS)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.DONE, job.error_en
    assert job.accepted == 108


@pytest.mark.parametrize(
    ("member", "allowed"),
    [
        ("city_officer", True),
        ("department_officer", False),
        ("binjiang_officer", False),
        ("enterprise_user", False),
        ("auditor", False),
        ("outsider", False),
    ],
)
def test_only_the_city_office_role_may_open_the_import_page(
    client, hzdigital_home, member, allowed
):
    client.force_login(make_cast().by_name(member))
    assert client.get(reverse("dashboard:import")).status_code == (200 if allowed else 403)
