"""The weegploeg file at scale: assessments with their signals, analyses, decisions, meetings
and checks, in the shape a live file has after three years of sweeps (B2-B4):

- "agenderen": decided over the whole three years, each handed to a CTER case (`Handoff`); the
  ones not processed for a year are archived;
- "not substantial": decided in the last six months (older ones were destroyed, CTER 13.4);
- open: signals of the last six weeks, some analysed.

So a sweep as of the seed's day finds nothing due: `bench/retention_sweep.py` makes its own."""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from scale import weegploeg_meetings
from scale.bulk import copy_m2m, copy_rows, reserve_ids
from scale.numbering import Numbers
from scale.people import PERSON_COLUMNS, People, Person
from weegploeg.constants import DOSSIER_PREFIX, AssessmentStatus, Finding, Outcome
from weegploeg.demo import BEHAVIOURS, CRITERIA
from weegploeg.models import (
    Analysis,
    Assessment,
    Check,
    CriterionFinding,
    Decision,
    FrameworkVersion,
    Signal,
)
from weegploeg.services import publish_framework

LABEL = "weegploeg"
DAY = timedelta(days=1)
OPEN_SHARE = 0.12
FINDINGS = (Finding.MET, Finding.NOT_MET, Finding.UNKNOWN)


class Spec:
    """One assessment before it is written."""

    __slots__ = (
        "id",
        "number",
        "region",
        "party",
        "person",
        "created",
        "outcome",
        "decided",
        "processed",
        "archived",
        "signals",
        "analysed",
        "checked",
        "decision",
        "brought",
    )


@dataclass
class Handoff:
    """An "agenderen" assessment, for the CTER case made from it (`scale.cases`)."""

    assessment: int
    number: str
    region: object  # scale.structure.Region
    party: object  # the subject's gemeente
    person: Person
    decided: datetime
    signals: list = field(default_factory=list)  # (id, behaviour, observed_on, party, name, tel)
    findings: list = field(default_factory=list)  # (id, criterion text, finding, explanation)
    transferred: datetime | None = None  # when the case was made (the last processing here)


def _framework(beheerder) -> FrameworkVersion:
    return FrameworkVersion.objects.first() or publish_framework(
        by=beheerder,
        criteria=[{"code": code, "title": title} for code, title in CRITERIA],
        note="Eerste versie (seed_scale)",
    )


def _specs(plan, structure, people: People, rng: random.Random, agendered: int) -> list[Spec]:
    now, start = plan.now, plan.start
    towns = [(region, g) for region in structure.regions for g in region.gemeenten]
    specs = []
    for index in range(plan.assessments):
        spec = Spec()
        region, gemeente = towns[rng.randrange(len(towns))]
        spec.region, spec.party = region, gemeente
        spec.person = people.person(
            gemeente.name.removeprefix("Gemeente "), gemeente.municipality_code
        )
        spec.signals, spec.archived, spec.checked, spec.decision = 1, None, None, None
        if index < agendered:
            spec.created = start + (now - start - 30 * DAY) * rng.random()
            spec.outcome = Outcome.AGENDEREN
            spec.decided = spec.created + timedelta(days=rng.randint(7, 28))
            # The case is made a few days after the decision, and never after the seed's day.
            handed = spec.decided + timedelta(days=rng.randint(1, 10), hours=2)
            spec.processed = min(handed, now - timedelta(hours=1))
        elif rng.random() < OPEN_SHARE / (1 - agendered / plan.assessments):
            spec.created = now - 42 * DAY * rng.random()
            spec.outcome, spec.decided = "", None
            spec.processed = spec.created
        else:
            spec.outcome = Outcome.NOT_SUBSTANTIAL
            spec.decided = now - (180 * DAY - 2 * DAY) * rng.random() - DAY
            spec.created = spec.decided - timedelta(days=rng.randint(5, 30))
            spec.processed = spec.decided
        spec.analysed = bool(spec.outcome) or rng.random() < 0.4
        if spec.processed < now - 365 * DAY:
            spec.archived = spec.processed + timedelta(days=365, hours=1)
        elif spec.outcome == Outcome.AGENDEREN and spec.processed < now - 90 * DAY:
            # W5: most are checked on time; the rest wait in the check queue.
            spec.checked = now - timedelta(days=rng.randint(1, 89)) if rng.random() < 0.8 else None
        specs.append(spec)
    for _ in range(plan.signals - plan.assessments):
        specs[rng.randrange(len(specs))].signals += 1
    specs.sort(key=lambda s: s.created)
    return specs


def build(plan, structure, users, audit, rng: random.Random, progress):
    """Writes the file; returns its specs and the assessments that go to a CTER case, oldest
    first."""
    _READERS.clear()  # of an earlier seed in this process
    people = People(rng, plan.now.date())
    framework = _framework(users.beheerder)
    criteria = list(framework.criteria.order_by("order"))
    agendered = min(plan.cases - plan.cases // 2, plan.assessments)
    specs = _specs(plan, structure, people, rng, agendered)
    numbers = Numbers(DOSSIER_PREFIX, Assessment)
    first = reserve_ids(Assessment, len(specs))
    for offset, spec in enumerate(specs):
        spec.id, spec.number = first + offset, numbers.next(spec.created)
    progress.note("assessments")
    rows = []
    for s in specs:
        status = AssessmentStatus.DECIDED if s.outcome else AssessmentStatus.OPEN
        rows.append(
            (s.id, s.number, s.region.row.pk, status, s.created, s.processed, s.checked, s.archived)
            + s.person.fields()
        )
        keeper = rng.choice(users.uitvoerders[s.region.row.pk]).pk
        audit.created(s.created, Assessment, s.id, keeper, LABEL, s.number, s.number, status="open")
        if s.archived:
            audit.changed(
                s.archived,
                Assessment,
                s.id,
                None,
                LABEL,
                s.number,
                s.number,
                archived_at=(None, s.archived),
            )
    copy_rows(
        Assessment,
        [
            "id",
            "number",
            "veiligheidshuis_id",
            "status",
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
    handoffs = _children(specs, criteria, framework, users, audit, people, progress)
    weegploeg_meetings.build(plan, structure, specs, rng, progress)
    return specs, handoffs


def _children(specs, criteria, framework, users, audit, people, progress) -> list[Handoff]:
    rng = people.rng
    progress.note("signals")
    signal_rows, handoffs = [], {}
    signal_id = reserve_ids(Signal, sum(s.signals for s in specs))
    for s in specs:
        region = s.region
        brought = [s.party, *region.kernpartijen]
        keeper = rng.choice(users.uitvoerders[region.row.pk]).pk
        if s.outcome == Outcome.AGENDEREN:
            handoffs[s.id] = Handoff(
                s.id, s.number, region, s.party, s.person, s.decided, transferred=s.processed
            )
        for n in range(s.signals):
            entered = s.created + (s.processed - s.created) * (n / s.signals)
            observed = (entered - timedelta(days=rng.randint(0, 30))).date()
            name, phone = people.reporter()
            party = rng.choice(brought)
            if n == 0:
                s.brought = party  # CTER 11.2: who informs the subject of the outcome
            behaviour = rng.choice(BEHAVIOURS)
            signal_rows.append(
                (signal_id, s.id, behaviour, observed, name, phone, party.pk, keeper, entered)
            )
            audit.created(entered, Signal, signal_id, keeper, LABEL, s.number)
            if s.id in handoffs:
                handoffs[s.id].signals.append((signal_id, behaviour, observed, party, name, phone))
            signal_id += 1
    copy_rows(
        Signal,
        [
            "id",
            "assessment_id",
            "behaviour",
            "observed_on",
            "reporter_name",
            "reporter_contact",
            "brought_by_id",
            "entered_by_id",
            "entered_at",
        ],
        signal_rows,
        progress,
    )
    del signal_rows
    progress.note("analyses and decisions")
    analysed = [s for s in specs if s.analysed]
    decided = [s for s in analysed if s.outcome]
    analysis_id = reserve_ids(Analysis, len(analysed))
    finding_id = reserve_ids(CriterionFinding, len(analysed) * len(criteria))
    decision_id = reserve_ids(Decision, len(decided))
    analyses, findings, decisions, advised = [], [], [], []
    for s in analysed:
        keeper = rng.choice(users.uitvoerders[s.region.row.pk]).pk
        moment = (s.decided or s.processed) - timedelta(hours=3)
        analyses.append(
            (
                analysis_id,
                s.id,
                framework.pk,
                "Analyse aan de hand van het referentiekader.",
                keeper,
                moment,
            )
        )
        audit.created(moment, Analysis, analysis_id, keeper, LABEL, s.number)
        for criterion in criteria:
            finding = rng.choice(FINDINGS)
            explanation = "Beoordeeld op basis van de ingebrachte signalen."
            findings.append((finding_id, analysis_id, criterion.pk, finding, explanation))
            if s.id in handoffs:
                handoffs[s.id].findings.append(
                    (finding_id, f"{criterion.code} {criterion.title}", finding, explanation)
                )
            finding_id += 1
        analysis_id += 1
        if not s.outcome:
            continue
        agenderen = s.outcome == Outcome.AGENDEREN
        decisions.append(
            (
                decision_id,
                s.id,
                s.outcome,
                "De signalen zijn substantieel."
                if agenderen
                else "De signalen zijn onvoldoende substantieel.",
                "Agenderen in het casusoverleg (ICO)." if agenderen else "",
                s.decided.date(),
                keeper,
                s.decided,
            )
        )
        s.decision = decision_id
        audit.created(s.decided, Decision, decision_id, keeper, LABEL, s.number, outcome=s.outcome)
        audit.changed(
            s.decided,
            Assessment,
            s.id,
            keeper,
            LABEL,
            s.number,
            s.number,
            status=("open", "decided"),
        )
        if agenderen:
            cter = s.region.participants["ICO CTER"]
            taking_part = [p for p in s.region.casuspartijen if p.pk in cter]
            for party in rng.sample(taking_part, k=min(len(taking_part), rng.randint(1, 2))):
                advised.append((decision_id, party.pk))
        decision_id += 1
    copy_rows(
        Analysis,
        ["id", "assessment_id", "framework_id", "summary", "recorded_by_id", "recorded_at"],
        analyses,
        progress,
    )
    copy_rows(
        CriterionFinding,
        ["id", "analysis_id", "criterion_id", "finding", "explanation"],
        findings,
        progress,
    )
    copy_rows(
        Decision,
        [
            "id",
            "assessment_id",
            "outcome",
            "reasons",
            "advice_to_driehoek",
            "decided_on",
            "decided_by_id",
            "decided_at",
        ],
        decisions,
        progress,
    )
    copy_m2m(Decision.advised_parties.field, advised, progress)
    _checks(specs, users, audit, rng, progress)
    for s in specs:
        readers = _readers(users, s)
        audit.dossier(LABEL, s.number, Assessment, s.id, s.created, s.processed + 60 * DAY, readers)
    return sorted(handoffs.values(), key=lambda h: h.decided)


_READERS: dict = {}


def _readers(users, spec) -> list[int]:
    """Who reads the dossier's pages: the keepers, politie and OM of the region, and the
    members of the subject's gemeente (W4), among those authorised for the file (P8)."""
    region = spec.region
    key = (region.row.pk, spec.party.pk)
    if key not in _READERS:
        allowed = {p.pk for p in region.kernpartijen} | {spec.party.pk}
        found = [
            user.pk
            for user in users.readers[region.weegploeg.pk]
            if users.party_of[user.pk].pk in allowed
        ]
        _READERS[key] = found + [u.pk for u in users.uitvoerders[region.row.pk]]
    return _READERS[key]


def _checks(specs, users, audit, rng, progress) -> None:
    checked = [s for s in specs if s.checked]
    check_id = reserve_ids(Check, len(checked))
    rows = []
    for s in checked:
        keeper = rng.choice(users.uitvoerders[s.region.row.pk]).pk
        rows.append((check_id, s.id, "correct", "", keeper, s.checked))
        audit.created(s.checked, Check, check_id, keeper, LABEL, s.number)
        check_id += 1
    copy_rows(
        Check,
        ["id", "assessment_id", "outcome", "correction", "checked_by_id", "checked_at"],
        rows,
        progress,
    )
