from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WeegploegConfig(AppConfig):
    name = "weegploeg"
    verbose_name = _("i2o weegploeg")

    def ready(self):
        from auditlog.registry import auditlog

        from parties.dashboard import register_action, register_panel
        from parties.demo import register_seeder
        from subjects import registry
        from weegploeg import dashboard, models
        from weegploeg.demo import seed as seed_demo
        from weegploeg.files import FILE

        registry.register(FILE)
        register_seeder(seed_demo)
        for panel in dashboard.PANELS:
            register_panel(panel)
        for action in dashboard.ACTIONS:
            register_action(action)

        # The kept counts (issue 13) are derived from the children, whose own entries say
        # what changed; the number's order key from the number (ADR 0023).
        auditlog.register(
            models.Assessment, mask_fields=["bsn"], exclude_fields=["signal_count", "number_order"]
        )
        auditlog.register(models.Signal)
        auditlog.register(models.Analysis)
        auditlog.register(models.CriterionFinding)
        auditlog.register(models.AdditionalInformation)
        auditlog.register(models.ExpertAdvice)
        auditlog.register(models.Decision, m2m_fields={"advised_parties"})
        auditlog.register(models.AgendaItem)
        auditlog.register(models.Check)
        auditlog.register(models.CaseTransfer)
