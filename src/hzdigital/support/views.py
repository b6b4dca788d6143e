"""Support pages: policies and financing products (public), a policy's matched enterprises and
the push (officials), the enterprise portal (own profile, matches, applications), the
applications to decide, and the funds with their leverage. Thin views: access decides,
services write, selectors read."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from hzdigital.accounts.access import require
from hzdigital.eligibility.attributes import ATTRIBUTES
from hzdigital.eligibility.rules import RuleError
from hzdigital.support import access, selectors, services
from hzdigital.support.leverage import leverage
from hzdigital.support.models import Application, Fund, IcFundDocking, Policy, PolicyPush
from hzdigital.support.presenters import match_dict, value_words

member_required = login_required(login_url=reverse_lazy("accounts:login"))

PUSHED = "已推送给 {count} 家企业。 / Pushed to {count} enterprises."
APPLIED = "申请已提交。 / Application submitted."
DECIDED = "已审核。 / Decided."
MATCH_ROWS_SHOWN = 200  # a page of names; the counts above give the whole picture


def _conditions(policy: Policy) -> list[dict[str, str]]:
    try:
        rule = policy.as_rule()
    except RuleError as error:  # a rule edited into nonsense in the admin: say so, do not hide
        return [{"zh": str(error), "en": str(error)}]
    return [{"zh": c.describe("zh"), "en": c.describe("en")} for c in rule.conditions]


def policy_list(request: HttpRequest) -> HttpResponse:
    policies = Policy.objects.select_related("issuer")
    kinds = [(kind, kind.label, [p for p in policies if p.kind == kind]) for kind in Policy.Kind]
    return render(request, "support/policy_list.html",
                  {"kinds": kinds, "today": date.today()})  # fmt: skip


def policy_detail(request: HttpRequest, code: str) -> HttpResponse:
    policy = get_object_or_404(Policy.objects.select_related("issuer"), code=code)
    context = {"policy": policy, "conditions": _conditions(policy), "sees_matches": False}
    try:
        divisions = access.match_divisions_for(request.user)
    except PermissionDenied:
        divisions = []
    if divisions != []:
        year, counts, rows = selectors.policy_matches(policy, divisions)
        context.update(
            sees_matches=True, year=year, rows=rows[:MATCH_ROWS_SHOWN], shown=MATCH_ROWS_SHOWN,
            counts={s.name.lower(): n for s, n in counts.items()}, listed=len(rows),
            may_push=access.may_act_for_issuer(request.user, policy),
            pushes=PolicyPush.objects.filter(policy=policy).count(),
        )  # fmt: skip
    return render(request, "support/policy_detail.html", context)


@member_required
@require_POST
def policy_push(request: HttpRequest, code: str) -> HttpResponse:
    policy = get_object_or_404(Policy, code=code)
    count = services.policy_push(user=request.user, policy=policy)
    messages.success(request, PUSHED.format(count=count))
    return redirect("support:policy", code=code)


def _matches_page(request: HttpRequest, uscc: str, portal: bool) -> HttpResponse:
    policies = list(Policy.objects.in_force(date.today()).select_related("issuer"))
    found = selectors.enterprise_matches(uscc, policies)
    by_code = {p.code: p for p in policies}
    matches = [
        {**match_dict(m, by_code[m.policy.code].kind, by_code[m.policy.code].is_demo),
         "financing": by_code[m.policy.code].is_financing_product}
        for m in found.matches
    ]  # fmt: skip
    values = [
        (a, found.values.get(a.key) is None, value_words(a, found.values.get(a.key)))
        for a in ATTRIBUTES
    ]
    context = {
        "found": found,
        "matches": matches,
        "values": values,
        "portal": portal,
        "pushes": PolicyPush.objects.filter(uscc=uscc).select_related("policy"),
        "applications": Application.objects.filter(enterprise__uscc=uscc).select_related("policy"),
    }
    return render(request, "support/portal.html", context)


@member_required
def portal(request: HttpRequest) -> HttpResponse:
    enterprise = access.enterprise_of(request.user)
    return _matches_page(request, enterprise.uscc, portal=True)


@member_required
def enterprise_matches(request: HttpRequest, uscc: str) -> HttpResponse:
    data = selectors.enterprises([uscc])
    division = data.frame["division_code"].iloc[0] if "division_code" in data.frame else None
    require(
        access.sees_enterprise(request.user, uscc, division if isinstance(division, str) else None)
    )
    return _matches_page(request, uscc, portal=False)


@member_required
@require_POST
def portal_apply(request: HttpRequest, code: str) -> HttpResponse:
    policy = get_object_or_404(Policy, code=code)
    try:
        services.application_submit(user=request.user, policy=policy,
                                    note=request.POST.get("note", ""))  # fmt: skip
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, APPLIED)
    return redirect("support:portal")


@member_required
def application_list(request: HttpRequest) -> HttpResponse:
    require(access.sees_applications(request.user))
    applications = list(access.applications_visible_to(request.user))
    rows = [(a, access.may_act_for_issuer(request.user, a.policy)) for a in applications]
    return render(request, "support/applications.html", {"rows": rows})


@member_required
@require_POST
def application_decide(request: HttpRequest, application_id: int) -> HttpResponse:
    application = get_object_or_404(Application.objects.select_related("policy"), pk=application_id)
    try:
        services.application_decide(
            user=request.user, application=application,
            decision=request.POST.get("decision", ""), reason=request.POST.get("reason", ""),
        )  # fmt: skip
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, DECIDED)
    return redirect("support:applications")


@member_required
def fund_list(request: HttpRequest) -> HttpResponse:
    require(access.sees_funds(request.user))
    funds = list(Fund.objects.select_related("sponsor").prefetch_related("investments"))
    pairs = [(i.fiscal_wan_yuan, i.social_wan_yuan) for f in funds for i in f.investments.all()]
    context = {
        "funds": funds,
        "total_fiscal": sum((p[0] for p in pairs), start=0),
        "total_social": sum((p[1] for p in pairs), start=0),
        "total_leverage": leverage(pairs),
        "dockings": IcFundDocking.objects.all(),
        "any_demo": any(f.is_demo for f in funds),
    }
    return render(request, "support/funds.html", context)
