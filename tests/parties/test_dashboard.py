"""U1: the dashboard is the work queue. The frame, tested with panels and actions registered by
the test itself: quick actions only for whom their rule allows, panels per function (each once
for a user with several), one line when a panel is empty, items oldest deadline first; with
JavaScript, each panel loaded by htmx as a request of its own (ADR 0022)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from parties import dashboard
from parties.constants import Function
from parties.dashboard import DueItem, PanelContent, QuickAction, WorkPanel
from parties.views.dashboard import SCRIPTING_COOKIE
from tests.conftest import verified_client
from tests.dashboard import loaded, placeholders
from tests.factories import make_user

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def items_for(user):
    return PanelContent(
        items=[
            DueItem("ICO-2026-0003", "Later measure", "/c/3", TODAY + datetime.timedelta(days=9)),
            DueItem("ICO-2026-0004", "Without a deadline", "/c/4"),
            DueItem("ICO-2026-0001", "Oldest check", "/c/1", TODAY - datetime.timedelta(days=5)),
            DueItem("ICO-2026-0002", "Due today", "/c/2", TODAY),
        ]
    )


QUEUE = WorkPanel(
    key="test-queue",
    title=gettext_lazy("Test queue"),
    functions=frozenset({Function.UITVOERDER, Function.VOORZITTER}),
    content=items_for,
    empty=gettext_lazy("Nothing due in the test queue."),
    order=1,
)
EMPTY = WorkPanel(
    key="test-empty",
    title=gettext_lazy("Test empty"),
    functions=frozenset({Function.UITVOERDER}),
    content=lambda user: PanelContent(items=[]),
    empty=gettext_lazy("Nothing to check in the test."),
    order=2,
)
NOT_MINE = WorkPanel(
    key="test-not-concerned",
    title=gettext_lazy("Test not concerned"),
    functions=frozenset({Function.UITVOERDER}),
    content=lambda user: None,
    empty=gettext_lazy("Never shown."),
    order=3,
)
ACTION = QuickAction(
    label=gettext_lazy("Test action"),
    url_name="parties:party-list",
    visible=lambda user: user.username == "politie-test",
)


@pytest.fixture
def registered():
    """The test's panels and action, removed again afterwards."""
    added = [QUEUE, EMPTY, NOT_MINE]
    for panel in added:
        dashboard.register_panel(panel)
    dashboard.register_action(ACTION)
    yield
    for panel in added:
        dashboard.PANELS.remove(panel)
    dashboard.ACTIONS.remove(ACTION)


def dashboard_of(user) -> str:
    response = verified_client(user).get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_u1_a_quick_action_shows_only_for_whom_its_rule_allows(registered, politie, gemeente):
    agent = make_user(politie, Function.DEELNEMER, username="politie-test")
    other = make_user(gemeente, Function.DEELNEMER, username="gemeente-test")
    page = dashboard_of(agent)
    assert 'data-testid="quick-actions"' in page
    assert "utrecht-button-link--primary-action" in page and "Test action" in page
    assert "Test action" not in dashboard_of(other)


def test_u1_panels_show_per_function_and_once_for_several_functions(registered, gemeente):
    both = make_user(gemeente, Function.UITVOERDER, Function.VOORZITTER, username="beide")
    page = dashboard_of(both)
    assert page.count('data-testid="panel-test-queue"') == 1
    assert 'data-testid="panel-test-empty"' in page
    # A panel whose content is None does not concern the user: left out.
    assert "panel-test-not-concerned" not in page
    chair = make_user(gemeente, Function.VOORZITTER, username="voorzitter-test")
    chair_page = dashboard_of(chair)
    assert 'data-testid="panel-test-queue"' in chair_page
    assert "panel-test-empty" not in chair_page
    participant = make_user(gemeente, Function.DEELNEMER, username="deelnemer-test")
    assert "panel-test-queue" not in dashboard_of(participant)


def test_u1_an_empty_panel_says_so_in_one_line(registered, gemeente):
    page = dashboard_of(make_user(gemeente, Function.UITVOERDER))
    start = page.index('data-testid="panel-test-empty"')
    section = page[start : page.index("</section>", start)]
    assert section.count('data-testid="panel-empty"') == 1
    assert "Nothing to check in the test." in section
    assert "due-item" not in section


def test_u1_items_are_listed_oldest_deadline_first_and_undated_last(registered, gemeente):
    page = dashboard_of(make_user(gemeente, Function.UITVOERDER))
    order = [page.index(f"ICO-2026-000{n}") for n in (1, 2, 3, 4)]
    assert order == sorted(order)
    start = page.index("ICO-2026-0001")
    assert "te laat sinds" in page[start : start + 400]
    assert "loopt vandaag af" in page[page.index("ICO-2026-0002") :][:400]


def test_u1_due_items_sort_key_puts_urgent_first():
    late = DueItem("A", "a", "/a", TODAY + datetime.timedelta(days=30), urgent=True)
    soon = DueItem("B", "b", "/b", TODAY)
    assert sorted([soon, late], key=DueItem.sort_key) == [late, soon]


def test_u1_the_beheerder_and_the_fg_keep_their_shortcuts(beheerder, gemeente):
    page = dashboard_of(beheerder)
    assert 'data-testid="shortcuts"' in page
    assert "/beheer/partijen/" in page and "/beheer/gebruikers/" in page
    fg = make_user(gemeente, Function.FG)
    assert "/beheer/autorisatielog/" in dashboard_of(fg)


# --- ADR 0022: panels on demand ----------------------------------------------------------------


def scripting_client(user):
    client = verified_client(user)
    client.cookies[SCRIPTING_COOKIE] = "1"
    return client


def test_u1_with_javascript_the_dashboard_leaves_each_panel_to_htmx(registered, gemeente):
    """The page names each panel of the user's functions (in order) with the htmx load of its
    own URL, and a link to the same URL that works without JavaScript; it reads no content."""
    client = scripting_client(make_user(gemeente, Function.UITVOERDER))
    page = client.get("/").content.decode()
    urls = placeholders(page)
    keys = [url.strip("/").split("/")[-1] for url in urls]
    assert keys[:3] == ["test-queue", "test-empty", "test-not-concerned"]
    assert "ICO-2026-0001" not in page and "Nothing to check in the test." not in page
    for url in urls[:3]:
        assert f'hx-get="{url}" hx-trigger="load" hx-swap="outerHTML"' in page
        key = url.strip("/").split("/")[-1]
        link = f'<a class="utrecht-link" href="{url}" aria-describedby="panel-{key}">Toon</a>'
        assert link in page
    # Loaded by htmx, the page is the one rendered at once.
    assert loaded(client, page).count("ICO-2026-000") == 4
    assert "panel-test-not-concerned" not in loaded(client, page)


def test_u1_a_panel_for_htmx_is_its_section_alone_or_nothing(registered, gemeente):
    client = scripting_client(make_user(gemeente, Function.UITVOERDER))
    hx = {"HX-Request": "true"}
    section = client.get(reverse("dashboard-panel", args=["test-queue"]), headers=hx)
    body = section.content.decode()
    assert body.lstrip().startswith('<section class="vh-panel"') and "<html" not in body
    order = [body.index(f"ICO-2026-000{n}") for n in (1, 2, 3, 4)]
    assert order == sorted(order)  # oldest deadline first, as on the page
    # A panel whose content is None does not concern the user: its placeholder goes.
    gone = client.get(reverse("dashboard-panel", args=["test-not-concerned"]), headers=hx)
    assert gone.status_code == 200 and gone.content == b""


def test_u1_without_htmx_a_panel_is_a_page_of_its_own(registered, gemeente):
    """The placeholder's link, followed without JavaScript: the panel on a page of its own."""
    client = verified_client(make_user(gemeente, Function.UITVOERDER))
    page = client.get(reverse("dashboard-panel", args=["test-empty"])).content.decode()
    assert "<html" in page and 'data-testid="panel-test-empty"' in page
    assert "Nothing to check in the test." in page
    never = client.get(reverse("dashboard-panel", args=["test-not-concerned"])).content.decode()
    assert "<html" in never and "Never shown." in never


def test_u1_a_panel_of_none_of_the_users_functions_does_not_exist_for_them(registered, gemeente):
    chair = verified_client(make_user(gemeente, Function.VOORZITTER, username="voorzitter-test"))
    assert chair.get(reverse("dashboard-panel", args=["test-queue"])).status_code == 200
    assert chair.get(reverse("dashboard-panel", args=["test-empty"])).status_code == 404
    assert chair.get(reverse("dashboard-panel", args=["no-such-panel"])).status_code == 404


@pytest.mark.parametrize("limit", [1, 3, 50])
def test_u1_issue13_the_first_rows_and_the_count_are_the_same_read_by_their_keys(limit):
    """`first_rows(..., keys=...)` (the measures due) gives the rows and the count the one
    query with a window gives: the first rows in the keys' order, and all of them counted."""
    from parties.models import Party
    from tests.factories import PartyFactory

    for name in ("Bergen", "Aalsmeer", "Castricum", "Diemen", "Edam"):
        PartyFactory(name=f"Gemeente {name}", gemeente=True)
    ordered = Party.objects.filter(name__startswith="Gemeente ").order_by("-name", "pk")
    one_query = dashboard.first_rows(ordered, limit)
    by_keys = dashboard.first_rows(
        Party.objects.all(), limit, keys=ordered.values_list("pk", flat=True)
    )
    assert by_keys == one_query
    assert by_keys[1] == ordered.count() >= 5
    assert by_keys[0] == list(ordered[:limit])
    # Counted in a subquery of its own (the check queue): the same rows and count.
    assert dashboard.first_rows(ordered, limit, counted_apart=True) == one_query
    empty = dashboard.first_rows(ordered.filter(name="no such party"), limit, counted_apart=True)
    assert empty == ([], 0)
