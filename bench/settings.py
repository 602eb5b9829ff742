"""The product's settings with one URL more: the do-nothing view of figure (f). Used only by
`bench/throughput.py`'s gunicorn (DJANGO_SETTINGS_MODULE=bench.settings); never in production."""

from config.settings import *  # noqa: F403 - the product's settings, unchanged

ROOT_URLCONF = "bench.urls"
