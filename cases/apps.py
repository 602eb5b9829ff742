from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def _file_for_casusoverleg(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from cases.permissions import file_of

        file_of(instance)


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Casusoverleggen")

    def ready(self):
        from auditlog.registry import auditlog

        from cases import models
        from cases.dashboard import PANELS
        from cases.demo import seed as seed_demo
        from cases.files import FILE
        from parties.dashboard import register_panel
        from parties.demo import register_seeder
        from subjects import registry

        registry.register(FILE)
        # P8: every casusoverleg has its file row, so authorisations can name it at once.
        post_save.connect(
            _file_for_casusoverleg, sender=models.CasusOverleg, dispatch_uid="p8-file"
        )
        for panel in PANELS:
            register_panel(panel)
        # After the weegploeg's seeder: INSTALLED_APPS puts weegploeg before cases.
        register_seeder(seed_demo)

        # The kept counts (issue 13) are derived from the measures, whose own entries say what
        # changed; the number's order key from the number (ADR 0023).
        auditlog.register(
            models.Case,
            mask_fields=["bsn"],
            exclude_fields=["open_measure_count", "next_measure_deadline", "number_order"],
        )
        auditlog.register(models.CaseParticipant)
        auditlog.register(models.CaseSignal)
        auditlog.register(models.CaseFinding)
        auditlog.register(models.Transfer)
        auditlog.register(models.CopyOut)
        auditlog.register(models.RelatedPerson)
        auditlog.register(models.PlanGoal)
        auditlog.register(models.Measure)
        auditlog.register(models.ProgressNote)
        auditlog.register(models.Closing)
        auditlog.register(models.CaseCheck)
        auditlog.register(models.Discussion)
        auditlog.register(models.Disclosure)
        auditlog.register(models.Export)
