"""Moving into a package by area; the next commit splits this module."""

from cases.api.serializers import *  # noqa: F403
