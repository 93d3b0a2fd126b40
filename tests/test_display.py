"""Tests for framelens.report.display: escaping, overlaps, flags, tables."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framelens.report.display import DIMENSION_COLOURS, Highlighted, highlight, highlight_table
from framelens.errors import AnalysisError

VOID = {"br", "meta", "img", "hr", "input", "link"}


class _Checker(HTMLParser):
    """Records tags, text and attributes; fails on unbalanced markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.data: list[str] = []
        self.marks: list[dict[str, str]] = []
        self.mark_text: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "mark":
            if "mark" in self.stack:
                self.errors.append("nested mark")
            self.marks.append({k: v or "" for k, v in attrs})
            self.mark_text.append("")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.data.append(data)
        if self.stack and self.stack[-1] == "mark":
            self.mark_text[-1] += data


def parse(html: str) -> _Checker:
    c = _Checker()
    c.feed(html)
    c.close()
    assert not c.errors, c.errors
    assert not c.stack, f"unclosed tags {c.stack}"
    return c


def span(text: str, phrase: str, dimension: str, category: str = "c", **flags) -> dict:
    start = text.index(phrase)
    row = {
        "dimension": dimension, "category": category, "start": start,
        "end": start + len(phrase), "match": phrase, "weight": 1.0,
        "negated": False, "hedged": False, "intensified": False, "pattern": phrase,
    }
    row.update(flags)
    return row


TEXT = "It could revolutionize care, but it is not a miracle cure, experts said."


def evidence(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


def test_script_in_text_is_shown_as_text():
    text = "A breakthrough <script>alert(1)</script> & more"
    h = highlight(text, evidence(span(text, "breakthrough", "hype")), legend=False)
    assert isinstance(h, Highlighted)
    assert "<script>" not in h.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in h.html
    c = parse(h.html)
    assert "script" not in c.tags
    assert "".join(c.data) == text  # every character survives, as text


def test_span_covering_markup_is_escaped_inside_mark():
    text = 'x <script>alert("1")</script> y'
    h = highlight(text, evidence(span(text, '<script>alert("1")</script>', "hype")), legend=False)
    c = parse(h.html)
    assert "script" not in c.tags
    assert c.mark_text == ['<script>alert("1")</script>']


def test_tooltip_attributes_are_escaped():
    text = "A wonder drug."
    nasty = '"><script>alert(1)</script><b title="'
    ev = evidence(span(text, "wonder drug", "hype", category="odd", pattern=nasty))
    h = highlight(text, ev, legend=False)
    assert "<script>" not in h.html
    c = parse(h.html)
    assert c.tags.count("mark") == 1 and "script" not in c.tags and "b" not in c.tags
    # the attribute round-trips to the original string: it was escaped, not cut
    assert nasty in c.marks[0]["title"]


def test_overlapping_spans_give_flat_wellformed_segments():
    ev = evidence(
        span(TEXT, "could", "hedging", "modal"),
        span(TEXT, "could revolutionize", "hype", "novelty", hedged=True),
        span(TEXT, "revolutionize care, but", "balance", "contrast"),
    )
    h = highlight(TEXT, ev, legend=False)
    c = parse(h.html)
    assert "".join(c.data) == TEXT
    assert "".join(c.mark_text) == "could revolutionize care, but"
    # "could" is covered by hedging and hype: its tooltip names both
    first = c.marks[0]["title"]
    assert "hedging / modal" in first and "hype / novelty" in first
    assert "linear-gradient" in c.marks[0]["style"]
    # "revolutionize" lies in hype and balance but not in hedging
    titles = dict(zip(c.mark_text, (m["title"] for m in c.marks)))
    assert c.mark_text == ["could", " ", "revolutionize", " care, but"]
    assert "hype / novelty" in titles["revolutionize"] and "balance / contrast" in titles["revolutionize"]
    assert "hedging" not in titles["revolutionize"]
    assert "hype" not in titles[" care, but"]


def test_negated_span_is_struck_and_not_counted():
    ev = evidence(
        span(TEXT, "revolutionize", "hype", "novelty"),
        span(TEXT, "miracle cure", "hype", "sensational", negated=True),
    )
    h = highlight(TEXT, ev)
    c = parse(h.html)
    by_text = dict(zip(c.mark_text, c.marks))
    assert "line-through" in by_text["miracle cure"]["style"]
    assert "line-through" not in by_text["revolutionize"]["style"]
    assert "not counted" in by_text["miracle cure"]["title"]
    assert "hype: 1 counted, 1 negated" in h.html


def test_hedged_hype_is_dashed_and_plain_hype_solid():
    ev = evidence(
        span(TEXT, "revolutionize", "hype", hedged=True),
        span(TEXT, "miracle", "hype"),
    )
    c = parse(highlight(TEXT, ev, legend=False).html)
    styles = dict(zip(c.mark_text, (m["style"] for m in c.marks)))
    assert "dashed" in styles["revolutionize"]
    assert "solid" in styles["miracle"] and "dashed" not in styles["miracle"]


def test_one_colour_per_dimension():
    ev = evidence(span(TEXT, "could", "hedging"), span(TEXT, "miracle", "hype"),
                  span(TEXT, "experts said", "balance"))
    c = parse(highlight(TEXT, ev, legend=False).html)
    styles = dict(zip(c.mark_text, (m["style"] for m in c.marks)))
    assert DIMENSION_COLOURS["hedging"] in styles["could"]
    assert DIMENSION_COLOURS["hype"] in styles["miracle"]
    assert DIMENSION_COLOURS["balance"] in styles["experts said"]
    assert len({DIMENSION_COLOURS[d] for d in ("hype", "hedging", "balance")}) == 3


def test_dimensions_filter_and_sentiment_lines():
    sent = {"dimension": "sentiment", "category": "sentence", "start": 0, "end": len(TEXT),
            "match": TEXT, "weight": -0.6, "negated": False, "hedged": False,
            "intensified": False, "pattern": ""}
    ev = evidence(span(TEXT, "miracle", "hype"), sent)
    default = parse(highlight(TEXT, ev, legend=False).html)
    assert default.mark_text == ["miracle"]
    assert all("sentiment" not in m["title"] for m in default.marks)
    with_sent = parse(highlight(TEXT, ev, dimensions=("hype", "sentiment"), legend=False).html)
    assert "".join(with_sent.mark_text) == TEXT
    assert all("box-shadow" in m["style"] for m in with_sent.marks)
    only_hedging = parse(highlight(TEXT, ev, dimensions="hedging", legend=False).html)
    assert only_hedging.marks == []


@pytest.mark.parametrize(
    "bad",
    [
        {"start": 0, "end": 500},  # outside the text
        {"start": -1, "end": 3},
        {"match": "something else"},  # evidence of another paragraph
        {"start": "x"},
    ],
)
def test_evidence_that_does_not_fit_the_text_is_an_error(bad):
    row = span(TEXT, "miracle", "hype")
    row.update(bad)
    with pytest.raises(AnalysisError, match="evidence row"):
        highlight(TEXT, evidence(row))


def test_empty_evidence_marks_nothing():
    c = parse(highlight(TEXT, pd.DataFrame(), legend=False).html)
    assert c.marks == [] and "".join(c.data) == TEXT


def test_evidence_missing_columns_is_an_error():
    with pytest.raises(AnalysisError, match="start"):
        highlight(TEXT, pd.DataFrame({"dimension": ["hype"], "end": [3]}))


def test_non_string_text_is_an_error():
    with pytest.raises(AnalysisError):
        highlight(None)  # type: ignore[arg-type]


def test_default_evidence_comes_from_explain():
    text = "This breakthrough could revolutionize depression care, researchers said."
    h = highlight(text)
    c = parse(h.html)
    assert "".join(c.data).startswith(text)
    assert any("hype /" in m["title"] for m in c.marks)


def test_save_writes_a_document(tmp_path):
    h = highlight("A <u>bold</u> claim.", evidence())
    out = h.save(tmp_path / "x.html", title="<t>")
    doc = out.read_text(encoding="utf-8")
    assert doc.startswith("<!DOCTYPE html>") and "&lt;t&gt;" in doc and "<u>" not in doc


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab <>&\"'é\n")), min_size=1, max_size=40),
    raw=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40),
                           st.sampled_from(["hype", "hedging", "balance"]), st.booleans()),
                 max_size=6),
)
def test_any_spans_give_wellformed_html_and_keep_the_text(text, raw):
    rows = []
    for a, b, dim, neg in raw:
        s, e = sorted((min(a, len(text)), min(b, len(text))))
        rows.append({"dimension": dim, "category": "c", "start": s, "end": e,
                     "match": text[s:e], "weight": 1.0, "negated": neg, "hedged": False,
                     "intensified": False, "pattern": "p"})
    ev = pd.DataFrame(rows, columns=["dimension", "category", "start", "end", "match", "weight",
                                     "negated", "hedged", "intensified", "pattern"])
    c = parse(highlight(text, ev, legend=False).html)
    assert "".join(c.data) == text
    covered = {i for r in rows for i in range(r["start"], r["end"])}
    assert sum(len(t) for t in c.mark_text) == len(covered)


def _reference_segments(text, spans, colours):
    """Every segment compared with every span: what the sweep in display._segments must equal."""
    from framelens.report.display import _segment_style

    if not spans:
        return [(text, None, None)]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    ordered = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    out = []
    for a, b in zip(cuts, cuts[1:]):
        active = [s for s in ordered if s.start <= a and b <= s.end]
        if not active:
            out.append((text[a:b], None, None))
            continue
        out.append((text[a:b], _segment_style(active, colours), "\n".join(s.describe() for s in active)))
    return out


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab <&\"")), min_size=1, max_size=30),
    raw=st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30),
                           st.sampled_from(["hype", "hedging", "balance", "sentiment"]),
                           st.booleans(), st.booleans()),
                 max_size=8),
)
def test_segment_sweep_equals_the_pairwise_reference(text, raw):
    from framelens.report.display import _colour_map, _segments, _spans_from

    rows = []
    for a, b, dim, neg, counted in raw:
        s, e = sorted((min(a, len(text)), min(b, len(text))))
        rows.append({"dimension": dim, "category": "c", "start": s, "end": e, "weight": 0.5,
                     "negated": neg, "counted": counted, "contribution": 0.25, "pattern": f"p{s}"})
    spans = _spans_from(pd.DataFrame(rows), text, None, "test")
    colours = _colour_map(["hype", "hedging", "balance"])
    segments = _segments(text, spans, colours)
    assert segments == _reference_segments(text, spans, colours)
    assert "".join(piece for piece, _, _ in segments) == text


_CONTRIBUTION = re.compile(r"^(\w+) / (\w+) · contribution (-?\d+\.\d\d) · weight (\d+\.\d\d) · pattern: ([^·]+?)(?: · |$)")


def test_tooltip_shows_the_contribution_explain_gives_not_the_weight():
    import framelens

    text = ("This could possibly be a truly revolutionary breakthrough, experts said, "
            "but it is not a miracle cure and is associated with side effects.")
    ev = framelens.explain(text)
    ev = ev[ev["dimension"].isin(["hype", "hedging", "balance"])]  # what highlight() marks by default
    shown = {}
    for mark in parse(highlight(text).html).marks:
        for line in mark["title"].split("\n"):
            m = _CONTRIBUTION.match(line)
            assert m, line
            shown[(m[1], m[2], m[5])] = (float(m[3]), float(m[4]))
    expected = {
        (r.dimension, r.category, r.pattern): (round(r.contribution if r.counted and not r.negated else 0.0, 2),
                                              round(r.weight, 2))
        for r in ev.itertuples()
    }
    assert shown == expected
    # the hedge whose category weight makes it count less than its lexicon weight
    possibly = ev[ev["match"] == "possibly"].iloc[0]
    assert possibly["contribution"] < possibly["weight"]
    assert shown[("hedging", possibly["category"], possibly["pattern"])][0] == round(possibly["contribution"], 2)
    # spans that are not counted (negated hype, a contrast word) show 0 and say so
    titles = "\n".join(m["title"] for m in parse(highlight(text).html).marks).split("\n")
    for r in ev[~ev["counted"]].itertuples():
        line = next(t for t in titles if f"pattern: {r.pattern} · " in t)
        assert f"contribution 0.00 · weight {r.weight:.2f}" in line and line.endswith("not counted")
    assert {"miracle cure", "but"} <= set(ev.loc[~ev["counted"], "match"])


def test_legend_totals_the_contributions():
    import framelens

    text = "This could possibly be a truly revolutionary breakthrough, but it is not a miracle cure."
    ev = framelens.explain(text)
    h = highlight(text, ev).html
    for dim in ("hype", "hedging"):
        mine = ev[(ev["dimension"] == dim) & ev["counted"] & ~ev["negated"]]
        assert f"{dim}: {len(mine)} counted (contribution {mine['contribution'].sum():.2f})" in h
    scored = framelens.score_paragraphs([text])
    hype = ev[(ev["dimension"] == "hype") & ev["counted"]]
    assert hype["contribution"].sum() == pytest.approx(scored.loc[0, "hype_raw"])


def test_long_paragraph_renders_every_span_once():
    import framelens

    text = " ".join(["A truly revolutionary breakthrough could possibly help, but it is not a miracle cure."] * 300)
    ev = framelens.explain(text)
    c = parse(highlight(text, ev, dimensions=None, legend=False).html)
    assert "".join(c.data) == text
    # every span is described in the tooltips, and nothing else is
    from framelens.report.display import _spans_from

    lines = {line for m in c.marks for line in m["title"].split("\n")}
    assert lines == {s.describe() for s in _spans_from(ev, text, None, "test")}
    assert len(ev) > 1000


# ---------------------------------------------------------------------------
# highlight_table
# ---------------------------------------------------------------------------


def scored_table() -> pd.DataFrame:
    texts = [
        "A breakthrough <script>alert(1)</script> for depression.",
        "It may help some patients, but experts said more trials are needed.",
        "Heading text",
    ]
    return pd.DataFrame(
        {
            "source_id": ["<img src=x>", "<img src=x>", "plain"],
            "block_index": [0, 1, 0],
            "kind": ["body", "body", "heading"],
            "text": texts,
            "hype": [0.456, 0.0, 0.1],
            "hedging": [0.0, 0.333, 0.0],
            "balance": [0.0, 0.5, 0.0],
            "sentiment": [0.25, -0.126, 0.0],
        }
    )


def test_table_escapes_everything_and_formats_scores():
    df = scored_table()
    ev = evidence(span(df.text[0], "breakthrough", "hype")).assign(paragraph=0)
    h = highlight_table(df, ev)
    assert "<script>" not in h.html and "<img" not in h.html
    c = parse(h.html)
    assert "script" not in c.tags and "img" not in c.tags
    assert c.tags.count("tr") == 1 + 2  # header + two body rows (heading left out)
    text = "".join(c.data)
    assert "0.46" in text and "0.33" in text and "-0.13" in text
    assert "0.456" not in text
    assert c.mark_text == ["breakthrough"]


def test_table_evidence_by_source_and_block():
    df = scored_table()
    ev = evidence(span(df.text[1], "may", "hedging")).assign(source_id="<img src=x>", block_index=1)
    c = parse(highlight_table(df, ev).html)
    assert c.mark_text == ["may"]


def test_table_max_rows_says_what_was_left_out():
    df = scored_table()
    h = highlight_table(df, evidence().assign(paragraph=[]), max_rows=1, kinds=None)
    c = parse(h.html)
    assert c.tags.count("tr") == 2
    assert "Showing 1 of 3 paragraphs" in "".join(c.data)


def test_table_computes_evidence_when_not_given():
    df = scored_table()
    c = parse(highlight_table(df).html)
    assert any("hype /" in m["title"] for m in c.marks)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"columns": ("hype", "nope")}, "nope"),
        ({"max_rows": 0}, "max_rows"),
        ({"kinds": ("title",)}, "kind"),
    ],
)
def test_table_bad_arguments(kwargs, message):
    with pytest.raises(AnalysisError, match=message):
        highlight_table(scored_table(), evidence().assign(paragraph=[]), **kwargs)


def test_table_evidence_without_keys_is_an_error():
    with pytest.raises(AnalysisError, match="paragraph"):
        highlight_table(scored_table(), evidence(span(TEXT, "cure", "hype")))


def test_package_attribute_calls_the_function_after_a_submodule_import():
    import framelens
    import framelens.report.display as module

    assert framelens.highlight is module.highlight
    assert framelens.highlight("A breakthrough.") == module.highlight("A breakthrough.")
