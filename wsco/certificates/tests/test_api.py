"""The public verification of a certificate through the API."""

import pytest
from django.urls import reverse

from wsco.certificates.tests.factories import certificate

pytestmark = pytest.mark.django_db


def verify(client, code: str):
    return client.get(reverse("api-1.0.0:verify_certificate", kwargs={"code": code}))


def test_anyone_verifies_a_certificate_by_its_code(client, settings):
    settings.SITE_URL = "https://wsco.example"
    issued = certificate(holder_name="Iași", title="Gold level, data year 2025")
    response = verify(client, issued.code.lower())
    assert response.status_code == 200
    data = response.json()
    assert data["code"] == issued.code
    assert data["holder_name"] == "Iași"
    assert data["title"] == "Gold level, data year 2025"
    assert data["state"] == "valid"
    assert data["details"] == [
        {"label": "Category", "value": "Mobility"},
        {"label": "Edition", "value": "2026"},
    ]
    assert data["valid_until"] == issued.valid_until.isoformat()
    assert data["url"] == f"https://wsco.example/verify/{issued.code}/"
    assert data["pdf_url"] == f"https://wsco.example/verify/{issued.code}/pdf/"
    assert data["revoked_at"] is None


def test_a_revoked_certificate_answers_its_revocation(client):
    data = verify(client, certificate(revoked=True).code).json()
    assert data["state"] == "revoked"
    assert data["revocation_reason"] == "Issued in error."
    assert data["revoked_at"] is not None


def test_a_replaced_certificate_names_its_replacement(client):
    old = certificate(replaced=True)
    data = verify(client, old.code).json()
    assert data["state"] == "replaced"
    assert data["replaced_by"] == old.replaced_by.code


def test_an_unknown_code_is_a_json_404(client):
    response = verify(client, "0000-0000-0000-0000")
    assert response.status_code == 404
    assert response.json() == {"detail": "No certificate has this code."}
