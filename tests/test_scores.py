"""Hand-made cases for each score: orderings and directions, not exact values."""

from __future__ import annotations

import pandas as pd
import pytest

import framelens
from framelens.errors import AnalysisError
from framelens.scores.scoring import (
    EXPLAIN_COLUMNS,
    MAIN_SCORES,
    explain,
    explain_paragraphs,
    score_frame,
    score_paragraphs,
)

NEUTRAL = "The clinic opened in 2015 and treats patients from the surrounding towns on weekdays."
HYPE = "This miracle drug is a revolutionary breakthrough, a true game-changer for everyone."
HEDGED = "The drug may help some patients, and early results suggest it could possibly work."
LIMITS = ("The long-term effects are not well understood, it is unclear who benefits, "
          "and more research is needed.")
ONE_SIDED = "The treatment is wonderful and helps patients feel better quickly and improves mood."
TWO_SIDED = ("The treatment improves mood and brings quick relief, but it carries a risk of abuse, "
             "side effects such as nausea and a high cost.")
VOICES = ("\u201cIt is not a cure,\u201d said Dr. Jane Allan, an independent expert. Critics argue "
          "the trials were small, according to a review of 49 studies with 3,299 patients.")


def _scores(*texts: str) -> pd.DataFrame:
    return score_paragraphs(list(texts))


def test_columns_ranges_and_order() -> None:
    texts = [NEUTRAL, HYPE, HEDGED, LIMITS, ONE_SIDED, TWO_SIDED, VOICES, ""]
    df = score_paragraphs(texts)
    assert len(df) == len(texts)
    assert list(df.columns[:6]) == ["hype", "hedging", "balance", "sentiment", "n_words", "n_sentences"]
    for col in ("hype", "hedging", "balance"):
        assert df[col].between(0, 1).all()
    assert df["sentiment"].between(-1, 1).all()
    extra = [c for c in df.columns[6:]]
    assert all(c.split("_")[0] in {"hype", "hedging", "balance", "sentiment", "claim"} for c in extra)
    # order is kept: the reversed input gives the reversed output
    rev = score_paragraphs(texts[::-1])
    pd.testing.assert_frame_equal(rev.iloc[::-1].reset_index(drop=True), df)
    assert df.iloc[-1][["hype", "hedging", "balance", "sentiment"]].eq(0).all()


def test_hype_orders_promotional_above_neutral_and_hedged() -> None:
    df = _scores(NEUTRAL, HYPE, HEDGED)
    assert df.loc[1, "hype"] > df.loc[0, "hype"]
    assert df.loc[1, "hype"] > df.loc[2, "hype"]
    assert df.loc[1, "hype"] > 0.5


def test_negated_hype_does_not_count() -> None:
    df = _scores("It is a miracle cure.", "It is not a miracle cure.", "There is no cure.")
    assert df.loc[0, "hype"] > 0
    assert df.loc[1, "hype"] == 0 and df.loc[1, "hype_negated"] >= 1
    assert df.loc[2, "hype"] == 0


def test_hedged_hype_is_still_hype_and_visible() -> None:
    df = _scores("Ketamine will revolutionize depression treatment.",
                 "Ketamine could revolutionize depression treatment.",
                 "Ketamine could help with depression treatment.")
    assert df.loc[1, "hype"] > df.loc[2, "hype"]
    assert df.loc[1, "hype"] > 0
    assert df.loc[1, "hype_hedged"] >= 1 and df.loc[1, "hype_hedged_share"] > 0
    assert df.loc[0, "hype_hedged"] == 0
    assert df.loc[1, "hedging"] > df.loc[0, "hedging"]


def test_intensifier_strengthens_hype() -> None:
    df = _scores("The results were remarkable for patients in the trial.",
                 "The results were truly remarkable for patients in the trial.")
    assert df.loc[1, "hype"] > df.loc[0, "hype"]


def test_hedging_orders_hedged_and_limits_above_plain_claims() -> None:
    df = _scores(NEUTRAL, HEDGED, LIMITS, "The drug cures depression in all patients.")
    assert df.loc[1, "hedging"] > df.loc[0, "hedging"]
    assert df.loc[2, "hedging"] > df.loc[0, "hedging"]
    assert df.loc[1, "hedging"] > df.loc[3, "hedging"]
    assert df.loc[2, "hedging_limitation"] > 0


@pytest.mark.parametrize(
    "phrase",
    ["Scientists still don\u2019t really know how it works.",
     "Scientists still don't know how it works.",
     "The long-term effects are not well understood.",
     "It is not clear who benefits.",
     "The mechanism is unknown."],
)
def test_limits_of_knowledge_count_as_hedging(phrase: str) -> None:
    df = _scores(phrase, "Scientists know how it works.")
    assert df.loc[0, "hedging"] > df.loc[1, "hedging"]


def test_curly_and_straight_apostrophes_score_alike() -> None:
    df = _scores("Scientists still don\u2019t really know how it works.",
                 "Scientists still don't really know how it works.")
    for col in ("hype", "hedging", "balance"):
        assert df.loc[0, col] == df.loc[1, col]


def test_balance_two_sided_and_voices_beat_one_sided() -> None:
    df = _scores(ONE_SIDED, TWO_SIDED, VOICES)
    assert df.loc[1, "balance"] > df.loc[0, "balance"]
    assert df.loc[2, "balance"] > df.loc[0, "balance"]
    assert df.loc[1, "balance_sides"] > df.loc[0, "balance_sides"]
    assert df.loc[0, "balance_sides"] == 0  # benefits only: one-sided
    assert df.loc[2, "balance_voices"] > df.loc[0, "balance_voices"]
    assert df.loc[2, "balance_evidence"] > df.loc[0, "balance_evidence"]
    assert df.loc[2, "balance_quotes"] >= 1


def test_balance_components_combine_monotonically() -> None:
    only_benefit = "The drug improves mood."
    with_harm = "The drug improves mood but carries a risk of abuse."
    # one voice is not balance; two voices set against each other are
    with_harm_and_voice = ("The drug improves mood but carries a risk of abuse, Dr. Smith said. "
                           "Jones said the risk is small.")
    df = _scores(only_benefit, with_harm, with_harm_and_voice)
    assert df.loc[0, "balance"] < df.loc[1, "balance"] < df.loc[2, "balance"]


def test_scores_do_not_grow_with_length() -> None:
    # texts of at least one length unit (25 words; 50 for balance): repeating
    # them must not raise any score (shorter texts are counted as one unit)
    hype, hedged, two = (f"{t} {NEUTRAL} {NEUTRAL} {NEUTRAL}" for t in (HYPE, HEDGED, TWO_SIDED))
    assert all(len(t.split()) >= 50 for t in (hype, hedged, two))
    df = _scores(hype, " ".join([hype] * 5), hedged, " ".join([hedged] * 5), two, " ".join([two] * 4))
    for a, b in [(0, 1), (2, 3), (4, 5)]:
        for col in ("hype", "hedging", "balance"):
            assert df.loc[b, col] <= df.loc[a, col] + 1e-9, (col, a)
    # diluting the same evidence with neutral text lowers the score
    diluted = _scores(hype + " " + " ".join([NEUTRAL] * 4))
    assert diluted.loc[0, "hype"] < df.loc[0, "hype"]


def test_sentiment_is_per_sentence_mean_not_paragraph_drift() -> None:
    positive = "The staff were kind and helpful."
    df = _scores(positive, " ".join([positive] * 8), "The staff were rude and unhelpful.")
    assert df.loc[0, "sentiment"] > 0 > df.loc[2, "sentiment"]
    assert df.loc[1, "sentiment"] == pytest.approx(df.loc[0, "sentiment"])
    assert df.loc[1, "n_sentences"] == 8


def test_explain_traces_every_span() -> None:
    text = "Ketamine could revolutionize care, but it is not a miracle cure, critics said."
    ev = explain(text)
    assert list(ev.columns) == list(EXPLAIN_COLUMNS)
    for row in ev.itertuples():
        assert text[row.start:row.end] == row.match
    hype = ev[ev.dimension == "hype"].set_index("match")
    assert hype.loc["revolutionize", "hedged"] and hype.loc["revolutionize", "counted"]
    assert hype.loc["miracle cure", "negated"] and not hype.loc["miracle cure", "counted"]
    sent = ev[ev.dimension == "sentiment"]
    assert len(sent) == 1 and sent["category"].eq("sentence").all()
    # counted hype contributions add up to the score's raw sum
    raw = score_paragraphs([text]).loc[0, "hype_raw"]
    assert ev.query("dimension == 'hype' and counted")["contribution"].sum() == pytest.approx(raw)


def test_explain_paragraphs_has_paragraph_column() -> None:
    ev = explain_paragraphs([HYPE, NEUTRAL, HEDGED])
    assert ev.columns[0] == "paragraph"
    assert set(ev["paragraph"]) <= {0, 1, 2}
    assert (ev.query("dimension == 'hype'")["paragraph"] == 0).all()


def test_user_lexicon_for_one_call_only() -> None:
    text = "This elixir will change everything."
    extra = [{"pattern": "elixir", "dimension": "hype", "category": "sensational", "weight": 1.0}]
    assert score_paragraphs([text]).loc[0, "hype"] == 0
    assert score_paragraphs([text], lexicon=extra).loc[0, "hype"] > 0
    assert score_paragraphs([text]).loc[0, "hype"] == 0


def test_score_frame_keeps_identifiers_and_index() -> None:
    blocks = pd.DataFrame(
        {"source_id": ["a", "a", "b"], "block_index": [0, 1, 0], "text": [HYPE, NEUTRAL, HEDGED]},
        index=[10, 11, 20],
    )
    out = score_frame(blocks)
    assert list(out.index) == [10, 11, 20]
    assert list(out.columns[:3]) == ["source_id", "block_index", "text"]
    assert set(MAIN_SCORES) <= set(out.columns)
    assert out.loc[10, "hype"] > out.loc[11, "hype"]
    # re-scoring replaces, not duplicates, the score columns
    again = score_frame(out)
    assert list(again.columns) == list(out.columns)
    empty = score_frame(blocks.iloc[:0])
    assert list(empty.columns) == list(out.columns) and len(empty) == 0


def test_bad_input_is_named() -> None:
    with pytest.raises(AnalysisError, match="paragraph 1"):
        score_paragraphs(["fine", None])  # type: ignore[list-item]
    with pytest.raises(AnalysisError, match="one string"):
        score_paragraphs("just one paragraph")
    with pytest.raises(AnalysisError, match="no column 'body'"):
        score_frame(pd.DataFrame({"text": ["x"]}), text_column="body")
    with pytest.raises(AnalysisError, match="index 'x'"):
        score_frame(pd.DataFrame({"text": ["ok", float("nan")]}, index=["w", "x"]))


def test_public_names_resolve_lazily() -> None:
    assert framelens.score_paragraphs is score_paragraphs
    assert framelens.explain is explain


def test_seed_corpus_directions(raw_dir) -> None:  # type: ignore[no-untyped-def]
    """The promotional article hypes more; the news report quotes and cites more.

    (Balance is not ordered this way: paragraph by paragraph, the promotional
    text does set benefits against risks, while the news report gives its
    expert's words one voice at a time.)

    (Hedging is not ordered this way: the promotional text hedges its own
    claims, "holds the potential to", "more research is needed".)
    """
    from framelens.io.corpus import body_blocks, load_corpus

    scored = score_frame(body_blocks(load_corpus(raw_dir)))
    means = scored.groupby("source_id")[["hype", "balance_speakers", "balance_evidence"]].mean()
    assert means.loc["touts-ketamine", "hype"] > means.loc["tesla-titan", "hype"]
    assert means.loc["tesla-titan", "balance_speakers"] > means.loc["touts-ketamine", "balance_speakers"]
    assert means.loc["tesla-titan", "balance_evidence"] > means.loc["touts-ketamine", "balance_evidence"]


def test_sentence_shortcut_equals_vader(raw_dir, certainty_path) -> None:  # type: ignore[no-untyped-def]
    """Sentences given 0 without calling VADER are exactly those VADER scores 0."""
    from framelens.scores.sentiment import analyzer, sentence_compounds
    from framelens.text.tokens import split_sentences
    from framelens.validation.certainty import load_certainty

    texts = [p for f in sorted(raw_dir.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n\n")]
    texts += list(load_certainty(certainty_path)["text"])
    texts += ["I love it \U0001F600.", "Kind of a :) day.", "No no no.", "The meeting is at 10:00 in room 4."]
    texts += ["Matriderm\u00ae helped, a GREAT result!!", "So sad \u2764 but fine?"]
    vader = analyzer()
    for text in texts:
        spans = split_sentences(text)
        assert sentence_compounds(text, spans) == [vader.polarity_scores(text[s:e])["compound"] for s, e in spans]


def test_emoji_free_sentences_score_as_plain_strings(raw_dir, certainty_path) -> None:  # type: ignore[no-untyped-def]
    """VADER gives a sentence handed over in one piece exactly its plain-string scores."""
    from framelens.scores.sentiment import _EmojiFree, _fast_path_agrees, analyzer
    from framelens.text.tokens import split_sentences
    from framelens.validation.certainty import load_certainty

    texts = [p for f in sorted(raw_dir.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n\n")]
    texts += list(load_certainty(certainty_path)["text"])
    texts += [" GREAT!!! but not good?? ", "Kind of a :) day...", "It's not bad, it's AWFUL!", "\tso  sad\n"]
    vader = analyzer()
    ps = vader.polarity_scores
    assert _fast_path_agrees()  # the pinned VADER takes the fast path
    sentences = [text[s:e] for text in texts for s, e in split_sentences(text)] + texts[-4:]
    # only sentences with no emoji character take the fast path ("®" is one)
    sentences = [s for s in sentences if vader.emojis.keys().isdisjoint(s)]
    assert len(sentences) > 1500
    for sentence in sentences:
        assert ps(_EmojiFree(sentence)) == ps(sentence), sentence
    assert list(_EmojiFree("abc")) == ["abc"] and _EmojiFree("abc") == "abc"


def test_more_voices_score_higher_than_one() -> None:
    one = "Musk said the drug helps him focus at work every single week."
    two = "Musk said the drug helps him focus, but critics argue it is overused."
    df = _scores(NEUTRAL, one, two)
    # a single voice is not "voices set against each other": it scores as no voice
    assert df.loc[0, "balance_voices"] == df.loc[1, "balance_voices"] < df.loc[2, "balance_voices"]
    assert df.loc[1, "balance_speakers"] == 1


def test_score_and_explain_is_one_pass_equal_to_the_two_calls():
    from framelens.scores.scoring import score_and_explain

    texts = [
        "This breakthrough may revolutionize care, experts said.",
        "",
        "It is not a miracle cure. \u201cWe still don\u2019t know why,\u201d she said.",
    ]
    scores, evidence = score_and_explain(texts)
    pd.testing.assert_frame_equal(scores, framelens.score_paragraphs(texts))
    # each paragraph's evidence is what explain() finds in that paragraph alone
    for i, text in enumerate(texts):
        mine = evidence[evidence["paragraph"] == i].drop(columns="paragraph").reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, explain(text))
    assert set(evidence["paragraph"]) == {0, 2}
    hype = evidence[evidence["dimension"] == "hype"].set_index("match")
    assert bool(hype.loc["revolutionize", "hedged"]) and bool(hype.loc["miracle cure", "negated"])


def test_score_frame_with_evidence_keys_each_span_to_its_row():
    from framelens.scores.scoring import score_frame_with_evidence

    df = pd.DataFrame({
        "source_id": ["a", "a", "b"],
        "block_index": [0, 1, 0],
        "text": ["A miracle cure, experts said.", "Nothing here.", "It may help; more research is needed."],
    }, index=[10, 11, 12])
    scored, evidence = score_frame_with_evidence(df)
    pd.testing.assert_frame_equal(scored, score_frame(df))
    assert list(evidence.columns[:2]) == ["source_id", "block_index"]
    texts = df.set_index(["source_id", "block_index"])["text"]
    for row in evidence.itertuples():
        assert texts[(row.source_id, row.block_index)][row.start:row.end] == row.match
    with pytest.raises(AnalysisError, match="'id'"):
        score_frame_with_evidence(df, keys=["id"])


@pytest.mark.parametrize("block_size", [1, 2, 4])
def test_results_do_not_depend_on_the_block_size(monkeypatch: pytest.MonkeyPatch, block_size: int) -> None:
    """Paragraphs are read in blocks; each paragraph's scores and evidence are its own."""
    from framelens.scores import scoring

    texts = [HYPE, NEUTRAL, "", HEDGED, VOICES, LIMITS, TWO_SIDED]
    alone = [scoring.score_and_explain([t]) for t in texts]
    monkeypatch.setattr(scoring, "BLOCK_SIZE", block_size)
    scores, evidence = scoring.score_and_explain(texts)
    expected = pd.concat([s for s, _ in alone], ignore_index=True)
    pd.testing.assert_frame_equal(scores, expected)
    for i, (_, spans) in enumerate(alone):
        mine = evidence[evidence["paragraph"] == i].drop(columns="paragraph").reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, spans.drop(columns="paragraph").reset_index(drop=True))
    assert sorted(set(evidence["paragraph"])) == [0, 1, 3, 4, 5, 6]


def test_evidence_row_head_reads_the_match_fields_in_column_order() -> None:
    """_rows reads a Match's first ten evidence columns by position (one C call): the positions name the columns."""
    from framelens.scores.scoring import _MATCH_HEAD, EXPLAIN_COLUMNS
    from framelens.text.matching import Match

    m = Match(3, 9, "pat*", "hype", "novelty", 0.5, "patent", True, False, True, 1, 2, False, False)
    assert _MATCH_HEAD(m) == tuple(getattr(m, c) for c in EXPLAIN_COLUMNS[:10])


@pytest.mark.parametrize("values", [("hype", "a", "\u201cq\u201d", ""), (), ("a", 1, None)])
def test_string_columns_equal_pandas_own(values: tuple) -> None:
    """The evidence's string columns, built through pyarrow, are the arrays pandas builds (a non-string falls back)."""
    from framelens.scores.scoring import _str_array

    got, expected = _str_array(values), pd.array(values, dtype="str")
    assert type(got) is type(expected) and got.dtype == expected.dtype
    pd.testing.assert_extension_array_equal(got, expected)
