"""Pair paragraphs of different sources that discuss the same thing.

Average scores say *that* two sources differ; aligned paragraphs show *how*:
the same point ("how ketamine works", "how fast it acts", "how good the
evidence is") told as a promise by one outlet and as an open question by
another. :func:`align_paragraphs` relates every paragraph of one source to
every paragraph of another, and puts the pairs that are both *about the same
thing* and *framed differently* first.

How it works
------------
1. **Words.** Every analysed paragraph (body paragraphs by default) is
   normalised (:func:`framelens.text.normalize.normalize_for_matching`: curly
   quotes become straight, so "don’t" and "don't" are one word), lower-cased,
   tokenised into words of two or more characters; English stop words and
   numbers are removed and inflections are reduced with
   :func:`framelens.text.tokens.reduce_word` (the rule lexicon matching uses), so
   "works" meets "work" and "revolutionise" meets "revolutionized". A TF-IDF
   model with sublinear term frequency (``1 + log tf``) is fitted on these
   paragraphs.
2. **Context.** News paragraphs are short and lean on the paragraph before:
   "Scientists still don't really know how *it* works" names its subject
   (the drug) only in the previous paragraph. A paragraph whose first
   sentence contains a pronoun or demonstrative that points back
   (:data:`ANAPHORS`: *it, its, they, this, these, he, she, ...*) is
   therefore represented by its own L2-normalised TF-IDF vector plus
   ``context_weight`` (default :data:`CONTEXT_WEIGHT` = 0.5) times the vector
   of the *preceding* analysed paragraph of the same source and section
   (by ``block_index``), and the sum is L2-normalised again. With 0.5 a
   paragraph's own words always weigh twice as much as its context, while
   a paragraph whose subject is a pronoun inherits the words of its
   antecedent. Paragraphs without such a word name their own subject and
   get no context: adding the previous paragraph's words to them would only
   make unrelated paragraphs look alike. Context never crosses a heading
   (a new ``section``): a heading starts a new topic. Only the paragraph
   *before* is used because pronouns in news prose refer back, not
   forward. ``context_weight=0`` switches context off. ``similarity`` is
   the cosine of these vectors. (Sentences, used for evidence and with
   ``level="sentence"``, get the sentence before them in the same way.)
3. **Aspects.** Two paragraphs can discuss the same aspect of a story in
   different words ("mechanism of action" / "how it works"). The aspect
   lexicon of :mod:`framelens.analysis.aspects` (``lexicons/aspects.csv``:
   mechanism, speed and efficacy, personal use, risks, abuse and
   dependence, evidence, regulation, cost and access, future; or your own
   via ``aspects=``) is matched with the project's lexicon matcher
   (:meth:`framelens.text.lexicon.Lexicon.find`). Each paragraph gets a vector of
   aspect mentions, weighted like words (``1 + log count`` times the
   aspect's inverse paragraph frequency, so an aspect most paragraphs
   mention says less than a rare one), and ``aspect_similarity`` is the
   cosine of these vectors. Aspect vectors use the paragraph's own text
   only: the words of an aspect ("how it works") are what the paragraph
   says, not what it refers to.
4. **Relatedness** combines the two views:
   ``relatedness = (1 - aspect_weight) * similarity + aspect_weight *
   aspect_similarity`` with ``aspect_weight`` = :data:`ASPECT_WEIGHT` = 0.5:
   shared words are precise but miss paraphrase, shared aspects catch
   paraphrase but are coarse (a handful of categories), and neither is more
   trustworthy a priori, so they count equally. When either paragraph
   mentions no aspect at all the aspect view has nothing to say and
   ``relatedness = similarity`` (``aspect_similarity`` is NaN), so stories
   outside the lexicon's domain are aligned by words alone, unpenalised.
   ``aspect_weight=0`` gives pure word similarity; ``shared_aspects`` lists
   the aspects both paragraphs mention. Pairs need ``relatedness >=
   min_similarity`` (and > 0).
5. **Contrast.** ``contrast`` is the largest of the absolute score
   differences over ``contrast_dimensions`` (hype and hedging by default)
   and of the difference in *net hype* (``hype - hedging`` by default, see
   ``net_hype``; columns ``net_hype_a`` / ``net_hype_b``, positive =
   promotional, negative = cautious). ``contrast_dimension`` names the
   largest (single dimensions win ties). For hype and hedging this equals
   ``|Δhype| + |Δhedging|`` when one paragraph is *both* more hyped *and*
   less hedged than the other -- promotional versus cautious, the contrast
   readers most need to see -- and ``max(|Δhype|, |Δhedging|)`` when the
   differences point the same way. Identical framing gives 0; the range is
   [0, 2].
6. **Ranking.** ``informativeness = relatedness * contrast``: a pair must
   be both on the same topic and framed differently to rank high. Rows are
   sorted by informativeness, then relatedness.
7. **Matching** (per pair of sources, then pooled):
   ``match="contrast"`` (default) takes related pairs in order of
   informativeness (ties: relatedness) and keeps a pair unless one of its
   paragraphs already has ``partners`` (default 1) partners in that other
   source: every paragraph gets its most informative partner still free,
   each pair is kept once, and one very cautious (or very promotional)
   paragraph cannot fill the table on its own;
   ``match="mutual"`` keeps pairs that are each other's most *related*
   paragraph (one partner per paragraph, the cleanest topical alignment);
   ``match="best"`` keeps every paragraph's most related partner.
8. **Evidence.** ``sentence_a`` / ``sentence_b`` are the most related pair
   of sentences inside the two paragraphs (same measure, on sentences) and
   ``sentence_similarity`` their relatedness: the place to start reading.
   With ``level="sentence"`` the pairing itself is done between sentences
   (sentences with fewer than :data:`MIN_SENTENCE_TERMS` content words are
   skipped), so that one shared claim inside otherwise different
   paragraphs can pair them; a paragraph pair then takes its best sentence
   pair's values. Scores (and so the contrast) are those of the whole
   paragraphs.

Limits: neither view understands meaning. Words pair paragraphs that share
vocabulary, aspects pair paragraphs that use any of the lexicon's words for
the same aspect ("Research" inside an institute's name counts as
*evidence*), and context can pull in a previous paragraph that is not what
a pronoun refers to (the antecedent may sit earlier in the same sentence,
or two paragraphs back). Aspect similarity is coarse (two paragraphs that
each mention one aspect, the same one, have aspect similarity 1) and tends
to exceed word similarity, so a pair can rank high on a shared aspect with
few shared words: compare ``similarity`` and ``aspect_similarity`` to see
which view put it there, and lower ``aspect_weight`` for stricter,
word-based alignment. Treat the table as a reading list of candidate
contrasts to check by eye, not as a verdict.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import (
    ENGLISH_STOP_WORDS,
    TfidfTransformer,
    TfidfVectorizer,
)
from sklearn.preprocessing import normalize

from framelens.analysis.aspects import ASPECT_DIMENSION, resolve_aspects
from framelens.errors import AnalysisError
from framelens.text.lexicon import LexiconLike
from framelens.analysis.tables import DEFAULT_DIMENSIONS, check_dimensions, check_table, check_text
from framelens.text.tokens import reduce_word, split_sentences, tokenize
from framelens.analysis.words import TOKEN_PATTERN, normalize_for_terms

__all__ = [
    "align_paragraphs",
    "paragraph_similarity",
    "ANAPHORS",
    "ASPECT_WEIGHT",
    "CONTEXT_WEIGHT",
    "MATCH_MODES",
    "MIN_SENTENCE_TERMS",
    "NET_HYPE",
]

#: Sentences with fewer content words than this are not paired on their own
#: (``level="sentence"``): "How does it work?" matches too much by chance.
MIN_SENTENCE_TERMS: int = 3

#: Weight of the preceding paragraph's TF-IDF vector in a paragraph's
#: representation (both unit length): context counts half as much as the
#: paragraph's own words, enough to resolve "it" without drowning the
#: paragraph's own topic.
CONTEXT_WEIGHT: float = 0.5

#: Pronouns and demonstratives that point back to something named earlier.
#: A paragraph (sentence) gets context only when its first sentence contains
#: one: a self-contained paragraph names its own subject, and giving it the
#: previous paragraph's words would only blur it. "that" is left out: it is
#: mostly a conjunction or relative pronoun.
ANAPHORS: frozenset[str] = frozenset(
    {"it", "its", "itself", "they", "them", "their", "theirs", "themselves",
     "this", "these", "those", "he", "him", "his", "himself", "she", "her",
     "hers", "herself"}
)  # fmt: skip

#: Weight of aspect similarity in relatedness (the rest is word similarity):
#: equal weight, as neither view is more reliable a priori.
ASPECT_WEIGHT: float = 0.5

#: The (promotional, cautious) score pair whose difference is *net hype*.
NET_HYPE: tuple[str, str] = ("hype", "hedging")

#: Name of the net-hype contrast in ``contrast_dimension`` and its columns.
NET_HYPE_LABEL: str = "net_hype"

#: Accepted values of ``match``.
MATCH_MODES: tuple[str, ...] = ("contrast", "mutual", "best")

# the same words as distinguishing_words counts (framelens.analysis.words)
_WORD = re.compile(TOKEN_PATTERN)


def _analyzer(text: str) -> list[str]:
    words = _WORD.findall(normalize_for_terms(text))
    return [reduce_word(w) for w in words if w not in ENGLISH_STOP_WORDS and not w.isdigit()]


def _fit(texts: Sequence[str]) -> tuple[TfidfVectorizer, Any]:
    vectorizer = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True, norm="l2")
    try:
        matrix = vectorizer.fit_transform(list(texts))
    except ValueError as exc:  # no content word anywhere
        raise AnalysisError(
            f"align_paragraphs: the paragraphs contain no content words ({exc})"
        ) from exc
    return vectorizer, matrix


def _cosine(x: Any, y: Any) -> np.ndarray:
    prod = x @ y.T
    dense = prod.toarray() if sp.issparse(prod) else np.asarray(prod)
    return np.clip(dense, 0.0, 1.0)


def paragraph_similarity(texts: Sequence[str]) -> np.ndarray:
    """Cosine similarity matrix of TF-IDF vectors (words only, no context).

    Parameters
    ----------
    texts : sequence of str
        Paragraphs; the TF-IDF model is fitted on exactly these.

    Returns
    -------
    ndarray
        ``len(texts) x len(texts)`` matrix with values in [0, 1]; a
        paragraph with no content word has similarity 0 to everything.
    """
    _, matrix = _fit(texts)
    return _cosine(matrix, matrix)


def _with_context(matrix: Any, prev: np.ndarray, weight: float) -> Any:
    """Rows of ``matrix`` plus ``weight`` times the row ``prev[i]`` (if >= 0), re-normalised."""
    if weight == 0 or not (prev >= 0).any():
        return matrix
    n = matrix.shape[0]
    rows = np.flatnonzero(prev >= 0)
    shift = sp.csr_matrix((np.full(len(rows), weight), (rows, prev[rows])), shape=(n, n))
    return normalize(matrix + shift @ matrix, norm="l2")


def _refers_back(text: str) -> bool:
    """True when ``text`` contains one of :data:`ANAPHORS` (``it's`` counts as ``it``)."""
    return any(t.split("'")[0] in ANAPHORS for t in tokenize(text).lower)


def _previous(source: Sequence[Any], section: Sequence[Any], order: Sequence[Any]) -> np.ndarray:
    """Index of the unit just before each unit in its source and section, else -1.

    Units are ordered by ``order`` inside each source.
    """
    frame = pd.DataFrame({"s": list(source), "sec": list(section), "o": list(order)})
    frame["i"] = np.arange(len(frame))
    frame = frame.sort_values(["s", "o"], kind="stable")
    prev = np.full(len(frame), -1, dtype=np.int64)
    last_key: Any = object()
    last_i = -1
    for s, sec, i in zip(frame["s"], frame["sec"], frame["i"], strict=True):
        key = (s, sec)
        if key == last_key:
            prev[i] = last_i
        last_key, last_i = key, i
    return prev


class _Relater:
    """Word, aspect and combined similarity between units (paragraphs or sentences)."""

    def __init__(self, words: Any, aspects: np.ndarray, aspect_weight: float) -> None:
        self.words = words
        self.aspects = aspects
        self.has_aspect = aspects.any(axis=1)
        self.weight = aspect_weight

    def __call__(self, ia: np.ndarray, ib: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(similarity, aspect_similarity with NaN = no opinion, relatedness) of ``ia`` x ``ib``."""
        s = _cosine(self.words[ia], self.words[ib])
        both = self.has_aspect[ia][:, None] & self.has_aspect[ib][None, :]
        a = np.where(both, _cosine(self.aspects[ia], self.aspects[ib]), np.nan)
        r = np.where(both, (1.0 - self.weight) * s + self.weight * np.nan_to_num(a), s)
        return s, a, r


def _pick(
    rel: np.ndarray, info: np.ndarray, match: str, min_similarity: float, partners: int = 1
) -> set[tuple[int, int]]:
    """(row, column) pairs chosen by the matching mode (see the module docstring)."""
    if rel.size == 0:
        return set()
    valid = (rel >= min_similarity) & (rel > 0)
    found: set[tuple[int, int]] = set()
    if match == "contrast":
        # greedy: most informative related pairs first (ties: more related,
        # then table order), each unit in at most ``partners`` pairs
        ii, jj = np.nonzero(valid)
        order = np.lexsort((jj, ii, -rel[ii, jj], -info[ii, jj]))
        used_i = np.zeros(rel.shape[0], dtype=np.int64)
        used_j = np.zeros(rel.shape[1], dtype=np.int64)
        for k in order:
            i, j = int(ii[k]), int(jj[k])
            if used_i[i] < partners and used_j[j] < partners:
                found.add((i, j))
                used_i[i] += 1
                used_j[j] += 1
        return found
    best_col = rel.argmax(axis=1)
    best_row = rel.argmax(axis=0)
    found = {(i, int(j)) for i, j in enumerate(best_col) if match == "best" or best_row[j] == i}
    if match == "best":
        found |= {(int(i), j) for j, i in enumerate(best_row)}
    return {(i, j) for i, j in found if valid[i, j]}


def _segment_max(values: np.ndarray, groups: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """Maximum of ``values`` over runs of equal ``groups`` along ``axis``, and the group ids."""
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    return np.maximum.reduceat(values, starts, axis=axis), groups[starts]


def align_paragraphs(
    scored: pd.DataFrame,
    *,
    min_similarity: float = 0.1,
    top: int | None = 10,
    dimensions: Sequence[str] = DEFAULT_DIMENSIONS,
    contrast_dimensions: Sequence[str] = ("hype", "hedging"),
    net_hype: tuple[str, str] | None = NET_HYPE,
    match: Literal["contrast", "mutual", "best"] = "contrast",
    partners: int = 1,
    level: Literal["paragraph", "sentence"] = "paragraph",
    context_weight: float = CONTEXT_WEIGHT,
    aspects: LexiconLike | None = None,
    aspect_weight: float = ASPECT_WEIGHT,
    by: str = "source_id",
    kinds: Sequence[str] | None = ("body",),
) -> pd.DataFrame:
    """Pairs of paragraphs from different sources on the same topic, contrasts first.

    See the module docstring for the method.

    Parameters
    ----------
    scored : DataFrame
        Scored blocks (``block_index``, ``text``, the source column and the
        score columns; ``section`` is used for context when present).
    min_similarity : float
        Smallest ``relatedness`` for a pair (of paragraphs, or of sentences
        with ``level="sentence"``, where 0.3 is a sensible start).
    top : int or None
        Rows returned (over all source pairs), most informative first;
        ``None`` returns every pair.
    dimensions : sequence of str
        Score columns copied for both sides (``<dim>_a``, ``<dim>_b``).
    contrast_dimensions : sequence of str
        Score columns whose absolute differences enter the ``contrast``.
    net_hype : (str, str) or None
        ``(promotional, cautious)`` score columns; the difference in
        ``promotional - cautious`` between the two sides also enters the
        contrast. ``None`` leaves it out.
    match : {"contrast", "mutual", "best"}
        Every paragraph's most informative related partners (default), mutual
        most related pairs, or every paragraph's most related partner.
    partners : int
        With ``match="contrast"``: most partners a paragraph gets in each
        other source (default 1; raise it to see, e.g., a cautious paragraph
        against several promotional ones). Ignored by the other modes.
    level : {"paragraph", "sentence"}
        Relate whole paragraphs, or single sentences.
    context_weight : float
        Weight in [0, 1] of the preceding paragraph (sentence) in a unit's
        word vector; 0 switches context off.
    aspects : Lexicon, DataFrame, CSV path or list of dicts, optional
        Aspect lexicon (rows with ``dimension == "aspect"``); default
        :func:`framelens.analysis.aspects.load_aspects`.
    aspect_weight : float
        Weight in [0, 1] of aspect similarity in ``relatedness``; 0 = words
        only, 1 = aspects only (when both units mention an aspect).
    by : str
        Column naming the sources.
    kinds : sequence of str or None
        Block kinds analysed.

    Returns
    -------
    DataFrame
        ``source_a, block_a, text_a, source_b, block_b, text_b, similarity,
        aspect_similarity, relatedness, shared_aspects, sentence_a,
        sentence_b, sentence_similarity``, ``<dim>_a, <dim>_b`` for each
        dimension, ``net_hype_a, net_hype_b`` (when ``net_hype`` is given),
        ``contrast``, ``contrast_dimension``, ``informativeness``
        (relatedness x contrast), sorted by informativeness then
        relatedness. ``source_a`` is the source that comes first in the
        table. ``shared_aspects`` is a comma-separated list ("" if none). An
        empty table (with these columns) means no pair reached
        ``min_similarity``.

    Raises
    ------
    AnalysisError
        Fewer than two sources, missing columns, scores or text, bad
        parameters.
    LexiconError
        The aspect lexicon has no ``aspect`` rows.

    Examples
    --------
    >>> scored = framelens.score_frame(framelens.load_corpus("data/raw"))  # doctest: +SKIP
    >>> framelens.align_paragraphs(scored, top=5)                         # doctest: +SKIP
    """
    func = "align_paragraphs"
    dims = check_dimensions(dimensions, func)
    cdims = check_dimensions(contrast_dimensions, func)
    if match not in MATCH_MODES:
        raise AnalysisError(f"{func}: match must be one of {list(MATCH_MODES)}, got {match!r}")
    if level not in ("paragraph", "sentence"):
        raise AnalysisError(f"{func}: level must be 'paragraph' or 'sentence', got {level!r}")
    for name, value in (("min_similarity", min_similarity), ("context_weight", context_weight),
                        ("aspect_weight", aspect_weight)):  # fmt: skip
        if not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise AnalysisError(f"{func}: {name} must be a number in [0, 1], got {value!r}")
    if isinstance(partners, bool) or not isinstance(partners, (int, np.integer)) or partners < 1:
        raise AnalysisError(f"{func}: partners must be a positive integer, got {partners!r}")
    if top is not None and int(top) < 1:
        raise AnalysisError(f"{func}: top must be a positive integer or None, got {top!r}")
    if net_hype is not None:
        if isinstance(net_hype, str) or len(tuple(net_hype)) != 2:
            raise AnalysisError(
                f"{func}: net_hype must be a (promotional, cautious) pair of score "
                f"columns or None, got {net_hype!r}"
            )
        net_hype = (str(net_hype[0]), str(net_hype[1]))
    all_dims = tuple(dict.fromkeys([*dims, *cdims, *(net_hype or ())]))
    rows = check_table(
        scored, func=func, columns=("block_index", "text"), kinds=kinds, by=by,
        dimensions=all_dims, min_groups=2,
    )  # fmt: skip
    rows = rows.reset_index(drop=True)
    for src, block, text in zip(rows[by], rows["block_index"], rows["text"], strict=True):
        check_text(text, src, block, func)
    texts = rows["text"].tolist()
    n_par = len(texts)
    sections = rows["section"].tolist() if "section" in rows.columns else [""] * n_par
    sections = [s if isinstance(s, str) else "" if s is None or pd.isna(s) else s for s in sections]
    vectorizer, par_words = _fit(texts)
    par_prev = _previous(rows[by], sections, rows["block_index"])

    # sentences of every paragraph (in paragraph order), with their context
    sent_par: list[int] = []
    sent_span: list[tuple[int, int]] = []
    for p, text in enumerate(texts):
        for span in split_sentences(text) or [(0, len(text))]:
            sent_par.append(p)
            sent_span.append(span)
    sent_par_arr = np.asarray(sent_par, dtype=np.int64)
    sent_text = [texts[p][s:e] for p, (s, e) in zip(sent_par, sent_span, strict=True)]
    first_sent = np.searchsorted(sent_par_arr, np.arange(n_par), side="left")
    last_sent = np.searchsorted(sent_par_arr, np.arange(n_par), side="right") - 1
    sent_prev = np.arange(len(sent_par)) - 1
    starts = first_sent[sent_par_arr] == np.arange(len(sent_par))
    sent_prev[starts] = np.where(par_prev[sent_par_arr[starts]] >= 0,
                                 last_sent[par_prev[sent_par_arr[starts]]], -1)  # fmt: skip
    # context only where the unit refers back (see ANAPHORS)
    sent_refers = np.array([_refers_back(t) for t in sent_text], dtype=bool)
    sent_prev[~sent_refers] = -1
    par_prev = np.where(sent_refers[first_sent], par_prev, -1)
    sent_raw = vectorizer.transform(sent_text)
    sent_terms = np.diff(sent_raw.indptr)  # distinct content words per sentence

    # aspect mentions, per paragraph and per sentence
    matcher, aspect_order = resolve_aspects(aspects).split_categories(ASPECT_DIMENSION)
    aspect_col = {a: k for k, a in enumerate(aspect_order)}
    par_asp = np.zeros((n_par, len(aspect_order)))
    sent_asp = np.zeros((len(sent_par), len(aspect_order)))
    for p, text in enumerate(texts):
        for m in matcher.find(text):
            k = aspect_col.get(m.category)
            if k is None:
                continue
            par_asp[p, k] += 1
            for q in range(first_sent[p], last_sent[p] + 1):
                if sent_span[q][0] <= m.start < sent_span[q][1]:
                    sent_asp[q, k] += 1
                    break
    idf = TfidfTransformer(sublinear_tf=True).fit(par_asp)

    par_rel = _Relater(
        _with_context(par_words, par_prev, context_weight),
        idf.transform(par_asp).toarray(), aspect_weight,
    )  # fmt: skip
    sent_rel = _Relater(
        _with_context(sent_raw, sent_prev, context_weight),
        idf.transform(sent_asp).toarray(), aspect_weight,
    )  # fmt: skip
    sent_usable = sent_terms >= MIN_SENTENCE_TERMS

    groups = list(pd.unique(rows[by]))
    group_of = rows[by].to_numpy()
    scores = rows[list(all_dims)].to_numpy(dtype=float)

    # contrast components: each contrast dimension, then net hype
    comp_names = list(cdims)
    comp_values = [scores[:, all_dims.index(d)] for d in cdims]
    if net_hype is not None:
        comp_names.append(NET_HYPE_LABEL)
        net = scores[:, all_dims.index(net_hype[0])] - scores[:, all_dims.index(net_hype[1])]
        comp_values.append(net)
    comp = np.column_stack(comp_values)

    columns = ["source_a", "block_a", "text_a", "source_b", "block_b", "text_b", "similarity",
               "aspect_similarity", "relatedness", "shared_aspects",
               "sentence_a", "sentence_b", "sentence_similarity"]  # fmt: skip
    columns += [f"{d}_{side}" for d in dims for side in ("a", "b")]
    if net_hype is not None:
        columns += [f"{NET_HYPE_LABEL}_a", f"{NET_HYPE_LABEL}_b"]
    columns += ["contrast", "contrast_dimension", "informativeness"]

    sources = rows[by].tolist()
    blocks = rows["block_index"].tolist()
    records: list[dict[str, Any]] = []
    for a, b in itertools.combinations(groups, 2):
        ia = np.flatnonzero(group_of == a)
        ib = np.flatnonzero(group_of == b)
        # all sentences of the two sources (contiguous per paragraph, in order)
        sa = np.flatnonzero(group_of[sent_par_arr] == a)
        sb = np.flatnonzero(group_of[sent_par_arr] == b)
        s_sent, a_sent, r_sent = sent_rel(sa, sb)
        if level == "paragraph":
            s_par, a_par, rel = par_rel(ia, ib)
        else:
            ua, ub = sent_usable[sa], sent_usable[sb]
            rel = np.zeros((len(ia), len(ib)))
            if ua.any() and ub.any():
                r_use = r_sent[np.ix_(ua, ub)]
                rmax, pa_ids = _segment_max(r_use, sent_par_arr[sa[ua]], axis=0)
                rmax, pb_ids = _segment_max(rmax, sent_par_arr[sb[ub]], axis=1)
                rel[np.ix_(np.searchsorted(ia, pa_ids), np.searchsorted(ib, pb_ids))] = rmax
        contrast = np.abs(comp[ia][:, None, :] - comp[ib][None, :, :])
        best_k = contrast.argmax(axis=2)
        contrast = contrast.max(axis=2)
        for i, j in sorted(_pick(rel, rel * contrast, match, min_similarity, int(partners))):
            pa, pb = int(ia[i]), int(ib[j])
            # evidence: the most related sentences inside the two paragraphs
            ka = np.flatnonzero(sent_par_arr[sa] == pa)
            kb = np.flatnonzero(sent_par_arr[sb] == pb)
            if level == "sentence":
                ka, kb = ka[sent_usable[sa[ka]]], kb[sent_usable[sb[kb]]]
            block = r_sent[np.ix_(ka, kb)]
            x, y = np.unravel_index(int(block.argmax()), block.shape)
            ea, eb = int(ka[x]), int(kb[y])
            if level == "paragraph":
                s_ab, a_ab, r_ab = float(s_par[i, j]), float(a_par[i, j]), float(rel[i, j])
            else:
                s_ab, a_ab, r_ab = (float(s_sent[ea, eb]), float(a_sent[ea, eb]),
                                    float(r_sent[ea, eb]))  # fmt: skip
            shared = [n for c, n in enumerate(aspect_order) if par_asp[pa, c] and par_asp[pb, c]]
            rec: dict[str, Any] = {
                "source_a": sources[pa],
                "block_a": blocks[pa],
                "text_a": texts[pa],
                "source_b": sources[pb],
                "block_b": blocks[pb],
                "text_b": texts[pb],
                "similarity": s_ab,
                "aspect_similarity": a_ab,
                "relatedness": r_ab,
                "shared_aspects": ", ".join(shared),
                "sentence_a": sent_text[sa[ea]],
                "sentence_b": sent_text[sb[eb]],
                "sentence_similarity": float(r_sent[ea, eb]),
            }
            for d in dims:
                rec[f"{d}_a"] = scores[pa, all_dims.index(d)]
                rec[f"{d}_b"] = scores[pb, all_dims.index(d)]
            if net_hype is not None:
                rec[f"{NET_HYPE_LABEL}_a"] = float(comp[pa, -1])
                rec[f"{NET_HYPE_LABEL}_b"] = float(comp[pb, -1])
            rec["contrast"] = float(contrast[i, j])
            rec["contrast_dimension"] = comp_names[int(best_k[i, j])]
            rec["informativeness"] = r_ab * float(contrast[i, j])
            records.append(rec)

    if not records:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    out = pd.DataFrame.from_records(records, columns=columns)
    out = out.sort_values(
        ["informativeness", "relatedness", "source_a", "block_a", "block_b"],
        ascending=[False, False, True, True, True], kind="stable",
    ).reset_index(drop=True)  # fmt: skip
    return out.head(int(top)) if top is not None else out
