import pytest

from tests.insights.fixtures import World


@pytest.fixture
def world(region):
    return World(region)
