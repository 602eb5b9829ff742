"""Which groups see which meeting of a file (ADR 0011, ADR 0039; issue 13): a group sees a
meeting when it holds the view permission on a dossier on the meeting's agenda. `Sight` is the
one place that works that out, for the meetings of one file, and keeps it as rows of the file's
sight model (a meeting and a group); the file's selectors read them (`seen_q`) instead of
matching every agenda item with the user's permission rows when a list runs.

What the rows follow from changes in two ways, and the file calls its `Sight` in the
transaction of each change:
- a meeting's agenda (a meeting held, dossiers destroyed, an agenda item erased):
  `refresh(meetings)`;
- a dossier's permission rows (the file's one sync function, when a row changed):
  `refresh_dossiers(dossiers)`.
A bulk change that runs the sync on many dossiers (the seed's syncs) does so inside
`refreshing_once()`, which works the meetings out once at its end; a bulk load that passes the
services by calls `refresh_all`."""

import contextlib
from contextvars import ContextVar

from django.db import transaction
from django.db.models import Count, IntegerField, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from subjects.permissions import cached_permission_id, groups_of


def _pks(objects) -> list[int]:
    return sorted({getattr(obj, "pk", obj) for obj in objects})


# Inside `refreshing_once`: per Sight, the meetings and the dossiers whose meetings wait for
# the block's end.
_PENDING: ContextVar[dict | None] = ContextVar("sight_refreshing_once", default=None)


@contextlib.contextmanager
def refreshing_once():
    """Within the block every `Sight` only notes what it would refresh, and works it out at the
    block's end, once for all the meetings noted (issue 13: each refresh reads the agenda of
    its meetings against their dossiers' permission rows, and a sync of thousands of dossiers
    refreshed once per dossier). Open it inside the transaction that makes the changes: a
    block left by an exception refreshes nothing, and the rollback undoes the changes. A
    nested block joins the one already open."""
    if _PENDING.get() is not None:
        yield
        return
    token = _PENDING.set({})
    try:
        yield
        pending = _PENDING.get()
    finally:
        _PENDING.reset(token)
    for sight, (meetings, dossiers) in pending.items():
        sight.refresh_dossiers(dossiers, meetings=meetings)


class Sight:
    """For the meetings of one file: `sight_model` keeps (meeting, group) rows; `item_model` is
    the agenda item, with a `meeting` and a foreign key `dossier` to the file's root, whose
    permission rows are `permission_model` (a guardian direct foreign-key model)."""

    def __init__(self, *, sight_model, item_model, dossier: str, permission_model, view: str):
        self.sight_model = sight_model
        self.item_model = item_model
        self.dossier = dossier
        related = permission_model._meta.get_field("content_object").related_query_name()
        self.rows = f"{dossier}__{related}"
        self.app_label = permission_model._meta.app_label
        self.view = view

    def _seen(self, meeting_ids=None):
        """(meeting pk, group pk, items) of the groups that see these meetings (all when None),
        with the number of agenda items each sees: the agenda items joined with their dossiers'
        view rows (one per dossier and group)."""
        items = self.item_model.objects.all()
        if meeting_ids is not None:
            items = items.filter(meeting_id__in=meeting_ids)
        view = cached_permission_id(self.app_label, self.view)
        return (
            items.filter(**{f"{self.rows}__permission_id": view})
            .values("meeting_id", f"{self.rows}__group_id")
            .annotate(items=Count("pk"))
            .values_list("meeting_id", f"{self.rows}__group_id", "items")
            .order_by()
        )

    def _rows(self, seen):
        return (
            self.sight_model(meeting_id=meeting, group_id=group, items=items)
            for meeting, group, items in seen
        )

    def _noted(self, meetings=(), dossiers=()) -> bool:
        """Inside `refreshing_once`: note the meetings and dossiers for its end (True)."""
        pending = _PENDING.get()
        if pending is None:
            return False
        noted = pending.setdefault(self, (set(), set()))
        noted[0].update(_pks(meetings))
        noted[1].update(_pks(dossiers))
        return True

    def refresh(self, meetings) -> None:
        """Work out anew which groups see each of these meetings (pks or rows), under a lock
        of the meetings' rows: two transactions that refreshed a meeting at once would each
        insert its rows, and the second would fail on the first's."""
        if self._noted(meetings=meetings):
            return
        ids = _pks(meetings)
        if not ids:
            return
        meeting_model = self.sight_model._meta.get_field("meeting").related_model
        with transaction.atomic():
            locked = meeting_model._base_manager.select_for_update().filter(pk__in=ids)
            list(locked.order_by("pk").values_list("pk", flat=True))
            self.sight_model.objects.filter(meeting_id__in=ids).delete()
            self.sight_model.objects.bulk_create(self._rows(self._seen(ids)))

    def refresh_dossiers(self, dossiers, *, meetings=()) -> None:
        """Work out anew the meetings these dossiers (pks or rows) are on the agenda of, and
        `meetings` (pks or rows) besides."""
        if self._noted(meetings=meetings, dossiers=dossiers):
            return
        on_agenda = self.item_model.objects.filter(**{f"{self.dossier}_id__in": _pks(dossiers)})
        found = on_agenda.values_list("meeting_id", flat=True).distinct().order_by()
        self.refresh({*_pks(meetings), *found})

    def refresh_all(self) -> None:
        """Every meeting anew, in two statements and batches of rows (a bulk load)."""
        self.sight_model.objects.all().delete()
        self.sight_model.objects.bulk_create(self._rows(self._seen().iterator()), batch_size=5000)

    def seen_meetings(self, user):
        """The pks (a `meeting_id` values queryset) of the meetings with a dossier on their
        agenda that `user` may see: those whose rows name one of the groups `held` reads the
        user's permission rows of (`groups_of`), on the same terms (`may_act`)."""
        from parties.permissions import may_act

        if not may_act(user):
            return self.sight_model.objects.none().values("meeting_id")
        rows = self.sight_model.objects.filter(group_id__in=groups_of(user))
        return rows.values("meeting_id")

    def seen_q(self, user) -> Q:
        """The condition "a dossier on the meeting's agenda is visible to `user`" for a query
        of meetings (`seen_meetings`)."""
        return Q(pk__in=self.seen_meetings(user))

    def shown_count(self, user, counted):
        """For annotating meetings: the number of agenda items `user` sees on each, `counted`
        (the file's count of the visible items, an expression) worked out only where the rows
        cannot tell. Where exactly one of the user's groups sees the meeting, that group's
        `items` is the answer: the user's other groups see nothing on it. Where several do,
        their items may overlap, and `counted` counts them."""
        single = (
            self.sight_model.objects.filter(meeting_id=OuterRef("pk"), group_id__in=groups_of(user))
            .order_by()
            .values("meeting_id")
            .annotate(groups=Count("pk"), only=Max("items"))
            .filter(groups=1)
            .values("only")
        )
        return Coalesce(Subquery(single, output_field=IntegerField()), counted)
