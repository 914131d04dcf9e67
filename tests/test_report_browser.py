"""The report in a real browser: headless Chromium (Debian's /usr/bin/chromium) over a localhost server.

For every page reachable from the index: the DOM Chromium built holds the page's heading and
landmarks, the console stayed silent (no page has a script, so any console line is a fault), and
every resource the page asked for was served (the server records each request and its status).
Then a screenshot of a measure page with a trend chart. Skipped, saying why, without Chromium:
CI installs it with `apt-get install -y chromium`.
"""

from __future__ import annotations

import functools
import html
import http.server
import re
import struct
import subprocess
import tempfile
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from test_report import MEASURE_PAGE, reachable, run, write_fixture

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
TIMEOUT = 90
CONSOLE = re.compile(r"Uncaught|ERROR:CONSOLE|:CONSOLE[:(]")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.is_file(),
    reason="Chromium puuttuu (/usr/bin/chromium): asenna se komennolla "
    "`apt-get update && apt-get install -y chromium` / Chromium missing: apt-get install -y chromium",
)


class Recorder(http.server.SimpleHTTPRequestHandler):
    """Serves the site quietly and remembers (path, status) of every request."""

    requests: ClassVar[list[tuple[str, int]]] = []

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        self.requests.append((self.path, int(code) if str(code).isdigit() else 0))

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, list[tuple[str, int]]]]:
    base = tmp_path_factory.mktemp("selain")
    root = write_fixture(base / "repo")
    site = base / "site"
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("SEURANTA_TODAY", "2023-01-01")
        code, output = run(["report", "--out", str(site)], root, monkeypatch)
    assert code == 0, output
    requests: list[tuple[str, int]] = []
    handler = type("SiteRecorder", (Recorder,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", site, requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        return subprocess.run(
            [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *args],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )


def console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if CONSOLE.search(line)]


def test_every_page_in_the_browser(served: tuple[str, Path, list[tuple[str, int]]]) -> None:
    url, site, requests = served
    pages = sorted(p.relative_to(site).as_posix() for p in reachable(site))
    assert len(pages) == 7
    for page in pages:
        static = re.search(r"<h1>(.*?)</h1>", (site / page).read_text(encoding="utf-8"), re.DOTALL)
        assert static is not None, page
        done = chromium("--dump-dom", url + page)
        assert done.returncode == 0, (page, done.stderr[-2000:])
        dom = done.stdout
        assert '<main id="sisalto"' in dom and "<header" in dom and "<nav" in dom, page
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", dom, re.DOTALL)
        assert h1 is not None and html.unescape(h1.group(1)) == html.unescape(static.group(1)), page
        assert "<script" not in dom, page
        assert console_lines(done.stderr) == [], page
    failed = [(path, status) for path, status in requests if status >= 400]
    assert failed == []
    asked = {path for path, _status in requests}
    assert "/tyyli.css" in asked
    assert "/" + MEASURE_PAGE in asked


def _png_size_and_pixels(data: bytes) -> tuple[int, int, bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    chunks, offset = [], 8
    while offset < len(data):
        length = struct.unpack(">I", data[offset : offset + 4])[0]
        kind = data[offset + 4 : offset + 8]
        if kind == b"IDAT":
            chunks.append(data[offset + 8 : offset + 8 + length])
        offset += 12 + length
    return width, height, zlib.decompress(b"".join(chunks))


def test_screenshot_of_a_measure_page_with_a_trend(
    served: tuple[str, Path, list[tuple[str, int]]], tmp_path: Path
) -> None:
    url, site, _requests = served
    assert '<figure class="chart" id="kuvio-1">' in (site / MEASURE_PAGE).read_text(encoding="utf-8")
    shot = tmp_path / "toimenpide.png"
    done = chromium(f"--screenshot={shot}", "--window-size=1280,2000", url + MEASURE_PAGE)
    assert done.returncode == 0, done.stderr[-2000:]
    assert console_lines(done.stderr) == []
    data = shot.read_bytes()
    assert len(data) > 20_000
    width, height, pixels = _png_size_and_pixels(data)
    assert (width, height) == (1280, 2000)
    assert len(set(pixels)) > 32
