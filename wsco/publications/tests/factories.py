"""Factories for the publications app's tests."""

import datetime

import factory
from django.utils import timezone

from wsco.accounts.models import Role, RoleGrant
from wsco.members.tests.factories import MemberProfileFactory, UserFactory
from wsco.publications.models import (
    Article,
    ArticleStatus,
    Author,
    Byline,
    Issue,
    Post,
    Review,
)


def make_editor(**kwargs):
    """Return a user who holds the editor role."""
    user = UserFactory(**kwargs)
    RoleGrant.objects.create(user=user, role=Role.EDITOR)
    return user


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.Sequence(lambda n: f"author-{n}")
    bio = "Writes about cities."


class MemberAuthorFactory(AuthorFactory):
    profile = factory.SubFactory(MemberProfileFactory)
    name = factory.LazyAttribute(lambda o: o.profile.name)


class IssueFactory(factory.django.DjangoModelFactory):
    """A published issue; pass published_at=None for one in preparation."""

    class Meta:
        model = Issue

    volume = factory.Sequence(lambda n: n + 1)
    number = 1
    year = 2017
    quarter = 1
    date = datetime.date(2017, 3, 1)
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article in a published issue, signed by one guest author."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    abstract = "What the article brings."
    body = "Some **Markdown**."
    status = ArticleStatus.PUBLISHED
    issue = factory.SubFactory(IssueFactory)
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create:
            for position, author in enumerate(extracted or [AuthorFactory()]):
                Byline.objects.create(article=self, author=author, position=position)


class SubmittedArticleFactory(ArticleFactory):
    status = ArticleStatus.SUBMITTED
    issue = None
    published_at = None
    submitted_by = factory.SubFactory(UserFactory)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    title = factory.Sequence(lambda n: f"Post {n}")
    slug = factory.Sequence(lambda n: f"post-{n}")
    author = factory.SubFactory(AuthorFactory)
    summary = "A short summary."
    body = "News *body*."
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=2))


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    article = factory.SubFactory(SubmittedArticleFactory, status=ArticleStatus.IN_REVIEW)
    reviewer = factory.SubFactory(UserFactory)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
