from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from config.audit import acting_as
from parties import demo


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo sign-ins."

    def handle(self, *args, **options):
        with acting_as(None, system_name="seed_demo"):
            demo.seed()
        self.stdout.write(
            "\n" + _("Demo sign-ins (password and TOTP secret for your authenticator app):")
        )
        for username, party, password, secret in demo.logins():
            self.stdout.write(f"  {username:<18} {password}  TOTP {secret}  {party}")
        self.stdout.write(
            "\n" + _("In demo mode the sign-in page also shows each demo user's current code.")
        )
