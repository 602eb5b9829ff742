"""Issue 13: the counts kept on the parent rows (`weegploeg.counts`), filled for the rows that
exist: per assessment its signals as ordinary reads see them (restricted ones left out, R6), per
meeting its agenda items. One UPDATE per table, on SQLite and PostgreSQL alike."""

from django.db import migrations
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_of(children, link):
    """As `subjects.counters.count_of`, copied so this migration stays as it ran."""
    counted = (
        children.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(number=Count("pk"))
        .values("number")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def fill(apps, schema_editor):
    Assessment = apps.get_model("weegploeg", "Assessment")
    Signal = apps.get_model("weegploeg", "Signal")
    Meeting = apps.get_model("weegploeg", "Meeting")
    AgendaItem = apps.get_model("weegploeg", "AgendaItem")
    Restriction = apps.get_model("subjects", "Restriction")
    restricted = Exists(
        Restriction.objects.filter(item_model="weegploeg.signal", item_pk=OuterRef("pk"))
    )
    Assessment.objects.update(signal_count=count_of(Signal.objects.filter(~restricted), "assessment"))
    Meeting.objects.update(item_count=count_of(AgendaItem.objects.all(), "meeting"))


class Migration(migrations.Migration):
    dependencies = [
        ("weegploeg", "0009_parent_counts"),
        ("subjects", "0002_restriction"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
