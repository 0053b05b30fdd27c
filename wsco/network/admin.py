from django.contrib import admin

from wsco.core.forms import CleanTextAdmin
from wsco.network.models import (
    Block,
    Connection,
    DismissedSuggestion,
    Introduction,
    Message,
    Report,
    Suggestion,
)


@admin.register(Introduction)
class IntroductionAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["sender", "recipient", "status", "introduced_by", "created_at", "answered_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["sender__name", "recipient__name", "message"]
    raw_id_fields = ["sender", "recipient", "introduced_by"]
    date_hierarchy = "created_at"
    # Answered only by the two people, through the workflow's steps.
    readonly_fields = ["status", "sender_accepted", "recipient_accepted", "answered_at"]


class MessageInline(CleanTextAdmin, admin.TabularInline):
    model = Message
    raw_id_fields = ["sender"]
    extra = 0


@admin.register(Connection)
class ConnectionAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["first", "second", "created_at", "last_message_at", "ended_at"]
    search_fields = ["first__name", "second__name"]
    raw_id_fields = ["first", "second", "introduction"]
    inlines = [MessageInline]


@admin.register(Block)
class BlockAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["blocker", "blocked", "created_at"]
    search_fields = ["blocker__name", "blocked__name"]
    raw_id_fields = ["blocker", "blocked"]


@admin.register(Report)
class ReportAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["reporter", "reported", "reason", "created_at", "resolved_at"]
    list_filter = ["reason", "resolved_at"]
    search_fields = ["reporter__name", "reported__name", "details"]
    raw_id_fields = ["reporter", "reported"]
    # Resolved on the secretariat's reports page, by someone not party to the report.
    readonly_fields = ["resolved_at", "resolved_by", "resolution"]


@admin.register(DismissedSuggestion)
class DismissedSuggestionAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["profile", "dismissed", "created_at"]
    raw_id_fields = ["profile", "dismissed"]


@admin.register(Suggestion)
class SuggestionAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["profile", "rank", "suggested", "score", "computed_at"]
    search_fields = ["profile__name", "suggested__name"]
    raw_id_fields = ["profile", "suggested"]
