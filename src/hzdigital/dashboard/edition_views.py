"""The data-edition pages: the list with the publish button, and the revisions between two.

Who may publish is one helper, :func:`may_publish`: the statistics bureau's officers (the
statistician who vouches for the figures), the city office that imports the data, and staff.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET, require_POST

from hzdigital.accounts.access import membership_of
from hzdigital.accounts.models import Role
from hzdigital.dashboard import edition_reads, selectors
from hzdigital.monitoring import editions

STATISTICS_UNIT = "statistics"  # slug of 市统计局 in accounts.seed
NOTE_MAX_CHARS = 200
REVISIONS_SHOWN = 500  # rows on the page; the CLI and its --json list all

MEASURE_LABELS = {
    "enterprises": "企业数",
    "revenue": "营业收入(万元)",
    "value_added": "增加值(万元)",
    "employees": "从业人员",
    "rd_expense": "研发费用(万元)",
    "yoy_value_added": "增加值同比(%)",
    "share_of_city": "占全市(%)",
    "share_of_gdp": "占GDP(%)",
    "lq": "区位商",
    "rd_intensity": "研发强度(%)",
}


def may_publish(user: Any) -> bool:
    """Statistics-bureau officers, the city office and staff may publish an edition."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_staff:
        return True
    membership = membership_of(user)
    if membership is None:
        return False
    role = Role(membership.role)
    statistician = role == Role.DEPARTMENT_OFFICER and membership.unit.slug == STATISTICS_UNIT
    return statistician or role.imports_enterprise_data


def _lang() -> str:
    return "en" if (get_language() or "").startswith("en") else "zh"


@require_GET
def edition_list(request: HttpRequest) -> HttpResponse:
    found = editions.list_editions()
    rows = [
        {"edition": e, "previous": found[i + 1] if i + 1 < len(found) else None}
        for i, e in enumerate(found)
    ]
    context = {
        "rows": rows,
        "current": edition_reads.current_edition(),
        "may_publish": may_publish(request.user),
        "note_max": NOTE_MAX_CHARS,
    }
    return render(request, "dashboard/editions.html", context)


@require_POST
def edition_publish(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not may_publish(request.user):
        raise PermissionDenied
    note = request.POST.get("note", "").strip()[:NOTE_MAX_CHARS]
    lang = _lang()
    try:
        result = editions.publish_edition(by=request.user.get_username(), note=note)
    except editions.NothingToPublish:
        messages.error(request, editions.MSG_NOTHING_TO_PUBLISH.in_language(lang))
        return redirect("dashboard:editions")
    edition_reads.forget_resolved()
    if result.created:
        text = gettext("已发布数据版本 %(id)s。") % {"id": result.edition.edition_id}
        messages.success(request, text)
    else:
        text = gettext("数据与最新版本 %(id)s 相同,未发布新版本。")
        messages.info(request, text % {"id": result.edition.edition_id})
    return redirect("dashboard:editions")


@require_GET
def edition_revisions(request: HttpRequest, old: str, new: str) -> HttpResponse:
    try:
        found = editions.revisions(old, new)
    except editions.UnknownEdition as error:
        raise Http404(error.message.in_language(_lang(), **error.values)) from error
    measure = request.GET.get("measure", "")
    shown = [r for r in found if not measure or r.measure == measure]
    context = {
        "old": editions.get_edition(old),
        "new": editions.get_edition(new),
        "revisions": shown[:REVISIONS_SHOWN],
        "total": len(shown),
        "all_total": len(found),
        "truncated": len(shown) > REVISIONS_SHOWN,
        "measure": measure,
        "measures": [(key, gettext(label)) for key, label in MEASURE_LABELS.items()],
        "measure_labels": {key: gettext(label) for key, label in MEASURE_LABELS.items()},
        "division_names": selectors.display_division_names(),
        "category_names": selectors.category_names(),
    }
    return render(request, "dashboard/edition_revisions.html", context)
