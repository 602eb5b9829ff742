"""Moving into a package by area; the next commit splits this module."""

from weegploeg.views.actions import *  # noqa: F403
