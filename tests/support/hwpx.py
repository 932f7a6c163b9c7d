"""Reading what an HWPX package draws, for the tests of documents."""

import io
from zipfile import ZipFile

from lxml import etree

NS = {
    "hh": "http://www.hancom.co.kr/hwpml/2011/head",
    "hp": "http://www.hancom.co.kr/hwpml/2011/paragraph",
}


def cell_alignments(data: bytes) -> dict[str, str]:
    """Each table cell's text and its horizontal alignment (LEFT, RIGHT, JUSTIFY…)."""
    with ZipFile(io.BytesIO(data)) as package:
        header = etree.fromstring(package.read("Contents/header.xml"))
        section = etree.fromstring(package.read("Contents/section0.xml"))
    aligned = {
        para.get("id"): para.find("hh:align", NS).get("horizontal")
        for para in header.iterfind(".//hh:paraPr", NS)
    }
    return {
        "".join(paragraph.itertext()): aligned[paragraph.get("paraPrIDRef")]
        for paragraph in section.iterfind(".//hp:tc//hp:p", NS)
    }
