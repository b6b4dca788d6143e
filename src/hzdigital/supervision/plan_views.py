"""A unit's 实施方案 (write, submit; the office accepts or returns it) and the in-app notices
(each recipient marks theirs read). Thin views: access helpers decide, services write."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hzdigital.accounts.access import require, role_of, unit_of
from hzdigital.accounts.models import OrgUnit
from hzdigital.supervision import access, selectors, services
from hzdigital.supervision.forms import (
    ImplementationPlanForm,
    ReviewForm,
    in_page_language,
    show_service_errors,
)
from hzdigital.supervision.models import ImplementationPlan
from hzdigital.supervision.views import member_required


def _plans_url() -> str:
    return reverse("supervision:plans")


def _year(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return selectors.today().year


def _plans_page(request: HttpRequest, *, year: int, failed=None, status: int = 200):
    role = role_of(request.user)
    plans = ImplementationPlan.objects.filter(year=year).select_related("unit", "reviewed_by")
    own_unit = unit_of(request.user)
    if not role.sees_all_units:
        plans = plans.filter(unit=own_unit)
    may_write_own = own_unit is not None and access.may_write_plan_of(request.user, own_unit)
    return render(
        request,
        "supervision/plans.html",
        {
            "year": year,
            "rows": [
                (plan, access.may_write_plan_of(request.user, plan.unit))
                for plan in plans.prefetch_related("work_points")
            ],
            "own_unit": own_unit if may_write_own else None,
            "own_plan_exists": plans.filter(unit=own_unit).exists(),
            "can_review": access.may_review(request.user),
            "form": ReviewForm(),
            "failed": failed,  # (plan, bound review form) after a refused review
        },
        status=status,
    )


@member_required
def plan_list(request: HttpRequest) -> HttpResponse:
    """The year's 实施方案: the office sees every unit's, a unit its own."""
    role = role_of(request.user)
    require(role.sees_all_units or role.writes_implementation_plans)
    return _plans_page(request, year=_year(request))


@member_required
def plan_edit(request: HttpRequest, year: int, unit_slug: str) -> HttpResponse:
    """Write the unit's plan of the year (creating it on first save)."""
    unit = get_object_or_404(OrgUnit, slug=unit_slug)
    require(access.may_write_plan_of(request.user, unit))
    plan = ImplementationPlan.objects.filter(unit=unit, year=year).first()
    points = access.work_points_visible_to(request.user).filter(year=year)
    initial = {}
    if plan is not None:
        initial = {"title_zh": plan.title_zh, "summary_zh": plan.summary_zh}
        initial["work_points"] = list(plan.work_points.all())
    form = ImplementationPlanForm(request.POST or None, initial=initial, work_points=points)
    if request.method == "POST" and form.is_valid():
        try:
            services.implementation_plan_save(
                by=request.user, unit=unit, year=year, **form.cleaned_data
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("实施方案已保存为草稿,提交后由领导小组办公室审核。"))
            return redirect(f"{_plans_url()}?year={year}")
    return render(
        request,
        "supervision/plan_form.html",
        {"form": form, "plan": plan, "unit": unit, "year": year},
        status=400 if form.errors else 200,
    )


@member_required
@require_POST
def plan_submit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan, can_write = access.get_plan_for_user(request.user, plan_id)
    require(can_write)
    try:
        services.implementation_plan_submit(by=request.user, plan=plan)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, in_page_language(problem))
    else:
        messages.success(request, _("实施方案已提交,等待领导小组办公室审核。"))
    return redirect(f"{_plans_url()}?year={plan.year}")


@member_required
@require_POST
def plan_review(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan, _can_write = access.get_plan_for_user(request.user, plan_id)
    require(access.may_review(request.user))
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.implementation_plan_review(
                by=request.user,
                plan=plan,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            show_service_errors(form, error, aliases={"return_reason": "reason"})
        else:
            accepted = form.cleaned_data["decision"] == "accepted"
            messages.success(
                request, _("已采纳该实施方案。") if accepted else _("已退回该实施方案。")
            )
            return redirect(f"{_plans_url()}?year={plan.year}")
    return _plans_page(request, year=plan.year, failed=(plan, form), status=400)


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("supervision:workspace")


@member_required
@require_POST
def notice_read(request: HttpRequest, notice_id: int) -> HttpResponse:
    """Mark one notice read; someone else's notice is refused (403)."""
    notice = access.get_notice_for_user(request.user, notice_id)
    services.notice_mark_read(by=request.user, notice=notice)
    return _back(request)


@member_required
@require_POST
def notices_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notices_mark_all_read(by=request.user)
    messages.success(request, _("已将 %(count)d 条提醒标为已读。") % {"count": count})
    return _back(request)
