"""The certificate's PDF: its text, its QR code, its marks once it no longer holds, its cache."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from wsco.certificates import pdf
from wsco.certificates.services import revoke_certificate
from wsco.certificates.tests.factories import certificate
from wsco.core.pdf import documents
from wsco.members.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_prints_the_holder_the_title_the_dates_and_the_code(settings):
    settings.SITE_URL = "https://wsco.example"
    issued = certificate(holder_name="Timișoara", title="Smart City Audit, Gold level, 2025")
    content = pdf.certificate_pdf(issued)
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # A4 landscape
    text = pdf_text(content)
    assert "Timișoara" in text
    assert "Smart City Audit, Gold level, 2025" in text
    assert issued.code in text
    # The address wraps after its last slash on the page.
    assert f"https://wsco.example/verify/\n{issued.code}/" in text
    assert "Category" in text
    assert "Mobility" in text
    assert "REVOKED" not in text


def test_the_qr_code_is_an_svg_of_the_verification_address():
    svg = pdf.qr_svg("https://wsco.example/verify/7KQ2-M9XD-4RTB-HC3N/")
    assert svg.startswith("<svg")
    assert "<path" in svg


def test_a_revoked_certificate_s_pdf_says_so_with_the_reason():
    issued = certificate(revoked=True)
    text = pdf_text(pdf.certificate_pdf(issued))
    assert "REVOKED" in text
    assert "Issued in error." in text


def test_a_replaced_certificate_s_pdf_names_its_replacement():
    issued = certificate(replaced=True)
    text = pdf_text(pdf.certificate_pdf(issued))
    assert "REPLACED" in text
    assert issued.replaced_by.code in text


def test_the_pdf_is_in_the_reader_s_language():
    issued = certificate()
    with translation.override("ro"):
        text = pdf_text(pdf.certificate_pdf(issued))
    assert "Certificat" in text


def test_the_page_serves_the_pdf_and_never_the_valid_one_after_a_revocation(client):
    issued = certificate()
    url = reverse("certificates:verify_pdf", kwargs={"code": issued.code})
    first = client.get(url)
    assert first.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    assert "REVOKED" not in pdf_text(first.content)
    # Served again from the cache, unchanged.
    assert client.get(url).content == first.content

    revoke_certificate(certificate=issued, by=UserFactory(is_staff=True), reason="Fraud.")
    after = client.get(url)
    assert "REVOKED" in pdf_text(after.content)
    assert "Fraud." in pdf_text(after.content)


def test_the_pdf_of_an_unknown_code_is_not_found(client):
    response = client.get(reverse("certificates:verify_pdf", kwargs={"code": "0000000000000000"}))
    assert response.status_code == 404


def test_the_certificate_is_a_registered_document_with_a_sample():
    names = {document.name for document in documents()}
    assert pdf.CERTIFICATE_DOCUMENT in names
    text = pdf_text(pdf.sample_certificate("A *sample* holder"))
    assert "REVOKED" in text
    assert "7KQ2-M9XD-4RTB-HC3N" in text
