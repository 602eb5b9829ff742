"""A real Celery worker for the tests whose behaviour depends on one (O3, I2, R3): the `worker`
fixture runs it in this process on the test broker; `wait_for` polls what it should have done."""

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app


@pytest.fixture(scope="session", autouse=True)
def broker_per_process():
    """`make test` runs the suite on two processes (pytest-xdist): each gets a broker database
    of its own (the one configured, minus one per process), so a worker of one process never
    takes a job the other queued. Set before anything connects to the broker."""
    process = os.environ.get("PYTEST_XDIST_WORKER", "")
    if process.startswith("gw") and app.conf.broker_url.startswith("redis://"):
        base, _, database = app.conf.broker_url.rpartition("/")
        url = f"{base}/{int(database) - 1 - int(process[2:])}"
        # Celery reads CELERY_BROKER_URL from the environment before its own setting.
        os.environ["CELERY_BROKER_URL"] = url
        app.conf.broker_url = url


@pytest.fixture
def worker():
    app.control.purge()
    with start_worker(app, perform_ping_check=False, shutdown_timeout=30):
        yield


def wait_for(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("the worker did not finish in time")
