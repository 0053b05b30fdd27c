"""Background tasks of the publications app."""

from django_tasks import task

from wsco.publications import services
from wsco.publications.models import Issue


@task()
def generate_issue_pdf_task(*, issue_id: int) -> None:
    """Render an issue's PDF from its articles (it takes seconds: never in a request)."""
    issue = Issue.objects.filter(pk=issue_id).first()
    if issue is not None:
        services.generate_issue_pdf(issue=issue)
