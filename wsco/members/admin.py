"""The members app in the admin."""

from django.contrib import admin
from django.db import transaction

from wsco.core.search import search
from wsco.members.models import Organization, Profile
from wsco.members.services.profiles import (
    refresh_organization_search_document,
    refresh_search_document,
)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "country", "city"]
    list_filter = ["type", "country"]
    search_fields = ["name"]  # Answered by the search index, see get_search_results.
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["themes"]

    def get_search_results(self, request, queryset, search_term):
        return search(queryset, search_term), False

    def save_related(self, request, form, formsets, change):
        # The search document lists the themes, which are saved only after the row itself.
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            refresh_organization_search_document(organization=form.instance)


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "country", "visibility", "is_member"]
    list_filter = ["is_member", "visibility", "country"]
    search_fields = ["name"]  # Answered by the search index, see get_search_results.
    list_select_related = ["organization"]
    raw_id_fields = ["user"]
    autocomplete_fields = ["organization"]
    filter_horizontal = ["themes_of_interest", "themes_of_expertise"]
    readonly_fields = ["is_member", "created_at", "updated_at"]

    def get_search_results(self, request, queryset, search_term):
        # An email address is looked up exactly (indexed); anything else in the search index.
        if "@" in search_term:
            return queryset.filter(user__email__iexact=search_term.strip()), False
        return search(queryset, search_term), False

    def save_related(self, request, form, formsets, change):
        # The search document lists the themes, which are saved only after the row itself.
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            refresh_search_document(profile=form.instance)
