"""The editorial workflow: submissions, reviews, the editor's desk, issues and news posts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from wsco.core.access import is_party
from wsco.core.ids import parse_id
from wsco.core.sorting import Sorting, SortOption
from wsco.core.steppers import stepper
from wsco.publications import access, queries, reviewers, services
from wsco.publications.access import editor_required
from wsco.publications.forms import (
    ArticleForm,
    ArticleImageForm,
    AssignReviewerForm,
    CopyEditForm,
    DecisionForm,
    DeclineReviewForm,
    GuestAuthorForm,
    IssueForm,
    PlaceInIssueForm,
    PostForm,
    ReviewerSearchForm,
    ReviewForm,
    RevisionForm,
)
from wsco.publications.models import (
    ARTICLE_WORKFLOW,
    Article,
    ArticleImage,
    ArticleStatus,
    Byline,
    Issue,
    Post,
    Review,
)


def _add_errors(form, error: ValidationError) -> None:
    """Show a service's refusal next to the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _article_initial(article: Article) -> dict:
    """Return what an article form starts with: the article as it is now."""
    fields = ["title", "title_ro", "abstract", "abstract_ro", "body"]
    return {name: getattr(article, name) for name in fields} | {
        "themes": list(article.themes.all())
    }


def _article_fields(form) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "title_ro": data["title_ro"],
        "abstract": data["abstract"],
        "abstract_ro": data["abstract_ro"],
        "body": data["body"],
        "themes": data["themes"],
    }


@login_required
def submissions(request: HttpRequest) -> HttpResponse:
    """List the articles the signed-in person submitted or signs, and the reviews asked of them."""
    mine = (
        access.submissions_of_author(request.user)
        .select_related("issue")
        .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))
        .order_by("-submitted_at")
    )
    return render(
        request,
        "publications/submissions.html",
        {
            "articles": list(mine),
            "reviews": queries.reviews_of(request.user),
            "may_submit": access.may_submit(request.user),
        },
    )


@login_required
def submit(request: HttpRequest) -> HttpResponse:
    """Submit an article: members for themselves, editors also for a guest author."""
    if not access.may_submit(request.user):
        raise PermissionDenied
    is_editor = access.is_editor(request.user)
    form = ArticleForm(request.POST or None)
    guest_form = GuestAuthorForm(request.POST or None, request.FILES or None) if is_editor else None
    if (
        request.method == "POST"
        and form.is_valid()
        and (guest_form is None or guest_form.is_valid())
    ):
        authors = None
        if guest_form is not None and guest_form.cleaned_data["guest_name"]:
            authors = [
                services.create_guest_author(
                    name=guest_form.cleaned_data["guest_name"],
                    bio=guest_form.cleaned_data["guest_bio"],
                    photo=guest_form.cleaned_data["guest_photo"],
                )
            ]
        try:
            article = services.submit_article(
                by=request.user, authors=authors, **_article_fields(form)
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("Your article was submitted. The editors will be in touch.")
            )
            return redirect(article.get_submission_url())
    return render(request, "publications/submit.html", {"form": form, "guest_form": guest_form})


@login_required
def submission(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a submission: its steps, and the actions open to the person who looks."""
    article = access.get_submission_for_user(request.user, pk)
    return _render_submission(request, article)


# The article's stepper, from submission to publication. A revision asked for or a rejection
# comes after the review; a withdrawal after the submission.
ARTICLE_PATH = [
    ArticleStatus.SUBMITTED,
    ArticleStatus.IN_REVIEW,
    ArticleStatus.ACCEPTED,
    ArticleStatus.COPY_EDITED,
    ArticleStatus.SCHEDULED,
    ArticleStatus.PUBLISHED,
]
ARTICLE_DETOURS = {
    ArticleStatus.REVISION_REQUESTED: ArticleStatus.IN_REVIEW,
    ArticleStatus.REJECTED: ArticleStatus.IN_REVIEW,
    ArticleStatus.WITHDRAWN: ArticleStatus.SUBMITTED,
}

EDITOR_FORMS = {
    "assign_form": lambda article: AssignReviewerForm(),
    "decision_form": lambda article: DecisionForm(),
    "place_form": lambda article: PlaceInIssueForm(initial={"issue": article.issue_id}),
}


def _render_submission(request, article: Article, bound_forms: dict | None = None):
    """Render the submission page; `bound_forms` replace blank editor forms to show errors."""
    is_editor = access.is_editor(request.user)
    events = article.events.select_related("by")
    if not is_editor:
        events = events.filter(visible_to_author=True)
    reviews = list(article.reviews.select_related("reviewer"))
    active = [review for review in reviews if review.is_active]
    context = {
        "article": article,
        "bylines": list(article.bylines.select_related("author")),
        "events": list(events),
        "reviews": active,
        # Declined and withdrawn assignments, with the reviewers' reasons: the editors' only.
        "ended_reviews": [r for r in reviews if not r.is_active] if is_editor else [],
        # The review the visitor still owes, if any (they may have reviewed an earlier version).
        "my_review": next(
            (r for r in active if r.reviewer_id == request.user.pk and r.is_pending), None
        ),
        "is_editor": is_editor,
        # The editors' actions are decisions: an editor on the byline sees none of them.
        "may_decide": is_editor and not is_party(request.user, article),
        "is_author": access.is_author_of(request.user, article),
        "decided": article.status not in {ArticleStatus.SUBMITTED, ArticleStatus.IN_REVIEW},
        "Status": ArticleStatus,
        "may_change_images": access.may_change_images(request.user, article),
        "steps": stepper(
            ARTICLE_WORKFLOW, article.status, path=ARTICLE_PATH, detours=ARTICLE_DETOURS
        ),
    }
    if is_editor:
        context |= {name: make(article) for name, make in EDITOR_FORMS.items()}
        context |= bound_forms or {}
        # By name, never by email; two of the same name told apart.
        reviewers.name_reviews(reviews, viewer=request.user)
        names = reviewers.names_of([event.by for event in context["events"]], viewer=request.user)
        for event in context["events"]:
            event.by_name = names.get(event.by_id, "")
        if context["may_decide"] and article.status in ASSIGNABLE_STATUSES:
            context |= _reviewer_choice(request, article)
    return render(request, "publications/submission.html", context)


# The desk's table of open submissions sorts by title or submission date, either way.
DESK_SORTS = Sorting(
    SortOption("submitted", gettext_lazy("Submitted"), ("submitted_at", "pk"), reversible=True),
    SortOption("title", gettext_lazy("Title"), ("title", "pk"), reversible=True),
    default="submitted",
)
# The statuses in which the submission page offers to assign a reviewer.
ASSIGNABLE_STATUSES = {ArticleStatus.SUBMITTED, ArticleStatus.IN_REVIEW}


def _reviewer_choice(request, article: Article) -> dict:
    """Return the reviewer search form and the candidates it finds, with the suggested ones."""
    search_form = ReviewerSearchForm(request.GET or None)
    return {"reviewer_search_form": search_form} | reviewers.candidates_for(
        article, search_form.text(), viewer=request.user
    )


@require_safe
@editor_required
def reviewer_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    """The reviewers suggested for an article and those its editor searched for (htmx)."""
    article = get_object_or_404(Article, pk=pk)
    if is_party(request.user, article):
        raise PermissionDenied
    return render(
        request,
        "publications/_reviewer_candidates.html",
        {"article": article} | _reviewer_choice(request, article),
    )


def _editor_action(request, pk, form_name, form_class, action, success_message):
    """Run an editor's action posted from the submission page; errors show beside the fields."""
    article = get_object_or_404(Article, pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(article, form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                _add_errors(form, error)
            else:
                # A refusal of the step itself (the article has moved on meanwhile): the page
                # may no longer show this form, so the refusal goes above the page.
                for message in error.messages:
                    messages.error(request, message)
                return redirect(article.get_submission_url())
        else:
            messages.success(request, success_message)
            return redirect(article.get_submission_url())
    return _render_submission(request, article, {form_name: form})


@require_POST
@editor_required
def assign_reviewer(request: HttpRequest, pk: int) -> HttpResponse:
    return _editor_action(
        request,
        pk,
        "assign_form",
        AssignReviewerForm,
        lambda article, data: services.assign_reviewer(
            article=article, reviewer=data["reviewer"].user, due_on=data["due_on"], by=request.user
        ),
        _("The reviewer was asked and emailed."),
    )


@require_POST
@editor_required
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    return _editor_action(
        request,
        pk,
        "decision_form",
        DecisionForm,
        lambda article, data: services.decide_article(
            article=article, decision=data["decision"], message=data["message"], by=request.user
        ),
        _("The decision was recorded and sent to the authors."),
    )


@require_POST
@editor_required
def place(request: HttpRequest, pk: int) -> HttpResponse:
    return _editor_action(
        request,
        pk,
        "place_form",
        PlaceInIssueForm,
        lambda article, data: services.place_article_in_issue(
            article=article, issue=data["issue"], position=data["position"], by=request.user
        ),
        _("The article was placed in the issue."),
    )


@editor_required
def copy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Copy-edit an accepted article."""
    article = get_object_or_404(Article, pk=pk)
    initial = _article_initial(article)
    form = CopyEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.copy_edit_article(
                article=article,
                by=request.user,
                done=form.cleaned_data["done"],
                **_article_fields(form),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The copy-edit was saved."))
            return redirect(article.get_submission_url())
    return render(request, "publications/copy_edit.html", {"form": form, "article": article})


@login_required
def revise(request: HttpRequest, pk: int) -> HttpResponse:
    """Let an author revise their article when the editors asked for it."""
    article = access.get_submission_for_user(request.user, pk)
    if not access.is_author_of(request.user, article):
        raise PermissionDenied
    initial = _article_initial(article)
    form = RevisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.revise_article(
                article=article,
                by=request.user,
                message=form.cleaned_data["message"],
                **_article_fields(form),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your revision was sent to the editors."))
            return redirect(article.get_submission_url())
    return render(request, "publications/revise.html", {"form": form, "article": article})


@require_POST
@login_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Let an author withdraw their submission."""
    article = access.get_submission_for_user(request.user, pk)
    if not access.is_author_of(request.user, article):
        raise PermissionDenied
    try:
        services.withdraw_article(article=article, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The article was withdrawn."))
    return redirect(article.get_submission_url())


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """Let a reviewer read the article and give a recommendation, or decline the review."""
    found: Review = access.get_review_for_reviewer(request.user, pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_review(review=found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Thank you: your review was sent to the editors."))
            return redirect("publications:submissions")
    return _render_review(request, found, form=form)


def _render_review(request, review: Review, *, form=None, decline_form=None) -> HttpResponse:
    """Render the reviewer's page; bound forms replace the blank ones to show their errors."""
    return render(
        request,
        "publications/review.html",
        {
            "review": review,
            "article": review.article,
            "form": form if form is not None else ReviewForm(),
            "decline_form": decline_form if decline_form is not None else DeclineReviewForm(),
        },
    )


@require_POST
@login_required
def decline_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Let a reviewer decline the review asked of them, with a reason if they give one."""
    found: Review = access.get_review_for_reviewer(request.user, pk)
    form = DeclineReviewForm(request.POST)
    if not form.is_valid():
        return _render_review(request, found, decline_form=form)
    try:
        services.decline_review(review=found, reason=form.cleaned_data["reason"], by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(found.get_absolute_url())
    messages.success(request, _("You declined the review; the editors were told. Thank you."))
    return redirect("publications:submissions")


@require_POST
@editor_required
def withdraw_reviewer(request: HttpRequest, pk: int) -> HttpResponse:
    """Let an editor release a reviewer from a review not given yet."""
    found = get_object_or_404(Review.objects.select_related("article"), pk=pk)
    try:
        services.withdraw_reviewer(review=found, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The reviewer was withdrawn and told by email."))
    return redirect(found.article.get_submission_url())


@login_required
def images(request: HttpRequest, pk: int) -> HttpResponse:
    """Add images with captions to an article, or remove them."""
    article = access.get_submission_for_user(request.user, pk)
    if not access.may_change_images(request.user, article):
        raise PermissionDenied
    form = ArticleImageForm()
    if request.method == "POST" and "remove" in request.POST:
        image_id = parse_id(request.POST["remove"], field="remove")
        image = get_object_or_404(ArticleImage, pk=image_id, article=article)
        services.remove_article_image(image=image, by=request.user)
        messages.success(request, _("The image was removed."))
        return redirect("publications:images", pk=article.pk)
    if request.method == "POST":
        form = ArticleImageForm(request.POST, request.FILES)
        if form.is_valid():
            services.add_article_image(article=article, by=request.user, **form.cleaned_data)
            messages.success(request, _("The image was added."))
            return redirect("publications:images", pk=article.pk)
    return render(
        request,
        "publications/images.html",
        {"article": article, "images": list(article.images.all()), "form": form},
    )


@editor_required
def desk(request: HttpRequest) -> HttpResponse:
    """The editors' desk: open submissions (a table sorted by its columns), issues, drafts."""
    sort = DESK_SORTS.choose(request.GET.get("sort"))
    articles = queries.editorial_desk(sort.order_by)
    reviewers.name_reviews(
        [review for article in articles for review in article.reviews.all()], viewer=request.user
    )
    return render(
        request,
        "publications/desk.html",
        {
            "articles": articles,
            "sort": sort,
            "issues": list(Issue.objects.order_by("-date")[:12]),
            "drafts": list(Post.objects.filter(published_at__isnull=True).select_related("author")),
        },
    )


@editor_required
def edit_issue(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create or edit an issue."""
    issue = get_object_or_404(Issue, pk=pk) if pk else None
    form = IssueForm(request.POST or None, request.FILES or None, instance=issue)
    if request.method == "POST" and form.is_valid():
        saved = services.save_issue(
            issue=form.save(commit=False), by=request.user, pdf_uploaded="pdf" in form.changed_data
        )
        messages.success(request, _("The issue was saved."))
        return redirect(saved.get_absolute_url())
    return render(request, "publications/issue_form.html", {"form": form, "issue": issue})


@require_POST
@editor_required
def publish_issue(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(Issue, pk=pk)
    try:
        services.publish_issue(issue=issue, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The issue and its articles are published."))
    return redirect(issue.get_absolute_url())


@require_POST
@editor_required
def generate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(Issue, pk=pk)
    if services.request_issue_pdf(issue=issue):
        messages.success(request, _("The PDF is being generated; it appears here in a minute."))
    else:
        messages.info(request, _("The PDF asked for earlier is still being generated."))
    return redirect(issue.get_absolute_url())


@editor_required
def edit_post(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Write or edit a news post."""
    found = get_object_or_404(Post, pk=pk) if pk else None
    initial = {"themes": list(found.themes.all())} if found else {}
    form = PostForm(request.POST or None, request.FILES or None, instance=found, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = services.save_post(
            post=form.save(commit=False),
            by=request.user,
            themes=form.cleaned_data["themes"],
            publish=form.cleaned_data["publish"],
        )
        messages.success(request, _("The post was saved."))
        return redirect(saved.get_absolute_url())
    return render(request, "publications/post_form.html", {"form": form, "post": found})
