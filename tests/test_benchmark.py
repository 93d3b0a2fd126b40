"""The throughput benchmark runs and prints every figure (no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_benchmark_prints_every_target_on_a_tiny_input(repo_root: Path) -> None:
    out = subprocess.run(
        [sys.executable, str(repo_root / "benchmarks" / "throughput.py"), "--paragraphs", "40",
         "--stream-rows", "60", "--cli-paragraphs", "0", "--round-size", "20", "--passes", "1", "--repeat", "1", "--mix", "articles"],
        capture_output=True, text=True, timeout=600, cwd=repo_root, check=False,
    )
    assert out.returncode == 0, out.stderr
    for line in ("score_paragraphs / VADER time", "scores + evidence / VADER time",
                 "CLI --jobs 2 speed-up over --jobs 1", "import framelens", "streaming peak RSS (60 rows)",
                 "output written incrementally", "VADER alone in 2 processes vs 1"):
        assert line in out.stdout, f"{line!r} missing from:\n{out.stdout}"
    assert "timing in process (2 interleaved rounds of 20 paragraphs" in out.stdout
    assert "(middle half of rounds: " in out.stdout


def test_long_paragraph_benchmark_prints_every_figure_on_tiny_sizes(repo_root: Path) -> None:
    out = subprocess.run(
        [sys.executable, str(repo_root / "benchmarks" / "long_paragraphs.py"), "--sizes", "0.01", "0.02",
         "--highlight-kb", "5", "--cli-mb", "0.05", "--mix", "dense"],
        capture_output=True, text=True, timeout=600, cwd=repo_root, check=False,
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    sizes = [line.split() for line in lines if line.startswith("    0.0")]
    assert [row[0] for row in sizes] == ["0.01", "0.02"] and all(len(row) == 4 for row in sizes)
    for text in ("highlight() on one 5 KB paragraph", "explain + render", "render given evidence",
                 "framelens score on a single-line ", "s/MB, peak RSS"):
        assert text in out.stdout, f"{text!r} missing from:\n{out.stdout}"
