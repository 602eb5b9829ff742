"""S2, issue 13 (docs/adr/0027): work out the unusual reads of every sealed audit entry not worked
out yet, to the end of the chain: after a bulk load (the scale seed), which beat would otherwise
catch up over many runs. Seal the entries first (`seal_audit_chain` on beat)."""

from django.core.management.base import BaseCommand

from security.services.unusual_reads import work_out


class Command(BaseCommand):
    help = "Work out the unusual reads (S2) of the sealed audit entries not worked out yet."

    def handle(self, *args, **options):
        progress = work_out()
        self.stdout.write(
            f"{progress.entries} entries worked out, {progress.unusual} unusual reads written, "
            f"up to sequence {progress.sequence}."
        )
