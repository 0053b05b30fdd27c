"""What the every-field XSS sweep needs from the core app (see xss_sweep.py)."""

from wsco.core.models import Theme

# The themes come with the database (a migration writes the 19 of ISO 37120).
BUILDERS = {Theme: lambda world: Theme.objects.get(slug="water")}
NOT_PAGES = {
    "core:health": "the health check's JSON, which holds no text people write",
    "api-1.0.0:api-root": "the API's root, which has no page (404)",
    "api-1.0.0:openapi-view": "the API's documentation page, made from the schema alone",
    # Stored files are the upload module's (wsco/core/files.py) and its corpus tests'.
    "core:file": "a stored file, served as the type its content was checked to be",
    "core:old_media_url": "a redirect to the stored file's address",
}
URL_KWARGS = {
    "core:theme": lambda world: {"slug": "water"},
    "api-1.0.0:get_theme": lambda world: {"slug": "water"},
}
