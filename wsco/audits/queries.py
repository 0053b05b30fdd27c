"""Reads of the audits app that pages reuse: a value's verification, a version's changes."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from wsco.audits.models import (
    Audit,
    BaseValue,
    Query,
    QueryStatus,
    ReportedValue,
)
from wsco.audits.services.results import BASE_FILE, REPORTED_FILE, EngineRun

BASE, REPORTED = "base", "reported"
VALUE_MODELS = {BASE: BaseValue, REPORTED: ReportedValue}


@dataclass
class ValueUnderVerification:
    """One entered value as its auditors see it: the row, the engine's findings, its queries."""

    kind: str
    row: BaseValue | ReportedValue
    findings: list[dict]
    queries: list[Query] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.row.variable if self.kind == BASE else self.row.indicator

    @property
    def shown(self) -> str:
        """The value as the city wrote it (a reported one: value, numerator / denominator)."""
        if self.kind == BASE:
            return self.row.value
        return reported_text(self.row.numerator, self.row.denominator, self.row.value)

    @property
    def open_queries(self) -> list[Query]:
        return [query for query in self.queries if query.status != QueryStatus.SETTLED]

    @property
    def evidence_url(self) -> str:
        return evidence_url(self.row)


def reported_text(numerator: str, denominator: str, value: str) -> str:
    """Return a reported indicator as one text: "8 (12000 / 150000)"."""
    ratio = " / ".join(text for text in (numerator, denominator) if text)
    if ratio and value:
        return f"{value} ({ratio})"
    return value or ratio


def evidence_url(row) -> str:
    """Return the link to a value's evidence file, or "" when it has none.

    The evidence is the value's `evidence` file field (served to the audit's readers only,
    through `wsco.core.files`); a value without one has no link.
    """
    evidence = getattr(row, "evidence", None)
    if not evidence:
        return ""
    return getattr(evidence, "url", "") or ""


def values_under_verification(audit: Audit, run: EngineRun) -> list[ValueUnderVerification]:
    """Return every value of `audit` with its findings and its queries, base values first."""
    queries: dict[tuple[str, int], list[Query]] = {}
    for query in audit.queries.select_related("raised_by__profile", "answered_by__profile"):
        if query.base_value_id:
            queries.setdefault((BASE, query.base_value_id), []).append(query)
        else:
            queries.setdefault((REPORTED, query.reported_value_id), []).append(query)
    files = {BASE: BASE_FILE, REPORTED: REPORTED_FILE}
    found = []
    for kind, model in VALUE_MODELS.items():
        for row in model.objects.filter(audit=audit).select_related("accepted_by__profile"):
            found.append(
                ValueUnderVerification(
                    kind=kind,
                    row=row,
                    findings=run.findings_for(files[kind], row.pk),
                    queries=queries.get((kind, row.pk), []),
                )
            )
    return found


def query_counts(audit: Audit) -> dict[str, int]:
    """Return how many of the audit's queries are open, answered and settled."""
    counts = audit.queries.aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in QueryStatus.values}
    )
    return {status: counts[status] or 0 for status in QueryStatus.values}


@dataclass(frozen=True)
class Change:
    """One value that differs between an audit and the version it corrects."""

    kind: str
    key: str
    old: str | None
    new: str | None


def _texts(audit: Audit) -> dict[tuple[str, str], str]:
    texts = {
        (BASE, variable): value
        for variable, value in BaseValue.objects.filter(audit=audit).values_list(
            "variable", "value"
        )
    }
    for indicator, numerator, denominator, value in ReportedValue.objects.filter(
        audit=audit
    ).values_list("indicator", "numerator", "denominator", "value"):
        texts[(REPORTED, indicator)] = reported_text(numerator, denominator, value)
    return texts


def changes_since_previous(audit: Audit) -> list[Change]:
    """Return what differs from the version `audit` corrects: each variable or indicator whose
    value was changed, added (old None) or removed (new None); empty for a first version."""
    if audit.previous_version_id is None:
        return []
    before, after = _texts(audit.previous_version), _texts(audit)
    return [
        Change(kind=kind, key=key, old=before.get((kind, key)), new=after.get((kind, key)))
        for kind, key in sorted(before.keys() | after.keys())
        if before.get((kind, key)) != after.get((kind, key))
    ]
