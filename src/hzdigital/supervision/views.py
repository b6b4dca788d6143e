"""Supervision pages: the unit workspace, a task with its report form, the office's review
page, the leading-group dashboard, and the published work points.

Views stay thin: access helpers decide who sees and writes what, services do the writes,
selectors compute the statuses. A refused write is a 403 (PermissionDenied), never a silent
redirect.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from hzdigital.accounts.access import membership_of, require, role_of
from hzdigital.supervision import access, selectors, services
from hzdigital.supervision.forms import ReportForm, ReviewForm
from hzdigital.supervision.leading_panels import chart_labels, project_panels
from hzdigital.supervision.models import Attachment, Notice
from hzdigital.supervision.status import STATUS_LABELS, TaskStatus

member_required = login_required(login_url=reverse_lazy("accounts:login"))

REPORT_SUBMITTED = "进度报告已提交,等待领导小组办公室审核。 / Report submitted for review."
REPORT_ACCEPTED = "已采纳该报告。 / Report accepted."
REPORT_RETURNED = "已退回该报告。 / Report returned."

STATUS_ORDER = [
    TaskStatus.OVERDUE,
    TaskStatus.BEHIND,
    TaskStatus.NOT_STARTED,
    TaskStatus.ON_SCHEDULE,
    TaskStatus.DONE,
]


def _status_legend() -> list[tuple[TaskStatus, str, str]]:
    return [(s, *STATUS_LABELS[s]) for s in STATUS_ORDER]


def _apply_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, field by field where it can."""
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


@member_required
def workspace(request: HttpRequest) -> HttpResponse:
    """My tasks with their traffic lights, and my unread notices."""
    role = role_of(request.user)
    require(role.sees_own_unit or role.sees_all_units)
    rows = selectors.task_rows(access.tasks_visible_to(request.user).prefetch_related("co_units"))
    rows.sort(key=lambda r: (STATUS_ORDER.index(r.status), r.task.deadline))
    notices = Notice.objects.filter(recipient=request.user, read_at=None).select_related("task")
    return render(
        request,
        "supervision/workspace.html",
        {
            "membership": membership_of(request.user),
            "rows": rows,
            "notices": notices[:20],
            "legend": _status_legend(),
            "tolerance": selectors.tolerance_points(),
        },
    )


@member_required
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    """One task: status, milestones, reports, history; the lead unit reports here (POST)."""
    task, can_report = access.get_task_for_user(request.user, task_id)
    day = selectors.today()
    form = ReportForm(today=day)
    if request.method == "POST":
        require(can_report)
        form = ReportForm(request.POST, request.FILES, today=day)
        if form.is_valid():
            try:
                form.submit(by=request.user, task=task)
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, REPORT_SUBMITTED)
                return redirect("supervision:task", task_id=task.pk)
    (row,) = selectors.task_rows([task], on=day)
    reports = task.reports.select_related("submitted_by", "reviewed_by").prefetch_related(
        "attachments"
    )
    return render(
        request,
        "supervision/task_detail.html",
        {
            "task": task,
            "row": row,
            "can_report": can_report,
            "can_review": access.may_review(request.user),
            "form": form,
            "review_form": ReviewForm(),
            "reports": reports,
            "milestones": task.milestones.all(),
            "history": selectors.history_of(task),
            "report_history": [(r, selectors.history_of(r)) for r in reports],
        },
        status=400 if form.errors else 200,
    )


@member_required
def review_list(request: HttpRequest) -> HttpResponse:
    """Reports awaiting the office's review, oldest first."""
    role = role_of(request.user)
    require(role.sees_all_units)
    return render(
        request,
        "supervision/review.html",
        {
            "reports": selectors.reports_awaiting_review(),
            "can_review": role.reviews_reports,
            "form": ReviewForm(),
        },
    )


@member_required
@require_POST
def report_review(request: HttpRequest, report_id: int) -> HttpResponse:
    report, can_review = access.get_report_for_user(request.user, report_id)
    require(can_review)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.report_review(
                by=request.user,
                report=report,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            accepted = form.cleaned_data["decision"] == "accepted"
            messages.success(request, REPORT_ACCEPTED if accepted else REPORT_RETURNED)
            return redirect("supervision:review")
    return render(
        request,
        "supervision/review.html",
        {
            "reports": selectors.reports_awaiting_review(),
            "can_review": True,
            "form": ReviewForm(),
            "failed_report": report,
            "failed_form": form,
        },
        status=400,
    )


@member_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The leading group's view: progress by unit, behind and overdue lists, projects by stage
    and factor-guarantee usage against the districts' quotas."""
    require(role_of(request.user).sees_all_units)
    board = selectors.dashboard(
        access.tasks_visible_to(request.user).select_related("lead_unit", "work_point")
    )
    panels = project_panels(request.user, year=board.day.year)
    return render(
        request,
        "supervision/dashboard.html",
        {
            "board": board,
            "panels": panels,
            "stage_chart": panels.stage_chart(),
            "balance_chart": panels.balance_chart(),
            "chart_labels": chart_labels(),
            "behind": board.of_status(TaskStatus.BEHIND),
            "overdue": board.of_status(TaskStatus.OVERDUE),
            "legend": _status_legend(),
            "totals": [(s, STATUS_LABELS[s][0], board.totals[s]) for s in STATUS_ORDER],
            "statuses": STATUS_ORDER,
            "tolerance": selectors.tolerance_points(),
        },
    )


def work_points(request: HttpRequest) -> HttpResponse:
    """The year's work points; the public sees the published ones."""
    points = access.work_points_visible_to(request.user).prefetch_related("tasks__lead_unit")
    can_manage = access.may_manage_work_points(request.user)
    return render(
        request, "supervision/work_points.html", {"points": points, "can_manage": can_manage}
    )


@member_required
def attachment_download(request: HttpRequest, attachment_id: int) -> FileResponse:
    """Evidence files are served only to those who may read the report."""
    attachment = get_object_or_404(Attachment, pk=attachment_id)
    access.get_report_for_user(request.user, attachment.report_id)
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
    )
