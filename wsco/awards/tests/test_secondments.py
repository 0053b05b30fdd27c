"""Seconding someone else's nomination: who may, until when, and what it changes for the jury."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.urls import reverse

from wsco.accounts.personal_data import delete_account, export_personal_data
from wsco.audits.tests.records import person
from wsco.awards.models import Exclusion, ExclusionReason, Phase, Secondment
from wsco.awards.services.jury import assign_juror, score_nomination
from wsco.awards.services.nominations import nominate, screen_nomination
from wsco.awards.services.secondments import second_nomination, withdraw_secondment
from wsco.awards.tests.factories import category, edition, juror, move_to, nomination, seat
from wsco.core.access import PartyToCase
from wsco.members.tests.factories import MemberProfileFactory, ProfileFactory, current_member
from wsco.notifications.models import Notification
from wsco.projects.tests.factories import on_team, project

pytestmark = pytest.mark.django_db


def _submitted(made_category=None, nominee=None, nominator=None):
    made_category = made_category or category(edition())
    return nominate(
        category=made_category,
        nominee=nominee or project(published=True),
        by=nominator or current_member().user,
        statement="It changed the city.",
    )


def _second(the_nomination, by, statement="I saw it work."):
    return second_nomination(nomination=the_nomination, by=by, statement=statement)


def test_a_member_seconds_someone_elses_nomination():
    the_nomination = _submitted()
    seconder = current_member().user
    made = _second(the_nomination, seconder, statement="  I saw it work.  ")
    assert list(the_nomination.secondments.all()) == [made]
    assert made.seconder == seconder
    assert made.statement == "I saw it work."


def test_the_nominator_cannot_second_their_own_nomination():
    the_nomination = _submitted()
    with pytest.raises(ValidationError, match="You made this nomination"):
        _second(the_nomination, the_nomination.nominator)
    assert not Secondment.objects.exists()


def test_only_current_members_second():
    with pytest.raises(PermissionDenied, match="Only current members second"):
        _second(_submitted(), ProfileFactory().user)


def test_the_nominees_own_people_cannot_second_even_where_self_nominations_are_welcome():
    made = project(published=True)
    teammate = on_team(made, "expert")
    welcoming = category(edition(), self_nomination=True)
    the_nomination = _submitted(welcoming, made)
    with pytest.raises(ValidationError, match="yourself or your own"):
        _second(the_nomination, teammate)
    member = current_member()
    of_a_member = _submitted(category(edition(year=2027), kind="member"), member)
    with pytest.raises(ValidationError, match="yourself or your own"):
        _second(of_a_member, member.user)
    assert not Secondment.objects.exists()


def test_a_person_seconds_a_nomination_once():
    the_nomination = _submitted()
    seconder = current_member().user
    _second(the_nomination, seconder)
    with pytest.raises(ValidationError, match="already second"):
        _second(the_nomination, seconder)
    assert the_nomination.secondments.count() == 1


def test_the_database_holds_one_secondment_per_person_and_nomination():
    the_nomination = _submitted()
    seconder = current_member().user
    Secondment.objects.create(nomination=the_nomination, seconder=seconder, statement="Yes.")
    with pytest.raises(IntegrityError, match=r"(?i)unique"):
        Secondment.objects.create(nomination=the_nomination, seconder=seconder, statement="Again.")


def test_a_statement_is_needed_and_a_withdrawn_nomination_is_not_seconded():
    the_nomination = _submitted()
    seconder = current_member().user
    with pytest.raises(ValidationError, match="Say why you second"):
        _second(the_nomination, seconder, statement="   ")
    withdrawn = nomination(category(edition(year=2027)), project(), status="withdrawn")
    with pytest.raises(ValidationError, match="withdrawn"):
        _second(withdrawn, seconder)
    assert not Secondment.objects.exists()


def test_secondments_are_made_and_withdrawn_only_until_nominations_close():
    made_edition = edition()
    the_nomination = _submitted(category(made_edition))
    seconder = current_member().user
    made = _second(the_nomination, seconder)
    with pytest.raises(PermissionDenied, match="Only the seconder"):
        withdraw_secondment(secondment=made, by=current_member().user)
    move_to(made_edition, Phase.SCREENING)
    the_nomination.category.edition.refresh_from_db()
    with pytest.raises(ValidationError, match="closed"):
        _second(the_nomination, current_member().user)
    made.nomination.category.edition.refresh_from_db()
    with pytest.raises(ValidationError, match="closed"):
        withdraw_secondment(secondment=made, by=seconder)
    assert Secondment.objects.filter(pk=made.pk).exists()


def test_the_seconder_withdraws_while_nominations_are_open():
    made = _second(_submitted(), current_member().user)
    withdraw_secondment(secondment=made, by=made.seconder)
    assert not Secondment.objects.exists()


def test_a_juror_who_seconded_is_excluded_from_scoring_it():
    made_category = category(edition(Phase.JURY))
    seated = juror()
    nominated = nomination(made_category, project())
    # Seconded while nominations were open (made directly: the jury is at work now).
    Secondment.objects.create(nomination=nominated, seconder=seated, statement="Good work.")
    assign_juror(category=made_category, juror=seated, by=person(staff=True))
    assert Exclusion.objects.get(juror=seated, nomination=nominated).reason == (
        ExclusionReason.SECONDER
    )
    one, two = made_category.criteria.all()
    with pytest.raises(PermissionDenied, match="conflict"):
        score_nomination(
            nomination=nominated, juror=seated, scores={one.pk: (7, ""), two.pk: (7, "")}
        )


def test_a_seated_juror_seconding_an_eligible_nomination_is_excluded_at_once():
    made_category = category(edition())
    seated = juror()
    seat(made_category, seated)
    nominated = nomination(made_category, project(), status="eligible")
    _second(nominated, seated)
    assert Exclusion.objects.get(juror=seated, nomination=nominated).reason == "seconder"


def test_a_staff_seconder_does_not_screen_and_is_told_of_the_screening():
    the_nomination = _submitted()
    staff_seconder = person(staff=True)
    _second(the_nomination, staff_seconder)
    with pytest.raises(PartyToCase, match="you are a seconder"):
        screen_nomination(
            nomination=the_nomination, eligible=True, reason="Mine.", by=staff_seconder
        )
    screen_nomination(
        nomination=the_nomination, eligible=True, reason="Within the rules.", by=person(staff=True)
    )
    told = Notification.objects.get(recipient=staff_seconder, kind="awards.seconded_screened")
    assert told.params["eligible"] is True
    assert Notification.objects.filter(
        recipient=the_nomination.nominator, kind="awards.screened"
    ).exists()


def test_a_refused_nomination_offers_to_second_the_one_that_exists(client):
    made_category = category(edition())
    nominee = project(published=True)
    first = _submitted(made_category, nominee)
    member = current_member().user
    client.force_login(member)
    url = reverse("awards:nominate", kwargs={"year": 2026, "slug": made_category.slug})
    page = client.post(url, {"nominee": nominee.pk, "statement": "Mine too.", "links": ""})
    content = page.content.decode()
    assert "already nominated in this category" in content
    second_url = reverse("awards:second", kwargs={"year": 2026, "slug": made_category.slug})
    assert f"{second_url}?nominee={nominee.pk}" in content
    # The member may not open the nomination: it is not named or linked to them.
    assert first.get_absolute_url() not in content
    client.force_login(first.nominator)
    content = client.post(url, {"nominee": nominee.pk, "statement": "Again.", "links": ""})
    content = content.content.decode()
    assert first.get_absolute_url() in content
    assert "You made that nomination" in content


def test_a_juror_of_a_blind_category_is_offered_the_nomination_without_its_name(client):
    made_category = category(edition(), kind="member", blind=True)
    nominee = MemberProfileFactory(name="Zqblindnominee", visibility="public")
    first = _submitted(made_category, nominee)
    seated = juror()
    seat(made_category, seated)
    client.force_login(seated)
    url = reverse("awards:nominate", kwargs={"year": 2026, "slug": made_category.slug})
    content = client.post(url, {"nominee": nominee.pk, "statement": "Too.", "links": ""})
    content = content.content.decode()
    # The juror may open the nomination, so it is linked, but by the blind rule not named.
    assert first.get_absolute_url() in content
    assert "Nomination of Zqblindnominee" not in content
    assert "A nomination" in content


def test_seconding_on_the_page_and_withdrawing_from_my_nominations(client):
    made_category = category(edition())
    nominee = project(published=True)
    the_nomination = _submitted(made_category, nominee)
    member = current_member().user
    client.force_login(member)
    url = reverse("awards:second", kwargs={"year": 2026, "slug": made_category.slug})
    assert client.get(url, {"nominee": nominee.pk}).status_code == 200
    response = client.post(url, {"nominee": nominee.pk, "statement": "It works."})
    assert response.status_code == 302
    made = Secondment.objects.get(nomination=the_nomination, seconder=member)
    mine = client.get(reverse("awards:mine")).content.decode()
    assert "It works." in mine
    withdraw = reverse("awards:withdraw_secondment", kwargs={"pk": made.pk})
    assert withdraw in mine
    client.force_login(current_member().user)
    assert client.post(withdraw).status_code == 404
    client.force_login(member)
    client.post(withdraw)
    assert not Secondment.objects.exists()


def test_seconding_a_nominee_nobody_nominated_names_the_field(client):
    made_category = category(edition())
    client.force_login(current_member().user)
    url = reverse("awards:second", kwargs={"year": 2026, "slug": made_category.slug})
    nominee = project(published=True)
    response = client.post(url, {"nominee": nominee.pk, "statement": "It works."})
    assert response.status_code == 200
    assert "not nominated in this category" in response.content.decode()
    assert not Secondment.objects.exists()


def test_the_nomination_page_counts_seconders_and_names_them_by_the_blind_rule(client):
    made_category = category(edition(Phase.JURY), blind=True)
    nominated = nomination(made_category, project())
    seconders = [MemberProfileFactory(name=f"Zqseconder{n}", visibility="public") for n in (1, 2)]
    for each in seconders:
        Secondment.objects.create(nomination=nominated, seconder=each.user, statement="Zqwhy")
    seated = juror()
    seat(made_category, seated)
    url = nominated.get_absolute_url()
    client.force_login(seated)
    content = client.get(url).content.decode()
    # Two seconders, counted by hand; a juror of a blind category reads no name and no reason.
    assert "2 members second this nomination." in content
    assert "Zqseconder1" not in content
    assert "Zqwhy" not in content
    score = client.get(reverse("awards:score", kwargs={"pk": nominated.pk})).content.decode()
    assert "2 members second this nomination." in score
    assert "Zqseconder" not in score
    client.force_login(nominated.nominator)
    content = client.get(url).content.decode()
    assert "Zqseconder1" in content
    assert "Zqseconder2" in content
    assert "Zqwhy" in content
    made_category.blind = False
    made_category.save(update_fields=["blind"])
    client.force_login(seated)
    content = client.get(url).content.decode()
    assert "Zqseconder1" in content
    assert "Zqwhy" not in content


def test_the_screening_queue_counts_seconders(client):
    made_category = category(edition())
    the_nomination = _submitted(made_category)
    for _ in range(3):
        _second(the_nomination, current_member().user)
    client.force_login(person(staff=True))
    page = client.get(reverse("awards:screening", kwargs={"year": 2026})).content.decode()
    assert "3 seconders" in page


def test_a_persons_secondments_are_exported_and_erased_with_the_account():
    the_nomination = _submitted()
    seconder = current_member().user
    _second(the_nomination, seconder, statement="Zqsupport")
    exported = export_personal_data(user=seconder)["awards"]
    assert [row["statement"] for row in exported["secondments"]] == ["Zqsupport"]
    assert exported["secondments"][0]["nominee"] == the_nomination.nominee_name
    assert exported["nominations"] == []
    nominator_data = export_personal_data(user=the_nomination.nominator)["awards"]
    assert [row["statement"] for row in nominator_data["nominations"]] == ["It changed the city."]
    delete_account(user=seconder)
    assert not Secondment.objects.exists()
