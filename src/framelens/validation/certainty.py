"""Validate the hedging score against human certainty ratings.

The reference data (``data/external/certainty_findings.jsonl``; Pei &
Jurgens 2021, EMNLP, MIT licence) holds 1,415 sentences reporting scientific
findings, each rated by people for how certain the finding is presented
(1-6, higher = more certain), in splits ``train`` (1,084), ``val`` (136) and
``ext`` (195). A good hedging score falls as rated certainty rises, so its
correlation with certainty should be clearly negative.

What is compared
----------------
``naive_count``
    the baseline: a plain count of the words in :data:`NAIVE_HEDGES` (whole
    words, case-insensitive, no inflections, no phrases, no context);
``hedging_unweighted``
    framelens' hedging lexicon with every category weighted 1;
``hedging``
    the packaged score, whose category weights come from
    ``models/hedging.json``, fitted on ``train`` only by :func:`fit_hedging_model`;
``hype`` and ``hype_certainty``
    extras: hype should not fall with certainty, and overclaiming boosters
    should if anything rise with it.

Refit (after editing ``lexicons/hedging.csv``) and print the table with::

    python -m framelens.validation --refit
    python -m framelens.validation
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framelens.errors import CorpusError
from framelens.text.lexicon import Lexicon, LexiconLike, resolve_lexicon
from framelens.text.normalize import normalize_for_matching
from framelens.text.tokens import WORDS_PER_UNIT
from framelens.validation.records import read_records

__all__ = [
    "NAIVE_HEDGES",
    "SPLITS",
    "DEFAULT_PATH",
    "load_certainty",
    "naive_hedge_count",
    "hedging_features",
    "fit_hedging_model",
    "evaluate",
    "spearman_intervals",
    "write_model",
    "main",
]

#: The baseline's word list: the most frequent single-word hedges of academic
#: English (epistemic modals, verbs, adverbs and adjectives after Hyland 2005),
#: matched as whole words with no inflection, context or weighting.
NAIVE_HEDGES: tuple[str, ...] = (
    "may", "might", "could", "would", "possibly", "possible", "perhaps", "probably",
    "likely", "unlikely", "suggest", "suggests", "suggested", "appear", "appears",
    "appeared", "seem", "seems", "seemed", "potential", "potentially", "maybe",
    "apparently", "indicate", "indicates", "approximately", "about", "around",
)
_NAIVE_RE = re.compile(r"\b(?:" + "|".join(NAIVE_HEDGES) + r")\b")

#: Splits of the certainty data, in report order.
SPLITS: tuple[str, ...] = ("train", "val", "ext")

#: Where the data lives in a source checkout.
DEFAULT_PATH = Path("data/external/certainty_findings.jsonl")

_MODEL_FILE = "hedging.json"


def load_certainty(path: str | Path = DEFAULT_PATH) -> pd.DataFrame:
    """Read the certainty ratings.

    Parameters
    ----------
    path : str or Path
        The ``.jsonl`` file (one JSON object per line with ``id``, ``text``,
        ``certainty``, ``split``).

    Returns
    -------
    DataFrame
        Columns ``id, text, certainty, split`` in file order.

    Raises
    ------
    CorpusError
        If the file is missing, a line is not JSON, or a field is missing or
        of the wrong type (the line is named).
    """
    p = Path(path)
    rows = []
    for n, rec in read_records(p, ("id", "text", "certainty", "split"), "certainty data"):
        if not isinstance(rec["text"], str):
            raise CorpusError(f"{p} line {n}: 'text' is not a string")
        try:
            cert = float(rec["certainty"])
        except (TypeError, ValueError):
            raise CorpusError(f"{p} line {n}: certainty {rec['certainty']!r} is not a number") from None
        rows.append((rec["id"], rec["text"], cert, str(rec["split"])))
    return pd.DataFrame(rows, columns=["id", "text", "certainty", "split"])


def naive_hedge_count(texts: Iterable[str]) -> np.ndarray:
    """The baseline: how many words of :data:`NAIVE_HEDGES` each text contains."""
    return np.array(
        [len(_NAIVE_RE.findall(normalize_for_matching(t).lower())) for t in texts], dtype=float
    )


def hedging_features(texts: Iterable[str], *, lexicon: LexiconLike | None = None) -> pd.DataFrame:
    """Per-category hedging densities: summed lexicon weight per 25 words.

    These are the inputs of the hedging model; ``hedging_raw`` per 25 words
    is their weighted sum.
    """
    from framelens.scores.scoring import score_paragraphs

    lex = resolve_lexicon(lexicon)
    return _features_of(score_paragraphs(texts, lexicon=lex), lex)


def _features_of(scores: pd.DataFrame, lex: Lexicon) -> pd.DataFrame:
    """:func:`hedging_features` from the ``hedging_<category>`` sums of a score table."""
    cats = list(lex.categories("hedging"))
    sums = scores[[f"hedging_{c}" for c in cats]].to_numpy(dtype=float)
    units = np.maximum(scores["n_words"].to_numpy(dtype=float), WORDS_PER_UNIT)[:, None]
    # as text.density: weight * WORDS_PER_UNIT / max(n_words, WORDS_PER_UNIT)
    return pd.DataFrame(sums * WORDS_PER_UNIT / units, columns=cats)


def fit_hedging_model(data: pd.DataFrame, *, lexicon: LexiconLike | None = None) -> dict[str, Any]:
    """Fit category weights for the hedging score on the ``train`` split.

    Model: ``certainty ~ intercept - sum_c beta_c * density_c`` with every
    ``beta_c >= 0`` (a hedge may only lower certainty), least squares
    (:class:`sklearn.linear_model.LinearRegression` with ``positive=True``).
    The category weights are ``beta_c / max(beta)``, so the strongest
    category has weight 1 and a category the data does not support gets 0.

    Parameters
    ----------
    data : DataFrame
        :func:`load_certainty` output; only rows with ``split == "train"`` are used.
    lexicon : optional
        Lexicon whose ``hedging`` categories are the features.

    Returns
    -------
    dict
        Plain data, ready for JSON: features, coefficients, category weights,
        intercept, provenance and train correlations.
    """
    from sklearn.linear_model import LinearRegression

    train = data[data["split"] == "train"]
    if train.empty:
        raise CorpusError("certainty data has no 'train' rows to fit on")
    X = hedging_features(train["text"], lexicon=lexicon)
    y = train["certainty"].to_numpy(dtype=float)
    reg = LinearRegression(positive=True).fit(X.to_numpy(), -y)
    beta = reg.coef_
    top = float(beta.max()) if beta.max() > 0 else 1.0
    weights = {c: round(float(b) / top, 4) for c, b in zip(X.columns, beta)}
    score = X.to_numpy() @ np.array([weights[c] for c in X.columns])
    return {
        "model": "non-negative least squares of -certainty on hedging category densities",
        "features": list(X.columns),
        "feature_definition": f"summed lexicon weight of the category's matches per {WORDS_PER_UNIT} words "
                              f"(texts shorter than {WORDS_PER_UNIT} words count as {WORDS_PER_UNIT})",
        "coefficients": {c: round(float(b), 6) for c, b in zip(X.columns, beta)},
        "intercept_certainty": round(float(-reg.intercept_), 6),
        "category_weights": weights,
        "fitted_on": "certainty_findings.jsonl (Pei & Jurgens 2021), split=train",
        "n_train": int(len(train)),
        "train_pearson": round(float(_pearson(score, y)), 4),
        "train_spearman": round(float(_spearman(score, y)), 4),
        "refit_with": "python -m framelens.validation --refit",
    }


def write_model(model: Mapping[str, Any], path: str | Path | None = None) -> Path:
    """Write a fitted model as JSON (default: the package's ``models/hedging.json``)."""
    if path is None:
        path = Path(str(resources.files("framelens").joinpath("models", _MODEL_FILE)))
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(json.dumps(dict(model), indent=2) + "\n", encoding="utf-8")
    return p


def _corr(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    if len(x) < 3 or np.std(x) == 0 or np.std(y) == 0:
        return float("nan"), float("nan")
    return _pearson(x, y), _spearman(x, y)


def _pearson(x: Any, y: Any) -> float:
    from scipy.stats import pearsonr  # scipy.stats costs ~2 s to import: only when correlating

    return float(pearsonr(x, y)[0])


def _spearman(x: Any, y: Any) -> float:
    from scipy.stats import spearmanr

    return float(spearmanr(x, y)[0])


def evaluate(
    data: pd.DataFrame | None = None,
    *,
    lexicon: LexiconLike | None = None,
    splits: Sequence[str] = SPLITS,
) -> pd.DataFrame:
    """Correlate each method with human certainty on each split.

    Parameters
    ----------
    data : DataFrame, optional
        :func:`load_certainty` output; default reads :data:`DEFAULT_PATH`.
    lexicon : optional
        Lexicon to score with (default: packaged).
    splits : sequence of str
        Splits to report.

    Returns
    -------
    DataFrame
        Columns ``split, method, pearson, spearman, n``; methods
        ``naive_count``, ``hedging_unweighted``, ``hedging``, ``hype``,
        ``hype_certainty``.
    """
    from framelens.scores.scoring import score_paragraphs

    if data is None:
        data = load_certainty()
    lex: Lexicon = resolve_lexicon(lexicon)
    scores = score_paragraphs(data["text"], lexicon=lex)
    feats = _features_of(scores, lex)
    methods = {
        "naive_count": naive_hedge_count(data["text"]),
        "hedging_unweighted": feats.sum(axis=1).to_numpy(),
        "hedging": scores["hedging"].to_numpy(),
        "hype": scores["hype"].to_numpy(),
        "hype_certainty": scores["hype_certainty"].to_numpy()
        if "hype_certainty" in scores else np.zeros(len(data)),
    }
    y_all = data["certainty"].to_numpy(dtype=float)
    split_col = data["split"].to_numpy()
    rows = []
    for sp in splits:
        mask = split_col == sp
        if not mask.any():
            continue
        for name, values in methods.items():
            p, s = _corr(values[mask], y_all[mask])
            rows.append({"split": sp, "method": name, "pearson": p, "spearman": s, "n": int(mask.sum())})
    return pd.DataFrame(rows, columns=["split", "method", "pearson", "spearman", "n"])


def _rank_rows(a: np.ndarray, axis: int) -> np.ndarray:
    from scipy.stats import rankdata

    r = rankdata(a, axis=axis)
    return r - r.mean(axis=axis, keepdims=True)


def _spearman_along(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    """Spearman's rho of paired samples along ``axis`` (vectorised over resamples); NaN when a side is constant."""
    rx, ry = _rank_rows(x, axis), _rank_rows(y, axis)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (rx * ry).sum(axis=axis) / np.sqrt((rx**2).sum(axis=axis) * (ry**2).sum(axis=axis))


def spearman_intervals(
    table: pd.DataFrame,
    method: str,
    baseline: str,
    *,
    target: str = "certainty",
    by: str = "split",
    n_boot: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Spearman's rho of a method and a baseline with the target, with paired bootstrap intervals.

    Within each group (``by``), the rows are resampled with replacement and
    both correlations are recomputed on the same resample, so the interval
    of their difference says whether the method beats the baseline on the
    same sentences (:func:`scipy.stats.bootstrap`, ``paired=True``,
    percentile intervals).

    Parameters
    ----------
    table : DataFrame
        One row per rated item, with columns ``target``, ``method``,
        ``baseline`` and ``by``.
    method, baseline : str
        The columns compared.
    target : str, default "certainty"
        The human rating.
    by : str, default "split"
        Groups reported separately, in order of appearance.
    n_boot : int, default 1000
        Bootstrap resamples.
    seed : int, default 0
        Seed of the resampling (a report built again gives the same intervals).
    confidence : float, default 0.95
        Confidence level of the intervals.

    Returns
    -------
    DataFrame
        One row per group: ``by, n``, then for the method, the baseline and
        ``difference`` (method minus baseline) the point estimate and the
        interval bounds (``<name>``, ``<name>_low``, ``<name>_high``).
        Resamples in which a side is constant give no correlation and are
        left out of the intervals.

    Raises
    ------
    AnalysisError
        If a column is missing.
    """
    from scipy.stats import bootstrap

    from framelens.errors import AnalysisError

    missing = [c for c in (target, method, baseline, by) if c not in table.columns]
    if missing:
        raise AnalysisError(f"spearman_intervals: column(s) {missing} missing; the table has {list(table.columns)}")

    def stats(m: np.ndarray, b: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
        rm, rb = _spearman_along(m, y, axis), _spearman_along(b, y, axis)
        return np.stack([rm, rb, rm - rb])

    rows = []
    for group, part in table.groupby(by, sort=False):
        data = tuple(part[c].to_numpy(float) for c in (method, baseline, target))
        point = stats(*data)
        res = bootstrap(
            data, stats, n_resamples=n_boot, paired=True, vectorized=True, method="percentile",
            confidence_level=confidence, rng=np.random.default_rng(seed),
        )
        dist = res.bootstrap_distribution  # (3, n_boot)
        alpha = (1 - confidence) / 2
        low, high = np.nanquantile(dist, alpha, axis=-1), np.nanquantile(dist, 1 - alpha, axis=-1)
        row: dict[str, Any] = {by: group, "n": len(part)}
        for k, name in enumerate((method, baseline, "difference")):
            row[name], row[f"{name}_low"], row[f"{name}_high"] = float(point[k]), float(low[k]), float(high[k])
        rows.append(row)
    return pd.DataFrame(rows)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m framelens.validation [--refit] [--path FILE]``."""
    parser = argparse.ArgumentParser(prog="python -m framelens.validation", description=__doc__.splitlines()[0])
    parser.add_argument("--path", default=str(DEFAULT_PATH), help="certainty_findings.jsonl")
    parser.add_argument("--refit", action="store_true", help="refit models/hedging.json on the train split")
    args = parser.parse_args(argv)
    data = load_certainty(args.path)
    if args.refit:
        from framelens.scores import hedging

        model = fit_hedging_model(data)
        out = write_model(model)
        hedging.load_model.cache_clear()
        print(f"wrote {out}")
        print(json.dumps(model["category_weights"], indent=2))
    table = evaluate(data)
    wide = table.pivot(index="method", columns="split", values=["pearson", "spearman"]).round(3)
    print(wide.to_string())
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
