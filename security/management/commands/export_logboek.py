"""`manage.py export_logboek --from YYYY-MM-DD --to YYYY-MM-DD [--region CODE ...]
[--output FILE]`: the access entries of a period as Logboek Dataverwerkingen records, JSON
Lines (S2). All Veiligheidshuizen unless regions are named. The export is logged, acting as
the system."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from config.audit import acting_as
from parties.models import Veiligheidshuis
from security.services.logboek import export_lines


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Give a date as YYYY-MM-DD, e.g. 2027-01-31; got {value!r}.") from None


class Command(BaseCommand):
    help = "Export the access entries of a period as Logboek Dataverwerkingen (JSON Lines)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, help="First day, YYYY-MM-DD.")
        parser.add_argument("--to", dest="end", required=True, help="Last day (included).")
        parser.add_argument(
            "--region", action="append", default=[], help="Code of a Veiligheidshuis (repeat)."
        )
        parser.add_argument("--output", help="Write to this file instead of standard output.")

    def handle(self, *args, start, end, region, output=None, **options):
        start, end = _date(start), _date(end)
        if end < start:
            raise CommandError("The end of the period lies before its start.")
        regions = Veiligheidshuis.objects.all()
        if region:
            regions = regions.filter(code__in=region)
            unknown = sorted(set(region) - set(regions.values_list("code", flat=True)))
            if unknown:
                raise CommandError(f"No Veiligheidshuis with code {', '.join(unknown)}.")
        with acting_as(None, system_name="manage.py export_logboek"):
            lines = export_lines(
                by=None, regions=regions, start=start, end=end, scoped=bool(region)
            )
            count = 0
            if output:
                with open(output, "w", encoding="utf-8") as target:
                    for count, line in enumerate(lines, start=1):  # noqa: B007
                        target.write(line)
            else:
                for count, line in enumerate(lines, start=1):  # noqa: B007
                    self.stdout.write(line, ending="")
        self.stderr.write(f"{count} records.")
