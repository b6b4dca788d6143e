"""Major-project pages: the list by stage and district; one project (milestones, blockers,
guarantees, history), where its district or the office moves the stage one step, records
investment, raises, escalates and resolves blockers and files factor requests, and the office
approves or denies them; the factor balances per district, where the office sets quotas.

Thin views: access helpers decide who may, services write and refuse; a refused form comes
back with the service's message on its field (status 400).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hzdigital.accounts.access import require
from hzdigital.lib.divisions import division_name
from hzdigital.projects import access, selectors, services
from hzdigital.projects.forms import (
    BlockerForm,
    FactorDecisionForm,
    FactorRequestForm,
    InvestmentForm,
    QuotaForm,
)
from hzdigital.projects.models import FACTOR_UNITS, Blocker, FactorRequest, MajorProject, Stage
from hzdigital.supervision.forms import in_page_language, show_service_errors
from hzdigital.supervision.selectors import history_of, today

member_required = login_required(login_url=reverse_lazy("accounts:login"))


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


def _detail_page(
    request: HttpRequest,
    project: MajorProject,
    can_write: bool,
    *,
    bound: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The project page; ``bound`` holds a refused form (with its errors) in place of a blank one."""
    blank = {
        "investment_form": InvestmentForm(initial={"year": today().year}),
        "blocker_form": BlockerForm(),
        "request_form": FactorRequestForm(initial={"year": today().year}),
        "decision_form": FactorDecisionForm(),
    }
    return render(
        request,
        "projects/detail.html",
        {
            "project": project,
            "district_name": division_name(project.district_code),
            "can_write": can_write,
            "can_decide": access.may_decide_factors(request.user),
            "next_stage": Stage(project.stage).next,
            "years": project.years.all(),
            "milestones": project.milestones.all(),
            "blockers": project.blockers.all(),
            "requests": project.requests.all(),
            "units": FACTOR_UNITS,
            "history": history_of(project),
            **blank,
            **(bound or {}),
        },
        status=status,
    )


@member_required
def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    project, can_write = access.get_project_for_user(request.user, project_id)
    return _detail_page(request, project, can_write)


def _flash_errors(request: HttpRequest, error: ValidationError) -> None:
    for problem in error.messages:
        messages.error(request, in_page_language(problem))


@member_required
@require_POST
def project_advance(request: HttpRequest, project_id: int) -> HttpResponse:
    project, can_write = access.get_project_for_user(request.user, project_id)
    require(can_write)
    try:
        services.project_advance(by=request.user, project=project, to=request.POST.get("to", ""))
    except ValidationError as error:
        _flash_errors(request, error)
    else:
        messages.success(request, _("项目已进入下一阶段。"))
    return redirect("projects:detail", project_id=project.pk)


def _project_form_view(form_class, context_name: str, write: Callable[..., Any], done: str):
    """A POST view that hands a valid form to ``write(by=, project=, form=)``; a refused form
    comes back on the project page (400) with its errors on the fields."""

    @member_required
    @require_POST
    def view(request: HttpRequest, project_id: int) -> HttpResponse:
        project, can_write = access.get_project_for_user(request.user, project_id)
        require(can_write)
        form = form_class(request.POST)
        if form.is_valid():
            try:
                write(by=request.user, project=project, form=form)
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, str(done))
                return redirect("projects:detail", project_id=project.pk)
        bound = {context_name: form}
        return _detail_page(request, project, can_write, bound=bound, status=400)

    return view


investment_record = _project_form_view(
    InvestmentForm,
    "investment_form",
    lambda by, project, form: services.investment_record(
        by=by, project=project, **form.cleaned_data
    ),
    gettext_lazy("年度投资已记录。"),
)
blocker_raise = _project_form_view(
    BlockerForm,
    "blocker_form",
    lambda by, project, form: services.blocker_raise(by=by, project=project, **form.cleaned_data),
    gettext_lazy("问题已登记。"),
)
factor_request_create = _project_form_view(
    FactorRequestForm,
    "request_form",
    lambda by, project, form: services.factor_request_create(
        by=by, project=project, **form.cleaned_data
    ),
    gettext_lazy("要素保障申请已提交,等待审批。"),
)


def _blocker_action(write: Callable[..., Any], done: str):
    @member_required
    @require_POST
    def view(request: HttpRequest, blocker_id: int) -> HttpResponse:
        blocker = get_object_or_404(Blocker.objects.select_related("project"), pk=blocker_id)
        access.get_project_for_user(request.user, blocker.project_id)  # 403 unless visible
        try:
            write(by=request.user, blocker=blocker)  # the service decides who may
        except ValidationError as error:
            _flash_errors(request, error)
        else:
            messages.success(request, str(done))
        return redirect("projects:detail", project_id=blocker.project_id)

    return view


blocker_escalate = _blocker_action(
    services.blocker_escalate, gettext_lazy("问题已提交市领导小组办公室协调。")
)
blocker_resolve = _blocker_action(services.blocker_resolve, gettext_lazy("问题已标记为解决。"))


@member_required
@require_POST
def factor_request_decide(request: HttpRequest, request_id: int) -> HttpResponse:
    """The city office approves an amount within the request and the quota, or denies."""
    factor_request = get_object_or_404(
        FactorRequest.objects.select_related("project"), pk=request_id
    )
    project, can_write = access.get_project_for_user(request.user, factor_request.project_id)
    require(access.may_decide_factors(request.user))
    form = FactorDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.factor_request_decide(
                by=request.user, request=factor_request, approved=form.amount
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("审批结果已保存。"))
            return redirect("projects:detail", project_id=project.pk)
    bound = {"decision_form": form, "failed_request_id": factor_request.pk}
    return _detail_page(request, project, can_write, bound=bound, status=400)


def _year(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return today().year


def _balances_page(request: HttpRequest, year: int, form: QuotaForm | None = None, status=200):
    rows = selectors.balances(year, access.districts_visible_to(request.user))
    return render(
        request,
        "projects/balances.html",
        {
            "year": year,
            "rows": [(r, division_name(r.district_code)) for r in rows],
            "can_decide": access.may_decide_factors(request.user),
            "quota_form": form or QuotaForm(initial={"year": year}),
        },
        status=status,
    )


@member_required
def balance_list(request: HttpRequest) -> HttpResponse:
    """Factor balances per district for a year; a district officer sees its own district."""
    require(access.sees_projects(request.user))
    return _balances_page(request, _year(request))


@member_required
@require_POST
def quota_set(request: HttpRequest) -> HttpResponse:
    """The city office sets (or changes) a district's yearly quota of one factor."""
    require(access.may_decide_factors(request.user))
    form = QuotaForm(request.POST)
    if form.is_valid():
        try:
            services.quota_set(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("要素指标已保存。"))
            year = form.cleaned_data["year"]
            return redirect(f"{reverse('projects:balances')}?year={year}")
    year = form.cleaned_data.get("year") or today().year
    return _balances_page(request, year, form, status=400)
