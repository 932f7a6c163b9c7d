"""Reading the PDFs the portal prints."""

from io import BytesIO

from pypdf import PdfReader


def embedded_fonts(content: bytes) -> set[str]:
    """The names of the fonts the PDF's pages draw with (a subset's name carries a six-letter prefix)."""
    names = set()
    for page in PdfReader(BytesIO(content)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names
