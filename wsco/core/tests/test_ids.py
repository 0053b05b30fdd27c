"""Ids from a request are parsed by one helper: a bad one is a 400 or a 422 naming the field."""

import re
from pathlib import Path

import pydantic
import pytest
from django.core.exceptions import BadRequest, ValidationError
from django.urls import reverse

from wsco.core.ids import MAX_ID, InvalidNumberError, parse_id, parse_number
from wsco.core.tests.api_walk import api_operations, field_types
from wsco.members.tests.factories import MemberProfileFactory
from wsco.publications.models import ArticleImage
from wsco.publications.tests.factories import SubmittedArticleFactory

BAD_IDS = [
    "abc",
    "-1",
    "0",
    "1e9",
    "1_000",
    " 7",
    "7 ",
    "٣",  # ARABIC-INDIC DIGIT THREE: int() reads it as 3
    "²",  # SUPERSCRIPT TWO: isdigit() says yes, int() refuses it
    "",
    str(MAX_ID + 1),
    "99999999999999999999",
    "9" * 5000,
    None,
    True,
    7.5,
    float(2**63),
    [7],
]


@pytest.mark.parametrize("value", ["1", 1, 1.0, "0042", str(MAX_ID), MAX_ID])
def test_parse_id_takes_whole_numbers_from_1_to_the_largest_key(value):
    assert parse_id(value, field="remove") == int(value)


@pytest.mark.parametrize("value", BAD_IDS, ids=repr)
def test_parse_id_refuses_anything_else_naming_the_field(value):
    with pytest.raises(
        InvalidNumberError, match=f"“remove” must be a whole number from 1 to {MAX_ID}"
    ):
        parse_id(value, field="remove")


def test_a_bad_number_is_a_form_error_and_a_bad_request_alike():
    assert issubclass(InvalidNumberError, ValidationError)
    assert issubclass(InvalidNumberError, BadRequest)


@pytest.mark.parametrize(("value", "taken"), [("1", True), ("9999", True), ("10000", False)])
def test_parse_number_holds_its_bounds(value, taken):
    if taken:
        assert parse_number(value, field="year", low=1, high=9999) == int(value)
    else:
        with pytest.raises(InvalidNumberError, match="“year” must be a whole number from 1"):
            parse_number(value, field="year", low=1, high=9999)


# The API: every id an endpoint takes, in its path or its body, is an `Id`.


def api_id_fields():
    for entry in api_operations():
        for model in entry.input_models():
            for name, _annotation, owner in field_types(model):
                if name == "id" or name.endswith("_id"):
                    yield pytest.param(owner, name, id=f"{entry} {name}")


API_ID_FIELDS = list(api_id_fields())


def test_the_api_takes_ids_in_several_places():
    assert len(API_ID_FIELDS) >= 8


@pytest.mark.parametrize(("model", "name"), API_ID_FIELDS)
def test_every_api_id_is_parsed_by_parse_id(model, name):
    info = model.model_fields[name]
    adapter = pydantic.TypeAdapter(
        info.annotation if not info.metadata else info.rebuild_annotation()
    )
    assert adapter.validate_python("7") == 7
    for bad in ("abc", "-1", "1e9", "99999999999999999999"):
        with pytest.raises(pydantic.ValidationError, match="invalid_id"):
            adapter.validate_python(bad)


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["abc", "-1", "1e9", "99999999999999999999"])
def test_a_bad_id_in_an_api_path_is_a_422_naming_it(client, bad):
    staff = MemberProfileFactory().user
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    response = client.post(f"/api/v1/applications/{bad}/approve")
    assert response.status_code == 422
    [issue] = response.json()["detail"]
    assert issue["loc"] == ["path", "application_id"]


@pytest.mark.django_db
def test_a_bad_id_in_an_api_body_is_a_422_naming_it(client):
    client.force_login(MemberProfileFactory().user)
    response = client.post(
        "/api/v1/network/requests",
        {"profile_id": "1e9", "message": "Hello"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "profile_id"]


# The pages: the editorial form's image to remove, the magazine's year.


@pytest.fixture
def article_with_image(client, db):
    profile = MemberProfileFactory()
    article = SubmittedArticleFactory(submitted_by=profile.user)
    image = ArticleImage.objects.create(article=article, image="magazine/images/map.png")
    client.force_login(profile.user)
    return article, image


@pytest.mark.parametrize("bad", ["abc", "-1", "1e9", "99999999999999999999"])
def test_a_bad_image_id_to_remove_is_a_400_naming_the_field(
    client, settings, article_with_image, bad
):
    settings.DEBUG = False
    article, _image = article_with_image
    response = client.post(
        reverse("publications:images", kwargs={"pk": article.pk}), {"remove": bad}
    )
    assert response.status_code == 400
    assert "“remove” must be a whole number" in response.content.decode()
    assert ArticleImage.objects.count() == 1


def test_a_good_image_id_still_removes_the_image(client, article_with_image):
    article, image = article_with_image
    url = reverse("publications:images", kwargs={"pk": article.pk})
    assert client.post(url, {"remove": str(image.pk)}).status_code == 302
    assert not ArticleImage.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("year", "status"), [("2024", 200), ("²", 400), ("99999999999999999999", 400)]
)
def test_the_magazine_year_is_parsed_not_guessed(client, settings, year, status):
    settings.DEBUG = False
    assert client.get(reverse("publications:magazine"), {"year": year}).status_code == status


# No view reads a number from a request by hand.

RAW_PARSES = re.compile(
    r"int\(\s*(?:self\.)?(?:request\.|data\b|cleaned_data\b)"
    r"|int\(\s*self\.data\b"
    r"|\b(?:pk|id|\w+_id)\s*=\s*(?:self\.)?request\.(?:GET|POST|data)\b"
    r"|\.isdigit\(\)"
)


def test_no_code_parses_a_number_from_a_request_by_hand():
    package = Path(__file__).resolve().parents[2]
    found = [
        f"{path.relative_to(package.parent)}:{number}: {line.strip()}"
        for path in package.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if RAW_PARSES.search(line)
    ]
    assert found == [], "parse ids and numbers with wsco.core.ids.parse_id / parse_number"


@pytest.mark.parametrize(
    "line",
    [
        'year = int(request.GET["year"])',
        "count = int(self.data.get('count'))",
        'image = get_object_or_404(ArticleImage, pk=request.POST["remove"])',
        "profile_id=request.GET.get('profile')",
        "if year.isdigit():",
    ],
)
def test_the_scan_knows_a_raw_parse_when_it_sees_one(line):
    assert RAW_PARSES.search(line)
