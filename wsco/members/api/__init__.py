"""The members API: the directory (`directory`) and memberships (`memberships`)."""

from ninja import Router

from wsco.members.api.directory import router as directory_router
from wsco.members.api.memberships import router as memberships_router

router = Router()
router.add_router("", directory_router)
router.add_router("", memberships_router)
