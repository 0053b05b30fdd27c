"""Staff seat and unseat a category's jurors on its jurors page."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wsco.accounts.models import RoleGrant
from wsco.audits.tests.records import person
from wsco.awards.models import Exclusion, JurorAssignment, Phase, Score
from wsco.awards.queries import ranking
from wsco.awards.services.jury import assign_juror, recuse, score_nomination, unseat_juror
from wsco.awards.tests.factories import category, edition, juror, move_to, nomination, seat
from wsco.members.tests.factories import member
from wsco.projects.tests.factories import project

pytestmark = pytest.mark.django_db


def _url(made_category, name="awards:jurors", **extra):
    kwargs = {"year": made_category.edition.year, "slug": made_category.slug} | extra
    return reverse(name, kwargs=kwargs)


def _scores(made_category, value):
    return {criterion.pk: (value, "") for criterion in made_category.criteria.all()}


def _searchable_juror(**fields):
    profile = member(**fields)
    RoleGrant.objects.create(user=profile.user, role="juror")
    return profile.user


def test_the_page_lists_the_jurors_with_their_conflicts_count(client):
    made_category = category(edition(Phase.JURY))
    first, second = juror(name="Ana Pop"), juror(name="Dan Ene")
    seat(made_category, first, second)
    for nominated in (nomination(made_category, project()), nomination(made_category, project())):
        recuse(nomination=nominated, juror=first, reason="A relative leads it.")
    client.force_login(person(staff=True))
    page = client.get(_url(made_category)).content.decode()
    # Ana recused herself from both nominations: two conflicts logged; Dan none.
    rows = [row for row in page.split("<tr>") if "Ana Pop" in row or "Dan Ene" in row]
    assert len(rows) == 2
    assert "Ana Pop" in rows[0]
    assert "<td>2</td>" in rows[0]
    assert "Dan Ene" in rows[1]
    assert "<td>0</td>" in rows[1]


def test_an_empty_jury_says_so(client):
    made_category = category(edition(Phase.SCREENING))
    client.force_login(person(staff=True))
    page = client.get(_url(made_category)).content.decode()
    assert "No juror is seated on this category yet." in page


def test_the_search_finds_only_unseated_holders_of_the_juror_role(client):
    made_category = category(edition(Phase.SCREENING))
    wanted = _searchable_juror(name="Ioana Lungu")
    seated = _searchable_juror(name="Ioana Seated")
    seat(made_category, seated)
    member(name="Ioana Member")  # no juror role
    client.force_login(person(staff=True))
    page = client.get(_url(made_category), {"q": "ioana"}).content.decode()
    assert f'name="juror" value="{wanted.pk}"' in page
    assert f'name="juror" value="{seated.pk}"' not in page
    assert "Ioana Member" not in page
    empty = client.get(_url(made_category), {"q": "nobody-here"}).content.decode()
    assert "No member holding the juror role matches these words." in empty


def test_staff_seat_a_juror_from_the_page(client):
    made_category = category(edition(Phase.SCREENING))
    chosen = juror()
    client.force_login(person(staff=True))
    response = client.post(_url(made_category), {"juror": chosen.pk})
    assert response.status_code == 302
    assert list(made_category.jurors.all()) == [chosen]


def test_seating_someone_without_the_role_is_refused_with_the_reason(client):
    made_category = category(edition(Phase.SCREENING))
    client.force_login(person(staff=True))
    response = client.post(_url(made_category), {"juror": person().pk}, follow=True)
    assert "Give this person the juror role first." in response.content.decode()
    assert not JurorAssignment.objects.exists()


def test_a_juror_id_that_is_no_number_is_a_bad_request(client):
    made_category = category(edition(Phase.SCREENING))
    client.force_login(person(staff=True))
    assert client.post(_url(made_category), {"juror": "x"}).status_code == 400


def test_unseating_deletes_the_jurors_scores_and_keeps_their_conflicts_log():
    made_category = category(edition(Phase.JURY))
    leaving, staying = juror(), juror()
    staff = person(staff=True)
    for each in (leaving, staying):
        assign_juror(category=made_category, juror=each, by=staff)
    scored = nomination(made_category, project())
    recused_from = nomination(made_category, project())
    recuse(nomination=recused_from, juror=leaving, reason="A relative leads it.")
    score_nomination(nomination=scored, juror=leaving, scores=_scores(made_category, 9))
    score_nomination(nomination=scored, juror=staying, scores=_scores(made_category, 5))

    # Two criteria scored by the leaving juror: two rows go.
    assert unseat_juror(category=made_category, juror=leaving, by=staff) == 2
    assert list(made_category.jurors.all()) == [staying]
    assert not Score.objects.filter(juror=leaving).exists()
    assert Score.objects.filter(juror=staying).count() == 2
    assert Exclusion.objects.filter(juror=leaving, nomination=recused_from).exists()
    # The ranking now reads the staying juror's mark alone: 5 on every criterion.
    assert [row.raw for row in ranking(made_category)] == [5.0]


def test_unseating_is_for_staff_and_for_seated_jurors_only():
    made_category = category(edition(Phase.JURY))
    seated = juror()
    seat(made_category, seated)
    with pytest.raises(PermissionDenied, match="Only staff"):
        unseat_juror(category=made_category, juror=seated, by=person())
    with pytest.raises(ValidationError, match="not on the category's jury"):
        unseat_juror(category=made_category, juror=juror(), by=person(staff=True))


def test_the_jury_is_not_changed_once_it_has_ended(client):
    made_category = category(edition(Phase.JURY))
    seated = juror()
    seat(made_category, seated)
    move_to(made_category.edition, Phase.DELIBERATION)
    made_category.refresh_from_db()
    with pytest.raises(ValidationError, match="jury has ended"):
        unseat_juror(category=made_category, juror=seated, by=person(staff=True))
    client.force_login(person(staff=True))
    page = client.get(_url(made_category)).content.decode()
    assert "Add a juror" not in page
    assert _url(made_category, "awards:unseat", user_id=seated.pk) not in page


def test_unseating_from_the_page_says_how_many_scores_went(client):
    made_category = category(edition(Phase.JURY))
    seated = juror()
    seat(made_category, seated)
    scored = nomination(made_category, project())
    score_nomination(nomination=scored, juror=seated, scores=_scores(made_category, 6))
    client.force_login(person(staff=True))
    response = client.post(_url(made_category, "awards:unseat", user_id=seated.pk), follow=True)
    page = response.content.decode()
    assert "The juror is off the jury." in page
    assert "2 scores of theirs were deleted." in page
    assert not JurorAssignment.objects.exists()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, {"q": "someone"}).status_code == 200
    return len(captured)


def test_the_jurors_page_costs_the_same_queries_for_one_juror_or_several(client):
    made_category = category(edition(Phase.JURY))
    seat(made_category, juror())
    client.force_login(person(staff=True))
    client.get(_url(made_category))  # the session settles
    with_one = _queries(client, _url(made_category))
    seat(made_category, juror(), juror(), juror())
    assert _queries(client, _url(made_category)) == with_one
