"""The access log as an overseer sees it (S2, CTER 15.1e): the one rule for which entries an
overseer sees, the filters, the dossier trail, the unusual reads and the searches. The page,
the dashboard panel and any API call these.

An overseer (`security.permissions.overseen_regions`) sees the entries whose actor acted for a
party of a Veiligheidshuis they oversee, and the entries about a dossier kept in a file of
such a Veiligheidshuis, whoever the actor. Everyone else sees nothing."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Concat, TruncDate
from django.utils import timezone

from parties.models import DataFile, FileAuthorisation, Party, User
from security import anomalies
from security.models import AuditEntry, LogSearch
from security.permissions import overseen_region_ids, overseen_regions
from subjects import registry
from subjects.registry import DossierRef

Action = AuditEntry.Action

# The kinds of action a search can ask for: every read, each kind of read, and the changes.
READ_KINDS = ("detail", "list", "search", "action", "export")
ACTION_FILTERS = {
    "read": Q(action=Action.ACCESS),
    **{f"read-{kind}": Q(action=Action.ACCESS, additional_data__read=kind) for kind in READ_KINDS},
    "create": Q(action=Action.CREATE),
    "update": Q(action=Action.UPDATE),
    "delete": Q(action=Action.DELETE),
}


# U2: the columns the log sorts by (`?sort=key`, `-key` the other way), none of them about the
# person in a dossier: the moment, who acted, for which party, and the kind of action. The
# newest entry first unless asked otherwise.
SORTS = {
    "time": ("timestamp",),
    "user": ("actor__last_name", "actor__first_name", "actor_email", "timestamp"),
    "party": ("actor_party_name", "timestamp"),
    "action": ("action", "timestamp"),
}
DEFAULT_SORT = "-time"


def ordering(sort: str = DEFAULT_SORT) -> list[str]:
    """The order_by of `sort` (an unknown one: the default), the primary key last."""
    if sort.lstrip("-") not in SORTS:
        sort = DEFAULT_SORT
    descending = sort.startswith("-")
    fields = [f"-{name}" if descending else name for name in SORTS[sort.lstrip("-")]]
    return [*fields, "-pk" if descending else "pk"]


@dataclass(frozen=True)
class Filters:
    """What an overseer searches the log for; every field narrows, none set shows all."""

    user: User | None = None
    party: Party | None = None
    data_file: DataFile | None = None
    dossier: str = ""
    date_from: date | None = None
    date_to: date | None = None
    action: str = ""
    unusual: bool = False

    def as_record(self) -> dict:
        """The filters as a LogSearch keeps them: keys and the dossier number, no names."""
        record = {
            "user": self.user.pk if self.user else None,
            "party": self.party.pk if self.party else None,
            "file": self.data_file.pk if self.data_file else None,
            "dossier": self.dossier,
            "from": self.date_from.isoformat() if self.date_from else None,
            "until": self.date_to.isoformat() if self.date_to else None,
            "action": self.action,
            "unusual": self.unusual,
        }
        return {name: value for name, value in record.items() if value}


def overseen_files(user) -> QuerySet:
    return DataFile.objects.filter(veiligheidshuis__in=overseen_regions(user))


def _dossiers_in(data_files) -> Q:
    """The entries about a dossier kept in one of `data_files`: a subquery per kind of file."""
    data_files = list(data_files)
    condition = Q(pk__in=[])
    for file in registry.files():
        if any(data_file.kind == file.label for data_file in data_files):
            condition |= Q(file_label=file.label, dossier_key__in=file.dossier_keys(data_files))
    return condition


def visible_entries(user) -> QuerySet:
    """The one rule: the audit entries `user` may review (none for who oversees nothing)."""
    regions = sorted(overseen_region_ids(user))
    if not regions:
        return AuditEntry.objects.none()
    parties = Party.objects.filter(veiligheidshuizen__in=regions).values("pk")
    return AuditEntry.objects.filter(
        Q(actor_party__in=parties) | _dossiers_in(overseen_files(user))
    )


def filter_choices(user) -> dict:
    """What the filters offer: the users, parties and files of the overseen Veiligheidshuizen."""
    regions = overseen_regions(user)
    parties = Party.objects.filter(veiligheidshuizen__in=regions).distinct()
    users = User.objects.filter(membership__party__in=parties).distinct()
    return {
        "users": users.order_by("last_name", "first_name", "pk"),
        "parties": parties.order_by("name"),
        "files": overseen_files(user).select_related("veiligheidshuis"),
    }


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def search(user, filters: Filters, *, sort: str = DEFAULT_SORT) -> QuerySet:
    """The visible entries that match `filters`, in the order `sort` names (`SORTS`; newest
    first by default), without the unusual-only filter, which the page applies."""
    entries = visible_entries(user)
    if filters.user is not None:
        entries = entries.filter(actor=filters.user)
    if filters.party is not None:
        entries = entries.filter(actor_party=filters.party)
    if filters.data_file is not None:
        entries = entries.filter(_dossiers_in([filters.data_file]))
    if filters.dossier:
        entries = entries.filter(dossier_key=filters.dossier.strip())
    if filters.date_from is not None:
        entries = entries.filter(timestamp__gte=_day_start(filters.date_from))
    if filters.date_to is not None:
        entries = entries.filter(timestamp__lt=_day_start(filters.date_to + timedelta(days=1)))
    if filters.action in ACTION_FILTERS:
        entries = entries.filter(ACTION_FILTERS[filters.action])
    return entries.select_related("actor", "content_type").order_by(*ordering(sort))


def dossier_trail(user, ref: DossierRef) -> QuerySet:
    """Every visible entry about one dossier, in time order."""
    entries = visible_entries(user).filter(file_label=ref.file_label, dossier_key=ref.key)
    return entries.select_related("actor", "content_type").order_by("timestamp", "pk")


def summary_period(filters: Filters, *, today: date | None = None) -> tuple[date, date]:
    """The period whose unusual reads are summed up (and searched for "only unusual"): the
    filters' period, else the last ANOMALY_DASHBOARD_DAYS days."""
    today = today or timezone.localdate()
    date_to = filters.date_to or today
    date_from = filters.date_from or date_to - timedelta(days=settings.ANOMALY_DASHBOARD_DAYS - 1)
    return date_from, date_to


# --- unusual reads ---------------------------------------------------------------------------


def reads_of(entries) -> list[anomalies.Read]:
    """The reads among `entries`, as the rules see them (one query)."""
    rows = entries.filter(action=Action.ACCESS).values_list(
        "pk", "actor_id", "timestamp", "file_label", "dossier_key"
    )
    return [anomalies.Read(*row) for row in rows.order_by()]


@dataclass
class DossierCache:
    """The dossiers' file and archive state, asked of the registry once per dossier."""

    found: dict[tuple[str, str], anomalies.Dossier | None] = field(default_factory=dict)

    def fetch(self, dossiers) -> None:
        """Ask the registry for the state of every dossier of `dossiers` ((label, key) pairs)
        not asked yet, per file at once: the queries do not grow with the dossiers read."""
        wanted: dict[str, set[str]] = {}
        for label, key in dossiers:
            if (label, key) not in self.found:
                wanted.setdefault(label, set()).add(key)
        for label, keys in wanted.items():
            try:
                states = list(registry.get(label).states(sorted(keys)))
            except KeyError:
                states = []
            for key in keys:
                self.found[(label, key)] = None  # no such dossier (now), unless found below
            for state in states:
                self.found[(label, state.ref.key)] = anomalies.Dossier(
                    state.data_file_id, state.archived, state.archived_on
                )

    def get(self, label: str, key: str) -> anomalies.Dossier | None:
        if (label, key) not in self.found:
            try:
                state = registry.get(label).state(DossierRef(label, key))
            except KeyError:
                state = None
            self.found[(label, key)] = (
                None
                if state is None
                else anomalies.Dossier(state.data_file_id, state.archived, state.archived_on)
            )
        return self.found[(label, key)]


def facts_for(reads: list[anomalies.Read], cache: DossierCache | None = None) -> anomalies.Facts:
    """What the rules need for `reads`: two queries, and the registry once per file."""
    facts = anomalies.Facts(thresholds=anomalies.Thresholds.from_settings())
    actors = {read.actor_id for read in reads if read.actor_id is not None}
    if not actors:
        return facts
    days = [read.day for read in reads]
    start = _day_start(min(days) - timedelta(days=facts.thresholds.baseline_days))
    end = _day_start(max(days) + timedelta(days=1))
    daily = (
        AuditEntry.objects.filter(
            action=Action.ACCESS, actor_id__in=actors, timestamp__gte=start, timestamp__lt=end
        )
        .exclude(dossier_key="")
        .annotate(day=TruncDate("timestamp"))
        .values("actor_id", "day")
        .annotate(dossiers=Count(Concat("file_label", Value(":"), "dossier_key"), distinct=True))
        .order_by()
    )
    facts.dossiers_per_day = {(row["actor_id"], row["day"]): row["dossiers"] for row in daily}
    held = FileAuthorisation.objects.filter(user_id__in=actors).values_list(
        "user_id", "file_id", "granted_at", "ended_at"
    )
    for user_id, file_id, granted_at, ended_at in held:
        facts.authorisations.setdefault(user_id, []).append(
            anomalies.Authorisation(file_id, granted_at, ended_at)
        )
    cache = cache or DossierCache()
    cache.fetch(read.dossier for read in reads if read.dossier is not None)
    for read in reads:
        if read.dossier is not None:
            facts.dossiers[read.dossier] = cache.get(*read.dossier)
    return facts


def anomalies_of(entries, cache: DossierCache | None = None) -> dict[int, list[str]]:
    """The unusual reads among `entries` (a queryset or a page of entries), by entry id."""
    if isinstance(entries, QuerySet) and not entries.query.is_sliced:
        reads = reads_of(entries)
    else:
        reads = [
            anomalies.Read(e.pk, e.actor_id, e.timestamp, e.file_label, e.dossier_key)
            for e in entries
            if e.action == Action.ACCESS
        ]
    return anomalies.flag(reads, facts_for(reads, cache))


def unusual_in_period(
    entries, period: tuple[date, date], cache: DossierCache | None = None
) -> tuple[list, dict[int, list[str]]]:
    """The reads of `entries` in `period` and those of them that stand out."""
    date_from, date_to = period
    in_period = entries.filter(
        timestamp__gte=_day_start(date_from), timestamp__lt=_day_start(date_to + timedelta(days=1))
    )
    reads = reads_of(in_period)
    return reads, anomalies.flag(reads, facts_for(reads, cache))


def anomaly_summary(user, filters: Filters, cache: DossierCache | None = None) -> dict:
    """The unusual reads per day of the summary period, among the entries searched for."""
    period = summary_period(filters)
    reads, flagged = unusual_in_period(search(user, filters), period, cache)
    return {
        "period": period,
        "days": anomalies.per_day(reads, flagged),
        "flagged": flagged,
        "total": len(flagged),
    }


def recent_anomaly_count(user, *, days: int | None = None) -> int:
    """The unusual reads the overseer sees of the last days (the dashboard)."""
    days = days or settings.ANOMALY_DASHBOARD_DAYS
    today = timezone.localdate()
    _reads, flagged = unusual_in_period(
        visible_entries(user), (today - timedelta(days=days - 1), today)
    )
    return len(flagged)


# --- the searches themselves ---------------------------------------------------------------


def record_search(user, filters: Filters | dict) -> LogSearch:
    """S2: every search in the access log is itself logged (auditlog logs the LogSearch)."""
    record = filters.as_record() if isinstance(filters, Filters) else filters
    return LogSearch.objects.create(searched_by=user, filters=record)


def recent_searches(user, *, limit: int = 10) -> list[LogSearch]:
    """The latest searches by the overseers' colleagues: users of a party of a Veiligheidshuis
    the user oversees. Each with `described`: its filters in words (names looked up once)."""
    regions = sorted(overseen_region_ids(user))
    if not regions:
        return []
    searches = list(
        LogSearch.objects.filter(searched_by__membership__party__veiligheidshuizen__in=regions)
        .distinct()
        .select_related("searched_by")
        .order_by("-searched_at", "-pk")[:limit]
    )
    wanted = {"user": set(), "party": set(), "file": set()}
    for item in searches:
        for name in wanted:
            if item.filters.get(name):
                wanted[name].add(item.filters[name])
    names = {
        "user": {u.pk: u.get_full_name() for u in User.objects.filter(pk__in=wanted["user"])},
        "party": dict(Party.objects.filter(pk__in=wanted["party"]).values_list("pk", "name")),
        "file": dict(DataFile.objects.filter(pk__in=wanted["file"]).values_list("pk", "name")),
    }
    for item in searches:
        item.described = {
            name: names[name].get(value, "?") if name in names else value
            for name, value in item.filters.items()
        }
    return searches
