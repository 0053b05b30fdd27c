"""The every-field XSS sweep: every text field of every model, through every page that shows it.

The sweep finds its work by introspection, so a new app, model, field or page is covered
without editing it:

- the models are those of the `wsco.*` apps; their fields written by people are every editable
  `CharField` and `TextField` (URL and email fields included) without fixed choices and not a
  slug, less the few an app declares not written by people (`NOT_WRITTEN_BY_PEOPLE`);
- the pages are every named URL of the project: each is asked for by every viewer (a visitor,
  the world's people), the admin's pages of every model by staff;
- each app says, in `wsco/<app>/tests/xss.py`, how to build one of each of its models
  (`BUILDERS`), the people who look at the pages (`PEOPLE`), which object a URL with parameters
  shows (`URL_KWARGS`), what to refresh once the text has changed (`AFTER_FILL`, e.g. search
  indexes), and which URLs show nothing people wrote (`NOT_PAGES`, with the reason).

The sweep builds the world, writes the payload into every such field of every row, then asks
for every page and checks what comes back: HTML must hold nothing executable, feeds and
sitemaps likewise once decoded, and JSON no HTML field with live markup and no link that is not
http(s). It fails loudly on what it cannot do: a model with text fields and no builder, a model
of the admin with no row, a URL with parameters nobody has taught it, a page no viewer could
open; so a new model or page has to be taught to it before its app's tests pass.
"""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.admin import site as admin_site
from django.db import models
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from wsco.core.tests.app_modules import app_test_modules
from wsco.core.tests.html_safety import (
    executable_feed_markup,
    executable_markup,
    injected_markup,
    unsafe_url,
)

# The site's own forms (search, language, sign-out, editors' and the admin's forms).
PAGE_FORM_TAGS = ("form", "input", "button", "textarea", "select")
# JSON keys whose value a client would put in a link or an image.
URL_KEYS = ("url", "website", "link", "href", "photo", "logo", "image")
# An email address a form accepts (a quoted local part may hold markup), for email fields.
HOSTILE_EMAIL = '"<img src=x onerror=window.__xss=1>"@{number}.example.org'
VIEWER_NAMES = ("member", "other", "staff")


@dataclass
class Teaching:
    """What every app's `tests/xss.py` taught the sweep, merged."""

    builders: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    url_kwargs: dict = field(default_factory=dict)
    after_fill: list = field(default_factory=list)
    not_pages: dict = field(default_factory=dict)
    not_written_by_people: dict = field(default_factory=dict)

    @classmethod
    def gather(cls) -> "Teaching":
        teaching = cls()
        for module in app_test_modules("xss"):
            teaching.builders |= getattr(module, "BUILDERS", {})
            teaching.people |= getattr(module, "PEOPLE", {})
            teaching.url_kwargs |= getattr(module, "URL_KWARGS", {})
            teaching.after_fill += getattr(module, "AFTER_FILL", [])
            teaching.not_pages |= getattr(module, "NOT_PAGES", {})
            teaching.not_written_by_people |= getattr(module, "NOT_WRITTEN_BY_PEOPLE", {})
        return teaching


def platform_models() -> list[type[models.Model]]:
    """Return every model of the `wsco.*` apps."""
    return [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("wsco.")
        for model in config.get_models()
    ]


def people_text_fields(model, not_written_by_people: dict) -> list[models.Field]:
    """Return the fields of `model` that hold text people write."""
    return [
        model_field
        for model_field in model._meta.concrete_fields
        if isinstance(model_field, models.CharField | models.TextField)
        and model_field.editable
        and not model_field.choices
        and not isinstance(model_field, models.SlugField)
        and f"{model._meta.label}.{model_field.name}" not in not_written_by_people
    ]


class World:
    """One object of every model, people to look at them, and the payload in every text field."""

    def __init__(self, teaching: Teaching):
        self.teaching = teaching
        self._objects: dict = {}
        self._people: dict = {}

    def person(self, name: str):
        """Return the user called `name` by the apps' `PEOPLE`, made the first time."""
        if name not in self._people:
            self._people[name] = self.teaching.people[name](self)
        return self._people[name]

    def __getitem__(self, model):
        """Return the world's object of `model`, built by its app's builder the first time."""
        if model not in self._objects:
            if model not in self.teaching.builders:
                raise LookupError(
                    f"{model._meta.label} has no builder: add one to BUILDERS in "
                    f"wsco/{model._meta.app_label}/tests/xss.py"
                )
            self._objects[model] = self.teaching.builders[model](self)
        return self._objects[model]

    def build(self) -> None:
        """Build every person, one object of every model taught, and of every model that must be.

        A model must be taught when it has text people write or an admin page.
        """
        for name in VIEWER_NAMES:
            self.person(name)
        for model in platform_models():
            if (
                model in self.teaching.builders
                or model in admin_site._registry
                or people_text_fields(model, self.teaching.not_written_by_people)
            ):
                self[model]

    def fill(self, payload: str) -> None:
        """Write `payload` into every text field people write, in every row of every model."""
        for model in platform_models():
            text_fields = people_text_fields(model, self.teaching.not_written_by_people)
            if not text_fields:
                continue
            for number, pk in enumerate(model._default_manager.values_list("pk", flat=True)):
                values = {
                    text_field.name: _value_for(text_field, payload, number)
                    for text_field in text_fields
                }
                model._default_manager.filter(pk=pk).update(**values)

    def refresh(self) -> None:
        """Bring what is made from the text (search indexes, documents) up to date."""
        for refresh in self.teaching.after_fill:
            refresh(self)


def _value_for(text_field: models.Field, payload: str, number: int) -> str:
    """Return what to write into `text_field` of the `number`-th row."""
    if isinstance(text_field, models.EmailField):
        return HOSTILE_EMAIL.format(number=number)
    value = payload
    if text_field.unique:
        value = f"{payload} {number}"
    if text_field.max_length:
        suffix = f" {number}" if text_field.unique else ""
        value = value[: text_field.max_length - len(suffix)] + suffix
    return value


def named_patterns(resolver=None, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    """Yield every named URL pattern of the project with its full name."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from named_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name, pattern


def _parameters(pattern: URLPattern) -> list[str]:
    converters = getattr(pattern.pattern, "converters", None)
    return list(converters) if converters else list(pattern.pattern.regex.groupindex)


def _placeholder(pattern: URLPattern) -> dict:
    """Return parameters for `pattern` that name nothing, to see whether it answers GET."""
    converters = getattr(pattern.pattern, "converters", {})
    return {
        name: 0 if type(converters.get(name)).__name__ == "IntConverter" else "none"
        for name in _parameters(pattern)
    }


@dataclass
class Page:
    """A URL to ask for, the name it comes from, and who asks for it."""

    name: str
    url: str
    viewers: tuple
    placeholder: bool = False


def _admin_pages(world: World) -> Iterator[Page]:
    """Yield the admin's pages of every registered model, for staff.

    Each model of the platform must have a row to show; other apps' models (groups, email
    addresses, tasks) are shown when they have one.
    """
    staff = ("staff",)
    platform = set(platform_models())
    yield Page("admin:index", reverse("admin:index"), staff)
    for model in admin_site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        yield Page(f"{prefix}_changelist", reverse(f"{prefix}_changelist"), staff)
        row = model._default_manager.order_by("pk").first()
        if row is None and model in platform:
            raise LookupError(f"{model._meta.label} is in the admin but the world has no row of it")
        if row is not None:
            for view in ("change", "delete", "history"):
                yield Page(f"{prefix}_{view}", reverse(f"{prefix}_{view}", args=[row.pk]), staff)


def pages(world: World) -> tuple[list[Page], list[str]]:
    """Return every page to ask for, and the URL names the apps have not taught the sweep."""
    found, untaught = list(_admin_pages(world)), []
    everyone = (None, *VIEWER_NAMES)
    for name, pattern in named_patterns():
        if name.startswith("admin:") or name in world.teaching.not_pages:
            continue
        if not _parameters(pattern):
            found.append(Page(name, reverse(name), everyone))
        elif name in world.teaching.url_kwargs:
            kwargs = world.teaching.url_kwargs[name](world)
            found.append(Page(name, reverse(name, kwargs=kwargs), everyone))
        else:
            try:
                url = reverse(name, kwargs=_placeholder(pattern))
            except NoReverseMatch:
                untaught.append(name)
                continue
            # Only an action that answers GET with 405 may go without a taught object.
            found.append(Page(name, url, everyone, placeholder=True))
    return found, untaught


def icon_sprite_url() -> str:
    """Return the URL of the icon sprite, the one SVG a page may hold (`{% icon %}`)."""
    from django.templatetags.static import static

    from wsco.core.icons import SPRITE_STATIC_PATH

    return static(SPRITE_STATIC_PATH)


def problems_in(response, *, admin: bool = False) -> list[str]:
    """Return what in `response` could run in a browser, a feed reader or a client.

    The platform's pages must hold nothing executable but the site's own scripts and forms;
    the admin's pages, which have inline scripts and SVG of their own, nothing of the payload.
    """
    content_type = response.get("Content-Type", "")
    content = response.content
    if content_type.startswith("text/html") and admin:
        return injected_markup(content.decode())
    if content_type.startswith("text/html"):
        return executable_markup(
            content.decode(),
            allowed_script_prefixes=(settings.STATIC_URL,),
            allowed_tags=PAGE_FORM_TAGS,
            icon_sprite=icon_sprite_url(),
        )
    if "xml" in content_type:
        return executable_feed_markup(content)
    if content_type.startswith("application/json"):
        return list(_json_problems(json.loads(content)))
    return []


def _json_problems(value, key: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for name, inner in value.items():
            yield from _json_problems(inner, str(name))
    elif isinstance(value, list):
        for inner in value:
            yield from _json_problems(inner, key)
    elif isinstance(value, str):
        if key.endswith("_html"):
            yield from (f"{key}: {found}" for found in executable_markup(value))
        if (key in URL_KEYS or key.endswith("_url")) and unsafe_url(value):
            yield f"{key}: {value!r}"


@dataclass
class Findings:
    """What the sweep saw: problems by page and viewer, pages it could not look at, and the
    pages whose answer carried the payload (so it is known that the text reached them)."""

    problems: dict = field(default_factory=dict)
    unseen: list = field(default_factory=list)
    showing_payload: set = field(default_factory=set)
    requests: int = 0


def sweep(world: World, clients: dict[str | None, Client]) -> Findings:
    """Ask for every page as each of its viewers, and check every page some viewer got.

    A page is seen when some viewer got it (200), or when it is an action that only answers
    POST (405). Any other answer from everybody means the sweep did not look at it.
    """
    found, untaught = pages(world)
    findings = Findings(unseen=list(untaught))
    for page in found:
        answers = set()
        for viewer in page.viewers:
            response = clients[viewer].get(page.url)
            findings.requests += 1
            answers.add(response.status_code)
            if response.status_code != 200 or page.placeholder:
                continue
            if b"__xss" in response.content:
                findings.showing_payload.add(page.url)
            admin = page.name.startswith("admin:")
            for problem in problems_in(response, admin=admin):
                findings.problems.setdefault(f"{page.url} as {viewer or 'visitor'}", []).append(
                    problem
                )
        # The admin answers 403 for what it does not offer (deleting a theme).
        offered = {200, 405, 403} if page.name.startswith("admin:") else {200, 405}
        seen = 405 in answers if page.placeholder else bool(answers & offered)
        if not seen:
            findings.unseen.append(f"{page.name} ({page.url}: {sorted(answers)})")
    return findings


def clients_for(world: World, make_client: Callable[[], Client]) -> dict[str | None, Client]:
    """Return a signed-in client for each of the world's people, and one for a visitor."""
    clients = {None: make_client()}
    for name in VIEWER_NAMES:
        clients[name] = make_client()
        clients[name].force_login(world.person(name))
    return clients
