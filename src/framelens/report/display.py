"""Show the evidence behind the scores: article text with coloured spans.

:func:`highlight` renders one paragraph with every evidence span (from
:func:`framelens.scores.scoring.explain`, or any table with the same columns) as a
coloured ``<mark>``; :func:`highlight_table` renders a table of paragraphs
with their scores. Both return a :class:`Highlighted` object that displays
itself in Jupyter (``_repr_html_``) and whose ``.html`` string can be put in a
report or saved with :meth:`Highlighted.save`.

How spans are drawn
-------------------
* one colour per dimension, from the Okabe & Ito (2008) colour-blind-safe
  palette (:data:`DIMENSION_COLOURS`); other dimensions (e.g. ``aspect``) get
  the remaining palette colours in order;
* a **negated** span ("not a breakthrough") is grey and struck through -- it
  is shown but not counted; any other span the scorer marks
  ``counted == False`` (e.g. a contrast word such as "but") has only a dotted
  underline in its dimension's colour;
* **hedged hype** ("could revolutionize") has a dashed underline;
  an **intensified** one ("truly remarkable") is bold;
* sentiment evidence (one span per sentence) is drawn as a line above the
  sentence, blue for a positive and purple for a negative compound, so it can
  sit on top of the other marks;
* the tooltip (``title``) of every mark lists each span covering it:
  dimension / category, the span's *contribution* -- what it added to its
  score before length normalisation, the ``contribution`` column of
  :func:`~framelens.scores.scoring.explain`, 0 for a span that is not counted --
  then its lexicon weight, pattern and flags (negated, hedged, intensified,
  not counted); the legend gives each dimension's total contribution.
  ("possibly" has weight 1 but contributes 0.40 to hedging, the weight of
  its category.)

Overlapping spans are split at every span boundary into flat segments; each
segment is one ``<mark>`` carrying all the spans that cover it, so the HTML is
never nested or broken. The segments, their styles and tooltips are computed
here; the markup is in ``templates/fragments.html.j2``
(:mod:`framelens.report.fragments`), whose autoescaping escapes all article
text, tooltips, names and labels. Styles are inline, so the HTML is
self-contained and survives being pasted into a single-file report.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from markupsafe import Markup

from framelens.errors import AnalysisError
from framelens.analysis.tables import as_tuple, check_table, check_text, evidence_paragraphs
from framelens.report.fragments import macros, render

__all__ = [
    "Highlighted",
    "DIMENSION_COLOURS",
    "EXTRA_COLOURS",
    "highlight",
    "highlight_table",
]

#: Colour of each scoring dimension (Okabe & Ito 2008 palette).
DIMENSION_COLOURS: Mapping[str, str] = MappingProxyType(
    {
        "hype": "#D55E00",  # vermillion
        "hedging": "#0072B2",  # blue
        "balance": "#009E73",  # bluish green
        "aspect": "#E69F00",  # orange
    }
)

#: Colours given, in order, to dimensions not in :data:`DIMENSION_COLOURS`.
EXTRA_COLOURS: tuple[str, ...] = ("#CC79A7", "#56B4E9", "#F0E442", "#000000")

#: Sentence sentiment line colours: positive, negative, neutral.
SENTIMENT_COLOURS: Mapping[str, str] = MappingProxyType(
    {"positive": "#56B4E9", "negative": "#CC79A7", "neutral": "#999999"}
)

#: |compound| below this is drawn as neutral (VADER's usual threshold).
SENTIMENT_NEUTRAL = 0.05

_NEGATED_STYLE = "background:#e6e6e6;color:#666;text-decoration:line-through;"


@dataclass(frozen=True)
class Highlighted:
    """Rendered HTML that Jupyter displays and reports embed.

    Attributes
    ----------
    html : str
        A self-contained HTML fragment (inline styles, escaped text).
    """

    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __html__(self) -> str:  # Jinja2 / markupsafe protocol
        return self.html

    def __str__(self) -> str:
        return self.html

    def save(self, path: str | PathLike[str], *, title: str = "framelens evidence") -> Path:
        """Write a complete single-file HTML document and return its path."""
        p = Path(path)
        p.write_text(render("document", title=str(title), body=self), encoding="utf-8")
        return p


# ---------------------------------------------------------------------------
# spans
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    dimension: str
    category: str
    weight: float
    pattern: str
    negated: bool
    hedged: bool
    intensified: bool
    counted: bool
    contribution: float = math.nan

    @property
    def struck(self) -> bool:
        """Negated: drawn grey and struck through."""
        return self.negated

    @property
    def live(self) -> bool:
        """Counted in its score (not negated, not switched off by the scorer)."""
        return self.counted and not self.negated

    @property
    def hedged_hype(self) -> bool:
        return self.hedged and self.dimension == "hype"

    @property
    def scored(self) -> float:
        """What the span added to its score: its contribution, 0 if not counted (NaN: unknown)."""
        return self.contribution if self.live else 0.0

    def describe(self) -> str:
        parts = [f"{self.dimension} / {self.category}"]
        if self.dimension == "sentiment":
            parts.append(f"compound {self.weight:+.2f}")
        else:
            if not math.isnan(self.scored):
                parts.append(f"contribution {self.scored:.2f}")
            parts.append(f"weight {self.weight:.2f}")
        if self.pattern:
            parts.append(f"pattern: {self.pattern}")
        flags = []
        if self.negated:
            flags.append("negated")
        if self.hedged_hype:  # the flag only changes how hype is scored
            flags.append("hedged")
        if self.intensified:
            flags.append("intensified")
        if not self.counted or self.negated:
            flags.append("not counted")
        if flags:
            parts.append(", ".join(flags))
        return " · ".join(parts)


def _flag(row: Mapping[str, Any], name: str, default: bool) -> bool:
    value = row.get(name, default)
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return default
    return bool(value)


def _number(row: Mapping[str, Any], name: str) -> float:
    try:
        return float(row.get(name, math.nan))
    except (TypeError, ValueError):
        return math.nan


def _spans_from(evidence: pd.DataFrame, text: str, dimensions: Sequence[str] | None,
                where: str) -> list[_Span]:
    if not isinstance(evidence, pd.DataFrame):
        raise AnalysisError(f"{where}: evidence must be a DataFrame (framelens.explain), "
                            f"got {type(evidence).__name__}")
    if evidence.empty:  # no evidence is a valid answer
        return []
    missing = [c for c in ("dimension", "start", "end") if c not in evidence.columns]
    if missing:
        raise AnalysisError(
            f"{where}: evidence has no column(s) {missing}; expected the columns of "
            f"framelens.explain (dimension, category, start, end, match, weight, ...)"
        )
    spans: list[_Span] = []
    n = len(text)
    for idx, row in zip(evidence.index, evidence.to_dict("records")):
        dim = str(row["dimension"])
        if dimensions is not None and dim not in dimensions:
            continue
        try:
            s, e = int(row["start"]), int(row["end"])
        except (TypeError, ValueError):
            raise AnalysisError(
                f"{where}: evidence row {idx!r} has non-integer offsets "
                f"start={row['start']!r}, end={row['end']!r}"
            ) from None
        if not 0 <= s <= e <= n:
            raise AnalysisError(
                f"{where}: evidence row {idx!r} span [{s}, {e}) lies outside the text "
                f"(length {n}); was the evidence computed for another paragraph?"
            )
        match = row.get("match")
        if isinstance(match, str) and text[s:e] != match:
            raise AnalysisError(
                f"{where}: evidence row {idx!r} says {match!r} at [{s}, {e}) but the text there "
                f"is {text[s:e]!r}; was the evidence computed for another paragraph?"
            )
        if s == e:
            continue
        spans.append(
            _Span(
                start=s, end=e, dimension=dim,
                category=str(row.get("category", "") or ""),
                weight=_number(row, "weight"),
                pattern=str(row.get("pattern", "") or ""),
                negated=_flag(row, "negated", False),
                hedged=_flag(row, "hedged", False),
                intensified=_flag(row, "intensified", False),
                counted=_flag(row, "counted", True),
                contribution=_number(row, "contribution"),
            )
        )
    return spans


def _colour_map(dims: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    extra = iter(EXTRA_COLOURS * 4)
    for d in dims:
        if d == "sentiment" or d in out:
            continue
        out[d] = DIMENSION_COLOURS.get(d) or next(extra, "#777777")
    return out


def _tint(colour: str, alpha: float = 0.28) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _sentiment_colour(c: float) -> str:
    if not math.isfinite(c) or abs(c) < SENTIMENT_NEUTRAL:
        return SENTIMENT_COLOURS["neutral"]
    return SENTIMENT_COLOURS["positive" if c > 0 else "negative"]


def _segment_style(active: list[_Span], colours: Mapping[str, str]) -> str:
    marks = [s for s in active if s.dimension != "sentiment"]
    sentiment = [s for s in active if s.dimension == "sentiment"]
    style = "padding:0;border-radius:2px;color:inherit;"
    live = [s for s in marks if s.live]
    uncounted = [s for s in marks if not s.live and not s.struck]
    if marks and not live and not uncounted:
        style += _NEGATED_STYLE
    elif not live and uncounted:  # shown for context, not counted (e.g. "but")
        inner = min(uncounted, key=lambda s: (s.end - s.start, s.start))
        style += f"background:transparent;border-bottom:2px dotted {colours[inner.dimension]};"
    elif live:
        dims = list(dict.fromkeys(s.dimension for s in live))
        tints = [_tint(colours[d]) for d in dims]
        if len(tints) == 1:
            style += f"background:{tints[0]};"
        else:  # overlapping dimensions: equal stripes of each colour
            step = 100 / len(tints)
            stops = ",".join(
                f"{t} {i * step:.0f}%,{t} {(i + 1) * step:.0f}%" for i, t in enumerate(tints)
            )
            style += f"background:linear-gradient(180deg,{stops});"
        # the innermost (shortest) span decides the underline
        inner = min(live, key=lambda s: (s.end - s.start, s.start))
        line = "dashed" if any(s.hedged_hype for s in live) else "solid"
        style += f"border-bottom:2px {line} {colours[inner.dimension]};"
        if any(s.intensified for s in live):
            style += "font-weight:600;"
    else:
        style += "background:transparent;"
    if sentiment:
        style += f"box-shadow:inset 0 2px 0 {_sentiment_colour(sentiment[0].weight)};"
    return style


#: One flat piece of a paragraph: its text, and the ``style`` and tooltip of
#: its ``<mark>`` (both ``None`` when no span covers it).
Segment = tuple[str, str | None, str | None]


def _segments(text: str, spans: list[_Span], colours: Mapping[str, str]) -> list[Segment]:
    """``text`` cut at every span boundary: ``(piece, style, title)`` per segment.

    One sweep from left to right: the spans covering the current segment are
    kept in a list (in order of start, longest first), spans are added where
    they start and dropped where they end, so the time grows with the length
    of the text and the number of spans, not with their product. A segment
    no span covers has ``style`` and ``title`` ``None``; the others become one
    ``<mark>`` each (the ``segments`` macro of the fragment templates).
    """
    if not spans:
        return [(text, None, None)]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    ordered = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    described = {id(s): s.describe() for s in ordered}
    out: list[Segment] = []
    active: list[_Span] = []
    k = 0  # next span of ``ordered`` to open
    for a, b in zip(cuts, cuts[1:]):
        if active and any(s.end <= a for s in active):
            active = [s for s in active if s.end > a]
        while k < len(ordered) and ordered[k].start <= a:
            # every span starts at a cut, so it opens at its own start
            active.append(ordered[k])
            k += 1
        piece = text[a:b]
        if not active:
            out.append((piece, None, None))
            continue
        title = "\n".join(described[id(s)] for s in active)
        out.append((piece, _segment_style(active, colours), title))
    return out


def _legend(spans: list[_Span], colours: Mapping[str, str], dims_shown: Sequence[str]) -> Markup:
    """The legend: per dimension its swatch and counts, then the key to the line styles."""
    items: list[tuple[str, str, str | None]] = []  # (label, colour, tint); tint None: sentiment
    for d in dims_shown:
        mine = [s for s in spans if s.dimension == d]
        if d == "sentiment":
            label = f"sentiment (line above sentence: positive / negative), {len(mine)} sentences"
            items.append((label, SENTIMENT_COLOURS["positive"], None))
            continue
        col = colours.get(d, "#777777")
        counted = sum(1 for s in mine if s.live)
        label = f"{d}: {counted} counted"
        total = math.fsum(s.scored for s in mine)
        if counted and not math.isnan(total):
            label += f" (contribution {total:.2f})"
        negated = sum(1 for s in mine if s.struck)
        if negated:
            label += f", {negated} negated"
        other = len(mine) - counted - negated
        if other:
            label += f", {other} shown but not counted"
        hedged = sum(1 for s in mine if s.hedged_hype and s.live)
        if hedged:
            label += f", {hedged} hedged"
        items.append((label, col, _tint(col)))
    return macros().legend(items, negative=SENTIMENT_COLOURS["negative"],
                           negated_style=_NEGATED_STYLE)


# ---------------------------------------------------------------------------
# public functions
# ---------------------------------------------------------------------------


def highlight(
    text: str,
    evidence: pd.DataFrame | None = None,
    *,
    dimensions: str | Sequence[str] | None = ("hype", "hedging", "balance"),
    lexicon: Any = None,
    legend: bool = True,
) -> Highlighted:
    """Render ``text`` with its evidence spans marked.

    Parameters
    ----------
    text : str
        A paragraph (any text; it is HTML-escaped).
    evidence : DataFrame, optional
        Spans with at least ``dimension, start, end`` (offsets into ``text``);
        ``category, match, weight, pattern, negated, hedged, intensified,
        counted`` are used when present. Default:
        ``framelens.scores.scoring.explain(text, lexicon=lexicon)``.
    dimensions : str, sequence of str or None
        Dimensions to mark (``None`` = every dimension in ``evidence``). Add
        ``"sentiment"`` to draw per-sentence sentiment lines.
    lexicon : optional
        Lexicon used when ``evidence`` is computed here.
    legend : bool, default True
        Add a legend with the colours and span counts.

    Returns
    -------
    Highlighted
        Displays in Jupyter; ``.html`` is the escaped, self-contained fragment.

    Raises
    ------
    AnalysisError
        ``text`` is not a string, or an evidence span does not fit the text
        (offsets outside it, or ``match`` differs from ``text[start:end]``).

    Examples
    --------
    >>> h = highlight("A breakthrough? Not a miracle cure.")   # doctest: +SKIP
    >>> h                                                       # doctest: +SKIP
    """
    if not isinstance(text, str):
        raise AnalysisError(f"highlight: expected a str, got {type(text).__name__}")
    dims = as_tuple(dimensions)
    if evidence is None:
        from framelens.scores.scoring import explain

        evidence = explain(text, lexicon=lexicon)
    spans = _spans_from(evidence, text, dims, "highlight")
    shown = dims if dims is not None else tuple(dict.fromkeys(s.dimension for s in spans))
    colours = _colour_map(shown)
    key = _legend(spans, colours, shown) if legend else ""
    return Highlighted(render("highlight", _segments(text, spans, colours), key))


def _fmt_score(value: Any) -> str:
    """A score as shown in the table: 2 decimals, "–" when missing, else as written."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if not math.isfinite(v):
        return "–"
    return f"{v:.2f}"


class _Bar(NamedTuple):
    """The small bar under a score: width (and left edge) in percent, as printed."""

    width: str
    colour: str
    left: str | None = None  # None: drawn from 0; else from the centre line


def _bar(value: Any, diverging: bool, colour: str) -> _Bar | None:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(v):
        return None
    if diverging:
        v = max(-1.0, min(1.0, v))
        width = abs(v) * 50
        left = 50 if v >= 0 else 50 - width
        return _Bar(f"{width:.1f}", colour, f"{left:.1f}")
    return _Bar(f"{max(0.0, min(1.0, v)) * 100:.1f}", colour)


def highlight_table(
    scored: pd.DataFrame,
    evidence: pd.DataFrame | None = None,
    *,
    columns: Sequence[str] = ("hype", "hedging", "balance", "sentiment"),
    dimensions: str | Sequence[str] | None = ("hype", "hedging", "balance"),
    max_rows: int | None = None,
    by: str = "source_id",
    kinds: Sequence[str] | None = ("body",),
    lexicon: Any = None,
) -> Highlighted:
    """A table of paragraphs: source, block, highlighted text and scores.

    Parameters
    ----------
    scored : DataFrame
        Scored blocks (``framelens.score_frame``) with ``<by>``,
        ``block_index``, ``text`` and the ``columns``.
    evidence : DataFrame, optional
        Evidence for the paragraphs, either with ``<by>`` and ``block_index``
        columns, or with a ``paragraph`` column giving the row position in
        ``scored`` as passed (what ``explain_paragraphs(scored["text"])``
        returns). Default: computed with
        :func:`framelens.scores.scoring.explain_paragraphs`.
    columns : sequence of str
        Score columns shown (2 decimals, with a small bar; columns with
        negative values, e.g. sentiment, get a centred bar).
    dimensions : str, sequence of str or None
        Evidence dimensions marked in the text (as in :func:`highlight`).
    max_rows : int, optional
        Show at most this many paragraphs; the table says how many were left
        out.
    by : str
        Column naming the sources.
    kinds : sequence of str or None
        Block kinds shown (``None`` = all rows).
    lexicon : optional
        Lexicon used when ``evidence`` is computed here.

    Returns
    -------
    Highlighted

    Raises
    ------
    AnalysisError
        Missing columns, no rows of the wanted kinds, evidence that cannot be
        matched to the rows, or a bad ``max_rows``.
    """

    func = "highlight_table"
    cols = as_tuple(columns) or ()
    rows = check_table(scored, func=func, columns=("block_index", "text", *cols), kinds=kinds,
                        by=by, every_group_present=False)
    if max_rows is not None and (int(max_rows) != max_rows or max_rows < 1):
        raise AnalysisError(f"{func}: max_rows must be a positive integer or None, got {max_rows!r}")
    dims = as_tuple(dimensions)

    n_all = len(rows)
    limit = n_all if max_rows is None else min(int(max_rows), n_all)
    if evidence is None:
        from framelens.scores.scoring import explain_paragraphs

        ev = explain_paragraphs(rows["text"].iloc[:limit].tolist(), lexicon=lexicon)
        groups = {i: g for i, g in ev.groupby("paragraph", sort=False)}
        per_row = [groups.get(i) for i in range(limit)]
    else:
        if not isinstance(evidence, pd.DataFrame):
            raise AnalysisError(f"{func}: evidence must be a DataFrame (framelens.explain_paragraphs or "
                                f"framelens.score_frame_with_evidence), got {type(evidence).__name__}")
        # each evidence row's position in ``scored``, by the rule every evidence reader shares
        _, _, pos = evidence_paragraphs(scored, evidence, by=by, text_column="text", func=func)
        groups = {int(p): g for p, g in evidence.groupby(pos, sort=False)} if len(evidence) else {}
        kinds_t = as_tuple(kinds)
        in_rows = np.flatnonzero(scored["kind"].isin(kinds_t).to_numpy()) if kinds_t is not None \
            else np.arange(len(scored))
        per_row = [groups.get(int(p)) for p in in_rows[:limit]]

    all_spans: list[_Span] = []
    rendered: list[tuple[Any, Any, list[_Span], str]] = []
    for i in range(limit):
        text = rows["text"].iloc[i]
        src, block = rows[by].iloc[i], rows["block_index"].iloc[i]
        check_text(text, src, block, func)
        ev_i = per_row[i]
        where = f"{func}: source {src!r} block {block}"
        spans = _spans_from(ev_i, text, dims, where) if ev_i is not None else []
        all_spans.extend(spans)
        rendered.append((src, block, spans, text))

    shown = dims if dims is not None else tuple(dict.fromkeys(s.dimension for s in all_spans))
    colours = _colour_map(shown)
    score_colour = {c: colours.get(c, DIMENSION_COLOURS.get(c, "#777777")) for c in cols}
    if "sentiment" in cols:
        score_colour["sentiment"] = SENTIMENT_COLOURS["positive"]
    diverging = {c: bool((pd.to_numeric(rows[c], errors="coerce") < 0).any()) or c == "sentiment"
                 for c in cols}

    table_rows = []
    for i, (src, block, spans, text) in enumerate(rendered):
        values = [(c, rows[c].iloc[i]) for c in cols]
        scores = [(_fmt_score(v), _bar(v, diverging[c], score_colour[c])) for c, v in values]
        table_rows.append((str(src), str(block), _segments(text, spans, colours), scores))
    caption = ""
    if limit < n_all:
        caption = f"Showing {limit} of {n_all} paragraphs (max_rows={int(max_rows)})."  # type: ignore[arg-type]
    headings = [str(h) for h in ("source", "block", "text", *cols)]
    return Highlighted(render("highlight_table", _legend(all_spans, colours, shown), headings,
                              table_rows, caption))
