"""The network's pages: who may see them, their empty states, and what they do."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from wsco.core import avatars
from wsco.core.tests.sample_files import image_bytes
from wsco.members.models import OrganizationType, Visibility
from wsco.members.tests.factories import MemberProfileFactory, ProfileFactory, UserFactory
from wsco.network import services
from wsco.network.models import (
    Block,
    DismissedSuggestion,
    Introduction,
    IntroductionStatus,
    Message,
    Report,
)
from wsco.network.tests.factories import connect, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    """Two members who match: a city hall looking for sensors and a company offering them."""
    ana = member(
        organization_type=OrganizationType.CITY_HALL,
        interests=["transportation", "energy"],
        looks_for="traffic sensors",
    )
    bogdan = member(interests=["transportation", "energy"], offers="traffic sensors")
    return ana, bogdan


def signed_in(client, profile):
    client.force_login(profile.user)
    return client


MEMBER_PAGES = [
    ("network:requests", {}),
    ("network:connections", {}),
    ("network:blocked", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), [("network:people_to_meet", {}), *MEMBER_PAGES])
def test_visitors_are_sent_to_sign_in(client, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize(("name", "kwargs"), MEMBER_PAGES)
def test_people_who_are_not_members_are_refused(client, name, kwargs):
    client.force_login(ProfileFactory().user)
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 403


@pytest.mark.parametrize(("name", "kwargs"), MEMBER_PAGES)
def test_members_see_their_pages_with_empty_states(client, name, kwargs):
    signed_in(client, member())
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    assert b'class="empty"' in response.content


def test_people_to_meet_explains_itself_to_a_non_member(client):
    client.force_login(ProfileFactory().user)
    response = client.get(reverse("network:people_to_meet"))
    assert response.status_code == 200
    assert reverse("members:apply").encode() in response.content


def test_people_to_meet_asks_for_consent_and_links_to_the_profile(client):
    signed_in(client, member(consent=False))
    response = client.get(reverse("network:people_to_meet"))
    assert b"not agreed to be recommended" in response.content
    assert reverse("members:edit_profile").encode() in response.content


def test_people_to_meet_without_suggestions_says_so(client):
    signed_in(client, member())
    assert b"No suggestions yet" in client.get(reverse("network:people_to_meet")).content


@pytest.mark.parametrize("name", ["network:staff_reports", "network:staff_introduce"])
def test_staff_pages_are_for_staff_only(client, name):
    signed_in(client, member())
    assert client.get(reverse(name)).status_code == 403
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse(name)).status_code == 200


def test_suggestions_show_reasons_and_a_one_click_request(client, pair):
    ana, bogdan = pair
    services.rebuild_index()
    page = signed_in(client, ana).get(reverse("network:people_to_meet")).content.decode()
    assert bogdan.name in page
    assert "You both work on Energy and Transportation." in page
    assert "They offer “traffic sensors”, which you look for." in page
    assert reverse("network:request", args=[bogdan.pk]) in page

    response = client.post(reverse("network:request", args=[bogdan.pk]), {"message": "Hello!"})
    assert response.status_code == 302
    introduction = Introduction.objects.get()
    assert (introduction.sender, introduction.recipient, introduction.message) == (
        ana,
        bogdan,
        "Hello!",
    )
    page = client.get(reverse("network:people_to_meet")).content.decode()
    assert f'id="suggestion-{bogdan.pk}"' not in page


def test_a_request_without_a_message_shows_the_error_next_to_the_field(client, pair):
    ana, bogdan = pair
    response = signed_in(client, ana).post(reverse("network:request", args=[bogdan.pk]), {})
    assert response.status_code == 400
    assert b'id="id_message_error"' in response.content
    assert Introduction.objects.count() == 0


def test_a_refused_request_says_why_on_the_form(client, pair, settings):
    settings.NETWORK_WEEKLY_REQUEST_LIMIT = 0
    ana, bogdan = pair
    response = signed_in(client, ana).post(
        reverse("network:request", args=[bogdan.pk]), {"message": "Hi"}
    )
    assert response.status_code == 400
    assert b"the most allowed" in response.content


def test_the_recipient_accepts_from_the_requests_page(client, pair):
    ana, bogdan = pair
    introduction = services.request_introduction(sender=ana, recipient=bogdan, message="Hi!")
    page = signed_in(client, bogdan).get(reverse("network:requests")).content.decode()
    assert "Hi!" in page
    assert reverse("network:accept", args=[introduction.pk]) in page
    client.post(reverse("network:accept", args=[introduction.pk]))
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.ACCEPTED


def test_nobody_else_can_answer_a_request(client, pair):
    ana, bogdan = pair
    introduction = services.request_introduction(sender=ana, recipient=bogdan, message="Hi!")
    signed_in(client, member())
    for action in ("network:accept", "network:decline", "network:withdraw"):
        assert client.post(reverse(action, args=[introduction.pk])).status_code == 404
    introduction.refresh_from_db()
    assert introduction.is_pending


def test_the_sender_withdraws_and_the_recipient_declines(client, pair):
    ana, bogdan = pair
    first = services.request_introduction(sender=ana, recipient=bogdan, message="Hi!")
    signed_in(client, ana).post(reverse("network:withdraw", args=[first.pk]))
    second = services.request_introduction(sender=ana, recipient=bogdan, message="Again")
    signed_in(client, bogdan).post(reverse("network:decline", args=[second.pk]))
    statuses = dict(Introduction.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "withdrawn", second.pk: "declined"}


def test_not_interested_removes_the_card_with_htmx_and_for_good(client, pair):
    ana, bogdan = pair
    services.rebuild_index()
    response = signed_in(client, ana).post(
        reverse("network:dismiss", args=[bogdan.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert f'id="suggestion-{bogdan.pk}"' in response.content.decode()
    assert reverse("network:undismiss", args=[bogdan.pk]) in response.content.decode()
    assert DismissedSuggestion.objects.filter(profile=ana, dismissed=bogdan).exists()
    services.rebuild_index()
    page = client.get(reverse("network:people_to_meet")).content.decode()
    assert f'id="suggestion-{bogdan.pk}"' not in page


def test_thread_posts_with_htmx_and_without(client, pair):
    ana, bogdan = pair
    connection = connect(ana, bogdan)
    url = reverse("network:thread", args=[connection.pk])
    signed_in(client, ana)
    assert client.post(url, {"body": "Plain form"}).status_code == 302
    response = client.post(url, {"body": "With htmx"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b"With htmx" in response.content
    assert list(Message.objects.values_list("body", flat=True)) == ["Plain form", "With htmx"]
    refreshed = client.get(reverse("network:thread_messages", args=[connection.pk]))
    assert b"Plain form" in refreshed.content


def test_an_empty_message_is_refused_next_to_the_field(client, pair):
    ana, bogdan = pair
    connection = connect(ana, bogdan)
    response = signed_in(client, ana).post(
        reverse("network:thread", args=[connection.pk]), {"body": ""}
    )
    assert response.status_code == 400
    assert b'id="id_body_error"' in response.content


def test_a_thread_is_closed_to_outsiders(client, pair):
    ana, bogdan = pair
    connection = connect(ana, bogdan)
    signed_in(client, member())
    assert client.get(reverse("network:thread", args=[connection.pk])).status_code == 404
    assert (
        client.post(reverse("network:thread", args=[connection.pk]), {"body": "x"}).status_code
        == 404
    )
    assert Message.objects.count() == 0


def test_block_unblock_and_report_from_the_pages(client, pair):
    ana, bogdan = pair
    signed_in(client, ana)
    assert client.get(reverse("network:block", args=[bogdan.pk])).status_code == 200
    client.post(reverse("network:block", args=[bogdan.pk]))
    assert Block.objects.filter(blocker=ana, blocked=bogdan).exists()
    assert bogdan.name in client.get(reverse("network:blocked")).content.decode()
    client.post(reverse("network:unblock", args=[bogdan.pk]))
    assert not Block.objects.exists()
    response = client.post(
        reverse("network:report", args=[bogdan.pk]),
        {"reason": "harassment", "details": "Rude messages", "block": "on"},
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.reporter, report.reported, report.reason) == (ana, bogdan, "harassment")
    assert Block.objects.filter(blocker=ana, blocked=bogdan).exists()


def test_staff_see_and_resolve_reports(client, pair):
    ana, bogdan = pair
    report = services.report_member(reporter=ana, reported=bogdan, reason="spam", details="Ads")
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    page = client.get(reverse("network:staff_reports")).content.decode()
    assert "Ads" in page
    assert bogdan.name in page
    client.post(reverse("network:resolve_report", args=[report.pk]), {"resolution": "Warned"})
    report.refresh_from_db()
    assert report.resolution == "Warned"
    assert report.resolved_by == staff


def test_staff_introduce_two_members_by_email(client, pair):
    ana, bogdan = pair
    client.force_login(UserFactory(is_staff=True))
    response = client.post(
        reverse("network:staff_introduce"),
        {"first": ana.user.email, "second": bogdan.user.email, "note": "Meet about sensors"},
    )
    assert response.status_code == 302
    introduction = Introduction.objects.get()
    assert introduction.by_staff
    assert introduction.staff_note == "Meet about sensors"
    page = signed_in(client, bogdan).get(reverse("network:requests")).content.decode()
    assert "Meet about sensors" in page
    assert "The secretariat introduces you" in page


def test_staff_introduction_form_names_the_bad_field(client):
    client.force_login(UserFactory(is_staff=True))
    outsider = ProfileFactory()
    response = client.post(
        reverse("network:staff_introduce"),
        {"first": outsider.user.email, "second": "nobody@example.org", "note": "x"},
    )
    assert response.status_code == 400
    assert response.content.count(b"No current member has this email address.") == 2


def test_home_panel_shows_the_top_three_with_reasons(rf, pair):
    from wsco.core.dashboard import shown_panels

    ana, bogdan = pair
    for _ in range(4):
        member(interests=["transportation"])
    services.rebuild_index()
    request = rf.get("/")
    request.user = ana.user
    panel, *_ = [shown for shown in shown_panels(request) if shown.name.startswith("network")]
    # Three suggestions, Bogdan first, with his reasons.
    cards = panel.html.split('<li class="suggestion">')[1:]
    assert len(cards) == 3
    assert bogdan.name in cards[0]
    assert 'class="reasons"' in cards[0]


def test_home_panel_is_hidden_from_non_members(rf):
    from wsco.core.dashboard import panels_for

    request = rf.get("/")
    request.user = MemberProfileFactory(is_member=False).user
    assert not [panel for panel, _ in panels_for(request) if panel.name.startswith("network")]


def test_pages_speak_romanian_when_asked(client, pair):
    ana, _bogdan = pair
    services.rebuild_index()
    signed_in(client, ana)
    for name in ("network:people_to_meet", "network:requests", "network:connections"):
        response = client.get(reverse(name), headers={"accept-language": "ro"})
        assert response.status_code == 200
        assert b'<html lang="ro">' in response.content


def test_a_hidden_person_shows_their_name_and_the_placeholder_not_their_photo(client, pair):
    # A request or a connection names both sides; a hidden profile's photo, organization and
    # place stay hidden, and its photo is not linked (it would not open: a broken image).
    ana, bogdan = pair
    ana.photo.save("ana.png", ContentFile(image_bytes()), save=True)
    Introduction.objects.create(sender=ana, recipient=bogdan, message="Hello")
    ana.visibility = Visibility.HIDDEN
    ana.save(update_fields=["visibility"])
    page = signed_in(client, bogdan).get(reverse("network:requests")).content.decode()
    assert ana.name in page
    assert ana.photo.url not in page
    assert ana.organization.name not in page
    # Named here, so the placeholder carries their initials and their own colour.
    tone = avatars.tone(f"profile:{ana.pk}")
    placeholder = f'class="avatar avatar-initial avatar-tone-{tone}" aria-hidden="true">'
    assert placeholder + avatars.initials(ana.name) + "</span>" in page
    answer = client.get("/api/v1/network/requests/received").json()["items"][0]["person"]
    assert (answer["name"], answer["organization"], answer["url"]) == (ana.name, None, None)
