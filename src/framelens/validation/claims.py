"""Validate claim strength and exaggeration detection on development data.

The development data are not in the repository and are read in place
(:data:`DEFAULT_EVAL_DIR`, ``../shared/eval`` beside a source checkout, or
any folder holding :data:`CLAIM_FILES`):

``claim_strength_pubmed.csv``
    research conclusion sentences labelled 0-3 (Yu, Li & Wang 2019);
``insciout_train.jsonl``
    press-release conclusions beside their abstracts' (InSciOut), each side
    labelled 0-3, each pair ``same`` / ``exaggerates`` / ``downplays``.

:func:`framelens.scores.claims.claim_strength` is compared with a naive rule
of ten cue words (:func:`naive_claim_strength`) and the majority class, by
macro-F1. Print the tables with::

    python -m framelens.validation.claims --eval ../shared/eval
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framelens.errors import CorpusError
from framelens.text.normalize import normalize_for_matching
from framelens.validation.records import read_records

__all__ = [
    "DEFAULT_EVAL_DIR",
    "CLAIM_FILES",
    "naive_claim_strength",
    "load_claim_sentences",
    "load_insciout",
    "macro_f1",
    "classification_table",
    "confusion_table",
    "evaluate_claims",
    "claims_report",
    "main",
]

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
        (:func:`framelens.scores.claims.claim_strength`, scheme ``yu2019``) and
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
    """``python -m framelens.validation.claims [--eval DIR]``: print the validation tables."""
    parser = argparse.ArgumentParser(prog="python -m framelens.validation.claims",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--eval", default=str(DEFAULT_EVAL_DIR), help="folder of the development data")
    args = parser.parse_args(argv)
    print(claims_report(args.eval))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
