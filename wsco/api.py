"""The platform's API: every app's router, mounted under /api/v1/."""

from ninja import NinjaAPI

from wsco.accounts.api import router as accounts_router
from wsco.accounts.auth import required_auth
from wsco.members.api import router as members_router
from wsco.network.api import router as network_router
from wsco.publications.api import router as publications_router

api = NinjaAPI(
    title="WSCO API",
    version="1.0.0",
    description=(
        "The World's Smart Cities Organization platform. Scripts authenticate with a personal "
        "token (`Authorization: Bearer <token>`, created on the API tokens page); the browser "
        "uses its session."
    ),
    urls_namespace="api-1.0.0",
    auth=required_auth,
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("/v1/accounts/", accounts_router)
api.add_router("/v1/", members_router)
api.add_router("/v1/publications/", publications_router)
api.add_router("/v1/network/", network_router)
