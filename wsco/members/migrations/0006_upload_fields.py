# Photos and logos go through wsco.core.uploads; stored files keep their names and are served by
# wsco.core.views.serve_file, so no file moves.

import wsco.core.uploads
from django.db import migrations

from wsco.core.search import search_index_operations


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0005_merge_search_and_membership_dates'),
    ]

    operations = [
        migrations.AlterField(
            model_name='organization',
            name='logo',
            field=wsco.core.uploads.UploadField(blank=True, kind='logo', upload_to='logos/', verbose_name='logo'),
        ),
        migrations.AlterField(
            model_name='profile',
            name='photo',
            field=wsco.core.uploads.UploadField(blank=True, kind='photo', upload_to='photos/', verbose_name='photo'),
        ),
        # SQLite rebuilt both tables above, which dropped their search triggers.
        *search_index_operations("members_profile"),
        *search_index_operations("members_organization"),
    ]
