"""Figures for the tables framelens computes.

Every function takes a table produced by the library and draws it; nothing
is recomputed here, so a figure always shows exactly the numbers in the
table next to it. Each returns the matplotlib ``Axes`` (single panel) or
``Figure`` (several panels) so a notebook can adjust titles, limits or save
it. Every source keeps one colour *and* one marker shape in every figure
(:func:`source_styles`: Okabe-Ito colours cycled with marker shapes, no two
of the first 70 sources alike); legends sit outside the data; labels are
drawn literally (:func:`literal`: a ``$`` in a source name is not maths);
heat maps grow with their table and drop the cell values when too large.

==================================  ==============================================
function                            table it draws
==================================  ==============================================
:func:`plot_source_means`           :func:`framelens.analysis.compare.summarize_sources`
:func:`plot_paragraph_heatmap`      :func:`framelens.scores.scoring.score_frame` output
:func:`plot_position_trajectories`  :func:`framelens.analysis.position.add_position` output
:func:`plot_hype_vs_hedging`        :func:`framelens.scores.scoring.score_frame` output
:func:`plot_distinguishing_words`   :func:`framelens.analysis.words.distinguishing_words`
:func:`plot_coverage`               :func:`framelens.analysis.aspects.coverage`
==================================  ==============================================

Empty tables, missing columns and all-missing values raise
:class:`~framelens.errors.AnalysisError` instead of drawing an empty figure
(:func:`framelens.report.pages.figure_or_note` turns that into a sentence
in a report).
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
from framelens.analysis.tables import DEFAULT_DIMENSIONS, as_tuple

__all__ = [
    "source_styles",
    "literal",
    "plot_source_means",
    "plot_paragraph_heatmap",
    "plot_position_trajectories",
    "plot_hype_vs_hedging",
    "plot_distinguishing_words",
    "plot_coverage",
]


#: Marker shapes cycled over sources (shape + colour, for colour-blind readers).
MARKERS: tuple[str, ...] = ("o", "s", "D", "^", "v", "P", "X", "*", "<", ">")

#: Okabe & Ito's colour-blind-safe palette without its yellow, which is too
#: light on a white page: orange, sky blue, bluish green, blue, vermillion,
#: reddish purple, black.
SOURCE_COLOURS: tuple[str, ...] = (
    "#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#000000",
)

#: Colour of each score dimension where dimensions, not sources, are drawn.
DIMENSION_COLOURS: dict[str, str] = {
    "hype": "#D55E00", "hedging": "#0072B2", "balance": "#009E73", "sentiment": "#CC79A7",
}

#: Diverging colour map for paragraph scores (sentiment is in [-1, 1]).
HEATMAP_CMAP = "vlag"

#: Heat maps write their values in the cells up to this many cells.
MAX_ANNOTATED_CELLS = 160


def source_styles(sources: Sequence[Any]) -> dict[Any, tuple[str, str]]:
    """A distinct (colour, marker) pair for each source, in the order given.

    Colours cycle through :data:`SOURCE_COLOURS` (7) and markers through
    :data:`MARKERS` (10); source ``k`` gets colour ``k mod 7`` and marker
    ``(k mod 7 + k div 7) mod 10``, so the first seven sources differ in both
    colour and marker and no two of the first 70 share both.

    Parameters
    ----------
    sources : sequence
        Source names in the order that fixes their identity (e.g. order of
        appearance in the corpus), so a source looks the same in every figure.

    Returns
    -------
    dict
        ``{source: (colour hex, marker)}``.
    """
    nc, nm = len(SOURCE_COLOURS), len(MARKERS)
    styles: dict[Any, tuple[str, str]] = {}
    for k, src in enumerate(dict.fromkeys(sources)):
        styles[src] = (SOURCE_COLOURS[k % nc], MARKERS[(k % nc + k // nc) % nm])
    return styles


def literal(text: object) -> str:
    r"""``text`` as a string matplotlib draws literally (``$`` is not maths).

    >>> literal("Health $Weekly$")
    'Health \\$Weekly\\$'
    """
    return str(text).replace("$", r"\$")


def _identity(sources: Sequence[Any], order: Sequence[Any] | None) -> dict[Any, tuple[str, str]]:
    """Styles keyed by source, fixed by ``order`` when given (missing ones appended)."""
    full = list(order) if order is not None else []
    full += [s for s in sources if s not in set(full)]
    return source_styles(full)


def _legend_outside(ax: Axes, n: int, title: str = "source", **kwargs: Any) -> None:
    """Legend to the right of the axes, in columns when there are many entries."""
    ncol = 1 if n <= 16 else (2 if n <= 34 else 3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, frameon=False,
              fontsize="small", title=title, ncol=ncol, **kwargs)


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


def _title(fig: Figure, title: str) -> None:
    """Lay the panels out, then put the title just above them (never over a panel title)."""
    fig.tight_layout()
    fig.suptitle(title, y=1.0 + 0.08 / fig.get_figheight(), va="bottom")


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
    order: Sequence[Any] | None = None,
    sort: bool = True,
) -> Figure:
    """Forest plot: mean score per source with its interval, one panel per dimension.

    Parameters
    ----------
    summary : DataFrame
        Long table from :func:`framelens.analysis.compare.summarize_sources`
        (``<by>, dimension, n, mean, ci_low, ci_high``).
    by : str
        Column naming the sources.
    dimensions : sequence of str, optional
        Dimensions to show, in order (default: all, in table order).
    order : sequence, optional
        All source names in the order that fixes their colour and marker
        (default: order of appearance in ``summary``).
    sort : bool, default True
        Rank the rows of each panel by mean, highest at the top; otherwise
        keep the table order.

    Returns
    -------
    Figure
        One panel per dimension; each row is a labelled source with its mean
        (marker) and interval (bar from ``ci_low`` to ``ci_high``; no bar
        where the interval is missing, e.g. n = 1).
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
    _numeric(table, "mean", func, allow_some_nan=True)
    for c in ("ci_low", "ci_high"):
        col = table[c]
        if col.notna().any() and (pd.api.types.is_bool_dtype(col) or not pd.api.types.is_numeric_dtype(col)):
            raise AnalysisError(f"{func}: column {c!r} is not numeric (dtype {col.dtype})")
    sources = list(pd.unique(table[by]))
    styles = _identity(sources, order)
    height = max(1.9, 0.9 + 0.24 * len(sources))
    fig, axes = _grid(len(dims), ncols=2, panel=(5.0, height))
    for ax, dim in zip(axes, dims):
        part = table[table["dimension"] == dim].drop_duplicates(by).set_index(by).reindex(sources)
        if sort:
            part = part.sort_values("mean", ascending=False, kind="stable", na_position="last")
        y = np.arange(len(part))
        for i, (src, row) in enumerate(part.iterrows()):
            mean = float(row["mean"])
            low, high = pd.to_numeric(pd.Series([row["ci_low"], row["ci_high"]]), errors="coerce")
            xerr = [[mean - low if np.isfinite(low) else 0.0], [high - mean if np.isfinite(high) else 0.0]]
            colour, marker = styles[src]
            ax.errorbar([mean], [y[i]], xerr=xerr, fmt=marker, color=colour, capsize=2.5,
                        markersize=5.5, linewidth=1.2, label=literal(src))
        ax.set_yticks(y)
        ax.set_yticklabels([literal(s) for s in part.index], fontsize=8 if len(sources) > 12 else 9)
        ax.set_ylim(len(part) - 0.5, -0.5)
        ax.axvline(0, color="#999999", linewidth=0.8, zorder=0)
        ax.set_title(str(dim), fontsize="medium")
        ax.set_xlabel("mean paragraph score (bar: interval)")
        ax.grid(axis="y", visible=False)
    _title(fig, "Mean score per source" + (", highest first" if sort else ""))
    return fig


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
    """Source x paragraph heat maps, one panel per dimension.

    Parameters
    ----------
    scored : DataFrame
        Scored blocks (:func:`framelens.score_frame`).
    source_id : str or sequence of str, optional
        Source(s) to show (default: all, in order of appearance).
    dimensions : sequence of str
        Score columns, one panel each.
    by : str
        Column naming the sources.
    kinds : sequence of str or None
        Block kinds shown (body paragraphs by default).
    annot : bool, optional
        Write the values (one decimal) in the cells (default: when a panel
        has at most :data:`MAX_ANNOTATED_CELLS` cells).

    Returns
    -------
    Figure
        In each panel a row is a source and a column the 1st, 2nd, ...
        paragraph in article order (blank where a source has fewer); the
        colour scale runs from -1 to 1 (hype, hedging and balance use 0..1).
        The figure grows with the number of sources and paragraphs.
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
    rows = rows.sort_values([by, "block_index"], kind="stable").assign(
        _order=lambda t: t.groupby(by, sort=False).cumcount() + 1
    )
    longest = int(rows["_order"].max())
    cells = longest * len(sources)
    show_annot = cells <= MAX_ANNOTATED_CELLS if annot is None else bool(annot)
    width = min(max(0.32 * longest + 2.6, 4.5), 15.0)
    height = max(1.9, 0.9 + 0.24 * len(sources))
    ncols = 2 if width <= 7.5 else 1
    fig, axes = _grid(len(dims), ncols=ncols, panel=(width, height))
    labels = [literal(s) for s in sources]
    step = max(1, int(math.ceil(longest / 30)))
    for i, (ax, dim) in enumerate(zip(axes, dims)):
        grid = rows.pivot_table(index=by, columns="_order", values=dim, aggfunc="first", sort=False)
        grid = grid.reindex(index=sources, columns=range(1, longest + 1)).astype(float)
        sns.heatmap(
            grid, ax=ax, vmin=-1, vmax=1, cmap=HEATMAP_CMAP, annot=show_annot, fmt=".1f",
            annot_kws={"fontsize": 6.5}, linewidths=0.4, linecolor="white",
            cbar=i == len(dims) - 1, cbar_kws={"label": "score"} if i == len(dims) - 1 else None,
            xticklabels=False, yticklabels=False,
        )
        ax.set_yticks(np.arange(len(sources)) + 0.5)
        ax.set_yticklabels(labels, rotation=0, fontsize=8 if len(sources) > 12 else 9)
        ticks = np.arange(0, longest, step)
        ax.set_xticks(ticks + 0.5)
        ax.set_xticklabels([str(t + 1) for t in ticks], rotation=0, fontsize=8)
        ax.set_title(str(dim), fontsize="medium")
        ax.set_xlabel("paragraph (article order)")
        ax.set_ylabel("")
    _title(fig, "Paragraph scores along each article")
    return fig


# ---------------------------------------------------------------------------
# position trajectories
# ---------------------------------------------------------------------------


def plot_position_trajectories(
    scored_with_position: pd.DataFrame,
    *,
    dimensions: Sequence[str] = DEFAULT_DIMENSIONS,
    by: str = "source_id",
    ncols: int = 4,
) -> Figure:
    """Scores along the article as small multiples: one panel per source.

    Parameters
    ----------
    scored_with_position : DataFrame
        Scored rows with a ``rel_position`` column (0 = first analysed
        paragraph, 1 = last), as returned by
        :func:`framelens.analysis.position.add_position`.
    dimensions : sequence of str
        Score columns, one line each (colours in :data:`DIMENSION_COLOURS`).
    by : str
        Column naming the sources.
    ncols : int, default 4
        Panels per row.

    Returns
    -------
    Figure
        One panel per source (titled with its name), each with one line per
        dimension through the source's paragraphs in article order; all
        panels share the axes (-1 to 1), so they compare at a glance.
    """
    func = "plot_position_trajectories"
    dims = as_tuple(dimensions) or ()
    if not dims:
        raise AnalysisError(f"{func}: no dimensions given")
    if isinstance(scored_with_position, pd.DataFrame) and "rel_position" not in scored_with_position.columns:
        raise AnalysisError(
            f"{func}: the table has no 'rel_position' column; add it with "
            f"framelens.analysis.position.add_position(scored)"
        )
    table = _require(scored_with_position, (by, "rel_position", *dims), func,
                     "framelens.analysis.position.add_position")
    _numeric(table, "rel_position", func)
    for d in dims:
        _numeric(table, d, func)
    sources = list(pd.unique(table[by]))
    fallback = list(SOURCE_COLOURS)
    colours = {d: DIMENSION_COLOURS.get(d, fallback[k % len(fallback)]) for k, d in enumerate(dims)}
    fig, axes = _grid(len(sources), ncols=int(ncols), panel=(2.6, 1.9), sharex=True, sharey=True)
    for j, (ax, src) in enumerate(zip(axes, sources)):
        part = table[table[by] == src].sort_values("rel_position", kind="stable")
        for k, dim in enumerate(dims):
            ax.plot(part["rel_position"].to_numpy(dtype=float), part[dim].to_numpy(dtype=float),
                    marker=MARKERS[k % len(MARKERS)], markersize=2.5, linewidth=1.0,
                    color=colours[dim], label=str(dim))
        ax.set_title(literal(src), fontsize=9)
        ax.set_xlim(-0.03, 1.03)
        ax.set_ylim(-1.05, 1.05)
        ax.axhline(0, color="#999999", linewidth=0.7, zorder=0)
        ax.tick_params(labelsize=7)
    ncol_fig = min(len(axes), int(ncols))
    for ax in axes[-ncol_fig:]:
        ax.set_xlabel("position (0 = first, 1 = last)", fontsize=7)
    handles, names = axes[0].get_legend_handles_labels()
    _title(fig, "Scores along the article, one panel per source")
    fig.legend(handles, names, loc="upper center", ncol=len(dims), frameon=False, fontsize="small",
               bbox_to_anchor=(0.5, 0.0))
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
    order: Sequence[Any] | None = None,
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
    order : sequence, optional
        All source names in the order that fixes their colour and marker.
    ax : Axes, optional
        Axes to draw on.

    Returns
    -------
    Axes
        One point per paragraph; colour and marker shape name the source
        (legend to the right of the axes).
    """
    func = "plot_hype_vs_hedging"
    table = _require(scored, (by, x, y), func, "framelens.score_frame")
    rows = _select_kinds(table, kinds, func)
    _numeric(rows, x, func)
    _numeric(rows, y, func)
    sources = list(pd.unique(rows[by]))
    styles = _identity(sources, order)
    if ax is None:
        _, ax = plt.subplots(figsize=(5.2, 4.2))
    for src in sources:
        part = rows[rows[by] == src]
        colour, marker = styles[src]
        ax.scatter(part[x].to_numpy(dtype=float), part[y].to_numpy(dtype=float), s=36, alpha=0.8,
                   color=colour, marker=marker, label=literal(src), edgecolors="white", linewidths=0.4)
    ax.set_xlabel(f"{x} score")
    ax.set_ylabel(f"{y} score")
    ax.set_title(f"{y.capitalize()} vs {x} per paragraph")
    _legend_outside(ax, len(sources))
    return ax


# ---------------------------------------------------------------------------
# distinguishing words
# ---------------------------------------------------------------------------


def plot_distinguishing_words(
    words: pd.DataFrame,
    *,
    by: str = "source_id",
    top: int = 10,
    order: Sequence[Any] | None = None,
    ncols: int = 4,
) -> Figure:
    """Horizontal bars of each source's most distinctive terms.

    Parameters
    ----------
    words : DataFrame
        Table from :func:`framelens.analysis.words.distinguishing_words`
        (``<by>, term, z``).
    by : str
        Column naming the sources.
    top : int
        Terms per source (highest ``z`` first, drawn at the top).
    order : sequence, optional
        All source names in the order that fixes their colour.
    ncols : int, default 4
        Panels per row.

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
    styles = _identity(sources, order)
    fig, axes = _grid(len(sources), ncols=int(ncols), panel=(2.9, 0.24 * top + 1.0))
    for ax, src in zip(axes, sources):
        part = table[table[by] == src].sort_values("z", ascending=False, kind="stable").head(int(top))
        ax.barh(np.arange(len(part)), part["z"].to_numpy(dtype=float), color=styles[src][0])
        ax.set_yticks(np.arange(len(part)))
        ax.set_yticklabels([literal(t) for t in part["term"]], fontsize=8)
        ax.invert_yaxis()
        ax.set_title(literal(src), fontsize=9)
        ax.set_xlabel("z (log-odds)", fontsize=8)
        ax.tick_params(axis="x", labelsize=7)
        ax.axvline(0, color="#999999", linewidth=0.8)
    _title(fig, "Words that distinguish each source")
    return fig


# ---------------------------------------------------------------------------
# coverage
# ---------------------------------------------------------------------------


def plot_coverage(
    coverage_table: pd.DataFrame,
    *,
    by: str = "source_id",
    value: str = "share",
    annot: bool | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Source x aspect heatmap of coverage.

    Parameters
    ----------
    coverage_table : DataFrame
        Table from :func:`framelens.analysis.aspects.coverage`
        (``<by>, aspect, share, n_paragraphs``).
    by : str
        Column naming the sources.
    value : str
        Column shown by colour (``share`` by default, 0..1).
    annot : bool, optional
        Write the values in the cells (default: up to
        :data:`MAX_ANNOTATED_CELLS` cells).
    ax : Axes, optional
        Axes to draw on.

    Returns
    -------
    Axes
        Rows are sources, columns aspects (table order). Annotated cells read
        ``"40%\\n(4)"``: share of the source's paragraphs and the paragraph
        count; an uncovered aspect reads ``"–"``.
    """
    func = "plot_coverage"
    table = _require(coverage_table, (by, "aspect", value), func, "framelens.analysis.aspects")
    _numeric(table, value, func)
    sources = list(pd.unique(table[by]))
    aspects = list(pd.unique(table["aspect"]))
    grid = table.pivot_table(index=by, columns="aspect", values=value, aggfunc="first",
                             sort=False).reindex(index=sources, columns=aspects).astype(float)
    counts = None
    if "n_paragraphs" in table.columns:
        counts = table.pivot_table(index=by, columns="aspect", values="n_paragraphs",
                                   aggfunc="first", sort=False).reindex(index=sources, columns=aspects)
    show_annot = grid.size <= MAX_ANNOTATED_CELLS if annot is None else bool(annot)
    labels = np.empty(grid.shape, dtype=object)
    for i in range(grid.shape[0]):
        for j in range(grid.shape[1]):
            v = grid.iat[i, j]
            if not np.isfinite(v):
                labels[i, j] = ""
            elif value == "share":
                n = counts.iat[i, j] if counts is not None else None
                count = f"\n({int(n)})" if n is not None and pd.notna(n) and len(sources) <= 12 else ""
                labels[i, j] = "–" if v == 0 else f"{v:.0%}{count}"
            else:
                labels[i, j] = f"{v:.2g}"
    if ax is None:
        row_height = 0.6 if len(sources) <= 12 else 0.3
        _, ax = plt.subplots(figsize=(2.0 + 0.9 * len(aspects), 1.2 + row_height * len(sources)))
    vmax = 1.0 if value == "share" else None
    sns.heatmap(grid, ax=ax, vmin=0, vmax=vmax, cmap="Blues", annot=labels if show_annot else False,
                fmt="", annot_kws={"fontsize": 7.5}, linewidths=0.5, linecolor="white",
                cbar_kws={"label": "share of paragraphs" if value == "share" else value},
                xticklabels=False, yticklabels=False)
    ax.set_xticks(np.arange(len(aspects)) + 0.5)
    ax.set_xticklabels([literal(a) for a in aspects], rotation=35, ha="right")
    ax.set_yticks(np.arange(len(sources)) + 0.5)
    ax.set_yticklabels([literal(s) for s in sources], rotation=0,
                       fontsize=8 if len(sources) > 12 else 9)
    ax.set_xlabel("aspect")
    ax.set_ylabel("")
    ax.set_title("Coverage of story aspects")
    return ax
