"""PDFs rendered with WeasyPrint from a Django template (the subject's letters, the destruction
reports). Nothing is fetched from outside: the template carries its own styles."""

from django.template.loader import render_to_string
from django.utils import translation


def render_pdf(template_name: str, context: dict, *, language: str = "nl") -> bytes:
    """Rendered in `language` (a subject reads Dutch, U4), whatever the user's."""
    from weasyprint import HTML  # imported late: it loads Pango when first used

    with translation.override(language):
        html = render_to_string(template_name, context)
    return HTML(string=html, base_url=None).write_pdf()
