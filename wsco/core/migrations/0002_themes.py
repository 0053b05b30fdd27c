from django.db import migrations

# The 19 themes of ISO 37120:2018, by slug and clause (names live in wsco/core/themes.py).
THEMES = [
    ("economy", 5), ("education", 6), ("energy", 7), ("environment", 8), ("finance", 9),
    ("governance", 10), ("health", 11), ("housing", 12), ("population", 13), ("recreation", 14),
    ("safety", 15), ("solid-waste", 16), ("sport-culture", 17), ("telecommunication", 18),
    ("transportation", 19), ("agriculture", 20), ("urban-planning", 21), ("wastewater", 22),
    ("water", 23),
]


def create_themes(apps, schema_editor):
    Theme = apps.get_model("core", "Theme")
    for slug, clause in THEMES:
        Theme.objects.update_or_create(slug=slug, defaults={"clause": clause})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(create_themes, migrations.RunPython.noop)]
