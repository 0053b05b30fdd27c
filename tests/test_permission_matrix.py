"""Every URL, as every role: the answer each one gets is decided here, so no page ships without it.

`EXPECTED` maps each named URL to the answer for each role: a status code, or "login" for a
redirect to the sign-in page, or "redirect" for any other redirect. A URL that is missing from the
table fails `test_every_url_has_a_decision`, so a new page cannot ship without one.
"""

import pytest
from django.contrib.admin import site as admin_site
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wsco.accounts.models import Role, RoleGrant
from wsco.core.tests.sample_files import image_bytes
from wsco.members.models import Application, MembershipStatus, Visibility
from wsco.members.tests.factories import (
    MemberProfileFactory,
    MembershipFactory,
    OrganizationFactory,
    ProfileFactory,
    UserFactory,
    membership_type,
)
from wsco.network.models import Introduction, Report, ReportReason
from wsco.network.tests.factories import connect
from wsco.publications.tests.test_permissions import MATRIX as PUBLICATIONS_MATRIX

ROLES = ["visitor", "applicant", "member", "staff", "auditor", "juror", "editor", "city_official"]
SIGNED_IN = ROLES[1:]

ALL_200 = dict.fromkeys(ROLES, 200)
SIGNED_IN_ONLY = {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 200)
STAFF_ONLY = {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 403) | {"staff": 200}
VISITORS_ONLY = {"visitor": 200} | dict.fromkeys(SIGNED_IN, "redirect")
MEMBERS_ONLY = {"visitor": "login", "applicant": 403} | dict.fromkeys(ROLES[2:], 200)
# The network is for current members; the secretariat works on it from its staff pages.
NETWORK_MEMBERS = MEMBERS_ONLY | {"staff": 403}
# Actions that only answer POST: a GET is refused before anything else is looked at; who may
# POST is tested beside each app's services.
POST_ONLY = {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 405)
API_POST_ONLY = dict.fromkeys(ROLES, 405)
API_MEMBERS = {"visitor": 401, "applicant": 403} | dict.fromkeys(ROLES[2:], 200) | {"staff": 403}


def only(role: str, answer=200, others=403) -> dict:
    """Return the answers for a page a single role may open."""
    return {"visitor": "login"} | dict.fromkeys(SIGNED_IN, others) | {role: answer}


EXPECTED: dict[str, dict] = {
    "core:home": ALL_200,
    "core:privacy": ALL_200,
    "core:health": ALL_200,
    "set_language": dict.fromkeys(ROLES, "redirect"),
    # Accounts: allauth's pages.
    "account_login": VISITORS_ONLY,
    "account_signup": VISITORS_ONLY,
    "account_logout": SIGNED_IN_ONLY | {"visitor": "redirect"},
    "account_reset_password": ALL_200,
    "account_reset_password_done": ALL_200,
    "account_reset_password_from_key_done": ALL_200,
    "account_email_verification_sent": ALL_200,
    "account_inactive": ALL_200,
    "account_change_password": SIGNED_IN_ONLY,
    "account_set_password": SIGNED_IN_ONLY | dict.fromkeys(SIGNED_IN, "redirect"),
    "account_email": SIGNED_IN_ONLY,
    "account_reauthenticate": SIGNED_IN_ONLY,
    "account_confirm_login_code": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, "redirect"),
    "account_request_reauthentication_code": SIGNED_IN_ONLY,
    "account_confirm_reauthentication_code": {"visitor": "login"}
    | dict.fromkeys(SIGNED_IN, "redirect"),
    "accounts:settings": SIGNED_IN_ONLY,
    "accounts:tokens": SIGNED_IN_ONLY,
    # Members.
    "members:directory": ALL_200,
    "members:organizations": ALL_200,
    "members:organization": ALL_200,
    "members:profile": ALL_200,
    "members:members_only_profile": {"visitor": 404, "applicant": 404}
    | dict.fromkeys(ROLES[2:], 200),
    "members:hidden_profile": dict.fromkeys(ROLES, 404),
    "members:home": SIGNED_IN_ONLY,
    "members:edit_profile": SIGNED_IN_ONLY,
    "members:apply": SIGNED_IN_ONLY,
    "members:application": {"visitor": "login"}
    | dict.fromkeys(SIGNED_IN, 404)
    | {"applicant": 200, "staff": 200},
    "members:review_queue": STAFF_ONLY,
    "accounts:download_data": SIGNED_IN_ONLY,
    "accounts:delete": SIGNED_IN_ONLY,
    "accounts:revoke_token": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404),
    "accounts:roles": STAFF_ONLY,
    "accounts:set_language": dict.fromkeys(ROLES, "redirect"),
    "members:directory_export": STAFF_ONLY,
    "members:edit_organization": STAFF_ONLY,
    "members:payments_due": STAFF_ONLY,
    "members:record_payment": STAFF_ONLY,
    "members:approve_application": STAFF_ONLY | {"staff": 405},
    "members:reject_application": STAFF_ONLY | {"staff": 405},
    "members:request_information": STAFF_ONLY | {"staff": 405},
    "members:answer_application": POST_ONLY,
    "members:withdraw_application": POST_ONLY,
    "members:renew": {"visitor": "login"} | dict.fromkeys(SIGNED_IN, 404),
    "members:add_seat": POST_ONLY,
    "members:remove_seat": POST_ONLY,
    # The network: current members only; other people's introductions and threads are 404.
    "network:people_to_meet": SIGNED_IN_ONLY,
    "network:requests": NETWORK_MEMBERS,
    "network:connections": NETWORK_MEMBERS,
    "network:blocked": NETWORK_MEMBERS,
    "network:request": NETWORK_MEMBERS,
    "network:report": NETWORK_MEMBERS,
    "network:block": NETWORK_MEMBERS,
    "network:dismiss": POST_ONLY,
    "network:unblock": POST_ONLY,
    "network:accept": POST_ONLY,
    "network:decline": POST_ONLY,
    "network:withdraw": POST_ONLY,
    "network:thread": NETWORK_MEMBERS
    | dict.fromkeys(["member", "auditor", "juror", "editor", "city_official"], 404),
    "network:thread_messages": NETWORK_MEMBERS
    | dict.fromkeys(["member", "auditor", "juror", "editor", "city_official"], 404),
    "network:staff_reports": STAFF_ONLY,
    "network:staff_introduce": STAFF_ONLY,
    "network:resolve_report": POST_ONLY,
    "sitemap": ALL_200,
    # The API's own pages.
    "api-1.0.0:openapi-json": ALL_200,
    "api-1.0.0:openapi-view": ALL_200,
    "api-1.0.0:me": {"visitor": 401} | dict.fromkeys(SIGNED_IN, 200),
    "api-1.0.0:my_data": {"visitor": 401} | dict.fromkeys(SIGNED_IN, 200),
    "api-1.0.0:list_tokens": {"visitor": 401} | dict.fromkeys(SIGNED_IN, 200),
    "api-1.0.0:revoke_token": API_POST_ONLY,
    "api-1.0.0:my_memberships": {"visitor": 401} | dict.fromkeys(SIGNED_IN, 200),
    "api-1.0.0:list_applications": {"visitor": 401}
    | dict.fromkeys(SIGNED_IN, 403)
    | {"staff": 200},
    "api-1.0.0:approve": API_POST_ONLY,
    "api-1.0.0:reject": API_POST_ONLY,
    "api-1.0.0:request_information": API_POST_ONLY,
    "api-1.0.0:list_members": ALL_200,
    "api-1.0.0:get_member": ALL_200,
    "api-1.0.0:list_organizations": ALL_200,
    "api-1.0.0:get_organization": ALL_200,
    "api-1.0.0:list_issues": ALL_200,
    "api-1.0.0:list_articles": ALL_200,
    "api-1.0.0:list_posts": ALL_200,
    "api-1.0.0:list_suggestions": API_MEMBERS,
    "api-1.0.0:list_received_requests": API_MEMBERS,
    "api-1.0.0:list_sent_requests": API_MEMBERS,
    "api-1.0.0:list_connections": API_MEMBERS,
    "api-1.0.0:create_request": API_POST_ONLY,
    "api-1.0.0:accept_request": API_POST_ONLY,
    "api-1.0.0:decline_request": API_POST_ONLY,
    "api-1.0.0:withdraw_request": API_POST_ONLY,
    "api-1.0.0:dismiss_suggestion": API_POST_ONLY,
    # Stored files: a hidden profile's photo, served through the owning app's reader.
    "core:file": dict.fromkeys(ROLES, 404) | {"staff": 200},
    "core:old_media_url": dict.fromkeys(ROLES, "redirect"),
    # Background tasks: the staff page and its retry (POST only).
    "tasks:staff_tasks": STAFF_ONLY,
    "tasks:retry": STAFF_ONLY | {"staff": 405},
}


# URLs that need an object: the object each role is asked about (built by `world` below).
def stored_photo(profile) -> str:
    """Give `profile` a photo (once) and return its stored name."""
    if not profile.photo:
        profile.photo.save("photo.png", ContentFile(image_bytes()))
    return profile.photo.name


KWARGS = {
    "members:organization": lambda world: {"slug": world["organization"].slug},
    "members:profile": lambda world: {"pk": world["public_profile"].pk},
    "members:members_only_profile": lambda world: {"pk": world["members_only_profile"].pk},
    "members:hidden_profile": lambda world: {"pk": world["hidden_profile"].pk},
    "members:application": lambda world: {"pk": world["application"].pk},
    "members:answer_application": lambda world: {"pk": world["application"].pk},
    "members:withdraw_application": lambda world: {"pk": world["application"].pk},
    "members:approve_application": lambda world: {"pk": world["application"].pk},
    "members:reject_application": lambda world: {"pk": world["application"].pk},
    "members:request_information": lambda world: {"pk": world["application"].pk},
    "members:edit_organization": lambda world: {"slug": world["organization"].slug},
    "members:record_payment": lambda world: {"pk": world["unpaid_membership"].pk},
    # Someone else's membership and seat: nobody but their holder reaches them.
    "members:renew": lambda world: {"pk": world["others_membership"].pk},
    "members:add_seat": lambda world: {"pk": world["others_membership"].pk},
    "members:remove_seat": lambda world: {"pk": world["others_seat"].pk},
    "accounts:revoke_token": lambda world: {"token_id": world["others_token"].pk},
    "network:request": lambda world: {"profile_id": world["public_profile"].pk},
    "network:report": lambda world: {"profile_id": world["public_profile"].pk},
    "network:block": lambda world: {"profile_id": world["public_profile"].pk},
    "network:dismiss": lambda world: {"profile_id": world["public_profile"].pk},
    "network:unblock": lambda world: {"profile_id": world["public_profile"].pk},
    # Other people's introduction, connection and report.
    "network:accept": lambda world: {"pk": world["introduction"].pk},
    "network:decline": lambda world: {"pk": world["introduction"].pk},
    "network:withdraw": lambda world: {"pk": world["introduction"].pk},
    "network:thread": lambda world: {"pk": world["connection"].pk},
    "network:thread_messages": lambda world: {"pk": world["connection"].pk},
    "network:resolve_report": lambda world: {"pk": world["report"].pk},
    "api-1.0.0:get_member": lambda world: {"member_id": world["public_profile"].pk},
    "api-1.0.0:get_organization": lambda world: {"slug": world["organization"].slug},
    "api-1.0.0:revoke_token": lambda world: {"token_id": world["others_token"].pk},
    "api-1.0.0:approve": lambda world: {"application_id": world["application"].pk},
    "api-1.0.0:reject": lambda world: {"application_id": world["application"].pk},
    "api-1.0.0:request_information": lambda world: {"application_id": world["application"].pk},
    "api-1.0.0:accept_request": lambda world: {"introduction_id": world["introduction"].pk},
    "api-1.0.0:decline_request": lambda world: {"introduction_id": world["introduction"].pk},
    "api-1.0.0:withdraw_request": lambda world: {"introduction_id": world["introduction"].pk},
    "api-1.0.0:dismiss_suggestion": lambda world: {"profile_id": world["public_profile"].pk},
    # Stored files.
    "core:file": lambda world: {"name": stored_photo(world["hidden_profile"])},
    "core:old_media_url": lambda world: {"name": "photos/x.jpg"},
    # Background tasks: any task id (a GET is refused before the task is looked up).
    "tasks:retry": lambda world: {"task_id": "00000000-0000-4000-8000-000000000000"},
}
# Several rows of the table can test one URL with different objects.
URL_OF = {
    "members:members_only_profile": "members:profile",
    "members:hidden_profile": "members:profile",
}
# Pages that cannot be asked for without a key sent by email, or that only answer POST.
NOT_REQUESTED = {
    "account_confirm_email",
    "account_reset_password_from_key",
    "api-1.0.0:api-root",
}


def named_urls(resolver=None, namespace="") -> set[str]:
    """Return every named URL of the project, with its namespace."""
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            names |= named_urls(
                pattern, namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            )
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_every_url_has_a_decision():
    urls = {name for name in named_urls() if not name.startswith("admin:")}
    # The publications app decides its URLs in its own matrix, with its own roles
    # (author, reviewer), in wsco/publications/tests/test_permissions.py.
    publications = {row[1] for row in PUBLICATIONS_MATRIX}
    decided = {URL_OF.get(name, name) for name in EXPECTED} | NOT_REQUESTED | publications
    assert urls - decided == set(), "These URLs have no row in EXPECTED"
    assert decided - urls == set(), "These rows name URLs that do not exist"


@pytest.fixture
def world(db):
    """Objects the URLs are asked about; the network's and memberships belong to other people."""
    from wsco.accounts.services import create_api_token

    organization = OrganizationFactory()
    applicant = ProfileFactory(user__email="applicant@example.org")
    public = MemberProfileFactory(visibility=Visibility.PUBLIC, organization=organization)
    first, second = MemberProfileFactory(), MemberProfileFactory()
    others_membership = MembershipFactory(profile=first)
    unpaid = MembershipFactory(
        status=MembershipStatus.AWAITING_PAYMENT, starts_on=None, ends_on=None
    )
    token, _key = create_api_token(user=second.user, name="script")
    return {
        "organization": organization,
        "public_profile": public,
        "members_only_profile": MemberProfileFactory(visibility=Visibility.MEMBERS),
        "hidden_profile": MemberProfileFactory(visibility=Visibility.HIDDEN),
        "applicant": applicant,
        "application": Application.objects.create(
            profile=applicant, membership_type=membership_type(), motivation="Cities."
        ),
        "others_membership": others_membership,
        "others_seat": others_membership.seats.create(profile=first),
        "unpaid_membership": unpaid,
        "others_token": token,
        "introduction": Introduction.objects.create(
            sender=first, recipient=second, message="Hello"
        ),
        "connection": connect(first, public),
        "report": Report.objects.create(reporter=first, reported=second, reason=ReportReason.SPAM),
    }


def sign_in(client, role: str, world) -> None:
    """Sign `client` in as a person holding `role` (nobody for a visitor)."""
    if role == "visitor":
        return
    if role == "applicant":
        user = world["applicant"].user
    elif role == "staff":
        user = UserFactory(is_staff=True, is_superuser=True)
    else:
        profile = MemberProfileFactory()
        MembershipFactory(profile=profile)
        user = profile.user
        if role != "member":
            RoleGrant.objects.create(user=user, role=Role(role))
    client.force_login(user)


def answer(response) -> object:
    """Describe a response the way EXPECTED does."""
    if response.status_code in {301, 302}:
        return "login" if "/accounts/login/" in response["Location"] else "redirect"
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_each_url_answers_each_role_as_decided(client, world, role):
    sign_in(client, role, world)
    seen = {}
    for name, expected in EXPECTED.items():
        kwargs = KWARGS[name](world) if name in KWARGS else {}
        url = reverse(URL_OF.get(name, name), kwargs=kwargs)
        seen[name] = (answer(client.get(url)), expected[role])
    wrong = {name: got for name, (got, want) in seen.items() if got != want}
    assert wrong == {}, f"As {role}: (got, expected) = {[(n, seen[n]) for n in wrong]}"


@pytest.mark.parametrize("role", ROLES)
def test_admin_is_for_staff_only(client, world, role):
    sign_in(client, role, world)
    urls = [reverse("admin:index")] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin_site._registry
    ]
    for url in urls:
        got = answer(client.get(url))
        assert got == (200 if role == "staff" else "redirect"), url


def test_every_model_of_the_platform_has_an_admin():
    from django.apps import apps

    models = [
        model
        for app in apps.get_app_configs()
        if app.name.startswith("wsco.")
        for model in app.get_models()
    ]
    # A model shown only inside its parent's page (an inline) is in the admin too.
    inlines = {
        inline.model
        for model_admin in admin_site._registry.values()
        for inline in model_admin.inlines
    }
    missing = [
        model.__name__
        for model in models
        if model not in admin_site._registry and model not in inlines
    ]
    assert missing == []
