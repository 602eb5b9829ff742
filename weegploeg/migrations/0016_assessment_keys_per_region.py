"""Issue 13: the numbers of a Veiligheidshuis's assessments read from an index alone
(`WeegploegFile.dossier_keys`, the access log's rule of S2: 10,000 at national scale, from 5,000
heap pages before), in place of the plain index on the Veiligheidshuis, which the new one leads
with."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("parties", "0006_merge_0005_concur_version_0005_p8_file_authorisation"),
        ("weegploeg", "0015_list_order_of_the_api"),
    ]

    operations = [
        # The covering index first, so the rows are never without an index on the column.
        migrations.AddIndex(
            model_name="assessment",
            index=models.Index(
                fields=["veiligheidshuis"], include=("number",), name="assessment_keys_per_region"
            ),
        ),
        migrations.AlterField(
            model_name="assessment",
            name="veiligheidshuis",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="assessments",
                to="parties.veiligheidshuis",
                verbose_name="Veiligheidshuis",
            ),
        ),
    ]
