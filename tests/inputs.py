"""Sample inputs shared by the command-line and reader tests."""

from __future__ import annotations

import json
from pathlib import Path

ARTICLE = """A bold new treatment

Researchers say the drug could be a breakthrough for patients who have not \
responded to other treatments, although the evidence is still limited.

However, critics warn that the long-term risks are unknown and more research is needed.
"""

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Ketamine clinic opens | Daily Example</title></head>
<body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/about">About us</a></nav>
<article>
<h1>Ketamine clinic opens downtown</h1>
<p>A new clinic offering ketamine infusions for depression opened on Monday, promising
relief to patients for whom other treatments have failed, according to its founders.</p>
<p>Psychiatrists not involved with the clinic cautioned that the evidence for lasting
benefit is still limited and that the risks of repeated use are not well understood.</p>
<p>"We are cautiously optimistic, but this is not a miracle cure," said one researcher
who has studied the drug for a decade at a university hospital.</p>
</article>
<footer>Copyright 2024 Daily Example. Subscribe to our newsletter for more stories.</footer>
</body></html>
"""


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path
