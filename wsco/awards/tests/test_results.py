"""The results: settled at the announcement time, with certificates, on profiles and in the API."""

import pytest
from django.urls import reverse

from wsco.audits.tests.records import person
from wsco.awards.models import Award, Phase, Placement, Secondment
from wsco.awards.services.jury import score_nomination
from wsco.awards.services.results import (
    FINALIST_KIND,
    WINNER_KIND,
    announce_due_editions,
    announce_edition,
)
from wsco.awards.tests.factories import category, edition, juror, move_to, nomination, seat
from wsco.certificates.queries import certificates_for
from wsco.members.tests.factories import MemberProfileFactory
from wsco.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _score(made_category, the_nomination, the_juror, first, second):
    one, two = made_category.criteria.all()
    score_nomination(
        nomination=the_nomination,
        juror=the_juror,
        scores={one.pk: (first, ""), two.pk: (second, "")},
    )


@pytest.fixture
def judged():
    """Three members nominated, scored by two jurors, the jury closed; not yet announced.

    By hand, with weights 3 and 1: juror A marks the nominees (10,6) -> 9, (6,2) -> 5,
    (2,2) -> 2; juror B (8,4) -> 7, (6,6) -> 6, (4,4) -> 4. Raw results: 8, 5.5, 3. With a
    calibration minimum of 4 nobody is standardised (3 marks each), so calibrated = raw.
    Two finalists: the first is the winner, the second a finalist, the third not placed.
    """
    made_edition = edition(Phase.JURY)
    made_category = category(made_edition, kind="member", finalists=2, calibration_minimum=4)
    nominees = [MemberProfileFactory() for _ in range(3)]
    nominations = [nomination(made_category, nominee) for nominee in nominees]
    first_juror, second_juror = juror(), juror()
    seat(made_category, first_juror, second_juror)
    for the_nomination, a, b in zip(
        nominations, [(10, 6), (6, 2), (2, 2)], [(8, 4), (6, 6), (4, 4)], strict=True
    ):
        _score(made_category, the_nomination, first_juror, *a)
        _score(made_category, the_nomination, second_juror, *b)
    move_to(made_edition, Phase.DELIBERATION)
    return made_edition, made_category, nominations


def test_nothing_is_settled_before_the_announcement_time(judged, client):
    made_edition, _made_category, _nominations = judged
    assert announce_edition(made_edition) is False
    assert announce_due_editions() == []
    assert not Placement.objects.exists()
    response = client.get(reverse("api-1.0.0:get_edition", kwargs={"year": made_edition.year}))
    assert response.json()["announced"] is False
    assert response.json()["categories"][0]["placements"] == []


def test_the_announcement_places_winner_and_finalists_with_certificates(judged, client):
    made_edition, _made_category, (winner, finalist, third) = judged
    move_to(made_edition, Phase.ANNOUNCED)
    assert announce_due_editions() == [made_edition.year]
    placements = list(Placement.objects.order_by("rank"))
    assert [(p.nomination, p.rank, p.award) for p in placements] == [
        (winner, 1, Award.WINNER),
        (finalist, 2, Award.FINALIST),
    ]
    assert [(str(p.raw_score), str(p.calibrated_score)) for p in placements] == [
        ("8.000", "8.000"),
        ("5.500", "5.500"),
    ]
    assert [c.kind for c in certificates_for(winner)] == [WINNER_KIND]
    assert [c.kind for c in certificates_for(finalist)] == [FINALIST_KIND]
    assert not certificates_for(third).exists()
    assert certificates_for(winner)[0].holder_user == winner.profile.user
    verify = client.get(reverse("certificates:verify", args=[placements[0].certificate.code]))
    assert verify.status_code == 200
    assert Notification.objects.filter(kind="awards.announced").count() == 2
    # Settled once: a second run changes nothing.
    assert announce_edition(made_edition) is False
    assert Placement.objects.count() == 2


def test_results_show_on_the_pages_the_api_and_the_winners_profile(judged, client):
    made_edition, made_category, (winner, _finalist, _third) = judged
    profile_url = winner.profile.get_absolute_url()
    assert "profile-awards" not in client.get(profile_url).content.decode()
    move_to(made_edition, Phase.ANNOUNCED)
    announce_edition(made_edition)
    page = client.get(made_category.get_absolute_url()).content.decode()
    assert winner.profile.name in page
    assert "Winner" in page
    api = client.get(reverse("api-1.0.0:get_edition", kwargs={"year": made_edition.year})).json()
    placements = api["categories"][0]["placements"]
    assert [(row["rank"], row["award"], row["nominee"]) for row in placements] == [
        (1, "winner", winner.profile.name),
        (2, "finalist", _finalist.profile.name),
    ]
    assert "profile-awards" in client.get(profile_url).content.decode()


def test_the_score_report_is_staff_only_until_the_jury_closes(client):
    made_edition = edition(Phase.JURY)
    made_category = category(made_edition, kind="member")
    the_nomination = nomination(made_category, MemberProfileFactory())
    first_juror, second_juror = juror(), juror()
    seat(made_category, first_juror, second_juror)
    _score(made_category, the_nomination, second_juror, 9, 3)
    url = reverse("awards:report", kwargs={"year": made_edition.year, "slug": made_category.slug})
    client.force_login(first_juror)
    assert client.get(url).status_code == 403
    client.force_login(person(staff=True))
    report = client.get(url).content.decode()
    # By hand: (9 x 3 + 3 x 1) / 4 = 7.5; the juror is named only by letter.
    assert "B: 7.5 / 7.5" in report
    assert second_juror.email not in report
    move_to(made_edition, Phase.DELIBERATION)
    client.force_login(first_juror)
    assert client.get(url).status_code == 200


def test_a_juror_does_not_see_another_jurors_scores_before_the_close(client):
    made_edition = edition(Phase.JURY)
    made_category = category(made_edition, kind="member")
    the_nomination = nomination(made_category, MemberProfileFactory())
    first_juror, second_juror = juror(), juror()
    seat(made_category, first_juror, second_juror)
    _score(made_category, the_nomination, second_juror, 9, 3)
    client.force_login(first_juror)
    form = client.get(reverse("awards:score", kwargs={"pk": the_nomination.pk})).content.decode()
    assert 'value="9" selected' not in form
    csv_url = reverse(
        "awards:report_csv", kwargs={"year": made_edition.year, "slug": made_category.slug}
    )
    assert client.get(csv_url).status_code == 403


def test_seconders_are_counted_in_the_report_and_the_api_and_told_of_the_result(judged, client):
    made_edition, made_category, (winner, finalist, _third) = judged
    seconders = [MemberProfileFactory(name=f"Zqseconder{number}") for number in range(3)]
    # Two second the winner, one the finalist (made directly: nominations closed long ago).
    for the_nomination, seconder in [(winner, 0), (winner, 1), (finalist, 2)]:
        Secondment.objects.create(
            nomination=the_nomination, seconder=seconders[seconder].user, statement="Zqwhy"
        )
    client.force_login(person(staff=True))
    url = reverse("awards:report", kwargs={"year": made_edition.year, "slug": made_category.slug})
    report = client.get(url).content.decode()
    assert "Zqseconder" not in report
    assert "Zqwhy" not in report
    csv_response = client.get(url.replace("/report/", "/report.csv"))
    rows = b"".join(csv_response.streaming_content).decode().splitlines()
    # Rank, nomination, nominee, jurors, seconders: the winner has 2, the finalist 1, the third 0.
    assert [row.split(",")[4] for row in rows[1:]] == ["2", "1", "0"]
    move_to(made_edition, Phase.ANNOUNCED)
    announce_edition(made_edition)
    api = client.get(reverse("api-1.0.0:get_edition", kwargs={"year": made_edition.year})).json()
    assert [row["seconders"] for row in api["categories"][0]["placements"]] == [2, 1]
    told = Notification.objects.filter(kind="awards.announced")
    assert set(told.values_list("recipient_id", flat=True)) == {
        winner.nominator_id,
        finalist.nominator_id,
        *[seconder.user_id for seconder in seconders],
    }
