"""Time of ``framelens report`` as the corpus grows: 3, 12 and 50 sources.

Run from the repository root::

    .venv/bin/python benchmarks/report_build.py                 # 3, 12 and 50 sources
    .venv/bin/python benchmarks/report_build.py --sizes 3 12    # skip the long one
    .venv/bin/python benchmarks/report_build.py --repeat 2      # best of two builds each

The corpora: the bundled ``data/raw`` (3 sources, long articles), the
synthetic ``tests/corpora/twelve`` (12 outlets x 8 paragraphs), and for any
other size N the same generator's N outlets (``tests/corpora/make_twelve.py
--sources N``), written to a temporary folder. Each build runs the command
line in a fresh process (``framelens report --corpus DIR --out TMP``), as a
user would, and reads its per-notebook progress lines; the total is the
wall-clock time of the whole command, start-up and the final swap included.
Timings vary with the machine's load: run on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILT = re.compile(
    r"framelens: built (?P<stem>\S+)\.html.*? in (?P<seconds>[\d.]+) s"
    r"(?: \(run (?P<run>[\d.]+) s, export (?P<export>[\d.]+) s\))?"
)


def corpus_for(size: int, scratch: Path) -> tuple[Path, str]:
    """A corpus folder of ``size`` sources and how it was made."""
    if size == 3:
        return ROOT / "data" / "raw", "data/raw (bundled articles)"
    if size == 12:
        return ROOT / "tests" / "corpora" / "twelve", "tests/corpora/twelve"
    out = scratch / f"corpus-{size}"
    subprocess.run(
        [sys.executable, str(ROOT / "tests" / "corpora" / "make_twelve.py"),
         "--sources", str(size), "--out", str(out)],
        check=True, capture_output=True,
    )
    return out, f"make_twelve.py --sources {size}"


def build_once(corpus: Path, out: Path) -> tuple[dict[str, tuple[float, float, float]], float]:
    """Per-notebook (seconds, run, export) from the progress lines; wall-clock total."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(ROOT / "src")}
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "framelens", "report", "--corpus", str(corpus), "--out", str(out)],
        capture_output=True, text=True, env=env, check=False,
    )
    total = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"report build on {corpus} failed:\n{result.stderr[-2000:]}")
    per = {
        m["stem"]: (float(m["seconds"]), float(m["run"] or "nan"), float(m["export"] or "nan"))
        for m in BUILT.finditer(result.stderr)
    }
    return per, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[3, 12, 50], help="numbers of sources")
    parser.add_argument("--repeat", type=int, default=1, help="builds per size; the best is shown")
    args = parser.parse_args()

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPU(s), "
          f"load average {os.getloadavg()[0]:.2f}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="framelens-bench-") as tmp:
        scratch = Path(tmp)
        for size in args.sizes:
            corpus, label = corpus_for(size, scratch)
            best: tuple[dict[str, tuple[float, float, float]], float] | None = None
            for i in range(args.repeat):
                result = build_once(corpus, scratch / f"out-{size}-{i}")
                if best is None or result[1] < best[1]:
                    best = result
            assert best is not None
            per, total = best
            pages = {p.name: p.stat().st_size for p in (scratch / f"out-{size}-0").glob("*.html")}
            rows.append((size, label, per, total, pages))
            steps = "  ".join(f"{stem[:2]} {sec:6.1f} s" for stem, (sec, _, _) in per.items())
            print(f"{size:3d} sources  {steps}  total {total:6.1f} s   ({label})", flush=True)
            split = "  ".join(f"{stem[:2]} run {r:.1f} + export {e:.1f}" for stem, (_, r, e) in per.items())
            print(f"             {split}", flush=True)
    print("\nHTML size (kB):")
    for size, _, _, _, pages in rows:
        sizes = "  ".join(f"{name[:2]} {kb / 1000:7.0f}" for name, kb in sorted(pages.items()))
        print(f"{size:3d} sources  {sizes}")
    print(f"load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
