"""Tests for framelens.plots: returned objects, labels and input errors (not pixels)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from framelens.errors import AnalysisError  # noqa: E402
from framelens.plots import (  # noqa: E402
    plot_coverage,
    plot_distinguishing_words,
    plot_hype_vs_hedging,
    plot_paragraph_heatmap,
    plot_position_trajectories,
    plot_source_means,
)

DIMS = ["hype", "hedging", "balance", "sentiment"]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def scored() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    rows = []
    for src, n in (("a", 5), ("b", 3)):
        rows.append({"source_id": src, "block_index": 0, "kind": "heading"})
        for i in range(1, n + 1):
            rows.append({"source_id": src, "block_index": i, "kind": "body"})
    df = pd.DataFrame(rows)
    for d in DIMS:
        low = -1 if d == "sentiment" else 0
        df[d] = rng.uniform(low, 1, len(df))
    return df


@pytest.fixture
def summary() -> pd.DataFrame:
    rows = []
    for k, src in enumerate(["a", "b", "c"]):
        for j, d in enumerate(DIMS):
            m = 0.1 * (k + 1) + 0.05 * j
            rows.append({"source_id": src, "dimension": d, "n": 4, "mean": m,
                         "ci_low": m - 0.1, "ci_high": m + 0.2})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# source means
# ---------------------------------------------------------------------------


def test_source_means_draws_one_errorbar_per_source(summary):
    ax = plot_source_means(summary)
    assert isinstance(ax, Axes)
    assert len(ax.containers) == 3
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b", "c"]
    assert [t.get_text() for t in ax.get_xticklabels()] == DIMS
    # the points are the table's means, not recomputed
    first = ax.containers[0].lines[0]
    assert np.allclose(first.get_ydata(), summary[summary.source_id == "a"]["mean"])
    # error bars span ci_low .. ci_high
    segs = ax.containers[0].lines[2][0].get_segments()
    lows = [min(s[:, 1]) for s in segs]
    assert np.allclose(lows, summary[summary.source_id == "a"]["ci_low"])


def test_source_means_tolerates_missing_intervals(summary):
    summary.loc[summary.source_id == "c", ["ci_low", "ci_high"]] = np.nan  # n = 1
    ax = plot_source_means(summary, dimensions=["hype", "balance"])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["hype", "balance"]


def test_source_means_draws_on_a_given_axes(summary):
    fig, ax = plt.subplots()
    assert plot_source_means(summary, ax=ax) is ax


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda s: s.iloc[0:0], "empty"),
        (lambda s: s.drop(columns="ci_low"), "ci_low"),
        (lambda s: s.assign(mean=np.nan), "finite"),
        (lambda s: s.assign(mean="x"), "numeric"),
    ],
)
def test_source_means_bad_input(summary, mutate, message):
    with pytest.raises(AnalysisError, match=message):
        plot_source_means(mutate(summary))


def test_source_means_unknown_dimension(summary):
    with pytest.raises(AnalysisError, match="nope"):
        plot_source_means(summary, dimensions=["nope"])


# ---------------------------------------------------------------------------
# paragraph heatmap
# ---------------------------------------------------------------------------


def _panels(fig: Figure) -> list[Axes]:
    return [ax for ax in fig.axes if ax.get_visible() and ax.get_title()]


def test_heatmap_one_panel_per_source_body_rows_only(scored):
    fig = plot_paragraph_heatmap(scored)
    assert isinstance(fig, Figure)
    panels = _panels(fig)
    assert [ax.get_title() for ax in panels] == ["a", "b"]
    assert panels[0].collections[0].get_array().size == 5 * len(DIMS)
    assert panels[1].collections[0].get_array().size == 3 * len(DIMS)
    assert [t.get_text() for t in panels[0].get_xticklabels()] == DIMS
    assert len(fig.axes) == 3  # two heatmaps + one shared colour bar


def test_heatmap_single_source(scored):
    fig = plot_paragraph_heatmap(scored, "b", dimensions=["hype"])
    panels = _panels(fig)
    assert [ax.get_title() for ax in panels] == ["b"]
    assert panels[0].collections[0].get_array().size == 3


def test_heatmap_errors(scored):
    with pytest.raises(AnalysisError, match="zzz"):
        plot_paragraph_heatmap(scored, "zzz")
    bad = scored.copy()
    bad.loc[1, "hype"] = np.nan
    with pytest.raises(AnalysisError, match="hype"):
        plot_paragraph_heatmap(bad)
    with pytest.raises(AnalysisError, match="empty"):
        plot_paragraph_heatmap(scored.iloc[0:0])
    with pytest.raises(AnalysisError, match="kind"):
        plot_paragraph_heatmap(scored, kinds=("title",))


# ---------------------------------------------------------------------------
# trajectories
# ---------------------------------------------------------------------------


def with_position(scored: pd.DataFrame) -> pd.DataFrame:
    body = scored[scored.kind == "body"].copy()
    rank = body.groupby("source_id").cumcount()
    n = body.groupby("source_id")["block_index"].transform("size")
    body["rel_position"] = rank / (n - 1)
    return body.sample(frac=1.0, random_state=1)  # order must not matter


def test_trajectories_one_line_per_source_per_dimension(scored):
    fig = plot_position_trajectories(with_position(scored))
    panels = _panels(fig)
    assert [ax.get_title() for ax in panels] == DIMS
    for ax in panels:
        assert len(ax.lines) >= 2
        x = ax.lines[0].get_xdata()
        assert list(x) == sorted(x) and x[0] == 0 and x[-1] == 1
    assert sorted(t.get_text() for t in panels[0].get_legend().get_texts()) == ["a", "b"]


def test_trajectories_need_positions(scored):
    with pytest.raises(AnalysisError, match="add_position"):
        plot_position_trajectories(scored)


# ---------------------------------------------------------------------------
# hype vs hedging
# ---------------------------------------------------------------------------


def test_scatter_one_point_per_body_paragraph(scored):
    ax = plot_hype_vs_hedging(scored)
    n_points = sum(len(c.get_offsets()) for c in ax.collections)
    assert n_points == (scored.kind == "body").sum()
    assert ax.get_xlabel().startswith("hedging") and ax.get_ylabel().startswith("hype")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b"]


def test_scatter_empty_is_an_error(scored):
    with pytest.raises(AnalysisError):
        plot_hype_vs_hedging(scored.iloc[0:0])


# ---------------------------------------------------------------------------
# distinguishing words
# ---------------------------------------------------------------------------


def test_words_bars_highest_first():
    words = pd.DataFrame({
        "source_id": ["a", "a", "a", "b", "b"],
        "term": ["cure", "miracle", "hope", "trial", "risk"],
        "z": [1.0, 3.0, 2.0, 2.5, 4.0],
    })
    fig = plot_distinguishing_words(words, top=2)
    panels = _panels(fig)
    assert [ax.get_title() for ax in panels] == ["a", "b"]
    assert [len(ax.patches) for ax in panels] == [2, 2]
    labels = [t.get_text() for t in panels[0].get_yticklabels()]
    assert labels == ["miracle", "hope"]  # highest z first, "cure" cut by top=2
    assert panels[0].yaxis_inverted()


def test_words_errors():
    with pytest.raises(AnalysisError, match="z"):
        plot_distinguishing_words(pd.DataFrame({"source_id": ["a"], "term": ["x"]}))
    with pytest.raises(AnalysisError, match="top"):
        plot_distinguishing_words(pd.DataFrame({"source_id": ["a"], "term": ["x"], "z": [1.0]}), top=0)


# ---------------------------------------------------------------------------
# coverage
# ---------------------------------------------------------------------------


def test_coverage_heatmap_is_annotated():
    cov = pd.DataFrame({
        "source_id": ["a", "a", "b", "b"],
        "aspect": ["risks", "cost", "risks", "cost"],
        "n_paragraphs": [2, 0, 1, 3],
        "n_total": [4, 4, 3, 3],
        "share": [0.5, 0.0, 1 / 3, 1.0],
    })
    ax = plot_coverage(cov)
    assert ax.collections[0].get_array().size == 4
    assert [t.get_text() for t in ax.get_xticklabels()] == ["risks", "cost"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]
    texts = [t.get_text() for t in ax.texts]
    assert "50%\n(2)" in texts and "100%\n(3)" in texts and "–" in texts


def test_coverage_from_the_library(raw_dir):
    from framelens.aspects import coverage
    from framelens.corpus import load_corpus

    cov = coverage(load_corpus(raw_dir))
    ax = plot_coverage(cov)
    assert ax.collections[0].get_array().size == len(cov)


def test_coverage_empty_is_an_error():
    with pytest.raises(AnalysisError, match="empty"):
        plot_coverage(pd.DataFrame(columns=["source_id", "aspect", "share"]))
