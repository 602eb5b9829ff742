"""gunicorn's settings for the web process, one place for every way it is started: the
production image (Dockerfile), `make run` (Procfile) and the throughput bench
(`bench/throughput.py`); each gives its own `--bind`. Issue 13, ADR 0030.

Workers: `WEB_CONCURRENCY` (gunicorn's own variable), by default two per core and one more.
A page spends much of its time waiting for PostgreSQL (10 queries, each a round trip), and a
sync worker holds its core idle while it waits: with two workers on two cores a core is idle
for that share of every request. Five sync workers on two cores keep both busy; they share
nothing but the database (sessions are in it), so any of them answers any request. Each keeps
one persistent database connection (`DATABASE_CONN_MAX_AGE`), so PostgreSQL sees one per
worker (PgBouncer in front past one machine: README, "Past one machine").

Sync workers rather than threads (gthread): measured alike on two cores (ADR 0030), and a
sync worker runs one request at a time, as every part of the application was written for."""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
accesslog = "-"
