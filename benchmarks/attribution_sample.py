"""Print random attributed regions and speakers, to read and judge by hand.

Run from the repository root::

    .venv/bin/python benchmarks/attribution_sample.py                       # bundled corpus only
    .venv/bin/python benchmarks/attribution_sample.py --releases ../shared/eval/hnr_releases_dev.jsonl --seed 4

Reads the body paragraphs of ``data/raw`` and, with ``--releases``, the
paragraphs (blank-line separated ``text``) of a JSON Lines file, in place;
prints ``--n`` random attributed regions (with the speaker found and the
paragraph) and ``--n`` random named speakers (with their paragraph). Nothing
is written. The figures in ``docs/scores.md`` (*Who speaks*) come from
reading these samples for seeds 0 to 4.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--releases", type=Path, help="JSON Lines with a 'text' field")
    parser.add_argument("--n", type=int, default=30, help="regions and speakers to print")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--width", type=int, default=400, help="characters of each paragraph shown")
    args = parser.parse_args(argv)

    from framelens.io.corpus import load_corpus
    from framelens.text.attribution import find_attribution

    blocks = load_corpus(ROOT / "data" / "raw")
    paragraphs = [("data/raw", t) for t in blocks.loc[blocks["kind"] == "body", "text"]]
    if args.releases is not None:
        with args.releases.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                paragraphs += [(record.get("id", "?"), p.strip()) for p in record["text"].split("\n\n") if p.strip()]
    regions, speakers, attributed = [], [], 0
    for where, text in paragraphs:
        a = find_attribution(text)
        attributed += bool(a.regions)
        regions += [(where, text, s, e, sp) for s, e, sp in a.regions]
        speakers += [(where, text, sp) for sp in a.speakers]
    print(f"{len(paragraphs)} paragraphs, {attributed} with attribution, {len(regions)} regions, "
          f"{len(speakers)} named speakers")
    rng = random.Random(args.seed)
    print("\n=== regions")
    for k, (where, text, s, e, sp) in enumerate(rng.sample(regions, min(args.n, len(regions)))):
        print(f"[R{k}] {where} speaker={sp!r}\n  region:    {text[s:e]!r}\n  paragraph: {text[:args.width]!r}\n")
    print("=== speakers")
    for k, (where, text, sp) in enumerate(rng.sample(speakers, min(args.n, len(speakers)))):
        print(f"[S{k}] {where} speaker={sp!r}\n  paragraph: {text[:args.width]!r}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
