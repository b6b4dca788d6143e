"""The report workflow: submitted → accepted, or returned with a reason and submitted again.

Also: what an accepted report does to the computed status, evidence files checked by type and
size, and the validation messages a unit officer sees.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cast import make_cast
from hzdigital.supervision import services
from hzdigital.supervision.attachments import MAX_ATTACHMENT_BYTES
from hzdigital.supervision.models import BAD_PERIOD, RETURN_NEEDS_REASON, ProgressReport
from hzdigital.supervision.selectors import task_rows
from hzdigital.supervision.status import TaskStatus
from supervision_world import World, make_world

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n"


@pytest.fixture
def world(db, settings, tmp_path: Path) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_world(make_cast())


def _status(world: World, day: date) -> TaskStatus:
    return task_rows([world.binjiang_task], on=day)[0].status


def test_an_accepted_report_moves_the_status(world: World) -> None:
    day = date(2024, 4, 30)  # a third of the year: 33 % expected
    assert _status(world, day) == TaskStatus.BEHIND  # the 20 % report is not yet accepted
    services.report_review(by=world.cast.city_officer, report=world.pending_report,
                           decision="accepted")  # fmt: skip
    assert _status(world, date(2024, 3, 1)) == TaskStatus.ON_SCHEDULE
    assert _status(world, day) == TaskStatus.BEHIND  # 20 < 33 - 5


def test_a_returned_report_keeps_its_reason_and_does_not_count(world: World) -> None:
    report = services.report_review(
        by=world.cast.city_officer, report=world.pending_report, decision="returned",
        reason="请附上新增企业名单",
    )  # fmt: skip
    assert (report.review, report.return_reason) == ("returned", "请附上新增企业名单")
    assert report.reviewed_by == world.cast.city_officer and report.reviewed_at is not None
    assert task_rows([world.binjiang_task], on=date(2024, 2, 1))[0].result.accepted_percent == 0


def test_a_return_without_a_reason_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        services.report_review(by=world.cast.city_officer, report=world.pending_report,
                               decision="returned", reason="   ")  # fmt: skip
    assert RETURN_NEEDS_REASON in error.value.message_dict["return_reason"]
    world.pending_report.refresh_from_db()
    assert world.pending_report.review == "submitted"


def test_a_report_is_reviewed_only_once(world: World) -> None:
    office = world.cast.city_officer
    services.report_review(by=office, report=world.pending_report, decision="accepted")
    with pytest.raises(ValidationError, match="已审核"):
        services.report_review(by=office, report=world.pending_report, decision="returned",
                               reason="改主意了")  # fmt: skip


def test_an_unknown_decision_is_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="采纳或退回"):
        services.report_review(by=world.cast.city_officer, report=world.pending_report,
                               decision="submitted")  # fmt: skip


def test_a_returned_report_can_be_submitted_again_for_the_same_period(world: World) -> None:
    services.report_review(by=world.cast.city_officer, report=world.pending_report,
                           decision="returned", reason="数据有误")  # fmt: skip
    again = services.report_submit(by=world.cast.binjiang_officer, task=world.binjiang_task,
                                   period="2024Q1", percent=22, text="已更正")  # fmt: skip
    assert again.review == "submitted"


def test_a_second_report_for_a_period_awaiting_review_is_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="待审核"):
        services.report_submit(by=world.cast.binjiang_officer, task=world.binjiang_task,
                               period="2024Q1", percent=25, text="补充")  # fmt: skip
    assert ProgressReport.objects.filter(task=world.binjiang_task).count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("period", "2024-06", BAD_PERIOD),
        ("period", "2024Q5", BAD_PERIOD),
        ("percent", 120, "100"),
        ("percent", -1, "0"),
    ],
)
def test_it_rejects_a_bad_period_or_percent(world: World, field, value, message) -> None:
    fields = {"period": "2024Q2", "percent": 40} | {field: value}
    with pytest.raises(ValidationError) as error:
        services.report_submit(by=world.cast.binjiang_officer, task=world.binjiang_task,
                               text="进展", **fields)  # fmt: skip
    assert any(message in m for m in error.value.message_dict[field])


def test_evidence_files_are_stored_with_the_report(world: World) -> None:
    upload = SimpleUploadedFile("名单.pdf", PDF, content_type="application/pdf")
    report = services.report_submit(by=world.cast.binjiang_officer, task=world.binjiang_task,
                                    period="2024Q2", percent=45, text="见附件",
                                    attachments=[upload])  # fmt: skip
    attachment = report.attachments.get()
    assert attachment.original_name == "名单.pdf" and attachment.size_bytes == len(PDF)
    assert Path(attachment.file.path).read_bytes() == PDF


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("setup.exe", b"MZ\x90\x00", "类型不允许"),
        ("名单.pdf", b"MZ\x90\x00 not a pdf", "内容与扩展名 .pdf 不符"),
        ("照片.png", b"\xff\xd8\xff\xe0 a jpeg", "内容与扩展名 .png 不符"),
        ("空.pdf", b"", "空文件"),
        ("大.pdf", b"%PDF-" + b"0" * MAX_ATTACHMENT_BYTES, "超过 10 MiB"),
    ],
)
def test_it_rejects_evidence_of_the_wrong_type_or_size(world: World, name, content, problem):
    upload = SimpleUploadedFile(name, content)
    with pytest.raises(ValidationError) as error:
        services.report_submit(by=world.cast.binjiang_officer, task=world.binjiang_task,
                               period="2024Q2", percent=45, text="见附件",
                               attachments=[upload])  # fmt: skip
    messages = error.value.message_dict["attachments"]
    assert any(name in m and problem in m for m in messages), messages
    assert not ProgressReport.objects.filter(period="2024Q2").exists()


def test_a_file_exactly_at_the_size_limit_is_accepted(world: World) -> None:
    content = b"%PDF-" + b"0" * (MAX_ATTACHMENT_BYTES - 5)
    upload = SimpleUploadedFile("刚好.pdf", content)
    report = services.report_submit(by=world.cast.binjiang_officer, task=world.binjiang_task,
                                    period="2024Q2", percent=45, text="见附件",
                                    attachments=[upload])  # fmt: skip
    assert report.attachments.get().size_bytes == MAX_ATTACHMENT_BYTES


def test_a_task_whose_deadline_precedes_its_start_is_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="截止日期早于开始日期"):
        services.task_create(by=world.cast.city_officer, work_point=world.work_point,
                             title_zh="倒置", lead_unit=world.cast.chunan,
                             start=date(2024, 5, 1), deadline=date(2024, 4, 1))  # fmt: skip
