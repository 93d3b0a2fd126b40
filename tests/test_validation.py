"""Hedging validation against human certainty ratings (Pei & Jurgens 2021)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framelens.errors import CorpusError
from framelens.scores.hedging import category_weights, load_model
from framelens.text.lexicon import load_lexicon
from framelens.validation.certainty import (
    NAIVE_HEDGES,
    evaluate,
    fit_hedging_model,
    hedging_features,
    load_certainty,
    naive_hedge_count,
)


@pytest.fixture(scope="module")
def data(certainty_path: Path) -> pd.DataFrame:
    return load_certainty(certainty_path)


@pytest.fixture(scope="module")
def table(data: pd.DataFrame) -> pd.DataFrame:
    return evaluate(data)


def test_load_certainty(data: pd.DataFrame) -> None:
    assert list(data.columns) == ["id", "text", "certainty", "split"]
    assert set(data["split"]) == {"train", "val", "ext"}
    assert data["certainty"].between(1, 6).all()


def test_load_certainty_errors_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "x", "certainty": 3, "split": "train"}\nnot json\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="line 2"):
        load_certainty(bad)
    missing = tmp_path / "missing.jsonl"
    missing.write_text('{"id": 1, "text": "x", "split": "train"}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="'certainty'"):
        load_certainty(missing)


def test_naive_baseline_counts_words() -> None:
    counts = naive_hedge_count(["It may, perhaps, work.", "It works.", "MAY might could"])
    assert list(counts) == [2, 0, 3]
    assert "may" in NAIVE_HEDGES


def test_hedging_falls_with_certainty_and_beats_the_baseline(table: pd.DataFrame) -> None:
    wide = table.pivot(index="method", columns="split", values="pearson")
    for split in ("train", "val", "ext"):
        assert wide.loc["hedging", split] < -0.4
        assert wide.loc["hedging", split] < wide.loc["naive_count", split]
    spear = table.pivot(index="method", columns="split", values="spearman")
    for split in ("val", "ext"):
        assert spear.loc["hedging", split] < spear.loc["naive_count", split]


def test_hype_is_not_a_hedge(table: pd.DataFrame) -> None:
    wide = table.pivot(index="method", columns="split", values="pearson")
    assert (wide.loc["hype"] > -0.2).all()


def test_packaged_model_is_plain_data_fitted_on_train() -> None:
    res = resources.files("framelens").joinpath("models", "hedging.json")
    model = json.loads(res.read_text(encoding="utf-8"))
    assert "train" in model["fitted_on"]
    assert set(model["category_weights"]) == set(load_lexicon().categories("hedging"))
    assert all(0 <= w <= 1 for w in model["category_weights"].values())
    assert dict(category_weights()) == model["category_weights"]
    assert dict(load_model())["n_train"] == model["n_train"]


def test_refit_uses_train_only(data: pd.DataFrame) -> None:
    model = fit_hedging_model(data)
    assert model["n_train"] == int((data["split"] == "train").sum())
    # changing val/ext labels must not change the fit
    shuffled = data.copy()
    mask = shuffled["split"] != "train"
    shuffled.loc[mask, "certainty"] = shuffled.loc[mask, "certainty"].to_numpy()[::-1]
    assert fit_hedging_model(shuffled)["coefficients"] == model["coefficients"]
    # the packaged file is this fit
    assert model["category_weights"] == dict(category_weights())


def test_features_are_densities() -> None:
    base = "It may work. " + "The clinic opened in 2015 and treats patients from the towns nearby. " * 2
    assert len(base.split()) >= 25
    feats = hedging_features([base, base * 4, "It may work."])
    assert feats.loc[0, "modal"] > 0
    assert feats.loc[1, "modal"] == pytest.approx(feats.loc[0, "modal"])
    # a text shorter than 25 words counts as 25 words
    assert feats.loc[2, "modal"] == pytest.approx(1.0)


def test_spearman_intervals_pair_the_resamples() -> None:
    from scipy.stats import spearmanr

    from framelens.validation.certainty import spearman_intervals

    rng = np.random.default_rng(1)
    n = 300
    y = rng.normal(size=n)
    good = -y + rng.normal(scale=0.5, size=n)  # agrees strongly (negatively, like a hedge)
    weak = -y + rng.normal(scale=3.0, size=n)  # agrees weakly
    table = pd.DataFrame({"certainty": y, "m": good, "b": weak, "split": ["a"] * 150 + ["b"] * 150})
    ci = spearman_intervals(table, "m", "b", n_boot=400, seed=3)
    assert ci["split"].tolist() == ["a", "b"] and ci["n"].tolist() == [150, 150]
    for _, row in ci.iterrows():
        part = table[table["split"] == row["split"]]
        assert row["m"] == pytest.approx(spearmanr(part["m"], part["certainty"])[0])
        assert row["b"] == pytest.approx(spearmanr(part["b"], part["certainty"])[0])
        assert row["difference"] == pytest.approx(row["m"] - row["b"])
        for name in ("m", "b", "difference"):
            assert row[f"{name}_low"] <= row[name] <= row[f"{name}_high"]
        assert row["difference_high"] < 0  # the method beats the baseline on the same sentences
    # the same seed gives the same intervals
    assert ci.equals(spearman_intervals(table, "m", "b", n_boot=400, seed=3))


def test_spearman_intervals_name_a_missing_column() -> None:
    from framelens.errors import AnalysisError
    from framelens.validation.certainty import spearman_intervals

    with pytest.raises(AnalysisError, match="'b'"):
        spearman_intervals(pd.DataFrame({"certainty": [1.0], "m": [1.0], "split": ["a"]}), "m", "b")
