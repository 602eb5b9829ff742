"""The ICO files at scale: half the cases come from the weegploeg (the CTER ICO, with the copies
and transfers `weegploeg.services.agendeer` leaves), half are opened in the Veelplegers
casusoverleg. A case runs three to eighteen months; then it is closed, and archived a year after
its last processing (B3), so a sweep as of the seed's day finds nothing due."""

import json
import random
from datetime import timedelta

from cases.constants import CASE_PREFIX, CaseStatus, ClosingReason, IdentityMethod
from cases.models import Case, CaseFinding, CaseParticipant, CaseSignal, Closing, Transfer
from scale.bulk import copy_rows, reserve_ids
from scale.numbering import Numbers
from scale.people import PERSON_COLUMNS, People
from weegploeg.models import CaseTransfer

LABEL = "ico"
DAY = timedelta(days=1)
CTER, VEELPLEGERS = "ICO CTER", "Veelplegers"
REASONS = [ClosingReason.RESULT_REACHED] * 6 + [ClosingReason.MOVED_AWAY, ClosingReason.UNFINDABLE]


class CaseSpec:
    __slots__ = (
        "id",
        "number",
        "kind",
        "region",
        "party",
        "person",
        "handoff",
        "created",
        "processed",
        "closed",
        "archived",
        "stage",
        "participants",
        "casemanager",
        "checked",
    )


def _templates(region, kind) -> list[list]:
    """The casuspartijen that take part, in a few fixed line-ups per casusoverleg (so cases
    share their permissions, as they do in life)."""
    taking_part = [p for p in region.casuspartijen if p.pk in region.participants[kind]]
    return [taking_part[:1], taking_part[1:3] or taking_part[:1]]


def _life(spec, plan, rng) -> None:
    now = plan.now
    runs = timedelta(days=rng.randint(90, 540))
    if spec.created + runs < now - 7 * DAY:
        spec.closed = spec.created + runs
        spec.processed = spec.closed
        spec.stage = CaseStatus.CLOSED
        if spec.processed < now - 365 * DAY:
            spec.archived = spec.processed + timedelta(days=365, hours=1)
            spec.stage = CaseStatus.ARCHIVED
    else:
        spec.processed = max(spec.created, now - timedelta(days=rng.randint(0, 60)))
        spec.stage = CaseStatus.ACTIVE
        if spec.processed < now - 90 * DAY or rng.random() < 0.5:
            spec.checked = now - timedelta(days=rng.randint(1, 89))


def _specs(plan, structure, handoffs, people: People, users, rng: random.Random) -> list:
    specs = []
    towns = [(region, g) for region in structure.regions for g in region.gemeenten]
    for index in range(plan.cases):
        spec = CaseSpec()
        spec.closed = spec.archived = spec.checked = None
        if index < len(handoffs):
            handoff = handoffs[index]
            spec.kind, spec.handoff = CTER, handoff
            spec.region, spec.party, spec.person = handoff.region, handoff.party, handoff.person
            spec.created = handoff.transferred
        else:
            spec.kind, spec.handoff = VEELPLEGERS, None
            spec.region, spec.party = towns[rng.randrange(len(towns))]
            spec.person = people.person(
                spec.party.name.removeprefix("Gemeente "), spec.party.municipality_code
            )
            spec.created = plan.start + (plan.now - plan.start - 7 * DAY) * rng.random()
        _life(spec, plan, rng)
        region = spec.region
        first, second = _templates(region, spec.kind)
        roll = rng.random()
        spec.participants = [spec.party, *region.kernpartijen, *(first if roll < 0.6 else second)]
        if roll >= 0.95:
            spec.participants.append(region.partners[0])  # declared (C6)
        spec.casemanager = _casemanager(users, spec, rng)
        specs.append(spec)
    specs.sort(key=lambda s: s.created)
    return specs


def build(plan, structure, users, handoffs, audit, rng: random.Random, progress) -> list:
    """Writes the cases with their participants, copies, transfers and closings; returns the
    specs (oldest first) for the plans, meetings and permissions."""
    _READERS.clear()  # of an earlier seed in this process
    _MANAGERS.clear()
    people = People(rng, plan.now.date())
    specs = _specs(plan, structure, handoffs, people, users, rng)
    numbers = Numbers(CASE_PREFIX, Case)
    first = reserve_ids(Case, len(specs))
    progress.note("cases")
    rows = []
    for offset, s in enumerate(specs):
        s.id, s.number = first + offset, numbers.next(s.created)
        overleg = s.region.overleggen[s.kind]
        rows.append(
            (
                s.id,
                s.number,
                overleg.pk,
                s.stage,
                s.casemanager,
                IdentityMethod.BRP,
                "",
                s.created,
                s.processed,
                s.checked,
                s.archived,
            )
            + s.person.fields()
        )
        keeper = rng.choice(users.uitvoerders[s.region.row.pk]).pk
        audit.created(s.created, Case, s.id, keeper, LABEL, s.number, s.number, status="active")
        if s.closed:
            audit.changed(
                s.closed, Case, s.id, keeper, LABEL, s.number, s.number, status=("active", "closed")
            )
        if s.archived:
            audit.changed(
                s.archived,
                Case,
                s.id,
                None,
                LABEL,
                s.number,
                s.number,
                status=("closed", "archived"),
            )
        readers = _readers(users, s)
        audit.dossier(LABEL, s.number, Case, s.id, s.created, s.processed + 60 * DAY, readers)
    copy_rows(
        Case,
        [
            "id",
            "number",
            "casusoverleg_id",
            "status",
            "casemanager_id",
            "identity_method",
            "identity_note",
            "created_at",
            "last_processed_at",
            "last_checked_at",
            "archived_at",
            *PERSON_COLUMNS,
        ],
        rows,
        progress,
    )
    numbers.save()
    del rows
    _participants(specs, users, audit, rng, progress)
    _copies(specs, users, audit, rng, progress)
    _closings(specs, users, audit, rng, progress)
    return specs


_READERS: dict = {}
_MANAGERS: dict = {}


def _casemanager(users, spec, rng) -> int | None:
    """C4: a casemanager of a party taking part in the case, if its region has one."""
    parties = frozenset(p.pk for p in spec.participants)
    key = (spec.region.row.pk, parties)
    if key not in _MANAGERS:
        _MANAGERS[key] = [
            u.pk
            for u in users.casemanagers.get(spec.region.row.pk, [])
            if users.party_of[u.pk].pk in parties
        ]
    found = _MANAGERS[key]
    return rng.choice(found) if found else None


def _readers(users, spec) -> list[int]:
    """The users authorised for the case's file whose party takes part, and its keepers."""
    ico = spec.region.files[spec.kind]
    parties = frozenset(p.pk for p in spec.participants)
    key = (ico.pk, parties)
    if key not in _READERS:
        found = [u.pk for u in users.readers[ico.pk] if users.party_of[u.pk].pk in parties]
        _READERS[key] = found or [u.pk for u in users.uitvoerders[spec.region.row.pk]]
    return _READERS[key]


def _participants(specs, users, audit, rng, progress) -> None:
    rows = []
    participant_id = reserve_ids(CaseParticipant, sum(len(s.participants) for s in specs))
    for s in specs:
        keeper = rng.choice(users.uitvoerders[s.region.row.pk]).pk
        advised = s.handoff is not None
        for party in s.participants:
            weegploeg = advised and party.role == "casuspartij"
            rows.append((participant_id, s.id, party.pk, s.created, None, weegploeg))
            audit.created(s.created, CaseParticipant, participant_id, keeper, LABEL, s.number)
            participant_id += 1
    copy_rows(
        CaseParticipant,
        ["id", "case_id", "party_id", "since", "until", "advised_by_weegploeg"],
        rows,
        progress,
    )


def _copies(specs, users, audit, rng, progress) -> None:
    """W6: the signals and findings copied from the weegploeg, the transfer on both sides."""
    progress.note("copies from the weegploeg")
    copied = [s for s in specs if s.handoff is not None]
    signal_id = reserve_ids(CaseSignal, sum(len(s.handoff.signals) for s in copied))
    finding_id = reserve_ids(CaseFinding, sum(len(s.handoff.findings) for s in copied))
    transfer_id = reserve_ids(Transfer, len(copied))
    back_id = reserve_ids(CaseTransfer, len(copied))
    signals, findings, transfers, back = [], [], [], []
    for s in copied:
        h = s.handoff
        keeper = rng.choice(users.uitvoerders[s.region.row.pk]).pk
        what = [{"kind": "personal_details"}]
        for source, behaviour, observed, party, name, phone in h.signals:
            signals.append((signal_id, s.id, behaviour, observed, party.pk, name, phone))
            audit.created(s.created, CaseSignal, signal_id, keeper, LABEL, s.number)
            what.append(
                {
                    "kind": "signal",
                    "source_id": source,
                    "observed_on": observed.isoformat(),
                    "brought_by": party.name,
                }
            )
            signal_id += 1
        for source, criterion, finding, explanation in h.findings:
            findings.append((finding_id, s.id, 1, criterion, finding, explanation))
            audit.created(s.created, CaseFinding, finding_id, keeper, LABEL, s.number)
            what.append(
                {
                    "kind": "finding",
                    "source_id": source,
                    "framework_version": 1,
                    "criterion": criterion.split()[0],
                }
            )
            finding_id += 1
        transfers.append(
            (
                transfer_id,
                s.id,
                "weegploeg",
                h.number,
                json.dumps(what),
                keeper,
                s.created,
                None,
                "",
                None,
            )
        )
        audit.created(s.created, Transfer, transfer_id, keeper, LABEL, s.number)
        back.append(
            (
                back_id,
                h.assessment,
                s.region.overleggen[CTER].name,
                s.number,
                json.dumps(
                    {
                        "signals": [x[0] for x in h.signals],
                        "findings": [x[0] for x in h.findings],
                        "parties_left_out": [],
                    }
                ),
                keeper,
                s.created,
            )
        )
        audit.created(s.created, CaseTransfer, back_id, keeper, "weegploeg", h.number)
        transfer_id += 1
        back_id += 1
    copy_rows(
        CaseSignal,
        [
            "id",
            "case_id",
            "behaviour",
            "observed_on",
            "brought_by_id",
            "reporter_name",
            "reporter_contact",
        ],
        signals,
        progress,
    )
    copy_rows(
        CaseFinding,
        ["id", "case_id", "framework_version", "criterion", "finding", "explanation"],
        findings,
        progress,
    )
    copy_rows(
        Transfer,
        [
            "id",
            "case_id",
            "source_file",
            "source_key",
            "what",
            "transferred_by_id",
            "transferred_at",
            "checked_by_id",
            "check_note",
            "requested_by_id",
        ],
        transfers,
        progress,
    )
    copy_rows(
        CaseTransfer,
        [
            "id",
            "assessment_id",
            "casusoverleg_name",
            "case_number",
            "what",
            "transferred_by_id",
            "transferred_at",
        ],
        back,
        progress,
    )


def _closings(specs, users, audit, rng, progress) -> None:
    """C5: the advice and the decision to close, for every closed or archived case."""
    closed = [s for s in specs if s.closed]
    closing_id = reserve_ids(Closing, len(closed))
    rows = []
    for s in closed:
        chair = users.chairs[s.region.overleggen[s.kind].pk].pk
        advised = (s.closed - timedelta(days=rng.randint(7, 21))).date()
        rows.append(
            (
                closing_id,
                s.id,
                "Het doel van de aanpak is bereikt.",
                advised,
                rng.choice(REASONS),
                s.closed.date(),
                chair,
                None,
                None,
                "",
            )
        )
        closing_id += 1
    copy_rows(
        Closing,
        [
            "id",
            "case_id",
            "advice",
            "advised_on",
            "reason",
            "decided_on",
            "decided_by_id",
            "reopened_at",
            "reopened_by_id",
            "reopening_reason",
        ],
        rows,
        progress,
    )
