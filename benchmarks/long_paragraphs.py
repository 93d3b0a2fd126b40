"""Scoring time and memory on very long single-line paragraphs.

Run from the repository root::

    .venv/bin/python benchmarks/long_paragraphs.py                  # ~1 min
    .venv/bin/python benchmarks/long_paragraphs.py --cli-mb 50      # + the CLI on a 50 MB file
    .venv/bin/python benchmarks/long_paragraphs.py --sizes 0.25 1 --cli-mb 0 --highlight-kb 0

A text converted from another format sometimes arrives without line breaks:
a whole article, or a whole book, is then one "paragraph". This benchmark
builds such paragraphs by joining the paragraphs ``throughput.py`` uses (the
bundled corpus's body paragraphs and the rated research sentences of
``data/external/certainty_findings.jsonl`` three at a time; ``--mix`` takes
one kind only; ``--mix dense`` repeats one paragraph with a lexicon match
every few words) with single spaces, up to a given size, and prints

1. ``score_paragraphs([text])`` for each ``--sizes`` (in MB of UTF-8):
   seconds and seconds per MB -- constant seconds per MB means time
   proportional to length;
2. ``highlight(text)`` on a paragraph of ``--highlight-kb`` KB (evidence
   computed inside, then rendered to HTML), and the rendering alone;
3. ``framelens score FILE.txt -o out.csv`` in a fresh process on a single-line
   text file of ``--cli-mb`` MB: wall seconds, seconds per MB and peak
   resident memory (polled from ``/proc``, as ``throughput.py`` does).

Figures are printed, never checked: timings depend on the machine and its
load. In-process timings are CPU seconds of this process, best of
``--repeat``.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import MIXES, build_paragraphs, run_cli  # noqa: E402  (sibling benchmark script)

MB = 1_000_000


#: A paragraph with a lexicon match every few words, repeated by ``--mix dense``:
#: the most matches per MB, where resolving overlaps used to cost the most.
DENSE = (
    "This breakthrough could revolutionize cancer care, researchers said, although the results may be "
    "preliminary. A truly remarkable, game-changing discovery that is not a miracle cure; more research is needed."
)


def corpus_pool(mix: str) -> list[str]:
    """Paragraphs to join, each on one line (``mix`` as in ``throughput.py``, or ``dense``)."""
    if mix == "dense":
        return [DENSE]
    return [" ".join(t.split()) for t in dict.fromkeys(build_paragraphs(10**6, mix))]


def long_paragraph(n_bytes: int, pool: list[str]) -> str:
    """One single-line paragraph of about ``n_bytes`` bytes of UTF-8 (cut at a space)."""
    parts: list[str] = []
    size = 0
    for p in itertools.cycle(pool):
        parts.append(p)
        size += len(p.encode("utf-8")) + 1
        if size >= n_bytes:
            break
    text = " ".join(parts)
    cut = text.encode("utf-8")[:n_bytes].decode("utf-8", errors="ignore")
    return cut[: cut.rfind(" ")] if " " in cut else cut


def cpu_time(func: Callable[[], object], repeat: int) -> float:
    """Best CPU time of ``repeat`` calls, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        func()
        best = min(best, time.process_time() - t0)
    return best


def write_long_file(path: Path, n_bytes: int, pool: list[str]) -> None:
    """A single-line text file of about ``n_bytes`` bytes, written piecewise."""
    written = 0
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for p in itertools.cycle(pool):
            piece = p + " "
            handle.write(piece)
            written += len(piece.encode("utf-8"))
            if written >= n_bytes:
                break
        handle.write("\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="*", default=[0.25, 0.5, 1.0, 2.0],
                        help="paragraph sizes in MB scored in process (default 0.25 0.5 1 2)")
    parser.add_argument("--highlight-kb", type=float, default=270,
                        help="size of the paragraph given to highlight() in KB (default 270; 0 skips)")
    parser.add_argument("--cli-mb", type=float, default=10,
                        help="size of the single-line file scored by the CLI in MB (default 10; 0 skips)")
    parser.add_argument("--mix", choices=(*MIXES, "dense"), default="all",
                        help="what is joined: the bundled articles' body paragraphs, the rated research "
                        "sentences, or both in turn (default; as in throughput.py); or 'dense', one "
                        "paragraph with a match every few words, repeated")
    parser.add_argument("--repeat", type=int, default=1, help="in-process timings are the best of this many (default 1)")
    args = parser.parse_args(argv)

    import framelens

    print(f"framelens long-paragraph benchmark — Python {sys.version.split()[0]}, {os.cpu_count()} CPU(s), "
          f"load average {os.getloadavg()[0]:.2f} at start")
    pool = corpus_pool(args.mix)
    framelens.score_paragraphs(pool[:20])  # load the lexicon and VADER before timing

    if args.sizes:
        print("\nscore_paragraphs([one single-line paragraph]), CPU seconds:")
        print(f"  {'MB':>6} {'words':>10} {'seconds':>9} {'s/MB':>7}")
        for size in args.sizes:
            text = long_paragraph(int(size * MB), pool)
            mb = len(text.encode("utf-8")) / MB
            seconds = cpu_time(lambda: framelens.score_paragraphs([text]), args.repeat)
            print(f"  {mb:6.2f} {len(text.split()):10d} {seconds:9.2f} {seconds / mb:7.2f}", flush=True)

    if args.highlight_kb:
        from framelens.report.display import highlight

        text = long_paragraph(int(args.highlight_kb * 1000), pool)
        kb = len(text.encode("utf-8")) / 1000
        evidence = framelens.explain(text)
        total = cpu_time(lambda: highlight(text), args.repeat)
        render = cpu_time(lambda: highlight(text, evidence), args.repeat)
        print(f"\nhighlight() on one {kb:.0f} KB paragraph ({len(evidence)} evidence rows), CPU seconds:")
        print(f"  explain + render        {total:7.2f}")
        print(f"  render given evidence   {render:7.2f}")

    if args.cli_mb:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "long.txt"
            write_long_file(path, int(args.cli_mb * MB), pool)
            mb = path.stat().st_size / MB
            out = Path(tmp) / "out.csv"
            seconds, peak_mb, _ = run_cli(["score", str(path), "-o", str(out), "--no-text"])
            print(f"\nframelens score on a single-line {mb:.1f} MB .txt file (fresh process, wall clock):")
            print(f"  {seconds:.1f} s, {seconds / mb:.2f} s/MB, peak RSS {peak_mb:.0f} MB")
    print(f"\nload average {os.getloadavg()[0]:.2f} at end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
