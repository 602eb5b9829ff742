"""C11, B3, B4: the retention terms of a casusoverleg move from its own columns (years) to the
RetentionTerms of its ICO file (months), kept by `retention`. Only terms that differ from the
covenant's defaults (one and five years) are written; a casusoverleg whose file does not exist
yet keeps the defaults (its file is made on first use)."""

from django.db import migrations

DEFAULT_YEARS = (1, 5)


def terms_to_files(apps, schema_editor):
    CasusOverleg = apps.get_model("cases", "CasusOverleg")
    DataFile = apps.get_model("parties", "DataFile")
    RetentionTerms = apps.get_model("retention", "RetentionTerms")
    for overleg in CasusOverleg.objects.all():
        years = (overleg.archive_after_years, overleg.destroy_after_years)
        if years == DEFAULT_YEARS:
            continue
        data_file = DataFile.objects.filter(kind="ico", key=str(overleg.pk)).first()
        if data_file is None:
            continue
        RetentionTerms.objects.update_or_create(
            data_file=data_file,
            defaults={
                "archive_after_months": overleg.archive_after_years * 12,
                "archive_from": "laatste-verwerking",
                "destroy_after_months": overleg.destroy_after_years * 12,
                "not_agendered_destroy_after_months": None,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_objection_upheld"),
        ("parties", "0006_merge_0005_concur_version_0005_p8_file_authorisation"),
        ("retention", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(terms_to_files, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="casusoverleg", name="destroy_after_archive"),
        migrations.RemoveField(model_name="casusoverleg", name="archive_after_years"),
        migrations.RemoveField(model_name="casusoverleg", name="destroy_after_years"),
    ]
