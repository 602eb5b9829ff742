"""The fixtures of most modules of the ICO file's tests: the parties and people of one
casusoverleg (`Ico`) and an open case of it with the core parties taking part. A module that
needs them otherwise defines its own, which wins."""

import pytest

from tests.cases.factories import Ico


@pytest.fixture
def ico(region):
    return Ico(region)


@pytest.fixture
def case(ico):
    return ico.open_case()
