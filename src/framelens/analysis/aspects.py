"""Which aspects of a story each source covers, and which it leaves out.

Framing is as much about what a story leaves out as about the words it uses:
Entman (1993, "Framing: toward clarification of a fractured paradigm")
describes framing as selecting some aspects of a perceived reality and making
them salient, which necessarily leaves others in the dark. For a health story
the aspects a reader needs are well known from the HealthNewsReview.org
criteria (Schwitzer 2008): how the treatment works, how fast and how well it
works, its harms, the evidence behind it, its regulatory status, its cost and
availability, and what comes next. A story built on one person's experience
adds a further aspect: the personal account.

This module counts, per source, the paragraphs that mention each aspect:

* :func:`coverage` -- source x aspect: paragraphs mentioning the aspect,
  their share of the source's paragraphs, the number of mentions, the terms
  found and an example paragraph;
* :func:`omissions` -- per source, the aspects that at least one other source
  covers but this one does not ("omitted"), and the aspects no source covers;
* :func:`aspect_evidence` -- the aspect mentions in one text, as an evidence
  table that :func:`framelens.report.display.highlight` can render.

Aspects are defined by a lexicon (``framelens/lexicons/aspects.csv``, rows with
``dimension = "aspect"`` and ``category = <aspect name>``), matched with the
project's one lexicon matcher (:mod:`framelens.text.matching`). Pass your own
:class:`~framelens.text.lexicon.Lexicon`, DataFrame or CSV path as ``aspects`` to
use a different set, or ``load_aspects().extend(...)`` to add terms.

Known limits
------------
A mention is a word or phrase from the lexicon, not an understanding of the
paragraph: "no deaths have been reported" mentions the *risks* aspect (which
is right for coverage: the story talks about harms), and a paragraph that
discusses cost without any cost word is missed. Negation is deliberately
ignored here. Counts are paragraphs, so a long paragraph counts once however
often it mentions an aspect (see ``n_mentions`` for that).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import pandas as pd

from framelens.errors import AnalysisError
from framelens.text.lexicon import Lexicon, LexiconLike, as_lexicon, load_lexicon
from framelens.text.matching import Match
from framelens.analysis.tables import check_table, check_text, group_order
from framelens.text.tokens import sentence_excerpt, split_sentences

__all__ = [
    "ASPECT_DIMENSION",
    "COVERAGE_COLUMNS",
    "OMISSION_STATUSES",
    "load_aspects",
    "resolve_aspects",
    "aspect_evidence",
    "aspect_mentions",
    "coverage",
    "omissions",
]

#: Lexicon dimension whose categories are the aspects.
ASPECT_DIMENSION = "aspect"

#: Columns of :func:`coverage` after the source column.
COVERAGE_COLUMNS: tuple[str, ...] = (
    "aspect",
    "n_paragraphs",
    "n_total",
    "share",
    "n_mentions",
    "terms",
    "example_block",
    "example_text",
)

#: Values of the ``status`` column of :func:`omissions`.
OMISSION_STATUSES: tuple[str, ...] = ("omitted", "not covered by any source")

def load_aspects() -> Lexicon:
    """The packaged aspect lexicon (``lexicons/aspects.csv``).

    Returns
    -------
    Lexicon
        Entries with ``dimension == "aspect"``; ``category`` names the aspect
        (``mechanism``, ``speed_efficacy``, ``personal_use``, ``risks``,
        ``abuse_dependence``, ``evidence``, ``regulation``, ``cost_access``,
        ``future``).
    """
    return load_lexicon("aspects")


# ---------------------------------------------------------------------------
# the aspect matcher
# ---------------------------------------------------------------------------


def resolve_aspects(aspects: LexiconLike | None) -> Lexicon:
    """The aspect lexicon to use: the packaged one for ``None``, else ``aspects``.

    A :class:`~framelens.text.lexicon.Lexicon` is used as it is; a DataFrame,
    CSV path or list of dicts is read as a user lexicon
    (:func:`~framelens.text.lexicon.as_lexicon`) and replaces the packaged
    aspects rather than extending them.
    """
    if aspects is None:
        return load_aspects()
    if isinstance(aspects, Lexicon):
        return aspects
    return as_lexicon(aspects)


def aspect_evidence(text: str, *, aspects: LexiconLike | None = None) -> pd.DataFrame:
    """Every aspect mention in one text, as an evidence table.

    Parameters
    ----------
    text : str
        A paragraph.
    aspects : Lexicon, DataFrame, CSV path or list of dicts, optional
        Aspect lexicon (default :func:`load_aspects`).

    Returns
    -------
    DataFrame
        The columns of :func:`framelens.scores.scoring.explain` --
        ``dimension, category, start, end, match, weight, negated, hedged,
        intensified, pattern`` -- with ``dimension == "aspect"`` and
        ``category`` the aspect, so that
        ``highlight(text, aspect_evidence(text), dimensions=("aspect",))``
        marks the mentions.
    """
    if not isinstance(text, str):
        raise AnalysisError(f"aspect_evidence: expected a str, got {type(text).__name__}")
    matcher, _ = resolve_aspects(aspects).split_categories(ASPECT_DIMENSION)
    records = [
        {
            "dimension": ASPECT_DIMENSION,
            "category": m.category,
            "start": m.start,
            "end": m.end,
            "match": m.match,
            "weight": m.weight,
            "negated": m.negated,
            "hedged": m.hedged,
            "intensified": m.intensified,
            "pattern": m.pattern,
        }
        for m in matcher.find(text)
    ]
    columns = ["dimension", "category", "start", "end", "match", "weight",
               "negated", "hedged", "intensified", "pattern"]
    return pd.DataFrame.from_records(records, columns=columns)


def aspect_mentions(
    scored: pd.DataFrame,
    *,
    aspects: LexiconLike | None = None,
    by: str = "source_id",
    kinds: Sequence[str] | None = ("body",),
) -> pd.DataFrame:
    """Every aspect mention in the analysed paragraphs, one row per mention.

    Parameters
    ----------
    scored : DataFrame
        Blocks table (scores are not needed) with ``block_index`` and ``text``.
    aspects : Lexicon, DataFrame, CSV path or list of dicts, optional
        Aspect lexicon (default :func:`load_aspects`).
    by : str
        Column naming the sources.
    kinds : sequence of str or None
        Block kinds analysed (``None`` = all rows).

    Returns
    -------
    DataFrame
        ``<by>, block_index, aspect, start, end, match, pattern`` -- offsets
        into the paragraph's ``text``.
    """
    rows = check_table(
        scored, func="aspect_mentions", columns=("block_index", "text"), kinds=kinds, by=by
    )
    matcher, _ = resolve_aspects(aspects).split_categories(ASPECT_DIMENSION)
    records: list[dict[str, Any]] = []
    for src, block, text in zip(rows[by], rows["block_index"], rows["text"]):
        check_text(text, src, block, "aspect_mentions")
        for m in matcher.find(text):
            records.append(
                {by: src, "block_index": block, "aspect": m.category, "start": m.start,
                 "end": m.end, "match": m.match, "pattern": m.pattern}
            )
    return pd.DataFrame.from_records(
        records, columns=[by, "block_index", "aspect", "start", "end", "match", "pattern"]
    )


def _busiest_sentence(text: str, matches: Sequence[Match]) -> tuple[int, int]:
    """Span of the sentence with the most ``matches`` (earliest on ties)."""
    spans = split_sentences(text) or [(0, len(text))]
    counts = [sum(1 for m in matches if s <= m.start < e) for s, e in spans]
    best = max(range(len(spans)), key=lambda i: (counts[i], -i))
    if counts[best] == 0:
        return matches[0].start, matches[0].end
    return spans[best]


# ---------------------------------------------------------------------------
# coverage
# ---------------------------------------------------------------------------


def coverage(
    scored: pd.DataFrame,
    *,
    aspects: LexiconLike | None = None,
    by: str = "source_id",
    kinds: Sequence[str] | None = ("body",),
) -> pd.DataFrame:
    """How much of each source is about each aspect of the story.

    Parameters
    ----------
    scored : DataFrame
        Blocks table (from :func:`framelens.load_corpus`, scored or not).
    aspects : Lexicon, DataFrame, CSV path or list of dicts, optional
        Aspect lexicon; rows with ``dimension == "aspect"`` are used and each
        ``category`` is one aspect. Default: :func:`load_aspects`.
    by : str
        Column naming the sources.
    kinds : sequence of str or None
        Block kinds analysed (body paragraphs by default; ``None`` = all).

    Returns
    -------
    DataFrame
        One row per source x aspect (sources in order of first appearance,
        aspects in lexicon order), including aspects a source never mentions:

        * ``n_paragraphs`` -- paragraphs with at least one mention;
        * ``n_total`` -- analysed paragraphs of the source;
        * ``share`` -- ``n_paragraphs / n_total``;
        * ``n_mentions`` -- all mentions (a paragraph can mention it often);
        * ``terms`` -- the matched words, most frequent first
          (``"trials (2), randomized"``), for checking what was counted;
        * ``example_block`` / ``example_text`` -- the paragraph with the
          most mentions (earliest on ties) and its sentence with the most
          mentions; ``<NA>`` / ``""`` when the aspect is not covered.

    Raises
    ------
    AnalysisError
        Missing columns, no rows of the wanted kinds, or a source with none.
    LexiconError
        The aspect lexicon has no ``aspect`` rows.

    Examples
    --------
    >>> cov = coverage(blocks)                                # doctest: +SKIP
    >>> cov.pivot(index="source_id", columns="aspect", values="share")  # doctest: +SKIP
    """
    func = "coverage"
    rows = check_table(scored, func=func, columns=("block_index", "text"), kinds=kinds, by=by)
    matcher, order = resolve_aspects(aspects).split_categories(ASPECT_DIMENSION)

    records: list[dict[str, Any]] = []
    for group in group_order(rows, by):
        part = rows[rows[by] == group]
        n_total = len(part)
        paragraphs: dict[str, int] = Counter()
        mentions: dict[str, int] = Counter()
        terms: dict[str, Counter[str]] = {a: Counter() for a in order}
        best: dict[str, tuple[int, Any, str, int, int]] = {}
        for block, text in zip(part["block_index"], part["text"]):
            check_text(text, group, block, func)
            found = [m for m in matcher.find(text) if m.category in terms]
            per: dict[str, list[Match]] = {}
            for m in found:
                per.setdefault(m.category, []).append(m)
            for aspect, ms in per.items():
                paragraphs[aspect] += 1
                mentions[aspect] += len(ms)
                terms[aspect].update(" ".join(m.match.lower().split()) for m in ms)
                if aspect not in best or len(ms) > best[aspect][0]:
                    s0, e0 = _busiest_sentence(text, ms)
                    best[aspect] = (len(ms), block, text, s0, e0)
        for aspect in order:
            ex = best.get(aspect)
            records.append(
                {
                    by: group,
                    "aspect": aspect,
                    "n_paragraphs": paragraphs[aspect],
                    "n_total": n_total,
                    "share": paragraphs[aspect] / n_total,
                    "n_mentions": mentions[aspect],
                    "terms": _format_terms(terms[aspect]),
                    "example_block": ex[1] if ex else pd.NA,
                    "example_text": sentence_excerpt(ex[2], ex[3], ex[4]) if ex else "",
                }
            )
    out = pd.DataFrame.from_records(records, columns=[by, *COVERAGE_COLUMNS])
    out["example_block"] = out["example_block"].astype("Int64")
    return out


def _format_terms(counts: Counter[str], limit: int = 8) -> str:
    parts = [f"{t} ({n})" if n > 1 else t for t, n in counts.most_common(limit)]
    if len(counts) > limit:
        parts.append(f"+{len(counts) - limit} more")
    return ", ".join(parts)


# ---------------------------------------------------------------------------
# omissions
# ---------------------------------------------------------------------------


def _is_coverage_table(table: pd.DataFrame, by: str) -> bool:
    return {by, "aspect", "n_paragraphs", "share"}.issubset(table.columns) and "text" not in table.columns


def omissions(
    scored: pd.DataFrame,
    *,
    aspects: LexiconLike | None = None,
    by: str = "source_id",
    kinds: Sequence[str] | None = ("body",),
    min_paragraphs: int = 1,
) -> pd.DataFrame:
    """The aspects each source leaves out.

    Parameters
    ----------
    scored : DataFrame
        A blocks table (coverage is computed with the other arguments) or a
        table returned by :func:`coverage` (used as is).
    aspects, by, kinds
        As for :func:`coverage`.
    min_paragraphs : int, default 1
        A source "covers" an aspect when at least this many of its paragraphs
        mention it. Raise it to ignore passing mentions.

    Returns
    -------
    DataFrame
        One row per source x aspect it does not cover, sources in order,
        aspects in lexicon order:

        * ``status`` -- ``"omitted"`` when at least one other source covers
          the aspect, ``"not covered by any source"`` otherwise;
        * ``n_paragraphs`` -- this source's paragraphs mentioning it (below
          ``min_paragraphs``; 0 unless ``min_paragraphs > 1``);
        * ``covered_by`` -- the sources that do cover it, most coverage first,
          ``"; "``-separated (``""`` when none);
        * ``example_source`` / ``example_block`` / ``example_text`` -- where
          the best-covering other source discusses it, so a reader can see
          what this source left out.

        An empty table (with these columns) means no source omits anything.

    Notes
    -----
    An omission is only evidence of framing when the aspect was relevant to
    the story; a short news brief omits almost everything. Read ``omitted``
    rows together with ``n_total`` from :func:`coverage`.
    """
    func = "omissions"
    if int(min_paragraphs) != min_paragraphs or min_paragraphs < 1:
        raise AnalysisError(f"{func}: min_paragraphs must be a positive integer, got {min_paragraphs!r}")
    if isinstance(scored, pd.DataFrame) and _is_coverage_table(scored, by):
        cov = scored
        if cov.empty:
            raise AnalysisError(f"{func}: the coverage table has no rows")
    else:
        cov = coverage(scored, aspects=aspects, by=by, kinds=kinds)

    columns = [by, "aspect", "status", "n_paragraphs", "covered_by",
               "example_source", "example_block", "example_text"]
    sources = list(pd.unique(cov[by]))
    aspect_order = list(pd.unique(cov["aspect"]))
    covered = cov[cov["n_paragraphs"] >= min_paragraphs]
    has_examples = {"example_block", "example_text"}.issubset(cov.columns)

    records: list[dict[str, Any]] = []
    for src in sources:
        mine = cov[cov[by] == src].set_index("aspect")
        for aspect in aspect_order:
            if aspect not in mine.index:
                continue
            n_here = int(mine.at[aspect, "n_paragraphs"])
            if n_here >= min_paragraphs:
                continue
            others = covered[(covered["aspect"] == aspect) & (covered[by] != src)]
            others = others.sort_values(["share", "n_paragraphs"], ascending=False, kind="stable")
            if others.empty:
                status, covered_by = OMISSION_STATUSES[1], ""
                ex_src, ex_block, ex_text = pd.NA, pd.NA, ""
            else:
                status = OMISSION_STATUSES[0]
                covered_by = "; ".join(map(str, others[by]))
                top = others.iloc[0]
                ex_src = top[by]
                ex_block = top["example_block"] if has_examples else pd.NA
                ex_text = top["example_text"] if has_examples else ""
            records.append(
                {by: src, "aspect": aspect, "status": status, "n_paragraphs": n_here,
                 "covered_by": covered_by, "example_source": ex_src,
                 "example_block": ex_block, "example_text": ex_text}
            )
    out = pd.DataFrame.from_records(records, columns=columns)
    out["example_block"] = out["example_block"].astype("Int64")
    out["n_paragraphs"] = out["n_paragraphs"].astype("int64")
    return out
