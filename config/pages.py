"""Helpers shared by the pages of every app: the page size of lists, a service's refusal shown on
its form, and a search term kept out of the URL."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.shortcuts import redirect

PAGE_SIZE = 25


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal on the form, which keeps everything that was typed."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class SessionSearchMixin:
    """A search term can be a person's name: it stays out of the URL, so out of access logs and
    browser history. The form posts it, the session keeps it, the list reads it; the other
    filters, which say nothing about a person, stay in the URL."""

    search_session_key = ""
    url_filters: tuple[str, ...] = ()

    def post(self, request, *args, **kwargs):
        request.session[self.search_session_key] = request.POST.get("q", "").strip()[:200]
        kept = {name: request.POST[name] for name in self.url_filters if request.POST.get(name)}
        return redirect(f"{request.path}?{urlencode(kept)}" if kept else request.path)

    @property
    def search_term(self) -> str:
        return self.request.session.get(self.search_session_key, "")
