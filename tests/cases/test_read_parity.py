"""Pages and API agree on what a viewer sees of a case meeting, a disclosure and an export (issue
8, finding 2; ADR 0011): one selector per rule in `cases.selectors`."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cases import disclosure_services, selectors
from cases.models import Export
from tests.cases.test_meetings import Overleg
from tests.conftest import verified_client
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def ov(region):
    return Overleg(region)


@pytest.fixture
def agenda(ov):
    """A meeting with two cases: `shared` (politie and gemeente take part) and `closed_to_politie`
    (gemeente and reclassering); chaired by the gemeente's chair. The politie's chair of the
    casusoverleg sees neither case file of the second."""
    shared = ov.open_case()
    closed_to_politie = ov.open_case(
        surname="Verborgen", participants=[ov.gemeente, ov.reclassering]
    )
    meeting = ov.hold(shared, closed_to_politie)
    return meeting, shared, closed_to_politie


def page_and_api(user, meeting):
    client = verified_client(user)
    page = client.get(reverse("cases:meeting-detail", args=[meeting.pk]))
    api = client.get(f"/api/v1/bijeenkomsten/{meeting.pk}")
    return page, api


def api_cases(api) -> set[str]:
    return {item["case"] for item in api.json()["agenda"]}


def test_c4_adr11_a_chair_of_the_casusoverleg_sees_every_case_on_the_agenda_page_and_api(
    ov, agenda
):
    """VH 14.3, 15.4, 16: the politie's chair leads the meeting and sees every case on it, in
    the page and in the API alike, though it may not open the second case's file."""
    meeting, shared, closed_to_politie = agenda
    assert not selectors.visible_cases(ov.other_chair).filter(pk=closed_to_politie.pk).exists()
    page, api = page_and_api(ov.other_chair, meeting)
    assert page.status_code == api.status_code == 200
    assert closed_to_politie.number in page.content.decode()
    assert api_cases(api) == {shared.number, closed_to_politie.number}
    listed = verified_client(ov.other_chair).get("/api/v1/bijeenkomsten").json()
    assert [row["id"] for row in listed["results"]] == [meeting.pk]


def test_c4_adr11_a_participant_sees_only_the_cases_it_may_see_page_and_api(ov, agenda):
    """CTER 9.1, 10.4: the agent (politie, not a chair) sees the meeting with only the case its
    party takes part in, in the page and in the API alike; the other case is not shown."""
    meeting, shared, closed_to_politie = agenda
    page, api = page_and_api(ov.agent, meeting)
    assert page.status_code == api.status_code == 200
    assert shared.number in page.content.decode()
    assert closed_to_politie.number not in page.content.decode()
    assert "Verborgen" not in page.content.decode()
    assert api_cases(api) == {shared.number}
    assert 'name="discussion"' not in page.content.decode()  # read-only


def test_issue13_the_agenda_a_viewer_sees_is_read_in_one_query_with_its_visible_items(ov, agenda):
    """`selectors.agenda_for` reads the meeting's discussions among those the viewer sees in
    one query: the same items as the whole agenda filtered by `visible_discussions`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cases.meeting_services import agenda as whole_agenda
    from parties import rights

    meeting, shared, closed_to_politie = agenda
    for viewer in (ov.other_chair, ov.agent, ov.keeper, ov.chair):
        visible = set(selectors.visible_discussions(viewer).values_list("pk", flat=True))
        expected = [
            (item.case.number, [m.pk for m in item.measures])
            for item in whole_agenda(meeting)
            if item.discussion.pk in visible
        ]
        with rights.request_scope():  # the viewer's rights read once, as in a request
            rights.adopt(viewer)
            selectors.agenda_for(viewer, meeting)
            with CaptureQueriesContext(connection) as queries:
                items = selectors.agenda_for(viewer, meeting)
        assert [(item.case.number, [m.pk for m in item.measures]) for item in items] == expected
        assert len(queries) <= 2  # the discussions with their cases, their measures due
    seen = [item.case for item in selectors.agenda_for(ov.agent, meeting)]
    assert seen == [shared]
    assert len(selectors.agenda_for(ov.other_chair, meeting)) == 2


def test_c4_adr11_nobody_else_sees_the_meeting(ov, agenda):
    meeting, *_ = agenda
    outsider = make_user(ov.outsider, username="ggz-medewerker")  # takes part in no case
    page, api = page_and_api(outsider, meeting)
    assert page.status_code == api.status_code == 404
    only_second = ov.open_case(surname="Visser", participants=[ov.gemeente, ov.reclassering])
    second = ov.hold(only_second)
    page, api = page_and_api(ov.agent, second)
    assert page.status_code == api.status_code == 404


def test_c6_the_keeper_reads_a_disclosure_on_the_page_as_in_the_api(region):
    """C6: the keeper who made a disclosure reads it on the page as in the API; the partner it
    went to too; anyone else gets 404 on both."""
    from tests.cases.factories import Ico

    ico = Ico(region)
    ico.declare_partner()
    case = ico.open_case(participants=[ico.politie, ico.gemeente, ico.partner])
    disclosure = disclosure_services.disclose(
        case,
        by=ico.keeper,
        partner=ico.partner,
        parts=["naw"],
        necessity="Nodig voor het exitprogramma.",
        categories=["naw"],
        provider=ico.politie,
        provider_permission="Akkoord politie, mail 1 december",
    )
    page_url = reverse("cases:disclosure-detail", args=[disclosure.pk])
    api_url = f"/api/v1/verstrekkingen/{disclosure.pk}"
    for user, expected in (
        (ico.keeper, 200),
        (ico.partner_user, 200),
        (ico.agent, 404),
        (ico.chair, 404),
    ):
        client = verified_client(user)
        assert client.get(page_url).status_code == expected, user.username
        assert client.get(api_url).status_code == expected, user.username


def test_c7_only_the_keeper_exports_a_case_page_and_service_alike(region):
    """C7: the page and the service agree: the keeper exports, a participant who reads the
    case does not (it asks the keeper)."""
    from tests.cases.factories import Ico

    ico = Ico(region)
    case = ico.open_case()
    assert selectors.visible_cases(ico.agent).filter(pk=case.pk).exists()
    assert selectors.may_export(ico.keeper, case) and not selectors.may_export(ico.agent, case)
    with pytest.raises(PermissionDenied):
        disclosure_services.record_export(
            case, by=ico.agent, provider=ico.politie, provider_permission="Akkoord, 1 december"
        )
    url = reverse("cases:export-create", args=[case.number])
    assert verified_client(ico.agent).get(url).status_code == 404
    assert verified_client(ico.keeper).get(url).status_code == 200
    assert not Export.objects.exists()


# --- S2: list endpoints with personal data log their dossiers, in one insert --------------------


def case_accesses():
    from security.models import AuditEntry

    return AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS)


def cases_with_measures(ico, count: int):
    from datetime import date

    from cases import services

    for index in range(count):
        case = ico.open_case(surname=f"Persoon{index}")
        services.add_measure(
            case, by=ico.keeper, description="Gesprek.", owner=ico.rvdk, deadline=date(2026, 12, 31)
        )


@pytest.mark.parametrize("resource", ["casussen", "maatregelen"])
def test_s2_a_case_list_logs_its_cases_in_constant_queries(region, resource):
    """S2, issue 8 finding 6: a list with personal data (the subject's name, a measure's text)
    writes one access entry per case on it, naming the case, with as many queries for 5 rows as
    for 50."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cases.models import Case
    from tests.cases.factories import Ico

    ico = Ico(region)
    client = verified_client(ico.agent)
    counted = []
    for count in (5, 50):
        cases_with_measures(ico, count - Case.objects.count())
        client.get(f"/api/v1/{resource}")  # warms the caches (content types, sessions)
        before = case_accesses().count()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/api/v1/{resource}").status_code == 200
        counted.append(len(queries))
        written = list(case_accesses().order_by("-pk")[: case_accesses().count() - before])
        assert {e.content_type_id for e in written} == {ContentType.objects.get_for_model(Case).id}
        assert sorted(int(e.object_pk) for e in written) == sorted(
            Case.objects.values_list("pk", flat=True)
        )
    assert counted[0] == counted[1]


def test_s2_meeting_and_disclosure_lists_log_the_cases_they_show(ov, agenda):
    """S2: the meeting API logs the cases on the agenda (as its page does), not the discussions;
    the list of meetings, which counts the cases (ADR 0038), logs the case asked for in `case`
    only, on whose account the meeting is listed."""
    from cases.models import Case
    from security.models import AuditEntry

    meeting, shared, closed_to_politie = agenda
    client = verified_client(ov.agent)
    shown = {
        f"/api/v1/bijeenkomsten/{meeting.pk}": [shared.pk],
        "/api/v1/bijeenkomsten": [],
        f"/api/v1/bijeenkomsten?case={shared.number}": [shared.pk],
        f"/api/v1/bijeenkomsten?case={closed_to_politie.number}": [],
    }
    for url, cases in shown.items():
        before = case_accesses().count()
        assert client.get(url).status_code == 200
        written = list(case_accesses().order_by("-pk")[: case_accesses().count() - before])
        assert [int(e.object_pk) for e in written] == cases, url
        assert {e.content_type.model_class() for e in written} <= {Case}
    assert not AuditEntry.objects.get_for_object(closed_to_politie).filter(
        action=AuditEntry.Action.ACCESS
    )
