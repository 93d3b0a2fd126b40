"""Score large inputs: in chunks, in parallel, written incrementally.

The command ``framelens score`` is a thin shell around :func:`score_files`:
blocks are read in chunks (:func:`framelens.io.readers.iter_blocks`), each chunk
is scored — in worker processes when ``jobs > 1`` — and converted to the
output format inside the worker, and the main process appends each result to
the output file in input order. At most ``2 * jobs`` chunks are in flight at
once, so memory use depends on the chunk size, not on the input size: a
1,000,000-paragraph JSON Lines file streams through in constant memory.

Output formats are CSV, JSON Lines and Parquet (row groups of about 20,000 rows,
through :class:`pyarrow.parquet.ParquetWriter`). Files are written to a
temporary file and renamed into place when complete (:mod:`framelens.io.outputs`),
so a failed or interrupted run leaves the previous output unchanged. Worker
processes end with the main process (:func:`_die_with`).

For a corpus too large for one machine, use :func:`framelens.score_frame`
with Dask instead (see :func:`score_dask`).
"""

from __future__ import annotations

import os
import sys
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import numpy as np
import pandas as pd

from framelens.errors import FramelensError
from framelens.io.outputs import AtomicGroup, check_output_folder, write_error
from framelens.io.readers import find_inputs, iter_blocks

if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import Future

    import dask.dataframe as dd

__all__ = [
    "FORMATS",
    "ChunkResult",
    "ScoreSummary",
    "ScoreTask",
    "TableWriter",
    "dask_meta",
    "encode_frame",
    "run_task",
    "evidence_path",
    "format_from_path",
    "progress_bar",
    "rebatch",
    "score_blocks",
    "score_chunks",
    "score_dask",
    "score_files",
    "csv_bytes",
    "neutralise_formulas",
    "FORMULA_PREFIXES",
]

#: Output formats and the file suffixes that select them.
FORMATS: dict[str, tuple[str, ...]] = {
    "csv": (".csv",),
    "jsonl": (".jsonl", ".ndjson"),
    "parquet": (".parquet", ".pq"),
}

#: Columns that identify a block in the output, in this order when present.
ID_COLUMNS: tuple[str, ...] = (
    "source_id",
    "block_index",
    "id",
    "kind",
    "section",
    "file",
    "start",
    "end",
)

Scorer = Callable[[pd.DataFrame], pd.DataFrame]
Explainer = Callable[[list[str]], pd.DataFrame]


def supported_suffixes() -> str:
    """The output suffixes framelens understands, for messages."""
    return ", ".join(f"{suffix} ({name})" for name, suffixes in FORMATS.items() for suffix in suffixes)


def format_from_path(path: str | os.PathLike[str] | None, default: str = "csv") -> str:
    """The output format a file name asks for.

    Parameters
    ----------
    path : str or path, optional
        Output file name; ``None`` or ``"-"`` means standard output, which
        gets ``default``.
    default : str
        Format for standard output.

    Raises
    ------
    FramelensError
        If ``path`` has a suffix that is not one of :data:`FORMATS` (say
        ``.xlsx``), or none: framelens does not guess, it lists the formats
        it can write.
    """
    if path is None or str(path) == "-":
        return default
    suffix = Path(path).suffix.lower()
    for name, suffixes in FORMATS.items():
        if suffix in suffixes:
            return name
    raise FramelensError(
        f"{path}: cannot tell the output format from the suffix {suffix or '(none)'!r}; "
        f"supported: {supported_suffixes()} (or choose one with --format)"
    )


# ---------------------------------------------------------------------------
# Scoring one chunk
# ---------------------------------------------------------------------------


def _default_scorer(blocks: pd.DataFrame) -> pd.DataFrame:
    from framelens.scores.scoring import score_frame

    return score_frame(blocks, text_column="text")


def _default_explainer(texts: list[str]) -> pd.DataFrame:
    from framelens.scores.scoring import explain_paragraphs

    return explain_paragraphs(texts)


def score_blocks(
    blocks: pd.DataFrame,
    *,
    explain: bool = False,
    scorer: Scorer | None = None,
    explainer: Explainer | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Score a block table and, optionally, collect its evidence spans.

    Parameters
    ----------
    blocks : DataFrame
        Block columns (at least ``source_id``, ``block_index``, ``text``).
    explain : bool
        Also return the evidence spans of every block.
    scorer : callable, optional
        ``scorer(blocks) -> blocks + score columns``; defaults to
        :func:`framelens.score_frame`.
    explainer : callable, optional
        ``explainer(texts) -> evidence with a paragraph column``; defaults to
        :func:`framelens.explain_paragraphs`.

    Returns
    -------
    scored : DataFrame
        Identifier columns first (``source_id, block_index, [id], kind,
        section, file, start, end``), then the scores, then ``text``.
    evidence : DataFrame or None
        One row per evidence span, keyed by ``source_id, block_index`` (and
        ``id``, ``file``); its ``start``/``end`` are offsets into the block's
        ``text``. ``None`` when ``explain`` is false.
    """
    blocks = blocks.reset_index(drop=True)
    evidence = None
    if explain and scorer is None and explainer is None:
        # one pass over every paragraph for both scores and evidence
        from framelens.scores.scoring import score_frame_with_evidence

        scored, evidence = score_frame_with_evidence(blocks)
    else:
        scored = (scorer or _default_scorer)(blocks)
    ids = [c for c in ID_COLUMNS if c in scored.columns]
    rest = [c for c in scored.columns if c not in ids and c != "text"]
    tail = ["text"] if "text" in scored.columns else []
    scored = scored[ids + rest + tail]
    if explain and evidence is None:
        from framelens.scores.scoring import keyed_evidence

        evidence = keyed_evidence(blocks, (explainer or _default_explainer)(blocks["text"].tolist()))
    return scored, evidence


# ---------------------------------------------------------------------------
# Encoding and writing
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Encoded:
    """A chunk of rows ready to append to an output: its columns and payload."""

    columns: tuple[str, ...]
    rows: int
    payload: Any  # bytes for csv / jsonl, pyarrow.Table for parquet
    keep_formulas: bool = False


#: A cell starting with one of these is read as a formula by spreadsheet
#: programs; in CSV output it gets a leading ``'`` (see :func:`neutralise_formulas`).
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


class _Missing(float):
    """A missing value: written by :mod:`csv` as an empty, *unquoted* field.

    With ``QUOTE_NONNUMERIC`` the csv writer quotes every string and leaves
    numbers bare, writing floats with ``repr``; this float's ``repr`` is the
    empty string, so a missing value (empty, unquoted) stays distinct from an
    empty text (``""``).
    """

    def __repr__(self) -> str:
        return ""

    __str__ = __repr__


_MISSING = _Missing("nan")


def neutralise_formulas(values: pd.Series) -> pd.Series:
    """Prefix text cells that a spreadsheet would run as a formula with ``'``.

    Cells starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return (:data:`FORMULA_PREFIXES`) become ``'`` + the cell; other cells,
    missing values and numbers are unchanged.
    """
    text = values.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_PREFIXES))
    if not text.any():
        return values
    return values.where(~text, "'" + values[text].astype(str))


def _csv_column(values: pd.Series, keep_formulas: bool) -> list[Any]:
    if values.dtype.kind not in "biuf" and not keep_formulas:
        values = neutralise_formulas(values)
    cells = values.tolist()
    for i in np.flatnonzero(values.isna().to_numpy()):
        cells[i] = _MISSING
    return cells


def csv_bytes(df: pd.DataFrame, *, header: bool = False, keep_formulas: bool = False) -> bytes:
    """Rows of ``df`` as CSV that reads back exactly.

    Every text cell is quoted, so line breaks of any kind (``\\n``,
    ``\\r\\n``, a lone ``\\r``), quotes, commas and surrounding spaces
    round-trip through :func:`pandas.read_csv` (with ``dtype=str,
    keep_default_na=False``) and :func:`csv.reader`; numbers are bare
    (floats as ``repr``, exact); a missing value is an empty unquoted field,
    an empty text is ``""``. Unless ``keep_formulas``, text cells starting
    like a spreadsheet formula get a leading ``'`` (:func:`neutralise_formulas`).
    """
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    if header:
        names = pd.Series([str(c) for c in df.columns], dtype=object)
        names = names if keep_formulas else neutralise_formulas(names)
        # plain column names stay unquoted (source_id,block_index,...)
        plain = all(n.isprintable() and n == n.strip() for n in names)
        csv.writer(buffer, quoting=csv.QUOTE_MINIMAL if plain else csv.QUOTE_ALL, lineterminator="\n").writerow(
            names
        )
    columns = [_csv_column(df[name], keep_formulas) for name in df.columns]
    writer.writerows(zip(*columns))
    return buffer.getvalue().encode("utf-8")


def encode_frame(df: pd.DataFrame, fmt: str, *, keep_formulas: bool = False) -> Encoded:
    """Convert a table to the bytes (or Arrow table) appended to an output.

    Parameters
    ----------
    df : DataFrame
        Rows to write.
    fmt : {"csv", "jsonl", "parquet"}
        Output format. CSV chunks carry no header (the writer adds it once).
    keep_formulas : bool
        CSV only: leave text cells that start like a spreadsheet formula as
        they are (by default they get a leading ``'``). JSON Lines and
        Parquet are never altered.
    """
    columns = tuple(map(str, df.columns))
    if fmt == "csv":
        payload = csv_bytes(df, keep_formulas=keep_formulas)
    elif fmt == "jsonl":
        payload = (
            df.to_json(orient="records", lines=True, force_ascii=False, double_precision=15).encode("utf-8")
            if len(df)
            else b""
        )
        if payload and not payload.endswith(b"\n"):
            payload += b"\n"
    elif fmt == "parquet":
        import pyarrow as pa

        payload = pa.Table.from_pandas(df, preserve_index=False)
    else:
        raise FramelensError(f"unknown output format {fmt!r} (choose from {', '.join(FORMATS)})")
    return Encoded(columns, len(df), payload, keep_formulas)


class TableWriter:
    """Append encoded chunks to a CSV, JSON Lines or Parquet file (or stdout).

    Parameters
    ----------
    target : str, path or None
        Output file; ``None`` or ``"-"`` writes CSV / JSON Lines to standard
        output.
    fmt : {"csv", "jsonl", "parquet"}
        Output format.
    row_group_rows : int
        Parquet only: chunks are buffered and written as row groups of at
        least this many rows (small row groups make slow Parquet files).
    keep_formulas : bool
        CSV only: do not neutralise cells that start like a spreadsheet
        formula (see :func:`encode_frame`).
    group : AtomicGroup, optional
        Write into this group of temporary files, renamed together by the
        caller; by default the writer renames its own file on :meth:`close`.

    Notes
    -----
    Use as a context manager. Rows go to a temporary file beside ``target``
    (:mod:`framelens.io.outputs`) that replaces ``target`` only when the
    ``with`` block ends without an exception: a run that fails or is
    interrupted leaves the previous file unchanged and no partial file.
    """

    def __init__(
        self,
        target: str | os.PathLike[str] | None,
        fmt: str,
        *,
        row_group_rows: int = 20_000,
        keep_formulas: bool = False,
        group: AtomicGroup | None = None,
    ) -> None:
        if fmt not in FORMATS:
            raise FramelensError(f"unknown output format {fmt!r} (choose from {', '.join(FORMATS)})")
        self.fmt = fmt
        self.target = None if target is None or str(target) == "-" else Path(target)
        if self.target is None and fmt == "parquet":
            raise FramelensError("Parquet output needs a file name (-o FILE.parquet)")
        self.keep_formulas = keep_formulas
        self.rows = 0
        self._columns: tuple[str, ...] | None = None
        self._handle: BinaryIO | None = None
        self._parquet: Any = None
        self._schema: Any = None
        self._pending: list[Any] = []
        self._pending_rows = 0
        self.row_group_rows = row_group_rows
        self._own_group = group is None
        self._group = group if group is not None else AtomicGroup()

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()

    def _fail(self, exc: OSError) -> FramelensError:
        return write_error(self.target or "standard output", exc)

    def _open(self) -> BinaryIO:
        if self.target is None:
            return sys.stdout.buffer
        return self._group.open(self.target)

    def write(self, chunk: Encoded | pd.DataFrame) -> None:
        """Append one chunk (an :class:`Encoded` chunk or a DataFrame)."""
        if isinstance(chunk, pd.DataFrame):
            chunk = encode_frame(chunk, self.fmt, keep_formulas=self.keep_formulas)
        if self._columns is None:
            self._columns = chunk.columns
        elif chunk.columns != self._columns:
            raise FramelensError(
                f"{self.target or 'output'}: a chunk has columns {list(chunk.columns)} "
                f"but the output has {list(self._columns)}"
            )
        if self.fmt == "parquet":
            self._write_parquet(chunk.payload)
        else:
            if self._handle is None:
                self._handle = self._open()
                if self.fmt == "csv":
                    header = csv_bytes(
                        pd.DataFrame(columns=list(chunk.columns)), header=True, keep_formulas=self.keep_formulas
                    )
                    self._write_bytes(header)
            self._write_bytes(chunk.payload)
        self.rows += chunk.rows

    def _write_bytes(self, data: bytes) -> None:
        assert self._handle is not None
        try:
            self._handle.write(data)
            if self.target is None:
                self._handle.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._fail(exc) from exc

    def _write_parquet(self, table: Any) -> None:
        import pyarrow.parquet as pq

        if self._parquet is None:
            assert self.target is not None
            self._schema = table.schema
            temp = self._group.temp_path(self.target)
            try:
                self._parquet = pq.ParquetWriter(str(temp), self._schema)
            except OSError as exc:
                raise self._fail(exc) from exc
        elif table.schema != self._schema:
            table = table.cast(self._schema)  # e.g. an all-null column in one chunk
        if table.num_rows:
            self._pending.append(table)
            self._pending_rows += table.num_rows
            if self._pending_rows >= self.row_group_rows:
                self._flush_parquet()

    def _flush_parquet(self) -> None:
        """Write the buffered chunks as one row group."""
        import pyarrow as pa

        if self._pending:
            try:
                self._parquet.write_table(pa.concat_tables(self._pending))
            except OSError as exc:
                raise self._fail(exc) from exc
            self._pending = []
            self._pending_rows = 0

    def finish(self) -> None:
        """Complete the file (Parquet footer) without putting it in place."""
        if self._parquet is not None:
            self._flush_parquet()
            try:
                self._parquet.close()
            except OSError as exc:
                raise self._fail(exc) from exc
            self._parquet = None
        if self._handle is not None and self.target is None:
            self._write_bytes(b"")
        self._handle = None

    def close(self) -> None:
        """Finish the file and, unless it belongs to a caller's group, rename it into place."""
        try:
            self.finish()
        except BaseException:
            self.abort()
            raise
        if self._own_group:
            self._group.commit()

    def abort(self) -> None:
        """Drop what was written: remove the temporary file; the target is untouched."""
        if self._parquet is not None:
            try:
                self._parquet.close()
            except Exception:  # noqa: BLE001 - the file is thrown away anyway
                pass
            self._parquet = None
        self._handle = None
        self._pending = []
        if self._own_group:
            self._group.discard()


# ---------------------------------------------------------------------------
# Chunked, parallel scoring
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreTask:
    """What to do with every chunk: score, explain, drop text, encode.

    Sent to worker processes, so every field must be picklable (module-level
    functions are).
    """

    fmt: str | None = "csv"  # None: return DataFrames, not encoded chunks
    explain: bool = False
    include_text: bool = True
    scorer: Scorer | None = None
    explainer: Explainer | None = None
    keep_formulas: bool = False


@dataclass(frozen=True)
class ChunkResult:
    """One scored chunk: its row count, scores and (optionally) evidence."""

    rows: int
    scores: Any  # Encoded, or DataFrame when task.fmt is None
    evidence: Any = None


def run_task(task: ScoreTask, blocks: pd.DataFrame) -> ChunkResult:
    """Score one chunk of blocks as ``task`` says (runs in a worker process)."""
    scored, evidence = score_blocks(
        blocks, explain=task.explain, scorer=task.scorer, explainer=task.explainer
    )
    if not task.include_text:
        scored = scored.drop(columns=["text"], errors="ignore")
    if task.fmt is None:
        return ChunkResult(len(scored), scored, evidence)
    return ChunkResult(
        len(scored),
        encode_frame(scored, task.fmt, keep_formulas=task.keep_formulas),
        None if evidence is None else encode_frame(evidence, task.fmt, keep_formulas=task.keep_formulas),
    )


def rebatch(frames: Iterable[pd.DataFrame], rows: int) -> Iterator[pd.DataFrame]:
    """Join consecutive small tables into chunks of about ``rows`` rows.

    Whole articles arrive one small table each; joining them amortises the
    cost of sending work to another process. Tables already that large pass
    through unchanged; order is kept.
    """
    buffer: list[pd.DataFrame] = []
    count = 0
    for frame in frames:
        if len(frame) == 0:
            continue
        if len(frame) > rows:
            # a very long article: score it in slices, so that scores (and
            # their evidence) for one slice at a time are held in memory
            if buffer:
                yield pd.concat(buffer, ignore_index=True)
                buffer, count = [], 0
            for start in range(0, len(frame), rows):
                yield frame.iloc[start : start + rows].reset_index(drop=True)
            continue
        if not buffer and len(frame) == rows:
            yield frame
            continue
        buffer.append(frame)
        count += len(frame)
        if count >= rows:
            yield pd.concat(buffer, ignore_index=True)
            buffer, count = [], 0
    if buffer:
        yield pd.concat(buffer, ignore_index=True)


#: Seconds between checks, in a worker, that the main process still runs.
WATCHDOG_INTERVAL = 0.5


def _die_with(parent: int) -> None:
    """Make this worker process end when the process ``parent`` ends.

    On Linux the kernel sends ``SIGKILL`` when the worker's parent dies
    (``prctl(PR_SET_PDEATHSIG)``). As a fallback (other systems, or a parent
    that is not the process that started the pool) a daemon thread checks
    every :data:`WATCHDOG_INTERVAL` seconds that ``parent`` is still this
    process's parent, and exits at once when it is not.
    """
    import threading
    import time

    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            PR_SET_PDEATHSIG = 1
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no prctl
            pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(WATCHDOG_INTERVAL)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="framelens-parent-watchdog", daemon=True).start()


def _init_worker(parent: int) -> None:
    """Worker set-up: leave Ctrl-C to the main process, which stops the pool
    cleanly, and die with the main process if it is killed."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with(parent)


def _warm_up(task: ScoreTask) -> None:
    """Load the scorer (lexicon, VADER) in the parent so forked workers start ready."""
    if task.scorer is None:
        from framelens.scores.scoring import score_paragraphs

        score_paragraphs(["Warm-up paragraph."])


def score_chunks(
    chunks: Iterable[pd.DataFrame],
    task: ScoreTask,
    *,
    jobs: int = 1,
    max_pending: int | None = None,
) -> Iterator[ChunkResult]:
    """Score chunks of blocks in order, with ``jobs`` worker processes.

    Parameters
    ----------
    chunks : iterable of DataFrame
        Block tables, consumed lazily.
    task : ScoreTask
        What to do with each chunk.
    jobs : int
        Worker processes; ``1`` scores in this process.
    max_pending : int, optional
        Chunks submitted but not yet written (default ``2 * jobs``); this
        bounds memory use.

    Yields
    ------
    ChunkResult
        One per non-empty chunk, in input order.
    """
    if jobs < 1:
        raise FramelensError(f"--jobs must be at least 1 (got {jobs})")
    if jobs == 1:
        for chunk in chunks:
            if len(chunk):
                yield run_task(task, chunk)
        return
    from concurrent.futures import ProcessPoolExecutor  # only when there are workers

    _warm_up(task)
    limit = max_pending or 2 * jobs
    pending: deque[Future[ChunkResult]] = deque()
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_init_worker, initargs=(os.getpid(),)
    ) as pool:
        try:
            for chunk in chunks:
                if not len(chunk):
                    continue
                pending.append(pool.submit(run_task, task, chunk))
                if len(pending) >= limit:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


@dataclass
class ScoreSummary:
    """What a :func:`score_files` run did."""

    paragraphs: int = 0
    evidence_rows: int = 0
    outputs: list[str] = field(default_factory=list)


def progress_bar(enabled: bool) -> Any:
    """A tqdm bar counting paragraphs on standard error (a no-op when not ``enabled``)."""
    from tqdm.std import tqdm  # a text bar; tqdm.auto would also import asyncio and notebook support

    return tqdm(
        total=None,
        unit=" paragraphs",
        desc="framelens: scoring",
        file=sys.stderr,
        disable=not enabled,
        dynamic_ncols=True,
        leave=False,
    )


def evidence_path(out: str | os.PathLike[str], fmt: str) -> Path:
    """Default evidence file beside ``out``: ``scores.csv`` -> ``scores.evidence.csv``."""
    path = Path(out)
    suffix = FORMATS[fmt][0]
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return path.with_name(f"{stem}.evidence{suffix}")


def _check_not_an_input(paths: list[Any], outputs: list[Any]) -> None:
    """Refuse to overwrite an input file with the output."""
    targets = {Path(o).resolve() for o in outputs if o is not None and str(o) != "-" and Path(o).exists()}
    if not targets:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        inputs = {p.resolve() for p in find_inputs(paths)}
    clash = targets & inputs
    if clash:
        raise FramelensError(f"{sorted(clash)[0]}: the output file is also an input; choose another -o")


def score_files(
    paths: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str] | None = None,
    *,
    fmt: str | None = None,
    explain_out: str | os.PathLike[str] | None = None,
    jobs: int = 1,
    chunk_rows: int = 500,
    include_text: bool = True,
    progress: bool = False,
    text_column: str = "text",
    id_column: str | None = None,
    source_column: str | None = None,
    manifest: str | os.PathLike[str] | None = None,
    skip_empty: bool = False,
    scorer: Scorer | None = None,
    explainer: Explainer | None = None,
    keep_formulas: bool = False,
    allow_outside: bool = False,
) -> ScoreSummary:
    """Score files, folders and patterns and write one row per block.

    Parameters
    ----------
    paths : iterable of str or path
        Inputs, as for :func:`framelens.io.readers.read_inputs`.
    out : str or path, optional
        Output file; ``None`` or ``"-"`` writes to standard output.
    fmt : {"csv", "jsonl", "parquet"}, optional
        Output format; by default taken from ``out``'s suffix, else CSV.
    explain_out : str or path, optional
        Also write every evidence span to this file (same format).
    jobs : int
        Worker processes.
    chunk_rows : int
        Blocks per chunk sent to a worker and appended to the output.
    include_text : bool
        Keep the block text in the output.
    progress : bool
        Show a progress bar on standard error.
    text_column, id_column, source_column, manifest, skip_empty, allow_outside
        Passed to :func:`framelens.io.readers.iter_blocks`.
    scorer, explainer : callable, optional
        Replace the default scoring functions (see :func:`score_blocks`).
    keep_formulas : bool
        CSV only: leave cells that start like a spreadsheet formula as they
        are (by default they get a leading ``'``).

    Returns
    -------
    ScoreSummary
        Paragraphs and evidence rows written, and the output files.

    Raises
    ------
    FramelensError
        For unreadable inputs (naming the input) and unwritable outputs.

    Notes
    -----
    The output files are written to temporary files beside them and renamed
    into place together only when every row is written
    (:mod:`framelens.io.outputs`): a run that fails, is interrupted or runs out
    of disk space leaves the previous files exactly as they were.
    """
    paths = list(paths)
    fmt = fmt or format_from_path(out)
    explain = explain_out is not None
    _check_not_an_input(paths, [out, explain_out])
    if explain and str(explain_out) == "-":
        raise FramelensError("the evidence output needs a file name")
    if explain and out is not None and Path(explain_out).resolve() == Path(out).resolve():
        raise FramelensError(f"{explain_out}: the evidence file must differ from the score file")
    for target in (out, explain_out):
        if target is not None and str(target) != "-":
            check_output_folder(target)
    task = ScoreTask(
        fmt=fmt,
        explain=explain,
        include_text=include_text,
        scorer=scorer,
        explainer=explainer,
        keep_formulas=keep_formulas,
    )
    blocks = iter_blocks(
        paths,
        text_column=text_column,
        id_column=id_column,
        source_column=source_column,
        manifest=manifest,
        skip_empty=skip_empty,
        chunk_rows=chunk_rows,
        allow_outside=allow_outside,
    )
    summary = ScoreSummary()
    bar = progress_bar(progress)
    group = AtomicGroup()
    writer = TableWriter(out, fmt, keep_formulas=keep_formulas, group=group)
    evidence_writer = (
        TableWriter(explain_out, fmt, keep_formulas=keep_formulas, group=group) if explain else None
    )
    try:
        for result in score_chunks(rebatch(blocks, chunk_rows), task, jobs=jobs):
            writer.write(result.scores)
            if evidence_writer is not None and result.evidence is not None and result.evidence.rows:
                evidence_writer.write(result.evidence)
            bar.update(result.rows)
        if writer.rows == 0:
            raise FramelensError(f"{', '.join(map(str, paths))}: no text found in the inputs")
        writer.finish()
        if evidence_writer is not None:
            evidence_writer.finish()
        group.commit()
    except BaseException:
        writer.abort()
        if evidence_writer is not None:
            evidence_writer.abort()
        group.discard()
        raise
    finally:
        bar.close()
    summary.paragraphs = writer.rows
    summary.evidence_rows = evidence_writer.rows if evidence_writer is not None else 0
    summary.outputs = [str(out or "-")] + ([str(explain_out)] if explain else [])
    return summary


# ---------------------------------------------------------------------------
# Dask
# ---------------------------------------------------------------------------


def dask_meta(frame: pd.DataFrame, text_column: str = "text") -> pd.DataFrame:
    """The empty result of ``score_frame`` for a frame like ``frame``.

    Pass it as ``meta=`` to :meth:`dask.dataframe.DataFrame.map_partitions`
    so Dask knows the output columns without scoring sample text.

    Parameters
    ----------
    frame : DataFrame
        A pandas frame with the input columns, e.g. ``ddf._meta`` or
        ``ddf.head(0)``; only its columns and dtypes are used.
    text_column : str
        Column holding the text.
    """
    from framelens.scores.scoring import score_frame

    return score_frame(frame.iloc[:0], text_column=text_column)


def score_dask(ddf: dd.DataFrame, text_column: str = "text") -> dd.DataFrame:
    """Score a Dask DataFrame partition by partition (lazily).

    Equivalent to ``ddf.map_partitions(framelens.score_frame,
    text_column=text_column, meta=dask_meta(ddf._meta, text_column))``.

    Examples
    --------
    >>> import dask.dataframe as dd                                  # doctest: +SKIP
    >>> ddf = dd.read_parquet("paragraphs/*.parquet")                 # doctest: +SKIP
    >>> score_dask(ddf).to_parquet("scores/")                         # doctest: +SKIP
    """
    from framelens.scores.scoring import score_frame

    return ddf.map_partitions(
        score_frame, text_column=text_column, meta=dask_meta(ddf._meta, text_column)
    )

