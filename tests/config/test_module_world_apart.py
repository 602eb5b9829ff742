"""tests/module_world.py: in a module where a test asks for another world and not this one, each
test that asks for this world builds its own, as a world built once would stay in the database
for the others too. The tests run in order, on one process (tests/xdist_groups.py)."""

import pytest
from django.utils import timezone

from parties.models import Party
from tests.factories import PartyFactory, kennemerland
from tests.module_world import per_module

pytestmark = pytest.mark.django_db

world_built, world = per_module(
    lambda: PartyFactory(name="Eigen partij", veiligheidshuizen=[kennemerland()]), name="world"
)
other_built, other = per_module(
    lambda: PartyFactory(name="Andere partij", veiligheidshuizen=[kennemerland()]), name="other"
)
moment_built, moment = per_module(timezone.now, name="moment", at="2026-01-02 03:04 +01:00")
SEEN: list[int] = []


def test_a_test_with_the_world(world):
    SEEN.append(world.pk)


def test_a_test_with_the_other_world_only_does_not_see_the_first(other):
    assert not Party.objects.filter(name="Eigen partij").exists()


def test_another_test_with_the_world_builds_its_own(world):
    assert SEEN and world.pk != SEEN[0]


def test_a_world_is_built_at_the_moment_asked_for(moment):
    assert timezone.localtime(moment).isoformat() == "2026-01-02T03:04:00+01:00"
