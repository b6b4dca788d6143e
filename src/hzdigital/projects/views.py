"""Major-project pages: the list by stage and district, one project (milestones, blockers,
guarantees, history; its district advances the stage and escalates blockers here), and the
factor balances per district. Thin views: access helpers decide, services write."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from hzdigital.accounts.access import require
from hzdigital.lib.divisions import division_name
from hzdigital.projects import access, selectors, services
from hzdigital.projects.models import FACTOR_UNITS, Blocker, Stage
from hzdigital.supervision.selectors import history_of

member_required = login_required(login_url=reverse_lazy("accounts:login"))

STAGE_ADVANCED = "项目已进入下一阶段。 / The project moved to its next stage."
BLOCKER_ESCALATED = "问题已提交市领导小组办公室协调。 / The blocker went to the city office."


@member_required
def project_list(request: HttpRequest) -> HttpResponse:
    require(access.sees_projects(request.user))
    projects = access.projects_visible_to(request.user).prefetch_related("years")
    stage = request.GET.get("stage", "")
    district = request.GET.get("district", "")
    by_stage = Counter(projects.values_list("stage", flat=True))
    districts = sorted(set(projects.values_list("district_code", flat=True)))
    if stage in Stage.values:
        projects = projects.filter(stage=stage)
    if district:
        projects = projects.filter(district_code=district)
    return render(
        request,
        "projects/list.html",
        {
            "projects": projects,
            "stages": [(s, s.label, by_stage.get(s.value, 0)) for s in Stage],
            "districts": [(code, division_name(code)) for code in districts],
            "stage": stage,
            "district": district,
        },
    )


@member_required
def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    project, can_write = access.get_project_for_user(request.user, project_id)
    following = Stage(project.stage).next
    return render(
        request,
        "projects/detail.html",
        {
            "project": project,
            "district_name": division_name(project.district_code),
            "can_write": can_write,
            "next_stage": following,
            "years": project.years.all(),
            "milestones": project.milestones.all(),
            "blockers": project.blockers.all(),
            "requests": project.requests.all(),
            "units": FACTOR_UNITS,
            "history": history_of(project),
        },
    )


@member_required
@require_POST
def project_advance(request: HttpRequest, project_id: int) -> HttpResponse:
    project, can_write = access.get_project_for_user(request.user, project_id)
    require(can_write)
    try:
        services.project_advance(by=request.user, project=project, to=request.POST.get("to", ""))
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(request, STAGE_ADVANCED)
    return redirect("projects:detail", project_id=project.pk)


@member_required
@require_POST
def blocker_escalate(request: HttpRequest, blocker_id: int) -> HttpResponse:
    blocker = get_object_or_404(Blocker, pk=blocker_id)
    _, can_write = access.get_project_for_user(request.user, blocker.project_id)
    require(can_write)
    try:
        services.blocker_escalate(by=request.user, blocker=blocker)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(request, BLOCKER_ESCALATED)
    return redirect("projects:detail", project_id=blocker.project_id)


@member_required
def balance_list(request: HttpRequest) -> HttpResponse:
    """Factor balances per district for a year; a district officer sees its own district."""
    require(access.sees_projects(request.user))
    try:
        year = int(request.GET.get("year", date.today().year))
    except ValueError:
        year = date.today().year
    rows = selectors.balances(year, access.districts_visible_to(request.user))
    return render(
        request,
        "projects/balances.html",
        {"year": year, "rows": [(r, division_name(r.district_code)) for r in rows]},
    )
