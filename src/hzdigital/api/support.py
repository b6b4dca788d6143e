"""Enterprise support over the API, with the pages' permissions (``support.access``):

- ``GET /support/policies``, ``GET /support/policies/{code}``: public, like the pages;
- ``GET /support/policies/{code}/enterprises``: officials (a district officer: own district);
- ``POST /support/policies/{code}/push``: the issuing department or the city office;
- ``GET /support/matches``: an enterprise user's own matches, every condition explained;
- ``GET /support/enterprises/{uscc}/matches``: officials, or that enterprise's own user;
- ``GET/POST /support/applications``, ``POST /support/applications/{id}/decision``;
- ``GET /support/funds`` (with leverage) and ``GET /support/ic-fund-dockings``: officials.

Status words are ``eligible | not_eligible | unknown``; route ``automatic`` (免申即享) |
``apply`` | ``none``. Demo and synthetic data carry ``is_demo`` / ``synthetic``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from hzdigital.accounts.access import require
from hzdigital.api.reads import Detail, Unprocessable
from hzdigital.api.supervision import MemberSession
from hzdigital.support import access, selectors, services
from hzdigital.support.leverage import leverage
from hzdigital.support.models import Application, Fund, IcFundDocking, Policy
from hzdigital.support.presenters import STATUS_WORDS, match_dict

router = Router(tags=["support"])
MEMBERS = MemberSession()


class PolicyOut(Schema):
    code: str
    kind: str
    kind_label: str
    title_zh: str
    title_en: str
    issuer: str
    published_on: date
    valid_from: date
    valid_until: date | None
    text_zh: str
    conditions: list[dict[str, Any]]  # as stored: {attribute, operator, value, unit}
    rules_zh: list[str]  # each condition as a sentence
    rules_en: list[str]
    documents: list[dict[str, str]]
    provider: str
    max_amount_wan_yuan: float | None
    is_demo: bool


class MatchedOut(Schema):
    uscc: str
    name: str
    division_code: str
    status: str
    synthetic: bool
    pushed: bool


class PolicyEnterprisesOut(Schema):
    policy: str
    year: int | None  # warehouse year of the figures
    counts: dict[str, int]  # eligible / unknown / not_eligible
    enterprises: list[MatchedOut]  # eligible first, then unknown


class MatchesOut(Schema):
    uscc: str
    year: int | None
    in_warehouse: bool
    name: str
    synthetic: bool
    profile_is_demo: bool | None  # None: no profile (those attributes are unknown)
    values: dict[str, Any]
    matches: list[dict[str, Any]]


class ApplicationOut(Schema):
    id: int
    policy: str
    enterprise: str
    status: str
    match_status: str
    note: str
    decision_reason: str
    is_demo: bool


class ApplyIn(Schema):
    policy: str
    note: str = ""


class ApplicationDecisionIn(Schema):
    decision: str  # approve | reject
    reason: str = ""


class SupportRefusal(Schema):
    detail: str


def _policy(p: Policy) -> dict[str, Any]:
    try:
        conditions = p.as_rule().conditions
    except ValueError:
        conditions = ()
    return {
        "code": p.code, "kind": p.kind, "kind_label": p.get_kind_display(),
        "title_zh": p.title_zh, "title_en": p.title_en, "issuer": p.issuer.name_zh,
        "published_on": p.published_on, "valid_from": p.valid_from, "valid_until": p.valid_until,
        "text_zh": p.text_zh, "conditions": list(p.conditions),
        "rules_zh": [c.describe("zh") for c in conditions],
        "rules_en": [c.describe("en") for c in conditions],
        "documents": list(p.documents), "provider": p.provider,
        "max_amount_wan_yuan": float(p.max_amount_wan_yuan) if p.max_amount_wan_yuan else None,
        "is_demo": p.is_demo,
    }  # fmt: skip


def _application(a: Application) -> dict[str, Any]:
    return {
        "id": a.pk, "policy": a.policy.code, "enterprise": a.enterprise.name_zh,
        "status": a.status, "match_status": a.match_status, "note": a.note,
        "decision_reason": a.decision_reason, "is_demo": a.is_demo,
    }  # fmt: skip


@router.get("/support/policies", response=list[PolicyOut])
def policy_list(request: HttpRequest):
    """Every policy and financing product with its rules and documents (public)."""
    return [_policy(p) for p in Policy.objects.select_related("issuer")]


@router.get("/support/policies/{code}", response={200: PolicyOut, 404: Detail, 422: Unprocessable})
def policy_detail(request: HttpRequest, code: str):
    """One policy or product (public)."""
    return _policy(get_object_or_404(Policy.objects.select_related("issuer"), code=code))


@router.get(
    "/support/policies/{code}/enterprises", auth=MEMBERS,
    response={200: PolicyEnterprisesOut, 401: Detail, 403: Detail, 404: Detail, 422: Unprocessable},
)  # fmt: skip
def policy_enterprises(request: HttpRequest, code: str):
    """The enterprises the policy fits (eligible) or may fit (unknown), with counts by status;
    a district officer sees the own district only."""
    policy = get_object_or_404(Policy, code=code)
    divisions = access.match_divisions_for(request.user)
    year, counts, rows = selectors.policy_matches(policy, divisions)
    return {
        "policy": policy.code, "year": year,
        "counts": {STATUS_WORDS[s][0]: n for s, n in counts.items()},
        "enterprises": [
            {"uscc": r.uscc, "name": r.name, "division_code": r.division_code,
             "status": STATUS_WORDS[r.status][0], "synthetic": r.synthetic, "pushed": r.pushed}
            for r in rows
        ],
    }  # fmt: skip


@router.post(
    "/support/policies/{code}/push", auth=MEMBERS,
    response={200: dict[str, int], 401: Detail, 403: Detail, 404: Detail},
)  # fmt: skip
def policy_push(request: HttpRequest, code: str):
    """Push the policy to the enterprises it fits; ``{"pushed": new pushes}``."""
    policy = get_object_or_404(Policy, code=code)
    return {"pushed": services.policy_push(user=request.user, policy=policy)}


def _matches(uscc: str) -> dict[str, Any]:
    policies = list(Policy.objects.in_force(date.today()).select_related("issuer"))
    by_code = {p.code: p for p in policies}
    found = selectors.enterprise_matches(uscc, policies)
    return {
        "uscc": uscc, "year": found.year, "in_warehouse": found.in_warehouse,
        "name": found.name, "synthetic": found.synthetic,
        "profile_is_demo": found.profile.is_demo if found.profile else None,
        "values": found.values,
        "matches": [
            match_dict(m, by_code[m.policy.code].kind, by_code[m.policy.code].is_demo)
            for m in found.matches
        ],
    }  # fmt: skip


@router.get("/support/matches", auth=MEMBERS, response={200: MatchesOut, 401: Detail, 403: Detail})
def my_matches(request: HttpRequest):
    """The signed-in enterprise's own matches with every condition explained."""
    return _matches(access.enterprise_of(request.user).uscc)


@router.get(
    "/support/enterprises/{uscc}/matches", auth=MEMBERS,
    response={200: MatchesOut, 401: Detail, 403: Detail, 422: Unprocessable},
)  # fmt: skip
def enterprise_matches(request: HttpRequest, uscc: str):
    """One enterprise's matches: officials (a district officer: own district), or its own user."""
    data = selectors.enterprises([uscc])
    division = data.frame["division_code"].iloc[0] if "division_code" in data.frame else None
    require(
        access.sees_enterprise(request.user, uscc, division if isinstance(division, str) else None)
    )
    return _matches(uscc)


@router.get(
    "/support/applications", auth=MEMBERS,
    response={200: list[ApplicationOut], 401: Detail, 403: Detail},
)  # fmt: skip
def application_list(request: HttpRequest):
    """Applications the user may see: own (enterprise), own policies' (department), all."""
    require(access.sees_applications(request.user))
    return [_application(a) for a in access.applications_visible_to(request.user)]


@router.post(
    "/support/applications", auth=MEMBERS,
    response={201: ApplicationOut, 400: SupportRefusal, 401: Detail, 403: Detail, 404: Detail},
)  # fmt: skip
def application_submit(request: HttpRequest, payload: ApplyIn):
    """The signed-in enterprise applies (only where eligible or unknown)."""
    policy = get_object_or_404(Policy, code=payload.policy)
    try:
        made = services.application_submit(user=request.user, policy=policy, note=payload.note)
    except ValidationError as error:
        return Status(400, {"detail": " ".join(error.messages)})
    return Status(201, _application(made))


@router.post(
    "/support/applications/{application_id}/decision", auth=MEMBERS,
    response={200: ApplicationOut, 400: SupportRefusal, 401: Detail, 403: Detail, 404: Detail},
)  # fmt: skip
def application_decide(request: HttpRequest, application_id: int, payload: ApplicationDecisionIn):
    """Approve or reject (with a reason) — the issuing department or the city office."""
    application = get_object_or_404(Application.objects.select_related("policy"), pk=application_id)
    try:
        services.application_decide(user=request.user, application=application,
                                    decision=payload.decision, reason=payload.reason)  # fmt: skip
    except ValidationError as error:
        return Status(400, {"detail": " ".join(error.messages)})
    return _application(application)


def _money(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


@router.get(
    "/support/funds", auth=MEMBERS, response={200: dict[str, Any], 401: Detail, 403: Detail}
)
def fund_list(request: HttpRequest):
    """Government industry funds: investments, fiscal money, social capital drawn and leverage
    (= social ÷ fiscal, null without fiscal money), per fund and in total."""
    require(access.sees_funds(request.user))
    funds = list(Fund.objects.select_related("sponsor").prefetch_related("investments"))
    pairs = [(i.fiscal_wan_yuan, i.social_wan_yuan) for f in funds for i in f.investments.all()]
    return {
        "leverage_definition": "social_wan_yuan / fiscal_wan_yuan, summed over investments",
        "fiscal_wan_yuan": _money(sum((p[0] for p in pairs), Decimal("0"))),
        "social_wan_yuan": _money(sum((p[1] for p in pairs), Decimal("0"))),
        "leverage": _money(leverage(pairs)),
        "funds": [
            {"name_zh": f.name_zh, "manager": f.manager, "sponsor": f.sponsor.name_zh,
             "is_demo": f.is_demo, "fiscal_commitment_wan_yuan": _money(f.fiscal_commitment_wan_yuan),
             "fiscal_wan_yuan": _money(f.fiscal_invested_wan_yuan),
             "social_wan_yuan": _money(f.social_drawn_wan_yuan), "leverage": _money(f.leverage),
             "investments": [
                 {"investee_name": i.investee_name, "invested_on": i.invested_on.isoformat(),
                  "fiscal_wan_yuan": _money(i.fiscal_wan_yuan),
                  "social_wan_yuan": _money(i.social_wan_yuan)}
                 for i in f.investments.all()
             ]}
            for f in funds
        ],
    }  # fmt: skip


@router.get(
    "/support/ic-fund-dockings", auth=MEMBERS,
    response={200: list[dict[str, Any]], 401: Detail, 403: Detail},
)  # fmt: skip
def ic_fund_dockings(request: HttpRequest):
    """Docking records with 国家集成电路产业投资基金."""
    require(access.sees_funds(request.user))
    return [
        {"enterprise_name": d.enterprise_name, "uscc": d.uscc, "division_code": d.division_code,
         "project_zh": d.project_zh, "stage": d.stage, "stage_label": d.get_stage_display(),
         "amount_sought_wan_yuan": _money(d.amount_sought_wan_yuan),
         "docked_on": d.docked_on.isoformat(), "is_demo": d.is_demo}
        for d in IcFundDocking.objects.all()
    ]  # fmt: skip
