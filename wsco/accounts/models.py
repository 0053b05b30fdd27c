"""The platform's user (email login), the roles staff give, and personal API tokens."""

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wsco.core.access import register_parties


class Role(models.TextChoices):
    """What a person may do on the platform beyond being a member."""

    MEMBER = "member", _("Member")
    STAFF = "staff", _("Staff (secretariat)")
    AUDITOR = "auditor", _("Auditor")
    JUROR = "juror", _("Juror")
    EDITOR = "editor", _("Editor")
    CITY_OFFICIAL = "city_official", _("City official")


# Member comes from a current membership and staff from `User.is_staff`; the others are granted.
GRANTED_ROLES = [Role.AUDITOR, Role.JUROR, Role.EDITOR, Role.CITY_OFFICIAL]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        """Create a person who signs in with `email`."""
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        """Create a secretariat account with every permission."""
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an email address."""

    email = models.EmailField(_("email address"), unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("staff (secretariat)"),
        default=False,
        help_text=_("Secretariat staff review applications and may use the admin."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language of the pages once you sign in, and of the emails we send you."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.email

    @cached_property
    def granted_roles(self) -> frozenset[str]:
        """Return the roles staff have granted this person."""
        return frozenset(self.role_grants.values_list("role", flat=True))

    def has_role(self, role: str) -> bool:
        """Say whether this person holds `role`."""
        if not self.is_active:
            return False
        if role == Role.STAFF:
            return self.is_staff
        if role == Role.MEMBER:
            profile = getattr(self, "profile", None)
            return bool(profile and profile.is_member)
        return role in self.granted_roles


class RoleGrant(models.Model):
    """A role given to a person by staff."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="accounts_unique_role_per_user"),
            models.CheckConstraint(
                condition=models.Q(role__in=[role.value for role in GRANTED_ROLES]),
                name="accounts_role_is_grantable",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


# A role is given by someone else: nobody grants one to themselves (wsco/core/access.py).
register_parties(RoleGrant, lambda grant: {grant.user_id: _("the person the role is for")})


def hash_token(key: str) -> str:
    """Return the SHA-256 digest under which a token's key is stored."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        """Return the tokens that are not revoked."""
        return self.filter(revoked_at__isnull=True)

    def listed(self):
        """Return the tokens as their owner sees them: usable first, then newest first."""
        return self.order_by(models.F("revoked_at").asc(nulls_first=True), "-created_at", "-pk")


class ApiToken(models.Model):
    """A personal token a person creates for scripts; only its digest is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
