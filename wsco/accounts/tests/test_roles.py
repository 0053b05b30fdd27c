import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wsco.accounts.access import role_required, staff_required
from wsco.accounts.models import Role, RoleGrant
from wsco.accounts.services import grant_role, revoke_role
from wsco.members.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES_URL = reverse("accounts:roles")


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


def test_staff_grant_a_role_and_the_person_is_told(staff, django_capture_on_commit_callbacks):
    person = UserFactory(language="en")

    with django_capture_on_commit_callbacks(execute=True):
        grant = grant_role(user=person, role=Role.JUROR, by=staff)

    assert grant.granted_by == staff
    assert person.has_role(Role.JUROR)
    assert [message.to for message in mail.outbox] == [[person.email]]
    assert "Juror" in mail.outbox[0].subject


def test_granting_a_held_role_again_changes_nothing(staff, django_capture_on_commit_callbacks):
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        grant_role(user=person, role=Role.EDITOR, by=staff)
        grant_role(user=person, role=Role.EDITOR, by=staff)

    assert RoleGrant.objects.filter(user=person).count() == 1
    assert len(mail.outbox) == 1


def test_revoking_takes_the_role_away(staff):
    person = UserFactory()
    grant_role(user=person, role=Role.AUDITOR, by=staff)

    assert revoke_role(user=person, role=Role.AUDITOR, by=staff) is True
    assert revoke_role(user=person, role=Role.AUDITOR, by=staff) is False
    assert not person.has_role(Role.AUDITOR)
    assert not RoleGrant.objects.filter(user=person).exists()


def test_only_staff_give_roles():
    person, other = UserFactory(), UserFactory()

    with pytest.raises(PermissionDenied, match="Only staff give and take away roles"):
        grant_role(user=person, role=Role.JUROR, by=other)
    assert not RoleGrant.objects.exists()


@pytest.mark.parametrize("role", [Role.STAFF, Role.MEMBER, "king"])
def test_staff_and_member_are_not_granted_roles(staff, role):
    with pytest.raises(ValidationError, match=f"{role} is not a role staff can give"):
        grant_role(user=UserFactory(), role=role, by=staff)


def test_roles_page_is_for_staff_only(client):
    assert client.get(ROLES_URL)["Location"].startswith(reverse("account_login"))
    client.force_login(UserFactory())
    assert client.get(ROLES_URL).status_code == 403
    juror = UserFactory()
    RoleGrant.objects.create(user=juror, role=Role.JUROR)
    client.force_login(juror)
    assert client.get(ROLES_URL).status_code == 403
    assert client.post(ROLES_URL, {"email": juror.email, "role": "editor"}).status_code == 403


def test_staff_give_a_role_through_the_page(client, staff):
    person = UserFactory(email="auditor@example.org")
    client.force_login(staff)

    response = client.post(
        ROLES_URL + "?q=auditor",
        {"email": "Auditor@example.org", "role": Role.AUDITOR, "action": "grant"},
    )

    assert response.status_code == 302
    assert response["Location"] == ROLES_URL + "?q=auditor"
    assert list(person.role_grants.values_list("role", "granted_by")) == [("auditor", staff.pk)]


def test_staff_take_a_role_away_through_the_page(client, staff):
    person = UserFactory()
    RoleGrant.objects.create(user=person, role=Role.EDITOR)
    client.force_login(staff)

    client.post(ROLES_URL, {"email": person.email, "role": Role.EDITOR, "action": "revoke"})

    assert not person.role_grants.exists()


def test_nobody_grants_a_role_to_themselves(staff):
    with pytest.raises(PermissionDenied, match="you are the person the role is for"):
        grant_role(user=staff, role=Role.EDITOR, by=staff)
    assert not RoleGrant.objects.exists()
    # Another member of staff may.
    grant_role(user=staff, role=Role.EDITOR, by=UserFactory(is_staff=True))
    assert list(staff.role_grants.values_list("role", flat=True)) == ["editor"]


def test_the_roles_page_says_why_staff_cannot_promote_themselves(client, staff):
    client.force_login(staff)

    response = client.post(
        ROLES_URL, {"email": staff.email, "role": Role.EDITOR, "action": "grant"}
    )

    assert response.status_code == 200
    assert b'id="id_email_error"' in response.content
    assert b"you are the person the role is for" in response.content
    assert not RoleGrant.objects.exists()


def test_unknown_email_is_named_beside_the_field(client, staff):
    client.force_login(staff)

    response = client.post(
        ROLES_URL, {"email": "nobody@example.org", "role": Role.JUROR, "action": "grant"}
    )

    assert response.status_code == 200
    assert b'id="id_email_error"' in response.content
    assert b"No account uses this email address." in response.content
    assert not RoleGrant.objects.exists()


def test_search_by_email_and_role(client, staff):
    UserFactory(email="ana@city.ro")
    juror = UserFactory(email="bob@city.ro")
    UserFactory(email="carol@firm.com")
    RoleGrant.objects.create(user=juror, role=Role.JUROR)
    client.force_login(staff)

    by_email = client.get(ROLES_URL, {"q": "city.ro"}).context["page"].object_list
    by_role = client.get(ROLES_URL, {"role": "juror"}).context["page"].object_list
    staff_only = client.get(ROLES_URL, {"role": "staff"}).context["page"].object_list

    assert [user.email for user in by_email] == ["ana@city.ro", "bob@city.ro"]
    assert [user.email for user in by_role] == ["bob@city.ro"]
    assert list(staff_only) == [staff]


def test_empty_search_says_so(client, staff):
    client.force_login(staff)

    response = client.get(ROLES_URL, {"q": "no-such-person"})

    assert b"No one matches this search." in response.content


def test_roles_page_paginates_25_a_page(client, staff):
    UserFactory.create_batch(30, password=None)
    client.force_login(staff)

    # 31 people (30 and the staff member): 25 on page 1, 6 on page 2.
    first = client.get(ROLES_URL).context["page"]
    second = client.get(ROLES_URL, {"page": 2}).context["page"]

    assert len(first.object_list) == 25
    assert len(second.object_list) == 6
    assert first.paginator.num_pages == 2


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_roles_page_query_count_does_not_grow_with_people(client, staff, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request builds the whole page
    client.force_login(staff)
    with_one = count_queries(client, ROLES_URL)

    for role in (Role.JUROR, Role.EDITOR, Role.AUDITOR):
        for person in UserFactory.create_batch(4, password=None):
            RoleGrant.objects.create(user=person, role=role)
    with_many = count_queries(client, ROLES_URL)

    # Session, user, count, page of people, their role grants, the header's unread count.
    assert with_one == with_many == 6


def ok_view(request):
    return HttpResponse("ok")


def request_as(user):
    request = RequestFactory().get("/somewhere/")
    request.user = user
    return request


def test_role_required_lets_holders_through_and_refuses_others():
    from django.contrib.auth.models import AnonymousUser

    view = role_required(Role.JUROR, Role.EDITOR)(ok_view)
    editor, other = UserFactory(), UserFactory()
    RoleGrant.objects.create(user=editor, role=Role.EDITOR)

    assert view(request_as(editor)).status_code == 200
    with pytest.raises(PermissionDenied, match="needs one of the roles: juror, editor"):
        view(request_as(other))
    visitor = view(request_as(AnonymousUser()))
    assert visitor.status_code == 302
    assert visitor["Location"] == "/accounts/login/?next=/somewhere/"


def test_staff_required_refuses_everyone_but_active_staff(staff):
    view = staff_required(ok_view)

    assert view(request_as(staff)).status_code == 200
    with pytest.raises(PermissionDenied, match="needs one of the roles: staff"):
        view(request_as(UserFactory()))
    with pytest.raises(PermissionDenied, match="needs one of the roles: staff"):
        view(request_as(UserFactory(is_staff=True, is_active=False)))


def test_a_role_granted_counts_at_once_on_the_same_account_object(staff):
    person = UserFactory()
    assert not person.has_role(Role.JUROR)  # reads and keeps the person's roles

    grant_role(user=person, role=Role.JUROR, by=staff)

    # The same object, not one read again: the roles it kept are forgotten.
    assert person.has_role(Role.JUROR)


def test_a_role_revoked_stops_counting_at_once_on_the_same_account_object(staff):
    person = UserFactory()
    RoleGrant.objects.create(user=person, role=Role.EDITOR)
    assert person.has_role(Role.EDITOR)  # reads and keeps the person's roles

    revoke_role(user=person, role=Role.EDITOR, by=staff)

    assert not person.has_role(Role.EDITOR)


def test_only_staff_take_roles_away():
    person = UserFactory()
    RoleGrant.objects.create(user=person, role=Role.AUDITOR)

    for other in (UserFactory(), UserFactory(is_staff=True, is_active=False)):
        with pytest.raises(PermissionDenied, match="Only staff give and take away roles"):
            revoke_role(user=person, role=Role.AUDITOR, by=other)
    assert list(person.role_grants.values_list("role", flat=True)) == ["auditor"]


@pytest.mark.parametrize("role", [Role.STAFF, Role.MEMBER, "king"])
def test_staff_and_member_are_not_roles_to_take_away(staff, role):
    with pytest.raises(ValidationError, match=f"{role} is not a role staff can give"):
        revoke_role(user=UserFactory(), role=role, by=staff)


def test_role_required_needs_a_role():
    with pytest.raises(ValueError, match="role_required needs at least one role"):
        role_required()


@pytest.mark.parametrize(
    ("sort", "expected", "aria"),
    [
        ("", ["ana@example.org", "bob@example.org", "cai@example.org"], "ascending"),
        ("-email", ["cai@example.org", "bob@example.org", "ana@example.org"], "descending"),
        # Joined: Cai first, then Ana, then Bob (the dates below).
        ("joined", ["cai@example.org", "ana@example.org", "bob@example.org"], "ascending"),
        ("-joined", ["bob@example.org", "ana@example.org", "cai@example.org"], "descending"),
        ("password", ["ana@example.org", "bob@example.org", "cai@example.org"], "ascending"),
    ],
)
def test_staff_sort_the_roles_table_by_its_columns(client, sort, expected, aria):
    import datetime

    from django.utils import timezone

    start = timezone.now() - datetime.timedelta(days=10)
    for email, days in [("bob@example.org", 3), ("ana@example.org", 2), ("cai@example.org", 1)]:
        UserFactory(email=email, date_joined=start + datetime.timedelta(days=days))
    staff_user = UserFactory(email="zed@example.org", is_staff=True, date_joined=start)
    client.force_login(staff_user)
    response = client.get(ROLES_URL, {"sort": sort, "q": "example.org"})
    emails = [person.email for person in response.context["page"].object_list]
    assert [email for email in emails if email != "zed@example.org"] == expected
    assert f'aria-sort="{aria}"' in response.content.decode()
