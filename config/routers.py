"""The heavy reads on a streaming replica (issue 13, README "Past one machine").

Management information (`insights/`) and the reviews of oversight (the access log and its
reviews, the authorisation reviews: `security/urls/`) read large parts of the files and of the
audit table, and can bear a replica's lag of a moment. Their pages read from the `replica`
database when `DATABASE_REPLICA_URL` configures one; everything else, every write, and every
read inside a transaction stay on `default`. Without a replica the router decides nothing.

Which reads go there is decided by the page, not by the model: the same tables are read for a
dossier's page (on the primary, fresh) and for the figures (on the replica). A page declares it
by its URL patterns (`on_replica(...)`); only its GET and HEAD requests read from the replica,
so a form's POST validates against the primary. Sign-in, session and user are read by the
middleware before the view, on the primary."""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.db import DEFAULT_DB_ALIAS, connections
from django.urls import URLPattern

REPLICA = "replica"
SAFE_METHODS = ("GET", "HEAD")

_reading_from_replica: ContextVar[bool] = ContextVar("reading_from_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in connections.settings


def _in_transaction() -> bool:
    """Inside a transaction the code opened on the primary: what it reads there it may write
    next, so it reads the primary. (A test case's own wrapping transaction is none, as in
    Django's check of durable blocks.)"""
    blocks = connections[DEFAULT_DB_ALIAS].atomic_blocks
    return any(not block._from_testcase for block in blocks)


@contextmanager
def replica_reads():
    """Reads in this block go to the replica, when there is one."""
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


def reads_from_replica(view):
    """The view's GET and HEAD read from the replica, its template rendered in the same block
    (a TemplateResponse renders after the view returns, and its querysets are evaluated
    then)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in SAFE_METHODS:
            return view(request, *args, **kwargs)
        with replica_reads():
            response = view(request, *args, **kwargs)
            if callable(getattr(response, "render", None)):
                response = response.render()
        return response

    return wrapped


def on_replica(patterns: list) -> list:
    """The URL patterns, their views reading from the replica (`reads_from_replica`)."""
    return [
        URLPattern(p.pattern, reads_from_replica(p.callback), p.default_args, p.name)
        for p in patterns
    ]


class ReplicaRouter:
    """`DATABASE_ROUTERS`: the replica for the reads of `replica_reads` outside a transaction,
    the primary for everything else; with no replica configured, no opinion at all."""

    def db_for_read(self, model, **hints):
        if not replica_configured():
            return None
        if _reading_from_replica.get() and not _in_transaction():
            return REPLICA
        # Also for an object read from the replica: its related rows are read fresh.
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        # An object read from the replica is saved on the primary (the replica is read-only).
        return DEFAULT_DB_ALIAS if replica_configured() else None

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: a row read there may refer to one read here.
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return False if db == REPLICA else None
