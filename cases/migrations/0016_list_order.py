"""Issue 13: the index of the list's default order, over the rows the list shows (B3): a page
is read in that order, each row checked against the permission table until the page is full,
where every visible dossier was read and sorted (the politie's list: a sort of all its region's
dossiers on every page view). Built in the migration's transaction, which holds off writes to
the table while it is built: seconds at national scale."""

import datetime
import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0015_permission_statistics'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='case',
            index=models.Index(models.Case(models.When(status='active', then=models.Value(0)), models.When(status='closed', then=models.Value(1)), default=models.Value(2)), django.db.models.functions.comparison.Coalesce('next_measure_deadline', models.Value(datetime.date(9999, 12, 31))), models.F('id'), condition=models.Q(('status', 'archived'), _negated=True), name='case_list_order'),
        ),
    ]
