"""Dossier numbers past 99,999 a year (issue 13, ADR 0023): a number keeps the text it was
issued with, and every list that orders by number orders by `number_order`, so W-2026-100000
comes after W-2026-99999 and a year's numbers before the next year's.

The lists: the intake's duplicate warning (W1), the weegploeg's and the casusoverleg's agenda
choices and the sorted dossier lists of the uitvoerder (U1), the list of requests (U3)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from cases.selectors.meetings import agenda_choices
from rights.models import SubjectRequest
from subjects.models import DossierSequence
from subjects.numbering import next_number, sort_key, year_prefix
from tests.cases.factories import Ico
from tests.conftest import verified_client
from tests.rights.factories import Handlers, make_request
from tests.weegploeg.factories import PERSON, signal
from weegploeg import selectors
from weegploeg.constants import DOSSIER_PREFIX
from weegploeg.models import Assessment

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
# In issue order: last year's 100,001st dossier, then this year's 2nd, 99,999th and 100,000th.
SERIALS = [(YEAR - 1, "100001"), (YEAR, "00002"), (YEAR, "99999"), (YEAR, "100000")]


def renumber(rows, letter):
    """Give `rows` the numbers of SERIALS, in a shuffled order (the pk order is not the issue
    order), and return the numbers in issue order."""
    numbers = [f"{letter}-{year}-{serial}" for year, serial in SERIALS]
    for row, number in zip(rows, [numbers[2], numbers[0], numbers[3], numbers[1]], strict=True):
        type(row).objects.filter(pk=row.pk).update(number=number)
    return numbers


@pytest.fixture
def assessments(wp):
    rows = [signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment]
    rows += [
        signal(by=wp.agent, brought_by=wp.politie, region=wp.region, person={"bsn": ""}).assessment
        for _ in range(3)
    ]
    return renumber(rows, DOSSIER_PREFIX)


def test_issue_13_the_order_key_sorts_numbers_in_issue_order(assessments):
    """W-2026-99999 before W-2026-100000; last year's six digits before this year's five."""
    assert assessments != sorted(assessments)  # the text order is wrong here
    stored = Assessment.objects.order_by("number_order").values_list("number", flat=True)
    assert list(stored) == assessments
    assert list(Assessment.objects.order_by("-number_order").values_list("number", flat=True)) == [
        *reversed(assessments)
    ]
    assert sorted(assessments, key=sort_key) == assessments
    key = Assessment.objects.get(number=f"W-{YEAR}-100000").number_order
    assert key == f"W-{YEAR}-0000100000"


def test_issue_13_a_number_past_99999_is_the_next_one(wp):
    """The counter goes on past 99,999; counted from the table (no counter yet), the highest
    number is the one issued last, not the highest text."""
    prefix = year_prefix(DOSSIER_PREFIX)
    DossierSequence.objects.create(key=f"weegploeg.assessment:{prefix}", last=99_999)
    assert next_number(prefix, Assessment) == f"{prefix}100000"
    first, second = (
        signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment for _ in range(2)
    )
    Assessment.objects.filter(pk=first.pk).update(number=f"{prefix}99999")
    Assessment.objects.filter(pk=second.pk).update(number=f"{prefix}100000")
    DossierSequence.objects.all().delete()
    assert next_number(prefix, Assessment) == f"{prefix}100001"


def test_w1_the_duplicate_warning_lists_numbers_in_issue_order(wp, assessments):
    found = selectors.known_dossiers(wp.uitvoerder, wp.region, PERSON)
    assert [a.number for a in found] == assessments


def test_u1_the_weegploeg_agenda_choices_are_in_issue_order(wp, assessments):
    assert [a.number for a in selectors.open_for_agenda(wp.uitvoerder)] == assessments


def test_u1_the_assessment_list_sorted_by_number_is_in_issue_order(wp, assessments):
    client = verified_client(wp.uitvoerder)
    page = client.get(reverse("weegploeg:assessment-list"), {"sort": "number"})
    assert [a.number for a in page.context["assessments"]] == assessments
    page = client.get(reverse("weegploeg:assessment-list"), {"sort": "-number"})
    assert [a.number for a in page.context["assessments"]] == assessments[::-1]


def test_u1_cases_sort_and_go_on_the_agenda_in_issue_order(region):
    ico = Ico(region)
    numbers = renumber([ico.open_case() for _ in range(4)], "C")
    chosen = agenda_choices(ico.keeper, [ico.overleg])
    assert [c.number for c in chosen] == numbers
    client = verified_client(ico.keeper)
    page = client.get(reverse("cases:case-list"), {"sort": "number"})
    assert [c.number for c in page.context["cases"]] == numbers
    assert list(Case.objects.order_by("number_order").values_list("number", flat=True)) == numbers


def test_u3_the_requests_sorted_by_number_are_in_issue_order():
    h = Handlers()
    requests = [make_request(by=h.uitvoerder, region=h.region) for _ in range(4)]
    numbers = renumber(requests, "VZ")
    client = verified_client(h.uitvoerder)
    page = client.get(reverse("rights:request-list"), {"sort": "number"})
    assert [r.number for r in page.context["requests"]] == numbers
    stored = SubjectRequest.objects.order_by("number_order").values_list("number", flat=True)
    assert list(stored) == numbers
