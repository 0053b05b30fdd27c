"""The table of Django's database cache, the default cache when Redis is not configured.

Made here rather than by `createcachetable` so that `migrate` alone readies a new database
(development, a fresh deploy, the test databases).
"""

from django.core.management import call_command
from django.db import migrations

TABLE = "wsco_cache"


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0002_themes")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table, elidable=False)]
