"""The hype score: promotional, sensational or overclaiming language.

Definition
----------
Evidence is every match of the ``hype`` dimension of the lexicon
(``lexicons/hype.csv``): sensational terms (*breakthrough*, *miracle*,
*game-changer*, *revolutionize*, *glimmer of hope*, *a major step forward*,
*a potential cure*), overclaiming certainty boosters (*proven*,
*undoubtedly*, *completely safe*), superlatives, praise of persons
(*visionary*), institutional puffery (*world-class*), loaded language
(*skyrocketing*, *secret weapon*), promissory time frames (*could one day*)
and Millar et al.'s hype adjectives (novelty, importance, rigor, scale,
utility, quality, attitude, problem). Words whose everyday sense is not hype
(*significant*, *major*, *hope*, *key*, *best*) are listed only in the
phrases where they promote (see ``docs/scores.md``).

For one paragraph of ``n_words`` words::

    contribution(m) = weight(m) * (INTENSIFIER_MULTIPLIER if m.intensified else 1)
                      for every hype match m that is not negated
    hype_raw        = sum of contributions
    x               = hype_raw * 25 / max(n_words, 25)   # per 25 words
    hype            = 1 - 2 ** (-x / HYPE_HALF)

Rules
-----
- A **negated** term ("not a miracle cure", "no cure") contributes nothing;
  it is reported in ``hype_negated``.
- A **hedged** term ("could revolutionize", "has the potential to
  transform") still counts in full: hedged hype is hype. Its share of
  ``hype_raw`` is ``hype_hedged_share``.
- An **intensified** term ("truly revolutionary") is multiplied by
  :data:`INTENSIFIER_MULTIPLIER`.

Stop-phrases
------------
Rows of category ``exception`` name longer phrases in which a hype word is
a name or a technical term, not promotion (*Breakthrough Therapy
designation*, a rating of *excellent* on a scale). Being longer, they win
the overlap with the hype word, so it is not counted; they are shown in the
evidence with ``counted=False`` and contribution 0, and have no column.

Overclaiming
------------
A sentence that states an unhedged, unnegated **direct causal claim about a
health outcome** ("New blood test detects early stage pancreatic cancer",
"Green tea prevents dementia"; see :mod:`framelens.scores.claims`) is hype evidence
too: each such sentence adds :data:`OVERCLAIM_WEIGHT` to ``hype_raw`` and is
reported in ``hype_overclaim`` (the weight it added) and as an evidence row
with ``category="overclaim"``. Being one count per sentence, it weighs most
in short texts such as titles, where the whole text is the claim.
"""

from __future__ import annotations

from collections.abc import Sequence

from framelens.text.matching import Match
from framelens.text.tokens import density, saturate

__all__ = [
    "DIMENSION", "EXCEPTION", "HYPE_HALF", "INTENSIFIER_MULTIPLIER", "OVERCLAIM_WEIGHT",
    "contribution", "hype_values", "columns", "scored_categories",
]  # fmt: skip

DIMENSION = "hype"

#: The category of stop-phrases: matched and shown, never counted.
EXCEPTION = "exception"

#: Hype density (full-weight terms per 25 words) that gives ``hype = 0.5``:
#: one clear hype term in a sentence-length stretch of text is already a
#: strongly promotional sentence.
HYPE_HALF: float = 1.0

#: Factor applied to a term preceded by an intensifier ("very", "truly").
#: Chosen as a clear but bounded boost: an intensified hype adjective counts
#: half again as much as a plain one (VADER's booster rule is additive and of
#: similar relative size on its scale).
INTENSIFIER_MULTIPLIER: float = 1.5

#: What one overclaiming sentence adds to ``hype_raw``: as much as one
#: full-weight sensational term, since stating a possible effect as a proven
#: cure is the overclaiming that reviewers of health news flag most often
#: (Sumner et al. 2014).
OVERCLAIM_WEIGHT: float = 1.0


def contribution(m: Match) -> float:
    """What one hype match adds to ``hype_raw`` (0 when negated or a stop-phrase)."""
    if m.negated or m.category == EXCEPTION:
        return 0.0
    return m.weight * (INTENSIFIER_MULTIPLIER if m.intensified else 1.0)


def columns(categories: Sequence[str]) -> list[str]:
    """Names of the hype columns, given the hype categories reported (:func:`scored_categories`)."""
    return ["hype", "hype_raw", "hype_count", "hype_negated", "hype_hedged", "hype_hedged_share",
            *[f"hype_{c}" for c in categories], "hype_overclaim"]


def scored_categories(categories: Sequence[str]) -> tuple[str, ...]:
    """The lexicon's hype categories that count, each with a column: all but the stop-phrases."""
    return tuple(c for c in categories if c != EXCEPTION)


def _counts(matches: Sequence[Match]) -> tuple[float, int, int, int, float, dict[str, float]]:
    """Sum of contributions, counted, negated, hedged, hedged weight, per category."""
    raw = 0.0
    n = neg = hedged = 0
    hedged_w = 0.0
    per: dict[str, float] = {}
    for m in matches:
        if m.dimension != DIMENSION or m.category == EXCEPTION:
            continue
        if m.negated:
            neg += 1
            continue
        c = contribution(m)
        raw += c
        n += 1
        per[m.category] = per.get(m.category, 0.0) + c
        if m.hedged:
            hedged += 1
            hedged_w += c
    return raw, n, neg, hedged, hedged_w, per


def hype_values(
    matches: Sequence[Match], n_words: int, categories: Sequence[str], overclaims: int = 0
) -> list[float]:
    """Hype columns for one paragraph, in :func:`columns` order.

    Parameters
    ----------
    matches : sequence of Match
        All lexicon matches of the paragraph (other dimensions are ignored).
    n_words : int
        Number of words of the paragraph.
    categories : sequence of str
        Hype categories to report (one ``hype_<category>`` column each).
    overclaims : int, default 0
        Number of overclaiming sentences (:mod:`framelens.scores.claims`).

    Returns
    -------
    list of float
        ``hype`` in [0, 1] and its sub-scores (see the module docstring).
    """
    raw, n, neg, hedged, hedged_w, per = _counts(matches)
    over = overclaims * OVERCLAIM_WEIGHT
    raw += over
    n += overclaims
    return [
        saturate(density(raw, n_words), HYPE_HALF),
        raw,
        n,
        neg,
        hedged,
        hedged_w / raw if raw > 0 else 0.0,
        *[per.get(c, 0.0) for c in categories],
        over,
    ]
