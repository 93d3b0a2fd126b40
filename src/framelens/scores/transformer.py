"""A scikit-learn transformer that turns texts into framelens scores.

:class:`FramingScorer` is stateless: ``fit`` learns nothing and returns the
scorer, ``transform`` scores each text with
:func:`framelens.scores.scoring.score_paragraphs` and ``get_feature_names_out`` names
the columns, so it works in a :class:`~sklearn.pipeline.Pipeline`, inside a
:class:`~sklearn.compose.ColumnTransformer` (give it one text column) and
with ``set_output(transform="pandas")``.

Examples
--------
>>> from framelens.scores.transformer import FramingScorer
>>> FramingScorer().fit_transform(["A miracle cure!", "It may help."]).shape
(2, 4)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin

from framelens.errors import AnalysisError
from framelens.text.lexicon import LexiconLike, resolve_lexicon
from framelens.scores.scoring import MAIN_SCORES, score_columns, score_paragraphs

__all__ = ["FramingScorer"]


class FramingScorer(TransformerMixin, BaseEstimator):
    """Score texts for hype, hedging, balance and sentiment.

    Parameters
    ----------
    columns : sequence of str or "all", optional
        Which score columns to output. Default: the four headline scores
        ``hype, hedging, balance, sentiment``. ``"all"`` gives every column of
        :func:`~framelens.scores.scoring.score_paragraphs` (sub-scores and counts).
    lexicon : Lexicon, DataFrame, CSV path or list of dicts, optional
        As in :func:`~framelens.scores.scoring.score_paragraphs`: a lexicon to use, or
        entries that extend the packaged one for this scorer only.

    Notes
    -----
    Input to ``transform`` may be a list or array of strings, a pandas Series,
    or a one-column DataFrame / 2-D array (as a ``ColumnTransformer`` passes
    it). Output is a float array of shape ``(n_texts, n_columns)``.
    """

    def __init__(self, columns: Sequence[str] | str | None = None, lexicon: LexiconLike | None = None) -> None:
        self.columns = columns
        self.lexicon = lexicon

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.requires_fit = False
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags

    def _columns(self) -> list[str]:
        if self.columns is None:
            return list(MAIN_SCORES)
        available = score_columns(self.lexicon)
        if isinstance(self.columns, str):
            if self.columns == "all":
                return available
            cols = [self.columns]
        else:
            cols = list(self.columns)
        unknown = [c for c in cols if c not in available]
        if unknown:
            raise AnalysisError(f"FramingScorer: unknown column(s) {unknown}; available: {available}")
        return cols

    def fit(self, X: Any, y: Any = None) -> FramingScorer:
        """Check the parameters; nothing is learned. Returns ``self``."""
        resolve_lexicon(self.lexicon)
        self._columns()
        return self

    def transform(self, X: Any) -> np.ndarray:
        """Score each text; returns an array of shape ``(n_texts, n_columns)``."""
        texts = _as_texts(X)
        cols = self._columns()
        scores = score_paragraphs(texts, lexicon=self.lexicon)
        return scores[cols].to_numpy(dtype=float)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Names of the output columns."""
        return np.asarray(self._columns(), dtype=object)


def _as_texts(X: Any) -> list[str]:
    if isinstance(X, str):
        raise AnalysisError("FramingScorer expects a list of texts, got one string; wrap it in a list")
    if isinstance(X, pd.DataFrame):
        if X.shape[1] != 1:
            raise AnalysisError(
                f"FramingScorer expects one text column, got a DataFrame with {X.shape[1]} columns {list(X.columns)}"
            )
        return list(X.iloc[:, 0])
    if isinstance(X, pd.Series):
        return list(X)
    arr = np.asarray(X, dtype=object)
    if arr.ndim == 2:
        if arr.shape[1] != 1:
            raise AnalysisError(f"FramingScorer expects one text column, got an array of shape {arr.shape}")
        arr = arr[:, 0]
    if arr.ndim != 1:
        raise AnalysisError(f"FramingScorer expects a 1-D sequence of texts, got shape {arr.shape}")
    return list(arr)
