from django.contrib import admin

from wsco.core.models import DataVersion, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["clause", "slug", "name"]
    ordering = ["clause"]

    def has_add_permission(self, request):
        # The taxonomy is fixed by ISO 37120:2018; rows come from a migration.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DataVersion)
class DataVersionAdmin(admin.ModelAdmin):
    """Read-only: the tokens are written by the code that changes each data set."""

    list_display = ["name", "token"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
