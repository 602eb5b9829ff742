"""The moment the duty and retention tests stand the clock still at, and the fixture that does
it: a Tuesday morning in December 2026, within office hours (I1-I4, B2-B5)."""

import pytest
import time_machine

NOW = "2026-12-01 10:00 +01:00"


@pytest.fixture
def clock():
    """The clock stands still at `NOW` for the test (its traveller, to move it)."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller
