"""Figures for the tables framelens computes.

Every function takes a table produced by the library and draws it; nothing
is recomputed here, so a figure always shows exactly the numbers in the
table next to it. Each returns the matplotlib ``Axes`` (single panel) or
``Figure`` (several panels) so a notebook can adjust titles, limits or save
it. Colours come from seaborn's ``"colorblind"`` palette (Okabe-Ito based)
and sources are also told apart by marker shape where points are drawn.

==================================  ==============================================
function                            table it draws
==================================  ==============================================
:func:`plot_source_means`           :func:`framelens.compare.summarize_sources`
:func:`plot_paragraph_heatmap`      :func:`framelens.scoring.score_frame` output
:func:`plot_position_trajectories`  :func:`framelens.position.add_position` output
:func:`plot_hype_vs_hedging`        :func:`framelens.scoring.score_frame` output
:func:`plot_distinguishing_words`   :func:`framelens.words.distinguishing_words`
:func:`plot_coverage`               :func:`framelens.aspects.coverage`
==================================  ==============================================

Empty tables, missing columns and all-missing values raise
:class:`~framelens.errors.AnalysisError` instead of drawing an empty figure.
In Jupyter the returned figure may display twice if it is also the cell's
last value; end the line with ``;`` or assign the result.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from framelens.errors import AnalysisError
from framelens.tables import DEFAULT_DIMENSIONS, as_tuple

__all__ = [
    "plot_source_means",
    "plot_paragraph_heatmap",
    "plot_position_trajectories",
    "plot_hype_vs_hedging",
    "plot_distinguishing_words",
    "plot_coverage",
]


#: Marker shapes cycled over sources (shape + colour, for colour-blind readers).
MARKERS: tuple[str, ...] = ("o", "s", "D", "^", "v", "P", "X", "*", "<", ">")

#: Diverging colour map for paragraph scores (sentiment is in [-1, 1]).
HEATMAP_CMAP = "vlag"


def _require(table: Any, columns: Sequence[str], func: str, made_by: str) -> pd.DataFrame:
    if not isinstance(table, pd.DataFrame):
        raise AnalysisError(f"{func}: expected a pandas DataFrame from {made_by}, got {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise AnalysisError(
            f"{func}: the table has no column(s) {', '.join(map(repr, missing))}; expected the "
            f"output of {made_by}. Columns present: {', '.join(map(str, table.columns)) or '(none)'}"
        )
    if table.empty:
        raise AnalysisError(f"{func}: the table is empty; nothing to plot")
    return table


def _numeric(table: pd.DataFrame, column: str, func: str, *, allow_some_nan: bool = False) -> pd.Series:
    col = table[column]
    if pd.api.types.is_bool_dtype(col) or not pd.api.types.is_numeric_dtype(col):
        raise AnalysisError(f"{func}: column {column!r} is not numeric (dtype {col.dtype})")
    values = col.astype(float)
    finite = np.isfinite(values.to_numpy(dtype=float, na_value=np.nan))
    if not finite.any():
        raise AnalysisError(f"{func}: column {column!r} has no finite values; nothing to plot")
    if not allow_some_nan and not finite.all():
        bad = table.index[~finite][:5].tolist()
        raise AnalysisError(
            f"{func}: column {column!r} is missing or not finite in row(s) {bad}; "
            f"score every paragraph or drop those rows"
        )
    return values


def _select_kinds(table: pd.DataFrame, kinds: Sequence[str] | None, func: str) -> pd.DataFrame:
    kinds_t = as_tuple(kinds)
    if kinds_t is None or "kind" not in table.columns:
        return table
    rows = table[table["kind"].isin(kinds_t)]
    if rows.empty:
        present = sorted(map(str, table["kind"].dropna().unique()))
        raise AnalysisError(f"{func}: no rows with kind in {list(kinds_t)}; kinds present: {present}")
    return rows


def _palette(groups: Sequence[Any]) -> dict[Any, Any]:
    colours = sns.color_palette("colorblind", n_colors=max(len(groups), 1))
    return {g: colours[i % len(colours)] for i, g in enumerate(groups)}


def _grid(n: int, ncols: int, *, panel: tuple[float, float], sharex: bool = False,
          sharey: bool = False) -> tuple[Figure, np.ndarray]:
    ncols = max(1, min(ncols, n))
    nrows = math.ceil(n / ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(panel[0] * ncols, panel[1] * nrows), squeeze=False,
        sharex=sharex, sharey=sharey,
    )
    flat = axes.ravel()
    for ax in flat[n:]:
        ax.set_visible(False)
    return fig, flat[:n]


# ---------------------------------------------------------------------------
# source means
# ---------------------------------------------------------------------------


def plot_source_means(
    summary: pd.DataFrame,
    *,
    by: str = "source_id",
    dimensions: Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Mean score per source and dimension with its confidence interval.

    Parameters
    ----------
    summary : DataFrame
        Long table from :func:`framelens.compare.summarize_sources`
        (``<by>, dimension, n, mean, ci_low, ci_high``).
    by : str
        Column naming the sources.
    dimensions : sequence of str, optional
        Dimensions to show, in order (default: all, in table order).
    ax : Axes, optional
        Axes to draw on (a new figure otherwise).

    Returns
    -------
    Axes
        One point per source x dimension with an error bar from ``ci_low``
        to ``ci_high`` (no bar where the interval is missing, e.g. n = 1);
        sources side by side within each dimension.
    """
    func = "plot_source_means"
    table = _require(summary, (by, "dimension", "mean", "ci_low", "ci_high"), func,
                     "framelens.summarize_sources")
    dims = as_tuple(dimensions) or tuple(pd.unique(table["dimension"]))
    unknown = [d for d in dims if d not in set(table["dimension"])]
    if unknown:
        raise AnalysisError(f"{func}: dimension(s) {unknown} not in the summary "
                            f"(present: {list(pd.unique(table['dimension']))})")
    table = table[table["dimension"].isin(dims)]
    _numeric(table, "mean", func)
    for c in ("ci_low", "ci_high"):
        col = table[c]
        if col.notna().any() and (pd.api.types.is_bool_dtype(col) or not pd.api.types.is_numeric_dtype(col)):
            raise AnalysisError(f"{func}: column {c!r} is not numeric (dtype {col.dtype})")
    sources = list(pd.unique(table[by]))
    colours = _palette(sources)
    if ax is None:
        _, ax = plt.subplots(figsize=(1.6 + 1.4 * len(dims), 3.6))
    width = 0.7
    step = width / max(len(sources), 1)
    for k, src in enumerate(sources):
        part = table[table[by] == src].set_index("dimension").reindex(list(dims))
        x = np.arange(len(dims)) - width / 2 + step * (k + 0.5)
        mean = part["mean"].to_numpy(dtype=float)
        low = pd.to_numeric(part["ci_low"], errors="coerce").to_numpy(dtype=float)
        high = pd.to_numeric(part["ci_high"], errors="coerce").to_numpy(dtype=float)
        yerr = np.vstack([np.where(np.isfinite(low), mean - low, 0.0),
                          np.where(np.isfinite(high), high - mean, 0.0)])
        ax.errorbar(x, mean, yerr=yerr, fmt=MARKERS[k % len(MARKERS)], color=colours[src],
                    capsize=3, markersize=6, linewidth=1.2, label=str(src))
    ax.axhline(0, color="#999999", linewidth=0.8, zorder=0)
    ax.set_xticks(np.arange(len(dims)))
    ax.set_xticklabels([str(d) for d in dims])
    ax.set_xlabel("dimension")
    ax.set_ylabel("mean paragraph score (bars: CI)")
    ax.set_title("Mean score per source")
    ax.legend(title=by, frameon=False, fontsize="small")
    return ax


# ---------------------------------------------------------------------------
# paragraph heatmap
# ---------------------------------------------------------------------------


def plot_paragraph_heatmap(
    scored: pd.DataFrame,
    source_id: str | Sequence[str] | None = None,
    *,
    dimensions: Sequence[str] = DEFAULT_DIMENSIONS,
    by: str = "source_id",
    kinds: Sequence[str] | None = ("body",),
    annot: bool | None = None,
) -> Figure:
    """Paragraph x dimension heatmap, one panel per source.

    Parameters
    ----------
    scored : DataFrame
        Scored blocks (:func:`framelens.score_frame`).
    source_id : str or sequence of str, optional
        Source(s) to show (default: all, in order of appearance).
    dimensions : sequence of str
        Score columns, one heatmap column each.
    by : str
        Column naming the sources.
    kinds : sequence of str or None
        Block kinds shown (body paragraphs by default).
    annot : bool, optional
        Write the values in the cells (default: when a panel has at most 30
        paragraphs).

    Returns
    -------
    Figure
        Rows are ``block_index`` in article order; the colour scale is shared
        and runs from -1 to 1 (hype, hedging and balance use 0..1).
    """
    func = "plot_paragraph_heatmap"
    dims = as_tuple(dimensions) or ()
    if not dims:
        raise AnalysisError(f"{func}: no dimensions given")
    table = _require(scored, (by, "block_index", *dims), func, "framelens.score_frame")
    rows = _select_kinds(table, kinds, func)
    wanted = as_tuple(source_id)
    if wanted is not None:
        present = list(pd.unique(rows[by]))
        unknown = [s for s in wanted if s not in present]
        if unknown:
            raise AnalysisError(f"{func}: source(s) {unknown} not found; sources present: {present}")
        rows = rows[rows[by].isin(wanted)]
        sources = list(wanted)
    else:
        sources = list(pd.unique(rows[by]))
    for d in dims:
        _numeric(rows, d, func)
    longest = int(rows.groupby(by, sort=False).size().max())
    fig, axes = _grid(len(sources), ncols=4, panel=(0.75 * len(dims) + 1.6, 0.3 * longest + 1.6))
    show_annot = longest <= 30 if annot is None else bool(annot)
    for i, (ax, src) in enumerate(zip(axes, sources)):
        part = rows[rows[by] == src].sort_values("block_index", kind="stable")
        data = part.set_index("block_index")[list(dims)].astype(float)
        sns.heatmap(
            data, ax=ax, vmin=-1, vmax=1, cmap=HEATMAP_CMAP, annot=show_annot,
            fmt=".2f", annot_kws={"fontsize": 7}, linewidths=0.5, linecolor="white",
            cbar=i == len(sources) - 1, cbar_kws={"label": "score"} if i == len(sources) - 1 else None,
        )
        ax.set_title(str(src), fontsize="medium")
        ax.set_xlabel("")
        ax.set_ylabel("block" if i == 0 else "")
        ax.tick_params(axis="y", labelsize=7, rotation=0)
        ax.tick_params(axis="x", rotation=30)
    fig.suptitle("Paragraph scores")
    fig.tight_layout()
    return fig


# ---------------------------------------------------------------------------
# position trajectories
# ---------------------------------------------------------------------------


def plot_position_trajectories(
    scored_with_position: pd.DataFrame,
    *,
    dimensions: Sequence[str] = DEFAULT_DIMENSIONS,
    by: str = "source_id",
) -> Figure:
    """Score against relative position in the article, one line per source.

    Parameters
    ----------
    scored_with_position : DataFrame
        Scored rows with a ``rel_position`` column (0 = first analysed
        paragraph, 1 = last), as returned by
        :func:`framelens.position.add_position`.
    dimensions : sequence of str
        Score columns, one panel each.
    by : str
        Column naming the sources.

    Returns
    -------
    Figure
        One panel per dimension; each source is a line through its
        paragraphs (points marked) in article order.
    """
    func = "plot_position_trajectories"
    dims = as_tuple(dimensions) or ()
    if not dims:
        raise AnalysisError(f"{func}: no dimensions given")
    if isinstance(scored_with_position, pd.DataFrame) and "rel_position" not in scored_with_position.columns:
        raise AnalysisError(
            f"{func}: the table has no 'rel_position' column; add it with "
            f"framelens.position.add_position(scored)"
        )
    table = _require(scored_with_position, (by, "rel_position", *dims), func,
                     "framelens.position.add_position")
    _numeric(table, "rel_position", func)
    for d in dims:
        _numeric(table, d, func)
    sources = list(pd.unique(table[by]))
    colours = _palette(sources)
    fig, axes = _grid(len(dims), ncols=2, panel=(4.6, 3.0), sharex=True)
    for j, (ax, dim) in enumerate(zip(axes, dims)):
        for k, src in enumerate(sources):
            part = table[table[by] == src].sort_values("rel_position", kind="stable")
            ax.plot(part["rel_position"].to_numpy(dtype=float), part[dim].to_numpy(dtype=float),
                    marker=MARKERS[k % len(MARKERS)], markersize=4, linewidth=1.2,
                    color=colours[src], label=str(src))
        ax.set_title(str(dim), fontsize="medium")
        ax.set_xlim(-0.03, 1.03)
        ax.set_xlabel("relative position (0 = first paragraph, 1 = last)")
        ax.set_ylabel(str(dim))
        if dim == "sentiment":
            ax.axhline(0, color="#999999", linewidth=0.8, zorder=0)
        if j == 0:
            ax.legend(title=by, frameon=False, fontsize="small")
    fig.suptitle("Scores along the article")
    fig.tight_layout()
    return fig


# ---------------------------------------------------------------------------
# hype vs hedging
# ---------------------------------------------------------------------------


def plot_hype_vs_hedging(
    scored: pd.DataFrame,
    *,
    by: str = "source_id",
    x: str = "hedging",
    y: str = "hype",
    kinds: Sequence[str] | None = ("body",),
    ax: Axes | None = None,
) -> Axes:
    """Scatter of paragraphs: hedging (x) against hype (y), one colour per source.

    Parameters
    ----------
    scored : DataFrame
        Scored blocks (:func:`framelens.score_frame`).
    by : str
        Column naming the sources.
    x, y : str
        Score columns on the axes.
    kinds : sequence of str or None
        Block kinds shown (body paragraphs by default).
    ax : Axes, optional
        Axes to draw on.

    Returns
    -------
    Axes
        One point per paragraph; colour and marker shape name the source.
    """
    func = "plot_hype_vs_hedging"
    table = _require(scored, (by, x, y), func, "framelens.score_frame")
    rows = _select_kinds(table, kinds, func)
    _numeric(rows, x, func)
    _numeric(rows, y, func)
    sources = list(pd.unique(rows[by]))
    if ax is None:
        _, ax = plt.subplots(figsize=(5.2, 4.2))
    data = rows[[by, x, y]].copy()
    data[by] = data[by].astype(str)
    sns.scatterplot(
        data=data, x=x, y=y, hue=by, style=by, hue_order=[str(s) for s in sources],
        style_order=[str(s) for s in sources], palette=[_palette(sources)[s] for s in sources],
        markers=[MARKERS[k % len(MARKERS)] for k in range(len(sources))],
        s=45, alpha=0.8, ax=ax,
    )
    ax.set_xlabel(f"{x} score")
    ax.set_ylabel(f"{y} score")
    ax.set_title(f"{y.capitalize()} vs {x} per paragraph")
    ax.legend(title=by, frameon=False, fontsize="small")
    return ax


# ---------------------------------------------------------------------------
# distinguishing words
# ---------------------------------------------------------------------------


def plot_distinguishing_words(
    words: pd.DataFrame,
    *,
    by: str = "source_id",
    top: int = 10,
) -> Figure:
    """Horizontal bars of each source's most distinctive terms.

    Parameters
    ----------
    words : DataFrame
        Table from :func:`framelens.words.distinguishing_words`
        (``<by>, term, z``).
    by : str
        Column naming the sources.
    top : int
        Terms per source (highest ``z`` first, drawn at the top).

    Returns
    -------
    Figure
        One panel per source; bar length is the log-odds z-score.
    """
    func = "plot_distinguishing_words"
    if int(top) != top or top < 1:
        raise AnalysisError(f"{func}: top must be a positive integer, got {top!r}")
    table = _require(words, (by, "term", "z"), func, "framelens.distinguishing_words")
    _numeric(table, "z", func)
    sources = list(pd.unique(table[by]))
    colours = _palette(sources)
    fig, axes = _grid(len(sources), ncols=3, panel=(3.6, 0.32 * top + 1.2))
    for ax, src in zip(axes, sources):
        part = table[table[by] == src].sort_values("z", ascending=False, kind="stable").head(int(top))
        ax.barh(np.arange(len(part)), part["z"].to_numpy(dtype=float), color=colours[src])
        ax.set_yticks(np.arange(len(part)))
        ax.set_yticklabels([str(t) for t in part["term"]], fontsize=8)
        ax.invert_yaxis()
        ax.set_title(str(src), fontsize="medium")
        ax.set_xlabel("z (log-odds)")
        ax.axvline(0, color="#999999", linewidth=0.8)
    fig.suptitle("Words that distinguish each source")
    fig.tight_layout()
    return fig


# ---------------------------------------------------------------------------
# coverage
# ---------------------------------------------------------------------------


def plot_coverage(
    coverage_table: pd.DataFrame,
    *,
    by: str = "source_id",
    value: str = "share",
    ax: Axes | None = None,
) -> Axes:
    """Source x aspect heatmap of coverage, annotated.

    Parameters
    ----------
    coverage_table : DataFrame
        Table from :func:`framelens.aspects.coverage`
        (``<by>, aspect, share, n_paragraphs``).
    by : str
        Column naming the sources.
    value : str
        Column shown by colour (``share`` by default, 0..1).
    ax : Axes, optional
        Axes to draw on.

    Returns
    -------
    Axes
        Rows are sources, columns aspects (table order). Cells read
        ``"40%\\n(4)"``: share of the source's paragraphs and the paragraph
        count; an uncovered aspect reads ``"–"``.
    """
    func = "plot_coverage"
    table = _require(coverage_table, (by, "aspect", value), func, "framelens.aspects")
    _numeric(table, value, func)
    sources = list(pd.unique(table[by]))
    aspects = list(pd.unique(table["aspect"]))
    grid = table.pivot_table(index=by, columns="aspect", values=value, aggfunc="first",
                             sort=False).reindex(index=sources, columns=aspects).astype(float)
    counts = None
    if "n_paragraphs" in table.columns:
        counts = table.pivot_table(index=by, columns="aspect", values="n_paragraphs",
                                   aggfunc="first", sort=False).reindex(index=sources, columns=aspects)
    labels = np.empty(grid.shape, dtype=object)
    for i in range(grid.shape[0]):
        for j in range(grid.shape[1]):
            v = grid.iat[i, j]
            if not np.isfinite(v):
                labels[i, j] = ""
            elif value == "share":
                n = counts.iat[i, j] if counts is not None else None
                count = f"\n({int(n)})" if n is not None and pd.notna(n) else ""
                labels[i, j] = "–" if v == 0 else f"{v:.0%}{count}"
            else:
                labels[i, j] = f"{v:.2g}"
    if ax is None:
        _, ax = plt.subplots(figsize=(1.0 + 1.05 * len(aspects), 0.9 + 0.6 * len(sources)))
    vmax = 1.0 if value == "share" else None
    sns.heatmap(grid, ax=ax, vmin=0, vmax=vmax, cmap="Blues", annot=labels, fmt="",
                annot_kws={"fontsize": 8}, linewidths=0.5, linecolor="white",
                cbar_kws={"label": "share of paragraphs" if value == "share" else value})
    ax.set_xlabel("aspect")
    ax.set_ylabel(by)
    ax.set_title("Coverage of story aspects")
    ax.tick_params(axis="x", rotation=35)
    for lab in ax.get_xticklabels():
        lab.set_horizontalalignment("right")
    ax.tick_params(axis="y", rotation=0)
    return ax
