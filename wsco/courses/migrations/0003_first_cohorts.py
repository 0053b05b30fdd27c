"""Move each cohort course's dates, capacity and seats into its first `Cohort`.

A course in cohort mode kept one cohort on its own row; its dates, capacity and seats taken
become a cohort of their own, and every enrolment of the course joins it, so nothing is lost.
Going back puts the first cohort's figures on the course again.
"""

from django.db import migrations


def into_cohorts(apps, schema_editor):
    Course = apps.get_model("courses", "Course")
    Cohort = apps.get_model("courses", "Cohort")
    Enrolment = apps.get_model("courses", "Enrolment")
    for course in Course.objects.filter(starts_on__isnull=False, ends_on__isnull=False):
        cohort = Cohort.objects.create(
            course=course,
            starts_on=course.starts_on,
            ends_on=course.ends_on,
            capacity=course.capacity,
            seats_taken=course.seats_taken,
        )
        Enrolment.objects.filter(course=course).update(cohort=cohort)


def back_onto_courses(apps, schema_editor):
    Course = apps.get_model("courses", "Course")
    Cohort = apps.get_model("courses", "Cohort")
    for course in Course.objects.all():
        first = Cohort.objects.filter(course=course).order_by("starts_on", "pk").first()
        if first is None:
            continue
        Course.objects.filter(pk=course.pk).update(
            starts_on=first.starts_on,
            ends_on=first.ends_on,
            capacity=first.capacity,
            seats_taken=first.seats_taken,
        )


class Migration(migrations.Migration):
    dependencies = [("courses", "0002_cohorts")]

    operations = [migrations.RunPython(into_cohorts, back_onto_courses)]
