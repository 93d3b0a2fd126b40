"""Tests for framelens.analysis.compare: per-source summaries and pairwise comparisons."""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pandas as pd
import pytest

from framelens.analysis.compare import (
    DEFAULT_DIMENSIONS,
    compare_one_vs_rest,
    compare_sources,
    describe_comparison,
    fdr_bh_adjust,
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
    from framelens.analysis import compare

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


# --- resolution of the p-values, corrections, one-vs-rest ---------------------


def many_sources(seed: int, *, standout: float | None = None, n_sources: int = 12,
                 n: int = 10) -> pd.DataFrame:
    """n_sources x n paragraphs; hype ~ 0.05 +- 0.05 (source 's03': `standout` +- 0.05)."""
    rng = np.random.default_rng(seed)
    frames = []
    for s in range(n_sources):
        centre = standout if (standout is not None and s == 3) else 0.05
        frames.append(pd.DataFrame({
            "source_id": f"s{s:02d}", "kind": "body",
            "hype": np.clip(rng.normal(centre, 0.05, n), 0, 1),
            "hedging": rng.random(n), "balance": rng.random(n),
            "sentiment": rng.uniform(-1, 1, n),
        }))  # fmt: skip
    return pd.concat(frames, ignore_index=True)


def test_standout_source_is_flagged_against_every_other_source():
    """12 sources x 4 dimensions = 264 comparisons: a 1/5001 p-value floor could flag none."""
    df = many_sources(0, standout=0.5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the default settings warn about nothing
        out = compare_sources(df)
    assert len(out) == 264
    hype = out[(out["dimension"] == "hype") & ((out["source_a"] == "s03") | (out["source_b"] == "s03"))]
    assert len(hype) == 11
    assert (hype["verdict"] == "s03 higher").all() and (hype["higher"] == "s03").all()
    assert (hype["p_adjusted"] < 0.05).all() and (hype["p_holm"] == hype["p_adjusted"]).all()
    others = out[(out["dimension"] == "hype") & (out["source_a"] != "s03") & (out["source_b"] != "s03")]
    assert (others["verdict"] == "no clear difference").all()


def test_standout_source_is_flagged_one_vs_rest():
    df = many_sources(0, standout=0.5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = compare_one_vs_rest(df)
    assert len(out) == 12 * 4
    assert list(out["source"].unique()) == [f"s{i:02d}" for i in range(12)]
    row = out[(out["source"] == "s03") & (out["dimension"] == "hype")].iloc[0]
    assert row["verdict"] == "higher than the rest" and row["direction"] == "higher"
    assert row["n"] == 10 and row["n_rest"] == 110
    assert row["diff"] == pytest.approx(row["mean"] - row["mean_rest"])
    assert row["cliffs_delta"] == 1.0 and row["ci_low"] > 0
    # a source that sits with the crowd is not singled out
    assert (out.loc[(out["source"] != "s03") & (out["dimension"] == "hype"), "direction"] != "higher").all()
    sentence = describe_comparison(row)
    assert sentence.startswith("s03 is higher than the other sources on hype")
    assert "over 10 and 110 paragraphs" in sentence and "Holm-adjusted" in sentence


def test_lower_than_the_rest_and_unclear_one_vs_rest_sentences():
    df = many_sources(1, standout=0.0)
    df.loc[df["source_id"] != "s03", "hype"] += 0.4
    out = compare_one_vs_rest(df, dimensions=("hype",), correction="fdr_bh")
    row = out[out["source"] == "s03"].iloc[0]
    assert row["verdict"] == "lower than the rest" and row["diff"] < 0
    assert describe_comparison(row).startswith("s03 is lower than the other sources on hype")
    calm = out[out["source"] == "s00"].iloc[0]
    assert calm["verdict"] == "no clear difference"
    assert describe_comparison(calm).startswith("No clear difference in hype between s00 and the other sources")
    assert "BH-adjusted" in describe_comparison(calm)


def test_null_sources_are_rarely_flagged():
    """12 sources from one distribution, 20 data sets, 66 hype comparisons each.

    Holm controls the family-wise error rate: the share of *data sets* with
    any adjusted p-value below alpha should be at most about alpha = 0.05 (at
    most 3 of 20 allows for chance: P(Binomial(20, 0.05) >= 4) = 0.016).
    Under a complete null Benjamini-Hochberg controls the same rate. The raw
    p-values must be valid too: about 5% of them below 0.05.
    """
    any_holm = any_bh = 0
    raw = []
    for seed in range(20):
        out = compare_sources(many_sources(100 + seed), dimensions=("hype",), n_boot=200, seed=seed)
        raw.append(out["p_value"].to_numpy())
        any_holm += bool((out["p_adjusted"] < 0.05).any())
        any_bh += bool((fdr_bh_adjust(out["p_value"]) < 0.05).any())
    raw_p = np.concatenate(raw)
    assert any_holm <= 3 and any_bh <= 3
    assert 0.02 <= (raw_p < 0.05).mean() <= 0.08
    assert 0.07 <= (raw_p < 0.10).mean() <= 0.13


def test_fdr_bh_matches_a_hand_computed_example_and_scipy():
    from scipy.stats import false_discovery_control

    # sorted: 0.005, 0.011, 0.04, 0.3 -> 4p/rank = 0.02, 0.022, 0.0533, 0.3 (already monotone)
    p = np.array([0.005, 0.04, 0.011, 0.3])
    np.testing.assert_allclose(fdr_bh_adjust(p), [0.02, 0.16 / 3, 0.022, 0.3])
    # step-up: a later, smaller m p / rank pulls earlier ones down
    np.testing.assert_allclose(fdr_bh_adjust([0.01, 0.02, 0.03, 0.04, 0.05, 0.5]),
                               [0.06, 0.06, 0.06, 0.06, 0.06, 0.5])  # fmt: skip
    rng = np.random.default_rng(0)
    q = rng.random(50) ** 3
    np.testing.assert_allclose(fdr_bh_adjust(q), false_discovery_control(q, method="bh"))
    with_nan = fdr_bh_adjust([0.01, np.nan, 0.02])
    assert np.isnan(with_nan[1]) and with_nan[0] == pytest.approx(0.02)


def test_fdr_bh_is_never_above_holm():
    rng = np.random.default_rng(4)
    for _ in range(20):
        p = rng.random(30) ** 4
        bh, holm = fdr_bh_adjust(p), holm_adjust(p)
        assert (bh <= holm + 1e-15).all() and (bh >= p).all()


def test_correction_column_and_verdicts_follow_the_correction():
    df = many_sources(2, standout=0.12)
    holm = compare_sources(df, seed=3)
    bh = compare_sources(df, seed=3, correction="fdr_bh")
    np.testing.assert_array_equal(holm["p_value"], bh["p_value"])  # same tests
    np.testing.assert_array_equal(holm["p_holm"], bh["p_holm"])
    assert (holm["correction"] == "holm").all() and (bh["correction"] == "fdr_bh").all()
    np.testing.assert_allclose(bh["p_adjusted"], fdr_bh_adjust(bh["p_value"]))
    assert (bh["p_adjusted"] <= holm["p_adjusted"] + 1e-15).all()
    clear_holm = holm["verdict"] != "no clear difference"
    clear_bh = bh["verdict"] != "no clear difference"
    assert (clear_bh | ~clear_holm).all()  # BH finds every difference Holm finds
    assert ((bh["p_adjusted"] < 0.05) | ~clear_bh).all()


def test_unknown_correction_is_an_error():
    with pytest.raises(AnalysisError, match="correction must be one of 'holm', 'fdr_bh'"):
        compare_sources(shifted(), correction="bonferroni")
    with pytest.raises(AnalysisError, match="n_perm"):
        compare_one_vs_rest(shifted(), n_perm=0)


def enumerated_p(a: list[float], b: list[float]) -> float:
    """Two-sided permutation p-value over every split, by brute force."""
    pooled = np.array(a + b)
    observed = abs(np.mean(a) - np.mean(b))
    hits = total = 0
    for chosen in itertools.combinations(range(len(pooled)), len(a)):
        mask = np.zeros(len(pooled), bool)
        mask[list(chosen)] = True
        total += 1
        hits += abs(pooled[mask].mean() - pooled[~mask].mean()) >= observed - 1e-12
    return hits / total


def test_tiny_groups_get_the_enumerated_p_value():
    a, b = [0.0, 0.2, 0.2, 0.5], [0.3, 0.7, 0.2, 0.9, 0.6]
    row = compare_sources(make_scored({"a": a, "b": b}), dimensions=("hype",)).iloc[0]
    assert row["p_method"] == "exact"
    assert row["p_value"] == pytest.approx(enumerated_p(a, b))


def test_second_stage_enumerates_when_splits_are_few(monkeypatch: pytest.MonkeyPatch) -> None:
    """A first stage of 100 draws, then all C(9, 4) = 126 splits for the rare one."""
    from framelens.analysis import compare

    monkeypatch.setattr(compare, "MC_FIRST", 100)
    monkeypatch.setattr(compare, "MC_HITS", 10)
    a, b = [0.6, 0.7, 0.8, 0.9], [0.1, 0.0, 0.2, 0.15, 0.05]
    df = make_scored({"a": a, "b": b})
    out = compare_sources(df, dimensions=("hype", "balance"))  # m = 2: 800 draws >= 126
    hype = out[out["dimension"] == "hype"].iloc[0]
    assert hype["p_method"] == "exact"
    assert hype["p_value"] == pytest.approx(enumerated_p(a, b))
    # balance does not differ: 10+ extreme draws, it stops after the first stage
    balance = out[out["dimension"] == "balance"].iloc[0]
    assert balance["p_method"] == "monte carlo" and balance["p_value"] >= 11 / 101
    assert balance["p_value"] * 101 == pytest.approx(round(balance["p_value"] * 101))


def test_draws_grow_with_the_number_of_comparisons():
    from framelens.analysis.compare import _plan_draws

    assert _plan_draws(None, 264, 0.05) == (105_600, True)
    assert 1 / (_plan_draws(None, 264, 0.05)[0] + 1) < 0.05 / 264 / 10
    assert _plan_draws(None, 4, 0.05) == (10_000, True)
    assert _plan_draws(999, 264, 0.05) == (999, False)


def test_random_splits_are_subsets_without_repeats():
    from framelens.analysis.compare import _Splits

    splits = _Splits(0)
    for n, k in ((1000, 10), (200, 100)):
        idx = splits.random(n, k, 0)
        assert idx.shape[1] == k
        assert all(len(set(row)) == k for row in idx[:500].tolist())
        assert idx.min() >= 0 and idx.max() < n
        # every element is chosen about k/n of the time
        freq = np.bincount(idx.ravel(), minlength=n) / idx.shape[0]
        assert abs(freq.mean() - k / n) < 1e-9 and freq.std() < 0.1 * k / n + 0.01
    ind = splits.random(20, 10, 0)  # small pools: 0/1 rows with k ones
    assert ind.shape == (10_000, 20) and (ind.sum(axis=1) == 10).all()
    np.testing.assert_array_equal(ind, _Splits(0).random(20, 10, 0))  # same seed, same draws


def test_one_vs_rest_is_reproducible_with_seed():
    df = many_sources(5)
    first = compare_one_vs_rest(df, seed=2)
    pd.testing.assert_frame_equal(first, compare_one_vs_rest(df, seed=2))
    other = compare_one_vs_rest(df, seed=3)
    assert not np.allclose(first["ci_low"], other["ci_low"])


def large_pair(n: int = 3000, shift: float = 0.01, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    hype = np.where(rng.random(2 * n) < 0.6, 0.0, rng.random(2 * n))
    hype[n:] += shift
    return pd.DataFrame({"source_id": ["x"] * n + ["y"] * n, "kind": "body", "hype": hype})


def test_large_sources_get_normal_intervals_close_to_the_bootstrap(monkeypatch: pytest.MonkeyPatch) -> None:
    from framelens.analysis import compare

    df = large_pair()
    normal = summarize_sources(df, dimensions=("hype",))
    assert (normal["ci_method"] == "normal").all()
    monkeypatch.setattr(compare, "NORMAL_FROM", 10**9)
    boot = summarize_sources(df, dimensions=("hype",))
    assert (boot["ci_method"] == "bootstrap").all()
    width = (boot["ci_high"] - boot["ci_low"]).to_numpy()
    assert np.allclose(normal["ci_low"], boot["ci_low"], atol=0.05 * width)
    assert np.allclose(normal["ci_high"], boot["ci_high"], atol=0.05 * width)


def test_large_sources_get_the_normal_test_close_to_the_permutation_test():
    df = large_pair(shift=0.02)
    normal = compare_sources(df, dimensions=("hype",)).iloc[0]
    forced = compare_sources(df, dimensions=("hype",), n_perm=4000).iloc[0]
    assert normal["p_method"] == "normal" and forced["p_method"] == "monte carlo"
    assert 0.001 < forced["p_value"] < 0.5  # a moderate p-value, where both are precise
    assert normal["p_value"] == pytest.approx(forced["p_value"], rel=0.3)
    assert normal["ci_low"] < normal["diff"] < normal["ci_high"]


def test_small_source_against_large_one_bootstraps_the_small_one():
    rng = np.random.default_rng(1)
    df = pd.DataFrame({"source_id": ["big"] * 5000 + ["small"] * 8, "kind": "body",
                       "hype": np.r_[rng.random(5000) * 0.2, [0.8, 0.9, 0.7, 0.85, 0.95, 0.75, 0.8, 0.9]]})  # fmt: skip
    row = compare_sources(df, dimensions=("hype",)).iloc[0]
    assert row["p_method"] in ("exact", "monte carlo")
    assert row["verdict"] == "small higher" and row["ci_high"] < 0


def test_counting_extreme_splits_matches_direct_computation():
    """The two-comparison count equals |mean(chosen) - mean(rest)| >= observed, ties included."""
    from framelens.analysis.compare import _count_extreme, _Splits

    rng = np.random.default_rng(8)
    for n, k in ((12, 5), (90, 7)):  # 0/1 indicator rows, then index rows
        pooled = np.round(rng.random((n, 3)), 1)  # coarse values: many tied splits
        pooled[:, 2] = 0.5  # a constant column: every split ties a zero difference
        observed = np.abs(pooled[:k].mean(axis=0) - pooled[k:].mean(axis=0))
        chunk = _Splits(1).random(n, k, 0)
        extreme, draws = _count_extreme([chunk], pooled, k, observed)
        mask = chunk.astype(bool)
        if n > 64:
            mask = np.zeros((len(chunk), n), bool)
            np.put_along_axis(mask, chunk, True, axis=1)
        means_in = (mask[:, :, None] * pooled).sum(axis=1) / k
        means_out = ((~mask)[:, :, None] * pooled).sum(axis=1) / (n - k)
        direct = (np.abs(means_in - means_out) >= observed - 1e-9).sum(axis=0)
        assert draws == len(chunk)
        np.testing.assert_array_equal(extreme, direct)
        assert extreme[2] == draws


def test_one_vs_rest_interval_has_the_width_of_the_standard_error():
    """Stratified bootstrap of the rest: width ~ 2 z sqrt(var/n + within-source var of rest / n_rest)."""
    df = many_sources(9, n=40)
    out = compare_one_vs_rest(df, dimensions=("balance",), n_boot=4000)
    ratios = []
    for _, row in out.iterrows():
        mine = df.loc[df["source_id"] == row["source"], "balance"]
        rest = df[df["source_id"] != row["source"]]
        within = rest.groupby("source_id")["balance"].var(ddof=0).mean()
        se = np.sqrt(mine.var(ddof=0) / len(mine) + within / len(rest))
        assert row["ci_low"] < row["diff"] < row["ci_high"]
        ratios.append((row["ci_high"] - row["ci_low"]) / (2 * 1.96 * se))
    # leaving the rest's own noise out would make the ratio ~0.95
    assert np.mean(ratios) == pytest.approx(1.0, abs=0.025) and 0.9 < min(ratios) <= max(ratios) < 1.1


def test_one_vs_rest_is_a_public_name():
    import framelens

    assert framelens.compare_one_vs_rest is compare_one_vs_rest
    assert "compare_one_vs_rest" in framelens.__all__


def _scipy_p(xa, xb, n_resamples, seed=0):
    from scipy import stats

    def stat(a, b, axis):
        return np.abs(a.mean(axis=axis) - b.mean(axis=axis))

    res = stats.permutation_test((xa, xb), stat, permutation_type="independent", vectorized=True,
                                 n_resamples=n_resamples, alternative="greater", axis=0,
                                 random_state=np.random.default_rng(seed))
    return np.atleast_1d(res.pvalue)


@pytest.mark.parametrize(("n_a", "n_b", "rounded"), [(3, 4, False), (5, 5, True), (6, 8, False), (8, 8, True)])
def test_exact_permutation_p_values_equal_scipy_permutation_test(n_a, n_b, rounded):
    """The hand-written test is kept for speed (see the comment above
    _permutation_p); its exact p-values are scipy's, ties included."""
    import math

    from framelens.analysis.compare import _permutation_p, _Splits

    rng = np.random.default_rng(n_a * 10 + n_b)
    xa = np.column_stack([np.where(rng.random(n_a) < 0.5, 0.0, rng.random(n_a)) + 0.2, rng.random(n_a)])
    xb = np.column_stack([np.where(rng.random(n_b) < 0.5, 0.0, rng.random(n_b)), rng.random(n_b)])
    if rounded:  # many tied differences
        xa, xb = np.round(xa, 1), np.round(xb, 1)
    n_splits = math.comb(n_a + n_b, min(n_a, n_b))
    p, methods = _permutation_p(xa, xb, draws=n_splits, staged=False, splits=_Splits(0))
    assert methods == ["exact", "exact"]
    np.testing.assert_array_equal(p, _scipy_p(xa, xb, n_splits + 1))


def test_monte_carlo_permutation_p_values_agree_with_scipys_exact_ones():
    """Random splits differ from scipy's, so Monte-Carlo p-values agree only
    within their sampling error."""
    import math

    from framelens.analysis.compare import _permutation_p, _Splits

    rng = np.random.default_rng(3)
    xa = np.column_stack([rng.random(9) + 0.25, rng.random(9)])
    xb = np.column_stack([rng.random(9), rng.random(9)])
    exact = _scipy_p(xa, xb, math.comb(18, 9) + 1)
    draws = 20_000
    p, methods = _permutation_p(xa, xb, draws=draws, staged=False, splits=_Splits(0))
    assert methods == ["monte carlo", "monte carlo"]
    se = np.sqrt(exact * (1 - exact) / draws)
    assert np.all(np.abs(p - exact) <= 4 * se + 1 / draws)
