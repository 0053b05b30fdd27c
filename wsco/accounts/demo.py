"""Demo accounts: one per role that staff give, plus the secretariat and a superuser."""

from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress

from wsco.accounts.models import Role, RoleGrant, User

if TYPE_CHECKING:
    from wsco.core.demo import DemoContext

# (label printed by `make run`, email, staff, superuser, granted role)
DEMO_ACCOUNTS = [
    ("superuser", "admin@wsco.example", True, True, None),
    ("staff", "secretariat@wsco.example", True, False, None),
    ("auditor", "auditor@wsco.example", False, False, Role.AUDITOR),
    ("juror", "juror@wsco.example", False, False, Role.JUROR),
    ("editor", "editor@wsco.example", False, False, Role.EDITOR),
    ("city official", "city.official@wsco.example", False, False, Role.CITY_OFFICIAL),
]


def seed(context: "DemoContext") -> None:
    """Create the demo accounts, verified, all with the demo password."""
    granted_by = None
    for label, email, is_staff, is_superuser, role in DEMO_ACCOUNTS:
        user = User.objects.create_user(
            email, context.password, is_staff=is_staff, is_superuser=is_superuser
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        if is_staff and not is_superuser:
            granted_by = user
        if role:
            # Written directly rather than through grant_role: demo people need no email.
            RoleGrant.objects.create(user=user, role=role, granted_by=granted_by)
        context.add_account(label, email)
    context.say(f"Accounts: {len(DEMO_ACCOUNTS)} demo accounts, one per role.")
