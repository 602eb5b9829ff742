"""A real Celery worker for the tests whose behaviour depends on one (O3, I2, R3): the `worker`
fixture runs it in this process on the test broker; `wait_for` polls what it should have done."""

import time

import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app


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
