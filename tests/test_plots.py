"""Tests for framelens.report.plots: returned objects, labels and input errors (not pixels)."""

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
from framelens.report.plots import (  # noqa: E402
    literal,
    source_styles,
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


def _panels(fig: Figure) -> list[Axes]:
    return [ax for ax in fig.axes if ax.get_visible() and ax.get_title()]


def test_source_means_one_ranked_panel_per_dimension(summary):
    fig = plot_source_means(summary)
    assert isinstance(fig, Figure)
    panels = _panels(fig)
    assert [ax.get_title() for ax in panels] == DIMS
    hype = panels[0]
    assert len(hype.containers) == 3
    # rows are ranked by mean, highest first, and labelled with the source
    assert [t.get_text() for t in hype.get_yticklabels()] == ["c", "b", "a"]
    # the points are the table's means, not recomputed, and bars span ci_low .. ci_high
    rows = summary[summary.dimension == "hype"].set_index("source_id")
    for container, src in zip(hype.containers, ["c", "b", "a"]):
        assert np.allclose(container.lines[0].get_xdata(), rows.loc[src, "mean"])
        seg = container.lines[2][0].get_segments()[0]
        assert np.isclose(seg[:, 0].min(), rows.loc[src, "ci_low"])
        assert np.isclose(seg[:, 0].max(), rows.loc[src, "ci_high"])


def test_source_means_unsorted_keeps_table_order(summary):
    fig = plot_source_means(summary, sort=False, dimensions=["hype"])
    assert [t.get_text() for t in _panels(fig)[0].get_yticklabels()] == ["a", "b", "c"]


def test_source_means_tolerates_missing_intervals(summary):
    summary.loc[summary.source_id == "c", ["ci_low", "ci_high"]] = np.nan  # n = 1
    fig = plot_source_means(summary, dimensions=["hype", "balance"])
    assert [ax.get_title() for ax in _panels(fig)] == ["hype", "balance"]


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


def test_heatmap_one_panel_per_dimension_sources_as_rows(scored):
    fig = plot_paragraph_heatmap(scored)
    assert isinstance(fig, Figure)
    panels = _panels(fig)
    assert [ax.get_title() for ax in panels] == DIMS
    # 2 sources x 5 paragraph slots (b has 3: two cells blank), body rows only
    values = panels[0].collections[0].get_array()
    assert values.size == 2 * 5
    assert np.ma.count_masked(values) == 2
    assert [t.get_text() for t in panels[0].get_yticklabels()] == ["a", "b"]
    assert len(fig.axes) == len(DIMS) + 1  # one shared colour bar
    body_a = scored[(scored.source_id == "a") & (scored.kind == "body")].sort_values("block_index")
    assert np.allclose(np.ma.getdata(values).ravel()[:5], body_a["hype"])


def test_heatmap_single_source(scored):
    fig = plot_paragraph_heatmap(scored, "b", dimensions=["hype"])
    panels = _panels(fig)
    assert [ax.get_title() for ax in panels] == ["hype"]
    assert panels[0].collections[0].get_array().size == 3


def test_heatmap_drops_annotations_when_large():
    rows = [{"source_id": f"s{i}", "block_index": j, "kind": "body", "hype": 0.1}
            for i in range(20) for j in range(12)]
    fig = plot_paragraph_heatmap(pd.DataFrame(rows), dimensions=["hype"])
    assert not _panels(fig)[0].texts
    small = plot_paragraph_heatmap(pd.DataFrame(rows[:24]), dimensions=["hype"])
    assert len(_panels(small)[0].texts) == 24
    assert _panels(small)[0].texts[0].get_text() == "0.1"  # one decimal


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


def test_trajectories_small_multiples_one_panel_per_source(scored):
    fig = plot_position_trajectories(with_position(scored))
    panels = _panels(fig)
    assert sorted(ax.get_title() for ax in panels) == ["a", "b"]
    for ax in panels:
        assert [line.get_label() for line in ax.lines if not line.get_label().startswith("_")] == DIMS
        x = ax.lines[0].get_xdata()
        assert list(x) == sorted(x) and x[0] == 0 and x[-1] == 1
    assert [t.get_text() for t in fig.legends[0].get_texts()] == DIMS


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
    from framelens.analysis.aspects import coverage
    from framelens.io.corpus import load_corpus

    cov = coverage(load_corpus(raw_dir))
    ax = plot_coverage(cov)
    assert ax.collections[0].get_array().size == len(cov)


def test_coverage_empty_is_an_error():
    with pytest.raises(AnalysisError, match="empty"):
        plot_coverage(pd.DataFrame(columns=["source_id", "aspect", "share"]))


# ---------------------------------------------------------------------------
# many sources: identity, legends, literal labels
# ---------------------------------------------------------------------------


def many(n: int, per: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(n)
    rows = [{"source_id": f"outlet {i:02d}", "block_index": j, "kind": "body"}
            for i in range(n) for j in range(per)]
    df = pd.DataFrame(rows)
    for d in DIMS:
        df[d] = rng.uniform(-1 if d == "sentiment" else 0, 1, len(df))
    return df


@pytest.mark.parametrize("n", [2, 12, 50])
def test_source_styles_are_distinct(n):
    styles = source_styles([f"s{i}" for i in range(n)])
    assert len(styles) == n
    assert len(set(styles.values())) == n  # no two sources share colour and marker
    first = list(styles.values())[: min(n, 7)]
    assert len({c for c, _ in first}) == len(first) and len({m for _, m in first}) == len(first)


@pytest.mark.parametrize("n", [2, 12, 50])
def test_scatter_gives_each_source_its_own_look_and_an_outside_legend(n):
    df = many(n)
    ax = plot_hype_vs_hedging(df)
    looks = set()
    for coll in ax.collections:
        colour = tuple(np.round(coll.get_facecolor()[0][:3], 3))
        path = coll.get_paths()[0]
        looks.add((colour, path.vertices.round(3).tobytes()))
    assert len(ax.collections) == n and len(looks) == n
    legend = ax.get_legend()
    assert len(legend.get_texts()) == n
    ax.figure.canvas.draw()
    box = legend.get_window_extent()
    assert box.x0 >= ax.get_window_extent().x1  # legend outside the data


@pytest.mark.parametrize("n", [2, 12, 50])
def test_figures_scale_with_sources(n):
    df = many(n, per=4)
    summary = df.melt(id_vars=["source_id"], value_vars=DIMS, var_name="dimension", value_name="mean")
    summary = summary.groupby(["source_id", "dimension"], sort=False)["mean"].mean().reset_index()
    summary = summary.assign(ci_low=summary["mean"] - 0.1, ci_high=summary["mean"] + 0.1)
    fig = plot_source_means(summary)
    assert all(len(ax.get_yticklabels()) == n for ax in _panels(fig))
    heat = plot_paragraph_heatmap(df)
    assert all(len(ax.get_yticklabels()) == n for ax in _panels(heat))
    if n == 50:  # too many cells to write values in
        assert not any(ax.texts for ax in _panels(heat))
    traj = plot_position_trajectories(with_position(df))
    assert len(_panels(traj)) == n
    for f in (fig, heat, traj):
        f.canvas.draw()


def test_dollar_labels_draw_literally():
    df = many(3)
    df["source_id"] = df["source_id"].map({"outlet 00": "Health $Weekly$", "outlet 01": "a $x^2$ b",
                                           "outlet 02": "$"})
    ax = plot_hype_vs_hedging(df)
    ax.figure.canvas.draw()  # mathtext would fail on an unbalanced or mis-parsed "$"
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == [literal("Health $Weekly$"), literal("a $x^2$ b"), literal("$")]
    assert literal("$") == "\\$"
    words = pd.DataFrame({"source_id": ["$a$", "$a$"], "term": ["$5", "cost$"], "z": [2.0, 1.0]})
    fig = plot_distinguishing_words(words)
    fig.canvas.draw()
    assert _panels(fig)[0].get_title() == r"\$a\$"
    # the rendered title is the literal text, not maths: as wide as the plain characters
    panel = _panels(fig)[0]
    literal_width = panel.title.get_window_extent().width
    panel.set_title("$a$")
    fig.canvas.draw()
    assert panel.title.get_window_extent().width < literal_width
