"""Admin for the plan's reference data: editable, but data/plan.yaml stays the source.

A reload (``manage.py load_plan``) overwrites edits made here, so the edition page says so.
"""

from django.contrib import admin

from hzdigital.plan.models import (
    Corridor,
    IndustryCode,
    KeyIndustry,
    Measure,
    PlanEdition,
    PublishedFigure,
    TalentDirection,
    TalentProgramme,
    Target,
    Unit,
)


@admin.register(PlanEdition)
class PlanEditionAdmin(admin.ModelAdmin):
    list_display = ("slug", "title_zh", "is_active", "loaded_at")
    list_filter = ("is_active",)
    readonly_fields = ("loaded_at",)
    fieldsets = (
        (
            "规划版本 Plan edition",
            {
                "fields": ("slug", "title_zh", "title_en", "source", "is_active", "loaded_at"),
                "description": "载入 data/plan.yaml 会覆盖此处的修改 / "
                "Reloading data/plan.yaml overwrites edits made here.",
            },
        ),
    )


class KeyIndustryInline(admin.TabularInline):
    model = KeyIndustry
    extra = 0
    fields = ("order", "name_zh", "name_en", "emphasis")
    show_change_link = True  # codes are edited on the key industry's own page
    verbose_name = "重点产业 key industry"
    verbose_name_plural = "重点产业 key industries (专栏13)"


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name_zh", "name_en", "kind", "core", "edition")
    list_filter = ("edition", "kind", "core")
    search_fields = ("code", "name_zh", "name_en")
    inlines = (KeyIndustryInline,)


class IndustryCodeInline(admin.TabularInline):
    model = IndustryCode
    extra = 0
    fields = ("scheme", "code", "note")
    verbose_name = "分类代码 classification code"
    verbose_name_plural = "分类代码 classification codes (GB/T 4754-2017, NBS 2021)"


@admin.register(KeyIndustry)
class KeyIndustryAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "unit", "emphasis", "code_count")
    list_filter = ("emphasis", "unit__edition", "unit")
    search_fields = ("name_zh", "name_en", "codes__code")
    inlines = (IndustryCodeInline,)

    @admin.display(description="代码数 codes")
    def code_count(self, obj: KeyIndustry) -> int:
        return obj.codes.count()


@admin.register(IndustryCode)
class IndustryCodeAdmin(admin.ModelAdmin):
    list_display = ("key_industry", "scheme", "code", "note")
    list_filter = ("scheme",)
    search_fields = ("code", "note", "key_industry__name_zh")


@admin.register(Corridor)
class CorridorAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "name_en", "edition")
    filter_horizontal = ("units",)


class TalentProgrammeInline(admin.StackedInline):
    model = TalentProgramme
    extra = 0
    fields = ("order", "slug", "name_zh", "name_en", "quote_zh")
    verbose_name = "人才项目 programme"
    verbose_name_plural = "人才项目 programmes (专栏12)"


@admin.register(TalentDirection)
class TalentDirectionAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "name_en", "edition", "order")
    list_filter = ("edition",)
    inlines = (TalentProgrammeInline,)


@admin.register(TalentProgramme)
class TalentProgrammeAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "direction", "slug")
    list_filter = ("direction",)
    search_fields = ("name_zh", "name_en", "quote_zh")


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ("ident", "group", "text_zh", "feature", "feature_zh")
    list_filter = ("edition", "group", "feature")
    search_fields = ("ident", "text_zh", "text_en")


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("indicator", "label_zh", "division_code", "year", "comparison", "value", "unit")
    list_filter = ("edition", "year")


@admin.register(PublishedFigure)
class PublishedFigureAdmin(admin.ModelAdmin):
    list_display = ("indicator", "division_name", "period", "value", "unit", "status")
    list_filter = ("status", "indicator", "division_name")
    search_fields = ("indicator", "division_name", "note")
