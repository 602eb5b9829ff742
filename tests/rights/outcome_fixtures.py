"""Test data for the outcomes of a request (R4-R7): a person (Piet Jansen) in the weegploeg and
in two casusoverleggen of one Veiligheidshuis, and a request about him whose identity is
recorded and whose three dossiers are confirmed, made directly through the ORM."""

import itertools
from datetime import date

from django.utils import timezone

from cases import services as case_services
from cases.constants import IdentityMethod as CaseIdentity
from cases.models import Case, CasusOverleg
from cases.permissions import file_of
from parties.constants import Function
from retention.constants import ArchiveFrom
from retention.services.terms import set_terms
from rights.constants import Channel, IdentityMethod, RequestKind
from rights.models import RequestDossier, SubjectRequest
from tests.cases.transfer_fixtures import Agendering, full_case
from tests.factories import (
    PartyFactory,
    VeiligheidshuisFactory,
    authorise,
    make_user,
    record_declaration,
)
from tests.weegploeg.factories import PERSON

REPORTER = ("Wijkagent de Vries", "06-12345678")  # tests/weegploeg/factories.signal
RELATED = ("Marieke", "Jansen-Bakker")  # tests/cases/transfer_fixtures.full_case
SECOND_REPORTER = "Buurtbewoner Kramer"

_numbers = itertools.count(1)

ALL_KINDS = [kind.value for kind in RequestKind]


class OutcomeWorld(Agendering):
    """A weegploeg dossier, its case in the CTER ICO (with a disclosure, an export and a copy
    to another Veiligheidshuis: `full_case`) and a second case in another casusoverleg of the
    same Veiligheidshuis, all about Piet Jansen."""

    def __init__(self, region):
        super().__init__(region)
        wp = self.wp
        self.case = full_case(self)[Case]
        self.assessment_number = self.case.transfers.get().source_key
        self.jeugd = CasusOverleg.objects.create(
            name=f"Jeugdcasusoverleg {region.code}",
            veiligheidshuis=region,
            covenant_title="Convenant Veiligheidshuis",
            covenant_reference="VH-2019",
            covenant_date=date(2019, 1, 1),
            controller="De deelnemende partijen",
        )
        self.jeugd.participants.set([wp.politie, wp.haarlem, wp.rvdk])
        # C11, VH 20.1: this module's own terms (the CTER ICO keeps the defaults of CTER 13).
        set_terms(
            file_of(self.jeugd),
            archive_after_months=24,
            archive_from=ArchiveFrom.LAST_AGENDA,
            destroy_after_months=72,
        )
        authorise(self.keeper, self.jeugd)
        self.second = case_services.open_case(
            casusoverleg=self.jeugd,
            person=PERSON,
            identity_method=CaseIdentity.BRP,
            identity_note="BRP-bevraging",
            by=self.keeper,
            participants=[wp.politie, wp.haarlem],
            signals=[
                {
                    "behaviour": "Bedreigde een buurman met geweld.",
                    "observed_on": date(2026, 10, 1),
                    "brought_by": wp.politie,
                    "reporter_name": SECOND_REPORTER,
                    "reporter_contact": "06-99999999",
                }
            ],
        )
        # Who may not handle this request: an uitvoerder of another Veiligheidshuis, a partner.
        other = VeiligheidshuisFactory(code=f"ander-{region.code}", name="Ander Veiligheidshuis")
        other_gemeente = PartyFactory(gemeente=True, veiligheidshuizen=[other])
        self.other_uitvoerder = make_user(other_gemeente, Function.UITVOERDER)
        record_declaration(wp.extern, by=self.keeper)  # so that it may act at all (P6)
        self.partner = wp.partner
        self.deelnemer = wp.agent

    def refs(self):
        return [
            ("ico", self.case.number),
            ("ico", self.second.number),
            ("weegploeg", self.assessment_number),
        ]

    def request(self, *, kinds=None, identified=True, dossiers=None, **fields) -> SubjectRequest:
        received = fields.pop("received_on", timezone.localdate())
        subject_request = SubjectRequest.objects.create(
            veiligheidshuis=self.region,
            number=f"VZ-T{next(_numbers):05d}",
            kinds=kinds or ALL_KINDS,
            received_on=received,
            channel=Channel.LETTER,
            surname=PERSON["surname"],
            given_names=PERSON["given_names"],
            date_of_birth=PERSON["date_of_birth"],
            reply_address="Grote Markt 117b\n2011RD Haarlem",
            due_on=fields.pop("due_on", received + timezone.timedelta(days=28)),
            received_by=self.keeper,
            **fields,
        )
        if identified:
            identify(subject_request, self.keeper)
        for file_label, key in self.refs() if dossiers is None else dossiers:
            RequestDossier.objects.create(
                request=subject_request,
                file_label=file_label,
                dossier_key=key,
                confirmed_by=self.keeper,
            )
        return subject_request


def identify(subject_request, by) -> None:
    subject_request.identity_method = IdentityMethod.ID_AT_DESK
    subject_request.identity_note = "Paspoort gezien"
    subject_request.identity_established_by = by
    subject_request.identity_established_at = timezone.now()
    subject_request.save()
