"""Factories for the members app's tests.

They vary what the code branches on, by name rather than at random, so that a failure replays:
traits for a profile's visibility and organization and a membership's state, and functions for
the people the platform treats differently (`applicant`, `lapsed_member`, `current_member`).
`PEOPLE` names each kind of person for tests parametrised over all of them.
"""

import datetime
import io

import factory
from django.utils import timezone

from wsco.accounts.models import User
from wsco.core.demo import DemoContext
from wsco.members.models import (
    GRACE_DAYS,
    Application,
    Membership,
    MembershipKind,
    MembershipStatus,
    MembershipType,
    Organization,
    OrganizationType,
    Profile,
    Visibility,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """Mark the email as verified, as allauth does after confirmation."""
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
        if create:
            self.save()


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.Sequence(lambda n: f"organization-{n}")
    type = OrganizationType.COMPANY
    country = "RO"
    city = "Bucharest"


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Member {n}")
    country = "RO"
    city = "Cluj-Napoca"
    visibility = Visibility.PUBLIC
    is_member = False

    class Params:
        members_only = factory.Trait(visibility=Visibility.MEMBERS)
        hidden = factory.Trait(visibility=Visibility.HIDDEN)
        with_organization = factory.Trait(organization=factory.SubFactory(OrganizationFactory))


class MemberProfileFactory(ProfileFactory):
    """A profile whose holder has a current membership."""

    is_member = True


def membership_type(kind: str = MembershipKind.INDIVIDUAL) -> MembershipType:
    """Return the membership type of `kind` created by the migration."""
    return MembershipType.objects.filter(kind=kind).first()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    membership_type = factory.LazyFunction(membership_type)
    profile = factory.SubFactory(ProfileFactory)
    status = MembershipStatus.ACTIVE
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timezone.timedelta(days=100))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timezone.timedelta(days=364))
    fee_amount = factory.LazyAttribute(lambda o: o.membership_type.fee_amount)
    fee_currency = "EUR"

    class Params:
        # Approved, the fee not paid yet: no period.
        awaiting_payment = factory.Trait(
            status=MembershipStatus.AWAITING_PAYMENT, starts_on=None, ends_on=None
        )
        # Ended 10 days ago: still current for the rest of the grace period.
        in_grace = factory.Trait(
            starts_on=factory.LazyFunction(lambda: _days_ago(375)),
            ends_on=factory.LazyFunction(lambda: _days_ago(10)),
        )
        # Ended a year ago and lapsed by the daily job when its grace period was over.
        lapsed = factory.Trait(
            status=MembershipStatus.LAPSED,
            starts_on=factory.LazyFunction(lambda: _days_ago(729)),
            ends_on=factory.LazyFunction(lambda: _days_ago(365)),
        )


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def current_member(**fields) -> Profile:
    """Return a member with the current individual membership that makes them one."""
    profile = MemberProfileFactory(**fields)
    MembershipFactory(profile=profile)
    return profile


def applicant(**fields) -> Profile:
    """Return a person with a profile and an application the secretariat has not decided."""
    profile = ProfileFactory(**fields)
    Application.objects.create(
        profile=profile, membership_type=membership_type(), motivation="Smarter cities."
    )
    return profile


def lapsed_member(**fields) -> Profile:
    """Return a former member whose membership lapsed past its grace period."""
    profile = ProfileFactory(**fields)
    MembershipFactory(profile=profile, lapsed=True)
    assert profile.memberships.get().ends_on < _days_ago(GRACE_DAYS)
    return profile


def profile_only(**fields) -> Profile:
    """Return a person who filled in a profile and never applied."""
    return ProfileFactory(**fields)


# The people the platform treats differently, for tests parametrised over all of them.
PEOPLE = {
    "profile only": profile_only,
    "applicant": applicant,
    "lapsed member": lapsed_member,
    "current member": current_member,
}
NOT_MEMBERS = ["profile only", "applicant", "lapsed member"]
VISIBILITIES = [Visibility.PUBLIC, Visibility.MEMBERS, Visibility.HIDDEN]


def member(**fields) -> Profile:
    """Return a listed member with its themes and search document, as the services leave them.

    `interest` and `expertise` are lists of theme slugs; other fields go to the profile.
    """
    from wsco.core.models import Theme
    from wsco.members.services.profiles import refresh_search_document

    interest = fields.pop("interest", [])
    expertise = fields.pop("expertise", [])
    profile = MemberProfileFactory(**fields)
    profile.themes_of_interest.set(Theme.objects.filter(slug__in=interest))
    profile.themes_of_expertise.set(Theme.objects.filter(slug__in=expertise))
    refresh_search_document(profile=profile)
    return profile


def demo_context(members: int = 30):
    """Return a demo context over the staff account and `members` current members, the first
    of them the demo member account (what an app's demo seeder finds after the members')."""
    UserFactory(email="staff@demo.wsco.example", is_staff=True)
    member = current_member(user__email="member@demo.wsco.example").user
    for _ in range(members - 1):
        current_member()
    context = DemoContext(seed=2026, password="demo", stdout=io.StringIO())
    context.add_account("member", member.email, "a current member")
    return context
