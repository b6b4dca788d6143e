"""Template tags for the Excel buttons: show an upload button only to those who may upload
(the same predicates the upload views require), so nobody is offered a 403."""

from __future__ import annotations

from django import template

from hzdigital.projects.excel_views import may_upload_projects
from hzdigital.supervision import access

register = template.Library()


@register.simple_tag
def can_upload_work_points(user) -> bool:
    return access.may_manage_work_points(user)


@register.simple_tag
def can_upload_projects(user) -> bool:
    return may_upload_projects(user)
