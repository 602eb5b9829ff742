# ADR 0031: the stored plan of each dossier. Existing rows get NULL in `destroy_on`, which means
# "no plan stored: read the dossier's state", what they did before; the next refresh of a
# dossier or the nightly rebuild (`retention.due_index.rebuild`) stores their plans.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('retention', '0003_dossier_due'),
    ]

    operations = [
        migrations.AddField(
            model_name='dossierdue',
            name='destroy_on',
            field=models.DateField(blank=True, null=True, verbose_name='destroy on'),
        ),
        migrations.AddField(
            model_name='dossierdue',
            name='destroy_rule',
            field=models.CharField(blank=True, default='', max_length=30, verbose_name='destroy rule'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='dossierdue',
            name='archive_on',
            field=models.DateField(blank=True, null=True, verbose_name='archive on'),
        ),
        migrations.AddField(
            model_name='dossierdue',
            name='busy_until',
            field=models.DateField(blank=True, null=True, verbose_name='in progress until'),
        ),
        migrations.AddField(
            model_name='dossierdue',
            name='casusoverleg',
            field=models.CharField(blank=True, default='', max_length=200, verbose_name='casusoverleg'),
            preserve_default=False,
        ),
    ]
