"""What hangs on the cases: goals, measures (deadlines past and to come, some overdue) and
progress notes, related people, case meetings with about fifteen cases each, discussions,
disclosures to the declared partner and periodic checks (C2-C6, C9)."""

import bisect
import json
import math
import random
from datetime import datetime, timedelta

from cases.constants import CasePart, CaseStatus, Goal, MeasureStatus, RelatedRole
from cases.models import (
    CaseCheck,
    CaseMeeting,
    Disclosure,
    Discussion,
    Measure,
    PlanGoal,
    ProgressNote,
    RelatedPerson,
)
from parties.constants import PartyRole
from scale.bulk import copy_m2m, copy_rows, reserve_ids
from subjects.categories import DataCategory

LABEL = "ico"
DAY = timedelta(days=1)
PER_MEETING = 15
DISCUSSIONS_PER_CASE = 3
MEASURES = [
    "Begeleiding door de jeugdreclassering.",
    "Gesprek met de wijkagent en de ouders.",
    "Aanmelding bij de GGZ voor behandeling.",
    "Ondersteuning bij zoeken naar werk of opleiding.",
    "Deelname aan een exitprogramma.",
    "Huisbezoek door de gemeente.",
]


def build(plan, structure, users, specs, audit, rng: random.Random, progress) -> None:
    _goals(specs, users, audit, rng, progress)
    _measures(plan, specs, users, audit, rng, progress)
    _related(specs, users, audit, rng, progress)
    _meetings(plan, structure, users, specs, rng, progress)
    _disclosures(specs, users, rng, progress, plan.now)
    _checks(specs, users, audit, rng, progress)


def _keeper(users, spec, rng) -> int:
    return rng.choice(users.uitvoerders[spec.region.row.pk]).pk


def _goals(specs, users, audit, rng, progress) -> None:
    goals = list(Goal.values)
    picked = [(s, rng.sample(goals, k=rng.randint(1, 2))) for s in specs]
    goal_id = reserve_ids(PlanGoal, sum(len(g) for _s, g in picked))
    rows = []
    for s, chosen in picked:
        keeper = _keeper(users, s, rng)
        for goal in chosen:
            rows.append((goal_id, s.id, goal))
            audit.created(s.created + DAY, PlanGoal, goal_id, keeper, LABEL, s.number)
            goal_id += 1
    copy_rows(PlanGoal, ["id", "case_id", "goal"], rows, progress)


def _status(spec, deadline: datetime, now: datetime, rng) -> str:
    if spec.stage != CaseStatus.ACTIVE:
        return MeasureStatus.DONE if rng.random() < 0.85 else MeasureStatus.CANCELLED
    if deadline >= now:
        return MeasureStatus.PLANNED if rng.random() < 0.5 else MeasureStatus.IN_PROGRESS
    roll = rng.random()
    if roll < 0.7:
        return MeasureStatus.DONE
    if roll < 0.8:
        return MeasureStatus.CANCELLED
    return MeasureStatus.IN_PROGRESS if roll < 0.95 else MeasureStatus.PLANNED  # overdue


def _measures(plan, specs, users, audit, rng, progress) -> None:
    progress.note("measures")
    counts = [plan.measures // len(specs)] * len(specs)
    for _ in range(plan.measures - sum(counts)):
        counts[rng.randrange(len(specs))] += 1
    measure_id = reserve_ids(Measure, plan.measures)
    note_id = reserve_ids(ProgressNote, plan.measures)
    measures, notes, now = [], [], plan.now
    for s, count in zip(specs, counts, strict=True):
        owners = [p for p in s.participants if p.role != PartyRole.EXTERN]
        keeper = _keeper(users, s, rng)
        span = max((s.processed - s.created).total_seconds(), 3600)
        for _ in range(count):
            made = s.created + timedelta(seconds=span * rng.random())
            deadline = made + timedelta(days=rng.randint(14, 120))
            if s.closed and deadline > s.closed:
                deadline = s.closed - DAY
            status = _status(s, deadline, now, rng)
            measures.append(
                (
                    measure_id,
                    s.id,
                    rng.choice(MEASURES),
                    rng.choice(owners).pk,
                    deadline.date(),
                    status,
                    keeper,
                    made,
                )
            )
            audit.created(made, Measure, measure_id, keeper, LABEL, s.number, status="planned")
            if status in (MeasureStatus.DONE, MeasureStatus.CANCELLED):
                done = min(deadline, now - DAY)
                audit.changed(
                    done, Measure, measure_id, keeper, LABEL, s.number, status=("planned", status)
                )
                if rng.random() < 0.5:
                    notes.append(
                        (note_id, s.id, measure_id, "Uitgevoerd zoals afgesproken.", keeper, done)
                    )
                    audit.created(done, ProgressNote, note_id, keeper, LABEL, s.number)
                    note_id += 1
            measure_id += 1
    copy_rows(
        Measure,
        [
            "id",
            "case_id",
            "description",
            "owner_id",
            "deadline",
            "status",
            "created_by_id",
            "created_at",
        ],
        measures,
        progress,
    )
    copy_rows(
        ProgressNote,
        ["id", "case_id", "measure_id", "text", "written_by_id", "written_at"],
        notes,
        progress,
    )


def _related(specs, users, audit, rng, progress) -> None:
    chosen = [s for s in specs if rng.random() < 0.2]
    person_id = reserve_ids(RelatedPerson, len(chosen))
    rows = []
    for s in chosen:
        keeper = _keeper(users, s, rng)
        rows.append(
            (
                person_id,
                s.id,
                RelatedRole.ACHTERBLIJVER,
                s.person.surname,
                "Familielid",
                None,
                "",
                "Ouder van betrokkene; nodig voor het plan van aanpak.",
            )
        )
        audit.created(s.created + DAY, RelatedPerson, person_id, keeper, LABEL, s.number)
        person_id += 1
    copy_rows(
        RelatedPerson,
        ["id", "case_id", "role", "surname", "given_names", "date_of_birth", "address", "reason"],
        rows,
        progress,
    )


def _meetings(plan, structure, users, specs, rng, progress) -> None:
    """Meetings of each casusoverleg, evenly over the years and one to come, so that about
    fifteen cases are discussed at each; every case on up to three in its life."""
    progress.note("case meetings")
    by_overleg: dict[int, list] = {}
    for s in specs:
        by_overleg.setdefault(s.region.overleggen[s.kind].pk, []).append(s)
    total = sum(
        math.ceil(len(c) * DISCUSSIONS_PER_CASE / PER_MEETING) + 1 for c in by_overleg.values()
    )
    meeting_id = reserve_ids(CaseMeeting, total)
    discussion_id = reserve_ids(Discussion, len(specs) * DISCUSSIONS_PER_CASE)
    meetings, attendees, discussions = [], [], []
    span = plan.now - plan.start
    for region in structure.regions:
        for overleg in region.overleggen.values():
            cases = by_overleg.get(overleg.pk, [])
            count = math.ceil(len(cases) * DISCUSSIONS_PER_CASE / PER_MEETING)
            days = [plan.start + span * (n + 1) / (count + 1) for n in range(count)]
            days.append(plan.now + 7 * DAY)  # the next one
            chair = users.chairs[overleg.pk].pk
            held = []
            for day in days:
                approved = day + 7 * DAY if day + 7 * DAY < plan.now else None
                meetings.append((meeting_id, overleg.pk, day.date(), chair, approved))
                for party in [*region.kernpartijen, region.hub]:
                    attendees.append((meeting_id, party.pk))
                held.append((day, meeting_id))
                meeting_id += 1
            moments = [day for day, _pk in held]
            for s in cases:
                until = plan.now + 14 * DAY if s.stage == CaseStatus.ACTIVE else s.processed
                low = bisect.bisect_left(moments, s.created)
                high = bisect.bisect_right(moments, until)
                options = held[low:high]
                for day, pk in rng.sample(options, k=min(len(options), DISCUSSIONS_PER_CASE)):
                    past = day < plan.now
                    discussions.append(
                        (
                            discussion_id,
                            pk,
                            s.id,
                            "Besproken; afspraken gemaakt." if past else "",
                            "Volgens het plan van aanpak." if past else "",
                            s.casemanager,
                            "Via de casemanager." if past else "",
                        )
                    )
                    discussion_id += 1
    copy_rows(
        CaseMeeting,
        ["id", "casusoverleg_id", "held_on", "chair_id", "approved_at"],
        meetings,
        progress,
    )
    copy_m2m(CaseMeeting.attendees.field, attendees, progress)
    copy_rows(
        Discussion,
        ["id", "meeting_id", "case_id", "minutes", "approach", "casemanager_id", "informing"],
        discussions,
        progress,
    )


def _disclosures(specs, users, rng, progress, now) -> None:
    """C6: one disclosure to the declared partner of each case it takes part in."""
    shared = [s for s in specs if s.region.partners[0] in s.participants]
    disclosure_id = reserve_ids(Disclosure, len(shared))
    rows = []
    for s in shared:
        provider = s.region.kernpartijen[0]
        snapshot = {"naw": {"naam": f"{s.person.given_names} {s.person.surname}"}}
        rows.append(
            (
                disclosure_id,
                s.id,
                s.region.partners[0].pk,
                json.dumps([CasePart.PERSONAL_DETAILS]),
                json.dumps(snapshot),
                "Nodig voor de begeleiding in het exitprogramma.",
                json.dumps([DataCategory.NAME_AND_ADDRESS]),
                provider.pk,
                "Toestemming per e-mail.",
                "",
                _keeper(users, s, rng),
                min(s.created + 14 * DAY, now),
            )
        )
        disclosure_id += 1
    copy_rows(
        Disclosure,
        [
            "id",
            "case_id",
            "partner_id",
            "parts",
            "snapshot",
            "necessity",
            "categories",
            "provider_id",
            "provider_permission",
            "prosecutor_consent",
            "disclosed_by_id",
            "disclosed_at",
        ],
        rows,
        progress,
    )


def _checks(specs, users, audit, rng, progress) -> None:
    checked = [s for s in specs if s.checked]
    check_id = reserve_ids(CaseCheck, len(checked))
    rows = []
    for s in checked:
        keeper = _keeper(users, s, rng)
        rows.append((check_id, s.id, "correct", "", keeper, s.checked))
        check_id += 1
    copy_rows(
        CaseCheck,
        ["id", "case_id", "outcome", "correction", "checked_by_id", "checked_at"],
        rows,
        progress,
    )
