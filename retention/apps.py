from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "retention"
    verbose_name = _("Retention periods")

    def ready(self):
        from auditlog.registry import auditlog

        from parties.dashboard import register_panel
        from parties.demo import register_seeder
        from parties.navigation import register_link
        from retention import dashboard, demo, models, navigation

        for panel in dashboard.PANELS:
            register_panel(panel)
        for link in navigation.LINKS:
            register_link(link)
        # The demo's terms, holds and archive come from what the files seeded: a late seeder.
        register_seeder(demo.seed, late=True)
        # S2: terms, holds and reactivations are decisions about dossiers: every change logged.
        # Destruction records and sweeps are themselves the log of what a sweep did.
        auditlog.register(models.RetentionTerms)
        auditlog.register(models.Hold)
        auditlog.register(models.Reactivation)
