"""The awards in Chromium, through the real pages: a member nominates a project; staff screen
it; a juror with a conflict does not see it while another scores it; members vote; at the
announcement time the winner's page and certificate appear. Then the pages in Romanian."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.axe import violations
from tests.browser.test_audits_journey import check_certificate, sign_in, told, visit
from tests.browser.test_every_page import WIDE_ELEMENTS
from tests.browser.test_groups_journey import submit
from wsco.audits.tests.records import person
from wsco.awards.models import Edition, Nomination, NominationStatus, Phase, Placement, Score, Vote
from wsco.awards.services.jury import assign_juror, score_nomination
from wsco.awards.tests.factories import category, edition, juror, move_to, nomination
from wsco.members.tests.factories import current_member
from wsco.projects.tests.factories import project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_nomination_from_its_form_to_the_winners_certificate(page):
    made_edition = edition(Phase.NOMINATIONS)
    made_category = category(made_edition)
    nominee = project(published=True, entity=True)
    nominator = current_member().user
    staff = person(staff=True)

    # A member nominates the project from the category's page.
    sign_in(page, nominator)
    visit(page, made_category.get_absolute_url())
    with page.expect_navigation():
        page.get_by_role("link", name="Nominate").click()
    page.get_by_label("A project").select_option(label=nominee.title)
    page.get_by_label("Statement").fill("It cut **water losses** by a third.")
    submit(page, page.locator("main form"), "Send the nomination")
    told(page, "Your nomination is in. Staff will screen it.")
    nomination = Nomination.objects.get(project=nominee)
    assert nomination.nominator == nominator

    # Nominations close; staff screen it as eligible, and the nominator reads the reason.
    move_to(made_edition, Phase.SCREENING)
    sign_in(page, staff)
    visit(page, f"/awards/{made_edition.year}/screening/")
    card = page.locator("main li.card", has_text=nominee.title)
    card.get_by_label("Eligible", exact=True).check()
    card.get_by_label("Reason (the nominator reads it)").fill("Within the category's rules.")
    submit(page, card, "Record the decision")
    told(page, "The nomination is screened.")
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.ELIGIBLE
    sign_in(page, nominator)
    visit(page, nomination.get_absolute_url())
    expect(page.locator("main")).to_contain_text("Within the category's rules.")

    # The jury: one juror works for the project's owner, the other has no conflict.
    move_to(made_edition, Phase.JURY)
    insider = juror(organization=nominee.organization)
    outsider = juror()
    for each in (insider, outsider):
        assign_juror(category=made_category, juror=each, by=staff)
    jury_url = f"/awards/{made_edition.year}/{made_category.slug}/jury/"
    sign_in(page, insider)
    visit(page, jury_url)
    expect(page.locator("main")).to_contain_text("No eligible nomination for you to score yet.")
    expect(page.locator("main")).not_to_contain_text(nominee.title)
    sign_in(page, outsider)
    visit(page, jury_url)
    with page.expect_navigation():
        page.get_by_role("link", name=nominee.title).click()
    page.get_by_label("Criterion 1 (weight 3)").select_option("9")
    page.get_by_label("Criterion 2 (weight 1)").select_option("5")
    page.get_by_label("Comment on Criterion 1").fill("Measured, and it shows.")
    submit(page, page.locator("main form").first, "Save the scores")
    told(page, "Your scores are saved.")
    assert sorted(Score.objects.values_list("juror", "value")) == [
        (outsider.pk, 5),
        (outsider.pk, 9),
    ]

    # Two members vote for it; the counts stay hidden.
    for _ in range(2):
        sign_in(page, current_member().user)
        visit(page, made_category.get_absolute_url())
        submit(page, page.locator("main"), f"Vote for {nominee.title}")
        told(page, "Your vote is counted.")
    assert Vote.objects.filter(nomination=nomination).count() == 2
    expect(page.locator("main")).to_contain_text("The counts stay hidden")

    # The announcement time comes (the vote and the jury end now); the scheduler settles it.
    now = timezone.now()
    Edition.objects.filter(pk=made_edition.pk).update(
        vote_closes_at=now, jury_ends_at=now, announce_at=now
    )
    call_command("announce_awards", verbosity=0)
    placement = Placement.objects.get(nomination=nomination)
    assert placement.award == "winner"
    sign_in(page, None)
    visit(page, made_category.get_absolute_url())
    main = page.locator("main")
    expect(main.locator("table").last).to_contain_text("Winner")
    expect(main).to_contain_text("2 votes")
    with page.expect_navigation():
        main.get_by_role("link", name=placement.certificate.code).click()
    expect(page.locator("main")).to_contain_text("genuine")
    check_certificate(page, placement.certificate.code, "Smart City Industry Awards")


def test_the_awards_pages_speak_romanian(page):
    made_edition = edition(Phase.NOMINATIONS)
    made_category = category(made_edition, name_ro="Cel mai bun proiect")
    sign_in(page, current_member().user, language="ro")
    visit(page, "/awards/")
    assert page.locator("html").get_attribute("lang") == "ro"
    expect(page.locator("h1")).to_have_text("Premiile industriei Smart City")
    expect(page.locator("main")).to_contain_text("Nominalizări deschise")
    visit(page, made_category.get_absolute_url())
    expect(page.locator("h1")).to_have_text("Cel mai bun proiect")
    expect(page.locator("main")).to_contain_text("Cum punctează juriul")
    with page.expect_navigation():
        page.get_by_role("link", name="Nominalizați").click()
    expect(page.locator("main")).to_contain_text("Trimiteți nominalizarea")


def test_the_awards_pages_hold_on_a_phone_and_pass_axe(page):
    """The pages of an announced edition and of a jury at work, as staff and as a juror."""
    announced = edition(Phase.JURY, year=2017)
    winner_category = category(announced)
    nominee = project(published=True)
    winner = nomination(winner_category, nominee)
    scorer = juror()
    assign_juror(category=winner_category, juror=scorer, by=person(staff=True))
    one, two = winner_category.criteria.all()
    score_nomination(
        nomination=winner, juror=scorer, scores={one.pk: (8, "Strong."), two.pk: (6, "")}
    )
    move_to(announced, Phase.ANNOUNCED)
    call_command("announce_awards", verbosity=0)
    at_work = category(edition(Phase.JURY), blind=True)
    judged = nomination(at_work, project(published=True))
    assign_juror(category=at_work, juror=scorer, by=person(staff=True))
    staff = person(staff=True)

    page.set_viewport_size({"width": 390, "height": 844})
    for user, paths in (
        (None, ["/awards/", "/awards/2017/", winner_category.get_absolute_url()]),
        (staff, ["/awards/2026/screening/", winner.get_absolute_url()]),
        (
            scorer,
            [
                f"/awards/2026/{at_work.slug}/jury/",
                f"/awards/nominations/{judged.pk}/score/",
                f"/awards/2017/{winner_category.slug}/report/",
                "/awards/2026/conflicts/",
            ],
        ),
    ):
        sign_in(page, user)
        for path in paths:
            visit(page, path)
            width = page.evaluate("document.documentElement.scrollWidth")
            wide = page.evaluate(WIDE_ELEMENTS)
            assert width <= 390, f"{path} scrolls sideways on a phone ({width}px wide): {wide}"
            assert violations(page) == [], path
