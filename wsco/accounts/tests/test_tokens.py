import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wsco.accounts.models import ApiToken, hash_token
from wsco.accounts.services import MAX_ACTIVE_TOKENS, create_api_token, revoke_api_token
from wsco.members.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ME_URL = "/api/v1/accounts/me"
TOKENS_URL = reverse("accounts:tokens")


def bearer(key):
    return {"Authorization": f"Bearer {key}"}


def test_a_token_is_stored_as_its_sha256_digest_only():
    user = UserFactory()

    token, key = create_api_token(user=user, name="  Reports  ")

    assert key.startswith("wsco_")
    assert len(key) == 5 + 43  # 32 random bytes in url-safe base64 are 43 characters.
    assert token.name == "Reports"
    assert token.prefix == key[:12]
    assert token.digest == hash_token(key)
    stored_values = {str(value) for value in ApiToken.objects.values().get().values()}
    assert key not in stored_values


def test_me_answers_the_token_s_owner(client):
    user = UserFactory(email="script@example.org")
    _token, key = create_api_token(user=user, name="cron")

    response = client.get(ME_URL, headers=bearer(key))

    assert response.status_code == 200
    assert response.json() == {"email": "script@example.org", "roles": []}
    assert ApiToken.objects.get().last_used_at is not None


def test_a_revoked_token_is_refused(client):
    user = UserFactory()
    token, key = create_api_token(user=user, name="old")

    revoke_api_token(token=token, by=user)

    assert client.get(ME_URL, headers=bearer(key)).status_code == 401
    assert ApiToken.objects.get().revoked_at is not None


def test_no_token_and_no_session_is_refused(client):
    assert client.get(ME_URL).status_code == 401
    assert client.get(ME_URL, headers=bearer("wsco_made-up")).status_code == 401


def test_the_browser_session_is_enough(client):
    user = UserFactory(is_staff=True)
    client.force_login(user)

    response = client.get(ME_URL)

    assert response.status_code == 200
    assert response.json() == {"email": user.email, "roles": ["staff"]}


def test_someone_else_cannot_revoke_my_token():
    owner, other = UserFactory(), UserFactory()
    token, _key = create_api_token(user=owner, name="mine")

    with pytest.raises(PermissionDenied, match="Only the token's owner or staff can revoke it"):
        revoke_api_token(token=token, by=other)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_active_tokens_are_capped():
    user = UserFactory()
    for number in range(MAX_ACTIVE_TOKENS):
        create_api_token(user=user, name=f"token {number}")

    with pytest.raises(ValidationError, match="You already have 20 active tokens"):
        create_api_token(user=user, name="one too many")
    assert ApiToken.objects.filter(user=user).count() == MAX_ACTIVE_TOKENS


def test_the_page_shows_a_new_key_once_then_only_its_prefix(client):
    user = UserFactory()
    client.force_login(user)

    created = client.post(TOKENS_URL, {"name": "Monthly report"})
    token = ApiToken.objects.get(user=user)
    key = created.context["new_key"]
    later = client.get(TOKENS_URL)

    assert created.status_code == 200
    assert created["Cache-Control"].startswith("max-age=0")
    assert key.encode() in created.content
    assert token.digest == hash_token(key)
    assert key.encode() not in later.content
    assert token.prefix.encode() in later.content
    assert b"Monthly report" in later.content


def test_a_nameless_token_is_refused_beside_the_field(client):
    client.force_login(UserFactory())

    response = client.post(TOKENS_URL, {"name": ""})

    assert b'id="id_name_error"' in response.content
    assert not ApiToken.objects.exists()


def test_revoking_asks_first_then_revokes_on_post(client):
    user = UserFactory()
    token, key = create_api_token(user=user, name="ci")
    client.force_login(user)
    url = reverse("accounts:revoke_token", args=[token.pk])

    question = client.get(url)
    token.refresh_from_db()
    assert question.status_code == 200
    assert token.revoked_at is None

    response = client.post(url)
    token.refresh_from_db()
    assert response["Location"] == TOKENS_URL
    assert token.revoked_at is not None
    client.logout()
    assert client.get(ME_URL, headers=bearer(key)).status_code == 401


def test_someone_else_s_token_is_not_found(client):
    token, _key = create_api_token(user=UserFactory(), name="theirs")
    client.force_login(UserFactory())

    url = reverse("accounts:revoke_token", args=[token.pk])

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_visitors_are_sent_to_sign_in(client):
    assert client.get(TOKENS_URL)["Location"].startswith(reverse("account_login"))


def test_empty_list_says_what_to_do(client):
    client.force_login(UserFactory())

    assert b"You have no API tokens yet." in client.get(TOKENS_URL).content


def test_tokens_page_query_count_does_not_grow_with_tokens(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request builds the whole page
    user = UserFactory()
    client.force_login(user)
    create_api_token(user=user, name="first")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(TOKENS_URL).status_code == 200
        return len(queries)

    with_one = count()
    for number in range(5):
        token, _key = create_api_token(user=user, name=f"more {number}")
    revoke_api_token(token=token, by=user)

    # Session, user, tokens, the header's unread count.
    assert with_one == count() == 4


def test_api_lists_my_tokens_without_keys_or_digests(client):
    user = UserFactory()
    first, key = create_api_token(user=user, name="first")
    create_api_token(user=UserFactory(), name="someone else's")

    response = client.get("/api/v1/accounts/tokens", headers=bearer(key))

    assert response.status_code == 200
    [listed] = response.json()["items"]
    assert listed["name"] == "first"
    assert listed["prefix"] == first.prefix
    assert "digest" not in listed
    assert key not in response.content.decode()


def test_api_list_query_count_does_not_grow_with_tokens(client):
    user = UserFactory()
    _token, key = create_api_token(user=user, name="first")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/accounts/tokens", headers=bearer(key)).status_code == 200
        return len(queries)

    with_one = count()
    for number in range(5):
        create_api_token(user=user, name=f"more {number}")

    # The token (with its user), the page, the count; last_used_at is refreshed at most every
    # 5 minutes.
    assert count() == 3
    assert with_one == 4  # The first call also records last_used_at.


def test_api_revokes_my_token_and_not_someone_else_s(client):
    token, key = create_api_token(user=UserFactory(), name="mine")
    theirs, _their_key = create_api_token(user=UserFactory(), name="theirs")

    refused = client.post(f"/api/v1/accounts/tokens/{theirs.pk}/revoke", headers=bearer(key))
    revoked = client.post(f"/api/v1/accounts/tokens/{token.pk}/revoke", headers=bearer(key))

    assert refused.status_code == 404
    assert revoked.status_code == 204
    theirs.refresh_from_db()
    token.refresh_from_db()
    assert theirs.revoked_at is None
    assert token.revoked_at is not None
    assert client.get(ME_URL, headers=bearer(key)).status_code == 401


def test_usable_tokens_come_first_then_the_newest_on_the_page_and_in_the_api(client):
    # Made oldest first: "old", then "revoked" (revoked at once), then "new". Usable ones come
    # first, newest first, then the revoked one: whatever the database does with nulls.
    user = UserFactory()
    _old, key = create_api_token(user=user, name="old")
    revoked, _key = create_api_token(user=user, name="revoked")
    create_api_token(user=user, name="new")
    revoke_api_token(token=revoked, by=user)

    response = client.get("/api/v1/accounts/tokens", headers=bearer(key))
    assert [item["name"] for item in response.json()["items"]] == ["new", "old", "revoked"]
    client.force_login(user)
    page = client.get(TOKENS_URL)
    assert [token.name for token in page.context["tokens"]] == ["new", "old", "revoked"]
