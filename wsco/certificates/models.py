"""Certificates: what the platform certifies, for whom, from when to when, and whether it holds.

A certificate has no `status`: being revoked or replaced is a one-way fact recorded with its
time, who and why, and being expired follows from the date. `state_at(moment)` reads the state
from those fields, so the same certificate reads as valid on the day it was issued and as revoked
on any day after its revocation.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsco.certificates.kinds import kind_label


class CertificateState(models.TextChoices):
    """What a certificate is worth at a moment (computed, never stored)."""

    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    REPLACED = "replaced", _("Replaced")


class CertificateQuerySet(models.QuerySet):
    def in_state(self, state: str, *, at: datetime.datetime | None = None):
        """Return the certificates in `state` at `at` (now when not given), as `state_at` says."""
        at = at or timezone.now()
        today = timezone.localdate(at)
        revoked = models.Q(revoked_at__lte=at)
        replaced = models.Q(replaced_at__lte=at)
        expired = models.Q(valid_until__lt=today)
        if state == CertificateState.REVOKED:
            return self.filter(revoked)
        if state == CertificateState.REPLACED:
            return self.filter(replaced).exclude(revoked)
        if state == CertificateState.EXPIRED:
            return self.filter(expired).exclude(revoked | replaced)
        if state == CertificateState.VALID:
            return self.exclude(revoked | replaced | expired)
        raise ValueError(f"No certificate state {state!r}.")


class Certificate(models.Model):
    """A certificate issued by one of the platform's apps, verifiable by its code."""

    code = models.CharField(_("code"), max_length=19, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=50, db_index=True)
    title = models.CharField(
        _("title"), max_length=300, help_text=_("What the certificate certifies, as printed.")
    )
    holder_name = models.CharField(
        _("holder"), max_length=200, help_text=_("The city, organization or person, as printed.")
    )
    holder_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates_held",
        verbose_name=_("holder's account"),
    )
    holder_organization = models.ForeignKey(
        "members.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("holder's organization"),
    )
    # What the certificate is about (an audit, a course enrolment, a nomination): the issuing
    # app finds the certificates it issued for an object through these two columns.
    subject_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("subject type"),
    )
    subject_id = models.PositiveBigIntegerField(_("subject id"), null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    # Further lines to print, in order: [{"label": ..., "value": ...}, ...].
    details = models.JSONField(_("details"), default=list, blank=True)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("The last day it is valid, if any.")
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates_issued",
        verbose_name=_("issued by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates_revoked",
        verbose_name=_("revoked by"),
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    replaced_by = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )
    replaced_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    # The holder, title and code, folded, for the staff's search (wsco.core.search).
    search_document = models.TextField(editable=False, default="")
    # Every change moves it: a PDF kept in the cache under the old value is never served again.
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        indexes = [
            models.Index(fields=["subject_type", "subject_id"], name="certificate_subject"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revocation_reason=""),
                name="certificate_revocation_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(replaced_by__isnull=True, replaced_at__isnull=True)
                | models.Q(replaced_by__isnull=False, replaced_at__isnull=False),
                name="certificate_replacement_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(subject_type__isnull=True, subject_id__isnull=True)
                | models.Q(subject_type__isnull=False, subject_id__isnull=False),
                name="certificate_subject_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("certificates:verify", kwargs={"code": self.code})

    @property
    def absolute_url(self) -> str:
        """Return the verification page's full address, as printed on the PDF and its QR code."""
        return settings.SITE_URL.rstrip("/") + self.get_absolute_url()

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    def state_at(self, moment: datetime.datetime) -> CertificateState:
        """Return the state at `moment`: revoked, else replaced, else expired, else valid.

        Revocation says the most (the certificate should not have stood), so it wins over a
        replacement; a certificate is valid through the whole of its `valid_until` day, in
        the platform's time zone.
        """
        if self.revoked_at is not None and self.revoked_at <= moment:
            return CertificateState.REVOKED
        if self.replaced_at is not None and self.replaced_at <= moment:
            return CertificateState.REPLACED
        if self.valid_until is not None and self.valid_until < timezone.localdate(moment):
            return CertificateState.EXPIRED
        return CertificateState.VALID

    @property
    def state(self) -> CertificateState:
        """Return the state now."""
        return self.state_at(timezone.now())

    @property
    def detail_lines(self) -> list[tuple[str, str]]:
        """Return the details to print as (label, value) pairs, skipping malformed entries."""
        lines = []
        for entry in self.details if isinstance(self.details, list) else []:
            if isinstance(entry, dict) and "label" in entry and "value" in entry:
                lines.append((str(entry["label"]), str(entry["value"])))
        return lines
