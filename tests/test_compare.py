"""Tests for framelens.compare: per-source summaries and pairwise comparisons."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framelens.compare import (
    DEFAULT_DIMENSIONS,
    compare_sources,
    describe_comparison,
    holm_adjust,
    summarize_sources,
)
from framelens.errors import AnalysisError


def make_scored(values: dict[str, list[float]], *, extra_kinds: bool = True) -> pd.DataFrame:
    """A scored blocks table: one body paragraph per value, hype = value.

    hedging/balance/sentiment are derived so that every dimension varies.
    Each source also gets a title row (excluded by the default kinds).
    """
    rows = []
    for source, hype in values.items():
        index = 0
        if extra_kinds:
            rows.append(dict(source_id=source, block_index=0, kind="title", section="",
                             text=f"Title {source}", hype=0.9, hedging=0.9, balance=0.9,
                             sentiment=0.9))  # fmt: skip
            index = 1
        for i, h in enumerate(hype):
            rows.append(
                dict(source_id=source, block_index=index + i, kind="body", section="",
                     text=f"Paragraph {i} of {source}.", hype=float(h),
                     hedging=float((i * 0.37) % 1), balance=float((i * 0.61) % 1),
                     sentiment=float(np.sin(i + len(source))))  # fmt: skip
            )
    df = pd.DataFrame(rows)
    df["start"] = 0
    df["end"] = df["text"].str.len()
    df["file"] = df["source_id"] + ".txt"
    return df


def shifted(seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    low = np.clip(rng.normal(0.2, 0.05, 12), 0, 1)
    high = np.clip(rng.normal(0.6, 0.05, 12), 0, 1)
    return make_scored({"calm": list(low), "loud": list(high)})


# --- summarize_sources ------------------------------------------------------


def test_summary_has_one_row_per_source_and_dimension():
    df = make_scored({"a": [0.1, 0.2, 0.3], "b": [0.5, 0.6, 0.7, 0.8]})
    out = summarize_sources(df)
    assert len(out) == 2 * len(DEFAULT_DIMENSIONS)
    assert list(out["source_id"].unique()) == ["a", "b"]  # order of first appearance
    hype = out[out["dimension"] == "hype"].set_index("source_id")
    assert hype.loc["a", "n"] == 3 and hype.loc["b", "n"] == 4  # title rows excluded
    assert hype.loc["a", "mean"] == pytest.approx(0.2)


def test_bootstrap_interval_contains_mean_and_is_ordered():
    out = summarize_sources(shifted())
    assert (out["ci_low"] <= out["mean"]).all()
    assert (out["mean"] <= out["ci_high"]).all()
    assert (out["ci_low"] < out["ci_high"]).all()


def test_wider_confidence_level_gives_wider_interval():
    df = shifted()
    narrow = summarize_sources(df, ci=0.5)
    wide = summarize_sources(df, ci=0.99)
    assert ((wide["ci_high"] - wide["ci_low"]) > (narrow["ci_high"] - narrow["ci_low"])).all()


def test_summary_is_reproducible_with_seed():
    df = shifted()
    first = summarize_sources(df, seed=7)
    pd.testing.assert_frame_equal(first, summarize_sources(df, seed=7))
    other = summarize_sources(df, seed=8)
    assert not np.allclose(first["ci_low"], other["ci_low"])


def test_source_result_does_not_depend_on_other_sources():
    df = shifted()
    alone = summarize_sources(df[df["source_id"] == "calm"])
    both = summarize_sources(df)
    pd.testing.assert_frame_equal(alone, both[both["source_id"] == "calm"].reset_index(drop=True))


def test_single_paragraph_gives_nan_interval_with_note():
    df = make_scored({"a": [0.4], "b": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]})
    out = summarize_sources(df)
    one = out[out["source_id"] == "a"]
    assert one["ci_low"].isna().all() and one["ci_high"].isna().all() and one["sd"].isna().all()
    assert one["note"].str.contains("1 paragraph").all()
    assert (one["mean"] == one["median"]).all()
    assert out.loc[out["source_id"] == "b", "ci_low"].notna().all()


def test_constant_scores_get_zero_width_interval_note():
    df = make_scored({"a": [0.0] * 6})
    row = summarize_sources(df, dimensions=("hype",)).iloc[0]
    assert row["ci_low"] == row["ci_high"] == 0.0
    assert "equal" in row["note"]


def test_source_without_body_paragraphs_is_named():
    df = make_scored({"a": [0.1, 0.2], "b": [0.3, 0.4]})
    df = df[~((df["source_id"] == "b") & (df["kind"] == "body"))]
    with pytest.raises(AnalysisError, match="'b'.*n = 0"):
        summarize_sources(df)


def test_missing_columns_are_named():
    df = make_scored({"a": [0.1, 0.2]}).drop(columns=["hedging", "source_id"])
    with pytest.raises(AnalysisError, match="'source_id'.*'hedging'"):
        summarize_sources(df)


def test_no_rows_of_requested_kind():
    df = make_scored({"a": [0.1, 0.2]})
    with pytest.raises(AnalysisError, match="no rows with kind"):
        summarize_sources(df, kinds=("boilerplate",))


def test_missing_score_is_reported_with_block():
    df = make_scored({"a": [0.1, 0.2, 0.3]})
    df.loc[2, "sentiment"] = np.nan
    with pytest.raises(AnalysisError, match="sentiment.*a block 2"):
        summarize_sources(df)


def test_non_dataframe_input():
    with pytest.raises(AnalysisError, match="DataFrame"):
        summarize_sources([1, 2, 3])  # type: ignore[arg-type]


# --- compare_sources --------------------------------------------------------


def test_one_source_is_an_error():
    with pytest.raises(AnalysisError, match="at least 2 sources"):
        compare_sources(make_scored({"only": [0.1, 0.2, 0.3]}))


def test_source_with_one_paragraph_is_named():
    df = make_scored({"a": [0.1, 0.2, 0.3], "tiny": [0.5]})
    with pytest.raises(AnalysisError, match="'tiny' \\(n = 1\\)"):
        compare_sources(df)


def test_columns_and_rows():
    df = make_scored({"a": [0.1, 0.2, 0.3], "b": [0.2, 0.3, 0.4], "c": [0.5, 0.6, 0.2]})
    out = compare_sources(df, n_perm=200, n_boot=200)
    assert len(out) == 3 * len(DEFAULT_DIMENSIONS)
    expected = {"source_a", "source_b", "dimension", "n_a", "n_b", "mean_a", "mean_b", "diff",
                "ci_low", "ci_high", "hedges_g", "cliffs_delta", "p_value", "p_holm",
                "verdict"}  # fmt: skip
    assert expected <= set(out.columns)
    assert set(zip(out["source_a"], out["source_b"], strict=True)) == {
        ("a", "b"), ("a", "c"), ("b", "c")
    }
    assert np.allclose(out["diff"], out["mean_a"] - out["mean_b"])


def test_clearly_shifted_sources_differ():
    out = compare_sources(shifted(), dimensions=("hype",))
    row = out.iloc[0]
    assert row["source_a"] == "calm" and row["diff"] < 0
    assert row["p_value"] < 0.01 and row["p_holm"] < 0.05
    assert row["ci_high"] < 0
    assert row["cliffs_delta"] == -1.0 and row["hedges_g"] < 0
    assert row["higher"] == "loud" and row["verdict"] == "loud higher"
    sentence = describe_comparison(row)
    assert sentence.startswith("loud uses more hype language than calm")


def test_identical_distributions_are_not_different():
    rng = np.random.default_rng(3)
    same = rng.uniform(0, 1, 30)
    df = make_scored({"a": list(same[:15]), "b": list(same[15:])})
    out = compare_sources(df, dimensions=("hype",))
    row = out.iloc[0]
    assert row["p_value"] > 0.05
    assert row["verdict"] == "no clear difference" and row["higher"] == ""
    assert describe_comparison(row).startswith("No clear difference in hype between a and b")


def test_equal_samples_give_p_one():
    df = make_scored({"a": [0.1, 0.5, 0.9, 0.3], "b": [0.9, 0.3, 0.1, 0.5]})
    row = compare_sources(df, dimensions=("hype",)).iloc[0]
    assert row["diff"] == 0 and row["p_value"] == 1.0 and row["cliffs_delta"] == 0


def test_p_value_never_zero_and_holm_not_below_raw():
    out = compare_sources(shifted(), n_perm=999)
    assert (out["p_value"] >= 1 / 1000 - 1e-12).all()
    assert (out["p_holm"] >= out["p_value"]).all()
    assert (out["p_holm"] <= 1).all()


def test_small_samples_use_exact_permutation():
    df = make_scored({"a": [0.1, 0.2], "b": [0.7, 0.8, 0.9]})
    row = compare_sources(df, dimensions=("hype",)).iloc[0]
    assert row["p_method"] == "exact"
    # C(5, 2) = 10 possible splits; the observed one (both low values on one
    # side) is the only split with a difference this large
    assert row["p_value"] == pytest.approx(1 / 10)


def test_comparison_is_reproducible_with_seed():
    df = shifted(5)
    first = compare_sources(df, seed=11)
    pd.testing.assert_frame_equal(first, compare_sources(df, seed=11))


def test_too_few_permutations_warns():
    df = make_scored({s: list(np.linspace(0, 1, 12) + k / 10) for k, s in enumerate("abcde")})
    with pytest.warns(UserWarning, match="n_perm=100 is too few for 40 comparisons") as caught:
        compare_sources(df, n_perm=100, n_boot=50)
    assert len(caught) == 1 and "\n" not in str(caught[0].message)


def test_describe_orders_by_higher_source():
    row = dict(source_a="x", source_b="y", dimension="hedging", n_a=10, n_b=12,
               mean_a=0.1, mean_b=0.4, diff=-0.3, ci_low=-0.45, ci_high=-0.15,
               ci_level=0.95, p_holm=0.002, cliffs_delta=-0.8)  # fmt: skip
    text = describe_comparison(row)
    assert text.startswith("y hedges more than x")
    assert "mean 0.40 vs 0.10" in text and "difference 0.30" in text
    assert "0.15 to 0.45" in text


def test_describe_does_not_claim_a_direction_when_correction_fails():
    row = dict(source_a="x", source_b="y", dimension="hype", mean_a=0.4, mean_b=0.1,
               diff=0.3, ci_low=0.05, ci_high=0.5, p_holm=0.2)  # fmt: skip
    text = describe_comparison(row)
    assert text.startswith("No clear difference")
    assert "does not survive" in text


def test_describe_rejects_other_rows():
    with pytest.raises(AnalysisError, match="compare_sources"):
        describe_comparison({"source_a": "x"})


# --- holm_adjust ------------------------------------------------------------


def test_holm_properties():
    p = np.array([0.04, 0.001, 0.03, np.nan, 0.5])
    adj = holm_adjust(p)
    ok = ~np.isnan(p)
    assert np.isnan(adj[3])
    assert (adj[ok] >= p[ok]).all() and (adj[ok] <= 1).all()
    # adjusted values keep the order of the raw values
    order = np.argsort(p[ok])
    assert np.all(np.diff(adj[ok][order]) >= 0)
    assert adj[1] == pytest.approx(4 * 0.001)  # smallest p times m = 4 tests


def test_bootstrap_by_counts_equals_bootstrap_by_gathering(monkeypatch: pytest.MonkeyPatch) -> None:
    """Large sources sum each resample from draw counts; the resamples and results are the same."""
    from framelens import compare

    rng = np.random.default_rng(7)
    x = rng.random((300, 4))
    monkeypatch.setattr(compare, "_COUNTS_FROM_ROWS", 10**9)
    gathered = compare._bootstrap_means(x, 500, compare._rng(0, "t"))
    monkeypatch.setattr(compare, "_COUNTS_FROM_ROWS", 1)
    counted = compare._bootstrap_means(x, 500, compare._rng(0, "t"))
    assert counted.shape == gathered.shape == (500, 4)
    np.testing.assert_allclose(counted, gathered, rtol=0, atol=1e-12)
    # and the draws really are resamples: their spread is that of a mean of 300 values
    assert 0.5 < counted.std(axis=0).mean() / (x.std(axis=0).mean() / np.sqrt(300)) < 1.5
