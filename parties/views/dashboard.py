"""The dashboard (U1, U2)."""

from django.views.generic import TemplateView

from parties.constants import Function
from parties.dashboard import actions_for, panels_for
from parties.permissions import functions_of


class DashboardView(TemplateView):
    """One section per function the user holds, each empty until its file exists."""

    template_name = "parties/dashboard.html"

    def get_context_data(self, **kwargs):
        held = functions_of(self.request.user)
        return super().get_context_data(
            sections=[Function(code) for code in Function.values if code in held],
            panels=panels_for(self.request.user, held),
            quick_actions=actions_for(self.request.user),
            **kwargs,
        )
