"""The ``framelens`` command: score, compare, report; exit codes and errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from inputs import ARTICLE, PAGE, write_jsonl

from framelens.cli import main

ROOT = Path(__file__).resolve().parents[1]
FRAMELENS = Path(sys.executable).with_name("framelens")
SCORES = ["hype", "hedging", "balance", "sentiment"]


@pytest.fixture()
def texts(tmp_path: Path) -> Path:
    """Inputs every environment can read: text, Markdown, CSV and JSON Lines."""
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "notes.md").write_text(
        "# Notes on the study\n\nThe trial was small and unblinded, so the results may not hold.\n",
        encoding="utf-8",
    )
    pd.DataFrame(
        {
            "id": ["a1", "a2", "a3"],
            "outlet": ["Daily", "Weekly", "Daily"],
            "text": [
                "This miracle drug is a game-changer for everyone!",
                "The study suggests the drug might help some patients.",
                "Critics said the evidence is weak; the maker disagreed.",
            ],
        }
    ).to_csv(folder / "paras.csv", index=False)
    write_jsonl(
        folder / "more.jsonl",
        [{"id": 7, "text": "Experts disagree about the risks."}, {"id": 8, "text": "Some say it works wonders."}],
    )
    return folder


@pytest.fixture()
def mixed(texts: Path) -> Path:
    (texts / "page.html").write_text(PAGE, encoding="utf-8")
    return texts


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- help


@pytest.mark.parametrize("command", [[], ["score"], ["compare"], ["report"]])
def test_every_command_has_help_with_examples_and_exit_codes(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    code, out, _ = run(capsys, *command, "--help")
    assert code == 0
    assert "examples:" in out and "framelens " in out.split("examples:")[1]
    assert "exit codes:" in out and "130" in out


def test_help_does_not_import_pandas() -> None:
    code = "import sys; from framelens.cli import build_parser; build_parser(); print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------- score


def test_score_bundled_corpus_to_csv(capsys: pytest.CaptureFixture[str], raw_dir: Path, tmp_path: Path) -> None:
    from framelens.io.corpus import load_corpus

    out = tmp_path / "scores.csv"
    code, stdout, err = run(capsys, "score", str(raw_dir), "-o", str(out))
    assert code == 0, err
    scores = pd.read_csv(out, keep_default_na=False)
    blocks = load_corpus(raw_dir)
    assert len(scores) == len(blocks)
    assert set(scores["source_id"]) == set(blocks["source_id"])
    assert {"source_id", "block_index", "kind", "start", "end", "text", *SCORES} <= set(scores.columns)
    assert scores[["hype", "hedging", "balance"]].stack().between(0, 1).all()
    assert scores["sentiment"].between(-1, 1).all()
    assert f"wrote {len(scores)} paragraph(s)" in err


def test_score_writes_csv_to_stdout(capsys: pytest.CaptureFixture[str], texts: Path) -> None:
    code, out, _ = run(capsys, "score", str(texts / "more.jsonl"), "--quiet")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].startswith("source_id,block_index")
    assert len(lines) == 3


def test_score_folder_jsonl_with_ids_and_sources(capsys: pytest.CaptureFixture[str], texts: Path, tmp_path: Path) -> None:
    out = tmp_path / "scores.jsonl"
    code, _, err = run(
        capsys, "score", str(texts / "paras.csv"), "--source-column", "outlet", "--id-column", "id", "-o", str(out)
    )
    assert code == 0, err
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a1", "a2", "a3"]
    assert [r["source_id"] for r in rows] == ["Daily", "Weekly", "Daily"]
    # a hyped sentence outscores a hedged one on hype, and the reverse for hedging
    assert rows[0]["hype"] > rows[1]["hype"]
    assert rows[1]["hedging"] > rows[0]["hedging"]


def test_score_parquet_with_evidence_and_jobs(capsys: pytest.CaptureFixture[str], texts: Path, tmp_path: Path) -> None:
    out = tmp_path / "scores.parquet"
    code, _, err = run(capsys, "score", str(texts), "--explain", "--jobs", "2", "--chunk-size", "2", "-o", str(out))
    assert code == 0, err
    scores = pd.read_parquet(out)
    evidence = pd.read_parquet(tmp_path / "scores.evidence.parquet")
    assert set(scores["source_id"]) == {"article", "notes", "paras", "more"}
    assert {"source_id", "block_index", "dimension", "start", "end", "match"} <= set(evidence.columns)
    # every evidence span is a substring of its paragraph at the stated offsets
    text = {(r.source_id, r.block_index): r.text for r in scores.itertuples()}
    for span in evidence.itertuples():
        assert text[(span.source_id, span.block_index)][span.start : span.end] == span.match
    # the hype word of the Daily paragraph is among the evidence
    assert (evidence["dimension"] == "hype").any()


def test_score_mixed_folder_including_html(capsys: pytest.CaptureFixture[str], mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "scores.csv"
    code, _, err = run(capsys, "score", str(mixed), "--id-column", "id", "-o", str(out))
    assert code == 0, err
    scores = pd.read_csv(out, keep_default_na=False)
    assert set(scores["source_id"]) == {"article", "notes", "paras", "more", "page"}
    page = " ".join(scores.loc[scores["source_id"] == "page", "text"])
    assert "cautiously optimistic" in page and "newsletter" not in page


def test_progress_bar_on_request_and_quiet(capsys: pytest.CaptureFixture[str], texts: Path, tmp_path: Path) -> None:
    code, _, err = run(capsys, "score", str(texts), "-o", str(tmp_path / "a.csv"), "--progress")
    assert code == 0 and "scoring" in err
    code, _, err = run(capsys, "score", str(texts), "-o", str(tmp_path / "b.csv"), "--quiet")
    assert code == 0 and err == ""


# --------------------------------------------------------------------------- compare


def test_compare_prints_a_table_per_source(capsys: pytest.CaptureFixture[str], raw_dir: Path) -> None:
    code, out, err = run(capsys, "compare", str(raw_dir), "--n-boot", "200", "--quiet")
    assert code == 0, err
    manifest = pd.read_csv(raw_dir.parent / "sources.csv")
    for source in manifest["source_id"]:
        assert source in out
    for dimension in SCORES:
        assert dimension in out
    assert "95%" in out


def test_compare_writes_long_table(capsys: pytest.CaptureFixture[str], texts: Path, tmp_path: Path) -> None:
    out = tmp_path / "summary.csv"
    code, _, err = run(
        capsys, "compare", str(texts / "paras.csv"), "--source-column", "outlet", "--n-boot", "100", "-o", str(out)
    )
    assert code == 0, err
    summary = pd.read_csv(out)
    assert {"source_id", "dimension", "n", "mean", "ci_low", "ci_high"} <= set(summary.columns)
    assert set(summary["source_id"]) == {"Daily", "Weekly"}
    assert summary.loc[summary["source_id"] == "Daily", "n"].eq(2).all()
    ok = summary.dropna(subset=["ci_low"])
    assert (ok["ci_low"] <= ok["mean"]).all() and (ok["mean"] <= ok["ci_high"]).all()


def test_compare_unknown_dimension_is_a_usage_error(capsys: pytest.CaptureFixture[str], texts: Path) -> None:
    code, _, err = run(capsys, "compare", str(texts), "--dimensions", "sarcasm", "--quiet")
    assert code == 2
    assert "sarcasm" in err and len(err.strip().splitlines()) == 1


@pytest.fixture()
def outlets(tmp_path: Path) -> Path:
    """Three outlets of eight paragraphs; 'Loud' hypes every one."""
    calm = [f"The study of {n} patients found a small change in symptoms." for n in range(20, 36, 2)]
    loud = [
        f"This miracle breakthrough is a game-changer that will revolutionize care for {n} patients!"
        for n in range(20, 36, 2)
    ]
    rows = [("Loud", t) for t in loud] + [("Quiet", t) for t in calm] + [("Plain", t.replace("study", "trial")) for t in calm]
    path = tmp_path / "outlets.csv"
    pd.DataFrame(rows, columns=["outlet", "text"]).to_csv(path, index=False)
    return path


def test_compare_tests_every_pair_without_warnings(capsys: pytest.CaptureFixture[str], outlets: Path) -> None:
    code, out, err = run(capsys, "compare", str(outlets), "--source-column", "outlet", "--n-boot", "200", "--quiet")
    assert code == 0 and err == ""  # default settings: nothing to warn about
    assert "tests: every pair of sources" in out and "Holm-adjusted over 12 comparisons" in out
    assert "Loud uses more hype language than Quiet" in out
    assert "Loud uses more hype language than Plain" in out


def test_compare_one_vs_rest_with_fdr_writes_the_tests(
    capsys: pytest.CaptureFixture[str], outlets: Path, tmp_path: Path
) -> None:
    tests = tmp_path / "tests.csv"
    code, out, err = run(
        capsys, "compare", str(outlets), "--source-column", "outlet", "--n-boot", "200",
        "--one-vs-rest", "--correction", "fdr_bh", "--alpha", "0.1", "--tests-out", str(tests), "--quiet",
    )  # fmt: skip
    assert code == 0 and err == ""
    assert "each source against the rest" in out and "Benjamini-Hochberg" in out and "alpha = 0.1" in out
    assert "Loud is higher than the other sources on hype" in out
    table = pd.read_csv(tests, keep_default_na=False)
    assert len(table) == 3 * 4 and set(table["source"]) == {"Loud", "Quiet", "Plain"}
    assert (table["correction"] == "fdr_bh").all()
    loud = table[(table["source"] == "Loud") & (table["dimension"] == "hype")].iloc[0]
    assert loud["verdict"] == "higher than the rest" and loud["n_rest"] == 16


def test_compare_too_few_permutations_is_one_warning_line(capsys: pytest.CaptureFixture[str], outlets: Path) -> None:
    code, out, err = run(capsys, "compare", str(outlets), "--source-column", "outlet", "--n-boot", "100",
                         "--n-perm", "20", "--quiet")  # fmt: skip
    assert code == 0
    assert len(err.strip().splitlines()) == 1 and "n_perm=20 is too few for 12 comparisons" in err
    assert "0 of 12 comparisons show a clear difference" in out


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_compare_scored_table_gives_what_scoring_the_text_gives(
    capsys: pytest.CaptureFixture[str], outlets: Path, tmp_path: Path, suffix: str
) -> None:
    pytest.importorskip("pyarrow")
    scores = tmp_path / f"scores{suffix}"
    assert run(capsys, "score", str(outlets), "--source-column", "outlet", "-o", str(scores), "-q")[0] == 0
    options = ("--n-boot", "200", "--one-vs-rest", "--quiet")
    code, fresh, _ = run(capsys, "compare", str(outlets), "--source-column", "outlet", *options)
    assert code == 0
    code, again, err = run(capsys, "compare", "--scored", str(scores), *options)
    assert code == 0 and err == ""
    assert again == fresh and "Loud" in again


def test_compare_scored_names_an_input_it_cannot_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "compare", "--scored", str(tmp_path / "scores.xlsx"), "--quiet")
    assert code == 2
    assert err.strip().splitlines()[-1].endswith("scores.xlsx: a scored table must be .csv (csv), .jsonl (jsonl), "
                                                  ".ndjson (jsonl), .parquet (parquet), .pq (parquet)")


def test_compare_scored_rejects_a_table_without_scores(capsys: pytest.CaptureFixture[str], outlets: Path) -> None:
    code, _, err = run(capsys, "compare", "--scored", str(outlets), "--quiet")
    assert code == 2
    line = err.strip().splitlines()[-1]
    assert str(outlets) in line and "not a table of scores: no column(s) source_id, kind, hype" in line


def test_compare_scored_names_the_row_of_a_score_that_is_not_a_number(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "scores.csv"
    path.write_text(
        "source_id,kind,hype,hedging,balance,sentiment\n"
        "a,body,0.1,0,0,0\na,body,0.2,0,0,0\nb,body,high,0,0,0\nb,body,0.3,0,0,0\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "compare", "--scored", str(path), "--quiet")
    assert code == 2
    assert err.strip().splitlines()[-1].endswith(f"{path}: row 3: hype is not a number ('high')")


def test_compare_bad_tests_out_is_a_usage_error(capsys: pytest.CaptureFixture[str], outlets: Path) -> None:
    code, _, err = run(capsys, "compare", str(outlets), "--tests-out", "tests.txt", "--quiet")
    assert code == 2
    assert "tests.txt: unknown output suffix '.txt'; supported: .csv" in err.strip().splitlines()[-1]


# --------------------------------------------------------------------------- report


def test_report_passes_corpus_and_out(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls = {}

    def fake_build(corpus, out, **kwargs):
        calls.update(corpus=corpus, out=out, **kwargs)
        return [Path(out) / "01-corpus.html"]

    monkeypatch.setattr("framelens.report.build.build_reports", fake_build)
    code, out, _ = run(capsys, "report", "--corpus", "data/raw", "--out", str(tmp_path), "--quiet")
    assert code == 0
    assert calls["corpus"] == "data/raw" and calls["out"] == str(tmp_path)
    assert calls["progress"] is False and calls["hide_input"] is True
    assert "01-corpus.html" in out


def test_report_on_missing_corpus_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    code, _, err = run(capsys, "report", "--corpus", str(missing), "--out", str(tmp_path / "r"), "--quiet")
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "nowhere" in err


# --------------------------------------------------------------------------- user mistakes


def _bad_inputs(folder: Path) -> dict[str, tuple[list[str], str]]:
    (folder / "empty.jsonl").write_text("", encoding="utf-8")
    (folder / "blank.txt").write_text("\n\n", encoding="utf-8")
    (folder / "holes.csv").write_text("text\nfine\n\n\"\"\n", encoding="utf-8")
    (folder / "doc.pdf").write_bytes(b"%PDF-1.4")
    (folder / "garbled.jsonl").write_bytes(b'{"text": "caf\xe9 \xff\xfe"}\n')
    return {
        "missing file": (["score", str(folder / "missing.txt")], "missing.txt"),
        "unknown format": (["score", str(folder / "doc.pdf")], "doc.pdf"),
        "missing column": (["score", str(folder / "paras.csv"), "--text-column", "body"], "paras.csv"),
        "empty input": (["score", str(folder / "empty.jsonl")], "empty.jsonl"),
        "blank text file": (["score", str(folder / "blank.txt")], "blank.txt"),
        "empty row": (["score", str(folder / "holes.csv")], "holes.csv"),
        "undecodable file": (["score", str(folder / "garbled.jsonl")], "garbled.jsonl"),
        "no matches": (["compare", str(folder / "*.docx")], "*.docx"),
    }


@pytest.mark.parametrize(
    "case",
    ["missing file", "unknown format", "missing column", "empty input", "blank text file", "empty row", "undecodable file", "no matches"],
)
def test_user_mistakes_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], texts: Path, tmp_path: Path, case: str
) -> None:
    argv, name = _bad_inputs(texts)[case]
    code, out, err = run(capsys, *argv, "-o", str(tmp_path / "out.csv"))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("framelens: error: ") and name in lines[0]
    assert "Traceback" not in err
    assert not (tmp_path / "out.csv").exists()


def test_skip_empty_turns_the_error_into_a_warning(capsys: pytest.CaptureFixture[str], texts: Path, tmp_path: Path) -> None:
    (texts / "holes.csv").write_text("text\nfine\n\"\"\n", encoding="utf-8")
    code, _, err = run(capsys, "score", str(texts / "holes.csv"), "--skip-empty", "-o", str(tmp_path / "o.csv"))
    assert code == 0
    assert "framelens: warning:" in err and "skipped 1 row" in err
    assert len(pd.read_csv(tmp_path / "o.csv")) == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["score"], "arguments are required: PATH"),
        (["score", "x.txt", "--format", "xml"], "invalid choice: 'xml'"),
        (["score", "x.txt", "--jobs", "0"], "must be at least 1"),
        (["score", "x.txt", "--format", "parquet"], "Parquet output needs a file"),
        (["score", "x.txt", "--explain"], "--explain needs -o FILE"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "error:" in err and message in err and "Traceback" not in err


def test_internal_error_exit_1_traceback_only_with_debug(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, texts: Path
) -> None:
    def boom(*args, **kwargs):
        raise RuntimeError("something broke")

    monkeypatch.setattr("framelens.scores.batch.score_files", boom)
    code, _, err = run(capsys, "score", str(texts))
    assert code == 1
    assert "internal error" in err and "--debug" in err and "Traceback" not in err
    code, _, err = run(capsys, "score", str(texts), "--debug")
    assert code == 1 and "Traceback" in err


def test_interrupt_exits_130(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, texts: Path) -> None:
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("framelens.scores.batch.score_files", interrupted)
    code, _, err = run(capsys, "score", str(texts))
    assert code == 130 and "interrupted" in err


# --------------------------------------------------------------------------- installed script


def test_console_script_end_to_end(texts: Path, tmp_path: Path) -> None:
    assert FRAMELENS.exists(), "framelens console script not installed in the environment"
    out = tmp_path / "scores.csv"
    done = subprocess.run(
        [str(FRAMELENS), "score", str(texts), "-o", str(out), "--quiet"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert len(pd.read_csv(out)) > 5
    bad = subprocess.run([str(FRAMELENS), "score", str(texts / "nope.csv")], capture_output=True, text=True)
    assert bad.returncode == 2
    assert bad.stderr.strip().splitlines() == [f"framelens: error: {texts / 'nope.csv'}: no such file or folder"]


def test_jobs_and_chunk_size_do_not_change_the_output(capsys: pytest.CaptureFixture[str], texts: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert run(capsys, "score", str(texts), "-o", str(one), "--quiet")[0] == 0
    assert run(capsys, "score", str(texts), "-o", str(two), "--quiet", "--jobs", "2", "--chunk-size", "3")[0] == 0
    assert one.read_bytes() == two.read_bytes()
