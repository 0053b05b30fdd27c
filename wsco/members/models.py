"""Organizations, member profiles, membership types, applications, memberships and payments."""

import datetime

from django.conf import global_settings, settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from wsco.core.models import HistoryEntry, Theme
from wsco.core.uploads import UploadField
from wsco.core.workflows import Workflow, step

GRACE_DAYS = 30  # A membership stays current 30 days past its end, the time of the last reminder.


class OrganizationType(models.TextChoices):
    COMPANY = "company", _("Company")
    CITY_HALL = "city_hall", _("City hall")
    MINISTRY = "ministry", _("Ministry")
    AGENCY = "agency", _("Public agency")
    UNIVERSITY = "university", _("University or research")
    NGO = "ngo", _("NGO")
    POLITICAL = "political", _("Political organization")
    OTHER = "other", _("Other")


class Area(models.TextChoices):
    """The broad area an organization type belongs to; the network prefers other areas."""

    INDUSTRY = "industry", _("industry")
    PUBLIC = "public", _("public sector")
    ACADEMIA = "academia", _("academia")
    CIVIL_SOCIETY = "civil_society", _("civil society")
    POLITICS = "politics", _("politics")
    OTHER = "other", _("other")


AREA_OF_TYPE = {
    OrganizationType.COMPANY: Area.INDUSTRY,
    OrganizationType.CITY_HALL: Area.PUBLIC,
    OrganizationType.MINISTRY: Area.PUBLIC,
    OrganizationType.AGENCY: Area.PUBLIC,
    OrganizationType.UNIVERSITY: Area.ACADEMIA,
    OrganizationType.NGO: Area.CIVIL_SOCIETY,
    OrganizationType.POLITICAL: Area.POLITICS,
    OrganizationType.OTHER: Area.OTHER,
}


class Organization(models.Model):
    """A company, public entity, university, NGO or political organization."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    type = models.CharField(_("type"), max_length=20, choices=OrganizationType.choices)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="organizations", verbose_name=_("themes")
    )
    description = models.TextField(_("description"), blank=True)
    logo = UploadField(_("logo"), kind="logo", upload_to="logos/", blank=True)
    # What invoices name the organization by; never shown on its public page.
    billing_address = models.TextField(
        _("billing address"), blank=True, help_text=_("The address invoices are made out to.")
    )
    vat_id = models.CharField(
        _("VAT number"), max_length=30, blank=True, help_text=_("Printed on invoices.")
    )
    search_document = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("members:organization", kwargs={"slug": self.slug})

    @property
    def area(self) -> str:
        return AREA_OF_TYPE[self.type]


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone can see my profile")
    MEMBERS = "members", _("Members only")
    HIDDEN = "hidden", _("Hidden: only staff see it")


def sees_members_only_profiles(user) -> bool:
    """Say whether `user` may see members-only profiles: staff and current members."""
    return user.is_authenticated and (user.is_staff or user.has_role("member"))


class ProfileQuerySet(models.QuerySet):
    def listed(self):
        """Return the current members whose profile is not hidden."""
        return self.filter(is_member=True).exclude(visibility=Visibility.HIDDEN)

    def visible_to(self, user):
        """Return the listed profiles `user` may see: public ones, and members-only to members."""
        listed = self.listed()
        if sees_members_only_profiles(user):
            return listed
        return listed.filter(visibility=Visibility.PUBLIC)


LANGUAGE_CHOICES = global_settings.LANGUAGES


class Profile(models.Model):
    """A person's member profile: who they are, what they work on, offer and look for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    name = models.CharField(_("name"), max_length=150)
    photo = UploadField(_("photo"), kind="photo", upload_to="photos/", blank=True)
    title = models.CharField(_("title"), max_length=150, blank=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organization"),
    )
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    bio = models.TextField(_("bio"), blank=True)
    themes_of_interest = models.ManyToManyField(
        Theme, blank=True, related_name="interested_profiles", verbose_name=_("themes of interest")
    )
    themes_of_expertise = models.ManyToManyField(
        Theme, blank=True, related_name="expert_profiles", verbose_name=_("themes of expertise")
    )
    offers = models.TextField(_("what I offer"), blank=True)
    looks_for = models.TextField(_("what I look for"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    recommend_consent = models.BooleanField(
        _("recommend me to other members"),
        default=False,
        help_text=_("Let the network suggest you to members who share your interests."),
    )
    # Kept by members.services.sync_member_status whenever a membership or seat changes, so
    # the directory filters on one indexed column instead of joining memberships.
    is_member = models.BooleanField(_("current member"), default=False, editable=False)
    search_document = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")
        indexes = [
            models.Index(fields=["is_member", "visibility", "name"]),
            # The directory's list: members by name. Partial on is_member because Django writes
            # `filter(is_member=True)` as a bare `WHERE is_member`, which SQLite matches to a
            # partial index but not to a leading column; visibility rides along for counts.
            models.Index(
                fields=["name", "visibility", "organization"],
                condition=models.Q(is_member=True),
                name="members_profile_listed_name",
            ),
            # The visitors' list (public profiles) by name: a seek to the public ones, then
            # their names in order, for the page and for its count up to `COUNT_LIMIT`. The
            # organization rides along (in the members' list too) so that a walk by name tests
            # the type filter before reading the row (`queries.directory_profiles`).
            models.Index(
                fields=["visibility", "name", "organization"],
                condition=models.Q(is_member=True),
                name="members_profile_shown_name",
            ),
            # A country's list by name; the organization rides along for the type filter,
            # and the theme filter probes each row (`queries._with_theme`).
            models.Index(
                fields=["country", "visibility", "name", "organization"],
                condition=models.Q(is_member=True),
                name="members_profile_country_name",
            ),
            # The people of the organizations of one type (a set of a few dozen), per
            # country: what PostgreSQL walks for the type filter, instead of a country's list.
            models.Index(
                fields=["organization", "country", "visibility"],
                condition=models.Q(is_member=True),
                name="members_profile_listed_by_org",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("members:profile", kwargs={"pk": self.pk})

    # The columns that decide which of the directory's cached lists show a profile: kept as
    # loaded, so that a save ends the lists it left as well as those it joins
    # (`wsco.members.directory_changes`).
    LISTING_FIELDS = ("is_member", "visibility", "country", "organization_id")

    @classmethod
    def from_db(cls, db, field_names, values):
        profile = super().from_db(db, field_names, values)
        profile.loaded_listing = profile.listing()
        return profile

    def listing(self) -> dict:
        """Return the listing columns as this instance holds them (None: not loaded)."""
        return {name: self.__dict__.get(name) for name in self.LISTING_FIELDS}

    def theme_slugs(self) -> set[str]:
        """Return the slugs of the profile's themes, of interest and of expertise."""
        if self.pk is None:
            return set()
        interest = self.themes_of_interest.values_list("slug", flat=True)
        expertise = self.themes_of_expertise.values_list("slug", flat=True)
        return {*interest, *expertise}


class MembershipKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    CORPORATE = "corporate", _("Corporate")
    INSTITUTIONAL = "institutional", _("Institutional (public entities)")
    POLITICAL = "political", _("Political organization")


class MembershipType(models.Model):
    """A kind of membership on offer, with its period and fee."""

    kind = models.CharField(_("kind"), max_length=20, choices=MembershipKind.choices)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    # The benefits are written in both site languages, one a line; `benefits_in` picks the
    # reader's and falls back to English when the Romanian list is empty.
    benefits = models.TextField(
        _("benefits (English)"), blank=True, help_text=_("One benefit a line.")
    )
    benefits_ro = models.TextField(
        _("benefits (Romanian)"),
        blank=True,
        help_text=_("One benefit a line. Empty: readers of Romanian see the English list."),
    )
    period_months = models.PositiveSmallIntegerField(_("period (months)"), default=12)
    fee_amount = models.DecimalField(_("fee"), max_digits=10, decimal_places=2)
    fee_currency = models.CharField(_("currency"), max_length=3, default="EUR")
    is_available = models.BooleanField(_("open to applications"), default=True)
    seat_limit = models.PositiveSmallIntegerField(
        _("seats"),
        null=True,
        blank=True,
        help_text=_(
            "How many people an organization's membership of this type covers, its "
            "administrator included. Empty: no limit."
        ),
    )

    class Meta:
        ordering = ["fee_amount"]
        verbose_name = _("membership type")
        verbose_name_plural = _("membership types")

    def __str__(self) -> str:
        return self.name

    @property
    def for_organizations(self) -> bool:
        """Say whether an organization holds this membership (it covers its people)."""
        return self.kind != MembershipKind.INDIVIDUAL

    def benefits_in(self, language: str | None) -> list[str]:
        """Return the benefits in `language` (English when it has none), one item a line."""
        text = self.benefits_ro if language == "ro" and self.benefits_ro.strip() else self.benefits
        return [line.strip(" -*\t") for line in text.splitlines() if line.strip(" -*\t")]

    @property
    def audience(self) -> str:
        """Return who this kind of membership is for, in the active language."""
        return MEMBERSHIP_AUDIENCE[self.kind]


MEMBERSHIP_AUDIENCE = {
    MembershipKind.INDIVIDUAL: _(
        "For one person: a professional, researcher, official or student working on cities."
    ),
    MembershipKind.CORPORATE: _(
        "For a company: it covers the people of the company its administrator invites."
    ),
    MembershipKind.INSTITUTIONAL: _(
        "For a public entity (city hall, ministry, public agency) or a university: it covers "
        "the people its administrator invites."
    ),
    MembershipKind.POLITICAL: _(
        "For a political organization: it covers the people its administrator invites."
    ),
}


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    INFO_REQUESTED = "info_requested", _("More information requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_APPLICATION_STATUSES = [ApplicationStatus.SUBMITTED, ApplicationStatus.INFO_REQUESTED]


class ApplicationQuerySet(models.QuerySet):
    def open(self):
        """Return the applications staff still have to decide."""
        return self.filter(status__in=OPEN_APPLICATION_STATUSES)


class Application(models.Model):
    """A request to join (or renew), which staff approve, reject or ask more about."""

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="applications", verbose_name=_("applicant")
    )
    membership_type = models.ForeignKey(
        MembershipType, on_delete=models.PROTECT, verbose_name=_("membership type")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("organization"),
    )
    motivation = models.TextField(_("why you want to join"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    staff_message = models.TextField(_("message from the secretariat"), blank=True)
    renewal_of = models.ForeignKey(
        "Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="renewal_applications",
        verbose_name=_("renewal of"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        constraints = [
            models.UniqueConstraint(
                fields=["profile"],
                condition=models.Q(status__in=OPEN_APPLICATION_STATUSES),
                name="members_one_open_application_per_profile",
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile} – {self.membership_type}"

    def get_absolute_url(self) -> str:
        return reverse("members:application", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_APPLICATION_STATUSES


APPLICATION_WORKFLOW = Workflow(
    Application,
    steps={
        "request_information": step(
            OPEN_APPLICATION_STATUSES, ApplicationStatus.INFO_REQUESTED, decision=True
        ),
        "answer": step(
            [ApplicationStatus.INFO_REQUESTED],
            ApplicationStatus.SUBMITTED,
            refusal=_("The secretariat has not asked you anything."),
        ),
        "approve": step(OPEN_APPLICATION_STATUSES, ApplicationStatus.APPROVED, decision=True),
        "reject": step(OPEN_APPLICATION_STATUSES, ApplicationStatus.REJECTED, decision=True),
        "withdraw": step(OPEN_APPLICATION_STATUSES, ApplicationStatus.WITHDRAWN),
    },
    refusal=_("This application is already %(state)s."),
    parties=lambda application: {application.profile.user_id: _("the applicant")},
)


class ApplicationEvent(HistoryEntry):
    """One step in an application's history, shown to the applicant and to staff."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        INFO_REQUESTED = "info_requested", _("More information requested")
        RESUBMITTED = "resubmitted", _("Answered and resubmitted")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    message = models.TextField(_("message"), blank=True)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("application event")
        verbose_name_plural = _("application events")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.action}"


class MembershipStatus(models.TextChoices):
    AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
    ACTIVE = "active", _("Active")
    LAPSED = "lapsed", _("Lapsed")
    CANCELLED = "cancelled", _("Cancelled")


class MembershipQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        """Return the memberships in force on `on` (today), counting the grace period."""
        day = on or timezone.localdate()
        return self.filter(
            status=MembershipStatus.ACTIVE,
            starts_on__lte=day,
            ends_on__gte=day - datetime.timedelta(days=GRACE_DAYS),
        )


class Membership(models.Model):
    """One paid period of membership, held by a person or by an organization."""

    membership_type = models.ForeignKey(
        MembershipType, on_delete=models.PROTECT, verbose_name=_("membership type")
    )
    # The holder for an individual membership, the administrator for an organization's.
    # Kept (without the person) when an account is deleted: paid memberships stay in the books.
    profile = models.ForeignKey(
        Profile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("member or administrator"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organization"),
    )
    application = models.ForeignKey(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.AWAITING_PAYMENT,
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    fee_amount = models.DecimalField(_("fee"), max_digits=10, decimal_places=2)
    fee_currency = models.CharField(_("currency"), max_length=3)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-created_at"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        indexes = [models.Index(fields=["status", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="members_membership_ends_after_start",
            ),
            # A paid period without dates would silently never count as current.
            models.CheckConstraint(
                condition=models.Q(
                    status__in=[MembershipStatus.AWAITING_PAYMENT, MembershipStatus.CANCELLED]
                )
                | models.Q(starts_on__isnull=False, ends_on__isnull=False),
                name="members_membership_paid_period_has_dates",
            ),
            # Approving an application creates one membership; a second would be billed twice.
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(application__isnull=False),
                name="members_one_membership_per_application",
            ),
        ]

    def __str__(self) -> str:
        holder = self.organization or self.profile or _("(deleted account)")
        return f"{self.membership_type} – {holder}"

    def grace_ends_on(self) -> datetime.date | None:
        """Return the last day the membership counts as current."""
        return self.ends_on and self.ends_on + datetime.timedelta(days=GRACE_DAYS)


def _membership_parties(membership: Membership) -> dict[int, str]:
    """The people a membership covers: its holder (or administrator) and its seats."""
    covered = {
        user_id: _("covered by it")
        for user_id in membership.seats.values_list("profile__user_id", flat=True)
    }
    if membership.profile_id is not None:
        covered[membership.profile.user_id] = _("its holder")
    return covered


MEMBERSHIP_WORKFLOW = Workflow(
    Membership,
    steps={
        "pay": step(
            [MembershipStatus.AWAITING_PAYMENT],
            MembershipStatus.ACTIVE,
            decision=True,
            refusal=_("This membership is not awaiting payment."),
        ),
        "lapse": step([MembershipStatus.ACTIVE], MembershipStatus.LAPSED),
        "cancel": step(
            [MembershipStatus.AWAITING_PAYMENT, MembershipStatus.ACTIVE],
            MembershipStatus.CANCELLED,
        ),
    },
    refusal=_("This membership is %(state)s."),
    parties=_membership_parties,
)


class Seat(models.Model):
    """A person covered by an organization's membership, who accepted its administrator's offer."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="seats")
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="seats")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("covered person")
        verbose_name_plural = _("covered people")
        constraints = [
            models.UniqueConstraint(fields=["membership", "profile"], name="members_unique_seat")
        ]

    def __str__(self) -> str:
        return f"{self.profile} ({self.membership})"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


class SeatInvitation(models.Model):
    """An offer of a seat on an organization's membership, sent by email by its administrator.

    The seat exists only once the person who owns the address accepts. Only the digest of the
    link's one-time key is stored (`wsco.accounts.models.hash_token`).
    """

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("seat invitation")
        verbose_name_plural = _("seat invitations")
        constraints = [
            # One offer at a time per address; the administrator revokes it to send another.
            models.UniqueConstraint(
                fields=["membership", "email"],
                condition=models.Q(status="pending"),
                name="members_one_pending_invitation_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.membership})"

    def has_expired(self, now: datetime.datetime | None = None) -> bool:
        """Say whether the invitation's time ran out (whatever its stored state)."""
        return self.expires_at <= (now or timezone.now())


SEAT_INVITATION_WORKFLOW = Workflow(
    SeatInvitation,
    steps={
        "accept": step([InvitationStatus.PENDING], InvitationStatus.ACCEPTED),
        "decline": step([InvitationStatus.PENDING], InvitationStatus.DECLINED),
        "revoke": step([InvitationStatus.PENDING], InvitationStatus.REVOKED),
        "expire": step([InvitationStatus.PENDING], InvitationStatus.EXPIRED),
    },
    refusal=_("This invitation is %(state)s."),
)


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class JoinRequest(models.Model):
    """A person's request to be listed with an organization, which its administrator decides.

    `Profile.organization` is the affiliation once approved: the directory and the
    organization's page show only that.
    """

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="join_requests", verbose_name=_("person")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("organization"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=JoinRequestStatus.choices,
        default=JoinRequestStatus.PENDING,
    )
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("request to join an organization")
        verbose_name_plural = _("requests to join an organization")
        constraints = [
            models.UniqueConstraint(
                fields=["profile"],
                condition=models.Q(status="pending"),
                name="members_one_pending_join_request_per_profile",
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile} → {self.organization}"


JOIN_REQUEST_WORKFLOW = Workflow(
    JoinRequest,
    steps={
        "approve": step([JoinRequestStatus.PENDING], JoinRequestStatus.APPROVED, decision=True),
        "reject": step([JoinRequestStatus.PENDING], JoinRequestStatus.REJECTED, decision=True),
        "withdraw": step([JoinRequestStatus.PENDING], JoinRequestStatus.WITHDRAWN),
    },
    refusal=_("This request is already %(state)s."),
    parties=lambda request: {request.profile.user_id: _("the person asking to join")},
)


class Payment(models.Model):
    """A fee payment recorded by staff (there is no payment provider)."""

    class Method(models.TextChoices):
        BANK_TRANSFER = "bank_transfer", _("Bank transfer")
        CARD = "card", _("Card")
        CASH = "cash", _("Cash")
        INVOICE = "invoice", _("Invoice")

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    paid_on = models.DateField(_("paid on"))
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["-paid_on"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="members_payment_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} ({self.paid_on})"


class InvoiceSequence(models.Model):
    """The last invoice number given in a year.

    `issue_invoice` raises it with one `UPDATE ... SET last_number = last_number + 1` in the
    payment's transaction: the row stays locked until that transaction ends, so two payments
    never share a number, and a payment rolled back gives its number back (no gap).
    """

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("invoice sequence")
        verbose_name_plural = _("invoice sequences")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class Invoice(models.Model):
    """The numbered invoice of one payment, with both parties' details as they were then.

    Everything printed is copied onto the row when the invoice is issued, so that a later
    change of address, name or VAT rate never changes an invoice already sent.
    """

    # A membership's payment; empty for what another app bills through `issue_invoice_for`
    # (an event's ticket), which links the invoice from its own row.
    payment = models.OneToOneField(
        Payment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoice",
        verbose_name=_("payment"),
    )
    number = models.CharField(_("number"), max_length=40, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("number in the year"))
    issued_on = models.DateField(_("issued on"))
    seller_name = models.CharField(_("seller"), max_length=200)
    seller_address = models.TextField(_("seller's address"), blank=True)
    seller_vat_id = models.CharField(_("seller's VAT number"), max_length=30, blank=True)
    buyer_name = models.CharField(_("buyer"), max_length=200)
    buyer_address = models.TextField(_("buyer's address"), blank=True)
    buyer_vat_id = models.CharField(_("buyer's VAT number"), max_length=30, blank=True)
    description = models.CharField(_("description"), max_length=300)
    note = models.TextField(_("note"), blank=True)
    net_amount = models.DecimalField(_("net amount"), max_digits=10, decimal_places=2)
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2)
    vat_amount = models.DecimalField(_("VAT"), max_digits=10, decimal_places=2)
    total_amount = models.DecimalField(_("total"), max_digits=10, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)

    class Meta:
        ordering = ["-year", "-sequence"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="members_invoice_number"),
            models.CheckConstraint(
                condition=models.Q(total_amount=models.F("net_amount") + models.F("vat_amount")),
                name="members_invoice_adds_up",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def pdf_url(self) -> str:
        """Return the address of the invoice's PDF (the invoice has no page of its own)."""
        return reverse("members:invoice_pdf", kwargs={"pk": self.pk})


class Reminder(models.Model):
    """A renewal reminder sent for a membership; one per offset, so the daily run is idempotent."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="reminders")
    days_before_end = models.SmallIntegerField(_("days before the end"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("renewal reminder")
        verbose_name_plural = _("renewal reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "days_before_end"], name="members_one_reminder_per_offset"
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership_id}: {self.days_before_end}"
