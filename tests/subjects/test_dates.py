"""W1, issue 8 finding 5: impossible dates are refused. No date of birth in the future or before
1 January 1900, no signal observed in the future or before the subject was born; with a clear
Dutch error on the page (the form keeps what was typed) and a 400 problem+json naming the field
in the API. "Today" is moved with time-machine."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases import services as case_services
from cases.constants import RelatedRole
from subjects.dates import NotBefore1900, NotInTheFuture, check_observed_after_birth
from tests.cases.factories import Ico
from tests.conftest import verified_client
from tests.weegploeg.factories import PERSON
from tests.weegploeg.test_api import invalid_names, post, signal_body
from tests.weegploeg.test_pages import intake
from weegploeg import services
from weegploeg.models import Assessment, Signal

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Wednesday 2 December 2026, noon in Haarlem.
NOON = datetime(2026, 12, 2, 12, 0, tzinfo=AMSTERDAM)
TODAY = date(2026, 12, 2)


@pytest.fixture
def today():
    with time_machine.travel(NOON, tick=False):
        yield TODAY


def codes(raised) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in raised.value.error_dict.items()}


# --- the rules themselves ---------------------------------------------------------------------


def test_w1_no_date_in_the_future(today):
    NotInTheFuture()(today)
    NotInTheFuture()(None)
    with pytest.raises(ValidationError) as raised:
        NotInTheFuture()(date(2026, 12, 3))
    assert raised.value.code == "date_in_future"


def test_w1_today_is_the_local_date_not_utc():
    """At 00:30 in Amsterdam it is still yesterday in UTC: today's date is accepted."""
    with time_machine.travel(datetime(2026, 12, 1, 23, 30, tzinfo=UTC), tick=False):
        NotInTheFuture()(date(2026, 12, 2))
        with pytest.raises(ValidationError):
            NotInTheFuture()(date(2026, 12, 3))


def test_w1_no_date_of_birth_before_1900():
    NotBefore1900()(date(1900, 1, 1))
    with pytest.raises(ValidationError) as raised:
        NotBefore1900()(date(1899, 12, 31))
    assert raised.value.code == "date_too_early"


def test_w1_no_signal_before_birth():
    check_observed_after_birth(date(1990, 5, 17), date(1990, 5, 17))
    check_observed_after_birth(None, date(1990, 5, 17))
    with pytest.raises(ValidationError) as raised:
        check_observed_after_birth(date(1990, 5, 16), date(1990, 5, 17))
    assert codes(raised) == {"observed_on": ["before_birth"]}
    # The message names no date of birth: no personal data in error messages.
    assert "1990" not in str(raised.value)


def test_w1_the_validators_deconstruct_for_migrations():
    assert NotInTheFuture().deconstruct() == ("subjects.dates.NotInTheFuture", (), {})
    assert NotBefore1900().deconstruct() == ("subjects.dates.NotBefore1900", (), {})


# --- through the weegploeg service ------------------------------------------------------------


def enter(wp, *, observed_on, **person):
    return services.enter_signal(
        by=wp.uitvoerder,
        brought_by=wp.politie,
        region=wp.region,
        behaviour="Deelde filmpjes die geweld verheerlijken.",
        observed_on=observed_on,
        reporter_name="Wijkagent de Vries",
        reporter_contact="06-12345678",
        person={**PERSON, **person},
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"observed_on": date(2026, 12, 3)}, "observed_on", "date_in_future"),
        ({"date_of_birth": date(2027, 1, 1)}, "date_of_birth", "date_in_future"),
        ({"date_of_birth": date(1850, 6, 1)}, "date_of_birth", "date_too_early"),
        (
            {"date_of_birth": date(2010, 1, 1), "observed_on": date(2009, 12, 31)},
            "observed_on",
            "before_birth",
        ),
    ],
)
def test_w1_the_service_refuses_impossible_dates(wp, today, change, field, code):
    values = {"observed_on": date(2026, 11, 1), **change}
    with pytest.raises(ValidationError) as raised:
        enter(wp, **values)
    assert code in codes(raised)[field]
    assert not Assessment.objects.exists() and not Signal.objects.exists()


@pytest.mark.django_db
def test_w1_a_signal_of_today_about_a_person_born_in_1900_is_accepted(wp, today):
    entered = enter(wp, observed_on=today, date_of_birth=date(1900, 1, 1))
    assert entered.observed_on == today


@pytest.mark.django_db
def test_w1_a_second_signal_is_checked_against_the_dossier_birth_date(wp, today):
    first = enter(wp, observed_on=date(2026, 11, 1))
    with pytest.raises(ValidationError) as raised:
        services.enter_signal(
            by=wp.uitvoerder,
            brought_by=wp.politie,
            region=wp.region,
            behaviour="Nog een signaal.",
            observed_on=date(1980, 1, 1),
            reporter_name="Wijkagent de Vries",
            reporter_contact="06-12345678",
            assessment=first.assessment,
        )
    assert codes(raised) == {"observed_on": ["before_birth"]}
    assert first.assessment.signals.count() == 1


# --- on the page ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field", "dutch"),
    [
        ({"observed_on": "2026-12-03"}, "observed_on", "Deze datum ligt in de toekomst."),
        ({"date_of_birth": "2027-01-01"}, "date_of_birth", "Deze datum ligt in de toekomst."),
        (
            {"date_of_birth": "1850-06-01"},
            "date_of_birth",
            "Een geboortedatum vóór 1 januari 1900 is niet mogelijk.",
        ),
        (
            {"date_of_birth": "2010-01-01", "observed_on": "2009-12-31"},
            "observed_on",
            "Een signaal kan niet zijn waargenomen vóór de geboorte van de betrokkene.",
        ),
    ],
)
def test_w1_the_intake_page_shows_the_dutch_error_and_keeps_the_input(
    wp, today, change, field, dutch
):
    client = verified_client(wp.uitvoerder)
    response = client.post(reverse("weegploeg:signal-create"), intake(wp, **change))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page
    assert dutch in page
    for value in change.values():
        assert f'value="{value}"' in page
    assert 'value="Wijkagent de Vries"' in page
    assert not Assessment.objects.exists()


# --- in the API -------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "person", "name", "code"),
    [
        ({"observedOn": "2026-12-03"}, {}, "observedOn", "date_in_future"),
        ({}, {"dateOfBirth": "2027-01-01"}, "person.dateOfBirth", "date_in_future"),
        ({}, {"dateOfBirth": "1850-06-01"}, "person.dateOfBirth", "date_too_early"),
        ({"observedOn": "2009-12-31"}, {"dateOfBirth": "2010-01-01"}, "observedOn", "before_birth"),
    ],
)
def test_w1_the_api_answers_400_naming_the_field(wp, today, body, person, name, code):
    request = signal_body(wp, **body)
    request["person"] = {**request["person"], **person}
    params = invalid_names(post(verified_client(wp.agent), "/api/v1/signalen", request))
    assert params[name]["code"] == code
    assert params[name]["reason"]
    assert not Assessment.objects.exists()


# --- the related people of a case --------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("born", "code"), [(date(2026, 12, 3), "date_in_future"), (date(1899, 1, 1), "date_too_early")]
)
def test_w1_c2_a_related_person_has_a_possible_date_of_birth(region, today, born, code):
    ico = Ico(region)
    case = ico.open_case()
    with pytest.raises(ValidationError) as raised:
        case_services.add_related_person(
            case,
            by=ico.keeper,
            role=RelatedRole.ACHTERBLIJVER,
            surname="Yilmaz",
            given_names="Ayse",
            date_of_birth=born,
            reason="Moeder; betrokken bij het plan.",
        )
    assert codes(raised)["date_of_birth"] == [code]
    assert not case.related_people.exists()


@pytest.mark.django_db
def test_w1_a_case_has_a_possible_date_of_birth(region, today):
    ico = Ico(region)
    with pytest.raises(ValidationError) as raised:
        ico.open_case(date_of_birth=date(2030, 1, 1))
    assert codes(raised)["date_of_birth"] == ["date_in_future"]
