from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "retention"
    verbose_name = _("Retention periods")

    def ready(self):
        from auditlog.registry import auditlog

        from parties.dashboard import register_panel
        from parties.demo import register_seeder
        from parties.navigation import register_link
        from retention import dashboard, demo, due_signals, models, navigation

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
        # ADR 0021: every change to a dossier keeps its stored due date; the rows of the
        # dossiers there are when the index is first made.
        due_signals.connect()
        post_migrate.connect(due_signals.build_when_made, sender=self)
