"""Excel pages of major projects: the template, its upload, the list and balance exports.

``projects.access`` decides, as on the pages: a district officer uploads and exports its own
district's projects, the city office and auditors see every district (auditors write nothing).
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse_lazy

from hzdigital.accounts.access import require, role_of
from hzdigital.projects import access, excel
from hzdigital.supervision.excel_views import export_response, upload_page, xlsx_response

member_required = login_required(login_url=reverse_lazy("accounts:login"))


def may_upload_projects(user) -> bool:
    """Whoever writes some district's projects: the city office and district officers."""
    role = role_of(user)
    return access.sees_projects(user) and not role.is_read_only


@member_required
def project_template(request: HttpRequest) -> HttpResponse:
    require(may_upload_projects(request.user))
    return xlsx_response(excel.template_bytes(), "重大项目导入模板.xlsx")


@member_required
def project_upload(request: HttpRequest) -> HttpResponse:
    require(may_upload_projects(request.user))
    return upload_page(
        request,
        template="projects/excel_upload.html",
        run=lambda content, name: excel.upload(content, name, by=request.user),
        done="projects:list",
        context={},
    )


@member_required
def export_projects(request: HttpRequest) -> HttpResponse:
    require(access.sees_projects(request.user))
    table = excel.projects_table(
        request.user,
        stage=request.GET.get("stage", ""),
        district=request.GET.get("district", ""),
    )
    return export_response(table, "projects")


def year_param(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("year", date.today().year))
    except ValueError:
        return date.today().year


@member_required
def export_balances(request: HttpRequest) -> HttpResponse:
    require(access.sees_projects(request.user))
    year = year_param(request)
    return export_response(excel.balances_table(request.user, year=year), f"balances-{year}")
