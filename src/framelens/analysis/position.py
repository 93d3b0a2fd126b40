"""Where in an article the framing happens: scores by position and section.

Readers of news weigh the opening most (the "inverted pyramid"), and a story
can open with a promise and close with the caveats. These functions lay the
paragraph scores out along each article:

* :func:`add_position` -- one column ``rel_position`` per paragraph (0 = first
  body paragraph of its source, 1 = last), for trajectory plots;
* :func:`by_position` -- mean score per source x position bin ("opening",
  "middle", "closing") x dimension, with paragraph counts;
* :func:`by_section` -- mean score per source x section heading x dimension.

Positions count only the analysed blocks (``kinds``, body paragraphs by
default): headings and boilerplate do not move a paragraph along.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from framelens.errors import AnalysisError
from framelens.analysis.tables import DEFAULT_DIMENSIONS, check_dimensions, check_table

__all__ = ["add_position", "by_position", "by_section", "position_labels", "NO_HEADING"]

#: Label used for paragraphs that have no heading above them (``section == ""``).
NO_HEADING = "(no heading)"

_NAMED_BINS: dict[int, tuple[str, ...]] = {
    1: ("whole article",),
    2: ("first half", "second half"),
    3: ("opening", "middle", "closing"),
}


def position_labels(bins: int) -> tuple[str, ...]:
    """Default labels for ``bins`` equal-width position bins.

    >>> position_labels(3)
    ('opening', 'middle', 'closing')
    >>> position_labels(4)
    ('1 of 4', '2 of 4', '3 of 4', '4 of 4')
    """
    if int(bins) != bins or bins < 1:
        raise AnalysisError(f"bins must be a positive integer, got {bins!r}")
    return _NAMED_BINS.get(int(bins), tuple(f"{i + 1} of {bins}" for i in range(int(bins))))


def add_position(
    scored: pd.DataFrame,
    *,
    bins: int = 3,
    labels: Sequence[str] | None = None,
    by: str = "source_id",
    kinds: Sequence[str] | None = ("body",),
) -> pd.DataFrame:
    """The analysed rows with each paragraph's position inside its source.

    Parameters
    ----------
    scored : DataFrame
        Blocks (scores are not needed here) with ``block_index``.
    bins : int
        Number of equal-width position bins.
    labels : sequence of str, optional
        Bin labels, first to last; default :func:`position_labels`.
    by : str
        Column naming the sources.
    kinds : sequence of str or None
        Block kinds kept (``None`` = all rows).

    Returns
    -------
    DataFrame
        The rows of the wanted kinds, sorted by source (order of first
        appearance) and ``block_index``, with added columns

        * ``position_rank`` -- 0-based rank among the source's analysed rows;
        * ``n_in_source`` -- number of analysed rows in the source;
        * ``rel_position`` -- ``rank / (n - 1)``: 0 for the first paragraph,
          1 for the last. A source with a single paragraph gets 0.5 (it is
          both first and last; the middle keeps it off either end of a plot);
        * ``position`` -- ordered categorical bin label. The bin is chosen
          from the paragraph's *centre* ``(rank + 0.5) / n`` so that binning
          is symmetric (reversing an article mirrors its bins) and, with at
          least two paragraphs and ``bins <= 3``, the first paragraph is
          always in the first bin and the last in the last.
    """
    func = "add_position"
    labels_t = tuple(labels) if labels is not None else position_labels(bins)
    if labels is not None and len(labels_t) != bins:
        raise AnalysisError(f"{func}: got {len(labels_t)} labels for {bins} bins")
    if len(set(labels_t)) != len(labels_t):
        raise AnalysisError(f"{func}: bin labels must be distinct, got {list(labels_t)}")
    rows = check_table(scored, func=func, columns=("block_index",), kinds=kinds, by=by)
    dup = rows.duplicated([by, "block_index"])
    if dup.any():
        first = rows[dup].iloc[0]
        raise AnalysisError(
            f"{func}: source {first[by]!r} has block_index {first['block_index']} more "
            f"than once; positions need one row per block"
        )
    order = {g: i for i, g in enumerate(pd.unique(rows[by]))}
    out = rows.assign(_order=rows[by].map(order)).sort_values(
        ["_order", "block_index"], kind="stable"
    )
    out = out.drop(columns="_order")
    rank = out.groupby(by, sort=False).cumcount().to_numpy()
    n = out.groupby(by, sort=False)[by].transform("size").to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.where(n > 1, rank / np.maximum(n - 1, 1), 0.5)
    centre = (rank + 0.5) / n
    bin_index = np.minimum((centre * bins).astype(int), bins - 1)
    out = out.assign(
        position_rank=rank,
        n_in_source=n,
        rel_position=rel,
        position=pd.Categorical.from_codes(bin_index, categories=list(labels_t), ordered=True),
    )
    return out


def _summary_records(
    keys: dict[str, Any], values: np.ndarray, dims: Sequence[str], note: str = ""
) -> list[dict[str, Any]]:
    n = values.shape[0]
    recs = []
    for j, dim in enumerate(dims):
        col = values[:, j] if n else np.array([])
        recs.append(
            {
                **keys,
                "dimension": dim,
                "n": n,
                "mean": float(col.mean()) if n else np.nan,
                "sd": float(col.std(ddof=1)) if n > 1 else np.nan,
                "note": note if note else ("" if n > 1 else "only 1 paragraph"),
            }
        )
    return recs


def by_position(
    scored: pd.DataFrame,
    *,
    bins: int = 3,
    labels: Sequence[str] | None = None,
    dimensions: Sequence[str] = DEFAULT_DIMENSIONS,
    by: str = "source_id",
    kinds: Sequence[str] | None = ("body",),
) -> pd.DataFrame:
    """Mean score per source x position bin x dimension.

    Parameters
    ----------
    scored : DataFrame
        Scored blocks.
    bins : int
        Number of position bins (3: opening, middle, closing).
    labels : sequence of str, optional
        Bin labels; default :func:`position_labels`.
    dimensions : sequence of str
        Score columns.
    by : str
        Column naming the sources.
    kinds : sequence of str or None
        Block kinds analysed.

    Returns
    -------
    DataFrame
        ``<by>, position`` (ordered categorical), ``dimension, n, mean, sd,
        note``. Every bin appears for every source: a bin with no paragraphs
        (a source with fewer paragraphs than bins) has ``n = 0``, NaN
        ``mean`` and the note "no paragraphs in this bin", so it is never
        mistaken for a score. See :func:`add_position` for how paragraphs
        are assigned to bins.
    """
    func = "by_position"
    dims = check_dimensions(dimensions, func)
    check_table(scored, func=func, columns=("block_index",), kinds=kinds, by=by,
                 dimensions=dims)  # fmt: skip
    placed = add_position(scored, bins=bins, labels=labels, by=by, kinds=kinds)
    categories = list(placed["position"].cat.categories)
    records: list[dict[str, Any]] = []
    for group in pd.unique(placed[by]):
        rows = placed[placed[by] == group]
        for label in categories:
            values = rows.loc[rows["position"] == label, list(dims)].to_numpy(dtype=float)
            note = "no paragraphs in this bin" if values.shape[0] == 0 else ""
            records.extend(_summary_records({by: group, "position": label}, values, dims, note))
    out = pd.DataFrame.from_records(records)
    out["position"] = pd.Categorical(out["position"], categories=categories, ordered=True)
    return out


def by_section(
    scored: pd.DataFrame,
    *,
    dimensions: Sequence[str] = DEFAULT_DIMENSIONS,
    by: str = "source_id",
    kinds: Sequence[str] | None = ("body",),
    include_empty: bool = True,
    empty_label: str = NO_HEADING,
) -> pd.DataFrame:
    """Mean score per source x section heading x dimension.

    Parameters
    ----------
    scored : DataFrame
        Scored blocks with ``section`` (the nearest heading above a block).
    dimensions : sequence of str
        Score columns.
    by : str
        Column naming the sources.
    kinds : sequence of str or None
        Block kinds analysed.
    include_empty : bool
        Keep headings with no analysed paragraph below them (a heading
        directly followed by another heading, or at the end of the article)
        as explicit rows with ``n = 0``, NaN ``mean`` and the note
        "heading with no paragraphs". With ``False`` they are left out and
        the table says nothing about them.
    empty_label : str
        Label for paragraphs with no heading above them (``section == ""``).

    Returns
    -------
    DataFrame
        ``<by>, section, section_order, dimension, n, mean, sd, note``, sources
        in order of first appearance and sections in article order
        (``section_order`` is 0-based within the source). Headings are the
        rows with ``kind == "heading"``; their stripped ``text`` names the
        section. A heading that occurs twice in one source forms one section.
    """
    func = "by_section"
    dims = check_dimensions(dimensions, func)
    rows = check_table(
        scored, func=func, columns=("block_index", "section"), kinds=kinds, by=by,
        dimensions=dims,
    )  # fmt: skip
    if rows["section"].isna().any():
        bad = rows[rows["section"].isna()]
        raise AnalysisError(
            f"{func}: column 'section' is missing (NaN) for {len(bad)} row(s); "
            f"use '' for text with no heading above it"
        )
    headings = pd.DataFrame(columns=[by, "section", "block_index"])
    if "kind" in scored.columns and "text" in scored.columns:
        h = scored[scored["kind"] == "heading"]
        headings = pd.DataFrame(
            {
                by: h[by],
                "section": h["text"].astype(str).str.strip(),
                "block_index": h["block_index"],
            }
        )
    body = pd.DataFrame(
        {by: rows[by], "section": rows["section"].astype(str).str.strip(),
         "block_index": rows["block_index"]}
    )  # fmt: skip
    # sections in article order: first block (heading or paragraph) that names them
    records: list[dict[str, Any]] = []
    for group in pd.unique(scored[by]):
        b = body[body[by] == group]
        if b.empty:  # only possible when the caller's kinds leave nothing here
            continue
        hd = headings[headings[by] == group]
        named = pd.concat([hd, b]) if not hd.empty else b
        firsts = named.groupby("section", sort=False)["block_index"].min()
        names = firsts.sort_values(kind="stable").index.tolist()
        values_all = rows.loc[rows[by] == group, list(dims)].to_numpy(dtype=float)
        sec = b["section"].to_numpy()
        for order, name in enumerate(names):
            mask = sec == name
            label = name if name else empty_label
            keys = {by: group, "section": label, "section_order": order}
            if not mask.any():
                if include_empty:
                    empty = np.empty((0, len(dims)))
                    records.extend(
                        _summary_records(keys, empty, dims, "heading with no paragraphs")
                    )
                continue
            records.extend(_summary_records(keys, values_all[mask], dims))
    out = pd.DataFrame.from_records(records)
    if include_empty is False and not out.empty:
        out["section_order"] = out.groupby([by, "dimension"], sort=False).cumcount()
    return out
