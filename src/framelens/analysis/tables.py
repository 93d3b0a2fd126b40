"""Checks shared by every analysis of a scored blocks table.

The comparison modules (:mod:`~framelens.analysis.compare`, :mod:`~framelens.analysis.position`,
:mod:`~framelens.analysis.words`, :mod:`~framelens.analysis.align`, :mod:`~framelens.analysis.shared`,
:mod:`~framelens.analysis.aspects`, :mod:`~framelens.analysis.criteria`) and the display
modules take the same input, a blocks table with score columns, and report
unusable input the same way: an :class:`~framelens.errors.AnalysisError`
naming the function, the missing columns or the empty selection.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from framelens.errors import AnalysisError
from framelens.scores.registry import HEADLINE_SCORES

__all__ = [
    "DEFAULT_DIMENSIONS", "as_tuple", "check_table", "check_text", "check_dimensions", "group_order",
    "evidence_paragraphs", "message_value",
]

#: Score columns analysed when ``dimensions`` is not given.
DEFAULT_DIMENSIONS: tuple[str, ...] = HEADLINE_SCORES




def as_tuple(value: str | Iterable[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def check_table(
    scored: Any,
    *,
    func: str,
    columns: Sequence[str],
    kinds: str | Iterable[str] | None,
    by: str | None = None,
    dimensions: Sequence[str] = (),
    min_groups: int = 1,
    every_group_present: bool = True,
) -> pd.DataFrame:
    """Validate a scored blocks table and return the rows of the wanted kinds.

    Raises :class:`AnalysisError` naming the missing columns, the kinds that
    left no rows, groups (sources) with no rows of those kinds, non-numeric or
    missing scores, or too few groups.
    """
    if not isinstance(scored, pd.DataFrame):
        raise AnalysisError(
            f"{func}: expected a pandas DataFrame of scored blocks, "
            f"got {type(scored).__name__}"
        )
    kinds_t = as_tuple(kinds)
    needed = list(dict.fromkeys([*columns, *([by] if by else []), *dimensions]))
    if kinds_t is not None and "kind" not in needed:
        needed.append("kind")
    missing = [c for c in needed if c not in scored.columns]
    if missing:
        raise AnalysisError(
            f"{func}: the table has no column(s) {', '.join(map(repr, missing))}; "
            f"expected a scored blocks table (framelens.load_corpus then "
            f"framelens.score_frame). Columns present: "
            f"{', '.join(map(str, scored.columns)) or '(none)'}"
        )
    if scored.empty:
        raise AnalysisError(f"{func}: the table has no rows")
    if by is not None and scored[by].isna().any():
        bad = scored.index[scored[by].isna()][:5].tolist()
        raise AnalysisError(f"{func}: column {by!r} is missing for row(s) {bad}")

    if kinds_t is not None:
        rows = scored[scored["kind"].isin(kinds_t)]
        if rows.empty:
            present = sorted(map(str, scored["kind"].dropna().unique()))
            raise AnalysisError(
                f"{func}: no rows with kind in {list(kinds_t)}; kinds present: "
                f"{present}. Pass kinds=... to analyse other blocks."
            )
    else:
        rows = scored

    if by is not None and every_group_present:
        all_groups = pd.unique(scored[by])
        kept = set(rows[by])
        empty = [str(g) for g in all_groups if g not in kept]
        if empty:
            raise AnalysisError(
                f"{func}: source(s) {', '.join(map(repr, empty))} have no rows with "
                f"kind in {list(kinds_t or ())} (n = 0); drop them from the table or "
                f"pass other kinds"
            )
    for dim in dimensions:
        col = rows[dim]
        if not pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col):
            raise AnalysisError(
                f"{func}: score column {dim!r} is not numeric (dtype {col.dtype})"
            )
        values = col.to_numpy(dtype=float, na_value=np.nan)
        bad = ~np.isfinite(values)
        if bad.any():
            where = _describe_rows(rows[bad])
            raise AnalysisError(
                f"{func}: score column {dim!r} is missing or not finite for {where}; "
                f"score every paragraph (framelens.score_frame) or drop those rows"
            )
    if by is not None:
        n_groups = rows[by].nunique()
        if n_groups < min_groups:
            found = ", ".join(map(repr, map(str, pd.unique(rows[by])))) or "none"
            raise AnalysisError(
                f"{func}: needs at least {min_groups} sources in column {by!r}, "
                f"found {n_groups} ({found}); add another source to compare against"
            )
    return rows


def _describe_rows(rows: pd.DataFrame, limit: int = 5) -> str:
    """'source x block 3, source y block 7' for error messages."""
    parts = []
    for idx, row in itertools.islice(rows.iterrows(), limit):
        if "source_id" in rows.columns and "block_index" in rows.columns:
            parts.append(f"{row['source_id']} block {row['block_index']}")
        else:
            parts.append(f"row {idx}")
    more = f" and {len(rows) - limit} more" if len(rows) > limit else ""
    return ", ".join(parts) + more


def check_dimensions(dimensions: str | Iterable[str], func: str) -> tuple[str, ...]:
    dims = as_tuple(dimensions) or ()
    if not dims:
        raise AnalysisError(f"{func}: no dimensions given")
    return dims


def group_order(rows: pd.DataFrame, by: str) -> list[Any]:
    """Groups in order of first appearance (the order a user loaded them)."""
    return list(pd.unique(rows[by]))


def check_text(text: Any, src: Any, block: Any, func: str) -> None:
    """Raise AnalysisError naming the row if a paragraph's text is not a string."""
    if not isinstance(text, str):
        raise AnalysisError(
            f"{func}: source {src!r} block {block}: text is {type(text).__name__}, "
            f"expected a str (missing text?)"
        )


def message_value(value: Any) -> Any:
    """A value as Python writes it (``7``, not ``np.int64(7)``), for messages."""
    return value.item() if isinstance(value, np.generic) else value


def evidence_paragraphs(
    texts_or_blocks: Any, evidence: pd.DataFrame, *, by: str, text_column: str, func: str
) -> tuple[list[str], list[str], np.ndarray]:
    """The paragraphs' texts, how to name each in an error, and each evidence row's paragraph.

    Shared by every function that reads evidence against its texts
    (``analysis.voice``, ``report.display.highlight_table``).

    Evidence rows find their paragraph by ``by`` and ``block_index`` (the
    evidence of ``score_frame_with_evidence``) or by a ``paragraph`` column,
    the position of the text in the input (``explain_paragraphs``); the
    evidence of ``explain`` for one text needs neither.
    """
    if isinstance(texts_or_blocks, str):
        texts, names, keys = [texts_or_blocks], ["the text"], None
    elif isinstance(texts_or_blocks, pd.DataFrame):
        if text_column not in texts_or_blocks.columns:
            raise AnalysisError(f"{func}: the table has no column {text_column!r}; columns are "
                                f"{list(texts_or_blocks.columns)}")
        texts = texts_or_blocks[text_column].tolist()
        if {by, "block_index"}.issubset(texts_or_blocks.columns):
            keys = list(zip(texts_or_blocks[by], texts_or_blocks["block_index"]))
            names = [f"{by} {message_value(s)!r} block {message_value(b)}" for s, b in keys]
        else:
            keys = None
            names = [f"row {message_value(i)!r}" for i in texts_or_blocks.index]
    elif isinstance(texts_or_blocks, Iterable):
        texts = list(texts_or_blocks)
        keys = None
        names = [f"paragraph {i}" for i in range(len(texts))]
    else:
        raise AnalysisError(f"{func}: expected a str, a sequence of str or a table with a "
                            f"{text_column!r} column, got {type(texts_or_blocks).__name__}")
    for text, name in zip(texts, names):
        if not isinstance(text, str):
            raise AnalysisError(f"{func}: {name}: text is {type(text).__name__}, expected a str")

    if keys is not None and {by, "block_index"}.issubset(evidence.columns):
        where = {k: i for i, k in enumerate(keys)}
        if len(where) != len(keys):
            dup = next(k for k, n in Counter(keys).items() if n > 1)
            raise AnalysisError(f"{func}: {by} {message_value(dup[0])!r} block {message_value(dup[1])} appears more than "
                                f"once in the table; evidence cannot be matched to one paragraph")
        pos = np.empty(len(evidence), dtype=np.int64)
        for j, (idx, k) in enumerate(zip(evidence.index, zip(evidence[by], evidence["block_index"]))):
            p = where.get(k)
            if p is None:
                raise AnalysisError(f"{func}: evidence row {message_value(idx)!r} is for {by} {message_value(k[0])!r} "
                                    f"block {message_value(k[1])}, which is not in the table")
            pos[j] = p
    elif "paragraph" in evidence.columns:
        pos = pd.to_numeric(evidence["paragraph"], errors="coerce").to_numpy(dtype=float)
        bad = ~np.isfinite(pos) | (pos < 0) | (pos >= len(texts)) | (pos != np.floor(pos))
        if bad.any():
            idx = evidence.index[bad.argmax()]
            raise AnalysisError(
                f"{func}: evidence row {message_value(idx)!r} has paragraph "
                f"{message_value(evidence['paragraph'].iloc[bad.argmax()])!r}, "
                f"not a position among the {len(texts)} paragraph(s) given"
            )
        pos = pos.astype(np.int64)
    elif len(texts) == 1:
        pos = np.zeros(len(evidence), dtype=np.int64)
    else:
        raise AnalysisError(
            f"{func}: evidence needs either {by!r} and 'block_index' columns (with a table that has "
            f"them) or a 'paragraph' column (position of the text, as from explain_paragraphs)"
        )
    return texts, names, pos
