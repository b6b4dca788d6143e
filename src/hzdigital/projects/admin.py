"""Major projects in the admin, with django-simple-history's history page on each object."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from hzdigital.projects.models import (
    Blocker,
    FactorQuota,
    FactorRequest,
    MajorProject,
    ProjectMilestone,
    YearlyInvestment,
)


class YearlyInvestmentInline(admin.TabularInline):
    model = YearlyInvestment
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = ProjectMilestone
    extra = 0


class BlockerInline(admin.TabularInline):
    model = Blocker
    extra = 0


class FactorRequestInline(admin.TabularInline):
    model = FactorRequest
    extra = 0


@admin.register(MajorProject)
class MajorProjectAdmin(SimpleHistoryAdmin):
    list_display = ["name_zh", "district_code", "stage", "nbs_category", "is_demo"]
    list_filter = ["stage", "district_code", "is_demo"]
    search_fields = ["name_zh", "investor"]
    inlines = [YearlyInvestmentInline, MilestoneInline, BlockerInline, FactorRequestInline]


@admin.register(FactorQuota)
class FactorQuotaAdmin(SimpleHistoryAdmin):
    list_display = ["district_code", "year", "factor", "amount"]
    list_filter = ["year", "factor"]


@admin.register(FactorRequest)
class FactorRequestAdmin(SimpleHistoryAdmin):
    list_display = ["project", "year", "factor", "requested", "approved", "decision"]
    list_filter = ["decision", "factor", "year"]


@admin.register(Blocker)
class BlockerAdmin(SimpleHistoryAdmin):
    list_display = ["text_zh", "project", "level", "resolved"]
    list_filter = ["level", "resolved"]
