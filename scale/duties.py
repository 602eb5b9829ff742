"""The duties to inform the files start (I1, I3, I5), as `rights.services.start_duty_to_inform`
records them: one per weegploeg outcome (carried out by the kernpartij that brought the first
signal), one per case put on the agenda and one per closing (the file's uitvoerder). Those due
a week ago and more are mostly carried out; a few are overdue."""

import random
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from rights.constants import DutyOccasion, DutyState, SendingMeans
from rights.models import DutyToInform
from rights.services.duties import INFORM_WITHIN
from scale.bulk import copy_rows, reserve_ids

COLUMNS = [
    "id",
    "data_file_id",
    "file_label",
    "dossier_key",
    "occasion",
    "person",
    "responsible_party_id",
    "state",
    "started_on",
    "due_on",
    "informed_on",
    "informed_means",
    "informed_by_id",
    "not_required_reason",
    "created_at",
]


def build(plan, assessments, cases, users, rng: random.Random, progress) -> None:
    today = plan.now.date()
    wanted = []
    for s in assessments:
        if s.outcome:
            wanted.append(
                (
                    s.region.weegploeg.pk,
                    "weegploeg",
                    s.number,
                    DutyOccasion.OUTCOME,
                    s.brought.pk,
                    s.decided,
                    s.region,
                )
            )
    for s in cases:
        ico = s.region.files[s.kind].pk
        wanted.append((ico, "ico", s.number, DutyOccasion.AGENDERING, None, s.created, s.region))
        if s.closed:
            wanted.append((ico, "ico", s.number, DutyOccasion.CLOSING, None, s.closed, s.region))
    duty_id = reserve_ids(DutyToInform, len(wanted))
    rows = []
    for file_id, label, key, occasion, party, moment, region in wanted:
        started = moment.date()
        due = started + INFORM_WITHIN
        informed = due < today - timedelta(days=7) and rng.random() < 0.95
        if not informed and due >= today:
            informed = rng.random() < 0.3
        on = min(started + relativedelta(days=rng.randint(1, 28)), today) if informed else None
        by = rng.choice(users.uitvoerders[region.row.pk]).pk if informed else None
        rows.append(
            (
                duty_id,
                file_id,
                label,
                key,
                occasion,
                "",
                party,
                DutyState.INFORMED if informed else DutyState.TO_INFORM,
                started,
                due,
                on,
                SendingMeans.POST if informed else "",
                by,
                "",
                moment,
            )
        )
        duty_id += 1
    copy_rows(DutyToInform, COLUMNS, rows, progress)
