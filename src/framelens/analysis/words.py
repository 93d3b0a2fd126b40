"""Words that distinguish one source's vocabulary from the others'.

Raw frequency differences are dominated by common words, and plain
log-odds ratios by rare ones. framelens uses the **log-odds ratio with an
informative Dirichlet prior** of Monroe, Colaresi & Quinn (2008, "Fightin'
Words: Lexical Feature Selection and Evaluation for Identifying the Content
of Political Conflict", *Political Analysis* 16(4), section 3.5), which
shrinks every word's log-odds towards its frequency in the whole corpus and
divides by the estimate's standard error, so that a word needs both a large
and a well-supported difference to rank high.

For a word ``w``, a source ``i`` and the rest of the corpus ``j`` (all other
sources pooled), with counts ``y_w^i``, ``y_w^j``, totals ``n^i = sum_w y_w^i``,
``n^j``, and prior pseudo-counts ``alpha_w = alpha_0 * y_w / n`` (``y_w`` and
``n`` the counts over the whole corpus, ``alpha_0`` the prior size)::

    delta_w = log[(y_w^i + alpha_w) / (n^i + alpha_0 - y_w^i - alpha_w)]
            - log[(y_w^j + alpha_w) / (n^j + alpha_0 - y_w^j - alpha_w)]     (eq. 22)

    var(delta_w) ~= 1 / (y_w^i + alpha_w) + 1 / (y_w^j + alpha_w)           (eq. 20)

    z_w = delta_w / sqrt(var(delta_w))

A positive ``z`` means source ``i`` uses ``w`` more than the other sources,
relative to how often the corpus uses it. ``|z| > 1.96`` is the paper's
rough guide for a notable word; with many words tested, read ``z`` as a
ranking, not a significance test.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from framelens.errors import AnalysisError
from framelens.text.normalize import normalize_for_matching
from framelens.analysis.tables import as_tuple, check_table

__all__ = ["distinguishing_words", "term_counts", "log_odds_informative_prior", "normalize_for_terms", "TOKEN_PATTERN"]

#: Words of two or more letters/digits, keeping inner apostrophes ("don't").
TOKEN_PATTERN = r"(?u)\b\w[\w']*\w\b"

_POSSESSIVE = re.compile(r"'s\b")


def normalize_for_terms(text: str) -> str:
    """Normalise quotes/dashes, lower-case and drop possessive 's: the text terms are counted in.

    "Musk’s" and "Musk's" and "Musk" all count as ``musk``.
    """
    return _POSSESSIVE.sub("", normalize_for_matching(text).lower())


def _stop_words(stop_words: str | Iterable[str] | None) -> frozenset[str] | None:
    if stop_words is None:
        return None
    if isinstance(stop_words, str):
        if stop_words != "english":
            raise AnalysisError(
                f"distinguishing_words: stop_words must be 'english', None or a list "
                f"of words, got {stop_words!r}"
            )
        words = set(ENGLISH_STOP_WORDS)
        # contractions of stop words survive the tokeniser as one token
        words |= {"don't", "doesn't", "isn't", "it's", "wasn't", "aren't", "can't", "won't",
                  "didn't", "i'm", "that's", "there's", "they're", "we're", "you're"}  # fmt: skip
        return frozenset(words)
    return frozenset(normalize_for_terms(w) for w in stop_words)


def term_counts(
    texts: Sequence[str],
    groups: Sequence[object],
    *,
    ngram_range: tuple[int, int] = (1, 1),
    stop_words: str | Iterable[str] | None = "english",
) -> pd.DataFrame:
    """Term counts per group: a terms x groups table of integers.

    Texts are normalised with :func:`framelens.text.normalize.normalize_for_matching`
    (curly apostrophes count as straight ones), lower-cased, and possessive
    ``'s`` is removed before tokenising with :data:`TOKEN_PATTERN`.
    """
    stops = _stop_words(stop_words)
    vectorizer = CountVectorizer(
        preprocessor=normalize_for_terms,
        token_pattern=TOKEN_PATTERN,
        stop_words=sorted(stops) if stops is not None else None,
        ngram_range=ngram_range,
    )
    try:
        matrix = vectorizer.fit_transform(list(texts))
    except ValueError as exc:  # empty vocabulary
        raise AnalysisError(
            f"distinguishing_words: no words left to count after removing stop words "
            f"({exc})"
        ) from exc
    group_arr = np.asarray(list(groups), dtype=object)
    order = list(pd.unique(group_arr))
    columns = {}
    for g in order:
        columns[g] = np.asarray(matrix[group_arr == g].sum(axis=0)).ravel()
    return pd.DataFrame(columns, index=pd.Index(vectorizer.get_feature_names_out(), name="term"))


def log_odds_informative_prior(
    counts_i: np.ndarray,
    counts_j: np.ndarray,
    prior: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Log-odds ratio with informative Dirichlet prior and its z-score.

    Parameters
    ----------
    counts_i, counts_j : ndarray
        Word counts of the two groups (same vocabulary order).
    prior : ndarray
        Pseudo-counts ``alpha_w`` (all positive); ``alpha_0`` is their sum.

    Returns
    -------
    (delta, z) : tuple of ndarray
        Eq. 22 and ``delta / sqrt(eq. 20)`` of Monroe et al. (2008); see
        the module docstring.
    """
    y_i = np.asarray(counts_i, dtype=float)
    y_j = np.asarray(counts_j, dtype=float)
    a = np.asarray(prior, dtype=float)
    if np.any(a <= 0):
        raise AnalysisError("log-odds prior pseudo-counts must all be positive")
    a0 = a.sum()
    n_i, n_j = y_i.sum(), y_j.sum()
    delta = np.log((y_i + a) / (n_i + a0 - y_i - a)) - np.log((y_j + a) / (n_j + a0 - y_j - a))
    var = 1.0 / (y_i + a) + 1.0 / (y_j + a)
    return delta, delta / np.sqrt(var)


def distinguishing_words(
    scored: pd.DataFrame,
    *,
    by: str = "source_id",
    top: int | None = 15,
    min_count: int = 2,
    prior: float | None = None,
    ngram_range: tuple[int, int] = (1, 1),
    stop_words: str | Iterable[str] | None = "english",
    kinds: Sequence[str] | None = ("body",),
) -> pd.DataFrame:
    """Words each source uses more than the other sources, as log-odds z-scores.

    Parameters
    ----------
    scored : DataFrame
        Blocks with ``text`` (scores are not needed).
    by : str
        Column naming the sources.
    top : int or None
        Terms kept per source, highest ``z`` first (``None`` = all).
    min_count : int
        Ignore terms used fewer times than this in the whole corpus.
    prior : float or None
        Prior size ``alpha_0``: the total pseudo-count spread over the
        vocabulary in proportion to corpus frequency. ``None`` (default) uses
        the corpus token count, i.e. every word's pseudo-count equals its own
        corpus count: a strong prior suited to small corpora, where it keeps
        words used two or three times from dominating. Smaller values
        (e.g. 500) shrink less.
    ngram_range : (int, int)
        Word n-grams counted, as in scikit-learn.
    stop_words : "english", None or list of str
        Words not counted. ``"english"`` is scikit-learn's list plus the
        contracted forms of its entries ("don't", "it's", ...).
    kinds : sequence of str or None
        Block kinds analysed.

    Returns
    -------
    DataFrame
        ``<by>, term, z, log_odds, count_source, count_rest``; sources in order
        of first appearance, terms by descending ``z``. Only terms with
        positive ``z`` (used more by that source) are listed.

    Raises
    ------
    AnalysisError
        Fewer than two sources, missing columns, or no term left after the
        stop words and ``min_count``.
    """
    func = "distinguishing_words"
    if top is not None and int(top) < 1:
        raise AnalysisError(f"{func}: top must be a positive integer or None, got {top!r}")
    rows = check_table(scored, func=func, columns=("text",), kinds=kinds, by=by, min_groups=2)
    counts = term_counts(
        rows["text"].astype(str).tolist(), rows[by].tolist(),
        ngram_range=ngram_range, stop_words=stop_words,
    )  # fmt: skip
    total = counts.sum(axis=1)
    counts = counts[total >= min_count]
    if counts.empty:
        raise AnalysisError(
            f"{func}: no term is used at least min_count={min_count} times "
            f"(kinds={list(as_tuple(kinds) or ['any'])}); lower min_count"
        )
    if len(counts) < 2:
        raise AnalysisError(
            f"{func}: only {len(counts)} term is used at least min_count={min_count} "
            f"times; log-odds need at least 2 terms (lower min_count or add text)"
        )
    total = counts.sum(axis=1).to_numpy(dtype=float)
    n = total.sum()
    alpha0 = n if prior is None else float(prior)
    if alpha0 <= 0:
        raise AnalysisError(f"{func}: prior must be positive, got {prior!r}")
    alpha = alpha0 * total / n
    frames = []
    for group in counts.columns:
        y_i = counts[group].to_numpy(dtype=float)
        y_j = total - y_i
        delta, z = log_odds_informative_prior(y_i, y_j, alpha)
        frame = pd.DataFrame(
            {
                by: group,
                "term": counts.index.astype(str),
                "z": z,
                "log_odds": delta,
                "count_source": y_i.astype(int),
                "count_rest": y_j.astype(int),
            }
        )
        frame = frame[frame["z"] > 0].sort_values(["z", "term"], ascending=[False, True])
        frames.append(frame.head(int(top)) if top is not None else frame)
    return pd.concat(frames, ignore_index=True)
