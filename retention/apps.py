from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "retention"
    verbose_name = _("Retention periods")

    def ready(self):
        from auditlog.registry import auditlog

        from retention import models

        # S2: terms, holds and reactivations are decisions about dossiers: every change logged.
        # Destruction records and sweeps are themselves the log of what a sweep did.
        auditlog.register(models.RetentionTerms)
        auditlog.register(models.Hold)
        auditlog.register(models.Reactivation)
