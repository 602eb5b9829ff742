import django.db.models.deletion
from dateutil.relativedelta import relativedelta
from django.db import migrations, models


def backfill(apps, schema_editor):
    """The duties recorded so far were all started by a weegploeg outcome (I1): they belong to
    the weegploeg file of the dossier's Veiligheidshuis and are due a month after the outcome
    (AVG 14.3)."""
    Duty = apps.get_model("rights", "DutyToInform")
    Assessment = apps.get_model("weegploeg", "Assessment")
    DataFile = apps.get_model("parties", "DataFile")
    for duty in Duty.objects.filter(data_file__isnull=True):
        assessment = Assessment.objects.filter(number=duty.dossier_key).first()
        data_file = (
            DataFile.objects.filter(kind="weegploeg", key=assessment.veiligheidshuis.code).first()
            if assessment is not None
            else None
        )
        if data_file is None:  # its dossier is gone: nothing left to inform about
            duty.delete()
            continue
        duty.data_file = data_file
        duty.due_on = duty.started_on + relativedelta(months=1)
        duty.save(update_fields=["data_file", "due_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("rights", "0003_rights_intake"),
        ("weegploeg", "0007_cleanup_drop_user_permissions"),
        ("parties", "0006_merge_0005_concur_version_0005_p8_file_authorisation"),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="dutytoinform",
            name="data_file",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="parties.datafile",
                verbose_name="file",
            ),
        ),
        migrations.AlterField(
            model_name="dutytoinform",
            name="due_on",
            field=models.DateField(verbose_name="due on"),
        ),
        migrations.AlterField(
            model_name="dutytoinform",
            name="occasion",
            field=models.CharField(
                choices=[
                    ("outcome", "Outcome of the weegploeg"),
                    ("agendering", "First put on the agenda of a casusoverleg"),
                    ("related_person", "Person registered in the file"),
                    ("closing", "Approach closed"),
                ],
                max_length=20,
                verbose_name="occasion",
            ),
        ),
    ]
