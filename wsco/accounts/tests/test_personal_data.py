import datetime
import json
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from wsco.accounts import personal_data
from wsco.accounts.models import ApiToken, Role, RoleGrant, User
from wsco.accounts.personal_data import delete_account, export_personal_data, register_section
from wsco.accounts.services import create_api_token
from wsco.core.models import Theme
from wsco.core.tests.sample_files import image_bytes
from wsco.members.models import (
    Application,
    ApplicationEvent,
    Membership,
    Payment,
    Profile,
    Seat,
)
from wsco.members.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    ProfileFactory,
    UserFactory,
    membership_type,
)

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def member():
    """A member with themes, an application with its history, a paid membership and a seat."""
    staff = UserFactory(is_staff=True)
    profile = ProfileFactory(name="Ana Popescu", title="Urban planner", phone="+40 700 000 000")
    profile.themes_of_interest.set(Theme.objects.filter(slug__in=["water", "energy"]))
    profile.themes_of_expertise.set(Theme.objects.filter(slug="transportation"))
    application = Application.objects.create(
        profile=profile, membership_type=membership_type(), motivation="Smarter water networks."
    )
    ApplicationEvent.objects.create(application=application, action="submitted", by=profile.user)
    ApplicationEvent.objects.create(application=application, action="approved", by=staff)
    membership = MembershipFactory(
        profile=profile, application=application, fee_amount=Decimal("120.00")
    )
    Payment.objects.create(
        membership=membership,
        amount=Decimal("120.00"),
        currency="EUR",
        paid_on=datetime.date(2026, 3, 2),
        method=Payment.Method.BANK_TRANSFER,
        recorded_by=staff,
    )
    corporate = MembershipFactory(
        profile=ProfileFactory(), organization=OrganizationFactory(name="Cluj Mobility SRL")
    )
    Seat.objects.create(membership=corporate, profile=profile)
    RoleGrant.objects.create(user=profile.user, role=Role.JUROR, granted_by=staff)
    create_api_token(user=profile.user, name="reports")
    return profile


def test_export_holds_the_account_and_the_member_s_data(member):
    data = export_personal_data(user=member.user)

    account = data["account"]
    assert account["email"] == member.user.email
    assert [role["role"] for role in account["roles"]] == ["juror"]
    assert [token["name"] for token in account["api_tokens"]] == ["reports"]
    assert "digest" not in account["api_tokens"][0]
    assert account["email_addresses"] == [
        {"email": member.user.email, "verified": True, "primary": True}
    ]
    members = data["members"]
    assert members["profile"]["name"] == "Ana Popescu"
    assert members["profile"]["phone"] == "+40 700 000 000"
    assert members["profile"]["themes_of_interest"] == ["energy", "water"]
    assert members["profile"]["themes_of_expertise"] == ["transportation"]
    [application] = members["applications"]
    assert [event["action"] for event in application["events"]] == ["submitted", "approved"]
    assert [event["by_you"] for event in application["events"]] == [True, False]
    [membership] = members["memberships"]
    assert membership["fee_amount"] == Decimal("120.00")
    assert membership["payments"][0]["amount"] == Decimal("120.00")
    assert [seat["organization"] for seat in members["covered_by"]] == ["Cluj Mobility SRL"]


def test_export_names_the_organizations_a_person_administers():
    organization = OrganizationFactory(name="Primăria Cluj-Napoca")
    administrator = MembershipFactory(organization=organization).profile

    data = export_personal_data(user=administrator.user)

    assert [org["name"] for org in data["members"]["organizations_administered"]] == [
        "Primăria Cluj-Napoca"
    ]


def test_export_of_someone_without_a_profile_is_empty_but_whole():
    data = export_personal_data(user=UserFactory())

    assert data["members"] == {
        "profile": None,
        "organizations_administered": [],
        "applications": [],
        "memberships": [],
        "covered_by": [],
        "join_requests": [],
        "seat_invitations": [],
    }


def test_deleting_keeps_the_membership_and_payment_without_the_person(member):
    user_id, profile_id = member.user.pk, member.pk
    membership = Membership.objects.get(profile=member)

    delete_account(user=member.user)

    assert not User.objects.filter(pk=user_id).exists()
    assert not Profile.objects.filter(pk=profile_id).exists()
    assert not Application.objects.exists()
    assert not ApplicationEvent.objects.exists()
    assert not Seat.objects.filter(profile_id=profile_id).exists()
    assert not RoleGrant.objects.filter(user_id=user_id).exists()
    assert not ApiToken.objects.filter(user_id=user_id).exists()
    assert not EmailAddress.objects.filter(user_id=user_id).exists()
    membership.refresh_from_db()
    assert membership.profile is None
    assert membership.fee_amount == Decimal("120.00")
    payment = membership.payments.get()
    assert (payment.amount, payment.currency, payment.paid_on) == (
        Decimal("120.00"),
        "EUR",
        datetime.date(2026, 3, 2),
    )


def test_deleting_a_staff_account_keeps_the_payments_they_recorded(member):
    staff = Payment.objects.get().recorded_by

    delete_account(user=staff)

    payment = Payment.objects.get()
    assert payment.recorded_by is None
    assert payment.amount == Decimal("120.00")
    assert ApplicationEvent.objects.filter(by__isnull=True, action="approved").count() == 1


def test_deleting_removes_the_photo_file_once_committed(
    django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://wsco.example"
    profile = ProfileFactory()
    profile.photo.save("ana.png", ContentFile(image_bytes()), save=True)
    storage, name = profile.photo.storage, profile.photo.name
    assert storage.exists(name)
    exported = export_personal_data(user=profile.user)["members"]["profile"]["photo"]
    assert exported == f"https://wsco.example/files/{name}"

    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user=profile.user)

    assert not storage.exists(name)


def test_a_failing_eraser_deletes_nothing(member, monkeypatch):
    def refuse(user):
        raise RuntimeError("the newsletter service is down")

    monkeypatch.setattr(personal_data, "_sections", dict(personal_data._sections))
    register_section(name="newsletter", exporter=lambda user: {}, eraser=refuse)

    with pytest.raises(RuntimeError, match="the newsletter service is down"):
        delete_account(user=member.user)

    assert Profile.objects.filter(pk=member.pk).exists()
    assert Membership.objects.get(application__isnull=False).profile == member


def test_a_registered_section_is_exported(monkeypatch):
    monkeypatch.setattr(personal_data, "_sections", dict(personal_data._sections))
    register_section(
        name="newsletter", exporter=lambda user: {"subscribed": True}, eraser=lambda user: None
    )

    data = export_personal_data(user=UserFactory())

    assert data["newsletter"] == {"subscribed": True}
    # The account first, then every app's section in the order they registered, the new one last.
    assert list(data) == [
        "exported_at",
        "account",
        "notifications",
        "members",
        "network",
        "certificates",
        "awards",
        "newsletter",
    ]


def test_download_is_a_dated_json_attachment(client, member):
    client.force_login(member.user)

    response = client.get(reverse("accounts:download_data"))

    today = timezone.localdate()
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == (
        f'attachment; filename="wsco-data-{today:%Y-%m-%d}.json"'
    )
    data = json.loads(response.content)
    assert data["members"]["profile"]["name"] == "Ana Popescu"
    assert data["members"]["memberships"][0]["payments"][0]["amount"] == "120.00"


def test_delete_page_says_what_is_deleted_and_what_is_kept(client, member):
    client.force_login(member.user)

    response = client.get(reverse("accounts:delete"))

    assert response.status_code == 200
    assert b"Your member profile and photo" in response.content
    assert b"accounting records" in response.content
    assert b'type="password"' in response.content


def test_wrong_password_deletes_nothing(client, member):
    client.force_login(member.user)

    response = client.post(reverse("accounts:delete"), {"password": "not it"})

    assert response.status_code == 200
    assert b'id="id_password_error"' in response.content
    assert User.objects.filter(pk=member.user.pk).exists()
    assert Profile.objects.filter(pk=member.pk).exists()
    assert Application.objects.count() == 1


def test_right_password_deletes_and_signs_out(client, member):
    client.force_login(member.user)

    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})

    assert response["Location"] == reverse("core:home")
    assert not User.objects.filter(pk=member.user.pk).exists()
    assert "_auth_user_id" not in client.session
    assert Membership.objects.filter(profile__isnull=True).count() == 1


@pytest.mark.parametrize("name", ["accounts:settings", "accounts:download_data", "accounts:delete"])
def test_visitors_are_sent_to_sign_in(client, name):
    response = client.get(reverse(name))

    assert response["Location"].startswith(reverse("account_login"))


def test_api_gives_the_caller_their_data(client, member):
    client.force_login(member.user)

    response = client.get("/api/v1/accounts/me/data")

    assert response.status_code == 200
    assert response.json()["members"]["profile"]["name"] == "Ana Popescu"
    client.logout()
    assert client.get("/api/v1/accounts/me/data").status_code == 401


def test_deleting_removes_the_emails_the_task_queue_holds_for_the_person(settings):
    from django_tasks_db.models import DBTaskResult

    from wsco.core.tasks import send_email

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ana, joana = UserFactory(email="ana@example.org"), UserFactory(email="joana@example.org")
    for person in (ana, joana):
        send_email.enqueue(to=[person.email], subject="Reset", text="A sign-in link")

    delete_account(user=ana)

    [kept] = DBTaskResult.objects.all()
    assert kept.args_kwargs["kwargs"]["to"] == ["joana@example.org"]


def test_password_guesses_on_the_delete_page_are_rate_limited(client):
    user = UserFactory()
    client.force_login(user)
    url = reverse("accounts:delete")

    # allauth's "reauthenticate" limit: 10 a minute per person.
    for _attempt in range(10):
        client.post(url, {"password": "guess"})
    refused = client.post(url, {"password": PASSWORD})

    assert b"Too many attempts" in refused.content
    assert User.objects.filter(pk=user.pk).exists()
