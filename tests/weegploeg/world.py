"""The fixture `wp`, for every test module: a Weegploeg of Kennemerland
(`tests.weegploeg.factories.Weegploeg`) built once per module that asks for it, each test given a
copy (`tests.module_world.per_module`). A plugin of tests/conftest.py. A module that wants another
world under this name defines its own `wp_built` and `wp`, which take precedence."""

from tests.factories import kennemerland
from tests.module_world import per_module
from tests.weegploeg.factories import Weegploeg

wp_built, wp = per_module(lambda: Weegploeg(kennemerland()), name="wp")
