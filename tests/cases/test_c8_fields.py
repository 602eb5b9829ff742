"""C8 (VH 9.3, 14.8; issue 8 finding 4) in the ICO files: the reason of a reopening, a related
person's address and names, and the check note of a copy for a subject who moved are refused in
the service and on the page (the form keeps the text). The cases API has no endpoint for these
writes yet; its services are the same."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cases import services, transfer_services
from cases.constants import CaseStatus, ClosingReason, RelatedRole
from cases.models import Case, CaseSignal, CopyOut
from tests.cases.transfer_fixtures import Agendering, elsewhere
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db

REASON = "Heropend: de Noord\u2011Afrikaanse komaf van de familie speelt een rol."


@pytest.fixture
def closed(ico):
    case = ico.open_case()
    today = timezone.localdate()
    services.advise_closing(case, by=ico.keeper, advice="Doelen bereikt.", advised_on=today)
    services.decide_closing(
        case, by=ico.keeper, reason=ClosingReason.RESULT_REACHED, decided_on=today
    )
    case.refresh_from_db()
    return case


def case_url(name, case):
    return reverse(f"cases:{name}", kwargs={"number": case.number})


def assert_still_closed(case):
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.closings.get().reopening_reason == ""


def test_c8_reopen_refuses_a_forbidden_reason_in_the_service(ico, closed):
    with pytest.raises(ValidationError) as raised:
        services.reopen(closed, by=ico.keeper, reason=REASON)
    assert list(raised.value.error_dict) == ["reason"]
    assert raised.value.error_dict["reason"][0].code == "forbidden_category"
    assert_still_closed(closed)


def test_c8_reopen_refuses_a_forbidden_reason_on_the_page(ico, closed):
    client = verified_client(ico.keeper)
    response = client.post(case_url("reopen", closed), {"reason": REASON})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_reason_error"' in page and "nationaliteit mogen niet worden vastgelegd" in page
    assert "Noord\u2011Afrikaanse komaf" in page
    assert_still_closed(closed)
    assert client.post(case_url("reopen", closed), {"reason": "Nieuw signaal."}).status_code == 302


RELATED = {
    "role": RelatedRole.ACHTERBLIJVER,
    "surname": "Yilmaz",
    "given_names": "Ayse",
    "address": "Kerkstraat 12, Haarlem",
    "reason": "Moeder; steunt het plan.",
}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("address", "Kerkstraat 12, bij de Turkse moskee"),
        ("address", "Kerkstraat 12 (Egyptische familie)"),
        ("surname", "Marokkaan"),
        ("given_names", "Ayse (Koerdisch)"),
    ],
)
def test_c8_a_related_person_is_guarded_in_the_service_and_on_the_page(ico, field, value):
    case = ico.open_case()
    with pytest.raises(ValidationError) as raised:
        services.add_related_person(case, by=ico.keeper, **{**RELATED, field: value})
    assert raised.value.error_dict[field][0].code == "forbidden_category"

    client = verified_client(ico.keeper)
    response = client.post(case_url("related-create", case), {**RELATED, field: value})
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page and "nationaliteit mogen niet worden vastgelegd" in page
    assert not case.related_people.exists()
    # The same person without the forbidden words is recorded.
    assert client.post(case_url("related-create", case), RELATED).status_code == 302
    assert case.related_people.get().address == RELATED["address"]


def test_c8_the_check_note_of_a_copy_is_guarded_in_the_service(region):
    ag = Agendering(region)
    case = ag.agendeer(ag.assessment())
    other = elsewhere()
    with pytest.raises(ValidationError) as raised:
        transfer_services.copy_for_moved_subject(
            case,
            to=other.overleg,
            by=ag.keeper,
            requested_by=other.keeper,
            checked_by=other.keeper,
            check_note="Verhuisd; de Syr\u200bische familie woont nu in Elders.",
        )
    assert raised.value.error_dict["check_note"][0].code == "forbidden_category"
    assert Case.objects.count() == 1 and not CopyOut.objects.exists()


def test_c8_a_copied_signal_keeps_its_guard(ico):
    """The reporter of a signal as copied into the case (W6) is guarded like the original."""
    with pytest.raises(ValidationError) as raised:
        CaseSignal(
            case=ico.open_case(),
            behaviour="Deelde filmpjes.",
            observed_on=date(2026, 11, 1),
            brought_by=ico.politie,
            reporter_name="Wijkagent de Vries",
            reporter_contact="De Poolse buurman",
        ).full_clean()
    assert list(raised.value.error_dict) == ["reporter_contact"]
