"""Issue 13: the numbers of a casusoverleg's cases read from an index alone (`CasesFile
.dossier_keys`, the access log's rule of S2), in place of the plain index on the casusoverleg,
which the new one leads with."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0017_list_order_of_the_api"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The covering index first, so the rows are never without an index on the column.
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["casusoverleg"], include=("number",), name="case_keys_per_casusoverleg"
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="casusoverleg",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="cases",
                to="cases.casusoverleg",
                verbose_name="casusoverleg",
            ),
        ),
    ]
