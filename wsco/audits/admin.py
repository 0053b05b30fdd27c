"""The admin of the audits app: cities with their officials, audits with their team and history."""

from django.contrib import admin

from wsco.audits.models import (
    Audit,
    AuditEvent,
    AuditScore,
    BaseValue,
    Benchmark,
    City,
    CityOfficial,
    IndicatorResult,
    ReportedValue,
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
    inlines = [TeamMemberInline, AuditEventInline]


@admin.register(BaseValue)
class BaseValueAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["audit", "variable", "value", "source", "updated_at"]
    search_fields = ["variable", "audit__city__name"]
    autocomplete_fields = ["audit"]
    readonly_fields = ["entered_by", "updated_at"]


@admin.register(ReportedValue)
class ReportedValueAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["audit", "indicator", "numerator", "denominator", "value"]
    search_fields = ["indicator", "audit__city__name"]
    autocomplete_fields = ["audit"]
    readonly_fields = ["entered_by", "updated_at"]


@admin.register(IndicatorResult)
class IndicatorResultAdmin(CleanTextAdmin, admin.ModelAdmin):
    """The engine's results: read only (they are worked out again from the values)."""

    list_display = ["audit", "indicator", "theme", "value", "outcome"]
    list_filter = ["outcome", "theme"]
    search_fields = ["indicator", "audit__city__name"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ComputedFiguresAdmin(CleanTextAdmin, admin.ModelAdmin):
    """Figures the engine works out across published audits: read only (recomputed whole)."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Benchmark)
class BenchmarkAdmin(ComputedFiguresAdmin):
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
class ThemeScoreAdmin(ComputedFiguresAdmin):
    list_display = ["audit", "theme", "score", "rank"]
    list_filter = ["theme"]
    search_fields = ["audit__city__name"]


@admin.register(AuditScore)
class AuditScoreAdmin(ComputedFiguresAdmin):
    list_display = ["audit", "index", "rank", "rank_low", "rank_high", "cities"]
    search_fields = ["audit__city__name"]
