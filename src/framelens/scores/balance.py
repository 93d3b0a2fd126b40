"""The balance score: does a paragraph weigh sides, voices and evidence?

Definition
----------
Evidence is every match of the ``balance`` dimension of the lexicon
(``lexicons/balance.csv``), plus the hedging ``limitation`` matches and
direct quotations found in the text. Three components, each in [0, 1]:

``balance_sides`` — benefits weighed against harms, costs or limitations
    (HealthNewsReview.org criteria: benefits, harms, costs)::

        B = sat(d(benefit))          H = sat(d(harm + cost + limitation))
        balance_sides = sqrt(B * H)

    The geometric mean is 0 when either side is missing: a paragraph that
    only praises, or only warns, is one-sided.

``balance_voices`` — more than one voice: attributions (*said*, *told*,
    *according to*, *critics*, *independent experts*) and direct
    quotations of at least :data:`MIN_QUOTE_WORDS` words::

        balance_voices = sat(d(voice + quotes); VOICES_HALF)   # two voices -> 0.5

``balance_evidence`` — claims backed by evidence: counts of studies,
    patients or percentages (``<num> studies``, ``15%``), study designs
    (*randomized controlled trial*, *placebo*, *meta-analysis*)::

        balance_evidence = sat(d(evidence))

where ``d(w) = w * 50 / max(n_words, 50)`` (weighted matches per 50 words,
about one news paragraph) and ``sat(x) = 1 - 2 ** (-x / BALANCE_HALF)``
(``VOICES_HALF`` for voices).

They combine as a probabilistic "or"::

    balance = 1 - (1 - balance_sides) * (1 - balance_voices) * (1 - balance_evidence)

so each of the three ways of being balanced raises the score, none is
required, and the score stays in [0, 1]. Negation does not cancel balance
evidence ("no deaths have been reported" still discusses harms). Contrast
connectives (*however*, *although*) are reported in ``balance_contrast``
and shown as evidence, but do not enter the score.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from framelens.text.matching import Match
from framelens.text.tokens import density, saturate

__all__ = [
    "DIMENSION", "BALANCE_WORDS_PER_UNIT", "BALANCE_HALF", "VOICES_HALF", "MIN_QUOTE_WORDS",
    "find_quotes", "balance_values", "columns",
]

DIMENSION = "balance"

#: Length unit for balance densities: one news paragraph (~50 words).
BALANCE_WORDS_PER_UNIT: int = 50

#: Weighted matches per 50 words that give a component of 0.5: one clear
#: benefit and one clear harm in a paragraph give ``balance_sides = 0.5``.
BALANCE_HALF: float = 1.0

#: Voices (attributions + quotations) per 50 words that give
#: ``balance_voices = 0.5``: "more than one voice" means two, so a single
#: attribution ("Musk said") only reaches about 0.3.
VOICES_HALF: float = 2.0

#: A quotation must have at least this many words to count as a voice
#: (shorter quoted strings are usually scare quotes or nicknames).
MIN_QUOTE_WORDS: int = 4

_SIDE_BENEFIT = frozenset({"benefit"})
_SIDE_HARM = frozenset({"harm", "cost"})
_QUOTE_RE = re.compile(r'"([^"\n]+)(?:"|$)')
_WORD_RE = re.compile(r"\w+")


def find_quotes(normalized: str) -> list[tuple[int, int]]:
    """Spans of direct quotations in normalised text (quotes included).

    A quotation opened but not closed in the paragraph (the news convention
    for a quote continued in the next paragraph) runs to the end. Only
    quotations of at least :data:`MIN_QUOTE_WORDS` words are returned.
    """
    out = []
    for m in _QUOTE_RE.finditer(normalized):
        if len(_WORD_RE.findall(m.group(1))) >= MIN_QUOTE_WORDS:
            out.append((m.start(), m.end()))
    return out


def columns() -> list[str]:
    """Names of the balance columns."""
    return [
        "balance", "balance_sides", "balance_voices", "balance_evidence",
        "balance_benefit", "balance_harm", "balance_limitation", "balance_voice",
        "balance_quotes", "balance_evidence_count", "balance_contrast",
    ]


def balance_values(matches: Sequence[Match], n_words: int, n_quotes: int) -> list[float]:
    """Balance columns for one paragraph.

    Parameters
    ----------
    matches : sequence of Match
        All lexicon matches of the paragraph (balance and hedging
        ``limitation`` matches are used).
    n_words : int
        Number of words of the paragraph.
    n_quotes : int
        Number of direct quotations (:func:`find_quotes`).

    Returns
    -------
    list of float
        In :func:`columns` order: ``balance`` in [0, 1], its three components
        and the weighted counts behind them.
    """
    benefit = harm = limitation = voice = evidence = contrast = 0.0
    for m in matches:
        if m.dimension == DIMENSION:
            c = m.category
            if c in _SIDE_BENEFIT:
                benefit += m.weight
            elif c in _SIDE_HARM:
                harm += m.weight
            elif c == "voice":
                voice += m.weight
            elif c == "evidence":
                evidence += m.weight
            elif c == "contrast":
                contrast += m.weight
        elif m.dimension == "hedging" and m.category == "limitation":
            limitation += m.weight
    u = BALANCE_WORDS_PER_UNIT
    b = saturate(density(benefit, n_words, u), BALANCE_HALF)
    h = saturate(density(harm + limitation, n_words, u), BALANCE_HALF)
    sides = math.sqrt(b * h)
    voices = saturate(density(voice + n_quotes, n_words, u), VOICES_HALF)
    ev = saturate(density(evidence, n_words, u), BALANCE_HALF)
    total = 1.0 - (1.0 - sides) * (1.0 - voices) * (1.0 - ev)
    return [total, sides, voices, ev, benefit, harm, limitation, voice, n_quotes, evidence, contrast]
