"""Certificates in the admin: to look them up; issuing and revoking go through the services."""

from django.contrib import admin

from wsco.certificates.models import Certificate
from wsco.core.forms import CleanTextAdmin


@admin.register(Certificate)
class CertificateAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = [
        "code",
        "kind",
        "holder_name",
        "title",
        "issued_at",
        "valid_until",
        "revoked_at",
    ]
    list_filter = ["kind", "issued_at", "valid_until", "revoked_at"]
    search_fields = ["code", "holder_name", "title"]
    raw_id_fields = ["holder_user", "holder_organization", "issued_by", "revoked_by"]
    date_hierarchy = "issued_at"
    # A certificate's facts are what was printed and checked: they change only through the
    # services (revoke, re-issue), never by editing a row.
    readonly_fields = [
        "code",
        "kind",
        "title",
        "holder_name",
        "holder_user",
        "holder_organization",
        "subject_type",
        "subject_id",
        "details",
        "issued_at",
        "valid_until",
        "issued_by",
        "revoked_at",
        "revoked_by",
        "revocation_reason",
        "replaced_by",
        "replaced_at",
        "updated_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
