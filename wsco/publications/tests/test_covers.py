"""Issue covers drawn from the lead story, and the lead pictures of articles."""

import pytest
from django.urls import reverse

from wsco.core.models import Theme
from wsco.members.tests.factories import MemberProfileFactory
from wsco.publications import pdf, queries, services
from wsco.publications.models import ArticleImage
from wsco.publications.tests.factories import (
    ArticleFactory,
    IssueFactory,
    SubmittedArticleFactory,
)
from wsco.publications.tests.test_images import png

pytestmark = pytest.mark.django_db


def test_an_issue_without_a_cover_is_drawn_from_its_lead_story(client):
    issue = IssueFactory(number=4, quarter=4, year=2026)
    ArticleFactory(issue=issue, position=2, title="Second story")
    lead = ArticleFactory(issue=issue, position=1, title="Water losses, halved")
    lead.themes.set([Theme.objects.get(slug="water")])
    page = client.get(reverse("publications:magazine")).content.decode()
    assert 'class="drawn-cover issue-tile-cover theme-water" aria-hidden="true"' in page
    assert '<span class="drawn-cover-lead">Water losses, halved</span>' in page
    assert "No. 4 · Q4 2026" in page
    assert "#droplet" in page  # the water theme's icon
    issue_page = client.get(issue.get_absolute_url()).content.decode()
    assert 'class="drawn-cover issue-cover theme-water" aria-hidden="true"' in issue_page


def test_the_lead_story_is_the_first_published_article_of_the_contents():
    issue = IssueFactory()
    assert issue.lead_story is None
    ArticleFactory(issue=issue, position=1, status="scheduled", title="Not out yet")
    second = ArticleFactory(issue=issue, position=2)
    assert issue.lead_story == second
    [(_year, [archived])] = queries.archive()
    assert archived.lead_story == second


def test_an_uploaded_cover_is_shown_instead_of_the_drawn_one(client):
    issue = IssueFactory(cover_alt="A tram in Cluj at night")
    issue.cover.name = "magazine/covers/cluj.jpg"
    issue.save(update_fields=["cover"])
    ArticleFactory(issue=issue, title="Trams")
    page = client.get(reverse("publications:magazine")).content.decode()
    assert 'src="/files/magazine/covers/cluj.jpg" alt="A tram in Cluj at night"' in page
    assert "drawn-cover" not in page


def test_a_new_lead_picture_replaces_the_former_one_which_stays_after_the_text(client):
    profile = MemberProfileFactory()
    article = SubmittedArticleFactory(submitted_by=profile.user)
    client.force_login(profile.user)
    url = reverse("publications:images", kwargs={"pk": article.pk})
    client.post(url, {"image": png(), "alt_text": "A chart"})
    client.post(url, {"image": png(), "alt_text": "The old lead", "is_lead": "on"})
    client.post(url, {"image": png(), "alt_text": "The new lead", "is_lead": "on"})
    leads = ArticleImage.objects.filter(article=article, is_lead=True)
    assert [image.alt_text for image in leads] == ["The new lead"]
    assert ArticleImage.objects.filter(article=article).count() == 3
    # Without the box ticked, an image is a figure after the text.
    assert not ArticleImage.objects.get(alt_text="A chart").is_lead


def test_the_lead_picture_shows_above_the_article_on_its_card_and_in_the_pdf(client):
    article = ArticleFactory(title="Sponge city")
    editor = MemberProfileFactory().user
    lead = services.add_article_image(
        article=article,
        image=png(),
        caption="Rain garden",
        alt_text="A rain garden",
        by=editor,
        is_lead=True,
    )
    services.add_article_image(
        article=article, image=png(), caption="", alt_text="A chart of rainfall", by=editor
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.index('alt="A rain garden"') < page.index('id="abstract-heading"')
    assert page.index('alt="A chart of rainfall"') > page.index('id="abstract-heading"')
    assert page.count('alt="A rain garden"') == 1
    magazine = client.get(reverse("publications:magazine")).content.decode()
    assert f'class="card-cover" src="{lead.image.url}" alt="A rain garden"' in magazine
    [page_of_article] = pdf.article_pages(
        [type(article).objects.prefetch_related("bylines__author", "images").get(pk=article.pk)]
    )
    assert page_of_article.lead.alt_text == "A rain garden"
    assert [figure.alt_text for figure in page_of_article.figures] == ["A chart of rainfall"]
