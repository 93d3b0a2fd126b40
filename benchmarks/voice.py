"""Cost of reading who speaks (``framelens.by_voice``) next to scoring itself.

Run from the repository root::

    .venv/bin/python benchmarks/voice.py                 # bundled corpus + 5,000 paragraphs
    .venv/bin/python benchmarks/voice.py --hnr ../shared/eval/hnr_releases_dev.jsonl

``by_voice`` runs after scoring, over the evidence, so it is outside the
scoring budget (scores + evidence within 1.5 x VADER); this prints how it
compares. Figures are CPU seconds of this process (``time.process_time``),
best of ``--repeat`` runs each, on:

1. the bundled corpus (``data/raw``, as the reports read it);
2. ``--n`` paragraphs built as ``benchmarks/throughput.py`` builds them
   (bundled body paragraphs and rated sentences three at a time; few
   quotations), split into sources of 50 paragraphs;
3. with ``--hnr PATH``: ``--n`` paragraphs cycled from the paragraphs of
   news releases (read in place, nothing written), which quote someone in
   about one paragraph of four -- the heavier case for attribution.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from long_paragraphs import cpu_time as cpu  # noqa: E402  (best CPU time of repeated calls)


def blocks_of(paragraphs: list[str], per_source: int = 50):
    import pandas as pd

    return pd.DataFrame({
        "source_id": [f"s{i // per_source:04d}" for i in range(len(paragraphs))],
        "block_index": [i % per_source for i in range(len(paragraphs))],
        "kind": "body",
        "text": paragraphs,
    })


def measure(name: str, blocks, repeat: int) -> None:
    import framelens
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    texts = blocks["text"].tolist()
    vader = cpu(lambda: [analyzer.polarity_scores(t) for t in texts], repeat)
    scoring = cpu(lambda: framelens.score_frame_with_evidence(blocks), repeat)
    scored, evidence = framelens.score_frame_with_evidence(blocks)
    voice = cpu(lambda: framelens.by_voice(scored, evidence, kinds=("body",)), repeat)
    body = blocks[blocks["kind"] == "body"]
    print(f"{name}: {len(body):,} body paragraphs of {len(blocks):,} blocks, {len(evidence):,} evidence rows")
    print(f"  VADER alone                  {vader:8.3f} s")
    print(f"  score_frame_with_evidence    {scoring:8.3f} s  ({scoring / vader:.2f} x VADER)")
    print(f"  by_voice                     {voice:8.3f} s  ({voice / vader:.2f} x VADER, "
          f"{voice / scoring:.2f} x scoring with evidence)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=5000, help="paragraphs in the larger runs")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step (best is kept)")
    parser.add_argument("--hnr", type=Path, help="news releases (JSON Lines with a 'text' field)")
    args = parser.parse_args(argv)

    import itertools

    import framelens
    from throughput import build_paragraphs

    measure("bundled corpus", framelens.load_corpus(ROOT / "data" / "raw"), args.repeat)
    measure("benchmark mix", blocks_of(build_paragraphs(args.n)), args.repeat)
    if args.hnr is not None:
        pool = []
        with args.hnr.open(encoding="utf-8") as handle:
            for line in handle:
                pool.extend(p.strip() for p in json.loads(line)["text"].split("\n\n") if p.strip())
        measure("news releases", blocks_of(list(itertools.islice(itertools.cycle(pool), args.n))), args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
