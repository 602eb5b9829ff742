"""PDFs of the subject's rights (letters, the access overview): `config.pdf.render_pdf`."""

from config.pdf import render_pdf

__all__ = ["render_pdf"]
