"""The members API: the directory's list of members."""

from ninja import Router

router = Router(tags=["members"])
