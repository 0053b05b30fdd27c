"""Index the search documents of profiles and organizations (FTS5 on SQLite, pg_trgm on PostgreSQL)."""

from django.db import migrations

from wsco.core.search import search_index_operations


class Migration(migrations.Migration):
    dependencies = [("members", "0002_membership_types")]
    operations = [
        *search_index_operations("members_profile"),
        *search_index_operations("members_organization"),
    ]
