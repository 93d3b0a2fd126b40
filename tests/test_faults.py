"""Faults and hostile input lose nothing.

Each test checks that a run that fails — bad input part-way, a signal, a
full disk, an unwritable folder — leaves the previous output byte-identical,
leaves no partial file under the output's name, and says what went wrong in
one line naming the input or output.

Tests run as root in CI containers, where ``chmod`` does not stop writes: the
read-only cases use a read-only bind mount when ``mount`` is permitted
(skipped otherwise) and a patched :func:`os.access` as the portable check.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from inputs import ARTICLE

from framelens.io import outputs
from framelens.scores.batch import TableWriter, csv_bytes, neutralise_formulas, score_files
from framelens.cli import main
from framelens.io.corpus import load_corpus
from framelens.errors import CorpusError, FramelensError, LexiconError
from framelens.io.outputs import TEMP_MARKER, atomic_output, remove_stale_temps
from framelens.io.readers import iter_table, read_inputs

SRC = Path(__file__).resolve().parents[1] / "src"
PREVIOUS = b"previous output, must survive\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> str:
    lines = [line for line in err.strip().splitlines() if line.strip()]
    errors = [line for line in lines if "error:" in line]
    assert len(errors) == 1, err
    return errors[0]


def temps(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if TEMP_MARKER in p.name]


def previous(path: Path) -> Path:
    path.write_bytes(PREVIOUS)
    return path


def cli(*argv: str, **kwargs: object) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONHASHSEED": "0"}
    return subprocess.Popen(
        [sys.executable, "-m", "framelens", *argv],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,  # type: ignore[arg-type]
    )


def big_jsonl(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(rows):
            handle.write(json.dumps({"id": i, "text": f"Paragraph {i}: the miracle drug may help, critics said."}) + "\n")
    return path


def csv_rows(path: Path, rows: int, bad_row: int | None = None, bad: str = "") -> Path:
    lines = ["id,text"]
    for i in range(1, rows + 1):
        lines.append(bad if i == bad_row else f"{i},Paragraph {i} says the drug may help.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------------------
# 1. atomic outputs
# ---------------------------------------------------------------------------


def test_atomic_output_replaces_only_when_complete(tmp_path: Path) -> None:
    target = previous(tmp_path / "out.csv")
    with pytest.raises(RuntimeError):
        with atomic_output(target) as handle:
            handle.write(b"half a file")
            assert temps(tmp_path), "data go to a temporary file beside the target"
            raise RuntimeError("stop")
    assert target.read_bytes() == PREVIOUS and not temps(tmp_path)
    with atomic_output(target) as handle:
        handle.write(b"new")
    assert target.read_bytes() == b"new" and not temps(tmp_path)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_bad_input_at_row_3001_keeps_the_previous_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    source = csv_rows(tmp_path / "in.csv", 3005, bad_row=3001, bad="3001,")
    out = previous(tmp_path / f"scores.{fmt}")
    evidence = previous(tmp_path / f"scores.evidence.{fmt}")
    code, _, err = run(capsys, "score", str(source), "-o", str(out), "--explain", "--chunk-size", "500", "-q")
    assert code == 2
    assert "in.csv" in one_line_error(err) and "row 3001" in err
    assert out.read_bytes() == PREVIOUS and evidence.read_bytes() == PREVIOUS
    assert not temps(tmp_path)


def test_exception_inside_the_scorer_keeps_the_previous_output(tmp_path: Path) -> None:
    source = csv_rows(tmp_path / "in.csv", 50)
    out = previous(tmp_path / "scores.csv")
    calls = []

    def scorer(blocks: pd.DataFrame) -> pd.DataFrame:
        calls.append(len(blocks))
        if len(calls) == 3:
            raise RuntimeError("scorer failed")
        return blocks.assign(hype=0.0)

    with pytest.raises(RuntimeError):
        score_files([source], out, chunk_rows=10, scorer=scorer)
    assert len(calls) == 3, "two chunks were written before the failure"
    assert out.read_bytes() == PREVIOUS and not temps(tmp_path)
    score_files([source], out, chunk_rows=10, scorer=lambda b: b.assign(hype=0.0))
    assert len(pd.read_csv(out)) == 50 and not temps(tmp_path)


def test_compare_output_is_atomic_too(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good = csv_rows(tmp_path / "in.csv", 20)
    bad = csv_rows(tmp_path / "bad.csv", 20, bad_row=15, bad="15,too,many")
    for name in ("summary.csv", "summary.txt"):
        out = previous(tmp_path / name)
        code, _, err = run(capsys, "compare", str(bad), "-o", str(out), "-q", "--n-boot", "20")
        assert code == 2 and "bad.csv" in one_line_error(err)
        assert out.read_bytes() == PREVIOUS and not temps(tmp_path)
        code, _, _ = run(capsys, "compare", str(good), "-o", str(out), "-q", "--n-boot", "20")
        assert code == 0 and out.read_bytes() != PREVIOUS and not temps(tmp_path)


def _wait_for_temp(folder: Path, proc: subprocess.Popen[bytes], min_bytes: int = 1) -> Path:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = [p for p in temps(folder) if p.stat().st_size >= min_bytes]
        if found:
            return found[0]
        if proc.poll() is not None:
            raise AssertionError(f"the run ended before writing: {proc.stderr.read().decode()}")  # type: ignore[union-attr]
        time.sleep(0.05)
    raise AssertionError("no temporary output appeared")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["SIGINT", "SIGTERM", "SIGKILL"])
def test_a_signal_during_the_write_keeps_the_previous_output(tmp_path: Path, sig: signal.Signals) -> None:
    source = big_jsonl(tmp_path / "big.jsonl", 60_000)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = previous(out_dir / "scores.csv")
    proc = cli("score", str(source), "-o", str(out), "--chunk-size", "200", "-q")
    temp = _wait_for_temp(out_dir, proc, min_bytes=2000)
    grown = temp.stat().st_size
    os.kill(proc.pid, sig)
    _, err = proc.communicate(timeout=60)
    assert out.read_bytes() == PREVIOUS, "the previous output is byte-identical"
    if sig == signal.SIGKILL:
        # nothing can clean up after SIGKILL: the temporary file stays under its marked name ...
        left = temps(out_dir)
        assert [p.name for p in left] == [temp.name] and left[0].stat().st_size >= grown
        assert outputs.temp_name_pattern(out).match(temp.name)
        # ... and the next run for the same target removes it
        assert remove_stale_temps(out) == [temp]
    else:
        assert proc.returncode == 130
        assert "interrupted" in err.decode() and len(err.decode().strip().splitlines()) == 1
        assert not temps(out_dir)
    assert sorted(p.name for p in out_dir.iterdir()) == ["scores.csv"]


def test_a_later_run_removes_stale_temps_of_its_target_only(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".scores.csv{TEMP_MARKER}{dead.pid}-abcd1234"
    other = tmp_path / f".other.csv{TEMP_MARKER}{dead.pid}-abcd1234"
    alive = tmp_path / f".scores.csv{TEMP_MARKER}{os.getpid()}-abcd1234"
    for path in (stale, other, alive):
        path.write_bytes(b"partial")
    source = csv_rows(tmp_path / "in.csv", 5)
    code, _, _ = run(capsys, "score", str(source), "-o", str(tmp_path / "scores.csv"), "-q")
    assert code == 0
    assert not stale.exists() and other.exists() and alive.exists()


# ---------------------------------------------------------------------------
# 2. CSV that reads back exactly; 6. formula neutralisation
# ---------------------------------------------------------------------------

_HOSTILE = st.text(
    alphabet=st.sampled_from(list("ab ,\"'\r\n\t=+-@;é€\u2028x")) | st.characters(codec="utf-8", exclude_categories=("Cs",)),
    max_size=30,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(_HOSTILE, min_size=1, max_size=8))
def test_csv_text_round_trips_through_pandas_and_csv(texts: list[str], tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("csv")
    frame = pd.DataFrame({"source_id": texts, "n": range(len(texts)), "text": texts})
    for keep in (True, False):
        path = folder / f"out-{keep}.csv"
        with TableWriter(path, "csv", keep_formulas=keep, row_group_rows=1) as writer:
            writer.write(frame.iloc[: len(frame) // 2])
            writer.write(frame.iloc[len(frame) // 2 :])
        expected = texts if keep else neutralise_formulas(pd.Series(texts, dtype=object)).tolist()
        back = pd.read_csv(path, dtype={"source_id": str, "text": str}, keep_default_na=False)
        assert back["text"].tolist() == expected
        assert back["source_id"].tolist() == expected
        assert back["n"].tolist() == list(range(len(texts)))
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert [r[2] for r in rows[1:]] == expected
        # and framelens reads its own output back as input, row for row
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # rows with blank text are skipped with a warning
            chunks = list(iter_table(path, chunk_rows=3, skip_empty=True))
        read_back = [t for chunk in chunks for t in chunk["text"]]
        assert read_back == [t for t in expected if t.strip()]


def test_empty_text_and_missing_value_differ_in_the_file() -> None:
    data = csv_bytes(pd.DataFrame({"a": ["", None, "x"], "b": [1.0, float("nan"), -2.5]}))
    assert data == b'"",1.0\n,\n"x",-2.5\n'
    back = pd.read_csv(io.BytesIO(b"a,b\n" + data), keep_default_na=False, dtype={"a": str})
    assert back["a"].tolist() == ["", "", "x"]
    assert pd.read_csv(io.BytesIO(b"a,b\n" + data))["b"].isna().tolist() == [False, True, False]


def test_lone_carriage_return_is_quoted() -> None:
    assert csv_bytes(pd.DataFrame({"t": ["a\rb"]})) == b'"a\rb"\n'


def test_formulas_are_neutralised_in_csv_only(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    hostile = ["=HYPERLINK(\"http://x\")", "+1", "-2 days", "@SUM(A1)", "\tcmd", "\rcr", "plain = fine"]
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(json.dumps({"id": f"={i}", "src": f"@s{i}", "text": t}) + "\n" for i, t in enumerate(hostile)),
        encoding="utf-8",
    )
    base = ["score", str(source), "--id-column", "id", "--source-column", "src", "-q"]
    assert run(capsys, *base, "-o", str(tmp_path / "safe.csv"))[0] == 0
    assert run(capsys, *base, "-o", str(tmp_path / "raw.csv"), "--keep-formulas")[0] == 0
    assert run(capsys, *base, "-o", str(tmp_path / "out.jsonl"))[0] == 0
    read = lambda p: pd.read_csv(p, dtype=str, keep_default_na=False)  # noqa: E731
    safe, raw = read(tmp_path / "safe.csv"), read(tmp_path / "raw.csv")
    jsonl = pd.read_json(tmp_path / "out.jsonl", lines=True, dtype=False)
    assert raw["text"].tolist() == hostile and jsonl["text"].tolist() == hostile
    assert safe["text"].tolist() == [("'" + t if t[0] in "=+-@\t\r" else t) for t in hostile]
    assert all(v.startswith("'") for v in safe["id"]) and all(v.startswith("'") for v in safe["source_id"])
    assert jsonl["source_id"].tolist() == [f"@s{i}" for i in range(len(hostile))]
    # numbers (a negative sentiment) are never altered
    assert pd.to_numeric(safe["sentiment"]).notna().all()


# ---------------------------------------------------------------------------
# 3. ragged CSV input
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "fields"),
    [("2,this may help,extra,more", "4 field(s)"), ("2", "1 field(s)")],
    ids=["too many", "too few"],
)
def test_ragged_csv_rows_are_errors_naming_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bad: str, fields: str
) -> None:
    source = tmp_path / "ragged.csv"
    source.write_text(f'id,text\n1,"first, quoted\nover two lines"\n{bad}\n3,fine\n', encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        list(iter_table(source, id_column="id"))
    message = str(info.value)
    assert str(source) in message and "line 4 (row 2)" in message and fields in message
    out = previous(tmp_path / "scores.csv")
    code, _, err = run(capsys, "score", str(source), "-o", str(out), "-q")
    assert code == 2 and "ragged.csv: line 4 (row 2)" in one_line_error(err)
    assert out.read_bytes() == PREVIOUS


# ---------------------------------------------------------------------------
# 4. manifest policy, 5. paths outside the corpus
# ---------------------------------------------------------------------------


def corpus(tmp_path: Path, manifest: str) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text("Second article\n\nThe drug may help, the authors said.\n", encoding="utf-8")
    (folder / "sources.csv").write_text(manifest, encoding="utf-8")
    return folder


def all_readers_fail(capsys: pytest.CaptureFixture[str], folder: Path, pattern: str, *extra: str) -> None:
    """load_corpus, read_inputs, score, compare and report all refuse, in one line matching ``pattern``."""
    import re

    for read in (load_corpus, read_inputs):
        with pytest.raises(CorpusError, match=pattern):
            read(folder)
    out = previous(folder.parent / "scores.csv")
    for argv in (
        ["score", str(folder), "-o", str(out), "-q", *extra],
        ["compare", str(folder), "-q", "--n-boot", "10", *extra],
        ["report", "--corpus", str(folder), "--out", str(folder.parent / "reports"), "-q", *extra],
    ):
        code, _, err = run(capsys, *argv)
        assert code == 2 and re.search(pattern, one_line_error(err)), (argv, err)
    assert out.read_bytes() == PREVIOUS
    assert not (folder.parent / "reports").exists()


def test_manifest_row_with_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = corpus(tmp_path, "source_id,file\nA,a.txt\nB,gone.txt\n")
    all_readers_fail(capsys, folder, r"sources\.csv: row 2 \(source_id 'B'\): file 'gone.txt' not found")


def test_manifest_row_with_extra_fields(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = corpus(tmp_path, "source_id,file,title\nA,a.txt,A bold new treatment\nB,b.txt,Second, article\n")
    all_readers_fail(capsys, folder, r"sources\.csv: row 2: 4 fields but the header has 3")


def test_malformed_manifest_is_an_error_found_or_given(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = corpus(tmp_path, "name,url\nx,y\n")
    all_readers_fail(capsys, folder, r"sources\.csv: missing required column")
    given = tmp_path / "given.csv"
    given.write_text("source_id\nA\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="given.csv: missing required column"):
        read_inputs([folder / "a.txt"], manifest=given)
    code, _, err = run(capsys, "score", str(folder / "a.txt"), "--manifest", str(given), "-q")
    assert code == 2 and "given.csv" in one_line_error(err)


@pytest.mark.parametrize("where", ["../outside.txt", "ABSOLUTE", "~/framelens-outside.txt", "link.txt"])
def test_manifest_file_outside_the_corpus(capsys: pytest.CaptureFixture[str], tmp_path: Path, where: str) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("Outside article\n\nIt may help, they said.\n", encoding="utf-8")
    if where == "ABSOLUTE":
        where = str(outside)
    home_file = Path("~/framelens-outside.txt").expanduser()
    if where.startswith("~"):
        if home_file.exists() or not os.access(home_file.parent, os.W_OK):
            pytest.skip("cannot place a file in the home folder")
        home_file.write_text(outside.read_text(), encoding="utf-8")
    folder = corpus(tmp_path, f"source_id,file\nA,a.txt\nOUT,{where}\n")
    if where == "link.txt":
        (folder / "link.txt").symlink_to(outside)  # a link pointing out of the corpus counts as outside
    try:
        all_readers_fail(capsys, folder, r"sources\.csv: row 2 \(source_id 'OUT'\).* lies outside the corpus folder")
        # opting in reads it, in every reader
        assert "OUT" in set(load_corpus(folder, allow_outside=True)["source_id"])
        assert "OUT" in set(read_inputs(folder, allow_outside=True)["source_id"])
        code, out, _ = run(capsys, "score", str(folder), "--allow-outside", "-q")
        assert code == 0 and "OUT" in set(pd.read_csv(io.StringIO(out))["source_id"])
    finally:
        if where.startswith("~"):
            home_file.unlink()


def test_symlink_inside_the_corpus_is_read(tmp_path: Path) -> None:
    folder = corpus(tmp_path, "source_id,file\nA,a.txt\nL,link.txt\n")
    (folder / "link.txt").symlink_to(folder / "b.txt")
    assert set(load_corpus(folder)["source_id"]) == {"A", "L"}


def test_load_corpus_score_and_report_see_the_same_blocks(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = corpus(tmp_path, "source_id,file,title\nA,a.txt,A bold new treatment\n")
    (folder / "unlisted.txt").write_text("Not listed\n\nThis text is not in the manifest.\n", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"not listed.*(b|unlisted)\.txt"):
        blocks = load_corpus(folder)
    code, out, err = run(capsys, "score", str(folder), "-q")
    assert code == 0
    assert "warning" in err and "b.txt" in err and "unlisted.txt" in err
    scored = pd.read_csv(io.StringIO(out), dtype={"text": str, "section": str}, keep_default_na=False)
    columns = ["source_id", "block_index", "kind", "section", "text", "start", "end"]
    assert scored[columns].to_dict("records") == blocks[columns].to_dict("records")
    # the report's corpus notebook lists every block it read
    reports = tmp_path / "reports"
    code, _, err = run(capsys, "report", "--corpus", str(folder), "--out", str(reports), "--notebook", "01", "-q")
    assert code == 0, err
    listed = pd.read_csv(reports / "01-blocks.csv", dtype={"text": str, "section": str}, keep_default_na=False)
    assert listed[columns].to_dict("records") == blocks[columns].to_dict("records")


# ---------------------------------------------------------------------------
# 7. messages
# ---------------------------------------------------------------------------


def test_lexicon_row_with_unknown_dimension(tmp_path: Path) -> None:
    from framelens import score_paragraphs

    path = tmp_path / "mine.csv"
    path.write_text("pattern,dimension,category,weight\npanacea,hype,sensational,1\ncure-all,hpye,sensational,1\n")
    with pytest.raises(LexiconError, match=r"mine\.csv line 3: unknown dimension 'hpye'.*balance, hedging, hype"):
        score_paragraphs(["A panacea."], lexicon=path)
    rows = [{"pattern": "x", "dimension": "hedge", "category": "modal", "weight": 1}]
    with pytest.raises(LexiconError, match=r"row 0: unknown dimension 'hedge'"):
        score_paragraphs(["x"], lexicon=rows)


class _FullDisk(io.RawIOBase):
    """A file that takes ``room`` bytes, then fails as a full disk does."""

    def __init__(self, inner: io.BufferedWriter, room: int) -> None:
        self.inner, self.room = inner, room

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        if len(data) > self.room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= len(data)
        return self.inner.write(data)

    def fileno(self) -> int:
        return self.inner.fileno()

    def flush(self) -> None:
        if not self.inner.closed:
            self.inner.flush()

    def close(self) -> None:
        self.inner.close()
        super().close()


def test_full_disk_names_the_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = outputs._Pending.open

    def full(self: outputs._Pending) -> object:
        self.handle = _FullDisk(opened(self), room=5000)  # type: ignore[assignment]
        return self.handle

    monkeypatch.setattr(outputs._Pending, "open", full)
    source = csv_rows(tmp_path / "in.csv", 300)
    out = previous(tmp_path / "scores.csv")
    code, _, err = run(capsys, "score", str(source), "-o", str(out), "--chunk-size", "20", "-q")
    line = one_line_error(err)
    assert code == 2 and f"{out}: cannot write: no space left on device" in line
    assert out.read_bytes() == PREVIOUS and not temps(tmp_path)


def test_full_disk_on_a_tiny_tmpfs(tmp_path: Path) -> None:
    mount = tmp_path / "tiny"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root and mount permission)")
    try:
        out = previous(mount / "scores.csv")
        source = big_jsonl(tmp_path / "in.jsonl", 2000)
        proc = cli("score", str(source), "-o", str(out), "-q")
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 2
        assert err.decode().strip() == f"framelens: error: {out}: cannot write: no space left on device (the previous file, if any, is unchanged)"
        assert out.read_bytes() == PREVIOUS and not temps(mount)
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_json_decode_error_shows_file_line_and_column(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text('{"text": "fine"}\n{"text": "a" "b"}\n', encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        list(iter_table(source))
    message = str(info.value)
    assert f"{source}:2:14" in message and "Expecting ',' delimiter" in message and "line 2" in message


@pytest.mark.parametrize("command", ["score", "compare"])
def test_unknown_output_suffix_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str) -> None:
    source = csv_rows(tmp_path / "in.csv", 3)
    code, _, err = run(capsys, command, str(source), "-o", str(tmp_path / "x.xlsx"))
    assert code == 2
    assert "unknown output suffix '.xlsx'" in err and ".csv" in err and ".parquet" in err
    assert not (tmp_path / "x.xlsx").exists()


def test_unwritable_or_missing_output_folder_is_found_before_any_work(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a bad input that would fail if read: the folder error must come first
    source = tmp_path / "bad.jsonl"
    source.write_text("{not json}\n", encoding="utf-8")
    missing = tmp_path / "no-such-folder" / "scores.csv"
    for argv in (["score", str(source), "-o", str(missing)], ["compare", str(source), "-o", str(missing)]):
        code, _, err = run(capsys, *argv)
        assert code == 2 and "output folder" in one_line_error(err) and "does not exist" in err
    readonly = tmp_path / "readonly"
    readonly.mkdir()
    real_access = os.access
    monkeypatch.setattr(outputs.os, "access", lambda p, m: False if Path(p) == readonly else real_access(p, m))
    for argv in (
        ["score", str(source), "-o", str(readonly / "s.csv")],
        ["compare", str(source), "-o", str(readonly / "s.csv")],
        ["report", "--corpus", str(source), "--out", str(readonly / "reports")],
    ):
        code, _, err = run(capsys, *argv)
        assert code == 2 and f"the output folder {readonly} is not writable" in one_line_error(err), err


def test_read_only_bind_mount(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    out = previous(folder / "scores.csv")
    if subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True).returncode:
        pytest.skip("cannot bind-mount here")
    try:
        if subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], capture_output=True).returncode:
            pytest.skip("cannot remount read-only here")
        source = csv_rows(tmp_path / "in.csv", 3)
        proc = cli("score", str(source), "-o", str(out))
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 2
        assert err.decode().strip().splitlines() == [
            f"framelens: error: {out}: the output folder {folder} is not writable"
        ]
        assert out.read_bytes() == PREVIOUS
    finally:
        subprocess.run(["umount", str(folder)], check=False)


# ---------------------------------------------------------------------------
# 8. workers die with their parent
# ---------------------------------------------------------------------------


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_when_the_parent_is_killed(tmp_path: Path) -> None:
    source = big_jsonl(tmp_path / "big.jsonl", 60_000)
    proc = cli("score", str(source), "-o", str(tmp_path / "s.csv"), "-j", "2", "--chunk-size", "200", "-q")
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < 2:
        workers = {c for c in _children(proc.pid) if _alive(c)}
        time.sleep(0.05)
    assert len(workers) >= 2, "the pool started two workers"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.05)
    survivors = [w for w in workers if _alive(w)]
    for pid in survivors:  # do not leave them running when the check fails
        os.kill(pid, signal.SIGKILL)
    assert not survivors, "workers outlived the killed parent"


# ---------------------------------------------------------------------------
# API checks
# ---------------------------------------------------------------------------


def test_writer_aborted_by_an_exception_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "new.parquet"
    with pytest.raises(KeyboardInterrupt):
        with TableWriter(target, "parquet") as writer:
            writer.write(pd.DataFrame({"a": [1, 2]}))
            raise KeyboardInterrupt
    assert not target.exists() and not temps(tmp_path)


def test_check_output_folder_messages(tmp_path: Path) -> None:
    with pytest.raises(FramelensError, match="is a folder"):
        outputs.check_output_folder(tmp_path)
    (tmp_path / "file").write_text("x")
    with pytest.raises(FramelensError, match="is a file"):
        outputs.check_output_folder(tmp_path / "file" / "reports", create=True)
    outputs.check_output_folder(tmp_path / "new" / "deeper", create=True)


def test_a_parent_manifest_governs_only_the_folder_it_describes(tmp_path: Path) -> None:
    """data/sources.csv lists data/raw; data/other is read without it, by every reader."""
    raw, other = tmp_path / "raw", tmp_path / "other"
    raw.mkdir()
    other.mkdir()
    (raw / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (raw / "stray.txt").write_text("Stray\n\nNot in the manifest.\n", encoding="utf-8")
    (other / "c.txt").write_text("Other article\n\nIt may help.\n", encoding="utf-8")
    (tmp_path / "sources.csv").write_text("source_id,file\nA,raw/a.txt\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="stray.txt"):
        blocks = read_inputs([raw, other])
    assert list(dict.fromkeys(blocks["source_id"])) == ["A", "c"]
    with pytest.warns(UserWarning, match="stray.txt"):
        assert set(load_corpus(raw)["source_id"]) == {"A"}
    assert set(load_corpus(other)["source_id"]) == {"c"}
