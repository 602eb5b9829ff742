"""Demo data of the subject's rights (seed_demo), seeded after the files (a late seeder): the
letter settings of every file, with a contact person at a synthetic address (I4, R3); in
Kennemerland four requests of subjects (R1-R3, R7): one received three weeks ago whose identity
is recorded and whose dossiers in the weegploeg and the ICO are confirmed, one just received
without identity (the identity-first guard, R2), one past its term, and an objection upheld
(which ends the processing of its weegploeg dossier) and answered; and of the duties to
inform the files started (I1-I4), one postponed on a ground with a date to look again and one
informed by a letter sent. Everything goes through the rights services; the people are the
files' synthetic ones, reached through the registry. Running it again changes nothing."""

import logging
from contextlib import contextmanager
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from config.audit import acting_as
from parties.constants import FileKind
from parties.models import DataFile, User, Veiligheidshuis
from rights.constants import (
    Channel,
    DutyOccasion,
    DutyState,
    IdentityMethod,
    RequesterKind,
    RequestKind,
    SendingMeans,
)
from rights.models import DutyToInform, FileRightsSettings, LegalGround, Letter, SubjectRequest
from rights.services import duties, intake, letters, requests
from rights.services.file_settings import save_file_settings
from rights.services.objection import decide_objection
from subjects import registry
from subjects.registry import DossierRef, Identity

REGION = "kennemerland"
HANDLER = "uitvoerder"
BEHEERDER = "beheerder"
ICO_LABEL = "ico"
WEEGPLOEG_LABEL = "weegploeg"
POSTPONE_GROUND = "strafbare-feiten"

# The contact person each Veiligheidshuis names in its letters (VH 17.1): synthetic addresses.
CONTACTS = {
    "kennemerland": {
        "contact_name": "Privacyloket Veiligheidshuis Kennemerland",
        "contact_address": "Voorbeeldweg 12\n2000 AA Haarlem",
        "contact_phone": "023 000 0000",
        "contact_email": "privacy.kennemerland@example.org",
    },
    "noord-holland-noord": {
        "contact_name": "Privacyloket Veiligheidshuis Noord-Holland Noord",
        "contact_address": "Postbus 1000\n1800 AA Alkmaar",
        "contact_phone": "072 000 0000",
        "contact_email": "privacy.nhn@example.org",
    },
    "zaanstreek-waterland": {
        "contact_name": "Privacyloket Veiligheidshuis Zaanstreek-Waterland",
        "contact_address": "Proefstraat 3\n1500 AA Zaandam",
        "contact_phone": "075 000 0000",
        "contact_email": "privacy.zw@example.org",
    },
}

LEGAL_BASIS = (
    "Artikel 6, eerste lid, onder e, van de Algemene verordening gegevensbescherming (AVG): "
    "een taak van algemeen belang. De partners werken samen op grond van het privacyconvenant "
    "dat zij hebben ondertekend en zijn daarin gezamenlijk verwerkingsverantwoordelijke."
)

TEXTS = {
    "weegploeg": {
        "processing": (
            "Partners van het Veiligheidshuis hebben signalen over u ingebracht in de "
            "i2o-weegploeg. De weegploeg heeft deze signalen geanalyseerd en daarover een "
            "besluit genomen."
        ),
        "categories": (
            "Uw naam, adres en geboortedatum; de signalen over uw gedrag, wanneer die zijn "
            "waargenomen en welke partner ze heeft ingebracht; de analyse aan de hand van het "
            "referentiekader; het besluit van de weegploeg en de redenen daarvan."
        ),
        "purpose": (
            "Samen beoordelen of de signalen over radicalisering of extremisme aanleiding geven "
            "voor een persoonsgerichte aanpak, zodat geweld kan worden voorkomen "
            "(privacyconvenant CTER Noord-Holland)."
        ),
        "retention": (
            "Na het besluit worden de gegevens gearchiveerd. Zij worden vernietigd zodra de "
            "bewaartermijn van het privacyconvenant CTER is verstreken."
        ),
        "sender": "De uitvoerder van het Veiligheidshuis",
    },
    "cter": {
        "processing": (
            "U wordt besproken in het casusoverleg CTER van het Veiligheidshuis. De partners "
            "delen daar informatie over uw situatie en maken samen een plan van aanpak."
        ),
        "categories": (
            "Uw naam, adres en geboortedatum; de signalen waarom u wordt besproken; informatie "
            "over uw situatie voor zover het casusoverleg die nodig heeft; het plan van aanpak, "
            "de maatregelen en de afspraken daarover."
        ),
        "purpose": (
            "Samen een persoonsgerichte aanpak afspreken die radicalisering of extremisme "
            "tegengaat en geweld voorkomt, met zorg en hulp waar die nodig zijn."
        ),
        "retention": (
            "Eén jaar nadat de aanpak is afgesloten worden de gegevens gearchiveerd; vijf jaar "
            "na de afsluiting worden zij vernietigd (privacyconvenant CTER)."
        ),
        "sender": "De voorzitter van het casusoverleg CTER",
    },
    "veelplegers": {
        "processing": (
            "U wordt besproken in het casusoverleg Veelplegers van het Veiligheidshuis "
            "Kennemerland. De partners delen daar informatie over uw situatie en maken samen "
            "een plan van aanpak."
        ),
        "categories": (
            "Uw naam, adres en geboortedatum; informatie over wonen, werk, zorg en contacten "
            "met politie en justitie voor zover het casusoverleg die nodig heeft; het plan van "
            "aanpak en de maatregelen daarin."
        ),
        "purpose": (
            "Samen afspraken maken die nieuwe strafbare feiten en overlast voorkomen, met zorg "
            "waar die nodig is (convenant Veelplegers Kennemerland)."
        ),
        "retention": (
            "Twee jaar nadat de aanpak is afgesloten worden de gegevens gearchiveerd; zes jaar "
            "na de afsluiting worden zij vernietigd."
        ),
        "sender": "De ketenmanager van het Veiligheidshuis Kennemerland",
        # The covenant of the Veiligheidshuis answers within four weeks (VH 18.2).
        "request_term_days": 28,
    },
}


def _texts(data_file: DataFile) -> dict:
    if data_file.kind == FileKind.WEEGPLOEG:
        return TEXTS["weegploeg"]
    if data_file.name.startswith("ICO CTER"):
        return TEXTS["cter"]
    return TEXTS["veelplegers"]


def seed_file_settings() -> None:
    """I4, R3: every file without settings gets its texts and its contact person. Settings the
    beheerder changed are kept."""
    beheerder = User.objects.filter(username=BEHEERDER).first()
    if beheerder is None:
        return
    # The seed acts as the demo's beheerder, as if signed in with both factors (a service
    # asks whether the user is verified, which only a signed-in session answers).
    beheerder.is_verified = lambda: True
    has_settings = FileRightsSettings.objects.values("data_file")
    for data_file in DataFile.objects.exclude(pk__in=has_settings).select_related(
        "veiligheidshuis"
    ):
        contact = CONTACTS.get(data_file.veiligheidshuis.code)
        if contact is None:
            continue
        save_file_settings(
            data_file, by=beheerder, legal_basis=LEGAL_BASIS, **_texts(data_file), **contact
        )


# --- requests (R1-R3) --------------------------------------------------------------------------


def _person(ref: DossierRef) -> dict:
    """Whom a dossier is about, as the intake records it (the registry's root of the dossier)."""
    root = registry.get(ref.file_label).dossier_root(ref)
    return {
        "surname": root.surname,
        "prefix": root.prefix,
        "given_names": root.given_names,
        "date_of_birth": root.date_of_birth,
        "reply_address": f"{root.street} {root.house_number}\n{root.postcode} {root.municipality}",
    }


def demo_person_ref(region: Veiligheidshuis) -> DossierRef | None:
    """The ICO dossier of the demo person whose request covers both files: the first case of
    the region's CTER ICO put on the agenda from the weegploeg."""
    duty = (
        DutyToInform.objects.filter(
            occasion=DutyOccasion.AGENDERING,
            file_label=ICO_LABEL,
            data_file__veiligheidshuis=region,
            data_file__name__startswith="ICO CTER",
        )
        .order_by("dossier_key")
        .first()
    )
    return duties.dossier_ref(duty) if duty is not None else None


def _weegploeg_only(region: Veiligheidshuis) -> list[DossierRef]:
    """The region's weegploeg dossiers of people who are in no other file, by key."""
    weegploeg = registry.get(WEEGPLOEG_LABEL)
    found = []
    for state in weegploeg.list_dossiers():
        if weegploeg.data_file(state.ref).veiligheidshuis_id != region.pk:
            continue
        person = _person(state.ref)
        identity = Identity(
            surname=person["surname"],
            given_names=person["given_names"],
            date_of_birth=person["date_of_birth"],
            prefix=person["prefix"],
        )
        others = [ref for file in registry.files() for ref in file.find_dossiers(identity)]
        if others == [state.ref]:
            found.append(state.ref)
    return sorted(found, key=lambda ref: ref.key)


def _receive(region, by, *, ref, days_ago, **data) -> SubjectRequest:
    today = timezone.localdate()
    return intake.receive_request(
        by=by,
        veiligheidshuis=region,
        received_on=today - timedelta(days=days_ago),
        requester_kind=RequesterKind.SUBJECT,
        bsn="",
        **_person(ref),
        **data,
    )


def _identify_and_confirm(subject_request, by, *, method, note) -> None:
    intake.record_identity(subject_request, by=by, method=method, note=note)
    for candidate in requests.find_candidates(subject_request, by=by):
        requests.confirm_dossier(subject_request, candidate.ref, by=by)


def seed_requests(region: Veiligheidshuis, by) -> None:
    demo_ref = demo_person_ref(region)
    weegploeg_only = _weegploeg_only(region)
    if demo_ref is None or len(weegploeg_only) < 3:
        return
    # Three weeks ago: identity seen at the desk, the weegploeg and ICO dossiers confirmed.
    access = _receive(
        region,
        by,
        ref=demo_ref,
        days_ago=21,
        kinds=[RequestKind.ACCESS],
        channel=Channel.LETTER,
        explanation="Betrokkene wil weten welke gegevens het Veiligheidshuis verwerkt.",
    )
    _identify_and_confirm(
        access,
        by,
        method=IdentityMethod.ID_AT_DESK,
        note="Rijbewijs getoond aan de balie van het Veiligheidshuis.",
    )
    # Six weeks ago, now past its term: a rectification, identity by DigiD, dossier confirmed.
    overdue = _receive(
        region,
        by,
        ref=weegploeg_only[0],
        days_ago=45,
        kinds=[RequestKind.ACCESS, RequestKind.RECTIFICATION],
        channel=Channel.EMAIL,
        explanation="Het adres in het dossier klopt niet: betrokkene is vorig jaar verhuisd.",
    )
    _identify_and_confirm(
        overdue, by, method=IdentityMethod.DIGID, note="Ingelogd met DigiD op het webformulier."
    )
    # Eighteen days ago, an objection: upheld after weighing, which ends the processing of the
    # weegploeg dossier (R7), and answered.
    objection = _receive(
        region,
        by,
        ref=weegploeg_only[-1],
        days_ago=18,
        kinds=[RequestKind.OBJECTION],
        channel=Channel.LETTER,
        explanation="Betrokkene maakt bezwaar: de signalen zijn oud en de zorgen zijn voorbij.",
    )
    _identify_and_confirm(
        objection,
        by,
        method=IdentityMethod.ID_AT_PARTNER,
        note="Identiteitskaart getoond aan de balie van de gemeente.",
    )
    today = timezone.localdate()
    decide_objection(
        objection,
        by=by,
        weighing=(
            "Het belang van betrokkene weegt zwaarder: sinds het besluit zijn geen nieuwe "
            "signalen ontvangen en een persoonsgerichte aanpak is niet nodig."
        ),
        upheld=True,
        decided_on=today - timedelta(days=4),
    )
    requests.mark_answered(objection, by=by, answered_on=today - timedelta(days=3))
    # Today, at the desk, with an objection: the identity is not yet established.
    _receive(
        region,
        by,
        ref=weegploeg_only[1],
        days_ago=0,
        kinds=[RequestKind.ACCESS, RequestKind.OBJECTION],
        channel=Channel.DESK,
        explanation="Betrokkene maakt bezwaar tegen het bewaren van de signalen in het dossier.",
    )


# --- duties to inform (I1-I4) ------------------------------------------------------------------


def seed_duties(region: Veiligheidshuis, by, demo_ref: DossierRef | None) -> None:
    """One weegploeg duty postponed on a ground, one ICO duty informed by a letter sent."""
    today = timezone.localdate()
    open_duties = DutyToInform.objects.filter(
        data_file__veiligheidshuis=region, state=DutyState.TO_INFORM, person=""
    ).order_by("started_on", "pk")
    to_postpone = open_duties.filter(
        file_label=WEEGPLOEG_LABEL, occasion=DutyOccasion.OUTCOME
    ).first()
    ground = LegalGround.objects.filter(code=POSTPONE_GROUND, active=True).first()
    if to_postpone is not None and ground is not None:
        duties.postpone(
            to_postpone,
            ground=ground,
            reasons=(
                "De politie onderzoekt de signalen nog. Informeren zou dat onderzoek nu "
                "schaden; na afronding van het onderzoek wordt opnieuw gekeken."
            ),
            review_on=today + timedelta(weeks=6),
            by=by,
        )
    to_inform = open_duties.filter(file_label=ICO_LABEL, occasion=DutyOccasion.AGENDERING)
    if demo_ref is not None:  # the demo person's duty stays open, to show a letter being made
        to_inform = to_inform.exclude(dossier_key=demo_ref.key)
    duty = to_inform.first()
    if duty is not None:
        letter = letters.make_information_letter(duty, by=by)
        letters.record_sending(letter, sent_on=duty.started_on, means=SendingMeans.POST, by=by)


def _seeded() -> bool:
    return (
        SubjectRequest.objects.exists()
        or Letter.objects.filter(duty__isnull=False).exists()
        or DutyToInform.objects.filter(postponements__isnull=False).exists()
    )


@contextmanager
def _quiet_pdf_rendering():
    """WeasyPrint and fontTools log every step of a PDF: not for the output of seed_demo."""
    loggers = [logging.getLogger(name) for name in ("weasyprint", "fontTools")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def seed() -> None:
    with (
        acting_as(None, system_name="seed_demo"),
        transaction.atomic(),
        _quiet_pdf_rendering(),
    ):
        seed_file_settings()
        region = Veiligheidshuis.objects.filter(code=REGION).first()
        handler = User.objects.filter(username=HANDLER).first()
        if region is None or handler is None or _seeded():
            return
        seed_requests(region, handler)
        seed_duties(region, handler, demo_person_ref(region))
