"""B8 and issue 9: what `rights` holds about a dossier goes with it. A request is kept as long as
the longest-lived dossier it covers (and holds no more than the request needs until then)."""

from datetime import date

import pytest

from cases.models import Case
from rights.constants import Channel, DutyOccasion
from rights.models import DutyToInform, Letter, RequestDossier, SubjectRequest
from rights.services import start_duty_to_inform
from subjects import registry
from subjects.registry import DossierRef
from tests.subjects.dossier_fixtures import BUILDERS

pytestmark = pytest.mark.django_db


def covering_request(refs, region, keeper):
    request = SubjectRequest.objects.create(
        veiligheidshuis=region,
        number="VZ-TEST-1",
        kinds=["access"],
        received_on=date(2027, 2, 1),
        channel=Channel.LETTER,
        surname="Jansen",
        given_names="Piet",
        date_of_birth=date(1990, 1, 1),
        due_on=date(2027, 3, 1),
        received_by=keeper,
    )
    for ref in refs:
        RequestDossier.objects.create(
            request=request,
            file_label=ref.file_label,
            dossier_key=ref.key,
            confirmed_by=keeper,
        )
    return request


def test_b8_a_request_goes_with_the_last_dossier_it_covers(region):
    weegploeg = BUILDERS["weegploeg"](region)  # decided and put on the agenda of an ICO
    ico = DossierRef("ico", Case.objects.get().number)
    keeper = weegploeg.keeper
    request = covering_request([weegploeg.ref, ico], region, keeper)
    Letter.objects.create(
        kind="access", request=request, pdf=b"%PDF", made_by=keeper, **_about(ico)
    )

    registry.get("weegploeg").destroy(weegploeg.ref, by=keeper)
    assert SubjectRequest.objects.filter(pk=request.pk).exists()
    assert not RequestDossier.objects.filter(dossier_key=weegploeg.ref.key).exists()
    assert not DutyToInform.objects.filter(dossier_key=weegploeg.ref.key).exists()
    assert Letter.objects.exists()

    registry.get("ico").destroy(ico, by=keeper)
    assert not SubjectRequest.objects.filter(pk=request.pk).exists()
    assert not Letter.objects.exists()


def test_b8_i4_duties_and_their_letters_go_with_the_dossier(region):
    built = BUILDERS["ico"](region)
    file = registry.get("ico")
    duty = start_duty_to_inform(
        ref=built.ref,
        data_file=file.data_file(built.ref),
        occasion=DutyOccasion.CLOSING,
        started_on=date(2027, 1, 8),
    )
    Letter.objects.create(
        kind="information", duty=duty, pdf=b"%PDF", made_by=built.keeper, **_about(built.ref)
    )
    file.destroy(built.ref, by=built.keeper)
    assert not DutyToInform.objects.filter(pk=duty.pk).exists()
    assert not Letter.objects.exists()


def _about(ref):
    return {"file_label": ref.file_label, "dossier_key": ref.key}


def test_b8_the_audit_entries_of_duties_letters_and_requests_go_with_the_dossier(region):
    """B8: the entries of rights' rows (a duty, its letter, a request covering only this
    dossier, its dossier row) hold the person's data: they go with the dossier, and the
    destruction writes none of its own about them; forget_dossier counts what it deleted."""
    from django.contrib.contenttypes.models import ContentType

    from config.audit import kind_of
    from security.models import AuditEntry

    built = BUILDERS["ico"](region)
    file = registry.get("ico")
    duty = start_duty_to_inform(
        ref=built.ref,
        data_file=file.data_file(built.ref),
        occasion=DutyOccasion.CLOSING,
        started_on=date(2027, 1, 8),
    )
    letter = Letter.objects.create(
        kind="information", duty=duty, pdf=b"%PDF", made_by=built.keeper, **_about(built.ref)
    )
    request = covering_request([built.ref], region, built.keeper)
    rows = [duty, letter, request, request.dossiers.get()]

    def entries():
        found = AuditEntry.objects.none()
        for row in rows:
            found |= AuditEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(row), object_pk=str(row.pk)
            )
        return found

    assert entries().count() >= len(rows)
    assert AuditEntry.objects.filter(object_pk=str(duty.pk), dossier_key=built.ref.key).exists()
    counts = file.destroy(built.ref, by=built.keeper)
    assert not entries().exists()
    assert counts[kind_of(DutyToInform)] >= 1 and counts[kind_of(SubjectRequest)] == 1
    assert counts[kind_of(Letter)] == 1


def test_b8_a_request_covering_another_dossier_keeps_its_own_entries(world):
    """The request stays for the other dossier it covers, and so does its trail."""
    from security.models import AuditEntry

    request = covering_request(world.refs, world.region, world.keeper)
    registry.get("weegploeg").destroy(world.weegploeg_ref, by=world.keeper)
    assert SubjectRequest.objects.filter(pk=request.pk).exists()
    assert AuditEntry.objects.get_for_object(request).exists()
