from subjects.registry import DossierRef
from tests.cases.transfer_fixtures import Agendering
from tests.factories import kennemerland
from tests.module_world import per_module


def _world():
    """A weegploeg dossier and an ICO case of the same person in one Veiligheidshuis; its
    uitvoerder (`world.keeper`) handles the requests. `world.refs` names both dossiers."""
    ag = Agendering(kennemerland())
    assessment = ag.assessment()
    case = ag.agendeer(assessment)
    ag.weegploeg_ref = DossierRef("weegploeg", assessment.number)
    ag.ico_ref = DossierRef("ico", case.number)
    ag.refs = [ag.weegploeg_ref, ag.ico_ref]
    return ag


world_built, world = per_module(_world, name="world")
