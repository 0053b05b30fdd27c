"""The public verification pages, the limit on unknown codes, and the staff's list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from wsco.certificates import kinds
from wsco.certificates.limits import RATES
from wsco.certificates.models import CertificateState
from wsco.certificates.tests.factories import KIND, certificate
from wsco.formats import day_text
from wsco.members.models import Organization
from wsco.members.tests.factories import OrganizationFactory, ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db
UNKNOWN = "0000-0000-0000-0000"
MISSES_PER_MINUTE = int(RATES["unknown_code"].split("/")[0])


def page(client, code: str):
    return client.get(reverse("certificates:verify", kwargs={"code": code}))


def test_a_valid_certificate_s_page_says_what_for_whom_and_until_when(client):
    issued = certificate(holder_name="Oradea", title="Gold level, data year 2025")
    response = page(client, issued.code)
    assert response.status_code == 200
    content = response.content.decode()
    assert "This certificate is genuine and valid" in content
    assert "Oradea" in content
    assert "Gold level, data year 2025" in content
    assert "Mobility" in content
    assert issued.code in content
    assert reverse("certificates:verify_pdf", kwargs={"code": issued.code}) in content
    assert 'name="robots"' not in content


def test_an_expired_certificate_s_page_says_it_expired(client):
    content = page(client, certificate(expired=True).code).content.decode()
    assert "it has expired" in content
    assert "status-expired" in content


def test_a_revoked_certificate_s_page_gives_the_date_and_the_reason_and_is_not_indexed(client):
    content = page(client, certificate(revoked=True).code).content.decode()
    assert "This certificate was revoked on" in content
    assert "Issued in error." in content
    assert '<meta name="robots" content="noindex">' in content


def test_a_replaced_certificate_s_page_links_to_its_replacement(client):
    old = certificate(replaced=True)
    content = page(client, old.code).content.decode()
    assert "was replaced on" in content
    assert old.replaced_by.get_absolute_url() in content


def test_a_code_typed_loosely_leads_to_its_formatted_address(client):
    issued = certificate()
    typed = issued.code.lower().replace("-", "")
    response = page(client, typed)
    assert response.status_code == 301
    assert response["Location"] == issued.get_absolute_url()


def test_an_unknown_code_is_not_found_and_says_no_more(client):
    response = page(client, UNKNOWN)
    assert response.status_code == 404
    assert "No certificate has this code." in response.content.decode()


def test_the_form_opens_the_certificate_of_the_code_typed(client):
    issued = certificate()
    typed = issued.code.lower().replace("-", " ")
    response = client.get(reverse("certificates:verify_form"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == issued.get_absolute_url()


def test_the_form_says_when_no_certificate_has_the_code(client):
    response = client.get(reverse("certificates:verify_form"), {"code": UNKNOWN})
    assert response.status_code == 200
    assert "No certificate has this code." in response.content.decode()


def test_the_form_refuses_what_is_no_code_on_its_field(client):
    response = client.get(reverse("certificates:verify_form"), {"code": "ABC"})
    assert response.status_code == 200
    assert "This is not a certificate code" in response.content.decode()


def test_the_form_is_empty_at_first(client):
    response = client.get(reverse("certificates:verify_form"))
    assert response.status_code == 200
    assert "No certificate has this code." not in response.content.decode()


def test_unknown_codes_are_limited_per_address_and_then_every_lookup_waits(client):
    issued = certificate()
    for _ in range(MISSES_PER_MINUTE):
        assert page(client, UNKNOWN).status_code == 404
    assert page(client, UNKNOWN).status_code == 429
    # Past the limit a real code waits too: the refusal tells a guesser nothing.
    assert page(client, issued.code).status_code == 429
    api = client.get(reverse("api-1.0.0:verify_certificate", kwargs={"code": issued.code}))
    assert api.status_code == 429


def test_known_codes_do_not_count_against_the_limit(client):
    issued = certificate()
    for _ in range(MISSES_PER_MINUTE + 5):
        assert page(client, issued.code).status_code == 200
    assert page(client, UNKNOWN).status_code == 404


def test_the_page_is_in_romanian_with_romanian_dates(client):
    issued = certificate()
    with translation.override("ro"):
        client.cookies["django_language"] = "ro"
        content = page(client, issued.code).content.decode()
        issued_on = day_text(issued.issued_at)
    assert "Acest certificat este autentic și valabil" in content
    assert issued_on in content


# The staff's list -------------------------------------------------------------------------


@pytest.fixture
def staff(client):
    user = UserFactory(is_staff=True)
    client.force_login(user)
    return user


def staff_list(client, **query):
    return client.get(reverse("certificates:staff_certificates"), query)


def test_only_staff_see_the_list(client):
    assert staff_list(client).status_code == 302
    client.force_login(ProfileFactory().user)
    assert staff_list(client).status_code == 403


def test_the_list_says_when_nothing_was_issued(client, staff):
    content = staff_list(client).content.decode()
    assert "No certificate has been issued yet." in content


def test_the_list_filters_by_state_and_kind(client, staff):
    valid, revoked = certificate(holder_name="Brașov"), certificate(revoked=True)
    content = staff_list(client, state=CertificateState.REVOKED).content.decode()
    assert revoked.code in content
    assert valid.code not in content
    content = staff_list(client, kind=KIND).content.decode()
    assert valid.code in content
    assert revoked.code in content


def test_the_list_finds_a_holder_by_name_and_a_certificate_by_its_code(client, staff):
    brasov, iasi = certificate(holder_name="Brașov"), certificate(holder_name="Iași")
    content = staff_list(client, q="brasov").content.decode()
    assert brasov.code in content
    assert iasi.code not in content
    content = staff_list(client, q=iasi.code.lower().replace("-", "")).content.decode()
    assert iasi.code in content
    assert brasov.code not in content


def test_the_list_says_when_no_certificate_matches(client, staff):
    certificate()
    content = staff_list(client, q="nowhere").content.decode()
    assert "No certificate matches these filters." in content


def test_the_list_sorts_by_holder(client, staff):
    certificate(holder_name="Zalău"), certificate(holder_name="Arad")
    content = staff_list(client, sort="holder").content.decode()
    assert content.index("Arad") < content.index("Zalău")
    content = staff_list(client, sort="-holder").content.decode()
    assert content.index("Zalău") < content.index("Arad")


def test_the_list_asks_the_same_queries_for_one_row_and_for_many(client, staff, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request builds the whole page
    certificate(replaced=True)
    with CaptureQueriesContext(connection) as one:
        assert staff_list(client).status_code == 200
    for _ in range(4):
        certificate(replaced=True)
        certificate(revoked=True)
    with CaptureQueriesContext(connection) as many:
        assert staff_list(client).status_code == 200
    assert len(many) == len(one)


def test_staff_revoke_with_a_reason_after_confirming(client, staff):
    issued = certificate()
    response = client.post(
        reverse("certificates:revoke", kwargs={"code": issued.code}),
        {"reason": "The audit was withdrawn.", "next": reverse("certificates:staff_certificates")},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:staff_certificates")
    issued.refresh_from_db()
    assert issued.revocation_reason == "The audit was withdrawn."
    assert issued.revoked_by == staff


def test_a_revocation_without_a_reason_changes_nothing(client, staff):
    issued = certificate()
    client.post(reverse("certificates:revoke", kwargs={"code": issued.code}), {"reason": " "})
    issued.refresh_from_db()
    assert issued.revoked_at is None


def test_staff_do_not_revoke_their_own_certificate(client, staff):
    issued = certificate(held_by=staff)
    response = client.post(
        reverse("certificates:revoke", kwargs={"code": issued.code}),
        {"reason": "Mine."},
        follow=True,
    )
    assert "you are its holder" in response.content.decode()
    issued.refresh_from_db()
    assert issued.revoked_at is None


def test_a_revocation_never_leaves_for_another_site(client, staff):
    issued = certificate()
    response = client.post(
        reverse("certificates:revoke", kwargs={"code": issued.code}),
        {"reason": "Withdrawn.", "next": "https://evil.example/"},
    )
    assert response["Location"] == issued.get_absolute_url()


def test_members_do_not_revoke(client):
    issued = certificate()
    client.force_login(ProfileFactory().user)
    response = client.post(
        reverse("certificates:revoke", kwargs={"code": issued.code}), {"reason": "Because."}
    )
    assert response.status_code == 403
    issued.refresh_from_db()
    assert issued.revoked_at is None


def test_the_page_links_to_the_subject_when_its_kind_says_it_is_public(client, monkeypatch):
    monkeypatch.setattr(kinds, "_kinds", dict(kinds._kinds))
    organization = OrganizationFactory()
    issued = certificate(subject=organization)
    # The test kind has no rule, and an organization says nothing of `is_public`: no link.
    assert organization.get_absolute_url() not in page(client, issued.code).content.decode()
    kinds.register_kind(KIND, "Test award", subject_url=lambda subject: subject.get_absolute_url())
    assert organization.get_absolute_url() in page(client, issued.code).content.decode()
    kinds.register_kind(KIND, "Test award", subject_url=lambda subject: None)
    assert organization.get_absolute_url() not in page(client, issued.code).content.decode()


def test_the_page_links_to_a_subject_that_says_it_is_public(client, monkeypatch):
    organization = OrganizationFactory()
    issued = certificate(subject=organization)
    monkeypatch.setattr(Organization, "is_public", True, raising=False)
    assert organization.get_absolute_url() in page(client, issued.code).content.decode()
