from django.contrib import admin

from wsco.core.forms import CleanTextAdmin
from wsco.core.models import Theme


@admin.register(Theme)
class ThemeAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["clause", "slug", "name"]
    ordering = ["clause"]

    def has_add_permission(self, request):
        # The taxonomy is fixed by ISO 37120:2018; rows come from a migration.
        return False

    def has_delete_permission(self, request, obj=None):
        return False
