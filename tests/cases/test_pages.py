"""The case pages: C1, S1, C3, C4, C5, C6, P6, C7, C9, U2 and S2 in the browser pages. Who sees a
case and who gets 404 (never 403); the keeper's change pages; closing and reopening; the
meeting and its minutes; the partner's disclosures; access entries; queries that do not grow
with the rows."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cases import disclosure_services, meeting_services, services
from cases.constants import CasePart, CaseStatus, ClosingReason, Goal, MeasureStatus
from cases.models import CaseCheck, Disclosure, Discussion, Export, Measure
from config.audit import acting_as
from config.pages import PAGE_SIZE
from security.models import AuditEntry
from subjects.categories import DataCategory
from subjects.constants import CheckOutcome
from tests.cases.factories import Ico
from tests.cases.transfer_fixtures import Agendering
from tests.conftest import verified_client
from tests.factories import VeiligheidshuisFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

PERMISSION = "Politie, teamchef De Wit, 20-11-2026"


def case_url(name, case, **kwargs):
    return reverse(f"cases:{name}", kwargs={"number": case.number, **kwargs})


KEEPER_PAGES = [
    "participant-create",
    "goals",
    "measure-create",
    "related-create",
    "advise-closing",
    "close",
    "reopen",
    "check-create",
    "disclosure-create",
    "export-create",
]


def measure(ico, case, *, days=7, owner=None):
    return services.add_measure(
        case,
        by=ico.keeper,
        description="Gesprek met de jongerenwerker",
        owner=owner or ico.politie,
        deadline=timezone.localdate() + timedelta(days=days),
    )


def progress_data(measure, **fields):
    """The progress form of a measure's card (U1: one per measure on the plan part)."""
    return {f"progress-{measure.pk}-{name}": value for name, value in fields.items()}


def disclose(ico, case, parts=(CasePart.PERSONAL_DETAILS,)):
    return disclosure_services.disclose(
        case,
        by=ico.keeper,
        partner=ico.partner,
        parts=list(parts),
        necessity="De partner begeleidt de betrokkene.",
        categories=[DataCategory.NAME_AND_ADDRESS],
        provider=ico.politie,
        provider_permission=PERMISSION,
    )


def partner_case(ico):
    ico.declare_partner()
    case = ico.open_case()
    services.add_participant(case, ico.partner, by=ico.keeper)
    return case


# --- C1, S1: who sees a case ------------------------------------------------------------------


@pytest.mark.parametrize("who", ["agent", "officier", "raad", "keeper"])
def test_c1_s1_a_participant_sees_the_case_page_and_the_list(ico, case, who):
    client = verified_client(getattr(ico, who))
    page = client.get(case_url("case-detail", case))
    assert page.status_code == 200
    assert "Yilmaz" in page.content.decode()
    assert case.number in client.get(reverse("cases:case-list")).content.decode()


@pytest.mark.parametrize("who", ["ggz", "reclasseerder"])
def test_c1_s1_a_non_participant_gets_404(ico, case, who):
    client = verified_client(getattr(ico, who))
    assert client.get(case_url("case-detail", case)).status_code == 404
    listed = client.get(reverse("cases:case-list"))
    assert listed.status_code == 200
    assert case.number not in listed.content.decode()


def test_c1_a_participant_of_another_casusoverleg_gets_404(ico, case):
    other = Ico(VeiligheidshuisFactory(code="elders"))
    for user in (other.agent, other.keeper, other.raad):
        client = verified_client(user)
        assert client.get(case_url("case-detail", case)).status_code == 404
        assert case.number not in client.get(reverse("cases:case-list")).content.decode()


def test_c6_p6_an_external_partner_gets_404_on_the_case_pages(ico):
    case = partner_case(ico)
    client = verified_client(ico.partner_user)
    assert client.get(case_url("case-detail", case)).status_code == 404
    assert client.get(reverse("cases:case-list")).status_code == 404
    for name in KEEPER_PAGES:
        assert client.get(case_url(name, case)).status_code == 404, name


def test_s1_after_archiving_a_casuspartij_gets_404_and_a_kernpartij_still_sees_it(ico, case):
    services.archive(case, by=None)
    assert verified_client(ico.raad).get(case_url("case-detail", case)).status_code == 404
    assert verified_client(ico.agent).get(case_url("case-detail", case)).status_code == 200


# --- keeper-only pages ------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["agent", "officier", "raad", "ggz", "chair"])
def test_c1_keeper_pages_answer_404_to_everyone_else(ico, case, who):
    client = verified_client(getattr(ico, who))
    page = client.get(case_url("case-detail", case)).content.decode()
    assert 'data-testid="actions"' not in page
    for name in KEEPER_PAGES:
        assert client.get(case_url(name, case)).status_code == 404, name
    response = client.post(case_url("check-create", case), {"outcome": CheckOutcome.CORRECT})
    assert response.status_code == 404
    assert not CaseCheck.objects.exists()


def test_c3_the_keeper_sets_goals_and_adds_a_measure_and_overdue_ones_stand_out(ico, case):
    client = verified_client(ico.keeper)
    response = client.post(
        case_url("goals", case), {"goals": [Goal.LIMIT_RISKS], "version": case.version}
    )
    assert response.status_code == 302
    response = client.post(
        case_url("measure-create", case),
        {
            "description": "Huisbezoek",
            "owner": ico.politie.pk,
            "deadline": (timezone.localdate() + timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert Measure.objects.get(case=case).description == "Huisbezoek"
    # Four days on, the deadline has passed.
    with time_machine.travel(timezone.now() + timedelta(days=4), tick=False):
        client = verified_client(ico.keeper)
        page = client.get(case_url("case-plan", case)).content.decode()
        assert "(over de termijn)" in page
        # U1: the summary of every part says it too.
        assert "1 over de termijn" in client.get(case_url("case-detail", case)).content.decode()
        listed = client.get(reverse("cases:case-list")).content.decode()
        assert "1 over de termijn" in listed


def test_c3_progress_is_reported_by_the_owner_party_but_not_by_another_party(ico, case):
    row = measure(ico, case)
    url = case_url("progress-create", case, pk=row.pk)
    data = progress_data(row, text="Gesprek gevoerd.", status=MeasureStatus.IN_PROGRESS, version=1)
    assert verified_client(ico.officier).post(url, data).status_code == 404
    assert verified_client(ico.agent).post(url, data).status_code == 302
    row.refresh_from_db()
    assert row.status == MeasureStatus.IN_PROGRESS


def test_c9_the_keeper_records_a_check(ico, case):
    client = verified_client(ico.keeper)
    assert client.post(case_url("check-create", case), {"outcome": "corrected"}).status_code == 200
    response = client.post(case_url("check-create", case), {"outcome": CheckOutcome.CORRECT})
    assert response.status_code == 302
    assert CaseCheck.objects.get(case=case).checked_by == ico.keeper


# --- C5: closing and reopening ----------------------------------------------------------------


def test_c5_closing_flow_and_reopening(ico, case):
    client = verified_client(ico.keeper)
    today = timezone.localdate().isoformat()
    close = {"reason": ClosingReason.RESULT_REACHED, "decided_on": today}
    # The decision needs an advice first (U1: not offered before it, and refused when forced)
    # and a confirmation.
    refused = client.post(case_url("close", case), {**close, "confirm": "on"}, follow=True)
    assert "advies aan de driehoek" in refused.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE
    response = client.post(
        case_url("advise-closing", case), {"advice": "Doelen bereikt.", "advised_on": today}
    )
    assert response.status_code == 302
    assert client.post(case_url("close", case), close).status_code == 200
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE
    assert client.post(case_url("close", case), {**close, "confirm": "on"}).status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED

    # A closed case refuses changes until reopened.
    response = client.get(case_url("measure-create", case), follow=True)
    assert "heropen hem eerst" in response.content.decode()
    page = client.get(case_url("case-detail", case)).content.decode()
    assert case_url("reopen", case) in page
    assert case_url("measure-create", case) not in page

    assert client.post(case_url("reopen", case), {"reason": ""}).status_code == 200
    assert client.post(case_url("reopen", case), {"reason": "Nieuw signaal."}).status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE
    assert client.get(case_url("measure-create", case)).status_code == 200


# --- C4: meetings -----------------------------------------------------------------------------


def meeting_of(ico, cases):
    return meeting_services.hold_meeting(
        casusoverleg=ico.overleg,
        held_on=timezone.localdate(),
        chair=ico.chair,
        attendees=[ico.politie, ico.gemeente],
        cases=cases,
        by=ico.keeper,
    )


def discussion_data(discussion, **overrides):
    prefix = f"case-{discussion.pk}"
    return {
        "discussion": discussion.pk,
        f"{prefix}-minutes": "Besproken.",
        f"{prefix}-approach": "De politie voert een gesprek.",
        f"{prefix}-casemanager": "",
        f"{prefix}-informing": "Per brief.",
        f"{prefix}-version": Discussion.objects.get(pk=discussion.pk).version,
        **overrides,
    }


def test_c4_the_keeper_holds_a_meeting_from_the_page(ico, case):
    client = verified_client(ico.keeper)
    response = client.post(
        reverse("cases:meeting-create"),
        {
            "casusoverleg": ico.overleg.pk,
            "held_on": timezone.localdate().isoformat(),
            "chair": ico.chair.pk,
            "attendees": [ico.politie.pk, ico.gemeente.pk],
            "cases": [case.pk],
        },
    )
    assert response.status_code == 302
    assert verified_client(ico.chair).get(reverse("cases:meeting-list")).status_code == 200
    # ADR 0011: a participant finds the meetings with its cases on the agenda, read-only.
    assert verified_client(ico.agent).get(reverse("cases:meeting-list")).status_code == 200
    assert verified_client(ico.agent).get(reverse("cases:meeting-create")).status_code == 404


def test_c4_the_chair_records_and_approves_the_minutes_and_others_cannot(ico, case):
    row = measure(ico, case, days=-2)
    meeting = meeting_of(ico, [case])
    discussion = meeting.discussions.get()
    url = reverse("cases:meeting-detail", kwargs={"pk": meeting.pk})
    chair = verified_client(ico.chair)
    page = chair.get(url).content.decode()
    assert row.description in page and "(over de termijn)" in page

    for who in ("agent", "raad", "keeper"):
        client = verified_client(getattr(ico, who))
        response = client.post(url, {"approve": "1", "confirm": "on"})
        assert response.status_code == 404, who
    meeting.refresh_from_db()
    assert meeting.approved_at is None

    assert chair.post(url, discussion_data(discussion)).status_code == 302
    # Without the confirmation nothing is approved.
    assert chair.post(url, {"approve": "1"}).status_code == 200
    meeting.refresh_from_db()
    assert meeting.approved_at is None
    assert chair.post(url, {"approve": "1", "confirm": "on"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.approved_at is not None

    page = chair.get(url).content.decode()
    assert 'name="discussion"' not in page
    assert 'data-testid="approve"' not in page
    assert "De politie voert een gesprek." in page
    response = chair.post(
        url, discussion_data(discussion, **{f"case-{discussion.pk}-minutes": "X"})
    )
    assert response.status_code == 200
    discussion.refresh_from_db()
    assert discussion.minutes == "Besproken."


# --- C6, C7, P6: disclosures and exports ------------------------------------------------------


def test_c6_the_keeper_discloses_from_the_page(ico):
    case = partner_case(ico)
    response = verified_client(ico.keeper).post(
        case_url("disclosure-create", case),
        {
            "partner": ico.partner.pk,
            "parts": [CasePart.PERSONAL_DETAILS],
            "categories": [DataCategory.NAME_AND_ADDRESS],
            "necessity": "De partner begeleidt de betrokkene.",
            "provider": ico.politie.pk,
            "provider_permission": PERMISSION,
            "prosecutor_consent": "",
        },
    )
    assert response.status_code == 302
    assert Disclosure.objects.get(case=case).parts == [CasePart.PERSONAL_DETAILS]


def test_c6_the_partner_sees_only_its_disclosures_exactly_as_disclosed(ico):
    case = partner_case(ico)
    services.add_related_person(
        case,
        by=ico.keeper,
        role="network",
        surname="Verborgen",
        given_names="Karel",
        reason="Oom van de betrokkene.",
    )
    disclosure = disclose(ico, case)
    # A later change of the case leaves the disclosure as it was.
    type(case).objects.filter(pk=case.pk).update(surname="Gewijzigd")
    client = verified_client(ico.partner_user)
    listed = client.get(reverse("cases:disclosure-list"))
    assert listed.status_code == 200
    url = reverse("cases:disclosure-detail", kwargs={"pk": disclosure.pk})
    assert url in listed.content.decode()
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Yilmaz" in text
    assert "Gewijzigd" not in text
    assert "Verborgen" not in text
    # U1, issue 12: the partner's disclosure names the case number, so rows can be told apart.
    assert case.number in text and case.number in listed.content.decode()
    assert client.get(case_url("case-detail", case)).status_code == 404

    other = Ico(VeiligheidshuisFactory(code="elders"))
    other.declare_partner()
    elsewhere = other.open_case()
    services.add_participant(elsewhere, other.partner, by=other.keeper)
    foreign = disclose(other, elsewhere)
    assert (
        client.get(reverse("cases:disclosure-detail", kwargs={"pk": foreign.pk})).status_code == 404
    )
    assert verified_client(ico.agent).get(url).status_code == 404
    assert verified_client(ico.agent).get(reverse("cases:disclosure-list")).status_code == 404
    # The keeper who made the disclosure reads it, as in the API (ADR 0011).
    assert verified_client(ico.keeper).get(url).status_code == 200


def test_c7_an_export_is_recorded_with_the_providers_permission(ico, case):
    client = verified_client(ico.keeper)
    data = {"provider": ico.politie.pk, "provider_permission": ""}
    assert client.post(case_url("export-create", case), data).status_code == 200
    assert not Export.objects.exists()
    data["provider_permission"] = PERMISSION
    response = client.post(case_url("export-create", case), data)
    export = Export.objects.get(case=case)
    assert export.provider_permission == PERMISSION and export.exported_by == ico.keeper
    # The download follows the record, named by the case number only.
    assert response["Content-Disposition"] == f'attachment; filename="casus-{case.number}.json"'
    document = json.loads(response.content)
    assert document["case"] == case.number
    assert document["export"]["providerPermission"] == PERMISSION
    assert document[CasePart.PERSONAL_DETAILS]["surname"] == case.surname
    assert set(CasePart.values) <= set(document)
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS, object_id=case.pk, actor=ico.keeper
    ).exists()


def test_c7_only_the_keeper_exports(ico, case):
    data = {"provider": ico.politie.pk, "provider_permission": PERMISSION}
    response = verified_client(ico.agent).post(case_url("export-create", case), data)
    assert response.status_code == 404
    assert not Export.objects.exists()


# --- U2: navigation ---------------------------------------------------------------------------


def test_u2_the_navigation_shows_cases_and_disclosures_to_the_right_users(ico):
    ico.declare_partner()
    cases_url = f'href="{reverse("cases:case-list")}"'
    disclosures_url = f'href="{reverse("cases:disclosure-list")}"'
    page = verified_client(ico.agent).get(reverse("dashboard")).content.decode()
    assert cases_url in page and disclosures_url not in page
    page = verified_client(ico.partner_user).get(reverse("dashboard")).content.decode()
    assert cases_url not in page and disclosures_url in page


# --- S2: reads are logged ---------------------------------------------------------------------


def test_s2_viewing_a_case_writes_an_access_entry_with_actor_and_party(ico, case):
    assert verified_client(ico.agent).get(case_url("case-detail", case)).status_code == 200
    entry = AuditEntry.objects.get_for_object(case).get(action=AuditEntry.Action.ACCESS)
    assert entry.actor == ico.agent
    assert entry.actor_party == ico.politie


def test_s2_viewing_a_disclosure_writes_an_access_entry_on_its_case(ico):
    """S2, issue 8 finding 6: the entry names the dossier root, the case."""
    disclosure = disclose(ico, partner_case(ico))
    url = reverse("cases:disclosure-detail", kwargs={"pk": disclosure.pk})
    assert verified_client(ico.partner_user).get(url).status_code == 200
    entry = AuditEntry.objects.get_for_object(disclosure.case).get(action=AuditEntry.Action.ACCESS)
    assert entry.actor == ico.partner_user


# --- queries do not grow with the rows --------------------------------------------------------


def test_s2_the_case_page_shows_who_changed_what_but_never_the_old_values(ico):
    case = ico.open_case(surname="Oudenaam")
    client = verified_client(ico.keeper)
    measure_page = case_url("measure-create", case)
    deadline = (timezone.localdate() + timedelta(days=7)).isoformat()
    data = {"description": "Huisbezoek", "owner": ico.politie.pk, "deadline": deadline}
    assert client.post(measure_page, data).status_code == 302
    with acting_as(ico.keeper):
        case.surname = "Nieuwenaam"
        case.save()

    page = client.get(case_url("case-history", case))
    history = page.context["history"]
    assert [(row.subject, row.action) for row in history[:2]] == [
        ("casus", "gewijzigd"),
        ("maatregel", "toegevoegd"),
    ]
    assert "achternaam" in history[0].fields
    assert {row.actor for row in history[:2]} == {ico.keeper.display_name}
    assert {row.party for row in history[:2]} == {ico.gemeente.name}
    body = page.content.decode()
    assert "Nieuwenaam" in body and "Oudenaam" not in body
    # A participant sees the same history; reads are not part of it.
    other = verified_client(ico.agent).get(case_url("case-history", case)).context["history"]
    assert other == history


def test_w6_c10_the_case_page_says_what_a_transfer_copied():
    ag = Agendering(VeiligheidshuisFactory(code="kennemerland", name="Kennemerland"))
    assessment = ag.assessment()
    case = ag.agendeer(assessment, signals=assessment.signals.all()[:1], findings=[])
    body = verified_client(ag.keeper).get(case_url("case-history", case)).content.decode()
    assert "(Naam, adres en geboortedatum, 1 signaal)" in body


def _cases(ico, count):
    for n in range(count):
        case = ico.open_case(surname=f"Persoon{n}")
        measure(ico, case, days=-1)


def test_c1_the_case_list_queries_the_same_with_5_or_50_rows(ico):
    client = verified_client(ico.keeper)
    _cases(ico, 5)
    few = count_queries(client, reverse("cases:case-list"))
    _cases(ico, 45)
    assert count_queries(client, reverse("cases:case-list")) == few


def test_c3_the_case_page_queries_the_same_with_5_or_50_rows(ico, case):
    client = verified_client(ico.keeper)

    def more(count):
        for _ in range(count):
            row = measure(ico, case, days=-1)
            services.report_progress(row, by=ico.keeper, text="Loopt.")
            services.record_check(case, by=ico.keeper, outcome=CheckOutcome.CORRECT)
            services.add_related_person(
                case, by=ico.keeper, role="network", surname="Oom", given_names="Kees", reason="R"
            )

    parts = ["case-detail", "case-plan", "case-people", "case-history", "case-disclosures"]
    more(5)
    few = [count_queries(client, case_url(name, case)) for name in parts]
    more(45)
    assert [count_queries(client, case_url(name, case)) for name in parts] == few


def test_c4_the_meeting_page_queries_the_same_with_5_or_50_rows(ico):
    def meeting_with(count):
        cases = []
        for n in range(count):
            case = ico.open_case(surname=f"Persoon{n}")
            measure(ico, case, days=-1)
            cases.append(case)
        return reverse("cases:meeting-detail", kwargs={"pk": meeting_of(ico, cases).pk})

    client = verified_client(ico.chair)
    # The page writes one access entry per case shown (S2), all in one insert: of 50 cases the
    # first page shows PAGE_SIZE. `count_queries` asks for each page twice (a warm request,
    # then the counted one).
    few_url = meeting_with(5)
    few = count_queries(client, few_url)
    many_url = meeting_with(50)
    assert count_queries(client, many_url) == few
    assert count_queries(client, f"{many_url}?page=2") == few
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, actor=ico.chair)
    assert entries.count() == 2 * (5 + PAGE_SIZE + PAGE_SIZE)
    assert set(entries.values_list("actor_party", flat=True)) == {ico.chair.membership.party.pk}


def test_c3_a_status_change_the_table_refuses_shows_on_the_form_with_the_text_kept(ico, case):
    """Issue 8, finding 3: the page goes through cases.transitions; the refusal is in Dutch on
    the status field and the text typed stays."""
    row = measure(ico, case)
    url = case_url("progress-create", case, pk=row.pk)
    client = verified_client(ico.keeper)
    done = progress_data(row, text="Klaar.", status=MeasureStatus.DONE, version=row.version)
    assert client.post(url, done).status_code == 302
    row.refresh_from_db()
    again = progress_data(
        row, text="Opnieuw gepland.", status=MeasureStatus.PLANNED, version=row.version
    )
    response = client.post(url, again)
    assert response.status_code == 200
    page = response.content.decode()
    assert "De status kan niet van" in page and "Opnieuw gepland." in page
    row.refresh_from_db()
    assert row.status == MeasureStatus.DONE and row.notes.count() == 1
