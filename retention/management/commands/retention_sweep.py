"""`manage.py retention_sweep [--dry-run] [--as-of YYYY-MM-DD]`: the retention sweep by hand
(B2-B6, O3). A dry run prints what a sweep as of the date would do and changes nothing; a real
run shows a progress bar and a summary."""

import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from retention.constants import Action, Rule, Trigger
from retention.services.sweep import preview, run_sweep


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("--as-of wants a date as YYYY-MM-DD, e.g. 2027-01-31; got %(value)r.")
            % {"value": value}
        ) from None


class Command(BaseCommand):
    help = "Archive and destroy the dossiers whose retention term has passed (B2-B6)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be done; change nothing."
        )
        parser.add_argument("--as-of", help="Decide as of this date (YYYY-MM-DD); default today.")
        parser.add_argument(
            "--days",
            type=int,
            default=0,
            help="With --dry-run: also list what falls due this many days later.",
        )

    def handle(self, *args, dry_run=False, as_of=None, days=0, **options):
        day = _date(as_of) if as_of else None
        if dry_run:
            self._plan(day, days)
        else:
            self._run(day, quiet=options["verbosity"] == 0)

    def _plan(self, day, days):
        planned = preview(as_of=day, days=max(days, 0))
        if not planned:
            self.stdout.write(_("Nothing falls due."))
            return
        for item in planned:
            where = " / ".join(part for part in (item.file_name, item.casusoverleg) if part)
            line = f"{item.due_on:%Y-%m-%d}  {Action(item.action).label:<12} {item.ref.key:<16} "
            line += f"{Rule(item.rule).label}  [{where}]"
            if item.held:
                line += "  " + _("(held: skipped)")
            self.stdout.write(line)
        self.stdout.write(_("%(count)d dossier(s); nothing was changed.") % {"count": len(planned)})

    def _run(self, day, *, quiet):
        bar = tqdm(
            total=0,
            unit=_("dossier"),
            file=getattr(self.stderr, "_out", sys.stderr),
            disable=quiet,
        )

        def progress(done, total):
            bar.total = total
            bar.n = done
            bar.refresh()

        try:
            run = run_sweep(as_of=day, trigger=Trigger.COMMAND, progress=progress)
        finally:
            bar.close()
        self.stdout.write(
            _(
                "Sweep as of %(date)s: %(archived)d archived, %(destroyed)d destroyed, "
                "%(held)d held, %(failed)d failed."
            )
            % {
                "date": run.as_of.isoformat(),
                "archived": run.archived,
                "destroyed": run.destroyed,
                "held": run.held,
                "failed": run.failed,
            }
        )
        if run.failed:
            self.stderr.write(_("Failed dossiers stay whole; the next sweep tries again."))
