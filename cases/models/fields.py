"""Field helpers shared by the models of the ICO file."""

from django.conf import settings
from django.db import models

USER = settings.AUTH_USER_MODEL


def user_fk(**kwargs):
    return models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", **kwargs)
