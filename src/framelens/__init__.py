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
    "load_corpus": "framelens.io.corpus",
    "read_manifest": "framelens.io.corpus",
    "body_blocks": "framelens.io.corpus",
    "CorpusError": "framelens.errors",
    "FramelensError": "framelens.errors",
    "LexiconError": "framelens.errors",
    "normalize_for_matching": "framelens.text.normalize",
    # lexicons and scoring
    "Lexicon": "framelens.text.lexicon",
    "load_lexicon": "framelens.text.lexicon",
    "score_paragraphs": "framelens.scores.scoring",
    "score_frame": "framelens.scores.scoring",
    "score_frame_with_evidence": "framelens.scores.scoring",
    "explain": "framelens.scores.scoring",
    "explain_paragraphs": "framelens.scores.scoring",
    "claim_strength": "framelens.scores.claims",
    "compare_claims": "framelens.scores.claims",
    "FramingScorer": "framelens.scores.transformer",
    # comparison and display
    "summarize_sources": "framelens.analysis.compare",
    "compare_sources": "framelens.analysis.compare",
    "compare_one_vs_rest": "framelens.analysis.compare",
    "describe_comparison": "framelens.analysis.compare",
    "add_position": "framelens.analysis.position",
    "by_position": "framelens.analysis.position",
    "by_section": "framelens.analysis.position",
    "distinguishing_words": "framelens.analysis.words",
    "align_paragraphs": "framelens.analysis.align",
    "coverage": "framelens.analysis.aspects",
    "omissions": "framelens.analysis.aspects",
    "checklist": "framelens.analysis.criteria",
    "article_scores": "framelens.analysis.article",
    "shared_passages": "framelens.analysis.shared",
    "attribute_evidence": "framelens.analysis.voice",
    "voice_scores": "framelens.analysis.voice",
    "by_voice": "framelens.analysis.voice",
    "describe_voice": "framelens.analysis.voice",
    "highlight": "framelens.report.display",
    "highlight_table": "framelens.report.display",
    "build_reports": "framelens.report.build",
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
    from framelens.analysis.align import align_paragraphs
    from framelens.analysis.criteria import checklist
    from framelens.analysis.compare import (
        compare_one_vs_rest,
        compare_sources,
        describe_comparison,
        summarize_sources,
    )
    from framelens.io.corpus import body_blocks, load_corpus, read_manifest
    from framelens.analysis.aspects import coverage, omissions
    from framelens.scores.claims import claim_strength, compare_claims
    from framelens.errors import CorpusError, FramelensError, LexiconError
    from framelens.report.display import highlight, highlight_table
    from framelens.text.lexicon import Lexicon, load_lexicon
    from framelens.text.normalize import normalize_for_matching
    from framelens.analysis.position import add_position, by_position, by_section
    from framelens.analysis.article import article_scores
    from framelens.report.build import build_reports
    from framelens.scores.scoring import (
        explain,
        explain_paragraphs,
        score_frame,
        score_frame_with_evidence,
        score_paragraphs,
    )
    from framelens.analysis.shared import shared_passages
    from framelens.analysis.voice import attribute_evidence, by_voice, describe_voice, voice_scores
    from framelens.scores.transformer import FramingScorer
    from framelens.analysis.words import distinguishing_words
