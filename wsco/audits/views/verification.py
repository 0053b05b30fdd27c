"""Pages of an audit's verification: its team, the auditors' review, the city's answers, and
the steps that take the audit to verified, published, withdrawn or corrected."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsco.accounts.models import User
from wsco.audits.access import (
    get_audit_for_staff,
    get_audit_for_team,
    get_audit_for_verification,
)
from wsco.audits.forms import (
    STATEMENT,
    AddAuditorForm,
    AnswerForm,
    CommentForm,
    QuestionForm,
    ReasonForm,
    RequiredCommentForm,
    SignatureForm,
)
from wsco.audits.models import (
    AUDIT_WORKFLOW,
    BEFORE_PUBLICATION,
    AuditStatus,
    Query,
    QueryEvent,
    QueryStatus,
    ReportedValue,
    TeamRole,
)
from wsco.audits.public import flagged_indicators
from wsco.audits.queries import VALUE_MODELS, query_counts, values_under_verification
from wsco.audits.services import verification as services
from wsco.audits.services.results import compute_audit


def _refused(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _form_refused(request: HttpRequest, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))


def _steps(user, audit) -> dict:
    """Return which steps of the audit `user` is offered on these pages."""
    auditor = services.is_audit_auditor(user, audit)
    return {
        "start_verification": auditor and AUDIT_WORKFLOW.allows(audit, "start_verification"),
        "reopen": (auditor or user.is_staff) and AUDIT_WORKFLOW.allows(audit, "reopen"),
        "publish": user.is_staff and AUDIT_WORKFLOW.allows(audit, "publish"),
        "withdraw": services.may_withdraw(user, audit) and AUDIT_WORKFLOW.allows(audit, "withdraw"),
        "correct": services.may_correct(user, audit) and audit.is_published,
    }


# The team --------------------------------------------------------------------------------


@login_required
def team(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff put auditors on an audit and take them off; the city's officials are listed."""
    audit = get_audit_for_staff(request.user, pk)
    form = AddAuditorForm(request.POST or None, audit=audit)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            chosen = form.cleaned_data["user"]
            try:
                services.add_auditor(audit=audit, user=chosen, by=request.user)
            except ValidationError as error:
                form.add_error("user", ValidationError(error.messages))
            else:
                messages.success(request, _("The auditor is on the audit's team."))
                return redirect("audits:team", pk=audit.pk)
        status = 400
    members = audit.team.select_related("user__profile")
    official_ids = audit.official_ids()
    context = {
        "audit": audit,
        "form": form,
        "auditors": [member for member in members if member.role == TeamRole.AUDITOR],
        "officials": User.objects.filter(pk__in=official_ids)
        .select_related("profile")
        .order_by("email"),
        "editable": audit.status in BEFORE_PUBLICATION,
    }
    return render(request, "audits/verification/team.html", context, status=status)


@login_required
@require_POST
def remove_auditor(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    audit = get_audit_for_staff(request.user, pk)
    member = audit.team.filter(user_id=user_id, role=TeamRole.AUDITOR).first()
    if member is None:
        raise Http404
    try:
        services.remove_auditor(audit=audit, user=member.user, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The auditor is no longer on the audit's team."))
    return redirect("audits:team", pk=audit.pk)


# The auditors' review --------------------------------------------------------------------


@login_required
def verification(request: HttpRequest, pk: int) -> HttpResponse:
    """Each value with its evidence, source, comment and the engine's findings; the auditors
    accept it or raise a query, and sign once every query is settled (staff: read only)."""
    audit = get_audit_for_verification(request.user, pk)
    auditor = services.is_audit_auditor(request.user, audit)
    in_verification = audit.status == AuditStatus.VERIFICATION
    counts = query_counts(audit)
    signatures = list(audit.signatures.select_related("auditor__profile"))
    signed = any(signature.auditor_id == request.user.pk for signature in signatures)
    context = {
        "audit": audit,
        "values": values_under_verification(audit, compute_audit(audit)),
        "flagged": flagged_indicators(audit),
        "counts": counts,
        "unsettled": counts[QueryStatus.OPEN] + counts[QueryStatus.ANSWERED],
        "signatures": signatures,
        "acts": auditor and in_verification,
        "may_sign": auditor and in_verification and not signed,
        "signature_form": SignatureForm(initial={"statement": STATEMENT}),
        "steps": _steps(request.user, audit),
        "needed": services.SIGNATURES_NEEDED,
    }
    return render(request, "audits/verification/verification.html", context)


def _value_for(audit, kind: str, value_pk: int):
    model = VALUE_MODELS.get(kind)
    row = model.objects.filter(audit=audit, pk=value_pk).first() if model else None
    if row is None:
        raise Http404
    row.audit = audit
    return row


def _auditor_action(request: HttpRequest, pk: int):
    """Return the audit of an auditor's action: 403 for its other readers (staff included)."""
    audit = get_audit_for_verification(request.user, pk)
    if not services.is_audit_auditor(request.user, audit):
        raise PermissionDenied(_("Only an auditor of this audit does this."))
    return audit


@login_required
@require_POST
def accept_value(request: HttpRequest, pk: int, kind: str, value_pk: int) -> HttpResponse:
    audit = _auditor_action(request, pk)
    row = _value_for(audit, kind, value_pk)
    try:
        services.accept_value(row=row, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The value is accepted."))
    return redirect("audits:verification", pk=audit.pk)


@login_required
@require_POST
def raise_query(request: HttpRequest, pk: int, kind: str, value_pk: int) -> HttpResponse:
    audit = _auditor_action(request, pk)
    row = _value_for(audit, kind, value_pk)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        _form_refused(request, form)
        return redirect("audits:verification", pk=audit.pk)
    try:
        services.raise_query(row=row, question=form.cleaned_data["question"], by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The query is sent to the city's officials."))
    return redirect("audits:verification", pk=audit.pk)


def _query_for(audit, query_pk: int) -> Query:
    query = (
        Query.objects.filter(audit=audit, pk=query_pk)
        .select_related("base_value", "reported_value")
        .first()
    )
    if query is None:
        raise Http404
    query.audit = audit
    return query


@login_required
@require_POST
def settle_query(request: HttpRequest, pk: int, query_pk: int) -> HttpResponse:
    audit = _auditor_action(request, pk)
    query = _query_for(audit, query_pk)
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        services.settle_query(query=query, by=request.user, comment=comment)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The query is settled."))
    return redirect("audits:verification", pk=audit.pk)


@login_required
@require_POST
def reopen_query(request: HttpRequest, pk: int, query_pk: int) -> HttpResponse:
    audit = _auditor_action(request, pk)
    query = _query_for(audit, query_pk)
    form = RequiredCommentForm(request.POST)
    if not form.is_valid():
        _form_refused(request, form)
        return redirect("audits:verification", pk=audit.pk)
    try:
        services.reopen_query(query=query, by=request.user, comment=form.cleaned_data["comment"])
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The query is open again; the city's officials are told."))
    return redirect("audits:verification", pk=audit.pk)


@login_required
@require_POST
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _auditor_action(request, pk)
    form = SignatureForm(request.POST)
    if not form.is_valid():
        _form_refused(request, form)
        return redirect("audits:verification", pk=audit.pk)
    try:
        services.sign_verification(
            audit=audit, by=request.user, statement=form.cleaned_data["statement"]
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        if audit.status == AuditStatus.VERIFIED:
            messages.success(request, _("Signed: the audit is verified."))
        else:
            messages.success(request, _("Signed: a second auditor's signature is needed."))
    return redirect("audits:verification", pk=audit.pk)


# The city's answers ----------------------------------------------------------------------


@login_required
def queries(request: HttpRequest, pk: int) -> HttpResponse:
    """The audit's queries, open ones first; the city's officials answer each open one."""
    audit = get_audit_for_team(request.user, pk)
    order = Case(
        When(status=QueryStatus.OPEN, then=Value(0)),
        When(status=QueryStatus.ANSWERED, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    found = (
        audit.queries.select_related(
            "base_value", "reported_value", "raised_by__profile", "answered_by__profile"
        )
        .prefetch_related(
            Prefetch("events", queryset=QueryEvent.objects.select_related("by__profile"))
        )
        .order_by(order, "raised_at", "pk")
    )
    context = {
        "audit": audit,
        "queries": found,
        "answers": request.user.pk in audit.official_ids()
        and audit.status == AuditStatus.VERIFICATION,
        "counts": query_counts(audit),
        "steps": _steps(request.user, audit),
    }
    return render(request, "audits/verification/queries.html", context)


@login_required
@require_POST
def answer_query(request: HttpRequest, pk: int, query_pk: int) -> HttpResponse:
    audit = get_audit_for_team(request.user, pk)
    if request.user.pk not in audit.official_ids():
        raise PermissionDenied(_("Only the city's officials answer its auditors' queries."))
    query = _query_for(audit, query_pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        _form_refused(request, form)
        return redirect("audits:queries", pk=audit.pk)
    reported = isinstance(query.subject, ReportedValue)
    try:
        services.answer_query(
            query=query,
            answer=form.cleaned_data["answer"],
            by=request.user,
            changes=form.changes(reported=reported),
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Your answer is sent to the auditor."))
    return redirect("audits:queries", pk=audit.pk)


# The audit's steps -----------------------------------------------------------------------


def _step_done(request: HttpRequest, audit, action, success: str, **arguments) -> HttpResponse:
    try:
        action(audit=audit, by=request.user, **arguments)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, success)
    return redirect(audit.get_absolute_url())


@login_required
@require_POST
def start_verification(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _auditor_action(request, pk)
    return _step_done(request, audit, services.start_verification, _("The verification has begun."))


@login_required
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    audit = get_audit_for_verification(request.user, pk)
    form = RequiredCommentForm(request.POST)
    if not form.is_valid():
        _form_refused(request, form)
        return redirect(audit.get_absolute_url())
    return _step_done(
        request,
        audit,
        services.reopen_audit,
        _("The audit is in verification again."),
        comment=form.cleaned_data["comment"],
    )


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    audit = get_audit_for_staff(request.user, pk)
    return _step_done(request, audit, services.publish_audit, _("The audit is published."))


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    audit = get_audit_for_team(request.user, pk)
    if not services.may_withdraw(request.user, audit):
        raise PermissionDenied(_("Only the audit's team or staff withdraw it."))
    form = ReasonForm(request.POST)
    if not form.is_valid():
        _form_refused(request, form)
        return redirect(audit.get_absolute_url())
    return _step_done(
        request,
        audit,
        services.withdraw_audit,
        _("The audit is withdrawn."),
        reason=form.cleaned_data["reason"],
    )


@login_required
@require_POST
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a new version of a published audit, with a copy of its values, to correct."""
    audit = get_audit_for_team(request.user, pk)
    if not services.may_correct(request.user, audit):
        raise PermissionDenied(_("Only staff or the city's officials correct an audit."))
    try:
        correction = services.correct_audit(audit=audit, by=request.user)
    except ValidationError as error:
        _refused(request, error)
        return redirect(audit.get_absolute_url())
    messages.success(request, _("A new version of the audit is open as a draft."))
    return redirect(correction.get_absolute_url())
