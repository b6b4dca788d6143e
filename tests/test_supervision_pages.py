"""Supervision pages: the role × endpoint matrix (reads and writes) and what each page shows.

Anonymous visitors are sent to the sign-in page; signed-in users without the right get 403;
a refused write changes nothing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cast import MEMBERS, make_cast
from hzdigital.supervision import selectors
from hzdigital.supervision.models import ProgressReport
from hzdigital.supervision.views import REPORT_SUBMITTED
from supervision_world import World, make_world

TODAY = date(2024, 5, 20)
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n"


@pytest.fixture
def world(db, settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    # The clock is frozen on a day of 2024Q2: the report form offers that quarter and the ones
    # before it, and statuses are computed for that day.
    monkeypatch.setattr(selectors, "today", lambda: TODAY)
    return make_world(make_cast())


def _client(world: World, member: str) -> Client:
    client = Client()
    user = world.cast.by_name(member)
    if user is not None:
        client.force_login(user)
    return client


OFFICE_AND_AUDITOR = {"city_officer", "auditor"}
UNIT_MEMBERS = {"binjiang_officer", "chunan_officer", "department_officer", "enterprise_user"}

# page → (url builder, members who get 200)
PAGES = {
    "workspace": (lambda w: reverse("supervision:workspace"), OFFICE_AND_AUDITOR | UNIT_MEMBERS),
    "滨江 task": (
        lambda w: reverse("supervision:task", args=[w.binjiang_task.pk]),
        OFFICE_AND_AUDITOR | {"binjiang_officer", "department_officer"},
    ),
    "淳安 task": (
        lambda w: reverse("supervision:task", args=[w.chunan_task.pk]),
        OFFICE_AND_AUDITOR | {"chunan_officer"},
    ),
    "review list": (lambda w: reverse("supervision:review"), OFFICE_AND_AUDITOR),
    "dashboard": (lambda w: reverse("supervision:dashboard"), OFFICE_AND_AUDITOR),
    "work points": (lambda w: reverse("supervision:points"), set(MEMBERS)),
}


@pytest.mark.parametrize(("page", "member"), [(p, m) for p in PAGES for m in MEMBERS])
def test_each_role_reads_exactly_the_pages_the_table_says(world: World, page, member) -> None:
    url, allowed = PAGES[page]
    response = _client(world, member).get(url(world))
    if member in allowed:
        assert response.status_code == 200
    elif member == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403


def _post_report(world: World, client: Client):
    url = reverse("supervision:task", args=[world.binjiang_task.pk])
    upload = SimpleUploadedFile("名单.pdf", PDF, content_type="application/pdf")
    data = {"period": "2024Q2", "percent": "45", "text": "新增 9 家", "attachments": [upload]}
    return client.post(url, data)


def _post_review(world: World, client: Client):
    url = reverse("supervision:report_review", args=[world.pending_report.pk])
    return client.post(url, {"decision": "returned", "reason": "请补充名单"})


# write endpoint → (poster, members allowed, did it write?)
WRITES = {
    "submit a report on 滨江's task": (
        _post_report,
        {"city_officer", "binjiang_officer"},
        lambda w: ProgressReport.objects.filter(period="2024Q2").exists(),
    ),
    "return a report": (
        _post_review,
        {"city_officer"},
        lambda w: ProgressReport.objects.get(pk=w.pending_report.pk).review == "returned",
    ),
}


@pytest.mark.parametrize(("write", "member"), [(w, m) for w in WRITES for m in MEMBERS])
def test_each_role_writes_exactly_what_the_table_says(world: World, write, member) -> None:
    post, allowed, wrote = WRITES[write]
    response = post(world, _client(world, member))
    if member in allowed:
        assert response.status_code == 302, getattr(response, "content", b"")[:2000]
        assert wrote(world)
    else:
        assert response.status_code in (302, 403)
        if member != "anonymous":
            assert response.status_code == 403
        assert not wrote(world)


def test_the_lead_unit_reports_with_evidence_and_sees_it_listed(world: World) -> None:
    client = _client(world, "binjiang_officer")
    response = _post_report(world, client)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert REPORT_SUBMITTED in page
    assert "新增 9 家" in page and "名单.pdf" in page
    attachment = ProgressReport.objects.get(period="2024Q2").attachments.get()
    download = client.get(reverse("supervision:attachment", args=[attachment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    # 淳安's officer may not fetch 滨江's evidence.
    other = _client(world, "chunan_officer").get(
        reverse("supervision:attachment", args=[attachment.pk])
    )
    assert other.status_code == 403


def test_a_bad_file_is_refused_on_the_form_with_its_name(world: World) -> None:
    url = reverse("supervision:task", args=[world.binjiang_task.pk])
    upload = SimpleUploadedFile("病毒.exe", b"MZ\x90\x00")
    data = {"period": "2024Q2", "percent": "45", "text": "见附件", "attachments": [upload]}
    response = _client(world, "binjiang_officer").post(url, data)
    assert response.status_code == 400
    assert "附件“病毒.exe”的类型不允许" in response.content.decode()
    assert not ProgressReport.objects.filter(period="2024Q2").exists()


def test_a_return_without_reason_is_shown_back_to_the_office(world: World) -> None:
    url = reverse("supervision:report_review", args=[world.pending_report.pk])
    response = _client(world, "city_officer").post(url, {"decision": "returned", "reason": ""})
    assert response.status_code == 400
    assert "退回必须说明理由" in response.content.decode()


def test_the_task_page_shows_status_reports_and_history(world: World) -> None:
    page = (
        _client(world, "binjiang_officer")
        .get(reverse("supervision:task", args=[world.binjiang_task.pk]))
        .content.decode()
    )
    # 20 May 2024 is day 141 of 366: 38.5 % expected, nothing accepted yet.
    assert 'data-status="behind"' in page and "38.5%" in page
    assert 'data-testid="history"' in page and "city" in page and "binjiang" in page
    assert "2024Q2: 完成半数 (50%)" in page


def test_the_dashboard_counts_statuses_and_lists_behind_tasks(world: World) -> None:
    page = _client(world, "auditor").get(reverse("supervision:dashboard")).content.decode()
    assert 'data-count="behind">3<' in page  # three year-long tasks, nothing accepted
    assert "新增规上数字安防企业" in page and "滨江区人民政府" in page
    # The auditor reads the review list but gets no review buttons.
    review = _client(world, "auditor").get(reverse("supervision:review")).content.decode()
    assert "新增规上数字安防企业" in review and 'name="decision"' not in review


def test_the_workspace_speaks_english_on_request(world: World) -> None:
    client = _client(world, "binjiang_officer")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(reverse("supervision:workspace")).content.decode()
    assert "My tasks" in page and "percentage points below the expected progress" in page
    assert ">Supervision</a>" in page
