"""Tests for framelens.analysis.align: pairing paragraphs across sources."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framelens.analysis.align import MATCH_MODES, align_paragraphs, paragraph_similarity
from framelens.errors import AnalysisError

Para = tuple[str, float, float]  # (text, hype, hedging)


def scored(paragraphs: dict[str, list[Para]], sections: dict[str, list[str]] | None = None) -> pd.DataFrame:
    """A scored blocks table: (text, hype, hedging) per paragraph, per source."""
    rows = []
    for source, items in paragraphs.items():
        for i, (text, hype, hedging) in enumerate(items):
            section = sections[source][i] if sections and source in sections else ""
            rows.append(dict(source_id=source, block_index=i, kind="body", section=section,
                             text=text, start=0, end=len(text), file=f"{source}.txt",
                             hype=hype, hedging=hedging, balance=0.2, sentiment=0.1))  # fmt: skip
    return pd.DataFrame(rows)


def pair_set(out: pd.DataFrame) -> set[tuple[str, int, str, int]]:
    return set(zip(out["source_a"], out["block_a"], out["source_b"], out["block_b"], strict=True))


CORPUS = {
    "bold": [
        ("Ketamine will revolutionize depression treatment, a true breakthrough.", 0.9, 0.0),
        ("The glutamate receptors in the brain respond to ketamine within hours.", 0.3, 0.0),
        ("Musk runs several companies including rockets and electric cars.", 0.0, 0.0),
    ],
    "careful": [
        ("Whether ketamine improves depression treatment is still uncertain.", 0.0, 0.8),
        ("Tesla and SpaceX are among the companies Musk runs.", 0.0, 0.0),
        ("Glutamate receptors in the brain may respond to ketamine.", 0.1, 0.5),
    ],
    "other": [
        ("The weather in Texas was warm on Tuesday afternoon.", 0.0, 0.0),
    ],
}


# --------------------------------------------------------------------------
# word similarity


def test_similarity_matrix_properties():
    texts = ["Ketamine works fast.", "Ketamine work is fast!", "Weather in Texas."]
    sim = paragraph_similarity(texts)
    assert sim.shape == (3, 3)
    assert np.allclose(np.diag(sim), 1.0)
    assert np.allclose(sim, sim.T)
    assert sim[0, 1] > 0.9 and sim[0, 2] == 0


def test_curly_apostrophes_do_not_split_words():
    sim = paragraph_similarity(["Musk\u2019s doctor won\u2019t", "Musk's doctor won't", "cars"])
    assert sim[0, 1] == pytest.approx(1.0)


# --------------------------------------------------------------------------
# pairing


@pytest.mark.parametrize("match", MATCH_MODES)
def test_pairs_same_topic_across_sources_only(match):
    out = align_paragraphs(scored(CORPUS), top=None, match=match)
    assert len(out) > 0
    assert (out["source_a"] != out["source_b"]).all()
    pairs = pair_set(out)
    assert ("bold", 0, "careful", 0) in pairs  # depression treatment
    assert ("bold", 1, "careful", 2) in pairs  # glutamate receptors
    assert ("bold", 2, "careful", 1) in pairs  # Musk's companies
    # the weather paragraph shares no content word and no aspect with anything
    assert "other" not in set(out["source_a"]) | set(out["source_b"])


@pytest.mark.parametrize("match", ["mutual", "contrast"])
def test_one_partner_per_paragraph_and_source(match):
    out = align_paragraphs(scored(CORPUS), top=None, min_similarity=0.0, match=match)
    for keys in (["source_a", "block_a", "source_b"], ["source_b", "block_b", "source_a"]):
        assert not out.duplicated(keys).any()


def test_best_matching_finds_at_least_the_mutual_pairs():
    mutual = align_paragraphs(scored(CORPUS), top=None, match="mutual")
    best = align_paragraphs(scored(CORPUS), top=None, match="best")
    key = ["source_a", "block_a", "source_b", "block_b"]
    merged = mutual[key].merge(best[key], how="left", indicator=True)
    assert (merged["_merge"] == "both").all()
    assert len(best) >= len(mutual)


def test_contrast_mode_prefers_the_informative_partner():
    # "bold" 0 is about equally related to both "careful" paragraphs; the
    # cautious one is the contrast worth reading, the like-minded one is not
    corpus = {
        "bold": [("Psilocybin therapy cures anxiety in weeks, doctors say.", 0.9, 0.0)],
        "careful": [
            ("Psilocybin therapy cures anxiety in weeks, doctors say.", 0.9, 0.0),
            ("Psilocybin therapy might ease anxiety over weeks, doctors say.", 0.0, 0.7),
        ],
    }
    by_contrast = align_paragraphs(scored(corpus), top=None)
    by_relatedness = align_paragraphs(scored(corpus), top=None, match="mutual")
    assert pair_set(by_contrast) == {("bold", 0, "careful", 1)}
    assert pair_set(by_relatedness) == {("bold", 0, "careful", 0)}


def test_partners_lets_a_paragraph_meet_several_contrasts():
    corpus = {
        "bold": [
            ("Psilocybin therapy cures anxiety in weeks, doctors say.", 0.9, 0.0),
            ("Psilocybin therapy ends anxiety within weeks, doctors say.", 0.8, 0.0),
        ],
        "careful": [("Psilocybin therapy might ease anxiety over weeks, doctors say.", 0.0, 0.7)],
    }
    one = align_paragraphs(scored(corpus), top=None)
    two = align_paragraphs(scored(corpus), top=None, partners=2)
    assert len(one) == 1 and one.iloc[0]["block_a"] == 0  # the bigger contrast
    assert pair_set(one) < pair_set(two)
    assert set(two["block_b"]) == {0} and set(two["block_a"]) == {0, 1}


# --------------------------------------------------------------------------
# context: a pronoun paragraph inherits the words of the paragraph before

CONTEXT_CORPUS = {
    "x": [
        ("Lithium salts have calmed manic episodes for decades.", 0.5, 0.0),
        ("Still, nobody can say exactly why it does so.", 0.0, 0.6),
    ],
    "y": [
        ("Lithium salts remain a mainstay against manic episodes.", 0.0, 0.0),
        ("Football clubs sold many tickets this season.", 0.0, 0.0),
    ],
}


def test_context_carries_a_pronoun_paragraph_to_its_topic():
    df = scored(CONTEXT_CORPUS)
    kw = dict(top=None, match="best", aspect_weight=0.0)
    with_context = align_paragraphs(df, **kw)
    without = align_paragraphs(df, context_weight=0.0, **kw)
    assert ("x", 1, "y", 0) in pair_set(with_context)
    assert ("x", 1, "y", 0) not in pair_set(without)
    rows = with_context.set_index(["block_a", "block_b"])
    # the paragraph's own words still count more than its context
    assert rows.loc[(0, 0), "similarity"] > rows.loc[(1, 0), "similarity"] > 0
    # more context weight, more similarity to the context's topic
    heavier = align_paragraphs(df, context_weight=1.0, **kw).set_index(["block_a", "block_b"])
    assert heavier.loc[(1, 0), "similarity"] > rows.loc[(1, 0), "similarity"]


def test_context_does_not_cross_a_heading():
    df = scored(CONTEXT_CORPUS, sections={"x": ["", "Another topic"]})
    out = align_paragraphs(df, top=None, match="best", aspect_weight=0.0)
    assert ("x", 1, "y", 0) not in pair_set(out)


def test_context_follows_block_order_not_row_order():
    df = scored(CONTEXT_CORPUS)
    shuffled = df.iloc[::-1].reset_index(drop=True)
    kw = dict(top=None, match="best", aspect_weight=0.0)
    key = ["source_a", "block_a", "source_b", "block_b", "similarity"]
    a = align_paragraphs(df, **kw)[key].sort_values(key[:4]).reset_index(drop=True)
    b = align_paragraphs(shuffled, **kw)
    b = b.assign(flip=b["source_a"] == "y")
    # the sources come out in table order, so compare after orienting x first
    b.loc[b["flip"], ["source_a", "block_a", "source_b", "block_b"]] = (
        b.loc[b["flip"], ["source_b", "block_b", "source_a", "block_a"]].to_numpy()
    )
    b = b[key].astype(a.dtypes.to_dict()).sort_values(key[:4]).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b, check_exact=False)


# --------------------------------------------------------------------------
# aspects: the same aspect in different words

ASPECT_CORPUS = {
    "x": [("The receptors respond to glutamate.", 0.6, 0.0)],
    "y": [("Its mechanism of action involves serotonin.", 0.0, 0.6)],
}


def test_aspect_overlap_relates_paragraphs_without_shared_words():
    df = scored(ASPECT_CORPUS)
    words_only = align_paragraphs(df, top=None, aspect_weight=0.0)
    both = align_paragraphs(df, top=None)
    assert words_only.empty
    assert len(both) == 1
    row = both.iloc[0]
    assert row["similarity"] == 0
    assert row["aspect_similarity"] > 0 and row["relatedness"] > 0
    assert row["shared_aspects"] == "mechanism"


def test_relatedness_blends_words_and_aspects_and_abstains_without_aspects():
    out = align_paragraphs(scored(CORPUS), top=None, min_similarity=0.0, match="best")
    no_view = out["aspect_similarity"].isna()
    assert no_view.any() and (~no_view).any()
    assert np.allclose(out.loc[no_view, "relatedness"], out.loc[no_view, "similarity"])
    blended = 0.5 * out.loc[~no_view, "similarity"] + 0.5 * out.loc[~no_view, "aspect_similarity"]
    assert np.allclose(out.loc[~no_view, "relatedness"], blended)
    assert (out.loc[no_view, "shared_aspects"] == "").all()


def test_user_aspect_lexicon():
    weather = pd.DataFrame({
        "pattern": ["rain|snow|drizzle", "sunshine"],
        "dimension": ["aspect", "aspect"],
        "category": ["precipitation", "sun"],
        "weight": [1, 1],
        "source": ["test", "test"],
    })  # fmt: skip
    df = scored({"x": [("Heavy rain fell overnight.", 0.5, 0.0)],
                 "y": [("Snow is expected tomorrow.", 0.0, 0.5)]})  # fmt: skip
    assert align_paragraphs(df, top=None).empty  # the default lexicon knows no weather
    out = align_paragraphs(df, top=None, aspects=weather)
    assert len(out) == 1 and out.iloc[0]["shared_aspects"] == "precipitation"


# --------------------------------------------------------------------------
# contrast and ranking

TOPICS = [
    "Psilocybin trials in Zurich reported remarkable results.",
    "Lithium salts calm manic episodes for decades.",
    "Esketamine nasal spray reached pharmacies last spring.",
    "Electric cars sold well in Norway this winter.",
]


def test_promotional_versus_cautious_ranks_first():
    # both sources print the same four paragraphs, so every topic pair is
    # equally related; only the framing differs
    x = [(TOPICS[0], 0.5, 0.1), (TOPICS[1], 0.5, 0.1), (TOPICS[2], 0.5, 0.1), (TOPICS[3], 0.3, 0.3)]
    y = [(TOPICS[0], 0.0, 0.6),   # less hype and more hedging: promotional vs cautious
         (TOPICS[1], 0.0, 0.1),   # less hype, same hedging
         (TOPICS[2], 0.0, 0.0),   # less hype and less hedging: the differences cancel
         (TOPICS[3], 0.3, 0.3)]   # identical framing  # fmt: skip
    out = align_paragraphs(scored({"x": x, "y": y}), top=None)
    assert list(zip(out["block_a"], out["block_b"], strict=True)) == [(0, 0), (1, 1), (2, 2), (3, 3)]
    assert np.allclose(out["relatedness"], out["relatedness"].iloc[0])
    first, single, mixed, same = (out.iloc[k] for k in range(4))
    assert first["contrast_dimension"] == "net_hype"
    assert first["contrast"] == pytest.approx(abs(first["net_hype_a"] - first["net_hype_b"]))
    assert first["contrast"] > single["contrast"] == pytest.approx(mixed["contrast"])
    assert single["contrast_dimension"] == "hype"  # a single dimension wins ties
    assert same["contrast"] == 0 and same["informativeness"] == 0


def test_without_net_hype_contrast_is_the_largest_single_difference():
    x = [(TOPICS[0], 0.5, 0.1)]
    y = [(TOPICS[0], 0.0, 0.6)]
    out = align_paragraphs(scored({"x": x, "y": y}), top=None, net_hype=None)
    assert out.iloc[0]["contrast"] == pytest.approx(0.5)
    assert "net_hype_a" not in out.columns


def test_contrast_and_sorting():
    out = align_paragraphs(scored(CORPUS), top=None)
    assert np.allclose(out["informativeness"], out["relatedness"] * out["contrast"])
    assert out["informativeness"].is_monotonic_decreasing
    assert np.allclose(out["net_hype_a"], out["hype_a"] - out["hedging_a"])
    pairs = out.set_index(["block_a", "block_b"])
    # the treatment pair is promotional (0.9, 0.0) vs cautious (0.0, 0.8)
    assert pairs.loc[(0, 0), "contrast_dimension"] == "net_hype"
    assert pairs.loc[(0, 0), "contrast"] == pytest.approx(1.7)
    # ... and a pair framed alike ranks last however similar it is
    assert (out.iloc[-1]["block_a"], out.iloc[-1]["block_b"]) == (2, 1)
    assert out.iloc[-1]["contrast"] == 0
    for dim in ("hype", "hedging", "balance", "sentiment"):
        assert {f"{dim}_a", f"{dim}_b"} <= set(out.columns)


def test_min_similarity_and_top():
    out = align_paragraphs(scored(CORPUS), top=1)
    assert len(out) == 1
    none = align_paragraphs(scored(CORPUS), min_similarity=1.0)
    assert none.empty
    assert {"similarity", "relatedness", "shared_aspects", "text_a"} <= set(none.columns)


# --------------------------------------------------------------------------
# evidence and sentence level


def test_evidence_sentences_come_from_the_paired_paragraphs():
    out = align_paragraphs(scored(CORPUS), top=None)
    for _, row in out.iterrows():
        assert row["sentence_a"] in row["text_a"] and row["sentence_b"] in row["text_b"]
        assert 0 < row["sentence_similarity"] <= 1


def test_sentence_level_pairs_one_shared_claim():
    claim_a = "The regulator approved esketamine nasal spray for resistant depression."
    claim_b = "Esketamine nasal spray was approved by the regulator for resistant depression."
    filler_a = ("Stock markets rallied on Friday. Bond yields fell sharply overnight. "
                "Oil prices climbed after the summit ended. ")  # fmt: skip
    filler_b = ("The football season opens next week. Fans queued for tickets at dawn. "
                "The coach praised young players in training. ")  # fmt: skip
    df = scored({
        "x": [(filler_a + claim_a, 0.8, 0.0), ("Gardening tips for a rainy spring.", 0.0, 0.0)],
        "y": [(claim_b + " " + filler_b, 0.1, 0.6), ("Recipes for a quick dinner.", 0.0, 0.0)],
    })  # fmt: skip
    by_paragraph = align_paragraphs(df, min_similarity=0.3, aspect_weight=0.0)
    by_sentence = align_paragraphs(df, min_similarity=0.3, aspect_weight=0.0, level="sentence")
    assert by_paragraph.empty
    assert len(by_sentence) == 1
    row = by_sentence.iloc[0]
    assert (row["block_a"], row["block_b"]) == (0, 0)
    assert row["sentence_a"] == claim_a and row["sentence_b"] == claim_b
    assert row["relatedness"] == pytest.approx(row["sentence_similarity"])


# --------------------------------------------------------------------------
# errors


def test_one_source_is_an_error():
    with pytest.raises(AnalysisError, match="at least 2 sources"):
        align_paragraphs(scored({"bold": CORPUS["bold"]}))


def test_missing_columns_are_named():
    with pytest.raises(AnalysisError, match="'hype'"):
        align_paragraphs(scored(CORPUS).drop(columns="hype"))
    with pytest.raises(AnalysisError, match="'text'"):
        align_paragraphs(scored(CORPUS).drop(columns="text"))


def test_missing_text_is_an_error_not_a_word():
    df = scored(CORPUS)
    df.loc[1, "text"] = None
    with pytest.raises(AnalysisError, match="'bold' block 1"):
        align_paragraphs(df)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(match="all"), "match"),
        (dict(min_similarity=2), "min_similarity"),
        (dict(context_weight=-0.1), "context_weight"),
        (dict(aspect_weight=1.5), "aspect_weight"),
        (dict(net_hype="hype"), "net_hype"),
        (dict(level="word"), "level"),
        (dict(top=0), "top"),
        (dict(partners=0), "partners"),
    ],
)
def test_bad_parameters(kwargs, message):
    with pytest.raises(AnalysisError, match=message):
        align_paragraphs(scored(CORPUS), **kwargs)
