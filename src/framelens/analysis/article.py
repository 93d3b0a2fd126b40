"""Whole-article scores: what an article does across its paragraphs.

Paragraph scores say how each paragraph frames its part of the story. Some
framing only shows across paragraphs: a news report often gives the
promoter one paragraph and a sceptical researcher the next, so no single
paragraph weighs two sides or two voices, yet the article does. Readers
judge whole articles; these scores read each article as one text.

``article_hype``
    :func:`framelens.analysis.criteria.article_hype`: the hype weight of the
    title (counted twice) and of every paragraph, summed and saturated.
``article_balance``
    two-sidedness over the whole article: how evenly the article weighs
    benefits against harms, costs and limits, and how many voices it gives
    the story::

        B, H   = weighted benefit / harm, cost and limit mentions, summed over paragraphs
        sides  = 2 * min(B, H) / (B + H) * sat(min(B, H); ARTICLE_SIDE_HALF)
        voices = sat(max(V - 1, 0); VOICES_HALF)
        article_balance = (sides + voices) / 2

    ``B`` and ``H`` are the paragraphs' ``balance_benefit`` and
    ``balance_harm + balance_limitation``. Nearly every health story
    mentions both sides somewhere, so over a whole article what tells sides
    apart is how *evenly* they are weighed: ``sides`` is the weaker side's
    share of the mentions (1 when even, 0 when one side is missing), damped
    when the weaker side is mentioned less than about twice. ``V`` is the
    number of distinct speakers of the article: names found by
    :func:`framelens.text.attribution.find_attribution` in any paragraph,
    one per :func:`~framelens.text.attribution.speaker_key` (*Dr. Julaine
    Allan* and *Allan* are one), or one voice when words are attributed but
    nobody is named; a counter-voice named by the lexicon (*critics*,
    *independent experts*) adds its weight (``balance_counter``). Unlike a
    paragraph, which is balanced by either, an article is expected to do
    both - weigh the sides and let more than one voice speak - so the two
    halves are averaged.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from framelens.analysis.criteria import article_hype
from framelens.analysis.tables import check_table
from framelens.errors import AnalysisError
from framelens.scores.balance import VOICES_HALF
from framelens.text.attribution import find_attribution, speaker_key
from framelens.text.tokens import saturate

__all__ = ["ARTICLE_SIDE_HALF", "article_scores"]

#: Weighted mentions of the weaker side that damp ``sides`` by half: one
#: clear harm against any number of benefits is a mention, not a weighing.
ARTICLE_SIDE_HALF: float = 1.0

_SIDES = ("balance_benefit", "balance_harm", "balance_limitation", "balance_counter")


def _voices(texts: Sequence[str]) -> tuple[list[str], bool]:
    """Distinct named speakers of an article (first mention's spelling) and whether any words are attributed."""
    names: dict[str, str] = {}
    attributed = False
    for text in texts:
        attr = find_attribution(text)
        attributed = attributed or bool(attr.regions)
        for name in attr.speakers:
            names.setdefault(speaker_key(name), name)
    names.pop("", None)
    return list(names.values()), attributed


def article_scores(
    scored: pd.DataFrame, *, by: str = "source_id", kinds: Sequence[str] | None = ("body",)
) -> pd.DataFrame:
    """Hype and balance of each article read as a whole.

    Parameters
    ----------
    scored : DataFrame
        Scored blocks (:func:`framelens.score_frame` of
        :func:`framelens.load_corpus`), with the balance sub-scores
        ``balance_benefit``, ``balance_harm``, ``balance_limitation`` and
        ``balance_counter``.
    by : str
        Column naming the articles.
    kinds : sequence of str or None
        Block kinds read (default paragraphs; the title also counts for
        hype); ``boilerplate`` never counts.

    Returns
    -------
    DataFrame
        One row per article, in order of first appearance: ``by``,
        ``article_hype``, ``article_balance``, ``article_sides``,
        ``article_voices``, ``n_voices`` (``V`` plus counter-voices),
        ``n_speakers`` and ``speakers`` (the named speakers, ``"; "``-joined), ``benefits`` and ``harms_limits`` (the weighted
        mentions summed), ``n_paragraphs``. See the module docstring.

    Raises
    ------
    AnalysisError
        If the table lacks the columns, or no rows are of the wanted kinds.
    """
    func = "article_scores"
    rows = check_table(scored, func=func, columns=("block_index", "text", *_SIDES), kinds=kinds, by=by)
    if "kind" in rows.columns:
        rows = rows[rows["kind"] != "boilerplate"]
    if rows.empty:
        raise AnalysisError(f"{func}: no rows left once boilerplate is set aside")
    hype = article_hype(scored, by=by, kinds=kinds)
    out = []
    for g, part in rows.groupby(by, sort=False):
        benefit = float(part["balance_benefit"].sum())
        against = float(part["balance_harm"].sum() + part["balance_limitation"].sum())
        counter = float(part["balance_counter"].sum())
        names, attributed = _voices(part["text"].tolist())
        n_voices = len(names) or (1 if attributed else 0)
        if counter:
            n_voices = max(n_voices, 1)
        weaker = min(benefit, against)
        sides = 2.0 * weaker / (benefit + against) * saturate(weaker, ARTICLE_SIDE_HALF) if weaker > 0 else 0.0
        voices = saturate(max(n_voices + counter - 1.0, 0.0), VOICES_HALF)
        out.append({
            by: g,
            "article_hype": float(hype.get(g, float("nan"))),
            "article_balance": (sides + voices) / 2.0,
            "article_sides": sides,
            "article_voices": voices,
            "n_voices": n_voices + counter,
            "n_speakers": len(names),
            "speakers": "; ".join(names),
            "benefits": benefit,
            "harms_limits": against,
            "n_paragraphs": len(part),
        })
    return pd.DataFrame(out)
