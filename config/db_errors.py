"""The database out of reach (issue 13, O2): a clean 503 instead of a 500, for pages and API.

While PostgreSQL restarts, fails over or refuses connections, every request that needs it
raises Django's `OperationalError` or `InterfaceError`, wherever it happens: in the session or
authentication middleware, in a view, in a template. Django turns an exception anywhere in the
chain into the answer of `handler500`, so this is the one place that sees them all: a page
answers the Dutch "even niet bereikbaar" page, the API an RFC 9457 problem, both 503 with
`Retry-After`. Nothing of the error is shown, and nothing personal is logged: one warning per
request with the method, the route's name and the error's class (no URL, no message: a
message can quote a query). The connection is dropped by Django at the end of the request
(`close_if_unusable_or_obsolete`), so the next request connects anew and the application
recovers by itself when the database is back.

The page is rendered without the request's context processors: they would read the user and
the menu from the very database that is gone."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from config.api import API_PREFIX, plain_problem
from config.api import server_error as any_server_error

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10
_LOGGED = "_database_unavailable_logged"


def database_unavailable(error: BaseException | None) -> bool:
    """Whether `error`, or an error it was raised from, says the database cannot be used now."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def _log_once(request, error: BaseException) -> None:
    # The session middleware may meet the same outage again on the way out (saving the
    # session); the request is logged once.
    if getattr(request, _LOGGED, False):
        return
    setattr(request, _LOGGED, True)
    match = getattr(request, "resolver_match", None)
    logger.warning(
        "Database unavailable: %s %s answered 503 (%s)",
        request.method,
        match.view_name if match else "-",
        type(error).__name__,
    )


def unavailable_response(request):
    """The 503 answer: problem+json under the API, the Dutch page elsewhere."""
    if request.path.startswith(API_PREFIX):
        response = plain_problem(
            503,
            _("Service temporarily unavailable."),
            _("The service cannot be reached for a moment. Please try again in a few minutes."),
        )
    else:
        from django.http import HttpResponse

        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Django's request logger would log it again, with the traceback: logged here once.
    response._has_been_logged = True
    return response


def server_error(request):
    """`handler500` of the site: a database out of reach answers 503; anything else is the
    500 of `config.api.server_error`."""
    error = sys.exc_info()[1]
    if not database_unavailable(error):
        return any_server_error(request)
    _log_once(request, error)
    return unavailable_response(request)
