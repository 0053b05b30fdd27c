"""Forms for joining, answering, renewing, covering people, and the staff's decisions."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsco.core.forms import CleanTextMixin
from wsco.formats import money
from wsco.members.models import (
    ApplicationStatus,
    MembershipType,
    Organization,
    OrganizationType,
    Payment,
    Profile,
)
from wsco.members.services.memberships import (
    NewOrganization,
    ProfileBasics,
    check_organization_for_type,
)


class MembershipTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: MembershipType) -> str:
        return _("%(name)s: %(amount)s %(currency)s for %(months)s months") % {
            "name": obj.name,
            "amount": money(obj.fee_amount),
            "currency": obj.fee_currency,
            "months": obj.period_months,
        }


class ApplicationForm(CleanTextMixin, forms.Form):
    """Apply for membership; people without a profile also say who they are."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    title = forms.CharField(
        label=_("Title or role"), max_length=150, required=False, help_text=_("e.g. Urban planner")
    )
    country = Profile._meta.get_field("country").formfield(label=_("Country"))
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    membership_type = MembershipTypeChoiceField(
        label=_("Membership type"),
        queryset=MembershipType.objects.filter(is_available=True),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_(
            "Corporate, institutional and political organization memberships are held by an "
            "organization and cover its people."
        ),
    )
    organization = forms.ModelChoiceField(
        label=_("Organization"),
        queryset=Organization.objects.order_by("name"),
        required=False,
        help_text=_("Choose it if it is listed; otherwise name it below."),
    )
    new_organization_name = forms.CharField(
        label=_("New organization: name"), max_length=200, required=False
    )
    new_organization_type = forms.ChoiceField(
        label=_("New organization: type"),
        choices=[("", "---------"), *OrganizationType.choices],
        required=False,
    )
    new_organization_country = Organization._meta.get_field("country").formfield(
        label=_("New organization: country"), required=False
    )
    new_organization_city = forms.CharField(
        label=_("New organization: city"), max_length=100, required=False
    )
    new_organization_website = forms.URLField(
        label=_("New organization: website"), required=False, assume_scheme="https"
    )
    motivation = forms.CharField(
        label=_("Why do you want to join?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("What you work on and what you hope to find in WSCO."),
    )

    PROFILE_FIELDS = ("name", "title", "country", "city")

    def __init__(self, *args, profile: Profile | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = profile
        if profile is not None:
            for name in self.PROFILE_FIELDS:
                del self.fields[name]
            if profile.organization_id and not self.is_bound:
                self.initial.setdefault("organization", profile.organization_id)

    def profile_fields(self):
        return [self[name] for name in self.PROFILE_FIELDS if name in self.fields]

    def new_organization_fields(self):
        return [self[name] for name in self.fields if name.startswith("new_organization_")]

    def clean(self):
        data = super().clean()
        organization = data.get("organization")
        new_name = data.get("new_organization_name", "").strip()
        if organization and new_name:
            self.add_error(
                "organization", _("Choose a listed organization or name a new one, not both.")
            )
            return data
        if new_name:
            for field in ("new_organization_type", "new_organization_country"):
                if not data.get(field):
                    self.add_error(field, _("Needed for a new organization."))
        membership_type = data.get("membership_type")
        organization_type = organization.type if organization else data.get("new_organization_type")
        if membership_type is not None and not self.errors:
            try:
                check_organization_for_type(
                    membership_type=membership_type, organization_type=organization_type or None
                )
            except ValidationError as error:
                self.add_error(None, error)
        return data

    def new_organization(self) -> NewOrganization | None:
        data = self.cleaned_data
        if not data.get("new_organization_name", "").strip():
            return None
        return NewOrganization(
            name=data["new_organization_name"].strip(),
            type=data["new_organization_type"],
            country=data["new_organization_country"],
            city=data["new_organization_city"],
            website=data["new_organization_website"],
        )

    def profile_basics(self) -> ProfileBasics | None:
        if self.profile is not None:
            return None
        data = self.cleaned_data
        return ProfileBasics(
            name=data["name"], title=data["title"], country=data["country"], city=data["city"]
        )


class AnswerForm(CleanTextMixin, forms.Form):
    answer = forms.CharField(
        label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )


class InformationRequestForm(CleanTextMixin, forms.Form):
    message = forms.CharField(
        label=_("Question for the applicant"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )


class RejectionForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the applicant)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )


class RenewalForm(CleanTextMixin, forms.Form):
    motivation = forms.CharField(
        label=_("Note for the secretariat"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        initial=_("Renewal"),
    )


class SeatInvitationForm(CleanTextMixin, forms.Form):
    """Offer a seat: the person accepts from the link the platform emails them."""

    email = forms.EmailField(
        label=_("Email address"),
        help_text=_(
            "We email this address a link to accept. They need no account yet: they can sign "
            "up with this address when they accept."
        ),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        required=False,
        help_text=_("Optional: how you know them, shown in your list of invitations."),
    )


class PaymentForm(CleanTextMixin, forms.Form):
    amount = forms.DecimalField(label=_("Amount"), max_digits=10, decimal_places=2, min_value=0)
    currency = forms.CharField(label=_("Currency"), max_length=3, min_length=3)
    paid_on = forms.DateField(label=_("Paid on"))
    method = forms.ChoiceField(label=_("Method"), choices=Payment.Method.choices)
    reference = forms.CharField(
        label=_("Reference"),
        max_length=100,
        required=False,
        help_text=_("Bank or receipt reference."),
    )
    invoice_note = forms.CharField(
        label=_("Note on the invoice"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
        help_text=_("Optional, printed on the invoice (Markdown): the buyer's order number, say."),
    )

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        if membership is not None and not self.is_bound:
            self.initial.update(
                amount=membership.fee_amount,
                currency=membership.fee_currency,
                paid_on=timezone.localdate(),
            )


class ReviewFilterForm(CleanTextMixin, forms.Form):
    """Filters of the staff's review queue (a GET form)."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All open")),
            (ApplicationStatus.SUBMITTED, _("Waiting for the secretariat")),
            (ApplicationStatus.INFO_REQUESTED, _("Waiting for the applicant")),
        ],
    )
    membership_type = forms.ModelChoiceField(
        label=_("Membership type"),
        queryset=MembershipType.objects.all(),
        required=False,
        empty_label=_("All types"),
    )
