"""Keep every affiliation made before requests to join existed, as an approved request.

`Profile.organization` is left as it is (nothing is lost); each profile listed with an
organization gets the approved request that records it, decided by nobody (the platform).
"""

from django.db import migrations


def record_existing_affiliations(apps, schema_editor):
    Profile = apps.get_model("members", "Profile")
    JoinRequest = apps.get_model("members", "JoinRequest")
    profiles = (
        Profile.objects.filter(organization__isnull=False)
        .values_list("pk", "organization_id", "created_at")
        .order_by("pk")
    )
    JoinRequest.objects.bulk_create(
        [
            JoinRequest(
                profile_id=profile_id,
                organization_id=organization_id,
                status="approved",
                created_at=created_at,
                decided_at=created_at,
            )
            for profile_id, organization_id, created_at in profiles.iterator(chunk_size=2000)
        ],
        batch_size=1000,
    )


def forget_recorded_affiliations(apps, schema_editor):
    # Going back keeps `Profile.organization`; the table of requests is dropped by 0007.
    pass


class Migration(migrations.Migration):
    dependencies = [("members", "0007_seat_invitations_and_join_requests")]

    operations = [
        migrations.RunPython(record_existing_affiliations, forget_recorded_affiliations),
    ]
