"""What the report notebooks show: labels, compact tables, sentences, guards.

The notebooks in ``notebooks/`` call these functions so that every
interpretation sentence and every "this section is empty because ..." note
is library code with tests, not inline notebook code. Everything here is
a pure function over explicit inputs:

* source identity -- :func:`source_metadata`, :func:`source_labels`,
  :func:`relabel`, :func:`source_table` (title, outlet, date, link);
* output -- :class:`Html` (an escaped HTML display object), :func:`note`,
  :func:`bullets`, :func:`save_table` (a full table as CSV beside the
  report, and a link to it), :func:`figure_or_note`;
* compact views -- :func:`informative_pairs`, :func:`pairs_view`,
  :func:`one_vs_rest_view`, :func:`headlines`, :func:`top_paragraphs`,
  :func:`paragraph_cards`, :func:`per_source_view`;
* sentences -- ``*_sentence`` / ``*_sentences`` functions returning plain
  text (escaped when displayed through :func:`note` or :func:`bullets`).

Untrusted text (article text, source names, titles, URLs) only reaches the
page through the fragment templates (:mod:`framelens.report.fragments`,
``templates/fragments.html.j2``), which escape every value they insert; a
URL becomes a link only when it is ``http`` or ``https``. No sentence is built as Markdown, so a bare URL or a
``*`` in a source name is shown as written.
"""

from __future__ import annotations

import itertools
import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from framelens.errors import AnalysisError
from framelens.report.fragments import render

__all__ = [
    "Html",
    "note",
    "bullets",
    "save_table",
    "figure_or_note",
    "attempt",
    "wide",
    "safe_url",
    "source_metadata",
    "source_labels",
    "relabel",
    "source_table",
    "corpus_sentence",
    "lengths_sentence",
    "glance_sentence",
    "comparison_corpus_sentence",
    "needs_two_sources",
    "informative_pairs",
    "strongest_contrasts",
    "pairs_view",
    "pairs_sentence",
    "one_vs_rest_view",
    "one_vs_rest_sentences",
    "overlap_sentences",
    "position_sentences",
    "hype_hedging_sentence",
    "words_sentences",
    "omission_sentences",
    "checklist_grid",
    "checklist_sentence",
    "shared_sentence",
    "headlines",
    "headline_sentences",
    "top_paragraphs",
    "paragraph_cards",
    "per_source_view",
    "validation_sentences",
    "spearman_interval_table",
]

#: Longest source label drawn in figures and tables (longer ones are cut).
LABEL_WIDTH = 28

NO_DIFFERENCE = "no clear difference"


# ---------------------------------------------------------------------------
# output
# ---------------------------------------------------------------------------


class Html:
    """A piece of HTML that displays in Jupyter and in the exported reports.

    Build it with :func:`note`, :func:`bullets` or the other helpers, which
    escape every value they insert; ``Html("")`` displays nothing. It is
    inserted unescaped into the fragment templates (``__html__``): the markup
    passed in must be trusted.
    """

    def __init__(self, markup: str) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __html__(self) -> str:  # Jinja2 / markupsafe protocol: already HTML
        return self.markup

    def __str__(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return f"Html({self.markup[:60]!r})"


def _trusted_or_text(value: object) -> object:
    """An :class:`Html` as it is; anything else as its text, which the template escapes."""
    return value if isinstance(value, Html) else str(value)


def note(*parts: object, em: bool = False) -> Html:
    """One paragraph of text, every part escaped.

    Parameters
    ----------
    *parts
        Strings (escaped) or :class:`Html` objects (inserted as they are),
        joined with spaces.
    em : bool, default False
        Set the paragraph in italics (for "why this section is empty").

    Examples
    --------
    >>> str(note("a <b>", "https://x.org"))
    '<p class="framelens-note">a &lt;b&gt; https://x.org</p>'
    """
    shown = [_trusted_or_text(p) for p in parts if str(p)]
    return Html(render("note", shown, em=bool(em)))


def bullets(items: Iterable[object], *, intro: str = "") -> Html:
    """An escaped bullet list (with an optional escaped sentence before it)."""
    return Html(render("bullets", [_trusted_or_text(i) for i in items],
                       intro=str(intro) if intro else ""))


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def save_table(
    df: pd.DataFrame,
    tables_dir: str | os.PathLike[str] | None,
    name: str,
    *,
    what: str = "the full table",
) -> Html:
    """Write ``df`` as ``<name>.csv`` into ``tables_dir`` and link to it.

    Parameters
    ----------
    df : DataFrame
        The full table (written without its index unless the index is named),
        as every framelens CSV output is written: text quoted so that it reads
        back exactly, cells that a spreadsheet would run as a formula
        prefixed with ``'`` (see the README, "Safety of outputs").
    tables_dir : path or None
        Folder whose files end up beside the HTML report. ``None`` writes
        nothing and returns an empty display (e.g. in JupyterLab).
    name : str
        File name without suffix; characters other than letters, digits,
        ``.``, ``_`` and ``-`` become ``-``.
    what : str
        What the link is, in words.

    Returns
    -------
    Html
        ``"Download the full table (N rows): name.csv"`` with a relative link,
        or nothing when ``tables_dir`` is ``None``.
    """
    if tables_dir is None:
        return Html("")
    stem = _SAFE_NAME.sub("-", str(name)).strip("-.") or "table"
    folder = Path(tables_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{stem}.csv"
    from framelens.scores.batch import csv_bytes

    frame = df if isinstance(df, pd.DataFrame) else pd.DataFrame(df)
    if frame.index.name is not None:
        frame = frame.reset_index()
    # the same CSV as every framelens output: exact text, formulas neutralised
    target.write_bytes(csv_bytes(frame, header=True))
    rows = f"{len(frame)} row{'s' if len(frame) != 1 else ''}"
    return Html(render("download", str(what), rows, target.name))


def attempt(analysis: Callable[..., Any], /, *args: Any, **kwargs: Any) -> tuple[Any, Html]:
    """Run an analysis that a small corpus may not support.

    Parameters
    ----------
    analysis : callable
        E.g. :func:`framelens.distinguishing_words`.
    *args, **kwargs
        Passed to ``analysis``.

    Returns
    -------
    (result, Html)
        ``(analysis(...), Html(""))``; or, when it raised
        :class:`~framelens.errors.AnalysisError`, ``(None, note)`` with an
        italic, escaped sentence giving the reason. Other errors propagate.
    """
    try:
        return analysis(*args, **kwargs), Html("")
    except AnalysisError as err:
        return None, note(f"Not shown, this corpus does not support it: {err}.", em=True)


def wide(styler: Any) -> Any:
    """Let a table of :func:`framelens.report.build.table` use the page width (long text columns).

    The table gets the classes ``framelens-table framelens-wide``; the report
    page style makes such tables as wide as the text and wraps their cells.
    """
    return styler.set_table_attributes('class="framelens-table framelens-wide"')


def figure_or_note(plot: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    """Draw a figure, or return a sentence saying why there is nothing to draw.

    Parameters
    ----------
    plot : callable
        A :mod:`framelens.report.plots` function.
    *args, **kwargs
        Passed to ``plot``.

    Returns
    -------
    matplotlib Figure or Axes, or Html
        The figure; or, when the table is empty or unusable (the plot raised
        :class:`~framelens.errors.AnalysisError`), an italic note naming the
        reason. Other errors propagate.
    """
    try:
        return plot(*args, **kwargs)
    except AnalysisError as err:
        return note(f"No figure: {err}.", em=True)


# ---------------------------------------------------------------------------
# sources: metadata and labels
# ---------------------------------------------------------------------------

META_COLUMNS: tuple[str, ...] = ("title", "outlet", "url", "published")


def safe_url(url: object) -> str | None:
    """The URL if it is an ``http``/``https`` address, else ``None``.

    >>> safe_url("https://example.org/a"), safe_url("javascript:alert(1)")
    ('https://example.org/a', None)
    """
    text = str(url).strip() if url is not None and not (isinstance(url, float) and math.isnan(url)) else ""
    if re.match(r"(?i)^https?://[^\s<>\"']+$", text):
        return text
    return None


def _manifest_for(corpus: str | os.PathLike[str] | None) -> pd.DataFrame | None:
    if corpus is None:
        return None
    from framelens.io.corpus import MANIFEST_NAME, read_manifest

    root = Path(corpus).expanduser()
    folder = root if root.is_dir() else root.parent
    for candidate in (folder / MANIFEST_NAME, folder.parent / MANIFEST_NAME):
        if candidate.is_file():
            return read_manifest(candidate)
    return None


def source_metadata(blocks: pd.DataFrame, corpus: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """One row per source: ``source_id, title, outlet, url, published, label``.

    Parameters
    ----------
    blocks : DataFrame
        :func:`framelens.load_corpus` output. Manifest columns (``title``,
        ``outlet``, ``url``, ``published``) are taken from it when present.
    corpus : path, optional
        The corpus folder; its ``sources.csv`` (or its parent's) fills the
        columns the blocks table lacks.

    Returns
    -------
    DataFrame
        Sources in order of appearance; missing values are ``""``. ``title``
        falls back to the first block of kind ``title``; ``label`` is the
        short name figures and tables use (:func:`source_labels`).
    """
    if "source_id" not in blocks.columns:
        raise AnalysisError("source_metadata: the table has no 'source_id' column; pass load_corpus output")
    ids = list(pd.unique(blocks["source_id"]))
    meta = pd.DataFrame({"source_id": ids})
    first = blocks.drop_duplicates("source_id").set_index("source_id")
    manifest = _manifest_for(corpus)
    if manifest is not None:
        manifest = manifest.drop_duplicates("source_id").set_index("source_id")
    for column in META_COLUMNS:
        values = pd.Series([""] * len(ids), index=ids, dtype=object)
        if column in first.columns and column != "title":
            values = first[column].reindex(ids).fillna("").astype(str)
        elif manifest is not None and column in manifest.columns:
            values = manifest[column].reindex(ids).fillna("").astype(str)
        meta[column] = values.to_numpy()
    if "kind" in blocks.columns:
        heads = blocks[blocks["kind"] == "title"].groupby("source_id", sort=False)["text"].first()
        shown = heads.reindex(ids).fillna("").astype(str).str.strip().to_numpy()
        meta["title"] = [t if str(t).strip() else h for t, h in zip(meta["title"], shown)]
    meta["label"] = meta["source_id"].map(source_labels(meta))
    return meta


def _shorten(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def source_labels(meta: pd.DataFrame | Sequence[str], *, width: int = LABEL_WIDTH) -> dict[str, str]:
    """Short, unique display names: the outlet, else the ``source_id``.

    Parameters
    ----------
    meta : DataFrame or sequence of str
        A table with ``source_id`` and optionally ``outlet``; or just ids.
    width : int
        Longest label; longer outlet names are cut with an ellipsis.

    Returns
    -------
    dict
        ``{source_id: label}``. When two sources share an outlet, each gets
        its ``source_id`` in brackets (``"Daily (daily-1)"``), so no two
        labels are the same.

    Examples
    --------
    >>> source_labels(pd.DataFrame({"source_id": ["a", "b", "c"], "outlet": ["Post", "Post", ""]}))
    {'a': 'Post (a)', 'b': 'Post (b)', 'c': 'c'}
    """
    if not isinstance(meta, pd.DataFrame):
        meta = pd.DataFrame({"source_id": list(meta)})
    ids = [str(s) for s in meta["source_id"]]
    outlets = meta["outlet"].fillna("").astype(str).tolist() if "outlet" in meta.columns else [""] * len(ids)
    base = [_shorten(o, width) if o.strip() else _shorten(s, width) for s, o in zip(ids, outlets)]
    counts = pd.Series(base).value_counts()
    labels: dict[str, str] = {}
    for sid, b in zip(ids, base):
        labels[sid] = f"{b} ({_shorten(sid, 16)})" if counts[b] > 1 and b != _shorten(sid, width) else b
    # still equal after that (e.g. cut ids): number them
    seen: dict[str, int] = {}
    for sid in ids:
        lab = labels[sid]
        if list(labels.values()).count(lab) > 1:
            seen[lab] = seen.get(lab, 0) + 1
            labels[sid] = f"{lab} #{seen[lab]}"
    return labels


def relabel(df: pd.DataFrame, labels: Mapping[str, str],
            columns: Sequence[str] = ("source_id", "source", "source_a", "source_b")) -> pd.DataFrame:
    """A copy of ``df`` with source ids replaced by labels in the given columns."""
    out = df.copy()
    for c in columns:
        if c in out.columns:
            out[c] = out[c].map(lambda s: labels.get(s, s))
    return out


def source_table(meta: pd.DataFrame, counts: pd.DataFrame | None = None) -> Html:
    """HTML table of the sources: label, title, outlet, date, link, counts.

    Every value is escaped; only ``http``/``https`` URLs become links (with
    ``rel="noopener noreferrer"``), anything else is shown as plain text.
    ``counts`` (indexed by ``source_id``) adds numeric columns. Text is
    left-aligned, numbers right-aligned, and the table spans the page.
    """
    extra = [str(c) for c in counts.columns] if counts is not None else []
    headings = [(h, "left") for h in ("source", "title", "outlet", "published", "link")]
    headings += [(h, "right") for h in extra]
    rows = []
    for _, r in meta.iterrows():
        url = safe_url(r.get("url", ""))
        raw = str(r.get("url", "") or "")
        if url:
            link = _shorten(re.sub(r"(?i)^https?://(www\.)?", "", url), 32)
        else:
            link = _shorten(raw, 32) if raw else "–"
        rows.append({
            "label": str(r["label"]),
            "title": str(r.get("title", "") or "–"),
            "outlet": str(r.get("outlet", "") or "–"),
            "published": str(r.get("published", "") or "–"),
            "url": url,
            "link": link,
            "counts": ([str(v) for v in counts.reindex([r["source_id"]]).iloc[0].tolist()]
                       if counts is not None else []),
        })
    return Html(render("source_table", headings, rows))


# ---------------------------------------------------------------------------
# corpus (01, 02)
# ---------------------------------------------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def corpus_sentence(analysed_counts: pd.Series, kinds: Sequence[str], labels: Mapping[str, str] | None = None) -> str:
    """How many sources and analysed paragraphs, and which sources have few.

    ``analysed_counts``: analysed paragraphs per source (index ``source_id``,
    zero for sources with none).
    """
    labels = labels or {}
    n_src, n_par = len(analysed_counts), int(analysed_counts.sum())
    if n_src == 0:
        return "The corpus holds no source."
    text = (f"The corpus holds {_plural(n_src, 'source')} and {_plural(n_par, 'analysed paragraph')} "
            f"({', '.join(kinds)} blocks), between {int(analysed_counts.min())} and "
            f"{int(analysed_counts.max())} per source.")
    few = [labels.get(s, s) for s in analysed_counts.index[analysed_counts < 5]]
    if few:
        text += (f" {len(few)} source(s) have fewer than 5 analysed paragraphs ({', '.join(few)}): "
                 f"any average for them rests on very little text.")
    if n_src < 2:
        text += " With a single source, the comparison report has nothing to compare."
    return text


def lengths_sentence(lengths: pd.DataFrame, labels: Mapping[str, str] | None = None) -> str:
    """Range of median paragraph lengths (``lengths`` indexed by source, column ``median``)."""
    labels = labels or {}
    med = lengths["median"].dropna() if "median" in lengths.columns else pd.Series(dtype=float)
    if med.empty:
        return "No analysed paragraph: there are no lengths to describe."
    hi, lo = med.idxmax(), med.idxmin()
    if med[hi] == med[lo]:
        return f"The median paragraph has {med[hi]:.0f} words in every source."
    return (f"Median paragraph length ranges from {med[lo]:.0f} words ({labels.get(lo, lo)}) "
            f"to {med[hi]:.0f} words ({labels.get(hi, hi)}).")


def glance_sentence(body: pd.DataFrame) -> str:
    """Share of paragraphs with any hype or hedge, and of balanced ones; sentiment range."""
    if body.empty:
        return "There is no analysed paragraph to score."
    share = (body[["hype", "hedging", "balance"]] > 0).mean()
    return (f"Of {_plural(len(body), 'paragraph')} from {_plural(body['source_id'].nunique(), 'source')}, "
            f"{share['hype']:.0%} contain at least one hype term, {share['hedging']:.0%} at least one "
            f"hedge and {share['balance']:.0%} weigh two sides or voices. Mean sentiment is "
            f"{body['sentiment'].mean():+.2f} (from {body['sentiment'].min():+.2f} to "
            f"{body['sentiment'].max():+.2f}).")


def top_paragraphs(body: pd.DataFrame, column: str, n: int) -> pd.DataFrame:
    """The ``n`` paragraphs with the highest ``column`` above zero (ties: article order)."""
    if body.empty or column not in body.columns:
        return body.iloc[0:0]
    return body[body[column] > 0].sort_values(column, ascending=False, kind="stable").head(int(n))


def paragraph_cards(rows: pd.DataFrame, evidence: pd.DataFrame, labels: Mapping[str, str],
                    *, dimensions: Sequence[str] = ("hype", "hedging", "balance", "sentiment"),
                    legend: bool = True) -> Html:
    """Paragraphs as full-width, left-aligned blocks with scores and highlighted evidence.

    The text is highlighted by :func:`framelens.report.display.highlight` (escaped);
    the heading line names the source label, the paragraph number and scores.
    With ``legend``, the colour legend follows the last paragraph only.
    """
    from framelens.report.display import highlight

    cards = []
    for k, (_, row) in enumerate(rows.iterrows()):
        ev = evidence[(evidence["source_id"] == row["source_id"])
                      & (evidence["block_index"] == row["block_index"])]
        scores = ", ".join(f"{d} {row[d]:+.2f}" if d == "sentiment" else f"{d} {row[d]:.2f}"
                           for d in dimensions if d in row.index)
        label = str(labels.get(row["source_id"], row["source_id"]))
        body = highlight(row["text"], ev, legend=legend and k == len(rows) - 1)  # a fragment
        cards.append((label, str(row["block_index"]), scores, body))
    return Html(render("cards", cards))


def per_source_view(body: pd.DataFrame, labels: Mapping[str, str],
                    dimensions: Sequence[str] = ("hype", "hedging", "balance", "sentiment")) -> pd.DataFrame:
    """One row per source: paragraphs, mean of each dimension, its most hyped paragraph (cut)."""
    if body.empty:
        return pd.DataFrame(columns=["source", "paragraphs", *dimensions, "most hyped paragraph"])
    g = body.groupby("source_id", sort=False)
    out = g[list(dimensions)].mean()
    out.insert(0, "paragraphs", g.size())
    top = body.sort_values("hype", ascending=False, kind="stable").drop_duplicates("source_id")
    top = top.set_index("source_id")
    out["most hyped paragraph"] = [
        (f"¶{top.loc[s, 'block_index']} ({top.loc[s, 'hype']:.2f}): {_shorten(top.loc[s, 'text'], 80)}"
         if top.loc[s, "hype"] > 0 else "no hype term")
        for s in out.index
    ]
    out.index = [labels.get(s, s) for s in out.index]
    return out.rename_axis("source").reset_index()


# ---------------------------------------------------------------------------
# comparisons (03)
# ---------------------------------------------------------------------------


def comparison_corpus_sentence(counts: pd.Series, all_sources: Sequence[str], kinds: Sequence[str],
                               labels: Mapping[str, str]) -> str:
    """Which sources the comparison uses, which it leaves out, which it cannot test.

    ``counts``: analysed paragraphs per source (sources with none absent);
    ``all_sources``: every source of the corpus, in order.
    """
    kind_text = ", ".join(kinds)
    name = lambda s: labels.get(s, s)  # noqa: E731
    text = (f"The corpus has {_plural(len(counts), 'source')} with {kind_text} paragraphs"
            + (": " + "; ".join(f"{name(s)} ({_plural(int(n), 'paragraph')})" for s, n in counts.items())
               if len(counts) else "") + ".")
    without = [s for s in all_sources if s not in counts.index]
    if without:
        text += f" Left out because they have no {kind_text} paragraphs: {', '.join(map(name, without))}."
    single = [s for s, n in counts.items() if n < 2]
    if single:
        text += (f" Sources with a single paragraph ({', '.join(map(name, single))}) are shown but not "
                 f"tested: a test needs at least two paragraphs per source.")
    return text


def needs_two_sources(sources: Sequence[str], kinds: Sequence[str], labels: Mapping[str, str]) -> Html:
    """Italic note for a section that compares sources when the corpus has fewer than two."""
    names = ", ".join(labels.get(s, s) for s in sources) or "none"
    return note(f"This corpus has {len(sources)} source(s) with {', '.join(kinds)} paragraphs ({names}); "
                f"this section compares sources and needs at least two, with at least two paragraphs "
                f"each. Add another article to the corpus folder to see it.", em=True)


def _p_column(table: pd.DataFrame) -> str:
    for c in ("p_adjusted", "p_holm", "p_value"):
        if c in table.columns:
            return c
    raise AnalysisError("the comparison table has no p-value column")


def informative_pairs(pairs: pd.DataFrame, *, largest: int = 8) -> pd.DataFrame:
    """The rows of a pairwise table worth reading: clear differences, then the largest effects.

    Parameters
    ----------
    pairs : DataFrame
        :func:`framelens.compare_sources` output.
    largest : int
        How many of the remaining rows with the largest ``|cliffs_delta|``
        (then ``|hedges_g|``) to add.

    Returns
    -------
    DataFrame
        Clear differences (``verdict`` other than "no clear difference") by
        adjusted p-value, then the largest effects among the rest, with a
        column ``why`` ("clear difference" / "large effect, not clear").
    """
    if pairs.empty:
        return pairs.assign(why=pd.Series(dtype=object))
    p = _p_column(pairs)
    clear = pairs[pairs["verdict"] != NO_DIFFERENCE].sort_values(p, kind="stable")
    rest = pairs[pairs["verdict"] == NO_DIFFERENCE]
    key = rest.get("cliffs_delta", rest["diff"]).abs().fillna(0) + 1e-6 * rest.get(
        "hedges_g", rest["diff"]).abs().fillna(0)
    rest = rest.assign(_k=key).sort_values("_k", ascending=False, kind="stable").drop(columns="_k")
    rest = rest[rest.get("cliffs_delta", rest["diff"]).abs() > 0].head(int(largest))
    return pd.concat([clear.assign(why="clear difference"),
                      rest.assign(why="largest effect, not clear")], ignore_index=True)


def strongest_contrasts(aligned: pd.DataFrame, n: int) -> tuple[pd.DataFrame, str]:
    """The ``n`` aligned pairs framed most differently, and a sentence saying how many there are.

    Pairs whose ``contrast`` is zero (e.g. the same wire paragraph in two
    outlets) say nothing about framing and are not shown.
    """
    if aligned is None or aligned.empty:
        return pd.DataFrame(), "No pair of paragraphs from different sources is similar enough to align."
    differ = aligned[aligned["contrast"] > 0] if "contrast" in aligned.columns else aligned
    if differ.empty:
        return differ, (f"{_plural(len(aligned), 'aligned pair')} in all, none framed differently: the "
                        f"aligned paragraphs score the same on every dimension compared.")
    shown = differ.head(int(n))
    return shown, (f"{_plural(len(aligned), 'aligned pair')} in all, {len(differ)} framed differently; "
                   f"the {len(shown)} strongest:")


def _interval(d: float, lo: float, hi: float) -> str:
    from framelens.report.build import format_interval

    return format_interval(d, lo, hi)


def pairs_view(rows: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """Compact display columns of pairwise rows: pair, dimension, difference, sizes, p, verdict."""
    p = _p_column(rows) if not rows.empty else "p_value"
    out = pd.DataFrame({
        "A vs B": [f"{labels.get(a, a)} vs {labels.get(b, b)}" for a, b in
                   zip(rows.get("source_a", []), rows.get("source_b", []))],
        "dimension": rows.get("dimension", pd.Series(dtype=object)).tolist(),
        "A − B (95% interval)": [_interval(d, lo, hi) for d, lo, hi in
                                 zip(rows.get("diff", []), rows.get("ci_low", []), rows.get("ci_high", []))],
        "Cliff's δ": rows.get("cliffs_delta", pd.Series(dtype=float)).tolist(),
        "p adj.": rows.get(p, pd.Series(dtype=float)).tolist(),
        "verdict": [_verdict_label(v, labels) for v in rows.get("verdict", [])],
    })
    if "why" in rows.columns:
        out["shown because"] = rows["why"].tolist()
    return out


def _verdict_label(verdict: object, labels: Mapping[str, str]) -> str:
    """``"<source_id> higher"`` with the source's label instead of its id."""
    text = str(verdict)
    for suffix in (" higher", " lower"):
        if text.endswith(suffix) and text[: -len(suffix)] in labels:
            return labels[text[: -len(suffix)]] + suffix
    return text


def pairs_sentence(pairs: pd.DataFrame, alpha: float, correction: str = "holm") -> str:
    """"k of N comparisons show a clear difference ..."""
    if pairs.empty:
        return "No pair of sources could be compared."
    n_clear = int((pairs["verdict"] != NO_DIFFERENCE).sum())
    method = {"holm": "Holm", "fdr_bh": "Benjamini-Hochberg"}.get(str(correction), str(correction))
    text = (f"{n_clear} of {len(pairs)} comparisons show a clear difference at alpha = {alpha} "
            f"(p-values adjusted with {method}'s method).")
    if n_clear == 0:
        text += (" With these articles the data cannot separate the sources on any dimension: the "
                 "differences are within the noise of a few paragraphs.")
    return text


def one_vs_rest_view(ovr: pd.DataFrame, labels: Mapping[str, str],
                     dimensions: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per source x dimension, ranked within each dimension by difference from the rest."""
    cols = ["dimension", "source", "mean", "rest", "difference (95% interval)", "Cliff's δ",
            "p adj.", "verdict"]
    if ovr.empty:
        return pd.DataFrame(columns=cols)
    p = _p_column(ovr)
    dims = list(dimensions) if dimensions is not None else list(pd.unique(ovr["dimension"]))
    order = {d: i for i, d in enumerate(dims)}
    ranked = ovr.assign(_d=ovr["dimension"].map(order)).sort_values(
        ["_d", "diff"], ascending=[True, False], kind="stable")
    return pd.DataFrame({
        "dimension": ranked["dimension"].tolist(),
        "source": [labels.get(s, s) for s in ranked["source"]],
        "mean": ranked["mean"].tolist(),
        "rest": ranked["mean_rest"].tolist(),
        "difference (95% interval)": [_interval(d, lo, hi) for d, lo, hi in
                                      zip(ranked["diff"], ranked["ci_low"], ranked["ci_high"])],
        "Cliff's δ": ranked.get("cliffs_delta", pd.Series([float("nan")] * len(ranked))).tolist(),
        "p adj.": ranked[p].tolist(),
        "verdict": ranked["verdict"].tolist(),
    })


def one_vs_rest_sentences(ovr: pd.DataFrame, labels: Mapping[str, str]) -> list[str]:
    """One sentence per source x dimension that stands out from the rest (or one saying none does)."""
    if ovr.empty:
        return ["No source could be compared with the rest."]
    clear = ovr[ovr["verdict"] != NO_DIFFERENCE]
    if clear.empty:
        return ["No source differs clearly from the rest of the corpus on any dimension."]
    p = _p_column(ovr)
    return [f"{labels.get(r['source'], r['source'])} scores {r['verdict']} on {r['dimension']} "
            f"({r['mean']:.2f} against {r['mean_rest']:.2f}, adjusted p = {r[p]:.3g})."
            for _, r in clear.iterrows()]


def overlap_sentences(summary: pd.DataFrame, labels: Mapping[str, str],
                      dimensions: Sequence[str], *, max_pairs: int = 4) -> list[str]:
    """Per dimension: the range of means and which intervals do not overlap."""
    lines = []
    for dim in dimensions:
        rows = summary[summary["dimension"] == dim].dropna(subset=["mean", "ci_low", "ci_high"])
        if len(rows) < 2:
            lines.append(f"{dim}: fewer than two sources have an interval; nothing to separate.")
            continue
        hi, lo = rows.loc[rows["mean"].idxmax()], rows.loc[rows["mean"].idxmin()]
        name = lambda r: labels.get(r["source_id"], r["source_id"])  # noqa: E731
        spread = f"means run from {lo['mean']:.2f} ({name(lo)}) to {hi['mean']:.2f} ({name(hi)})"
        apart = [f"{name(a)} and {name(b)}"
                 for (_, a), (_, b) in itertools.combinations(rows.iterrows(), 2)
                 if a["ci_low"] > b["ci_high"] or b["ci_low"] > a["ci_high"]]
        if not apart:
            lines.append(f"{dim}: {spread}, but every pair of intervals overlaps: the data cannot "
                         f"separate the sources.")
        else:
            more = f" and {len(apart) - max_pairs} more pair(s)" if len(apart) > max_pairs else ""
            lines.append(f"{dim}: {spread}; the intervals of {'; '.join(apart[:max_pairs])}{more} do not "
                         f"overlap, a first sign of a difference that the tests below check.")
    return lines


def position_sentences(by_pos: pd.DataFrame, labels: Mapping[str, str], *, dimension: str = "hype") -> list[str]:
    """Where in the article each source's ``dimension`` is highest (grouped by position)."""
    part = by_pos[by_pos["dimension"] == dimension].dropna(subset=["mean"])
    if part.empty:
        return [f"No paragraph position could be computed for {dimension}."]
    groups: dict[str, list[str]] = {}
    none: list[str] = []
    for src, grp in part.groupby("source_id", sort=False):
        if grp["mean"].max() <= 0:
            none.append(labels.get(src, src))
        else:
            groups.setdefault(str(grp.loc[grp["mean"].idxmax(), "position"]), []).append(labels.get(src, src))
    lines = [f"{dimension} is highest in the {pos} for: {', '.join(names)}." for pos, names in groups.items()]
    if none:
        lines.append(f"No {dimension} term anywhere in: {', '.join(none)}.")
    lines.append("These are descriptions, not tests: each third of an article holds only a few paragraphs.")
    return lines


def hype_hedging_sentence(body: pd.DataFrame) -> str:
    """Counts of paragraphs with hype only, hedging only, both; their rank correlation."""
    if body.empty:
        return "There is no analysed paragraph."
    hy, he = body["hype"] > 0, body["hedging"] > 0
    varied = len(body) > 2 and body["hype"].nunique() > 1 and body["hedging"].nunique() > 1
    rho = body["hype"].corr(body["hedging"], method="spearman") if varied else float("nan")
    return (f"{int((hy & ~he).sum())} paragraph(s) use hype without any hedge, {int((~hy & he).sum())} "
            f"hedge without hype, and {int((hy & he).sum())} do both. Across paragraphs the rank "
            f"correlation of hype and hedging is "
            + ("undefined (one of the scores is constant)." if pd.isna(rho) else f"{rho:+.2f}."))


def words_sentences(distinct: pd.DataFrame | None, labels: Mapping[str, str], *, z: float = 1.96) -> list[str]:
    """Words with z above ``z`` per source, or why there are none."""
    if distinct is None or distinct.empty:
        return ["No word sets one source apart: the sources use the same words at the same rates "
                "(identical or near-identical texts), or too few words repeat."]
    strong = distinct[distinct["z"] > z]
    if strong.empty:
        return [f"No word reaches z = {z} for any source (the largest is {distinct['z'].max():.2f}): "
                f"the lists show each source's leanings, but no word clearly sets one source apart."]
    return [f"{labels.get(src, src)}: " + ", ".join(f"{t} (z = {v:.1f})" for t, v in zip(g["term"], g["z"]))
            for src, g in strong.groupby("source_id", sort=False)]


def omission_sentences(omitted: pd.DataFrame, labels: Mapping[str, str]) -> list[str]:
    """What each source leaves out that others cover; aspects nobody covers."""
    if omitted is None or omitted.empty:
        return ["No source leaves out an aspect that is covered elsewhere in the corpus."]
    gaps = omitted[omitted["status"] == "omitted"].groupby("source_id", sort=False)["aspect"].agg(list)
    lines = [f"{labels.get(src, src)} does not mention {', '.join(map(str, asp))}, which other sources cover."
             for src, asp in gaps.items()]
    nobody = omitted.loc[omitted["status"] != "omitted", "aspect"].unique()
    if len(nobody):
        lines.append(f"No source mentions {', '.join(map(str, nobody))}.")
    return lines


#: Short column names for the checklist criteria (the question is listed under the table).
CHECKLIST_SHORT: dict[str, str] = {
    "quantified_benefits": "benefits", "evidence_quality": "evidence", "disease_mongering": "mongering",
    "independent_sources": "sources", "alternatives": "options", "availability": "access",
    "sensational_language": "tone", "funding_conflicts": "funding",
}


def checklist_grid(checks: pd.DataFrame, labels: Mapping[str, str], order: Sequence[str] | None = None
                   ) -> tuple[pd.DataFrame, list[str]]:
    """Source x criterion grid of answers (✓ yes, ✗ no, ? can't tell) and a key to the columns.

    Returns the grid (one row per source, short criterion names as columns)
    and one line per criterion: ``"short: question"``.
    """
    if checks.empty:
        return pd.DataFrame(columns=["source"]), []
    answer = checks["satisfactory"].map({True: "✓", False: "✗"}).fillna("?")
    grid = checks.assign(answer=answer).pivot_table(
        index="source_id", columns="criterion", values="answer", aggfunc="first", sort=False)
    if order is not None:
        grid = grid.reindex([s for s in order if s in grid.index])
    short = {c: CHECKLIST_SHORT.get(str(c), str(c).replace("_", " ")) for c in grid.columns}
    key = [f"{short[c]}: {q}" for c, q in checks.drop_duplicates("criterion")[["criterion", "question"]]
           .itertuples(index=False)] if "question" in checks.columns else []
    grid = grid.rename(columns=short, index=lambda s: labels.get(s, s)).rename_axis("source").reset_index()
    return grid.rename_axis(columns=None), key


def checklist_sentence(checks: pd.DataFrame, labels: Mapping[str, str]) -> str:
    """How many criteria each source meets, and how many could not be judged."""
    if checks.empty:
        return "No checklist answer could be computed."
    met = checks.groupby("source_id", sort=False)["satisfactory"].agg(
        yes=lambda s: int((s == True).sum()), judged=lambda s: int(s.notna().sum())  # noqa: E712
    )
    n = checks["criterion"].nunique()
    return "; ".join(
        f"{labels.get(src, src)} meets {r['yes']} of {n}"
        + ("" if r["judged"] == n else f" ({n - r['judged']} not judged)")
        for src, r in met.iterrows()
    ) + ". Each answer rests on a single cue: read its evidence before quoting it."


def shared_sentence(passages: pd.DataFrame, labels: Mapping[str, str]) -> str:
    """How many paragraph pairs share wording; whether any is a near-duplicate."""
    if passages is None or passages.empty:
        return "No passage is shared word for word between sources."
    top = passages.iloc[0]
    la, lb = labels.get(top["source_a"], top["source_a"]), labels.get(top["source_b"], top["source_b"])
    dup = (passages["match"] == "near-duplicate").any() if "match" in passages.columns else False
    return (f"{len(passages)} pair(s) of paragraphs share wording; the longest shared run is "
            f"{top['shared_words']} words ({la} ¶{top['block_a']} and {lb} ¶{top['block_b']}). "
            + ("At least one pair is a near-duplicate: these sources are not independent."
               if dup else "No pair is a near-duplicate: the overlap is phrases, not copied paragraphs."))


# ---------------------------------------------------------------------------
# headlines (03)
# ---------------------------------------------------------------------------


def headlines(scored: pd.DataFrame, labels: Mapping[str, str],
              dimensions: Sequence[str] = ("hype", "hedging", "sentiment")) -> pd.DataFrame:
    """One row per source with a title block: ``source, headline`` and its scores, most hyped first."""
    cols = ["source", "headline", *dimensions]
    if scored.empty or "kind" not in scored.columns:
        return pd.DataFrame(columns=cols)
    heads = scored[scored["kind"] == "title"].drop_duplicates("source_id")
    if heads.empty:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame({"source": [labels.get(s, s) for s in heads["source_id"]],
                        "headline": heads["text"].str.strip().tolist()})
    for d in dimensions:
        out[d] = heads[d].to_numpy()
    sort = [d for d in ("hype", "hedging") if d in dimensions]
    return out.sort_values(sort, ascending=False, kind="stable").reset_index(drop=True) if sort else out


def headline_sentences(heads: pd.DataFrame, n_sources: int) -> list[str]:
    """How many sources have a headline, which use hype or hedges in it."""
    if heads.empty:
        return ["No source has a headline (a block of kind title): nothing to compare here."]
    lines = [f"{len(heads)} of {n_sources} sources have a headline."]
    hyped = heads[heads.get("hype", 0) > 0]["source"].tolist() if "hype" in heads.columns else []
    hedged = heads[heads.get("hedging", 0) > 0]["source"].tolist() if "hedging" in heads.columns else []
    lines.append(f"Headlines with a hype term: {', '.join(hyped)}." if hyped
                 else "No headline contains a hype term.")
    lines.append(f"Headlines with a hedge: {', '.join(hedged)}." if hedged else "No headline is hedged.")
    return lines


# ---------------------------------------------------------------------------
# validation (04)
# ---------------------------------------------------------------------------


def spearman_interval_table(intervals: pd.DataFrame, labels: Mapping[str, str], *, by: str = "split") -> pd.DataFrame:
    """:func:`framelens.validation.certainty.spearman_intervals` output as a table to show.

    ``labels`` maps each estimate (``<name>`` with ``<name>_low`` and
    ``<name>_high`` columns) to the heading of its column, in order. The
    bounds of ``difference`` are kept as ``_diff_low`` and ``_diff_high``
    for :func:`validation_sentences` (drop them before showing).
    """
    from framelens.report.build import format_interval

    out = pd.DataFrame({by: intervals[by], "sentences": intervals["n"]})
    for name, label in labels.items():
        out[label] = [
            format_interval(m, lo, hi)
            for m, lo, hi in intervals[[name, f"{name}_low", f"{name}_high"]].itertuples(index=False)
        ]
    out["_diff_low"] = intervals["difference_low"]
    out["_diff_high"] = intervals["difference_high"]
    return out


def validation_sentences(intervals: pd.DataFrame, results: pd.DataFrame) -> list[str]:
    """Per split: does the lexicon beat the baseline; does hype behave unlike a hedge.

    ``intervals`` has ``split, hedging, baseline, _diff_low, _diff_high``
    (formatted intervals and the bounds of the paired difference);
    ``results`` is :func:`framelens.validation.certainty.evaluate` output.
    """
    lines = []
    for _, r in intervals.iterrows():
        held_out = "" if r["split"] == "train" else " (held out)"
        if r["_diff_high"] < 0:
            verdict = ("the lexicon agrees with the raters more than the baseline does; the interval "
                       "of the difference excludes zero")
        elif r["_diff_low"] > 0:
            verdict = "the baseline agrees with the raters more than the lexicon does"
        else:
            verdict = ("the interval of the difference includes zero, so this split cannot separate "
                       "the lexicon from the baseline")
        lines.append(f"{r['split']}{held_out}: hedging ρ = {r['hedging']}, baseline ρ = {r['baseline']}: {verdict}.")
    hype = results[results["method"] == "hype"]
    if not hype.empty:
        lines.append(
            f"The hype score's correlation with certainty stays between {hype['spearman'].min():+.2f} and "
            f"{hype['spearman'].max():+.2f} across splits: "
            + ("it does not behave like a hedge, as intended." if hype["spearman"].min() > -0.2
               else "in some split it falls with certainty like a hedge, so hype and hedging overlap here.")
        )
    return lines
