"""The admin of the projects app: projects with their team, gates, money and results."""

from django.contrib import admin

from wsco.core.forms import CleanTextAdmin
from wsco.projects.models import (
    BudgetLine,
    Criterion,
    Document,
    FundingSource,
    Gate,
    Invitation,
    Kpi,
    KpiActual,
    Milestone,
    MilestoneReminder,
    Project,
    Review,
    Risk,
    TeamMember,
    TimelineEvent,
    Update,
)


class TeamMemberInline(CleanTextAdmin, admin.TabularInline):
    model = TeamMember
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["added_by", "added_at"]


class BudgetLineInline(CleanTextAdmin, admin.TabularInline):
    model = BudgetLine
    extra = 0


class FundingInline(CleanTextAdmin, admin.TabularInline):
    model = FundingSource
    extra = 0
    readonly_fields = ["status"]


class RiskInline(CleanTextAdmin, admin.TabularInline):
    model = Risk
    extra = 0
    autocomplete_fields = ["owner"]


class TimelineInline(CleanTextAdmin, admin.TabularInline):
    model = TimelineEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "kind", "text", "by"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Project)
class ProjectAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["title", "city", "organization", "stage", "status", "visibility"]
    list_filter = ["stage", "status", "visibility"]
    search_fields = ["title", "summary"]
    readonly_fields = ["stage", "status", "created_by", "created_at"]
    autocomplete_fields = ["city", "organization", "source_audit"]
    inlines = [TeamMemberInline, BudgetLineInline, FundingInline, RiskInline, TimelineInline]


class CriterionInline(CleanTextAdmin, admin.TabularInline):
    model = Criterion
    extra = 0


class ReviewInline(CleanTextAdmin, admin.TabularInline):
    model = Review
    extra = 0
    can_delete = False
    readonly_fields = ["reviewer", "round", "decision", "reason", "at"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Gate)
class GateAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["project", "stage", "round", "decision"]
    list_filter = ["stage", "decision"]
    readonly_fields = ["project", "stage", "round", "decision", "decided_at"]
    inlines = [CriterionInline, ReviewInline]


@admin.register(Milestone)
class MilestoneAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["title", "project", "stage", "planned_on", "done_on", "progress"]
    list_filter = ["stage"]
    autocomplete_fields = ["owner"]


@admin.register(Kpi)
class KpiAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["project", "indicator", "baseline", "target", "target_year"]


@admin.register(Invitation)
class InvitationAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["project", "profile", "role", "status", "invited_at"]
    readonly_fields = ["status", "answered_at"]


@admin.register(Update)
class UpdateAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["title", "project", "status", "published_at"]
    readonly_fields = ["status", "published_at"]


@admin.register(Document)
class DocumentAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["title", "project", "uploaded_at"]
    readonly_fields = ["uploaded_by", "uploaded_at"]


@admin.register(Risk)
class RiskAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["title", "project", "likelihood", "impact"]
    autocomplete_fields = ["owner"]


@admin.register(KpiActual)
class KpiActualAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["kpi", "year", "value"]


@admin.register(MilestoneReminder)
class MilestoneReminderAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["milestone", "planned_on", "days_before", "sent_at"]
