"""Issue 13: the counts kept on the parent rows (`cases.counts`), filled for the rows that
exist: per case its open measures and the earliest deadline among them, per meeting its cases.
One UPDATE per table, on SQLite and PostgreSQL alike."""

from django.db import migrations
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

OPEN = ("planned", "in_progress")


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
    Case = apps.get_model("cases", "Case")
    Measure = apps.get_model("cases", "Measure")
    CaseMeeting = apps.get_model("cases", "CaseMeeting")
    Discussion = apps.get_model("cases", "Discussion")
    open_measures = Measure.objects.filter(status__in=OPEN)
    Case.objects.update(
        open_measure_count=count_of(open_measures, "case"),
        next_measure_deadline=Subquery(
            open_measures.filter(case=OuterRef("pk")).order_by("deadline").values("deadline")[:1]
        ),
    )
    CaseMeeting.objects.update(case_count=count_of(Discussion.objects.all(), "meeting"))


class Migration(migrations.Migration):
    dependencies = [("cases", "0010_parent_counts")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
