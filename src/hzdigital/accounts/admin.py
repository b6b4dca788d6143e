from django.contrib import admin

from hzdigital.accounts.models import Membership, OrgUnit


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name_zh", "kind", "division_code", "uscc", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["name_zh", "name_en", "slug", "division_code", "uscc"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role"]
    list_filter = ["role", "unit__kind"]
    search_fields = ["user__username", "unit__name_zh"]
    autocomplete_fields = ["user", "unit"]
