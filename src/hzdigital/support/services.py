"""Writes: pushing a policy to the enterprises it fits, applying, deciding an application.
Each checks who may do it (``access``) and runs in one transaction."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hzdigital.accounts.access import require
from hzdigital.eligibility.match import Status
from hzdigital.lib.messages import Message
from hzdigital.support import access, selectors
from hzdigital.support.models import Application, Policy, PolicyPush

NOT_MATCHED = Message(
    "贵企业不符合该政策的条件,不能申请", "Your enterprise does not meet this policy's conditions"
)
ALREADY_APPLIED = Message(
    "已有一份待审核的申请", "An application for this policy is already awaiting a decision"
)
NOT_PENDING = Message("该申请已审核", "This application has already been decided")
REASON_NEEDED = Message("不通过时须写明理由", "A rejection needs a reason")
DECISIONS = {"approve": Application.Status.APPROVED, "reject": Application.Status.REJECTED}
UNKNOWN_DECISION = Message("审核结论应为 approve 或 reject", "The decision is approve or reject")


@transaction.atomic
def policy_push(*, user: Any, policy: Policy) -> int:
    """Record a push to every enterprise the policy fits (eligible or unknown) in the user's
    view; an enterprise already pushed is not pushed twice. Returns how many are new."""
    require(access.may_act_for_issuer(user, policy))
    _, _, rows = selectors.policy_matches(policy, access.match_divisions_for(user))
    done = set(PolicyPush.objects.filter(policy=policy).values_list("uscc", flat=True))
    new = [
        PolicyPush(
            policy=policy,
            uscc=row.uscc,
            enterprise_name=row.name,
            status=row.status.name.lower(),
            pushed_by=user,
        )  # fmt: skip
        for row in rows
        if row.uscc not in done
    ]
    PolicyPush.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def application_submit(*, user: Any, policy: Policy, note: str = "") -> Application:
    """An enterprise applies; only where it is eligible or its eligibility is unknown."""
    enterprise = access.enterprise_of(user)
    found = selectors.enterprise_matches(enterprise.uscc, [policy]).matches[0]
    if found.status is Status.NOT_ELIGIBLE:
        raise ValidationError(NOT_MATCHED.render())
    pending = Application.objects.filter(
        policy=policy, enterprise=enterprise, status=Application.Status.SUBMITTED
    )
    if pending.exists():
        raise ValidationError(ALREADY_APPLIED.render())
    application = Application(policy=policy, enterprise=enterprise, note=note,
                              match_status=found.status.name.lower())  # fmt: skip
    application.full_clean()
    application.save()
    return application


@transaction.atomic
def application_decide(*, user: Any, application: Application, decision: str, reason: str = ""):
    require(access.may_act_for_issuer(user, application.policy))
    if decision not in DECISIONS:
        raise ValidationError(UNKNOWN_DECISION.render())
    if application.status != Application.Status.SUBMITTED:
        raise ValidationError(NOT_PENDING.render())
    if decision == "reject" and not reason.strip():
        raise ValidationError(REASON_NEEDED.render())
    application.status = DECISIONS[decision]
    application.decision_reason = reason.strip()
    application.decided_at = timezone.now()
    application.decided_by = user
    application.full_clean()
    application.save()
    return application
