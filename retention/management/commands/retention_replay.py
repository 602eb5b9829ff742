"""After a restore of the database from a backup: destroy again every dossier the ledger of
destructions (and the destruction records) says was destroyed, and that the restore brought
back (B8). Run it once after every restore, before the application is opened to users."""

from django.core.management.base import BaseCommand

from config.audit import acting_as
from retention import ledger
from retention.services.destruction import replay


class Command(BaseCommand):
    help = (
        "Destroy again every dossier destroyed since the backup that a restore brought back "
        "(rule 'herhaling'), from the ledger of destructions (RETENTION_LEDGER)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be destroyed; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        self.stdout.write(f"Ledger: {ledger.path()}")
        with acting_as(None, system_name="manage.py retention_replay"):
            found = replay(dry_run=dry_run)
        for item in found:
            verb = "would destroy" if dry_run else "destroyed"
            self.stdout.write(
                f"{verb} {item.file_label} {item.dossier_key} (destroyed on {item.destroyed_on})"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(found)} dossier(s) {'to destroy again' if dry_run else 'destroyed again'}."
            )
        )
