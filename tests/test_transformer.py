"""FramingScorer follows scikit-learn's transformer conventions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LinearRegression
from sklearn.pipeline import make_pipeline

from framelens.errors import AnalysisError
from framelens.scores.scoring import score_paragraphs
from framelens.scores.transformer import FramingScorer

TEXTS = [
    "This miracle drug is a revolutionary breakthrough.",
    "The drug may help some patients; more research is needed.",
    "The drug improves mood but carries a risk of abuse, experts said.",
]


def test_transform_matches_score_paragraphs() -> None:
    out = FramingScorer().fit(TEXTS).transform(TEXTS)
    expected = score_paragraphs(TEXTS)[["hype", "hedging", "balance", "sentiment"]].to_numpy()
    assert out.shape == (3, 4)
    np.testing.assert_allclose(out, expected)


def test_fit_is_stateless_and_returns_self() -> None:
    scorer = FramingScorer()
    assert scorer.fit(TEXTS) is scorer
    assert vars(scorer) == vars(FramingScorer())
    # transform without fit works too
    assert FramingScorer().transform(TEXTS).shape == (3, 4)


def test_pandas_output_and_feature_names() -> None:
    scorer = FramingScorer(columns=["hype", "hedging_limitation"]).set_output(transform="pandas")
    out = scorer.fit_transform(pd.Series(TEXTS))
    assert isinstance(out, pd.DataFrame)
    assert list(out.columns) == ["hype", "hedging_limitation"]
    assert list(scorer.get_feature_names_out()) == ["hype", "hedging_limitation"]
    assert out.loc[1, "hedging_limitation"] > out.loc[0, "hedging_limitation"]
    all_cols = FramingScorer(columns="all").get_feature_names_out()
    assert "n_words" in all_cols and len(all_cols) > 10


def test_pipeline_and_column_transformer() -> None:
    pipe = make_pipeline(FramingScorer(), LinearRegression()).fit(TEXTS, [1.0, 2.0, 3.0])
    assert pipe.predict(TEXTS).shape == (3,)
    df = pd.DataFrame({"text": TEXTS, "other": [1, 2, 3]})
    ct = ColumnTransformer([("framing", FramingScorer(), "text")]).set_output(transform="pandas")
    out = ct.fit_transform(df)
    assert list(out.columns) == [f"framing__{c}" for c in ("hype", "hedging", "balance", "sentiment")]
    ct2 = ColumnTransformer([("framing", FramingScorer(columns=["hype"]), ["text"])])
    assert ct2.fit_transform(df).shape == (3, 1)


def test_clone_keeps_user_lexicon_and_it_is_used() -> None:
    extra = [{"pattern": "elixir", "dimension": "hype", "category": "sensational", "weight": 1.0}]
    scorer = clone(FramingScorer(columns=["hype"], lexicon=extra))
    assert scorer.lexicon == extra
    assert scorer.transform(["An elixir."])[0, 0] > FramingScorer(columns=["hype"]).transform(["An elixir."])[0, 0]


def test_bad_input_and_columns() -> None:
    with pytest.raises(AnalysisError, match="one string"):
        FramingScorer().transform("a single text")
    with pytest.raises(AnalysisError, match="one text column"):
        FramingScorer().transform(pd.DataFrame({"a": ["x"], "b": ["y"]}))
    with pytest.raises(AnalysisError, match="unknown column"):
        FramingScorer(columns=["hyperbole"]).fit(TEXTS)
