"""The network's services and access helpers called directly: refusals by name, the state each
step leaves, and what each returns."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from wsco.accounts.models import Role, RoleGrant
from wsco.members.tests.factories import UserFactory
from wsco.network import access, services
from wsco.network.models import (
    Block,
    Connection,
    Introduction,
    IntroductionStatus,
    Report,
    Suggestion,
)
from wsco.network.services.introductions import _create_introduction
from wsco.network.tests.factories import connect, member

pytestmark = pytest.mark.django_db


def ask(sender, recipient):
    return services.request_introduction(sender=sender, recipient=recipient, message="Hello")


def suggest(profile, suggested, rank=1):
    return Suggestion.objects.create(
        profile=profile, suggested=suggested, rank=rank, score=0.5, reasons=[]
    )


# Asking and answering -----------------------------------------------------------------------


def test_a_second_open_request_racing_past_the_check_meets_the_same_refusal():
    # What the second of two requests at once meets: the one-open-request-per-pair constraint.
    ana, bogdan = member(), member()
    ask(ana, bogdan)
    with pytest.raises(ValidationError, match="There is already an open request between you"):
        _create_introduction(sender=bogdan, recipient=ana, message="Me too", sender_accepted=True)
    assert Introduction.objects.count() == 1


def test_staff_introduce_only_two_people_who_can_meet():
    staff = UserFactory(is_staff=True)
    ana, bogdan, hidden = member(), member(), member(visibility="hidden")
    Block.objects.create(blocker=ana, blocked=bogdan)

    with pytest.raises(ValidationError, match="You cannot ask to meet yourself"):
        services.introduce_members(first=ana, second=ana, note="", by=staff)
    with pytest.raises(ValidationError, match="is not a current member of the network"):
        services.introduce_members(first=ana, second=hidden, note="", by=staff)
    with pytest.raises(ValidationError, match="This introduction is not possible"):
        services.introduce_members(first=ana, second=bogdan, note="", by=staff)
    assert not Introduction.objects.exists()


def test_someone_outside_a_request_cannot_answer_it():
    ana, bogdan, carla = member(), member(), member()
    introduction = ask(ana, bogdan)
    with pytest.raises(ValidationError, match="This request is not addressed to you"):
        services.accept_introduction(introduction=introduction, by=carla)
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.PENDING


def test_a_request_is_not_accepted_across_a_block_made_meanwhile():
    ana, bogdan = member(), member()
    introduction = ask(ana, bogdan)
    # Made straight in the table, as a block committed while the answer was on its way.
    Block.objects.create(blocker=ana, blocked=bogdan)
    with pytest.raises(ValidationError, match="This introduction is not possible"):
        services.accept_introduction(introduction=introduction, by=bogdan)
    assert not Connection.objects.exists()


def test_an_accepted_request_is_accepted_on_both_sides():
    ana, bogdan = member(), member()
    introduction = ask(ana, bogdan)
    services.accept_introduction(introduction=introduction, by=bogdan)
    introduction.refresh_from_db()
    assert (introduction.sender_accepted, introduction.recipient_accepted) == (True, True)


def test_meeting_again_after_a_block_brings_the_same_connection_back():
    ana, bogdan = member(), member()
    first = connect(ana, bogdan)
    services.block_member(blocker=ana, blocked=bogdan)
    services.unblock_member(blocker=ana, blocked=bogdan)
    introduction = ask(ana, bogdan)

    connection = services.accept_introduction(introduction=introduction, by=bogdan)

    stored = Connection.objects.get()
    assert stored.pk == first.pk == connection.pk
    assert (stored.ended_at, stored.introduction_id) == (None, introduction.pk)
    # The two people's one live connection is the stored one.
    assert list(Connection.objects.of(ana)) == [stored]


def test_connecting_forgets_the_suggestions_between_the_two():
    ana, bogdan, carla = member(), member(), member()
    suggest(ana, bogdan)
    suggest(bogdan, ana)
    suggest(ana, carla, rank=2)
    services.accept_introduction(introduction=ask(ana, bogdan), by=bogdan)
    assert list(Suggestion.objects.values_list("profile", "suggested")) == [(ana.pk, carla.pk)]


@pytest.mark.parametrize(
    ("who", "refusal"),
    [
        ("recipient", "Only the person who asked can withdraw"),
        ("someone else", "This request is not addressed to you"),
    ],
)
def test_only_the_person_who_asked_withdraws_a_request(who, refusal):
    ana, bogdan = member(), member()
    introduction = ask(ana, bogdan)
    person = bogdan if who == "recipient" else member()
    with pytest.raises(ValidationError, match=refusal):
        services.withdraw_introduction(introduction=introduction, by=person)
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.PENDING


def test_a_staff_introduction_is_declined_not_withdrawn_by_either_person():
    ana, bogdan = member(), member()
    introduction = services.introduce_members(
        first=ana, second=bogdan, note="", by=UserFactory(is_staff=True)
    )
    for person in (ana, bogdan):
        with pytest.raises(ValidationError, match="Only the person who asked can withdraw"):
            services.withdraw_introduction(introduction=introduction, by=person)
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.PENDING


def test_a_request_is_emailed_in_the_language_the_recipient_chose(
    django_capture_on_commit_callbacks,
):
    ana = member()
    bogdan = member(user=UserFactory(language="ro"))
    with django_capture_on_commit_callbacks(execute=True):
        ask(ana, bogdan)
    [email] = mail.outbox
    # The catalogue's Romanian for "%(name)s would like to meet you" (locale/ro/LC_MESSAGES).
    assert email.subject.endswith(f"{ana.name} dorește să vă cunoască")


# Blocks, reports and "not interested" -------------------------------------------------------


def test_nobody_blocks_or_reports_themselves():
    ana = member()
    with pytest.raises(ValidationError, match="You cannot block yourself"):
        services.block_member(blocker=ana, blocked=ana)
    with pytest.raises(ValidationError, match="You cannot report yourself"):
        services.report_member(reporter=ana, reported=ana, reason="spam", details="")
    assert not Block.objects.exists()
    assert not Report.objects.exists()


def test_blocking_twice_returns_the_same_block():
    ana, bogdan = member(), member()
    first = services.block_member(blocker=ana, blocked=bogdan)
    again = services.block_member(blocker=ana, blocked=bogdan)
    assert first.pk == again.pk == Block.objects.get().pk


def test_a_block_forgets_the_suggestions_both_ways_and_no_others():
    ana, bogdan, carla = member(), member(), member()
    suggest(ana, bogdan)
    suggest(bogdan, ana)
    suggest(carla, bogdan)
    services.block_member(blocker=ana, blocked=bogdan)
    assert list(Suggestion.objects.values_list("profile", "suggested")) == [(carla.pk, bogdan.pk)]


def test_not_interested_forgets_that_suggestion_and_returns_the_dismissal():
    ana, bogdan, carla = member(), member(), member()
    suggest(ana, bogdan)
    suggest(ana, carla, rank=2)
    suggest(bogdan, ana)

    dismissal = services.dismiss_suggestion(profile=ana, dismissed=bogdan)

    assert (dismissal.profile, dismissal.dismissed) == (ana, bogdan)
    assert sorted(Suggestion.objects.values_list("profile", "suggested")) == sorted(
        [(ana.pk, carla.pk), (bogdan.pk, ana.pk)]
    )


# The access helpers -------------------------------------------------------------------------


def test_only_someone_blocked_is_reached_as_blocked():
    ana, bogdan, carla = member(), member(), member()
    services.block_member(blocker=ana, blocked=bogdan)
    assert access.get_blocked_profile(ana.user, bogdan.pk) == bogdan
    with pytest.raises(Http404, match=r"^$"):
        access.get_blocked_profile(ana.user, carla.pk)
    # Blocks are one person's: the one blocked has not blocked back.
    with pytest.raises(Http404, match=r"^$"):
        access.get_blocked_profile(bogdan.user, ana.pk)


def test_a_report_is_for_staff_and_an_unknown_one_is_not_found():
    ana, bogdan = member(), member()
    report = services.report_member(reporter=ana, reported=bogdan, reason="spam", details="")
    staff = UserFactory(is_staff=True)
    assert access.get_report_for_staff(staff, report.pk) == report
    with pytest.raises(Http404, match=r"^$"):
        access.get_report_for_staff(staff, report.pk + 1)
    for person in (AnonymousUser(), ana.user):
        with pytest.raises(PermissionDenied, match=r"^$"):
            access.get_report_for_staff(person, report.pk)


def test_the_services_package_names_what_it_lacks():
    with pytest.raises(AttributeError, match="has no attribute 'suggest_everyone'"):
        services.suggest_everyone  # noqa: B018


def test_a_member_role_alone_is_not_membership_of_the_network():
    # The member role comes from a current membership, never from a grant (RoleGrant is for
    # the granted roles): someone with a profile and a stray grant row is still refused.
    outsider = UserFactory()
    RoleGrant.objects.create(user=outsider, role=Role.JUROR)
    assert access.is_network_member(outsider) is False
    with pytest.raises(PermissionDenied, match=r"^$"):
        access.get_member_profile(outsider)
