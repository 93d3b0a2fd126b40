"""Tests for framelens.report.pages: labels, escaping, CSV links, sentences, degenerate input."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import framelens  # noqa: E402
from framelens.report import plots  # noqa: E402
from framelens.report import pages as rt  # noqa: E402
from framelens.io.corpus import blocks_from_text  # noqa: E402

ARTICLE = """Ketamine could revolutionize depression care, a breakthrough say fans.

Scientists still don't really know how it works, and the evidence may be weak.

The drug carries risks such as dissociation; one trial found a modest effect.

Critics argue that more research is needed before clinics expand its use.
"""

CALM = """The committee met on Tuesday.

It reviewed the budget and the schedule for next year.

Members asked for a report on staffing and the building.
"""


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def corpus(*articles: tuple[str, str]) -> pd.DataFrame:
    return framelens.score_frame(pd.concat([blocks_from_text(text, sid) for sid, text in articles],
                                           ignore_index=True))


# ---------------------------------------------------------------------------
# labels and metadata
# ---------------------------------------------------------------------------


def test_labels_use_outlet_fall_back_to_id_and_stay_unique():
    meta = pd.DataFrame({"source_id": ["a", "b", "c", "d"],
                         "outlet": ["Daily Post", "Daily Post", "", "A very long outlet name that goes on and on"]})
    labels = rt.source_labels(meta)
    assert labels["c"] == "c"
    assert labels["a"] != labels["b"] and labels["a"].startswith("Daily Post")
    assert len(set(labels.values())) == 4
    assert len(labels["d"]) <= rt.LABEL_WIDTH and labels["d"].endswith("…")


def test_labels_unique_even_when_ids_cut_alike():
    ids = ["x" * 40 + "1", "x" * 40 + "2"]
    meta = pd.DataFrame({"source_id": ids, "outlet": ["Same", "Same"]})
    assert len(set(rt.source_labels(meta).values())) == 2


def test_source_metadata_reads_the_manifest(tmp_path):
    (tmp_path / "a.txt").write_text("A title here\n\n" + ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(CALM, encoding="utf-8")
    (tmp_path / "sources.csv").write_text(
        "source_id,file,title,outlet,url,published\n"
        "a,a.txt,A title here,The $Daily$,https://example.org/a,2024-05-01\n"
        "b,b.txt,,,javascript:alert(1),\n", encoding="utf-8")
    blocks = framelens.load_corpus(tmp_path)
    meta = rt.source_metadata(blocks, tmp_path)
    assert list(meta["source_id"]) == ["a", "b"]
    assert meta.loc[0, "outlet"] == "The $Daily$" and meta.loc[0, "label"] == "The $Daily$"
    assert meta.loc[1, "label"] == "b"
    html = rt.source_table(meta).markup
    assert '<a href="https://example.org/a"' in html
    assert "javascript:alert(1)" in html and 'href="javascript' not in html
    assert html.count("<a ") == 1


def test_source_metadata_prefers_columns_of_the_blocks_table():
    blocks = blocks_from_text(ARTICLE, "s1").assign(outlet="Wire <One>", url="http://x.org/1")
    meta = rt.source_metadata(blocks)
    assert meta.loc[0, "label"] == "Wire <One>"
    html = rt.source_table(meta).markup
    assert "Wire &lt;One&gt;" in html and "<One>" not in html


@pytest.mark.parametrize("url, ok", [
    ("https://example.org/a?b=1", True), ("HTTP://EXAMPLE.ORG", True), ("ftp://x.org", False),
    ("javascript:alert(1)", False), ("https://x.org/\"onmouseover=", False), ("", False), (None, False),
    (float("nan"), False),
])
def test_safe_url(url, ok):
    assert (rt.safe_url(url) is not None) == ok


# ---------------------------------------------------------------------------
# output helpers
# ---------------------------------------------------------------------------


def test_note_and_bullets_escape_and_never_link():
    text = "<script>x</script> see https://evil.example/ and *stars* [a](http://b)"
    html = rt.note(text).markup + rt.bullets([text]).markup
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<a " not in html and "<em>" not in html
    assert "https://evil.example/" in html


def test_save_table_writes_csv_and_links(tmp_path):
    df = pd.DataFrame({"source_id": ["a", "b"], "text": ["x, \"quoted\"", "<y>"]})
    link = rt.save_table(df, tmp_path / "tables", "03 pairwise/../x", what="all <rows>")
    files = list((tmp_path / "tables").iterdir())
    assert len(files) == 1 and files[0].suffix == ".csv" and "/" not in files[0].name
    assert pd.read_csv(files[0]).equals(df)
    assert f'href="{files[0].name}"' in link.markup and "all &lt;rows&gt; (2 rows)" in link.markup
    assert rt.save_table(df, None, "x").markup == ""


def test_save_table_writes_text_exactly_and_neutralises_formulas(tmp_path):
    df = pd.DataFrame({
        "source_id": ['=HYPERLINK("http://x")', "plain"],
        "text": ["line one\rline two", "  spaced  "],
        "hype": [0.1, 0.30000000000000004],
    })
    rt.save_table(df, tmp_path, "t")
    back = pd.read_csv(tmp_path / "t.csv", dtype={"source_id": str, "text": str}, keep_default_na=False)
    assert back["source_id"].tolist() == ['\'=HYPERLINK("http://x")', "plain"]  # a spreadsheet shows text
    assert back["text"].tolist() == df["text"].tolist() and back["hype"].tolist() == df["hype"].tolist()


def test_wide_marks_the_table():
    from framelens.report.build import table

    html = rt.wide(table(pd.DataFrame({"a": ["x"]}))).to_html()
    assert 'class="framelens-table framelens-wide"' in html


# ---------------------------------------------------------------------------
# informative rows
# ---------------------------------------------------------------------------


def pairs_table() -> pd.DataFrame:
    rows = []
    for k, (a, b) in enumerate([("a", "b"), ("a", "c"), ("b", "c")]):
        for j, dim in enumerate(["hype", "hedging"]):
            delta = 0.1 * (k + 1) * (1 if j else -1)
            clear = k == 2 and dim == "hedging"
            rows.append({"source_a": a, "source_b": b, "dimension": dim, "diff": delta,
                         "ci_low": delta - 0.1, "ci_high": delta + 0.1, "cliffs_delta": delta,
                         "hedges_g": 2 * delta, "p_value": 0.01 if clear else 0.5,
                         "p_adjusted": 0.03 if clear else 1.0,
                         "verdict": "b higher" if clear else "no clear difference"})
    return pd.DataFrame(rows)


def test_informative_pairs_clear_first_then_largest_effects():
    shown = rt.informative_pairs(pairs_table(), largest=2)
    assert shown.iloc[0]["verdict"] == "b higher" and shown.iloc[0]["why"] == "clear difference"
    rest = shown.iloc[1:]
    assert len(rest) == 2
    assert list(rest["cliffs_delta"].abs()) == sorted(rest["cliffs_delta"].abs(), reverse=True)
    view = rt.pairs_view(shown, {"a": "Alpha", "b": "Beta", "c": "Gamma"})
    assert view.iloc[0]["verdict"] == "Beta higher"
    assert view.iloc[0]["A vs B"] == "Beta vs Gamma"


def test_pairs_sentence_counts_the_table():
    pairs = pairs_table()
    assert rt.pairs_sentence(pairs, 0.05, "fdr_bh").startswith("1 of 6 comparisons show a clear difference")
    assert "Benjamini-Hochberg" in rt.pairs_sentence(pairs, 0.05, "fdr_bh")
    none = pairs.assign(verdict="no clear difference")
    assert "cannot separate" in rt.pairs_sentence(none, 0.05)


def test_one_vs_rest_view_ranks_within_dimension():
    ovr = pd.DataFrame({
        "source": ["a", "b", "c"] * 2, "dimension": ["hype"] * 3 + ["hedging"] * 3,
        "mean": [0.1, 0.5, 0.3, 0.2, 0.2, 0.2], "mean_rest": [0.4, 0.2, 0.3, 0.2, 0.2, 0.2],
        "diff": [-0.3, 0.3, 0.0, 0.0, 0.0, 0.0], "ci_low": [-0.5, 0.1, -0.2] + [-0.1] * 3,
        "ci_high": [-0.1, 0.5, 0.2] + [0.1] * 3, "cliffs_delta": [-0.6, 0.6, 0, 0, 0, 0],
        "p_adjusted": [0.02, 0.02, 1, 1, 1, 1],
        "verdict": ["lower than the rest", "higher than the rest"] + ["no clear difference"] * 4,
    })
    view = rt.one_vs_rest_view(ovr, {"b": "Bee"}, ["hype", "hedging"])
    assert list(view["dimension"]) == ["hype"] * 3 + ["hedging"] * 3
    assert list(view["source"][:3]) == ["Bee", "c", "a"]
    lines = rt.one_vs_rest_sentences(ovr, {"b": "Bee"})
    assert len(lines) == 2 and lines[1].startswith("Bee scores higher than the rest on hype")


# ---------------------------------------------------------------------------
# degenerate corpora: every helper the notebooks use returns a sentence
# ---------------------------------------------------------------------------


def _is_sentence(x) -> bool:
    return isinstance(x, str) and len(x) > 10 and x.endswith(".")


def test_two_identical_sources_degrade_to_sentences():
    scored = corpus(("wire-a", ARTICLE), ("wire-b", ARTICLE))
    labels = {"wire-a": "Wire A", "wire-b": "Wire B"}
    distinct = framelens.distinguishing_words(scored)
    assert distinct.empty  # the case that used to stop the comparison report
    fig = rt.figure_or_note(plots.plot_distinguishing_words, distinct)
    assert isinstance(fig, rt.Html) and "empty" in fig.markup
    assert all(_is_sentence(s) for s in rt.words_sentences(distinct, labels))
    pairs = framelens.compare_sources(scored, n_perm=200, n_boot=200)
    assert "0 of" in rt.pairs_sentence(pairs, 0.05)
    shown = rt.informative_pairs(pairs)
    assert shown.empty
    assert rt.pairs_view(shown, labels).empty
    summary = framelens.summarize_sources(scored, n_boot=200)
    assert all(_is_sentence(s) for s in rt.overlap_sentences(summary, labels, ["hype", "hedging"]))
    assert "near-duplicate" in rt.shared_sentence(framelens.shared_passages(scored), labels)


def test_one_source_and_no_hype_degrade_to_sentences():
    scored = corpus(("calm", CALM))
    body = scored[scored["kind"] == "body"]
    assert (body["hype"] == 0).all()
    labels = {"calm": "Calm"}
    assert rt.top_paragraphs(body, "hype", 5).empty
    assert "single source" in rt.corpus_sentence(body.groupby("source_id").size(), ["body"], labels)
    summary = framelens.summarize_sources(scored, n_boot=100)
    assert rt.overlap_sentences(summary, labels, ["hype"]) == [
        "hype: fewer than two sources have an interval; nothing to separate."]
    by_pos = framelens.by_position(scored)
    assert any("No hype term anywhere in: Calm." == s for s in rt.position_sentences(by_pos, labels))
    assert _is_sentence(rt.hype_hedging_sentence(body))
    assert _is_sentence(rt.glance_sentence(body))
    heads = rt.headlines(scored, labels)
    assert all(_is_sentence(s) for s in rt.headline_sentences(heads, 1))
    view = rt.per_source_view(body, labels)
    assert view.loc[0, "most hyped paragraph"] == "no hype term"
    fig = rt.figure_or_note(plots.plot_source_means, summary)
    assert not isinstance(fig, rt.Html)  # one source still draws


def test_empty_tables_degrade_to_sentences():
    empty = pd.DataFrame(columns=["source_id", "block_index", "kind", "text", "hype", "hedging",
                                  "balance", "sentiment"])
    labels: dict[str, str] = {}
    assert _is_sentence(rt.glance_sentence(empty))
    assert _is_sentence(rt.hype_hedging_sentence(empty))
    assert rt.per_source_view(empty, labels).empty
    assert rt.headlines(empty, labels).empty
    assert _is_sentence(rt.headline_sentences(rt.headlines(empty, labels), 0)[0])
    assert _is_sentence(rt.corpus_sentence(pd.Series(dtype=int), ["body"]))
    assert _is_sentence(rt.lengths_sentence(pd.DataFrame(columns=["median"])))
    assert _is_sentence(rt.words_sentences(None, labels)[0])
    assert _is_sentence(rt.omission_sentences(pd.DataFrame(columns=["source_id", "aspect", "status"]), labels)[0])
    assert _is_sentence(rt.shared_sentence(pd.DataFrame(), labels))
    assert _is_sentence(rt.checklist_sentence(pd.DataFrame(), labels))
    assert _is_sentence(rt.pairs_sentence(pd.DataFrame(), 0.05))
    assert _is_sentence(rt.one_vs_rest_sentences(pd.DataFrame(), labels)[0])
    assert rt.one_vs_rest_view(pd.DataFrame(), labels).empty
    assert rt.checklist_grid(pd.DataFrame(), labels)[1] == []
    for plot, table in [
        (plots.plot_source_means, pd.DataFrame(columns=["source_id", "dimension", "mean", "ci_low", "ci_high"])),
        (plots.plot_paragraph_heatmap, empty),
        (plots.plot_hype_vs_hedging, empty),
        (plots.plot_distinguishing_words, pd.DataFrame(columns=["source_id", "term", "z"])),
        (plots.plot_coverage, pd.DataFrame(columns=["source_id", "aspect", "share"])),
        (plots.plot_position_trajectories, empty.assign(rel_position=np.nan)),
    ]:
        out = rt.figure_or_note(plot, table)
        assert isinstance(out, rt.Html) and out.markup.startswith('<p class="framelens-note"')


def test_figure_or_note_lets_other_errors_through():
    def broken(_):
        raise KeyError("bug")

    with pytest.raises(KeyError):
        rt.figure_or_note(broken, None)


# ---------------------------------------------------------------------------
# cards and sentences read from the numbers
# ---------------------------------------------------------------------------


def test_paragraph_cards_escape_text_and_label_sources():
    blocks = blocks_from_text("A <b>breakthrough</b> that could revolutionize care.\n\nPlain text here.", "s<1>")
    scored, evidence = framelens.score_frame_with_evidence(blocks)
    body = scored[scored["kind"] == "body"]
    top = rt.top_paragraphs(body, "hype", 3)
    assert len(top) == 1
    html = rt.paragraph_cards(top, evidence, {"s<1>": "Outlet & Co"}).markup
    assert "<b>breakthrough" not in html and "&lt;b&gt;" in html
    assert "Outlet &amp; Co" in html
    assert "<mark" in html  # evidence highlighted


def test_checklist_grid_short_columns_and_key():
    scored = corpus(("a", ARTICLE), ("b", CALM))
    from framelens.analysis.criteria import checklist

    checks = checklist(scored)
    grid, key = rt.checklist_grid(checks, {"a": "Alpha"}, ["b", "a"])
    assert list(grid["source"]) == ["b", "Alpha"]
    assert len(key) == checks["criterion"].nunique() == grid.shape[1] - 1
    assert set(grid.iloc[:, 1:].stack()) <= {"✓", "✗", "?"}
    assert all(": Does" in k for k in key)


def test_validation_sentences_follow_the_interval():
    intervals = pd.DataFrame({"split": ["train", "val"], "hedging": ["-0.4 (-0.5 to -0.3)"] * 2,
                              "baseline": ["-0.2 (-0.3 to -0.1)"] * 2,
                              "_diff_low": [-0.3, -0.1], "_diff_high": [-0.1, 0.1]})
    results = pd.DataFrame({"method": ["hype", "hype"], "spearman": [0.05, -0.01]})
    lines = rt.validation_sentences(intervals, results)
    assert "excludes zero" in lines[0] and "(held out)" in lines[1] and "includes zero" in lines[1]
    assert "does not behave like a hedge" in lines[2]


def test_attempt_returns_a_reason_instead_of_raising():
    result, why = rt.attempt(framelens.distinguishing_words, corpus(("a", CALM)))
    assert result is None and "Not shown" in why.markup and "<a " not in why.markup
    result, why = rt.attempt(len, [1, 2])
    assert result == 2 and why.markup == ""
    with pytest.raises(ZeroDivisionError):
        rt.attempt(lambda: 1 / 0)


@pytest.mark.parametrize("name", ["01-corpus", "02-paragraph-scores", "03-framing-comparison", "04-validation"])
def test_notebooks_build_no_markdown_from_data(name):
    import nbformat

    from framelens.report.build import default_notebook_dir

    nb = nbformat.read(default_notebook_dir() / f"{name}.ipynb", as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "Markdown(" not in code and "escape_md" not in code
    assert "from framelens.report import pages" in code


def test_comparison_corpus_sentence_names_left_out_and_untested_sources():
    counts = pd.Series({"a": 3, "b": 1})
    text = rt.comparison_corpus_sentence(counts, ["a", "b", "c"], ["body"], {"a": "Alpha"})
    assert text.startswith("The corpus has 2 sources with body paragraphs: Alpha (3 paragraphs); b (1 paragraph).")
    assert "Left out because they have no body paragraphs: c." in text
    assert "Sources with a single paragraph (b) are shown but not tested" in text
    assert rt.comparison_corpus_sentence(pd.Series(dtype=int), ["c"], ["body"], {}).startswith(
        "The corpus has 0 sources with body paragraphs.")
    html = rt.needs_two_sources(["<x>"], ["body"], {}).markup
    assert "needs at least two" in html and "&lt;x&gt;" in html


def test_strongest_contrasts_drop_pairs_framed_alike():
    alike = pd.DataFrame({"source_a": ["a", "a"], "source_b": ["b", "b"], "contrast": [0.0, 0.0]})
    shown, sentence = rt.strongest_contrasts(alike, 6)
    assert shown.empty and sentence.startswith("2 aligned pairs in all, none framed differently")
    mixed = corpus(("a", ARTICLE), ("b", ARTICLE.replace("could revolutionize", "may help")))
    aligned = framelens.align_paragraphs(mixed, top=None)
    shown, sentence = rt.strongest_contrasts(aligned, 1)
    assert len(shown) == 1 and (shown["contrast"] > 0).all() and sentence.endswith("the 1 strongest:")
    assert rt.strongest_contrasts(aligned.iloc[0:0], 3)[0].empty
