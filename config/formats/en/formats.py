# English pages give dates and numbers as the Dutch ones do (ADR 0017): one format, kept in nl.
from config.formats.nl.formats import *  # noqa: F403
