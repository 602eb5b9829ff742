"""Sessions saved only when something changed (issue 13), with the idle timeout of S4 kept.

Saving the session on every request (Django's `SESSION_SAVE_EVERY_REQUEST`) costs an UPDATE in
its own transaction per request, to push the expiry on. Instead the expiry is pushed on when the
session was last saved longer ago than `REFRESH_SECONDS`: a user who keeps working is saved once
a minute at most, and an idle session ends `SESSION_COOKIE_AGE` after the last save, which is at
most a minute before the last request (with 15 idle minutes: between 14 and 15).

Writing a value the session already holds (a list's remembered filters on every visit) does
not count as a change."""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from config.compiled import CompiledQuery

REFRESH_SECONDS = 60
SAVED_AT = "_saved_at"  # when the session was last saved, in seconds since the epoch


# No session has this key (Django's are 32 lower-case letters and digits): it stands in for the
# request's key in the compiled SQL.
_ANY_KEY = "compiled-query-placeholder-session-key"
_BY_KEY = CompiledQuery(lambda key: Session.objects.filter(session_key=key), (_ANY_KEY,))


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        """Django's read of the session (by its key, unexpired), its SQL compiled once per
        process (`config.compiled`, issue 13): every request reads it."""
        found = _BY_KEY.fetch(self.session_key, using=self.model.objects.db)
        if found and found[0].expire_date > timezone.now():
            return found[0]
        self._session_key = None
        return None

    def __setitem__(self, key, value):
        if key in self._session and self._session[key] == value:
            return
        super().__setitem__(key, value)

    def save(self, must_create=False):
        self._session[SAVED_AT] = int(time.time())
        super().save(must_create=must_create)


def refresh_window() -> int:
    """Seconds after a save within which a request does not save again: a minute, or a tenth of
    a shorter session age."""
    return min(REFRESH_SECONDS, max(settings.SESSION_COOKIE_AGE // 10, 1))


class IdleSessionMiddleware:
    """After the view: a signed-in session that was not changed is saved again only when its
    last save is older than `refresh_window()`, which pushes its expiry on (S4: an idle
    timeout). Placed after SessionMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.modified or session.is_empty():
            return response
        if SESSION_KEY in session and time.time() - session.get(SAVED_AT, 0) >= refresh_window():
            session.modified = True  # SessionMiddleware saves it on the way out
        return response
