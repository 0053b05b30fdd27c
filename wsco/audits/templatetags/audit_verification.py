"""Template tags for the audit's page: the work its reader may do on it, a version's changes."""

from django import template

from wsco.audits.access import is_auditor, works_on_audit
from wsco.audits.queries import changes_since_previous
from wsco.audits.services.verification import may_correct

register = template.Library()


@register.simple_tag(takes_context=True)
def audit_work(context, audit) -> dict:
    """Return the audit's work pages and actions the page's reader is offered."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    working = works_on_audit(user, audit)
    return {
        "team": user.is_staff,
        "verification": user.is_staff or is_auditor(user, audit),
        "queries": working,
        "correct": audit.is_published and may_correct(user, audit),
    }


@register.simple_tag
def audit_changes(audit) -> list:
    """Return what the audit changes against the version it corrects (`changes_since_previous`)."""
    return changes_since_previous(audit)
