import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from wsco.accounts.models import User
from wsco.members.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase 42"


def sign_up(client, email="newcomer@example.org", **headers):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
        headers=headers,
    )


def confirmation_path(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_signing_up_queues_the_confirmation_email_with_a_working_link(client, settings):
    # The suite hashes with MD5 for speed; this test checks the platform's own hasher.
    from wsco import settings as project_settings

    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    response = sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["newcomer@example.org"]
    assert message.subject.startswith("[WSCO] ")
    path = confirmation_path(message)

    page = client.get(path)
    assert page.status_code == 200
    assert b'method="post"' in page.content
    # Confirming is a POST: opening the link alone verifies nothing.
    assert not EmailAddress.objects.get(email="newcomer@example.org").verified

    confirmed = client.post(path)
    assert confirmed.status_code == 302
    assert confirmed["Location"] == reverse("members:home")
    assert EmailAddress.objects.get(email="newcomer@example.org").verified
    assert client.get(reverse("members:home")).status_code == 200
    assert User.objects.get(email="newcomer@example.org").password.startswith("argon2")


def test_sign_up_in_romanian_remembers_the_language_and_writes_in_it(client):
    sign_up(client, email="ana@example.ro", accept_language="ro")

    assert User.objects.get(email="ana@example.ro").language == "ro"
    # allauth's Romanian catalogue: "Vă rugăm să vă confirmați adresa de e-mail".
    assert "confirm" in mail.outbox[0].subject.lower()
    assert "e-mail" in mail.outbox[0].subject


def test_sign_up_with_mismatched_passwords_shows_the_error_beside_the_field(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "x@example.org", "password1": PASSWORD, "password2": PASSWORD + "!"},
    )

    assert response.status_code == 200
    assert not User.objects.filter(email="x@example.org").exists()
    assert b'id="id_password2_error"' in response.content
    assert b'aria-invalid="true"' in response.content
    assert mail.outbox == []


def test_unverified_person_cannot_sign_in_until_confirmed(client):
    user = UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)

    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": "correct horse battery staple"},
    )

    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1


def test_verified_person_signs_in_to_my_wsco_in_their_language(client):
    user = UserFactory(language="ro")

    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": "correct horse battery staple"},
    )

    assert response["Location"] == reverse("members:home")
    assert response.cookies["django_language"].value == "ro"


def test_wrong_password_shows_an_error_and_signs_no_one_in(client):
    user = UserFactory()

    response = client.post(reverse("account_login"), {"login": user.email, "password": "nope"})

    assert response.status_code == 200
    assert b'class="form-errors"' in response.content
    assert "_auth_user_id" not in client.session


def test_password_reset_email_is_queued_in_the_person_s_language(client):
    user = UserFactory(language="ro")

    response = client.post(reverse("account_reset_password"), {"email": user.email})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    # allauth's Romanian catalogue: "E-mail pentru resetarea parolei".
    assert "parol" in mail.outbox[0].subject.lower()


@pytest.mark.parametrize(
    "name",
    [
        "account_signup",
        "account_login",
        "account_reset_password",
        "account_reset_password_done",
        "account_email_verification_sent",
    ],
)
def test_entrance_pages_use_the_platform_layout(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert b'class="site-header"' in response.content
    assert b"page-narrow" in response.content
    assert b"style=" not in response.content
    assert b"<script>" not in response.content


@pytest.mark.parametrize(
    "name", ["account_email", "account_change_password", "account_logout", "accounts:settings"]
)
def test_manage_pages_use_the_platform_layout(client, name):
    client.force_login(UserFactory())

    response = client.get(reverse(name))

    assert response.status_code == 200
    assert b'class="site-header"' in response.content
    assert b"style=" not in response.content
    assert b"<script>" not in response.content
    assert b"<script data-allauth" not in response.content
