"""Background tasks of the network: thin wrappers that take ids and call the services."""

from django.db import transaction
from django_tasks import task

from wsco.network import services


@task()
def refresh_member_vector(*, profile_id: int) -> None:
    """Update one member's place in the matching index and their suggestions."""
    services.refresh_member_vector(profile_id=profile_id)


@task()
def refresh_member_suggestions(*, profile_id: int) -> None:
    """Compute one member's suggestions again (after they set some aside), from the index."""
    services.refresh_suggestions(profile_ids=[profile_id])


@task()
def rebuild_index() -> None:
    """Build the whole matching index again and everybody's suggestions."""
    services.rebuild_index()


def queue_vector_refresh(*, profile_id: int) -> None:
    """Queue `refresh_member_vector` for when the current transaction commits.

    For whatever changes what the network knows of a member: their profile, themes, consent or
    visibility, or their membership starting or ending.
    """
    transaction.on_commit(lambda: refresh_member_vector.enqueue(profile_id=profile_id))
