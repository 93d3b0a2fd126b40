"""Tests for framelens.analysis.aspects: aspect coverage and omissions."""

from __future__ import annotations

import pandas as pd
import pytest

from framelens.analysis.aspects import (
    OMISSION_STATUSES,
    aspect_evidence,
    aspect_mentions,
    coverage,
    load_aspects,
    omissions,
)
from framelens.errors import AnalysisError, LexiconError

ASPECTS = ("mechanism", "speed_efficacy", "personal_use", "risks", "abuse_dependence",
           "evidence", "regulation", "cost_access", "future")


def blocks(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """(source, kind, text) -> a blocks table with block_index per source."""
    df = pd.DataFrame(rows, columns=["source_id", "kind", "text"])
    df["block_index"] = df.groupby("source_id").cumcount()
    return df


@pytest.fixture
def two_sources() -> pd.DataFrame:
    return blocks([
        ("a", "heading", "Side effects and risks"),  # a heading: not analysed by default
        ("a", "body", "The FDA approved the nasal spray in 2019."),
        ("a", "body", "A randomized trial of 200 patients found fewer symptoms."),
        ("a", "body", "The company was founded by a chemist."),
        ("b", "body", "Side effects include nausea, and the risk of abuse is real."),
        ("b", "body", "Researchers said the risks are small."),
    ])


def cell(cov: pd.DataFrame, source: str, aspect: str) -> pd.Series:
    row = cov[(cov["source_id"] == source) & (cov["aspect"] == aspect)]
    assert len(row) == 1
    return row.iloc[0]


def test_packaged_aspects_are_documented():
    frame = load_aspects().to_frame()
    assert set(frame["dimension"]) == {"aspect"}
    assert set(ASPECTS) == set(frame["category"])
    assert (frame["source"].str.strip() != "").all()


def test_coverage_has_every_source_by_aspect(two_sources):
    cov = coverage(two_sources)
    assert list(cov.columns[:2]) == ["source_id", "aspect"]
    assert len(cov) == 2 * len(ASPECTS)
    assert list(cov["aspect"][:len(ASPECTS)]) == list(ASPECTS)  # lexicon order
    assert list(pd.unique(cov["source_id"])) == ["a", "b"]
    assert (cov["n_paragraphs"] <= cov["n_total"]).all()
    assert (cov["n_mentions"] >= cov["n_paragraphs"]).all()
    assert ((cov["share"] - cov["n_paragraphs"] / cov["n_total"]).abs() < 1e-12).all()


def test_coverage_counts_paragraphs_and_points_at_an_example(two_sources):
    cov = coverage(two_sources)
    reg = cell(cov, "a", "regulation")
    assert reg["n_paragraphs"] == 1 and reg["n_total"] == 3
    assert reg["example_block"] == 1  # the FDA paragraph (block 0 is the heading)
    assert "FDA" in reg["example_text"]
    assert "fda" in reg["terms"]
    risks_b = cell(cov, "b", "risks")
    assert risks_b["n_paragraphs"] == 2 and risks_b["share"] == 1.0
    assert risks_b["n_mentions"] >= 3
    # the paragraph with most risk mentions is the example
    assert risks_b["example_block"] == 0
    # the heading of source a is not a body paragraph: a does not cover risks
    assert cell(cov, "a", "risks")["n_paragraphs"] == 0
    assert pd.isna(cell(cov, "a", "risks")["example_block"])


def test_kinds_none_counts_headings_too(two_sources):
    cov = coverage(two_sources, kinds=None)
    assert cell(cov, "a", "risks")["n_paragraphs"] == 1
    assert cell(cov, "a", "risks")["n_total"] == 4


def test_negated_mentions_still_count_as_coverage():
    df = blocks([("a", "body", "No deaths have been reported in treatment settings.")])
    assert cell(coverage(df), "a", "risks")["n_paragraphs"] == 1


def test_overlapping_aspects_are_both_counted():
    df = blocks([("a", "body", "Ongoing studies will tell.")])
    cov = coverage(df)
    assert cell(cov, "a", "future")["n_paragraphs"] == 1
    assert cell(cov, "a", "evidence")["n_paragraphs"] == 1


def test_omissions_distinguish_omitted_from_uncovered(two_sources):
    om = omissions(two_sources)
    assert set(om["status"]) <= set(OMISSION_STATUSES)
    a = om[om["source_id"] == "a"].set_index("aspect")
    b = om[om["source_id"] == "b"].set_index("aspect")
    assert a.at["risks", "status"] == "omitted" and a.at["risks", "covered_by"] == "b"
    assert a.at["risks", "example_source"] == "b"
    assert "risk" in a.at["risks", "example_text"].lower()
    assert b.at["regulation", "status"] == "omitted" and b.at["regulation", "covered_by"] == "a"
    # nobody talks about the future or cost
    for aspect in ("future", "cost_access"):
        assert a.at[aspect, "status"] == b.at[aspect, "status"] == "not covered by any source"
        assert a.at[aspect, "covered_by"] == ""
    # an aspect a source covers is never listed for it
    assert "regulation" not in a.index and "risks" not in b.index


def test_omissions_accept_a_coverage_table(two_sources):
    direct = omissions(two_sources)
    via = omissions(coverage(two_sources))
    pd.testing.assert_frame_equal(direct, via)


def test_min_paragraphs_turns_passing_mentions_into_omissions(two_sources):
    strict = omissions(two_sources, min_paragraphs=2)
    a = strict[strict["source_id"] == "a"].set_index("aspect")
    # a mentions regulation once: not enough now, and b never does
    assert a.at["regulation", "status"] == "not covered by any source"
    assert a.at["regulation", "n_paragraphs"] == 1
    # b's two risk paragraphs still count as coverage
    assert a.at["risks", "status"] == "omitted"
    with pytest.raises(AnalysisError, match="min_paragraphs"):
        omissions(two_sources, min_paragraphs=0)


def test_no_omissions_gives_an_empty_table_with_columns():
    one = pd.DataFrame({"pattern": ["rain*"], "dimension": ["aspect"], "category": ["weather"],
                        "weight": [1.0], "source": ["test"]})
    df = blocks([("a", "body", "Rain again."), ("b", "body", "It rained.")])
    om = omissions(df, aspects=one)
    assert om.empty and {"source_id", "aspect", "status", "covered_by"} <= set(om.columns)


def test_user_aspects_replace_the_defaults(tmp_path):
    table = pd.DataFrame({
        "pattern": ["rain*", "sun|sunny"], "dimension": ["aspect", "aspect"],
        "category": ["weather", "sunshine"], "weight": [1, 1], "source": ["user", "user"],
    })
    df = blocks([("a", "body", "Rain again, rainy days."), ("b", "body", "A sunny day.")])
    cov = coverage(df, aspects=table)
    assert list(pd.unique(cov["aspect"])) == ["weather", "sunshine"]
    assert cell(cov, "a", "weather")["n_mentions"] == 2
    path = tmp_path / "aspects.csv"
    table.to_csv(path, index=False)
    pd.testing.assert_frame_equal(coverage(df, aspects=str(path)), cov)
    extended = load_aspects().extend(table)
    assert "weather" in set(coverage(df, aspects=extended)["aspect"])


def test_lexicon_without_aspect_rows_is_an_error():
    table = pd.DataFrame({"pattern": ["wow"], "dimension": ["hype"], "category": ["x"],
                          "weight": [1], "source": ["user"]})
    with pytest.raises(LexiconError, match="aspect"):
        coverage(blocks([("a", "body", "wow")]), aspects=table)


@pytest.mark.parametrize(
    "df, message",
    [
        (pd.DataFrame({"source_id": ["a"], "kind": ["body"], "block_index": [0]}), "text"),
        (blocks([("a", "heading", "x")]), "kind"),
        (blocks([("a", "body", "x"), ("b", "heading", "y")]), "'b'"),
    ],
)
def test_bad_tables_are_errors(df, message):
    with pytest.raises(AnalysisError, match=message):
        coverage(df)


def test_missing_text_is_an_error_naming_the_block():
    df = blocks([("a", "body", "x"), ("a", "body", None)])
    with pytest.raises(AnalysisError, match="block 1"):
        coverage(df)


def test_aspect_evidence_feeds_highlight():
    from framelens.report.display import highlight

    text = "The FDA approved it; the cost is high."
    ev = aspect_evidence(text)
    assert set(ev["dimension"]) == {"aspect"}
    assert {"regulation", "cost_access"} <= set(ev["category"])
    assert all(text[s:e] == m for s, e, m in zip(ev["start"], ev["end"], ev["match"]))
    html = highlight(text, ev, dimensions=("aspect",)).html
    assert "aspect / regulation" in html


def test_aspect_mentions_one_row_per_mention(two_sources):
    m = aspect_mentions(two_sources)
    assert {"source_id", "block_index", "aspect", "start", "end", "match"} <= set(m.columns)
    cov = coverage(two_sources)
    total = cov.groupby("aspect")["n_mentions"].sum()
    assert m.groupby("aspect").size().reindex(total.index, fill_value=0).equals(total)


# ---------------------------------------------------------------------------
# the bundled corpus
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_coverage(raw_dir):
    from framelens.io.corpus import load_corpus

    return coverage(load_corpus(raw_dir))


def test_seed_corpus_evidence_and_regulation(seed_coverage):
    cov = seed_coverage
    evidence = cell(cov, "tesla-titan", "evidence")
    assert evidence["n_paragraphs"] >= 1
    # the review of trials is the richest evidence paragraph of that article
    assert "49 studies" in evidence["example_text"]
    regulation = cell(cov, "therapy-approach", "regulation")
    assert "FDA" in regulation["example_text"]


def test_seed_corpus_omissions(seed_coverage):
    om = omissions(seed_coverage).set_index(["source_id", "aspect"])
    # the promotional article never mentions regulation although others do
    assert om.at[("touts-ketamine", "regulation"), "status"] == "omitted"
    # every source covers the evidence aspect
    assert "evidence" not in set(om.reset_index()["aspect"])


def test_package_attribute_calls_the_function_after_a_submodule_import():
    import framelens
    import framelens.analysis.aspects as module

    blocks = pd.DataFrame({"source_id": ["a"], "block_index": [0], "kind": ["body"],
                           "text": ["The FDA approved it; side effects are rare."]})
    assert framelens.coverage is module.coverage
    result = framelens.coverage(blocks)
    expected = module.coverage(blocks)
    pd.testing.assert_frame_equal(result, expected)


def test_sentence_excerpt_keeps_the_sentence_and_centres_a_long_one():
    from framelens.text.tokens import sentence_excerpt

    text = "First one. The drug costs $500 a month. Last one."
    start = text.index("costs")
    assert sentence_excerpt(text, start, start + 5) == "The drug costs $500 a month."
    long = "word " * 100 + "TARGET " + "word " * 100 + "."
    start = long.index("TARGET")
    out = sentence_excerpt(long, start, start + 6, limit=40)
    assert "TARGET" in out and out.startswith("…") and out.endswith("…") and len(out) <= 42
