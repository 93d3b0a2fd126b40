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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framelens.errors import CorpusError
from framelens.text.lexicon import Lexicon, LexiconLike, resolve_lexicon
from framelens.text.normalize import normalize_for_matching
from framelens.text.tokens import WORDS_PER_UNIT

__all__ = [
    "NAIVE_HEDGES",
    "SPLITS",
    "DEFAULT_PATH",
    "load_certainty",
    "naive_hedge_count",
    "hedging_features",
    "fit_hedging_model",
    "evaluate",
    "write_model",
    "main",
    "naive_claim_strength",
    "load_claim_sentences",
    "load_insciout",
    "macro_f1",
    "classification_table",
    "confusion_table",
    "evaluate_claims",
    "claims_report",
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


def read_records(path: str | Path, fields: Sequence[str], what: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The JSON objects of a JSON Lines file of evaluation data, with their line numbers.

    Parameters
    ----------
    path : str or Path
        The ``.jsonl`` file.
    fields : sequence of str
        Fields every object must have.
    what : str
        What the file holds, for the message when it is missing.

    Yields
    ------
    (int, dict)
        Line number (from 1) and object; blank lines are skipped.

    Raises
    ------
    CorpusError
        The file is missing, a line is not JSON or not an object, or lacks
        one of ``fields`` (``<path> line <n>: ...``).
    """
    p = Path(path)
    if not p.is_file():
        raise CorpusError(f"{p}: {what} not found")
    with p.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{p} line {n}: not valid JSON ({exc.msg})") from None
            if not isinstance(rec, dict):
                raise CorpusError(f"{p} line {n}: not a JSON object")
            missing = [f for f in fields if f not in rec]
            if missing:
                raise CorpusError(f"{p} line {n}: missing field(s) {missing}")
            yield n, rec


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


# --------------------------------------------------------------------------
# claim strength (framelens.claims)

#: Where the development data of the claim scorer live, relative to a source
#: checkout (read from there, never copied into the repository).
DEFAULT_EVAL_DIR = Path("../shared/eval")

#: File names of the development sets in the evaluation folder.
CLAIM_FILES: Mapping[str, str] = {
    "pubmed": "claim_strength_pubmed.csv",
    "insciout": "insciout_train.jsonl",
}

#: The naive claim rules: ten cue words, first match decides.
NAIVE_CLAIM_CORRELATIONAL: tuple[str, ...] = ("associated", "linked", "correlated", "association")
NAIVE_CLAIM_CAUSAL: tuple[str, ...] = ("cause", "causes", "reduces", "increases", "improves", "prevents")
NAIVE_CLAIM_MODALS: tuple[str, ...] = ("may", "might", "could")
_NAIVE_CORR_RE = re.compile(r"\b(?:" + "|".join(NAIVE_CLAIM_CORRELATIONAL) + r")\b")
_NAIVE_CAUSAL_RE = re.compile(r"\b(?:" + "|".join(NAIVE_CLAIM_CAUSAL) + r")\b")
_NAIVE_MODAL_RE = re.compile(r"\b(?:" + "|".join(NAIVE_CLAIM_MODALS) + r")\b")

_EXAGGERATION_LABELS = ("downplays", "same", "exaggerates")


def naive_claim_strength(texts: Iterable[str]) -> np.ndarray:
    """The naive baseline: a causal cue word gives 3 (2 with a modal), a correlational one 1, else 0.

    Cue words: :data:`NAIVE_CLAIM_CAUSAL`, :data:`NAIVE_CLAIM_CORRELATIONAL`,
    :data:`NAIVE_CLAIM_MODALS`; whole words, lower case, no context.
    """
    out = []
    for t in texts:
        low = normalize_for_matching(t).lower()
        if _NAIVE_CAUSAL_RE.search(low):
            out.append(2 if _NAIVE_MODAL_RE.search(low) else 3)
        elif _NAIVE_CORR_RE.search(low):
            out.append(1)
        else:
            out.append(0)
    return np.array(out, dtype=int)


def load_claim_sentences(path: str | Path) -> pd.DataFrame:
    """Read research sentences labelled for claim strength (``sentence,label`` CSV, labels 0-3).

    Raises
    ------
    CorpusError
        If the file is missing, lacks a column, or a label is not 0-3 (the line is named).
    """
    p = Path(path)
    if not p.is_file():
        raise CorpusError(f"{p}: claim strength data not found")
    df = pd.read_csv(p, dtype={"sentence": str}, keep_default_na=False)
    for col in ("sentence", "label"):
        if col not in df.columns:
            raise CorpusError(f"{p}: missing column {col!r} (columns: {list(df.columns)})")
    labels = pd.to_numeric(df["label"], errors="coerce")
    bad = ~labels.isin([0, 1, 2, 3])
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise CorpusError(f"{p} line {i + 2}: label {df['label'].iloc[i]!r} is not one of 0, 1, 2, 3")
    return pd.DataFrame({"text": df["sentence"].astype(str), "label": labels.astype(int)})


def load_insciout(path: str | Path) -> pd.DataFrame:
    """Read press-release/abstract claim pairs (JSON Lines with the InSciOut fields).

    Returns
    -------
    DataFrame
        ``press_release_conclusion, press_release_strength, abstract_conclusion,
        abstract_strength, exaggeration_label`` in file order.

    Raises
    ------
    CorpusError
        If the file is missing, a line is not JSON or lacks a field (the line is named).
    """
    p = Path(path)
    fields = ("press_release_conclusion", "press_release_strength", "abstract_conclusion",
              "abstract_strength", "exaggeration_label")
    rows = []
    for n, rec in read_records(p, fields, "press-release claim pairs"):
        if rec["exaggeration_label"] not in _EXAGGERATION_LABELS:
            raise CorpusError(f"{p} line {n}: exaggeration_label {rec['exaggeration_label']!r} "
                              f"is not one of {list(_EXAGGERATION_LABELS)}")
        rows.append(tuple(rec[f] for f in fields))
    return pd.DataFrame(rows, columns=list(fields))


def macro_f1(y_true: Sequence[Any], y_pred: Sequence[Any], labels: Sequence[Any] | None = None) -> float:
    """Unweighted mean of the per-class F1 scores over ``labels`` (default: the true classes)."""
    return float(classification_table(y_true, y_pred, labels)["f1"].mean())


def classification_table(
    y_true: Sequence[Any], y_pred: Sequence[Any], labels: Sequence[Any] | None = None
) -> pd.DataFrame:
    """Per-class precision, recall, F1 and support.

    A class never predicted has precision 0 (and F1 0), as in scikit-learn's
    ``zero_division=0``.
    """
    t = np.asarray(y_true, dtype=object)
    p = np.asarray(y_pred, dtype=object)
    if len(t) != len(p):
        raise ValueError(f"{len(t)} true labels but {len(p)} predictions")
    classes = list(labels) if labels is not None else sorted(set(t.tolist()))
    rows = []
    for c in classes:
        tp = int(((t == c) & (p == c)).sum())
        fp = int(((t != c) & (p == c)).sum())
        fn = int(((t == c) & (p != c)).sum())
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        rows.append({"class": c, "precision": prec, "recall": rec, "f1": f1, "support": tp + fn})
    return pd.DataFrame(rows, columns=["class", "precision", "recall", "f1", "support"])


def confusion_table(y_true: Sequence[Any], y_pred: Sequence[Any], labels: Sequence[Any] | None = None) -> pd.DataFrame:
    """Counts of (true class, predicted class): rows are true, columns predicted."""
    t = pd.Categorical(list(y_true), categories=labels if labels is not None else sorted(set(y_true)))
    p = pd.Categorical(list(y_pred), categories=t.categories)
    out = pd.crosstab(t, p, dropna=False).rename_axis(index="true", columns="predicted")
    return out


def _exaggeration(ref: np.ndarray, rep: np.ndarray) -> np.ndarray:
    return np.where(rep > ref, "exaggerates", np.where(rep < ref, "downplays", "same"))


def evaluate_claims(eval_dir: str | Path = DEFAULT_EVAL_DIR) -> dict[str, Any]:
    """Claim strength and exaggeration detection on the development sets, beside baselines.

    Parameters
    ----------
    eval_dir : str or Path
        Folder holding :data:`CLAIM_FILES` (read in place).

    Returns
    -------
    dict
        ``"summary"``: DataFrame ``dataset, method, n, macro_f1, accuracy``;
        ``"reports"``: {(dataset, method): per-class table}; ``"confusion"``:
        {(dataset, method): confusion table}. Datasets: ``pubmed`` (research
        conclusion sentences), ``insciout_press`` and ``insciout_abstract``
        (the two sides of the pairs, scored alone), ``exaggeration`` (the
        pairs). Methods: ``majority`` (most frequent class of the set),
        ``naive_rules`` (:func:`naive_claim_strength`), ``framelens``
        (:func:`framelens.claims.claim_strength`, scheme ``yu2019``) and
        ``framelens_insciout`` (scheme ``insciout``; on the InSciOut sets).
        The rules are not fitted to these data, so no cross-validation is
        involved.

    Raises
    ------
    CorpusError
        If a file is missing or malformed.
    """
    from framelens.scores.claims import claim_strength

    d = Path(eval_dir)
    pub = load_claim_sentences(d / CLAIM_FILES["pubmed"])
    ins = load_insciout(d / CLAIM_FILES["insciout"])
    strengths = [0, 1, 2, 3]
    sets: dict[str, tuple[np.ndarray, dict[str, np.ndarray], list[Any]]] = {}

    def methods(texts: pd.Series, y: np.ndarray, insciout: bool) -> dict[str, np.ndarray]:
        major = pd.Series(y).mode().min()
        out = {
            "majority": np.full(len(y), major),
            "naive_rules": naive_claim_strength(texts),
            "framelens": claim_strength(texts)["strength"].to_numpy(),
        }
        if insciout:
            out["framelens_insciout"] = claim_strength(texts, scheme="insciout")["strength"].to_numpy()
        return out

    y = pub["label"].to_numpy()
    sets["pubmed"] = (y, methods(pub["text"], y, False), strengths)
    y_pr = ins["press_release_strength"].to_numpy(dtype=int)
    y_ab = ins["abstract_strength"].to_numpy(dtype=int)
    m_pr = methods(ins["press_release_conclusion"], y_pr, True)
    m_ab = methods(ins["abstract_conclusion"], y_ab, True)
    sets["insciout_press"] = (y_pr, m_pr, strengths)
    sets["insciout_abstract"] = (y_ab, m_ab, strengths)
    y_ex = ins["exaggeration_label"].to_numpy(dtype=object)
    ex = {
        "majority": np.full(len(y_ex), pd.Series(y_ex).mode().iloc[0], dtype=object),
        "naive_rules": _exaggeration(m_ab["naive_rules"], m_pr["naive_rules"]),
        "framelens": _exaggeration(m_ab["framelens"], m_pr["framelens"]),
        "framelens_insciout": _exaggeration(m_ab["framelens_insciout"], m_pr["framelens_insciout"]),
    }
    sets["exaggeration"] = (y_ex, ex, list(_EXAGGERATION_LABELS))
    rows, reports, confusion = [], {}, {}
    for name, (truth, preds, labels) in sets.items():
        for method, pred in preds.items():
            rep = classification_table(truth, pred, labels)
            reports[(name, method)] = rep
            confusion[(name, method)] = confusion_table(truth, pred, labels)
            rows.append({"dataset": name, "method": method, "n": int(len(truth)),
                         "macro_f1": float(rep["f1"].mean()), "accuracy": float(np.mean(truth == pred))})
    summary = pd.DataFrame(rows, columns=["dataset", "method", "n", "macro_f1", "accuracy"])
    return {"summary": summary, "reports": reports, "confusion": confusion}


def claims_report(eval_dir: str | Path = DEFAULT_EVAL_DIR) -> str:
    """:func:`evaluate_claims` as text: the summary, then the framelens per-class tables."""
    res = evaluate_claims(eval_dir)
    parts = ["macro-F1 and accuracy on the development sets", res["summary"].round(3).to_string(index=False)]
    for (name, method), rep in res["reports"].items():
        if method == ("framelens_insciout" if name != "pubmed" else "framelens"):
            parts += [f"\n{name} / {method}", rep.round(3).to_string(index=False),
                      res["confusion"][(name, method)].to_string()]
    return "\n".join(parts)


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
