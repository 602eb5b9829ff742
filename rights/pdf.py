"""PDFs of the subject's rights (letters, the access overview), rendered with WeasyPrint from a
Django template. Nothing is fetched from outside: the template carries its own styles."""

from django.template.loader import render_to_string
from django.utils import translation


def render_pdf(template_name: str, context: dict, *, language: str = "nl") -> bytes:
    """A subject reads Dutch (U4): the PDF is rendered in `language`, whatever the user's."""
    from weasyprint import HTML  # imported late: it loads Pango when first used

    with translation.override(language):
        html = render_to_string(template_name, context)
    return HTML(string=html, base_url=None).write_pdf()
