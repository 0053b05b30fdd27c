"""Where the publications show people, for the visibility sweep
(wsco/members/tests/visibility_sweep.py).

A member signs the world's published article and a news post: once with a photo and a bio of
their own as an author, once with those of their profile.
"""

from django.core.files.base import ContentFile
from django.urls import reverse

from wsco.core.tests.sample_files import image_bytes
from wsco.publications.models import Article, Author, Byline, Post
from wsco.publications.tests.factories import PostFactory


def _signs(world, subject, author: Author) -> list[str]:
    Byline.objects.create(article=world[Article], author=author, position=9)
    post = PostFactory(author=author)
    return [
        author.get_absolute_url(),
        reverse("publications:author_feed", kwargs={"slug": author.slug}),
        post.get_absolute_url(),
    ]


def _author_with_own_photo_and_bio(world, subject) -> list[str]:
    profile = subject.profile
    bio = profile.bio.replace("bio", "authorbio")
    author = Author.objects.create(
        name=profile.name, slug=f"swept-author-{profile.pk}", profile=profile, bio=bio
    )
    author.photo.save("own.png", ContentFile(image_bytes()), save=True)
    subject.markers |= {"author bio": bio, "author photo": author.photo.name}
    return _signs(world, subject, author)


def _author_as_in_the_profile(world, subject) -> list[str]:
    profile = subject.profile
    author = Author.objects.create(
        name=profile.name, slug=f"swept-author-{profile.pk}", profile=profile
    )
    return _signs(world, subject, author)


SHOWS_PEOPLE = {
    Author: _author_with_own_photo_and_bio,
    Byline: _author_as_in_the_profile,
    Article: _author_as_in_the_profile,
    Post: _author_as_in_the_profile,
}
