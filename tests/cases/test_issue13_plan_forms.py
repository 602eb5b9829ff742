"""Issue 13 with C3 and S2: the plan part of a case opens the forms of one measure at a time.

A plan rendered a progress form and a status form for every measure the user reports on; now
each such measure has a link that opens its two forms (`?vastleggen=<measure>`; with htmx only
its card comes back, in place). Who does not report on a measure gets no link and opens
nothing; a posted form still comes back in place, closed when saved, open with what was typed
when refused."""

import pytest
from django.urls import reverse

from cases.constants import MeasureStatus
from security.models import AuditEntry
from tests.cases.test_pages import measure
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def plan(case, opened=None) -> str:
    url = reverse("cases:case-plan", kwargs={"number": case.number})
    return f"{url}?vastleggen={opened.pk}" if opened else url


def forms_in(body: str) -> int:
    return body.count('data-testid="progress-form"') + body.count('data-testid="status-form"')


def reads(case) -> int:
    return AuditEntry.objects.get_for_object(case).filter(action=AuditEntry.Action.ACCESS).count()


def test_c3_the_plan_shows_no_form_until_one_measure_is_opened(ico, case):
    ours, other = measure(ico, case, owner=ico.rvdk), measure(ico, case, owner=ico.rvdk)
    client = verified_client(ico.raad)
    body = client.get(plan(case)).content.decode()
    assert forms_in(body) == 0
    assert body.count('data-testid="open-measure-form"') == 2
    assert f'href="{plan(case, ours)}"' in body

    body = client.get(plan(case, ours)).content.decode()
    # Only the measure opened has its two forms, the cursor in the first; the other its link.
    assert forms_in(body) == 2
    assert f'name="progress-{ours.pk}-text"' in body
    assert f'name="progress-{other.pk}-text"' not in body
    assert body.count("autofocus") == 1
    assert body.count('data-testid="open-measure-form"') == 1
    assert f'href="{plan(case)}#measure-{ours.pk}"' in body  # Cancel closes it again


def test_c3_who_does_not_report_on_a_measure_gets_no_link_and_opens_nothing(ico, case):
    row = measure(ico, case, owner=ico.rvdk)
    # The OM sees the case but neither owns the measure nor keeps or manages the case.
    client = verified_client(ico.officier)
    body = client.get(plan(case)).content.decode()
    assert f"measure-{row.pk}" in body and 'data-testid="open-measure-form"' not in body
    opened = client.get(plan(case, row)).content.decode()
    assert forms_in(opened) == 0
    htmx = client.get(plan(case, row), **HTMX)
    assert htmx.status_code == 200 and "<html" in htmx.content.decode()  # the whole part
    assert forms_in(htmx.content.decode()) == 0


def test_s2_htmx_opens_the_card_alone_and_logs_the_read(ico, case):
    row = measure(ico, case, owner=ico.rvdk)
    client = verified_client(ico.raad)
    before = reads(case)
    response = client.get(plan(case, row), **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<article class="vh-measure') and "<html" not in body
    assert forms_in(body) == 2 and "autofocus" in body
    assert reads(case) == before + 1
    # An unknown or foreign measure opens nothing: the whole part comes back.
    assert "<html" in client.get(f"{plan(case)}?vastleggen=0", **HTMX).content.decode()


def test_c3_a_saved_card_comes_back_closed_and_a_refused_one_open_as_typed(ico, case):
    row = measure(ico, case, owner=ico.rvdk)
    client = verified_client(ico.raad)
    target = reverse("cases:progress-create", kwargs={"number": case.number, "pk": row.pk})
    data = {
        f"progress-{row.pk}-text": "Gesprek gevoerd.",
        f"progress-{row.pk}-status": MeasureStatus.IN_PROGRESS,
        f"progress-{row.pk}-version": 1,
    }
    saved = client.post(target, data, **HTMX).content.decode()
    assert "De voortgang is vastgelegd." in saved
    assert forms_in(saved) == 0 and 'data-testid="open-measure-form"' in saved

    data[f"progress-{row.pk}-text"] = "Te laat."  # the version is now stale
    refused = client.post(target, data, **HTMX).content.decode()
    assert forms_in(refused) == 2 and "Te laat." in refused
    assert "autofocus" not in refused  # the errors lead, not an empty field
