from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = _("Security and audit")

    def ready(self):
        from parties.dashboard import register_panel
        from parties.navigation import register_link
        from security import chain_tasks, dashboard, navigation  # noqa: F401 (registers tasks)

        for panel in dashboard.PANELS:
            register_panel(panel)
        for link in navigation.LINKS:
            register_link(link)
