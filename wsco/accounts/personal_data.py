"""What the platform holds about a person: export it all, or erase it with the account.

Each app that keeps personal data registers a section in its `AppConfig.ready()`:

    register_section(
        name="members",
        exporter=export_member_data,   # (user) -> dict, JSON-ready apart from dates and decimals
        eraser=erase_member_data,      # (user) -> None, runs inside delete_account's transaction
        deletes=_("your member profile ..."),
        keeps=_("paid memberships ..., without your name"),
    )

`delete_account` runs every eraser, drops the emails queued for the person, then deletes the
user (whose own rows, such as roles, tokens and email addresses, go with it), all in one
transaction.
"""

from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus

from wsco.accounts.models import User
from wsco.core.tasks import send_email

ACCOUNT_SECTION = "account"


@dataclass(frozen=True)
class Section:
    """One app's share of a person's data."""

    name: str
    exporter: Callable[[User], dict]
    eraser: Callable[[User], None]
    deletes: str = ""
    keeps: str = ""


_sections: dict[str, Section] = {}


def register_section(
    *,
    name: str,
    exporter: Callable[[User], dict],
    eraser: Callable[[User], None],
    deletes: str = "",
    keeps: str = "",
) -> None:
    """Register an app's exporter and eraser under `name` (registering it again replaces it)."""
    if name == ACCOUNT_SECTION:
        raise ImproperlyConfigured(f"The section name {ACCOUNT_SECTION!r} is the account's own.")
    _sections[name] = Section(name, exporter, eraser, deletes, keeps)


def sections() -> list[Section]:
    """Return the registered sections, in the order the apps registered them."""
    return list(_sections.values())


def export_account(user: User) -> dict:
    """Return the account's own data: email, dates, language, roles, tokens and addresses."""
    return {
        "email": user.email,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "language": user.language,
        "is_staff": user.is_staff,
        "roles": [
            {"role": grant.role, "granted_at": grant.granted_at}
            for grant in user.role_grants.order_by("role")
        ],
        # A token's digest is a credential: only what the tokens page shows is exported.
        "api_tokens": [
            {
                "name": token.name,
                "prefix": token.prefix,
                "created_at": token.created_at,
                "last_used_at": token.last_used_at,
                "revoked_at": token.revoked_at,
            }
            for token in user.api_tokens.order_by("created_at")
        ],
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
    }


def export_personal_data(*, user: User) -> dict:
    """Return everything the platform holds about `user`, one key per section."""
    data: dict = {"exported_at": timezone.now(), ACCOUNT_SECTION: export_account(user)}
    for section in sections():
        data[section.name] = section.exporter(user)
    return data


def erase_queued_emails(user: User) -> None:
    """Delete the emails to `user` that the task queue holds, waiting or already sent.

    The database task backend keeps each email's recipients and text (sign-in links
    included) in its results until they are pruned.
    """
    if not apps.is_installed("django_tasks_db"):
        return
    from django_tasks_db.models import DBTaskResult

    addresses = {
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    }
    # The recipients are a JSON list: match each address with its quotes, so that
    # ana@example.org does not also match joana@example.org.
    to_them = Q()
    for address in addresses:
        to_them |= Q(args_kwargs__kwargs__to__icontains=f'"{address}"')
    DBTaskResult.objects.filter(to_them, task_path=send_email.module_path).exclude(
        status=TaskResultStatus.RUNNING
    ).delete()


@transaction.atomic
def delete_account(*, user: User) -> None:
    """Erase `user`'s data in every section, then delete the account itself.

    Erasers run before the user is deleted, so each can keep what must outlive the person
    (paid memberships, for the accounts) without the person's details.
    """
    for section in sections():
        section.eraser(user)
    erase_queued_emails(user)
    user.delete()
