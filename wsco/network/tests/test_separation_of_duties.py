"""Nobody decides a network case they are party to: staff resolve no report they made or that
names them, and introduce nobody to themselves. Another member of staff does."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from wsco.core.access import PartyToCase
from wsco.members.tests.factories import UserFactory
from wsco.network import services
from wsco.network.models import Introduction, Report
from wsco.network.tests.factories import member

pytestmark = pytest.mark.django_db


def staff_member():
    """Return a member of the secretariat who is also a member of the network."""
    return member(user=UserFactory(is_staff=True))


def report(*, reporter, reported) -> Report:
    return services.report_member(
        reporter=reporter, reported=reported, reason="spam", details="Sales pitch"
    )


@pytest.mark.parametrize(
    ("side", "role"),
    [("reporter", "the member who reported"), ("reported", "the member reported")],
)
def test_staff_never_resolve_a_report_they_are_party_to(side, role):
    staff = staff_member()
    people = {"reporter": member(), "reported": member(), side: staff}
    found = report(**people)
    with pytest.raises(PartyToCase, match=f"you are {role}"):
        services.resolve_report(report=found, by=staff.user, resolution="Nothing to see.")
    found.refresh_from_db()
    assert found.is_open
    services.resolve_report(report=found, by=UserFactory(is_staff=True), resolution="Warned.")
    found.refresh_from_db()
    assert (found.is_open, found.resolution) == (False, "Warned.")


def test_a_resolved_report_is_not_resolved_again():
    found = report(reporter=member(), reported=member())
    first, second = UserFactory(is_staff=True), UserFactory(is_staff=True)
    services.resolve_report(report=found, by=first, resolution="Warned.")
    with pytest.raises(ValidationError, match="resolved already"):
        services.resolve_report(report=found, by=second, resolution="Banned.")
    found.refresh_from_db()
    assert (found.resolved_by, found.resolution) == (first, "Warned.")


def test_the_reports_page_offers_the_party_no_resolution_and_refuses_it(client):
    staff = staff_member()
    mine = report(reporter=member(), reported=staff)
    theirs = report(reporter=member(), reported=member())
    client.force_login(staff.user)
    page = client.get(reverse("network:staff_reports")).content.decode()
    assert reverse("network:resolve_report", kwargs={"pk": mine.pk}) not in page
    assert reverse("network:resolve_report", kwargs={"pk": theirs.pk}) in page
    assert "You are party to this report" in page
    response = client.post(
        reverse("network:resolve_report", kwargs={"pk": mine.pk}), {"resolution": "Mine."}
    )
    assert response.status_code == 403
    assert "you are the member reported" in response.content.decode()
    mine.refresh_from_db()
    assert mine.is_open


def test_staff_never_introduce_themselves_but_introduce_two_others(
    django_capture_on_commit_callbacks,
):
    staff, other, third = staff_member(), member(), member()
    with (
        pytest.raises(PartyToCase, match="you are one of the two people introduced"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.introduce_members(first=other, second=staff, note="Meet me.", by=staff.user)
    assert not Introduction.objects.exists()
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.introduce_members(first=other, second=third, note="Meet.", by=staff.user)
    assert Introduction.objects.get().introduced_by == staff.user
    assert len(mail.outbox) == 2


def test_the_introduction_page_refuses_to_introduce_oneself_with_the_reason(client):
    staff, other = staff_member(), member()
    client.force_login(staff.user)
    response = client.post(
        reverse("network:staff_introduce"),
        {"first": staff.user.email, "second": other.user.email, "note": "Meet me."},
    )
    assert response.status_code == 403
    assert "you are one of the two people introduced" in response.content.decode()
    assert not Introduction.objects.exists()
