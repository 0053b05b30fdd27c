"""The admin of the standards: the library and the register, states read-only (staff pages edit)."""

from django.contrib import admin

from wsco.core.forms import CleanTextAdmin
from wsco.standards.models import Adoption, AdoptionEvent, Digest, Edition, Follow, Standard


class EditionInline(CleanTextAdmin, admin.TabularInline):
    model = Edition
    fk_name = "standard"
    extra = 0
    readonly_fields = ["status", "withdrawn_on", "replaced_by"]


@admin.register(Standard)
class StandardAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["reference", "title", "body"]
    search_fields = ["reference", "title"]
    prepopulated_fields = {"slug": ["reference"]}
    filter_horizontal = ["themes"]
    inlines = [EditionInline]


@admin.register(Edition)
class EditionAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["__str__", "status", "published_on", "catalogue_key"]
    list_filter = ["status"]
    readonly_fields = ["status", "withdrawn_on", "replaced_by"]


class AdoptionEventInline(CleanTextAdmin, admin.TabularInline):
    model = AdoptionEvent
    extra = 0
    can_delete = False
    readonly_fields = ["action", "from_status", "to_status", "changes", "comment", "by", "at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Adoption)
class AdoptionAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["title", "country", "act_number", "standard", "status", "is_demo"]
    list_filter = ["status", "country", "standard", "is_demo"]
    search_fields = ["title", "act_number"]
    autocomplete_fields = ["city"]
    readonly_fields = ["status", "created_by", "created_at", "updated_at"]
    inlines = [AdoptionEventInline]


@admin.register(AdoptionEvent)
class AdoptionEventAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["adoption", "action", "from_status", "to_status", "by", "at"]
    readonly_fields = ["adoption", "action", "from_status", "to_status", "changes", "by", "at"]


@admin.register(Follow)
class FollowAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["user", "standard", "country", "created_at"]
    raw_id_fields = ["user"]


@admin.register(Digest)
class DigestAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["user", "day", "items", "up_to"]
    raw_id_fields = ["user"]
