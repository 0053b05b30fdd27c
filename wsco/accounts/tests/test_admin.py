import pytest
from django.urls import reverse

from wsco.accounts.models import ApiToken, Role, RoleGrant
from wsco.accounts.services import create_api_token
from wsco.members.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return UserFactory(is_staff=True, is_superuser=True)


def inline_data(user, **fields):
    """The user change form as the admin posts it, with `fields` changed."""
    data = {
        "email": user.email,
        "language": user.language,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "role_grants-TOTAL_FORMS": "1",
        "role_grants-INITIAL_FORMS": "0",
        "role_grants-0-role": Role.AUDITOR,
        "role_grants-0-user": str(user.pk),
        "api_tokens-TOTAL_FORMS": "0",
        "api_tokens-INITIAL_FORMS": "0",
    }
    data.update(fields)
    return data


def test_user_admin_gives_a_role_through_the_service(client, superuser):
    person = UserFactory()
    client.force_login(superuser)
    url = reverse("admin:accounts_user_change", args=[person.pk])

    assert client.get(url).status_code == 200
    response = client.post(url, inline_data(person))

    assert response.status_code == 302, response.context["errors"]
    grant = RoleGrant.objects.get(user=person)
    assert (grant.role, grant.granted_by) == (Role.AUDITOR, superuser)


def test_only_a_superuser_makes_someone_staff(client):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(*_user_permissions())
    person = UserFactory()
    client.force_login(staff)
    url = reverse("admin:accounts_user_change", args=[person.pk])

    response = client.post(
        url, inline_data(person, is_staff="on", **{"role_grants-TOTAL_FORMS": "0"})
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_staff is False


def _user_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="accounts", codename__in=["view_user", "change_user"]
    )


def test_token_admin_shows_the_digest_read_only_and_revokes(client, superuser):
    token, _key = create_api_token(user=UserFactory(), name="ci")
    client.force_login(superuser)

    page = client.get(reverse("admin:accounts_apitoken_change", args=[token.pk]))
    assert page.status_code == 200
    assert token.digest.encode() in page.content
    assert b'name="digest"' not in page.content
    assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403

    client.post(
        reverse("admin:accounts_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert ApiToken.objects.get().revoked_at is not None
