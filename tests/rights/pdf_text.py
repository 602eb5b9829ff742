"""Read a PDF's text back, to check what it says, not only that it exists."""

import io
import re

from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    """The text of every page, with runs of whitespace (line breaks included) made one space."""
    reader = PdfReader(io.BytesIO(bytes(data)))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", text)
