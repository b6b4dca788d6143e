"""Excel pages of supervision: the work-point template, its upload, and list exports.

Who may do what is decided by ``supervision.access`` (the same helpers as the pages): the
office downloads and uploads the template; every list exports exactly the rows its page shows
the user. A refused upload re-renders the page with each error and offers the workbook back
with a 错误原因 column.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import content_disposition_header

from hzdigital.accounts.access import require
from hzdigital.lib.messages import Message
from hzdigital.lib.xlsx import ExportTable, export_workbook
from hzdigital.supervision import access, excel
from hzdigital.supervision.excel_rows import UploadResult

member_required = login_required(login_url=reverse_lazy("accounts:login"))

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
NOT_XLSX = Message("请上传 .xlsx 文件(不超过 5 MB)", "Upload an .xlsx file of at most 5 MB")
IMPORTED = Message(
    "导入完成:新建 {created} 行,已存在未变 {unchanged} 行",
    "Imported: {created} rows created, {unchanged} rows already saved and unchanged",
)


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def export_response(table: ExportTable, stem: str) -> HttpResponse:
    day = timezone.localdate().isoformat()
    return xlsx_response(export_workbook([table]), f"{stem}-{day}.xlsx")


def uploaded_workbook(request: HttpRequest) -> tuple[bytes, str] | None:
    """The posted ``file`` if it is a small .xlsx; None (and a message) otherwise."""
    upload = request.FILES.get("file")
    if upload is None or not (upload.name or "").lower().endswith(".xlsx"):
        messages.error(request, NOT_XLSX.render())
        return None
    if (upload.size or 0) > MAX_UPLOAD_BYTES:
        messages.error(request, NOT_XLSX.render())
        return None
    return upload.read(), upload.name or "upload.xlsx"


def upload_page(
    request: HttpRequest,
    *,
    template: str,
    run: Callable[[bytes, str], UploadResult],
    done: str,
    context: dict[str, Any],
) -> HttpResponse:
    """GET: the form. POST: import; success redirects to ``done``, failure lists the errors."""
    result = None
    if request.method == "POST":
        posted = uploaded_workbook(request)
        if posted is not None:
            content, name = posted
            result = run(content, name)
            if result.ok:
                created, unchanged = sum(result.created.values()), sum(result.unchanged.values())
                messages.success(request, IMPORTED.render(created=created, unchanged=unchanged))
                return redirect(done)
    error_file = None
    if result is not None and result.error_workbook:
        error_file = base64.b64encode(result.error_workbook).decode("ascii")
    return render(
        request,
        template,
        context | {"result": result, "error_file": error_file, "xlsx_type": XLSX},
    )


@member_required
def work_point_template(request: HttpRequest) -> HttpResponse:
    require(access.may_manage_work_points(request.user))
    return xlsx_response(excel.template_bytes(), "工作要点导入模板.xlsx")


@member_required
def work_point_upload(request: HttpRequest) -> HttpResponse:
    require(access.may_manage_work_points(request.user))
    return upload_page(
        request,
        template="supervision/excel_upload.html",
        run=lambda content, name: excel.upload(content, name, by=request.user),
        done="supervision:points",
        context={},
    )


def export_work_points(request: HttpRequest) -> HttpResponse:
    """Open like the work-point page: the public gets the published points."""
    return export_response(excel.work_points_table(request.user), "work-points")


@member_required
def export_tasks(request: HttpRequest) -> HttpResponse:
    require(excel.may_export_tasks(request.user))
    return export_response(excel.tasks_table(request.user), "tasks")


@member_required
def export_reports(request: HttpRequest) -> HttpResponse:
    require(excel.may_export_tasks(request.user))
    return export_response(excel.reports_table(request.user), "reports")
