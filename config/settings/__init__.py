"""Django settings: every value comes from the environment (see `config/environment.py`).

With no environment set the application runs on the embedded default: SQLite and a Celery
broker on the filesystem, both in `data/`. The defaults are the safe production ones; the demo
(`make run`) and the tests relax only what they must, through the same variables.

Django loads this package (`DJANGO_SETTINGS_MODULE=config.settings`); each area has a module of
its own, imported here in a fixed order: the variables are declared in that order, and so listed
in `docs/configuration.md`.
"""

# isort: off
from config.settings.base import *  # noqa: F403
from config.settings.security import *  # noqa: F403
from config.settings.general import *  # noqa: F403
from config.settings.api import *  # noqa: F403
from config.settings.celery import *  # noqa: F403
from config.settings.oversight import *  # noqa: F403
from config.settings.elsewhere import *  # noqa: F403
from config.settings.logs import *  # noqa: F403

# isort: on
