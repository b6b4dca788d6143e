"""Admin for enterprise support: policies (rules are checked on save), profiles, funds."""

from django.contrib import admin

from hzdigital.support.models import (
    Application,
    EnterpriseProfile,
    Fund,
    FundInvestment,
    IcFundDocking,
    Policy,
    PolicyPush,
)


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ("title_zh", "kind", "issuer", "valid_from", "valid_until", "is_demo")
    list_filter = ("kind", "is_demo")
    search_fields = ("code", "title_zh", "title_en")


@admin.register(EnterpriseProfile)
class EnterpriseProfileAdmin(admin.ModelAdmin):
    list_display = ("uscc", "founded_on", "high_tech", "listed", "talent_founded", "is_demo")
    search_fields = ("uscc",)


class FundInvestmentInline(admin.TabularInline):
    model = FundInvestment
    extra = 0


@admin.register(Fund)
class FundAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "manager", "sponsor", "fiscal_commitment_wan_yuan", "is_demo")
    inlines = [FundInvestmentInline]


admin.site.register(Application)
admin.site.register(PolicyPush)
admin.site.register(IcFundDocking)
