"""The built reports as a browser shows and prints them (headless Chromium).

The reports are built once per module for the bundled corpus (``data/raw``,
three sources) and for the synthetic twelve-outlet corpus
(``tests/corpora/twelve``), which takes about two minutes. Each page is then
opened in headless Chromium:

* a copy of the page with a small script appended reports, after loading,
  the page's scroll width against its viewport width and whether every
  image decoded (``--dump-dom`` prints the DOM the script wrote into);
* the page is printed to PDF and its pages are counted, so that a report
  stays a readable length as the number of sources grows.

Without ``/usr/bin/chromium`` these tests are skipped, except under CI
(``CI=true``), where a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from framelens.report.build import REPORT_NOTEBOOKS, build_reports

CHROMIUM = Path(os.environ.get("FRAMELENS_CHROMIUM", "/usr/bin/chromium"))
CORPORA = {
    "raw": Path(__file__).resolve().parents[1] / "data" / "raw",
    "twelve": Path(__file__).resolve().parent / "corpora" / "twelve",
}
STEMS = [name.removesuffix(".ipynb") for name in REPORT_NOTEBOOKS]
VIEWPORT = (1024, 800)

#: Printed pages a report may take for the twelve-outlet corpus.
PAGE_BUDGETS = {"02-paragraph-scores": 25, "03-framing-comparison": 40}

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

# Appended to a copy of a report: measures the page once everything has loaded
# and writes the figures into the DOM, where --dump-dom shows them.
PROBE = """<script>
window.addEventListener("load", function () {
  var root = document.documentElement, width = root.clientWidth;
  var wide = [], scrolling = [];
  document.querySelectorAll("body *").forEach(function (el) {
    var name = el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : "");
    var box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1) { wide.push(name + " to " + Math.round(box.right) + "px"); }
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible"
        && getComputedStyle(el).overflowX !== "hidden") {
      scrolling.push(name + " " + el.scrollWidth + "px in " + el.clientWidth + "px");
    }
  });
  var images = Array.prototype.map.call(document.images, function (img) {
    return img.complete && img.naturalWidth > 0;
  });
  var out = document.createElement("pre");
  out.id = "framelens-probe";
  out.textContent = JSON.stringify({
    scrollWidth: root.scrollWidth, clientWidth: width, wide: wide.slice(0, 8),
    scrolling: scrolling.slice(0, 8), images: images.length,
    loaded: images.filter(Boolean).length
  });
  document.body.appendChild(out);
});
</script>"""


def _chromium_or_skip() -> Path:
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    reason = f"headless Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI must run the browser tests")
    pytest.skip(reason)


def _run_chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.fixture(scope="module")
def chromium() -> Path:
    return _chromium_or_skip()


@pytest.fixture(scope="module")
def reports(chromium, tmp_path_factory) -> dict[str, dict[str, Path]]:
    """{corpus name: {report stem: HTML path}} for both corpora."""
    built = {}
    for name, corpus in CORPORA.items():
        out = tmp_path_factory.mktemp(f"reports-{name}")
        written = build_reports(corpus, out, progress=False)
        built[name] = {path.stem: path for path in written}
    return built


@pytest.fixture(scope="module")
def probe(reports, chromium, tmp_path_factory):
    """Measure one report in the browser: probe(corpus, stem) -> dict (cached)."""
    cache: dict[tuple[str, str], dict] = {}

    def measure(corpus: str, stem: str) -> dict:
        if (corpus, stem) not in cache:
            work = tmp_path_factory.mktemp(f"probe-{corpus}-{stem}")
            html = reports[corpus][stem].read_text(encoding="utf-8")
            assert html.count("</body>") == 1
            copy = work / f"{stem}.html"
            copy.write_text(html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
            result = _run_chromium(
                [
                    f"--window-size={VIEWPORT[0]},{VIEWPORT[1]}",
                    "--run-all-compositor-stages-before-draw",
                    "--virtual-time-budget=10000",
                    "--dump-dom",
                    copy.as_uri(),
                ],
                work / "profile",
            )
            found = re.search(r'<pre id="framelens-probe">(.*?)</pre>', result.stdout, re.S)
            assert found, f"Chromium did not run the probe on {stem}: {result.stderr[-500:]}"
            import html as html_lib

            cache[corpus, stem] = json.loads(html_lib.unescape(found.group(1)))
        return cache[corpus, stem]

    return measure


@pytest.fixture(scope="module")
def printed_pages(reports, chromium, tmp_path_factory):
    """Pages of one report printed to PDF: printed_pages(corpus, stem) -> int."""
    cache: dict[tuple[str, str], int] = {}

    def count(corpus: str, stem: str) -> int:
        if (corpus, stem) not in cache:
            work = tmp_path_factory.mktemp(f"pdf-{corpus}-{stem}")
            pdf = work / f"{stem}.pdf"
            result = _run_chromium(
                ["--no-pdf-header-footer", f"--print-to-pdf={pdf}", reports[corpus][stem].as_uri()],
                work / "profile",
            )
            assert pdf.is_file(), f"Chromium printed no PDF for {stem}: {result.stderr[-500:]}"
            cache[corpus, stem] = pdf_page_count(pdf.read_bytes())
        return cache[corpus, stem]

    return count


def pdf_page_count(data: bytes) -> int:
    """Number of page objects in a PDF (Chromium writes no object streams)."""
    pages = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", data))
    if pages == 0:
        raise AssertionError("no /Type /Page object in the PDF: not a PDF Chromium wrote?")
    return pages


# -- the page as a browser shows it ----------------------------------------------------


@pytest.mark.notebooks
@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("corpus", list(CORPORA))
def test_page_does_not_scroll_sideways(probe, corpus, stem):
    m = probe(corpus, stem)
    assert m["scrollWidth"] <= m["clientWidth"], (
        f"{corpus}/{stem}.html is {m['scrollWidth']}px wide in a {m['clientWidth']}px "
        f"window; too wide: {m['wide']}"
    )


@pytest.mark.notebooks
@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("corpus", list(CORPORA))
def test_every_image_loads(probe, corpus, stem):
    m = probe(corpus, stem)
    assert m["images"] >= 1, f"{corpus}/{stem}.html shows no figure"
    assert m["loaded"] == m["images"], (
        f"{corpus}/{stem}.html: {m['images'] - m['loaded']} of {m['images']} images did not load"
    )


@pytest.mark.notebooks
@pytest.mark.parametrize("stem", STEMS)
def test_tables_fit_the_text_column(probe, stem):
    m = probe("twelve", stem)
    assert not m["scrolling"], f"twelve/{stem}.html has content wider than the column: {m['scrolling']}"


# -- the page printed ------------------------------------------------------------------


@pytest.mark.notebooks
@pytest.mark.parametrize("stem", sorted(PAGE_BUDGETS))
def test_printed_report_stays_within_its_page_budget(printed_pages, stem):
    pages = printed_pages("twelve", stem)
    budget = PAGE_BUDGETS[stem]
    message = f"{stem}.html prints on {pages} pages for 12 sources (budget {budget})"
    assert pages <= budget, message


def test_pdf_page_count_reads_page_objects():
    one = b"%PDF-1.4\n1 0 obj <</Type /Pages /Count 2>> endobj\n2 0 obj <</Type /Page>> endobj\n"
    two = one + b"3 0 obj <</Type/Page /Parent 1 0 R>> endobj\n"
    assert pdf_page_count(one) == 1
    assert pdf_page_count(two) == 2
    with pytest.raises(AssertionError):
        pdf_page_count(b"%PDF-1.4 nothing")


def test_missing_browser_fails_under_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(f"{__name__}.CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run"):
        _chromium_or_skip()
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception, match="not found"):
        _chromium_or_skip()
