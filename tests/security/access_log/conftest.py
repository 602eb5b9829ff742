import pytest

from tests.security.access_log.world import World


@pytest.fixture
def world(region):
    return World(region)
