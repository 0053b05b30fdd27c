"""Every date and date-time field of the platform keeps its value in English and in Romanian."""

import copy
import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.conf import settings
from django.utils import translation

from wsco.core.forms import CleanTextMixin, IsoDateInput, IsoDateTimeInput
from wsco.core.tests.test_text import platform_forms

LANGUAGES = [code for code, _name in settings.LANGUAGES]
DAY = datetime.date(2026, 12, 6)
MOMENT = datetime.datetime(2026, 12, 6, 16, 34, tzinfo=ZoneInfo(settings.TIME_ZONE))


def platform_date_fields() -> list[tuple[str, str, forms.Field]]:
    """Return (form, field name, field) for every date or date-time field a form declares."""
    return [
        (form_class.__name__, name, field)
        for form_class in platform_forms()
        for name, field in getattr(form_class, "base_fields", {}).items()
        if isinstance(field, forms.DateField | forms.DateTimeField)
    ]


def probe_form(name: str, field: forms.Field) -> type[forms.Form]:
    """Return a form holding only `field`, built the way every platform form is (CleanTextMixin)."""
    return type("Probe", (CleanTextMixin, forms.Form), {name: copy.deepcopy(field)})


def rendered_value(html: str) -> str:
    return re.search(r'value="([^"]*)"', html).group(1)


def test_the_walk_finds_the_platform_date_fields():
    found = {(form, name) for form, name, _field in platform_date_fields()}
    assert {
        ("IssueForm", "date"),
        ("AssignReviewerForm", "due_on"),
        ("PaymentForm", "paid_on"),
    } <= (found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_date_field_round_trips_its_value(language):
    for form_name, name, field in platform_date_fields():
        is_moment = isinstance(field, forms.DateTimeField)
        value = MOMENT if is_moment else DAY
        with translation.override(language):
            html = probe_form(name, field)(initial={name: value})[name].as_widget()
            # What the browser's picker needs, whatever the language: ISO, never "06.12.2026".
            expected_type, expected_value = (
                ("datetime-local", "2026-12-06T16:34") if is_moment else ("date", "2026-12-06")
            )
            assert f'type="{expected_type}"' in html, f"{form_name}.{name}: {html}"
            assert rendered_value(html) == expected_value, f"{form_name}.{name}: {html}"
            # What the browser sends back is the same value.
            bound = probe_form(name, field)(data={name: rendered_value(html)})
            assert bound.is_valid(), f"{form_name}.{name}: {bound.errors}"
            assert bound.cleaned_data[name] == value, f"{form_name}.{name}"


@pytest.mark.parametrize(
    ("language", "typed"), [("en", "06/12/2026"), ("ro", "06.12.2026"), ("ro", "2026-12-06")]
)
def test_a_date_typed_in_the_language_s_own_format_is_read(language, typed):
    with translation.override(language):
        form = probe_form("day", forms.DateField())(data={"day": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == DAY


def test_a_date_in_another_language_s_format_is_refused_with_the_field_named():
    with translation.override("ro"):
        form = probe_form("day", forms.DateField())(data={"day": "12/06/2026"})
        assert not form.is_valid()
    assert list(form.errors) == ["day"]


def test_the_picker_keeps_the_attributes_a_form_gives_it():
    field = forms.DateField(widget=forms.DateInput(attrs={"min": "2026-01-01", "type": "text"}))
    widget = probe_form("day", field)()["day"].field.widget
    assert type(widget) is IsoDateInput
    assert widget.attrs == {"min": "2026-01-01"}
    moment_widget = probe_form("at", forms.DateTimeField(required=False))()["at"].field.widget
    assert type(moment_widget) is IsoDateTimeInput
    assert moment_widget.is_required is False


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "shown"), [("en", "01/03/2017"), ("ro", "01.03.2017")])
def test_the_admin_s_calendar_field_writes_and_reads_the_language_s_format(
    admin_client, language, shown
):
    from wsco.publications.tests.factories import IssueFactory

    issue = IssueFactory(published_at=None, title="Before")  # dated 1 March 2017
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    url = f"/admin/publications/issue/{issue.pk}/change/"
    html = admin_client.get(url).content.decode()
    assert re.search(rf'name="date" value="{re.escape(shown)}"', html)
    # The text the admin showed is read back as the same day.
    form = admin_client.get(url).context["adminform"].form
    with translation.override(language):
        assert form.fields["date"].clean(shown) == datetime.date(2017, 3, 1)
