"""Moving into a package by area; the next commit splits this module."""

from parties.views.parties import *  # noqa: F403
