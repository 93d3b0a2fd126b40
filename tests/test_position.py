"""Tests for framelens.analysis.position: scores by position in the article and by section."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framelens.errors import AnalysisError
from framelens.analysis.position import (
    NO_HEADING,
    add_position,
    by_position,
    by_section,
    position_labels,
)


def article(source: str, blocks: list[tuple[str, str]], hype: list[float] | None = None):
    """Rows of one source from (kind, text) pairs; ``section`` follows headings."""
    rows, section, k = [], "", 0
    for i, (kind, text) in enumerate(blocks):
        if kind == "heading":
            section = text
        rows.append(dict(source_id=source, block_index=i, kind=kind,
                         section=section if kind != "heading" else "", text=text))  # fmt: skip
    df = pd.DataFrame(rows)
    body = df["kind"] == "body"
    values = hype if hype is not None else list(np.linspace(0, 1, int(body.sum())))
    df["hype"] = 0.0
    df.loc[body, "hype"] = values
    k = int(body.sum())
    df["hedging"] = 0.5
    df["balance"] = 0.25
    df["sentiment"] = 0.0
    df["start"] = 0
    df["end"] = df["text"].str.len()
    df["file"] = source + ".txt"
    assert k == len(values)
    return df


def corpus() -> pd.DataFrame:
    a = article("a", [("title", "A"), ("body", "intro"), ("heading", "Method"),
                      ("body", "m1"), ("body", "m2"), ("heading", "Empty"),
                      ("heading", "Results"), ("body", "r1"), ("body", "r2"),
                      ("body", "r3")],
                hype=[0.9, 0.1, 0.2, 0.3, 0.4, 0.8])  # fmt: skip
    b = article("b", [("body", "only")], hype=[0.5])
    return pd.concat([a, b], ignore_index=True)


def test_position_labels():
    assert position_labels(3) == ("opening", "middle", "closing")
    assert len(position_labels(5)) == 5
    with pytest.raises(AnalysisError):
        position_labels(0)


def test_rel_position_runs_from_zero_to_one():
    placed = add_position(corpus())
    a = placed[placed["source_id"] == "a"]
    assert list(a["block_index"]) == sorted(a["block_index"])
    assert a["rel_position"].iloc[0] == 0.0 and a["rel_position"].iloc[-1] == 1.0
    assert np.all(np.diff(a["rel_position"]) > 0)
    assert set(placed["kind"]) == {"body"}  # headings do not move paragraphs along


def test_single_paragraph_sits_in_the_middle():
    placed = add_position(corpus())
    only = placed[placed["source_id"] == "b"].iloc[0]
    assert only["rel_position"] == 0.5
    assert only["position"] == "middle"


@pytest.mark.parametrize("n", [2, 3, 4, 5, 7, 10, 31])
def test_first_is_opening_and_last_is_closing(n):
    df = article("s", [("body", f"p{i}") for i in range(n)])
    placed = add_position(df)
    assert placed["position"].iloc[0] == "opening"
    assert placed["position"].iloc[-1] == "closing"
    # bins never go backwards along the article
    assert np.all(np.diff(placed["position"].cat.codes.to_numpy()) >= 0)


@pytest.mark.parametrize("n", [4, 6, 9, 12])
def test_binning_is_symmetric(n):
    placed = add_position(article("s", [("body", f"p{i}") for i in range(n)]), bins=3)
    codes = placed["position"].cat.codes.to_numpy()
    assert list(codes) == list(2 - codes[::-1])


def test_by_position_counts_every_paragraph_and_orders_bins():
    out = by_position(corpus(), dimensions=("hype",))
    a = out[out["source_id"] == "a"]
    assert a["n"].sum() == 6
    assert list(a["position"]) == ["opening", "middle", "closing"]
    assert a["position"].cat.ordered
    # the opening has the 0.9 paragraph, the closing the 0.8 one
    by_bin = a.set_index("position")["mean"]
    assert by_bin["opening"] > by_bin["middle"] < by_bin["closing"]


def test_empty_bins_are_explicit():
    out = by_position(corpus(), dimensions=("hype",))
    b = out[out["source_id"] == "b"].set_index("position")
    assert b.loc["middle", "n"] == 1
    empty = b[b["n"] == 0]
    assert len(empty) == 2
    assert empty["mean"].isna().all()
    assert empty["note"].str.contains("no paragraphs").all()


def test_custom_bins_and_labels():
    out = by_position(corpus(), bins=2, labels=("top", "bottom"), dimensions=("hype",))
    assert list(out["position"].cat.categories) == ["top", "bottom"]
    with pytest.raises(AnalysisError, match="labels"):
        by_position(corpus(), bins=3, labels=("top", "bottom"))


def test_duplicate_block_index_is_an_error():
    df = corpus()
    df.loc[df.index[3], "block_index"] = df.loc[df.index[1], "block_index"]
    with pytest.raises(AnalysisError, match="more than once"):
        add_position(df)


def test_by_section_labels_no_heading_and_keeps_article_order():
    out = by_section(corpus(), dimensions=("hype",))
    a = out[out["source_id"] == "a"]
    assert list(a["section"]) == [NO_HEADING, "Method", "Empty", "Results"]
    assert list(a["section_order"]) == [0, 1, 2, 3]
    assert a.set_index("section").loc["Results", "n"] == 3
    assert a.set_index("section").loc["Method", "mean"] == pytest.approx(0.15)


def test_heading_without_paragraphs_has_explicit_zero():
    out = by_section(corpus(), dimensions=("hype", "hedging"))
    empty = out[out["section"] == "Empty"]
    assert len(empty) == 2  # one row per dimension
    assert (empty["n"] == 0).all() and empty["mean"].isna().all()
    assert empty["note"].str.contains("no paragraphs").all()
    # every other row has a real mean
    assert out.loc[out["n"] > 0, "mean"].notna().all()


def test_heading_without_paragraphs_can_be_left_out():
    out = by_section(corpus(), dimensions=("hype",), include_empty=False)
    assert "Empty" not in set(out["section"])
    assert out["mean"].notna().all()
    a = out[out["source_id"] == "a"]
    assert list(a["section_order"]) == [0, 1, 2]


def test_by_section_requires_section_column():
    with pytest.raises(AnalysisError, match="'section'"):
        by_section(corpus().drop(columns="section"))


def test_source_without_body_is_named():
    df = corpus()
    df = df[df["source_id"] != "b"]
    extra = article("c", [("heading", "Only a heading"), ("body", "x")], hype=[0.1])
    extra = extra[extra["kind"] == "heading"]
    with pytest.raises(AnalysisError, match="'c'"):
        by_position(pd.concat([df, extra], ignore_index=True))
