"""U4: the pages of the uitvoerder, the chair and the partner have no serious or critical axe-core
violation (WCAG 2.1 AA), walked in Chromium over the demo data."""

import pytest

from cases.constants import CaseStatus
from cases.models import Case, CaseMeeting, Disclosure
from parties import demo
from parties.models import User
from tests.e2e.conftest import axe_violations
from tests.e2e.test_signin_browser import sign_in
from weegploeg.models import Assessment

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seeded(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo.seed()


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


def test_u4_the_partners_pages_pass_axe(page, seeded):
    disclosure = Disclosure.objects.filter(partner__memberships__user__username="extern").first()
    page.goto("/account/login/")
    sign_in(page, User.objects.get(username="extern"), demo.DEMO_PASSWORD)
    paths = ["/", "/casussen/verstrekkingen/", f"/casussen/verstrekkingen/{disclosure.pk}/"]
    assert walk(page, paths) == {}
