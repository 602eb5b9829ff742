"""The demo data (O1) and the demo codes on the sign-in page, shown only in demo mode (S4)."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from parties import demo
from parties.constants import Function, PartyKind
from parties.models import ConfidentialityDeclaration, Party, User, Veiligheidshuis
from parties.permissions import access_refusal
from tests.conftest import totp_now, verified_client
from tests.rights.grounds import ground

# One process runs the module (tests/xdist_groups.py), so the demo is seeded once.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo, seeded once for the module (seeding is the slow part) in a transaction rolled
    back at its end. Each test runs in a savepoint of its own (pytest-django's `db`), so what a
    test writes, a second seed among it, is gone before the next; where a test seeds "twice",
    its own seed is the second."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        ground("strafbare-feiten")  # the migration's grounds, again after a flush
        demo.seed()
        yield
        transaction.set_rollback(True)


def counts():
    return (
        Veiligheidshuis.objects.count(),
        Party.objects.count(),
        User.objects.count(),
        TOTPDevice.objects.count(),
        ConfidentialityDeclaration.objects.count(),
    )


def test_o1_seed_demo_loads_the_cter_covenant_once(capsys):
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    assert set(Veiligheidshuis.objects.values_list("name", flat=True)) == {
        "Veiligheidshuis Kennemerland",
        "Veiligheidshuis Noord-Holland Noord",
        "Veiligheidshuis Zaanstreek-Waterland",
    }
    for kind in (PartyKind.POLITIE, PartyKind.OM, PartyKind.RVDK, PartyKind.RECLASSERING):
        assert Party.objects.filter(kind=kind).exists()
    assert Party.objects.filter(kind=PartyKind.GEMEENTE).count() >= 15
    held = {grant for user in User.objects.all() for grant in user.membership.function_codes()}
    assert held == set(Function.values)
    # Every demo sign-in is printed with its password and TOTP secret.
    printed = capsys.readouterr().out
    for account in demo.DEMO_USERS:
        secret = demo.totp_secret(TOTPDevice.objects.get(user__username=account.username))
        assert account.username in printed and secret in printed
    assert demo.DEMO_PASSWORD in printed


def test_p6_the_demo_has_a_partner_with_and_one_without_declaration():
    assert access_refusal(User.objects.get(username="extern")) is None
    assert access_refusal(User.objects.get(username="extern.zonder")) is not None


def test_s4_the_sign_in_page_shows_demo_codes_only_in_demo_mode(client, settings):
    device = TOTPDevice.objects.get(user__username="uitvoerder")
    settings.DEMO_MODE = False
    page = client.get("/account/login/").content.decode()
    assert "demo-code-uitvoerder" not in page
    settings.DEMO_MODE = True
    page = client.get("/account/login/").content.decode()
    assert f'data-testid="demo-code-uitvoerder">{totp_now(device)}<' in page


def test_w1_w3_the_demo_weegploeg_has_people_in_every_state():
    from weegploeg.constants import AssessmentStatus, Outcome
    from weegploeg.models import Assessment, Decision

    demo.seed()
    assessments = Assessment.objects.all()
    assert assessments.count() >= 30
    assert {a.status for a in assessments} == set(AssessmentStatus.values)
    # OBJECTION comes from the demo's upheld objection (R7): no weegploeg decides it.
    assert set(Decision.objects.values_list("outcome", flat=True)) == set(Outcome.values)
    assert Decision.objects.filter(reopened_at__isnull=False).exists()
    assert assessments.filter(analyses__isnull=True).exists()
    assert len(set(assessments.values_list("municipality_code", flat=True))) >= 10


def test_c11_w6_the_demo_has_casusoverleggen_and_agendered_cases():
    from cases.models import Case, CasusOverleg
    from cases.selectors import casusoverleg_terms
    from retention.constants import ArchiveFrom
    from retention.models import Hold
    from retention.terms import Terms
    from weegploeg.constants import Outcome
    from weegploeg.models import Assessment, CaseTransfer

    counts_before = (CasusOverleg.objects.count(), Case.objects.count())
    demo.seed()
    assert (CasusOverleg.objects.count(), Case.objects.count()) == counts_before
    for region in Veiligheidshuis.objects.all():
        name = f"ICO CTER {region.name.removeprefix('Veiligheidshuis ')}"
        ico = CasusOverleg.objects.get(name=name, veiligheidshuis=region)
        assert ico.covenant_title == "Privacyconvenant CTER Noord-Holland"
        # CTER 13: the covenant's defaults (C11, B3, B4).
        assert casusoverleg_terms(ico) == Terms(12, ArchiveFrom.LAST_PROCESSING, 60, None)
        kinds = set(ico.participants.values_list("kind", flat=True))
        assert {PartyKind.POLITIE, PartyKind.OM, PartyKind.GEMEENTE} <= kinds
        assert {PartyKind.RVDK, PartyKind.RECLASSERING} <= kinds
        assert ico.chairs.filter(membership__functions__function=Function.VOORZITTER).exists()
        # Every "agenderen" assessment of the region is a case in its CTER ICO.
        agendered = [
            assessment
            for assessment in Assessment.objects.filter(veiligheidshuis=region, status="decided")
            if assessment.decisions.first().outcome == Outcome.AGENDEREN
        ]
        assert agendered
        assert ico.cases.count() == len(agendered)
        assert CaseTransfer.objects.filter(assessment__in=agendered).count() == len(agendered)
    veelplegers = CasusOverleg.objects.get(name="Veelplegers")
    assert veelplegers.veiligheidshuis.code == "kennemerland"
    # VH 20.1: two years off the agenda to the archive, destroyed after six years.
    assert casusoverleg_terms(veelplegers) == Terms(24, ArchiveFrom.LAST_AGENDA, 72, None)
    assert all(
        case.transfers.filter(source_file="weegploeg").exists() for case in Case.objects.all()
    )
    # B3, B6 (retention.demo, seeded twice above): one weegploeg dossier in the archive and one
    # kept longer by a hold with its reasons, the controller's decision and an end date.
    archived = Assessment.objects.filter(archived_at__isnull=False)
    assert archived.count() == 1
    [hold] = Hold.objects.all()
    assert hold.file_label == "weegploeg" and hold.reasons and hold.controller_decision
    assert hold.until > timezone.localdate() and hold.ended_at is None
    assert not archived.filter(number=hold.dossier_key).exists()


def test_c3_c4_c5_c6_the_demo_cases_are_in_every_state_with_plans_meetings_and_disclosures():
    from cases.constants import CaseStatus, MeasureStatus
    from cases.models import CaseMeeting, Disclosure, Measure

    for region in Veiligheidshuis.objects.all():
        ico = region.casusoverleggen.get(name__startswith="ICO CTER")
        assert {case.status for case in ico.cases.all()} == set(CaseStatus.values)
        measures = Measure.objects.filter(case__casusoverleg=ico)
        today = timezone.localdate()
        open_measures = measures.exclude(status=MeasureStatus.DONE)
        assert open_measures.filter(deadline__lt=today).exists()  # overdue
        assert open_measures.filter(deadline__gte=today).exists()  # due
        assert measures.filter(status=MeasureStatus.DONE, notes__isnull=False).exists()
        meetings = CaseMeeting.objects.filter(casusoverleg=ico)
        assert meetings.filter(approved_at__isnull=False, held_on__lt=today).exists()
        assert meetings.filter(approved_at__isnull=True, held_on__gt=today).exists()
        disclosures = Disclosure.objects.filter(case__casusoverleg=ico)
        assert disclosures.filter(prosecutor_consent="").exists()
        assert disclosures.exclude(prosecutor_consent="").exists()


PAGE_OUTCOMES = {200, 404}


def test_u1_every_demo_user_walks_the_case_pages_without_an_error():
    """Each demo sign-in opens the dashboard, the case list, every case, meeting and
    disclosure page of the demo: a page it may see, or 404, never an error."""
    from cases.models import Case, CaseMeeting, Disclosure

    pages = ["/", "/casussen/", "/casussen/overleggen/", "/casussen/verstrekkingen/"]
    pages += [reverse("cases:case-detail", args=[case.number]) for case in Case.objects.all()]
    pages += [reverse("cases:meeting-detail", args=[m.pk]) for m in CaseMeeting.objects.all()]
    pages += [reverse("cases:disclosure-detail", args=[d.pk]) for d in Disclosure.objects.all()]
    seen = {}
    for account in demo.DEMO_USERS:
        if account.username == "extern.zonder":
            continue  # refused everything without a declaration (P6)
        client = verified_client(User.objects.get(username=account.username))
        outcomes = {page: client.get(page).status_code for page in pages}
        assert set(outcomes.values()) <= PAGE_OUTCOMES, (account.username, outcomes)
        seen[account.username] = {page for page, status in outcomes.items() if status == 200}
    case_pages = {page for page in pages if "/dossiers/" in page}
    assert case_pages <= seen["uitvoerder"] | seen["uitvoerder.nhn"] | seen["uitvoerder.zw"]
    assert not seen["extern"] & case_pages
    disclosure_pages = {page for page in pages if "/verstrekkingen/" in page} - set(pages[:4])
    assert disclosure_pages <= seen["extern"]


def test_p8_demo_users_hold_the_authorisations_the_readme_names():
    """P8: the README's column "bestanden"; seeding twice grants nothing twice."""
    from cases.models import Case
    from cases.permissions import visible_cases
    from parties.constants import AccessLevel
    from parties.models import FileAuthorisation
    from weegploeg.models import Assessment
    from weegploeg.permissions import visible_assessments

    first = FileAuthorisation.objects.count()
    demo.seed()
    assert FileAuthorisation.objects.count() == first

    def files(username):
        return {
            (a.file.kind, a.file.name, a.level)
            for a in FileAuthorisation.objects.live().filter(user__username=username)
        }

    for username in ("beheerder", "fg", "extern", "extern.zonder"):
        assert files(username) == set()
        user = User.objects.get(username=username)
        assert not visible_cases(user).exists() and not visible_assessments(user).exists()
    assert len(files("politie")) == len(files("om")) == 6
    assert files("uitvoerder") == {
        ("weegploeg", "Weegploeg Veiligheidshuis Kennemerland", AccessLevel.READWRITE),
        ("ico", "ICO CTER Kennemerland", AccessLevel.READWRITE),
        ("ico", "Veelplegers", AccessLevel.READWRITE),
    }
    assert ("ico", "ICO CTER Noord-Holland Noord", AccessLevel.READ) in files("gemeente.alkmaar")
    assert {name for _kind, name, _level in files("voorzitter")} == {
        "ICO CTER Zaanstreek-Waterland"
    }
    assert {kind for kind, _name, _level in files("rvdk")} == {"ico"}
    # The uitvoerder keeps every case and assessment of its Veiligheidshuis, and only those.
    uitvoerder = User.objects.get(username="uitvoerder")
    region = "kennemerland"
    assert set(visible_cases(uitvoerder)) == set(
        Case.objects.filter(casusoverleg__veiligheidshuis__code=region)
    )
    assert set(visible_assessments(uitvoerder)) == set(
        Assessment.objects.filter(veiligheidshuis__code=region)
    )


def test_i1_i4_r1_r3_the_demo_has_rights_settings_requests_and_duties():
    """The rights demo (seeded after the files): letter settings for every file, four requests
    in Kennemerland (identity and dossiers in both files; none yet; past its term; an objection
    upheld, ending its weegploeg dossier, and answered), one duty postponed on a ground and one
    informed by a letter sent. Seeding twice changes nothing."""
    from datetime import timedelta

    from parties.models import DataFile
    from rights.constants import DutyState, RequestState
    from rights.models import (
        DutyToInform,
        FileRightsSettings,
        Letter,
        Postponement,
        RequestDossier,
        SubjectRequest,
    )
    from rights.services.duties import current_postponement
    from rights.services.file_settings import missing_for_letter
    from tests.rights.grounds import ground
    from weegploeg.constants import Outcome
    from weegploeg.models import Decision

    def rights_counts():
        return tuple(
            model.objects.count()
            for model in (
                FileRightsSettings,
                SubjectRequest,
                RequestDossier,
                DutyToInform,
                Postponement,
                Letter,
            )
        )

    ground("strafbare-feiten")  # the migration's grounds, again after a flush
    first = rights_counts()
    demo.seed()
    assert rights_counts() == first
    today = timezone.localdate()
    for data_file in DataFile.objects.all():
        settings = FileRightsSettings.objects.get(data_file=data_file)
        assert missing_for_letter(settings) == []
        assert "Privacyloket" in settings.contact_name and "example.org" in settings.contact_email
    requests = SubjectRequest.objects.filter(veiligheidshuis__code="kennemerland")
    assert requests.count() == 4 and not requests.exclude(bsn="").exists()
    answered_later = requests.get(received_on=today - timedelta(days=21))
    assert answered_later.identity_established and answered_later.deadline >= today
    assert {row.file_label for row in answered_later.dossiers.all()} == {"weegploeg", "ico"}
    fresh = requests.get(received_on=today)
    assert not fresh.identity_established and not fresh.dossiers.exists()
    overdue = requests.get(received_on=today - timedelta(days=45))
    assert not overdue.is_closed and overdue.deadline < today
    objection = requests.get(state=RequestState.DONE)
    assert objection.objection_decision.upheld
    (ended,) = objection.dossiers.all()
    ended_decision = Decision.objects.get(assessment__number=ended.dossier_key, reopened_at=None)
    assert ended_decision.outcome == Outcome.OBJECTION
    postponed = DutyToInform.objects.get(state=DutyState.POSTPONED)
    postponement = current_postponement(postponed)
    assert postponement.ground.code == "strafbare-feiten" and postponement.review_on > today
    informed = DutyToInform.objects.get(state=DutyState.INFORMED)
    assert informed.letters.get().sent_on == informed.informed_on
