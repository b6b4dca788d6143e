"""The office's forms: create and edit the year's work points and their tasks, and publish them.

Only the city office manages work points (``access.may_manage_work_points``); the services
check it again, so a page, the API and the CLI obey one rule. A form the service refuses comes
back with the service's message on the field it concerns, and status 400.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hzdigital.accounts.access import require
from hzdigital.supervision import access, selectors, services
from hzdigital.supervision.forms import (
    MilestoneFormSet,
    TaskForm,
    WorkPointForm,
    milestone_initial,
    milestone_specs,
    show_service_errors,
)
from hzdigital.supervision.models import Task, WorkPoint
from hzdigital.supervision.views import member_required


def _require_office(request: HttpRequest) -> None:
    require(access.may_manage_work_points(request.user))


def _point_page(request: HttpRequest, form: WorkPointForm, point: WorkPoint | None) -> HttpResponse:
    tasks = point.tasks.select_related("lead_unit") if point else []
    return render(
        request,
        "supervision/point_form.html",
        {"form": form, "point": point, "tasks": tasks},
        status=400 if form.errors else 200,
    )


@member_required
def point_new(request: HttpRequest) -> HttpResponse:
    _require_office(request)
    form = WorkPointForm(request.POST or None, initial={"year": selectors.today().year})
    if request.method == "POST" and form.is_valid():
        try:
            point = services.work_point_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("工作要点已保存,请为它添加任务。"))
            return redirect("supervision:point_edit", point_id=point.pk)
    return _point_page(request, form, None)


@member_required
def point_edit(request: HttpRequest, point_id: int) -> HttpResponse:
    point, can_manage = access.get_work_point_for_user(request.user, point_id)
    require(can_manage)
    form = WorkPointForm(request.POST) if request.method == "POST" else WorkPointForm.of(point)
    if request.method == "POST" and form.is_valid():
        try:
            services.work_point_update(by=request.user, point=point, **form.cleaned_data)
        except ValidationError as error:
            point.refresh_from_db()  # the page shows what is stored, not the refused values
            show_service_errors(form, error)
        else:
            messages.success(request, _("工作要点已保存。"))
            return redirect("supervision:point_edit", point_id=point.pk)
    return _point_page(request, form, point)


@member_required
@require_POST
def point_publish(request: HttpRequest, point_id: int) -> HttpResponse:
    point, can_manage = access.get_work_point_for_user(request.user, point_id)
    require(can_manage)
    publish = request.POST.get("published") != "0"
    services.work_point_publish(by=request.user, point=point, published=publish)
    messages.success(request, _("工作要点已发布。") if publish else _("工作要点已撤回。"))
    return redirect("supervision:point_edit", point_id=point.pk)


def _task_page(
    request: HttpRequest, point: WorkPoint, task: Task | None, form: TaskForm, milestones
) -> HttpResponse:
    failed = bool(form.errors) or any(milestones.errors) or bool(milestones.non_form_errors())
    return render(
        request,
        "supervision/task_form.html",
        {"point": point, "task": task, "form": form, "milestones": milestones},
        status=400 if failed else 200,
    )


def _save_task(request: HttpRequest, form: TaskForm, milestones, **target) -> Task | None:
    """Create or update the task through its service; None (errors on the form) if refused."""
    if not (form.is_valid() and milestones.is_valid()):
        return None
    values = {**form.cleaned_data, "milestones": milestone_specs(milestones)}
    try:
        return services.task_save(
            by=request.user, task=target.get("task"), work_point=target.get("point"), **values
        )
    except ValidationError as error:
        show_service_errors(form, error)
        return None


@member_required
def task_new(request: HttpRequest, point_id: int) -> HttpResponse:
    point, can_manage = access.get_work_point_for_user(request.user, point_id)
    require(can_manage)
    form = TaskForm(request.POST or None)
    milestones = MilestoneFormSet(request.POST or None, prefix="milestones")
    if request.method == "POST":
        task = _save_task(request, form, milestones, point=point)
        if task is not None:
            messages.success(request, _("任务已保存。"))
            return redirect("supervision:point_edit", point_id=point.pk)
    return _task_page(request, point, None, form, milestones)


@member_required
def task_edit(request: HttpRequest, task_id: int) -> HttpResponse:
    _require_office(request)
    task = get_object_or_404(Task.objects.select_related("work_point"), pk=task_id)
    if request.method == "POST":
        form = TaskForm(request.POST)
        milestones = MilestoneFormSet(request.POST, prefix="milestones")
        if _save_task(request, form, milestones, task=task) is not None:
            messages.success(request, _("任务已保存。"))
            return redirect("supervision:point_edit", point_id=task.work_point_id)
        task.refresh_from_db()
    else:
        form = TaskForm.of(task)
        milestones = MilestoneFormSet(initial=milestone_initial(task), prefix="milestones")
    return _task_page(request, task.work_point, task, form, milestones)
