"""The fixtures of most modules of the ICO file's tests: the parties and people of one
casusoverleg (`Ico`), built once per module (tests/module_world.py), and an open case of it
with the core parties taking part. A module that needs them otherwise defines its own, which
wins."""

import pytest

from tests.cases.factories import Ico
from tests.factories import kennemerland
from tests.module_world import per_module

ico_built, ico = per_module(lambda: Ico(kennemerland()), name="ico")


@pytest.fixture
def case(ico):
    return ico.open_case()
