from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    name = "rights"
    verbose_name = _("Data subject rights")

    def ready(self):
        from auditlog.registry import auditlog

        from parties.dashboard import register_panel
        from parties.demo import register_seeder
        from parties.navigation import register_link
        from parties.rights import forget_on_change
        from parties.rights_read import register_fact
        from rights import dashboard_duties, dashboard_requests, models, navigation
        from rights.demo import seed as seed_demo
        from rights.permissions import requests as requests_rules

        register_panel(dashboard_duties.PANEL)
        register_panel(dashboard_requests.PANEL)
        for link in navigation.LINKS:
            register_link(link)
        # The demo's requests and duties come from what the files seeded: a late seeder.
        register_seeder(seed_demo, late=True)
        # S2: every change of what the rights hold of a person is logged; a letter's PDF is
        # kept once, in the letter, not a second time in the log.
        # The number's order key is derived from the number (ADR 0023).
        auditlog.register(
            models.SubjectRequest, mask_fields=["bsn"], exclude_fields=["number_order"]
        )
        auditlog.register(models.RequestDossier)
        auditlog.register(models.RequestOfficer)
        # A designated officer handles requests: read with the user's rights, once a request.
        register_fact(requests_rules.DESIGNATED_OFFICER, requests_rules.designated_officer)
        forget_on_change(models.RequestOfficer)
        auditlog.register(models.DutyToInform)
        auditlog.register(models.Postponement)
        auditlog.register(models.Letter, exclude_fields=["pdf"])
        auditlog.register(models.FileRightsSettings)
        auditlog.register(models.LegalGround)
        for outcome in (
            models.Withholding,
            models.ItemChange,
            models.Notice,
            models.ObjectionDecision,
        ):
            auditlog.register(outcome)
