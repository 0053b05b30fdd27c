"""The shared components: pagination, sortable headers, the sort allow-list, theme chips."""

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory

from wsco.core.paging import page_numbers
from wsco.core.sorting import Sort, Sorting, SortOption

SORTS = Sorting(
    SortOption("name", "Name", ("name",), reversible=True),
    SortOption("joined", "Joined", ("-date_joined", "pk"), reversible=True),
    SortOption("newest", "Newest", ("-created_at",)),
    default="name",
)


def render(source: str, path: str = "/list/", **context) -> str:
    request = RequestFactory().get(path)
    return Template("{% load wsco %}" + source).render(Context({"request": request, **context}))


# Ten pages; worked by hand: the ends, the page and one neighbour each side, "…" for a run.
@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, [1, 2, None, 10]),
        (3, [1, 2, 3, 4, None, 10]),  # 2 shows: a gap of one page is the page, not "…"
        (5, [1, None, 4, 5, 6, None, 10]),
        (10, [1, None, 9, 10]),
    ],
)
def test_page_numbers_show_the_ends_the_page_and_its_neighbours(number, expected):
    assert page_numbers(Paginator(range(100), 10).page(number)) == expected


def test_a_few_pages_are_all_numbered():
    assert page_numbers(Paginator(range(40), 10).page(2)) == [1, 2, 3, 4]


def test_pagination_marks_the_current_page_and_keeps_the_query():
    page = Paginator(range(100), 10).page(5)
    html = render(
        '{% include "core/components/pagination.html" %}', "/list/?q=tram&page=5", page=page
    )
    assert 'aria-current="page" aria-label="Page 5">5</a>' in html
    assert html.count("aria-current") == 1
    assert 'rel="prev" href="?q=tram&amp;page=4"' in html
    assert 'rel="next" href="?q=tram&amp;page=6"' in html
    assert html.count('class="page-gap"') == 2
    assert "Page 5 of 10" in html


def test_pagination_on_the_first_and_last_page_has_no_step_beyond():
    paginator = Paginator(range(100), 10)
    first = render('{% include "core/components/pagination.html" %}', page=paginator.page(1))
    last = render('{% include "core/components/pagination.html" %}', page=paginator.page(10))
    assert 'rel="prev"' not in first
    assert 'rel="next"' in first
    assert 'rel="next"' not in last
    assert 'rel="prev"' in last


def test_one_page_draws_no_pagination():
    page = Paginator(range(5), 10).page(1)
    assert "pagination" not in render('{% include "core/components/pagination.html" %}', page=page)


def test_htmx_pagination_targets_the_results():
    page = Paginator(range(30), 10).page(1)
    html = render(
        '{% include "core/components/pagination.html" with target="#results" %}', page=page
    )
    assert 'hx-get="?page=2" hx-target="#results"' in html


@pytest.mark.parametrize(
    ("asked", "key", "descending", "order_by"),
    [
        ("name", "name", False, ("name",)),
        ("-name", "name", True, ("-name",)),
        ("joined", "joined", False, ("-date_joined", "pk")),
        ("-joined", "joined", True, ("date_joined", "-pk")),
        ("newest", "newest", False, ("-created_at",)),
    ],
)
def test_an_allowed_order_is_chosen_either_way(asked, key, descending, order_by):
    sort = SORTS.choose(asked)
    assert (sort.key, sort.descending, sort.order_by, sort.value) == (
        key,
        descending,
        order_by,
        asked,
    )


@pytest.mark.parametrize(
    "asked",
    [None, "", "email", "password", "-newest", "--name", "name,pk", "Name", " -", "name;drop"],
)
def test_anything_outside_the_allow_list_gives_the_default(asked):
    # "-newest": the option exists, but is not reversible.
    assert SORTS.choose(asked) == Sort(SORTS.default)


def test_a_reversible_order_takes_only_field_names():
    from django.db.models import F

    with pytest.raises(ValueError, match="reversible: give its fields by name"):
        SortOption("org", "Org", (F("organization__name").asc(),), reversible=True)


@pytest.mark.parametrize(
    ("asked", "name_header", "joined_header"),
    [
        # The sorted column says its order and offers the other; the others offer theirs.
        ("name", ('aria-sort="ascending"', "sort=-name"), (None, "sort=joined")),
        ("-name", ('aria-sort="descending"', "sort=name"), (None, "sort=joined")),
        ("-joined", (None, "sort=name"), ('aria-sort="descending"', "sort=joined")),
    ],
)
def test_sort_headers_say_the_order_and_link_to_the_next(asked, name_header, joined_header):
    html = render(
        '{% sort_header sort "name" "Name" %}|{% sort_header sort "joined" "Joined" %}',
        f"/list/?q=x&page=3&sort={asked}",
        sort=SORTS.choose(asked),
    )
    name, joined = html.split("|")
    for header, (aria, link) in [(name, name_header), (joined, joined_header)]:
        assert header.startswith('<th scope="col"')
        if aria:
            assert aria in header
        else:
            assert "aria-sort" not in header
        # The filters stay; the page goes back to the first.
        assert f'href="?q=x&amp;{link}"' in header


# Steppers, on the article's real workflow and the path its submission page draws.


def _article_steps(state):
    from wsco.core.steppers import stepper
    from wsco.publications.models import ARTICLE_WORKFLOW
    from wsco.publications.views.editorial import ARTICLE_DETOURS, ARTICLE_PATH

    steps = stepper(ARTICLE_WORKFLOW, state, path=ARTICLE_PATH, detours=ARTICLE_DETOURS)
    return [(step.state, step.status) for step in steps], steps


def test_a_stepper_marks_the_states_behind_done_its_own_current_and_those_ahead_next():
    marks, _steps = _article_steps("in_review")
    assert marks == [
        ("submitted", "done"),
        ("in_review", "current"),
        ("accepted", "next"),
        ("copy_edited", "next"),
        ("scheduled", "next"),
        ("published", "next"),
    ]


def test_a_detour_shows_after_its_state_and_the_way_goes_on():
    marks, _steps = _article_steps("revision_requested")
    assert marks[:4] == [
        ("submitted", "done"),
        ("in_review", "done"),
        ("revision_requested", "current"),
        ("accepted", "next"),
    ]
    assert len(marks) == 7


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("rejected", [("submitted", "done"), ("in_review", "done"), ("rejected", "current")]),
        ("withdrawn", [("submitted", "done"), ("withdrawn", "current")]),
    ],
)
def test_a_final_detour_ends_the_way(state, expected):
    marks, steps = _article_steps(state)
    assert marks == expected
    assert steps[-1].ends


def test_the_last_state_of_the_way_is_current_and_all_before_done():
    marks, _steps = _article_steps("published")
    assert {status for _state, status in marks[:-1]} == {"done"}
    assert marks[-1] == ("published", "current")


def test_a_state_neither_on_the_way_nor_a_detour_is_an_error():
    from wsco.core.steppers import stepper
    from wsco.publications.models import ARTICLE_WORKFLOW

    with pytest.raises(ValueError, match="'rejected' is neither on the path nor a detour"):
        stepper(ARTICLE_WORKFLOW, "rejected", path=["submitted", "in_review"])
    with pytest.raises(ValueError, match=r"no states \['approved'\]"):
        stepper(ARTICLE_WORKFLOW, "submitted", path=["submitted", "approved"])


def test_the_stepper_says_each_state_to_a_screen_reader():
    _marks, steps = _article_steps("in_review")
    html = render('{% include "core/components/stepper.html" with steps=steps %}', steps=steps)
    assert html.count('aria-current="step"') == 1
    assert 'aria-current="step">' in html.split("In review")[0][-400:]
    assert html.count("Done:") == 1
    assert html.count("Next:") == 4


@pytest.mark.django_db
def test_the_application_page_shows_where_the_application_stands(client):
    from wsco.members.tests.factories import applicant

    application = applicant().applications.get()
    client.force_login(application.profile.user)
    html = client.get(application.get_absolute_url()).content.decode()
    assert 'class="stepper"' in html
    current = html.split('aria-current="step"')[1].split("</li>")[0]
    assert "Submitted" in current
    assert "Next: </span>Approved" in html


# Toasts: the result of an action.


def test_a_message_comes_as_a_toast_the_reader_hears_and_can_dismiss():
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message

    messages = [
        Message(constants.SUCCESS, "Your profile is saved."),
        Message(constants.ERROR, "Nothing was saved."),
    ]
    html = render('{% include "core/components/toasts.html" %}', messages=messages)
    assert html.count('role="status"') == 1
    assert 'class="toast message message-success" data-toast' in html
    assert 'class="toast message message-error" data-toast' in html
    assert "Your profile is saved." in html
    # The button is drawn for JavaScript only: without it, the toasts are plain messages.
    assert html.count('class="toast-close js-only" data-dismiss-toast') == 2
    assert 'aria-label="Dismiss"' in html


def test_no_message_draws_no_toasts():
    assert "toasts" not in render('{% include "core/components/toasts.html" %}', messages=[])


def test_a_page_header_is_the_page_s_title_unless_given_a_level():
    page = render(
        '{% include "core/components/page_header.html" with title="Members" lead="Who" %}'
    )
    assert "<h1>Members</h1>" in page
    assert '<p class="muted">Who</p>' in page
    assert "button" not in page
    example = render(
        '{% include "core/components/page_header.html" with title="Members" level=4 '
        'action_url="/add/" action_label="Add" %}'
    )
    assert "<h4>Members</h4>" in example
    assert '<a class="button" href="/add/">Add</a>' in example


@pytest.mark.django_db
def test_each_theme_chip_is_kept_by_its_theme_kind_and_link(settings):
    from django.template.loader import render_to_string

    from wsco.core.models import Theme

    settings.DEBUG = False  # Chips are kept per process outside development ({% memo %}).
    water, energy = Theme.objects.get(slug="water"), Theme.objects.get(slug="energy")

    def chips(**context) -> str:
        return render_to_string("core/components/theme_chips.html", context)

    first = chips(themes=[water, energy], kind="expertise", href_prefix="/members/?theme=")
    assert first.index('href="/members/?theme=water"') < first.index("?theme=energy")
    assert first.count("theme-chip-expertise") == 2
    # Each of what a chip follows from gets its own: the kind, the link, the theme's own page.
    other_kind = chips(themes=[water], kind="interest", href_prefix="/members/?theme=")
    assert "theme-chip-interest" in other_kind
    assert "theme-chip-expertise" not in other_kind
    other_link = chips(themes=[water], kind="expertise", href_prefix="/search/?theme=")
    assert 'href="/search/?theme=water"' in other_link
    own_page = chips(themes=[water], kind="expertise", theme_pages=True)
    assert 'href="/themes/water/"' in own_page
    assert '<span class="theme-chip theme-water' in chips(themes=[water], kind="expertise")
