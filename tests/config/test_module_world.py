"""tests/module_world.py: a world built once for a module whose every test asks for it, each test
given a copy of its own, and what a test changes in it rolled back before the next. The tests
run in order, on one process (tests/xdist_groups.py)."""

import pytest

from parties.models import Party
from tests.factories import PartyFactory, kennemerland
from tests.module_world import per_module

pytestmark = pytest.mark.django_db

world_built, world = per_module(
    lambda: PartyFactory(name="Gedeelde partij", veiligheidshuizen=[kennemerland()]),
    name="world",
)
SEEN: list[int] = []


def test_the_first_test_changes_its_world(world):
    SEEN.append(world.pk)
    world.name = "Veranderde partij"
    world.save()
    PartyFactory(
        name="Partij van de eerste test", veiligheidshuizen=[world.veiligheidshuizen.get()]
    )


def test_the_next_test_gets_the_same_world_as_built(world):
    assert world.pk == SEEN[0]  # built once, not again for this test
    assert world.name == "Gedeelde partij"  # a copy of its own, not the one changed before
    assert Party.objects.get(pk=world.pk).name == "Gedeelde partij"  # the change rolled back
    assert not Party.objects.filter(name="Partij van de eerste test").exists()


def test_a_test_without_the_world_runs_before_those_with_it():
    """Last in the file, first in the run: it finds no world in the database."""
    assert SEEN == []
    assert not Party.objects.filter(name="Gedeelde partij").exists()
