"""A world built once per test module rather than once per test.

Most tests spend their time in their set-up: a world of parties and users built through the
project's own services is hundreds of queries. `per_module(build)` gives two fixtures: one
of module scope that builds the world in a transaction of its own, rolled back after the
module's last test, and one per test that hands each test a deep copy of it. Each test runs
in a savepoint inside that transaction (pytest-django's own), so what a test writes is rolled
back before the next, and what it changes on the objects it was given stays on its copy.

A world built once stays in the database until the module's last test, whether a later test
asked for it or not. So in each module the tests that ask for no such world run first (this
module is a pytest plugin that orders them), and a world is shared only when every test that
asks for a world asks for this one. A transactional test (`transaction=True`, the live server,
a real worker) cannot run inside a transaction held open: in a module with one, and for a
world not shared, every test builds its own as before."""

import contextlib
import copy
import inspect
from collections.abc import Callable

import pytest
import time_machine
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connections, transaction
from django.test import override_settings


def _fast_hashing():
    return override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


_WORLDS: set[str] = set()  # the names of the module-scoped fixtures `per_module` made


def _asks_for_a_world(item) -> bool:
    return not _WORLDS.isdisjoint(getattr(item, "fixturenames", ()))


def _shareable(request, name: str) -> bool:
    tests = [
        item for item in request.session.items if getattr(item, "module", None) is request.module
    ]
    if any(_transactional(item) for item in tests):
        return False
    return all(f"{name}_built" in item.fixturenames for item in tests if _asks_for_a_world(item))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """In each module, the tests that ask for no world built once run before those that do, so
    none of them finds such a world in the database; the order is kept otherwise."""
    ordered, run = [], []
    for item in [*items, None]:
        module = getattr(item, "module", None)
        if run and (item is None or module is not getattr(run[0], "module", None)):
            ordered += [test for test in run if not _asks_for_a_world(test)]
            ordered += [test for test in run if _asks_for_a_world(test)]
            run = []
        if item is not None:
            run.append(item)
    items[:] = ordered


def _lost(connection) -> bool:
    return (
        connection.closed_in_transaction
        or connection.connection is None
        or (connection.connection.closed)
    )


def _signature(*names: str) -> inspect.Signature:
    return inspect.Signature(
        [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY) for name in names]
    )


def per_module(
    build: Callable[..., object], *, name: str, uses: tuple[str, ...] = (), at: str | None = None
):
    """The fixture `name`, a deep copy per test of what `build()` made once per module, and
    the module-scoped fixture behind it; assign both in the conftest or test module:
    `world_built, world = per_module(lambda: World(kennemerland()), name="world")`. `uses`:
    fixtures of module scope (or wider) whose values `build` takes, in that order. `at`: the
    moment the world is built at, for a module whose tests stand the clock still."""

    def make(fixtures):
        clock = time_machine.travel(at, tick=False) if at else contextlib.nullcontext()
        with clock:
            return build(*(fixtures[use] for use in uses))

    def built(**fixtures):
        request = fixtures["request"]
        if not _shareable(request, name):
            yield None
            return
        # Only the test client keeps the test's connection open across a request; other
        # requests (the API's request factory) must not close the transaction held open.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            with fixtures["django_db_blocker"].unblock(), _fast_hashing(), transaction.atomic():
                yield make(fixtures)
                transaction.set_rollback(True)
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)

    def fresh(**fixtures):
        once = fixtures[f"{name}_built"]
        if once is None:
            yield make(fixtures)
            return
        # A cache filled by an earlier test of the module could name rows it rolled back.
        for cache in caches.all():
            cache.clear()
        yield copy.deepcopy(once)
        if _lost(connections["default"]):
            pytest.fail(
                f"This test closed the database connection (a management command run as from "
                f"the shell closes it), and the world {name!r} built once for the module went "
                f"with its transaction: let this test build a world of its own."
            )

    _WORLDS.add(f"{name}_built")
    built.__signature__ = _signature("request", "django_db_setup", "django_db_blocker", *uses)
    # The module's world asked for by name, so pytest sets it up before the test's own
    # transaction (fixtures of a wider scope first), which then nests inside it.
    fresh.__signature__ = _signature(f"{name}_built", "db", *uses)
    return (
        pytest.fixture(scope="module", name=f"{name}_built")(built),
        pytest.fixture(name=name)(fresh),
    )
