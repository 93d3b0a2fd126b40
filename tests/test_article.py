"""Whole-article scores: sides and voices read across paragraphs (sentences written here)."""

from __future__ import annotations

import pandas as pd
import pytest

from framelens import article_scores, score_frame
from framelens.errors import AnalysisError


def scored(*articles: tuple[str, list[str]]) -> pd.DataFrame:
    rows = [
        {"source_id": sid, "block_index": i, "kind": "body", "text": t}
        for sid, texts in articles
        for i, t in enumerate(texts)
    ]
    return score_frame(pd.DataFrame(rows))


SPLIT_VOICES = [
    '"The spray lifted my mood within hours," said Tom Reyes, who runs a clinic that sells it.',
    '"We still do not know whether the benefit lasts," said Dr. Ana Ortiz, a psychiatrist.',
    "Nausea and dizziness were common, and some patients dropped out of the trial.",
]
ONE_VOICE = [
    '"The spray lifted my mood within hours," said Tom Reyes, who runs a clinic that sells it.',
    '"It improves sleep and reduces anxiety too," Reyes said.',
    "Nausea and dizziness were common, and some patients dropped out of the trial.",
]


def test_voices_in_different_paragraphs_count_for_the_article():
    s = scored(("split", SPLIT_VOICES), ("one", ONE_VOICE))
    body = s.set_index(["source_id", "block_index"])
    # no paragraph sets two voices against each other ...
    assert (body["balance_voices"] == 0).all()
    # ... but the article does
    out = article_scores(s).set_index("source_id")
    assert out.loc["split", "n_speakers"] == 2 and out.loc["one", "n_speakers"] == 1
    assert out.loc["split", "article_voices"] > out.loc["one", "article_voices"] == 0
    assert out.loc["split", "article_balance"] > out.loc["one", "article_balance"]
    assert "Ortiz" in out.loc["split", "speakers"] and "Reyes" in out.loc["split", "speakers"]


def test_even_weighing_beats_a_token_harm_and_one_side_is_none():
    even = ["The drug reduced pain and improved sleep.", "It caused nausea, dizziness and weight gain."]
    token = ["The drug reduced pain, improved sleep, eased anxiety and boosted energy.",
             "It improved mood and helped patients return to work.",
             "Some had mild nausea."]
    praise = ["The drug reduced pain and improved sleep.", "It helped patients return to work."]
    out = article_scores(scored(("even", even), ("token", token), ("praise", praise))).set_index("source_id")
    assert out.loc["even", "article_sides"] > out.loc["token", "article_sides"] > 0
    assert out.loc["praise", "article_sides"] == 0
    assert out.loc["praise", "harms_limits"] == 0 and out.loc["praise", "benefits"] > 0


def test_boilerplate_is_left_out_and_order_is_kept():
    s = scored(("b", ["The drug reduced pain."]), ("a", ["It caused nausea."]))
    s.loc[s["source_id"] == "a", "kind"] = "boilerplate"
    with pytest.raises(AnalysisError, match="no rows"):
        article_scores(s[s["source_id"] == "a"], kinds=None)
    out = article_scores(s, kinds=None)
    assert list(out["source_id"]) == ["b"]


def test_missing_balance_columns_are_named():
    plain = pd.DataFrame({"source_id": ["a"], "block_index": [0], "kind": ["body"], "text": ["x"]})
    with pytest.raises(AnalysisError, match="balance_benefit"):
        article_scores(plain)


def test_article_hype_is_the_checklist_article_hype():
    from framelens.analysis.criteria import article_hype

    s = scored(("p", ["A breakthrough that will revolutionize care.", "Truly a miracle."]),
               ("q", ["The trial enrolled 40 patients."]))
    out = article_scores(s).set_index("source_id")["article_hype"]
    pd.testing.assert_series_equal(out, article_hype(s), check_names=False)


def test_bundled_news_report_is_the_most_balanced_article(raw_dir):
    """The report that quotes a sceptical researcher beside Musk weighs sides and voices; the promotions do not."""
    from framelens import load_corpus

    out = article_scores(score_frame(load_corpus(raw_dir))).set_index("source_id")
    assert out["article_balance"].idxmax() == "tesla-titan"
    assert out.loc["tesla-titan", "n_speakers"] > out.loc["touts-ketamine", "n_speakers"]
    assert out["article_hype"].idxmax() == "touts-ketamine"
