"""The platform's API: every app's router, mounted under /api/v1/."""

import copy
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger

from wsco.accounts.api import router as accounts_router
from wsco.accounts.auth import required_auth
from wsco.audits.api import router as audits_router
from wsco.awards.api import router as awards_router
from wsco.certificates.api import router as certificates_router
from wsco.core.api import router as search_router
from wsco.core.api_errors import document_errors, install_error_handlers
from wsco.core.themes_api import router as themes_router
from wsco.courses.api import router as courses_router
from wsco.events.api import router as events_router
from wsco.groups.api import router as groups_router
from wsco.members.api import router as members_router
from wsco.network.api import router as network_router
from wsco.notifications.api import router as notifications_router
from wsco.projects.api import router as projects_router
from wsco.publications.api import router as publications_router
from wsco.standards.api import router as standards_router


class PlatformAPI(NinjaAPI):
    """The API, whose OpenAPI document also describes the errors every operation may answer.

    The document is built once per process, root path and language (a third of a second each
    time otherwise): the operations are fixed once the routers are mounted.
    """

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        key = (path_prefix, get_language())
        if key not in self._documents:
            self._documents[key] = document_errors(
                super().get_openapi_schema(path_prefix=path_prefix)
            )
        return copy.deepcopy(self._documents[key])

    @cached_property
    def _documents(self) -> dict:
        return {}


api = PlatformAPI(
    title="WSCO API",
    version="1.0.0",
    description=(
        "The World's Smart Cities Organization platform. Scripts authenticate with a personal "
        "token (`Authorization: Bearer <token>`, created on the API tokens page); the browser "
        'uses its session. Every error is JSON: `{"detail": ...}`, a message or, for refused '
        "input (422), one entry per refused value naming where it was."
    ),
    urls_namespace="api-1.0.0",
    auth=required_auth,
    docs_url="/docs",
    # Without deep links, an operation's summary holds no link inside its button (axe).
    docs=Swagger(settings={"deepLinking": False}),
    openapi_url="/openapi.json",
)
install_error_handlers(api)
api.add_router("/v1/accounts/", accounts_router)
api.add_router("/v1/", members_router)
api.add_router("/v1/publications/", publications_router)
api.add_router("/v1/network/", network_router)
api.add_router("/v1/", search_router)
api.add_router("/v1/", notifications_router)
api.add_router("/v1/", themes_router)
api.add_router("/v1/", certificates_router)
api.add_router("/v1/", audits_router)
api.add_router("/v1/", groups_router)
api.add_router("/v1/", standards_router)
api.add_router("/v1/", courses_router)
api.add_router("/v1/", events_router)
api.add_router("/v1/", projects_router)
api.add_router("/v1/", awards_router)


@api.exception_handler(PermissionDenied)
def refused(request, error: PermissionDenied):
    """Answer a refusal as JSON with its reason (being party to a case, say), not an HTML page."""
    return api.create_response(
        request, {"detail": str(error) or _("You may not do this.")}, status=403
    )
