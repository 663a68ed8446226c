"""The HTML report opened in a real browser (Debian's Chromium, headless), as a care team would
open it: the page as the browser builds it, on a phone's screen, and printed.

scripts/test.sh installs Chromium (IVIG_TEST_BROWSER=1 bash scripts/setup.sh, Debian only);
without it these tests are skipped, and say why.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import assert_no_traceback, run_ivig, run_text, say

CHROMIUM = next((path for path in map(shutil.which, ("chromium", "chromium-browser",
                                                      "google-chrome")) if path), None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (scripts/test.sh installs Debian's "
    "chromium package; elsewhere put chromium on PATH)")

EMERGENCY = ["I have kidney disease", "my throat is swelling", "next"]
"""The first session: a risk factor, then an emergency, moved on with a command."""
HEADACHE = ["I have a headache", "repeat", "no", "<b>my neck</b> is stiff"]
"""The second: a complaint, a command, an answer, words that look like markup."""
DOZEN = ["I have a headache", "no", "no", "seven", "I feel sick", "my legs are swollen", "both",
         "I have kidney disease", "my infusion ended at two", "I have a fever", "38.5",
         "my pee looks like strong tea"]
"""A long session: twelve turns reported, none a command."""
PHONE = (390, 844)
"""CSS pixels of a common phone screen."""
EMERGENCY_RED = (0xB0, 0x00, 0x20)
"""The chart's colour for the emergency level (voice.report.LEVEL_COLOURS)."""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list, list]:
    """`ivig-voice journal --export html --output report.html` after two sessions; the
    sessions' --jsonl replies."""
    folder = tmp_path_factory.mktemp("report")
    first = run_text(EMERGENCY, folder / "data")
    second = run_text(HEADACHE, folder / "data")
    assert first.returncode == 0 and second.returncode == 0
    target = folder / "report.html"
    made = run_ivig(["journal", "--export", "html", "--output", str(target),
                     "--data-dir", str(folder / "data")])
    assert made.returncode == 0, made.stderr
    assert_no_traceback(made.stderr)
    return target, first.replies, second.replies


def chromium(*args: str, profile: Path) -> str:
    """Run headless Chromium with its own profile folder; its standard output."""
    assert CHROMIUM is not None
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-extensions", "--disable-background-networking",
         f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "HOME": str(profile)})
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


# -- the page as the browser built it ---------------------------------------------------------
@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def all(self, tag: str, cls: str | None = None) -> list[Node]:
        """Every node below with this tag (and class)."""
        found = []
        for child in self.children:
            if child.tag == tag and (cls is None or cls in child.attrs.get("class", "").split()):
                found.append(child)
            found.extend(child.all(tag, cls))
        return found

    def words(self) -> str:
        """The text inside, as the reader sees it."""
        return " ".join((self.text + " " + " ".join(c.words() for c in self.children)).split())


VOID = {"meta", "br", "col", "img", "input", "link", "hr"}


class Tree(HTMLParser):
    """The DOM Chromium printed, as a tree of Nodes."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        while len(self.stack) > 1 and self.stack.pop().tag != tag:
            pass

    def handle_data(self, data: str) -> None:
        self.stack[-1].text += data


def cells(row: Node) -> dict[str, Node]:
    return {cell.attrs.get("data-label", ""): cell for cell in row.all("td")}


def test_the_browser_shows_each_session_its_header_answers_beside_questions_and_a_chart(
        report, tmp_path):
    target, first, second = report
    dom = Tree(chromium("--dump-dom", target.as_uri(), profile=tmp_path)).root
    sessions = dom.all("section", "session")
    assert len(sessions) == 2, "one section per session"

    for section, lines, replies in zip(sessions, (EMERGENCY, HEADACHE), (first, second),
                                       strict=True):
        header = dict(zip((dt.words() for dt in section.all("dt")),
                          (dd.words() for dd in section.all("dd")), strict=True))
        assert header["Highest level"] == replies[-1]["level"].replace("_", " ")
        assert header["Risk factors"] == "kidney disease"
        assert header["Start"] and header["End"]
        rows = [cells(row) for row in section.all("tr", "turn")]
        assert [row["Patient said"].words() for row in rows] == [
            line for line in lines if line not in ("next", "repeat")], "commands left out"
        chart = section.all("svg", "chart")
        assert len(chart) == 1
        dots = chart[0].all("circle")
        assert [dot.attrs["data-level"] for dot in dots] == [r["level"] for r in replies[1:]], (
            "one dot per turn at the level it reached")

    answer = next(row for row in map(cells, sessions[1].all("tr", "turn"))
                  if row["Patient said"].words() == "no")
    assert answer["Question asked"].words() == say("ask.stiff_neck")
    marked_up = next(row for row in map(cells, sessions[1].all("tr", "turn"))
                     if "my neck" in row["Patient said"].words())
    assert marked_up["Patient said"].words() == "<b>my neck</b> is stiff"
    assert not marked_up["Patient said"].all("b"), "the patient's words stay text"
    assert not dom.all("script")


# -- on a phone -------------------------------------------------------------------------------
MEASURE = """<!doctype html><html><body style="margin:0">
<iframe id="phone" src="REPORT" style="width:WIDTHpx;height:HEIGHTpx;border:0"></iframe>
<script>
document.getElementById("phone").addEventListener("load", () => {
  const page = document.getElementById("phone").contentDocument;
  const size = (selector) => page.querySelector(selector).getBoundingClientRect().width;
  const measured = {
    viewport: page.documentElement.clientWidth,
    content: page.documentElement.scrollWidth,
    answer_font: parseFloat(getComputedStyle(page.querySelector("td.heard")).fontSize),
    header_font: parseFloat(getComputedStyle(page.querySelector("dl.header dd")).fontSize),
    chart: size("svg.chart"),
    table_head: getComputedStyle(page.querySelector("thead")).display,
  };
  const out = document.createElement("pre");
  out.id = "measured";
  out.textContent = JSON.stringify(measured);
  document.body.appendChild(out);
});
</script></body></html>"""
"""A page holding the unchanged report in a phone-sized frame, and measuring it there."""


def test_on_a_phone_nothing_runs_off_the_screen_and_the_text_is_large(report, tmp_path):
    target, _, _ = report
    frame = tmp_path / "phone.html"
    frame.write_text(MEASURE.replace("REPORT", target.as_uri()).replace(
        "WIDTH", str(PHONE[0])).replace("HEIGHT", str(PHONE[1])))
    page = chromium("--allow-file-access-from-files", "--dump-dom", frame.as_uri(),
                    profile=tmp_path / "profile")
    found = re.search(r'<pre id="measured">(.*?)</pre>', page)
    assert found, page[-2000:]
    measured = json.loads(found.group(1).replace("&quot;", '"'))
    assert 360 <= measured["viewport"] <= PHONE[0]
    assert measured["content"] <= measured["viewport"], f"sideways scrolling: {measured}"
    assert measured["answer_font"] >= 18 and measured["header_font"] >= 18, measured
    assert measured["chart"] >= 0.9 * measured["viewport"] - 24, "the chart fills the width"
    assert measured["table_head"] == "none", "rows are stacked, each cell with its label"


def read_png(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB(A) rows of an 8-bit PNG (as Chromium writes screenshots)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, packed = 8, b""
    width = height = depth = colour = interlace = 0
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            packed += body
    assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
    step = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(packed), width * step
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - step] if i >= step else 0
            up, corner = previous[i], previous[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                near = min((abs(guess - left), 0, left), (abs(guess - up), 1, up),
                           (abs(guess - corner), 2, corner))[2]
                line[i] = (line[i] + near) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, [bytes(r[i:i + 3]) for r in rows for i in range(0, stride, step)]


def test_a_phone_screenshot_shows_the_chart_and_nothing_cut_off_at_the_edge(report, tmp_path):
    target, _, _ = report
    shot = tmp_path / "phone.png"
    chromium(f"--window-size={PHONE[0]},{PHONE[1]}", "--hide-scrollbars",
             f"--screenshot={shot}", target.as_uri(), profile=tmp_path / "profile")
    width, height, pixels = read_png(shot)
    assert (width, height) == PHONE
    assert pixels.count(bytes(EMERGENCY_RED)) > 50, (
        "the emergency dots of the first session's chart are on the first screen")
    edge = [pixels[y * width + x] for y in range(height) for x in range(width - 6, width)]
    assert set(edge) == {b"\xff\xff\xff"}, "nothing runs into the right edge of the screen"


# -- printed ----------------------------------------------------------------------------------
def test_printed_each_session_is_one_page(report, tmp_path):
    target, _, _ = report
    pdf = tmp_path / "report.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", target.as_uri(),
             profile=tmp_path / "profile")
    assert pdf_pages(pdf) == 2, "a page for each of the two sessions"


def test_printed_a_session_of_a_dozen_turns_fits_on_one_page(tmp_path):
    assert run_text(DOZEN, tmp_path / "data").returncode == 0
    target, pdf = tmp_path / "report.html", tmp_path / "report.pdf"
    made = run_ivig(["journal", "--export", "html", "--output", str(target),
                     "--data-dir", str(tmp_path / "data")])
    assert made.returncode == 0, made.stderr
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", target.as_uri(),
             profile=tmp_path / "profile")
    assert pdf_pages(pdf) == 1


def pdf_pages(pdf: Path) -> int:
    """Pages in a PDF Chromium printed (US Letter, its default: shorter than A4)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))
