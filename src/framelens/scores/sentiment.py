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


class _EmojiFree(str):
    """A sentence with no emoji, handed to VADER as one piece.

    ``polarity_scores`` first walks its text one character at a time to
    replace emojis by their descriptions, building the result one character
    at a time: about 15% of VADER's time on news prose. Iterating this string
    yields the whole sentence at once, so that walk is one step and returns
    the sentence unchanged, which is what the character walk returns for a
    sentence with no emoji. Used only for sentences with no emoji character;
    :func:`_fast_path_agrees` checks on first use that the installed VADER
    gives the same compounds either way, and framelens falls back to plain
    strings if it does not.
    """

    __slots__ = ()

    def __iter__(self):  # type: ignore[override]
        return iter((str(self),))


#: Sentences on which the emoji-free fast path is checked against plain
#: strings when the analyzer is first used (punctuation emphasis, capitals,
#: negation, "but", boosters, emoticons, leading and trailing space).
_PROBES = (
    "The results were GREAT, but the side effects are not good at all!!!",
    "  Is this really the best treatment we have?? ",
    "It is kind of sad :( though patients felt somewhat better.",
    "Nobody ever said it would be easy; it was extremely painful.",
)


@lru_cache(maxsize=1)
def _fast_path_agrees() -> bool:
    """True if VADER scores an :class:`_EmojiFree` sentence exactly as the plain string."""
    ps = analyzer().polarity_scores
    try:
        return all(ps(_EmojiFree(s)) == ps(s) for s in _PROBES)
    except Exception:  # an internal change of VADER: use plain strings
        return False


def sentence_compounds(text: str, spans: Sequence[tuple[int, int]]) -> list[float]:
    """VADER compound of each sentence span of ``text``.

    A sentence none of whose words (as VADER splits them: on white space,
    with or without surrounding punctuation) is in VADER's lexicon, and which
    has no emoji, gets exactly 0 from VADER; such sentences are given 0
    without calling it. Every other sentence is scored by
    ``SentimentIntensityAnalyzer.polarity_scores`` — a sentence with no
    emoji as one piece (:class:`_EmojiFree`), which gives the same compound
    without VADER's character-by-character emoji pass.
    """
    vader = analyzer()
    ps = vader.polarity_scores
    words = vader.lexicon.keys()
    emojis = vader.emojis.keys()
    whole = _EmojiFree if _fast_path_agrees() else str
    ascii_free = _no_ascii_emoji()
    out = []
    for s, e in spans:
        sentence = text[s:e]
        # an ASCII sentence holds no emoji when no emoji is an ASCII character
        if not (ascii_free and sentence.isascii()) and not emojis.isdisjoint(sentence):
            out.append(ps(sentence)["compound"])
        elif _has_vader_word(sentence, words):
            out.append(ps(whole(sentence))["compound"])
        else:
            out.append(0.0)
    return out


@lru_cache(maxsize=1)
def _no_ascii_emoji() -> bool:
    """True if none of VADER's emojis is an ASCII character (so ASCII text needs no emoji check)."""
    return not any(len(k) == 1 and k.isascii() for k in analyzer().emojis)


def _has_vader_word(sentence: str, words: KeysView[str]) -> bool:
    """True if a word of ``sentence`` (as VADER splits it) is in VADER's lexicon."""
    tokens = sentence.lower().split()
    if not words.isdisjoint(tokens):
        return True
    return not words.isdisjoint([w.strip(_PUNCT) for w in tokens])


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
