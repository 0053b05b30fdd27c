"""The memberships API."""

from ninja import Router

router = Router(tags=["memberships"])
