"""P8 in the ICO files: access per person and per casusoverleg, in pages and API, from both
sides."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import Case, CasusOverleg
from cases.permissions import visible_cases
from parties import services as party_services
from parties.constants import AccessLevel, Function
from parties.models import FileAuthorisation
from tests.cases.factories import PERSON
from tests.conftest import verified_client
from tests.factories import authorise, make_user
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def page(user, case):
    url = reverse("cases:case-detail", kwargs={"number": case.number})
    return verified_client(user).get(url).status_code


def api(user, case):
    return verified_client(user).get(f"/api/v1/casussen/{case.number}").status_code


def other_overleg(ico):
    overleg = CasusOverleg.objects.create(
        name="Veelplegers",
        veiligheidshuis=ico.region,
        covenant_title="Convenant Veelplegers",
        covenant_reference="VH-VP-1",
        covenant_date=date(2020, 1, 1),
        controller="Gemeente Haarlem",
    )
    overleg.participants.set([ico.politie, ico.gemeente])
    return overleg


def test_p8_an_authorised_deelnemer_reads_in_page_and_api(ico, case):
    assert page(ico.agent, case) == 200
    assert api(ico.agent, case) == 200
    reader = make_user(ico.om, username="officier-lezen", files=[(ico.overleg, AccessLevel.READ)])
    assert page(reader, case) == 200
    assert api(reader, case) == 200


@pytest.mark.parametrize("who", ["colleague", "beheerder", "fg", "other_casusoverleg"])
def test_p8_who_is_not_authorised_for_this_casusoverleg_gets_404(ico, case, who):
    """A colleague of the same party without the authorisation, the beheerder and FG of a party
    taking part, and a member authorised for another casusoverleg."""
    user = {
        "colleague": lambda: make_user(ico.politie, username="collega"),
        "beheerder": lambda: make_user(ico.gemeente, Function.BEHEERDER, username="beheerder-g"),
        "fg": lambda: make_user(ico.gemeente, Function.FG, username="fg-g"),
        "other_casusoverleg": lambda: make_user(
            ico.politie, username="agent-veelplegers", files=[other_overleg(ico)]
        ),
    }[who]()
    assert page(user, case) == 404
    assert api(user, case) == 404
    assert not visible_cases(user).exists()
    listed = verified_client(user).get("/api/v1/casussen")
    assert listed.status_code == 404 or listed.json()["count"] == 0


def test_p8_a_member_of_another_casusoverleg_sees_only_its_cases(ico, case):
    veelplegers = other_overleg(ico)
    authorise(ico.keeper, veelplegers)
    own = services.open_case(
        casusoverleg=veelplegers,
        person={**PERSON, "surname": "Visser", "given_names": "Jan"},
        identity_method="brp",
        by=ico.keeper,
        participants=[ico.politie],
    )
    member = make_user(ico.politie, username="agent-vp", files=[veelplegers])
    assert list(visible_cases(member)) == [own]
    assert list(visible_cases(ico.agent)) == [case]


def test_p8_read_only_reads_but_does_not_record_in_page_or_api(ico, case):
    reader = make_user(ico.politie, username="agent-lezen", files=[(ico.overleg, AccessLevel.READ)])
    measure = services.add_measure(
        case,
        by=ico.keeper,
        description="Gesprek met de jongerenwerker",
        owner=ico.politie,
        deadline=timezone.localdate() + timedelta(days=7),
    )
    url = reverse("cases:progress-create", kwargs={"number": case.number, "pk": measure.pk})
    client = verified_client(reader)
    prefix = f"progress-{measure.pk}"
    assert client.post(url, {f"{prefix}-text": "Gesprek gevoerd."}).status_code == 404
    response = client.post(
        f"/api/v1/maatregelen/{measure.pk}/voortgang",
        {"text": "Gesprek gevoerd."},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert measure.notes.count() == 0
    # Read-write on the same file: the owning party's member records.
    authorise(reader, ico.overleg, AccessLevel.READWRITE)
    assert (
        client.post(
            url,
            {
                f"{prefix}-text": "Gesprek gevoerd.",
                f"{prefix}-status": "in_progress",
                f"{prefix}-version": measure.version,
            },
        ).status_code
        == 302
    )
    assert measure.notes.count() == 1


def test_p8_a_chair_with_read_only_does_not_record_the_discussion(ico, case):
    from django.core.exceptions import PermissionDenied

    from cases import meeting_services

    meeting = meeting_services.hold_meeting(
        casusoverleg=ico.overleg,
        held_on=timezone.localdate(),
        chair=ico.chair,
        attendees=[ico.politie, ico.gemeente],
        cases=[case],
        by=ico.keeper,
    )
    authorise(ico.chair, ico.overleg, AccessLevel.READ)
    with pytest.raises(PermissionDenied):
        meeting_services.record_discussion(
            meeting.discussions.get(),
            by=ico.chair,
            minutes="Besproken.",
            approach="Gesprekken.",
            casemanager=None,
            informing="Brief.",
        )


def test_p8_an_uitvoerder_keeps_the_file_only_with_read_write(ico, case):
    from django.core.exceptions import PermissionDenied

    authorisation = FileAuthorisation.objects.live().get(user=ico.keeper)
    party_services.revoke_file_access(authorisation, by=None, reason="Andere taak")
    authorise(ico.keeper, ico.overleg, AccessLevel.READ)
    # It reads as a member of a party taking part, but no longer keeps the file.
    assert page(ico.keeper, case) == 200
    with pytest.raises(PermissionDenied):
        services.record_check(case, by=ico.keeper, outcome="correct")


def test_p8_p3_revoking_ends_access_at_once_and_is_logged(ico, case):
    authorisation = FileAuthorisation.objects.live().get(user=ico.agent)
    assert api(ico.agent, case) == 200
    party_services.revoke_file_access(authorisation, by=None, reason="Andere afdeling")
    assert page(ico.agent, case) == 404
    assert api(ico.agent, case) == 404
    change = ico.agent.authorisation_changes.get(action="file_access_revoked")
    assert change.file == authorisation.file and change.reason == "Andere afdeling"


def test_p8_the_case_list_takes_as_many_queries_for_50_cases_as_for_5(ico):
    client = verified_client(ico.agent)

    def queries_for(total):
        while Case.objects.count() < total:
            n = Case.objects.count()
            ico.open_case(surname=f"Persoon{n}", given_names=f"Naam{n}")
        page = count_queries(client, reverse("cases:case-list"))
        return page, count_queries(client, "/api/v1/casussen")

    assert queries_for(5) == queries_for(50)


def test_p8_the_keeper_keeps_only_the_casusoverleggen_it_may_record_in(ico):
    from cases.permissions import kept_casusoverleggen

    assert list(kept_casusoverleggen(ico.keeper)) == [ico.overleg]
    assert not kept_casusoverleggen(ico.agent).exists()  # read-write, but no uitvoerder
    other_overleg(ico)  # in the keeper's region, but not authorised
    assert list(kept_casusoverleggen(ico.keeper)) == [ico.overleg]
    authorisation = FileAuthorisation.objects.live().get(user=ico.keeper)
    party_services.revoke_file_access(authorisation, by=None, reason="Andere taak")
    assert not kept_casusoverleggen(ico.keeper).exists()
