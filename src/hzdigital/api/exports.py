"""Exports over the API: each list a user can see, as the .xlsx the pages' export buttons give.

The rows are built by the same functions as the pages' exports (``supervision.excel``,
``projects.excel``, ``techlist.excel``), so a district officer's download over the API holds
exactly what its pages show, with the source / as-of line and demo rows labelled. Published
work points and tech lists are open to everyone; the rest needs a signed-in session.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from hzdigital.accounts.access import require
from hzdigital.api.projects import ProjectFilter
from hzdigital.api.reads import YEAR_MAX, YEAR_MIN, Detail, Unprocessable
from hzdigital.api.supervision import MemberSession
from hzdigital.lib.xlsx import ExportTable
from hzdigital.projects import access as project_access
from hzdigital.projects import excel as project_excel
from hzdigital.supervision import excel as supervision_excel
from hzdigital.supervision.excel_views import XLSX, export_response
from hzdigital.techlist.excel import items_table

router = Router(tags=["exports"])

# The body is a workbook, not JSON: the spec says so, so clients and schemathesis expect it.
XLSX_SPEC = {
    "responses": {
        "200": {
            "description": "An .xlsx workbook (attachment): title, source / as-of line, "
            "Chinese and English header rows, then the rows",
            "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}
MEMBER_ERRORS = {401: Detail, 403: Detail, 422: Unprocessable}


class YearFilter(Schema):
    year: int | None = Field(None, ge=YEAR_MIN, le=YEAR_MAX)


def _xlsx(table: ExportTable, stem: str):
    return export_response(table, stem)


@router.get("/exports/work-points.xlsx", response={422: Unprocessable}, openapi_extra=XLSX_SPEC)
def work_points(request: HttpRequest):
    """Work points the visitor may see (the public: published ones)."""
    return _xlsx(supervision_excel.work_points_table(request.user), "work-points")


@router.get(
    "/exports/tasks.xlsx", auth=MemberSession(), response=MEMBER_ERRORS, openapi_extra=XLSX_SPEC
)
def tasks(request: HttpRequest):
    """Tasks with their status computed today: the office and auditors all, a unit its own."""
    require(supervision_excel.may_export_tasks(request.user))
    return _xlsx(supervision_excel.tasks_table(request.user), "tasks")


@router.get(
    "/exports/reports.xlsx", auth=MemberSession(), response=MEMBER_ERRORS, openapi_extra=XLSX_SPEC
)
def reports(request: HttpRequest):
    """Progress reports of the tasks the user may see, with their review state."""
    require(supervision_excel.may_export_tasks(request.user))
    return _xlsx(supervision_excel.reports_table(request.user), "reports")


@router.get(
    "/exports/projects.xlsx", auth=MemberSession(), response=MEMBER_ERRORS, openapi_extra=XLSX_SPEC
)
def projects(request: HttpRequest, filters: Query[ProjectFilter]):
    """Major projects (a district officer: its district), filtered like the list page."""
    require(project_access.sees_projects(request.user))
    table = project_excel.projects_table(
        request.user, stage=filters.stage, district=filters.district
    )
    return _xlsx(table, "projects")


@router.get(
    "/exports/balances.xlsx", auth=MemberSession(), response=MEMBER_ERRORS, openapi_extra=XLSX_SPEC
)
def balances(request: HttpRequest, filters: Query[YearFilter]):
    """Factor balances per district for ``year`` (default this year)."""
    require(project_access.sees_projects(request.user))
    year = filters.year or date.today().year
    return _xlsx(project_excel.balances_table(request.user, year=year), f"balances-{year}")


@router.get("/exports/techlist.xlsx", response={422: Unprocessable}, openapi_extra=XLSX_SPEC)
def techlist(request: HttpRequest, filters: Query[YearFilter]):
    """Items of the tech-list editions the visitor may see, or of one ``year``."""
    stem = f"techlist-{filters.year}" if filters.year else "techlist"
    return _xlsx(items_table(request.user, year=filters.year), stem)
