"""The dashboard is the work queue (U1, U2): the quick actions the user may take, then the
panels of what is due for the user's functions (each panel once, however many of its functions
the user holds), then a short list of the pages the user goes to most.

ADR 0022: a browser that runs JavaScript (it says so with a cookie set by `static/js/
scripting.js`) gets the dashboard without its panels' content, and htmx loads each panel as a
request of its own (`DashboardPanelView`), so no request reads the thirteen panels of an
uitvoerder at once. Without the cookie the dashboard renders every panel at once, as before.
Opened without htmx, a panel's URL is a page of its own (the placeholder's link)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from config.audit import ReadKind, log_reads
from parties.constants import FileKind, Function, PartyRole
from parties.dashboard import actions_for, filled, panel_of, panels_for, panels_of, shows
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


# Set by static/js/scripting.js on every page: the browser runs JavaScript, so htmx loads the
# panels (ADR 0022). It holds nothing but "1".
SCRIPTING_COOKIE = "vh_scripting"


def scripting(request) -> bool:
    return request.COOKIES.get(SCRIPTING_COOKIE) == "1"


class DashboardView(TemplateView):
    template_name = "parties/dashboard.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # S2: a line that shows personal data (a measure's description) is a read of its
        # dossier; all of them in one insert.
        shown = shows(response.context_data["panels"])
        if shown:
            log_reads(request, shown, kind=ReadKind.LIST)
        return response

    def get_context_data(self, **kwargs):
        user = self.request.user
        # The user's functions, party and files are read once for the request (parties.rights)
        # and shared by every panel.
        held = functions_of(user)
        actions = actions_for(user)
        if scripting(self.request):
            # ADR 0022: each panel a request of its own, loaded by htmx as the page loads.
            panels = []
            pending = [
                {"panel": panel, "url": reverse("dashboard-panel", args=[panel.key])}
                for panel in panels_of(held)
            ]
        else:
            panels, pending = panels_for(user, held), []
        return super().get_context_data(
            has_function=bool(held),
            panels=panels,
            pending=pending,
            quick_actions=actions,
            shortcuts=shortcuts_for(user, held, {action.url_name for action in actions}),
            **kwargs,
        )


class DashboardPanelView(View):
    """One panel of the dashboard (ADR 0022): for htmx, the panel's section alone, or nothing
    when the panel does not concern the user (the placeholder goes); otherwise a page with the
    panel. A panel of none of the user's functions does not exist for them."""

    def get(self, request, key):
        user = request.user
        panel = panel_of(key, functions_of(user))
        if panel is None:
            raise Http404
        entry = filled(panel, user)
        shown = shows([entry] if entry else [])
        if shown:
            log_reads(request, shown, kind=ReadKind.LIST)  # S2, as on the dashboard
        if request.htmx:
            if entry is None:
                return HttpResponse("")
            return render(request, entry["template"], entry)
        return render(
            request,
            "parties/dashboard_panel.html",
            {"panel": panel, "entry": entry, "breadcrumbs": []},
        )
