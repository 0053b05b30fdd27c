"""The admin of the members app: every model, with the membership models first."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wsco.core.forms import CleanTextAdmin
from wsco.core.search import search
from wsco.members.models import (
    Application,
    ApplicationEvent,
    Invoice,
    InvoiceSequence,
    JoinRequest,
    Membership,
    MembershipType,
    Organization,
    Payment,
    Profile,
    Reminder,
    Seat,
    SeatInvitation,
)
from wsco.members.services.memberships import (
    cancel_membership,
    covered_profile_ids,
    sync_member_status,
)
from wsco.members.services.profiles import (
    refresh_organization_search_document,
    refresh_search_document,
)


@admin.register(MembershipType)
class MembershipTypeAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "period_months", "fee_amount", "fee_currency", "is_available"]
    list_filter = ["kind", "is_available"]
    list_editable = ["is_available"]


class ApplicationEventInline(CleanTextAdmin, admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    fields = ["at", "action", "by", "message"]
    readonly_fields = ["at", "action", "by", "message"]
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["profile", "membership_type", "organization", "status", "submitted_at"]
    list_filter = ["status", "membership_type"]
    search_fields = ["profile__name", "profile__user__email", "organization__name"]
    date_hierarchy = "submitted_at"
    list_select_related = ["profile", "membership_type", "organization"]
    raw_id_fields = ["profile", "organization", "renewal_of"]
    # The status moves only through the workflow's steps, on the secretariat's pages.
    readonly_fields = ["status", "submitted_at", "decided_at", "decided_by"]
    inlines = [ApplicationEventInline]


class SeatInline(CleanTextAdmin, admin.TabularInline):
    model = Seat
    extra = 0
    raw_id_fields = ["profile", "added_by"]
    readonly_fields = ["added_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        # A seat exists only once its holder accepts an invitation (members.services.seats).
        return False


class PaymentInline(CleanTextAdmin, admin.TabularInline):
    model = Payment
    extra = 0
    fields = ["paid_on", "amount", "currency", "method", "reference", "recorded_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        # Payments are recorded on the secretariat's payment page, which activates the period.
        return False


@admin.register(Membership)
class MembershipAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "membership_type",
        "status",
        "starts_on",
        "ends_on",
        "fee_amount",
        "fee_currency",
    ]
    list_filter = ["status", "membership_type"]
    search_fields = ["profile__name", "profile__user__email", "organization__name"]
    date_hierarchy = "ends_on"
    list_select_related = ["membership_type", "profile", "organization"]
    raw_id_fields = ["profile", "organization", "application"]
    # The status moves only through the workflow's steps: payments on the payment page,
    # cancellation by the action below, lapsing by the daily job.
    readonly_fields = ["status"]
    inlines = [SeatInline, PaymentInline]
    actions = ["cancel"]

    @admin.action(description=_("Cancel the selected memberships"))
    def cancel(self, request, queryset) -> None:
        for membership in queryset:
            try:
                cancel_membership(membership=membership, by=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"{membership}: {' '.join(error.messages)}", messages.WARNING
                )

    def save_related(self, request, form, formsets, change) -> None:
        """Save the seats, then bring `is_member` in line for everyone this membership touches."""
        before = covered_profile_ids([form.instance])
        super().save_related(request, form, formsets, change)
        sync_member_status(profiles=before | covered_profile_ids([form.instance]))

    def delete_model(self, request, obj) -> None:
        covered = covered_profile_ids([obj])
        super().delete_model(request, obj)
        sync_member_status(profiles=covered)


@admin.register(Payment)
class PaymentAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["membership", "amount", "currency", "paid_on", "method", "reference"]
    list_filter = ["method", "currency"]
    search_fields = ["reference", "membership__profile__name", "membership__organization__name"]
    date_hierarchy = "paid_on"
    list_select_related = [
        "membership__membership_type",
        "membership__profile",
        "membership__organization",
    ]
    raw_id_fields = ["membership", "recorded_by"]

    def has_add_permission(self, request, obj=None) -> bool:
        # Recorded on the secretariat's payment page, which activates the period and issues
        # the invoice: a payment added here would have neither.
        return False


class ReadOnlyAdmin(CleanTextAdmin, admin.ModelAdmin):
    """Accounting records: issued by the services, never added, changed or deleted by hand."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = [
        "number",
        "issued_on",
        "buyer_name",
        "net_amount",
        "vat_amount",
        "total_amount",
        "currency",
        "pdf",
    ]
    list_filter = ["year", "currency"]
    search_fields = ["number", "buyer_name", "buyer_vat_id"]
    date_hierarchy = "issued_on"

    @admin.display(description=_("PDF"))
    def pdf(self, invoice: Invoice) -> str:
        return format_html('<a href="{}">{}</a>', invoice.pdf_url(), _("Download"))


@admin.register(InvoiceSequence)
class InvoiceSequenceAdmin(ReadOnlyAdmin):
    list_display = ["year", "last_number"]


@admin.register(Reminder)
class ReminderAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["membership", "days_before_end", "sent_at"]
    list_filter = ["days_before_end"]
    list_select_related = [
        "membership__membership_type",
        "membership__profile",
        "membership__organization",
    ]
    raw_id_fields = ["membership"]


@admin.register(Organization)
class OrganizationAdmin(CleanTextAdmin, admin.ModelAdmin):
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
class ProfileAdmin(CleanTextAdmin, admin.ModelAdmin):
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


@admin.register(SeatInvitation)
class SeatInvitationAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["email", "membership", "status", "created_at", "expires_at"]
    list_filter = ["status"]
    search_fields = ["email", "membership__organization__name"]
    list_select_related = ["membership__membership_type", "membership__organization"]
    raw_id_fields = ["membership", "invited_by", "accepted_by"]
    # The state moves only through the workflow: accepted, declined or revoked on the pages,
    # expired by the daily job. The key's digest is a credential and stays hidden.
    exclude = ["token_digest"]
    readonly_fields = ["status", "created_at", "decided_at", "accepted_by"]

    def has_add_permission(self, request) -> bool:
        # An invitation is sent by the administrator's page, which emails its one-time key.
        return False


@admin.register(JoinRequest)
class JoinRequestAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["profile", "organization", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["profile__name", "organization__name"]
    list_select_related = ["profile", "organization"]
    raw_id_fields = ["profile", "organization", "decided_by"]
    # Decided on the requests-to-join page, where the no-party rule applies.
    readonly_fields = ["status", "created_at", "decided_at", "decided_by"]

    def has_add_permission(self, request) -> bool:
        return False
