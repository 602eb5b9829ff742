"""K1 ("bekend elders?") on the files' pages: offered to the keeper of a file with a legal basis
(at intake, on the dossier, when agendering, on the case), the reason instead where the file has
none, nothing for anyone else; the POST follows the same rule. Names go by POST only."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from cases.permissions import file_of
from elsewhere import services
from elsewhere.models import Check
from elsewhere.selectors import check_refusal
from parties.services import weegploeg_file
from tests.cases.factories import Ico
from tests.cases.transfer_fixtures import Agendering
from tests.conftest import verified_client
from tests.factories import VeiligheidshuisFactory
from tests.weegploeg.factories import PERSON, Weegploeg, beheerder_of, signal

pytestmark = pytest.mark.django_db

BUTTON = 'data-testid="known-elsewhere-button"'
REFUSAL = 'data-testid="known-elsewhere-refusal"'


def record_basis(data_file, beheerder):
    beheerder.is_verified = lambda: True  # signed in with both factors
    services.record_basis(
        data_file, basis="Artikel 8.4 staat het toe.", reference="8.4", by=beheerder
    )


@pytest.fixture
def beheerder():
    return beheerder_of()


@pytest.fixture
def elsewhere(beheerder):
    """The same person in the weegploeg of another Veiligheidshuis, whose file has a basis."""
    other = Weegploeg(VeiligheidshuisFactory(code="noord-holland-noord", name="VH NHN"))
    signal(by=other.uitvoerder, brought_by=other.politie, region=other.region)
    record_basis(weegploeg_file(other.region), beheerder)
    return other


@pytest.fixture
def assessment(wp):
    return signal(
        by=wp.agent, brought_by=wp.politie, region=wp.region, person={"surname": "Smit"}
    ).assessment


def dossier_page(user, assessment) -> str:
    url = reverse("weegploeg:assessment-detail", args=[assessment.number])
    return verified_client(user).get(url).content.decode()


def test_k1_the_keeper_of_a_file_with_a_basis_is_offered_the_check(wp, beheerder, assessment):
    record_basis(weegploeg_file(wp.region), beheerder)
    page = dossier_page(wp.uitvoerder, assessment)
    assert BUTTON in page and REFUSAL not in page
    assert reverse("weegploeg:assessment-known-elsewhere", args=[assessment.number]) in page


def test_k1_without_a_basis_the_keeper_reads_why_instead_of_the_button(wp, assessment):
    page = dossier_page(wp.uitvoerder, assessment)
    assert BUTTON not in page and REFUSAL in page
    with translation.override("nl"):
        assert escape(check_refusal(wp.uitvoerder, weegploeg_file(wp.region))) in page


def test_k1_a_reader_who_does_not_keep_the_file_sees_nothing_of_the_check(
    wp, beheerder, assessment
):
    for with_basis in (False, True):
        if with_basis:
            record_basis(weegploeg_file(wp.region), beheerder)
        page = dossier_page(wp.agent, assessment)
        assert 'data-testid="known-elsewhere"' not in page


def test_k1_a_post_by_who_does_not_keep_the_file_is_refused(wp, beheerder, assessment):
    record_basis(weegploeg_file(wp.region), beheerder)
    url = reverse("weegploeg:assessment-known-elsewhere", args=[assessment.number])
    assert verified_client(wp.agent).post(url).status_code == 404
    assert verified_client(wp.zandvoorter).post(url).status_code == 404  # cannot see it
    assert not Check.objects.exists()


def test_k1_a_post_without_a_basis_is_refused_with_the_reason(wp, assessment):
    url = reverse("weegploeg:assessment-known-elsewhere", args=[assessment.number])
    response = verified_client(wp.uitvoerder).post(url)
    assert response.status_code == 403
    assert 'data-testid="refusal"' in response.content.decode()
    assert not Check.objects.exists()


def test_k1_the_keeper_checks_a_dossier_and_lands_on_the_answer(wp, beheerder, elsewhere):
    record_basis(weegploeg_file(wp.region), beheerder)
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    client = verified_client(wp.uitvoerder)
    url = reverse("weegploeg:assessment-known-elsewhere", args=[assessment.number])
    response = client.post(url)
    check = Check.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("elsewhere:check-detail", args=[check.pk])
    assert check.asked_by == wp.uitvoerder and check.data_file == weegploeg_file(wp.region)
    page = client.get(response["Location"]).content.decode()
    assert "VH NHN" in page and 'data-testid="answer"' in page


# --- intake ---


def intake(**changes) -> dict:
    typed = {
        "given_names": PERSON["given_names"],
        "surname": PERSON["surname"],
        "date_of_birth": PERSON["date_of_birth"].isoformat(),
        "prefix": "",
        "bsn": "",
        "municipality": "",  # the signal and the rest may follow later
    }
    return {**typed, **changes}


def test_k1_intake_offers_the_check_to_the_keeper_only(wp, beheerder):
    url = reverse("weegploeg:signal-create")
    assert REFUSAL in verified_client(wp.uitvoerder).get(url).content.decode()
    record_basis(weegploeg_file(wp.region), beheerder)
    page = verified_client(wp.uitvoerder).get(url).content.decode()
    assert BUTTON in page and 'formaction="/weegploeg/signalen/nieuw/bekend-elders/"' in page
    agent = verified_client(wp.agent).get(url).content.decode()
    assert BUTTON not in agent and REFUSAL not in agent


def test_k1_intake_checks_the_typed_person_by_post_and_never_names_them_in_a_url(
    wp, beheerder, elsewhere
):
    record_basis(weegploeg_file(wp.region), beheerder)
    client = verified_client(wp.uitvoerder)
    response = client.post(reverse("weegploeg:signal-known-elsewhere"), intake())
    check = Check.objects.get()
    assert response["Location"] == reverse("elsewhere:check-detail", args=[check.pk])
    assert PERSON["surname"] not in response["Location"]
    assert "VH NHN" in client.get(response["Location"]).content.decode()
    assert client.get(reverse("weegploeg:signal-known-elsewhere")).status_code == 405


def test_k1_intake_keeps_what_was_typed_when_the_check_is_refused_or_incomplete(wp, beheerder):
    client = verified_client(wp.uitvoerder)
    url = reverse("weegploeg:signal-known-elsewhere")
    typed = intake(surname="Vermeulen", behaviour="Deelde filmpjes.", reporter_name="De Vries")
    refused = client.post(url, typed)  # no basis
    page = refused.content.decode()
    assert refused.status_code == 403
    assert 'value="Vermeulen"' in page and "Deelde filmpjes." in page and "De Vries" in page
    with translation.override("nl"):
        assert escape(check_refusal(wp.uitvoerder, weegploeg_file(wp.region))) in page
    record_basis(weegploeg_file(wp.region), beheerder)
    incomplete = client.post(url, {**typed, "date_of_birth": ""})
    page = incomplete.content.decode()
    assert incomplete.status_code == 200 and 'value="Vermeulen"' in page
    assert 'id="id_date_of_birth_error"' in page
    assert 'id="id_behaviour_error"' not in page  # the signal may follow
    assert not Check.objects.exists()


def test_k1_intake_refuses_the_check_to_who_does_not_keep_the_file(wp, beheerder):
    record_basis(weegploeg_file(wp.region), beheerder)
    response = verified_client(wp.agent).post(reverse("weegploeg:signal-known-elsewhere"), intake())
    assert response.status_code == 404 and not Check.objects.exists()


# --- agendering: from the ICO file of a casusoverleg ---


def test_k1_when_agendering_the_keeper_checks_from_the_casusoverlegs_ico_file(region, beheerder):
    world = Agendering(region)
    assessment = world.assessment()
    ico = file_of(world.overleg)
    page_url = reverse("weegploeg:agendering", args=[assessment.number])
    client = verified_client(world.keeper)
    assert REFUSAL in client.get(page_url).content.decode()  # no basis for the ICO file yet
    record_basis(ico, beheerder)
    page = client.get(page_url).content.decode()
    assert BUTTON in page and f'name="file" value="{ico.pk}"' in page
    assert world.overleg.name in page
    url = reverse("weegploeg:assessment-known-elsewhere", args=[assessment.number])
    response = client.post(url, {"file": ico.pk})
    assert response.status_code == 302
    assert Check.objects.get().data_file == ico
    # Any other file, even one with a basis, is not one the dossier goes to.
    other = weegploeg_file(VeiligheidshuisFactory(code="elders"))
    record_basis(other, beheerder)
    assert client.post(url, {"file": other.pk}).status_code == 404
    assert Check.objects.count() == 1


# --- the case page of the ICO file ---


def test_k1_the_cases_keeper_checks_from_the_ico_file_and_no_one_else(region, beheerder):
    world = Ico(region)
    case = world.open_case()
    page_url = reverse("cases:case-detail", args=[case.number])
    post_url = reverse("cases:case-known-elsewhere", args=[case.number])
    keeper = verified_client(world.keeper)
    assert REFUSAL in keeper.get(page_url).content.decode()
    assert keeper.post(post_url).status_code == 403
    record_basis(file_of(world.overleg), beheerder)
    assert BUTTON in keeper.get(page_url).content.decode()
    reader = verified_client(world.agent)  # takes part, does not keep the file
    assert 'data-testid="known-elsewhere"' not in reader.get(page_url).content.decode()
    assert reader.post(post_url).status_code == 404
    assert not Check.objects.exists()
    response = keeper.post(post_url)
    check = Check.objects.get()
    assert response["Location"] == reverse("elsewhere:check-detail", args=[check.pk])
    assert check.data_file == file_of(world.overleg)
