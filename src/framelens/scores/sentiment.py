"""The sentiment score: VADER per sentence, averaged over the paragraph.

VADER's ``compound`` for a whole paragraph drifts toward -1 or +1 as the text
gets longer (it normalises a sum of word valences with a fixed constant), so
framelens scores each sentence (:func:`framelens.text.tokens.split_sentences`) and
aggregates:

``sentiment``           mean of the sentence compounds, in [-1, 1]
``sentiment_min/max``   most negative / most positive sentence
``sentiment_pos_share`` share of sentences with compound >= 0.05
``sentiment_neg_share`` share of sentences with compound <= -0.05

(±0.05 are VADER's own thresholds for positive/negative.) A blank text has
sentiment 0 and shares 0.

Reference: Hutto & Gilbert (2014), "VADER: A Parsimonious Rule-based Model
for Sentiment Analysis of Social Media Text", ICWSM.
"""

from __future__ import annotations

import string
from collections.abc import KeysView, Sequence
from functools import lru_cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

__all__ = ["DIMENSION", "POS_THRESHOLD", "NEG_THRESHOLD", "analyzer", "sentence_compounds", "sentiment_values", "columns"]

_PUNCT = string.punctuation

#: The dimension name (score columns and evidence rows).
DIMENSION = "sentiment"

#: VADER's conventional threshold for a positive sentence.
POS_THRESHOLD: float = 0.05
#: VADER's conventional threshold for a negative sentence.
NEG_THRESHOLD: float = -0.05


@lru_cache(maxsize=1)
def analyzer() -> SentimentIntensityAnalyzer:
    """One shared VADER analyzer (built on first use; never modified)."""
    return SentimentIntensityAnalyzer()


def sentence_compounds(text: str, spans: Sequence[tuple[int, int]]) -> list[float]:
    """VADER compound of each sentence span of ``text``.

    A sentence none of whose words (as VADER splits them: on white space,
    with or without surrounding punctuation) is in VADER's lexicon, and which
    has no emoji, gets exactly 0 from VADER; such sentences are given 0
    without calling it. Every other sentence is scored by
    ``SentimentIntensityAnalyzer.polarity_scores``.
    """
    vader = analyzer()
    ps = vader.polarity_scores
    words = vader.lexicon.keys()
    emojis = vader.emojis.keys()
    out = []
    for s, e in spans:
        sentence = text[s:e]
        if _may_score(sentence, words, emojis):
            out.append(ps(sentence)["compound"])
        else:
            out.append(0.0)
    return out


def _may_score(sentence: str, words: KeysView[str], emojis: KeysView[str]) -> bool:
    """False only if VADER is certain to give ``sentence`` a compound of 0."""
    tokens = sentence.lower().split()
    if not words.isdisjoint(tokens):
        return True
    if not words.isdisjoint([w.strip(_PUNCT) for w in tokens]):
        return True
    return not emojis.isdisjoint(sentence)


def columns() -> list[str]:
    """Names of the sentiment columns."""
    return ["sentiment", "sentiment_min", "sentiment_max", "sentiment_pos_share", "sentiment_neg_share"]


def sentiment_values(compounds: Sequence[float]) -> list[float]:
    """The paragraph's sentiment columns (:func:`columns` order) from its sentence compounds."""
    n = len(compounds)
    if n == 0:
        return [0.0, 0.0, 0.0, 0.0, 0.0]
    return [
        sum(compounds) / n,
        min(compounds),
        max(compounds),
        sum([c >= POS_THRESHOLD for c in compounds]) / n,
        sum([c <= NEG_THRESHOLD for c in compounds]) / n,
    ]
