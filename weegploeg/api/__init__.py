"""Moving into a package by area; the next commit splits this module."""

from weegploeg.api.serializers import *  # noqa: F403
