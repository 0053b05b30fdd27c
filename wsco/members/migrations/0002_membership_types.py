from decimal import Decimal

from django.db import migrations

# The membership types on offer at launch; staff change fees and periods in the admin.
TYPES = [
    ("individual", "Individual", 12, Decimal("120.00")),
    ("political", "Political organization", 12, Decimal("600.00")),
    ("institutional", "Institutional", 12, Decimal("900.00")),
    ("corporate", "Corporate", 12, Decimal("1500.00")),
]


def create_types(apps, schema_editor):
    MembershipType = apps.get_model("members", "MembershipType")
    for kind, name, months, fee in TYPES:
        MembershipType.objects.get_or_create(
            kind=kind,
            defaults={"name": name, "period_months": months, "fee_amount": fee, "fee_currency": "EUR"},
        )


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]
    operations = [migrations.RunPython(create_types, migrations.RunPython.noop)]
