"""Issue 12, the uitvoerder's workplace in the ICO files (U1, U2, U4, C1, C3, C4, C5, C6, C9, S2):
the parts of the case page on both sides of the permission, actions offered only when they can
succeed (and refused by the service when forced), the casemanager's choices, htmx and no-JS
paths, the dashboard's work panels, the sorted lists, and queries that do not grow with rows."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases import meeting_services, selectors, services
from cases.constants import CasePart, CaseStatus, ClosingReason, MeasureStatus
from cases.models import Discussion
from parties.constants import Function
from security.models import AuditEntry
from subjects.constants import CheckOutcome
from tests.cases.factories import Ico
from tests.cases.test_pages import disclose, measure, partner_case
from tests.conftest import verified_client
from tests.factories import VeiligheidshuisFactory, authorise, make_user

pytestmark = pytest.mark.django_db

PARTS = ["case-detail", "case-plan", "case-meetings", "case-people", "case-history"]
CODES = re.compile(r"\((?:[CPBSRWIU]\d{1,2}|VH \d[\d.]*|CTER \d[\d.a-z]*)[^)]*\)")
HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, case, **kwargs):
    return reverse(f"cases:{name}", kwargs={"number": case.number, **kwargs})


def meeting_of(ico, cases, *, on=None):
    return meeting_services.hold_meeting(
        casusoverleg=ico.overleg,
        held_on=on or timezone.localdate(),
        chair=ico.chair,
        attendees=[ico.politie, ico.gemeente],
        cases=cases,
        by=ico.keeper,
    )


def advise(ico, case):
    services.advise_closing(
        case, by=ico.keeper, advice="Doelen bereikt.", advised_on=timezone.localdate()
    )


# --- U1, C1, S2: the parts of the case page ------------------------------------------------------


@pytest.mark.parametrize("who", ["keeper", "agent", "raad"])
def test_u1_c1_every_part_has_its_own_url_for_who_sees_the_case(ico, case, who):
    client = verified_client(getattr(ico, who))
    for name in PARTS:
        page = client.get(url(name, case))
        assert page.status_code == 200, name
        body = page.content.decode()
        assert 'aria-current="page"' in body and case.number in body
        assert 'data-testid="summary"' in body
    # S2: every part is a read of the case.
    entries = AuditEntry.objects.get_for_object(case).filter(action=AuditEntry.Action.ACCESS)
    assert entries.filter(actor=getattr(ico, who)).count() == len(PARTS)


@pytest.mark.parametrize("who", ["ggz", "reclasseerder"])
def test_u1_c1_every_part_answers_404_to_who_does_not_see_the_case(ico, case, who):
    client = verified_client(getattr(ico, who))
    for name in [*PARTS, "case-disclosures"]:
        assert client.get(url(name, case)).status_code == 404, name


def test_u1_c6_the_disclosures_part_is_the_keepers_only(ico):
    case = partner_case(ico)
    disclose(ico, case)
    keeper = verified_client(ico.keeper).get(url("case-disclosures", case))
    assert keeper.status_code == 200
    assert 'data-testid="disclosures"' in keeper.content.decode()
    for who in ("agent", "raad", "partner_user"):
        assert (
            verified_client(getattr(ico, who)).get(url("case-disclosures", case)).status_code == 404
        )
    tabs = verified_client(ico.agent).get(url("case-detail", case)).content.decode()
    assert url("case-disclosures", case) not in tabs


def test_u1_the_summary_says_what_is_due(ico, case):
    measure(ico, case, days=-2)
    measure(ico, case, days=3)
    meeting = meeting_of(ico, [case], on=timezone.localdate() + timedelta(days=5))
    body = verified_client(ico.agent).get(url("case-detail", case)).content.decode()
    assert "1 over de termijn" in body and "1 loopt deze week af" in body
    assert f"/casussen/overleggen/{meeting.pk}/" in body
    assert (timezone.localdate() + timedelta(days=5)).strftime("%d-%m-%Y") in body


def test_r6_the_plan_part_shows_restricted_notes_to_the_keeper_only(ico, case):
    from subjects.models import Restriction

    row = measure(ico, case)
    note = services.report_progress(row, by=ico.keeper, text="Afgeschermde voortgang.")
    Restriction.objects.create(
        file_label="ico",
        dossier_key=case.number,
        item_model="cases.progressnote",
        item_pk=note.pk,
        reason="Onjuist volgens betrokkene.",
        restricted_by=ico.keeper,
    )
    keeper = verified_client(ico.keeper).get(url("case-plan", case)).content.decode()
    assert "Afgeschermde voortgang." in keeper and "utrecht-badge-status" in keeper
    agent = verified_client(ico.agent).get(url("case-plan", case)).content.decode()
    assert "Afgeschermde voortgang." not in agent


@pytest.mark.parametrize("name", [*PARTS, "case-disclosures"])
def test_u1_each_part_queries_the_same_with_few_or_many_rows(
    ico, case, name, django_assert_max_num_queries
):
    """C3, S2: the queries of a part do not grow with the rows of the case."""
    client = verified_client(ico.keeper)

    def more(count):
        for _ in range(count):
            row = measure(ico, case, days=-1)
            services.report_progress(row, by=ico.keeper, text="Loopt.")
            services.record_check(case, by=ico.keeper, outcome=CheckOutcome.CORRECT)
            services.add_related_person(
                case, by=ico.keeper, role="network", surname="Oom", given_names="Kees", reason="R"
            )

    more(2)
    client.get(url(name, case))  # the session settles
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(name, case)).status_code == 200
    more(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url(name, case)).status_code == 200


# --- U1, C5: actions grouped, only what can succeed ----------------------------------------------


def test_c5_closing_is_offered_only_after_the_advice_and_stands_apart(ico, case):
    client = verified_client(ico.keeper)
    body = client.get(url("case-detail", case)).content.decode()
    assert url("close", case) not in body
    assert 'data-testid="closing-actions"' in body  # says when it can be closed
    # Forced: the page refuses and so does the service.
    response = client.get(url("close", case), follow=True)
    assert "advies aan de driehoek" in response.content.decode()
    with pytest.raises(ValidationError):
        services.decide_closing(
            case, by=ico.keeper, reason=ClosingReason.RESULT_REACHED, decided_on=date.today()
        )
    advise(ico, case)
    body = client.get(url("case-detail", case)).content.decode()
    closing = body[body.index('data-testid="closing-actions"') :]
    assert url("close", case) in closing and "utrecht-button--danger" in closing
    assert url("advise-closing", case) not in body
    # The close page is a confirmation page that says what happens.
    page = client.get(url("close", case)).content.decode()
    assert 'data-testid="what-happens"' in page


def test_u1_the_primary_action_is_the_next_step(ico, case):
    client = verified_client(ico.keeper)

    def primary():
        body = client.get(url("case-detail", case)).content.decode()
        found = re.search(r'href="([^"]+)" data-testid="primary-action"', body)
        return found.group(1) if found else None

    assert primary() == url("measure-create", case)
    row = measure(ico, case)
    services.report_progress(row, by=ico.keeper, text="Klaar.", status=MeasureStatus.DONE)
    assert primary() == url("advise-closing", case)  # the plan is done
    advise(ico, case)
    assert primary() != url("close", case)  # closing is never the primary action
    meeting = meeting_of(ico, [case])
    assert primary().startswith(reverse("cases:meeting-detail", kwargs={"pk": meeting.pk}))
    # Once its minutes are approved, today's meeting is no longer the next step.
    ico.approve(meeting)
    assert not (primary() or "").startswith(
        reverse("cases:meeting-detail", kwargs={"pk": meeting.pk})
    )


def test_c1_add_a_participant_only_when_a_party_may_still_take_part(ico, case):
    client = verified_client(ico.keeper)
    assert url("participant-create", case) in client.get(url("case-detail", case)).content.decode()
    # The page offers the reclassering, not the GGZ (no party of the casusoverleg) nor the
    # undeclared partner, nor a party taking part already.
    page = client.get(url("participant-create", case))
    choices = {str(p) for p in page.context["form"].fields["party"].queryset}
    assert choices == {ico.reclassering.name}
    services.add_participant(case, ico.reclassering, by=ico.keeper)
    assert (
        url("participant-create", case) not in client.get(url("case-detail", case)).content.decode()
    )
    assert client.get(url("participant-create", case)).status_code == 302
    # The service refuses what the page does not offer: a declared partner of another region.
    other = Ico(VeiligheidshuisFactory(code="elders"))
    other.declare_partner()
    with pytest.raises(ValidationError):
        services.add_participant(case, other.partner, by=ico.keeper)
    with pytest.raises(ValidationError):
        services.add_participant(case, ico.politie, by=ico.keeper)


def test_c10_copy_is_offered_only_when_a_casusoverleg_fits(ico, case):
    client = verified_client(ico.keeper)
    assert not selectors.copy_destinations(case).exists()
    assert url("copy-create", case) not in client.get(url("case-detail", case)).content.decode()
    assert client.get(url("copy-create", case)).status_code == 302


def test_c6_disclose_is_offered_only_when_a_partner_takes_part(ico, case):
    client = verified_client(ico.keeper)
    assert (
        url("disclosure-create", case) not in client.get(url("case-detail", case)).content.decode()
    )
    assert client.get(url("disclosure-create", case)).status_code == 302
    with_partner = partner_case(ico)
    body = client.get(url("case-detail", with_partner)).content.decode()
    assert url("disclosure-create", with_partner) in body


# --- C4: who can be casemanager ------------------------------------------------------------------


def test_c4_casemanager_choices_are_workers_of_taking_part_parties_only(ico):
    ico.declare_partner()
    case = ico.open_case(participants=[ico.politie, ico.gemeente, ico.rvdk])
    services.add_participant(case, ico.partner, by=ico.keeper)
    beheerder = make_user(ico.rvdk, Function.BEHEERDER, Function.DEELNEMER, username="beheer")
    fg = make_user(ico.rvdk, Function.FG, username="fg-rvdk")
    choices = set(selectors.casemanager_choices([case]))
    assert {ico.agent, ico.raad} <= choices
    for never in (beheerder, fg, ico.partner_user, ico.reclasseerder, ico.ggz):
        assert never not in choices
        with pytest.raises(ValidationError):
            services.set_casemanager(case, never, by=ico.keeper)
    services.set_casemanager(case, ico.raad, by=ico.keeper)
    # The meeting's service refuses the same.
    meeting = meeting_of(ico, [case])
    with pytest.raises(ValidationError) as refused:
        meeting_services.record_discussion(
            meeting.discussions.get(),
            by=ico.chair,
            minutes="",
            approach="Gesprek.",
            casemanager=ico.partner_user,
            informing="Brief.",
        )
    assert "casemanager" in refused.value.message_dict


def test_c4_the_meeting_page_lists_the_casemanagers_once(ico):
    cases = [ico.open_case(surname=f"Persoon{n}") for n in range(4)]
    meeting = meeting_of(ico, cases)
    opened = meeting.discussions.get(case=cases[0])
    body = (
        verified_client(ico.chair)
        .get(reverse("cases:meeting-detail", kwargs={"pk": meeting.pk}), {"vastleggen": opened.pk})
        .content.decode()
    )
    assert body.count("<datalist") == 1
    label = f"{ico.raad.display_name} ({ico.rvdk.name})"
    assert body.count(f'<option value="{label}">') == 1
    assert body.count('list="casemanager-options"') == 1  # one form open at a time


def test_issue13_c4_the_meeting_page_does_not_grow_by_the_casemanagers_per_case(ico):
    """Issue 13: the possible casemanagers are one list on the meeting page, whatever the number
    of cases: more casemanagers make every meeting page longer by the same list, not by the list
    once per case; the page's queries do not grow with its cases."""
    cases = [ico.open_case(surname=f"Persoon{n}") for n in range(4)]
    one = meeting_of(ico, cases[:1])
    four = meeting_of(ico, cases, on=timezone.localdate() + timedelta(days=1))

    def page(meeting):
        client = verified_client(ico.chair)
        url = reverse("cases:meeting-detail", kwargs={"pk": meeting.pk})
        opened = {"vastleggen": meeting.discussions.get(case=cases[0]).pk}
        with CaptureQueriesContext(connection) as queries:
            body = client.get(url, opened).content.decode()
        return body, len(queries)

    page(one)  # the first request of a process also fills its caches (the content types)
    (small, small_queries), (large, large_queries) = page(one), page(four)
    for number in range(10):
        make_user(ico.rvdk, username=f"raad-{number}")
    (small_more, _queries), (large_more, _queries) = page(one), page(four)
    options = small_more.count("<option")
    assert options == small.count("<option") + 10 == large_more.count("<option")
    # Ten more people make both pages longer by the same list, not four times over.
    grown = len(large_more) - len(large)
    assert grown > 0 and abs(grown - (len(small_more) - len(small))) < 100
    assert large_queries == small_queries


# --- C3, C4: htmx in place, and the same without JavaScript --------------------------------------


def test_c3_progress_with_htmx_comes_back_in_place_and_without_js_as_a_redirect(ico, case):
    row = measure(ico, case, owner=ico.rvdk)
    target = url("progress-create", case, pk=row.pk)
    data = {
        f"progress-{row.pk}-text": "Gesprek gevoerd.",
        f"progress-{row.pk}-status": MeasureStatus.IN_PROGRESS,
        f"progress-{row.pk}-version": 1,
    }
    client = verified_client(ico.raad)
    response = client.post(target, data, **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<article class="vh-measure') and "<html" not in body
    assert "Gesprek gevoerd." in body and 'role="status"' in body
    row.refresh_from_db()
    assert row.status == MeasureStatus.IN_PROGRESS
    data[f"progress-{row.pk}-version"] = row.version
    data[f"progress-{row.pk}-text"] = "Tweede gesprek."
    response = client.post(target, data)
    assert response.status_code == 302
    assert response["Location"] == f"{url('case-plan', case)}#measure-{row.pk}"
    # Errors keep what was typed, in place.
    data[f"progress-{row.pk}-text"] = ""
    response = client.post(target, data, **HTMX)
    assert (
        response.status_code == 200 and "utrecht-form-field--invalid" in response.content.decode()
    )
    # Who may not report gets 404 either way.
    assert verified_client(ico.officier).post(target, data, **HTMX).status_code == 404


def test_c3_a_status_change_with_htmx_and_a_refusal_that_keeps_the_form(ico, case):
    row = measure(ico, case)
    target = url("measure-status", case, pk=row.pk)
    client = verified_client(ico.keeper)
    response = client.post(
        target,
        {f"status-{row.pk}-status": MeasureStatus.DONE, f"status-{row.pk}-version": 1},
        **HTMX,
    )
    assert response.status_code == 200
    row.refresh_from_db()
    assert row.status == MeasureStatus.DONE
    refused = client.post(
        target,
        {f"status-{row.pk}-status": MeasureStatus.PLANNED, f"status-{row.pk}-version": row.version},
        **HTMX,
    )
    assert refused.status_code == 200 and "De status kan niet van" in refused.content.decode()
    no_js = client.post(
        target,
        {
            f"status-{row.pk}-status": MeasureStatus.IN_PROGRESS,
            f"status-{row.pk}-version": row.version,
        },
    )
    assert no_js.status_code == 302
    row.refresh_from_db()
    assert row.status == MeasureStatus.IN_PROGRESS
    assert verified_client(ico.officier).post(target, {}, **HTMX).status_code == 404


def test_c4_minutes_of_one_item_with_htmx_and_without(ico, case):
    meeting = meeting_of(ico, [case])
    discussion = meeting.discussions.get()
    page = reverse("cases:meeting-detail", kwargs={"pk": meeting.pk})
    prefix = f"case-{discussion.pk}"
    data = {
        "discussion": discussion.pk,
        f"{prefix}-minutes": "Besproken.",
        f"{prefix}-approach": "",
        f"{prefix}-casemanager": f"{ico.raad.display_name} ({ico.rvdk.name})",
        f"{prefix}-informing": "Per brief.",
        f"{prefix}-version": 1,
    }
    chair = verified_client(ico.chair)
    refused = chair.post(page, data, **HTMX)
    body = refused.content.decode()
    assert refused.status_code == 200 and "<html" not in body
    assert "Besproken." in body and "utrecht-form-field--invalid" in body  # typed text kept
    data[f"{prefix}-approach"] = "Gesprek thuis."
    response = chair.post(page, data, **HTMX)
    assert response.status_code == 200 and 'role="status"' in response.content.decode()
    discussion.refresh_from_db()
    assert discussion.approach == "Gesprek thuis." and discussion.casemanager == ico.raad
    data[f"{prefix}-version"] = discussion.version
    no_js = chair.post(page, data)
    assert no_js.status_code == 302 and no_js["Location"] == f"{page}#case-{discussion.pk}"
    for who in ("agent", "raad"):
        assert verified_client(getattr(ico, who)).post(page, data, **HTMX).status_code == 404


def test_c4_the_chairs_primary_action_is_approving(ico, case):
    meeting = meeting_of(ico, [case])
    page = reverse("cases:meeting-detail", kwargs={"pk": meeting.pk})
    assert 'data-testid="primary-action"' in verified_client(ico.chair).get(page).content.decode()
    assert (
        'data-testid="primary-action"' not in verified_client(ico.keeper).get(page).content.decode()
    )


# --- U1, C3, C4, C9: the dashboard's work panels -------------------------------------------------


def _panel(user, key):
    body = verified_client(user).get(reverse("dashboard")).content.decode()
    start = body.find(f'data-testid="panel-{key}"')
    if start < 0:
        return None
    return body[start : body.find("</section>", start)]


def test_c3_measures_due_for_keeper_casemanager_and_owning_party_never_closed_or_done(ico):
    case = ico.open_case()
    row = measure(ico, case, owner=ico.rvdk, days=3)
    done = measure(ico, case, owner=ico.rvdk, days=-3)
    services.report_progress(done, by=ico.keeper, text="Klaar.", status=MeasureStatus.DONE)
    later = measure(ico, case, owner=ico.rvdk, days=30)
    anchor = f"{url('case-plan', case)}#measure-{row.pk}"
    for who in ("keeper", "raad"):
        panel = _panel(getattr(ico, who), "measures-due")
        assert anchor in panel and case.number in panel, who
        assert f"#measure-{done.pk}" not in panel and f"#measure-{later.pk}" not in panel
    # The police does not own it and neither keeps nor manages the case.
    assert anchor not in _panel(ico.agent, "measures-due")
    services.set_casemanager(case, ico.agent, by=ico.keeper)
    assert anchor in _panel(ico.agent, "measures-due")
    # A closed case never appears.
    advise(ico, case)
    services.decide_closing(
        case, by=ico.keeper, reason=ClosingReason.RESULT_REACHED, decided_on=date.today()
    )
    for who in ("keeper", "raad", "agent"):
        assert case.number not in _panel(getattr(ico, who), "measures-due")
    assert 'data-testid="panel-empty"' in _panel(ico.keeper, "measures-due")


def test_c3_issue13_a_measure_found_two_ways_is_listed_and_counted_once(ico):
    """`measures_due_for` is a union of the three ways to a measure: the keeper keeps the case
    and the keeper's own party owns the measure, so it is found twice and listed once, soonest
    first; the police finds it only once it manages the case."""
    from cases.dashboard import measures_due_for

    case = ico.open_case()
    own = measure(ico, case, owner=ico.gemeente, days=3)
    sooner = measure(ico, case, owner=ico.rvdk, days=1)
    assert [pk for pk, _deadline in measures_due_for(ico.keeper)] == [sooner.pk, own.pk]
    assert [pk for pk, _deadline in measures_due_for(ico.raad)] == [sooner.pk]
    assert list(measures_due_for(ico.agent)) == []
    services.set_casemanager(case, ico.agent, by=ico.keeper)
    assert [pk for pk, _deadline in measures_due_for(ico.agent)] == [sooner.pk, own.pk]


def test_c3_s2_a_due_measure_is_named_by_its_description_and_logged_as_a_read(ico):
    """U1: the line says which measure; showing its description is a read of the case (S2)."""
    case = ico.open_case()
    measure(ico, case, owner=ico.rvdk, days=3)
    reads = AuditEntry.objects.get_for_object(case).filter(action=AuditEntry.Action.ACCESS)
    before = reads.filter(actor=ico.raad).count()
    panel = _panel(ico.raad, "measures-due")
    assert "Gesprek met de jongerenwerker" in panel
    assert reads.filter(actor=ico.raad).count() == before + 1
    # A dashboard without such lines writes no read.
    assert _panel(ico.agent, "measures-due") is not None
    assert not reads.filter(actor=ico.agent).exists()


def test_c9_checks_due_for_the_keeper_only_and_not_for_closed_cases(ico, settings):
    settings.CHECK_DAYS = 30
    case = ico.open_case()
    closed = ico.open_case(surname="Gesloten")
    advise(ico, closed)
    services.decide_closing(
        closed, by=ico.keeper, reason=ClosingReason.RESULT_REACHED, decided_on=date.today()
    )
    assert case.number not in _panel(ico.keeper, "case-checks-due")
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        panel = _panel(ico.keeper, "case-checks-due")
        assert url("check-create", case) in panel
        assert closed.number not in panel
        assert _panel(ico.agent, "case-checks-due") is None


def test_c4_coming_meetings_for_the_chair_and_the_keeper(ico, case):
    meeting = meeting_of(ico, [case], on=timezone.localdate() + timedelta(days=4))
    link = reverse("cases:meeting-detail", kwargs={"pk": meeting.pk})
    for who in ("chair", "keeper"):
        panel = _panel(getattr(ico, who), "case-meetings")
        assert link in panel and case.number in panel, who
    assert _panel(ico.agent, "case-meetings") is None


# --- U1, U2, U4: lists ---------------------------------------------------------------------------


def test_u1_the_case_list_puts_open_cases_first_then_by_deadline(ico):
    late = ico.open_case(surname="Laat")
    measure(ico, late, days=20)
    soon = ico.open_case(surname="Vroeg")
    measure(ico, soon, days=2)
    closed = ico.open_case(surname="Dicht")
    measure(ico, closed, days=-5)
    advise(ico, closed)
    services.decide_closing(
        closed, by=ico.keeper, reason=ClosingReason.RESULT_REACHED, decided_on=date.today()
    )
    client = verified_client(ico.keeper)
    page = client.get(reverse("cases:case-list"))
    numbers = [c.number for c in page.context["cases"]]
    assert numbers.index(soon.number) < numbers.index(late.number) < numbers.index(closed.number)
    assert page.context["result_count"] == 3
    assert 'data-testid="result-count"' in page.content.decode()
    by_number = client.get(reverse("cases:case-list"), {"sort": "-number"})
    assert [c.number for c in by_number.context["cases"]][0] == closed.number
    # Filters stay set: the bare list comes back sorted and filtered as left.
    client.get(reverse("cases:case-list"), {"status": CaseStatus.CLOSED})
    again = client.get(reverse("cases:case-list"), follow=True)
    assert [c.number for c in again.context["cases"]] == [closed.number]


def test_c6_u4_the_partners_disclosure_list_names_the_case_and_the_parts(ico):
    case = partner_case(ico)
    disclose(ico, case, parts=(CasePart.PERSONAL_DETAILS, CasePart.SIGNALS))
    client = verified_client(ico.partner_user)
    body = client.get(reverse("cases:disclosure-list")).content.decode()
    assert case.number in body and "Signalen" in body
    assert timezone.localdate().strftime("%d-%m-%Y") in body
    assert 'data-testid="result-count"' in body


def test_u4_no_requirement_codes_on_the_case_pages(ico):
    case = partner_case(ico)
    measure(ico, case, days=-1)
    disclosure = disclose(ico, case)
    meeting = meeting_of(ico, [case])
    keeper = verified_client(ico.keeper)
    pages = [url(name, case) for name in [*PARTS, "case-disclosures"]]
    pages += [
        url(name, case)
        for name in ("measure-create", "related-create", "advise-closing", "check-create")
    ]
    pages += [
        reverse("cases:case-list"),
        reverse("cases:meeting-list"),
        reverse("cases:meeting-detail", kwargs={"pk": meeting.pk}),
        reverse("cases:disclosure-detail", kwargs={"pk": disclosure.pk}),
        reverse("dashboard"),
    ]
    for path in pages:
        response = keeper.get(path, follow=True)
        assert response.status_code == 200, path
        text = re.sub(r"<[^>]+>", " ", response.content.decode())
        assert not CODES.search(text), (path, CODES.search(text))
    # A refusal names what to do, without a code.
    response = keeper.post(url("close", case), {}, follow=True)
    assert not CODES.search(response.content.decode())


def test_s2_a_chair_without_the_file_sees_no_case_part(ico, case):
    """P8: chairing gives nothing without an authorisation for the file."""
    chair = make_user(ico.gemeente, Function.VOORZITTER, username="voorzitter-zonder")
    for name in PARTS:
        assert verified_client(chair).get(url(name, case)).status_code == 404
    authorise(chair, ico.overleg)
    assert verified_client(chair).get(url("case-plan", case)).status_code in (200, 404)


def test_c4_discussion_model_untouched_by_a_refused_htmx_post(ico, case):
    meeting = meeting_of(ico, [case])
    discussion = meeting.discussions.get()
    page = reverse("cases:meeting-detail", kwargs={"pk": meeting.pk})
    prefix = f"case-{discussion.pk}"
    verified_client(ico.chair).post(
        page,
        {
            "discussion": discussion.pk,
            f"{prefix}-approach": "X",
            f"{prefix}-informing": "Y",
            f"{prefix}-casemanager": "Iemand die niet bestaat",
            f"{prefix}-version": 1,
        },
        **HTMX,
    )
    assert Discussion.objects.get(pk=discussion.pk).approach == ""
