import pytest

from tests.cases.factories import Ico
from tests.factories import VeiligheidshuisFactory


@pytest.fixture
def ico():
    """In a Veiligheidshuis of its own: the weegploeg's parties have the same names."""
    return Ico(VeiligheidshuisFactory(code="zaanstreek", name="Veiligheidshuis Zaanstreek"))
