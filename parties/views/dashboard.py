"""The dashboard is the work queue (U1, U2): the quick actions the user may take, then the
panels of what is due for the user's functions (each panel once, however many of its functions
the user holds), then a short list of the pages the user goes to most."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from config.audit import ReadKind, log_reads
from parties.constants import FileKind, Function, PartyRole
from parties.dashboard import actions_for, panels_for
from parties.permissions import functions_of, has_function, is_beheerder, may_reach, membership_of


def shortcuts_for(user, held: set[str], skip: set[str]) -> list[dict]:
    """ "Snel naar": the lists each function starts from, without the ones in `skip` (the quick
    actions' targets), each once."""
    links: list[tuple] = []
    if Function.UITVOERDER in held and may_reach(user, FileKind.WEEGPLOEG):
        links += [
            (_("Enter a signal"), "weegploeg:signal-create"),
            (_("Weegploeg assessments"), "weegploeg:assessment-list"),
            (_("Assessments to check"), "weegploeg:check-queue"),
            (_("Weegploeg meetings"), "weegploeg:meeting-list"),
        ]
    if Function.VOORZITTER in held:
        links.append((_("Case meetings"), "cases:meeting-list"))
    if held & {Function.CASEMANAGER, Function.DEELNEMER}:
        membership = membership_of(user)
        if may_reach(user, FileKind.ICO):
            links.append((_("Cases"), "cases:case-list"))
        elif membership is not None and membership.party.role == PartyRole.EXTERN:
            links.append((_("Disclosures"), "cases:disclosure-list"))
    if has_function(user, Function.FG):
        links.append((_("View the authorisation log"), "parties:authorisation-log"))
    if is_beheerder(user):
        links += [
            (_("Parties and confidentiality declarations"), "parties:party-list"),
            (_("Users, memberships and functions"), "parties:user-list"),
            (_("Authorisation log"), "parties:authorisation-log"),
        ]
    shown, seen = [], set(skip)
    for label, name in links:
        if name not in seen:
            seen.add(name)
            shown.append({"label": label, "url": reverse(name), "name": name})
    return shown


class DashboardView(TemplateView):
    template_name = "parties/dashboard.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # S2: a line that shows personal data (a measure's description) is a read of its
        # dossier; all of them in one insert.
        shown = [
            item.shows
            for panel in response.context_data["panels"]
            for item in getattr(panel.get("content"), "items", ())
            if item.shows is not None
        ]
        if shown:
            log_reads(request, shown, kind=ReadKind.LIST)
        return response

    def get_context_data(self, **kwargs):
        user = self.request.user
        # The user's functions, party and files are read once for the request (parties.rights)
        # and shared by every panel.
        held = functions_of(user)
        actions = actions_for(user)
        return super().get_context_data(
            has_function=bool(held),
            panels=panels_for(user, held),
            quick_actions=actions,
            shortcuts=shortcuts_for(user, held, {action.url_name for action in actions}),
            **kwargs,
        )
