"""Reading a dashboard panel (U1) out of the rendered dashboard: its section by key, its due
items as text, and whether it says it is empty. Shared by the tests of the cross-file apps."""

import re
from html import unescape


def panel(html: str, key: str) -> str | None:
    """The panel's section, or None when the dashboard leaves it out."""
    match = re.search(
        rf'<section[^>]*data-testid="panel-{re.escape(key)}"[^>]*>(.*?)</section>', html, re.S
    )
    return match.group(1) if match else None


def _text(fragment: str) -> str:
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
    return re.sub(r" ([:.,)])", r"\1", text)


def items(html: str, key: str) -> list[str]:
    """The due items of the panel as plain text, in the order shown (empty if no panel)."""
    section = panel(html, key) or ""
    return [
        _text(li)
        for li in re.findall(r'<li[^>]*data-testid="due-item"[^>]*>(.*?)</li>', section, re.S)
    ]


def is_empty(html: str, key: str) -> bool:
    section = panel(html, key)
    return section is not None and 'data-testid="panel-empty"' in section


def overdue(html: str, key: str) -> list[str]:
    """The items the panel marks as overdue or urgent (red), as plain text."""
    section = panel(html, key) or ""
    found = re.findall(r'<li class="[^"]*vh-due--overdue[^"]*"[^>]*>(.*?)</li>', section, re.S)
    return [_text(li) for li in found]


# What a requirement code looks like (U4): "P6", "C5", "(VH 9.3, C8)", "CTER 12.5". The law
# itself ("AVG 34") may be cited.
CODE = re.compile(r"\b[WBCPRISUOK]\d{1,2}\b|\b(?:VH|CTER) \d")


def codes_in(html: str) -> list[str]:
    """The requirement codes in what a user reads of a page: its text and its titles, labels
    and alternative texts; none of the markup."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    said = re.findall(r'\b(?:title|aria-label|alt|placeholder)="([^"]*)"', html)
    text = " ".join([_text(html), *said])
    return [match.group(0) for match in CODE.finditer(text)]
