"""A person's certificates in their data, and what deleting the account leaves of them."""

import pytest

from wsco.accounts.personal_data import delete_account, export_personal_data
from wsco.certificates.models import Certificate
from wsco.certificates.tests.factories import certificate
from wsco.members.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_export_lists_the_certificates_a_person_holds():
    holder = UserFactory()
    held = certificate(held_by=holder, holder_name="Ana Pop")
    certificate(holder_name="Someone else")
    exported = export_personal_data(user=holder)["certificates"]["certificates"]
    assert [entry["code"] for entry in exported] == [held.code]
    assert exported[0]["holder_name"] == "Ana Pop"
    assert exported[0]["state"] == "valid"


def test_deleting_the_account_keeps_the_certificate_without_the_person():
    holder = UserFactory()
    held = certificate(held_by=holder, holder_name="Ana Pop")
    delete_account(user=holder)
    held.refresh_from_db()
    assert held.holder_user is None
    assert held.holder_name == "Ana Pop"
    assert Certificate.objects.filter(pk=held.pk).exists()
