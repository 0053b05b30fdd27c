"""Keep the directory's cached pages true: every write to what they show changes its token.

The members' directory, the organizations' list and their API answers are cached per
audience (`wsco.core.page_cache`); they show profiles, organizations, themes and who is a
current member. Saves and deletes of those rows reach `directory_changed` through signals;
the services that write with `update()` (which sends none) call it themselves.

A deploy changes the pages too (templates, hashed names of static files): it runs `migrate`,
whose end marks the directory changed as well.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from wsco.core.page_cache import mark_changed

DIRECTORY = "members:directory"


def directory_changed(**signal_arguments) -> None:
    """Mark the directory's data changed (also a receiver for save, delete and m2m signals)."""
    if signal_arguments.get("action", "post_").startswith("post_"):
        mark_changed(DIRECTORY)


def connect() -> None:
    """Connect `directory_changed` to the signals of every model the directory shows."""
    from wsco.members.models import Membership, Organization, Profile, Seat

    for model in (Profile, Organization, Membership, Seat):
        post_save.connect(directory_changed, sender=model, dispatch_uid=f"directory-{model}")
        post_delete.connect(directory_changed, sender=model, dispatch_uid=f"directory-{model}")
    for relation in (
        Profile.themes_of_interest,
        Profile.themes_of_expertise,
        Organization.themes,
    ):
        m2m_changed.connect(
            directory_changed, sender=relation.through, dispatch_uid=f"directory-{relation.field}"
        )
    post_migrate.connect(
        directory_changed, sender=apps.get_app_config("members"), dispatch_uid="directory-deploy"
    )
