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

        # The worker learns the tasks of the modules not named `tasks` (S2, P4, S5).
        from security import (  # noqa: F401
            access_log_tasks,
            chain_tasks,
            dashboard,
            demo,
            demo_reviews,
            models,
            navigation,
            review_tasks,
        )

        for panel in dashboard.PANELS:
            register_panel(panel)
        for link in navigation.LINKS:
            register_link(link)
        # P4, S5: an open authorisation review and a policy evaluation for the demo.
        register_seeder(demo_reviews.seed, late=True)
        # P4, S5: reviews, their decisions, suspensions and evaluations: every change logged.
        auditlog.register(models.AuthorisationReview)
        auditlog.register(models.ReviewItem)
        auditlog.register(models.AccountSuspension)
        auditlog.register(models.PolicyEvaluation)
        # S3: the incident register is kept by the FG; every change is logged. The clock's
        # notices are themselves the record of what was sent.
        auditlog.register(models.Incident, m2m_fields={"files"})
        # The demo's incidents name casusoverleg files: a late seeder.
        register_seeder(demo.seed, late=True)
        # S2: the searches in the access log and its reviews are logged.
        auditlog.register(models.LogSearch)
        auditlog.register(models.AccessReview)
