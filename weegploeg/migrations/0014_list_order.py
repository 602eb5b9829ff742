"""Issue 13: the index of the list's default order, over the rows the list shows (B3): a page
is read in that order, each row checked against the permission table until the page is full,
where every visible dossier was read and sorted (the politie's list: a sort of all its region's
dossiers on every page view). Built in the migration's transaction, which holds off writes to
the table while it is built: seconds at national scale."""

import django.db.models.functions.comparison
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('parties', '0006_merge_0005_concur_version_0005_p8_file_authorisation'),
        ('weegploeg', '0013_permission_statistics'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='assessment',
            index=models.Index(models.Case(models.When(status='open', then=models.Value(0)), default=models.Value(1)), django.db.models.functions.comparison.Coalesce('last_checked_at', 'created_at'), models.F('id'), condition=models.Q(('archived_at__isnull', True)), name='assessment_list_order'),
        ),
    ]
