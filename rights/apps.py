from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    name = "rights"
    verbose_name = _("Data subject rights")

    def ready(self):
        from parties.constants import Function
        from parties.dashboard import Panel, register_panel
        from rights.dashboard_duties import duties_panel

        # I1, U1: the duties of the responsible party and of the uitvoerder who keeps the file.
        register_panel(
            Panel(
                functions=frozenset(
                    {
                        Function.UITVOERDER,
                        Function.CASEMANAGER,
                        Function.VOORZITTER,
                        Function.DEELNEMER,
                    }
                ),
                template="rights/duties/dashboard_panel.html",
                context=duties_panel,
            )
        )
