from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    """Management information without personal data (U6) and the register of processing
    activities (AVG 30): read-only views over rights, retention, security and the files (through
    `subjects.registry`). ADR 0016."""

    name = "insights"
    verbose_name = _("Management information")

    def ready(self):
        from insights import navigation
        from parties.navigation import register_link

        for link in navigation.LINKS:
            register_link(link)
