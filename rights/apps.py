from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    name = "rights"
    verbose_name = _("Data subject rights")

    def ready(self):
        from auditlog.registry import auditlog

        from parties.dashboard import register_panel
        from rights import models
        from rights.dashboard_requests import PANEL as REQUESTS_PANEL

        register_panel(REQUESTS_PANEL)
        # R1, S2: the requests hold personal data of whom they are about.
        auditlog.register(models.SubjectRequest, mask_fields=["bsn"])
        auditlog.register(models.RequestDossier)
        auditlog.register(models.RequestOfficer)
