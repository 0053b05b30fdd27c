"""Text input is cleaned the same way whatever the door: every form, every API string."""

from typing import Annotated, get_args

import pydantic
import pytest
from django import forms
from django.core.exceptions import ValidationError

from wsco.accounts.forms import DeleteAccountForm
from wsco.core.forms import CleanTextMixin, cleans_text
from wsco.core.tests.api_walk import api_operations, field_types
from wsco.core.text import clean_text
from wsco.network.forms import IntroductionRequestForm
from wsco.network.models import Introduction
from wsco.network.tests.factories import member

# Each code point just inside and just outside the refused ranges (C0 but tab/LF/CR, DEL and
# C1, surrogates), read from the Unicode categories Cc and Cs.
REFUSED = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x0e", "\x1b", "\x1f", "\x7f", "\x85", "\x9f"]
REFUSED += ["\ud800", "\udfff"]
KEPT = ["\t", "\n", "\r", " ", "~", "\xa0", "ș", "\ud7ff", "\ue000", "😀"]


@pytest.mark.parametrize("character", REFUSED, ids=lambda c: f"U+{ord(c):04X}")
def test_control_characters_are_refused_by_their_code_point(character):
    with pytest.raises(ValidationError, match=f"U\\+{ord(character):04X}"):
        clean_text(f"City{character}Hall")


@pytest.mark.parametrize("character", KEPT, ids=lambda c: f"U+{ord(c):04X}")
def test_text_characters_are_kept(character):
    assert clean_text(f"City{character}Hall") == f"City{character}Hall"


def test_text_is_composed_and_stripped():
    # "ș" typed as "s" + U+0326 COMBINING COMMA BELOW is stored as the one character U+0219.
    assert clean_text("  Bras\u0326ov \n") == "Bra\u0219ov"


# The API's door: every string any endpoint takes.


def holds_text(annotation) -> bool:
    return annotation is str or any(holds_text(argument) for argument in get_args(annotation))


def api_text_fields():
    for entry in api_operations():
        for model in entry.input_models():
            for name, annotation, owner in field_types(model):
                if holds_text(annotation):
                    metadata = owner.model_fields[name].metadata
                    field = Annotated[annotation, *metadata] if metadata else annotation
                    yield pytest.param(field, id=f"{entry} {name}")


API_TEXT_FIELDS = list(api_text_fields())


def test_the_api_takes_text_in_several_places():
    assert len(API_TEXT_FIELDS) >= 10


@pytest.mark.parametrize("field", API_TEXT_FIELDS)
def test_every_api_string_refuses_nul_and_is_cleaned(field):
    adapter = pydantic.TypeAdapter(field)
    with pytest.raises(pydantic.ValidationError, match="control_character"):
        adapter.validate_python("Water\x00")
    assert adapter.validate_python(" s\u0326 ") == "\u0219"


@pytest.mark.django_db
def test_a_request_with_nul_through_the_api_is_refused_naming_the_field(client):
    ana, bogdan = member(), member()
    client.force_login(ana.user)
    response = client.post(
        "/api/v1/network/requests",
        {"profile_id": bogdan.pk, "message": "Let us\x00 talk"},
        content_type="application/json",
    )
    assert response.status_code == 422
    [issue] = response.json()["detail"]
    assert issue["loc"] == ["body", "payload", "message"]
    assert "U+0000" in issue["msg"]
    assert not Introduction.objects.exists()


@pytest.mark.django_db
def test_a_search_with_a_control_character_is_refused_naming_the_parameter(client):
    response = client.get("/api/v1/members", {"q": "water\x1b[31m"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "q"]


# The forms' door: every form of the platform.


def platform_forms() -> list[type[forms.BaseForm]]:
    import wsco.urls  # noqa: F401  (imports every view, hence every form; admin's forms too)

    found, pending = [], [forms.BaseForm]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.startswith("wsco.") and ".tests" not in subclass.__module__:
                found.append(subclass)
    return found


def test_every_form_of_the_platform_cleans_its_text():
    found = platform_forms()
    assert len(found) > 30
    for form_class in found:
        assert issubclass(form_class, CleanTextMixin), f"{form_class} lacks CleanTextMixin"


def admin_forms(request) -> dict[str, type[forms.BaseForm]]:
    """Return the form the admin builds for every registered model and each of its inlines."""
    from django.contrib import admin

    built = {}
    for model_admin in admin.site._registry.values():
        built[model_admin.__class__.__name__] = model_admin.get_form(request)
        for inline in model_admin.get_inline_instances(request):
            built[inline.__class__.__name__] = inline.get_formset(request).form
    return built


@pytest.mark.django_db
def test_every_admin_form_cleans_its_text(rf):
    from wsco.members.tests.factories import UserFactory

    request = rf.get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    built = admin_forms(request)
    assert {"OrganizationAdmin", "BylineInline", "TaskResultAdmin", "UserAdmin"} <= set(built)
    for name, form_class in built.items():
        assert issubclass(form_class, CleanTextMixin), f"{name}'s form lacks CleanTextMixin"


@pytest.mark.django_db
def test_the_admin_refuses_a_control_character_on_its_field(admin_client):
    from wsco.members.tests.factories import OrganizationFactory

    organization = OrganizationFactory(name="Before")
    url = f"/admin/members/organization/{organization.pk}/change/"
    page = admin_client.get(url)
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if name != "logo"}
    data = {name: value for name, value in data.items() if value is not None}
    response = admin_client.post(url, {**data, "name": "Bra\x1bsov"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["name"] == [
        "Remove the control character U+001B; tabs and line breaks are the only ones text may hold."
    ]
    organization.refresh_from_db()
    assert organization.name == "Before"


def test_a_form_and_the_api_clean_text_alike():
    form = IntroductionRequestForm({"message": "  Bras\u0326ov  "})
    assert form.is_valid()
    assert form.cleaned_data["message"] == clean_text("  Bras\u0326ov  ") == "Bra\u0219ov"


@pytest.mark.parametrize("character", ["\x00", "\x1b", "\x85"])
def test_a_form_refuses_a_control_character_once_on_its_field(character):
    form = IntroductionRequestForm({"message": f"Let us{character} talk"})
    assert not form.is_valid()
    assert form.errors["message"] == [
        f"Remove the control character U+{ord(character):04X}; tabs and line breaks are the "
        "only ones text may hold."
    ]


def test_a_password_is_taken_as_typed():
    form = DeleteAccountForm({"password": " s\u0326ecret "}, user=None)
    password = form.fields["password"]
    assert not cleans_text(password)
    assert password.clean(form["password"].data) == " s\u0326ecret "
