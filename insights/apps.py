from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    """Management information without personal data (U6) and the register of processing
    activities (AVG 30): read-only views over rights, retention, security and the files (through
    `subjects.registry`). ADR 0016."""

    name = "insights"
    verbose_name = _("Management information")

    def ready(self):
        from insights import demo, navigation
        from parties.demo import register_seeder
        from parties.navigation import register_link

        for link in navigation.LINKS:
            register_link(link)
        # The summary of the demo's figures: a late seeder, after those of security, rights and
        # retention (their apps come before this one in INSTALLED_APPS, and so do their seeders).
        register_seeder(demo.seed, late=True)
