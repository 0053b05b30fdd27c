"""Error reporting to Sentry, started by the settings when `SENTRY_DSN` is set.

Nothing here is imported, and no Sentry code runs, without a DSN. With one, Django's
integration reports unhandled exceptions and error-level log records, with no personal data:
no user, no IP address, no cookies, no request bodies (form fields hold names, bios and
passwords) and no local variables of the frames. Performance tracing is off unless
`SENTRY_TRACES_SAMPLE_RATE` is above 0.
"""

from importlib.metadata import version

from django.core.exceptions import ImproperlyConfigured


def _without_keys(event: dict, hint: dict) -> dict:
    """Blank out the one-time keys of email links in the event's URL, as the logs do."""
    from wsco.core.structured_logs import loggable

    request = event.get("request") or {}
    if isinstance(request.get("url"), str):
        request["url"] = loggable(request["url"])
    return event


def start_error_reporting(
    *, dsn: str, environment: str, release: str, traces_sample_rate: float
) -> None:
    """Start the Sentry client with the Django integration; `release` defaults to the version."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.utils import BadDsn

    if not 0 <= traces_sample_rate <= 1:
        raise ImproperlyConfigured(
            f"SENTRY_TRACES_SAMPLE_RATE={traces_sample_rate}: use a share from 0 to 1."
        )
    try:
        sentry_sdk.init(
            dsn=dsn,
            integrations=[DjangoIntegration()],
            environment=environment,
            release=release or f"wsco@{version('wsco')}",
            send_default_pii=False,
            max_request_body_size="never",
            # A frame's local variables hold profiles, forms and emails as often as not.
            include_local_variables=False,
            traces_sample_rate=traces_sample_rate,
            before_send=_without_keys,
        )
    except BadDsn:
        # The DSN holds a key: the message does not repeat it.
        raise ImproperlyConfigured("SENTRY_DSN is not a Sentry DSN.") from None
