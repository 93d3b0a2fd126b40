"""Time and memory of the source statistics (``framelens.analysis.compare``).

Run from the repository root::

    .venv/bin/python benchmarks/compare.py                        # 12x10, 50x10, 12x20, 2x300000
    .venv/bin/python benchmarks/compare.py --cases 12x10 2x300000
    .venv/bin/python benchmarks/compare.py --cli-rows 20000       # + `framelens compare` end to end

Each case ``SxN`` (S sources of N paragraphs) runs in a fresh process: a
table of four score columns is generated with numpy (zero-inflated hype and
hedging, uniform balance, sentiment in [-1, 1]; source ``s00`` has 0.3 more
hype, so its comparisons take the second stage of the permutation test; no
text is scored), then
``summarize_sources``, ``compare_sources`` and ``compare_one_vs_rest`` (when
the installed framelens has it) run with their default settings. The script
prints wall-clock seconds per function (scipy is imported before the
clock starts) and the process's peak resident memory (``ru_maxrss``), which
includes the interpreter, numpy, pandas and scipy (about 100 MB before any
data).

``--cli-rows R`` also writes a JSON Lines file of 2 sources x R short
paragraphs and times ``framelens compare FILE`` in a fresh process (reading,
scoring, statistics, printing), with its peak memory from ``os.wait4``.
Scoring dominates that figure; the in-process cases isolate the statistics.
Timings vary with machine load.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, resource, sys, time
import numpy as np
import pandas as pd
import framelens.analysis.compare as fc

S, N, seed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(seed)
n_rows = S * N
frame = pd.DataFrame({
    "source_id": np.repeat([f"s{i:02d}" for i in range(S)], N),
    "kind": "body",
    "hype": np.where(rng.random(n_rows) < 0.6, 0.0, rng.random(n_rows)),
    "hedging": np.where(rng.random(n_rows) < 0.5, 0.0, rng.random(n_rows)),
    "balance": rng.random(n_rows),
    "sentiment": rng.uniform(-1, 1, n_rows),
})
frame.loc[frame["source_id"] == "s00", "hype"] += 0.3  # one source stands out on hype
import scipy.stats  # imported on first use by compare; not part of the timings
out = {"case": f"{S}x{N}"}
for name in ("summarize_sources", "compare_sources", "compare_one_vs_rest"):
    func = getattr(fc, name, None)
    if func is None:
        out[name] = None
        continue
    t0 = time.perf_counter()
    table = func(frame)
    out[name] = round(time.perf_counter() - t0, 2)
    if "p_method" in table:
        out[name + " p_method"] = sorted(set(table["p_method"]))
out["peak_MB"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
print(json.dumps(out))
"""

VOCAB = ("the study found a modest effect in mice",
         "researchers say this breakthrough could revolutionize treatment",
         "the results may suggest a possible benefit but experts caution",
         "critics argued the sample was small and the trial was not randomized",
         "patients reported feeling much better after the new therapy")


def run_case(case: str, python: str, env: dict[str, str], seed: int) -> dict:
    s, n = (int(v) for v in case.lower().split("x"))
    proc = subprocess.run([python, "-c", CHILD, str(s), str(n), str(seed)], env=env,
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return {"case": case, "error": proc.stderr.strip().splitlines()[-1:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_cli(rows: int, python: str, env: dict[str, str], extra: list[str]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "two_sources.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i in range(2 * rows):
                text = f"{VOCAB[i % len(VOCAB)]}, paragraph {i}."
                fh.write(json.dumps({"outlet": "A" if i % 2 else "B", "text": text}) + "\n")
        cmd = [python, "-m", "framelens", "compare", str(path), "--source-column", "outlet",
               "--quiet", *extra]
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    return {"case": f"CLI 2x{rows}", "seconds": round(seconds, 1), "exit": os.waitstatus_to_exitcode(status),
            "peak_MB": round(usage.ru_maxrss / 1024), "stderr": err.strip()[-300:], "stdout_tail": out[-400:]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", nargs="*", default=["12x10", "12x20", "50x10", "2x300000"])
    parser.add_argument("--cli-rows", type=int, default=0, help="paragraphs per source for the CLI run (0 = skip)")
    parser.add_argument("--cli-args", default="", help="extra arguments for the CLI run")
    parser.add_argument("--src", default=str(ROOT / "src"), help="framelens source folder to measure")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=args.src, PYTHONHASHSEED="0", MPLBACKEND="Agg")
    print(f"framelens from {args.src}; load average {os.getloadavg()[0]:.2f}", flush=True)
    for case in args.cases:
        print(json.dumps(run_case(case, sys.executable, env, args.seed)), flush=True)
    if args.cli_rows:
        print(json.dumps(run_cli(args.cli_rows, sys.executable, env, args.cli_args.split())), flush=True)
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
