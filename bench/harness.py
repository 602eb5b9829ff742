"""The shared part of the bench scripts (issue 13): Django set up against the database in
DATABASE_URL, a user of each function signed in with both factors, and the server time of a
request (median and p95 of N) with its queries.

The time is measured around Django's test client: the whole server side (middleware, view,
queries, template) without the network. Queries are counted in one extra request under
`CaptureQueriesContext`, so recording them does not slow the timed ones."""

import logging
import os
import statistics
import sys
import time
from dataclasses import dataclass

# The functions of the targets, in its order.
FUNCTIONS = ("uitvoerder", "politie", "gemeente", "casuspartij", "chair", "partner", "fg")


def setup(settings_module: str = "config.settings") -> None:
    """Django, as `manage.py` sets it up; the test client's host allowed."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django

    django.setup()
    from django.conf import settings

    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    # The product's own log lines (a page of management information viewed, a PDF's layout
    # steps) would run through the figures: the bench prints warnings and errors only.
    logging.disable(logging.INFO)
    # The heap as a web process has it after start-up (`config.wsgi`).
    from config.heap import settle

    settle()


def scale_label() -> str:
    """BENCH_SCALE as the runner sets it, and the data's size."""
    from weegploeg.models import Assessment

    count = Assessment.objects.count()
    named = os.environ.get("BENCH_SCALE", "")
    return f"{named + ', ' if named else ''}{count} assessments"


def repeats(default: int = 20) -> int:
    return int(os.environ.get("BENCH_REPEATS", default))


def functions() -> tuple[str, ...]:
    """BENCH_FUNCTIONS (comma-separated) limits the functions measured; all by default."""
    wanted = os.environ.get("BENCH_FUNCTIONS", "")
    chosen = [name.strip() for name in wanted.split(",") if name.strip()]
    return tuple(name for name in FUNCTIONS if name in chosen) if chosen else FUNCTIONS


@dataclass
class Timing:
    label: str
    status: int
    median_ms: float
    p95_ms: float
    cpu_ms: float  # the median of this process's CPU time: less moved by a busy machine
    queries: int
    runs: int
    slow: bool = False  # measured once: slower than BENCH_SLOW_SECONDS

    def line(self) -> str:
        once = "  (1 run: slow)" if self.slow else ""
        return (
            f"{self.label:<58} {self.status:>3} {self.median_ms:8.1f} {self.p95_ms:8.1f} "
            f"{self.cpu_ms:7.1f} {self.queries:>5}{once}"
        )


HEADER = f"{'page or endpoint':<58} {'st':>3} {'median':>8} {'p95':>8} {'cpu':>7} {'qrys':>5}  (ms)"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def timed(call, runs: int, cpu: list | None = None) -> list[float]:
    """The seconds each of `runs` calls of `call` took; their CPU seconds (of this process:
    Python, not the database) appended to `cpu` when given."""
    found = []
    for _ in range(runs):
        started, processed = time.perf_counter(), time.process_time()
        call()
        found.append(time.perf_counter() - started)
        if cpu is not None:
            cpu.append(time.process_time() - processed)
    return found


def measure(client, url: str, *, runs: int, label: str = "") -> Timing:
    """One warm-up request, one with its queries counted, then `runs` timed ones. The count is
    of a warm request, as the query-budget tests count (`tests/config/test_query_budget.py`):
    the first request of a process also fills its caches (content types, the site), once."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    def counted() -> int:
        # Each request empties the query log as it starts; empty it before, so the count
        # starts at nought too. The log keeps 9,000 queries at most: 9,000 means "or more".
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured.captured_queries)  # read now: the next request clears the log

    started, processed = time.perf_counter(), time.process_time()
    response = client.get(url)
    first, first_cpu = time.perf_counter() - started, time.process_time() - processed
    # BENCH_REPEATS=0 (the smoke tests), or a page slower than BENCH_SLOW_SECONDS (default
    # 10): the one request, timed, is the figure, and its queries are counted on a second.
    slow = first > float(os.environ.get("BENCH_SLOW_SECONDS", 10))
    if slow:
        runs = 0
    queries = counted()
    cpu: list[float] = []
    seconds = timed(lambda: client.get(url), runs, cpu) or [first]
    cpu = cpu or [first_cpu]
    return Timing(
        label=label or url,
        status=response.status_code,
        median_ms=statistics.median(seconds) * 1000,
        p95_ms=percentile(seconds, 0.95) * 1000,
        cpu_ms=statistics.median(cpu) * 1000,
        queries=queries,
        runs=max(runs, 1),
        slow=slow,
    )


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else float("inf")


def verdict(value: float, target: float, *, at_most: bool = True) -> str:
    """PASS or FAIL against a target, for the reader: a miss never fails the bench."""
    ok = value <= target if at_most else value >= target
    return "PASS" if ok else "FAIL"


# --- the users ---------------------------------------------------------------------------------


def bench_users() -> dict:
    """One user of each function, as the seed (or the demo) made them: the first of each in
    the order of their pk. A function the data lack is left out."""
    from django.db.models import Exists, OuterRef

    from parties.constants import Function, PartyKind, PartyRole
    from parties.models import ConfidentialityDeclaration, FileAuthorisation, User

    live = FileAuthorisation.objects.filter(user=OuterRef("pk"), ended_at__isnull=True)
    users = User.objects.filter(membership__ended_on__isnull=True).order_by("pk")
    working = users.filter(Exists(live))
    functions = "membership__functions__function"
    kind = "membership__party__kind"
    found = {
        "uitvoerder": working.filter(**{functions: Function.UITVOERDER}),
        "politie": working.filter(**{kind: PartyKind.POLITIE}),
        "gemeente": working.filter(**{kind: PartyKind.GEMEENTE}).exclude(
            **{f"{functions}__in": [Function.UITVOERDER, Function.VOORZITTER]}
        ),
        "casuspartij": working.filter(
            membership__party__role=PartyRole.CASUSPARTIJ, **{functions: Function.CASEMANAGER}
        ),
        "chair": working.filter(**{functions: Function.VOORZITTER}),
        "partner": users.filter(membership__party__role=PartyRole.EXTERN).filter(
            Exists(ConfidentialityDeclaration.objects.filter(party=OuterRef("membership__party")))
        ),
        "fg": users.filter(**{functions: Function.FG}),
    }
    chosen = {name: query.first() for name, query in found.items()}
    return {name: user for name, user in chosen.items() if user is not None}


def signed_in(user):
    """A test client signed in as `user` with both factors, as after the real sign-in."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def session_cookie(user) -> str:
    """The session cookie of a new signed-in session of `user` (both factors), for a client
    outside Django (wrk)."""
    from django.conf import settings

    client = signed_in(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def heading(title: str) -> None:
    print(f"\n== {title} ({scale_label()}) ==")
    sys.stdout.flush()
