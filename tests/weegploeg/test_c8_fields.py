"""C8 (VH 9.3, 14.8; issue 8 finding 4) in the weegploeg file: the fields found unguarded (the
reason of a reopening, the reporter's name and contact) and the texts that slipped past the list
are refused in the service, on the page (the form keeps the text) and in the API (400 naming the
field)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.conftest import verified_client
from tests.weegploeg.factories import PERSON, analyse, signal
from tests.weegploeg.test_api import invalid_names, post, signal_body
from tests.weegploeg.test_pages import dossier_url, intake
from weegploeg import services
from weegploeg.constants import AssessmentStatus, Outcome
from weegploeg.models import Assessment, Signal

pytestmark = pytest.mark.django_db

REASON = "Nieuw signaal over de Marokkaantjes van de overkant."
# A zero-width space and a Cyrillic "а" hide "Egyptische" from a plain word list.
HIDDEN = "Betrokkene is van Egyp\u200btische afkomst en M\u0430rokkaans."


@pytest.fixture
def decided(wp):
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    analyse(assessment, by=wp.uitvoerder)
    services.decide(
        assessment,
        by=wp.uitvoerder,
        outcome=Outcome.NOT_SUBSTANTIAL,
        reasons="Onvoldoende signalen.",
        decided_on=date(2026, 11, 20),
    )
    assessment.refresh_from_db()
    return assessment


def assert_still_decided(assessment):
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DECIDED
    assert assessment.decisions.get().reopening_reason == ""


# --- the reason of a reopening -----------------------------------------------------------------


def test_c8_reopen_refuses_a_forbidden_reason_in_the_service(wp, decided):
    with pytest.raises(ValidationError) as raised:
        services.reopen(decided, by=wp.uitvoerder, reason=REASON)
    errors = raised.value.error_dict
    assert list(errors) == ["reason"]
    assert errors["reason"][0].code == "forbidden_category"
    assert_still_decided(decided)


def test_c8_reopen_refuses_a_forbidden_reason_on_the_page(wp, decided):
    client = verified_client(wp.uitvoerder)
    response = client.post(dossier_url("reopen", decided), {"reason": REASON, "confirm": "on"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_reason_error"' in page
    assert "nationaliteit mogen niet worden vastgelegd" in page
    assert REASON in page
    assert_still_decided(decided)


def test_c8_reopen_refuses_a_forbidden_reason_in_the_api(wp, decided):
    client = verified_client(wp.uitvoerder)
    url = f"/api/v1/wegingen/{decided.number}/heropenen"
    params = invalid_names(post(client, url, {"reason": REASON}))
    assert params["reason"]["code"] == "forbidden_category"
    assert "Marokkaantjes" in params["reason"]["reason"]
    assert_still_decided(decided)
    response = post(client, url, {"reason": "Nieuw signaal van de wijkagent."})
    assert response.status_code == 200, response.content


# --- the reporter's name and contact -----------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("reporter_name", "De Marokkaanse buurman"),
        ("reporter_contact", "Via de Turkse bakker, 06-12345678"),
        ("reporter_contact", "Zijn Syr\u00adische neef"),
    ],
)
def test_c8_the_reporter_is_guarded_in_the_service(wp, field, value):
    arguments = {
        "by": wp.agent,
        "brought_by": wp.politie,
        "region": wp.region,
        "behaviour": "Deelde filmpjes die geweld verheerlijken.",
        "observed_on": date(2026, 11, 1),
        "reporter_name": "Wijkagent de Vries",
        "reporter_contact": "06-12345678",
        "person": PERSON,
    }
    with pytest.raises(ValidationError) as raised:
        services.enter_signal(**{**arguments, field: value})
    assert raised.value.error_dict[field][0].code == "forbidden_category"
    assert not Signal.objects.exists()


@pytest.mark.parametrize(
    ("field", "name"), [("reporter_name", "reporterName"), ("reporter_contact", "reporterContact")]
)
def test_c8_the_reporter_is_guarded_on_the_page_and_in_the_api(wp, field, name):
    client = verified_client(wp.uitvoerder)
    value = "De Marokkaanse buurman"
    response = client.post(reverse("weegploeg:signal-create"), intake(wp, **{field: value}))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page and "nationaliteit mogen niet worden vastgelegd" in page
    assert f'value="{value}"' in page

    body = signal_body(wp, **{name: value})
    params = invalid_names(post(verified_client(wp.agent), "/api/v1/signalen", body))
    assert params[name]["code"] == "forbidden_category"
    assert not Assessment.objects.exists()


def test_c8_a_reporter_named_berber_is_no_ethnicity(wp):
    """Berber is a Dutch given name: a name field lets it pass, the behaviour does not."""
    client = verified_client(wp.agent)
    body = signal_body(wp, reporterName="Berber de Vries")
    response = post(client, "/api/v1/signalen", body)
    assert response.status_code == 201, response.content
    refused = signal_body(wp, behaviour="Berber deelde filmpjes.")
    assert invalid_names(post(client, "/api/v1/signalen", refused))["behaviour"]


def test_c8_hidden_and_derived_terms_are_refused_in_the_api(wp):
    params = invalid_names(
        post(verified_client(wp.agent), "/api/v1/signalen", signal_body(wp, behaviour=HIDDEN))
    )
    assert params["behaviour"]["code"] == "forbidden_category"
    assert "Egyptische" in params["behaviour"]["reason"]
    assert "Marokkaans" in params["behaviour"]["reason"]
