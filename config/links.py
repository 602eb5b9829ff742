"""Links in mails (reminders, alarms): the site's own origin when one is configured
(the first of CSRF_TRUSTED_ORIGINS), else a path. A path names no person: numbers only."""

from django.conf import settings


def link_to(path: str) -> str:
    origins = getattr(settings, "CSRF_TRUSTED_ORIGINS", None) or [""]
    return origins[0].rstrip("/") + path
