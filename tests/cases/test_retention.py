"""Retention in the ICO files: the terms of a casusoverleg (C11, B3, B4) on its pages and in the
API; archived cases out of the lists but open by their page to kernpartijen, with a banner and
every read logged (B3, S2); an archived case opened again by the agenda in a VH module and only
on the controller's instruction in the CTER ICO (VH 20.1, B5)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cases import meeting_services, selectors, services
from cases.constants import CaseStatus, ClosingReason
from cases.models import CaseMeeting, CasusOverleg
from cases.permissions import file_of
from retention.constants import ArchiveFrom, ReactivatedBy
from retention.models import Reactivation
from retention.services.terms import set_terms
from security.models import AuditEntry
from tests.conftest import verified_client
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

BANNER = "Dit dossier is gearchiveerd"


def by_agenda(ico):
    """The casusoverleg becomes a VH module whose archive opens by the agenda (VH 20.1)."""
    set_terms(
        file_of(ico.overleg),
        archive_after_months=24,
        archive_from=ArchiveFrom.LAST_AGENDA,
        destroy_after_months=72,
    )


def archived(ico, *, closed=False):
    case = ico.open_case()
    if closed:
        today = timezone.localdate()
        services.advise_closing(
            case, by=ico.keeper, advice="Doel bereikt.", advised_on=today - timedelta(days=2)
        )
        services.decide_closing(
            case, by=ico.keeper, reason=ClosingReason.RESULT_REACHED, decided_on=today
        )
    services.archive(case, by=None)
    case.refresh_from_db()
    assert case.status == CaseStatus.ARCHIVED
    return case


def meet(ico, cases):
    return meeting_services.hold_meeting(
        casusoverleg=ico.overleg,
        held_on=timezone.localdate(),
        chair=ico.chair,
        attendees=[ico.politie, ico.gemeente],
        cases=cases,
        by=ico.keeper,
    )


def page_numbers(client, **params) -> str:
    response = client.get(reverse("cases:case-list"), params)
    assert response.status_code == 200
    return response.content.decode()


def api_numbers(client, **params) -> list[str]:
    response = client.get("/api/v1/casussen", params)
    assert response.status_code == 200, response.content
    return [row["number"] for row in response.json()["results"]]


# --- C11, B3, B4: the terms on the casusoverleg's pages -----------------------------------------


def test_c11_b3_b4_the_case_and_meeting_pages_show_the_terms_of_the_casusoverleg(ico):
    case = ico.open_case()
    page = verified_client(ico.agent).get(reverse("cases:case-detail", args=[case.number]))
    text = page.content.decode()
    assert 'data-testid="retention-terms"' in text
    title = text.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "maanden" not in title and "<" not in title  # the terms are on the page, not its title
    assert "12 maanden na de laatste verwerking" in text  # the CTER defaults, in words
    assert "60 maanden na de laatste verwerking" in text
    by_agenda(ico)
    text = verified_client(ico.agent).get(reverse("cases:case-detail", args=[case.number]))
    text = text.content.decode()
    assert "24 maanden niet op de agenda heeft gestaan" in text and "72" in text
    meeting = meet(ico, [case])
    text = verified_client(ico.chair).get(reverse("cases:meeting-detail", args=[meeting.pk]))
    assert "24 maanden niet op de agenda heeft gestaan" in text.content.decode()


def test_c11_the_api_gives_each_casusoverleg_its_own_terms_read_only(ico):
    by_agenda(ico)
    client = verified_client(ico.agent)
    [overleg] = client.get("/api/v1/casusoverleggen").json()["results"]
    terms = overleg["retentionTerms"]
    assert (terms["archiveAfterMonths"], terms["archiveFrom"], terms["destroyAfterMonths"]) == (
        24,
        ArchiveFrom.LAST_AGENDA,
        72,
    )
    assert "24 maanden" in terms["description"]
    # Read-only: the API has no write on a casusoverleg at all.
    response = client.patch(
        f"/api/v1/casusoverleggen/{overleg['id']}",
        {"retentionTerms": {"archiveAfterMonths": 1}},
        content_type="application/json",
    )
    assert response.status_code == 405
    assert selectors.casusoverleg_terms(ico.overleg).archive_after_months == 24


def test_c11_issue13_the_api_list_reads_the_terms_of_its_casusoverleggen_at_once(ico):
    """Each casusoverleg of a page with its own terms, in the same queries however many there
    are (two queries each before: 106 for a page at national scale)."""
    by_agenda(ico)
    client = verified_client(ico.agent)
    client.get("/api/v1/casusoverleggen")
    few = count_queries(client, "/api/v1/casusoverleggen")
    for number in range(3):
        CasusOverleg.objects.create(
            name=f"Overleg {number}",
            veiligheidshuis=ico.region,
            covenant_title=ico.overleg.covenant_title,
            covenant_reference=ico.overleg.covenant_reference,
            covenant_date=ico.overleg.covenant_date,
            controller=ico.overleg.controller,
        )
    assert count_queries(client, "/api/v1/casusoverleggen") == few
    found = client.get("/api/v1/casusoverleggen").json()["results"]
    terms = {overleg["name"]: overleg["retentionTerms"]["archiveAfterMonths"] for overleg in found}
    assert terms == {ico.overleg.name: 24, "Overleg 0": 12, "Overleg 1": 12, "Overleg 2": 12}


# --- B3: archived cases out of the lists, open by their page to kernpartijen ---------------------


def test_b3_lists_leave_archived_cases_out_unless_filtered_for_page_and_api(ico):
    active = ico.open_case(surname="Actief")
    old = archived(ico)
    agent = verified_client(ico.agent)  # a kernpartij: sees the archive
    page = page_numbers(agent)
    assert active.number in page and old.number not in page
    assert api_numbers(agent) == [active.number]
    page = page_numbers(agent, status=CaseStatus.ARCHIVED)
    assert old.number in page and active.number not in page
    assert api_numbers(agent, status=CaseStatus.ARCHIVED) == [old.number]
    # The filter offers the archive by name; "all" means all but archived.
    assert "Alle behalve gearchiveerd" in page and "Gearchiveerd" in page
    # A casuspartij that took part sees the active case, never the archived one (CTER 13.2).
    raad = verified_client(ico.raad)
    assert active.number in page_numbers(raad)
    assert old.number not in page_numbers(raad, status=CaseStatus.ARCHIVED)
    assert api_numbers(raad, status=CaseStatus.ARCHIVED) == []


def test_b3_s2_an_archived_case_opens_by_its_page_for_a_kernpartij_with_a_banner_and_is_logged(
    ico,
):
    case = archived(ico)
    url = reverse("cases:case-detail", args=[case.number])
    for who in ("agent", "keeper"):
        response = verified_client(getattr(ico, who)).get(url)
        assert response.status_code == 200, who
        text = response.content.decode()
        assert BANNER in text
        assert "alleen op aanwijzing van de verantwoordelijke" in text  # CTER 13.3
        assert 'data-testid="actions"' not in text  # nothing to change in the archive
    # S2: every read of the archived dossier is in the access log, with the dossier.
    reads = AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS, file_label="ico", dossier_key=case.number
    )
    assert {entry.actor for entry in reads} >= {ico.agent, ico.keeper}
    api = verified_client(ico.agent).get(f"/api/v1/casussen/{case.number}")
    assert api.status_code == 200
    assert reads.filter(actor=ico.agent).count() >= 2
    # Not open to a casuspartij: 404 on the page and in the API (CTER 13.2).
    assert verified_client(ico.raad).get(url).status_code == 404
    assert verified_client(ico.raad).get(f"/api/v1/casussen/{case.number}").status_code == 404


def test_b3_b5_the_pages_of_an_archived_case_refuse_changes_and_show_the_banner(ico):
    case = archived(ico)
    keeper = verified_client(ico.keeper)
    for name in ("check-create", "measure-create", "participant-create", "reopen"):
        response = keeper.get(reverse(f"cases:{name}", args=[case.number]), follow=True)
        assert response.redirect_chain, name
        assert BANNER in response.content.decode(), name
    with pytest.raises(ValidationError):
        services.record_check(case, by=ico.keeper, outcome="correct")


def test_vh20_1_the_banner_of_a_vh_module_says_the_agenda_opens_it(ico):
    by_agenda(ico)
    case = archived(ico)
    text = verified_client(ico.agent).get(reverse("cases:case-detail", args=[case.number]))
    assert "op de agenda van een casusoverleg" in text.content.decode()


# --- VH 20.1, B5: opened again by the agenda, or only on the controller's instruction ---------


def test_vh20_1_b5_putting_an_archived_case_on_the_agenda_of_a_vh_module_reactivates_it(ico):
    by_agenda(ico)
    case = archived(ico)
    meeting = meet(ico, [case])
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE and case.archived_at is None
    assert meeting.discussions.get().case == case
    [reactivation] = Reactivation.objects.filter(file_label="ico", dossier_key=case.number)
    assert reactivation.via == ReactivatedBy.AGENDA and reactivation.recorded_by == ico.keeper
    # Open again to the casuspartijen that take part.
    assert (
        verified_client(ico.raad).get(reverse("cases:case-detail", args=[case.number])).status_code
        == 200
    )


def test_vh20_1_a_case_closed_before_the_archive_is_reopened_by_the_agenda_with_its_reason(ico):
    by_agenda(ico)
    case = archived(ico, closed=True)
    meet(ico, [case])
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE
    closing = case.closings.get()
    assert closing.reopened_by == ico.keeper and "Opnieuw geagendeerd" in closing.reopening_reason
    assert Reactivation.objects.filter(dossier_key=case.number, via="agenda").count() == 1


def test_b5_an_archived_cter_case_is_not_opened_by_the_agenda(ico):
    """B5, CTER 13.3: in the CTER ICO only the controller's instruction opens the archive."""
    active = ico.open_case(surname="Actief")
    case = archived(ico)
    with pytest.raises(ValidationError) as refused:
        meet(ico, [active, case])
    assert "aanwijzing van de verantwoordelijke" in str(refused.value) or "controller" in str(
        refused.value
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.ARCHIVED
    assert not Reactivation.objects.exists()
    assert not CaseMeeting.objects.exists()  # nothing of the meeting remains


def test_vh20_1_the_meeting_page_offers_archived_cases_only_where_the_agenda_opens_them(ico):
    case = archived(ico)
    overleggen = CasusOverleg.objects.filter(pk=ico.overleg.pk)
    assert case not in selectors.agenda_choices(ico.keeper, overleggen)
    by_agenda(ico)
    assert case in selectors.agenda_choices(ico.keeper, overleggen)
    # Only the keeper prepares a meeting; a participant does not get the page.
    assert verified_client(ico.agent).get(reverse("cases:meeting-create")).status_code == 404
    response = verified_client(ico.keeper).post(
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
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE
