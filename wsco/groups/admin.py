"""The working groups in the admin: states read-only (steps are taken by the services)."""

from django.contrib import admin

from wsco.core.forms import CleanTextAdmin
from wsco.groups import models


class PlainAdmin(CleanTextAdmin, admin.ModelAdmin):
    pass


class ReadOnlyStateAdmin(PlainAdmin):
    readonly_fields = ("status",)


@admin.register(models.WorkingGroup)
class WorkingGroupAdmin(ReadOnlyStateAdmin):
    list_display = ("name", "type", "visibility", "status")
    list_filter = ("type", "visibility", "status")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(models.GroupMembership)
class GroupMembershipAdmin(ReadOnlyStateAdmin):
    list_display = ("group", "user", "role", "status")
    list_filter = ("role", "status")
    raw_id_fields = ("user", "invited_by", "decided_by")


@admin.register(models.Problem)
class ProblemAdmin(ReadOnlyStateAdmin):
    list_display = ("title", "group", "severity", "status", "created_at")
    list_filter = ("status", "severity", "group")
    search_fields = ("title",)
    raw_id_fields = ("signalled_by", "merged_into")


@admin.register(models.Solution)
class SolutionAdmin(ReadOnlyStateAdmin):
    list_display = ("title", "problem", "status")
    list_filter = ("status",)
    raw_id_fields = ("problem", "proposed_by", "accepted_by", "authors")


@admin.register(models.Meeting)
class MeetingAdmin(ReadOnlyStateAdmin):
    list_display = ("title", "group", "starts_at", "status")
    list_filter = ("status",)
    raw_id_fields = ("created_by",)


for model in (
    models.ProblemEvent,
    models.Evidence,
    models.ProblemEndorsement,
    models.SolutionEndorsement,
    models.Comment,
    models.AgendaItem,
    models.Attendee,
    models.Decision,
    models.ActionItem,
    models.Answer,
    models.Reminder,
):
    admin.site.register(model, PlainAdmin)
