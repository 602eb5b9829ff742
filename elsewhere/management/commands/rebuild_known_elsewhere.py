"""`manage.py rebuild_known_elsewhere`: the published index of "bekend elders?" worked out
afresh (K2, K3), as the nightly task does; after a rotation of the shared key. Idempotent."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from elsewhere.index import rebuild


class Command(BaseCommand):
    help = "Rebuild the published index of 'bekend elders?' (after a rotation of the key)."

    def handle(self, *args, **options):
        written = rebuild()
        self.stdout.write(_("%(count)d pseudonym(s) written.") % {"count": written})
