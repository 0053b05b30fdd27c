"""Joining an organization is a request its administrator (or, without one, the secretariat)
approves; only approved affiliations show on its page and in the directory."""

import importlib

import pytest
from django.apps import apps
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from wsco.core.access import PartyToCase
from wsco.members.models import Application, JoinRequest, JoinRequestStatus, Membership, Profile
from wsco.members.services.affiliations import (
    approve_join_request,
    choose_organization,
    reject_join_request,
    request_to_join,
    withdraw_join_request,
)
from wsco.members.services.memberships import (
    NewOrganization,
    ProfileBasics,
    apply_for_membership,
)
from wsco.members.tests.factories import (
    MemberProfileFactory,
    MembershipFactory,
    OrganizationFactory,
    ProfileFactory,
    UserFactory,
)
from wsco.members.tests.membership_helpers import corporate, count_queries, mail_to, signed_in

pytestmark = pytest.mark.django_db


def administered(name="Tram Works") -> Membership:
    """Return a current corporate membership of a new organization, with its administrator."""
    organization = OrganizationFactory(name=name)
    administrator = MemberProfileFactory(
        name="Ana Admin", organization=organization, user__email=f"admin@{organization.slug}.org"
    )
    return MembershipFactory(
        membership_type=corporate(), organization=organization, profile=administrator
    )


def edit_profile(client, profile, organization) -> None:
    client.post(
        reverse("members:edit_profile"),
        {
            "name": profile.name,
            "country": "RO",
            "visibility": profile.visibility,
            "organization": organization.pk if organization else "",
        },
    )


def test_choosing_an_organization_asks_its_administrator_and_lists_nobody_yet(
    client, django_capture_on_commit_callbacks
):
    membership = administered()
    organization = membership.organization
    person = MemberProfileFactory(name="Dan Tram", user__email="dan@example.org")
    signed_in(client, person.user)
    with django_capture_on_commit_callbacks(execute=True):
        edit_profile(client, person, organization)
    person.refresh_from_db()
    assert person.organization is None
    join_request = JoinRequest.objects.get(profile=person)
    assert (join_request.organization, join_request.status) == (organization, "pending")
    (asked,) = mail_to(mail.outbox, membership.profile.user.email)
    assert "Dan Tram asks to be listed with Tram Works" in asked.body
    visitor = Client()
    assert b"Dan Tram" not in visitor.get(organization.get_absolute_url()).content
    listed = visitor.get(reverse("members:directory"), {"type": organization.type}).content
    assert b"Dan Tram" not in listed
    assert b"awaits its administrator" in client.get(reverse("members:edit_profile")).content


def test_the_administrator_approves_and_the_person_is_listed(
    client, django_capture_on_commit_callbacks
):
    membership = administered()
    person = MemberProfileFactory(name="Dan Tram", visibility="public")
    join_request = request_to_join(profile=person, organization=membership.organization)
    signed_in(client, membership.profile.user)
    page = client.get(reverse("members:join_requests"))
    assert b"Dan Tram" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:approve_join_request", args=[join_request.pk]))
    assert response.status_code == 302
    join_request.refresh_from_db()
    person.refresh_from_db()
    assert (join_request.status, join_request.decided_by) == ("approved", membership.profile.user)
    assert person.organization == membership.organization
    (told,) = mail_to(mail.outbox, person.user.email)
    assert "You are listed with Tram Works" in told.subject
    assert b"Dan Tram" in Client().get(membership.organization.get_absolute_url()).content


def test_a_rejected_request_leaves_the_person_as_they_were(django_capture_on_commit_callbacks):
    membership = administered()
    before = OrganizationFactory(name="Old Place")
    person = MemberProfileFactory(organization=before)
    join_request = request_to_join(profile=person, organization=membership.organization)
    with django_capture_on_commit_callbacks(execute=True):
        reject_join_request(join_request=join_request, by=membership.profile.user)
    person.refresh_from_db()
    join_request.refresh_from_db()
    assert (join_request.status, person.organization) == ("rejected", before)
    (told,) = mail_to(mail.outbox, person.user.email)
    assert "was not approved" in told.subject


@pytest.mark.parametrize("decide", [approve_join_request, reject_join_request])
def test_someone_who_does_not_administer_the_organization_cannot_decide(client, decide):
    membership = administered()
    person = MemberProfileFactory()
    join_request = request_to_join(profile=person, organization=membership.organization)
    colleague = MemberProfileFactory(organization=membership.organization)  # not administrator
    other_administrator = administered("Other Works").profile
    for outsider in (colleague.user, other_administrator.user):
        with pytest.raises(PermissionDenied, match="Only the organization's administrator"):
            decide(join_request=join_request, by=outsider)
        signed_in(client, outsider)
        for name in ("members:approve_join_request", "members:reject_join_request"):
            assert client.post(reverse(name, args=[join_request.pk])).status_code == 404
        assert (
            b"No request awaits your decision."
            in client.get(reverse("members:join_requests")).content
        )
    join_request.refresh_from_db()
    person.refresh_from_db()
    assert (join_request.status, person.organization) == ("pending", None)


def test_an_administrator_does_not_approve_their_own_request(client):
    membership = administered()
    # The administrator is listed elsewhere and asks to be listed with the organization.
    administrator = membership.profile
    administrator.organization = OrganizationFactory()
    administrator.save()
    join_request = request_to_join(profile=administrator, organization=membership.organization)
    with pytest.raises(PartyToCase, match="you are the person asking to join"):
        approve_join_request(join_request=join_request, by=administrator.user)
    signed_in(client, administrator.user)
    page = client.get(reverse("members:join_requests"))
    assert b"Your own request: someone else decides it." in page.content
    response = client.post(reverse("members:approve_join_request", args=[join_request.pk]))
    assert response.status_code == 403
    join_request.refresh_from_db()
    assert join_request.status == "pending"
    approve_join_request(join_request=join_request, by=UserFactory(is_staff=True))
    administrator.refresh_from_db()
    assert administrator.organization == membership.organization


def test_without_an_administrator_the_secretariat_is_asked_and_decides(
    django_capture_on_commit_callbacks,
):
    organization = OrganizationFactory(name="Lonely Labs")
    staff = UserFactory(is_staff=True, email="secretariat@wsco.example")
    person = MemberProfileFactory(name="Dan Tram")
    with django_capture_on_commit_callbacks(execute=True):
        join_request = request_to_join(profile=person, organization=organization)
    (asked,) = mail_to(mail.outbox, staff.email)
    assert "A request to join Lonely Labs" in asked.subject
    # A lapsed membership's administrator no longer decides.
    lapsed = MembershipFactory(
        membership_type=corporate(), organization=organization, lapsed=True
    ).profile
    with pytest.raises(PermissionDenied, match="Only the organization's administrator"):
        approve_join_request(join_request=join_request, by=lapsed.user)
    approve_join_request(join_request=join_request, by=staff)
    person.refresh_from_db()
    assert person.organization == organization


def test_one_pending_request_at_a_time_and_a_new_choice_withdraws_the_old():
    first, second = OrganizationFactory(), OrganizationFactory()
    person = MemberProfileFactory()
    old = request_to_join(profile=person, organization=first)
    assert request_to_join(profile=person, organization=first) == old
    new = request_to_join(profile=person, organization=second)
    old.refresh_from_db()
    assert (old.status, new.status) == ("withdrawn", "pending")
    assert JoinRequest.objects.filter(profile=person, status="pending").count() == 1


def test_choosing_one_s_own_organization_again_asks_nothing():
    organization = OrganizationFactory()
    person = MemberProfileFactory(organization=organization)
    assert choose_organization(profile=person, organization=organization) is None
    assert not JoinRequest.objects.exists()


def test_leaving_an_organization_needs_nobody_and_withdraws_a_pending_request(client):
    listed_with = OrganizationFactory()
    person = MemberProfileFactory(organization=listed_with)
    pending = request_to_join(profile=person, organization=OrganizationFactory())
    signed_in(client, person.user)
    edit_profile(client, person, None)
    person.refresh_from_db()
    pending.refresh_from_db()
    assert (person.organization, pending.status) == (None, "withdrawn")


def test_the_person_withdraws_their_request_and_nobody_else_does(client):
    person = MemberProfileFactory()
    join_request = request_to_join(profile=person, organization=OrganizationFactory())
    with pytest.raises(PermissionDenied, match="Only the person asking"):
        withdraw_join_request(join_request=join_request, by=UserFactory(is_staff=True))
    signed_in(client, person.user)
    response = client.post(reverse("members:withdraw_join_request", args=[join_request.pk]))
    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == "withdrawn"
    with pytest.raises(ValidationError, match="This request is already withdrawn"):
        withdraw_join_request(join_request=join_request, by=person.user)


def test_a_decided_request_is_not_decided_again():
    membership = administered()
    join_request = request_to_join(
        profile=MemberProfileFactory(), organization=membership.organization
    )
    approve_join_request(join_request=join_request, by=membership.profile.user)
    with pytest.raises(ValidationError, match="This request is already approved"):
        reject_join_request(join_request=join_request, by=membership.profile.user)


def test_two_requests_racing_past_the_check_meet_the_constraint(monkeypatch):
    person = MemberProfileFactory()
    first = OrganizationFactory()
    JoinRequest.objects.create(profile=person, organization=first)
    # As if another request had been created between the check and the insert.
    monkeypatch.setattr(JoinRequest.objects, "filter", lambda **kwargs: JoinRequest.objects.none())
    with pytest.raises(ValidationError, match="already have a request to join pending"):
        request_to_join(profile=person, organization=OrganizationFactory())
    assert JoinRequest.objects.count() == 1


# Applying names an organization --------------------------------------------------------------


def test_an_applicant_creating_an_organization_is_listed_with_it_at_once():
    user = UserFactory()
    application = apply_for_membership(
        user=user,
        membership_type=corporate(),
        motivation="Trams.",
        new_organization=NewOrganization(name="New Trams", type="company", country="RO"),
        profile_basics=ProfileBasics(name="Dan", country="RO"),
    )
    profile = Profile.objects.get(user=user)
    assert profile.organization == application.organization
    record = JoinRequest.objects.get(profile=profile)
    assert (record.organization, record.status) == (application.organization, "approved")


def test_an_applicant_naming_an_existing_organization_asks_to_join_it():
    organization = OrganizationFactory()
    person = ProfileFactory()
    apply_for_membership(
        user=person.user,
        membership_type=corporate(),
        motivation="Trams.",
        organization=organization,
    )
    person.refresh_from_db()
    assert person.organization is None
    assert Application.objects.get().organization == organization
    assert JoinRequest.objects.get(profile=person).status == JoinRequestStatus.PENDING


# Existing data -------------------------------------------------------------------------------


def test_the_migration_keeps_every_existing_affiliation_as_approved():
    organization = OrganizationFactory()
    listed = [ProfileFactory(organization=organization) for _ in range(3)]
    unlisted = ProfileFactory()
    migration = importlib.import_module("wsco.members.migrations.0008_keep_existing_affiliations")
    migration.record_existing_affiliations(apps, None)
    records = JoinRequest.objects.order_by("profile_id")
    assert [(r.profile_id, r.organization_id, r.status) for r in records] == [
        (profile.pk, organization.pk, "approved") for profile in listed
    ]
    assert not JoinRequest.objects.filter(profile=unlisted).exists()
    for profile in listed:
        profile.refresh_from_db()
        assert profile.organization == organization


# Pages ---------------------------------------------------------------------------------------


def test_the_requests_page_costs_the_same_queries_with_one_or_several(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request builds the whole page
    staff = UserFactory(is_staff=True)
    organization = OrganizationFactory()

    # Each person asking is listed with another organization now, which the page shows.
    def asking():
        return MemberProfileFactory(organization=OrganizationFactory())

    request_to_join(profile=asking(), organization=organization)
    signed_in(client, staff)
    one = count_queries(lambda: client.get(reverse("members:join_requests")))
    for _index in range(4):
        request_to_join(profile=asking(), organization=OrganizationFactory())
    response = client.get(reverse("members:join_requests"))
    assert len(response.context["page"]) == 5
    assert count_queries(lambda: client.get(reverse("members:join_requests"))) == one


def test_the_administrator_sees_only_their_organizations_requests(client):
    membership = administered()
    mine = request_to_join(
        profile=MemberProfileFactory(name="Mine Person"), organization=membership.organization
    )
    request_to_join(
        profile=MemberProfileFactory(name="Else Person"), organization=OrganizationFactory()
    )
    signed_in(client, membership.profile.user)
    page = client.get(reverse("members:join_requests"))
    assert list(page.context["page"]) == [mine]
    assert b"Else Person" not in page.content


# The person's data -----------------------------------------------------------------------------


def test_the_export_holds_the_requests_and_invitations_and_deleting_erases_them():
    from wsco.accounts.personal_data import delete_account, export_personal_data
    from wsco.members.services.seats import invite_to_seat

    membership = administered()
    person = MemberProfileFactory(user__email="dan@example.org")
    request_to_join(profile=person, organization=membership.organization)
    invite_to_seat(membership=membership, email="DAN@example.org", by=None)
    invite_to_seat(membership=membership, email="someone.else@example.org", by=None)
    data = export_personal_data(user=person.user)["members"]
    assert [(r["organization"], r["status"]) for r in data["join_requests"]] == [
        ("Tram Works", "pending")
    ]
    assert [(i["organization"], i["status"]) for i in data["seat_invitations"]] == [
        ("Tram Works", "pending")
    ]
    delete_account(user=person.user)
    assert not JoinRequest.objects.exists()
    assert list(membership.invitations.values_list("email", flat=True)) == [
        "someone.else@example.org"
    ]


def test_only_active_signed_in_people_decide():
    from django.contrib.auth.models import AnonymousUser

    from wsco.members.services.affiliations import may_decide

    join_request = request_to_join(
        profile=MemberProfileFactory(), organization=OrganizationFactory()
    )
    assert may_decide(UserFactory(is_staff=True), join_request)
    assert may_decide(UserFactory(is_staff=True, is_active=False), join_request) is False
    assert may_decide(AnonymousUser(), join_request) is False


def test_decisions_return_the_decided_request_and_tell_the_listeners(monkeypatch):
    from wsco.members.services import profiles as profile_services

    told = []
    monkeypatch.setattr(profile_services, "_profile_listeners", [lambda **kw: told.append(kw)])
    membership = administered()
    person = MemberProfileFactory()
    approved = approve_join_request(
        join_request=request_to_join(profile=person, organization=membership.organization),
        by=membership.profile.user,
    )
    assert approved.status == "approved"
    # The network's vectors follow a change of organization.
    assert told == [{"profile_id": person.pk}]
    rejected = reject_join_request(
        join_request=request_to_join(
            profile=MemberProfileFactory(), organization=membership.organization
        ),
        by=membership.profile.user,
    )
    assert rejected.status == "rejected"


def test_founding_an_organization_withdraws_a_pending_request():
    from wsco.members.services.affiliations import list_founder

    person = MemberProfileFactory()
    pending = request_to_join(profile=person, organization=OrganizationFactory())
    founded = OrganizationFactory()
    list_founder(profile=person, organization=founded)
    pending.refresh_from_db()
    person.refresh_from_db()
    assert (pending.status, person.organization) == ("withdrawn", founded)
