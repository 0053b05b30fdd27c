"""Factories for the members app's tests."""

import factory
from django.utils import timezone

from wsco.accounts.models import User
from wsco.members.models import (
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
