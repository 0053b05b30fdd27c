"""The awards' pages: editing a nomination until the deadline, blind judging, the report."""

import pytest
from django.urls import reverse

from wsco.awards.models import Phase
from wsco.awards.tests.factories import category, edition, juror, move_to, nomination, seat
from wsco.awards.tests.test_results import _score
from wsco.members.tests.factories import current_member
from wsco.projects.tests.factories import project

pytestmark = pytest.mark.django_db


def test_the_nominator_edits_on_the_page_until_nominations_close(client):
    made_edition = edition(Phase.NOMINATIONS)
    nominator = current_member().user
    the_nomination = nomination(
        category(made_edition), project(), status="submitted", nominator=nominator
    )
    client.force_login(nominator)
    url = the_nomination.get_absolute_url()
    response = client.post(url, {"statement": "Now with figures.", "links": ""})
    assert response.status_code == 302
    the_nomination.refresh_from_db()
    assert the_nomination.statement == "Now with figures."
    move_to(made_edition, Phase.SCREENING)
    assert client.post(url, {"statement": "Too late.", "links": ""}).status_code == 403
    the_nomination.refresh_from_db()
    assert the_nomination.statement == "Now with figures."


def test_a_blind_category_hides_the_nominee_from_the_jury(client):
    made_category = category(edition(Phase.JURY), blind=True)
    nominee = project(published=True)
    the_nomination = nomination(made_category, nominee)
    seated = juror()
    seat(made_category, seated)
    client.force_login(seated)
    jury = client.get(
        reverse("awards:jury", kwargs={"year": 2026, "slug": made_category.slug})
    ).content.decode()
    assert "Nomination 1" in jury
    assert nominee.title not in jury
    score = client.get(reverse("awards:score", kwargs={"pk": the_nomination.pk})).content.decode()
    assert nominee.title not in score


def test_the_report_shows_results_in_the_readers_language(client, settings):
    made_category = category(edition(Phase.JURY), kind="member")
    the_nomination = nomination(made_category, current_member())
    seated = juror()
    seat(made_category, seated)
    # By hand: (8 x 3 + 5 x 1) / 4 = 29 / 4 = 7.25, shown "7,25" in Romanian.
    _score(made_category, the_nomination, seated, 8, 5)
    move_to(made_category.edition, Phase.DELIBERATION)
    client.force_login(seated)
    url = reverse("awards:report", kwargs={"year": 2026, "slug": made_category.slug})
    assert "A: 7.25 / 7.25" in client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ro"
    page = client.get(url).content.decode()
    assert "A: 7,25 / 7,25" in page
    assert "Raportul de punctaje" in page


def test_a_hidden_member_nominee_is_named_only_to_those_who_decide(client):
    made_category = category(edition(Phase.JURY), kind="member")
    nominee = current_member(name="Ioana Zqhidden", visibility="hidden")
    the_nomination = nomination(made_category, nominee)
    seated = juror()
    seat(made_category, seated)
    page = reverse("awards:category", kwargs={"year": 2026, "slug": made_category.slug})

    shown = client.get(page).content.decode()
    assert "Zqhidden" not in shown
    assert "A member" in shown
    client.force_login(seated)
    score = client.get(reverse("awards:score", kwargs={"pk": the_nomination.pk})).content.decode()
    assert "Ioana Zqhidden" in score
