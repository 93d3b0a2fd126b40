"""Scoring on a Dask cluster: ``score_frame`` unchanged in ``map_partitions``."""

from __future__ import annotations

import pandas as pd
import pytest

pytestmark = pytest.mark.slow  # a local cluster with two worker processes takes ~10 s to start and run

# dask and distributed are pinned and installed by `make test`: a missing one
# is a broken install and must fail, not skip
import dask.dataframe as dd  # noqa: E402
import distributed  # noqa: E402

import framelens  # noqa: E402
from framelens.scores.batch import dask_meta, score_dask  # noqa: E402

TEXTS = [
    "This breakthrough will revolutionise the treatment of depression!",
    "The results suggest the drug may help some patients, though the trial was small.",
    "Critics said the evidence is weak; the company disagreed and defended the data.",
    "Ketamine is a dissociative anaesthetic.",
    "Experts warn of risks, but supporters call it a miracle.",
    "It is unclear whether the effect lasts.",
    "Sales rose sharply after the announcement.",
]


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    )
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


def assert_same_scores(result: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Equal rows, index and scores; Dask may store text columns as Arrow strings."""
    result, expected = result.sort_index(), expected.sort_index()
    assert list(result.columns) == list(expected.columns)
    scores = framelens.score_paragraphs([]).columns.tolist()
    pd.testing.assert_frame_equal(result[scores], expected[scores])
    for column in ("doc", "paragraph"):
        assert result[column].tolist() == expected[column].tolist()


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    df = pd.DataFrame(
        {"doc": [f"d{i}" for i in range(21)], "paragraph": [TEXTS[i % len(TEXTS)] for i in range(21)]}
    )
    return df


def test_empty_frame_gives_the_output_columns(frame: pd.DataFrame) -> None:
    empty = framelens.score_frame(frame.iloc[:0], text_column="paragraph")
    full = framelens.score_frame(frame, text_column="paragraph")
    assert len(empty) == 0
    assert list(empty.columns) == list(full.columns)
    assert dict(empty.dtypes) == dict(full.dtypes)


def test_map_partitions_on_a_local_cluster_equals_pandas(client, frame: pd.DataFrame) -> None:
    ddf = dd.from_pandas(frame, npartitions=3)
    meta = framelens.score_frame(frame.iloc[:0], text_column="paragraph")
    scored = ddf.map_partitions(framelens.score_frame, text_column="paragraph", meta=meta)
    result = scored.compute()
    expected = framelens.score_frame(frame, text_column="paragraph")
    assert_same_scores(result, expected)


def test_score_dask_helper_and_empty_partitions(client, frame: pd.DataFrame) -> None:
    ddf = dd.from_pandas(frame, npartitions=3)
    # an empty partition (all rows filtered out) must not break the run
    filtered = ddf[ddf["doc"] != "d0"]
    filtered = filtered[~filtered["doc"].isin([f"d{i}" for i in range(1, 7)])]
    result = score_dask(filtered, text_column="paragraph").compute()
    expected = framelens.score_frame(
        frame[~frame["doc"].isin([f"d{i}" for i in range(7)])], text_column="paragraph"
    )
    assert_same_scores(result, expected)
    assert list(dask_meta(frame, "paragraph").columns) == list(result.columns)
