"""Cities, their audits, the values their officials enter, and each audit's history.

The numbers themselves are worked out by the engine (`wsco.audits.engine`), never here: the
platform keeps what a city entered, as it was written, and hands it to the engine
(`wsco.audits.services.results.compute_audit`).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from wsco.audits.engine.catalogue import DEFAULT_STANDARD, STANDARD_FILES
from wsco.core.models import HistoryEntry, status_change_fields
from wsco.core.uploads import UploadField
from wsco.core.workflows import Workflow, step
from wsco.members.models import Organization, OrganizationType

# The editions an audit may cover, in the order pages list them; ISO 37120:2014 for continuity.
EDITIONS: dict[str, str] = {
    "ISO37120:2018": "ISO 37120:2018",
    "ISO37122:2019": "ISO 37122:2019",
    "ISO37123:2019": "ISO 37123:2019",
    "ISO37120:2014": "ISO 37120:2014",
}
assert set(EDITIONS) == set(STANDARD_FILES)

PUBLIC_ENTITY_TYPES = [
    OrganizationType.CITY_HALL,
    OrganizationType.MINISTRY,
    OrganizationType.AGENCY,
]


def editions_key(editions) -> str:
    """Return the canonical text of a set of editions: known keys, in `EDITIONS` order."""
    chosen = set(editions)
    unknown = chosen - set(EDITIONS)
    if unknown:
        raise ValueError(f"Unknown editions: {', '.join(sorted(unknown))}")
    if not chosen:
        raise ValueError("An audit covers at least one edition.")
    return ",".join(key for key in EDITIONS if key in chosen)


class ClimateZone(models.TextChoices):
    """The main groups of the Köppen-Geiger classification."""

    TROPICAL = "tropical", _("Tropical (A)")
    ARID = "arid", _("Arid (B)")
    TEMPERATE = "temperate", _("Temperate (C)")
    CONTINENTAL = "continental", _("Continental (D)")
    POLAR = "polar", _("Polar (E)")


class GovernmentType(models.TextChoices):
    MAYOR_COUNCIL = "mayor_council", _("Mayor and council")
    COUNCIL_MANAGER = "council_manager", _("Council and city manager")
    METROPOLITAN = "metropolitan", _("Metropolitan authority")
    CITY_STATE = "city_state", _("City-state or capital territory")
    OTHER = "other", _("Other")


class City(models.Model):
    """A city that is audited (or may be): its facts, its municipality and its peers."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=170, unique=True)
    country = CountryField(_("country"))
    region = models.CharField(_("region"), max_length=150, blank=True)
    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("area (km²)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    climate_zone = models.CharField(
        _("climate zone"), max_length=20, choices=ClimateZone.choices, blank=True
    )
    government_type = models.CharField(
        _("type of government"), max_length=20, choices=GovernmentType.choices, blank=True
    )
    municipality = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cities",
        limit_choices_to={"type__in": PUBLIC_ENTITY_TYPES},
        verbose_name=_("municipality"),
        help_text=_("The public entity that governs the city, if it is on the platform."),
    )
    peers = models.ManyToManyField(
        "self", symmetrical=False, blank=True, verbose_name=_("peer cities")
    )
    officials = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="CityOfficial",
        through_fields=("city", "user"),
        related_name="official_of",
        blank=True,
        verbose_name=_("city officials"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90),
                name="audits_city_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="audits_city_longitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(area_km2__isnull=True) | models.Q(area_km2__gt=0),
                name="audits_city_area_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("audits:city", kwargs={"slug": self.slug})


class CityOfficial(models.Model):
    """A member who acts for a city: enters its data and answers the auditors."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="official_rows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="city_official_rows"
    )
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("named by"),
    )
    named_at = models.DateTimeField(_("named at"), default=timezone.now)

    class Meta:
        ordering = ["city", "named_at"]
        verbose_name = _("city official")
        verbose_name_plural = _("city officials")
        constraints = [
            models.UniqueConstraint(fields=["city", "user"], name="audits_one_official_row"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.city}"


class TeamRole(models.TextChoices):
    OFFICIAL = "official", _("City official")
    AUDITOR = "auditor", _("Auditor")


class AuditStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    VERIFICATION = "verification", _("In verification")
    VERIFIED = "verified", _("Verified")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Data may be entered and changed while the audit is in these states (answers to queries
# included); a published audit is frozen, and a correction makes a new version.
EDITABLE_STATUSES = [AuditStatus.DRAFT, AuditStatus.VERIFICATION]
BEFORE_PUBLICATION = [
    AuditStatus.DRAFT,
    AuditStatus.SUBMITTED,
    AuditStatus.VERIFICATION,
    AuditStatus.VERIFIED,
]


class AuditQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=AuditStatus.PUBLISHED)

    def for_team_member(self, user):
        """Return the audits `user` works on, as a city official or as an auditor."""
        return self.filter(team__user=user).distinct()


# Where an audit instance keeps what `Audit.official_ids` read.
OFFICIAL_IDS = "_official_ids"


class Audit(models.Model):
    """One city's audit for one data year and one set of editions, in one version."""

    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="audits", verbose_name=_("city")
    )
    year = models.PositiveSmallIntegerField(
        _("data year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    # The editions covered, as `editions_key` writes them ("ISO37120:2018,ISO37122:2019").
    editions = models.CharField(_("editions"), max_length=100, default=DEFAULT_STANDARD)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous_version = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
        verbose_name=_("corrects"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AuditStatus.choices, default=AuditStatus.DRAFT
    )
    # The level the engine gives the values, per edition audited ({"ISO37120:2018": "Gold"}),
    # and the first edition's level, by which lists filter (kept by store_results).
    levels = models.JSONField(_("levels"), default=dict, blank=True)
    level = models.CharField(_("level"), max_length=20, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "city__name", "-version"]
        verbose_name = _("audit")
        verbose_name_plural = _("audits")
        constraints = [
            models.UniqueConstraint(
                fields=["city", "year", "editions", "version"],
                condition=~models.Q(status="withdrawn"),
                name="audits_one_audit_per_city_year_editions",
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=1990, year__lte=2100), name="audits_year_range"
            ),
        ]
        indexes = [models.Index(fields=["status", "year"], name="audits_status_year")]

    def __str__(self) -> str:
        version = f" v{self.version}" if self.version > 1 else ""
        return f"{self.city} {self.year} ({self.editions_label}){version}"

    def get_absolute_url(self) -> str:
        return reverse("audits:audit", kwargs={"pk": self.pk})

    @property
    def edition_list(self) -> list[str]:
        return self.editions.split(",")

    @property
    def editions_label(self) -> str:
        return ", ".join(EDITIONS[key] for key in self.edition_list)

    @property
    def is_published(self) -> bool:
        return self.status == AuditStatus.PUBLISHED

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def official_ids(self) -> frozenset[int]:
        """Return the people who act for the city: its officials and the audit's own.

        One query, read once per instance: a page asks it several times (who may read, answer,
        withdraw, correct), and the services that change the team forget it (`forget_people`).
        """
        if OFFICIAL_IDS not in self.__dict__:
            on_team = TeamMember.objects.filter(audit=self, role=TeamRole.OFFICIAL)
            of_city = CityOfficial.objects.filter(city_id=self.city_id)
            people = (
                on_team.order_by()
                .values_list("user_id", flat=True)
                .union(of_city.order_by().values_list("user_id", flat=True))
            )
            self.__dict__[OFFICIAL_IDS] = frozenset(people)
        return self.__dict__[OFFICIAL_IDS]

    def forget_people(self) -> None:
        """Forget the officials read by `official_ids`: the team or the city's officials changed."""
        self.__dict__.pop(OFFICIAL_IDS, None)

    def refresh_from_db(self, *args, **kwargs) -> None:
        self.forget_people()
        super().refresh_from_db(*args, **kwargs)

    def auditor_ids(self) -> set[int]:
        return set(self.team.filter(role=TeamRole.AUDITOR).values_list("user_id", flat=True))


def _audit_parties(audit: Audit) -> dict[int, str]:
    """The people who may not decide on an audit: those who act for the city or entered data.

    An auditor never verifies an audit of a city whose municipality is their own organization,
    nor one whose data they entered.
    """
    parties: dict[int, str] = {}
    if audit.city.municipality_id:
        for user_id in audit.city.municipality.people.values_list("user_id", flat=True):
            parties[user_id] = _("a member of the city's municipality")
    for user_id in audit.official_ids():
        parties[user_id] = _("a city official of the audit")
    entered = {
        *audit.base_values.exclude(entered_by=None).values_list("entered_by", flat=True),
        *audit.reported_values.exclude(entered_by=None).values_list("entered_by", flat=True),
    }
    for user_id in entered:
        parties.setdefault(user_id, _("who entered the audit's data"))
    return parties


AUDIT_WORKFLOW = Workflow(
    Audit,
    steps={
        "submit": step(
            [AuditStatus.DRAFT],
            AuditStatus.SUBMITTED,
            refusal=_("Only a draft can be submitted; this audit is %(state)s."),
        ),
        "start_verification": step(
            [AuditStatus.SUBMITTED], AuditStatus.VERIFICATION, decision=True
        ),
        # The city answers its auditors' queries while the audit is in verification; the
        # auditors sign it as verified when every query is settled.
        "verify": step([AuditStatus.VERIFICATION], AuditStatus.VERIFIED, decision=True),
        "reopen": step([AuditStatus.VERIFIED], AuditStatus.VERIFICATION, decision=True),
        "publish": step([AuditStatus.VERIFIED], AuditStatus.PUBLISHED, decision=True),
        "withdraw": step(
            BEFORE_PUBLICATION,
            AuditStatus.WITHDRAWN,
            refusal=_("A published audit cannot be withdrawn; correct it with a new version."),
        ),
    },
    refusal=_("This audit is %(state)s."),
    parties=_audit_parties,
)


class AuditReport(models.Model):
    """An audit's report (PDF) in one language, made by a task (`wsco.audits.services.report`).

    One per audit and language; `key` is the fingerprint of what it shows, so a report whose
    audit changed since is made again, and `requested_at` keeps a second request from queueing
    the task again.
    """

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="reports")
    language = models.CharField(_("language"), max_length=10)
    file = UploadField(_("report"), kind="pdf", upload_to="audits/reports/", blank=True)
    key = models.CharField(_("report key"), max_length=64, blank=True)
    requested_at = models.DateTimeField(_("report requested at"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit report")
        verbose_name_plural = _("audit reports")
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "language"], name="audits_one_report_per_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.audit} ({self.language})"


class TeamMember(models.Model):
    """A person on an audit's team: a city official who enters data or an auditor who verifies."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="audit_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=TeamRole.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        ordering = ["role", "added_at"]
        verbose_name = _("audit team member")
        verbose_name_plural = _("audit team members")
        constraints = [
            # One role per person per audit: an auditor never verifies data they entered.
            models.UniqueConstraint(fields=["audit", "user"], name="audits_one_role_per_audit"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class AuditEvent(HistoryEntry):
    """One change of an audit's state: who, when, from, to, and why; shown as its history."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="events")
    from_status, to_status = status_change_fields(AuditStatus.choices)
    comment = models.TextField(_("comment"), blank=True)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.audit_id}: {self.from_status or '–'} → {self.to_status}"


class BaseValue(models.Model):
    """A base variable's value for an audit's city and year, as the city wrote it."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="base_values")
    # A variable of the engine's catalogue (`variables.csv`), such as "population".
    variable = models.CharField(_("variable"), max_length=100)
    # As written ("1.234,5", "$1,555.41", "N/A"): the engine reads it, with its findings.
    value = models.CharField(_("value"), max_length=60, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    # A document behind the value (PDF, picture, XLSX or CSV), for the audit's people only.
    evidence = UploadField(_("evidence"), kind="evidence", upload_to="audits/evidence/", blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # An auditor's acceptance of the value as entered; a change of the value clears it.
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        ordering = ["variable"]
        verbose_name = _("base value")
        verbose_name_plural = _("base values")
        constraints = [
            models.UniqueConstraint(fields=["audit", "variable"], name="audits_one_base_value"),
        ]

    def __str__(self) -> str:
        return f"{self.variable} = {self.value}"


class ReportedValue(models.Model):
    """An indicator as the city reports it: numerator, denominator and value, as written."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="reported_values")
    # An indicator key of the engine's catalogue, such as "ISO37120:2018/5.1".
    indicator = models.CharField(_("indicator"), max_length=40)
    numerator = models.CharField(_("numerator"), max_length=60, blank=True)
    denominator = models.CharField(_("denominator"), max_length=60, blank=True)
    value = models.CharField(_("value"), max_length=60, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    # Each file field keeps a folder of its own (`wsco.core.files` finds the row by it).
    evidence = UploadField(
        _("evidence"), kind="evidence", upload_to="audits/evidence/reported/", blank=True
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # An auditor's acceptance of the value as entered; a change of the value clears it.
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        ordering = ["indicator"]
        verbose_name = _("reported indicator")
        verbose_name_plural = _("reported indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "indicator"], name="audits_one_reported_value"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} = {self.value}"


class IndicatorResult(models.Model):
    """One indicator of an audit as the engine worked it out, kept so pages need no engine run.

    Written by `wsco.audits.services.results.store_results` after every change of the values
    (and frozen with them at publication); `outcome` is the engine's status (ok, warning,
    missing, invalid), not a workflow state.
    """

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="results")
    indicator = models.CharField(_("indicator"), max_length=40)
    theme = models.CharField(_("theme"), max_length=40)
    value = models.FloatField(_("value"), null=True, blank=True)
    computed_value = models.FloatField(_("computed value"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10)
    message_codes = models.JSONField(default=list, blank=True)
    # The engine's messages with their parameters, to translate when shown.
    messages = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["audit", "indicator"]
        verbose_name = _("indicator result")
        verbose_name_plural = _("indicator results")
        constraints = [
            models.UniqueConstraint(fields=["audit", "indicator"], name="audits_one_result"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.outcome})"


class QueryStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")
    SETTLED = "settled", _("Settled")


class QueryResolution(models.TextChoices):
    CHANGED = "changed", _("Value changed")
    EXPLAINED = "explained", _("Explained")


class Query(models.Model):
    """An auditor's question to the city about one entered value, and the city's answer.

    It is about a base value or a reported indicator (exactly one of the two); the city answers
    by changing the value or by explaining it, and the auditor settles it or opens it again.
    """

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="queries")
    # A value under query is kept: the question and its answer stay on the record.
    base_value = models.ForeignKey(
        BaseValue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="queries",
        verbose_name=_("base value"),
    )
    reported_value = models.ForeignKey(
        ReportedValue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="queries",
        verbose_name=_("reported indicator"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=QueryStatus.choices, default=QueryStatus.OPEN
    )
    question = models.TextField(_("question"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("raised by"),
    )
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now)
    answer = models.TextField(_("answer"), blank=True)
    resolution = models.CharField(
        _("resolution"), max_length=20, choices=QueryResolution.choices, blank=True
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("settled by"),
    )
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)

    class Meta:
        ordering = ["raised_at", "pk"]
        verbose_name = _("query")
        verbose_name_plural = _("queries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(base_value__isnull=False, reported_value__isnull=True)
                | models.Q(base_value__isnull=True, reported_value__isnull=False),
                name="audits_query_about_one_value",
            ),
        ]
        indexes = [models.Index(fields=["audit", "status"], name="audits_query_audit_status")]

    def __str__(self) -> str:
        return f"{self.audit_id}: {self.subject_key} ({self.status})"

    @property
    def subject(self) -> "BaseValue | ReportedValue":
        """Return the value the query is about."""
        return self.base_value if self.base_value_id else self.reported_value

    @property
    def subject_key(self) -> str:
        """Return the variable or the indicator the query is about."""
        if self.base_value_id:
            return self.base_value.variable
        return self.reported_value.indicator


QUERY_WORKFLOW = Workflow(
    Query,
    steps={
        "answer": step(
            [QueryStatus.OPEN],
            QueryStatus.ANSWERED,
            refusal=_("Only an open query is answered; this one is %(state)s."),
        ),
        # The auditors decide whether the answer satisfies them: never the city.
        "settle": step([QueryStatus.ANSWERED], QueryStatus.SETTLED, decision=True),
        "reopen": step([QueryStatus.ANSWERED], QueryStatus.OPEN, decision=True),
    },
    refusal=_("This query is %(state)s."),
    parties=lambda query: _audit_parties(query.audit),
)


class QueryEvent(HistoryEntry):
    """One change of a query's state: who, when, from, to, and the comment made with it."""

    query = models.ForeignKey(Query, on_delete=models.CASCADE, related_name="events")
    from_status, to_status = status_change_fields(QueryStatus.choices)
    comment = models.TextField(_("comment"), blank=True)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("query event")
        verbose_name_plural = _("query events")

    def __str__(self) -> str:
        return f"{self.query_id}: {self.from_status or '–'} → {self.to_status}"


class Signature(models.Model):
    """An auditor's signature of an audit's verification; two auditors' make it verified."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="signatures")
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="audit_signatures",
        verbose_name=_("auditor"),
    )
    signed_at = models.DateTimeField(_("signed at"), default=timezone.now)
    statement = models.TextField(_("statement"))

    class Meta:
        ordering = ["signed_at", "pk"]
        verbose_name = _("verification signature")
        verbose_name_plural = _("verification signatures")
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "auditor"], name="audits_one_signature_per_auditor"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.audit_id}: {self.auditor}"


# Results and benchmarks: figures the engine works out across published audits, kept so that
# pages never run the engine per request (`wsco.audits.services.benchmarks`).


class PeerKind(models.TextChoices):
    """The peer groups an audit's indicators are compared within (the same data year)."""

    ALL = "all", _("All audited cities")
    POPULATION = "population", _("Cities of the same size")
    REGION = "region", _("Cities of the same region")
    COUNTRY = "country", _("Cities of the same country")
    LIST = "list", _("The city's chosen peers")


class Benchmark(models.Model):
    """One indicator of a published audit among its peers, as the engine's `peer_scores` gives it.

    Scores are oriented so that higher is better; an indicator with no better direction, or
    without a usable value, has none.
    """

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="benchmarks")
    indicator = models.CharField(_("indicator"), max_length=40)
    peer_kind = models.CharField(_("peer group kind"), max_length=20, choices=PeerKind.choices)
    # The group itself: a population band, a region, a country code, or the city's own list.
    peer_group = models.CharField(_("peer group"), max_length=200)
    group_size = models.PositiveIntegerField(_("cities compared"), default=0)
    median = models.FloatField(_("median"), null=True, blank=True)
    z_score = models.FloatField(_("z-score"), null=True, blank=True)
    percentile_rank = models.FloatField(_("percentile rank"), null=True, blank=True)
    minmax_score = models.FloatField(_("min-max score"), null=True, blank=True)

    class Meta:
        ordering = ["audit", "indicator", "peer_kind"]
        verbose_name = _("benchmark")
        verbose_name_plural = _("benchmarks")
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "indicator", "peer_kind"], name="audits_one_benchmark"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.audit_id} {self.indicator} ({self.peer_kind})"


class ThemeScore(models.Model):
    """A published audit's score in one theme (0-100) and its rank among that year's audits."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="theme_scores")
    theme = models.CharField(_("theme"), max_length=40)
    score = models.FloatField(_("score"), null=True, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)

    class Meta:
        ordering = ["audit", "theme"]
        verbose_name = _("theme score")
        verbose_name_plural = _("theme scores")
        constraints = [
            models.UniqueConstraint(fields=["audit", "theme"], name="audits_one_theme_score"),
        ]
        indexes = [models.Index(fields=["theme", "rank"], name="audits_theme_rank")]

    def __str__(self) -> str:
        return f"{self.audit_id} {self.theme}: {self.score}"


class AuditScore(models.Model):
    """A published audit's overall index, its rank in its data year and the rank interval.

    The interval (5th to 95th percentile of the ranks) comes from the engine's Monte Carlo
    analysis of the index (`composite_index`).
    """

    audit = models.OneToOneField(Audit, on_delete=models.CASCADE, related_name="score")
    index = models.FloatField(_("index"), null=True, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    rank_median = models.PositiveIntegerField(_("median rank"), null=True, blank=True)
    rank_low = models.PositiveIntegerField(_("best rank"), null=True, blank=True)
    rank_high = models.PositiveIntegerField(_("worst rank"), null=True, blank=True)
    cities = models.PositiveIntegerField(_("cities ranked"), default=0)
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)

    class Meta:
        ordering = ["rank"]
        verbose_name = _("audit score")
        verbose_name_plural = _("audit scores")

    def __str__(self) -> str:
        return f"{self.audit_id}: {self.index} (rank {self.rank})"
