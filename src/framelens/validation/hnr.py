"""Evaluate the checklist against HealthNewsReview.org expert reviews.

The reference data are health news releases, each reviewed by
HealthNewsReview.org's experts on ten criteria (answers *Satisfactory*,
*Not Satisfactory*, *Not Applicable*), read from a JSON-lines file whose
rows hold ``id``, ``title``, ``text`` (paragraphs separated by blank lines)
and ``criteria`` (``question``, ``answer``, ``explanation``). The file is
read where it lies; nothing derived from it row by row is stored.

What is compared, per criterion and article
-------------------------------------------
``framelens``
    the checklist ``score`` with a threshold chosen on the training folds;
``keyword``
    a naive baseline: how many times a few obvious words occur
    (:data:`NAIVE_WORDS`), threshold chosen on the same folds;
``length``
    the article's word count alone, threshold chosen on the same folds.

Agreement is Cohen's kappa on the articles the experts rated Satisfactory or
Not Satisfactory (*Not Applicable* is left out), pooled over 5-fold
cross-validation with a fixed seed: every article is predicted by a
threshold fitted without it. For sensational language the article's hype
(:func:`framelens.analysis.criteria.article_hype`: the hype weight of the title,
counted twice, and of every paragraph before the release's boilerplate) is
also judged by ROC AUC against a naive count of 20 hype words and against
length. ``--seeds`` reports the kappa over several fold seeds.

Print the table, or refit the packaged thresholds on the whole file
(``models/checklist.json``), with::

    python -m framelens.validation.hnr PATH
    python -m framelens.validation.hnr PATH --refit
    python -m framelens.validation.hnr PATH --seeds 20260,1,2,3,4,5
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import warnings
from collections.abc import Callable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framelens.errors import CorpusError

__all__ = [
    "QUESTIONS",
    "NAIVE_WORDS",
    "NAIVE_HYPE_WORDS",
    "MAIN_CRITERIA",
    "load_hnr",
    "release_blocks",
    "labels",
    "cohen_kappa",
    "roc_auc",
    "fit_threshold",
    "cross_validate",
    "evaluate",
    "hype_auc",
    "seed_spread",
    "fit_thresholds",
    "END_MARK_RE",
    "ABOUT_RE",
    "main",
]

#: Fragment of the reviewers' question -> checklist criterion.
QUESTIONS: Mapping[str, str] = {
    "discuss the costs": "costs",
    "quantify the benefits": "quantified_benefits",
    "quantify the harms": "harms",
    "quality of the evidence": "evidence_quality",
    "disease-mongering": "disease_mongering",
    "existing alternatives": "alternatives",
    "availability of the": "availability",
    "true novelty": "novelty",
    "funding sources": "funding_conflicts",
    "sensational language": "sensational_language",
}

#: The criteria whose mean kappa is the headline figure.
MAIN_CRITERIA: tuple[str, ...] = (
    "harms", "quantified_benefits", "evidence_quality", "alternatives", "costs", "sensational_language",
)

#: Naive baseline words per criterion: the first words anyone would search for.
NAIVE_WORDS: Mapping[str, tuple[str, ...]] = {
    "costs": ("cost", "costs", "price", "expensive", "afford", "insurance"),
    "quantified_benefits": ("percent", "%", "benefit", "improve", "reduce", "improved"),
    "harms": ("risk", "risks", "side", "harm", "adverse", "safety"),
    "evidence_quality": ("study", "trial", "randomized", "placebo", "patients", "limitations"),
    "disease_mongering": ("epidemic", "crisis", "millions", "deadly", "suffer", "growing"),
    "alternatives": ("compared", "standard", "current", "alternative", "existing", "traditional"),
    "availability": ("available", "approved", "fda", "prescription", "market", "clinics"),
    "novelty": ("first", "new", "novel", "previous", "since", "years"),
    "funding_conflicts": ("funded", "funding", "grant", "supported", "conflict", "disclosure"),
    "sensational_language": ("breakthrough", "cure", "revolutionary", "first", "dramatic", "promising"),
}

#: Twenty hype words for the naive sensational-language baseline.
NAIVE_HYPE_WORDS: tuple[str, ...] = (
    "breakthrough", "revolutionary", "revolutionize", "cure", "miracle", "dramatic", "dramatically",
    "promising", "remarkable", "unprecedented", "novel", "first", "major", "significant",
    "groundbreaking", "game-changer", "exciting", "hope", "powerful", "transform",
)

_SEED = 20260
_FOLDS = 5
_WORD_RE = re.compile(r"[\w%$'-]+")


# --------------------------------------------------------------------------
# data
# --------------------------------------------------------------------------


def load_hnr(path: str | Path) -> list[dict[str, Any]]:
    """Read and check the reviewed releases (JSON lines).

    A release whose text is empty cannot be judged: it is left out with a
    warning naming its line.

    Raises
    ------
    CorpusError
        The file is missing, or a line is not JSON or lacks a field, named
        by line number.
    """
    from framelens.validation.records import read_records

    path = Path(path)
    out: list[dict[str, Any]] = []
    skipped: list[str] = []
    for no, row in read_records(path, ("id", "text", "criteria"), "HealthNewsReview releases (JSON lines)"):
        if not isinstance(row["criteria"], list):
            raise CorpusError(f"{path} line {no}: field 'criteria' is not a list")
        if not isinstance(row["text"], str):
            raise CorpusError(f"{path} line {no}: text of release {row['id']!r} is not a string")
        if not row["text"].strip():
            skipped.append(f"{no} ({row['id']})")
            continue
        out.append(row)
    if not out:
        raise CorpusError(f"{path}: no releases found")
    if skipped:
        warnings.warn(f"{path}: {len(skipped)} release(s) with empty text left out: line(s) "
                      f"{', '.join(skipped)}", stacklevel=2)
    return out


#: A paragraph that ends a news release (AP style ``###``, ``-30-``, ``ENDS``):
#: what follows is the issuer's boilerplate.
END_MARK_RE = re.compile(r"(?:#\s*){3,}|-+\s*30\s*-+|-*\s*ends?\s*-*|\*(?:\s*\*){2,}", re.IGNORECASE)

#: A paragraph that opens the "About <issuer/product>" backgrounder of a news
#: release: a short heading ("About Mayo Clinic") or a lead-in ("About the
#: National Institutes of Health (NIH): NIH, the nation's ..."). A heading
#: about the study itself ("About the Phase 2 Trial") is part of the news.
ABOUT_RE = re.compile(
    r"About\s+(?!(?:the|this)\s+(?:\S+\s+){0,4}?(?:[Ss]tud(?:y|ies)|[Tt]rials?|[Rr]esearch)\b)(?:the\s+)?[A-Z][^\s:]*"
    r"(?:[^.:!?]{0,120}?(?::|\s[\u2013\u2014-]\s)|(?:\s+\S+){0,10}\s*$)"
)


def release_blocks(releases: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """A blocks table: the title (kind ``title``) and each paragraph (``body``).

    A news release ends with boilerplate: contacts, the "About <issuer>"
    backgrounder, disclaimers. From an end mark (:data:`END_MARK_RE`, the
    mark included) or the first "About ..." heading (:data:`ABOUT_RE`) on,
    paragraphs are of kind ``boilerplate``: the checklist reads them for
    funding and the like, but they do not count as the release's language
    about its news (sensational language).
    """
    rows: list[dict[str, Any]] = []
    for rel in releases:
        idx = 0
        title = str(rel.get("title") or "").strip()
        if title:
            rows.append({"source_id": str(rel["id"]), "block_index": idx, "kind": "title", "text": title})
            idx += 1
        tail = False
        for para in re.split(r"\n\s*\n", rel["text"]):
            para = " ".join(para.split())
            if para:
                tail = tail or bool(END_MARK_RE.fullmatch(para) or ABOUT_RE.match(para))
                rows.append({"source_id": str(rel["id"]), "block_index": idx,
                             "kind": "boilerplate" if tail else "body", "text": para})
                idx += 1
    return pd.DataFrame(rows, columns=["source_id", "block_index", "kind", "text"])


def labels(releases: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Expert verdicts: one row per release, one column per criterion;
    1.0 Satisfactory, 0.0 Not Satisfactory, NaN Not Applicable or absent."""
    table: dict[str, dict[str, float]] = {}
    for rel in releases:
        row: dict[str, float] = {}
        for item in rel["criteria"]:
            q = str(item.get("question", "")).lower()
            name = next((c for frag, c in QUESTIONS.items() if frag in q), None)
            if name is None:
                continue
            answer = str(item.get("answer", "")).strip().lower()
            row[name] = 1.0 if answer == "satisfactory" else 0.0 if answer == "not satisfactory" else np.nan
        table[str(rel["id"])] = row
    return pd.DataFrame.from_dict(table, orient="index").reindex(columns=list(QUESTIONS.values()))


# --------------------------------------------------------------------------
# features
# --------------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _WORD_RE.findall(text.replace("%", " % "))]


def _naive_counts(blocks: pd.DataFrame, words: Sequence[str]) -> pd.Series:
    vocab = set(words)
    return blocks.groupby("source_id", sort=False)["text"].agg(
        lambda texts: sum(1 for t in texts for w in _tokens(t) if w in vocab)
    ).astype(float)


def _lengths(blocks: pd.DataFrame) -> pd.Series:
    body = blocks[blocks["kind"] != "title"]
    return body.groupby("source_id", sort=False)["text"].agg(lambda t: sum(len(x.split()) for x in t)).astype(float)


def framelens_scores(blocks: pd.DataFrame) -> pd.DataFrame:
    """Checklist scores: releases x criteria (the ``score`` column)."""
    from framelens.analysis.criteria import checklist
    from framelens.scores.scoring import score_paragraphs

    scores = score_paragraphs(list(blocks["text"]))
    scored = blocks.assign(hype=scores["hype"].to_numpy(), hype_raw=scores["hype_raw"].to_numpy())
    # every paragraph is read; boilerplate does not count for sensational language
    out = checklist(scored, figures=(), kinds=("body", "boilerplate"))
    # a criterion the rule cannot judge (no benefit claimed) is not met
    return out.pivot(index="source_id", columns="criterion", values="score").fillna(0.0)


def _paragraph_hype(blocks: pd.DataFrame, top: int = 1) -> pd.Series:
    """The mean hype of the ``top`` most hyped blocks, title and boilerplate included
    (the article hype used before :func:`framelens.analysis.criteria.article_hype`)."""
    from framelens.scores.scoring import score_paragraphs

    hype = score_paragraphs(list(blocks["text"]))["hype"].to_numpy()
    return blocks.assign(hype=hype).groupby("source_id", sort=False)["hype"].agg(
        lambda s: float(s.nlargest(top).mean()))


def _article_hype(blocks: pd.DataFrame) -> pd.Series:
    """Article hype as the checklist reads it (:func:`framelens.analysis.criteria.article_hype`)."""
    from framelens.analysis.criteria import article_hype

    return article_hype(blocks, kinds=("body", "boilerplate"))


# --------------------------------------------------------------------------
# statistics
# --------------------------------------------------------------------------


def cohen_kappa(truth: Sequence[float], pred: Sequence[float]) -> float:
    """Cohen's kappa of two binary ratings (NaN when chance agreement is 1)."""
    t = np.asarray(truth, dtype=float)
    p = np.asarray(pred, dtype=float)
    if len(t) == 0:
        return float("nan")
    po = float(np.mean(t == p))
    pe = float(np.mean(t) * np.mean(p) + (1 - np.mean(t)) * (1 - np.mean(p)))
    return float("nan") if pe >= 1 else (po - pe) / (1 - pe)


def roc_auc(truth: Sequence[float], score: Sequence[float]) -> float:
    """Area under the ROC curve (ties count half): P(score of a positive > a negative)."""
    t = np.asarray(truth, dtype=bool)
    s = np.asarray(score, dtype=float)
    pos, neg = s[t], s[~t]
    if len(pos) == 0 or len(neg) == 0:
        return float("nan")
    ranks = pd.Series(np.concatenate([pos, neg])).rank().to_numpy()
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def fit_threshold(score: Sequence[float], truth: Sequence[float], *, both_directions: bool = False
                  ) -> tuple[float, int]:
    """The cut maximising kappa of ``score >= cut`` (or ``<=`` if allowed and better).

    Returns ``(cut, direction)`` with direction +1 (high = satisfactory) or -1.
    Ties between cuts go to the one nearest the middle of the candidates.
    """
    s = np.asarray(score, dtype=float)
    t = np.asarray(truth, dtype=float)
    values = np.unique(s[~np.isnan(s)])
    cuts = np.concatenate([values, [np.inf]]) if len(values) else np.array([np.inf])
    best: tuple[float, float, int] = (-np.inf, np.inf, 1)
    for direction in ((1, -1) if both_directions else (1,)):
        for cut in cuts:
            pred = (s >= cut) if direction == 1 else (s <= cut)
            k = cohen_kappa(t, pred.astype(float))
            k = -1.0 if k != k else k
            if k > best[0] + 1e-12:
                best = (k, float(cut), direction)
    return best[1], best[2]


def _folds(n: int, seed: int = _SEED, k: int = _FOLDS) -> np.ndarray:
    rng = np.random.default_rng(seed)
    order = rng.permutation(n)
    fold = np.empty(n, dtype=int)
    fold[order] = np.arange(n) % k
    return fold


def cross_validate(score: pd.Series, truth: pd.Series, *, both_directions: bool = False,
                   seed: int = _SEED) -> tuple[float, np.ndarray]:
    """Pooled k-fold kappa: each article predicted by a cut fitted on the other folds."""
    keep = truth.notna() & score.notna()
    s, t = score[keep].to_numpy(float), truth[keep].to_numpy(float)
    fold = _folds(len(t), seed)
    pred = np.zeros(len(t))
    for f in range(_FOLDS):
        train, test = fold != f, fold == f
        cut, direction = fit_threshold(s[train], t[train], both_directions=both_directions)
        pred[test] = (s[test] >= cut) if direction == 1 else (s[test] <= cut)
    return cohen_kappa(t, pred), pred


def evaluate(path: str | Path, *, releases: Sequence[Mapping[str, Any]] | None = None,
             seed: int = _SEED) -> pd.DataFrame:
    """Per-criterion CV kappa of framelens and the two baselines.

    ``seed`` draws the folds (the same folds for framelens and the baselines).

    Returns
    -------
    DataFrame
        ``criterion, n, satisfactory_rate, framelens, keyword, length,
        framelens_in_sample, framelens_rate`` (rate = share predicted
        Satisfactory under CV), one row per criterion plus a ``mean (main)``
        row over :data:`MAIN_CRITERIA`.
    """
    rels = load_hnr(path) if releases is None else releases
    blocks = release_blocks(rels)
    truth = labels(rels)
    ours = framelens_scores(blocks).reindex(truth.index)
    length = _lengths(blocks).reindex(truth.index)
    rows = []
    for name in QUESTIONS.values():
        t = truth[name]
        keep = t.notna()
        naive = _naive_counts(blocks, NAIVE_WORDS[name]).reindex(truth.index)
        k_ours, pred = cross_validate(ours[name], t, seed=seed)
        cut, _ = fit_threshold(ours[name][keep].to_numpy(float), t[keep].to_numpy(float))
        k_in = cohen_kappa(t[keep], (ours[name][keep] >= cut).astype(float))
        rows.append({
            "criterion": name,
            "n": int(keep.sum()),
            "satisfactory_rate": float(t[keep].mean()),
            "framelens": k_ours,
            "keyword": cross_validate(naive, t, both_directions=True, seed=seed)[0],
            "length": cross_validate(length, t, both_directions=True, seed=seed)[0],
            "framelens_in_sample": k_in,
            "framelens_rate": float(np.mean(pred)),
        })
    out = pd.DataFrame(rows)
    main_rows = out[out["criterion"].isin(MAIN_CRITERIA)]
    mean = {"criterion": "mean (main)", "n": int(main_rows["n"].min()),
            **{c: float(main_rows[c].mean()) for c in out.columns if c not in ("criterion", "n")}}
    return pd.concat([out, pd.DataFrame([mean])], ignore_index=True)


def seed_spread(path: str | Path, seeds: Sequence[int], *,
                releases: Sequence[Mapping[str, Any]] | None = None) -> pd.DataFrame:
    """CV kappa over several fold seeds: ``criterion, method, mean, min, max`` and one
    column per seed, for framelens and both baselines (``mean (main)`` included)."""
    rels = load_hnr(path) if releases is None else releases
    tables = {sd: evaluate(path, releases=rels, seed=sd).set_index("criterion") for sd in seeds}
    first = tables[seeds[0]]
    rows = []
    for crit in first.index:
        for method in ("framelens", "keyword", "length"):
            vals = [float(tables[sd].at[crit, method]) for sd in seeds]
            rows.append({"criterion": crit, "method": method, "mean": float(np.mean(vals)),
                         "min": min(vals), "max": max(vals), **{f"seed {sd}": v for sd, v in zip(seeds, vals)}})
    return pd.DataFrame(rows)


def hype_auc(path: str | Path, *, releases: Sequence[Mapping[str, Any]] | None = None) -> pd.DataFrame:
    """ROC AUC for sensational language (Not Satisfactory = positive).

    ``framelens article hype`` is the checklist's reading of the whole
    release (:func:`framelens.analysis.criteria.article_hype`: the hype weight of the
    title, counted twice, and of every paragraph before the boilerplate,
    summed). It is set beside the hype of the strongest paragraph and the
    mean of the three most hyped blocks (title and boilerplate included, as
    article hype was read before), a naive count of 20 hype words and length.
    """
    rels = load_hnr(path) if releases is None else releases
    blocks = release_blocks(rels)
    t = labels(rels)["sensational_language"]
    keep = t.notna()
    sensational = (t[keep] == 0).to_numpy()
    feats: dict[str, Callable[[], pd.Series]] = {
        "framelens article hype (the checklist score)": lambda: _article_hype(blocks),
        "framelens hype (max paragraph)": lambda: _paragraph_hype(blocks),
        "framelens hype (mean of top 3 paragraphs)": lambda: _paragraph_hype(blocks, top=3),
        "naive 20-word count": lambda: _naive_counts(blocks, NAIVE_HYPE_WORDS),
        "length (words)": lambda: _lengths(blocks),
    }
    rows = [{"method": k, "auc": roc_auc(sensational, f().reindex(t.index)[keep].to_numpy(float)),
             "n": int(keep.sum())} for k, f in feats.items()]
    return pd.DataFrame(rows)


def fit_thresholds(path: str | Path) -> dict[str, float]:
    """Thresholds fitted on the whole file (one per criterion, score >= cut)."""
    rels = load_hnr(path)
    blocks = release_blocks(rels)
    truth = labels(rels)
    ours = framelens_scores(blocks).reindex(truth.index)
    out = {}
    for name in QUESTIONS.values():
        keep = truth[name].notna()
        cut, _ = fit_threshold(ours[name][keep].to_numpy(float), truth[name][keep].to_numpy(float))
        out[name] = round(min(cut, 1.0), 4)
    return out


def _model_path() -> Path:
    return Path(str(resources.files("framelens") / "models" / "checklist.json"))


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: print the kappa and AUC tables; ``--refit`` rewrites the thresholds."""
    parser = argparse.ArgumentParser(prog="python -m framelens.validation.hnr", description=__doc__.splitlines()[0])
    parser.add_argument("path", help="HealthNewsReview releases as JSON lines (e.g. ../shared/eval/hnr_releases_dev.jsonl)")
    parser.add_argument("--refit", action="store_true", help="refit models/checklist.json on the whole file")
    parser.add_argument("--seeds", type=_seed_list, default=None, metavar="S1,S2,...",
                        help="also print the CV kappa over these fold seeds (mean, min, max), e.g. 20260,1,2,3,4,5")
    args = parser.parse_args(argv)
    try:
        if args.refit:
            fitted = fit_thresholds(args.path)
            payload = {
                "description": "framelens checklist: score threshold per criterion (satisfactory when "
                               "score >= threshold), chosen to maximise Cohen's kappa with expert reviews",
                "fitted_on": f"{Path(args.path).name} (HealthNewsReview.org release reviews, dev split)",
                "command": "python -m framelens.validation.hnr PATH --refit",
                "thresholds": fitted,
            }
            _model_path().write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
            print(f"wrote {_model_path()}")
            from framelens.analysis.criteria import load_thresholds

            load_thresholds.cache_clear()
        releases = load_hnr(args.path)
        table = evaluate(args.path, releases=releases)
        auc = hype_auc(args.path, releases=releases)
        spread = seed_spread(args.path, args.seeds, releases=releases) if args.seeds else None
    except CorpusError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    with pd.option_context("display.width", 200, "display.max_columns", 20, "display.float_format", "{:.3f}".format):
        print(f"Cohen's kappa, {_FOLDS}-fold CV (seed {_SEED}), Not Applicable excluded")
        print(table.to_string(index=False))
        print()
        print("Sensational language (Not Satisfactory = positive), ROC AUC")
        print(auc.to_string(index=False))
        if spread is not None:
            print()
            print(f"Cohen's kappa over fold seeds {', '.join(map(str, args.seeds))}: mean [min, max]")
            cell = spread.assign(v=[f"{m:.3f} [{lo:.2f}, {hi:.2f}]" for m, lo, hi in
                                    zip(spread["mean"], spread["min"], spread["max"])])
            wide = cell.pivot(index="criterion", columns="method", values="v")
            print(wide.reindex(index=list(dict.fromkeys(spread["criterion"])),
                               columns=["framelens", "keyword", "length"]).to_string())
    return 0


def _seed_list(text: str) -> list[int]:
    try:
        seeds = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"seeds must be integers separated by commas, not {text!r}") from None
    if not seeds:
        raise argparse.ArgumentTypeError("give at least one seed")
    return seeds


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
