from tests.factories import kennemerland
from tests.module_world import per_module
from tests.security.access_log.world import World

world_built, world = per_module(lambda: World(kennemerland()), name="world")
