"""The access log as an overseer sees it (S2, CTER 15.1e): the one rule for which entries an
overseer sees, the filters, the dossier trail, the unusual reads and the searches. The page,
the dashboard panel and any API call these.

An overseer (`security.permissions.overseen_regions`) sees the entries whose actor acted for a
party of a Veiligheidshuis they oversee, and the entries about a dossier kept in a file of
such a Veiligheidshuis, whoever the actor. Everyone else sees nothing."""

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import NamedTuple

from django.conf import settings
from django.db.models import BooleanField, F, Func, Q, QuerySet, Subquery, Window
from django.db.models.functions import DenseRank
from django.utils import timezone

from parties.models import DataFile, Party, User
from parties.permissions import remembered
from security.models import AuditEntry, LogSearch, UnusualRead
from security.permissions import overseen_region_ids, overseen_regions
from security.selectors import unusual_reads
from security.selectors.unusual_reads import day_start as _day_start
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
# The kinds that find only changes, among which no unusual read is (`unusual_reads`: reads).
CHANGES = ("create", "update", "delete")


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

    user: "User | UserChoice | None" = None
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


def overseen_files(user) -> list[DataFile]:
    """The files of the Veiligheidshuizen `user` oversees, with their Veiligheidshuis, by name:
    read once per request (`parties.permissions.remembered`; issue 13), for the filter's
    choices and for the entries about their dossiers (`visible_entries`)."""

    def read() -> list[DataFile]:
        scope = overseen_scope(user)
        if scope is None:
            return []
        return list(scope[1].select_related("veiligheidshuis").order_by("name", "pk"))

    return remembered(user, "security:overseen-files", read)


def _dossiers_in(data_files) -> Q:
    """The entries about a dossier kept in one of `data_files`: a subquery per kind of file."""
    data_files = list(data_files)
    condition = Q(pk__in=[])
    for file in registry.files():
        if any(data_file.kind == file.label for data_file in data_files):
            condition |= Q(file_label=file.label, dossier_key__in=file.dossier_keys(data_files))
    return condition


def overseen_scope(user) -> tuple[QuerySet, QuerySet] | None:
    """The one rule: what `user` oversees, the parties and the files of the Veiligheidshuizen
    they oversee (None: nothing). An entry is theirs to review when its actor acted for such a
    party, or when it is about a dossier kept in such a file."""
    regions = sorted(overseen_region_ids(user))
    if not regions:
        return None
    parties = Party.objects.filter(veiligheidshuizen__in=regions).values("pk")
    return parties, DataFile.objects.filter(veiligheidshuis__in=regions)


def visible_entries(user) -> QuerySet:
    """The audit entries `user` may review (`overseen_scope`; none for who oversees nothing):
    those of the overseen parties' actors (`_of_parties`), and those about a dossier of an
    overseen file, found through the registry (`_dossiers_in`)."""
    scope = overseen_scope(user)
    if scope is None:
        return AuditEntry.objects.none()
    parties, _files = scope
    return AuditEntry.objects.filter(_of_parties(parties) | _dossiers_in(overseen_files(user)))


def _of_parties(parties) -> Q:
    """The entries whose actor acted for one of `parties`."""
    return Q(actor_party__in=parties)


class AnyOf(Func):
    """`column = ANY(ARRAY(subquery))`: PostgreSQL reads it from an index, also in an OR (a
    bitmap of both), where `column IN (subquery)` is a filter on every row of the period."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra):
        column, subquery = (compiler.compile(part) for part in self.get_source_expressions())
        return f"{column[0]} = ANY(ARRAY{subquery[0]})", (*column[1], *subquery[1])

    def as_sqlite(self, compiler, connection, **extra):
        column, subquery = (compiler.compile(part) for part in self.get_source_expressions())
        return f"{column[0]} IN {subquery[0]}", (*column[1], *subquery[1])


def visible_unusual(user) -> QuerySet:
    """The unusual reads `user` may review (`overseen_scope`), from their rows alone: the file
    of the dossier as the job found it through the registry (docs/adr/0027)."""
    scope = overseen_scope(user)
    if scope is None:
        return UnusualRead.objects.none()
    parties, files = scope
    return UnusualRead.objects.filter(
        Q(AnyOf(F("actor_party_id"), Subquery(parties)))
        | Q(AnyOf(F("data_file_id"), Subquery(files.values("pk"))))
    )


# What the filter of users shows of each user: the name (`UserChoice`).
USER_COLUMNS = ("id", "first_name", "last_name", "username")


class UserChoice(NamedTuple):
    """A user as the filter of users offers them: their pk, name and party (issue 13: a row,
    not a model instance, for each of the 900 users of a Veiligheidshuis at national scale).
    `Filters.user` is one of these, or a `User`: the search needs only the pk."""

    pk: int
    full_name: str
    username: str
    party_name: str


def filter_choices(user) -> dict[str, list]:
    """What the filters offer: the users (`UserChoice`, with their party), parties and files of
    the overseen Veiligheidshuizen, each a list read once per request
    (`parties.permissions.remembered`; issue 13): the form's choices, what a choice sent is
    checked against, and the names in the recent searches. The parties and their users are one
    query (each party with its members, left-joined), users by name and parties by name as the
    database orders them."""

    def read() -> dict[str, list]:
        party_columns = [field.attname for field in Party._meta.concrete_fields]
        member = [f"memberships__user__{column}" for column in USER_COLUMNS]
        rows = (
            Party.objects.filter(veiligheidshuizen__in=overseen_regions(user))
            .annotate(party_rank=Window(DenseRank(), order_by=[F("name").asc(), F("pk").asc()]))
            .values_list(*party_columns, "party_rank", *member)
            .order_by(
                F("memberships__user__last_name").asc(nulls_last=True),
                "memberships__user__first_name",
                "memberships__user__id",
            )
        )
        width = len(party_columns)
        parties: dict[int, tuple[int, Party]] = {}
        users: dict[int, UserChoice] = {}
        for row in rows:
            party_id = row[0]
            if party_id not in parties:
                parties[party_id] = (row[width], Party.from_db(rows.db, party_columns, row[:width]))
            pk, first_name, last_name, username = row[width + 1 :]
            if pk is None or pk in users:
                continue
            name = f"{first_name} {last_name}".strip()
            users[pk] = UserChoice(pk, name, username, parties[party_id][1].name)
        return {
            "users": list(users.values()),
            "parties": [party for _rank, party in sorted(parties.values(), key=lambda p: p[0])],
        }

    return {**remembered(user, "security:log-filter-choices", read), "files": overseen_files(user)}


def search(user, filters: Filters, *, sort: str = DEFAULT_SORT) -> QuerySet:
    """The visible entries that match `filters`, in the order `sort` names (`SORTS`; newest
    first by default), without the unusual-only filter, which the page applies."""
    return (
        narrowed(visible_entries(user), filters)
        .select_related(*ENTRY_RELATED)
        .order_by(*ordering(sort))
    )


def narrowed(entries: QuerySet, filters: Filters) -> QuerySet:
    """`entries` that match `filters` (but the unusual-only filter): the one reading of the
    filters, for `search` and for a part of what it finds (`search_part`)."""
    if filters.user is not None:
        entries = entries.filter(actor_id=filters.user.pk)
    if filters.party is not None:
        entries = entries.filter(actor_party=filters.party)
    if filters.data_file is not None:
        entries = entries.filter(_dossiers_in([filters.data_file]))
    if filters.dossier:
        # with the file labels, whose values lead the index (file, dossier, time)
        entries = entries.filter(
            file_label__in=[file.label for file in registry.files()],
            dossier_key=filters.dossier.strip(),
        )
    if filters.date_from is not None:
        entries = entries.filter(timestamp__gte=_day_start(filters.date_from))
    if filters.date_to is not None:
        entries = entries.filter(timestamp__lt=_day_start(filters.date_to + timedelta(days=1)))
    if filters.action in ACTION_FILTERS:
        entries = entries.filter(ACTION_FILTERS[filters.action])
    return entries


def search_part(user, filters: Filters) -> QuerySet | None:
    """Part of what `search` finds: the entries whose actor acted for an overseen party, read
    from the index (actor party, time) alone. Counted first for a page of the log
    (`config.pages.CappedPaginator`'s `part`): when they alone pass the count's cap, so does
    the search, whose count tests each entry against every dossier number of the overseen
    files (12,700 at national scale: 8-24 ms against 1, issue 13). Only for a search narrowed
    by nothing but the period (None otherwise): then a Veiligheidshuis's own parties' entries
    are many, where a search for a rare action would read all of them in vain first."""
    scope = overseen_scope(user)
    if scope is None or replace(filters, date_from=None, date_to=None) != Filters():
        return None
    return narrowed(AuditEntry.objects.filter(_of_parties(scope[0])), filters)


# What an entry shows is read with it: who acted, the kind of record and, for a read that stands
# out, its reasons (`anomalies_of`, without a query of its own).
ENTRY_RELATED = ("actor", "content_type", "unusual")


def dossier_trail(user, ref: DossierRef) -> QuerySet:
    """Every visible entry about one dossier, in time order."""
    entries = visible_entries(user).filter(file_label=ref.file_label, dossier_key=ref.key)
    return entries.select_related(*ENTRY_RELATED).order_by("timestamp", "pk")


def summary_period(filters: Filters, *, today: date | None = None) -> tuple[date, date]:
    """The period whose unusual reads are summed up (and searched for "only unusual"): the
    filters' period, else the last ANOMALY_DASHBOARD_DAYS days."""
    today = today or timezone.localdate()
    date_to = filters.date_to or today
    date_from = filters.date_from or date_to - timedelta(days=settings.ANOMALY_DASHBOARD_DAYS - 1)
    return date_from, date_to


# --- unusual reads (worked out ahead: `security.selectors.unusual_reads`, docs/adr/0027) ----


def anomalies_of(entries) -> dict[int, list[str]]:
    """The unusual reads among `entries` (a queryset, or a page of entries), by entry id: from
    the entries themselves when they were read with their reasons (`ENTRY_RELATED`), else in
    one query."""
    if isinstance(entries, QuerySet) and not entries.query.is_sliced:
        return unusual_reads.flags_of(entries.filter(action=Action.ACCESS).values("pk"))
    reads = [entry for entry in entries if entry.action == Action.ACCESS]
    if all("unusual" in entry._state.fields_cache for entry in reads):
        found = (entry._state.fields_cache["unusual"] for entry in reads)
        return {row.pk: unusual_reads.reasons_of(row) for row in found if row is not None}
    return unusual_reads.flags_of([entry.pk for entry in reads])


def anomaly_summary(user, filters: Filters) -> dict:
    """The unusual reads per day of the summary period, among the entries searched for, and
    the rules (`rules`) that found them, for the page's entries and the "only unusual" filter,
    with when they were last worked out (`worked_out_at`: later reads are not marked yet)."""
    from security.services.unusual_reads import worked_out_at

    period = summary_period(filters)
    rules = unusual_reads.gather(period)
    unusual = visible_unusual(user)
    if filters.action in CHANGES:
        unusual = unusual.none()  # asked, PostgreSQL read every change to find none (issue 13)
    elif replace(filters, date_from=None, date_to=None, unusual=False) != Filters():
        # Narrowed by more than the period: to the entries searched for (the one search rule).
        searched = search(user, filters)
        if replace(filters, date_from=None, date_to=None, unusual=False, action="") == Filters():
            # By a kind of read alone, they are most entries: looked up by key from the
            # period's unusual reads, which are few, not read all (1.8-2.5 s, issue 13).
            keys = Subquery(rules.within(unusual).values("entry_id"))
            searched = searched.filter(AnyOf(F("pk"), keys))
        unusual = unusual.filter(entry__in=searched.values("pk"))
    days = rules.per_day(unusual)
    return {
        "period": period,
        "rules": rules,
        "days": days,
        "total": sum(day["total"] for day in days),
        "worked_out_at": worked_out_at(),
    }


def recent_anomaly_count(user, *, days: int | None = None) -> int:
    """The unusual reads the overseer sees of the last days (the dashboard)."""
    days = days or settings.ANOMALY_DASHBOARD_DAYS
    today = timezone.localdate()
    rules = unusual_reads.gather((today - timedelta(days=days - 1), today))
    return rules.within(visible_unusual(user)).count()


# --- the searches themselves ---------------------------------------------------------------


def record_search(user, filters: Filters | dict) -> LogSearch:
    """S2: every search in the access log is itself logged (auditlog logs the LogSearch)."""
    record = filters.as_record() if isinstance(filters, Filters) else filters
    return LogSearch.objects.create(searched_by=user, filters=record)


def recent_searches(user, *, limit: int = 10) -> list[LogSearch]:
    """The latest searches by the overseers' colleagues: users of a party of a Veiligheidshuis
    the user oversees. Each with `described`: its filters in words (names from the filters'
    choices, `filter_choices`; any other looked up once)."""
    regions = sorted(overseen_region_ids(user))
    if not regions:
        return []
    searches = list(
        LogSearch.objects.filter(searched_by__membership__party__veiligheidshuizen__in=regions)
        .distinct()
        .select_related("searched_by")
        .order_by("-searched_at", "-pk")[:limit]
    )
    choices = filter_choices(user)
    names = {
        "user": {choice.pk: choice.full_name for choice in choices["users"]},
        "party": {party.pk: party.name for party in choices["parties"]},
        "file": {data_file.pk: data_file.name for data_file in choices["files"]},
    }
    wanted = {"user": set(), "party": set(), "file": set()}
    for item in searches:
        for name in wanted:
            if item.filters.get(name) and item.filters[name] not in names[name]:
                wanted[name].add(item.filters[name])
    if wanted["user"]:
        names["user"] |= {
            u.pk: u.get_full_name() for u in User.objects.filter(pk__in=wanted["user"])
        }
    if wanted["party"]:
        names["party"] |= dict(
            Party.objects.filter(pk__in=wanted["party"]).values_list("pk", "name")
        )
    if wanted["file"]:
        names["file"] |= dict(
            DataFile.objects.filter(pk__in=wanted["file"]).values_list("pk", "name")
        )
    for item in searches:
        item.described = {
            name: names[name].get(value, "?") if name in names else value
            for name, value in item.filters.items()
        }
    return searches
