"""A weegploeg dossier of a person found nowhere else, with something of them in every place
B8 names: the dossier's rows, reads and changes in the audit trail, a posted name search in a
session, a duty to inform with its letter, a subject request covering only this dossier, a
restriction and a hold whose reasons name the person."""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from subjects.forgetting import date_forms
from subjects.registry import DossierRef, item_ref

SURNAME = "Verbrugghen"
BSN = "314159265"
BORN = date(1983, 7, 29)


@dataclass
class Dossier:
    ref: DossierRef
    keeper: object
    client: object
    data_file: object
    values: list[str]  # the surname, the BSN and the date of birth in every form
    wp: object = None  # the parties and users (tests.weegploeg.factories.Weegploeg)


def person_dossier(region) -> Dossier:
    from rights.constants import DutyOccasion
    from rights.models import Letter
    from rights.services import start_duty_to_inform
    from subjects import registry
    from tests.conftest import verified_client
    from tests.rights.test_forgetting import covering_request
    from tests.weegploeg.factories import Weegploeg, analyse, signal
    from weegploeg import services
    from weegploeg.constants import Outcome

    wp = Weegploeg(region)
    keeper = wp.uitvoerder
    person = {"surname": SURNAME, "bsn": BSN, "date_of_birth": BORN}
    entered = signal(by=wp.agent, brought_by=wp.politie, region=region, person=person)
    assessment = entered.assessment
    analyse(assessment, by=keeper)
    services.add_information(
        assessment,
        by=keeper,
        party=wp.om,
        gathered_on=date(2026, 11, 2),
        content=f"Bekend bij OM als {SURNAME}, geboren {BORN:%d-%m-%Y}, BSN {BSN}.",
    )
    services.decide(
        assessment,
        by=keeper,
        outcome=Outcome.NOT_SUBSTANTIAL,
        reasons=f"Onvoldoende substantieel voor {SURNAME}.",
        decided_on=date(2026, 11, 20),
    )
    ref = DossierRef("weegploeg", assessment.number)
    file = registry.get("weegploeg")
    data_file = file.data_file(ref)

    # Reads of the dossier (S2) and a posted name search kept in the session.
    client = verified_client(keeper)
    client.post(reverse("weegploeg:assessment-list"), {"q": SURNAME})
    assert client.get(reverse("weegploeg:assessment-list")).status_code == 200
    assert client.get(file.dossier_url(ref)).status_code == 200

    # A duty to inform with its letter (I1), a request covering this dossier only (R4).
    duty = start_duty_to_inform(
        ref=ref, data_file=data_file, occasion=DutyOccasion.CLOSING, started_on=date(2026, 11, 20)
    )
    Letter.objects.create(
        kind="information",
        duty=duty,
        pdf=f"%PDF Aan de heer {SURNAME}".encode(),
        made_by=keeper,
        file_label=ref.file_label,
        dossier_key=ref.key,
    )
    request = covering_request([ref], region, keeper)
    request.surname, request.bsn, request.date_of_birth = SURNAME, BSN, BORN
    request.save()

    # A restriction (R1) and a hold (VH 20.2) whose reasons name the person.
    file.restrict(ref, item_ref(entered), reason=f"Bezwaar van {SURNAME}.", by=keeper)
    hold(ref, keeper, reasons=f"{SURNAME} staat terecht; geboren {BORN.isoformat()}.")
    return Dossier(
        ref=ref,
        keeper=keeper,
        client=client,
        data_file=data_file,
        values=[SURNAME, BSN, *date_forms(BORN)],
        wp=wp,
    )


def hold(ref, by, *, reasons: str):
    from retention.models import Hold

    return Hold.objects.create(
        file_label=ref.file_label,
        dossier_key=ref.key,
        reasons=reasons,
        controller_decision="Langer bewaren tot de uitspraak.",
        until=date(2027, 6, 1),
        recorded_by=by,
    )
