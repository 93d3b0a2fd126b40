"""Score paragraphs for hype, hedging, balance and sentiment, with evidence.

This module ties the pieces together. For every paragraph it

1. normalises typography (:func:`framelens.text.normalize.normalize_for_matching`,
   same length, so offsets stay valid) and tokenises once
   (:func:`framelens.text.tokens.tokenize`);
2. finds all lexicon entries in one pass (:meth:`framelens.text.lexicon.Lexicon.find`);
3. splits sentences and runs VADER on each (:mod:`framelens.scores.sentiment`);
4. computes :mod:`~framelens.scores.hype`, :mod:`~framelens.scores.hedging`,
   :mod:`~framelens.scores.balance` and :mod:`~framelens.scores.sentiment` columns.

The definitions of the scores are in those modules and in ``docs/scores.md``.

Examples
--------
>>> import framelens
>>> df = framelens.score_paragraphs([
...     "This breakthrough will revolutionize psychiatry.",
...     "The results may suggest a small benefit; more research is needed.",
... ])
>>> bool(df.loc[0, "hype"] > df.loc[1, "hype"])
True
>>> bool(df.loc[1, "hedging"] > df.loc[0, "hedging"])
True
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from operator import itemgetter
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from framelens.scores import balance as _balance
from framelens.scores import claims as _claims
from framelens.scores import hedging as _hedging
from framelens.scores import hype as _hype
from framelens.scores import sentiment as _sentiment
from framelens.errors import AnalysisError
from framelens.text.lexicon import Lexicon, LexiconLike, resolve_lexicon
from framelens.text.matching import Match
from framelens.text.normalize import normalize_for_matching
from framelens.text.tokens import split_sentences, tokenize

__all__ = [
    "score_paragraphs",
    "score_frame",
    "explain",
    "explain_paragraphs",
    "score_and_explain",
    "score_frame_with_evidence",
    "keyed_evidence",
    "EVIDENCE_KEYS",
    "score_columns",
    "EXPLAIN_COLUMNS",
    "MAIN_SCORES",
]

#: The four headline scores.
MAIN_SCORES: tuple[str, ...] = ("hype", "hedging", "balance", "sentiment")

#: Columns of :func:`explain`.
EXPLAIN_COLUMNS: tuple[str, ...] = (
    "dimension", "category", "start", "end", "match", "weight", "negated", "hedged",
    "intensified", "pattern", "counted", "contribution",
)

_INT_COLUMNS = frozenset(
    {"n_words", "n_sentences", "hype_count", "hype_negated", "hype_hedged", "hedging_count", "balance_quotes",
     *_claims.SCORE_COLUMNS}
)  # fmt: skip


@lru_cache(maxsize=8)
def _with_claims(lexicon: Lexicon) -> tuple[Lexicon, Mapping[tuple[str, str], tuple[str, float, str, int]]]:
    """``lexicon`` plus the claim cues (:func:`framelens.scores.claims.cue_lexicon`), matched in the same pass.

    Cues the lexicon already matches the same way (:func:`framelens.scores.claims.shared_cues`:
    *may* in hedging, *effective* in balance) are not added again; their
    matches are read as cues. The claim cues are always the packaged ones;
    a lexicon that already has ``claim`` entries is used as it is.
    """
    if _claims.DIMENSION in lexicon.dimensions:
        return lexicon, {}
    shared = _claims.shared_cues(lexicon)
    have = {p for _, p in shared}
    extra = tuple(r for r in _claims.cue_lexicon()._rows if r[0] not in have)
    return Lexicon(lexicon._rows + extra, name=lexicon.name), shared


class _Plan:
    """Everything fixed for one scoring call: lexicon, categories, weights."""

    __slots__ = ("lexicon", "shared_cues", "hype_cats", "hedge_cats", "hedge_weights", "columns", "natural", "order", "int_cols", "row_order")

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon, self.shared_cues = _with_claims(lexicon)
        self.hype_cats = lexicon.categories(_hype.DIMENSION)
        self.hedge_cats = lexicon.categories(_hedging.DIMENSION)
        self.hedge_weights: Mapping[str, float] = _hedging.category_weights()
        hype_cols = _hype.columns(self.hype_cats)
        hedge_cols = _hedging.columns(self.hedge_cats)
        bal_cols = _balance.columns()
        sent_cols = _sentiment.columns()
        # order in which _values produces values
        claim_cols = list(_claims.SCORE_COLUMNS)
        self.natural = ["n_words", "n_sentences", *hype_cols, *hedge_cols, *bal_cols, *sent_cols, *claim_cols]
        # order of the output columns
        self.columns = [
            "hype", "hedging", "balance", "sentiment", "n_words", "n_sentences",
            *hype_cols[1:], *hedge_cols[1:], *bal_cols[1:], *sent_cols[1:], *claim_cols,
        ]
        # evidence order (by start; at one start, sentence rows last, then by
        # dimension): with no dimension named after "sentiment", that is the
        # order of (start, dimension), read by a C key function
        dims = {*lexicon.dimensions, _claims.DIMENSION, _balance.DIMENSION, _hype.DIMENSION}
        self.row_order: Callable[[_Row], Any] = (
            itemgetter(2, 0) if all(d < _SENTENCE_DIMENSION for d in dims - {_SENTENCE_DIMENSION})
            else _row_order
        )
        pos = {c: i for i, c in enumerate(self.natural)}
        self.order = [pos[c] for c in self.columns]
        self.int_cols = {c: "int64" for c in self.columns if c in _INT_COLUMNS}


def _row_order(row: _Row) -> tuple[int, bool, str]:
    return (row[2], row[0] == _SENTENCE_DIMENSION, row[0])


def score_columns(lexicon: LexiconLike | None = None) -> list[str]:
    """The columns :func:`score_paragraphs` returns for a lexicon, in order."""
    return list(_Plan(resolve_lexicon(lexicon)).columns)


def _check_text(text: Any, where: str) -> str:
    if isinstance(text, str):
        return text
    raise AnalysisError(
        f"{where} is {type(text).__name__} ({text!r:.40}), not text; "
        "fill or drop missing paragraphs before scoring"
    )


_Row = tuple  # one evidence row, values in EXPLAIN_COLUMNS order

# the dimension of the per-sentence VADER rows of the evidence
_SENTENCE_DIMENSION = "sentiment"


#: Paragraphs analysed per block (see :func:`_analyse_many`).
BLOCK_SIZE: int = 256


class _Reading(NamedTuple):
    """framelens's own reading of one paragraph (everything but VADER)."""

    text: str
    n_words: int
    matches: list[Match]
    spans: list[tuple[int, int]]  # sentences
    quotes: list[tuple[int, int]]
    claims: list[_claims.SentenceClaim]  # the strongest claim of each sentence that has a cue


def _read_block(texts: list[str], plan: _Plan) -> list[_Reading]:
    """framelens's reading of a block of paragraphs, one step at a time over the block.

    Each step (normalise, tokenise, find quotations, split sentences, match
    the lexicon, read claims) runs over the whole block before the next
    starts, so each keeps its code and tables warm in the CPU caches:
    measured, 0.04-0.05 x the time of a VADER pass less than reading
    paragraph by paragraph. The readings do not depend on the block size.
    """
    norms = [normalize_for_matching(t) for t in texts]
    toks = [tokenize(n, normalized=True) for n in norms]
    quotes = [_balance.find_quotes(n) if '"' in n else [] for n in norms]
    spans = [split_sentences(n) for n in norms]
    find, lexicon, shared = _claims.find_with_cues, plan.lexicon, plan.shared_cues
    found = [find(lexicon, t, tk, shared) for t, tk in zip(texts, toks)]
    claims = _claims.sentence_claims
    return [
        _Reading(t, tk.n_words, m, sp, q, claims(t, tk, sp, cues=c) if c else [])
        for t, tk, q, sp, (m, c) in zip(texts, toks, quotes, spans, found)
    ]


def _analyse_many(
    texts: list[str], plan: _Plan, want_rows: bool
) -> Iterator[tuple[list[float], list[_Row]]]:
    """Score paragraphs: per paragraph, values in ``plan.natural`` order and evidence rows if asked.

    Paragraphs are taken in blocks of :data:`BLOCK_SIZE`, and each block goes
    through three phases: framelens's own reading (normalise, tokenise, match,
    split sentences, find quotations) of every paragraph, then VADER on the
    sentences of every paragraph, then the scores. Running each body of
    code over a whole block in turn, rather than alternating between them
    paragraph by paragraph, keeps each one's working set warm in the CPU
    caches: measured, it saves 0.06-0.09 x the time of a VADER pass.
    Results do not depend on the block size.
    """
    for b in range(0, len(texts), BLOCK_SIZE):
        readings = _read_block(texts[b : b + BLOCK_SIZE], plan)
        compounds = [_sentiment.sentence_compounds(r.text, r.spans) for r in readings]
        for r, comp in zip(readings, compounds):
            yield _values(plan, r, comp), (_rows(plan, r, comp) if want_rows else [])


def _values(plan: _Plan, r: _Reading, compounds: list[float]) -> list[float]:
    values: list[float] = [r.n_words, len(r.spans)]
    overclaims = sum([c.overclaim for c in r.claims])
    values += _hype.hype_values(r.matches, r.n_words, plan.hype_cats, overclaims)
    values += _hedging.hedging_values(r.matches, r.n_words, plan.hedge_cats, plan.hedge_weights)
    values += _balance.balance_values(r.matches, r.n_words, len(r.quotes))
    values += _sentiment.sentiment_values(compounds)
    values += _claims.claim_values(r.claims)
    return values


def _rows(plan: _Plan, r: _Reading, compounds: list[float]) -> list[_Row]:
    text = r.text
    # claim cues are reported once per claiming sentence (evidence_rows), not per cue
    rows: list[_Row] = [_evidence_row(m, plan) for m in r.matches if m.dimension != _claims.DIMENSION]
    rows += _claims.evidence_rows(text, r.claims, _hype.OVERCLAIM_WEIGHT)
    rows += [
        ("balance", "quote", s, e, text[s:e], 1.0, False, False, False, '"..."', True, 1.0)
        for s, e in r.quotes
    ]
    rows += [
        ("sentiment", "sentence", s, e, text[s:e], c, False, False, False, "", True, c)
        for (s, e), c in zip(r.spans, compounds)
    ]
    # by position; at one position, sentence rows after spans, then by dimension
    rows.sort(key=plan.row_order)
    return rows


def _evidence_row(m: Match, plan: _Plan) -> _Row:
    if m.dimension == _hype.DIMENSION:
        contrib = _hype.contribution(m)
        counted = not m.negated
    elif m.dimension == _hedging.DIMENSION:
        contrib = _hedging.contribution(m, plan.hedge_weights)
        counted = True
    elif m.dimension == _balance.DIMENSION:
        contrib = m.weight
        counted = m.category != "contrast"
    else:  # a user's own dimension: shown, not scored
        contrib = m.weight
        counted = False
    return (
        m.dimension, m.category, m.start, m.end, m.match, m.weight, m.negated, m.hedged,
        m.intensified, m.pattern, counted, contrib,
    )


def _iter_texts(texts: Iterable[str]) -> list[str]:
    if isinstance(texts, str):
        raise AnalysisError(
            "score_paragraphs expects an iterable of paragraphs, got one string; wrap it in a list"
        )
    if isinstance(texts, pd.DataFrame):
        raise AnalysisError("score_paragraphs expects texts, got a DataFrame; use score_frame(df, text_column=...)")
    if isinstance(texts, pd.Series):
        return [_check_text(t, f"paragraph at index {i!r}") for i, t in texts.items()]
    return [_check_text(t, f"paragraph {i}") for i, t in enumerate(texts)]


def score_paragraphs(texts: Iterable[str], *, lexicon: LexiconLike | None = None) -> pd.DataFrame:
    """Score each paragraph for hype, hedging, balance and sentiment.

    Parameters
    ----------
    texts : iterable of str
        Paragraphs, in order (a list, tuple, generator or pandas Series).
    lexicon : Lexicon, DataFrame, CSV path or list of dicts, optional
        A :class:`~framelens.text.lexicon.Lexicon` to use instead of the packaged
        one; any other form is a set of entries that *extends* (and, for the
        same pattern and dimension, overrides) the packaged lexicon for this
        call only.

    Returns
    -------
    DataFrame
        One row per input, in order (``RangeIndex``). Columns: ``hype``,
        ``hedging``, ``balance`` in [0, 1]; ``sentiment`` in [-1, 1];
        ``n_words``, ``n_sentences``; then sub-scores prefixed with their
        dimension (see :func:`score_columns` and ``docs/scores.md``).

    Raises
    ------
    AnalysisError
        If an item is not a string (e.g. a missing value), naming its position.
    """
    items = _iter_texts(texts)
    plan = _Plan(resolve_lexicon(lexicon))
    with _collector_paused():
        return _frame([v for v, _ in _analyse_many(items, plan, False)], plan)


def _frame(rows: list[list[float]], plan: _Plan) -> pd.DataFrame:
    arr = np.array(rows, dtype="float64").reshape(len(rows), len(plan.natural))[:, plan.order]
    # typed columns straight from the array: a third of the time of astype on a frame
    ints = plan.int_cols
    return pd.DataFrame(
        {c: (arr[:, k].astype("int64") if c in ints else arr[:, k]) for k, c in enumerate(plan.columns)}
    )


def score_frame(
    df: pd.DataFrame, text_column: str = "text", *, lexicon: LexiconLike | None = None
) -> pd.DataFrame:
    """Append score columns to a table of paragraphs (e.g. ``load_corpus`` blocks).

    Parameters
    ----------
    df : DataFrame
        Any table with a text column; its other columns (``source_id``,
        ``block_index``, ...) and its index are kept.
    text_column : str, default "text"
        The column holding the paragraphs.
    lexicon : optional
        As in :func:`score_paragraphs`.

    Returns
    -------
    DataFrame
        A new table: ``df`` with the :func:`score_paragraphs` columns appended
        (existing columns of the same name are replaced), same index. Works
        unchanged inside ``dask.dataframe.map_partitions``, including on empty
        partitions.

    Raises
    ------
    AnalysisError
        If ``text_column`` is missing or holds a non-string value (the index
        label is named).
    """
    return _with_scores(df, score_paragraphs(_frame_texts(df, text_column, "score_frame"), lexicon=lexicon))


#: Columns that identify a row of a blocks table; evidence rows carry them.
EVIDENCE_KEYS: tuple[str, ...] = ("source_id", "block_index", "id", "file")


def score_frame_with_evidence(
    df: pd.DataFrame,
    text_column: str = "text",
    *,
    keys: Iterable[str] | None = None,
    lexicon: LexiconLike | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`score_frame` and the evidence of every row, from one pass.

    Parameters
    ----------
    df : DataFrame
        Any table with a text column (e.g. ``load_corpus`` blocks).
    text_column : str, default "text"
        The column holding the paragraphs.
    keys : iterable of str, optional
        Columns of ``df`` copied onto each evidence row to say which row it
        belongs to; default: those of :data:`EVIDENCE_KEYS` that ``df`` has.
    lexicon : optional
        As in :func:`score_paragraphs`.

    Returns
    -------
    scored : DataFrame
        As returned by :func:`score_frame`.
    evidence : DataFrame
        The ``keys`` columns, then the :func:`explain` columns, one row per
        span; ``start``/``end`` are offsets into that row's text. This is the
        form :func:`framelens.highlight_table` accepts.
    """
    texts = _frame_texts(df, text_column, "score_frame_with_evidence")
    key_cols = [c for c in EVIDENCE_KEYS if c in df.columns] if keys is None else list(keys)
    missing = [c for c in key_cols if c not in df.columns]
    if missing:
        raise AnalysisError(
            f"score_frame_with_evidence: no column(s) {missing}; columns are {list(df.columns)}"
        )
    scores, spans = score_and_explain(texts, lexicon=lexicon)
    return _with_scores(df, scores), keyed_evidence(df, spans, key_cols)


def keyed_evidence(df: pd.DataFrame, spans: pd.DataFrame, keys: Iterable[str] | None = None) -> pd.DataFrame:
    """Evidence with the identifying columns of its rows instead of a ``paragraph`` position.

    Parameters
    ----------
    df : DataFrame
        The table whose texts were explained, in the same order.
    spans : DataFrame
        Evidence with a ``paragraph`` column (:func:`explain_paragraphs`).
    keys : iterable of str, optional
        Columns of ``df`` to copy onto each span; default: those of
        :data:`EVIDENCE_KEYS` that ``df`` has.
    """
    key_cols = [c for c in EVIDENCE_KEYS if c in df.columns] if keys is None else list(keys)
    head = df[key_cols].iloc[spans["paragraph"].to_numpy()].reset_index(drop=True)
    return pd.concat([head, spans.drop(columns=["paragraph"]).reset_index(drop=True)], axis=1)


def _frame_texts(df: pd.DataFrame, text_column: str, func: str) -> list[str]:
    if not isinstance(df, pd.DataFrame):
        raise AnalysisError(f"{func} expects a DataFrame, got {type(df).__name__}")
    if text_column not in df.columns:
        raise AnalysisError(f"{func}: no column {text_column!r}; columns are {list(df.columns)}")
    return [_check_text(t, f"{text_column!r} at index {i!r}") for i, t in df[text_column].items()]


def _with_scores(df: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """``df`` with the score columns appended (same-named columns replaced)."""
    scores.index = df.index
    base = df.drop(columns=[c for c in scores.columns if c in df.columns])
    return pd.concat([base, scores], axis=1)


_INT_EVIDENCE = frozenset({"start", "end"})
_FLOAT_EVIDENCE = frozenset({"weight", "contribution"})
_BOOL_EVIDENCE = frozenset({"negated", "hedged", "intensified", "counted"})


def _explain_frame(rows: list[_Row], extra: dict[str, list[Any]] | None = None) -> pd.DataFrame:
    """The evidence table: typed columns built straight from the row tuples."""
    n = len(rows)
    cols: dict[str, Any] = {k: np.asarray(v, dtype="int64") for k, v in (extra or {}).items()}
    columns = zip(*rows) if rows else [()] * len(EXPLAIN_COLUMNS)
    for name, values in zip(EXPLAIN_COLUMNS, columns):
        if name in _INT_EVIDENCE:
            cols[name] = np.fromiter(values, dtype="int64", count=n)
        elif name in _FLOAT_EVIDENCE:
            cols[name] = np.fromiter(values, dtype="float64", count=n)
        elif name in _BOOL_EVIDENCE:
            cols[name] = np.fromiter(values, dtype="bool", count=n)
        else:
            cols[name] = pd.array(values, dtype="str")
    return pd.DataFrame(cols)


def explain(text: str, *, lexicon: LexiconLike | None = None) -> pd.DataFrame:
    """The evidence behind one paragraph's scores, one row per span.

    Parameters
    ----------
    text : str
        A paragraph.
    lexicon : optional
        As in :func:`score_paragraphs`.

    Returns
    -------
    DataFrame
        Columns ``dimension, category, start, end, match, weight, negated,
        hedged, intensified, pattern, counted, contribution``, sorted by
        ``start``. ``text[start:end] == match``. ``counted`` says whether the
        span enters its score (negated hype and contrast words do not);
        ``contribution`` is what it adds before length normalisation. Direct
        quotations are rows with ``dimension="balance", category="quote"``;
        each sentence is a row with ``dimension="sentiment",
        category="sentence"`` and ``weight`` = its VADER compound.
    """
    plan = _Plan(resolve_lexicon(lexicon))
    ((_, rows),) = _analyse_many([_check_text(text, "text")], plan, True)
    return _explain_frame(rows)


def explain_paragraphs(texts: Iterable[str], *, lexicon: LexiconLike | None = None) -> pd.DataFrame:
    """:func:`explain` for many paragraphs, with a ``paragraph`` column (input position)."""
    return score_and_explain(texts, lexicon=lexicon)[1]


def score_and_explain(
    texts: Iterable[str], *, lexicon: LexiconLike | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Scores and evidence for many paragraphs from one pass over each text.

    Equivalent to ``(score_paragraphs(texts), explain_paragraphs(texts))`` at
    about the cost of the first alone: every paragraph is tokenised, matched
    and sentence-scored once.

    Parameters
    ----------
    texts : iterable of str
        Paragraphs, in order.
    lexicon : optional
        As in :func:`score_paragraphs`.

    Returns
    -------
    scores : DataFrame
        As returned by :func:`score_paragraphs`.
    evidence : DataFrame
        As returned by :func:`explain_paragraphs`: the :func:`explain`
        columns plus ``paragraph``, the input position of each span's text.
    """
    items = _iter_texts(texts)
    plan = _Plan(resolve_lexicon(lexicon))
    values: list[list[float]] = []
    rows: list[_Row] = []
    para: list[int] = []
    with _collector_paused():
        for i, (v, r) in enumerate(_analyse_many(items, plan, True)):
            values.append(v)
            rows.extend(r)
            para.extend([i] * len(r))
        return _frame(values, plan), _explain_frame(rows, {"paragraph": para})


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while paragraphs are read and tabled.

    Reading keeps many small objects alive until the tables are built (an
    evidence row per span), and every automatic collection would walk all of
    them again: measured, 0.08-0.15 x the time of a VADER pass on 1,000 to
    6,000 paragraphs with evidence. Reading forms no reference cycle, so
    memory is still freed by reference counting as it goes; any cycle made
    meanwhile waits for the next collection. The collector is switched back
    on afterwards, unless it was off already.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
