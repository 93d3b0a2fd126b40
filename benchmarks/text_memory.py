"""Peak memory of ``framelens score`` on one very long plain-text article.

Run from the repository root::

    .venv/bin/python benchmarks/text_memory.py                       # 1,000,000 paragraphs, ~4 min
    .venv/bin/python benchmarks/text_memory.py --paragraphs 200000

It writes a ``.txt`` file of N tiny paragraphs ("Paragraph 17 may help.")
separated by blank lines, runs ``framelens score FILE -o out.csv -q`` in a
fresh process, and prints the process's peak resident memory
(``ru_maxrss`` of the child), the file size, the wall time, and the same
for a two-paragraph file (the start-up floor). The article is split into
blocks in one piece (titles, headings and sections depend on neighbouring
blocks), then scored and written ``--chunk-size`` blocks at a time, so the
peak grows with the number of blocks, not with the scores.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def peak_of(args: list[str]) -> tuple[float, float]:
    """(peak RSS in MB, seconds) of one ``framelens`` run in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONHASHSEED": "0"}
    start = time.perf_counter()
    # one child per measurement: RUSAGE_CHILDREN's high-water mark is this run's
    code = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, sys.executable, "-m", "framelens", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    return int(out.stdout.strip().splitlines()[-1]) / 1024, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--paragraphs", type=int, default=1_000_000)
    parser.add_argument("--chunk-size", type=int, default=500)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tiny = folder / "tiny.txt"
        tiny.write_text("Short title\n\nThe drug may help.\n", encoding="utf-8")
        big = folder / "big.txt"
        with big.open("w", encoding="utf-8") as handle:
            for i in range(options.paragraphs):
                handle.write(f"Paragraph {i} may help.\n\n")
        floor, floor_s = peak_of(["score", str(tiny), "-o", str(folder / "tiny.csv"), "-q"])
        peak, seconds = peak_of(
            ["score", str(big), "-o", str(folder / "big.csv"), "-q", "--chunk-size", str(options.chunk_size)]
        )
        size = big.stat().st_size / 2**20
    print(f"start-up floor (2 paragraphs): peak RSS {floor:.0f} MB, {floor_s:.1f} s")
    print(
        f"{options.paragraphs:,} paragraphs ({size:.1f} MB of text): peak RSS {peak:.0f} MB "
        f"({peak - floor:.0f} MB above the floor, {(peak - floor) / size:.1f} x the file), {seconds:.0f} s"
    )


if __name__ == "__main__":
    main()
