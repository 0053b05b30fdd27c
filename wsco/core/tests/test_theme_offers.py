"""What the platform has on a theme: the registry, the sections it gives, the include and pages."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from wsco.core import theme_offers
from wsco.core.page_cache import mark_changed
from wsco.core.theme_offers import Offer, OfferItem, offers_for, register_offer

pytestmark = pytest.mark.django_db

VISITOR = AnonymousUser()
# A theme's page for a visitor, every offer read: the theme (1); people: the candidates, their
# profiles, their expertise (3); organizations and their themes (2); articles with their
# bylines, themes and lead pictures (4); posts and their themes (2); projects and their themes
# (2); working groups (1) and problems (1), none here, so none of their themes read; standards
# and their themes (2); courses (1), none here either; upcoming events (1), then the themes of
# the events and their sessions in one query (1): the events' offer adds two, as the awards' did;
# award categories (1), then their themes (1).
QUERIES = 23


@pytest.fixture
def registry(monkeypatch):
    """An empty registry of offers for the test, with the apps' own put back afterwards."""
    monkeypatch.setattr(theme_offers, "_offers", {})
    return theme_offers


def _finding(items, calls=None):
    def find(themes, *, user, limit):
        if calls is not None:
            calls.append((tuple(themes), limit))
        return items[:limit]

    return find


def _item(title, *themes):
    return OfferItem(title=title, url=f"/{title.lower()}/", text=f"About {title}.", themes=themes)


def test_every_app_registers_its_offers_in_order():
    names = [offer.name for offer in theme_offers.offers()]
    # The courses' offer (order 70) comes after the working groups', the events' (75) before the
    # awards' (80).
    assert names == [
        "people",
        "organizations",
        "projects",
        "articles",
        "posts",
        "groups",
        "problems",
        "standards",
        "courses",
        "events",
        "awards",
    ]


def test_offers_come_in_their_order_then_by_name(registry):
    register_offer(Offer(name="zebra", title="Z", find=_finding([]), order=5))
    register_offer(Offer(name="beta", title="B", find=_finding([]), order=50))
    register_offer(Offer(name="alpha", title="A", find=_finding([]), order=50))
    assert [offer.name for offer in registry.offers()] == ["zebra", "alpha", "beta"]


def test_registering_a_name_again_replaces_the_offer(registry):
    register_offer(Offer(name="courses", title="Old", find=_finding([])))
    register_offer(Offer(name="courses", title="Courses", find=_finding([])))
    assert [str(offer.title) for offer in registry.offers()] == ["Courses"]


def test_a_section_per_offer_holds_its_items_for_the_themes_in_taxonomy_order(registry):
    calls = []
    items = [_item("Pipes", "water"), _item("Buses", "transportation")]
    register_offer(Offer(name="projects", title="Projects", find=_finding(items, calls), order=1))
    register_offer(Offer(name="groups", title="Groups", find=_finding([]), order=2))

    sections = offers_for(["water", "transportation"], user=VISITOR, limit=5)

    # Transportation (clause 19) comes before Water (clause 23), whatever order they came in.
    assert calls == [(("transportation", "water"), 5)]
    assert [section.name for section in sections] == ["projects", "groups"]
    assert sections[0].items == items
    assert sections[1].items == []
    assert sections[1].empty_message == "Nothing on Transportation and Water yet."


def test_sections_hold_at_most_the_limit(registry):
    register_offer(
        Offer(
            name="many",
            title="Many",
            find=lambda themes, *, user, limit: [_item(f"Item{n}", "water") for n in range(10)],
        )
    )
    (section,) = offers_for(["water"], user=VISITOR, limit=3)
    assert len(section.items) == 3


def test_an_unknown_theme_is_the_callers_mistake(registry):
    with pytest.raises(ValueError, match="Unknown themes: atlantis"):
        offers_for(["water", "atlantis"], user=VISITOR)


def test_themes_may_be_rows_or_slugs_and_none_gives_no_sections(registry):
    from wsco.core.models import Theme

    register_offer(Offer(name="x", title="X", find=_finding([])))
    assert offers_for([], user=VISITOR) == []
    (section,) = offers_for(Theme.objects.filter(slug="water"), user=VISITOR)
    assert [theme.slug for theme in section.themes] == ["water"]


def test_a_failing_offer_raises_rather_than_hiding(registry):
    def broken(themes, *, user, limit):
        raise RuntimeError("the courses app is broken")

    register_offer(Offer(name="courses", title="Courses", find=broken))
    with pytest.raises(RuntimeError, match="courses app is broken"):
        offers_for(["water"], user=VISITOR)


def test_answers_are_cached_until_their_data_set_changes(registry, settings):
    calls = []
    register_offer(
        Offer(name="p", title="P", find=_finding([_item("A", "water")], calls), data_set="things")
    )
    offers_for(["water"], user=VISITOR)
    offers_for(["water"], user=VISITOR)
    assert len(calls) == 1
    mark_changed("things")
    offers_for(["water"], user=VISITOR)
    assert len(calls) == 2
    # Other themes, another limit: another answer.
    offers_for(["energy"], user=VISITOR)
    offers_for(["water"], user=VISITOR, limit=2)
    assert len(calls) == 4


def test_each_audience_gets_its_own_cached_answer(registry):
    from wsco.members.tests.factories import UserFactory

    def find(themes, *, user, limit):
        return [_item("Secret" if user.is_authenticated else "Public", "water")]

    register_offer(
        Offer(
            name="p",
            title="P",
            find=find,
            data_set="things",
            audience=lambda user: "in" if user.is_authenticated else "out",
        )
    )
    assert offers_for(["water"], user=UserFactory())[0].items[0].title == "Secret"
    assert offers_for(["water"], user=VISITOR)[0].items[0].title == "Public"


def test_an_offer_that_does_not_say_its_audience_is_cached_per_person(registry):
    from wsco.members.tests.factories import UserFactory

    def find(themes, *, user, limit):
        return [_item(user.email if user.is_authenticated else "Nobody", "water")]

    register_offer(Offer(name="p", title="P", find=find, data_set="things"))
    first, second = UserFactory(), UserFactory()
    assert offers_for(["water"], user=first)[0].items[0].title == first.email
    assert offers_for(["water"], user=second)[0].items[0].title == second.email
    assert offers_for(["water"], user=VISITOR)[0].items[0].title == "Nobody"


def test_without_a_data_set_an_offer_is_read_each_time(registry):
    calls = []
    register_offer(Offer(name="p", title="P", find=_finding([], calls)))
    offers_for(["water"], user=VISITOR)
    offers_for(["water"], user=VISITOR)
    assert len(calls) == 2


def test_counts_by_theme_give_every_theme_each_counting_offers_number(registry):
    register_offer(Offer(name="silent", title="S", find=_finding([])))
    counted = Offer(
        name="projects", title="Projects", find=_finding([]), count=lambda user: {"water": 3}
    )
    register_offer(counted)
    counts = theme_offers.counts_by_theme(user=VISITOR)
    assert len(counts) == 19
    assert counts["water"] == [(counted, 3)]
    assert counts["energy"] == [(counted, 0)]


def _render(sections, **context):
    request = RequestFactory().get("/")
    request.user = VISITOR
    return render_to_string(
        "core/components/theme_offers.html", {"sections": sections, **context}, request=request
    )


def test_the_include_renders_cards_and_empty_sections_with_their_next_action(registry):
    register_offer(
        Offer(name="projects", title="Projects", find=_finding([_item("Pipes", "water")]))
    )
    register_offer(
        Offer(
            name="courses",
            title="Courses",
            find=_finding([]),
            empty="No course on %(themes)s yet.",
            action_label="Propose a course",
            action_url=lambda themes: f"/courses/propose/?theme={themes[0]}",
        )
    )
    html = _render(offers_for(["water"], user=VISITOR), id_prefix="gap-water", level=3)
    assert 'id="gap-water-projects"' in html
    assert '<h3 id="gap-water-projects-heading">' in html
    assert '<h4><a href="/pipes/">Pipes</a></h4>' in html
    assert "About Pipes." in html
    assert "No course on Water yet." in html
    assert 'href="/courses/propose/?theme=water">Propose a course</a>' in html
    # One theme asked: the cards do not repeat it.
    assert "theme-chip" not in html


def test_the_include_shows_each_items_themes_when_several_were_asked(registry):
    register_offer(Offer(name="p", title="P", find=_finding([_item("Pipes", "water")])))
    html = _render(offers_for(["water", "energy"], user=VISITOR))
    assert f'href="{reverse("core:theme", kwargs={"slug": "water"})}"' in html
    assert 'href="/themes/energy/"' not in html


def test_the_include_escapes_what_items_say(registry):
    item = OfferItem(title="<script>x</script>", url="/x/", text="<b>bold</b>")
    register_offer(Offer(name="p", title="P", find=_finding([item])))
    html = _render(offers_for(["water"], user=VISITOR))
    assert "<script>x" not in html
    assert "&lt;script&gt;x" in html
    assert "<b>bold" not in html


def test_the_themes_page_lists_the_19_themes_with_links_and_counts(client):
    from wsco.core.models import Theme
    from wsco.publications.tests.factories import ArticleFactory

    ArticleFactory().themes.add(Theme.objects.get(slug="water"))
    response = client.get(reverse("core:themes"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="card card-column"') == 19
    assert 'href="/themes/water/"' in html
    assert 'href="/themes/economy/"' in html
    assert "<strong>1</strong> article" in html
    assert "<strong>0</strong> articles" in html


def test_a_themes_page_says_its_clause_and_what_is_missing(client):
    response = client.get(reverse("core:theme", kwargs={"slug": "water"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Water · WSCO</title>" in html
    assert "clause 23" in html
    assert "No news on Water yet." in html
    assert "The magazine has published nothing on Water yet." in html


def test_an_unknown_theme_has_no_page(client):
    assert client.get("/themes/atlantis/").status_code == 404


def test_a_themes_page_speaks_romanian(client):
    response = client.get("/themes/water/", headers={"accept-language": "ro"})
    html = response.content.decode()
    assert "Apă" in html
    assert "clauza 23" in html


def test_the_home_page_and_the_footer_lead_to_the_themes(client):
    html = client.get("/").content.decode()
    assert 'href="/themes/water/"' in html
    assert 'href="/themes/"' in html


def test_the_sitemap_lists_the_themes(client):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/themes/</loc>" in xml
    assert "/themes/wastewater/</loc>" in xml


@pytest.mark.parametrize("articles", [1, 4])
def test_a_themes_page_costs_the_same_queries_whatever_it_shows(
    client, django_assert_num_queries, articles, settings
):
    from wsco.awards.tests.factories import category, edition
    from wsco.core.models import Theme
    from wsco.events.tests.factories import event
    from wsco.members.tests.factories import OrganizationFactory
    from wsco.network.services import rebuild_index
    from wsco.network.tests.factories import member
    from wsco.projects.tests.factories import project
    from wsco.publications.tests.factories import ArticleFactory, PostFactory
    from wsco.standards.tests.factories import StandardFactory

    settings.PAGE_CACHE_SECONDS = 0  # every offer read
    water = Theme.objects.get(slug="water")
    for number in range(articles):
        ArticleFactory().themes.add(water)
        PostFactory().themes.add(water)
        StandardFactory().themes.add(water)
        member(expertise=["water"], organization=OrganizationFactory()).organization.themes.add(
            water
        )
        project(published=True)
        category(edition(year=2020 + number)).themes.add(water)
        event(title=f"Water days {number}", themes=("water",))
    rebuild_index()
    with django_assert_num_queries(QUERIES):
        response = client.get("/themes/water/")
    # Per round: a person, an organization, an article, a post, a standard, a project, an
    # event and an award category.
    assert response.content.decode().count('class="card offer-card"') == 8 * articles


def test_the_api_lists_the_themes_with_their_figures(client):
    from wsco.core.models import Theme
    from wsco.publications.tests.factories import ArticleFactory

    ArticleFactory().themes.add(Theme.objects.get(slug="water"))
    themes = client.get("/api/v1/themes").json()
    assert len(themes) == 19
    water = next(theme for theme in themes if theme["slug"] == "water")
    assert water["clause"] == 23
    assert water["url"] == "/themes/water/"
    assert {"offer": "articles", "count": 1, "label": "article"} in water["figures"]


def test_the_api_gives_a_themes_sections_as_the_page_does(client):
    from wsco.core.models import Theme
    from wsco.publications.tests.factories import ArticleFactory, PostFactory

    article = ArticleFactory(title="Leak detection")
    article.themes.add(Theme.objects.get(slug="water"))
    PostFactory(published_at=None).themes.add(Theme.objects.get(slug="water"))
    body = client.get("/api/v1/themes/water?limit=2").json()
    sections = {section["offer"]: section for section in body["sections"]}
    # The courses' offer (order 70) comes after the working groups', the events' (75) before the
    # awards' (80).
    assert list(sections) == [
        "people",
        "organizations",
        "projects",
        "articles",
        "posts",
        "groups",
        "problems",
        "standards",
        "courses",
        "events",
        "awards",
    ]
    assert [item["title"] for item in sections["articles"]["items"]] == ["Leak detection"]
    assert sections["articles"]["items"][0]["url"] == article.get_absolute_url()
    # The draft post is nobody's to see here.
    assert sections["posts"]["items"] == []
    assert sections["posts"]["empty_message"] == "No news on Water yet."


def test_the_api_answers_404_for_an_unknown_theme_and_422_for_a_bad_limit(client):
    assert client.get("/api/v1/themes/atlantis").status_code == 404
    assert client.get("/api/v1/themes/water?limit=0").status_code == 422
    assert client.get("/api/v1/themes/water?limit=21").status_code == 422
    assert client.get("/api/v1/themes/water?limit=20").status_code == 200


@pytest.mark.parametrize("articles", [1, 4])
def test_the_themes_page_costs_the_same_queries_whatever_it_counts(
    client, django_assert_num_queries, articles, settings
):
    from wsco.core.models import Theme
    from wsco.publications.tests.factories import ArticleFactory

    settings.PAGE_CACHE_SECONDS = 0  # every offer counted
    for theme in Theme.objects.all()[:articles]:
        ArticleFactory().themes.add(theme)
    # The themes (1), then one grouped count per offer: people, organizations, projects,
    # articles, posts, working groups, problems, standards, courses, events and award categories.
    with django_assert_num_queries(12):
        response = client.get("/themes/")
    assert response.content.decode().count("<strong>1</strong> article<") == articles


def test_an_organizations_chips_and_the_magazines_theme_page_lead_to_the_themes_page(client):
    from wsco.core.models import Theme
    from wsco.members.tests.factories import OrganizationFactory, current_member

    organization = OrganizationFactory()
    organization.themes.add(Theme.objects.get(slug="energy"))
    current_member(organization=organization)
    for url in (organization.get_absolute_url(), reverse("members:organizations")):
        assert 'href="/themes/energy/"' in client.get(url).content.decode(), url
    magazine = client.get(reverse("publications:theme", kwargs={"slug": "energy"}))
    assert 'href="/themes/energy/"' in magazine.content.decode()


def test_the_template_tag_asks_every_offer_for_the_requests_user(registry):
    from django.template import Context, Template

    from wsco.core.models import Theme
    from wsco.members.tests.factories import UserFactory

    seen = []

    def find(themes, *, user, limit):
        seen.append((tuple(themes), user, limit))
        return []

    register_offer(Offer(name="p", title="P", find=find))
    template = Template(
        '{% load theme_offers %}{% offers_for "water" weakest limit=2 as sections %}'
        "{% for section in sections %}{{ section.empty_message }}{% endfor %}"
    )
    request = RequestFactory().get("/")
    request.user = UserFactory()
    weakest = Theme.objects.filter(slug__in=["energy", "transportation"])
    html = template.render(Context({"request": request, "weakest": weakest}))
    assert html == "Nothing on Energy, Transportation and Water yet."
    assert seen == [(("energy", "transportation", "water"), request.user, 2)]
    # Without a request (a PDF, an email), as a visitor.
    template.render(Context({"weakest": []}))
    assert seen[-1][1].is_authenticated is False


def test_offers_on_every_theme_keep_a_cache_key_any_cache_takes(settings, recwarn):
    from django.core.cache import CacheKeyWarning

    from wsco.core.themes import THEMES

    settings.PAGE_CACHE_SECONDS = 60
    every = [theme.slug for theme in THEMES]
    offers_for(every, user=VISITOR, limit=3)
    offers_for(every, user=VISITOR, limit=3)  # the second from the cache
    assert not [warning for warning in recwarn if warning.category is CacheKeyWarning]
