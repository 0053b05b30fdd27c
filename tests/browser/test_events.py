"""The Urban Projects event in Chromium, through the real pages: a company submits a project to
the call, a reviewer scores it, staff accept it as a pitch; a member registers, gets the QR
ticket, books a meeting with another attendee and exports the agenda to iCal; at the door the
ticket is let in once and refused the second time. Then the pages in Romanian, and the door on a
phone's screen."""

import datetime

import icalendar
import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.axe import violations
from tests.browser.test_audits_journey import sign_in, told, visit
from tests.browser.test_every_page import WIDE_ELEMENTS
from tests.browser.test_groups_journey import submit
from wsco.events.models import Meeting, ProjectCall, Registration, Submission, SubmissionReview
from wsco.events.tests import factories
from wsco.members.tests.factories import OrganizationFactory, current_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _call(event) -> ProjectCall:
    now = timezone.now()
    return ProjectCall.objects.create(
        event=event,
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=10),
        criteria="Impact on the city\nReadiness",
    )


def test_call_review_acceptance_registration_meeting_calendar_and_door(page):
    event = factories.event(title="Urban Projects 2099")
    _call(event)
    staff, reviewer = factories.staff(), factories.member_user()
    company = current_member(organization=OrganizationFactory(name="Lumina SRL")).user

    # A company submits a new project to the call.
    sign_in(page, company)
    visit(page, f"/events/{event.slug}/call/")
    form = page.locator("main form")
    form.get_by_label("New project's title").fill("Smart street lighting")
    form.get_by_label("Pitch").fill("LED lights and sensors on 4,000 streets.")
    form.get_by_label("Themes").select_option(label="Energy")
    submit(page, form, "Submit")
    told(page, "Your project is submitted")
    submission = Submission.objects.get()

    # Staff ask a reviewer; the reviewer scores it; staff accept it as a pitch.
    sign_in(page, staff)
    visit(page, f"/events/{event.slug}/call/submissions/{submission.pk}/")
    assign = page.locator("main form").first
    assign.get_by_label("Reviewer").select_option(value=str(reviewer.pk))
    assign.get_by_label("Due on").fill(
        (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    )
    submit(page, assign, "Ask this reviewer")
    told(page, "The reviewer is asked.")
    sign_in(page, reviewer)
    visit(page, f"/events/{event.slug}/call/submissions/{submission.pk}/")
    scores = page.locator("main form")
    scores.locator("fieldset").nth(0).get_by_label("4").check()
    scores.locator("fieldset").nth(1).get_by_label("5").check()
    submit(page, scores, "Record my scores")
    told(page, "Your scores are recorded.")
    assert SubmissionReview.objects.get().average == 4.5  # (4 + 5) / 2
    sign_in(page, staff)
    visit(page, f"/events/{event.slug}/call/submissions/{submission.pk}/")
    decision = page.locator("main form").nth(1)
    decision.get_by_label("Accept as a pitch").check()
    decision.get_by_label("Message to the submitter").fill("See you in March.")
    decision.get_by_label("Room of the pitch").fill("Pitch stage")
    decision.get_by_label("Time of the pitch").fill("2099-03-11T10:00")
    submit(page, decision, "Decide")
    told(page, "Decided; the submitter is told.")
    visit(page, event.get_absolute_url())
    expect(page.locator("main")).to_contain_text("Project pitch: Smart street lighting")

    # A member registers, gets the QR ticket, and books a meeting with another attendee.
    member, other = factories.member_user(), factories.member_user()
    factories.registered(event, other)
    sign_in(page, member)
    visit(page, event.get_absolute_url())
    registration_form = page.locator("main form")
    registration_form.get_by_label("Ticket").select_option(label="Non-member: free")
    submit(page, registration_form, "Register")
    told(page, "You are registered.")
    registration = Registration.objects.get(event=event, user=member)
    qr = page.get_by_role("img", name=f"QR code of ticket {registration.ticket_code}")
    expect(qr).to_be_visible()
    assert page.evaluate("document.querySelector('.ticket-qr img').naturalWidth") > 100
    visit(page, f"/events/{event.slug}/people/")
    meeting_form = page.locator("main form")
    meeting_form.get_by_label("Whom to meet").select_option(label=other.profile.name)
    meeting_form.get_by_label("When").select_option(index=2)
    submit(page, meeting_form, "Send the request")
    sign_in(page, other)
    visit(page, f"/events/{event.slug}/my/")
    submit(page, page.locator("main form").first, "Accept")
    told(page, "The meeting is in both your agendas.")
    assert Meeting.objects.get().status == "accepted"

    # The member's agenda shows the meeting and exports to iCal.
    sign_in(page, member)
    visit(page, f"/events/{event.slug}/my/")
    expect(page.locator("main")).to_contain_text(f"Meeting with {other.profile.name}")
    href = page.get_by_role("link", name="Export to iCal (.ics)").get_attribute("href")
    feed = Client().get(href.replace(page.base_url, ""))
    calendar = icalendar.Calendar.from_ical(feed.content)
    uids = [str(entry["uid"]) for entry in calendar.walk("VEVENT")]
    assert any(uid.startswith("meeting-") for uid in uids)
    assert any(uid.startswith("session-") for uid in uids)

    # At the door: let in once, refused the second time with when it was first used.
    sign_in(page, staff)
    visit(page, f"/events/{event.slug}/check-in/")
    door = page.locator("main form")
    door.get_by_label("Ticket code").fill(registration.ticket_code)
    submit(page, door, "Check in")
    expect(page.locator(".check-in-ok")).to_contain_text("Welcome!")
    door.get_by_label("Ticket code").fill(registration.ticket_code.lower())
    submit(page, door, "Check in")
    expect(page.locator(".check-in-refused")).to_contain_text("was already used, at")


def test_the_event_and_the_door_speak_romanian_and_the_door_holds_on_a_phone(page):
    event = factories.event(title="Urban Projects 2099")
    staff = factories.staff()
    registration = factories.registered(event)
    sign_in(page, None, language="ro")
    visit(page, event.get_absolute_url())
    assert page.locator("html").get_attribute("lang") == "ro"
    expect(page.locator("main")).to_contain_text("Înscriere")
    expect(page.locator("main")).to_contain_text("Autentificați-vă pentru a vă înscrie")

    sign_in(page, staff, language="ro")
    page.set_viewport_size({"width": 390, "height": 844})
    visit(page, f"/events/{event.slug}/check-in/")
    expect(page.locator("h1")).to_have_text("Intrarea la ușă")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the door scrolls sideways ({width}px): {page.evaluate(WIDE_ELEMENTS)}"
    assert violations(page) == []
    door = page.locator("main form")
    door.get_by_label("Codul biletului").fill(registration.ticket_code)
    submit(page, door, "Validați intrarea")
    expect(page.locator(".check-in-ok")).to_contain_text("Bine ați venit!")
    door.get_by_label("Codul biletului").fill(registration.ticket_code)
    submit(page, door, "Validați intrarea")
    expect(page.locator(".check-in-refused")).to_contain_text("a fost deja folosit")
    # The answer is visible without scrolling on the phone.
    box = page.locator(".check-in-refused").bounding_box()
    assert box["y"] + box["height"] <= 844
