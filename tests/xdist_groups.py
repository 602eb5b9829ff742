"""Under pytest-xdist (`make test` runs `-n 2`), the tests that share a costly fixture run on one
process, so the fixture is built once rather than once per process: a module-scoped world (a
seed, a second installation) or the load tests' session-scoped cluster. Every other test goes
to whichever process is free, one at a time, as with xdist's default `--dist load`.

xdist's own `--dist loadgroup` with `xdist_group` marks would say this per module, but it
renames the collected items, which pytest 9 no longer allows; it silently groups nothing.
Hence the groups by path below, and the scheduler that keeps them together (the groups first,
the largest first, then the rest in their order)."""

import pytest
from xdist.scheduler import LoadScopeScheduling

# test module -> its group (modules of one group share a session-scoped fixture)
GROUPS = {
    # module-scoped seeds and worlds, each rolled back after the module
    "tests/parties/test_demo.py": "demo",
    "tests/elsewhere/test_k1_demo.py": "k1_demo",
    "tests/parties/test_seed_scale.py": "seed_scale",
    "tests/parties/test_work_queue.py": "work_queue",
    "tests/config/test_query_budget.py": "query_budget",
    "tests/config/test_openapi_rules.py": "openapi_rules",
    # tests of tests/module_world.py that need their module's tests in order on one process
    "tests/config/test_module_world.py": "module_world",
    "tests/config/test_module_world_apart.py": "module_world_apart",
    # a second installation: a database migrated and seeded, gunicorn and nginx
    "tests/elsewhere/test_k2_two_installations.py": "k2_two_installations",
    # the load tests' private cluster with the demo seeded (`load_site`)
    "tests/load/test_balancer.py": "load_site",
    "tests/load/test_postgres_load.py": "load_site",
    "tests/load/test_postgres_restart.py": "load_site",
}


class SharedFixtureScheduling(LoadScopeScheduling):
    def _split_scope(self, nodeid: str) -> str:
        return GROUPS.get(nodeid.split("::", 1)[0], nodeid)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Only in place of the default `--dist load`: another `--dist` asked for is kept."""
    if config.getvalue("dist") == "load":
        return SharedFixtureScheduling(config, log)
    return None
