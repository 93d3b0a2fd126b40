"""The balance score: does a paragraph weigh one side against another?

Definition
----------
A paragraph is balanced when it weighs benefits against harms, limits,
costs or uncertainty, or sets voices against each other
(HealthNewsReview.org criteria: benefits, harms and costs quantified; more
than one source). Numbers alone or a hedge alone are evidence or caution,
not balance: they are reported as sub-scores of their own and do not enter
``balance``.

Evidence is every match of the ``balance`` dimension of the lexicon
(``lexicons/balance.csv``), the hedging matches, direct quotations, and the
distinct speakers of the paragraph (:func:`count_speakers`). Two
components make the score, each in [0, 1]:

``balance_sides`` — benefits weighed against harms, costs, limits or
    uncertainty::

        B = sat(d(benefit))          H = sat(d(harm + cost + limitation))
        balance_sides = sqrt(B * H)

    The geometric mean is 0 when either side is missing: a paragraph that
    only praises, or only warns, is one-sided. Harms include adverse
    effects as trials report them (*nausea*, *dependence*, *drop-outs*,
    *false alarms*, *regained weight*); a function lowered by a treatment
    (*reduced emotional range*, *lower libido*) is a harm, not a benefit;
    *risk* is a harm only where the text frames it as one (*increased
    risk*, *the risk of bleeding*), not a disease risk a treatment lowers.
    A phrase that names both sides (*risks and benefits*, *pros and cons*;
    category ``both``) counts as a benefit and as a harm.
    ``limitation`` is the weight of the hedging ``limitation`` matches
    (*more research is needed*, *remains unclear*, *small study*) and of
    the balance ``limit`` matches (*only 49 studies*, *in mice*, *not
    peer reviewed*).

``balance_voices`` — voices set against each other::

        V = S                          if C == 0
        V = max(S, 1) + C              otherwise
        balance_voices = sat(max(V - 1, 0); VOICES_HALF)   # two voices -> 0.5

    ``S`` is the number of distinct speakers (:func:`count_speakers`) and
    ``C`` the weight of the counter-voice cues of the lexicon (*critics*,
    *independent experts*, *others argue*, *not everyone agrees*): each
    names a side other than the one the paragraph reports. One speaker,
    however often quoted, is one voice and gives 0.

They combine as a probabilistic "or"::

    balance = 1 - (1 - balance_sides) * (1 - balance_voices)

Two more sub-scores are reported beside it but are **not** balance:

``balance_evidence`` — numbers and study designs (``<num> patients``,
    ``15 percent``, *randomised controlled trial*, *placebo*):
    ``sat(d(evidence))``;
``balance_caution`` — hedges of any kind, as counted by the hedging score
    (before its category weights): ``sat(d(hedges))``.

where ``d(w) = w * 50 / max(n_words, 50)`` (weighted matches per 50 words,
about one news paragraph) and ``sat(x) = 1 - 2 ** (-x / BALANCE_HALF)``
(``VOICES_HALF`` for voices, on a count rather than a density). Negation
does not cancel balance evidence ("no deaths have been reported" still
discusses harms). Contrast connectives (*however*, *although*) are reported
in ``balance_contrast`` and shown as evidence, but do not enter the score.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from framelens.scores import hedging as _hedging
from framelens.text.attribution import PRONOUNS, TRIGGER_WORDS, find_attribution
from framelens.text.matching import Match
from framelens.text.tokens import Tokens, density, saturate

__all__ = [
    "DIMENSION", "BALANCE_WORDS_PER_UNIT", "BALANCE_HALF", "VOICES_HALF", "MIN_QUOTE_WORDS",
    "SCORED_CATEGORIES", "find_quotes", "count_speakers", "balance_values", "columns",
]

DIMENSION = "balance"

#: Length unit for balance densities: one news paragraph (~50 words).
BALANCE_WORDS_PER_UNIT: int = 50

#: Weighted matches per 50 words that give a component of 0.5: one clear
#: benefit and one clear harm in a paragraph give ``balance_sides = 0.5``.
BALANCE_HALF: float = 1.0

#: Voices beyond the first that give ``balance_voices = 0.5``: two distinct
#: voices in a paragraph are a clear case of "more than one voice".
VOICES_HALF: float = 1.0

#: A quotation must have at least this many words to count as speech
#: (shorter quoted strings are usually scare quotes or nicknames).
MIN_QUOTE_WORDS: int = 4

#: Balance lexicon categories that enter ``balance`` (the others -- evidence,
#: contrast -- are shown and reported, not counted).
SCORED_CATEGORIES: frozenset[str] = frozenset({"benefit", "harm", "cost", "both", "limit", "counter"})

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


def count_speakers(
    text: str,
    normalized: str,
    tokens: Tokens,
    sentences: list[tuple[int, int]],
    quotes: Sequence[tuple[int, int]],
) -> int:
    """Distinct speakers of a paragraph, looked for only where two can be.

    A speaker is named by a reporting clause (*Smith said*, *according to
    the FDA*), and words attributed to no name (*he said*, a bare
    quotation) are one voice only when no one is named. So only a
    paragraph with two reporting-verb tokens that can name someone --
    outside a quotation, not right after a pronoun (*he added*) -- can
    have two speakers. Every other paragraph gets 1 if it quotes (a
    quotation of at least :data:`MIN_QUOTE_WORDS` words) or holds a
    reporting verb, else 0, at the cost of a set intersection with its
    tokens. The few that can go to
    :func:`framelens.text.attribution.find_attribution`, and their named
    speakers are counted once each
    (:func:`~framelens.text.attribution.speaker_key`: *Dr. Jane Allan* and
    *Allan* are one).

    Parameters
    ----------
    text : str
        The paragraph as given.
    normalized : str
        ``normalize_for_matching(text)``.
    tokens : Tokens
        Its tokens (:func:`framelens.text.tokens.tokenize` of ``normalized``).
    sentences : list of (start, end)
        Its sentence spans.
    quotes : sequence of (start, end)
        Its quotations of at least :data:`MIN_QUOTE_WORDS` words
        (:func:`find_quotes`).

    Returns
    -------
    int
        The number of distinct speakers. Exact where it can exceed 1; where
        it cannot, 1 means "quotes or reports someone" (an upper bound).
    """
    lower = tokens.lower
    # most paragraphs hold no reporting verb: isdisjoint stops at none, and
    # costs a third of building the intersection
    if TRIGGER_WORDS.isdisjoint(lower):
        return 1 if quotes else 0
    present = TRIGGER_WORDS.intersection(lower)
    if len(present) == 1 and lower.count(next(iter(present))) < 2:
        return 1
    starts = tokens.starts
    naming = 0
    for i, w in enumerate(lower):
        if w in present and not (i and lower[i - 1] in PRONOUNS) \
                and not any(qs <= starts[i] < qe for qs, qe in quotes):
            naming += 1
    if naming < 2:
        return 1
    attr = find_attribution(text, sentences, normalized=normalized, tokens=list(present))
    if attr.speakers:
        return len(attr.speakers)
    return 1 if attr.regions or quotes else 0


def columns() -> list[str]:
    """Names of the balance columns."""
    return [
        "balance", "balance_sides", "balance_voices", "balance_evidence", "balance_caution",
        "balance_benefit", "balance_harm", "balance_limitation", "balance_counter",
        "balance_speakers", "balance_quotes", "balance_evidence_count", "balance_contrast",
    ]


def balance_values(
    matches: Sequence[Match], n_words: int, n_quotes: int, n_speakers: int = 0
) -> list[float]:
    """Balance columns for one paragraph.

    Parameters
    ----------
    matches : sequence of Match
        All lexicon matches of the paragraph (balance and hedging matches
        are used; a hedging match that :func:`~framelens.scores.hedging.discounted`
        shows but does not count is left out).
    n_words : int
        Number of words of the paragraph.
    n_quotes : int
        Number of direct quotations (:func:`find_quotes`), reported.
    n_speakers : int, default 0
        Distinct speakers (:func:`count_speakers`).

    Returns
    -------
    list of float
        In :func:`columns` order: ``balance`` in [0, 1], its two components,
        ``balance_evidence`` and ``balance_caution``, and the counts behind
        them.
    """
    benefit = harm = limitation = counter = evidence = contrast = caution = 0.0
    for m in matches:
        if m.dimension == DIMENSION:
            c = m.category
            if c == "benefit":
                benefit += m.weight
            elif c == "both":  # "risks and benefits", "pros and cons": one phrase, both sides
                benefit += m.weight
                harm += m.weight
            elif c == "harm" or c == "cost":
                harm += m.weight
            elif c == "limit":
                limitation += m.weight
            elif c == "counter":
                counter += m.weight
            elif c == "evidence":
                evidence += m.weight
            elif c == "contrast":
                contrast += m.weight
        elif m.dimension == _hedging.DIMENSION and not _hedging.discounted(m):
            caution += m.weight
            if m.category == "limitation":
                limitation += m.weight
    u = BALANCE_WORDS_PER_UNIT
    b = saturate(density(benefit, n_words, u), BALANCE_HALF)
    h = saturate(density(harm + limitation, n_words, u), BALANCE_HALF)
    sides = math.sqrt(b * h)
    v = (max(n_speakers, 1) + counter) if counter else float(n_speakers)
    voices = saturate(max(v - 1.0, 0.0), VOICES_HALF)
    ev = saturate(density(evidence, n_words, u), BALANCE_HALF)
    caut = saturate(density(caution, n_words, u), BALANCE_HALF)
    total = 1.0 - (1.0 - sides) * (1.0 - voices)
    return [total, sides, voices, ev, caut, benefit, harm, limitation, counter,
            n_speakers, n_quotes, evidence, contrast]
