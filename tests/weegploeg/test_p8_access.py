"""P8 in the weegploeg: access per person and per file, in pages and API, from both sides."""

import pytest
from django.urls import reverse

from parties import services as party_services
from parties.constants import AccessLevel, Function
from parties.models import FileAuthorisation
from tests.conftest import verified_client
from tests.factories import VeiligheidshuisFactory, authorise, make_user
from tests.queries import count_queries
from tests.weegploeg.factories import PERSON, signal
from tests.weegploeg.test_api import signal_body
from tests.weegploeg.test_pages import intake
from weegploeg.models import Assessment, Signal
from weegploeg.permissions import visible_assessments

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(wp):
    return signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment


def page(user, assessment):
    url = reverse("weegploeg:assessment-detail", kwargs={"number": assessment.number})
    return verified_client(user).get(url).status_code


def api(user, assessment):
    return verified_client(user).get(f"/api/v1/wegingen/{assessment.number}").status_code


def test_p8_an_authorised_deelnemer_reads_in_page_and_api(wp, assessment):
    assert page(wp.agent, assessment) == 200
    assert api(wp.agent, assessment) == 200
    read_only = make_user(wp.om, username="officier-lezen", files=[(wp.region, AccessLevel.READ)])
    assert page(read_only, assessment) == 200
    assert api(read_only, assessment) == 200


@pytest.mark.parametrize("who", ["colleague", "beheerder", "fg", "elsewhere"])
def test_p8_who_is_not_authorised_for_this_weegploeg_gets_404(wp, assessment, who):
    """A colleague of the same party without the authorisation, the beheerder and FG of the
    subject's gemeente, and a member authorised for another Veiligheidshuis's weegploeg."""
    other_region = VeiligheidshuisFactory(code="elders", name="Veiligheidshuis Elders")
    wp.politie.veiligheidshuizen.add(other_region)
    user = {
        "colleague": lambda: make_user(wp.politie, username="collega"),
        "beheerder": lambda: make_user(wp.haarlem, Function.BEHEERDER, username="beheerder-h"),
        "fg": lambda: make_user(wp.haarlem, Function.FG, username="fg-h"),
        "elsewhere": lambda: make_user(wp.politie, username="agent-elders", files=[other_region]),
    }[who]()
    assert page(user, assessment) == 404
    assert api(user, assessment) == 404
    assert not visible_assessments(user).exists()
    listed = verified_client(user).get("/api/v1/wegingen")
    assert listed.status_code == 404 or listed.json()["count"] == 0


def test_p8_a_beheerder_or_fg_cannot_be_authorised(wp):
    from django.core.exceptions import ValidationError

    for function in (Function.BEHEERDER, Function.FG):
        user = make_user(wp.haarlem, function, username=f"alleen-{function}")
        with pytest.raises(ValidationError, match="beheerder"):
            authorise(user, wp.region)
    assert not FileAuthorisation.objects.filter(user__username__startswith="alleen-").exists()


def test_p8_read_only_reads_but_does_not_record_in_page_or_api(wp, assessment):
    reader = make_user(wp.politie, username="agent-lezen", files=[(wp.region, AccessLevel.READ)])
    client = verified_client(reader)
    before = Signal.objects.count()
    response = client.post(reverse("weegploeg:signal-create"), intake(wp, surname="Anders"))
    assert response.status_code != 302
    response = client.post("/api/v1/signalen", signal_body(wp), content_type="application/json")
    assert response.status_code in (403, 404)
    assert Signal.objects.count() == before
    # The same person with read-write records.
    authorise(reader, wp.region, AccessLevel.READWRITE)
    response = client.post("/api/v1/signalen", signal_body(wp), content_type="application/json")
    assert response.status_code == 201, response.content


def test_p8_read_only_is_offered_no_intake_and_read_write_is(wp, assessment):
    """P8, W1: offer only what can succeed. A kernpartij member authorised read-only sees no
    intake link and gets 404 on the intake page; with read-write both are there."""
    reader = make_user(wp.politie, username="agent-alleen", files=[(wp.region, AccessLevel.READ)])
    client = verified_client(reader)
    intake_url = reverse("weegploeg:signal-create")
    listed = client.get(reverse("weegploeg:assessment-list"))
    assert listed.status_code == 200 and intake_url not in listed.content.decode()
    assert client.get(intake_url).status_code == 404
    assert client.post(intake_url, intake(wp, surname="Anders")).status_code == 404
    authorise(reader, wp.region, AccessLevel.READWRITE)
    assert intake_url in client.get(reverse("weegploeg:assessment-list")).content.decode()
    assert client.get(intake_url).status_code == 200


def test_p8_an_uitvoerder_with_read_only_does_not_keep_the_file(wp, assessment):
    from django.core.exceptions import PermissionDenied

    from weegploeg import services

    reader = make_user(
        wp.haarlem,
        Function.UITVOERDER,
        username="uitvoerder-lezen",
        files=[(wp.region, AccessLevel.READ)],
    )
    # It reads as a member of the subject's gemeente, but the keeper group is for read-write.
    assert page(reader, assessment) == 200
    assert not reader.groups.filter(kept_file__isnull=False).exists()
    with pytest.raises(PermissionDenied):
        services.record_check(assessment, by=reader, outcome="correct")


def test_p8_p3_revoking_ends_access_at_once_and_is_logged(wp, assessment):
    authorisation = FileAuthorisation.objects.live().get(user=wp.agent)
    assert page(wp.agent, assessment) == 200
    party_services.revoke_file_access(authorisation, by=None, reason="Andere functie")
    assert page(wp.agent, assessment) == 404
    assert api(wp.agent, assessment) == 404
    change = wp.agent.authorisation_changes.filter(action="file_access_revoked").get()
    assert change.file == authorisation.file and change.reason == "Andere functie"


def test_p8_the_list_takes_as_many_queries_for_50_assessments_as_for_5(wp):
    client = verified_client(wp.agent)

    def queries_for(total):
        while Assessment.objects.count() < total:
            n = Assessment.objects.count()
            signal(
                by=wp.agent,
                brought_by=wp.politie,
                region=wp.region,
                person={**PERSON, "surname": f"Persoon{n}", "given_names": f"Naam{n}"},
            )
        page = count_queries(client, reverse("weegploeg:assessment-list"))
        return page, count_queries(client, "/api/v1/wegingen")

    assert queries_for(5) == queries_for(50)


def test_p8_the_uitvoerder_keeps_only_the_weegploeg_it_may_record_in(wp):
    from weegploeg.permissions import kept_regions

    assert list(kept_regions(wp.uitvoerder)) == [wp.region]
    assert not kept_regions(wp.agent).exists()
    authorisation = FileAuthorisation.objects.live().get(user=wp.uitvoerder)
    party_services.revoke_file_access(authorisation, by=None, reason="Andere taak")
    assert not kept_regions(wp.uitvoerder).exists()


def test_p8_without_an_authorisation_the_file_is_not_offered(wp):
    """Navigation follows the authorisations: no link, and the file's pages answer 404."""
    colleague = make_user(wp.politie, username="collega-nav")
    client = verified_client(colleague)
    assert client.get(reverse("weegploeg:assessment-list")).status_code == 404
    assert client.get("/api/v1/wegingen").status_code == 404
    link = reverse("weegploeg:assessment-list")
    assert f'href="{link}"' not in client.get(reverse("dashboard")).content.decode()
    assert f'href="{link}"' in verified_client(wp.agent).get(reverse("dashboard")).content.decode()


def test_p8_the_dashboard_offers_the_weegploeg_only_to_an_authorised_uitvoerder(wp):
    """An uitvoerder without an authorisation for a weegploeg file gets no links that would
    answer 404; once authorised, the dashboard offers the intake and the lists."""
    uitvoerder = make_user(wp.haarlem, Function.UITVOERDER, username="nieuwe-uitvoerder")
    intake_url = reverse("weegploeg:signal-create")
    assert intake_url not in verified_client(uitvoerder).get("/").content.decode()
    authorise(uitvoerder, wp.region)
    assert intake_url in verified_client(uitvoerder).get("/").content.decode()
