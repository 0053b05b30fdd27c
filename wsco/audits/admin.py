"""The admin of the audits app: cities with their officials, audits with their team and history."""

from django.contrib import admin

from wsco.audits.models import (
    Audit,
    AuditEvent,
    AuditReport,
    AuditScore,
    BaseValue,
    Benchmark,
    City,
    CityOfficial,
    IndicatorResult,
    Query,
    QueryEvent,
    ReportedValue,
    Signature,
    TeamMember,
    ThemeScore,
)
from wsco.core.forms import CleanTextAdmin


class CityOfficialInline(CleanTextAdmin, admin.TabularInline):
    model = CityOfficial
    fk_name = "city"
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["named_by", "named_at"]


@admin.register(City)
class CityAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["name", "country", "region", "population", "municipality"]
    list_filter = ["country", "climate_zone", "government_type"]
    search_fields = ["name", "region"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["municipality", "peers"]
    inlines = [CityOfficialInline]


class TeamMemberInline(CleanTextAdmin, admin.TabularInline):
    model = TeamMember
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["added_by", "added_at"]


class AuditEventInline(CleanTextAdmin, admin.TabularInline):
    model = AuditEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "from_status", "to_status", "by", "comment"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class AuditReportInline(CleanTextAdmin, admin.TabularInline):
    """The audit's reports, one per language, made by a task: read here, never edited."""

    model = AuditReport
    extra = 0
    readonly_fields = ["language", "file", "key", "requested_at"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Audit)
class AuditAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["city", "year", "editions", "version", "status", "level"]
    list_filter = ["status", "year", "level"]
    search_fields = ["city__name"]
    autocomplete_fields = ["city", "previous_version"]
    # The status moves only through the workflow's steps, on the audit's pages.
    readonly_fields = [
        "status",
        "level",
        "levels",
        "created_by",
        "submitted_at",
        "verified_at",
        "published_at",
    ]
    inlines = [TeamMemberInline, AuditEventInline, AuditReportInline]


@admin.register(BaseValue)
class BaseValueAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["audit", "variable", "value", "source", "updated_at"]
    search_fields = ["variable", "audit__city__name"]
    autocomplete_fields = ["audit"]
    readonly_fields = ["entered_by", "updated_at", "accepted_by", "accepted_at"]


@admin.register(ReportedValue)
class ReportedValueAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["audit", "indicator", "numerator", "denominator", "value"]
    search_fields = ["indicator", "audit__city__name"]
    autocomplete_fields = ["audit"]
    readonly_fields = ["entered_by", "updated_at", "accepted_by", "accepted_at"]


class ReadOnlyAdmin(CleanTextAdmin, admin.ModelAdmin):
    """Rows the platform writes and nobody edits: the engine's figures, signatures."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(IndicatorResult)
class IndicatorResultAdmin(ReadOnlyAdmin):
    """The engine's results (worked out again from the values)."""

    list_display = ["audit", "indicator", "theme", "value", "outcome"]
    list_filter = ["outcome", "theme"]
    search_fields = ["indicator", "audit__city__name"]


class QueryEventInline(CleanTextAdmin, admin.TabularInline):
    model = QueryEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "from_status", "to_status", "by", "comment"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Query)
class QueryAdmin(CleanTextAdmin, admin.ModelAdmin):
    """Auditors' queries: their state moves only through the verification pages."""

    list_display = ["audit", "base_value", "reported_value", "status", "raised_at"]
    list_filter = ["status", "resolution"]
    search_fields = ["audit__city__name", "question"]
    autocomplete_fields = ["audit"]
    raw_id_fields = ["base_value", "reported_value"]
    readonly_fields = [
        "status",
        "raised_by",
        "raised_at",
        "answered_by",
        "answered_at",
        "settled_by",
        "settled_at",
    ]
    inlines = [QueryEventInline]


@admin.register(Signature)
class SignatureAdmin(ReadOnlyAdmin):
    """The auditors' signatures of a verification: signed on the verification page, never edited."""

    list_display = ["audit", "auditor", "signed_at"]
    search_fields = ["audit__city__name"]


@admin.register(Benchmark)
class BenchmarkAdmin(ReadOnlyAdmin):
    list_display = [
        "audit",
        "indicator",
        "peer_kind",
        "peer_group",
        "percentile_rank",
        "group_size",
    ]
    list_filter = ["peer_kind"]
    search_fields = ["indicator", "audit__city__name"]


@admin.register(ThemeScore)
class ThemeScoreAdmin(ReadOnlyAdmin):
    list_display = ["audit", "theme", "score", "rank"]
    list_filter = ["theme"]
    search_fields = ["audit__city__name"]


@admin.register(AuditScore)
class AuditScoreAdmin(ReadOnlyAdmin):
    list_display = ["audit", "index", "rank", "rank_low", "rank_high", "cities"]
    search_fields = ["audit__city__name"]
