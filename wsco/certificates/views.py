"""The public verification pages, the certificate's PDF, and the staff's list of certificates."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from wsco.accounts.access import staff_required
from wsco.certificates import limits, pdf
from wsco.certificates.access import get_certificate_for_staff
from wsco.certificates.codes import normalize_code
from wsco.certificates.forms import CertificateFilterForm, RevokeForm, VerifyForm
from wsco.certificates.kinds import get_kind
from wsco.certificates.models import Certificate, CertificateState
from wsco.certificates.queries import find_by_code
from wsco.certificates.services import revoke_certificate
from wsco.core.access import PartyToCase
from wsco.core.paging import page_for_request
from wsco.core.search import search
from wsco.core.sorting import Sorting, SortOption

STAFF_PAGE_SIZE = 25
STAFF_SORTS = Sorting(
    SortOption("issued", gettext_lazy("Issued"), ("issued_at", "pk"), reversible=True),
    SortOption("holder", gettext_lazy("Holder"), ("holder_name", "pk"), reversible=True),
    SortOption("valid_until", gettext_lazy("Valid until"), ("valid_until", "pk"), reversible=True),
    default="issued",
)
# The newest first, unless another order is chosen.
DEFAULT_SORT = "-issued"


def _too_many(request: HttpRequest) -> HttpResponse:
    form = VerifyForm()
    context = {"form": form, "too_many": True}
    return render(request, "certificates/verify_form.html", context, status=429)


@require_safe
def verify_form(request: HttpRequest) -> HttpResponse:
    """Ask for a code and open its certificate's page; say so plainly when no certificate has it."""
    form = VerifyForm(request.GET if "code" in request.GET else None)
    unknown = False
    if form.is_bound:
        if not limits.may_look_up(request):
            return _too_many(request)
        if form.is_valid():
            certificate = find_by_code(form.cleaned_data["code"])
            if certificate is not None:
                return redirect(certificate)
            if not limits.count_miss(request):
                return _too_many(request)
            unknown = True
    return render(request, "certificates/verify_form.html", {"form": form, "unknown": unknown})


def _lookup(request: HttpRequest, code: str) -> Certificate | HttpResponse:
    """Return the certificate `code` names, or the response to give instead: a redirect to the
    code's formatted address, a 429 past the limit, or the 404 page with the form."""
    if not limits.may_look_up(request):
        return _too_many(request)
    certificate = find_by_code(code)
    if certificate is None:
        if not limits.count_miss(request):
            return _too_many(request)
        form = VerifyForm(initial={"code": code[:64]})
        context = {"form": form, "unknown": True}
        return render(request, "certificates/verify_form.html", context, status=404)
    if certificate.code != code:
        canonical = reverse(request.resolver_match.view_name, kwargs={"code": certificate.code})
        return redirect(canonical, permanent=True)
    return certificate


def _subject_link(certificate: Certificate) -> str | None:
    """Return the public page of what the certificate is about, if it has one anyone may open.

    The issuing kind decides (`register_kind(..., subject_url=...)`); without a rule of its own,
    a subject with `get_absolute_url` and a true `is_public` is linked.
    """
    if certificate.subject_type_id is None:
        return None
    try:
        subject = certificate.subject
    except AttributeError:  # The subject's model is gone (its app was removed).
        return None
    if subject is None:
        return None
    kind = get_kind(certificate.kind)
    if kind is not None and kind.subject_url is not None:
        return kind.subject_url(subject)
    if getattr(subject, "is_public", False) is True and hasattr(subject, "get_absolute_url"):
        return subject.get_absolute_url()
    return None


@require_safe
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """The public page of a certificate: what it certifies, for whom, and whether it holds."""
    found = _lookup(request, code)
    if isinstance(found, HttpResponse):
        return found
    certificate = found
    state = certificate.state
    return render(
        request,
        "certificates/verify.html",
        {
            "certificate": certificate,
            "state": state,
            "states": CertificateState,
            "subject_url": _subject_link(certificate),
            "revoke_form": RevokeForm() if request.user.is_staff else None,
        },
    )


@require_safe
def verify_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """The certificate as a PDF, marked across the page once it no longer holds."""
    found = _lookup(request, code)
    if isinstance(found, HttpResponse):
        return found
    certificate = found
    response = HttpResponse(pdf.cached_certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.code}.pdf"'
    # Its state can change at any moment (a revocation): browsers ask again every time.
    response["Cache-Control"] = "no-cache"
    return response


def _filtered(filters: CertificateFilterForm):
    certificates = Certificate.objects.select_related("replaced_by")
    if not filters.is_valid():
        return certificates
    data = filters.cleaned_data
    if data["kind"]:
        certificates = certificates.filter(kind=data["kind"])
    if data["state"]:
        certificates = certificates.in_state(data["state"])
    if data["q"]:
        code = normalize_code(data["q"])
        certificates = certificates.filter(code=code) if code else search(certificates, data["q"])
    return certificates


@staff_required
@require_safe
def staff_certificates(request: HttpRequest) -> HttpResponse:
    """The staff's list of certificates: filtered by kind and state, searched, sorted, paged."""
    filters = CertificateFilterForm(request.GET or None)
    sort = STAFF_SORTS.choose(request.GET.get("sort") or DEFAULT_SORT)
    certificates = _filtered(filters).order_by(*sort.order_by)
    page = page_for_request(request, Paginator(certificates, STAFF_PAGE_SIZE))
    filtering = bool(filters.is_bound and any(filters.data.get(name) for name in filters.fields))
    return render(
        request,
        "certificates/staff_certificates.html",
        {
            "filters": filters,
            "page": page,
            "sort": sort,
            "filtering": filtering,
            "revoke_form": RevokeForm(),
            "none_issued": not page.object_list and not Certificate.objects.exists(),
        },
    )


@staff_required
@require_POST
def revoke(request: HttpRequest, code: str) -> HttpResponse:
    """Staff revoke a certificate, with the reason its page will show."""
    certificate = get_certificate_for_staff(request.user, code)
    form = RevokeForm(request.POST)
    back = request.POST.get("next") or ""
    if not back.startswith(reverse("certificates:staff_certificates")):
        back = certificate.get_absolute_url()
    if not form.is_valid():
        messages.error(request, _("Say why the certificate is revoked."))
        return redirect(back)
    try:
        revoke_certificate(
            certificate=certificate, by=request.user, reason=form.cleaned_data["reason"]
        )
    except (ValidationError, PartyToCase) as refusal:
        text = " ".join(refusal.messages) if isinstance(refusal, ValidationError) else str(refusal)
        messages.error(request, text)
    else:
        messages.success(
            request, _("Certificate %(code)s is revoked.") % {"code": certificate.code}
        )
    return redirect(back)
