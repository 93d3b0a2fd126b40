"""framelens: how do different outlets frame the same story?

framelens splits news articles into paragraphs and scores each one for
**hype**, **hedging**, **balance** and **sentiment**, keeping the exact spans
of text that produced every score, then compares sources with honest
statistics.

Quick start
-----------
>>> import framelens
>>> blocks = framelens.load_corpus("data/raw")            # doctest: +SKIP
>>> scored = framelens.score_frame(blocks)                 # doctest: +SKIP
>>> framelens.explain("This breakthrough may cure depression.")  # doctest: +SKIP

Public names are imported lazily so that ``import framelens`` stays fast;
pandas, scikit-learn and friends load on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    # corpus (reading articles into blocks)
    "load_corpus": "framelens.corpus",
    "read_manifest": "framelens.corpus",
    "body_blocks": "framelens.corpus",
    "CorpusError": "framelens.errors",
    "FramelensError": "framelens.errors",
    "LexiconError": "framelens.errors",
    "normalize_for_matching": "framelens.normalize",
    # lexicons and scoring
    "Lexicon": "framelens.lexicon",
    "load_lexicon": "framelens.lexicon",
    "score_paragraphs": "framelens.scoring",
    "score_frame": "framelens.scoring",
    "score_frame_with_evidence": "framelens.scoring",
    "explain": "framelens.scoring",
    "explain_paragraphs": "framelens.scoring",
    "claim_strength": "framelens.claims",
    "compare_claims": "framelens.claims",
    "FramingScorer": "framelens.transformer",
    # comparison and display
    "summarize_sources": "framelens.compare",
    "compare_sources": "framelens.compare",
    "compare_one_vs_rest": "framelens.compare",
    "describe_comparison": "framelens.compare",
    "add_position": "framelens.position",
    "by_position": "framelens.position",
    "by_section": "framelens.position",
    "distinguishing_words": "framelens.words",
    "align_paragraphs": "framelens.align",
    "coverage": "framelens.aspects",
    "omissions": "framelens.aspects",
    "checklist": "framelens.criteria",
    "shared_passages": "framelens.shared",
    "highlight": "framelens.display",
    "highlight_table": "framelens.display",
    "build_reports": "framelens.report",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'framelens' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # cache: later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from framelens.align import align_paragraphs
    from framelens.criteria import checklist
    from framelens.compare import (
        compare_one_vs_rest,
        compare_sources,
        describe_comparison,
        summarize_sources,
    )
    from framelens.corpus import body_blocks, load_corpus, read_manifest
    from framelens.aspects import coverage, omissions
    from framelens.claims import claim_strength, compare_claims
    from framelens.errors import CorpusError, FramelensError, LexiconError
    from framelens.display import highlight, highlight_table
    from framelens.lexicon import Lexicon, load_lexicon
    from framelens.normalize import normalize_for_matching
    from framelens.position import add_position, by_position, by_section
    from framelens.report import build_reports
    from framelens.scoring import (
        explain,
        explain_paragraphs,
        score_frame,
        score_frame_with_evidence,
        score_paragraphs,
    )
    from framelens.shared import shared_passages
    from framelens.transformer import FramingScorer
    from framelens.words import distinguishing_words
