"""Issue 13: a partial index of the open, unarchived assessments, which the weegploeg's panels
start from (30,000 of 250,000 at national scale) instead of scanning the table."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('parties', '0006_merge_0005_concur_version_0005_p8_file_authorisation'),
        ('weegploeg', '0016_assessment_keys_per_region'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='assessment',
            index=models.Index(condition=models.Q(('archived_at__isnull', True), ('status', 'open')), fields=['id'], name='assessment_open'),
        ),
    ]
