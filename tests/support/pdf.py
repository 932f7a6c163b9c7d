"""Reading the PDFs the portal prints, and the images a test attaches to them."""

from io import BytesIO

from PIL import Image
from pypdf import PdfReader


def embedded_fonts(content: bytes) -> set[str]:
    """The names of the fonts the PDF's pages draw with (a subset's name carries a six-letter prefix)."""
    names = set()
    for page in PdfReader(BytesIO(content)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def png(width: int = 400, height: int = 300) -> bytes:
    """A plain navy PNG image of the given size."""
    buffer = BytesIO()
    Image.new("RGB", (width, height), "navy").save(buffer, "PNG")
    return buffer.getvalue()
