from django.contrib import admin

from wsco.core.forms import CleanTextAdmin
from wsco.notifications.models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["recipient", "kind", "created_at", "read_at"]
    list_filter = ["kind", "created_at"]
    search_fields = ["recipient__email", "kind", "about"]
    raw_id_fields = ["recipient"]
    date_hierarchy = "created_at"


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["user", "kind", "in_app", "email"]
    list_filter = ["kind", "in_app", "email"]
    search_fields = ["user__email", "kind"]
    raw_id_fields = ["user"]
