from django.core.management.base import BaseCommand

from config.audit import acting_as
from parties import demo


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo sign-ins."

    def handle(self, *args, **options):
        with acting_as(None, system_name="seed_demo"):
            demo.seed()
        self.stdout.write("\nDemo-aanmeldingen (wachtwoord en TOTP-geheim voor uw authenticator-app):\n")
        for username, party, password, secret in demo.logins():
            self.stdout.write(f"  {username:<18} {password}  TOTP {secret}  {party}")
        self.stdout.write(
            "\nIn demo-modus toont de aanmeldpagina ook de actuele code van iedere demo-gebruiker.\n"
        )
