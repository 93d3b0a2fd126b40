"""Passages that two sources share word for word.

Outlets often reuse wire copy, press releases, quotes, or a content-farm
template whose sentences are reshuffled between articles. Shared text is not
independent evidence: two sources that agree because they copy the same
passage should count once. :func:`shared_passages` finds such overlaps
between blocks of *different* sources.

How it works
------------
Each block is normalised (:func:`framelens.text.normalize.normalize_for_matching`)
and lower-cased, and split into words (letters/digits with inner
apostrophes, so "don’t" and "don't" are one word; punctuation is ignored).

* ``similarity`` is the **containment** of word 5-shingles (Broder 1997): the
  share of the shorter block's 5-word sequences that also occur in the other
  block, ``|S_a & S_b| / min(|S_a|, |S_b|)``. It is 1 when one block is
  copied inside the other, whatever the other's length. ``jaccard``
  (``|S_a & S_b| / |S_a | S_b|``) is reported too.
* ``shared_words`` / ``shared_text`` give the **longest run of consecutive
  words** the two blocks have in common, as it reads in block ``a``'s
  original text (quotes and dashes untouched).

A pair is reported when its containment is at least ``threshold`` and the
shorter block has at least ``min_words`` words (a near-duplicate or lightly
edited block; the length condition keeps a short heading that happens to
occur inside a paragraph from counting as a duplicate) **or** its longest
shared run has at least ``min_words`` words (a copied sentence or quote
inside otherwise different text). ``match`` says which.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any

import numpy as np
import pandas as pd

from framelens.errors import AnalysisError
from framelens.text.normalize import normalize_for_matching
from framelens.analysis.tables import check_table

__all__ = ["shared_passages", "SHINGLE_SIZE"]

#: Words per shingle for the containment measure.
SHINGLE_SIZE: int = 5

_WORD = re.compile(r"(?u)\w+(?:'\w+)*")

_COLUMNS = [
    "source_a", "block_a", "source_b", "block_b", "similarity", "jaccard",
    "shared_words", "shared_text", "match", "kind_a", "kind_b",
]  # fmt: skip


def _words(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Lower-cased words and their (start, end) offsets in ``text``."""
    # normalisation keeps offsets; words are lower-cased one by one so that
    # offsets stay valid even where lower() would change a string's length
    found = list(_WORD.finditer(normalize_for_matching(text)))
    return [m.group(0).lower() for m in found], [(m.start(), m.end()) for m in found]


def _shingles(words: Sequence[str], k: int) -> set[tuple[str, ...]]:
    if len(words) < k:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + k]) for i in range(len(words) - k + 1)}


def shared_passages(
    scored: pd.DataFrame,
    *,
    min_words: int = 8,
    threshold: float = 0.5,
    by: str = "source_id",
    kinds: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Near-duplicate blocks and shared word runs between sources.

    Parameters
    ----------
    scored : DataFrame
        Blocks with ``block_index`` and ``text`` (scores are not needed).
    min_words : int
        Report a pair whose longest common run of words is at least this
        long. Must be at least 2.
    threshold : float
        Report a pair whose 5-shingle containment is at least this.
    by : str
        Column naming the sources.
    kinds : sequence of str or None
        Block kinds compared; ``None`` (default) compares every block,
        headings and boilerplate included, since templates show there too.
        Sources with no block of these kinds are simply not compared.

    Returns
    -------
    DataFrame
        ``source_a, block_a, source_b, block_b, similarity`` (containment),
        ``jaccard, shared_words, shared_text, match`` (``"near-duplicate"``
        or ``"shared passage"``), ``kind_a, kind_b`` (empty when the table
        has no ``kind`` column), sorted by similarity then shared_words,
        both descending. ``source_a`` comes first in the table. Blocks of the
        same source are never paired.

    Raises
    ------
    AnalysisError
        Fewer than two sources, missing columns, or bad parameters.

    Notes
    -----
    Candidate pairs are found through an index of word runs of length
    ``min(SHINGLE_SIZE, min_words)``, so the cost grows with the number of
    blocks that actually share text, not with all pairs of blocks.
    """
    func = "shared_passages"
    if int(min_words) != min_words or min_words < 2:
        raise AnalysisError(f"{func}: min_words must be an integer >= 2, got {min_words!r}")
    if not 0 < threshold <= 1:
        raise AnalysisError(f"{func}: threshold must be in (0, 1], got {threshold!r}")
    rows = check_table(
        scored, func=func, columns=("block_index", "text"), kinds=kinds, by=by,
        min_groups=2, every_group_present=False,
    ).reset_index(drop=True)  # fmt: skip
    texts = rows["text"].astype(str).tolist()
    groups = rows[by].tolist()
    order = {g: i for i, g in enumerate(pd.unique(rows[by]))}
    kinds_col = rows["kind"].astype(str).tolist() if "kind" in rows.columns else [""] * len(rows)

    tokens = [_words(t) for t in texts]
    words = [w for w, _ in tokens]
    k_index = min(SHINGLE_SIZE, int(min_words))
    shingles5 = [_shingles(w, SHINGLE_SIZE) for w in words]

    # candidate pairs: blocks of different sources sharing a k_index-word run
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, w in enumerate(words):
        for sh in _shingles(w, k_index) if len(w) >= k_index else ():
            index[sh].append(i)
    candidates: set[tuple[int, int]] = set()
    for members in index.values():
        if len(members) < 2:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if groups[i] != groups[j]:
                    candidates.add((i, j) if order[groups[i]] <= order[groups[j]] else (j, i))

    records: list[dict[str, Any]] = []
    for i, j in sorted(candidates):
        sa, sb = shingles5[i], shingles5[j]
        inter = len(sa & sb)
        containment = inter / min(len(sa), len(sb)) if sa and sb else 0.0
        jaccard = inter / len(sa | sb) if sa or sb else 0.0
        matcher = SequenceMatcher(None, words[i], words[j], autojunk=False)
        m = matcher.find_longest_match(0, len(words[i]), 0, len(words[j]))
        if containment >= threshold and min(len(words[i]), len(words[j])) >= min_words:
            kind = "near-duplicate"
        elif m.size >= min_words:
            kind = "shared passage"
        else:
            continue
        offsets = tokens[i][1]
        start, end = offsets[m.a][0], offsets[m.a + m.size - 1][1]
        records.append(
            {
                "source_a": groups[i],
                "block_a": rows.at[i, "block_index"],
                "source_b": groups[j],
                "block_b": rows.at[j, "block_index"],
                "similarity": float(containment),
                "jaccard": float(jaccard),
                "shared_words": int(m.size),
                "shared_text": texts[i][start:end],
                "match": kind,
                "kind_a": kinds_col[i],
                "kind_b": kinds_col[j],
            }
        )
    if not records:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in _COLUMNS})
    out = pd.DataFrame.from_records(records, columns=_COLUMNS)
    out = out.sort_values(
        ["similarity", "shared_words"], ascending=[False, False], kind="stable"
    ).reset_index(drop=True)
    out["similarity"] = out["similarity"].astype(np.float64)
    return out
