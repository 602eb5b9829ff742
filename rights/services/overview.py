"""R4 (AVG 15.1-15.4, CTER 12.3, VH 18.2): the access overview. One overview covers every
dossier the uitvoerder confirmed for the request, in every file: the data of every item with
its source and date, the purposes, the recipients, the retention, the rights and the complaint
to the Autoriteit Persoonsgegevens. What is withheld is left out and marked with its ground:
the export's own marks (the reporter, related people: AVG 15.4) and the uitvoerder's
withholdings (R5). Reading it is an export of every dossier, logged by the registry."""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from retention.terms import describe, terms_for
from rights.constants import LetterKind, RequestKind
from rights.models import FileRightsSettings, LegalGround, Letter
from rights.pdf import render_pdf
from rights.services.outcome_common import check_step, confirmed_refs, item_kind
from subjects import registry
from subjects.categories import DataCategory
from subjects.registry import DossierRef, ItemRef


@dataclass
class Mark:
    """A withheld part, and the ground it is withheld on (no content of it)."""

    what: str
    ground: str
    article: str


@dataclass
class Entry:
    category: str
    data: dict[str, str]
    source: str
    on: date | None


@dataclass
class Part:
    title: str
    entries: list[Entry]


@dataclass
class Received:
    kind: str
    party: str
    what: str
    on: date


@dataclass
class DossierOverview:
    file_name: str
    dossier: str
    parts: list[Part] = field(default_factory=list)
    purposes: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    received_by: list[Received] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    retention: str = ""
    withheld: list[Mark] = field(default_factory=list)
    wholly_withheld: bool = False


@dataclass
class Overview:
    number: str
    made_on: date
    dossiers: list[DossierOverview]


RECEIVED_KINDS = {
    "disclosure": gettext_lazy("disclosure"),
    "transfer": gettext_lazy("transfer"),
    "copy": gettext_lazy("copy"),
    "export": gettext_lazy("export"),
}


def _mark(ground: LegalGround | None, what: str, code: str = "") -> Mark:
    if ground is None:
        return Mark(what=what, ground=code, article="")
    return Mark(what=what, ground=ground.label, article=ground.article)


def _states(refs: list[DossierRef]) -> dict[DossierRef, registry.DossierState]:
    found = {}
    for ref in refs:
        state = registry.get(ref.file_label).state(ref)
        if state is not None:
            found[ref] = state
    return found


def _retention(data_file, state) -> str:
    """The file's own words when its settings have them; else its terms (B3, B4)."""
    settings = FileRightsSettings.objects.filter(data_file=data_file).first()
    if settings is not None and settings.retention.strip():
        return settings.retention.strip()
    return describe(terms_for(data_file))


def _dossier(subject_request, ref, state, withholdings, grounds, *, by) -> DossierOverview:
    file = registry.get(ref.file_label)
    data_file = file.data_file(ref)
    result = DossierOverview(
        file_name=data_file.name, dossier=ref.key, retention=_retention(data_file, state)
    )
    mine = [w for w in withholdings if (w.file_label, w.dossier_key) == (ref.file_label, ref.key)]
    whole = [w for w in mine if w.whole_dossier]
    if whole:
        result.wholly_withheld = True
        result.withheld = [_mark(w.ground, _("The data of this file")) for w in whole]
        return result
    left_out = {ItemRef(w.item_model, w.item_pk): w for w in mine}
    categories = dict(DataCategory.choices)
    for section in file.export(ref, by=by):
        entries = []
        for item in section.items:
            if item.item is not None and item.item in left_out:
                continue
            entries.append(
                Entry(
                    category=str(categories.get(item.category, item.category)),
                    data={str(key): str(value) for key, value in item.data.items()},
                    source=item.source,
                    on=item.on,
                )
            )
        if entries:
            result.parts.append(Part(title=str(section.title), entries=entries))
        for name in section.purposes:
            if name not in result.purposes:
                result.purposes.append(str(name))
        for name in section.recipients:
            if name not in result.recipients:
                result.recipients.append(str(name))
        for name in section.sources:
            if name not in result.sources:
                result.sources.append(str(name))
        for mark in section.withheld:
            found = _mark(grounds.get(mark.ground), str(mark.what), mark.ground)
            if found not in result.withheld:
                result.withheld.append(found)
    for withholding in left_out.values():
        what = _("An item of this file (%(kind)s)") % {"kind": item_kind(withholding.item_model)}
        result.withheld.append(_mark(withholding.ground, what))
    result.categories = sorted({entry.category for part in result.parts for entry in part.entries})
    result.received_by = [
        Received(
            kind=str(RECEIVED_KINDS.get(r.kind, r.kind)), party=r.party, what=str(r.what), on=r.on
        )
        for r in file.recipients(ref)
    ]
    for received in result.received_by:
        if received.party and received.party not in result.recipients:
            result.recipients.append(received.party)
    return result


def build_overview(subject_request, *, by) -> Overview:
    """The overview, in Dutch (U4: the subject reads Dutch). Every dossier read is logged as
    an export by the registry (S2); nothing before the identity is recorded (R2)."""
    check_step(subject_request, by=by, kind=RequestKind.ACCESS)
    refs = confirmed_refs(subject_request)
    withholdings = list(subject_request.withholdings.select_related("ground"))
    grounds = {ground.code: ground for ground in LegalGround.objects.all()}
    states = _states(refs)
    with translation.override("nl"):
        dossiers = [
            _dossier(subject_request, ref, states.get(ref), withholdings, grounds, by=by)
            for ref in refs
        ]
    return Overview(number=subject_request.number, made_on=timezone.localdate(), dossiers=dossiers)


def requester_name(subject_request) -> str:
    if subject_request.representative_name:
        return subject_request.representative_name
    parts = (subject_request.given_names, subject_request.prefix, subject_request.surname)
    return " ".join(part for part in parts if part)


def letter_context(subject_request, **extra) -> dict:
    return {
        "subject_request": subject_request,
        "addressee": requester_name(subject_request),
        "address": subject_request.reply_address,
        "today": timezone.localdate(),
        **extra,
    }


@transaction.atomic
def make_overview_letter(subject_request, *, by) -> Letter:
    """The overview as a PDF letter (kind ACCESS), one per request: an earlier one not yet
    sent is replaced. It covers several dossiers, so it goes when any of them is destroyed
    (`forget_dossier`)."""
    overview = build_overview(subject_request, by=by)
    pdf = render_pdf(
        "rights/letters/overview.html",
        letter_context(subject_request, overview=overview, **general_texts()),
    )
    subject_request.letters.filter(kind=LetterKind.ACCESS, sent_on__isnull=True).delete()
    return Letter.objects.create(
        kind=LetterKind.ACCESS, request=subject_request, pdf=pdf, made_by=by
    )


def overview_document(subject_request, *, by) -> dict:
    """The machine-readable copy (AVG 15.3, 20): the same overview as JSON, Dutch keys."""
    overview = build_overview(subject_request, by=by)

    def dossier(item: DossierOverview) -> dict:
        return {
            "bestand": item.file_name,
            "dossier": item.dossier,
            "geheelAchtergehouden": item.wholly_withheld,
            "onderdelen": [
                {
                    "titel": part.title,
                    "gegevens": [
                        {
                            "categorie": entry.category,
                            "gegevens": entry.data,
                            "bron": entry.source,
                            "datum": entry.on.isoformat() if entry.on else None,
                        }
                        for entry in part.entries
                    ],
                }
                for part in item.parts
            ],
            "doeleinden": item.purposes,
            "categorieen": item.categories,
            "ontvangers": item.recipients,
            "verstrekkingen": [
                {"soort": r.kind, "ontvanger": r.party, "wat": r.what, "datum": r.on.isoformat()}
                for r in item.received_by
            ],
            "bronnen": item.sources,
            "bewaartermijn": item.retention,
            "achtergehouden": [
                {"wat": m.what, "grond": m.ground, "artikel": m.article} for m in item.withheld
            ],
        }

    with translation.override("nl"):
        return {
            "verzoek": overview.number,
            "gemaaktOp": overview.made_on.isoformat(),
            "dossiers": [dossier(item) for item in overview.dossiers],
            "rechten": [str(text) for text in RIGHTS],
            "klacht": str(COMPLAINT),
            "geautomatiseerdeBesluitvorming": str(NO_AUTOMATED_DECISIONS),
            "kopie": str(FREE_COPY),
        }


# AVG 15.1 (e)-(h) and 15.3, in the words the letter uses too.
RIGHTS = [
    gettext_lazy("You may ask us to correct data that are wrong or incomplete (rectification)."),
    gettext_lazy("You may ask us to erase data (erasure)."),
    gettext_lazy("You may ask us to restrict the use of data (restriction)."),
    gettext_lazy(
        "You may object to the processing because of your particular situation (objection)."
    ),
]
COMPLAINT = gettext_lazy(
    "If you do not agree with how we handle your data, you may file a complaint with the "
    "Autoriteit Persoonsgegevens (www.autoriteitpersoonsgegevens.nl)."
)
NO_AUTOMATED_DECISIONS = gettext_lazy(
    "No decisions about you are taken automatically: people decide (no automated decision-making)."
)
FREE_COPY = gettext_lazy("This overview is your copy of the data. It is free of charge.")


def general_texts() -> dict:
    return {
        "rights": RIGHTS,
        "complaint": COMPLAINT,
        "no_automated_decisions": NO_AUTOMATED_DECISIONS,
        "free_copy": FREE_COPY,
    }
