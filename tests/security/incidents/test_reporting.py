"""S3: anyone who may act reports a suspected incident from the link in every page's footer;
the overseers (FG and uitvoerder of the Veiligheidshuis) are told at once by mail, which names
no person, and see it on their dashboard; the reporter sees the number and nothing more."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from security.models import Incident
from tests.conftest import verified_client
from tests.security.incidents.fixtures import AFFECTED, WHAT
from tests.security.panels import items

pytestmark = pytest.mark.django_db

REPORT = "/toezicht/incidenten/melden/"


def test_s3_every_page_has_the_report_link_in_its_footer(world):
    client = verified_client(world.deelnemer)
    for path in ("/", REPORT, "/bewaren/"):
        html = client.get(path).content.decode()
        footer = html[html.index("<footer") :]
        assert f'href="{REPORT}"' in footer
    assert reverse("security:incident-report") == REPORT


def test_s3_a_deelnemer_reports_through_the_footer_link(world, mailoutbox):
    client = verified_client(world.deelnemer)
    form = client.get(REPORT)
    assert form.status_code == 200
    now = timezone.localtime()
    # The discovery defaults to now.
    assert form.context["form"]["discovered_at_date"].value() == now.date()
    discovered = now - timedelta(hours=2)
    response = client.post(
        REPORT,
        {
            "what_happened": WHAT,
            "discovered_at_date": discovered.date().isoformat(),
            "discovered_at_time": discovered.strftime("%H:%M"),
            "affected": AFFECTED,
            "veiligheidshuis": world.region.pk,
        },
    )
    incident = Incident.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/toezicht/incidenten/gemeld/{incident.number}/"
    assert incident.number == f"INC-{now.year}-0001"
    assert incident.veiligheidshuis == world.region
    assert incident.reported_by == world.deelnemer
    assert incident.discovered_at == discovered.replace(second=0, microsecond=0)

    confirmation = client.get(response["Location"]).content.decode()
    assert incident.number in confirmation
    assert WHAT not in confirmation  # nothing more of the register

    # The overseers are told at once: one mail, to the FG and the uitvoerder only.
    (mail,) = mailoutbox
    assert sorted(mail.to) == sorted([world.fg.email, world.uitvoerder.email])
    assert incident.number in mail.subject
    assert f"/toezicht/incidenten/{incident.number}/" in mail.body


def test_s3_the_mails_hold_no_personal_data(world, mailoutbox):
    world.report(discovered_at=timezone.now())
    text = "\n".join(f"{mail.subject}\n{mail.body}" for mail in mailoutbox)
    for value in ("Zichtbarenaam", "123456782", "Herkenbaaradres", world.deelnemer.username):
        assert value not in text
    assert world.deelnemer.last_name not in text


def test_s3_the_report_shows_on_the_overseers_dashboard(world):
    incident = world.report(discovered_at=timezone.now())
    for overseer in (world.fg, world.uitvoerder):
        html = verified_client(overseer).get("/").content.decode()
        (shown,) = items(html, "incidents")
        assert shown.startswith(f"{incident.number}: Beoordeel de melding")
    assert incident.number not in verified_client(world.deelnemer).get("/").content.decode()
    elsewhere = verified_client(world.uitvoerder_elsewhere).get("/").content.decode()
    assert incident.number not in elsewhere


def test_s3_the_reporter_cannot_open_the_register_or_someone_elses_confirmation(world):
    incident = world.report(discovered_at=timezone.now())
    client = verified_client(world.deelnemer)
    assert client.get(f"/toezicht/incidenten/{incident.number}/").status_code == 404
    other = verified_client(world.beheerder)
    assert other.get(f"/toezicht/incidenten/gemeld/{incident.number}/").status_code == 404


def test_s3_an_empty_report_keeps_what_was_typed(world):
    client = verified_client(world.deelnemer)
    response = client.post(
        REPORT,
        {"what_happened": "", "discovered_at_date": "", "affected": "Iets geraakt"},
    )
    assert response.status_code == 200
    assert "Iets geraakt" in response.content.decode()
    assert not Incident.objects.exists()


def test_s3_a_discovery_in_the_future_is_refused(world):
    later = timezone.localtime() + timedelta(days=1)
    response = verified_client(world.deelnemer).post(
        REPORT,
        {
            "what_happened": "Iets",
            "discovered_at_date": later.date().isoformat(),
            "discovered_at_time": later.strftime("%H:%M"),
            "veiligheidshuis": world.region.pk,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["discovered_at_date"]
    assert not Incident.objects.exists()
