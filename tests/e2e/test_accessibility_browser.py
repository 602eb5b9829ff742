"""U4: the pages of the uitvoerder, the chair and the partner have no serious or critical axe-core
violation (WCAG 2.1 AA), walked in Chromium over the demo data."""

import pytest

from cases.constants import CaseStatus
from cases.models import Case, CaseMeeting, Disclosure
from parties import demo
from parties.models import User
from rights.constants import DutyState
from rights.models import DutyToInform, FileRightsSettings, SubjectRequest
from tests.demo_snapshot import seed_demo
from tests.e2e.conftest import axe_violations
from tests.e2e.test_signin_browser import sign_in
from weegploeg.models import Assessment

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seeded(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    seed_demo()  # the grounds and the demo (tests/demo_snapshot.py)


def walk(page, paths) -> dict[str, list]:
    found = {}
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    return found


def test_u4_the_uitvoerders_pages_pass_axe(page, seeded):
    case = Case.objects.filter(
        casusoverleg__veiligheidshuis__code="kennemerland",
        status=CaseStatus.ACTIVE,
        disclosures__isnull=False,
    ).first()
    assessment = Assessment.objects.filter(case_transfers__case_number=case.number).get()
    meeting = CaseMeeting.objects.filter(casusoverleg=case.casusoverleg).first()
    page.goto("/account/login/")
    sign_in(page, User.objects.get(username="uitvoerder"), demo.DEMO_PASSWORD)
    dossier = f"/weegploeg/dossiers/{assessment.number}/"
    file = f"/casussen/dossiers/{case.number}/"
    paths = [
        "/",
        "/weegploeg/",
        "/weegploeg/signalen/nieuw/",
        dossier,
        f"{dossier}agenderen/",
        "/casussen/",
        file,
        f"{file}maatregel/",
        f"{file}verstrekking/",
        f"{file}afsluiten/",
        "/casussen/overleggen/",
        "/casussen/overleggen/nieuw/",
        f"/casussen/overleggen/{meeting.pk}/",
    ]
    assert walk(page, paths) == {}


def test_u3_u4_the_rights_pages_of_the_uitvoerder_pass_axe(page, seeded):
    """The request list, a request with its dossiers and outcomes, one before the identity,
    the intake form, the duty list and a postponed duty, over the rights demo."""
    covered = SubjectRequest.objects.get(dossiers__file_label="ico")
    fresh = SubjectRequest.objects.filter(identity_established_at__isnull=True).get()
    duty = DutyToInform.objects.get(state=DutyState.POSTPONED)
    page.goto("/account/login/")
    sign_in(page, User.objects.get(username="uitvoerder"), demo.DEMO_PASSWORD)
    paths = [
        "/rechten/verzoeken/",
        "/rechten/verzoeken/nieuw/",
        f"/rechten/verzoeken/{covered.number}/",
        f"/rechten/verzoeken/{covered.number}/zoeken/",
        f"/rechten/verzoeken/{covered.number}/uitkomsten/",
        f"/rechten/verzoeken/{fresh.number}/",
        "/rechten/informatieplichten/",
        f"/rechten/informatieplichten/{duty.pk}/",
        f"/rechten/informatieplichten/{duty.pk}/uitstellen/",
    ]
    assert walk(page, paths) == {}


def test_i4_u4_the_beheerders_file_settings_pages_pass_axe(page, seeded):
    data_file = FileRightsSettings.objects.order_by("data_file_id").first().data_file
    page.goto("/account/login/")
    sign_in(page, User.objects.get(username="beheerder"), demo.DEMO_PASSWORD)
    paths = ["/rechten/bestanden/", f"/rechten/bestanden/{data_file.pk}/", "/rechten/gronden/"]
    assert walk(page, paths) == {}


def test_u4_the_partners_pages_pass_axe(page, seeded):
    disclosure = Disclosure.objects.filter(partner__memberships__user__username="extern").first()
    page.goto("/account/login/")
    sign_in(page, User.objects.get(username="extern"), demo.DEMO_PASSWORD)
    paths = ["/", "/casussen/verstrekkingen/", f"/casussen/verstrekkingen/{disclosure.pk}/"]
    assert walk(page, paths) == {}


def test_b3_b5_b6_u4_the_retention_pages_pass_axe(page, seeded, monkeypatch):
    """The overview with something in every section, a dossier's retention page with a hold,
    the hold, end-hold and reactivation forms, and the terms form."""
    from datetime import timedelta

    from django.utils import timezone

    from parties.permissions import kept_files
    from retention.models import DossierSweepState, SweepRun
    from retention.services.holds import record_hold
    from retention.services.sweep import Planned
    from subjects import registry
    from subjects.registry import DossierRef

    keeper = User.objects.get(username="uitvoerder")
    data_file = kept_files(keeper).filter(kind="weegploeg").first()
    numbers = Assessment.objects.filter(veiligheidshuis=data_file.veiligheidshuis).order_by("pk")
    held, archived = (
        DossierRef("weegploeg", n) for n in numbers.values_list("number", flat=True)[:2]
    )
    today = timezone.localdate()
    hold = record_hold(
        held,
        reasons="Onderzoek.",
        controller_decision="Besluit.",
        until=today + timedelta(30),
        by=keeper,
    )
    registry.get("weegploeg").archive(archived, by=keeper)
    DossierSweepState.objects.create(
        file_label="weegploeg",
        dossier_key=archived.key,
        failed_at=timezone.now(),
        failure="Time-out",
        attempts=1,
    )
    SweepRun.objects.create(as_of=today, trigger="beat", archived=1)
    planned = Planned(
        held, "vernietigen", "vernietigingstermijn", today, data_file.pk, data_file.name, "", True
    )
    monkeypatch.setattr("retention.selectors.preview", lambda **kwargs: [planned])
    page.goto("/account/login/")
    sign_in(page, keeper, demo.DEMO_PASSWORD)
    paths = [
        "/",
        "/bewaren/",
        f"/bewaren/dossiers/weegploeg/{held.key}/",
        f"/bewaren/dossiers/weegploeg/{held.key}/bewaarbesluit/",
        f"/bewaren/bewaarbesluiten/{hold.pk}/beeindigen/",
        f"/bewaren/dossiers/weegploeg/{archived.key}/heractiveren/",
        f"/bewaren/bestanden/{data_file.pk}/termijnen/",
    ]
    assert walk(page, paths) == {}
