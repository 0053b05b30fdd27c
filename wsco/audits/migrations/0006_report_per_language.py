"""An audit's report per language: the one stored report becomes the default language's."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import wsco.core.uploads


def keep_stored_reports(apps, schema_editor):
    """Each audit's stored report (made in the default language) becomes that language's."""
    Audit = apps.get_model("audits", "Audit")
    AuditReport = apps.get_model("audits", "AuditReport")
    made = Audit.objects.exclude(report="", report_requested_at=None)
    AuditReport.objects.bulk_create(
        AuditReport(
            audit_id=audit.pk,
            language=settings.LANGUAGE_CODE,
            file=audit.report.name,
            key=audit.report_key,
            requested_at=audit.report_requested_at,
        )
        for audit in made.only("report", "report_key", "report_requested_at").iterator()
    )


def put_back_default_reports(apps, schema_editor):
    Audit = apps.get_model("audits", "Audit")
    AuditReport = apps.get_model("audits", "AuditReport")
    for report in AuditReport.objects.filter(language=settings.LANGUAGE_CODE).iterator():
        Audit.objects.filter(pk=report.audit_id).update(
            report=report.file.name,
            report_key=report.key,
            report_requested_at=report.requested_at,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("audits", "0005_report"),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditReport",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("language", models.CharField(max_length=10, verbose_name="language")),
                (
                    "file",
                    wsco.core.uploads.UploadField(
                        blank=True, kind="pdf", upload_to="audits/reports/", verbose_name="report"
                    ),
                ),
                ("key", models.CharField(blank=True, max_length=64, verbose_name="report key")),
                (
                    "requested_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="report requested at"),
                ),
                (
                    "audit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reports",
                        to="audits.audit",
                    ),
                ),
            ],
            options={
                "verbose_name": "audit report",
                "verbose_name_plural": "audit reports",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("audit", "language"), name="audits_one_report_per_language"
                    )
                ],
            },
        ),
        migrations.RunPython(keep_stored_reports, put_back_default_reports),
        migrations.RemoveField(model_name="audit", name="report"),
        migrations.RemoveField(model_name="audit", name="report_key"),
        migrations.RemoveField(model_name="audit", name="report_requested_at"),
    ]
