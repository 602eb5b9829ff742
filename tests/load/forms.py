"""Reading a page's form as a browser would submit it, for the load and fault tests that post
through a real server: every field with the value the page gives it (hidden fields and the
CSRF token included, a select's chosen or first real option, checked boxes), so a test only
fills in what a user would type. Standard library only: the locustfile uses it too."""

import re
from html.parser import HTMLParser


class _Form(HTMLParser):
    def __init__(self, action: str):
        super().__init__(convert_charrefs=True)
        self.wanted = action
        self.inside = False
        self.done = False
        self.fields: dict[str, str] = {}
        self._select: str | None = None
        self._select_first: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if self.done:
            return
        if tag == "form":
            action = attributes.get("action", "")
            is_post = attributes.get("method", "get").lower() == "post"
            self.inside = is_post and action in ("", self.wanted)
            return
        if not self.inside:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            self.fields[name] = attributes.get("value", "on" if kind == "checkbox" else "")
        elif tag == "select" and name:
            self._select, self._select_first = name, None
        elif tag == "option" and self._select:
            value = attributes.get("value", "")
            if self._select_first is None and value:
                self._select_first = value
            if "selected" in attributes:
                self.fields[self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            if not self.fields.get(self._select):
                self.fields[self._select] = self._select_first or ""
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self.inside:
            self.inside = False
            self.done = True


def form_fields(html: str, action: str) -> dict[str, str]:
    """The fields of the page's first POST form to `action`. A form without an action posts
    to its own page: give the page's path. (The header's language switch posts elsewhere.)"""
    parser = _Form(action)
    parser.feed(html)
    return {name: value.strip("\n") for name, value in parser.fields.items()}


def links(html: str, pattern: str) -> list[str]:
    """The distinct hrefs of the page that match the regular expression `pattern`."""
    found = re.findall(r'href="([^"]+)"', html)
    return sorted({href for href in found if re.fullmatch(pattern, href)})
