"""Read the inputs a user actually has into blocks of text.

framelens scores *blocks* (paragraphs, headings, titles) with the columns of
:func:`framelens.io.corpus.load_corpus`. This module turns a mix of files,
folders and glob patterns into those blocks, one reader per kind of file:

- ``.txt``, ``.md`` — the article itself, split by
  :func:`framelens.io.corpus.blocks_from_text`;
- ``.html``, ``.htm`` — a saved web page: the article body is extracted
  offline with trafilatura (navigation, adverts and footers are left out),
  then split like a text file. ``start`` and ``end`` refer to the *extracted*
  text (its paragraphs joined by blank lines, the page title first), not to
  the HTML source;
- ``.csv`` — one paragraph per row, in the column named by ``text_column``;
- ``.jsonl``, ``.ndjson`` — one JSON object per line, the paragraph in the
  field ``text_column``.

Every file read in full is one source whose ``source_id`` is the file stem,
unless a manifest (``sources.csv`` with columns ``source_id, file`` and
optionally ``title``) names it. Rows of a table file belong to the source in
``source_column`` when given, else to the file stem; they are all of kind
``"body"``, with ``start = 0`` and ``end = len(text)``. ``id_column`` adds an
``id`` column so that scores can be joined back to the user's own table.

Nothing is dropped silently: a row with empty text is an error naming the
row (CSV data rows are numbered from 1 after the header, JSON Lines by line),
unless ``skip_empty=True``, which drops such rows and warns how many.
Every problem raises :class:`framelens.errors.CorpusError` naming the file.
"""

from __future__ import annotations

import csv
import glob
import json
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

import pandas as pd

from framelens.io import corpus
from framelens.io.corpus import BLOCK_COLUMNS, MANIFEST_NAME
from framelens.errors import CorpusError, CorpusWarning

__all__ = [
    "BLOCK_COLUMNS",
    "DOCUMENT_SUFFIXES",
    "TABLE_SUFFIXES",
    "SUPPORTED_SUFFIXES",
    "find_inputs",
    "iter_blocks",
    "read_document",
    "iter_table",
    "read_inputs",
]


#: Whole-article formats, suffix -> reader kind.
DOCUMENT_SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
}

#: One-paragraph-per-row formats, suffix -> reader kind.
TABLE_SUFFIXES: dict[str, str] = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(DOCUMENT_SUFFIXES) + tuple(TABLE_SUFFIXES)

_GLOB_CHARS = frozenset("*?[")

PathArg = str | PathLike[str]


@dataclass(frozen=True)
class _Entry:
    """What a manifest says about one file."""

    source_id: str
    title: str | None


# ---------------------------------------------------------------------------
# Finding files
# ---------------------------------------------------------------------------


def _supported_list() -> str:
    return ", ".join(SUPPORTED_SUFFIXES)


def _walk(directory: Path, skipped: list[Path]) -> list[Path]:
    """Supported files under ``directory`` (recursive, sorted, hidden skipped)."""
    found = []
    for path in sorted(directory.rglob("*")):
        rel = path.relative_to(directory)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if path.name == MANIFEST_NAME:
            continue
        if path.suffix.lower() in SUPPORTED_SUFFIXES:
            found.append(path)
        else:
            skipped.append(path)
    return found


def find_inputs(paths: Iterable[PathArg]) -> list[Path]:
    """Expand files, folders and glob patterns into a list of input files.

    Parameters
    ----------
    paths : iterable of str or path
        Files are taken as given; folders are walked recursively (hidden files
        and ``sources.csv`` manifests are left out); strings containing ``*``,
        ``?`` or ``[`` that are not existing paths are expanded as glob
        patterns (``**`` matches folders recursively).

    Returns
    -------
    list of Path
        Each file once, in the order given (folders and patterns sorted).

    Raises
    ------
    CorpusError
        If a path does not exist, a pattern matches nothing, a file named
        explicitly has an unsupported extension, or no input file is found.

    Warns
    -----
    UserWarning
        When a folder holds files of unsupported types, which are skipped.
    """
    files: list[Path] = []
    seen: set[Path] = set()
    given = [Path(p) if not isinstance(p, str) else p for p in paths]
    if not given:
        raise CorpusError("no input given: name at least one file, folder or pattern")
    for item in given:
        text = str(item)
        path = Path(item)
        skipped: list[Path] = []
        if path.is_dir():
            candidates = _walk(path, skipped)
            if not candidates:
                raise CorpusError(
                    f"{text}: folder has no readable files (framelens reads {_supported_list()})"
                )
        elif path.is_file():
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                raise CorpusError(
                    f"{text}: unsupported file type {path.suffix or '(no extension)'!r}; "
                    f"framelens reads {_supported_list()}"
                )
            candidates = [path]
        elif _GLOB_CHARS & set(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise CorpusError(f"{text}: no files match this pattern")
            candidates = []
            for match in map(Path, matches):
                if match.is_dir():
                    candidates.extend(_walk(match, skipped))
                elif match.suffix.lower() in SUPPORTED_SUFFIXES and match.name != MANIFEST_NAME:
                    candidates.append(match)
                elif match.is_file() and match.name != MANIFEST_NAME:
                    skipped.append(match)
            if not candidates:
                raise CorpusError(
                    f"{text}: pattern matches no readable files "
                    f"(framelens reads {_supported_list()})"
                )
        else:
            raise CorpusError(f"{text}: no such file or folder")
        if skipped:
            kinds = sorted({p.suffix.lower() or "(no extension)" for p in skipped})
            warnings.warn(
                f"{text}: skipped {len(skipped)} file(s) of unsupported type "
                f"({', '.join(kinds)})",
                UserWarning,
                stacklevel=2,
            )
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                files.append(candidate)
    return files


# ---------------------------------------------------------------------------
# Manifest
# ---------------------------------------------------------------------------


def _read_manifest(
    path: Path, roots: Sequence[Path] = (), allow_outside: bool = False
) -> dict[Path, _Entry]:
    """Map resolved file paths to manifest entries (``file`` relative to the manifest).

    Paths are resolved, and every row checked, as :func:`framelens.load_corpus`
    does it (:func:`framelens.io.corpus.manifest_rows`), so a manifest written on
    Windows (``raw\\a.txt``) names the same files and a row naming a missing
    file or one outside the corpus folders is an error.
    """
    return {
        corpus.resolved_path(file): _Entry(source_id, title or None)
        for source_id, file, title in corpus.manifest_rows(path, roots=roots, allow_outside=allow_outside)
    }


def _discover_manifests(paths: Iterable[PathArg], files: Sequence[Path]) -> list[Path]:
    """``sources.csv`` beside the inputs, or one folder up (``data/raw`` -> ``data``).

    Looked for in each folder given and in the folder of each file found;
    in each place the nearer manifest wins.
    """
    folders: list[Path] = []
    for item in paths:
        if Path(item).is_dir():
            folders.append(Path(item))
    folders.extend(f.parent for f in files)
    found = (corpus.find_manifest(folder) for folder in dict.fromkeys(folders))
    return list(dict.fromkeys(m for m in found if m is not None))


def _input_roots(paths: Sequence[PathArg]) -> list[Path]:
    """The folders being read: folders given, and the folders of files given."""
    roots = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            roots.append(path)
        elif path.is_file():
            roots.append(path.parent)
    return roots


def _manifest_entries(
    paths: Sequence[PathArg],
    manifest: PathArg | None,
    files: Sequence[Path],
    allow_outside: bool = False,
) -> dict[Path, _Entry]:
    """Manifest entries (source ids, titles) of the inputs, every manifest used checked."""
    roots = _input_roots(paths)
    if manifest is not None:
        manifest_path = Path(manifest).expanduser()
        if not manifest_path.is_file():
            raise CorpusError(f"manifest {manifest_path} not found")
        return _read_manifest(manifest_path, roots, allow_outside)
    wanted = {f.resolve() for f in files}
    entries: dict[Path, _Entry] = {}
    for candidate in _discover_manifests(paths, files):
        # a malformed manifest is an error, as in load_corpus
        found = _read_manifest(candidate, roots, allow_outside)
        # a manifest found on its own is used only if it describes these files
        if wanted & set(found):
            entries.update(found)
    return entries


def _folder_manifest(folder: Path, manifest: PathArg | None) -> tuple[Path | None, Path | None]:
    """The manifest :func:`framelens.load_corpus` would use for ``folder``, and
    the folder its rows are limited to (for a manifest one folder up)."""
    if manifest is not None:
        return Path(manifest).expanduser(), None
    if (folder / MANIFEST_NAME).is_file():
        return folder / MANIFEST_NAME, None
    if (folder.parent / MANIFEST_NAME).is_file():
        return folder.parent / MANIFEST_NAME, folder
    return None, None


def _ordered_files(paths: Sequence[PathArg], manifest: PathArg | None, allow_outside: bool) -> list[Path]:
    """The files to read, in the order and with the extent :func:`framelens.load_corpus` uses.

    A folder described by a manifest (given, in the folder, or one folder up
    with rows for this folder) is read as the manifest says: its rows, in
    manifest order (a row may name a file elsewhere when ``allow_outside``),
    and nothing else — files found in the folder that it does not list are
    skipped with a warning naming them. Other inputs are read as found.
    """
    roots = _input_roots(paths)
    out: list[Path] = []
    seen: set[Path] = set()
    unlisted: list[Path] = []

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            out.append(path)

    for item in paths:
        path = Path(item)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # already reported by find_inputs
            found = find_inputs([item])
        listed: list[Path] | None = None
        if path.is_dir():
            manifest_path, within = _folder_manifest(path, manifest)
            if manifest_path is not None:
                rows = corpus.manifest_rows(manifest_path, roots=roots, allow_outside=allow_outside)
                listed = [
                    file
                    for _, file, _ in rows
                    if within is None or corpus.resolved_path(file).is_relative_to(corpus.resolved_path(within))
                ]
                if within is not None and not listed:
                    listed = None  # a manifest one folder up that does not describe this folder
        if listed is None:
            for file in found:
                add(file)
            continue
        keys = {file.resolve() for file in listed}
        unlisted.extend(file for file in found if file.resolve() not in keys)
        for file in listed:
            add(file)
    named = {Path(p).resolve() for p in paths if Path(p).is_file()}
    unlisted = [f for f in unlisted if f.resolve() not in named and f.resolve() not in seen]
    if unlisted:
        names = ", ".join(str(p) for p in unlisted[:5]) + (" ..." if len(unlisted) > 5 else "")
        warnings.warn(
            CorpusWarning(f"{len(unlisted)} file(s) not listed in the manifest are not read: {names}"),
            stacklevel=3,
        )
    return out


# ---------------------------------------------------------------------------
# Whole documents: text, Markdown, HTML
# ---------------------------------------------------------------------------


def _extract_html(path: Path, data: bytes) -> tuple[str, str | None]:
    """The article text of a saved page (paragraphs joined by blank lines) and its title."""
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise CorpusError(
            f"{path}: reading HTML needs the trafilatura package and its dependencies "
            f"({exc})"
        ) from exc
    document = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        output_format="python",
    )
    body = getattr(document, "text", None) or ""
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    if not paragraphs:
        raise CorpusError(
            f"{path}: no article text found in this HTML page "
            "(the extractor kept nothing; is it a saved article page?)"
        )
    title = (getattr(document, "title", None) or "").strip() or None
    if title and paragraphs[0] != title:
        paragraphs.insert(0, title)
    return "\n\n".join(paragraphs), title


def read_document(path: PathArg, *, source_id: str | None = None, title: str | None = None) -> pd.DataFrame:
    """Read one text, Markdown or HTML article into blocks.

    Parameters
    ----------
    path : str or path
        A ``.txt``, ``.md`` or ``.html``/``.htm`` file.
    source_id : str, optional
        Defaults to the file stem.
    title : str, optional
        The article title, if known (HTML pages supply their own).

    Returns
    -------
    DataFrame
        Block columns (:data:`BLOCK_COLUMNS`).

    Raises
    ------
    CorpusError
        If the file cannot be read or decoded, holds no text, or (HTML) no
        article body can be extracted.
    """
    path = Path(path)
    kind = DOCUMENT_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise CorpusError(f"{path}: not a text, Markdown or HTML file")
    data = corpus.read_file_bytes(path)
    if not data.strip():
        raise CorpusError(f"{path}: file is empty")
    if kind == "html":
        text, page_title = _extract_html(path, data)
        title = title or page_title
    else:
        text = corpus.decode_bytes(data, str(path))
    blocks = corpus.blocks_from_text(
        text, source_id or path.stem, file=str(path), title=title
    )
    if len(blocks) == 0:
        raise CorpusError(f"{path}: no text found")
    return blocks.reset_index(drop=True)


# ---------------------------------------------------------------------------
# Tables: CSV and JSON Lines
# ---------------------------------------------------------------------------


def _missing_column(path: Path, option: str, name: str, columns: Iterable[object]) -> CorpusError:
    have = ", ".join(repr(str(c)) for c in columns) or "none"
    return CorpusError(
        f"{path}: no column {name!r} (set {option}); the file has columns: {have}"
    )


def _csv_header(path: Path) -> list[str]:
    _allow_long_fields()
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return next(csv.reader(handle), [])
    except (csv.Error, UnicodeDecodeError, OSError) as exc:
        raise _csv_error(path, exc) from exc


def _csv_error(path: Path, exc: BaseException) -> CorpusError:
    if isinstance(exc, UnicodeDecodeError):
        return CorpusError(f"{path}: not valid UTF-8 text ({exc.reason} at byte {exc.start})")
    if isinstance(exc, OSError):
        return CorpusError(f"{path}: cannot read file: {exc.strerror or exc}")
    return CorpusError(f"{path}: malformed CSV: {exc}")


def _allow_long_fields() -> None:
    """Let the csv module read paragraphs longer than its default 128 KiB limit."""
    limit = 2**31 - 1
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


def _raw_csv_chunks(
    path: Path, header: list[str], wanted: list[str], chunk_rows: int
) -> Iterator[tuple[dict[str, list[object]], list[int]]]:
    """CSV rows in chunks: (column -> values, data row numbers).

    Every row must have as many fields as the header: a row with more (text
    with an unquoted comma) or fewer is an error naming the file, the line
    and the row, never cut or padded. Blank lines are skipped.
    """
    _allow_long_fields()
    positions = [header.index(name) for name in wanted]
    width = len(header)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise _csv_error(path, exc) from exc
    with handle:
        reader = csv.reader(handle)
        values: dict[str, list[object]] = {name: [] for name in wanted}
        numbers: list[int] = []
        row_number = 0
        last_line = 0
        try:
            next(reader, None)  # the header, read by _csv_header
            last_line = reader.line_num
            for row in reader:
                first_line, last_line = last_line + 1, reader.line_num
                if not row:
                    continue
                row_number += 1
                if len(row) != width:
                    where = f"line {first_line}" if first_line == last_line else f"lines {first_line}-{last_line}"
                    hint = (
                        "text with a comma must be quoted (\"...\")"
                        if len(row) > width
                        else "a cell is missing"
                    )
                    raise CorpusError(
                        f"{path}: {where} (row {row_number}): {len(row)} field(s) but the header has "
                        f"{width} ({', '.join(header)}); {hint}"
                    )
                for name, position in zip(wanted, positions):
                    values[name].append(row[position])
                numbers.append(row_number)
                if len(numbers) >= chunk_rows:
                    yield values, numbers
                    values = {name: [] for name in wanted}
                    numbers = []
        except CorpusError:
            raise
        except (csv.Error, UnicodeDecodeError, OSError) as exc:
            error = _csv_error(path, exc)
            raise CorpusError(f"{error} (near line {last_line + 1})") from exc
        if numbers:
            yield values, numbers


def _raw_jsonl_chunks(
    path: Path, options: dict[str, str], chunk_rows: int
) -> Iterator[tuple[dict[str, list[object]], list[int]]]:
    """JSON Lines objects in chunks: (field -> values, line numbers)."""
    wanted = list(options)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read file: {exc.strerror or exc}") from exc
    with handle:
        values: dict[str, list[object]] = {name: [] for name in wanted}
        lines: list[int] = []
        any_row = False
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except UnicodeDecodeError as exc:
                raise CorpusError(f"{path}: line {number}: not valid UTF-8 text") from exc
            except json.JSONDecodeError as exc:
                raise CorpusError(
                    f"{path}: line {number}: not valid JSON: {exc.msg} "
                    f"(column {exc.colno}; {path}:{number}:{exc.colno})"
                ) from exc
            if not isinstance(record, dict):
                raise CorpusError(
                    f"{path}: line {number}: expected a JSON object, got {type(record).__name__}"
                )
            for name in wanted:
                if name not in record:
                    raise CorpusError(
                        f"{path}: line {number}: no field {name!r} (set {options[name]}); "
                        f"the line has fields: {', '.join(repr(k) for k in record) or 'none'}"
                    )
                values[name].append(record[name])
            lines.append(number)
            any_row = True
            if len(lines) >= chunk_rows:
                yield values, lines
                values = {name: [] for name in wanted}
                lines = []
        if lines:
            yield values, lines
        if not any_row:
            raise CorpusError(f"{path}: file is empty")


def iter_table(
    path: PathArg,
    *,
    text_column: str = "text",
    id_column: str | None = None,
    source_column: str | None = None,
    source_id: str | None = None,
    skip_empty: bool = False,
    chunk_rows: int = 10_000,
    counters: dict[str, int] | None = None,
) -> Iterator[pd.DataFrame]:
    """Read a CSV or JSON Lines file in chunks of blocks, one row per paragraph.

    Parameters
    ----------
    path : str or path
        A ``.csv``, ``.jsonl`` or ``.ndjson`` file.
    text_column : str
        Column (CSV) or field (JSON Lines) holding the paragraph text.
    id_column : str, optional
        Column copied into an ``id`` column (as text) for joining results back.
    source_column : str, optional
        Column naming the source of each row; defaults to ``source_id``.
    source_id : str, optional
        Source of every row when ``source_column`` is not given; defaults to
        the file stem.
    skip_empty : bool
        Drop rows whose text is empty or missing (and warn how many) instead
        of raising.
    chunk_rows : int
        Rows per yielded chunk; memory use is proportional to it, not to the
        file size.
    counters : dict, optional
        Next ``block_index`` per source, updated in place, so that a source
        spread over several files or chunks keeps counting.

    Yields
    ------
    DataFrame
        Block columns, plus ``id`` when ``id_column`` is given.

    Raises
    ------
    CorpusError
        Naming the file and the row or line for a missing column, empty text,
        malformed JSON or CSV, or an empty file.
    """
    path = Path(path)
    kind = TABLE_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise CorpusError(f"{path}: not a CSV or JSON Lines file")
    if chunk_rows < 1:
        raise ValueError("chunk_rows must be at least 1")
    counters = {} if counters is None else counters
    default_source = source_id or path.stem
    options = {text_column: "--text-column"}
    if id_column:
        options[id_column] = "--id-column"
    if source_column:
        options[source_column] = "--source-column"
    wanted = list(options)
    unit = "line" if kind == "jsonl" else "row"
    skipped = 0

    if kind == "csv":
        header = _csv_header(path)
        if not header:
            raise CorpusError(f"{path}: file is empty")
        for name, option in options.items():
            if name not in header:
                raise _missing_column(path, option, name, header)

        def chunks() -> Iterator[tuple[dict[str, list[object]], list[int]]]:
            any_row = False
            for values, numbers in _raw_csv_chunks(path, header, wanted, chunk_rows):
                any_row = any_row or bool(numbers)
                yield values, numbers
            if not any_row:
                raise CorpusError(f"{path}: file has a header but no rows")

    else:

        def chunks() -> Iterator[tuple[dict[str, list[object]], list[int]]]:
            yield from _raw_jsonl_chunks(path, options, chunk_rows)

    file = str(path)
    for values, numbers in chunks():
        texts = values[text_column]
        keep: list[int] = []
        for i, (value, number) in enumerate(zip(texts, numbers)):
            if value is None or (isinstance(value, str) and not value.strip()):
                if skip_empty:
                    skipped += 1
                    continue
                raise CorpusError(
                    f"{path}: {unit} {number}: empty text in column {text_column!r} "
                    "(remove the row, or pass --skip-empty / skip_empty=True to drop such rows)"
                )
            if not isinstance(value, str):
                raise CorpusError(
                    f"{path}: {unit} {number}: column {text_column!r} holds "
                    f"{type(value).__name__}, not text"
                )
            keep.append(i)
        if not keep:
            continue
        if source_column:
            sources = []
            for i in keep:
                value = values[source_column][i]
                if value is None or not str(value).strip():
                    raise CorpusError(
                        f"{path}: {unit} {numbers[i]}: empty source in column {source_column!r}"
                    )
                sources.append(str(value))
        else:
            sources = [default_source] * len(keep)
        block_index = []
        for source in sources:
            index = counters.get(source, 0)
            block_index.append(index)
            counters[source] = index + 1
        kept_texts = [texts[i] for i in keep]
        frame = {
            "source_id": sources,
            "block_index": block_index,
            "kind": ["body"] * len(keep),
            "section": [""] * len(keep),
            "text": kept_texts,
            "start": [0] * len(keep),
            "end": [len(t) for t in kept_texts],
            "file": [file] * len(keep),
        }
        if id_column:
            frame["id"] = ["" if values[id_column][i] is None else str(values[id_column][i]) for i in keep]
        out = pd.DataFrame(frame)
        out["block_index"] = out["block_index"].astype("int64")
        out["start"] = out["start"].astype("int64")
        out["end"] = out["end"].astype("int64")
        yield out
    if skipped:
        warnings.warn(
            f"{path}: skipped {skipped} {unit}(s) with empty text in column {text_column!r}",
            UserWarning,
            stacklevel=2,
        )


# ---------------------------------------------------------------------------
# Everything together
# ---------------------------------------------------------------------------


def iter_blocks(
    paths: Iterable[PathArg],
    *,
    text_column: str = "text",
    id_column: str | None = None,
    source_column: str | None = None,
    manifest: PathArg | None = None,
    skip_empty: bool = False,
    chunk_rows: int = 10_000,
    allow_outside: bool = False,
) -> Iterator[pd.DataFrame]:
    """Read files, folders and patterns as a stream of block tables.

    Whole documents come one table per file; table files come in chunks of at
    most ``chunk_rows`` rows, so memory stays flat however long the file.
    Parameters are those of :func:`read_inputs`.

    Yields
    ------
    DataFrame
        Block columns (:data:`BLOCK_COLUMNS`), plus ``id`` when
        ``id_column`` is given (empty for rows of whole documents).
    """
    paths = list(paths)
    files = find_inputs(paths)
    entries = _manifest_entries(paths, manifest, files, allow_outside)
    files = _ordered_files(paths, manifest, allow_outside)
    counters: dict[str, int] = {}
    documents: dict[str, Path] = {}

    for path in files:
        entry = entries.get(path.resolve())
        source_id = entry.source_id if entry else path.stem
        if path.suffix.lower() in DOCUMENT_SUFFIXES:
            other = documents.get(source_id)
            if other is not None or source_id in counters:
                raise CorpusError(
                    f"{path}: source id {source_id!r} is already used by "
                    f"{other or 'an earlier table file'}; rename a file or give a manifest"
                )
            documents[source_id] = path
            blocks = read_document(path, source_id=source_id, title=entry.title if entry else None)
            if id_column:
                blocks["id"] = ""
            yield blocks
        else:
            for chunk in iter_table(
                path,
                text_column=text_column,
                id_column=id_column,
                source_column=source_column,
                source_id=source_id,
                skip_empty=skip_empty,
                chunk_rows=chunk_rows,
                counters=counters,
            ):
                clash = set(chunk["source_id"].unique()) & set(documents)
                if clash:
                    name = sorted(clash)[0]
                    raise CorpusError(
                        f"{path}: source id {name!r} is already used by {documents[name]}; "
                        "rename a file or give a manifest"
                    )
                yield chunk


def read_inputs(
    paths: Iterable[PathArg] | PathArg,
    *,
    text_column: str = "text",
    id_column: str | None = None,
    source_column: str | None = None,
    manifest: PathArg | None = None,
    skip_empty: bool = False,
    allow_outside: bool = False,
) -> pd.DataFrame:
    """Read files, folders and glob patterns of mixed formats into one block table.

    Parameters
    ----------
    paths : str, path or iterable of them
        Files (``.txt``, ``.md``, ``.html``, ``.htm``, ``.csv``, ``.jsonl``,
        ``.ndjson``), folders (walked recursively) or glob patterns.
    text_column : str
        Column of CSV / JSON Lines inputs that holds the paragraph text.
    id_column : str, optional
        Column of table inputs copied into an ``id`` column.
    source_column : str, optional
        Column of table inputs naming each row's source (default: file stem).
    manifest : str or path, optional
        A ``sources.csv`` with columns ``source_id, file`` (paths relative to
        the manifest) and optionally ``title``. Without one, a
        ``sources.csv`` in a folder given, or in its parent, is used if it
        lists any of the input files; otherwise each file is its own source.
        A manifest that is used is checked as :func:`framelens.load_corpus`
        checks it (malformed, a missing file, a file outside the corpus
        folders: errors), and files found in its folder that it does not
        list are not read (with a warning naming them), as in
        :func:`framelens.load_corpus`; files named one by one are always read.
    skip_empty : bool
        Drop table rows with empty text (with a warning) instead of raising.
    allow_outside : bool
        Accept manifest ``file`` entries that resolve outside the folders
        being read and the manifest's folder.

    Returns
    -------
    DataFrame
        One row per block, with the columns of
        :func:`framelens.io.corpus.load_corpus` (plus ``id`` when
        ``id_column`` is given).

    Raises
    ------
    CorpusError
        Naming the input and what is wrong with it.

    Examples
    --------
    >>> blocks = read_inputs(["articles/", "comments.jsonl"], id_column="id")  # doctest: +SKIP
    """
    if isinstance(paths, (str, PathLike)):
        paths = [paths]
    frames = list(
        iter_blocks(
            paths,
            text_column=text_column,
            id_column=id_column,
            source_column=source_column,
            manifest=manifest,
            skip_empty=skip_empty,
            allow_outside=allow_outside,
        )
    )
    if not frames:
        raise CorpusError(
            f"{', '.join(map(str, paths))}: no text found in the inputs"
        )
    return pd.concat(frames, ignore_index=True)
