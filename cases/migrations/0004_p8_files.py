"""P8: a file row, with its keeper group, for the weegploeg of every Veiligheidshuis and for
every casusoverleg that exists already. New ones get theirs on demand (`parties.services.file_for`).
No authorisation is granted here: after this migration the beheerder or uitvoerder grants them
(docs/adr/0008-access-per-person-and-file.md), and the resync jobs move dossier permissions to
the file groups."""

from django.db import migrations


def _file(apps, kind, key, region, name):
    DataFile = apps.get_model("parties", "DataFile")
    Group = apps.get_model("auth", "Group")
    if DataFile.objects.filter(kind=kind, key=key).exists():
        return
    group, _ = Group.objects.get_or_create(name=f"bestand:{kind}:{key}:uitvoerders"[:150])
    DataFile.objects.create(
        kind=kind, key=key, veiligheidshuis=region, name=name[:300], keeper_group=group
    )


def create_files(apps, schema_editor):
    Veiligheidshuis = apps.get_model("parties", "Veiligheidshuis")
    CasusOverleg = apps.get_model("cases", "CasusOverleg")
    for region in Veiligheidshuis.objects.all():
        _file(apps, "weegploeg", region.code, region, f"Weegploeg {region.name}")
    for overleg in CasusOverleg.objects.select_related("veiligheidshuis"):
        _file(apps, "ico", str(overleg.pk), overleg.veiligheidshuis, overleg.name)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_verbose_names"),
        ("parties", "0005_p8_file_authorisation"),
    ]

    operations = [migrations.RunPython(create_files, migrations.RunPython.noop)]
