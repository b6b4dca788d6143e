from django.contrib import admin

from hzdigital.dashboard.models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "file_name",
        "status",
        "accepted",
        "rejected",
        "import_id",
        "user",
    )
    list_filter = ("status", "synthetic")
    readonly_fields = [f.name for f in ImportJob._meta.fields]
