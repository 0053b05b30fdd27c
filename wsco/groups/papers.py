"""The position paper: an accepted solution published as a PDF with its authors.

Made by the platform's one renderer (`wsco.core.pdf.render_pdf`) in the site's language.
"""

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from wsco.core.markdown import render_markdown
from wsco.core.pdf import render_pdf
from wsco.groups.access import require_lead
from wsco.groups.models import SOLUTION_WORKFLOW, Solution

PAPER_DOCUMENT = "groups.position_paper"


def paper_html(solution: Solution, *, authors: list[str], body_markdown: str | None = None) -> str:
    """Return the HTML of the position paper of `solution`."""
    problem = solution.problem
    return render_to_string(
        "groups/paper.html",
        {
            "solution": solution,
            "problem": problem,
            "group": problem.group,
            "authors": authors,
            "body": render_markdown(solution.body if body_markdown is None else body_markdown),
            "problem_text": render_markdown(problem.description),
        },
    )


def _author_names(solution: Solution) -> list[str]:
    # A paper's authors are named on it: they published it with the group.
    return sorted(
        (getattr(user, "profile", None) and user.profile.name) or user.email
        for user in solution.authors.select_related("profile")
    )


@transaction.atomic
def publish_paper(*, solution: Solution, by) -> Solution:
    """Make and publish the position paper of an accepted solution (the group's leads)."""
    require_lead(by, solution.problem.group)
    solution = SOLUTION_WORKFLOW.lock(solution, "publish_paper", by=by)
    with translation.override(settings.LANGUAGE_CODE):
        pdf = render_pdf(
            paper_html(solution, authors=_author_names(solution)), document=PAPER_DOCUMENT
        )
    solution.paper.save(f"position-paper-{solution.pk}.pdf", ContentFile(pdf), save=False)
    return SOLUTION_WORKFLOW.advance(
        solution, "publish_paper", paper=solution.paper.name, paper_published_at=timezone.now()
    )


def sample_paper(markdown: str) -> bytes:
    """Return a position paper whose proposal is `markdown` (the PDF checks' sample)."""
    from wsco.groups.models import Problem, WorkingGroup

    group = WorkingGroup(name="Sample group", slug="sample", type="experts", mandate=markdown)
    problem = Problem(group=group, title="Sample problem", description=markdown, severity="high")
    solution = Solution(problem=problem, title="Sample solution", body=markdown)
    return render_pdf(
        paper_html(solution, authors=["A. Author"], body_markdown=markdown),
        document=PAPER_DOCUMENT,
    )
