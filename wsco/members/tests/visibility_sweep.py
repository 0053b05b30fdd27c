"""The visibility sweep: people of each visibility, put wherever an app shows a person, and every
page, API answer, feed and file looked at by each kind of viewer.

It finds its work by introspection, so that a new app is covered without editing it:

- the places that show a person are the models with a relation to a person (a `Profile`, or a
  model with a one-to-one to a profile, such as an author): each app says in
  `wsco/<app>/tests/visibility.py` how to put someone there (`SHOWS_PEOPLE`: a function of the
  world and a profile that returns the addresses of what it made), or why nobody else sees it
  (`NOT_SHOWN`, with the reason); a model in neither stops the sweep;
- the world is the XSS sweep's (`wsco/core/tests/xss_sweep.py`): one object of every model;
- the pages are every named URL of the project (the XSS sweep's list: the resolver walked, with
  the objects the apps taught it), the API's lists and details among them, the feeds and the
  sitemap, and the pages of what the apps made for each person.

For each place, a hidden and a members-only person are made, each with unique markers in the
fields that follow visibility (bio, title, city, organization, photo; an author's own bio and
photo). A page then must not hold a marker of a person its viewer may not see the details of;
an organization's name may be shown (organizations are listed on their own), but not on a page
that names the person. Every photo of a person a page shows must open for its viewer (a broken
image would say that a photo exists, and where).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import models
from django.test import Client

from wsco.core.tests.app_modules import app_test_modules
from wsco.core.tests.sample_files import image_bytes
from wsco.core.tests.xss_sweep import World, pages, platform_models
from wsco.members.models import Profile, Visibility
from wsco.members.tests.factories import OrganizationFactory, current_member, profile_only

# The viewers, and the visibilities whose details each may see (docs/privacy.md).
SEES = {
    "visitor": {Visibility.PUBLIC},
    "signed-in non-member": {Visibility.PUBLIC},
    "member": {Visibility.PUBLIC, Visibility.MEMBERS},
    "other": {Visibility.PUBLIC, Visibility.MEMBERS},
    "staff": {Visibility.PUBLIC, Visibility.MEMBERS, Visibility.HIDDEN},
}
SUBJECT_VISIBILITIES = (Visibility.HIDDEN, Visibility.MEMBERS)
# The markers whose mere presence is a leak; the organization's is a leak next to the name.
STRICT = ("bio", "title", "city", "photo", "author bio", "author photo")
TEXT_TYPES = ("text/html", "application/json", "application/xml", "application/atom+xml")
IMAGE_SOURCE = re.compile(r'<img[^>]*\ssrc="([^"]+)"')


@dataclass
class Places:
    """Where the apps show people, and where they do not, merged from their modules."""

    shows: dict = field(default_factory=dict)
    not_shown: dict = field(default_factory=dict)

    @classmethod
    def gather(cls) -> "Places":
        places = cls()
        for module in app_test_modules("visibility"):
            places.shows |= getattr(module, "SHOWS_PEOPLE", {})
            places.not_shown |= getattr(module, "NOT_SHOWN", {})
        return places


def person_models() -> list[type[models.Model]]:
    """Return the models that are a person: profiles, and those one-to-one with a profile."""
    found = [Profile]
    for model in platform_models():
        for model_field in model._meta.concrete_fields:
            if (
                isinstance(model_field, models.OneToOneField)
                and model_field.related_model is Profile
            ):
                found.append(model)
    return found


def models_showing_people() -> list[type[models.Model]]:
    """Return the models that are, or point at, a person (a key or a many-to-many)."""
    people = person_models()
    found = []
    for model in platform_models():
        relations = [*model._meta.concrete_fields, *model._meta.many_to_many]
        if model in people or any(
            getattr(relation, "related_model", None) in people for relation in relations
        ):
            found.append(model)
    return found


def untaught(places: Places) -> list[str]:
    """Return the models that show a person and that no app has taught the sweep."""
    return [
        model._meta.label
        for model in models_showing_people()
        if model not in places.shows and model not in places.not_shown
    ]


@dataclass
class Subject:
    """A person put in one place, with the markers of their details."""

    profile: Profile
    place: str
    markers: dict[str, str]
    urls: list[str] = field(default_factory=list)

    @property
    def visibility(self) -> str:
        return self.profile.visibility


def make_subject(visibility: str, number: int, place: str) -> Subject:
    """Return a current member of `visibility` with a marker in each detail and a photo."""
    tag = f"zq{visibility}{number}x"
    profile = current_member(
        name=f"Person {tag}",
        visibility=visibility,
        title=f"{tag}title",
        city=f"{tag}city",
        bio=f"{tag}bio",
        organization=OrganizationFactory(name=f"{tag}organization"),
        recommend_consent=True,
    )
    profile.photo.save("face.png", ContentFile(image_bytes()), save=True)
    markers = {
        "bio": f"{tag}bio",
        "title": f"{tag}title",
        "city": f"{tag}city",
        "organization": f"{tag}organization",
        "photo": profile.photo.name,
    }
    return Subject(profile=profile, place=place, markers=markers)


def photo_folders() -> tuple[str, ...]:
    """Return the addresses under which people's photos are served."""
    from django.conf import settings

    folders = []
    for model in person_models():
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.FileField) and model_field.name == "photo":
                folders.append(settings.MEDIA_URL + model_field.folder + "/")
    return tuple(folders)


def place_subjects(world: World, places: Places) -> list[Subject]:
    """Put a hidden and a members-only person in every place that shows people."""
    subjects = []
    done: set[Callable] = set()
    for model, put in places.shows.items():
        if put in done:  # one function may serve several models (an article and its bylines)
            continue
        done.add(put)
        for visibility in SUBJECT_VISIBILITIES:
            subject = make_subject(visibility, len(subjects), model._meta.label)
            made = put(world, subject) or []
            subject.urls = [subject.profile.get_absolute_url(), *made]
            subjects.append(subject)
    return subjects


@dataclass
class Findings:
    leaks: list = field(default_factory=list)
    broken_images: list = field(default_factory=list)
    seen: set = field(default_factory=set)  # (subject place, visibility, marker or "name", viewer)
    requests: int = 0


def clients_for(world: World, make_client: Callable[[], Client]) -> dict[str, Client]:
    """Return a client for each viewer: a visitor, a signed-in non-member, the world's people."""
    clients = {"visitor": make_client(), "signed-in non-member": make_client()}
    clients["signed-in non-member"].force_login(profile_only().user)
    for name in ("member", "other", "staff"):
        clients[name] = make_client()
        clients[name].force_login(world.person(name))
    return clients


def addresses(world: World, subjects: list[Subject]) -> list[str]:
    """Return every address to look at: the project's pages (not the admin, not actions that
    answer only POST), and the pages of what was made for each person."""
    found, _untaught = pages(world)
    urls = [
        page.url for page in found if not page.name.startswith("admin:") and not page.placeholder
    ]
    for subject in subjects:
        urls += subject.urls
    return list(dict.fromkeys(urls))


def look(content: str, subjects: list[Subject], viewer: str, url: str, findings: Findings):
    """Record what of each subject `content` shows, and each marker it should not."""
    for subject in subjects:
        named = subject.profile.name in content
        if named:
            findings.seen.add((subject.place, subject.visibility, "name", viewer))
        for kind, marker in subject.markers.items():
            if marker not in content:
                continue
            findings.seen.add((subject.place, subject.visibility, kind, viewer))
            if subject.visibility in SEES[viewer]:
                continue
            if kind in STRICT or named:
                findings.leaks.append(f"{url} as {viewer}: {subject.visibility} {kind} {marker}")


def sweep(world: World, subjects: list[Subject], clients: dict[str, Client]) -> Findings:
    """Ask for every address as every viewer, and check what each answer shows."""
    findings = Findings()
    readable: dict[tuple[str, str], int] = {}
    folders = photo_folders()
    urls = addresses(world, subjects)
    for viewer, client in clients.items():
        for url in urls:
            response = client.get(url)
            findings.requests += 1
            content_type = response.get("Content-Type", "")
            if response.status_code != 200 or not content_type.startswith(TEXT_TYPES):
                continue
            content = response.content.decode()
            look(content, subjects, viewer, url, findings)
            for source in IMAGE_SOURCE.findall(content):
                if not source.startswith(folders):
                    continue
                if (viewer, source) not in readable:
                    readable[viewer, source] = client.get(source).status_code
                    findings.requests += 1
                if readable[viewer, source] != 200:
                    findings.broken_images.append(f"{url} as {viewer}: {source}")
    for subject in subjects:
        for kind in ("photo", "author photo"):
            name = subject.markers.get(kind)
            if name is None:
                continue
            for viewer, client in clients.items():
                status = client.get("/files/" + name).status_code
                findings.requests += 1
                expected = 200 if subject.visibility in SEES[viewer] else 404
                if status != expected:
                    findings.leaks.append(
                        f"/files/{name} as {viewer}: {status}, not {expected} "
                        f"({subject.visibility} {kind})"
                    )
    return findings
