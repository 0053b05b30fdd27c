"""Open data under CC BY 4.0: every published value as CSV and JSON, and its data package.

Only published audits' values are here (`public.published_values`); the files are built once
and served from the page cache until the next publication (data set "audits").
"""

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wsco.audits.engine.catalogue import load_catalogue
from wsco.audits.public import published_values
from wsco.audits.services.benchmarks import AUDITS
from wsco.core.page_cache import cached_response
from wsco.core.spreadsheets import stream_csv

LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
# The columns of the values, in order, with their Frictionless types and descriptions.
FIELDS = [
    ("city", "string", gettext_lazy("The city's name.")),
    (
        "city_slug",
        "string",
        gettext_lazy("The city's key on the platform (its page is /cities/<slug>/)."),
    ),
    ("country", "string", gettext_lazy("The city's country, as an ISO 3166-1 alpha-2 code.")),
    ("year", "integer", gettext_lazy("The data year the audit covers.")),
    ("editions", "string", gettext_lazy("The ISO editions the audit covers, separated by commas.")),
    ("version", "integer", gettext_lazy("The audit's version (a correction publishes a new one).")),
    (
        "indicator",
        "string",
        gettext_lazy("The indicator's key: edition and number (ISO37120:2018/5.1)."),
    ),
    ("indicator_name", "string", gettext_lazy("The indicator's name in the standard.")),
    ("theme", "string", gettext_lazy("The platform's theme of the indicator.")),
    (
        "value",
        "number",
        gettext_lazy("The indicator's value, empty when it could not be computed."),
    ),
    ("unit", "string", gettext_lazy("The indicator's unit.")),
    ("status", "string", gettext_lazy("The validation's status: ok, warning, missing or invalid.")),
]
HEADER = [name for name, _type, _description in FIELDS]


def value_rows():
    """Yield each published value as a row of `FIELDS`, in a stable order."""
    catalogue = load_catalogue().indicators
    for result in published_values().iterator(chunk_size=2000):
        audit, indicator = result.audit, catalogue.get(result.indicator)
        yield [
            audit.city.name,
            audit.city.slug,
            str(audit.city.country),
            audit.year,
            audit.editions,
            audit.version,
            result.indicator,
            indicator.name if indicator else "",
            result.theme,
            result.value,
            indicator.unit if indicator else "",
            result.outcome,
        ]


def data(request: HttpRequest) -> HttpResponse:
    """The open data's page: what it holds, its licence, and where to get it."""
    count = published_values().count()
    return render(request, "audits/data.html", {"count": count, "fields": FIELDS})


def values_csv(request: HttpRequest) -> HttpResponse:
    """Every published value as CSV (text neutralised against spreadsheet formulas)."""

    def build(_extra_context: dict) -> HttpResponse:
        body = "".join(stream_csv([HEADER, *value_rows()]))
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="wsco-audit-values.csv"'
        return response

    return cached_response(request, data_set=AUDITS, variant="public", render=build)


def values_json(request: HttpRequest) -> HttpResponse:
    """Every published value as JSON: a list of objects with the CSV's columns."""

    def build(_extra_context: dict) -> HttpResponse:
        rows = [dict(zip(HEADER, row, strict=True)) for row in value_rows()]
        return JsonResponse(
            {"license": LICENSE["name"], "values": rows}, json_dumps_params={"ensure_ascii": False}
        )

    return cached_response(request, data_set=AUDITS, variant="public", render=build)


def datapackage(request: HttpRequest) -> HttpResponse:
    """The Frictionless data package descriptor of the open data."""
    base = request.build_absolute_uri("/").rstrip("/")
    descriptor = {
        "name": "wsco-smart-city-audits",
        "title": _("WSCO Smart City Audits: published indicator values"),
        "description": _(
            "Every value of every published Smart City Audit: city, data year, ISO edition, "
            "indicator, theme, value, unit and the validation's status."
        ),
        "homepage": base + reverse("audits:data"),
        "licenses": [LICENSE],
        "resources": [
            {
                "name": "values",
                "path": base + reverse("audits:values_csv"),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {"name": name, "type": kind, "description": str(description)}
                        for name, kind, description in FIELDS
                    ],
                },
            }
        ],
    }
    return HttpResponse(
        json.dumps(descriptor, ensure_ascii=False, indent=2), content_type="application/json"
    )
