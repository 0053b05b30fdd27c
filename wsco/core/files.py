"""Serve stored files only to the people the owning app allows, with the type their bytes say.

Every `UploadField` keeps its files in a folder of its own (its `upload_to`), and a file's URL is
`MEDIA_URL` followed by its stored name: `/files/magazine/images/<random>.jpg`. The view
`wsco.core.views.serve_file` finds the field by the folder, the row by the name (an indexed
column), and asks the readers the owning app registered with `register_reader` whether the
person may have it; no reader, no file (a 404, as for a file that does not exist).

The same URL serves a draft's files to the people working on it and, once the thing is
published, to everyone: nothing moves on publication, and taking a post back to draft makes its
cover private again at once. What anyone may read is cached by browsers and proxies for a day
(`FILES_PUBLIC_MAX_AGE`); what needs a sign-in is `private, no-cache`: the browser asks again each
time and gets a 304 when the person still may read it.
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control

from wsco.core.uploads import EVIDENCE, IMAGE, PDF, XLSX_TYPE, UploadField, sniff

Reader = Callable[[Any, models.Model], bool]

_readers: dict[tuple[str, str], list[Reader]] = {}

SERVED_TYPES = {
    IMAGE: {
        "jpg": "image/jpeg",
        "png": "image/png",
        "gif": "image/gif",
        "webp": "image/webp",
    },
    PDF: {"pdf": "application/pdf"},
}
# Evidence is any of those, or a workbook; a CSV table has no signature and goes out as an
# attachment of no particular type, like a workbook: neither is ever shown in the browser.
SERVED_TYPES[EVIDENCE] = SERVED_TYPES[IMAGE] | SERVED_TYPES[PDF] | {"xlsx": XLSX_TYPE}
SHOWN_TYPES = set(SERVED_TYPES[IMAGE].values()) | set(SERVED_TYPES[PDF].values())
# A picture needs nothing else from the page; if a stored file were ever taken for a document,
# it could run nothing.
IMAGE_POLICY = "default-src 'none'; sandbox"


def register_reader(model: type[models.Model], field_name: str, reader: Reader) -> None:
    """Let the people for whom `reader(user, instance)` is true download `model.field_name`.

    Several readers of one field are alternatives: one that says yes is enough.
    """
    field = model._meta.get_field(field_name)
    if not isinstance(field, UploadField):
        raise TypeError(f"{model.__name__}.{field_name} is not an UploadField.")
    _readers.setdefault((model._meta.label, field_name), []).append(reader)


def readers_of(field: UploadField) -> list[Reader]:
    """Return the readers registered for `field` (empty: nobody may download its files)."""
    return list(_readers.get((field.model._meta.label, field.name), []))


def upload_fields() -> list[UploadField]:
    """Return every file field of every installed model."""
    return [
        field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]


def field_for(name: str) -> UploadField | None:
    """Return the upload field whose folder holds the stored file `name`."""
    folder = name.rpartition("/")[0]
    for field in upload_fields():
        if isinstance(field, UploadField) and field.folder == folder:
            return field
    return None


def find_owner(name: str) -> tuple[UploadField, models.Model] | None:
    """Return the field and the row that hold the stored file `name`, if any."""
    field = field_for(name)
    if field is None or not name:
        return None
    instance = field.model._default_manager.filter(**{field.name: name}).first()
    return None if instance is None else (field, instance)


def may_read(user, field: UploadField, instance: models.Model) -> bool:
    """Say whether `user` may download the file of `instance` in `field`."""
    return any(reader(user, instance) for reader in readers_of(field))


def file_response(
    request: HttpRequest, *, field: UploadField, instance: models.Model, filename: str = ""
) -> HttpResponse:
    """Return the response that sends the file of `instance` in `field` to `request.user`.

    Call it only once `may_read` said yes. The content type comes from the file's first bytes;
    a file whose bytes are not of the field's kind (stored before the checks existed) is sent
    as an attachment of no particular type, never shown.
    """
    stored = getattr(instance, field.name)
    etag = '"' + hashlib.sha256(stored.name.encode()).hexdigest()[:32] + '"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        response = _send(stored, field=field, filename=filename)
    response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    if may_read(AnonymousUser(), field, instance):
        patch_cache_control(response, public=True, max_age=settings.FILES_PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    return response


def _send(stored, *, field: UploadField, filename: str) -> HttpResponse:
    handle = stored.open("rb")
    head = handle.read(16)
    handle.seek(0)
    content_type = SERVED_TYPES[field.kind.accepts].get(sniff(head) or "")
    shown = content_type in SHOWN_TYPES
    filename = filename or stored.name.rpartition("/")[2]
    if settings.FILES_X_ACCEL_REDIRECT:
        # The front server sends the bytes (nginx's internal location over MEDIA_ROOT), so a
        # slow reader does not hold a worker; the headers set here still go out.
        handle.close()
        response = HttpResponse(content_type=content_type or "application/octet-stream")
        response["X-Accel-Redirect"] = settings.FILES_X_ACCEL_REDIRECT + stored.name
        response["Content-Disposition"] = (
            f'{"inline" if shown else "attachment"}; filename="{filename}"'
        )
    else:
        response = FileResponse(
            handle,
            content_type=content_type or "application/octet-stream",
            as_attachment=not shown,
            filename=filename,
        )
    if content_type != "application/pdf":
        response["Content-Security-Policy"] = IMAGE_POLICY
    return response
