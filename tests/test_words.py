"""Tests for framelens.analysis.words: log-odds with informative Dirichlet prior."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framelens.errors import AnalysisError
from framelens.analysis.words import (
    distinguishing_words,
    log_odds_informative_prior,
    term_counts,
)


def blocks(paragraphs: dict[str, list[str]]) -> pd.DataFrame:
    rows = []
    for source, texts in paragraphs.items():
        for i, text in enumerate(texts):
            rows.append(dict(source_id=source, block_index=i, kind="body", section="",
                             text=text, start=0, end=len(text), file=f"{source}.txt"))  # fmt: skip
    return pd.DataFrame(rows)


CORPUS = {
    "hyped": [
        "A miracle breakthrough drug offers a miracle cure for patients.",
        "The breakthrough therapy is a miracle for depression patients.",
        "Doctors call the drug a breakthrough for patients with depression.",
    ],
    "careful": [
        "The drug may help some patients, but evidence remains limited.",
        "Researchers caution that evidence on the drug is limited and early.",
        "Patients should know the evidence is limited; risks remain unclear.",
    ],
    "neutral": [
        "The drug was approved for patients with depression in 2019.",
        "Patients receive the drug in a clinic under supervision.",
    ],
}


def test_word_used_by_one_source_only_has_positive_z():
    out = distinguishing_words(blocks(CORPUS), top=None)
    hyped = out[out["source_id"] == "hyped"].set_index("term")
    assert hyped.loc["miracle", "z"] > 0 and hyped.loc["miracle", "count_rest"] == 0
    assert hyped.loc["miracle", "count_source"] == 3
    careful = out[out["source_id"] == "careful"]
    assert careful["term"].iloc[0] in {"limited", "evidence"}
    # a word every source uses about equally is not distinctive for anyone
    assert not ((out["term"] == "drug") & (out["z"] > 1)).any()


def test_only_positive_z_sorted_descending_and_top_respected():
    out = distinguishing_words(blocks(CORPUS), top=3)
    assert (out["z"] > 0).all()
    for _, group in out.groupby("source_id"):
        assert len(group) <= 3
        assert group["z"].is_monotonic_decreasing
    assert list(pd.unique(out["source_id"])) == [s for s in CORPUS if s in set(out["source_id"])]


def test_more_exclusive_uses_give_larger_z():
    counts_i = np.array([1.0, 3.0, 9.0, 50.0])
    counts_j = np.array([0.0, 0.0, 0.0, 50.0])
    prior = np.array([0.5, 0.5, 0.5, 5.0])
    delta, z = log_odds_informative_prior(counts_i, counts_j, prior)
    assert z[0] < z[1] < z[2]
    # swapping the groups flips the sign
    delta_rev, z_rev = log_odds_informative_prior(counts_j, counts_i, prior)
    assert np.allclose(delta_rev, -delta) and np.allclose(z_rev, -z)


def test_prior_must_be_positive():
    with pytest.raises(AnalysisError, match="positive"):
        log_odds_informative_prior(np.array([1.0]), np.array([2.0]), np.array([0.0]))
    with pytest.raises(AnalysisError, match="prior"):
        distinguishing_words(blocks(CORPUS), prior=-1)


def test_weaker_prior_shrinks_less():
    strong = distinguishing_words(blocks(CORPUS), top=None).set_index(["source_id", "term"])
    weak = distinguishing_words(blocks(CORPUS), top=None, prior=5).set_index(
        ["source_id", "term"]
    )
    key = ("hyped", "miracle")
    assert abs(weak.loc[key, "log_odds"]) > abs(strong.loc[key, "log_odds"])


def test_curly_and_straight_apostrophes_count_as_one_word():
    counts = term_counts(["Scientists don\u2019t know.", "They don't know."], ["a", "b"],
                         stop_words=None)  # fmt: skip
    assert "don't" in counts.index
    assert counts.loc["don't"].tolist() == [1, 1]
    assert not any("\u2019" in t for t in counts.index)


def test_possessive_s_is_folded():
    counts = term_counts(["Musk\u2019s drug", "Musk's plan", "Musk said"], ["a", "a", "b"])
    assert counts.loc["musk"].tolist() == [2, 1]


def test_min_count_drops_rare_terms():
    out = distinguishing_words(blocks(CORPUS), top=None, min_count=3)
    totals = out["count_source"] + out["count_rest"]
    assert (totals >= 3).all()
    with pytest.raises(AnalysisError, match="min_count"):
        distinguishing_words(blocks(CORPUS), min_count=1000)


def test_bigrams():
    out = distinguishing_words(blocks(CORPUS), ngram_range=(2, 2), top=None, min_count=1)
    assert out["term"].str.contains(" ").all()
    assert "miracle cure" in set(out.loc[out["source_id"] == "hyped", "term"])


def test_single_term_vocabulary_is_an_error():
    with pytest.raises(AnalysisError, match="at least 2 terms"):
        distinguishing_words(blocks({"a": ["ketamine ketamine"], "b": ["ketamine"]}))


def test_one_source_is_an_error():
    with pytest.raises(AnalysisError, match="at least 2 sources"):
        distinguishing_words(blocks({"only": CORPUS["hyped"]}))


def test_only_stop_words_is_an_error():
    with pytest.raises(AnalysisError, match="no words"):
        distinguishing_words(blocks({"a": ["the and of"], "b": ["it is to"]}), min_count=1)


def test_missing_text_column():
    with pytest.raises(AnalysisError, match="'text'"):
        distinguishing_words(blocks(CORPUS).drop(columns="text"))
