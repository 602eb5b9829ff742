from tests.cases.factories import Ico
from tests.factories import VeiligheidshuisFactory
from tests.module_world import per_module


def _ico():
    """In a Veiligheidshuis of its own: the weegploeg's parties have the same names."""
    return Ico(VeiligheidshuisFactory(code="zaanstreek", name="Veiligheidshuis Zaanstreek"))


ico_built, ico = per_module(_ico, name="ico")
