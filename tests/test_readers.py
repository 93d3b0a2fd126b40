"""Reading the inputs users have: text, Markdown, HTML, CSV, JSON Lines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from inputs import ARTICLE, PAGE, write_jsonl

from framelens.errors import CorpusError
from framelens.io.readers import (
    BLOCK_COLUMNS,
    find_inputs,
    iter_blocks,
    iter_table,
    read_inputs,
)


@pytest.fixture()
def mixed(tmp_path: Path) -> Path:
    """A folder with one input of every supported kind (and one unsupported)."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "notes.md").write_text("# Notes on the study\n\nThe trial was small and unblinded.\n", encoding="utf-8")
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    pd.DataFrame(
        {"id": ["a1", "a2"], "outlet": ["Daily", "Weekly"], "text": ["It is a miracle.", "It may help some."]}
    ).to_csv(folder / "paras.csv", index=False)
    write_jsonl(folder / "more.jsonl", [{"id": 7, "text": "Experts disagree."}, {"id": 8, "text": "Some say it works."}])
    (folder / "image.png").write_bytes(b"\x89PNG")
    return folder


# --------------------------------------------------------------------------- tables


def test_csv_rows_become_body_blocks_in_order(tmp_path: Path) -> None:
    path = tmp_path / "paras.csv"
    texts = ["First paragraph.", "Second, with a comma.", "Third\nspans two lines."]
    pd.DataFrame({"body": texts, "n": [1, 2, 3]}).to_csv(path, index=False)
    blocks = pd.concat(iter_table(path, text_column="body"), ignore_index=True)
    assert blocks["text"].tolist() == texts
    assert blocks["block_index"].tolist() == [0, 1, 2]
    assert set(blocks["kind"]) == {"body"}
    assert (blocks["source_id"] == "paras").all()
    assert [t[s:e] for t, s, e in zip(blocks["text"], blocks["start"], blocks["end"])] == texts
    assert list(blocks.columns) == list(BLOCK_COLUMNS)


def test_source_and_id_columns(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "rows.jsonl",
        [
            {"id": 10, "outlet": "A", "text": "one"},
            {"id": 11, "outlet": "B", "text": "two"},
            {"id": 12, "outlet": "A", "text": "three"},
        ],
    )
    blocks = pd.concat(iter_table(path, id_column="id", source_column="outlet"), ignore_index=True)
    assert blocks["id"].tolist() == ["10", "11", "12"]
    assert blocks["source_id"].tolist() == ["A", "B", "A"]
    # block_index counts within each source
    assert blocks["block_index"].tolist() == [0, 0, 1]


def test_chunks_are_bounded_and_keep_counting(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "many.jsonl", [{"text": f"paragraph {i}"} for i in range(25)])
    chunks = list(iter_table(path, chunk_rows=10))
    assert [len(c) for c in chunks] == [10, 10, 5]
    joined = pd.concat(chunks, ignore_index=True)
    assert joined["block_index"].tolist() == list(range(25))


def test_missing_text_column_names_file_and_columns(tmp_path: Path) -> None:
    path = tmp_path / "paras.csv"
    pd.DataFrame({"body": ["x"], "author": ["y"]}).to_csv(path, index=False)
    with pytest.raises(CorpusError) as info:
        list(iter_table(path))
    message = str(info.value)
    assert str(path) in message and "'text'" in message and "'body'" in message and "'author'" in message


def test_missing_field_in_jsonl_names_the_line(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "rows.jsonl", [{"text": "ok"}, {"body": "no text here"}])
    with pytest.raises(CorpusError, match=r"rows\.jsonl: line 2: no field 'text'"):
        list(iter_table(path))


@pytest.mark.parametrize("empty", ["", "   ", None])
def test_empty_text_is_an_error_naming_the_row(tmp_path: Path, empty: str | None) -> None:
    path = write_jsonl(tmp_path / "rows.jsonl", [{"text": "fine"}, {"text": empty}, {"text": "also fine"}])
    with pytest.raises(CorpusError, match=r"rows\.jsonl: line 2: empty text"):
        list(iter_table(path))


def test_skip_empty_drops_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("text\nfine\n\"\"\nalso fine\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="skipped 1 row"):
        blocks = pd.concat(iter_table(path, skip_empty=True), ignore_index=True)
    assert blocks["text"].tolist() == ["fine", "also fine"]
    assert blocks["block_index"].tolist() == [0, 1]


def test_csv_empty_cell_names_data_row(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("text,id\nfine,1\n,2\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"rows\.csv: row 2: empty text"):
        list(iter_table(path))


def test_csv_keeps_na_like_words_as_text(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("text\nNA\nnull\n", encoding="utf-8")
    blocks = pd.concat(iter_table(path), ignore_index=True)
    assert blocks["text"].tolist() == ["NA", "null"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "file is empty"),
        (b"{not json}\n", "line 1: not valid JSON"),
        (b'["a", "list"]\n', "line 1: expected a JSON object"),
        (b'{"text": 5}\n', "line 1: column 'text' holds int"),
    ],
)
def test_bad_jsonl_is_reported_with_its_line(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    with pytest.raises(CorpusError) as info:
        list(iter_table(path))
    assert str(path) in str(info.value) and problem in str(info.value)


def test_csv_with_header_only_is_empty_input(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("text,id\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="no rows"):
        list(iter_table(path))


def test_non_utf8_csv_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes("text\ncaf\u00e9 \u2014 na\u00efve\n".encode("utf-16"))
    with pytest.raises(CorpusError, match=r"rows\.csv"):
        list(iter_table(path))


# --------------------------------------------------------------------------- finding files


def test_find_inputs_walks_folders_and_warns_about_unsupported(mixed: Path) -> None:
    with pytest.warns(UserWarning, match=r"skipped 1 file.*\.png"):
        files = find_inputs([mixed])
    assert sorted(p.name for p in files) == ["article.txt", "more.jsonl", "notes.md", "page.html", "paras.csv"]


def test_glob_patterns_are_expanded(mixed: Path) -> None:
    files = find_inputs([str(mixed / "*.txt"), str(mixed / "*.md")])
    assert [p.name for p in files] == ["article.txt", "notes.md"]


def test_same_file_twice_is_read_once(mixed: Path) -> None:
    files = find_inputs([mixed / "article.txt", str(mixed / "art*.txt")])
    assert len(files) == 1


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("missing.txt", "no such file"),
        ("nothing-*.txt", "no files match"),
        ("image.png", "unsupported file type '.png'"),
    ],
)
def test_bad_paths_are_named(mixed: Path, name: str, problem: str) -> None:
    with pytest.raises(CorpusError) as info:
        find_inputs([str(mixed / name)])
    assert name in str(info.value) and problem in str(info.value)


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no readable files"):
        find_inputs([tmp_path])


# --------------------------------------------------------------------------- documents and mixes


def test_text_file_blocks_match_load_corpus(raw_dir: Path, tmp_path: Path) -> None:
    from framelens.io.corpus import load_corpus

    folder = tmp_path / "raw"
    shutil.copytree(raw_dir, folder)
    ours = read_inputs(folder)
    theirs = load_corpus(folder)
    cols = ["source_id", "block_index", "kind", "text", "start", "end"]
    pd.testing.assert_frame_equal(
        ours[cols].reset_index(drop=True), theirs[cols].reset_index(drop=True), check_dtype=False
    )


def test_bundled_manifest_names_sources(raw_dir: Path) -> None:
    blocks = read_inputs(raw_dir)
    manifest = pd.read_csv(raw_dir.parent / "sources.csv")
    assert set(blocks["source_id"]) == set(manifest["source_id"])
    raw = {Path(f).name: Path(f).read_text(encoding="utf-8") for f in blocks["file"].unique()}
    # offsets point into the decoded file (the corpus contract)
    for row in blocks.head(20).itertuples():
        text = raw[Path(row.file).name].replace("\r\n", "\n")
        assert text[row.start : row.end] == row.text


def test_html_page_gives_article_text_without_navigation(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    blocks = read_inputs(path)
    joined = " ".join(blocks["text"])
    assert "cautiously optimistic" in joined
    assert "About us" not in joined and "newsletter" not in joined
    body = blocks[blocks["kind"] == "body"]
    assert len(body) >= 2


def test_html_without_article_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><nav></nav></body></html>", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"empty\.html: no article text"):
        read_inputs(path)


def test_mixed_folder_reads_every_kind(mixed: Path) -> None:
    with pytest.warns(UserWarning, match="unsupported"):
        blocks = read_inputs(mixed, id_column="id")
    assert set(blocks["source_id"]) == {"article", "notes", "page", "paras", "more"}
    assert list(blocks.columns) == [*BLOCK_COLUMNS, "id"]
    assert blocks.loc[blocks["source_id"] == "more", "id"].tolist() == ["7", "8"]
    assert not blocks.duplicated(["source_id", "block_index"]).any()
    assert (blocks["text"].str.strip() != "").all()


def test_stem_clash_between_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "story.md").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(CorpusError, match="already used"):
        read_inputs(tmp_path)


def test_empty_text_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"blank\.txt: file is empty"):
        read_inputs(path)


def test_explicit_manifest_sets_source_ids(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    manifest = tmp_path / "meta.csv"
    manifest.write_text("source_id,file\nnews-a,a.txt\n", encoding="utf-8")
    blocks = read_inputs(tmp_path / "a.txt", manifest=manifest)
    assert set(blocks["source_id"]) == {"news-a"}


def test_iter_blocks_yields_one_table_per_document(tmp_path: Path) -> None:
    for name in ("one", "two"):
        (tmp_path / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    frames = list(iter_blocks([tmp_path]))
    assert [f["source_id"].iloc[0] for f in frames] == ["one", "two"]


def test_single_file_finds_the_manifest_one_folder_up(raw_dir: Path) -> None:
    first = sorted(raw_dir.glob("*.txt"))[0]
    manifest = pd.read_csv(raw_dir.parent / "sources.csv")
    expected = manifest.loc[manifest["file"].str.endswith(first.name), "source_id"].item()
    assert set(read_inputs(first)["source_id"]) == {expected}


def test_malformed_sources_csv_found_automatically_is_an_error(tmp_path: Path) -> None:
    """As in load_corpus: a sources.csv beside the inputs is a manifest, and must be a valid one."""
    from framelens.io.corpus import load_corpus

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sources.csv").write_text("name,url\nx,y\n", encoding="utf-8")
    for read in (read_inputs, load_corpus):
        with pytest.raises(CorpusError, match=r"sources\.csv: missing required column"):
            read(folder)


def test_manifest_paths_resolve_as_load_corpus_resolves_them(tmp_path: Path) -> None:
    """A manifest written on Windows (backslashes) names its files for both readers."""
    from framelens.io.corpus import load_corpus

    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sources.csv").write_text("source_id,file\nnews-a,raw\\a.txt\n", encoding="utf-8")
    assert set(load_corpus(tmp_path / "raw")["source_id"]) == {"news-a"}
    assert set(read_inputs([tmp_path / "raw"])["source_id"]) == {"news-a"}
