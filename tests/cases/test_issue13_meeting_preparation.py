"""C4, P6, issue 13: the form that prepares a case meeting offers the cases the keeper may put on
its agenda as rows, not model instances (703 active cases of a Veiligheidshuis at national
scale), each labelled "number – name", and reads the same queries however many cases and
partners there are. The choices themselves are the selectors' rules (`agenda_choices`,
`meeting_parties`), proven in `test_meetings.py`."""

from datetime import date

import pytest
from django.urls import reverse

from cases import services
from cases.models import Case
from tests.conftest import verified_client
from tests.factories import record_declaration
from tests.queries import count_queries, instances_built

pytestmark = pytest.mark.django_db

URL = reverse("cases:meeting-create")


def form_page(user) -> str:
    response = verified_client(user).get(URL)
    assert response.status_code == 200
    return response.content.decode()


def open_cases(ico, count):
    return [
        ico.open_case(surname=f"Persoon{n}", date_of_birth=date(1980, 1, n + 1))
        for n in range(count)
    ]


def test_issue13_c4_each_case_is_offered_by_number_and_whole_name_in_number_order(ico):
    named = ico.open_case(given_names="Jan", prefix="van der", surname="Berg")
    plain = ico.open_case(given_names="Els", prefix="", surname="Smit")
    shown = form_page(ico.keeper)
    first = f"{named.number} – Jan van der Berg</label>"
    second = f"{plain.number} – Els Smit</label>"
    assert first in shown and second in shown
    assert shown.index(first) < shown.index(second)
    assert f'name="cases" value="{named.pk}"' in shown


def test_issue13_c4_the_form_builds_no_case_for_each_choice(ico):
    def cases_built() -> int:
        with instances_built(Case) as built:
            form_page(ico.keeper)
        return len(built)

    open_cases(ico, 1)
    few = cases_built()
    open_cases(ico, 3)
    assert cases_built() == few == 0


def test_issue13_c4_p6_the_form_reads_the_same_queries_however_many_cases_and_partners(ico):
    client = verified_client(ico.keeper)
    open_cases(ico, 1)
    few = count_queries(client, URL)
    cases = open_cases(ico, 3)
    record_declaration(ico.partner, by=ico.keeper)
    services.add_participant(cases[0], ico.partner, by=ico.keeper)
    assert ico.partner.name in form_page(ico.keeper)
    assert count_queries(client, URL) == few <= 12


def test_issue13_c4_a_refused_form_keeps_the_cases_chosen(ico):
    """The choices as rows still check what is sent against the rows of the queryset, and show
    what was chosen again when the form is refused."""
    chosen, other = open_cases(ico, 2)
    response = verified_client(ico.keeper).post(
        URL, {"casusoverleg": ico.overleg.pk, "held_on": "", "cases": [chosen.pk]}
    )
    assert response.status_code == 200
    shown = response.content.decode()

    def box(case) -> str:
        return shown[shown.index(f'name="cases" value="{case.pk}"') :].split(">", 1)[0]

    assert "checked" in box(chosen) and "checked" not in box(other)
    response = verified_client(ico.keeper).post(
        URL, {"casusoverleg": ico.overleg.pk, "held_on": "", "cases": ["999999"]}
    )
    assert "999999 is geen beschikbare keuze" in response.content.decode()
