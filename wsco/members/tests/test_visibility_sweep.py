"""No page, API answer, feed or file shows more of a person than their visibility allows.

The sweep (visibility_sweep.py) puts a hidden and a members-only person wherever an app shows
people, then looks at every page of the project as a visitor, a signed-in non-member, two
members and staff (docs/privacy.md, "Showing a person").
"""

import pytest
from django.test import Client

from wsco.core.tests.xss_sweep import Teaching, World
from wsco.members.models import Seat, Visibility
from wsco.members.tests.factories import current_member
from wsco.members.tests.visibility_sweep import (
    SEES,
    Findings,
    Places,
    Subject,
    clients_for,
    look,
    models_showing_people,
    place_subjects,
    sweep,
    untaught,
)

pytestmark = pytest.mark.django_db


def test_every_model_that_shows_a_person_is_taught_to_the_sweep():
    assert untaught(Places.gather()) == []


def test_a_model_nobody_taught_is_named():
    places = Places.gather()
    del places.shows[Seat]
    assert untaught(places) == ["members.Seat"]
    # Found by its relation to a person, not by a list: the authors' bylines are among them.
    labels = {model._meta.label for model in models_showing_people()}
    assert {"members.Profile", "publications.Author", "publications.Byline"} <= labels


def test_the_check_finds_a_marker_shown_to_a_viewer_who_may_not_see_it():
    subject = Subject(
        profile=current_member(name="Person zq", visibility=Visibility.MEMBERS),
        place="test",
        markers={"bio": "zqbio", "organization": "zqorganization"},
    )
    findings = Findings()
    look("<p>zqorganization</p>", [subject], "visitor", "/organizations/", findings)
    assert findings.leaks == []  # an organization alone may be listed
    look("<p>Person zq, zqorganization</p>", [subject], "visitor", "/a/", findings)
    look("<p>zqbio</p>", [subject], "member", "/b/", findings)  # members may
    look("<p>zqbio</p>", [subject], "signed-in non-member", "/c/", findings)
    assert findings.leaks == [
        "/a/ as visitor: members organization zqorganization",
        "/c/ as signed-in non-member: members bio zqbio",
    ]


def test_no_page_shows_what_a_persons_visibility_keeps_from_its_viewer():
    world = World(Teaching.gather())
    world.build()
    subjects = place_subjects(world, Places.gather())
    world.refresh()
    findings = sweep(world, subjects, clients_for(world, Client))

    assert findings.leaks == []
    assert findings.broken_images == []
    # The people were shown, so that the sweep cannot pass by showing nothing: each one's name
    # somewhere, and each detail of a members-only person to a member.
    unnamed = [
        (subject.place, subject.visibility)
        for subject in subjects
        if not any((subject.place, subject.visibility, "name", v) in findings.seen for v in SEES)
    ]
    assert unnamed == []
    unseen = [
        (subject.place, kind)
        for subject in subjects
        if subject.visibility == Visibility.MEMBERS
        for kind in subject.markers
        if (subject.place, Visibility.MEMBERS, kind, "member") not in findings.seen
    ]
    assert unseen == []
    # A hidden author's own photo and bio: staff see them on the author page.
    hidden_author = ("publications.Author", Visibility.HIDDEN)
    for kind in ("author bio", "author photo"):
        assert (*hidden_author, kind, "staff") in findings.seen
