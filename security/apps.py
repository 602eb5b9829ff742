from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = _("Security and audit")

    def ready(self):
        from parties.dashboard import register_panel
        from parties.navigation import register_link
        from security import dashboard, navigation

        for panel in dashboard.PANELS:
            register_panel(panel)
        for link in navigation.LINKS:
            register_link(link)
        self._ready_access_log()

    def _ready_access_log(self):
        """S2: the searches in the access log and its reviews are logged; the reminder task
        lives outside `security/tasks.py`, so it is imported here for the worker to know it."""
        from auditlog.registry import auditlog

        from security import access_log_tasks  # noqa: F401
        from security.models import AccessReview, LogSearch

        auditlog.register(LogSearch)
        auditlog.register(AccessReview)
