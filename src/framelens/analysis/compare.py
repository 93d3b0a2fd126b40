"""Compare framing scores across sources with honest statistics.

A news corpus usually has a handful of sources and a dozen or two body
paragraphs per source, so every difference between two sources' average
scores carries a lot of sampling noise. This module reports that noise next to
every number instead of ranking sources on it:

* :func:`summarize_sources` -- per source and dimension: paragraph count,
  mean with a confidence interval, standard deviation and median;
* :func:`compare_sources` -- per pair of sources and dimension: the
  difference of means with a confidence interval, two effect sizes (Hedges'
  g and Cliff's delta), a permutation-test p-value, the p-value adjusted for
  the number of comparisons (Holm or Benjamini-Hochberg), and a
  plain-language verdict that says "no clear difference" unless the evidence
  is clear;
* :func:`compare_one_vs_rest` -- the same for each source against all other
  sources pooled: a table that grows linearly with the number of sources;
* :func:`describe_comparison` -- one sentence for a row of either table, so
  that a notebook's interpretation is computed from the numbers rather than
  typed in.

Statistical choices
-------------------
*Unit of analysis.* The paragraph (a ``body`` block by default). Paragraphs of
one article are not independent draws, so intervals describe the variation
between paragraphs of the articles at hand; they say nothing about other
articles from the same outlet.

*Bootstrap intervals* are percentile intervals over paragraphs resampled with
replacement (Efron & Tibshirani 1993, ch. 13). Percentile rather than BCa was
chosen because lexicon scores are often zero for most paragraphs: the BCa
acceleration, estimated by the jackknife, is undefined when every value is
equal and unstable when all but one or two are, while the percentile interval
stays defined and is easy to explain. Known limit: with about ten paragraphs
percentile intervals are somewhat too narrow (they ignore the
``sqrt(n / (n - 1))`` factor), so treat them as descriptive.

*Large sources.* From :data:`NORMAL_FROM` paragraphs per source on, the
sampling distribution of a mean is normal to within resampling noise
(central limit theorem), so the bootstrap adds nothing but time: intervals
are ``mean +- z * sd / sqrt(n)`` (``ci_method="normal"`` in
:func:`summarize_sources`), a difference of two large sources gets the
Welch-style interval ``diff +- z * sqrt(sd_a^2 / n_a + sd_b^2 / n_b)`` and
the normal (large-sample Welch) test (``p_method="normal"``); a large source
compared with a small one contributes normal draws of its mean to the
bootstrap of the difference.

*Permutation test* of the difference of means, two-sided: the paragraphs of
both groups are pooled and re-split, and the p-value is the share of splits
whose difference is at least as large as the observed one. When the number
of distinct splits is small enough every split is enumerated and the
p-value is exact (``p_method="exact"``); otherwise random splits are drawn
and the p-value is ``(1 + #{|d*| >= |d|}) / (1 + draws)`` (Phipson & Smyth
2010), never zero (``p_method="monte carlo"``).

*How many random splits.* A Monte-Carlo p-value cannot go below
``1 / (draws + 1)``, and after a correction for ``m`` comparisons a
difference can only be clear if its p-value is below about ``alpha / m``.
With ``n_perm=None`` (the default) the number of draws is therefore chosen
from the table: ``draws = max(10,000, 20 m / alpha)`` (:data:`MC_MARGIN`),
so the smallest possible p-value is twenty times below ``alpha / m`` and the
resolution of the test never decides the verdict (264 comparisons of 12
sources x 4 dimensions: 105,600 draws). To keep this fast, the draws are
made in two stages (a truncated sequential Monte-Carlo test in the spirit of
Besag & Clifford 1991): every comparison first gets the first 10,000 draws
(:data:`MC_FIRST`). A comparison with at least 100 splits as extreme as the
observed one among them (:data:`MC_HITS`; p of about 0.01 or more) stops
there: its p-value is then known to a Monte-Carlo standard error of at most
about 10 % of itself, enough for any correction. Only the others, the small
p-values whose size the correction depends on, go on to the full count or
to complete enumeration. Each p-value is valid on its own, and so is the
two-stage rule, because the rule to continue is fixed in advance. The
random splits depend only on the seed and the two group sizes, so they are
drawn once and shared by every comparison of groups of those sizes.

*Multiple comparisons.* ``p_holm`` applies Holm's (1979) step-down
correction across every row of the table (all pairs x all dimensions); it
controls the family-wise error rate, the chance of any false "clear
difference", under any dependence between the tests. ``correction="fdr_bh"``
uses the Benjamini & Hochberg (1995) step-up adjustment instead, which
controls the expected share of false ones among the clear differences (the
false discovery rate) and finds more differences when many are real.
``p_adjusted`` holds the chosen adjustment and decides the verdict.

*Effect sizes.* Hedges' g is the standardised mean difference with the
small-sample correction ``J = 1 - 3 / (4 (n_a + n_b) - 9)`` (Hedges 1981).
Cliff's delta (Cliff 1993) is ``P(a > b) - P(a < b)`` over all pairs of
paragraphs; it does not assume normality and suits a dozen skewed scores.
Its size labels use the thresholds of Romano et al. (2006): negligible below
0.147, small below 0.33, medium below 0.474, large otherwise.

Randomness is drawn from :func:`numpy.random.default_rng` seeded with
``seed`` and the names of the sources involved (bootstrap) or the group
sizes (permutation splits), so a given source's summary, and a pair's
interval, does not change when other sources are added to the corpus. (Its
p-value may: the number of draws grows with the number of comparisons.)
"""

from __future__ import annotations

import itertools
import math
import statistics
import warnings
import zlib
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from framelens.errors import AnalysisError
from framelens.analysis.tables import (
    DEFAULT_DIMENSIONS,
    as_tuple,
    check_dimensions,
    check_table,
    group_order,
)

__all__ = [
    "DEFAULT_DIMENSIONS",
    "summarize_sources",
    "compare_sources",
    "compare_one_vs_rest",
    "describe_comparison",
    "holm_adjust",
    "fdr_bh_adjust",
    "cliffs_delta_label",
]


#: Below this many paragraphs a source's interval gets a "few paragraphs" note.
SMALL_N: int = 5

#: From this many paragraphs per source on, intervals (and tests between two
#: such sources) use the normal approximation instead of resampling.
NORMAL_FROM: int = 1000

#: With ``n_perm=None``: draws = max(MC_FIRST, MC_MARGIN * m / alpha).
MC_MARGIN: int = 20

#: Draws every Monte-Carlo comparison gets in the first stage.
MC_FIRST: int = 10_000

#: A comparison goes on to the full number of draws when fewer than this many
#: first-stage splits are as extreme as the observed one (its p-value is
#: then below about MC_HITS / MC_FIRST and not yet known to within ~10 %).
MC_HITS: int = 100

#: Adjustments accepted by ``correction``.
CORRECTIONS: tuple[str, ...] = ("holm", "fdr_bh")

_CORRECTION_NAMES: Mapping[str, str] = MappingProxyType(
    {"holm": "Holm-adjusted", "fdr_bh": "BH-adjusted"}
)

#: Romano et al. (2006) thresholds for |Cliff's delta|: (upper bound, label).
CLIFFS_DELTA_THRESHOLDS: tuple[tuple[float, str], ...] = (
    (0.147, "negligible"),
    (0.33, "small"),
    (0.474, "medium"),
    (math.inf, "large"),
)

#: How a sentence says "source A scores higher than B" for each dimension.
DIMENSION_PHRASES: Mapping[str, str] = MappingProxyType(
    {
        "hype": "uses more hype language than",
        "hedging": "hedges more than",
        "balance": "gives more balance (caveats, other sides) than",
        "sentiment": "is more positive in tone than",
    }
)

_NOTE_SINGLE = "only 1 paragraph: no interval or spread"
_NOTE_SMALL = "fewer than {k} paragraphs: interval is rough"
_NOTE_CONSTANT = "all values equal: interval has zero width"


def _rng(seed: int, *names: object) -> np.random.Generator:
    """Generator seeded by ``seed`` and stable hashes of ``names``."""
    keys = [zlib.crc32(str(n).encode("utf-8")) for n in names]
    return np.random.default_rng([int(seed), *keys])


def _percentile_interval(boot: np.ndarray, ci: float) -> tuple[np.ndarray, np.ndarray]:
    alpha = 1.0 - ci
    low, high = np.quantile(boot, [alpha / 2, 1 - alpha / 2], axis=0)
    return low, high


#: Largest number of array elements a resampling step materialises at once;
#: bigger jobs are done in chunks so memory stays flat for long articles.
_CHUNK_ELEMENTS: int = 4_000_000


def _chunks(n_draws: int, row_size: int) -> list[int]:
    """Split ``n_draws`` resamples into chunks of bounded memory."""
    per_chunk = max(1, _CHUNK_ELEMENTS // max(1, row_size))
    sizes = [per_chunk] * (n_draws // per_chunk)
    if n_draws % per_chunk:
        sizes.append(n_draws % per_chunk)
    return sizes


#: From this many rows on, a resample's mean is computed from how often each
#: row was drawn (``bincount @ x``) instead of gathering the drawn rows: the
#: same resamples, about six times faster at 20,000 rows, equal to ~1e-15.
_COUNTS_FROM_ROWS: int = 2_000


def _bootstrap_means(x: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Means of ``n_boot`` resamples (with replacement) of the rows of ``x``."""
    n = x.shape[0]
    parts = []
    for size in _chunks(n_boot, n * x.shape[1]):
        idx = rng.integers(0, n, size=(size, n))
        if n >= _COUNTS_FROM_ROWS:
            parts.append(np.stack([np.bincount(row, minlength=n) @ x for row in idx]) / n)
        else:
            parts.append(x[idx].mean(axis=1))
    return np.concatenate(parts)  # (n_boot, n_dims)


def _cliffs_delta(xa: np.ndarray, xb: np.ndarray) -> np.ndarray:
    """Cliff's delta per column via mid-ranks (ties count half)."""
    n_a, n_b = xa.shape[0], xb.shape[0]
    from scipy.stats import rankdata  # scipy.stats costs ~1-2 s to import: only when comparing

    out = np.empty(xa.shape[1])
    for j in range(xa.shape[1]):  # one column at a time: flat memory for large sources
        ranks = rankdata(np.concatenate([xa[:, j], xb[:, j]]))  # average ranks for ties
        u = ranks[:n_a].sum() - n_a * (n_a + 1) / 2  # #(a > b) + #(a == b) / 2
        out[j] = (2 * u - n_a * n_b) / (n_a * n_b)
    return out


def _check_ci(ci: float, n: int, name: str, func: str) -> None:
    if not 0 < ci < 1:
        raise AnalysisError(f"{func}: ci must be between 0 and 1, got {ci}")
    if int(n) < 1:
        raise AnalysisError(f"{func}: {name} must be a positive integer, got {n}")


# ---------------------------------------------------------------------------
# summaries
# ---------------------------------------------------------------------------


def summarize_sources(
    scored: pd.DataFrame,
    *,
    dimensions: Sequence[str] = DEFAULT_DIMENSIONS,
    by: str = "source_id",
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = 0,
    kinds: Sequence[str] | None = ("body",),
) -> pd.DataFrame:
    """Mean score per source with a confidence interval.

    The interval is a bootstrap percentile interval, or for a source of
    :data:`NORMAL_FROM` or more paragraphs the normal interval
    ``mean +- z * sd / sqrt(n)``, which the bootstrap would reproduce to
    within its own resampling noise at a fraction of the cost
    (``ci_method`` says which).

    Parameters
    ----------
    scored : DataFrame
        Scored blocks (Blocks contract columns plus score columns).
    dimensions : sequence of str
        Score columns to summarise.
    by : str
        Column that names the groups (sources).
    n_boot : int
        Bootstrap resamples of the paragraphs.
    ci : float
        Confidence level of the percentile interval.
    seed : int
        Random seed; the same seed gives the same intervals.
    kinds : sequence of str or None
        Block kinds analysed (``None`` = all rows).

    Returns
    -------
    DataFrame
        One row per source x dimension, sources in order of first appearance:
        ``<by>, dimension, n, mean, ci_low, ci_high, ci_method, sd, median,
        note``; ``ci_method`` is ``"bootstrap"`` or ``"normal"``.
        ``n`` counts paragraphs. With ``n == 1`` the interval and ``sd`` are
        NaN and ``note`` says so; ``note`` also flags fewer than
        :data:`SMALL_N` paragraphs and zero-width intervals. Otherwise it is
        ``""``.

    Raises
    ------
    AnalysisError
        Missing columns, non-finite scores, no rows of the wanted kinds, or a
        source with no rows of those kinds (n = 0; the message names it).
    """
    func = "summarize_sources"
    dims = check_dimensions(dimensions, func)
    _check_ci(ci, n_boot, "n_boot", func)
    rows = check_table(scored, func=func, columns=(), kinds=kinds, by=by, dimensions=dims)

    records: list[dict[str, Any]] = []
    groups = group_order(rows, by)
    values = rows[list(dims)].to_numpy(dtype=float)
    codes = pd.Categorical(rows[by], categories=groups).codes
    for i, group in enumerate(groups):
        x = values[codes == i]
        n = x.shape[0]
        mean = x.mean(axis=0)
        median = np.median(x, axis=0)
        ci_method = "normal" if n >= NORMAL_FROM else "bootstrap"
        if n >= NORMAL_FROM:
            sd = x.std(axis=0, ddof=1)
            half = _z(ci) * sd / math.sqrt(n)
            low, high = mean - half, mean + half
        elif n >= 2:
            sd = x.std(axis=0, ddof=1)
            boot = _bootstrap_means(x, int(n_boot), _rng(seed, "summary", group))
            low, high = _percentile_interval(boot, ci)
        else:
            sd = low = high = np.full(len(dims), np.nan)
        for j, dim in enumerate(dims):
            if n == 1:
                note = _NOTE_SINGLE
            elif sd[j] == 0:
                note = _NOTE_CONSTANT
            elif n < SMALL_N:
                note = _NOTE_SMALL.format(k=SMALL_N)
            else:
                note = ""
            records.append(
                {
                    by: group,
                    "dimension": dim,
                    "n": n,
                    "mean": mean[j],
                    "ci_low": low[j],
                    "ci_high": high[j],
                    "ci_method": ci_method,
                    "sd": sd[j],
                    "median": median[j],
                    "note": note,
                }
            )
    return pd.DataFrame.from_records(records)


# ---------------------------------------------------------------------------
# pairwise comparison
# ---------------------------------------------------------------------------


def holm_adjust(p_values: Sequence[float] | np.ndarray) -> np.ndarray:
    """Holm (1979) step-down adjusted p-values.

    Parameters
    ----------
    p_values : array-like of float
        Raw p-values; NaN entries are left NaN and not counted as tests.

    Returns
    -------
    ndarray
        Adjusted p-values in the input order; each is >= its raw value and
        at most 1.

    Examples
    --------
    >>> holm_adjust([0.01, 0.04, 0.03]).round(2).tolist()
    [0.03, 0.06, 0.06]
    """
    p = np.asarray(p_values, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = np.flatnonzero(~np.isnan(p))
    m = ok.size
    if m == 0:
        return out
    order = ok[np.argsort(p[ok], kind="stable")]
    scaled = (m - np.arange(m)) * p[order]
    out[order] = np.minimum(np.maximum.accumulate(scaled), 1.0)
    return out


def fdr_bh_adjust(p_values: Sequence[float] | np.ndarray) -> np.ndarray:
    """Benjamini & Hochberg (1995) step-up adjusted p-values.

    The adjusted value of the i-th smallest of ``m`` p-values is
    ``min over j >= i of m * p_(j) / j``; declaring clear every comparison
    with an adjusted value below ``alpha`` keeps the expected share of false
    discoveries at or below ``alpha`` (for independent or positively
    dependent tests).

    Parameters
    ----------
    p_values : array-like of float
        Raw p-values; NaN entries are left NaN and not counted as tests.

    Returns
    -------
    ndarray
        Adjusted p-values in the input order; each is >= its raw value, at
        most 1 and at most the Holm-adjusted value.

    Examples
    --------
    >>> fdr_bh_adjust([0.01, 0.04, 0.03]).round(2).tolist()
    [0.03, 0.04, 0.04]
    """
    p = np.asarray(p_values, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = np.flatnonzero(~np.isnan(p))
    m = ok.size
    if m == 0:
        return out
    order = ok[np.argsort(p[ok], kind="stable")]
    scaled = m * p[order] / np.arange(1, m + 1)
    out[order] = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    return out


def _adjust(p: np.ndarray, correction: str) -> np.ndarray:
    return holm_adjust(p) if correction == "holm" else fdr_bh_adjust(p)


def cliffs_delta_label(delta: float) -> str:
    """Size label of Cliff's delta (Romano et al. 2006 thresholds)."""
    if not np.isfinite(delta):
        return "undefined"
    for bound, label in CLIFFS_DELTA_THRESHOLDS:
        if abs(delta) < bound:
            return label
    return "large"  # pragma: no cover - the last bound is infinite


# ---------------------------------------------------------------------------
# permutation splits
# ---------------------------------------------------------------------------

#: Pooled groups up to this size are split with a 0/1 indicator matrix (one
#: matrix product per chunk); larger ones with index arrays.
_INDICATOR_MAX_N: int = 64

#: Bytes of split chunks kept for reuse within one call.
_CACHE_BYTES: int = 96_000_000


class _Splits:
    """Seeded splits of ``n`` pooled rows into ``k`` and ``n - k``, in chunks.

    Chunk ``i`` of the random splits depends only on ``(seed, n, k, i)``, so
    every comparison of groups of these sizes sees the same draws, and the
    first stage's draws are the start of the full set. Chunks are cached
    within a call up to :data:`_CACHE_BYTES`.
    """

    def __init__(self, seed: int) -> None:
        self.seed = int(seed)
        self.cache: dict[tuple[Any, ...], np.ndarray] = {}
        self.cached_bytes = 0

    @staticmethod
    def chunk_rows(n: int, k: int) -> int:
        width = n if n <= _INDICATOR_MAX_N else k
        return max(1, min(MC_FIRST, _CHUNK_ELEMENTS // max(1, width)))

    def _keep(self, key: tuple[Any, ...], value: np.ndarray) -> np.ndarray:
        if self.cached_bytes + value.nbytes <= _CACHE_BYTES:
            self.cache[key] = value
            self.cached_bytes += value.nbytes
        return value

    @staticmethod
    def _as_splits(idx: np.ndarray, n: int) -> np.ndarray:
        if n > _INDICATOR_MAX_N:
            return idx
        ind = np.zeros((idx.shape[0], n))
        np.put_along_axis(ind, idx, 1.0, axis=1)
        return ind

    def random(self, n: int, k: int, i: int) -> np.ndarray:
        """Chunk ``i`` of the random splits (indicator or index rows)."""
        key = ("random", n, k, i)
        if key in self.cache:
            return self.cache[key]
        rng = _rng(self.seed, "split", n, k, i)
        size = self.chunk_rows(n, k)
        if k * k <= n:  # few collisions: draw indices, redraw rows with repeats
            idx = rng.integers(0, n, size=(size, k))
            while True:
                srt = np.sort(idx, axis=1)
                bad = np.flatnonzero((np.diff(srt, axis=1) == 0).any(axis=1))
                if bad.size == 0:
                    break
                idx[bad] = rng.integers(0, n, size=(bad.size, k))
        else:
            idx = np.argpartition(rng.random((size, n)), k - 1, axis=1)[:, :k]
        return self._keep(key, self._as_splits(idx.astype(np.intp), n))

    def exact(self, n: int, k: int) -> Iterator[np.ndarray]:
        """Every split, in chunks (lexicographic order of the k-subsets)."""
        key = ("exact", n, k)
        if key in self.cache:
            yield from self.cache[key]
            return
        size = self.chunk_rows(n, k)
        combos = itertools.combinations(range(n), k)
        kept: list[np.ndarray] = []
        while True:
            flat = np.fromiter(
                itertools.chain.from_iterable(itertools.islice(combos, size)), dtype=np.intp
            )
            if flat.size == 0:
                break
            chunk = self._as_splits(flat.reshape(-1, k), n)
            kept.append(chunk)
            yield chunk
        nbytes = sum(c.nbytes for c in kept)
        if self.cached_bytes + nbytes <= _CACHE_BYTES:
            self.cache[key] = kept  # type: ignore[assignment]
            self.cached_bytes += nbytes


def _count_extreme(
    chunks: Iterator[np.ndarray] | list[np.ndarray],
    pooled: np.ndarray,
    k: int,
    observed: np.ndarray,
) -> tuple[np.ndarray, int]:
    """Per column, how many splits give ``|mean_k - mean_rest| >= observed``.

    With ``s`` the sum of the ``k`` chosen rows and ``T`` the total, the
    difference is ``s (1/k + 1/(n-k)) - T/(n-k)``, so a split is extreme when
    ``s`` lies outside an interval computed once: two comparisons per split.
    """
    n = pooled.shape[0]
    total = pooled.sum(axis=0)
    scale = 1 / k + 1 / (n - k)
    # tolerance so that splits tying the observed difference count as extreme
    threshold = observed - 1e-9 * np.maximum(1.0, observed)
    upper = (total / (n - k) + threshold) / scale
    lower = (total / (n - k) - threshold) / scale
    columns = [np.ascontiguousarray(pooled[:, j]) for j in range(pooled.shape[1])]
    extreme = np.zeros(pooled.shape[1], dtype=np.int64)
    draws = 0
    for chunk in chunks:
        for j, x in enumerate(columns):
            if threshold[j] <= 0:  # no difference observed: every split is as extreme
                extreme[j] += chunk.shape[0]
                continue
            if n <= _INDICATOR_MAX_N:
                # a matrix-vector product per column: on a busy machine a
                # multi-threaded matrix product of this shape is several times slower
                sums = chunk @ x
            else:
                sums = x[chunk].sum(axis=1)
            extreme[j] += np.count_nonzero(sums >= upper[j]) + np.count_nonzero(sums <= lower[j])
        draws += chunk.shape[0]
    return extreme, draws


# Why not scipy.stats.permutation_test (scipy 1.17, measured on this 2-CPU
# machine; tests/test_compare.py checks the first point):
# - exact p-values are identical: with statistic |mean(a) - mean(b)| and
#   alternative="greater", scipy's complete enumeration gives the same p as
#   exact() below, ties included (3x4 to 10x10 groups, with and without ties);
# - Monte-Carlo p-values cannot be identical, only equal in distribution:
#   scipy draws its own permutations, while these splits are seeded by the
#   group sizes, shared by every comparison of the same sizes and reused by
#   the second stage, which scipy's interface cannot express (a second call
#   draws again from the start);
# - it is 6-10x slower per comparison (10 vs 10 paragraphs x 4 dimensions,
#   10,000 draws: 22 ms against 2.2 ms; 10 vs 110, 105,600 draws: 0.80 s
#   against 0.087 s), 25x on exact enumeration (8 vs 8: 83 ms against 3.3 ms),
#   because it permutes and averages every pooled row per draw where this
#   code sums the smaller group's rows once per split (_count_extreme) and
#   draws each set of splits once; end to end on 12 sources x 10 paragraphs
#   (benchmarks/compare.py's 12x10 table), compare_sources takes 2.8-3.0 s
#   with it against 0.15 s, compare_one_vs_rest 1.3 s against 0.06 s, with
#   the same verdicts.
def _permutation_p(
    xa: np.ndarray,
    xb: np.ndarray,
    *,
    draws: int,
    staged: bool,
    splits: _Splits,
) -> tuple[np.ndarray, list[str]]:
    """Two-sided permutation p-values of mean(a) - mean(b), per column.

    Exact when the number of distinct splits is at most the number of draws
    the comparison would get; otherwise Monte Carlo, in two stages when
    ``staged`` (see the module notes).
    """
    small, large = (xa, xb) if xa.shape[0] <= xb.shape[0] else (xb, xa)
    k, n = small.shape[0], xa.shape[0] + xb.shape[0]
    pooled = np.vstack([small, large])
    observed = np.abs(xa.mean(axis=0) - xb.mean(axis=0))
    n_dims = pooled.shape[1]
    n_splits = math.comb(n, k)
    per_chunk = splits.chunk_rows(n, k)
    first = min(draws, MC_FIRST) if staged else draws

    def exact() -> np.ndarray:
        extreme, counted = _count_extreme(splits.exact(n, k), pooled, k, observed)
        return extreme / counted

    def monte_carlo(start: int, stop: int) -> tuple[np.ndarray, int]:
        """Count over random draws number ``start`` to ``stop - 1``."""
        chunks = (
            splits.random(n, k, i)[max(0, start - i * per_chunk) : stop - i * per_chunk]
            for i in range(start // per_chunk, math.ceil(stop / per_chunk))
        )
        return _count_extreme(chunks, pooled, k, observed)

    if n_splits <= first:
        return exact(), ["exact"] * n_dims
    extreme, counted = monte_carlo(0, first)
    p = (extreme + 1) / (counted + 1)
    methods = ["monte carlo"] * n_dims
    if not staged or counted >= draws:
        return p, methods
    go_on = extreme < MC_HITS
    if not go_on.any():
        return p, methods
    if n_splits <= draws:
        full = exact()
        for j in np.flatnonzero(go_on):
            methods[j] = "exact"
    else:
        more, more_counted = monte_carlo(first, draws)
        full = (extreme + more + 1) / (counted + more_counted + 1)
    return np.where(go_on, full, p), methods


def _normal_p(xa: np.ndarray, xb: np.ndarray) -> np.ndarray:
    """Two-sided large-sample (Welch) z-test of mean(a) - mean(b), per column."""
    diff = xa.mean(axis=0) - xb.mean(axis=0)
    se = np.sqrt(xa.var(axis=0, ddof=1) / xa.shape[0] + xb.var(axis=0, ddof=1) / xb.shape[0])
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(se > 0, np.abs(diff) / se, np.where(diff == 0, 0.0, np.inf))
    return np.array([math.erfc(v / math.sqrt(2)) for v in z])


def _z(ci: float) -> float:
    return statistics.NormalDist().inv_cdf(0.5 + ci / 2)


def _resampled_means(x: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Bootstrap means of ``x``, or normal draws of its mean for a large source."""
    n = x.shape[0]
    if n >= NORMAL_FROM:
        se = x.std(axis=0, ddof=1) / math.sqrt(n)
        return x.mean(axis=0) + rng.standard_normal((n_boot, x.shape[1])) * se
    return _bootstrap_means(x, n_boot, rng)


def _check_correction(correction: str, alpha: float, n_perm: int | None, func: str) -> None:
    if correction not in CORRECTIONS:
        raise AnalysisError(
            f"{func}: correction must be one of {', '.join(map(repr, CORRECTIONS))}, "
            f"got {correction!r}"
        )
    if not 0 < alpha < 1:
        raise AnalysisError(f"{func}: alpha must be between 0 and 1, got {alpha}")
    if n_perm is not None and int(n_perm) < 1:
        raise AnalysisError(f"{func}: n_perm must be a positive integer or None, got {n_perm}")


def _plan_draws(n_perm: int | None, m: int, alpha: float) -> tuple[int, bool]:
    """(draws per Monte-Carlo comparison, two-stage?) for ``m`` comparisons."""
    if n_perm is None:
        return max(MC_FIRST, math.ceil(MC_MARGIN * m / alpha)), True
    return int(n_perm), False


def _warn_resolution(func: str, n_perm: int | None, m: int, alpha: float, monte_carlo: bool) -> None:
    if n_perm is None or not monte_carlo or m / (int(n_perm) + 1) < alpha:
        return
    warnings.warn(
        f"{func}: n_perm={n_perm} is too few for {m} comparisons (the smallest possible "
        f"p-value, 1/{int(n_perm) + 1}, cannot survive the correction at alpha={alpha}); "
        f"leave n_perm unset or raise it above {math.ceil(m / alpha)}.",
        stacklevel=3,
    )


def _two_groups(
    xa: np.ndarray,
    xb: np.ndarray,
    *,
    ci: float,
    resampled: tuple[np.ndarray, np.ndarray] | None,
    n_perm: int | None,
    draws: int,
    staged: bool,
    splits: _Splits,
) -> dict[str, Any]:
    """Per-column statistics of group a against group b.

    ``resampled`` holds the bootstrap means of a and of b (independent
    resamples); ``None`` when both groups are large (normal interval).
    """
    n_a, n_b = xa.shape[0], xb.shape[0]
    mean_a, mean_b = xa.mean(axis=0), xb.mean(axis=0)
    diff = mean_a - mean_b
    var_a, var_b = xa.var(axis=0, ddof=1), xb.var(axis=0, ddof=1)
    large = min(n_a, n_b) >= NORMAL_FROM
    if resampled is None:
        half = _z(ci) * np.sqrt(var_a / n_a + var_b / n_b)
        low, high = diff - half, diff + half
    else:
        low, high = _percentile_interval(resampled[0] - resampled[1], ci)

    if large and n_perm is None:
        p, methods = _normal_p(xa, xb), ["normal"] * xa.shape[1]
    else:
        p, methods = _permutation_p(xa, xb, draws=draws, staged=staged, splits=splits)

    pooled_sd = np.sqrt(((n_a - 1) * var_a + (n_b - 1) * var_b) / (n_a + n_b - 2))
    j_factor = 1 - 3 / (4 * (n_a + n_b) - 9)
    with np.errstate(divide="ignore", invalid="ignore"):
        g = np.where(pooled_sd > 0, j_factor * diff / pooled_sd, np.where(diff == 0, 0.0, np.nan))
    delta = _cliffs_delta(xa, xb)
    notes = []
    for j in range(xa.shape[1]):
        if np.isnan(g[j]):
            notes.append("no variation within either group: Hedges' g undefined")
        elif min(n_a, n_b) < SMALL_N:
            notes.append(_NOTE_SMALL.format(k=SMALL_N))
        else:
            notes.append("")
    return dict(n_a=n_a, n_b=n_b, mean_a=mean_a, mean_b=mean_b, diff=diff, ci_low=low,
                ci_high=high, hedges_g=g, cliffs_delta=delta, p_value=p, p_method=methods,
                note=notes)  # fmt: skip


def _prepare(
    scored: pd.DataFrame,
    dimensions: Sequence[str],
    by: str,
    kinds: Sequence[str] | None,
    func: str,
) -> tuple[tuple[str, ...], list[Any], dict[Any, np.ndarray]]:
    dims = check_dimensions(dimensions, func)
    rows = check_table(
        scored, func=func, columns=(), kinds=kinds, by=by, dimensions=dims, min_groups=2
    )
    groups = group_order(rows, by)
    values = rows[list(dims)].to_numpy(dtype=float)
    codes = pd.Categorical(rows[by], categories=groups).codes
    data = {g: values[codes == i] for i, g in enumerate(groups)}
    small = [f"{g!r} (n = {data[g].shape[0]})" for g in groups if data[g].shape[0] < 2]
    if small:
        raise AnalysisError(
            f"{func}: source(s) {', '.join(small)} have fewer than 2 paragraphs of "
            f"kind {list(as_tuple(kinds) or ['any'])}; a comparison needs at least 2 "
            f"per source. Drop them (e.g. scored[scored.{by} != ...]) or see "
            f"summarize_sources for a per-source summary."
        )
    return dims, groups, data


def _tests_table(
    records: list[dict[str, Any]], func: str, *, n_perm: int | None, m: int, alpha: float, correction: str
) -> tuple[pd.DataFrame, pd.Series]:
    """The table of test records, with effect-size labels and adjusted p-values, and which rows are clear."""
    table = pd.DataFrame.from_records(records)
    _warn_resolution(func, n_perm, m, alpha, (table["p_method"] == "monte carlo").any())
    table["effect_size"] = [cliffs_delta_label(d) for d in table["cliffs_delta"]]
    return table, _verdicts(table, alpha, correction)


def _verdicts(table: pd.DataFrame, alpha: float, correction: str) -> pd.Series:
    table["p_adjusted"] = _adjust(table["p_value"].to_numpy(), correction)
    table["correction"] = correction
    return (
        (table["p_adjusted"] < alpha)
        & ((table["ci_low"] > 0) | (table["ci_high"] < 0))
        & (table["diff"] != 0)
    )


def compare_sources(
    scored: pd.DataFrame,
    *,
    dimensions: Sequence[str] = DEFAULT_DIMENSIONS,
    by: str = "source_id",
    n_perm: int | None = None,
    n_boot: int = 2000,
    ci: float = 0.95,
    alpha: float = 0.05,
    seed: int = 0,
    kinds: Sequence[str] | None = ("body",),
    correction: str = "holm",
) -> pd.DataFrame:
    """Compare every pair of sources on every dimension.

    Parameters
    ----------
    scored : DataFrame
        Scored blocks (Blocks contract columns plus score columns).
    dimensions : sequence of str
        Score columns to compare.
    by : str
        Column that names the sources.
    n_perm : int or None
        Random re-splits for the permutation test. ``None`` (default) chooses
        them from the number of comparisons ``m`` so that the smallest
        possible p-value is twenty times below ``alpha / m``, enumerates all
        splits when there are at most that many, and uses the large-sample
        normal test between sources of :data:`NORMAL_FROM` or more paragraphs
        (see the module notes). An integer forces a single-stage permutation
        test with that many draws (all splits are enumerated when there are
        at most that many); if ``1 / (n_perm + 1)`` is too coarse for ``m``
        comparisons a warning says so.
    n_boot : int
        Bootstrap resamples for the interval of the difference.
    ci : float
        Confidence level of that interval.
    alpha : float
        Level below which an adjusted p-value counts as clear evidence.
    seed : int
        Random seed; the same seed gives the same table.
    kinds : sequence of str or None
        Block kinds analysed (``None`` = all rows).
    correction : {"holm", "fdr_bh"}
        Adjustment for the number of comparisons used for ``p_adjusted`` and
        the verdict: Holm (family-wise error rate) or Benjamini-Hochberg
        (false discovery rate).

    Returns
    -------
    DataFrame
        One row per pair of sources x dimension (pairs in order of first
        appearance): ``source_a, source_b, dimension, n_a, n_b, mean_a,
        mean_b, diff`` (``mean_a - mean_b``), ``ci_low, ci_high`` (bootstrap
        percentile interval of ``diff``; normal interval when both sources
        are large), ``ci_level``, ``hedges_g``, ``cliffs_delta``,
        ``effect_size`` (label of Cliff's delta), ``p_value``, ``p_method``
        (``"exact"``, ``"monte carlo"`` or ``"normal"``), ``p_holm``
        (Holm-adjusted over all rows, whatever ``correction`` is),
        ``p_adjusted`` (adjusted by ``correction``), ``correction``,
        ``higher`` (the source with the higher mean when the evidence is
        clear, else ``""``), ``verdict`` and ``note``.

        ``verdict`` is ``"<source> higher"`` only when ``p_adjusted < alpha``
        *and* the interval excludes 0; otherwise ``"no clear difference"``.
        The table never ranks sources on differences within the noise.

    Raises
    ------
    AnalysisError
        Fewer than two sources, a source with fewer than two paragraphs
        (the message names it), missing columns, non-finite scores or an
        unknown ``correction``.

    See Also
    --------
    compare_one_vs_rest : each source against all others, one row per source.
    describe_comparison : one sentence per row.
    """
    func = "compare_sources"
    _check_ci(ci, n_boot, "n_boot", func)
    _check_correction(correction, alpha, n_perm, func)
    dims, groups, data = _prepare(scored, dimensions, by, kinds, func)
    pairs = list(itertools.combinations(groups, 2))
    m = len(pairs) * len(dims)
    draws, staged = _plan_draws(n_perm, m, alpha)
    splits = _Splits(seed)

    boots: dict[Any, np.ndarray] = {}

    def boot(g: Any) -> np.ndarray:  # each source resampled once, seeded by its name
        if g not in boots:
            boots[g] = _resampled_means(data[g], int(n_boot), _rng(seed, "compare", g))
        return boots[g]

    records: list[dict[str, Any]] = []
    for a, b in pairs:
        large = min(data[a].shape[0], data[b].shape[0]) >= NORMAL_FROM
        stats = _two_groups(
            data[a], data[b], ci=ci, resampled=None if large else (boot(a), boot(b)),
            n_perm=n_perm, draws=draws, staged=staged, splits=splits,
        )  # fmt: skip
        for j, dim in enumerate(dims):
            record = {"source_a": a, "source_b": b, "dimension": dim}
            record.update({k: (v[j] if k not in ("n_a", "n_b") else v) for k, v in stats.items()})
            record["ci_level"] = ci
            records.append(record)
    table, clear = _tests_table(records, func, n_perm=n_perm, m=m, alpha=alpha, correction=correction)
    table["note"] = table["note"].str.replace("either group", "either source")
    table["p_holm"] = holm_adjust(table["p_value"].to_numpy())
    higher = np.where(table["diff"] > 0, table["source_a"], table["source_b"])
    table["higher"] = [str(h) if c else "" for h, c in zip(higher, clear, strict=True)]
    table["verdict"] = [
        f"{h} higher" if c else "no clear difference"
        for h, c in zip(table["higher"], clear, strict=True)
    ]
    columns = [
        "source_a", "source_b", "dimension", "n_a", "n_b", "mean_a", "mean_b",
        "diff", "ci_low", "ci_high", "ci_level", "hedges_g", "cliffs_delta",
        "effect_size", "p_value", "p_method", "p_holm", "p_adjusted", "correction",
        "higher", "verdict", "note",
    ]  # fmt: skip
    return table[columns]


def compare_one_vs_rest(
    scored: pd.DataFrame,
    *,
    dimensions: Sequence[str] = DEFAULT_DIMENSIONS,
    by: str = "source_id",
    n_perm: int | None = None,
    n_boot: int = 2000,
    ci: float = 0.95,
    alpha: float = 0.05,
    seed: int = 0,
    kinds: Sequence[str] | None = ("body",),
    correction: str = "holm",
) -> pd.DataFrame:
    """Compare each source with all other sources pooled, on every dimension.

    With many sources the pairwise table grows with the square of their
    number and every test pays for all the others in the correction; this
    table has one row per source and dimension and asks a simpler question:
    does this source's framing stand out from everybody else's? The "rest"
    is the pooled paragraphs of all other sources, so sources with many
    paragraphs weigh more in it. Intervals, effect sizes, tests and the
    correction are those of :func:`compare_sources`, applied to the source
    against the rest; the bootstrap resamples the rest source by source
    (stratified), so its composition stays that of the data.

    Parameters
    ----------
    scored : DataFrame
        Scored blocks (Blocks contract columns plus score columns).
    dimensions : sequence of str
        Score columns to compare.
    by : str
        Column that names the sources.
    n_perm : int or None
        As in :func:`compare_sources` (``None``: chosen automatically).
    n_boot : int
        Bootstrap resamples for the interval of the difference.
    ci : float
        Confidence level of that interval.
    alpha : float
        Level below which an adjusted p-value counts as clear evidence.
    seed : int
        Random seed; the same seed gives the same table.
    kinds : sequence of str or None
        Block kinds analysed (``None`` = all rows).
    correction : {"holm", "fdr_bh"}
        Adjustment over all rows of the table.

    Returns
    -------
    DataFrame
        One row per source x dimension, sources in order of first appearance:
        ``source, dimension, n, n_rest, mean, mean_rest, diff`` (``mean -
        mean_rest``), ``ci_low, ci_high, ci_level, hedges_g, cliffs_delta,
        effect_size, p_value, p_method, p_adjusted, correction, direction``
        (``"higher"``, ``"lower"`` or ``""`` when not clear), ``verdict``
        (``"higher than the rest"``, ``"lower than the rest"`` or ``"no clear
        difference"``; clear means ``p_adjusted < alpha`` and the interval
        excludes 0) and ``note``.

    Raises
    ------
    AnalysisError
        As :func:`compare_sources`.

    Examples
    --------
    >>> import framelens
    >>> table = framelens.compare_one_vs_rest(scored)                # doctest: +SKIP
    >>> table[table["verdict"] != "no clear difference"]            # doctest: +SKIP
    """
    func = "compare_one_vs_rest"
    _check_ci(ci, n_boot, "n_boot", func)
    _check_correction(correction, alpha, n_perm, func)
    dims, groups, data = _prepare(scored, dimensions, by, kinds, func)
    m = len(groups) * len(dims)
    draws, staged = _plan_draws(n_perm, m, alpha)
    splits = _Splits(seed)

    sizes = {g: data[g].shape[0] for g in groups}
    boots: dict[Any, np.ndarray] = {}
    total_boot: np.ndarray | None = None
    n_all = sum(sizes.values())
    if any(min(sizes[g], n_all - sizes[g]) < NORMAL_FROM for g in groups):
        # each source resampled once; the rest's resampled sum is the sum of
        # its sources' (a bootstrap stratified by source)
        boots = {g: _resampled_means(data[g], int(n_boot), _rng(seed, "compare", g)) for g in groups}
        total_boot = sum(sizes[g] * boots[g] for g in groups)

    records: list[dict[str, Any]] = []
    for g in groups:
        rest = np.vstack([data[o] for o in groups if o != g])
        resampled = None
        if total_boot is not None and min(sizes[g], rest.shape[0]) < NORMAL_FROM:
            resampled = (boots[g], (total_boot - sizes[g] * boots[g]) / rest.shape[0])
        stats = _two_groups(
            data[g], rest, ci=ci, resampled=resampled,
            n_perm=n_perm, draws=draws, staged=staged, splits=splits,
        )  # fmt: skip
        rename = {"n_a": "n", "n_b": "n_rest", "mean_a": "mean", "mean_b": "mean_rest"}
        for j, dim in enumerate(dims):
            record = {"source": g, "dimension": dim}
            for key, value in stats.items():
                record[rename.get(key, key)] = value if key in ("n_a", "n_b") else value[j]
            record["ci_level"] = ci
            records.append(record)
    table, clear = _tests_table(records, func, n_perm=n_perm, m=m, alpha=alpha, correction=correction)
    table["direction"] = np.where(clear, np.where(table["diff"] > 0, "higher", "lower"), "")
    table["verdict"] = [
        f"{d} than the rest" if d else "no clear difference" for d in table["direction"]
    ]
    table["note"] = table["note"].str.replace("either group", "the source or the rest")
    columns = [
        "source", "dimension", "n", "n_rest", "mean", "mean_rest", "diff", "ci_low",
        "ci_high", "ci_level", "hedges_g", "cliffs_delta", "effect_size", "p_value",
        "p_method", "p_adjusted", "correction", "direction", "verdict", "note",
    ]  # fmt: skip
    return table[columns]


def _fmt(x: float) -> str:
    return f"{x:.2f}"


def _fmt_p(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def describe_comparison(row: Mapping[str, Any] | pd.Series, *, alpha: float = 0.05) -> str:
    """One plain-language sentence for a row of a comparison table.

    Accepts rows of :func:`compare_sources` (source A against source B) and
    of :func:`compare_one_vs_rest` (a source against the other sources
    pooled). The sentence states a direction only when the adjusted p-value
    (``p_adjusted``, or ``p_holm`` in rows without it) is below ``alpha``
    and the interval of the difference excludes zero, the same rule as the
    ``verdict`` column; otherwise it says there is no clear difference and
    still reports the numbers.

    Parameters
    ----------
    row : Series or mapping
        One row of the table returned by :func:`compare_sources` or
        :func:`compare_one_vs_rest`.
    alpha : float
        Level for the adjusted p-value.

    Returns
    -------
    str

    Examples
    --------
    >>> row = dict(source_a="A", source_b="B", dimension="hype", n_a=12, n_b=9,
    ...            mean_a=0.31, mean_b=0.05, diff=0.26, ci_low=0.10, ci_high=0.41,
    ...            ci_level=0.95, p_holm=0.004, cliffs_delta=0.62)
    >>> print(describe_comparison(row))  # doctest: +NORMALIZE_WHITESPACE
    A uses more hype language than B (mean 0.31 vs 0.05 over 12 and 9 paragraphs,
    difference 0.26, 95% CI 0.10 to 0.41, Holm-adjusted p = 0.004,
    Cliff's delta 0.62: large).
    >>> rest = dict(source="C", dimension="hype", n=10, n_rest=110, mean=0.5,
    ...             mean_rest=0.05, diff=0.45, ci_low=0.41, ci_high=0.49,
    ...             p_adjusted=0.0004, correction="fdr_bh", cliffs_delta=1.0)
    >>> print(describe_comparison(rest))  # doctest: +NORMALIZE_WHITESPACE
    C is higher than the other sources on hype (mean 0.50 vs 0.05 over 10 and
    110 paragraphs, difference 0.45, 95% CI 0.41 to 0.49, BH-adjusted p < 0.001,
    Cliff's delta 1.00: large).
    """
    one_vs_rest = "source" in row and "source_a" not in row
    names = ("source", "mean", "mean_rest") if one_vs_rest else ("source_a", "mean_a", "mean_b")
    p_key = "p_adjusted" if "p_adjusted" in row else "p_holm"
    required = (*names[:1], "dimension", *names[1:], "diff", "ci_low", "ci_high", p_key)
    missing = [k for k in required if k not in row]
    if missing or (not one_vs_rest and "source_b" not in row):
        missing = missing or ["source_b"]
        raise AnalysisError(
            f"describe_comparison: the row has no {', '.join(missing)}; pass a row "
            f"of framelens.compare_sources(...) or framelens.compare_one_vs_rest(...)"
        )
    if one_vs_rest:
        a, b = str(row["source"]), "the other sources"
        n_a, n_b = row.get("n"), row.get("n_rest")
    else:
        a, b = str(row["source_a"]), str(row["source_b"])
        n_a, n_b = row.get("n_a"), row.get("n_b")
    dim = str(row["dimension"])
    mean_a, mean_b, diff, low, high, p = (
        float(row[k]) for k in (*names[1:], "diff", "ci_low", "ci_high", p_key)
    )
    level = float(row.get("ci_level", 0.95))
    correction = str(row.get("correction", "holm")) if p_key == "p_adjusted" else "holm"
    adjusted = _CORRECTION_NAMES.get(correction, f"{correction}-adjusted")
    delta = float(row["cliffs_delta"]) if "cliffs_delta" in row else math.nan
    excludes_zero = low > 0 or high < 0
    clear = p < alpha and excludes_zero and diff != 0
    swap = clear and diff < 0 and not one_vs_rest  # say it as "b ... than a"
    if swap:
        a, b, mean_a, mean_b, n_a, n_b = b, a, mean_b, mean_a, n_b, n_a
        diff, low, high, delta = -diff, -high, -low, -delta
    counts = ""
    if n_a is not None and n_b is not None:
        counts = f" over {int(n_a)} and {int(n_b)} paragraphs"
    numbers = (
        f"mean {_fmt(mean_a)} vs {_fmt(mean_b)}{counts}, "
        f"difference {_fmt(diff)}, {level:.0%} CI {_fmt(low)} to {_fmt(high)}, "
        f"{adjusted} {_fmt_p(p)}"
    )
    if np.isfinite(delta):
        numbers += f", Cliff's delta {_fmt(delta)}: {cliffs_delta_label(delta)}"
    if clear and one_vs_rest:
        side = "higher" if diff > 0 else "lower"
        return f"{a} is {side} than the other sources on {dim} ({numbers})."
    if clear:
        phrase = DIMENSION_PHRASES.get(dim, f"scores higher on {dim} than")
        return f"{a} {phrase} {b} ({numbers})."
    reason = ""
    if excludes_zero and p >= alpha:
        reason = "; the interval excludes zero but the difference does not survive "
        reason += "the correction for the number of comparisons"
    elif p < alpha and not excludes_zero:
        reason = "; the test is below the threshold but the interval includes zero"
    return f"No clear difference in {dim} between {a} and {b} ({numbers}{reason})."
