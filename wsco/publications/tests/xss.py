"""What the every-field XSS sweep needs from the publications (see wsco/core/tests/xss_sweep.py).

A published issue holds a published article by a guest author, with an image; a news post by
the same author. "member" also submitted three articles: one in review ("other" has a review
to write, staff sent theirs, a third reviewer declined), one sent back for revision, one
accepted (for the copy-edit page).
"""

import datetime

from django.utils import timezone

from wsco.core.models import Theme
from wsco.members.tests.factories import UserFactory
from wsco.publications.models import (
    Article,
    ArticleEvent,
    ArticleImage,
    ArticleStatus,
    Author,
    Byline,
    Issue,
    Post,
    Recommendation,
    Review,
)
from wsco.publications.services import index_article, index_post
from wsco.publications.tests.factories import (
    ArticleFactory,
    AuthorFactory,
    IssueFactory,
    MemberAuthorFactory,
    PostFactory,
    SubmittedArticleFactory,
)

THEME = "water"


def _published_article(world) -> Article:
    article = ArticleFactory(issue=world[Issue], authors=[world[Author]])
    article.themes.add(Theme.objects.get(slug=THEME))
    return article


def _submission(world, status: str) -> Article:
    member = world.person("member")
    author = getattr(member.profile, "author", None) or MemberAuthorFactory(profile=member.profile)
    return SubmittedArticleFactory(status=status, submitted_by=member, authors=[author])


def _reviews(world) -> Review:
    article = _submission(world, ArticleStatus.IN_REVIEW)
    _submission(world, ArticleStatus.REVISION_REQUESTED)
    _submission(world, ArticleStatus.ACCEPTED)
    due_on = timezone.localdate() + datetime.timedelta(days=14)
    Review.objects.create(
        article=article,
        reviewer=world.person("staff"),
        due_on=due_on,
        recommendation=Recommendation.REVISE,
        comments_for_author="Good.",
        comments_for_editor="Fine.",
        submitted_at=timezone.now(),
    )
    Review.objects.create(
        article=article,
        reviewer=UserFactory(),
        due_on=due_on,
        declined_at=timezone.now(),
        decline_reason="No time.",
    )
    return Review.objects.create(article=article, reviewer=world.person("other"), due_on=due_on)


def _post(world) -> Post:
    post = PostFactory(author=world[Author], cover_alt="A street")
    post.themes.add(Theme.objects.get(slug=THEME))
    return post


def _index(world) -> None:
    for article in Article.objects.published():
        index_article(article=article)
    for post in Post.objects.published():
        index_post(post=post)


def _submission_in(status: str) -> dict:
    return {"pk": Article.objects.filter(status=status).first().pk}


BUILDERS = {
    Author: lambda world: AuthorFactory(website="https://wsco.example"),
    Issue: lambda world: IssueFactory(),
    Article: _published_article,
    Byline: lambda world: world[Article].bylines.first(),
    ArticleImage: lambda world: ArticleImage.objects.create(
        article=world[Article],
        image="magazine/images/x.png",
        caption="A map",
        alt_text="A map",
        is_lead=True,  # shown above the article and on its cards
    ),
    Review: _reviews,
    ArticleEvent: lambda world: ArticleEvent.objects.create(
        article=world[Review].article, action=ArticleEvent.Action.ACCEPTED, message="Well done."
    ),
    Post: _post,
}
AFTER_FILL = [_index]
URL_KWARGS = {
    "publications:theme": lambda world: {"slug": THEME},
    "publications:theme_feed": lambda world: {"slug": THEME},
    "publications:article": lambda world: {"slug": world[Article].slug},
    "publications:issue": lambda world: {
        "volume": world[Issue].volume,
        "number": world[Issue].number,
    },
    "publications:issue_edit": lambda world: {"pk": world[Issue].pk},
    "publications:submission": lambda world: {"pk": world[Review].article_id},
    "publications:reviewer_candidates": lambda world: {"pk": world[Review].article_id},
    "publications:images": lambda world: {"pk": world[Review].article_id},
    "publications:revise": lambda world: _submission_in(ArticleStatus.REVISION_REQUESTED),
    "publications:copy_edit": lambda world: _submission_in(ArticleStatus.ACCEPTED),
    "publications:review": lambda world: {"pk": world[Review].pk},
    "publications:author": lambda world: {"slug": world[Author].slug},
    "publications:author_feed": lambda world: {"slug": world[Author].slug},
    "publications:post": lambda world: {"slug": world[Post].slug},
    "publications:post_edit": lambda world: {"pk": world[Post].pk},
}
NOT_PAGES = {
    "publications:issue_pdf": "the issue's PDF file, made by the PDF renderer",
}
