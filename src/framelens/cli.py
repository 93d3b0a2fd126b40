"""The ``framelens`` command: score, compare and report from the shell.

Commands
--------
``framelens score PATH...``
    One row per paragraph (source, block identifiers, every score) as CSV,
    JSON Lines or Parquet; ``--explain`` also writes the evidence spans.
``framelens compare PATH...``
    Mean score per source with bootstrap intervals, as a readable table or a
    file.
``framelens report --corpus DIR --out DIR``
    The notebooks' HTML reports for any corpus.

Exit codes (scripts can rely on them): 0 success; 1 unexpected internal
error (the traceback is shown with ``--debug``); 2 usage error or bad input,
reported as one line ``framelens: error: <input>: <problem>`` on standard
error; 130 interrupted (Ctrl-C or SIGTERM).

Output files are replaced only when complete (:mod:`framelens.io.outputs`): a
run that fails or is interrupted leaves the previous output unchanged.

This module imports only the standard library at import time, so
``framelens --help`` answers at once; pandas and the scorer load when a
command runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["main", "build_parser"]

PROG = "framelens"

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

EXIT_CODES = """\
exit codes:
  0    success
  1    unexpected internal error (run again with --debug for the traceback)
  2    usage error or bad input (one line on stderr names the input)
  130  interrupted (Ctrl-C)"""

INPUTS_HELP = """\
inputs:
  PATH may be a file, a folder (read recursively) or a quoted glob pattern
  ('pages/**/*.html'). Supported: .txt .md (one article per file), .html .htm
  (saved web pages; the article body is extracted, menus and footers left
  out), .csv .jsonl .ndjson (one paragraph per row, text in --text-column).
  Each file is one source named after the file, unless a sources.csv manifest
  (columns source_id,file[,title]) in the folder or its parent names it, or
  --source-column names the source of each table row. A folder with a
  manifest is read as the manifest says (unlisted files are skipped with a
  warning); manifest files outside the folder need --allow-outside."""

SCORE_EPILOG = f"""\
examples:
  framelens score data/raw -o scores.csv
  framelens score articles/ comments.jsonl --text-column body --id-column id -o scores.parquet
  framelens score 'pages/*.html' --explain -o scores.jsonl   # + scores.evidence.jsonl
  framelens score big.jsonl --jobs 2 --no-text -o scores.parquet
  framelens score data/raw | head                              # CSV on stdout

{INPUTS_HELP}

output:
  One row per block (title, heading, body paragraph, boilerplate): source_id,
  block_index, [id], kind, section, file, start, end, the scores (hype,
  hedging, balance in [0, 1]; sentiment in [-1, 1]; sub-scores), then text.
  Rows are written as they are scored, so long inputs stream in constant
  memory, to a temporary file renamed onto FILE only when the run
  completes: a failed or interrupted run leaves the previous FILE as it
  was. In CSV, cells starting with = + - @ get a leading ' (see
  --keep-formulas). For HTML pages, start/end refer to the extracted
  article text.

{EXIT_CODES}"""

COMPARE_EPILOG = f"""\
examples:
  framelens compare data/raw
  framelens compare data/raw --dimensions hype,hedging --ci 0.9
  framelens compare data/raw --one-vs-rest --correction fdr_bh
  framelens compare outlets.csv --source-column outlet --text-column paragraph -o summary.csv --tests-out pairs.csv
  framelens score big.jsonl -o scores.parquet --no-text && framelens compare --scored scores.parquet

{INPUTS_HELP}

output:
  For each source and dimension: n paragraphs, mean score and a confidence
  interval: percentile bootstrap (resampling paragraphs), or the normal
  interval for sources of 1,000 paragraphs or more. In a terminal it is
  printed as a table followed by the differences the tests call clear; with
  -o it is written in long format (source_id, dimension, n, mean, ci_low,
  ci_high, ci_method, sd, median, note).

  Tests: every pair of sources (or, with --one-vs-rest, each source against
  all others pooled) on every dimension, with a permutation test of the
  difference of means (large-sample normal test between sources of 1,000+
  paragraphs), p-values adjusted for the number of comparisons (--correction:
  holm controls the chance of any false difference, fdr_bh the expected share
  of false ones among those reported). A difference is clear when the adjusted
  p-value is below --alpha and the interval of the difference excludes zero.
  --tests-out FILE writes the full test table (.csv, .jsonl or .parquet).

{EXIT_CODES}"""

REPORT_EPILOG = f"""\
examples:
  framelens report --corpus data/raw --out reports
  framelens report --corpus ~/articles/ketamine --out ~/reports/ketamine --show-code
  framelens report --corpus data/raw --out reports -p correction=fdr_bh -p alpha=0.1

Runs the report notebooks on the corpus folder (.txt/.md articles, optional
sources.csv manifest) and writes one self-contained HTML file per notebook,
with the CSV copies of their tables beside them. The files in --out are
replaced together, only when every notebook succeeded. -p sets a parameter
declared in a notebook's parameters cell (the value is read as JSON when it
parses as JSON, e.g. 0.1 or '["body"]', else kept as text).

{EXIT_CODES}"""

MAIN_EPILOG = f"""\
examples:
  framelens score data/raw -o scores.csv
  framelens compare data/raw
  framelens report --corpus data/raw --out reports

Run 'framelens COMMAND --help' for the options of each command.

{EXIT_CODES}"""


class _UsageError(Exception):
    """Bad combination of options (reported like an argparse error)."""


# ---------------------------------------------------------------------------
# Parser
# ---------------------------------------------------------------------------


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def _fraction(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {value!r}") from None
    if not 0 < number < 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {number}")
    return number


def _names(value: str) -> list[str]:
    names = [v.strip() for v in value.split(",") if v.strip()]
    if not names:
        raise argparse.ArgumentTypeError("expected one or more comma-separated names")
    return names


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show the full traceback of an internal error",
    )


def _add_progress(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar or messages on stderr"
    )
    group.add_argument(
        "--progress",
        action="store_true",
        help="show the progress bar even when stderr is not a terminal",
    )


def _add_allow_outside(parser: Any) -> None:
    parser.add_argument(
        "--allow-outside",
        action="store_true",
        help="read manifest files that lie outside the corpus folder (../, absolute, ~, links)",
    )


def _add_keep_formulas(parser: Any) -> None:
    parser.add_argument(
        "--keep-formulas",
        action="store_true",
        help="CSV: keep cells starting with = + - @ as they are (default: prefix them with ' so "
        "spreadsheets do not run them)",
    )


def _add_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or glob patterns")
    group = parser.add_argument_group("reading inputs")
    group.add_argument(
        "--text-column",
        default="text",
        metavar="NAME",
        help="column (CSV) or field (JSON Lines) holding the text (default: text)",
    )
    group.add_argument(
        "--id-column", metavar="NAME", help="column copied to an 'id' output column, to join results back"
    )
    group.add_argument(
        "--source-column", metavar="NAME", help="column naming each row's source (default: the file name)"
    )
    group.add_argument(
        "--manifest", metavar="CSV", help="sources.csv naming the source of each file (source_id,file[,title])"
    )
    group.add_argument(
        "--skip-empty",
        action="store_true",
        help="drop table rows with empty text (with a warning) instead of failing",
    )
    _add_allow_outside(group)
    group = parser.add_argument_group("performance")
    group.add_argument(
        "-j",
        "--jobs",
        type=_positive_int,
        default=1,
        metavar="N",
        help="worker processes for scoring (default: 1)",
    )
    group.add_argument(
        "--chunk-size",
        type=_positive_int,
        default=500,
        metavar="ROWS",
        help="paragraphs per chunk sent to a worker and written (default: 500)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``framelens`` command."""
    from framelens import __version__

    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Score news paragraphs for hype, hedging, balance and sentiment, "
        "compare sources, and build HTML reports.",
        epilog=MAIN_EPILOG,
        formatter_class=formatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an internal error")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    score = commands.add_parser(
        "score",
        help="score every paragraph; write CSV, JSON Lines or Parquet",
        description="Score every paragraph of the inputs and write one row per paragraph.",
        epilog=SCORE_EPILOG,
        formatter_class=formatter,
    )
    _add_inputs(score)
    out = score.add_argument_group("output")
    out.add_argument("-o", "--output", metavar="FILE", help="output file (default: CSV on stdout)")
    out.add_argument(
        "-f",
        "--format",
        choices=["csv", "jsonl", "parquet"],
        help="output format (default: from the -o suffix; csv on stdout)",
    )
    out.add_argument(
        "--explain",
        action="store_true",
        help="also write every evidence span, to OUTPUT.evidence.<format> (or --explain-out)",
    )
    out.add_argument("--explain-out", metavar="FILE", help="file for the evidence spans (implies --explain)")
    out.add_argument("--no-text", action="store_true", help="leave the paragraph text out of the output")
    _add_keep_formulas(out)
    _add_progress(score)
    _add_common(score)
    score.set_defaults(handler=_cmd_score, command_parser=score)

    compare = commands.add_parser(
        "compare",
        help="mean score per source with confidence intervals, and tests between sources",
        description="Summarise each source (mean score per dimension with an interval) and test "
        "which differences between sources are clear.",
        epilog=COMPARE_EPILOG,
        formatter_class=formatter,
    )
    _add_inputs(compare)
    compare.add_argument(
        "--scored",
        action="store_true",
        help="the inputs are tables written by 'framelens score' (.csv, .jsonl, .parquet with "
        "source_id, kind and the score columns): compare them without scoring again",
    )
    stats = compare.add_argument_group("statistics")
    stats.add_argument(
        "--dimensions",
        type=_names,
        default=None,
        metavar="DIM,...",
        help="score columns to summarise, comma-separated (default: the headline scores, "
        "hype,hedging,balance,sentiment)",
    )
    stats.add_argument(
        "--kinds",
        type=_names,
        default=["body"],
        metavar="KIND,...",
        help="block kinds analysed, comma-separated (default: body; 'all' for every block)",
    )
    stats.add_argument("--ci", type=_fraction, default=0.95, help="confidence level (default: 0.95)")
    stats.add_argument("--n-boot", type=_positive_int, default=2000, metavar="N", help="bootstrap resamples (default: 2000)")
    stats.add_argument("--seed", type=int, default=0, help="random seed of the bootstrap and the tests (default: 0)")
    stats.add_argument(
        "--one-vs-rest",
        action="store_true",
        help="test each source against all other sources pooled instead of every pair",
    )
    stats.add_argument(
        "--correction",
        choices=["holm", "fdr_bh"],
        default="holm",
        help="adjustment for the number of comparisons: holm (family-wise error) or fdr_bh "
        "(Benjamini-Hochberg false discovery rate) (default: holm)",
    )
    stats.add_argument("--alpha", type=_fraction, default=0.05, help="level for adjusted p-values (default: 0.05)")
    stats.add_argument(
        "--n-perm",
        type=_positive_int,
        default=None,
        metavar="N",
        help="random splits per permutation test (default: chosen from the number of comparisons)",
    )
    stats.add_argument("--no-tests", action="store_true", help="print the summary only, no tests")
    out = compare.add_argument_group("output")
    out.add_argument("-o", "--output", metavar="FILE", help="write the table to a file instead of the terminal")
    out.add_argument(
        "-f",
        "--format",
        choices=["table", "csv", "jsonl", "parquet"],
        help="output format (default: from the -o suffix: .csv, .jsonl, .parquet, .txt for a text table)",
    )
    out.add_argument("--tests-out", metavar="FILE", help="write the full table of tests to FILE (.csv, .jsonl, .parquet)")
    _add_keep_formulas(out)
    _add_progress(compare)
    _add_common(compare)
    compare.set_defaults(handler=_cmd_compare, command_parser=compare)

    report = commands.add_parser(
        "report",
        help="run the report notebooks on a corpus and write HTML",
        description="Build the HTML reports (one per notebook) for a corpus folder.",
        epilog=REPORT_EPILOG,
        formatter_class=formatter,
    )
    report.add_argument("--corpus", required=True, metavar="DIR", help="folder of articles")
    report.add_argument("--out", default="reports", metavar="DIR", help="folder for the HTML files (default: reports)")
    report.add_argument(
        "--notebook",
        action="append",
        metavar="NAME",
        help="run only this notebook (repeatable; default: all)",
    )
    report.add_argument("--show-code", action="store_true", help="keep the code cells in the HTML")
    report.add_argument(
        "-p",
        "--parameter",
        action="append",
        type=_report_parameter,
        default=[],
        metavar="NAME=VALUE",
        help="set a notebook parameter (repeatable; VALUE is JSON if it parses, else text)",
    )
    report.add_argument(
        "--timeout", type=_positive_int, default=600, metavar="SECONDS", help="time limit per cell (default: 600)"
    )
    report.add_argument("-q", "--quiet", action="store_true", help="no progress messages on stderr")
    _add_allow_outside(report)
    _add_common(report)
    report.set_defaults(handler=_cmd_report, command_parser=report)
    return parser


# ---------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------


def _show_progress(args: argparse.Namespace) -> bool:
    if getattr(args, "quiet", False):
        return False
    if getattr(args, "progress", False):
        return True
    return sys.stderr.isatty()


def _reader_options(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "text_column": args.text_column,
        "id_column": args.id_column,
        "source_column": args.source_column,
        "manifest": args.manifest,
        "skip_empty": args.skip_empty,
        "allow_outside": args.allow_outside,
    }


def _cmd_score(args: argparse.Namespace) -> int:
    from framelens.scores.batch import evidence_path, format_from_path, score_files

    out = None if args.output in (None, "-") else args.output
    fmt = args.format or _output_format(out, format_from_path)
    if fmt == "parquet" and out is None:
        raise _UsageError("Parquet output needs a file: add -o FILE.parquet")
    explain_out = args.explain_out
    if args.explain and explain_out is None:
        if out is None:
            raise _UsageError("--explain needs -o FILE (or --explain-out FILE) to know where to write the spans")
        explain_out = str(evidence_path(out, fmt))
    summary = score_files(
        args.paths,
        out,
        fmt=fmt,
        explain_out=explain_out,
        jobs=args.jobs,
        chunk_rows=args.chunk_size,
        include_text=not args.no_text,
        progress=_show_progress(args),
        keep_formulas=args.keep_formulas,
        **_reader_options(args),
    )
    if not args.quiet and out is not None:
        message = f"framelens: wrote {summary.paragraphs} paragraph(s) to {out}"
        if explain_out is not None:
            message += f" and {summary.evidence_rows} evidence span(s) to {explain_out}"
        print(message, file=sys.stderr)
    return EXIT_OK


def _output_format(out: str | None, choose: Any, *extra: str) -> str:
    """The format ``choose(out)`` finds, or a usage error listing the supported suffixes."""
    from framelens.scores.batch import supported_suffixes
    from framelens.errors import FramelensError

    try:
        return str(choose(out))
    except FramelensError:
        suffix = Path(str(out)).suffix or "(none)"
        formats = ", ".join([supported_suffixes(), *extra])
        raise _UsageError(
            f"{out}: unknown output suffix {suffix!r}; supported: {formats} (or choose with --format)"
        ) from None


def _format_summary(summary: Any, dimensions: Sequence[str], ci: float, kinds: Sequence[str] | None) -> str:
    """A compact terminal table: one row per source, 'mean [low, high]' per dimension."""
    import math

    import pandas as pd

    def cell(row: Any) -> str:
        if math.isnan(row.ci_low):
            return f"{row.mean:+.3f}" if row.dimension == "sentiment" else f"{row.mean:.3f}"
        sign = "+" if row.dimension == "sentiment" else ""
        return f"{row.mean:{sign}.3f} [{row.ci_low:{sign}.3f}, {row.ci_high:{sign}.3f}]"

    rows: dict[str, dict[str, str]] = {}
    notes: list[str] = []
    for row in summary.itertuples(index=False):
        entry = rows.setdefault(str(row.source_id), {"n": str(row.n)})
        entry[str(row.dimension)] = cell(row)
        note = getattr(row, "note", "")
        if isinstance(note, str) and note:
            text = f"{row.source_id} / {row.dimension}: {note}"
            if text not in notes:
                notes.append(text)
    table = pd.DataFrame.from_dict(rows, orient="index")
    table = table[["n"] + [d for d in dimensions if d in table.columns]]
    methods = summary.get("ci_method", pd.Series(["bootstrap"] * len(summary)))
    normal = list(dict.fromkeys(summary.loc[methods == "normal", "source_id"].astype(str)))
    if not normal:
        how = "bootstrap interval"
    elif len(normal) == len(rows):
        how = "normal-approximation interval (mean +- z sd / sqrt(n); every source is large)"
    else:
        how = f"bootstrap interval (normal approximation for the large sources {', '.join(normal)})"
    lines = [
        f"mean score per source with {ci * 100:g}% {how} [low, high]; "
        f"n = {'/'.join(kinds) if kinds else 'all'} blocks",
        "",
        table.to_string(),
    ]
    if notes:
        lines += ["", "notes:"] + [f"  {n}" for n in notes]
    return "\n".join(lines)


#: At most this many clear differences are listed in the terminal.
_MAX_LISTED = 20


def _format_tests(tests: Any, *, one_vs_rest: bool, correction: str, alpha: float) -> str:
    """The clear differences of a comparison table, one sentence each."""
    from framelens.analysis.compare import describe_comparison

    methods = sorted(set(tests["p_method"]))
    how = {
        "exact": "exact permutation test",
        "monte carlo": "permutation test",
        "normal": "large-sample normal test (sources of 1,000+ paragraphs)",
    }
    name = {"holm": "Holm", "fdr_bh": "Benjamini-Hochberg"}[correction]
    scope = "each source against the rest" if one_vs_rest else "every pair of sources"
    clear = tests[tests["verdict"] != "no clear difference"]
    lines = [
        f"tests: {scope}, difference of means ({'; '.join(how[m] for m in methods)}), "
        f"{name}-adjusted over {len(tests)} comparisons, alpha = {alpha:g}",
        f"{len(clear)} of {len(tests)} comparisons show a clear difference"
        + (":" if len(clear) else "."),
    ]
    lines += [f"  - {describe_comparison(row, alpha=alpha)}" for _, row in clear.head(_MAX_LISTED).iterrows()]
    if len(clear) > _MAX_LISTED:
        lines.append(f"  ... and {len(clear) - _MAX_LISTED} more (write them all with --tests-out FILE)")
    return "\n".join(lines)


def _read_scored(path: str, columns: Sequence[str]) -> Any:
    """The ``columns`` of a table written by ``framelens score``, checked."""
    import pandas as pd

    from framelens.scores.batch import FORMATS, supported_suffixes
    from framelens.errors import FramelensError

    suffix = Path(path).suffix.lower()
    fmt = next((name for name, suffixes in FORMATS.items() if suffix in suffixes), None)
    if fmt is None:
        raise FramelensError(f"{path}: a scored table must be {supported_suffixes()}")
    if not Path(path).is_file():
        raise FramelensError(f"{path}: no such file")
    try:
        if fmt == "parquet":
            import pyarrow.parquet as pq

            present = set(pq.read_schema(path).names)
            table = pd.read_parquet(path, columns=[c for c in columns if c in present])
        elif fmt == "jsonl":
            table = pd.read_json(path, lines=True, dtype={"source_id": str, "kind": str})
        else:
            table = pd.read_csv(
                path, usecols=lambda c: c in set(columns), dtype={"source_id": str, "kind": str},
                keep_default_na=False,
            )
    except (ValueError, OSError, ImportError) as exc:
        raise FramelensError(f"{path}: cannot be read as a scored {fmt} table ({_one_line(str(exc))})") from None
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise FramelensError(
            f"{path}: not a table of scores: no column(s) {', '.join(missing)} "
            f"(write one with 'framelens score', or drop --scored to score the text)"
        )
    table = table[list(columns)]
    for column in columns[2:]:
        values = pd.to_numeric(table[column], errors="coerce")
        bad = values.isna() & table[column].notna()
        if bad.any():
            row = int(bad.to_numpy().nonzero()[0][0])
            raise FramelensError(f"{path}: row {row + 1}: {column} is not a number ({table[column].iloc[row]!r})")
        table[column] = values
    return table


def _cmd_compare(args: argparse.Namespace) -> int:
    import pandas as pd

    from framelens.scores.batch import (
        ScoreTask,
        TableWriter,
        format_from_path,
        progress_bar,
        rebatch,
        score_chunks,
    )
    from framelens.analysis.compare import compare_one_vs_rest, compare_sources, summarize_sources
    from framelens.errors import FramelensError
    from framelens.io.outputs import atomic_output, check_output_folder
    from framelens.io.readers import iter_blocks
    from framelens.scores.registry import HEADLINE_SCORES
    from framelens.scores.scoring import score_columns

    if args.dimensions is None:
        args.dimensions = list(HEADLINE_SCORES)
    out = None if args.output in (None, "-") else args.output
    if args.format is None and out is not None and Path(out).suffix.lower() == ".txt":
        fmt = "table"
    else:
        fmt = args.format or _output_format(out, lambda o: format_from_path(o, default="table"), ".txt (table)")
    if fmt == "parquet" and out is None:
        raise _UsageError("Parquet output needs a file: add -o FILE.parquet")
    if out is not None:
        check_output_folder(out)
    tests_fmt = None
    if args.tests_out:
        if args.no_tests:
            raise _UsageError("--tests-out needs the tests: drop --no-tests")
        tests_fmt = _output_format(args.tests_out, format_from_path)
        check_output_folder(args.tests_out)
    kinds = None if args.kinds == ["all"] else list(args.kinds)
    known = score_columns()
    unknown = [d for d in args.dimensions if d not in known]
    if unknown:
        raise FramelensError(
            f"unknown dimension(s) {', '.join(map(repr, unknown))}; score columns are: "
            f"{', '.join(known)}"
        )
    keep = ["source_id", "kind", *args.dimensions]
    if args.scored:
        parts = [_read_scored(path, keep) for path in args.paths]
    else:
        task = ScoreTask(fmt=None, include_text=False)
        blocks = iter_blocks(args.paths, chunk_rows=args.chunk_size, **_reader_options(args))
        parts = []
        bar = progress_bar(_show_progress(args))
        try:
            for result in score_chunks(rebatch(blocks, args.chunk_size), task, jobs=args.jobs):
                parts.append(result.scores[keep])
                bar.update(result.rows)
        finally:
            bar.close()
    if not parts or all(len(part) == 0 for part in parts):
        raise FramelensError(f"{', '.join(args.paths)}: no text found in the inputs")
    scored = pd.concat(parts, ignore_index=True)
    summary = summarize_sources(
        scored,
        dimensions=tuple(args.dimensions),
        n_boot=args.n_boot,
        ci=args.ci,
        seed=args.seed,
        kinds=kinds,
    )
    tests = None
    tests_text = ""
    if not args.no_tests:
        counts = summary.drop_duplicates("source_id").set_index("source_id")["n"]
        testable = counts.index[counts >= 2]
        if len(testable) >= 2:
            compare = compare_one_vs_rest if args.one_vs_rest else compare_sources
            if len(testable) < len(counts):  # copy only when some sources are left out
                scored = scored[scored["source_id"].isin(testable)]
            tests = compare(
                scored,
                dimensions=tuple(args.dimensions),
                n_perm=args.n_perm,
                n_boot=args.n_boot,
                ci=args.ci,
                alpha=args.alpha,
                seed=args.seed,
                kinds=kinds,
                correction=args.correction,
            )
            tests_text = _format_tests(
                tests, one_vs_rest=args.one_vs_rest, correction=args.correction, alpha=args.alpha
            )
            left_out = [str(s) for s in counts.index if s not in set(testable)]
            if left_out:
                tests_text += f"\nnot tested (fewer than 2 paragraphs): {', '.join(left_out)}"
        else:
            tests_text = "tests: need at least two sources with at least two paragraphs each"
    if fmt == "table":
        text = _format_summary(summary, args.dimensions, args.ci, kinds)
        if tests_text:
            text += "\n\n" + tests_text
        if out is None:
            print(text)
        else:
            with atomic_output(out) as handle:
                handle.write((text + "\n").encode("utf-8"))
    else:
        with TableWriter(out, fmt, keep_formulas=args.keep_formulas) as writer:
            writer.write(summary)
    if args.tests_out and tests is not None:
        with TableWriter(args.tests_out, tests_fmt, keep_formulas=args.keep_formulas) as writer:
            writer.write(tests)
    if not args.quiet:
        if out is not None:
            print(f"framelens: wrote the summary of {summary['source_id'].nunique()} source(s) to {out}", file=sys.stderr)
        if args.tests_out and tests is not None:
            print(f"framelens: wrote {len(tests)} test(s) to {args.tests_out}", file=sys.stderr)
        elif args.tests_out:
            print(f"framelens: no tests to write to {args.tests_out} ({tests_text.removeprefix('tests: ')})", file=sys.stderr)
    return EXIT_OK


def _report_parameter(text: str) -> tuple[str, Any]:
    """``name=value`` of ``framelens report -p``: value as JSON, else as text."""
    import json

    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name.isidentifier():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    try:
        parsed = json.loads(value)
    except ValueError:
        parsed = value
    return name, parsed


def _cmd_report(args: argparse.Namespace) -> int:
    from framelens.io.corpus import load_corpus
    from framelens.io.outputs import check_output_folder
    from framelens.report.build import build_reports

    # before any notebook runs: the output folder can be written, and the
    # corpus (manifest included) reads as every notebook will read it
    check_output_folder(args.out, create=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        load_corpus(args.corpus, allow_outside=args.allow_outside)

    written = build_reports(
        args.corpus,
        args.out,
        notebooks=args.notebook,
        parameters=dict(args.parameter) or None,
        hide_input=not args.show_code,
        timeout=args.timeout,
        progress=not args.quiet,
        allow_outside=args.allow_outside,
    )
    for path in written:
        print(path)
    return EXIT_OK


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------


def _error(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _show_warning(message: Any, category: Any, filename: str, lineno: int, file: Any = None, line: Any = None) -> None:
    print(f"{PROG}: warning: {_one_line(str(message))}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``framelens`` command and return its exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 success, 1 internal error, 2 usage error or bad input,
        130 interrupted.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors
        return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_USAGE
    debug = bool(getattr(args, "debug", False))
    from framelens.errors import FramelensError

    previous_term = _stop_on_sigterm()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            warnings.showwarning = _show_warning
            return int(args.handler(args))
    except _UsageError as exc:
        sub = args.command_parser
        sub.print_usage(sys.stderr)
        print(f"{sub.prog}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except FramelensError as exc:
        if debug:
            traceback.print_exc()
        _error(_one_line(str(exc)))
        return EXIT_USAGE
    except KeyboardInterrupt:
        _error("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader of our output (e.g. `head`) stopped early: not an error
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except OSError:
            pass
        return EXIT_OK
    except OSError as exc:
        if debug:
            traceback.print_exc()
        where = exc.filename or "input/output"
        _error(f"{where}: {exc.strerror or exc}")
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 - last resort: one line, traceback on request
        if debug:
            traceback.print_exc()
            _error(f"internal error: {type(exc).__name__}: {_one_line(str(exc))}")
        else:
            _error(
                f"internal error: {type(exc).__name__}: {_one_line(str(exc))} "
                "(run again with --debug for the traceback)"
            )
        return EXIT_INTERNAL
    finally:
        _restore_sigterm(previous_term)


def _terminated(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _stop_on_sigterm() -> Any:
    """Turn SIGTERM into an interrupt, so that temporary output files are removed."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _terminated)


def _restore_sigterm(previous: Any) -> None:
    import signal

    if previous is not None:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
