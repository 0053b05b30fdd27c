"""Pages for joining and keeping a membership, and the staff's review queue."""

import datetime
from functools import partial, wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wsco.core.access import is_party
from wsco.core.dashboard import pending_work, shown_panels
from wsco.core.paging import page_for_request
from wsco.core.sorting import Sorting, SortOption
from wsco.core.steppers import stepper
from wsco.formats import day_text
from wsco.members import billing
from wsco.members.access import (
    get_application_for_user,
    get_membership_for_holder,
    require_staff,
)
from wsco.members.forms.membership import (
    AnswerForm,
    ApplicationForm,
    InformationRequestForm,
    PaymentForm,
    RejectionForm,
    RenewalForm,
    ReviewFilterForm,
)
from wsco.members.models import (
    APPLICATION_WORKFLOW,
    Application,
    ApplicationStatus,
    InvitationStatus,
    Invoice,
    JoinRequestStatus,
    Membership,
    MembershipStatus,
    Profile,
    Seat,
    SeatInvitation,
)
from wsco.members.page_parts import home_counts, home_part, review_queue_part
from wsco.members.queries import requests_to_decide
from wsco.members.services import memberships as services
from wsco.members.views import join

QUEUE_PAGE_SIZE = 25
# The review queue's orders (a select beside its filters): oldest first unless asked otherwise.
REVIEW_SORTS = Sorting(
    SortOption("oldest", gettext_lazy("Oldest first"), ("submitted_at", "pk")),
    SortOption("newest", gettext_lazy("Newest first"), ("-submitted_at", "-pk")),
    SortOption("name", gettext_lazy("Name"), ("profile__name", "pk")),
    default="oldest",
)
# The payments table's columns that sort, either way; the oldest approval first by default.
PAYMENT_SORTS = Sorting(
    SortOption("member", gettext_lazy("Member"), ("profile__name", "pk"), reversible=True),
    SortOption("fee", gettext_lazy("Fee"), ("fee_amount", "pk"), reversible=True),
    SortOption("approved", gettext_lazy("Approved"), ("created_at", "pk"), reversible=True),
    default="approved",
)
# The application's stepper: submitted, then decided; a question from the secretariat, a
# rejection or a withdrawal comes after the submission.
APPLICATION_PATH = [ApplicationStatus.SUBMITTED, ApplicationStatus.APPROVED]
APPLICATION_DETOURS = dict.fromkeys(
    [ApplicationStatus.INFO_REQUESTED, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN],
    ApplicationStatus.SUBMITTED,
)


def staff_required(view):
    """Send visitors to sign in and refuse (403) anyone who is not staff."""

    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, *args, **kwargs):
        require_staff(request.user)
        return view(request, *args, **kwargs)

    return wrapper


def _form_error(form, error: ValidationError) -> None:
    """Put a service's refusal next to the field it names, or at the top of the form."""
    if hasattr(error, "error_dict") and not set(error.error_dict) <= set(form.fields):
        error = ValidationError(error.messages)
    form.add_error(None, error)


# My WSCO ----------------------------------------------------------------------------------


def _describe(membership: Membership, today: datetime.date) -> None:
    """Annotate `membership` with what the page says about its dates."""
    membership.days_left = None
    membership.in_grace = False
    membership.is_current = False
    if membership.status == MembershipStatus.ACTIVE and membership.ends_on:
        membership.days_left = (membership.ends_on - today).days
        membership.in_grace = membership.days_left < 0
        membership.is_current = membership.starts_on <= today <= membership.grace_ends_on()


def _next_step(*, profile, open_application, memberships, seats, renewable) -> str:
    """Return what the person should do next, as a key the template words."""
    if profile is None:
        return "apply"
    if open_application is not None:
        if open_application.status == ApplicationStatus.INFO_REQUESTED:
            return "answer"
        return "wait"
    if any(m.status == MembershipStatus.AWAITING_PAYMENT for m in memberships):
        return "pay"
    if renewable:
        return "renew"
    if any(m.is_current for m in memberships) or seats:
        return "complete_profile" if not profile.bio else "none"
    return "apply"


def _render_home(request: HttpRequest, status=200):
    profile = Profile.objects.select_related("organization").filter(user=request.user).first()
    if profile is not None:
        request.user.profile = profile  # The panels ask for it: the one read here serves them.
    # The panels of the apps above, worked out once: shown at the foot of the page, and counted
    # so that the page never says "Nothing to do" while something waits in one of them.
    panels = shown_panels(request)
    context = {"profile": profile, "panels": panels}
    if profile is None:
        context["next_step"] = "apply"
        return render(request, "members/membership/home.html", context, status=status)
    join_requests_to_decide, invitation_ends = home_counts(
        request, profile=profile, count=partial(_home_counts, request.user, profile)
    )
    waiting = pending_work(panels) + join_requests_to_decide
    # Invitations lapse with time, not with a write: their count is part of the key.
    now = timezone.now()
    invitations = sum(1 for ends in invitation_ends if ends > now)
    render_own = partial(
        _render_own_home,
        request,
        profile,
        join_requests_to_decide=join_requests_to_decide,
        waiting=waiting,
    )
    # The person's own part is kept until what it shows changes (`page_parts`).
    context["own"] = mark_safe(
        home_part(
            request,
            profile=profile,
            variant=f"{join_requests_to_decide}:{waiting}:{invitations}",
            render=render_own,
        )
    )
    return render(request, "members/membership/home.html", context, status=status)


def _home_counts(user, profile: Profile) -> tuple[int, list[datetime.datetime]]:
    """Return how many requests to join `user` decides, and when each of the seat invitations
    `profile` sent and nobody answered lapses."""
    invitations = SeatInvitation.objects.filter(
        membership__profile=profile, status=InvitationStatus.PENDING
    )
    return (
        requests_to_decide(user).count(),
        list(invitations.values_list("expires_at", flat=True)),
    )


def _render_own_home(
    request: HttpRequest,
    profile: Profile,
    extra_context: dict,
    *,
    join_requests_to_decide: int,
    waiting: int,
) -> str:
    """Render My WSCO's own part: next step, memberships, invoices, seats, applications."""
    today = timezone.localdate()
    context = {"profile": profile, "today": today, **extra_context}
    memberships = list(
        profile.memberships.select_related("membership_type", "organization")
        .prefetch_related(
            Prefetch(
                "seats",
                queryset=Seat.objects.select_related("profile__user").order_by("profile__name"),
            )
        )
        .order_by("-created_at")
    )
    for membership in memberships:
        _describe(membership, today)
    renewable = services.renewable_ids(memberships, on=today)
    for membership in memberships:
        membership.renewable = membership.pk in renewable
        membership.reference = services.payment_reference(membership)
    seats = list(
        Seat.objects.filter(profile=profile, membership__in=Membership.objects.current(today))
        .exclude(membership__profile=profile)
        .select_related("membership__membership_type", "membership__organization")
    )
    applications = list(
        profile.applications.select_related("membership_type", "organization").order_by(
            "-submitted_at"
        )
    )
    open_application = next((a for a in applications if a.is_open), None)
    administered = [
        m
        for m in memberships
        if m.membership_type.for_organizations
        and m.organization_id
        and (m.is_current or m.status == MembershipStatus.AWAITING_PAYMENT)
    ]
    for membership in administered[:1]:
        membership.pending_invitations = membership.invitations.filter(
            status=InvitationStatus.PENDING, expires_at__gt=timezone.now()
        ).count()
    pending_join_request = (
        profile.join_requests.filter(status=JoinRequestStatus.PENDING)
        .select_related("organization")
        .first()
    )
    context |= {
        "memberships": memberships,
        "renewable_membership": next((m for m in memberships if m.renewable), None),
        "seats": seats,
        "applications": applications,
        "open_application": open_application,
        "administered": administered[:1],
        "pending_join_request": pending_join_request,
        "join_requests_to_decide": join_requests_to_decide,
        "waiting": waiting,
        "awaiting_payment": next(
            (m for m in memberships if m.status == MembershipStatus.AWAITING_PAYMENT), None
        ),
        "seller": billing.seller(),
        "invoices": list(
            Invoice.objects.filter(payment__membership__profile=profile).order_by(
                "-year", "-sequence"
            )
        ),
        "next_step": _next_step(
            profile=profile,
            open_application=open_application,
            memberships=memberships,
            seats=seats,
            renewable=renewable,
        ),
    }
    return render_to_string("members/membership/home.html#own", context, request=request)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in person's home: membership, applications, next steps."""
    return _render_home(request)


# Joining and renewing ---------------------------------------------------------------------


@login_required
def apply(request: HttpRequest) -> HttpResponse:
    """Apply for membership (and tell us who you are, the first time)."""
    profile = Profile.objects.select_related("organization").filter(user=request.user).first()
    open_application = profile and Application.objects.open().filter(profile=profile).first()
    if open_application:
        return render(
            request,
            "members/membership/apply.html",
            {"open_application": open_application, "profile": profile},
            status=409 if request.method == "POST" else 200,
        )
    form = ApplicationForm(
        request.POST or None,
        profile=profile,
        initial={"membership_type": join.chosen_type_id(request)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = services.apply_for_membership(
                user=request.user,
                membership_type=form.cleaned_data["membership_type"],
                motivation=form.cleaned_data["motivation"],
                organization=form.cleaned_data["organization"],
                new_organization=form.new_organization(),
                profile_basics=form.profile_basics(),
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            join.forget_chosen_type(request)
            messages.success(request, _("Thank you: your application is with the secretariat."))
            return redirect(application)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "members/membership/apply.html", {"form": form, "profile": profile}, status=status
    )


@login_required
def renew(request: HttpRequest, pk: int) -> HttpResponse:
    """Renew a membership in one step: the application is filled in, the person confirms."""
    membership = get_membership_for_holder(request.user, pk)
    good_standing = services.is_in_good_standing(membership)
    form = RenewalForm(request.POST or None)
    if not services.can_renew(membership):
        messages.info(request, _("This membership cannot be renewed now."))
        return redirect("members:home")
    if request.method == "POST" and form.is_valid():
        try:
            application = services.renew_membership(
                membership=membership,
                motivation=form.cleaned_data["motivation"],
                by=request.user,
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            if application.status == ApplicationStatus.APPROVED:
                messages.success(
                    request, _("Your renewal is approved. The fee to pay is on this page.")
                )
                return redirect("members:home")
            messages.success(request, _("Your renewal is with the secretariat."))
            return redirect(application)
    return render(
        request,
        "members/membership/renew.html",
        {"membership": membership, "form": form, "good_standing": good_standing},
        status=400 if request.method == "POST" else 200,
    )


# One application ----------------------------------------------------------------------------


def _render_application(request: HttpRequest, application: Application, status=200, **forms):
    events = application.events.select_related("by")
    is_applicant = application.profile.user_id == request.user.pk
    context = {
        "application": application,
        "events": events,
        "is_applicant": is_applicant,
        "is_party": is_party(request.user, application),
        "answer_form": forms.get("answer_form") or AnswerForm(),
        "information_form": forms.get("information_form") or InformationRequestForm(),
        "rejection_form": forms.get("rejection_form") or RejectionForm(),
        "membership": application.memberships.first(),
        "steps": stepper(
            APPLICATION_WORKFLOW,
            application.status,
            path=APPLICATION_PATH,
            detours=APPLICATION_DETOURS,
        ),
    }
    return render(request, "members/membership/application.html", context, status=status)


@login_required
def application(request: HttpRequest, pk: int) -> HttpResponse:
    """Show an application and its history to its applicant and to staff."""
    return _render_application(request, get_application_for_user(request.user, pk))


def _refused(request: HttpRequest, application: Application, error: ValidationError):
    messages.error(request, " ".join(error.messages))
    return redirect(application)


@login_required
@require_POST
def answer_application(request: HttpRequest, pk: int) -> HttpResponse:
    """The applicant answers the secretariat's question."""
    application = get_application_for_user(request.user, pk)
    if application.profile.user_id != request.user.pk:
        return _refused(request, application, ValidationError(_("Only the applicant answers.")))
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_application(
                application=application, answer=form.cleaned_data["answer"], by=request.user
            )
        except ValidationError as error:
            return _refused(request, application, error)
        messages.success(request, _("Thank you: your answer is with the secretariat."))
        return redirect(application)
    return _render_application(request, application, answer_form=form, status=400)


@login_required
@require_POST
def withdraw_application(request: HttpRequest, pk: int) -> HttpResponse:
    """The applicant withdraws their open application."""
    application = get_application_for_user(request.user, pk)
    if application.profile.user_id != request.user.pk:
        return _refused(request, application, ValidationError(_("Only the applicant withdraws.")))
    try:
        services.withdraw_application(application=application, by=request.user)
    except ValidationError as error:
        return _refused(request, application, error)
    messages.success(request, _("Your application is withdrawn."))
    return redirect(application)


@staff_required
@require_POST
def approve_application(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff approve an application: a membership now awaits the fee."""
    application = get_application_for_user(request.user, pk)
    try:
        services.approve_application(application=application, by=request.user)
    except ValidationError as error:
        return _refused(request, application, error)
    messages.success(
        request,
        _("%(name)s is approved; the membership awaits payment.")
        % {"name": application.profile.name},
    )
    return redirect("members:review_queue")


@staff_required
@require_POST
def request_information(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff ask the applicant for more information."""
    application = get_application_for_user(request.user, pk)
    return _decide_in_writing(
        request,
        application,
        form=InformationRequestForm(request.POST),
        form_name="information_form",
        decide=lambda data: services.request_information(
            application=application, message=data["message"], by=request.user
        ),
        done=_("Your question went to %(name)s.") % {"name": application.profile.name},
    )


@staff_required
@require_POST
def reject_application(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff reject an application with a reason."""
    application = get_application_for_user(request.user, pk)
    return _decide_in_writing(
        request,
        application,
        form=RejectionForm(request.POST),
        form_name="rejection_form",
        decide=lambda data: services.reject_application(
            application=application, reason=data["reason"], by=request.user
        ),
        done=_("%(name)s's application is rejected.") % {"name": application.profile.name},
    )


def _decide_in_writing(request, application, *, form, form_name, decide, done) -> HttpResponse:
    """Run a staff decision that needs a written message; show the form again when it is bad."""
    if not form.is_valid():
        return _render_application(request, application, status=400, **{form_name: form})
    try:
        decide(form.cleaned_data)
    except ValidationError as error:
        return _refused(request, application, error)
    messages.success(request, done)
    return redirect("members:review_queue")


# The staff's queue and payments -------------------------------------------------------------


def queue_counts() -> dict[str, int]:
    """Return the figures the secretariat's tabs show."""
    counts = Application.objects.open().aggregate(
        submitted=Count("pk", filter=Q(status=ApplicationStatus.SUBMITTED)),
        info_requested=Count("pk", filter=Q(status=ApplicationStatus.INFO_REQUESTED)),
    )
    counts["open"] = counts["submitted"] + counts["info_requested"]
    counts["awaiting_payment"] = Membership.objects.filter(
        status=MembershipStatus.AWAITING_PAYMENT
    ).count()
    return counts


@staff_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """The staff's queue of open applications, oldest first unless another order is chosen."""
    # The same for every member of staff: kept until an application or what it shows changes.
    queue = review_queue_part(request, partial(_render_review_queue, request))
    return render(request, "members/membership/review_queue.html", {"queue": mark_safe(queue)})


def _render_review_queue(request: HttpRequest, extra_context: dict) -> str:
    filters = ReviewFilterForm(request.GET or None)
    sort = REVIEW_SORTS.choose(request.GET.get("sort"))
    applications = (
        Application.objects.open()
        .select_related("profile__user", "membership_type", "organization", "renewal_of")
        .order_by(*sort.order_by)
    )
    if filters.is_valid():
        if filters.cleaned_data["status"]:
            applications = applications.filter(status=filters.cleaned_data["status"])
        if filters.cleaned_data["membership_type"]:
            applications = applications.filter(
                membership_type=filters.cleaned_data["membership_type"]
            )
    page = page_for_request(request, Paginator(applications, QUEUE_PAGE_SIZE))
    context = {
        "filters": filters,
        "page": page,
        "counts": queue_counts(),
        "tab": "applications",
        "sort": sort,
        "sorts": REVIEW_SORTS.choices,
    }
    return render_to_string(
        "members/membership/review_queue.html#queue", context | extra_context, request=request
    )


@staff_required
def payments_due(request: HttpRequest) -> HttpResponse:
    """The staff's table of approved memberships awaiting payment, sorted by its columns."""
    sort = PAYMENT_SORTS.choose(request.GET.get("sort"))
    memberships = (
        Membership.objects.filter(status=MembershipStatus.AWAITING_PAYMENT)
        .select_related("membership_type", "organization", "profile__user", "application")
        .order_by(*sort.order_by)
    )
    page = page_for_request(request, Paginator(memberships, QUEUE_PAGE_SIZE))
    for membership in page:
        membership.reference = services.payment_reference(membership)
    return render(
        request,
        "members/membership/payments_due.html",
        {"page": page, "counts": queue_counts(), "tab": "payments", "sort": sort},
    )


@staff_required
def record_payment(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff record the fee paid for a membership, which makes it active."""
    membership = (
        Membership.objects.select_related("membership_type", "organization", "profile__user")
        .filter(pk=pk)
        .first()
    )
    if membership is None or membership.status != MembershipStatus.AWAITING_PAYMENT:
        messages.info(request, _("That membership is not awaiting payment."))
        return redirect("members:payments_due")
    form = PaymentForm(request.POST or None, membership=membership)
    if request.method == "POST" and form.is_valid():
        try:
            payment = services.record_payment(
                membership=membership, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            membership.refresh_from_db()
            messages.success(
                request,
                _(
                    "Payment recorded: the membership runs from %(start)s to %(end)s. "
                    "Invoice %(number)s is issued and sent to the member."
                )
                % {
                    "start": day_text(membership.starts_on),
                    "end": day_text(membership.ends_on),
                    "number": payment.invoice.number,
                },
            )
            return redirect(reverse("members:payments_due"))
    return render(
        request,
        "members/membership/record_payment.html",
        {
            "membership": membership,
            "form": form,
            "reference": services.payment_reference(membership),
        },
        status=400 if request.method == "POST" else 200,
    )
