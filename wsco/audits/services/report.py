"""An audit's report as a PDF: made by a task, stored on the audit, made again when it changes.

The report shows what the platform keeps of an audit (the engine's `IndicatorResult` rows, its
levels, the team), never a value worked out here: the names and units of the indicators come
from the engine's catalogue, the level rules from `wsco.audits.engine.levels`. It is rendered
by the platform's one renderer (`wsco.core.pdf.render_pdf`) in the language of whoever asks
for it (English or Romanian): one stored file per audit and language (`AuditReport`).

A report's `key` is a fingerprint of everything it shows. The stored file is served while its
key matches the audit's; otherwise a task makes it again (`request_report`), so a report is
never made per keystroke of data entry, only when someone asks for it or the audit is published.
"""

import datetime
import hashlib
import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wsco.audits.charts import Profile, ProfileLine, draw_profile, theme_profile_data
from wsco.audits.engine.catalogue import load_catalogue
from wsco.audits.engine.levels import NO_LEVEL, thresholds
from wsco.audits.models import EDITIONS, Audit, AuditReport, AuditStatus, TeamRole
from wsco.core.charts import Series, bar_chart
from wsco.core.pdf import render_pdf
from wsco.core.themes import THEMES, THEMES_BY_SLUG
from wsco.formats import number as number_text

REPORT_DOCUMENT = "audits.report"
# Changed whenever the template changes what a report shows, so every stored report is redone.
REPORT_LAYOUT = "3"
# A request for a report not answered in this time is made again (its task was lost).
REQUEST_PATIENCE = datetime.timedelta(minutes=2)
OUTCOMES = ["ok", "warning", "missing", "invalid"]


@dataclass(frozen=True)
class IndicatorLine:
    """One indicator as the report lists it."""

    key: str
    number: str
    name: str
    unit: str
    type: str
    value: str
    outcome: str


@dataclass(frozen=True)
class ThemeLine:
    """A theme's indicators in the report: how many the city reported of how many."""

    slug: str
    name: str
    reported: int
    total: int
    indicators: list[IndicatorLine] = field(default_factory=list)


def level_label(level: str) -> str:
    """Return a level as the report names it ("Gold"; "no level" when none is reached)."""
    return _("no level") if level in {"", NO_LEVEL} else level


@dataclass(frozen=True)
class EditionLevel:
    """The level the audit reaches in one edition, and that edition's rule."""

    edition: str
    label: str
    level: str
    rule: list[str]

    @property
    def level_label(self) -> str:
        return level_label(self.level)


@dataclass(frozen=True)
class ReportData:
    """Everything an audit's report shows, as plain data (so a sample needs no database)."""

    city: str
    country: str
    region: str
    population: int | None
    year: int
    version: int
    editions_label: str
    level: str
    status: str
    status_label: str
    levels: list[EditionLevel]
    themes: list[ThemeLine]
    outcomes: dict[str, int]
    auditors: list[str]
    verified_on: str = ""
    published_on: str = ""
    # What the auditors wrote when they signed the verification (Markdown, sanitised).
    verification_note: str = ""
    # The theme scores of a published, benchmarked audit, with their reference marks.
    theme_profile: Profile | None = None
    # The language the report is written in (its texts are read in it).
    language: str = ""

    @property
    def is_published(self) -> bool:
        return self.status == AuditStatus.PUBLISHED

    @property
    def level_label(self) -> str:
        return level_label(self.level)

    @property
    def is_verified(self) -> bool:
        return self.status in {AuditStatus.VERIFIED, AuditStatus.PUBLISHED}

    @property
    def reported(self) -> int:
        return self.outcomes.get("ok", 0) + self.outcomes.get("warning", 0)

    @property
    def total(self) -> int:
        return sum(self.outcomes.values())

    def key(self) -> str:
        """Return the fingerprint of what the report shows (its stored file's `report_key`)."""
        text = json.dumps([REPORT_LAYOUT, asdict(self)], default=str)
        return hashlib.sha256(text.encode()).hexdigest()


def value_text(value: float | None) -> str:
    """Return an indicator's value as the report writes it: grouped, at most two decimals."""
    if value is None:
        return "–"
    if value == int(value) and abs(value) < 1e15:
        return number_text(int(value))
    return number_text(round(value, 2 if abs(value) >= 1 else 4))


def level_rule(edition: str) -> list[str]:
    """Return the level ladder of `edition` in words (the engine's thresholds, best first)."""
    rule = thresholds(edition)
    lines = []
    for level, core, supporting in rule.ladder:
        if rule.core_total:
            lines.append(
                _(
                    "%(level)s: %(core)s of %(core_total)s core and %(supporting)s of "
                    "%(supporting_total)s supporting indicators"
                )
                % {
                    "level": level,
                    "core": core,
                    "core_total": rule.core_total,
                    "supporting": supporting,
                    "supporting_total": rule.supporting_total,
                }
            )
        else:
            lines.append(
                _("%(level)s: %(count)s of %(total)s indicators")
                % {"level": level, "count": core, "total": rule.supporting_total}
            )
    return lines


def _auditor_names(audit: Audit) -> list[str]:
    """The auditors who verify the audit: named on its statement, which they sign."""
    from wsco.members.people import show

    names = []
    for member in audit.team.filter(role=TeamRole.AUDITOR).select_related("user__profile"):
        profile = getattr(member.user, "profile", None)
        if profile is not None:
            names.append(str(show(profile, AnonymousUser(), named=True).name))
    return names


@dataclass(frozen=True)
class StoredResult:
    indicator: str
    theme: str
    value: float | None
    outcome: str


def report_data(audit: Audit) -> ReportData:
    """Read what the report of `audit` shows: its city, levels, results by theme and team."""
    catalogue = load_catalogue()
    results = {
        row[0]: StoredResult(*row)
        for row in audit.results.values_list("indicator", "theme", "value", "outcome")
    }
    by_theme: dict[str, list[IndicatorLine]] = {}
    outcomes = dict.fromkeys(OUTCOMES, 0)
    for edition in audit.edition_list:
        for indicator in catalogue.for_standard(edition):
            row = results.get(indicator.key)
            outcome = row.outcome if row is not None else "missing"
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            theme = row.theme if row is not None and row.theme else _theme_of(indicator.theme)
            by_theme.setdefault(theme, []).append(
                IndicatorLine(
                    key=indicator.key,
                    number=indicator.number,
                    name=indicator.name,
                    unit=indicator.unit,
                    type=indicator.type,
                    value=value_text(row.value if row is not None else None),
                    outcome=outcome,
                )
            )
    return ReportData(
        city=audit.city.name,
        country=audit.city.country.name if audit.city.country else "",
        region=audit.city.region,
        population=audit.city.population,
        year=audit.year,
        version=audit.version,
        editions_label=audit.editions_label,
        level=audit.level or NO_LEVEL,
        status=audit.status,
        status_label=str(audit.get_status_display()),
        levels=[
            EditionLevel(
                edition=edition,
                label=EDITIONS[edition],
                level=audit.levels.get(edition, NO_LEVEL),
                rule=level_rule(edition),
            )
            for edition in audit.edition_list
        ],
        themes=_theme_lines(by_theme),
        outcomes=outcomes,
        auditors=_auditor_names(audit),
        verified_on=_day(audit.verified_at),
        published_on=_day(audit.published_at),
        verification_note=_verification_note(audit),
        theme_profile=_theme_profile(audit),
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )


def _theme_profile(audit: Audit) -> Profile | None:
    """The audit's theme profile once it is published and benchmarked, else None."""
    if audit.status != AuditStatus.PUBLISHED:
        return None
    profile = theme_profile_data(audit)
    return profile if profile.has_scores else None


def _verification_note(audit: Audit) -> str:
    """The comment of the step that verified the audit, if the audit is verified."""
    if audit.status not in {AuditStatus.VERIFIED, AuditStatus.PUBLISHED}:
        return ""
    event = audit.events.filter(to_status=AuditStatus.VERIFIED).order_by("-at", "-pk").first()
    return event.comment if event is not None else ""


def _theme_of(catalogue_theme: str) -> str:
    from wsco.audits.services.results import theme_slug

    return theme_slug(catalogue_theme)


def _day(moment) -> str:
    return moment.date().isoformat() if moment else ""


def _theme_lines(by_theme: dict[str, list[IndicatorLine]]) -> list[ThemeLine]:
    """Order the themes as the taxonomy does (clause 5 to 23); unknown ones last."""
    order = [theme.slug for theme in THEMES] + sorted(set(by_theme) - set(THEMES_BY_SLUG))
    lines = []
    for slug in order:
        indicators = by_theme.get(slug)
        if not indicators:
            continue
        theme = THEMES_BY_SLUG.get(slug)
        lines.append(
            ThemeLine(
                slug=slug,
                name=str(theme.name) if theme else slug or _("Other"),
                reported=sum(line.outcome in {"ok", "warning"} for line in indicators),
                total=len(indicators),
                indicators=indicators,
            )
        )
    return lines


def themes_chart(data: ReportData) -> str:
    """Return the themes' chart (SVG and its table): the theme profile when the audit has
    scores, else the indicators reported per theme."""
    if data.theme_profile is not None:
        return draw_profile(data.theme_profile, year=data.year, key="report-profile")
    if not data.themes:
        return ""
    return bar_chart(
        title=_("Indicators reported per theme"),
        description=_(
            "For each theme, numbered as in the list below, the indicators the city "
            "reported (valid or with a warning)."
        ),
        category_name=_("Theme"),
        categories=[theme.name for theme in data.themes],
        axis_labels=[str(index) for index, _theme in enumerate(data.themes, start=1)],
        series=[Series(name=_("Reported"), values=[theme.reported for theme in data.themes])],
        key="report-themes",
    )


def report_pdf(data: ReportData) -> bytes:
    """Return the PDF of the report `data` describes, in the active language."""
    html = render_to_string(
        "audits/report/report.html", {"report": data, "chart": themes_chart(data)}
    )
    return render_pdf(html, document=REPORT_DOCUMENT)


def sample_report(markdown: str) -> bytes:
    """Return a report's PDF with `markdown` wherever people's text goes (names, region)."""
    line = IndicatorLine(
        key="ISO37120:2018/5.1",
        number="5.1",
        name="Unemployment rate",
        unit="%",
        type="core",
        value="8.5",
        outcome="ok",
    )
    data = ReportData(
        city=markdown[:150],
        country="Romania",
        region=markdown[:150],
        population=300_000,
        year=2025,
        version=1,
        editions_label="ISO 37120:2018",
        level="Gold",
        status=AuditStatus.PUBLISHED,
        status_label=str(AuditStatus.PUBLISHED.label),
        levels=[
            EditionLevel(
                edition="ISO37120:2018",
                label="ISO 37120:2018",
                level="Gold",
                rule=level_rule("ISO37120:2018"),
            )
        ],
        themes=[ThemeLine(slug="economy", name="Economy", reported=1, total=1, indicators=[line])],
        outcomes={"ok": 1, "warning": 0, "missing": 0, "invalid": 0},
        auditors=[markdown[:150], markdown[:150]],
        verified_on="2026-03-01",
        published_on="2026-03-02",
        verification_note=markdown,
        theme_profile=Profile(
            lines=[
                ProfileLine(theme="Economy", score=Decimal("72.5"), reference=Decimal("60")),
                ProfileLine(theme="Education", score=None, reference=Decimal("55.2")),
            ],
            reference_name=markdown[:150],
        ),
    )
    return report_pdf(data)


def report_language(language: str | None) -> str:
    """Return the site's language a report is made in for `language` ("ro-RO" is "ro"); the
    default language for any other."""
    codes = [code for code, _name in settings.LANGUAGES]
    if language in codes:
        return language
    general = (language or "").partition("-")[0]
    return general if general in codes else settings.LANGUAGE_CODE


def stored_report(audit: Audit, language: str) -> AuditReport | None:
    """Return the audit's report in `language` as stored (it may be stale), if any."""
    return AuditReport.objects.filter(audit=audit, language=language).first()


def report_is_current(
    audit: Audit, language: str, *, stored: AuditReport | None = None, data=None
) -> bool:
    """Say whether the audit's stored report in `language` shows the audit as it is now."""
    stored = stored or stored_report(audit, language)
    if stored is None or not stored.file or not stored.key:
        return False
    if data is None:
        with translation.override(language):
            data = report_data(audit)
    return stored.key == data.key()


def make_report(*, audit: Audit, language: str = settings.LANGUAGE_CODE) -> AuditReport:
    """Render the audit's report in `language` and store it in place of the old one (nothing
    if current).

    Safe to run twice: a second run finds the stored report current and leaves it.
    """
    language = report_language(language)
    stored, _created = AuditReport.objects.get_or_create(audit=audit, language=language)
    with translation.override(language):
        data = report_data(audit)
        if report_is_current(audit, language, stored=stored, data=data):
            AuditReport.objects.filter(pk=stored.pk).update(requested_at=None)
            stored.requested_at = None
            return stored
        content = report_pdf(data)
    old = stored.file.name if stored.file else ""
    stored.file.save(f"audit-{audit.pk}-{language}.pdf", ContentFile(content), save=False)
    AuditReport.objects.filter(pk=stored.pk).update(
        file=stored.file.name, key=data.key(), requested_at=None
    )
    if old and old != stored.file.name:
        stored.file.storage.delete(old)
    stored.key, stored.requested_at = data.key(), None
    return stored


def request_report(audit: Audit, language: str, *, now=None) -> bool:
    """Queue the task that makes the audit's report in `language`, unless one was asked for
    just now.

    Return whether a task was queued. The task runs once the current transaction commits.
    """
    from wsco.audits.tasks import make_audit_report

    language = report_language(language)
    now = now or timezone.now()
    recent = now - REQUEST_PATIENCE
    stored, _created = AuditReport.objects.get_or_create(audit=audit, language=language)
    asked = (
        AuditReport.objects.filter(pk=stored.pk)
        .exclude(requested_at__gt=recent)
        .update(requested_at=now)
    )
    if not asked:
        return False
    transaction.on_commit(lambda: make_audit_report.enqueue(audit_id=audit.pk, language=language))
    return True


def request_reports(audit: Audit) -> None:
    """Queue the audit's report in every language of the site (at publication)."""
    for language, _name in settings.LANGUAGES:
        request_report(audit, language)
