"""Build the HTML reports: execute the notebooks on a corpus and export them.

The four notebooks in ``notebooks/`` are the reports. :func:`build_reports`
runs each one in a fresh kernel with papermill, injecting the corpus
directory into the cell tagged ``parameters``, then converts the executed
notebook to one self-contained HTML file (figures are embedded as PNG data,
no script is fetched from the network). The notebooks on disk are never
modified: papermill reads them and writes the executed copy to a temporary
directory.

A build replaces the reports in its output folder as one set: every
notebook is executed and exported into a staging folder inside the output
folder, and only when all of them succeeded are the new files moved over the
old ones. A failed or interrupted build leaves the previous reports as they
were.

The notebooks show their results through a few display helpers, so that
every report looks the same and no article text can inject markup:

* :func:`table` -- a DataFrame with numbers rounded, text HTML-escaped and
  no meaningless index;
* :func:`escape_md` -- a value (source name, quoted phrase) made safe for a
  generated Markdown sentence;
* :func:`interval_table` / :func:`format_interval` -- "0.23 (0.14 to 0.32)"
  cells from :func:`framelens.analysis.compare.summarize_sources`;
* :func:`side_by_side` -- two highlighted paragraphs in columns;
* :func:`try_analysis` -- run an analysis that a small corpus may not
  support, showing its reason as a note instead of stopping the report.

The notebooks are not part of the installed package: they live in the
repository's ``notebooks/`` folder, next to ``src/``. :func:`build_reports`
finds them there for a source checkout (``pip install -e .``, as ``make``
does); with any other installation pass ``notebooks=`` a folder holding them.

Examples
--------
>>> from framelens.report.build import build_reports
>>> build_reports("my_articles", "my_reports")          # doctest: +SKIP
[PosixPath('my_reports/01-corpus.html'), ...]
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from framelens.errors import AnalysisError, CorpusError, FramelensError, LexiconError
from framelens.io.outputs import process_running

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from pandas.io.formats.style import Styler

__all__ = [
    "REPORT_NOTEBOOKS",
    "SCORE_CACHE_PARAMETER",
    "scored_corpus",
    "write_score_cache",
    "SHOW_INPUT_TAG",
    "build_reports",
    "default_notebook_dir",
    "escape_md",
    "export_html",
    "format_interval",
    "interval_table",
    "side_by_side",
    "table",
    "try_analysis",
]

#: The report notebooks, in reading order (file names inside ``notebooks/``).
REPORT_NOTEBOOKS: tuple[str, ...] = (
    "01-corpus.ipynb",
    "02-paragraph-scores.ipynb",
    "03-framing-comparison.ipynb",
    "04-validation.ipynb",
)

#: Cells carrying this tag keep their code visible when inputs are hidden.
SHOW_INPUT_TAG = "show-input"

#: Kernel the notebooks are executed with (the environment's own ipykernel).
KERNEL_NAME = "python3"

#: Name prefix of the staging folder a build writes into, inside ``out``.
STAGING_PREFIX = ".framelens-staging-"

#: File in ``out`` listing the files of the last report set, by notebook.
SET_MANIFEST = ".framelens-reports.json"

_TEMPLATE_DIR = Path(__file__).with_name("templates")
_TEMPLATE_FILE = "framelens-report.html.j2"

# Errors raised inside a notebook that are the user's input at fault: they are
# re-raised here with the same class so the command line prints one clean line.
_INPUT_ERRORS: dict[str, type[FramelensError]] = {
    "CorpusError": CorpusError,
    "LexiconError": LexiconError,
    "AnalysisError": AnalysisError,
    "FramelensError": FramelensError,
}


def default_notebook_dir() -> Path:
    """Return the ``notebooks/`` directory of the framelens source checkout.

    The notebooks live next to ``src/`` in the repository, so this works for
    a source checkout installed with ``pip install -e .`` (what ``make``
    does). A wheel installed from an index does not carry them: pass
    ``notebooks=`` to :func:`build_reports` in that case.

    Raises
    ------
    FramelensError
        If the directory is not there.
    """
    here = Path(__file__).resolve()
    candidate = here.parents[3] / "notebooks" if len(here.parents) > 3 else None
    if candidate is None or not (candidate / REPORT_NOTEBOOKS[0]).is_file():
        raise FramelensError(
            "the report notebooks were not found next to the framelens package "
            f"(looked in {candidate}); build_reports needs a source checkout "
            "installed with `pip install -e .`, or pass notebooks=DIR naming a "
            "folder that holds 01-corpus.ipynb ... 04-validation.ipynb"
        )
    return candidate


#: What ``notebooks=`` accepts: a folder, one notebook, or several.
NotebookArg: TypeAlias = "str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None"


def _resolve_notebooks(notebooks: NotebookArg) -> list[Path]:
    """Turn the ``notebooks`` argument of :func:`build_reports` into paths."""
    if notebooks is None:
        base = default_notebook_dir()
        return [base / name for name in REPORT_NOTEBOOKS]
    if isinstance(notebooks, (str, os.PathLike)) and Path(notebooks).is_dir():
        base = Path(notebooks)
        found = [base / name for name in REPORT_NOTEBOOKS if (base / name).is_file()]
        if not found:
            found = sorted(base.glob("[0-9]*.ipynb"))
        if not found:
            raise FramelensError(f"no report notebooks (NN-*.ipynb) in {base}")
        return found
    if isinstance(notebooks, (str, os.PathLike)):
        notebooks = [notebooks]
    paths: list[Path] = []
    for item in notebooks:
        path = Path(item)
        if not path.is_file() and not path.is_absolute() and len(path.parts) == 1:
            path = _find_by_name(str(item))
        if not path.is_file():
            raise FramelensError(f"notebook {item!s} does not exist")
        if path.suffix != ".ipynb":
            raise FramelensError(f"notebook {item!s} is not an .ipynb file")
        paths.append(path)
    if not paths:
        raise FramelensError("notebooks= names no notebook")
    return paths


def _find_by_name(name: str) -> Path:
    """A report notebook from its file name, stem or number ("03")."""
    base = default_notebook_dir()
    matches = [
        base / nb
        for nb in REPORT_NOTEBOOKS
        if name in (nb, nb.removesuffix(".ipynb")) or nb.startswith(f"{name}-")
    ]
    if len(matches) != 1:
        raise FramelensError(
            f"notebook {name!r} is not one of the reports; choose from "
            f"{', '.join(nb.removesuffix('.ipynb') for nb in REPORT_NOTEBOOKS)} "
            "(or a number such as 03)"
        )
    return matches[0]


def _check_corpus(corpus: str | os.PathLike[str], allow_outside: bool = False) -> tuple[Path, pd.DataFrame]:
    """Fail early, before any kernel starts, if the corpus cannot be read."""
    path = Path(corpus).expanduser()
    if not path.exists():
        raise CorpusError(f"corpus directory {path} does not exist")
    if path.is_dir() and not any(p.is_file() for p in path.iterdir()):
        raise CorpusError(f"corpus directory {path} holds no files")
    # Reading the corpus once here turns a decoding or manifest problem into a
    # one-line CorpusError instead of a traceback inside the first notebook.
    from framelens.io.corpus import load_corpus

    # read from the resolved path, as every notebook will (the file column says so)
    blocks = load_corpus(path.resolve(), allow_outside=allow_outside)
    if len(blocks) == 0:
        raise CorpusError(f"corpus {path} contains no text")
    return path.resolve(), blocks


#: Notebook parameter through which :func:`build_reports` hands the notebooks
#: the corpus scored once (a folder written by :func:`write_score_cache`).
SCORE_CACHE_PARAMETER = "scored_cache"

_SCORE_CACHE_FILES = ("scores.parquet", "evidence.parquet")


def write_score_cache(blocks: pd.DataFrame, folder: str | os.PathLike[str]) -> Path | None:
    """Score a blocks table once and keep scores and evidence as Parquet files.

    Parameters
    ----------
    blocks : DataFrame
        A blocks table (:func:`framelens.load_corpus`).
    folder : path
        Folder to create for the two files.

    Returns
    -------
    Path or None
        ``folder``; ``None`` when pyarrow is not installed (each notebook then
        scores the corpus itself, with the same result).
    """
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return None
    from framelens.scores.scoring import score_frame_with_evidence

    folder = Path(folder)
    folder.mkdir(parents=True)
    scored, evidence = score_frame_with_evidence(blocks)
    for frame, name in zip((scored, evidence), _SCORE_CACHE_FILES, strict=True):
        frame.to_parquet(folder / name, index=False)
    return folder


def scored_corpus(
    blocks: pd.DataFrame, cache: str | os.PathLike[str] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Scores and evidence of a blocks table, from a build's cache when there is one.

    Parameters
    ----------
    blocks : DataFrame
        The blocks table the notebook read.
    cache : path, optional
        A folder written by :func:`write_score_cache` for the same corpus (the
        report notebooks receive it as the parameter ``scored_cache``);
        ``None`` scores ``blocks`` here.

    Returns
    -------
    (DataFrame, DataFrame)
        As :func:`framelens.score_frame_with_evidence` returns them; the
        values are the same either way (Parquet keeps every float exactly).

    Raises
    ------
    FramelensError
        The cache does not hold the blocks given (another corpus).
    """
    if cache is None:
        from framelens.scores.scoring import score_frame_with_evidence

        return score_frame_with_evidence(blocks)
    import pandas as pd

    scored, evidence = (pd.read_parquet(Path(cache) / name) for name in _SCORE_CACHE_FILES)
    keys = ["source_id", "block_index", "file", "text"]
    if len(scored) != len(blocks) or not scored[keys].reset_index(drop=True).equals(
        blocks[keys].reset_index(drop=True)
    ):
        raise FramelensError(f"{cache}: the scores cached there are not those of this corpus")
    scored.index = blocks.index
    return scored, evidence


def _declared_parameters(path: Path) -> set[str]:
    import papermill

    return set(papermill.inspect_notebook(str(path)))


@contextmanager
def _kernel_environment() -> Iterator[None]:
    """Environment the notebook kernels inherit, restored afterwards.

    ``PYTHONHASHSEED`` fixes the order of string sets so rebuilding gives
    identical output; ``MPLBACKEND`` is removed so the kernel uses the inline
    backend (a non-interactive ``Agg`` set for batch jobs would hide every
    figure).
    """
    saved = {k: os.environ.get(k) for k in ("PYTHONHASHSEED", "MPLBACKEND")}
    os.environ["PYTHONHASHSEED"] = saved["PYTHONHASHSEED"] or "0"
    os.environ.pop("MPLBACKEND", None)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


# "path/to/file.py:12: UserWarning: message" -- the first line Python's
# warnings module prints; the indented source line that follows is dropped.
_WARNING_LINE = re.compile(
    r"^(?P<path>[^\n]*?):(?P<line>\d+): (?P<category>[A-Za-z_][\w.]*Warning): "
    r"(?P<message>.*)$"
)
# An absolute path inside a message: shown by its last component only.
_ABSOLUTE_PATH = re.compile(r"(?<![\w.])(?:[A-Za-z]:)?[/\\](?:[^\s/\\:'\"]+[/\\])+(?P<name>[^\s/\\:'\"]*)")


def warning_notes(text: str) -> tuple[list[str], str]:
    """Split text written to standard error into warning messages and the rest.

    Parameters
    ----------
    text : str
        What a notebook cell wrote to standard error.

    Returns
    -------
    notes : list of str
        The message of every Python warning in ``text``, without the file
        and line it was raised at, without the quoted source line, and with
        absolute paths shortened to their last component; each once.
    rest : str
        The lines that are not part of a warning.

    Examples
    --------
    >>> warning_notes("/tmp/ipykernel_1/2.py:3: UserWarning: few paragraphs\\n  warn(x)\\n")
    (['few paragraphs'], '')
    """
    notes: list[str] = []
    rest: list[str] = []
    in_warning = False
    for line in text.splitlines(keepends=True):
        match = _WARNING_LINE.match(line.rstrip("\n"))
        if match:
            message = _ABSOLUTE_PATH.sub(lambda m: m.group("name"), match.group("message")).strip()
            if message and message not in notes:
                notes.append(message)
            in_warning = True
        elif in_warning and line.startswith((" ", "\t")):
            continue  # the source line Python quotes under a warning
        else:
            in_warning = False
            rest.append(line)
    return notes, "".join(rest)


def _note_output(notes: list[str]) -> Any:
    """A display output showing warning messages as short notes."""
    import nbformat

    from framelens.report.fragments import render

    html = render("warning_notes", [str(note) for note in notes])
    plain = "\n".join(f"Note: {note}" for note in notes)
    return nbformat.v4.new_output("display_data", data={"text/html": html, "text/plain": plain})


def _normalise_for_export(nb: Any) -> None:
    """Make an executed notebook reproducible and readable for export.

    Cell ids become ``cell-000``, ``cell-001``, ...; execution timings are
    removed; Python warnings written to standard error (which name
    temporary files and show as red boxes) become one italic
    ``Note: <message>`` line each.
    """
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:03d}"
        cell.get("metadata", {}).pop("papermill", None)
        cell.get("metadata", {}).pop("execution", None)
        if cell.get("cell_type") != "code":
            continue
        outputs = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                text = output.get("text", "")
                text = "".join(text) if isinstance(text, list) else text
                notes, rest = warning_notes(text)
                if notes:
                    outputs.append(_note_output(notes))
                if rest.strip():
                    output["text"] = rest
                    outputs.append(output)
                continue
            outputs.append(output)
        cell["outputs"] = outputs
    nb.metadata.pop("papermill", None)


def export_html(nb: Any, *, title: str, hide_input: bool = True) -> str:
    """Convert an executed notebook to one self-contained HTML page.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The executed notebook (modified in place: cell ids are normalised).
    title : str
        Text of the page's ``<title>``.
    hide_input : bool, default True
        Hide the code of every cell except those tagged ``show-input``;
        input and output prompts (``In [3]:``) are always hidden.

    Returns
    -------
    str
        The HTML document. Figures are embedded as data URIs and no script
        is loaded from the network.
    """
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    _normalise_for_export(nb)
    nb.metadata["title"] = title
    if hide_input:
        for cell in nb.cells:
            tags = cell.get("metadata", {}).get("tags", [])
            if cell.cell_type == "code" and SHOW_INPUT_TAG not in tags:
                cell.metadata.setdefault("tags", [])
                if "framelens-hide-input" not in cell.metadata["tags"]:
                    cell.metadata["tags"].append("framelens-hide-input")
    exporter = HTMLExporter(
        template_name="lab",
        template_file=_TEMPLATE_FILE,
        extra_template_paths=[str(_TEMPLATE_DIR)],
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
        anchor_link_text="",
    )
    remover = TagRemovePreprocessor(
        remove_input_tags={"framelens-hide-input"},
        remove_cell_tags={"remove-cell"},
        enabled=True,
    )
    exporter.register_preprocessor(remover, enabled=True)
    body, _ = exporter.from_notebook_node(nb)
    return body


def _title_of(nb: Any, fallback: str) -> str:
    """The first level-1 Markdown heading of a notebook, else ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def _raise_input_error(exc: Exception, notebook: Path) -> None:
    ename = getattr(exc, "ename", None)
    if ename in _INPUT_ERRORS:
        raise _INPUT_ERRORS[ename](f"{notebook.name}: {getattr(exc, 'evalue', '')}") from exc


def build_reports(
    corpus: str | os.PathLike[str],
    out: str | os.PathLike[str] = "reports",
    *,
    notebooks: NotebookArg = None,
    parameters: Mapping[str, Any] | None = None,
    hide_input: bool = True,
    timeout: int = 600,
    progress: bool = True,
    allow_outside: bool = False,
) -> list[Path]:
    """Execute the report notebooks on a corpus and write one HTML file each.

    Parameters
    ----------
    corpus : path
        Folder of articles (the same input as :func:`framelens.load_corpus`).
        It is read once before any notebook starts, so an unreadable corpus
        fails fast with a :class:`~framelens.errors.CorpusError`.
    out : path, default "reports"
        Folder the HTML files are written to (created if missing); file names
        follow the notebooks: ``01-corpus.html`` ... ``04-validation.html``.
        Files a notebook writes to its ``tables_dir`` parameter (CSV copies
        of its tables) are placed beside them. The new files replace the
        previous ones only once every notebook has succeeded.
    notebooks : path or iterable of paths, optional
        A folder of notebooks, or the notebooks to run: paths, or names of
        the bundled reports (``"03-framing-comparison.ipynb"``,
        ``"03-framing-comparison"`` or ``"03"``). Default: all four, in order.
    parameters : mapping, optional
        Extra papermill parameters (e.g. ``{"kinds": ["body"], "seed": 1}``).
        Each notebook receives only the names its ``parameters`` cell
        declares; a name no notebook declares is an error. ``corpus`` and
        ``tables_dir`` are set by this function.
    hide_input : bool, default True
        Hide code cells (except those tagged ``show-input``), so a reader
        sees the text, tables and figures only.
    timeout : int, default 600
        Seconds any single cell may run.
    progress : bool, default True
        Print one line per notebook with its build time to standard error.
    allow_outside : bool, default False
        Read manifest files that lie outside the corpus folder (see
        :func:`framelens.load_corpus`); passed to every notebook that declares
        ``allow_outside``.

    Returns
    -------
    list of Path
        The HTML files written, in notebook order.

    Raises
    ------
    CorpusError
        The corpus is missing, empty or unreadable (raised before any kernel
        starts), or a notebook rejected it.
    AnalysisError
        A notebook could not analyse the corpus.
    FramelensError
        The notebooks were not found, ``parameters`` names a parameter no
        notebook declares, or ``out`` cannot be written (raised before any
        kernel starts).
    papermill.PapermillExecutionError
        Any other failure inside a notebook (the message shows the cell).

    Notes
    -----
    Each notebook runs in a fresh kernel whose working directory is the
    notebook's folder, as in JupyterLab, so a notebook's relative default
    paths resolve the same way. Rebuilding on the same corpus gives the same
    numbers: the notebooks fix their random seeds and ``PYTHONHASHSEED`` is
    set for the kernels.

    The build works in a staging folder ``out/.framelens-staging-<pid>-*``
    and moves the finished set into ``out`` at the end; the folder is
    removed on any failure, on Ctrl-C and on SIGTERM, and a folder left by
    a killed build is removed by the next build into the same ``out``.
    ``out/.framelens-reports.json`` records which files each notebook wrote,
    so that a file a rebuilt notebook no longer writes is removed.
    """
    import nbformat
    import papermill

    corpus_path, blocks = _check_corpus(corpus, allow_outside)
    paths = _resolve_notebooks(notebooks)
    extra = dict(parameters or {})
    declared = {p: _declared_parameters(p) for p in paths}
    all_declared = set().union(*declared.values())
    unknown = set(extra) - all_declared
    if unknown:
        raise FramelensError(
            f"parameter(s) {sorted(unknown)} are not declared by any report notebook "
            f"(declared: {sorted(all_declared)})"
        )
    if SCORE_CACHE_PARAMETER in extra:
        raise FramelensError(
            f"parameter {SCORE_CACHE_PARAMETER!r} is set by build_reports (the corpus is scored "
            "once per build)"
        )
    if "tables_dir" in extra:
        raise FramelensError(
            "parameter 'tables_dir' is set by build_reports (the tables are written beside "
            "the HTML files in out); choose the folder with out="
        )
    stems = [p.stem for p in paths]
    if len(set(stems)) != len(stems):
        raise FramelensError(f"two notebooks have the same name: {stems}")

    out_dir = Path(out).expanduser()
    created = not out_dir.exists()
    try:
        staging = _open_staging(out_dir)
    except FramelensError:
        if created:
            _remove_empty_dir(out_dir)
        raise
    written: list[Path] = []
    started = time.perf_counter()
    try:
        with _signals_interrupt(), _kernel_environment():
            cache = None
            if any(SCORE_CACHE_PARAMETER in declared[p] for p in paths):
                cache = write_score_cache(blocks, staging / "scored")
            built: dict[str, list[str]] = {}
            for path in paths:
                t0 = time.perf_counter()
                tables = staging / "tables" / path.stem
                tables.mkdir(parents=True)
                params = {
                    "corpus": str(corpus_path),
                    # absolute: the kernels run in the notebooks' folder
                    "tables_dir": str(tables.resolve()),
                    "allow_outside": allow_outside,
                    SCORE_CACHE_PARAMETER: None if cache is None else str(cache.resolve()),
                    **extra,
                }
                params = {k: v for k, v in params.items() if k in declared[path]}
                executed = staging / "executed" / path.name
                executed.parent.mkdir(exist_ok=True)
                try:
                    papermill.execute_notebook(
                        str(path),
                        str(executed),
                        parameters=params,
                        kernel_name=KERNEL_NAME,
                        cwd=str(path.parent),
                        progress_bar=False,
                        log_output=False,
                        request_save_on_cell_execute=False,
                        execution_timeout=timeout,
                        extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
                    )
                except papermill.PapermillExecutionError as exc:
                    _raise_input_error(exc, path)
                    raise
                ran = time.perf_counter() - t0
                nb = nbformat.read(executed, as_version=4)
                page = export_html(nb, title=_title_of(nb, path.stem), hide_input=hide_input)
                html_dir = staging / "html"
                html_dir.mkdir(exist_ok=True)
                (html_dir / f"{path.stem}.html").write_text(page, encoding="utf-8")
                built[path.stem] = [f"{path.stem}.html", *_files_under(tables)]
                if progress:
                    took = time.perf_counter() - t0
                    n_tables = len(built[path.stem]) - 1
                    extra_files = f" and {n_tables} table file(s)" if n_tables else ""
                    print(
                        f"framelens: built {path.stem}.html{extra_files} in {took:.1f} s "
                        f"(run {ran:.1f} s, export {took - ran:.1f} s)",
                        file=sys.stderr,
                    )
            written = _swap_in(staging, out_dir, built)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if created:
            _remove_empty_dir(out_dir)
        raise
    shutil.rmtree(staging, ignore_errors=True)
    if progress:
        took = time.perf_counter() - started
        print(
            f"framelens: {len(written)} report(s) written to {out_dir} in {took:.1f} s",
            file=sys.stderr,
        )
    return written


# -- the report set: staging folder, swap, leftovers --------------------------------


def _open_staging(out_dir: Path) -> Path:
    """Create ``out`` if needed and a fresh staging folder inside it.

    Fails with one line when ``out`` cannot be written, before any notebook
    runs, and removes staging folders left behind by builds that were killed.
    """
    try:
        if out_dir.exists() and not out_dir.is_dir():
            raise NotADirectoryError(20, "it is a file, not a folder")
        out_dir.mkdir(parents=True, exist_ok=True)
        if not os.access(out_dir, os.W_OK | os.X_OK):
            raise PermissionError(13, "permission denied")
        _remove_leftover_staging(out_dir)
        name = tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out_dir)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise FramelensError(f"cannot write the reports to {out_dir}: {reason}") from None
    return Path(name)


def _remove_leftover_staging(out_dir: Path, *, max_age: float = 86400.0) -> None:
    """Delete staging folders of earlier builds that did not finish.

    A folder whose build process is still running is kept (two builds may
    share an output folder), unless it is older than ``max_age`` seconds.
    """
    for entry in out_dir.glob(f"{STAGING_PREFIX}*"):
        if not entry.is_dir():
            continue
        pid_text = entry.name.removeprefix(STAGING_PREFIX).split("-", 1)[0]
        try:
            age = time.time() - entry.stat().st_mtime
        except OSError:
            continue
        # a folder of this process is left by an earlier, aborted call
        if (pid_text.isdigit() and age < max_age and int(pid_text) != os.getpid()
                and process_running(int(pid_text))):
            continue
        shutil.rmtree(entry, ignore_errors=True)


def _files_under(folder: Path) -> list[str]:
    """Every file below ``folder``, as sorted POSIX paths relative to it."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _remove_empty_dir(path: Path) -> None:
    try:
        path.rmdir()
    except OSError:
        pass


def _read_set_manifest(out_dir: Path) -> dict[str, list[str]]:
    """The files of the previous report set, by notebook stem ({} if unknown)."""
    try:
        data = json.loads((out_dir / SET_MANIFEST).read_text(encoding="utf-8"))
        notebooks = data["notebooks"]
        return {
            str(stem): [str(f) for f in files]
            for stem, files in notebooks.items()
            if isinstance(files, list)
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _inside(out_dir: Path, relative: str) -> Path | None:
    """``out_dir / relative`` if that stays inside ``out_dir``, else None."""
    target = out_dir / relative
    try:
        target.resolve().relative_to(out_dir.resolve())
    except ValueError:
        return None
    return target


def _swap_in(staging: Path, out_dir: Path, built: dict[str, list[str]]) -> list[Path]:
    """Move a complete report set from ``staging`` into ``out_dir``.

    Every file is moved with :func:`os.replace` (atomic per file, same file
    system). Files the previous build of the same notebooks wrote and the
    new one did not (a table no longer produced) are removed; reports of
    notebooks not rebuilt stay. Termination signals are held back while the
    files move, so an interrupted build does not leave a half-swapped set.
    """
    owner: dict[str, str] = {}
    for stem, files in built.items():
        for name in files:
            if name in owner:
                raise FramelensError(
                    f"notebooks {owner[name]} and {stem} both write {name}; "
                    "each file of a report set needs one author"
                )
            owner[name] = stem
    previous = _read_set_manifest(out_dir)
    stale = {
        name
        for stem in built
        for name in previous.get(stem, [])
        if name not in owner
    }
    manifest = {**previous, **built}
    manifest_tmp = staging / SET_MANIFEST
    manifest_tmp.write_text(
        json.dumps({"notebooks": manifest}, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    with _signals_held():
        for stem, files in built.items():
            for name in files:
                source = (
                    staging / "html" / name
                    if name == f"{stem}.html"
                    else staging / "tables" / stem / name
                )
                target = out_dir / name
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
        for name in sorted(stale):
            target = _inside(out_dir, name)
            if target is not None and target.is_file():
                target.unlink()
        os.replace(manifest_tmp, out_dir / SET_MANIFEST)
    return [out_dir / f"{stem}.html" for stem in built]


_TERMINATING = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


@contextmanager
def _signals_interrupt() -> Iterator[None]:
    """Turn SIGTERM/SIGHUP into ``SystemExit`` while a build runs.

    The default action of these signals ends the process at once, which
    would leave the staging folder behind; raising instead runs the
    clean-up. Only in the main thread, and only where no handler of the
    program's own is installed.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _exit(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    saved = {}
    for sig in _TERMINATING:
        if signal.getsignal(sig) is signal.SIG_DFL:
            saved[sig] = signal.signal(sig, _exit)
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Defer SIGINT/SIGTERM/SIGHUP until the block has finished.

    A signal arriving inside the block is recorded and raised again once
    the previous handlers are back, so it still ends the build, but after
    the files have moved. Signal handlers can only be set from the main
    thread; elsewhere the block runs unprotected.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def _record(signum: int, frame: Any) -> None:
        received.append(signum)

    saved = {}
    for sig in (signal.SIGINT, *_TERMINATING):
        if signal.getsignal(sig) not in (signal.SIG_IGN, None):
            saved[sig] = signal.signal(sig, _record)
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
        for sig in dict.fromkeys(received):
            signal.raise_signal(sig)


def table(
    df: pd.DataFrame,
    *,
    precision: int = 2,
    index: bool = False,
    caption: str | None = None,
    percent: Iterable[str] = (),
    max_rows: int | None = None,
) -> Styler:
    """Display a result table the way the reports show tables.

    Parameters
    ----------
    df : DataFrame
        Any result table. Text cells are HTML-escaped, so article text with
        ``<`` or ``&`` displays literally and cannot inject markup.
    precision : int, default 2
        Decimal places for floating-point columns.
    index : bool, default False
        Show the index (only when it carries meaning, e.g. source names).
    caption : str, optional
        Caption shown above the table (escaped).
    percent : iterable of str, default ()
        Columns holding shares in [0, 1], shown as percentages.
    max_rows : int, optional
        Show at most this many rows; the caption then says how many of how
        many are shown (the table passed in is not changed).

    Returns
    -------
    pandas.io.formats.style.Styler
        Renders as an HTML table in a notebook; its element ids are derived
        from the table's content so that rebuilt reports are identical.
    """
    import html

    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        df = pd.DataFrame(df)
    if max_rows is not None and len(df) > max_rows:
        shown = f"first {max_rows} of {len(df)} rows"
        caption = f"{caption} ({shown})" if caption else shown.capitalize()
        df = df.head(max_rows)
    digest = hashlib.sha1(
        pd.util.hash_pandas_object(df.astype("string"), index=True).to_numpy().tobytes()
        + "|".join(map(str, df.columns)).encode()
    ).hexdigest()[:10]
    from pandas.io.formats.style import Styler

    styler = Styler(df, uuid=f"fl{digest}", cell_ids=False)
    styler = styler.format(precision=precision, escape="html", na_rep="–")
    pct = [c for c in percent if c in df.columns]
    if pct:
        styler = styler.format("{:.0%}", subset=pct, na_rep="–")
    styler = styler.format_index(escape="html", axis=0).format_index(escape="html", axis=1)
    text_columns = list(dict.fromkeys(
        c for c, dtype in df.dtypes.items() if not pd.api.types.is_numeric_dtype(dtype)
    ))
    if text_columns:  # prose reads left to right; numbers stay right-aligned to compare
        left = [{"selector": "td", "props": "text-align: left;"}]
        styler = styler.set_table_styles({c: left for c in text_columns}, overwrite=False)
    styler.set_table_attributes('class="framelens-table"')
    if caption:
        styler = styler.set_caption(html.escape(caption))
    if not index:
        styler = styler.hide(axis="index")
    return styler


_MD_SPECIAL = "\\`*_[]#|~"


def escape_md(value: object) -> str:
    r"""Escape a value (a source name, a quoted phrase) for a Markdown sentence.

    HTML special characters become entities and Markdown punctuation is
    backslash-escaped, so that text taken from articles or file names shows
    literally in ``IPython.display.Markdown`` output and cannot inject markup.

    Examples
    --------
    >>> print(escape_md("<b>my_source</b>"))
    &lt;b&gt;my\_source&lt;/b&gt;
    """
    import html

    text = html.escape(str(value), quote=False)
    for ch in _MD_SPECIAL:
        text = text.replace(ch, "\\" + ch)
    return text


class SideBySide:
    """Two or more HTML displays in columns; see :func:`side_by_side`."""

    def __init__(self, html: str) -> None:
        self.html = html

    def _repr_html_(self) -> str:
        return self.html

    def __html__(self) -> str:  # Jinja2 / markupsafe protocol: already HTML
        return self.html


def side_by_side(*items: Any, titles: Iterable[str] | None = None) -> SideBySide:
    """Show displays (highlighted paragraphs, tables) in columns.

    Parameters
    ----------
    *items
        Objects with a ``_repr_html_`` method (e.g. the result of
        :func:`framelens.report.display.highlight`) or plain strings, which are
        escaped.
    titles : iterable of str, optional
        One heading per column (escaped).

    Returns
    -------
    SideBySide
        Displays in Jupyter and in the HTML reports; columns wrap under each
        other on narrow screens.
    """
    from markupsafe import Markup

    from framelens.report.fragments import render

    heads = list(titles) if titles is not None else [""] * len(items)
    if len(heads) != len(items):
        raise FramelensError(f"side_by_side: {len(items)} item(s) but {len(heads)} title(s)")
    columns = [
        (str(head) if head else "",
         # a display renders itself (trusted); anything else is text, escaped by the template
         Markup(item._repr_html_()) if hasattr(item, "_repr_html_") else str(item))
        for item, head in zip(items, heads)
    ]
    return SideBySide(render("side_by_side", columns))


def format_interval(mean: float, low: float, high: float, *, precision: int = 2) -> str:
    """``"0.23 (0.14 to 0.32)"``; just the mean when the interval is missing.

    >>> format_interval(0.2345, 0.14, 0.321)
    '0.23 (0.14 to 0.32)'
    >>> format_interval(0.5, float("nan"), float("nan"))
    '0.50 (no interval)'
    """
    import math

    m = f"{mean:.{precision}f}"
    if any(v is None or not math.isfinite(float(v)) for v in (low, high)):
        return f"{m} (no interval)"
    return f"{m} ({low:.{precision}f} to {high:.{precision}f})"


def interval_table(
    summary: pd.DataFrame,
    *,
    by: str = "source_id",
    precision: int = 2,
) -> pd.DataFrame:
    """Reshape a per-source summary into one readable row per source.

    Parameters
    ----------
    summary : DataFrame
        Long table with ``<by>, dimension, n, mean, ci_low, ci_high``, as
        returned by :func:`framelens.analysis.compare.summarize_sources`.
    by : str
        Column naming the sources.
    precision : int
        Decimal places.

    Returns
    -------
    DataFrame
        ``<by>, paragraphs`` and one text column per dimension reading
        ``"mean (low to high)"``, sources and dimensions in table order.
    """
    import pandas as pd

    needed = (by, "dimension", "n", "mean", "ci_low", "ci_high")
    missing = [c for c in needed if c not in summary.columns]
    if missing:
        raise AnalysisError(
            f"interval_table: the summary has no column(s) {missing}; pass the table "
            f"returned by framelens.summarize_sources"
        )
    cells = [
        format_interval(m, lo, hi, precision=precision)
        for m, lo, hi in zip(summary["mean"], summary["ci_low"], summary["ci_high"])
    ]
    long = summary.assign(cell=cells)
    wide = long.pivot(index=by, columns="dimension", values="cell")
    wide = wide.reindex(index=pd.unique(summary[by]), columns=pd.unique(summary["dimension"]))
    n = long.groupby(by, sort=False)["n"].max()
    wide.insert(0, "paragraphs", n.reindex(wide.index).astype(int))
    wide.columns.name = None
    return wide.reset_index()


def try_analysis(func: Any, /, *args: Any, **kwargs: Any) -> Any:
    """Run one analysis; if the corpus cannot support it, say why and go on.

    A report runs on whatever corpus a user points it at, and some analyses
    need more than a small corpus has (two sources, words used twice,
    paragraphs with content words). Such a function raises
    :class:`~framelens.errors.AnalysisError` with a message naming the
    reason; here that message is displayed as a note and ``None`` is
    returned, so the rest of the report still runs. Any other error
    propagates.

    Parameters
    ----------
    func : callable
        The analysis, e.g. :func:`framelens.distinguishing_words`.
    *args, **kwargs
        Passed to ``func``.

    Returns
    -------
    object or None
        ``func(*args, **kwargs)``, or ``None`` when it raised
        :class:`~framelens.errors.AnalysisError`.
    """
    try:
        return func(*args, **kwargs)
    except AnalysisError as err:
        from IPython.display import Markdown, display

        display(Markdown(f"*Not shown, this corpus does not support it: {escape_md(err)}*"))
        return None
