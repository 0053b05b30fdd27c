"""Keep what a person's pages show of their roles until their roles change.

The roles staff grant a person (`RoleGrant`) are a data set of the page cache per person
(`roles_data_set`, `wsco.core.page_cache`): a home page panel that shows more to an editor,
say, names it. Every save and delete of a grant marks its person's data set (signals, also
for the deletes of an erased account); nothing writes grants with `update()` or in bulk.
A person's other roles come from their membership and `User.is_staff`, which the pages that
keep such panels put in their keys or data sets themselves.
"""

from django.db.models.signals import post_delete, post_save

from wsco.core.page_cache import mark_changed


def roles_data_set(user_id: int) -> str:
    """Return the name of the data set of the roles granted to `user_id`."""
    return f"roles:{user_id}"


def _grant_written(sender, instance, **_signal_arguments) -> None:
    mark_changed(roles_data_set(instance.user_id))


def connect() -> None:
    """Mark a person's roles changed on every save and delete of one of their grants."""
    from wsco.accounts.models import RoleGrant

    post_save.connect(_grant_written, sender=RoleGrant, dispatch_uid="accounts-roles")
    post_delete.connect(_grant_written, sender=RoleGrant, dispatch_uid="accounts-roles")
