"""What a printed page may load: the files on this machine it names (fonts, images) and data: URLs,
never anything over the network, whatever its HTML says."""

import base64
import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from pypdf import PdfReader

from meetings.pdf import _unpacked_font, body_pdf
from tests.support.pdf import embedded_fonts, png


@pytest.fixture
def web_server():
    """A server on this machine that records every path asked of it."""
    asked: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    # Polled often, so that shutting it down does not wait out the default half second.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", asked
    server.shutdown()
    server.server_close()


def _png_data_url() -> str:
    return "data:image/png;base64," + base64.b64encode(png(40, 30)).decode()


def _images(pdf: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_printed_page_reaches_no_server_and_keeps_its_own_images_and_font(web_server):
    base, asked = web_server
    pdf = body_pdf(
        f'<link rel="stylesheet" href="{base}/style.css">'
        f'<p>회의 자료</p><img src="{base}/logo.png" alt=""><img src="{_png_data_url()}" alt="">'
    )

    assert asked == []
    assert _images(pdf) == 1, "the data: image is drawn, the remote one is not"
    assert "회의 자료" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    fonts = embedded_fonts(pdf)
    assert fonts and all("Pretendard-GOV" in font for font in fonts), fonts


def test_the_embedded_font_is_unpacked_once_per_process_and_draws_both_weights():
    """WeasyPrint takes the font already unpacked from its WOFF file, for every document after the first."""
    _unpacked_font.cache_clear()
    for _ in range(2):
        pdf = body_pdf("<p>회의 자료 <b>결정 사항</b></p>")
        fonts = embedded_fonts(pdf)
        assert len(fonts) == 2 and all("Pretendard-GOV" in font for font in fonts), fonts
        assert any(font.endswith("-Bold") for font in fonts), fonts
        assert "회의 자료 결정 사항" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert _unpacked_font.cache_info().misses == 2  # the regular and the bold file, once each
