from tests.factories import kennemerland
from tests.insights.fixtures import World
from tests.module_world import per_module

world_built, world = per_module(lambda: World(kennemerland()), name="world")
