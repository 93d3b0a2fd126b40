"""Tests for framelens.report.build: building HTML reports from the notebooks.

Executing notebooks starts Jupyter kernels, so only the corpus notebook (01)
and the comparison notebook (03) are built here, on tiny synthetic corpora;
the full set of notebooks on the bundled corpus runs under nbmake
(``make test``).
"""

from __future__ import annotations

import ast
import json
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from framelens.errors import CorpusError, FramelensError
from framelens.report.build import (
    REPORT_NOTEBOOKS,
    SHOW_INPUT_TAG,
    build_reports,
    default_notebook_dir,
    escape_md,
    export_html,
    format_interval,
    interval_table,
    side_by_side,
    table,
)

PLANTED = '<script>alert("planted")</script>'

ARTICLE_A = f"""Miracle cure arrives

A new treatment will revolutionize depression care, its makers say. It is a breakthrough.

Doctors are thrilled by the game-changing results, which they call unprecedented. {PLANTED}

The company says the drug works within hours for nearly every patient.
"""

ARTICLE_B = """Questions remain about new treatment

Scientists still don't really know how the treatment works, researchers said.

The evidence may be limited: only a few small trials have been run, and side effects are possible.

Experts cautioned that the results might not hold in larger studies.
"""


class _Cells(HTMLParser):
    """Collect the text of every table cell (td/th) and every <pre> block."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.pre: list[str] = []
        self._stack: list[str] = []
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):  # noqa: D401 - HTMLParser API
        if tag in ("td", "th", "pre"):
            self._stack.append(tag)
            self._buf.append("")

    def handle_endtag(self, tag):
        if self._stack and tag == self._stack[-1]:
            self._stack.pop()
            text = " ".join(self._buf.pop().split())
            (self.pre if tag == "pre" else self.cells).append(text)

    def handle_data(self, data):
        if self._buf:
            self._buf[-1] += data


def _cells(html: str) -> list[str]:
    parser = _Cells()
    parser.feed(html)
    return parser.cells


def _write_corpus(root: Path, articles: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    return root


BRIEF = """A brief

Scientists still don't really know how it works, researchers said.
"""

BUILT = ("01-corpus", "03-framing-comparison")


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    """Three sources: two of three paragraphs, one of a single paragraph."""
    articles = {"hyped": ARTICLE_A, "careful": ARTICLE_B, "brief": BRIEF}
    return _write_corpus(tmp_path_factory.mktemp("corpus"), articles)


@pytest.fixture(scope="module")
def builds(small_corpus, tmp_path_factory) -> tuple[dict[str, str], dict[str, str]]:
    """The corpus (01) and comparison (03) reports, built twice: {stem: html}."""
    results = []
    for run in ("out1", "out2"):
        out = tmp_path_factory.mktemp(run)
        written = build_reports(small_corpus, out, notebooks=["01", "03"], progress=False)
        assert written == [out / f"{stem}.html" for stem in BUILT]
        results.append({p.stem: p.read_text(encoding="utf-8") for p in written})
    return results[0], results[1]


# -- repository notebooks ----------------------------------------------------------


@pytest.mark.parametrize("name", REPORT_NOTEBOOKS)
def test_repository_notebooks_are_stored_without_outputs(name):
    path = default_notebook_dir() / name
    raw = path.read_text(encoding="utf-8")
    assert '"output_type"' not in raw
    nb = nbformat.reads(raw, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count is None for c in code_cells)
    # the first code cell is the papermill parameters cell
    assert "parameters" in code_cells[0].metadata.get("tags", [])
    assert sum("parameters" in c.metadata.get("tags", []) for c in nb.cells) == 1
    # the notebook opens with a level-1 title, which becomes the page title
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")


@pytest.mark.parametrize("name", [n for n in REPORT_NOTEBOOKS if not n.startswith("04")])
def test_corpus_notebooks_take_the_corpus_as_a_parameter(name):
    nb = nbformat.read(default_notebook_dir() / name, as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert re.search(r"^corpus\s*=", params.source, flags=re.M)


# -- building reports ----------------------------------------------------------------


@pytest.mark.notebooks
@pytest.mark.parametrize("stem", BUILT)
def test_report_html_is_written_without_code(builds, stem):
    html = builds[0][stem]
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert re.search(r"<title>[^<]+</title>", html)
    assert "hl-ipython3" not in html  # the class of rendered code
    assert "load_corpus" not in html and "import framelens" not in html
    # every source appears in the results
    cells = _cells(html)
    assert {"hyped", "careful", "brief"} <= set(cells)


@pytest.mark.notebooks
@pytest.mark.parametrize("stem", BUILT)
def test_article_text_is_escaped_in_report(builds, stem):
    html = builds[0][stem]
    assert PLANTED not in html
    if stem.startswith("01"):  # the corpus report shows every block in full
        assert "&lt;script&gt;alert(" in html
    # no <script> element at all: the page needs no JavaScript
    assert re.search(r"<script\b", html, flags=re.I) is None


@pytest.mark.notebooks
@pytest.mark.parametrize("stem", BUILT)
def test_report_is_self_contained(builds, stem):
    html = builds[0][stem]
    assert re.search(r'<img[^>]+src="data:image/png;base64,', html)  # figures embedded
    assert not re.search(r"""<(?:script|link|img)[^>]+(?:src|href)=["']https?://""", html)


@pytest.mark.notebooks
@pytest.mark.parametrize("stem", BUILT)
def test_rebuilding_gives_the_same_numbers(builds, stem):
    first, second = builds[0][stem], builds[1][stem]
    cells_first, cells_second = _cells(first), _cells(second)
    assert len(cells_first) > 10
    assert cells_first == cells_second
    assert first == second


@pytest.mark.notebooks
def test_source_notebooks_are_not_modified(builds):
    for stem in BUILT:
        raw = (default_notebook_dir() / f"{stem}.ipynb").read_text(encoding="utf-8")
        assert '"output_type"' not in raw
        assert "injected-parameters" not in raw


@pytest.mark.notebooks
def test_comparison_report_reads_from_the_numbers(builds):
    html = builds[0]["03-framing-comparison"]
    # the single-paragraph source is named as not tested, the others are compared
    assert "Sources with a single paragraph (brief) are shown but not tested" in html
    cells = _cells(html)
    assert "hyped" in cells and "careful" in cells
    verdicts = {c for c in cells if c == "no clear difference" or c.endswith(" higher")}
    assert verdicts  # the pairwise table has a verdict column
    # the sentence under the table agrees with the table
    n_clear = sum(1 for c in cells if c.endswith(" higher"))
    assert re.search(rf"\b{n_clear} of \d+ comparisons show a clear difference", html)


@pytest.mark.notebooks
def test_comparison_report_on_one_source_explains_instead_of_failing(tmp_path):
    corpus = _write_corpus(tmp_path / "one", {"lonely": ARTICLE_A})
    out = tmp_path / "out"
    written = build_reports(corpus, out, notebooks=["03"], progress=False)
    html = written[0].read_text(encoding="utf-8")
    assert written == [out / "03-framing-comparison.html"]
    assert "needs at least two" in html
    assert "Traceback" not in html and "AnalysisError" not in html
    assert PLANTED not in html


@pytest.mark.notebooks
def test_manifest_file_outside_the_corpus_needs_the_opt_in_in_reports(tmp_path):
    corpus = _write_corpus(tmp_path / "corpus", {"inside": ARTICLE_A})
    (tmp_path / "elsewhere.txt").write_text(ARTICLE_B, encoding="utf-8")
    (corpus / "sources.csv").write_text(
        "source_id,file\ninside,inside.txt\noutside,../elsewhere.txt\n", encoding="utf-8"
    )
    with pytest.raises(CorpusError, match="outside the corpus folder"):
        build_reports(corpus, tmp_path / "refused", notebooks=["01"], progress=False)
    # the opt-in reaches the notebook's own reading of the corpus, not only the check
    written = build_reports(
        corpus, tmp_path / "out", notebooks=["01"], progress=False, allow_outside=True
    )
    html = written[0].read_text(encoding="utf-8")
    assert "outside" in html and "Traceback" not in html


def test_score_cache_gives_what_scoring_gives(small_corpus, tmp_path):
    pytest.importorskip("pyarrow")
    import pandas as pd

    from framelens import load_corpus
    from framelens.report.build import scored_corpus, write_score_cache
    from framelens.scores.scoring import score_frame_with_evidence

    blocks = load_corpus(small_corpus)
    cache = write_score_cache(blocks, tmp_path / "scored")
    cached = scored_corpus(blocks, cache)
    fresh = score_frame_with_evidence(blocks)
    for a, b in zip(cached, fresh, strict=True):
        pd.testing.assert_frame_equal(a, b)
    # a cache is only ever read for the corpus it was written from
    with pytest.raises(FramelensError, match="not those of this corpus"):
        scored_corpus(blocks.iloc[1:], cache)


@pytest.mark.notebooks
def test_report_build_scores_the_corpus_once_for_every_notebook(small_corpus, tmp_path, monkeypatch):
    pytest.importorskip("pyarrow")
    import pandas as pd

    from framelens.report import build as report

    calls = []
    real = report.write_score_cache

    def planted(blocks, folder):
        # the cache the notebooks get says hype is 0.123456 everywhere: if a
        # notebook scored the corpus itself, its tables would show otherwise
        calls.append(folder)
        path = real(blocks, folder)
        scores = pd.read_parquet(path / "scores.parquet").assign(hype=0.123456)
        scores.to_parquet(path / "scores.parquet", index=False)
        return path

    monkeypatch.setattr(report, "write_score_cache", planted)
    build_reports(small_corpus, tmp_path / "out", notebooks=["02", "03"], progress=False)
    assert len(calls) == 1
    paragraphs = pd.read_csv(tmp_path / "out" / "02-paragraph-scores.csv")
    means = pd.read_csv(tmp_path / "out" / "03-source-means.csv")
    assert set(paragraphs["hype"]) == {0.123456}
    assert set(means.loc[means["dimension"] == "hype", "mean"].round(6)) == {0.123456}


# -- errors before any kernel starts ------------------------------------------------


def test_missing_corpus_is_a_corpus_error(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        build_reports(tmp_path / "nowhere", tmp_path / "out", progress=False)
    assert not (tmp_path / "out").exists()


def test_empty_corpus_is_a_corpus_error(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match="no files"):
        build_reports(tmp_path / "empty", tmp_path / "out", progress=False)


def test_unknown_parameter_is_rejected(small_corpus, tmp_path):
    with pytest.raises(FramelensError, match="not_a_parameter"):
        build_reports(small_corpus, tmp_path, notebooks=["01"], parameters={"not_a_parameter": 1},
                      progress=False)


def test_unknown_notebook_name_is_rejected(small_corpus, tmp_path):
    with pytest.raises(FramelensError, match="not one of the reports"):
        build_reports(small_corpus, tmp_path, notebooks=["99-nothing"], progress=False)


# -- export without a kernel ---------------------------------------------------------


def _executed_notebook() -> nbformat.NotebookNode:
    """A notebook that looks executed, built by hand (no kernel needed)."""
    nb = nbformat.v4.new_notebook()
    hidden = nbformat.v4.new_code_cell("secret_code_line = 1")
    hidden.outputs = [nbformat.v4.new_output("stream", name="stdout", text="visible result\n")]
    shown = nbformat.v4.new_code_cell("shown_code_line = 2")
    shown.metadata["tags"] = [SHOW_INPUT_TAG]
    nb.cells = [nbformat.v4.new_markdown_cell("# A <title>\n\nText."), hidden, shown]
    return nb


def test_export_hides_code_except_tagged_cells():
    html = export_html(_executed_notebook(), title="A <title>", hide_input=True)
    assert "secret_code_line" not in html
    assert html.count("hl-ipython3") == 1  # only the tagged cell's code is rendered
    assert "visible result" in html
    assert "shown_code_line" in html
    assert "<title>A &lt;title&gt;</title>" in html


def test_export_can_show_all_code():
    html = export_html(_executed_notebook(), title="t", hide_input=False)
    assert "secret_code_line" in html and "shown_code_line" in html
    assert "In&nbsp;[" not in html  # prompts are hidden either way


def test_export_gives_reproducible_cell_ids():
    one = export_html(_executed_notebook(), title="t")
    two = export_html(_executed_notebook(), title="t")
    assert one == two


# -- display helpers -----------------------------------------------------------------


def test_table_escapes_text_rounds_and_hides_index():
    import pandas as pd

    df = pd.DataFrame({"text": [PLANTED, "a & b"], "score": [0.123456, 2.0]}, index=[7, 8])
    html = table(df).to_html()
    assert PLANTED not in html and "&lt;script&gt;" in html
    assert "0.12" in html and "0.123" not in html
    assert ">7<" not in html  # the meaningless index is hidden
    assert ">7<" in table(df, index=True).to_html()


def test_table_ids_depend_on_content_only():
    import pandas as pd

    df = pd.DataFrame({"a": [1.5, 2.5]})
    assert table(df).to_html() == table(df.copy()).to_html()
    assert table(df).to_html() != table(df + 1).to_html()


def test_table_max_rows_says_what_is_shown():
    import pandas as pd

    html = table(pd.DataFrame({"a": range(10)}), max_rows=3).to_html()
    assert "first 3 of 10 rows" in html.lower()
    assert ">9<" not in html


@pytest.mark.parametrize("value", ["<b>x</b>", "my_source *bold* [link](x)", "a|b", "#1"])
def test_escape_md_leaves_no_markup(value):
    escaped = escape_md(value)
    assert "<" not in escaped
    for ch in "*_[]|#":
        assert not re.search(rf"(?<!\\)\{ch}", escaped)


def test_notebooks_declare_json_serialisable_parameters():
    import papermill

    for name in REPORT_NOTEBOOKS:
        params = papermill.inspect_notebook(str(default_notebook_dir() / name))
        assert "seed" in params and ("corpus" in params or "ratings" in params), name
        for key, p in params.items():
            # the declared value must be a plain literal that survives a JSON
            # round trip (papermill passes parameters as JSON), None included
            try:
                value = ast.literal_eval(p["default"])
            except (ValueError, SyntaxError):
                pytest.fail(f"{name}: parameter {key} = {p['default']} is not a literal")
            assert json.loads(json.dumps(value)) == value, f"{name}: {key}"


def test_interval_table_has_one_row_per_source_in_order():
    import pandas as pd

    summary = pd.DataFrame({
        "source_id": ["b", "b", "a", "a"],
        "dimension": ["hype", "hedging", "hype", "hedging"],
        "n": [3, 3, 1, 1],
        "mean": [0.25, 0.5, 0.1, 0.2],
        "ci_low": [0.1, 0.4, float("nan"), float("nan")],
        "ci_high": [0.4, 0.6, float("nan"), float("nan")],
    })
    wide = interval_table(summary)
    assert wide["source_id"].tolist() == ["b", "a"]
    assert wide.columns.tolist() == ["source_id", "paragraphs", "hype", "hedging"]
    assert wide.loc[0, "hype"] == "0.25 (0.10 to 0.40)"
    assert "no interval" in wide.loc[1, "hype"]
    assert wide["paragraphs"].tolist() == [3, 1]


def test_interval_table_rejects_other_tables():
    import pandas as pd

    with pytest.raises(FramelensError, match="summarize_sources"):
        interval_table(pd.DataFrame({"source_id": ["a"], "mean": [1.0]}))


def test_format_interval_orders_bounds_as_given():
    text = format_interval(-0.1234, -0.3, 0.05, precision=3)
    assert text == "-0.123 (-0.300 to 0.050)"


def test_side_by_side_escapes_titles_and_plain_text():
    class Fake:
        def _repr_html_(self):
            return "<mark>kept</mark>"

    html = side_by_side(Fake(), PLANTED, titles=["<b>A</b>", "B"])._repr_html_()
    assert "<mark>kept</mark>" in html  # displays are embedded as they render themselves
    assert PLANTED not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;A&lt;/b&gt;" in html
    with pytest.raises(FramelensError):
        side_by_side(Fake(), titles=["a", "b"])


# -- the report set: tables, staging, atomic swap ------------------------------------


def _notebook(folder: Path, name: str, params: str, *code: str) -> Path:
    """A small report notebook (title, parameters cell, code cells) on disk."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cell = nbformat.v4.new_code_cell(params)
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {name}"), cell]
    nb.cells += [nbformat.v4.new_code_cell(src) for src in code]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


WRITE_TABLES = """\
from pathlib import Path
if tables_dir is not None:
    for name in which:
        Path(tables_dir, name).write_text("a,b\\n1,2\\n", encoding="utf-8")
print("tables:", which)
"""

PARAMS = 'corpus = "x"\ntables_dir = None\nwhich = ["one.csv"]\nfail = False'


@pytest.fixture(scope="module")
def set_notebooks(tmp_path_factory) -> Path:
    """Two notebooks: 10 writes the tables named by `which`, 20 fails on request."""
    folder = tmp_path_factory.mktemp("notebooks")
    _notebook(folder, "10-tables", PARAMS, WRITE_TABLES)
    _notebook(folder, "20-maybe-fails", PARAMS, "if fail:\n    raise RuntimeError('planted failure')")
    return folder


def _listing(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.notebooks
def test_tables_land_beside_the_html_and_stale_ones_go(small_corpus, set_notebooks, tmp_path):
    out = tmp_path / "out"
    (tmp_path / "out").mkdir()
    (out / "mine.txt").write_text("a file of the user's", encoding="utf-8")
    first = build_reports(small_corpus, out, notebooks=set_notebooks, progress=False,
                          parameters={"which": ["one.csv", "two.csv"]})
    assert [p.name for p in first] == ["10-tables.html", "20-maybe-fails.html"]
    names = set(_listing(out))
    assert {"10-tables.html", "20-maybe-fails.html", "one.csv", "two.csv", "mine.txt"} <= names
    assert (out / "one.csv").read_text(encoding="utf-8") == "a,b\n1,2\n"
    assert not list(out.glob(".framelens-staging-*"))
    # the rebuilt notebook no longer writes two.csv: it goes, the user's file stays
    build_reports(small_corpus, out, notebooks=set_notebooks, progress=False,
                  parameters={"which": ["one.csv"]})
    assert not (out / "two.csv").exists()
    assert (out / "one.csv").exists() and (out / "mine.txt").exists()
    # rebuilding only the other notebook leaves the tables of the first alone
    build_reports(small_corpus, out, notebooks=[set_notebooks / "20-maybe-fails.ipynb"],
                  progress=False)
    assert (out / "one.csv").exists() and (out / "10-tables.html").exists()


@pytest.mark.notebooks
def test_a_relative_out_folder_gets_the_tables_not_the_notebook_folder(
    small_corpus, set_notebooks, tmp_path, monkeypatch
):
    # the kernels run in the notebooks' folder: a relative path handed to them
    # would put the tables there, and the score cache would not be found
    monkeypatch.chdir(tmp_path)
    before = _listing(set_notebooks)
    written = build_reports(small_corpus, "relative-out", notebooks=set_notebooks, progress=False)
    assert [p.name for p in written] == ["10-tables.html", "20-maybe-fails.html"]
    assert (tmp_path / "relative-out" / "one.csv").read_text(encoding="utf-8") == "a,b\n1,2\n"
    assert _listing(set_notebooks) == before


@pytest.mark.notebooks
def test_failed_build_leaves_the_previous_reports_untouched(small_corpus, set_notebooks, tmp_path):
    import papermill

    out = tmp_path / "out"
    build_reports(small_corpus, out, notebooks=set_notebooks, progress=False)
    before = _listing(out)
    mtimes = {p: p.stat().st_mtime_ns for p in out.iterdir()}
    # the first notebook succeeds with new tables, the second fails: nothing changes
    with pytest.raises(papermill.PapermillExecutionError, match="planted failure"):
        build_reports(small_corpus, out, notebooks=set_notebooks, progress=False,
                      parameters={"which": ["new.csv"], "fail": True})
    assert _listing(out) == before
    assert {p: p.stat().st_mtime_ns for p in out.iterdir()} == mtimes
    assert not list(out.glob(".framelens-staging-*"))


@pytest.mark.notebooks
def test_failed_first_build_leaves_no_folder(small_corpus, set_notebooks, tmp_path):
    import papermill

    out = tmp_path / "new" / "out"
    with pytest.raises(papermill.PapermillExecutionError):
        build_reports(small_corpus, out, notebooks=set_notebooks, progress=False,
                      parameters={"fail": True})
    assert not out.exists()


def test_leftover_staging_of_a_killed_build_is_removed(tmp_path):
    import subprocess

    from framelens.report.build import STAGING_PREFIX, _open_staging

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    leftover = tmp_path / f"{STAGING_PREFIX}{dead.pid}-abc123"
    (leftover / "html").mkdir(parents=True)
    (leftover / "html" / "01-corpus.html").write_text("half", encoding="utf-8")
    staging = _open_staging(tmp_path)
    assert not leftover.exists()
    assert staging.parent == tmp_path and staging.name.startswith(STAGING_PREFIX)
    assert staging.name.startswith(f"{STAGING_PREFIX}{os.getpid()}-")


def test_staging_of_a_running_build_is_kept(tmp_path):
    from framelens.report.build import STAGING_PREFIX, _open_staging

    running = tmp_path / f"{STAGING_PREFIX}1-abc123"  # pid 1 is always alive
    running.mkdir()
    _open_staging(tmp_path)
    assert running.exists()


def test_unwritable_out_fails_before_any_notebook_runs(small_corpus, tmp_path, monkeypatch):
    import papermill

    def no_kernel(*args, **kwargs):
        raise AssertionError("a notebook ran although --out cannot be written")

    monkeypatch.setattr(papermill, "execute_notebook", no_kernel)
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    for out in (a_file, a_file / "reports"):
        with pytest.raises(FramelensError, match="cannot write the reports to .*a-file"):
            build_reports(small_corpus, out, notebooks=["01"], progress=False)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="permissions do not stop root from writing")
def test_read_only_out_fails_with_one_line(small_corpus, tmp_path):
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    try:
        with pytest.raises(FramelensError, match="cannot write the reports to .*ro"):
            build_reports(small_corpus, out, notebooks=["01"], progress=False)
    finally:
        out.chmod(0o755)


def test_tables_dir_is_not_a_user_parameter(small_corpus, tmp_path):
    with pytest.raises(FramelensError, match="tables_dir"):
        build_reports(small_corpus, tmp_path, notebooks=["01"], progress=False,
                      parameters={"tables_dir": "/elsewhere"})


@pytest.mark.notebooks
def test_sigterm_during_a_build_keeps_the_previous_set(small_corpus, tmp_path):
    import signal
    import subprocess
    import time

    folder = tmp_path / "nb"
    _notebook(folder, "10-slow", 'corpus = "x"\ntables_dir = None\nslow = False',
              "import time\nif slow:\n    time.sleep(60)")
    out = tmp_path / "out"
    build_reports(small_corpus, out, notebooks=folder, progress=False)
    before = _listing(out)
    script = (
        "import sys; from framelens.report.build import build_reports; "
        f"build_reports({str(small_corpus)!r}, {str(out)!r}, notebooks={str(folder)!r}, "
        "parameters={'slow': True}, progress=False)"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], env={**os.environ})
    try:
        deadline = time.monotonic() + 60
        while not any((s / "executed").exists() for s in out.glob(".framelens-staging-*")):
            assert proc.poll() is None, "the build ended before it could be interrupted"
            assert time.monotonic() < deadline, "the build did not start"
            time.sleep(0.2)
        time.sleep(2)  # the kernel is running the slow cell
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert code == 128 + signal.SIGTERM
    assert _listing(out) == before
    assert not list(out.glob(".framelens-staging-*"))


# -- warnings raised inside notebooks ------------------------------------------------


def test_warning_notes_keep_the_message_only():
    from framelens.report.build import warning_notes

    text = (
        "/tmp/ipykernel_4242/3141.py:3: UserWarning: only 2 paragraphs in /tmp/xyz/src.txt\n"
        "  warnings.warn(msg)\n"
        "/usr/lib/python3/site-packages/pandas/core/x.py:10: FutureWarning: old API\n"
        "  return f()\n"
        "/tmp/ipykernel_4242/3141.py:3: UserWarning: only 2 paragraphs in /tmp/xyz/src.txt\n"
        "  warnings.warn(msg)\n"
        "a line that is not a warning\n"
    )
    notes, rest = warning_notes(text)
    assert notes == ["only 2 paragraphs in src.txt", "old API"]
    assert rest == "a line that is not a warning\n"


def test_export_turns_warnings_into_notes():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("warn()")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stderr",
                               text="/tmp/ipykernel_1/2.py:5: UserWarning: <few> sources\n  warn()\n"),
        nbformat.v4.new_output("stream", name="stdout", text="result\n"),
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# T"), cell]
    html = export_html(nb, title="T")
    assert "Note: &lt;few&gt; sources" in html
    assert "ipykernel" not in html and "/tmp/" not in html and "UserWarning" not in html
    assert "jp-RenderedText" in html and 'data-mime-type="application/vnd.jupyter.stderr"' not in html
    assert "result" in html


@pytest.mark.notebooks
def test_warning_in_a_notebook_reads_as_a_note(small_corpus, tmp_path):
    folder = tmp_path / "nb"
    _notebook(folder, "10-warns", 'corpus = "x"',
              "import warnings\nwarnings.warn('this corpus is small')\nprint('done')")
    written = build_reports(small_corpus, tmp_path / "out", notebooks=folder, progress=False)
    html = written[0].read_text(encoding="utf-8")
    assert "Note: this corpus is small" in html
    assert "UserWarning" not in html and "ipykernel" not in html
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in html


# -- framelens report -p ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (["-p", "alpha=0.1"], {"alpha": 0.1}),
        (["-p", "correction=fdr_bh", "-p", "seed=3"], {"correction": "fdr_bh", "seed": 3}),
        (["-p", 'kinds=["body", "title"]'], {"kinds": ["body", "title"]}),
        (["-p", "corpus=a=b"], {"corpus": "a=b"}),
        ([], None),
    ],
)
def test_cli_report_parameters_reach_build_reports(monkeypatch, tmp_path, capsys, given, expected):
    from framelens.cli import main

    calls = {}

    def fake_build(corpus, out, **kwargs):
        calls.update(kwargs)
        return []

    monkeypatch.setattr("framelens.report.build.build_reports", fake_build)
    assert main(["report", "--corpus", "data/raw", "--out", str(tmp_path), "-q", *given]) == 0
    assert calls["parameters"] == expected


def test_cli_report_parameter_without_value_is_a_usage_error(capsys, tmp_path):
    from framelens.cli import main

    assert main(["report", "--corpus", "data/raw", "--out", str(tmp_path), "-p", "alpha"]) == 2
    assert "NAME=VALUE" in capsys.readouterr().err


def test_cli_report_unknown_parameter_names_the_declared_ones(capsys, raw_dir, tmp_path):
    from framelens.cli import main

    code = main(["report", "--corpus", str(raw_dir), "--out", str(tmp_path), "-q",
                 "-p", "no_such=1"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1
    assert "no_such" in err and "'seed'" in err and "'corpus'" in err


# -- the twelve-outlet test corpus ---------------------------------------------------


def test_twelve_outlet_corpus_is_what_its_script_writes(repo_root, tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_twelve", repo_root / "tests/corpora/make_twelve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write_corpus(tmp_path / "twelve", 12)
    committed = repo_root / "tests" / "corpora" / "twelve"
    assert _listing(tmp_path / "twelve") == _listing(committed)
    module.write_corpus(tmp_path / "fifty", 50)
    assert len(list((tmp_path / "fifty").glob("*.txt"))) == 50


def test_twelve_outlet_corpus_frames_the_story_as_designed(repo_root):
    from framelens.analysis.compare import summarize_sources
    from framelens.io.corpus import load_corpus, read_manifest
    from framelens.scores.scoring import score_frame

    folder = repo_root / "tests" / "corpora" / "twelve"
    manifest = read_manifest(folder / "sources.csv")
    assert manifest[["outlet", "url", "published"]].notna().all().all()
    blocks = load_corpus(folder)
    assert blocks["source_id"].nunique() == 12
    summary = summarize_sources(score_frame(blocks), dimensions=("hype", "hedging"), n_boot=200)
    means = summary.pivot(index="source_id", columns="dimension", values="mean")
    ranked_hype = means["hype"].sort_values(ascending=False)
    assert ranked_hype.index[0] == "wonderhealth-now"
    assert ranked_hype.iloc[0] > 2 * ranked_hype.iloc[1]  # clearly the most hyped
    assert set(means["hedging"].nlargest(2).index) == {"evidence-watch", "clinical-brief"}


@pytest.mark.notebooks
def test_progress_lines_are_what_the_build_time_benchmark_reads(small_corpus, set_notebooks,
                                                                 repo_root, tmp_path, capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location("report_build", repo_root / "benchmarks/report_build.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    build_reports(small_corpus, tmp_path / "out", notebooks=set_notebooks, progress=True)
    err = capsys.readouterr().err
    timed = {m["stem"]: m.groupdict() for m in bench.BUILT.finditer(err)}
    assert list(timed) == ["10-tables", "20-maybe-fails"]
    for figures in timed.values():
        seconds, run, export = (float(figures[k]) for k in ("seconds", "run", "export"))
        assert seconds > 0 and run > 0 and export >= 0
        assert abs(run + export - seconds) <= 0.11  # each rounded to 0.1 s


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_signals_during_the_swap_arrive_after_it():
    import signal

    from framelens.report.build import _signals_held

    events = []
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: events.append("signal"))
    try:
        with _signals_held():
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(1000):  # give the interpreter many chances to run handlers
                pass
            events.append("files moved")
        assert events == ["files moved", "signal"]
    finally:
        signal.signal(signal.SIGTERM, previous)
