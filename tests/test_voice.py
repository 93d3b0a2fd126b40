"""Who speaks: evidence split into the writer's own voice and attributed words
(framelens.analysis.voice)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import framelens
from framelens.analysis.voice import attribute_evidence, by_voice, describe_voice, voice_scores
from framelens.errors import AnalysisError

WIRE = [
    '"This is a breakthrough that will revolutionize care," said Dr. Smith, who led the trial.',
    "The trial enrolled 40 patients, according to the company, and may be repeated next year.",
]
OUTLET = [
    "This breakthrough will revolutionize care, and it is a miracle for patients.",
    "The trial enrolled 40 patients and may be repeated next year.",
]


def _blocks() -> pd.DataFrame:
    rows = [("wire", i, t) for i, t in enumerate(WIRE)] + [("outlet", i, t) for i, t in enumerate(OUTLET)]
    return pd.DataFrame(
        {"source_id": [r[0] for r in rows], "block_index": [r[1] for r in rows], "kind": "body",
         "text": [r[2] for r in rows]},
        index=[10, 11, 12, 13],
    )


def _hype(ev: pd.DataFrame) -> pd.DataFrame:
    return ev[(ev["dimension"] == "hype") & ev["counted"]]


def test_quoted_hype_is_attributed_and_narrated_hype_is_not() -> None:
    # fails if ``attributed`` were always False (or always True)
    text = '"It is a breakthrough," said Dr. Smith. The company calls the pill a miracle.'
    ev = attribute_evidence(text, framelens.explain(text))
    hype = _hype(ev).set_index("match")
    assert hype.loc["breakthrough", ["attributed", "speaker"]].tolist() == [True, "Dr. Smith"]
    assert hype.loc["miracle", ["attributed", "speaker"]].tolist() == [False, ""]
    assert ev["attributed"].dtype == bool and len(ev) == len(framelens.explain(text))


def test_speaker_named_after_the_verb_and_in_the_frame() -> None:
    text = "The new drug is a breakthrough, said Dr. Smith, a visionary researcher."
    hype = _hype(attribute_evidence(text, framelens.explain(text))).set_index("match")
    assert hype.loc["breakthrough", ["attributed", "speaker"]].tolist() == [True, "Dr. Smith"]
    # the writer's description of the speaker is the writer's own voice
    assert hype.loc["visionary", ["attributed", "speaker"]].tolist() == [False, ""]


def test_according_to_attributes_the_reported_words() -> None:
    text = "According to the company, the pill is a breakthrough. Critics call it a miracle."
    hype = _hype(attribute_evidence(text, framelens.explain(text))).set_index("match")
    assert hype.loc["breakthrough", ["attributed", "speaker"]].tolist() == [True, "the company"]
    assert not hype.loc["miracle", "attributed"]
    text = "The pill may help some patients, according to Dr. Jones."
    ev = attribute_evidence(text, framelens.explain(text))
    may = ev[(ev["dimension"] == "hedging") & (ev["match"] == "may")]
    assert may[["attributed", "speaker"]].values.tolist() == [[True, "Dr. Jones"]]


def test_quotation_inside_a_quotation_belongs_to_the_outer_speaker() -> None:
    text = "\u201cPatients told me it was \u2018a miracle cure\u2019, and it is a breakthrough,\u201d Dr. Lee said."
    hype = _hype(attribute_evidence(text, framelens.explain(text)))
    assert len(hype) >= 2
    assert hype["attributed"].all() and set(hype["speaker"]) == {"Dr. Lee"}
    text = 'Smith said: "They called it \'a game-changer\' from the start." The pill is a miracle.'
    hype = _hype(attribute_evidence(text, framelens.explain(text))).set_index("match")
    assert hype.loc["game-changer", ["attributed", "speaker"]].tolist() == [True, "Smith"]
    assert not hype.loc["miracle", "attributed"]


def test_both_evidence_forms_give_the_same_answer() -> None:
    blocks = _blocks()
    scored, keyed = framelens.score_frame_with_evidence(blocks)
    positional = framelens.explain_paragraphs(scored["text"])
    a = attribute_evidence(scored, keyed)
    b = attribute_evidence(scored, positional)
    c = attribute_evidence(scored["text"].tolist(), positional)
    assert a["attributed"].tolist() == b["attributed"].tolist() == c["attributed"].tolist()
    assert a["speaker"].tolist() == b["speaker"].tolist() == c["speaker"].tolist()
    assert a["attributed"].any() and not a["attributed"].all()
    assert list(a.columns) == [*keyed.columns, "attributed", "speaker"]
    pd.testing.assert_frame_equal(voice_scores(scored, keyed), voice_scores(scored, positional))


def test_authorial_and_attributed_contributions_add_up_to_the_raw_score() -> None:
    blocks = _blocks()
    scored, evidence = framelens.score_frame_with_evidence(blocks)
    v = voice_scores(scored, evidence)
    assert v.index.equals(scored.index)
    for dim in ("hype", "hedging"):
        total = v[f"{dim}_authorial_raw"] + v[f"{dim}_attributed_raw"]
        np.testing.assert_allclose(total, scored[f"{dim}_raw"], rtol=0, atol=1e-12)
        assert (v[f"{dim}_authorial"] <= scored[dim] + 1e-12).all()
        assert (v[f"{dim}_attributed"] <= scored[dim] + 1e-12).all()
    # a paragraph that quotes no one keeps its whole score in the writer's voice
    outlet = scored["source_id"] == "outlet"
    np.testing.assert_allclose(v.loc[outlet, "hype_authorial"], scored.loc[outlet, "hype"])
    assert (v.loc[outlet, ["hype_attributed", "attributed_share", "speakers"]] == 0).all().all()
    # the quoted boast: attributed, by one named speaker
    first = scored.index[0]
    assert v.loc[first, "hype_authorial_raw"] == 0 and v.loc[first, "hype_attributed_raw"] > 0
    assert v.loc[first, "speakers"] == 1
    assert 0.5 < v.loc[first, "attributed_share"] < 1


def test_by_voice_separates_a_relayed_boast_from_the_outlets_own() -> None:
    scored, evidence = framelens.score_frame_with_evidence(_blocks())
    table = by_voice(scored, evidence)
    assert table["source_id"].tolist() == ["wire", "outlet"]
    wire, outlet = (table.set_index("source_id").loc[s] for s in ("wire", "outlet"))
    assert wire["hype_attributed_share"] == 1.0 and outlet["hype_attributed_share"] == 0.0
    assert wire["hype_authorial"] == 0.0 and outlet["hype_authorial"] > 0
    assert wire["hype_attributed"] > 0 and outlet["hype_attributed"] == 0.0
    assert wire["speakers"] == 2 and outlet["speakers"] == 0
    assert "Dr. Smith (1)" in wire["top_speakers"] and outlet["top_speakers"] == ""
    assert wire["quotes"] == 1 and outlet["quotes"] == 0
    assert 0 < wire["attributed_words"] < 1 and outlet["attributed_words"] == 0
    sentence = describe_voice(table, {"wire": "Wire service", "outlet": "Daily Outlet"})
    assert sentence.startswith("Daily Outlet carries the most hype in its own voice")
    assert "in Wire service 100% of the hype is in quotations or reported speech, mostly from Dr. Smith" \
        in sentence
    assert sentence.endswith("Wire service gives the largest share of its words to others "
                             f"({wire['attributed_words']:.0%}, most often the company).")


def test_by_voice_with_positional_evidence_and_other_kinds() -> None:
    blocks = _blocks()
    blocks.loc[11, "kind"] = "title"
    scored, keyed = framelens.score_frame_with_evidence(blocks)
    positional = framelens.explain_paragraphs(scored["text"])
    a = by_voice(scored, keyed)
    b = by_voice(scored, positional)
    pd.testing.assert_frame_equal(a, b)
    assert a["n_paragraphs"].tolist() == [1, 2]
    assert by_voice(scored, keyed, kinds=None)["n_paragraphs"].tolist() == [2, 2]


def test_no_one_quoted_gives_a_note() -> None:
    blocks = _blocks()
    blocks = blocks[blocks["source_id"] == "outlet"]
    scored, evidence = framelens.score_frame_with_evidence(blocks)
    table = by_voice(scored, evidence)
    assert math.isclose(table.loc[0, "hype_attributed_share"], 0.0)
    assert describe_voice(table).startswith("No source quotes anyone")


def test_evidence_that_does_not_fit_names_the_row() -> None:
    scored, evidence = framelens.score_frame_with_evidence(_blocks())
    bad = evidence.copy()
    bad.loc[3, "match"] = "something else"
    with pytest.raises(AnalysisError, match=r"evidence row 3 says 'something else'.*source_id '\w+' block \d"):
        attribute_evidence(scored, bad)
    bad = evidence.copy()
    bad.loc[2, "end"] = 10_000
    with pytest.raises(AnalysisError, match=r"evidence row 2 span .* lies outside the text"):
        voice_scores(scored, bad)
    bad = evidence.copy()
    bad.loc[1, "block_index"] = 99
    with pytest.raises(AnalysisError, match=r"evidence row 1 is for source_id '\w+' block 99"):
        voice_scores(scored, bad)
    # by_voice reads the evidence of the paragraphs it analyses and leaves the rest
    subset = scored[scored["source_id"] == "wire"]
    assert by_voice(subset, evidence)["source_id"].tolist() == ["wire"]
    positional = framelens.explain_paragraphs(scored["text"])
    positional.loc[0, "paragraph"] = 7
    with pytest.raises(AnalysisError, match=r"evidence row 0 has paragraph 7"):
        attribute_evidence(scored["text"].tolist(), positional)
    with pytest.raises(AnalysisError, match=r"evidence row 0 has paragraph 7"):
        by_voice(scored, positional)
    with pytest.raises(AnalysisError, match="'contribution'"):
        voice_scores(scored, evidence.drop(columns="contribution"))
    with pytest.raises(AnalysisError, match="evidence needs either"):
        attribute_evidence(scored["text"].tolist(), evidence.drop(columns=["source_id", "block_index"]))


def test_the_public_names_are_exported() -> None:
    for name in ("attribute_evidence", "voice_scores", "by_voice", "describe_voice"):
        assert getattr(framelens, name).__module__ == "framelens.analysis.voice"
