"""The standards library and the register of the standards' adoption into legislation.

A `Standard` (ISO 37120, ISO 37101...) has editions; an indicator standard's edition names its
file in the audit engine's catalogue (`catalogue_key`), and its indicators are read from there
whenever they are shown: the catalogue is the one source, never copied into the database.

An `Adoption` is a legal act that brings a standard into a country's (or a region's, or a
city's) law; its status moves through `ADOPTION_WORKFLOW`, and every change to it, of its
status or of its details, is an `AdoptionEvent` row written by the service that makes it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from wsco.audits.engine.catalogue import STANDARD_FILES
from wsco.audits.models import City
from wsco.core.models import HistoryEntry, Theme, status_change_fields
from wsco.core.workflows import Workflow, step

CATALOGUE_CHOICES = [("", _("None: the standard defines no indicators"))] + [
    (key, key.replace("ISO", "ISO ")) for key in STANDARD_FILES
]


class Standard(models.Model):
    """An international standard WSCO follows: its reference, our summary, its themes."""

    reference = models.CharField(
        _("reference"), max_length=60, unique=True, help_text=_("For example: ISO 37120.")
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(
        _("summary"),
        help_text=_("What the standard asks of a city, in our own words (never its text)."),
    )
    body = models.CharField(
        _("committee"), max_length=100, blank=True, help_text=_("For example: ISO/TC 268.")
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="standards", verbose_name=_("themes")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["reference"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("standards:standard", kwargs={"slug": self.slug})

    @property
    def has_indicators(self) -> bool:
        """Say whether an edition of it is in the audits' catalogue (reads prefetched editions)."""
        return any(edition.catalogue_key for edition in self.editions.all())


class EditionStatus(models.TextChoices):
    CURRENT = "current", _("Current")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REPLACED = "replaced", _("Replaced")


class Edition(models.Model):
    """One edition of a standard (ISO 37120:2018), and where its indicators are catalogued."""

    standard = models.ForeignKey(
        Standard, on_delete=models.CASCADE, related_name="editions", verbose_name=_("standard")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1947), MaxValueValidator(2100)]
    )
    label = models.CharField(
        _("label"),
        max_length=80,
        blank=True,
        help_text=_("How the edition is cited, when not reference:year (ISO/TS 37106:2018)."),
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=EditionStatus.choices, default=EditionStatus.CURRENT
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )
    catalogue_key = models.CharField(
        _("indicators in the catalogue"),
        max_length=20,
        blank=True,
        choices=CATALOGUE_CHOICES,
        help_text=_("The audit engine's catalogue of this edition's indicators, if it has one."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["standard", "-year"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "year"], name="standards_one_edition_a_year"
            ),
            models.UniqueConstraint(
                fields=["catalogue_key"],
                condition=~models.Q(catalogue_key=""),
                name="standards_one_edition_per_catalogue",
            ),
        ]

    def __str__(self) -> str:
        return self.label or f"{self.standard.reference}:{self.year}"

    def clean(self) -> None:
        """Refuse a catalogue another edition already takes (named on its field)."""
        taken = Edition.objects.filter(catalogue_key=self.catalogue_key).exclude(pk=self.pk)
        if self.catalogue_key and taken.exists():
            raise ValidationError(
                {
                    "catalogue_key": _("%(edition)s already takes this catalogue.")
                    % {"edition": taken.select_related("standard").first()}
                }
            )

    @property
    def is_current(self) -> bool:
        return self.status == EditionStatus.CURRENT


EDITION_WORKFLOW = Workflow(
    Edition,
    steps={
        "withdraw": step([EditionStatus.CURRENT], EditionStatus.WITHDRAWN),
        "replace": step([EditionStatus.CURRENT, EditionStatus.WITHDRAWN], EditionStatus.REPLACED),
    },
    refusal=_("This edition is already %(state)s."),
)


class AdoptionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ADOPTED = "adopted", _("Adopted")
    IN_FORCE = "in_force", _("In force")
    AMENDED = "amended", _("Amended")
    REPEALED = "repealed", _("Repealed")


# An amended act is still in force, as amended.
IN_FORCE_STATUSES = [AdoptionStatus.IN_FORCE, AdoptionStatus.AMENDED]


class AppliesTo(models.TextChoices):
    """Whom an act obliges: the rule the obligations of a city are read from."""

    ALL_MUNICIPALITIES = "all_municipalities", _("Every municipality")
    MUNICIPALITIES_ABOVE = "municipalities_above", _("Municipalities above a population")
    NAMED_CITY = "named_city", _("One city")
    PUBLIC_PROCUREMENT = "public_procurement", _("Public procurement")
    NATIONAL_BODIES = "national_bodies", _("National authorities")
    VOLUNTARY = "voluntary", _("Voluntary: recommended, not required")


# The rules that oblige a municipality itself (the others concern procurement, ministries...).
MUNICIPAL_RULES = [
    AppliesTo.ALL_MUNICIPALITIES,
    AppliesTo.MUNICIPALITIES_ABOVE,
    AppliesTo.NAMED_CITY,
]


class AdoptionQuerySet(models.QuerySet):
    def in_force(self, day=None):
        """Return the acts in force on `day` (today): in force or amended, and started."""
        day = day or timezone.localdate()
        return self.filter(status__in=IN_FORCE_STATUSES).filter(
            models.Q(in_force_on__isnull=True) | models.Q(in_force_on__lte=day)
        )


class Adoption(models.Model):
    """A legal act that adopts a standard: where, which act, what it obliges, and its status."""

    country = CountryField(_("country"))
    region = models.CharField(
        _("region"), max_length=150, blank=True, help_text=_("Only for a regional act.")
    )
    city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adoptions",
        verbose_name=_("city"),
        help_text=_("Only for a city's own act."),
    )
    title = models.CharField(_("title of the act"), max_length=300)
    act_number = models.CharField(_("act number"), max_length=80, blank=True)
    act_date = models.DateField(_("date of the act"), null=True, blank=True)
    official_url = models.URLField(_("official link"), max_length=500, blank=True)
    standard = models.ForeignKey(
        Standard, on_delete=models.PROTECT, related_name="adoptions", verbose_name=_("standard")
    )
    edition = models.ForeignKey(
        Edition,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adoptions",
        verbose_name=_("edition"),
        help_text=_("Empty when the act names the standard without an edition."),
    )
    obligations = models.TextField(_("what it obliges"), blank=True)
    applies_to = models.CharField(_("applies to"), max_length=30, choices=AppliesTo.choices)
    min_population = models.PositiveIntegerField(
        _("population from"),
        null=True,
        blank=True,
        help_text=_("For municipalities above a population: the smallest population obliged."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AdoptionStatus.choices, default=AdoptionStatus.PROPOSED
    )
    proposed_on = models.DateField(_("proposed on"), null=True, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    in_force_on = models.DateField(_("in force from"), null=True, blank=True)
    amended_on = models.DateField(_("amended on"), null=True, blank=True)
    repealed_on = models.DateField(_("repealed on"), null=True, blank=True)
    wsco_took_part = models.BooleanField(_("WSCO took part"), default=False)
    wsco_part = models.TextField(_("WSCO's part"), blank=True)
    sources = models.TextField(_("sources"), blank=True, help_text=_("One source a line."))
    is_demo = models.BooleanField(
        _("demo example"), default=False, help_text=_("An invented example, not a real act.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AdoptionQuerySet.as_manager()

    class Meta:
        ordering = ["country", "-act_date", "-pk"]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "act_number"],
                condition=~models.Q(act_number=""),
                name="standards_act_number_unique_per_country",
            ),
            models.CheckConstraint(
                condition=~models.Q(applies_to="municipalities_above")
                | models.Q(min_population__isnull=False),
                name="standards_threshold_given",
            ),
        ]
        indexes = [models.Index(fields=["status", "country"], name="standards_adoption_status")]

    def __str__(self) -> str:
        return f"{self.country.code} {self.act_number or self.title}"

    def get_absolute_url(self) -> str:
        return reverse("standards:adoption", kwargs={"pk": self.pk})

    def clean(self) -> None:
        """Refuse dates out of order, a rule without what it needs, a city of another country."""
        errors = {}
        for earlier, later in DATE_ORDER:
            first, second = getattr(self, earlier), getattr(self, later)
            if first and second and second < first:
                errors.setdefault(later, []).append(
                    _("%(later)s cannot be before %(earlier)s (%(date)s).")
                    % {
                        "later": self._meta.get_field(later).verbose_name,
                        "earlier": self._meta.get_field(earlier).verbose_name,
                        "date": first.isoformat(),
                    }
                )
        if self.applies_to == AppliesTo.MUNICIPALITIES_ABOVE and not self.min_population:
            errors.setdefault("min_population", []).append(
                _("Give the population from which municipalities are obliged.")
            )
        if self.applies_to == AppliesTo.NAMED_CITY and self.city_id is None:
            errors.setdefault("city", []).append(_("Choose the city the act obliges."))
        if self.city_id is not None and self.country and self.city.country != self.country:
            errors.setdefault("city", []).append(
                _("%(city)s is not in %(country)s.")
                % {"city": self.city.name, "country": self.country.name}
            )
        if self.edition_id is not None and self.edition.standard_id != self.standard_id:
            errors.setdefault("edition", []).append(
                _("%(edition)s is not an edition of %(standard)s.")
                % {"edition": self.edition, "standard": self.standard}
            )
        same_number = Adoption.objects.filter(
            country=self.country, act_number=self.act_number
        ).exclude(pk=self.pk)
        if self.act_number and self.country and same_number.exists():
            errors.setdefault("act_number", []).append(
                _("An act numbered %(number)s is already recorded for %(country)s.")
                % {"number": self.act_number, "country": self.country.name}
            )
        if errors:
            raise ValidationError(errors)

    @property
    def year(self) -> int | None:
        day = self.act_date or self.adopted_on or self.proposed_on
        return day.year if day else None

    @property
    def source_list(self) -> list[str]:
        return [line.strip() for line in self.sources.splitlines() if line.strip()]


# Pairs of dates an act keeps in this order, when both are given.
DATE_ORDER = [
    ("proposed_on", "adopted_on"),
    ("proposed_on", "act_date"),
    ("adopted_on", "in_force_on"),
    ("act_date", "in_force_on"),
    ("adopted_on", "amended_on"),
    ("adopted_on", "repealed_on"),
    ("in_force_on", "repealed_on"),
    ("amended_on", "repealed_on"),
]

ADOPTION_WORKFLOW = Workflow(
    Adoption,
    steps={
        "adopt": step([AdoptionStatus.PROPOSED], AdoptionStatus.ADOPTED),
        "bring_into_force": step(
            [AdoptionStatus.PROPOSED, AdoptionStatus.ADOPTED], AdoptionStatus.IN_FORCE
        ),
        "amend": step(
            [AdoptionStatus.ADOPTED, AdoptionStatus.IN_FORCE, AdoptionStatus.AMENDED],
            AdoptionStatus.AMENDED,
        ),
        "repeal": step(
            [
                AdoptionStatus.PROPOSED,
                AdoptionStatus.ADOPTED,
                AdoptionStatus.IN_FORCE,
                AdoptionStatus.AMENDED,
            ],
            AdoptionStatus.REPEALED,
        ),
    },
    refusal=_("This act is %(state)s."),
)
# Each step and the date field it stamps.
STEP_DATES = {
    "adopt": "adopted_on",
    "bring_into_force": "in_force_on",
    "amend": "amended_on",
    "repeal": "repealed_on",
}


class AdoptionEvent(HistoryEntry):
    """One change to an act: recorded, edited or moved to a status; who, when and what."""

    class Action(models.TextChoices):
        RECORDED = "recorded", _("Recorded")
        EDITED = "edited", _("Edited")
        STATUS = "status", _("Status changed")

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_status, to_status = status_change_fields(AdoptionStatus.choices)
    # The fields an edit changed: {"act_number": ["12/2024", "12/2025"]}, values as text.
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("change to an act")
        verbose_name_plural = _("changes to acts")

    def __str__(self) -> str:
        return f"{self.adoption} {self.action} {self.at:%Y-%m-%d}"


class Follow(models.Model):
    """A person following a standard or a country: told of new editions, acts and changes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="standards_follows"
    )
    standard = models.ForeignKey(
        Standard, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    country = CountryField(_("country"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(standard__isnull=False) & models.Q(country=""))
                | (models.Q(standard__isnull=True) & ~models.Q(country="")),
                name="standards_follow_one_thing",
            ),
            models.UniqueConstraint(
                fields=["user", "standard"],
                condition=models.Q(standard__isnull=False),
                name="standards_follow_standard_once",
            ),
            models.UniqueConstraint(
                fields=["user", "country"],
                condition=~models.Q(country=""),
                name="standards_follow_country_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.standard or self.country.code}"


class Digest(models.Model):
    """The daily email of what a person follows: one a day, covering news up to `up_to`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="standards_digests"
    )
    day = models.DateField(_("day"))
    up_to = models.DateTimeField(_("covers news up to"))
    items = models.PositiveIntegerField(_("items"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("daily email of standards")
        verbose_name_plural = _("daily emails of standards")
        constraints = [
            # What makes the daily command safe to run twice: a second run finds the row.
            models.UniqueConstraint(fields=["user", "day"], name="standards_one_digest_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.day}"
