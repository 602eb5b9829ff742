"""`manage.py refresh_due_dates`: every dossier's stored due date worked out afresh (ADR 0021),
as the nightly task does; after a bulk load that wrote no rows. Idempotent."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from retention.due_index import rebuild


class Command(BaseCommand):
    help = "Work out the stored due date of every dossier again (retention, issue 13)."

    def handle(self, *args, **options):
        total = rebuild()
        self.stdout.write(_("Due dates of %(count)d dossier(s) worked out.") % {"count": total})
