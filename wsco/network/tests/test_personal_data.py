"""The network's part of a person's data export, and leaving the index with the account."""

import pytest

from wsco.network import services
from wsco.network.index_file import current_index
from wsco.network.personal_data import erase_network_data, export_network_data
from wsco.network.tests.factories import member

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_persons_network_data_and_others_by_name_only():
    ana, bogdan, carmen = member(), member(), member()
    introduction = services.request_introduction(sender=ana, recipient=bogdan, message="Hi")
    connection = services.accept_introduction(introduction=introduction, by=bogdan)
    services.send_message(connection=connection, sender=ana, body="Hello Bogdan")
    services.send_message(connection=connection, sender=bogdan, body="Hello Ana")
    services.report_member(reporter=ana, reported=carmen, reason="spam", details="Ads", block=True)

    data = export_network_data(ana.user)

    assert [
        (item["with"], item["asked_by_you"], item["status"]) for item in data["introductions"]
    ] == [(bogdan.name, True, "accepted")]
    assert [item["with"] for item in data["connections"]] == [bogdan.name]
    assert [item["body"] for item in data["messages_sent"]] == ["Hello Bogdan"]
    assert [item["name"] for item in data["blocked"]] == [carmen.name]
    assert [item["details"] for item in data["reports_made"]] == ["Ads"]
    assert bogdan.user.email not in str(data)


def test_a_deleted_account_leaves_the_index(django_capture_on_commit_callbacks):
    ana = member(interests=["water"])
    member(interests=["water"])
    services.rebuild_index()
    user, profile_id = ana.user, ana.pk
    with django_capture_on_commit_callbacks(execute=True):
        erase_network_data(user)
        user.delete()
    index = current_index()
    assert not index.alive[index.row_of[profile_id]]


def test_the_account_data_download_includes_the_network():
    from wsco.accounts.personal_data import delete_account, export_personal_data
    from wsco.network.models import Message

    ana, bogdan = member(), member()
    introduction = services.request_introduction(sender=ana, recipient=bogdan, message="Hi")
    connection = services.accept_introduction(introduction=introduction, by=bogdan)
    services.send_message(connection=connection, sender=ana, body="Hello Bogdan")

    exported = export_personal_data(user=ana.user)
    assert [item["with"] for item in exported["network"]["connections"]] == [bogdan.name]

    delete_account(user=ana.user)
    assert not Message.objects.filter(body="Hello Bogdan").exists()
