"""Chunked, parallel scoring and incremental output."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from framelens.scores.batch import (
    ScoreTask,
    TableWriter,
    encode_frame,
    evidence_path,
    format_from_path,
    rebatch,
    score_blocks,
    score_chunks,
    score_files,
)
from framelens.errors import FramelensError


def fake_scorer(blocks: pd.DataFrame) -> pd.DataFrame:
    """Stands in for score_frame: one deterministic score per block."""
    out = blocks.copy()
    out["hype"] = out["text"].str.count("!") / (1 + out["text"].str.len())
    out["n_words"] = out["text"].str.split().str.len()
    return out


def fake_explainer(texts: list[str]) -> pd.DataFrame:
    """Stands in for explain_paragraphs: one span per '!'."""
    rows = [
        {"paragraph": i, "dimension": "hype", "start": j, "end": j + 1, "match": "!"}
        for i, text in enumerate(texts)
        for j, ch in enumerate(text)
        if ch == "!"
    ]
    return pd.DataFrame(rows, columns=["paragraph", "dimension", "start", "end", "match"])


def blocks_of(texts: list[str], source: str = "s") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source_id": source,
            "block_index": range(len(texts)),
            "kind": "body",
            "section": "",
            "text": texts,
            "start": 0,
            "end": [len(t) for t in texts],
            "file": f"{source}.jsonl",
        }
    )


def write_jsonl(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            handle.write(json.dumps({"id": i, "text": f"Paragraph {i}" + "!" * (i % 3)}) + "\n")
    return path


# --------------------------------------------------------------------------- pieces


def test_score_blocks_puts_identifiers_first_and_text_last() -> None:
    scored, evidence = score_blocks(blocks_of(["a!", "b"]), scorer=fake_scorer)
    assert list(scored.columns[:2]) == ["source_id", "block_index"]
    assert scored.columns[-1] == "text"
    assert evidence is None


def test_evidence_rows_are_keyed_to_their_block() -> None:
    blocks = blocks_of(["none", "one!", "two!!"])
    _, evidence = score_blocks(blocks, explain=True, scorer=fake_scorer, explainer=fake_explainer)
    assert evidence["block_index"].tolist() == [1, 2, 2]
    text = dict(zip(blocks["block_index"], blocks["text"]))
    for row in evidence.itertuples():
        assert text[row.block_index][row.start : row.end] == row.match


def test_rebatch_joins_small_tables_in_order() -> None:
    frames = [blocks_of([f"t{i}"] * 3, source=f"s{i}") for i in range(5)]
    chunks = list(rebatch(frames, rows=7))
    assert [len(c) for c in chunks] == [9, 6]
    joined = pd.concat(chunks, ignore_index=True)
    assert joined["source_id"].tolist() == [f"s{i}" for i in range(5) for _ in range(3)]


def test_format_from_path() -> None:
    assert format_from_path("x.parquet") == "parquet"
    assert format_from_path("x.NDJSON") == "jsonl"
    # a suffix framelens cannot write is an error listing the formats, never a silent CSV
    for name in ("x.txt", "x.xlsx", "x"):
        with pytest.raises(FramelensError, match=r"supported: \.csv"):
            format_from_path(name)
    assert format_from_path(None, default="jsonl") == "jsonl"
    assert evidence_path("out/scores.csv", "csv") == Path("out/scores.evidence.csv")


@pytest.mark.parametrize("jobs", [1, 2])
def test_parallel_results_come_back_in_input_order(jobs: int) -> None:
    chunks = [blocks_of([f"c{c} p{i}" for i in range(4)], source=f"s{c}") for c in range(6)]
    task = ScoreTask(fmt=None, scorer=fake_scorer)
    results = list(score_chunks(iter(chunks), task, jobs=jobs, max_pending=2))
    order = [s for r in results for s in r.scores["source_id"]]
    assert order == [f"s{c}" for c in range(6) for _ in range(4)]


def test_score_chunks_consumes_input_lazily() -> None:
    consumed = []

    def chunks():
        for c in range(100):
            consumed.append(c)
            yield blocks_of(["x"], source=f"s{c}")

    results = score_chunks(chunks(), ScoreTask(fmt=None, scorer=fake_scorer), jobs=1)
    next(results)
    assert len(consumed) <= 2


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_writer_appends_chunks_that_read_back_whole(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    parts = [fake_scorer(blocks_of([f"p{i}!"] * 3, source=f"s{i}")) for i in range(4)]
    with TableWriter(target, fmt) as writer:
        for part in parts:
            writer.write(encode_frame(part, fmt))
    assert writer.rows == 12
    if fmt == "csv":
        back = pd.read_csv(target)
    elif fmt == "jsonl":
        back = pd.read_json(target, lines=True)
    else:
        import pyarrow.parquet as pq

        back = pd.read_parquet(target)
        assert pq.ParquetFile(target).num_row_groups == 1  # small chunks are buffered into one row group
    assert back["source_id"].tolist() == [s for p in parts for s in p["source_id"]]
    assert back["hype"].round(9).tolist() == pd.concat(parts)["hype"].round(9).tolist()


def test_writer_rejects_parquet_on_stdout() -> None:
    with pytest.raises(FramelensError, match="Parquet output needs a file"):
        TableWriter(None, "parquet")


def test_writer_creates_nothing_without_rows(tmp_path: Path) -> None:
    with TableWriter(tmp_path / "out.csv", "csv"):
        pass
    assert not (tmp_path / "out.csv").exists()


# --------------------------------------------------------------------------- whole runs


@pytest.mark.parametrize("jobs", [1, 2])
def test_score_files_streams_a_table_file(tmp_path: Path, jobs: int) -> None:
    source = write_jsonl(tmp_path / "rows.jsonl", 250)
    out = tmp_path / "scores.jsonl"
    summary = score_files(
        [source], out, jobs=jobs, chunk_rows=40, id_column="id", scorer=fake_scorer,
        explain_out=tmp_path / "ev.jsonl", explainer=fake_explainer,
    )
    assert summary.paragraphs == 250
    back = pd.read_json(out, lines=True, dtype={"id": str})
    assert back["id"].tolist() == [str(i) for i in range(250)]
    assert back["block_index"].tolist() == list(range(250))
    evidence = pd.read_json(tmp_path / "ev.jsonl", lines=True, dtype={"id": str})
    # one '!' span for i % 3 == 1, two for i % 3 == 2
    assert summary.evidence_rows == len(evidence) == sum(i % 3 for i in range(250))
    assert evidence["block_index"].is_monotonic_increasing


def test_score_files_without_text(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "rows.jsonl", 5)
    out = tmp_path / "scores.csv"
    score_files([source], out, include_text=False, scorer=fake_scorer)
    assert "text" not in pd.read_csv(out).columns


def test_bad_input_leaves_error_and_names_file(tmp_path: Path) -> None:
    source = tmp_path / "rows.jsonl"
    source.write_text('{"body": "x"}\n', encoding="utf-8")
    with pytest.raises(FramelensError, match=r"rows\.jsonl: line 1"):
        score_files([source], tmp_path / "out.csv", scorer=fake_scorer)
    assert not (tmp_path / "out.csv").exists()


def test_score_files_with_real_scorer_matches_score_frame(tmp_path: Path) -> None:
    from framelens.scores.scoring import score_frame

    texts = [
        "This breakthrough will revolutionise treatment!",
        "The results may suggest a modest benefit, but more research is needed.",
        "Critics said the study was small; the company disagreed.",
    ]
    source = tmp_path / "rows.jsonl"
    source.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    out = tmp_path / "scores.parquet"
    score_files([source], out, jobs=2, chunk_rows=1)
    got = pd.read_parquet(out)
    expected = score_frame(pd.DataFrame({"text": texts}))
    for column in ("hype", "hedging", "balance", "sentiment"):
        assert got[column].tolist() == pytest.approx(expected[column].tolist())


def test_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "rows.jsonl", 3)
    before = source.read_bytes()
    with pytest.raises(FramelensError, match="also an input"):
        score_files([source], source, fmt="jsonl", scorer=fake_scorer)
    assert source.read_bytes() == before


def test_parquet_row_groups_are_written_as_they_fill(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    target = tmp_path / "out.parquet"
    with TableWriter(target, "parquet", row_group_rows=5) as writer:
        for i in range(5):
            writer.write(fake_scorer(blocks_of(["x!"] * 3, source=f"s{i}")))
            if i == 1:
                # 6 rows buffered >= 5: the first row group is already on disk
                assert writer._parquet is not None and not writer._pending
    assert [pq.ParquetFile(target).metadata.row_group(g).num_rows for g in range(2)] == [6, 6]
    assert pq.ParquetFile(target).metadata.num_rows == 15
