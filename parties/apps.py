from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartiesConfig(AppConfig):
    name = "parties"
    verbose_name = _("Parties and users")

    def ready(self):
        from django.db.models.signals import post_migrate

        from parties import audit, groups, rights

        audit.register_models()
        rights.connect_signals()
        # Function groups carry model permissions; they are set up after every migrate so a
        # fresh database is complete. Setup plumbing, not a business rule.
        post_migrate.connect(
            groups.sync_function_groups_after_migrate, dispatch_uid="parties-function-groups"
        )
