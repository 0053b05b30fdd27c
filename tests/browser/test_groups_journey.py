"""A working group's loop in Chromium, through the real pages: a member signals a problem and
two others endorse it; a member proposes a solution and the chair records the group's
acceptance; the chair schedules a meeting with the problem on its agenda, adds a decision maker,
records that it took place, publishes the minutes and records the decision maker's answer; a
visitor finds the answer on the impact page. Then the same public pages in Romanian."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_audits_journey import sign_in, told, visit
from wsco.groups.models import (
    Answer,
    Meeting,
    MeetingStatus,
    Problem,
    ProblemEndorsement,
    ProblemStatus,
    SolutionStatus,
)
from wsco.groups.services import meetings
from wsco.groups.tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Bus lanes end at the city limit"
ANSWER = "The county will extend the bus lanes to the ring road next year."


def submit(page, form, button: str):
    """Press `button` of `form` and wait for the page it leads to."""
    with page.expect_navigation():
        form.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state("networkidle")


def form_of(page, action: str):
    return page.locator(f'form[action="{action}"]')


def test_a_problem_from_its_signal_to_a_decision_maker_s_answer(page):
    group = factories.group(name="Mobility experts")
    signaller, endorser = factories.join(group), factories.join(group)
    chair = group.chair

    # A member signals a problem from the group's page.
    sign_in(page, signaller)
    visit(page, group.get_absolute_url())
    with page.expect_navigation():
        page.get_by_role("link", name="Signal a problem").click()
    page.get_by_role("textbox", name="Title", exact=True).fill(TITLE)
    page.get_by_label("Description").fill("Buses from the suburbs lose ten minutes at the limit.")
    page.get_by_label("Who is affected").fill("Commuters from the suburbs")
    page.get_by_label("Severity").select_option("high")
    submit(page, page.locator("main form"), "Signal it")
    told(page, "The problem is signalled.")
    problem = Problem.objects.get(title=TITLE)
    assert problem.status == ProblemStatus.SIGNALLED
    assert problem.signalled_by == signaller

    # Two other members endorse it, one each.
    for person in (endorser, chair):
        sign_in(page, person)
        visit(page, problem.get_absolute_url())
        submit(page, form_of(page, f"/problems/{problem.pk}/endorse/"), "Endorse")
        told(page, "You endorse this problem.")
    expect(page.locator("main")).to_contain_text("2 members endorse it")
    assert set(
        ProblemEndorsement.objects.filter(problem=problem).values_list("user", flat=True)
    ) == {
        endorser.pk,
        chair.pk,
    }

    # A member proposes a solution.
    sign_in(page, endorser)
    visit(page, problem.get_absolute_url())
    proposal = form_of(page, f"/problems/{problem.pk}/propose/")
    proposal.get_by_label("Solution").fill("Bus lanes through to the ring road")
    proposal.get_by_label("Proposal").fill("Paint the lanes to the ring road; the county pays.")
    submit(page, proposal, "Propose")
    told(page, "Your solution is proposed to the group.")
    solution = problem.solutions.get()

    # The chair records the group's acceptance, by 5 votes to 1.
    sign_in(page, chair)
    visit(page, problem.get_absolute_url())
    page.get_by_text("Record the group's acceptance").click()
    acceptance = form_of(page, f"/solutions/{solution.pk}/accept/")
    acceptance.get_by_label("Votes for").fill("5")
    acceptance.get_by_label("Votes against").fill("1")
    submit(page, acceptance, "Accept this solution")
    told(page, "The group's acceptance is recorded.")
    expect(page.locator(f"#solution-{solution.pk}")).to_contain_text("accepted by 5 votes to 1")
    solution.refresh_from_db()
    problem.refresh_from_db()
    assert solution.status == SolutionStatus.ACCEPTED
    assert problem.status == ProblemStatus.SOLUTION_PROPOSED

    # The chair schedules a meeting with the problem on its agenda.
    visit(page, group.get_absolute_url())
    with page.expect_navigation():
        page.get_by_role("link", name="Schedule a meeting").click()
    starts = timezone.localtime() + datetime.timedelta(days=1)
    page.get_by_role("textbox", name="Title", exact=True).fill(
        "Bus lanes: meeting with the county council"
    )
    page.get_by_label("Starts at (the place's local time)").fill(starts.strftime("%Y-%m-%dT10:00"))
    page.get_by_role("textbox", name="Place", exact=True).fill("County Council, Cluj-Napoca")
    page.get_by_label(TITLE).check()
    submit(page, page.locator("main form"), "Schedule it")
    told(page, "The meeting is scheduled; the members are told.")
    meeting = Meeting.objects.get(group=group)
    assert list(meeting.problems.all()) == [problem]

    # A decision maker attends; the meeting takes place; the chair publishes the minutes.
    page.get_by_text("Add an attendee").click()
    attendee = form_of(page, f"/meetings/{meeting.pk}/attendees/")
    attendee.get_by_label("Or a decision maker's name").fill("Dana Rusu")
    attendee.get_by_label("Office").fill("President")
    attendee.get_by_label("Institution").fill("Cluj County Council")
    attendee.get_by_label("Email (seen by the group only)").fill("dana.rusu@cjcluj.example")
    attendee.get_by_role("checkbox", name="Decision maker").check()
    submit(page, attendee, "Add")
    told(page, "Attendee added.")
    submit(
        page, form_of(page, f"/meetings/{meeting.pk}/hold/"), "Record that the meeting took place"
    )
    told(page, "The meeting is recorded as held; its agenda was presented.")
    minutes = form_of(page, f"/meetings/{meeting.pk}/minutes/")
    minutes.get_by_role("textbox", name="Minutes").fill(
        "The council heard the group and answered at once."
    )
    minutes.get_by_label("Publish the minutes").check()
    submit(page, minutes, "Save the minutes")
    told(page, "The minutes are saved.")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert meeting.minutes_are_published

    # And records the decision maker's answer against the problem.
    answer = form_of(page, f"/meetings/{meeting.pk}/answers/")
    answer.get_by_label("Problem").select_option(label=TITLE)
    answer.get_by_label("Decision maker", exact=True).select_option(label="Dana Rusu")
    answer.get_by_role("textbox", name="Answer", exact=True).fill(ANSWER)
    answer.get_by_label("Commitment").fill("Works start in the spring.")
    submit(page, answer, "Record the answer")
    told(page, "The answer is recorded against the problem.")
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.ANSWERED
    assert Answer.objects.get(problem=problem).given_by == (
        "Dana Rusu, President, Cluj County Council"
    )

    # A visitor finds the answer on the impact page, and the minutes without the contact.
    sign_in(page, None)
    visit(page, "/impact/")
    main = page.locator("main")
    expect(main).to_contain_text(TITLE)
    expect(main).to_contain_text("Bus lanes through to the ring road")
    expect(main).to_contain_text(ANSWER)
    with page.expect_navigation():
        main.get_by_role("link", name=TITLE).click()
    expect(page.locator("main")).to_contain_text("Dana Rusu, President, Cluj County Council")
    visit(page, meeting.get_absolute_url())
    main = page.locator("main")
    expect(main).to_contain_text("The council heard the group and answered at once.")
    expect(main).not_to_contain_text("dana.rusu@cjcluj.example")


def test_the_groups_pages_speak_romanian(page):
    group = factories.group(name="Mobility experts")
    problem = factories.problem(group, title=TITLE)
    factories.accepted(group, problem)
    meeting = factories.meeting(group, problems_on_agenda=[problem], days=-3)
    meetings.hold_meeting(meeting=meeting, by=group.chair)
    meetings.record_answer(problem=problem, given_by="Dana Rusu", text=ANSWER, by=group.chair)
    member = factories.join(group)

    # A visitor whose browser speaks Romanian.
    sign_in(page, None, language="ro")
    visit(page, "/groups/")
    assert page.locator("html").get_attribute("lang") == "ro"
    expect(page.locator("h1")).to_contain_text("Grupuri de lucru")
    expect(page.locator("main")).to_contain_text("Mobility experts")
    visit(page, "/problems/")
    expect(page.locator("h1")).to_contain_text("Registrul problemelor")
    expect(page.locator("main")).to_contain_text("Probleme după stare")
    visit(page, "/impact/")
    main = page.locator("main")
    expect(main).to_contain_text("Soluția prezentată:")
    expect(main).to_contain_text(ANSWER)
    visit(page, problem.get_absolute_url())
    main = page.locator("main")
    expect(main).to_contain_text("Istoric")
    expect(main).to_contain_text("Răspunsurile factorilor de decizie")

    # A member endorses the problem in Romanian.
    sign_in(page, member, language="ro")
    visit(page, problem.get_absolute_url())
    submit(page, form_of(page, f"/problems/{problem.pk}/endorse/"), "Susține")
    told(page, "Susțineți această problemă.")
    assert ProblemEndorsement.objects.filter(problem=problem, user=member).exists()
