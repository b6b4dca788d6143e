"""The import page: upload, a job page that polls its stage, the rejects download, the log.

Who may import is decided by one helper, :func:`may_import`; the roles issue will replace its
body with a named capability, and every import view follows it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from hzdigital.accounts.access import role_of
from hzdigital.dashboard import enterprise_reads, imports
from hzdigital.dashboard import messages as msg
from hzdigital.dashboard.models import ImportJob
from hzdigital.warehouse.rules import RULES_BY_CODE

POLL_SECONDS = 1  # how often the job page asks for the stage while the import runs
TOP_REASONS = 5


def may_import(user) -> bool:
    """Whether ``user`` may load data into the warehouse: the city office's role, or staff.

    An import replaces enterprise-years of every district, so no district or department role
    may run one; staff (the platform's administrators) keep the right for data maintenance.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_staff or role_of(user).imports_enterprise_data


def import_access_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors go to the login page; signed-in users without the right get 403."""

    @wraps(view)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_import(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


def _reasons(job: ImportJob, lang_en: bool) -> list[dict[str, object]]:
    """The most frequent broken rules, with the field and the rule's message in words."""
    reasons = []
    for code, count in list(job.reasons.items())[:TOP_REASONS]:
        rule = RULES_BY_CODE.get(code)
        text = ""
        if rule is not None:
            text = (rule.message.en if lang_en else rule.message.zh).replace("{value}", "…")
        reasons.append(
            {"code": code, "rows": count, "field": rule.field if rule else "", "text": text}
        )
    return reasons


@import_access_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        try:
            job = imports.import_job_create(
                user=request.user,
                upload=request.FILES.get("file"),
                synthetic=request.POST.get("synthetic") == "on",
            )
        except imports.UploadRejected as exc:
            error = str(exc)
        else:
            imports.import_job_start(job)
            return redirect("dashboard:import_job", job_id=job.id)
    context = {
        "error": error,
        "jobs": ImportJob.objects.all()[:10],
        "log": enterprise_reads.imports_log(),
        "suffixes": ", ".join(imports.UPLOAD_SUFFIXES),
        "max_mb": imports.MAX_UPLOAD_MB,
    }
    return render(request, "dashboard/import.html", context, status=400 if error else 200)


@import_access_required
@require_GET
def import_job(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    """The job's page; HTMX asks for the status fragment until the job has finished."""
    from hzdigital.plan.templatetags.hzweb import is_english

    job = get_object_or_404(ImportJob, pk=job_id)
    context = {
        "job": job,
        "stage": msg.STAGE_LABELS[job.status],
        "reasons": _reasons(job, is_english()),
        "error": (job.error_en if is_english() else job.error_zh),
        "poll_seconds": POLL_SECONDS,
    }
    fragment = request.headers.get("HX-Request") == "true"
    template = "dashboard/_import_job.html" if fragment else "dashboard/import_job.html"
    return render(request, template, context)


@import_access_required
@require_GET
def quarantine_download(request: HttpRequest, import_id: str) -> FileResponse:
    path = enterprise_reads.quarantine_file(import_id)
    if path is None:
        raise Http404(msg.NO_REJECTS % {"import_id": import_id})
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"rejects-{import_id}.csv",
        content_type="text/csv; charset=utf-8",
    )
