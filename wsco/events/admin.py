"""Events in the admin: sessions and ticket types edited inline; states and seats read only."""

from django.contrib import admin

from wsco.core.forms import CleanTextAdmin
from wsco.events import models


class TicketTypeInline(CleanTextAdmin, admin.TabularInline):
    model = models.TicketType
    extra = 0
    readonly_fields = ("seats_taken",)


@admin.register(models.EventSeries)
class EventSeriesAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ("name", "month")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(models.Event)
class EventAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ("title", "series", "starts_at", "status", "capacity", "seats_taken")
    list_filter = ("status", "series")
    search_fields = ("title",)
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("status", "seats_taken")
    filter_horizontal = ("themes",)
    inlines = [TicketTypeInline]


@admin.register(models.Session)
class SessionAdmin(CleanTextAdmin, admin.ModelAdmin):
    """Sessions are added and changed on the event's agenda page, which refuses clashes."""

    list_display = ("title", "event", "room", "starts_at", "ends_at", "session_type")
    list_filter = ("event", "session_type")
    search_fields = ("title",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.Registration)
class RegistrationAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ("user", "event", "ticket_type", "status", "checked_in_at", "paid_at")
    list_filter = ("status", "event")
    search_fields = ("user__email", "ticket_code")
    readonly_fields = [field.name for field in models.Registration._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


class SlotBookingInline(CleanTextAdmin, admin.TabularInline):
    model = models.SlotBooking
    extra = 0
    readonly_fields = ("user", "event", "starts_at")
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.Meeting)
class MeetingAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ("event", "requester", "invitee", "starts_at", "status")
    readonly_fields = ("event", "requester", "invitee", "starts_at", "status", "created_at")
    inlines = [SlotBookingInline]


@admin.register(models.Reminder)
class ReminderAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ("registration", "days_before", "sent_at")
    readonly_fields = ("registration", "days_before", "sent_at")


@admin.register(models.Feedback)
class FeedbackAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ("session", "user", "rating", "created_at")
    readonly_fields = ("session", "user", "rating", "created_at")


@admin.register(models.ProjectCall)
class ProjectCallAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ("event", "opens_at", "closes_at")


class SubmissionReviewInline(CleanTextAdmin, admin.TabularInline):
    model = models.SubmissionReview
    extra = 0
    readonly_fields = ("reviewer", "due_on", "scores", "comment", "scored_at")
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.Submission)
class SubmissionAdmin(CleanTextAdmin, admin.ModelAdmin):
    """Decided on the call's pages, which check who decides; the admin only reads."""

    list_display = ("project", "call", "submitted_by", "status", "submitted_at")
    list_filter = ("status",)
    readonly_fields = (
        "call",
        "project",
        "submitted_by",
        "status",
        "submitted_at",
        "decided_by",
        "decided_at",
        "decision_message",
        "session",
    )
    inlines = [SubmissionReviewInline]
