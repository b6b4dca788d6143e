"""Supervision over /api/: the role × endpoint matrix (reads, exports, writes) and each
endpoint's contract.

Every member of the cast calls every endpoint; the tables say who succeeds. A refused write
answers 401 (not signed in) or 403 (signed in, not allowed) and changes nothing. The clock is
frozen on 20 May 2024 so statuses are known.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cast import MEMBERS, make_cast
from hzdigital.accounts.access import NOT_ALLOWED
from hzdigital.api.messages import CSRF_FAILED, SIGN_IN_REQUIRED
from hzdigital.supervision import selectors
from hzdigital.supervision.models import RETURN_NEEDS_REASON, ProgressReport
from hzdigital.supervision.services import NOT_AWAITING_REVIEW, PENDING_REPORT_EXISTS
from supervision_world import World, make_world

TODAY = date(2024, 5, 20)
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n"


@pytest.fixture
def world(db, settings, tmp_path: Path, hzdigital_home, monkeypatch) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(selectors, "today", lambda: TODAY)
    return make_world(make_cast())


def _client(world: World, member: str, **options) -> Client:
    client = Client(**options)
    user = world.cast.by_name(member)
    if user is not None:
        client.force_login(user)
    return client


OFFICE_AND_AUDITOR = {"city_officer", "auditor"}
UNIT_MEMBERS = {"binjiang_officer", "chunan_officer", "department_officer", "enterprise_user"}
EVERYONE = set(MEMBERS)

# read or export endpoint → (url builder, members who get 200); the same rules as the pages.
READS = {
    "task list": (lambda w: "/api/tasks", OFFICE_AND_AUDITOR | UNIT_MEMBERS),
    "滨江 task": (
        lambda w: f"/api/tasks/{w.binjiang_task.pk}",
        OFFICE_AND_AUDITOR | {"binjiang_officer", "department_officer"},
    ),
    "淳安 task": (
        lambda w: f"/api/tasks/{w.chunan_task.pk}",
        OFFICE_AND_AUDITOR | {"chunan_officer"},
    ),
    "monitor export": (lambda w: "/api/monitor", EVERYONE),
    "targets export": (lambda w: "/api/targets", EVERYONE),
    "classification": (lambda w: "/api/classification/code/6520", EVERYONE),
}


@pytest.mark.parametrize(("read", "member"), [(r, m) for r in READS for m in MEMBERS])
def test_each_role_reads_exactly_what_the_table_says(world: World, read, member) -> None:
    url, allowed = READS[read]
    response = _client(world, member).get(url(world))
    if member in allowed:
        assert response.status_code == 200
    elif member == "anonymous":
        assert response.status_code == 401
        assert response.json()["detail"] == SIGN_IN_REQUIRED
    else:
        assert response.status_code == 403
        assert response.json()["detail"] == NOT_ALLOWED


# Which tasks each member lists (by lead unit), as supervision.access decides.
LISTED = {
    "city_officer": {"binjiang", "chunan", "department"},
    "auditor": {"binjiang", "chunan", "department"},
    "binjiang_officer": {"binjiang"},
    "chunan_officer": {"chunan"},
    "department_officer": {"binjiang", "department"},  # a co-unit of 滨江's task
    "enterprise_user": set(),
}


@pytest.mark.parametrize("member", sorted(LISTED))
def test_the_task_list_holds_only_what_the_member_may_see(world: World, member) -> None:
    names = {
        world.binjiang_task.pk: "binjiang",
        world.chunan_task.pk: "chunan",
        world.department_task.pk: "department",
    }
    tasks = _client(world, member).get("/api/tasks").json()
    assert {names[t["id"]] for t in tasks} == LISTED[member]


def _post_report(world: World, client: Client, task=None, **fields):
    task = task or world.binjiang_task
    upload = SimpleUploadedFile("名单.pdf", PDF, content_type="application/pdf")
    data = {"period": "2024Q2", "percent": "45", "text": "新增 9 家", "attachments": [upload]}
    return client.post(f"/api/tasks/{task.pk}/reports", data | fields)


def _post_department_report(world: World, client: Client):
    return _post_report(world, client, task=world.department_task)


def _post_review(world: World, client: Client, **fields):
    body = {"decision": "returned", "reason": "请补充名单"} | fields
    url = f"/api/reports/{world.pending_report.pk}/review"
    return client.post(url, body, content_type="application/json")


# write endpoint → (poster, members allowed, success status, did it write?)
WRITES = {
    "report on 滨江's task": (
        _post_report,
        {"city_officer", "binjiang_officer"},
        201,
        lambda w: ProgressReport.objects.filter(task=w.binjiang_task, period="2024Q2").exists(),
    ),
    "report on 市经信局's task": (
        _post_department_report,
        {"city_officer", "department_officer"},
        201,
        lambda w: ProgressReport.objects.filter(task=w.department_task).exists(),
    ),
    "return a report": (
        _post_review,
        {"city_officer"},
        200,
        lambda w: ProgressReport.objects.get(pk=w.pending_report.pk).review == "returned",
    ),
}


@pytest.mark.parametrize(("write", "member"), [(w, m) for w in WRITES for m in MEMBERS])
def test_each_role_writes_exactly_what_the_table_says(world: World, write, member) -> None:
    post, allowed, success, wrote = WRITES[write]
    reports_before = ProgressReport.objects.count()
    response = post(world, _client(world, member))
    if member in allowed:
        assert response.status_code == success, response.content[:2000]
        assert wrote(world)
        return
    assert response.status_code == (401 if member == "anonymous" else 403)
    assert not wrote(world)
    assert ProgressReport.objects.count() == reports_before
    assert ProgressReport.objects.get(pk=world.pending_report.pk).review == "submitted"


def test_a_write_without_the_csrf_token_is_refused_and_changes_nothing(world: World) -> None:
    client = _client(world, "binjiang_officer", enforce_csrf_checks=True)
    response = _post_report(world, client)
    assert response.status_code == 403 and response.json()["detail"] == CSRF_FAILED
    assert not ProgressReport.objects.filter(period="2024Q2").exists()
    # The docs page hands out the token (cookie and page); with it the same write succeeds.
    client.get("/api/docs")
    token = client.cookies["csrftoken"].value
    response = client.post(
        f"/api/tasks/{world.binjiang_task.pk}/reports",
        {"period": "2024Q2", "percent": "45", "text": "新增 9 家"},
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 201
    assert ProgressReport.objects.filter(period="2024Q2").exists()


def test_the_task_list_carries_the_status_computed_today(world: World) -> None:
    tasks = {t["id"]: t for t in _client(world, "city_officer").get("/api/tasks").json()}
    # 20 May 2024 is day 141 of the 366 days of 2024: 38.5 % expected; nothing accepted yet.
    expected = ((TODAY - date(2024, 1, 1)).days + 1) / 366 * 100
    binjiang = tasks[world.binjiang_task.pk]
    assert binjiang["expected_percent"] == pytest.approx(expected, abs=1e-9)
    assert binjiang["status"] == "behind" and binjiang["status_zh"] == "滞后于序时进度"
    assert binjiang["accepted_percent"] == 0 and binjiang["days_left"] == 225
    assert binjiang["lead_unit"]["name_zh"] == "滨江区人民政府"
    assert [u["slug"] for u in binjiang["co_units"]] == ["dept-economy"]
    assert binjiang["target_value"] == 20 and binjiang["target_unit"] == "家"
    rows = selectors.task_rows([world.binjiang_task, world.chunan_task], on=TODAY)
    for row in rows:
        assert tasks[row.task.pk]["status"] == row.status.value


def test_an_accepted_report_moves_the_task_status(world: World) -> None:
    office = _client(world, "city_officer")
    response = _post_review(world, office, decision="accepted", reason="")
    assert response.status_code == 200 and response.json()["review"] == "accepted"
    assert response.json()["reviewed_by"] == "city"
    task = office.get(f"/api/tasks/{world.binjiang_task.pk}").json()
    assert task["accepted_percent"] == 20


def test_the_task_detail_shows_milestones_reports_and_rights(world: World) -> None:
    body = _client(world, "department_officer").get(f"/api/tasks/{world.binjiang_task.pk}")
    task = body.json()
    assert task["milestones"] == [
        {"year": 2024, "quarter": 2, "text_zh": "完成半数", "target_percent": 50}
    ]
    (report,) = task["reports"]
    assert report["id"] == world.pending_report.pk and report["review"] == "submitted"
    assert report["submitted_by"] == "binjiang" and report["percent"] == 20
    # A co-unit sees the task but may neither report nor review.
    assert task["can_report"] is False and task["can_review"] is False


def test_a_report_with_evidence_is_listed_on_its_task(world: World) -> None:
    client = _client(world, "binjiang_officer")
    response = _post_report(world, client)
    assert response.status_code == 201
    created = response.json()
    assert created["review"] == "submitted" and created["percent"] == 45
    assert [a["name"] for a in created["attachments"]] == ["名单.pdf"]
    task = client.get(f"/api/tasks/{world.binjiang_task.pk}").json()
    assert created in task["reports"] and task["can_report"] is True


def test_a_bad_file_is_refused_naming_the_file(world: World) -> None:
    upload = SimpleUploadedFile("病毒.exe", b"MZ\x90\x00")
    response = _post_report(world, _client(world, "binjiang_officer"), attachments=[upload])
    assert response.status_code == 400
    assert any("病毒.exe" in m for m in response.json()["errors"]["attachments"])
    assert not ProgressReport.objects.filter(period="2024Q2").exists()


def test_a_period_the_form_does_not_offer_is_refused(world: World) -> None:
    response = _post_report(world, _client(world, "binjiang_officer"), period="2023Q1")
    assert response.status_code == 400 and "period" in response.json()["errors"]
    assert not ProgressReport.objects.filter(period="2023Q1").exists()


def test_a_second_pending_report_for_the_period_is_refused(world: World) -> None:
    client = _client(world, "binjiang_officer")
    assert _post_report(world, client).status_code == 201
    response = _post_report(world, client, text="再报一次")
    assert response.status_code == 400
    assert response.json()["errors"]["period"] == [PENDING_REPORT_EXISTS.format(period="2024Q2")]
    assert ProgressReport.objects.filter(period="2024Q2").count() == 1


def test_a_return_without_reason_is_refused_and_the_report_still_waits(world: World) -> None:
    response = _post_review(world, _client(world, "city_officer"), reason="  ")
    assert response.status_code == 400
    assert response.json()["errors"]["return_reason"] == [RETURN_NEEDS_REASON]
    assert ProgressReport.objects.get(pk=world.pending_report.pk).review == "submitted"


def test_a_report_is_reviewed_only_once(world: World) -> None:
    office = _client(world, "city_officer")
    assert _post_review(world, office).status_code == 200
    response = _post_review(world, office, decision="accepted", reason="")
    assert response.status_code == 400
    assert response.json()["errors"]["review"] == [NOT_AWAITING_REVIEW]
    assert ProgressReport.objects.get(pk=world.pending_report.pk).review == "returned"


def test_an_unknown_decision_is_refused(world: World) -> None:
    response = _post_review(world, _client(world, "city_officer"), decision="maybe")
    assert response.status_code == 400 and "decision" in response.json()["errors"]
    assert ProgressReport.objects.get(pk=world.pending_report.pk).review == "submitted"


def test_a_missing_task_is_a_404(world: World) -> None:
    response = _client(world, "city_officer").get("/api/tasks/999999")
    assert response.status_code == 404
