"""The awards' pages: editions, categories and results; nominating; screening; the jury; voting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from wsco.accounts.access import staff_required
from wsco.awards import access, limits, queries
from wsco.awards.calibration import TIE_BREAKS
from wsco.awards.forms import (
    ConflictForm,
    NominationForm,
    RecusalForm,
    ScoreForm,
    ScreeningForm,
    SecondmentForm,
)
from wsco.awards.models import Edition, Nomination, NominationStatus, Vote
from wsco.awards.services import jury, nominations, secondments, votes
from wsco.core.ids import parse_id
from wsco.core.markdown import render_markdown
from wsco.core.spreadsheets import stream_csv

# The rules in the order they break a tie, as the report states them.
TIE_BREAK_RULE = dict(
    zip(
        TIE_BREAKS,
        [
            gettext_lazy("the higher raw result"),
            gettext_lazy("more public votes"),
            gettext_lazy("the earlier nomination"),
        ],
        strict=True,
    )
)


def _act(request, run, success: str, back):
    """Run `run()` (a service call), tell its success or its refusal, and go back to `back`."""
    try:
        run()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(back)


def edition_list(request):
    """Every edition, newest first, with its phase."""
    editions = Edition.objects.prefetch_related("categories")
    return render(request, "awards/list.html", {"editions": editions})


def edition_detail(request, year: int):
    edition = access.get_edition(year)
    categories = edition.categories.prefetch_related("themes")
    announced = edition.is_announced()
    return render(
        request,
        "awards/edition.html",
        {
            "edition": edition,
            "categories": categories,
            "announced": announced,
            "placements": queries.placements_of(edition) if announced else [],
            "introduction": render_markdown(edition.display_introduction),
        },
    )


def category_detail(request, year: int, slug: str):
    """A category: its rules and rubric; the ballot while the vote is open; results once out."""
    category = access.get_category(year, slug)
    edition = category.edition
    now = timezone.now()
    announced = edition.is_announced(now)
    # Nominees are shown once screening is over: the eligible ones are on the ballot.
    shown = now >= edition.screening_ends_at
    eligible = (
        list(
            category.nominations.filter(status=NominationStatus.ELIGIBLE).select_related(
                *queries.NOMINEE_RELATIONS
            )
        )
        if shown
        else []
    )
    my_vote = None
    if request.user.is_authenticated:
        my_vote = (
            Vote.objects.filter(category=category, voter=request.user)
            .values_list("nomination_id", flat=True)
            .first()
        )
    counts = queries.vote_counts(category) if announced else {}
    return render(
        request,
        "awards/category.html",
        {
            "category": category,
            "edition": edition,
            "description": render_markdown(category.display_description),
            "criteria": category.criteria.all(),
            "nominees": [(nomination, counts.get(nomination.pk)) for nomination in eligible],
            "announced": announced,
            "placements": list(
                category.placements.select_related(
                    "certificate", *[f"nomination__{n}" for n in queries.NOMINEE_RELATIONS]
                )
            )
            if announced
            else [],
            "vote_open": edition.vote_open(now),
            "nominations_open": edition.nominations_open(now),
            "my_vote": my_vote,
            "is_juror": access.is_juror_of(request.user, category),
            "may_see_report": access.may_see_report(request.user, category),
        },
    )


def _already_nominated(error: ValidationError) -> bool:
    """Say whether `error` is the refusal of a nominee already nominated in the category."""
    refusals = getattr(error, "error_dict", {}).get("nominee", [])
    return any(refusal.code == nominations.ALREADY_NOMINATED for refusal in refusals)


@login_required
def nominate(request, year: int, slug: str):
    """Nominate; a nominee already nominated is offered to be seconded instead."""
    category = access.get_category(year, slug)
    form = NominationForm(
        request.POST or None, request.FILES or None, category=category, user=request.user, new=True
    )
    existing = None
    if request.method == "POST" and form.is_valid():
        nominee = form.cleaned_data["nominee"]
        try:
            nomination = nominations.nominate(
                category=category,
                nominee=nominee,
                by=request.user,
                statement=form.cleaned_data["statement"],
                links=form.cleaned_data["links"],
                material=form.cleaned_data.get("material"),
            )
        except ValidationError as error:
            form.add_error(None, error)
            if _already_nominated(error):
                existing = queries.existing_nomination(category, nominee)
        else:
            messages.success(request, _("Your nomination is in. Staff will screen it."))
            return redirect(nomination)
    return render(
        request,
        "awards/nominate.html",
        {
            "category": category,
            "form": form,
            "open": category.edition.nominations_open(),
            "existing": existing,
            # The nomination is named, with its page, only to whom may open it.
            "existing_shown": existing is not None
            and access.may_see_nomination(request.user, existing),
            "existing_blind": existing is not None and access.is_blind_to(request.user, existing),
            "is_nominator": existing is not None and existing.nominator_id == request.user.pk,
        },
    )


@login_required
def second(request, year: int, slug: str):
    """Second the nomination of a nominee in the category, with a short statement."""
    category = access.get_category(year, slug)
    form = SecondmentForm(
        request.POST or None,
        category=category,
        user=request.user,
        initial={"nominee": request.GET.get("nominee", "")[:20]},
    )
    if request.method == "POST" and form.is_valid():
        nomination = queries.existing_nomination(category, form.cleaned_data["nominee"])
        if nomination is None:
            form.add_error(
                "nominee", _("This nominee is not nominated in this category: nominate them.")
            )
        else:
            try:
                secondments.second_nomination(
                    nomination=nomination,
                    by=request.user,
                    statement=form.cleaned_data["statement"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("You second the nomination."))
                return redirect("awards:mine")
    return render(
        request,
        "awards/second.html",
        {"category": category, "form": form, "open": category.edition.nominations_open()},
    )


@require_POST
@login_required
def withdraw_secondment(request, pk: int):
    secondment = access.get_secondment_for_seconder(request.user, pk)
    return _act(
        request,
        lambda: secondments.withdraw_secondment(secondment=secondment, by=request.user),
        _("Your secondment is withdrawn."),
        reverse("awards:mine"),
    )


@login_required
def my_nominations(request):
    """The member's nominations, with how many second each, and the nominations they second."""
    mine = list(
        Nomination.objects.filter(nominator=request.user)
        .select_related(*queries.NOMINEE_RELATIONS)
        .annotate(seconders=Count("secondments"))
    )
    seconded = request.user.award_secondments.select_related(
        *[f"nomination__{name}" for name in queries.NOMINEE_RELATIONS]
    ).order_by("-created_at", "pk")
    return render(
        request,
        "awards/mine.html",
        {"nominations": mine, "secondments": seconded, "now": timezone.now()},
    )


@login_required
def nomination_detail(request, pk: int):
    nomination = access.get_nomination_for_user(request.user, pk)
    is_nominator = nomination.nominator_id == request.user.pk
    editable = (
        is_nominator
        and nomination.status == NominationStatus.SUBMITTED
        and nomination.category.edition.nominations_open()
    )
    form = None
    if editable:
        form = NominationForm(
            request.POST or None,
            request.FILES or None,
            instance=nomination,
            category=nomination.category,
            user=request.user,
            new=False,
        )
        if request.method == "POST" and form.is_valid():
            try:
                nominations.edit_nomination(
                    nomination=Nomination.objects.get(pk=nomination.pk),
                    by=request.user,
                    **{name: form.cleaned_data[name] for name in form.changed_data},
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your nomination is saved."))
                return redirect(nomination)
    elif request.method == "POST":
        raise PermissionDenied(_("This nomination can no longer be changed."))
    blind = access.is_blind_to(request.user, nomination)
    seconded = list(nomination.secondments.select_related("seconder__profile"))
    return render(
        request,
        "awards/nomination.html",
        {
            "nomination": nomination,
            "statement": render_markdown(nomination.statement),
            "form": form,
            "is_nominator": is_nominator,
            "blind": blind,
            "secondments": seconded,
            "reads_secondments": access.reads_secondments_of(request.user, nomination),
            "screening_form": ScreeningForm() if request.user.is_staff else None,
        },
    )


@require_POST
@login_required
def withdraw(request, pk: int):
    nomination = access.get_nomination_for_user(request.user, pk)
    return _act(
        request,
        lambda: nominations.withdraw_nomination(nomination=nomination, by=request.user),
        _("Your nomination is withdrawn."),
        nomination,
    )


@staff_required
def screening_queue(request, year: int):
    edition = access.get_edition(year)
    waiting = (
        Nomination.objects.filter(category__edition=edition, status=NominationStatus.SUBMITTED)
        .select_related(*queries.NOMINEE_RELATIONS, "nominator")
        .annotate(seconders=Count("secondments"))
    )
    screened = (
        Nomination.objects.filter(category__edition=edition)
        .exclude(status=NominationStatus.SUBMITTED)
        .select_related(*queries.NOMINEE_RELATIONS, "screened_by")
        .annotate(seconders=Count("secondments"))
    )
    return render(
        request,
        "awards/screening.html",
        {"edition": edition, "waiting": waiting, "screened": screened, "form": ScreeningForm()},
    )


@require_POST
@staff_required
def screen(request, pk: int):
    nomination = access.get_nomination_for_user(request.user, pk)
    form = ScreeningForm(request.POST)
    back = reverse("awards:screening", kwargs={"year": nomination.category.edition.year})
    if not form.is_valid():
        messages.error(request, _("Choose a decision and give the reason."))
        return redirect(back)
    return _act(
        request,
        lambda: nominations.screen_nomination(
            nomination=nomination,
            eligible=form.cleaned_data["decision"] == "eligible",
            reason=form.cleaned_data["reason"],
            by=request.user,
        ),
        _("The nomination is screened."),
        back,
    )


@staff_required
def jurors(request, year: int, slug: str):
    """Staff seat and unseat a category's jurors; a search finds the members holding the role."""
    category = access.get_category(year, slug)
    back = reverse("awards:jurors", kwargs={"year": year, "slug": slug})
    if request.method == "POST":
        juror = access.get_juror_candidate(parse_id(request.POST.get("juror"), field="juror"))
        return _act(
            request,
            lambda: jury.assign_juror(category=category, juror=juror, by=request.user),
            _("The juror is seated."),
            back,
        )
    text = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "awards/jurors.html",
        {
            "category": category,
            "seated": queries.seated_jurors(category, viewer=request.user),
            "candidates": queries.juror_candidates(category, text, viewer=request.user),
            "q": text,
            "jury_ended": timezone.now() >= category.edition.jury_ends_at,
        },
    )


@require_POST
@staff_required
def unseat(request, year: int, slug: str, user_id: int):
    category = access.get_category(year, slug)
    juror = access.get_juror_candidate(user_id)

    def run():
        deleted = jury.unseat_juror(category=category, juror=juror, by=request.user)
        if deleted:
            messages.info(
                request,
                ngettext(
                    "%(count)d score of theirs was deleted.",
                    "%(count)d scores of theirs were deleted.",
                    deleted,
                )
                % {"count": deleted},
            )

    return _act(
        request,
        run,
        _("The juror is off the jury."),
        reverse("awards:jurors", kwargs={"year": year, "slug": slug}),
    )


@login_required
def jury_list(request, year: int, slug: str):
    """A juror's nominations in the category, in the juror's own order, with their progress."""
    category = access.get_category_for_juror(request.user, year, slug)
    return render(
        request,
        "awards/jury.html",
        {
            "category": category,
            "nominations": queries.juror_nominations(request.user, category),
            "scored": queries.scored_by(request.user, category),
            "jury_open": category.edition.jury_open(),
        },
    )


@login_required
def score(request, pk: int):
    nomination = access.get_nomination_for_user(request.user, pk)
    category = nomination.category
    if not access.judges(request.user, nomination):
        raise PermissionDenied(_("Only the category's jurors score its nominations."))
    current = {
        row.criterion_id: (row.value, row.comment)
        for row in nomination.scores.filter(juror=request.user)
    }
    form = ScoreForm(request.POST or None, criteria=category.criteria.all(), current=current)
    if request.method == "POST" and form.is_valid():
        try:
            jury.score_nomination(nomination=nomination, juror=request.user, scores=form.scores())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your scores are saved."))
            return redirect("awards:jury", year=category.edition.year, slug=category.slug)
    return render(
        request,
        "awards/score.html",
        {
            "nomination": nomination,
            "category": category,
            "statement": render_markdown(nomination.statement),
            "form": form,
            "recusal_form": RecusalForm(),
            "jury_open": category.edition.jury_open(),
            "seconders": nomination.secondments.count(),
        },
    )


@require_POST
@login_required
def recuse(request, pk: int):
    nomination = access.get_nomination_for_user(request.user, pk)
    category = nomination.category
    form = RecusalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for recusing yourself."))
        return redirect("awards:score", pk=nomination.pk)
    return _act(
        request,
        lambda: jury.recuse(
            nomination=nomination, juror=request.user, reason=form.cleaned_data["reason"]
        ),
        _("You are recused from this nomination."),
        reverse("awards:jury", kwargs={"year": category.edition.year, "slug": category.slug}),
    )


@login_required
def conflicts(request, year: int):
    """A juror declares conflicts for the edition and sees the ones logged for them."""
    edition = access.get_edition(year)
    if not edition.categories.filter(assignments__juror=request.user).exists():
        raise PermissionDenied(_("Only the edition's jurors declare conflicts."))
    form = ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        jury.declare_conflict(
            edition=edition,
            juror=request.user,
            reason=form.cleaned_data["reason"],
            organization=form.cleaned_data["organization"],
            person=person.user if person else None,
        )
        messages.success(request, _("Your conflict is recorded."))
        return redirect("awards:conflicts", year=year)
    return render(
        request,
        "awards/conflicts.html",
        {
            "edition": edition,
            "form": form,
            "declared": edition.conflicts.filter(juror=request.user).select_related(
                "organization", "person__profile"
            ),
            "exclusions": request.user.award_exclusions.filter(
                nomination__category__edition=edition
            ).select_related("nomination__category"),
        },
    )


@require_POST
@login_required
def vote(request, year: int, slug: str):
    category = access.get_category(year, slug)
    if not limits.count_vote(request):
        return HttpResponse(_("Too many votes from your account; try again later."), status=429)
    nomination_id = parse_id(request.POST.get("nomination"), field="nomination")
    nomination = category.nominations.filter(pk=nomination_id).first()
    if nomination is None:
        messages.error(request, _("Choose one of the category's nominees."))
        return redirect(category)
    return _act(
        request,
        lambda: votes.cast_vote(nomination=nomination, voter=request.user),
        _("Your vote is counted. You may change it until the close."),
        category,
    )


@login_required
def score_report(request, year: int, slug: str):
    """The anonymised score report: raw and calibrated results side by side."""
    category = access.get_category_for_report(request.user, year, slug)
    return render(
        request,
        "awards/report.html",
        {
            "category": category,
            "rows": queries.ranking(category),
            "exclusions": queries.exclusion_log(category),
            "tie_breaks": TIE_BREAK_RULE,
            "announced": category.edition.is_announced(),
        },
    )


@login_required
def score_report_csv(request, year: int, slug: str):
    category = access.get_category_for_report(request.user, year, slug)
    show_names = category.edition.is_announced() or not category.blind
    header = [
        _("Rank"),
        _("Nomination"),
        _("Nominee"),
        _("Jurors"),
        _("Seconders"),
        _("Raw result"),
        _("Calibrated result"),
        _("Tie broken by"),
    ]
    rows = (
        [
            row.rank,
            row.nomination,
            row.nomination_object.nominee_name if show_names else "",
            row.jurors,
            row.seconders,
            row.raw,
            row.calibrated,
            row.tie_break,
        ]
        for row in queries.ranking(category)
    )
    response = StreamingHttpResponse(stream_csv([header, *rows]), content_type="text/csv")
    filename = f"awards-{year}-{category.slug}-scores.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
