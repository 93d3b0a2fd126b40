"""Tests for framelens.analysis.shared: text shared word for word between sources."""

from __future__ import annotations

import pandas as pd
import pytest

from framelens.errors import AnalysisError
from framelens.analysis.shared import shared_passages


def blocks(paragraphs: dict[str, list[str]], kind: str = "body") -> pd.DataFrame:
    rows = []
    for source, texts in paragraphs.items():
        for i, text in enumerate(texts):
            rows.append(dict(source_id=source, block_index=i, kind=kind, section="",
                             text=text, start=0, end=len(text), file=f"{source}.txt"))  # fmt: skip
    return pd.DataFrame(rows)


QUOTE = "\u201cThere are times when I have a negative chemical state in my brain\u201d"

CORPUS = {
    "wire": [
        "The company said on Monday that quarterly revenue rose by twelve percent "
        "compared with the same period last year.",
        f"He told the interviewer: {QUOTE}, adding that he takes a small dose that "
        "his doctor prescribed and that he sees no reason to stop the treatment soon, "
        "according to a transcript published by the broadcaster later that evening.",
        "Unrelated text about the weather in the region this week.",
    ],
    "copy": [
        # the wire paragraph, lightly edited at the end
        "The company said on Monday that quarterly revenue rose by twelve percent "
        "compared with the same period a year earlier.",
        f"In a long interview about his companies, rockets and cars, the billionaire "
        f"said {QUOTE.replace(chr(0x201c), chr(34))} and moved on to talk about his "
        "plans for the electric truck and the factory opening next spring.",
    ],
    "fresh": [
        "An entirely different article that shares nothing with the others at all.",
    ],
}


def test_near_duplicate_paragraph_is_found():
    out = shared_passages(blocks(CORPUS))
    dup = out[(out["block_a"] == 0) & (out["block_b"] == 0)]
    assert len(dup) == 1
    row = dup.iloc[0]
    assert (row["source_a"], row["source_b"]) == ("wire", "copy")
    assert row["match"] == "near-duplicate"
    assert row["similarity"] >= 0.5 and row["jaccard"] <= row["similarity"]
    assert row["shared_text"].startswith("The company said on Monday")
    assert out.iloc[0]["similarity"] == out["similarity"].max()


def test_shared_quote_inside_different_paragraphs():
    out = shared_passages(blocks(CORPUS))
    quote = out[(out["block_a"] == 1) & (out["block_b"] == 1)]
    assert len(quote) == 1
    row = quote.iloc[0]
    assert row["match"] == "shared passage"
    assert row["similarity"] < 0.5
    assert row["shared_words"] >= 13
    # cut from source a's original text: typographic quotes untouched
    assert "negative chemical state in my brain" in row["shared_text"]
    assert row["shared_text"] in CORPUS["wire"][1]


def test_unrelated_sources_and_same_source_repeats_are_not_paired():
    df = blocks({**CORPUS, "fresh": CORPUS["fresh"] * 2})
    out = shared_passages(df)
    assert "fresh" not in set(out["source_a"]) | set(out["source_b"])
    assert (out["source_a"] != out["source_b"]).all()


def test_min_words_controls_short_runs():
    df = blocks({"a": ["one two three four five six seven alpha " + "filler " * 12],
                 "b": ["beta one two three four five six seven " + "other " * 12]})  # fmt: skip
    assert shared_passages(df, min_words=8).empty
    found = shared_passages(df, min_words=7)
    assert found.iloc[0]["shared_words"] == 7
    assert found.iloc[0]["shared_text"] == "one two three four five six seven"


def test_short_heading_inside_a_paragraph_is_not_a_near_duplicate():
    df = pd.concat(
        [
            blocks({"a": ["Ketamine as a Treatment for Depression"]}, kind="heading"),
            blocks({"b": ["Studies of ketamine as a treatment for depression were few."]}),
        ],
        ignore_index=True,
    )
    assert shared_passages(df).empty  # 6 shared words < min_words = 8
    out = shared_passages(df, min_words=5)
    assert out.iloc[0]["kind_a"] == "heading" and out.iloc[0]["kind_b"] == "body"


def test_kinds_filter():
    df = blocks(CORPUS)
    df.loc[df["source_id"] == "copy", "kind"] = "boilerplate"
    assert not shared_passages(df).empty
    with pytest.raises(AnalysisError, match="at least 2 sources"):
        shared_passages(df, kinds=("boilerplate",))


def test_empty_result_keeps_columns():
    out = shared_passages(blocks({"a": ["alpha beta"], "b": ["gamma delta"]}))
    assert out.empty
    assert {"source_a", "block_a", "source_b", "block_b", "similarity", "shared_text"} <= set(
        out.columns
    )


def test_bad_input():
    with pytest.raises(AnalysisError, match="at least 2 sources"):
        shared_passages(blocks({"a": ["x y z"]}))
    with pytest.raises(AnalysisError, match="'text'"):
        shared_passages(blocks(CORPUS).drop(columns="text"))
    with pytest.raises(AnalysisError, match="min_words"):
        shared_passages(blocks(CORPUS), min_words=1)
    with pytest.raises(AnalysisError, match="threshold"):
        shared_passages(blocks(CORPUS), threshold=0)
