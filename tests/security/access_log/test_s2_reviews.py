"""S2, CTER 15.1e: the review of the access log per period, signed off per Veiligheidshuis
with findings by its FG or uitvoerder (nobody else: 404); the dashboard shows the review due
and the unusual reads of the last days."""

from datetime import date

import pytest
from django.urls import reverse

from security.models import AccessReview, AuditEntry
from security.services.access_review import last_ended_period, period_of
from tests.conftest import verified_client
from tests.security.access_log.world import at, on, read, worked_out
from tests.security.panels import items, panel

pytestmark = pytest.mark.django_db


def test_s2_periods_are_quarters_by_default(settings):
    assert period_of(date(2031, 5, 17)).start == date(2031, 4, 1)
    assert period_of(date(2031, 5, 17)).end == date(2031, 6, 30)
    assert last_ended_period(date(2031, 4, 1)).start == date(2031, 1, 1)
    settings.ACCESS_REVIEW_PERIOD_MONTHS = 1
    assert period_of(date(2031, 2, 28)).end == date(2031, 2, 28)


def test_s2_the_fg_signs_off_a_period_with_findings(world):
    url = reverse("security:access-review-sign-off", args=[world.region.code, "2031-01-01"])
    with on(at(2031, 4, 2)):
        client = verified_client(world.fg)
        listing = client.get(reverse("security:access-reviews")).content.decode()
        assert url in listing  # the ended period is due
        # findings are required; what was typed stays
        missing = client.post(url, {"confirm": "on"})
        assert missing.status_code == 200
        assert AccessReview.objects.count() == 0
        unconfirmed = client.post(url, {"findings": "Twee nachtelijke reads nagegaan."})
        assert "Twee nachtelijke reads nagegaan." in unconfirmed.content.decode()
        done = client.post(url, {"findings": "Twee nachtelijke reads nagegaan.", "confirm": "on"})
        assert done.status_code == 302
        review = AccessReview.objects.get()
        assert (review.period_start, review.period_end) == (date(2031, 1, 1), date(2031, 3, 31))
        assert review.signed_off_by == world.fg
        assert review.findings == "Twee nachtelijke reads nagegaan."
        assert AuditEntry.objects.get_for_object(review).filter(actor=world.fg).exists()
        # once only
        again = client.post(url, {"findings": "Nogmaals.", "confirm": "on"})
        assert again.status_code == 200
        assert AccessReview.objects.get().findings == "Twee nachtelijke reads nagegaan."
        # a running period cannot be signed off
        running = reverse("security:access-review-sign-off", args=[world.region.code, "2031-04-01"])
        client.post(running, {"findings": "Te vroeg.", "confirm": "on"})
        assert AccessReview.objects.count() == 1
        # not the start of a period
        wrong = reverse("security:access-review-sign-off", args=[world.region.code, "2031-02-01"])
        assert client.get(wrong).status_code == 404


def test_s2_only_the_regions_overseers_sign_off(world, beheerder):
    url = reverse("security:access-review-sign-off", args=[world.region.code, "2031-01-01"])
    with on(at(2031, 4, 2)):
        assert verified_client(world.uitvoerder).get(url).status_code == 200
        for user in (world.agent, beheerder, world.other_uitvoerder):
            client = verified_client(user)
            assert client.get(url).status_code == 404
            assert client.post(url, {"findings": "x", "confirm": "on"}).status_code == 404
    assert not AccessReview.objects.exists()


def test_s2_the_dashboard_shows_the_due_review_and_unusual_reads(world, settings):
    settings.ANOMALY_NIGHT_START, settings.ANOMALY_NIGHT_END = 22, 6
    read(world.agent, world.case(), at(2031, 4, 1, 23))
    worked_out(at(2031, 4, 1, 23, 1))
    with on(at(2031, 4, 2)):
        html = verified_client(world.fg).get(reverse("dashboard")).content.decode()
    review, unusual = items(html, "access-log")
    assert "01-01-2031" in review and "Beoordeel het toegangslog" in review
    assert "1 ongebruikelijke" in unusual
    with on(at(2031, 4, 2)):
        client = verified_client(world.fg)
        client.post(
            reverse("security:access-review-sign-off", args=[world.region.code, "2031-01-01"]),
            {"findings": "Niets bijzonders.", "confirm": "on"},
        )
        html = client.get(reverse("dashboard")).content.decode()
    assert not any("Beoordeel het toegangslog" in line for line in items(html, "access-log"))
    # nobody else gets the panel
    with on(at(2031, 4, 2)):
        html = verified_client(world.agent).get(reverse("dashboard")).content.decode()
    assert panel(html, "access-log") is None
