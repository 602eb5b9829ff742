from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = _("Security and audit")

    def ready(self):
        from auditlog.registry import auditlog

        from parties.dashboard import register_panel
        from parties.demo import register_seeder
        from parties.navigation import register_link
        from security import dashboard, demo, models, navigation

        for panel in dashboard.PANELS:
            register_panel(panel)
        for link in navigation.LINKS:
            register_link(link)
        # S3: the incident register is kept by the FG; every change is logged. The clock's
        # notices are themselves the record of what was sent.
        auditlog.register(models.Incident, m2m_fields={"files"})
        # The demo's incidents name casusoverleg files: a late seeder.
        register_seeder(demo.seed, late=True)
