"""Figure (a) of issue 13: every page and API endpoint per function, median and p95 of the
server time, and the queries of one request.

For each function's user: the dashboard, every item of their menu (`parties.navigation
.links_for`, the project's own rule of who sees what), one detail page of each kind they may see
(the newest: a weegploeg dossier and meeting, a case with its plan, a case meeting, a disclosure)
and the main API list and detail endpoints of the files they reach.

Target: median <= 30 ms, p95 <= 80 ms, queries <= 12 and the same at every size.

    BENCH_REPEATS=20 python -m bench.pages"""

from bench import harness

MEDIAN_TARGET, P95_TARGET, QUERY_TARGET = 30.0, 80.0, 12


def _details(user) -> list[tuple[str, str]]:
    """(label, url) of the newest object of each kind `user` may see."""
    from django.urls import reverse
    from django.utils import timezone

    from cases import selectors as cases_selectors
    from cases.selectors.meetings import meetings_for as case_meetings_for
    from weegploeg import selectors as weegploeg_selectors

    today = timezone.localdate()
    found = []
    assessment = weegploeg_selectors.visible_assessments(user).order_by("-last_processed_at")
    assessment = assessment.filter(archived_at__isnull=True).first()
    if assessment is not None:
        found.append(
            ("weegploeg dossier", reverse("weegploeg:assessment-detail", args=[assessment.number]))
        )
        found.append(("API weging", f"/api/v1/wegingen/{assessment.number}"))
    meeting = weegploeg_selectors.meetings_for(user).filter(held_on__lte=today)
    meeting = meeting.order_by("-held_on").first()
    if meeting is not None:
        found.append(("weegploeg meeting", reverse("weegploeg:meeting-detail", args=[meeting.pk])))
    case = cases_selectors.visible_cases(user).filter(status="active")
    case = case.order_by("-last_processed_at").first()
    if case is not None:
        found.append(("case", reverse("cases:case-detail", args=[case.number])))
        found.append(("case plan", reverse("cases:case-plan", args=[case.number])))
        found.append(("API casus", f"/api/v1/casussen/{case.number}"))
    case_meeting = case_meetings_for(user).filter(held_on__lte=today).order_by("-held_on").first()
    if case_meeting is not None:
        found.append(("case meeting", reverse("cases:meeting-detail", args=[case_meeting.pk])))
    disclosure = cases_selectors.visible_disclosures(user).order_by("-disclosed_at").first()
    if disclosure is not None:
        found.append(("disclosure", reverse("cases:disclosure-detail", args=[disclosure.pk])))
    return found


# The project's pages and API lists without parameters that are not already in `urls_for`'s
# menu: the lists and forms reached from within a section (the weegploeg's meetings, its check
# queue), measured where the user gets 200. Not the downloads (CSV, PDF), which bench.access_pdf
# measures, nor what is not a page.
OWN_NAMESPACES = {
    "weegploeg",
    "cases",
    "rights",
    "security",
    "retention",
    "insights",
    "parties",
    "elsewhere",
    "peers",
}
NOT_PAGES = {
    "insights:recompute",
    "insights:figures-csv",
    "insights:register-csv",
    "insights:register-pdf",
    "openapi",
}


def other_pages() -> list[tuple[str, str]]:
    from django.urls import NoReverseMatch, get_resolver, reverse

    found = []

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
                continue
            name = f"{namespace}{pattern.name}" if pattern.name else ""
            api = not namespace and name.endswith("-list")  # the API's router names its lists
            if not name or name in NOT_PAGES:
                continue
            if namespace.rstrip(":") not in OWN_NAMESPACES and not api:
                continue
            try:
                found.append((f"page: {name}", reverse(name)))
            except NoReverseMatch:
                continue

    walk(get_resolver().url_patterns)
    return sorted(set(found), key=lambda item: item[1])


def urls_for(user) -> list[tuple[str, str]]:
    from django.urls import reverse

    from parties.constants import FileKind
    from parties.dashboard import panels_of
    from parties.navigation import links_for
    from parties.permissions import functions_of, may_reach

    # As a browser with JavaScript reads the dashboard (ADR 0022, the cookie set in `main`): the
    # page, then each panel as a request of its own (measured as its page without htmx).
    found = [("dashboard", reverse("dashboard"))]
    found += [
        (f"panel: {panel.key}", reverse("dashboard-panel", args=[panel.key]))
        for panel in panels_of(functions_of(user))
    ]
    found += [(f"menu: {link.url_name}", reverse(link.url_name)) for link in links_for(user)]
    found += _details(user)
    shown = {url for _label, url in found}
    found += [(label, url) for label, url in other_pages() if url not in shown]
    found.append(("API gebruikers/mij", "/api/v1/gebruikers/mij"))
    if may_reach(user, FileKind.WEEGPLOEG):
        found += [("API wegingen", "/api/v1/wegingen"), ("API signalen", "/api/v1/signalen")]
    if may_reach(user, FileKind.ICO):
        found += [("API casussen", "/api/v1/casussen"), ("API maatregelen", "/api/v1/maatregelen")]
    if any(label == "disclosure" for label, _url in found):
        found.append(("API verstrekkingen", "/api/v1/verstrekkingen"))
    return found


def main() -> int:
    harness.setup()
    from parties.views.dashboard import SCRIPTING_COOKIE

    harness.heading("(a) every page and API endpoint per function")
    runs = harness.repeats()
    users = harness.bench_users()
    worst_median = worst_p95 = 0.0
    most_queries = 0
    for function in harness.functions():
        user = users.get(function)
        if user is None:
            print(f"\n{function}: no such user in this data set")
            continue
        client = harness.signed_in(user)
        client.cookies[SCRIPTING_COOKIE] = "1"  # a browser that runs JavaScript (ADR 0022)
        print(f"\n{function} ({user.username})")
        print(harness.HEADER)
        for label, url in urls_for(user):
            if label.startswith("page: ") and client.get(url).status_code != 200:
                continue  # not this function's page
            timing = harness.measure(client, url, runs=runs, label=f"{label} {url}"[:58])
            print(timing.line(), flush=True)
            if timing.status == 200:
                worst_median = max(worst_median, timing.median_ms)
                worst_p95 = max(worst_p95, timing.p95_ms)
                most_queries = max(most_queries, timing.queries)
    print(
        f"\nworst median {worst_median:.1f} ms (target <= {MEDIAN_TARGET:.0f}: "
        f"{harness.verdict(worst_median, MEDIAN_TARGET)}), worst p95 {worst_p95:.1f} ms "
        f"(target <= {P95_TARGET:.0f}: {harness.verdict(worst_p95, P95_TARGET)}), most queries "
        f"{most_queries} (target <= {QUERY_TARGET}: {harness.verdict(most_queries, QUERY_TARGET)})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
