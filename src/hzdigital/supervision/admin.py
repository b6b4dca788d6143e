"""Supervision in the admin, with django-simple-history's history page on each object."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from hzdigital.supervision.models import (
    Attachment,
    ImplementationPlan,
    Milestone,
    Notice,
    ProgressReport,
    Task,
    WorkPoint,
)


class TaskInline(admin.TabularInline):
    model = Task
    extra = 0
    fields = ["title_zh", "lead_unit", "start", "deadline", "target_value", "target_unit"]
    show_change_link = True


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["original_name", "size_bytes"]


@admin.register(WorkPoint)
class WorkPointAdmin(SimpleHistoryAdmin):
    list_display = ["year", "ident", "title_zh", "measure", "indicator_key", "published"]
    list_filter = ["year", "published", "is_demo"]
    search_fields = ["title_zh", "title_en"]
    inlines = [TaskInline]


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    list_display = ["title_zh", "work_point", "lead_unit", "start", "deadline"]
    list_filter = ["work_point__year", "lead_unit__kind", "is_demo"]
    search_fields = ["title_zh", "lead_unit__name_zh"]
    filter_horizontal = ["co_units"]
    inlines = [MilestoneInline]


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    list_display = ["task", "period", "percent", "review", "submitted_by", "submitted_at"]
    list_filter = ["review", "period", "is_demo"]
    search_fields = ["task__title_zh", "text"]
    inlines = [AttachmentInline]


@admin.register(ImplementationPlan)
class ImplementationPlanAdmin(SimpleHistoryAdmin):
    list_display = ["year", "unit", "title_zh"]
    list_filter = ["year", "unit__kind"]
    filter_horizontal = ["work_points"]


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "task", "recipient", "emailed", "read_at"]
    list_filter = ["kind", "day", "emailed"]
