"""`manage.py verify_audit_chain [--seal]`: walk the audit log's hash chain (S2, CTER 15.1e).
Exit 0 when it verifies; otherwise exit 1 naming the first entry that breaks it, by id and
sequence number, never by content. `--seal` first seals the entries written since the last
sealing (what the beat job does every minute)."""

from django.core.management.base import BaseCommand, CommandError

from security.services.chain import seal_pending, verify_chain


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; exit 1 at the first entry that breaks it."

    def add_arguments(self, parser):
        parser.add_argument("--seal", action="store_true", help="Seal the unsealed entries first.")

    def handle(self, *args, seal=False, **options):
        if seal:
            sealed = seal_pending()
            self.stdout.write(f"Sealed {sealed.sealed} entries; the chain ends at {sealed.head}.")
        result = verify_chain()
        if not result.ok:
            raise CommandError(result.describe())
        self.stdout.write(self.style.SUCCESS(result.describe()))
        self.stdout.write(f"Head: {result.head} {result.head_hash}")
