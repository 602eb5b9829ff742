"""The weegploeg's meetings at scale: twice a week per Veiligheidshuis, with the decided and some
open dossiers of `scale.weegploeg` on their agendas."""

from datetime import datetime, timedelta

from scale.bulk import copy_m2m, copy_rows, reserve_ids
from weegploeg.models import AgendaItem, Meeting

DAY = timedelta(days=1)


def meeting_days(start: datetime, end: datetime) -> list[datetime]:
    """Twice a week (Tuesday and Thursday), from `start` to `end`."""
    days, day = [], start.replace(hour=10, minute=0, second=0, microsecond=0)
    while day <= end:
        if day.weekday() in (1, 3):
            days.append(day)
        day += DAY
    return days


def build(plan, structure, specs, rng, progress) -> None:
    """Twice a week per Veiligheidshuis: each decision on the agenda of the meeting of its
    week, and a third of the open dossiers on the next one."""
    progress.note("weegploeg meetings")
    by_region: dict[int, list] = {}
    for s in specs:
        by_region.setdefault(s.region.row.pk, []).append(s)
    meetings, present, items = [], [], []
    days = meeting_days(plan.start, plan.now + 14 * DAY)
    meeting_id = reserve_ids(Meeting, len(days) * len(structure.regions))
    item_id = reserve_ids(AgendaItem, len(specs))
    for region in structure.regions:
        held = {}
        for day in days:
            meetings.append((meeting_id, region.row.pk, day.date()))
            for party in [*region.kernpartijen, region.hub]:
                present.append((meeting_id, party.pk))
            held[day.date()] = meeting_id
            meeting_id += 1
        upcoming = [day.date() for day in days if day > plan.now][:1]
        for s in by_region.get(region.row.pk, []):
            if s.outcome:
                day = s.decided.date()
                while day not in held:
                    day -= DAY
                    if day < days[0].date():
                        break
                if day in held:
                    items.append((item_id, held[day], s.id, "Besproken en besloten.", s.decision))
                    item_id += 1
            elif upcoming and rng.random() < 0.33:
                items.append((item_id, held[upcoming[0]], s.id, "", None))
                item_id += 1
    copy_rows(Meeting, ["id", "veiligheidshuis_id", "held_on"], meetings, progress)
    copy_m2m(Meeting.present.field, present, progress)
    copy_rows(
        AgendaItem,
        ["id", "meeting_id", "assessment_id", "discussion", "decision_id"],
        items,
        progress,
    )
