"""A kind of notification of the tests' own, registered only while a test runs."""

import pytest
from django.utils.translation import gettext as _

from wsco.notifications import kinds

KIND = "tests.greeting"


@pytest.fixture
def greeting_kind():
    """Register a kind with an email channel (the members' templates' simplest email)."""
    kind = kinds.Kind(
        name=KIND,
        label="A greeting",
        title=lambda params: _("%(name)s would like to meet you") % params,
        link=lambda params: f"/members/{params['id']}/",
        email_template="notifications/email/notification",
        email_default=True,
    )
    kinds.register_kind(kind)
    yield kind
    kinds._kinds.pop(KIND, None)
