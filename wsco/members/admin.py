"""The admin of the members app: every model, with the membership models first."""

from django.contrib import admin

from wsco.members.models import (
    Application,
    ApplicationEvent,
    Membership,
    MembershipType,
    Payment,
    Reminder,
    Seat,
)
from wsco.members.services.memberships import covered_profile_ids, sync_member_status


@admin.register(MembershipType)
class MembershipTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "period_months", "fee_amount", "fee_currency", "is_available"]
    list_filter = ["kind", "is_available"]
    list_editable = ["is_available"]


class ApplicationEventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    fields = ["at", "action", "by", "message"]
    readonly_fields = ["at", "action", "by", "message"]
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["profile", "membership_type", "organization", "status", "submitted_at"]
    list_filter = ["status", "membership_type"]
    search_fields = ["profile__name", "profile__user__email", "organization__name"]
    date_hierarchy = "submitted_at"
    list_select_related = ["profile", "membership_type", "organization"]
    raw_id_fields = ["profile", "organization", "renewal_of", "decided_by"]
    readonly_fields = ["submitted_at", "decided_at"]
    inlines = [ApplicationEventInline]


class SeatInline(admin.TabularInline):
    model = Seat
    extra = 0
    raw_id_fields = ["profile", "added_by"]
    readonly_fields = ["added_at"]


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0
    fields = ["paid_on", "amount", "currency", "method", "reference", "recorded_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        # Payments are recorded on the secretariat's payment page, which activates the period.
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
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
    inlines = [SeatInline, PaymentInline]

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
class PaymentAdmin(admin.ModelAdmin):
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


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["membership", "days_before_end", "sent_at"]
    list_filter = ["days_before_end"]
    list_select_related = [
        "membership__membership_type",
        "membership__profile",
        "membership__organization",
    ]
    raw_id_fields = ["membership"]
