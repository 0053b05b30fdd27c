# Article images, covers, author photos and the issue PDF go through wsco.core.uploads; stored
# files keep their names and are served by wsco.core.views.serve_file, so no file moves.

import wsco.core.uploads
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('publications', '0002_review_decline_and_withdrawal'),
    ]

    operations = [
        migrations.AlterField(
            model_name='articleimage',
            name='image',
            field=wsco.core.uploads.UploadField(kind='figure', upload_to='magazine/images/', verbose_name='image'),
        ),
        migrations.AlterField(
            model_name='author',
            name='photo',
            field=wsco.core.uploads.UploadField(blank=True, kind='photo', upload_to='authors/', verbose_name='photo'),
        ),
        migrations.AlterField(
            model_name='issue',
            name='cover',
            field=wsco.core.uploads.UploadField(blank=True, kind='cover', upload_to='magazine/covers/', verbose_name='cover'),
        ),
        migrations.AlterField(
            model_name='issue',
            name='pdf',
            field=wsco.core.uploads.UploadField(blank=True, kind='pdf', upload_to='magazine/pdf/', verbose_name='PDF of the issue'),
        ),
        migrations.AlterField(
            model_name='post',
            name='cover',
            field=wsco.core.uploads.UploadField(blank=True, kind='cover', upload_to='news/covers/', verbose_name='cover'),
        ),
    ]
