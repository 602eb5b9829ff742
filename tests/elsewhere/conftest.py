"""Two Veiligheidshuizen: one asks "bekend elders?", the other holds dossiers about the person
(K1-K3). Built through the services."""

import pytest

from elsewhere import services
from subjects.registry import Identity
from tests.factories import VeiligheidshuisFactory, data_file, kennemerland
from tests.module_world import per_module
from tests.weegploeg.factories import PERSON, Weegploeg, beheerder_of, signal


def identity(**changes) -> Identity:
    fields = {key: PERSON[key] for key in ("surname", "given_names", "date_of_birth", "prefix")}
    return Identity(**{**fields, "bsn": PERSON["bsn"], **changes})


# The Veiligheidshuis whose uitvoerder asks (Kennemerland), and another, which holds dossiers.
asking_built, asking = per_module(lambda: Weegploeg(kennemerland()), name="asking")
holding_built, holding = per_module(
    lambda: Weegploeg(VeiligheidshuisFactory(code="zaanstreek", name="Veiligheidshuis Zaanstreek")),
    name="holding",
)


@pytest.fixture
def beheerder(asking):
    user = beheerder_of(asking.haarlem)
    user.is_verified = lambda: True  # signed in with both factors
    return user


def give_basis(thing, by):
    """The file of `thing` (a Veiligheidshuis's weegploeg, a casusoverleg) gets a basis."""
    return services.record_basis(
        data_file(thing), basis="Art. 8 lid 3 convenant", reference="CTER-NH-2017 art. 8", by=by
    )


@pytest.fixture
def with_basis(asking, holding, beheerder):
    """Both weegploeg files record a legal basis for the check."""
    give_basis(asking.region, beheerder)
    give_basis(holding.region, beheerder)


def dossier(wp, **person):
    """A weegploeg dossier about the person (Piet Jansen, 17-5-1990 unless changed) in wp."""
    return signal(by=wp.agent, brought_by=wp.politie, region=wp.region, person=person).assessment


def ask(wp, who=None, **changes):
    return services.check(
        identity(**changes), by=who or wp.uitvoerder, data_file=data_file(wp.region)
    )
