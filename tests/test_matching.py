"""One-pass matcher: syntax, inflections, apostrophes, negation, hedge scope, offsets."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framelens.text.lexicon import Lexicon, load_lexicon
from framelens.text.matching import compile_pattern, resolve_overlaps
from framelens.text.normalize import normalize_for_matching
from framelens.text.tokens import TOKEN_PATTERN, reduce_word, split_sentences, tokenize


def _lex(*rows: tuple[str, str, str]) -> Lexicon:
    return Lexicon.from_frame(
        pd.DataFrame(
            [{"pattern": p, "dimension": d, "category": c, "weight": 1.0, "source": "test"} for p, d, c in rows]
        )
    )


def _found(lex: Lexicon, text: str, dimension: str | None = None) -> list[str]:
    return [m.match for m in lex.find(text) if dimension is None or m.dimension == dimension]


@pytest.mark.parametrize("word", ["revolutionize", "revolutionise", "revolutionizing", "revolutionized",
                                  "Revolutionises", "REVOLUTIONIZE"])
def test_inflections_and_british_spelling(word: str) -> None:
    lex = _lex(("revolutionize", "hype", "sensational"))
    assert _found(lex, f"It will {word} care.") == [word]


def test_inflection_does_not_cross_into_other_words() -> None:
    lex = _lex(("cure", "hype", "sensational"))
    assert _found(lex, "They cured it; cures abound.") == ["cured", "cures"]
    assert _found(lex, "The curator was curious.") == []


def test_prefix_wildcard_and_alternatives() -> None:
    lex = _lex(("revolution*", "hype", "s"), ("know|understand how", "hedging", "l"))
    assert _found(lex, "A revolutionary revolution.") == ["revolutionary", "revolution"]
    assert _found(lex, "We understand how; we know how.") == ["understand how", "know how"]


def test_optional_word_inside_phrase_and_curly_apostrophe() -> None:
    lex = _lex(("don't (really) know", "hedging", "limitation"))
    assert _found(lex, "Scientists still don\u2019t really know how it works") == ["don\u2019t really know"]
    assert _found(lex, "Scientists still don't know") == ["don't know"]
    assert _found(lex, "Scientists do know") == []


def test_number_slot() -> None:
    lex = _lex(("<num> patients", "balance", "evidence"))
    assert _found(lex, "49 studies with 3,299 patients") == ["3,299 patients"]


def test_hyphen_and_space_variants_match_alike() -> None:
    lex = _lex(("game-changer", "hype", "sensational"))
    assert _found(lex, "a game changer, a game-changer, a game\u2011changer") == [
        "game changer", "game-changer", "game\u2011changer"]


def test_longest_match_wins_within_a_dimension_only() -> None:
    lex = _lex(("miracle", "hype", "a"), ("miracle cure", "hype", "b"), ("cure", "balance", "benefit"))
    found = [(m.dimension, m.category, m.match) for m in lex.find("a miracle cure")]
    assert ("hype", "b", "miracle cure") in found
    assert ("hype", "a", "miracle") not in found
    assert ("balance", "benefit", "cure") in found


def test_negation_window_and_clause_break() -> None:
    lex = load_lexicon()

    def negated(text: str) -> list[bool]:
        return [m.negated for m in lex.find(text) if m.dimension == "hype"]

    assert negated("It is not a miracle cure.") == [True]
    assert negated("There is no cure-all.") == [True]
    assert negated("It isn\u2019t a breakthrough.") == [True]
    assert negated("It is a breakthrough.") == [False]
    # a clause break ends the negation scope
    assert negated("Not now, but this is a breakthrough.") == [False]
    # too far away
    assert negated("Nobody denies that the new results are a breakthrough.") == [False]


def test_hedged_and_intensified_flags() -> None:
    lex = load_lexicon()
    hype = [m for m in lex.find("Ketamine could revolutionize depression treatment.") if m.dimension == "hype"]
    assert [(m.match, m.hedged) for m in hype] == [("revolutionize", True)]
    hype = [m for m in lex.find("It has the potential to revolutionize care.") if m.dimension == "hype"]
    assert [m.hedged for m in hype] == [True]
    hype = [m for m in lex.find("It may work. This is a breakthrough.") if m.dimension == "hype"]
    assert [m.hedged for m in hype] == [False]  # hedge in another sentence
    hype = [m for m in lex.find("A truly revolutionary drug.") if m.dimension == "hype"]
    assert [m.intensified for m in hype] == [True]


# whole words (in several typographies) and the separators between them, so
# that generated texts really contain the entries below
_WORDS = st.sampled_from(["miracle", "MIRACLE", "Miracle", "cure", "Cure", "cured", "cures", "not", "don\u2019t",
                          "isn't", "3,299", "49", "\u201cmiracle", "cure\u201d", "(cure)", "x"])
_SEPS = st.sampled_from([" ", "  ", "-", "\u00a0", "\u2011", ", ", ". ", "\n"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_WORDS, _SEPS), max_size=12).map(lambda ps: "".join(w + s for w, s in ps)))
def test_offsets_always_point_into_the_original_text(text: str) -> None:
    lex = _lex(("miracle cure", "hype", "s"), ("cure", "balance", "benefit"), ("<num>", "balance", "evidence"))
    for m in lex.find(text):
        assert text[m.start:m.end] == m.match
        assert m.match.strip() == m.match and m.match
    toks = tokenize(text)
    for s, e, low in zip(toks.starts, toks.ends, toks.lower):
        assert e - s == len(low)
    for s, e in split_sentences(text):
        assert text[s:e].strip() == text[s:e]


def _reference_tokens(text: str) -> tuple[list[str], list[int], int]:
    """TOKEN_PATTERN run over the whole normalised text: what tokenize must return."""
    # lower case, except characters whose lower case is longer (offsets stay valid)
    low = "".join(c.lower() if len(c.lower()) == 1 else c for c in normalize_for_matching(text))
    found = [(m.group(), m.start()) for m in re.finditer(TOKEN_PATTERN, low)]
    lower = [t for t, _ in found]
    return lower, [s for _, s in found], sum(t[0].isalpha() for t in lower)


# characters of every shape the fast paths of tokenize distinguish: letters
# (also non-ASCII and ones whose lower case is longer), digits (also
# non-ASCII), hyphens, apostrophes, quotes, brackets, marks, white space kinds
_TOKEN_ALPHABET = list("abAB \u00e9\u0130\u00df-\u2011'\u2019\"\u201c()[],.;:!?%/=\u00b10129\u0663_\n\t\u00a0\u2009") + ["n't", "don't"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TOKEN_ALPHABET), max_size=40).map("".join))
def test_tokenize_equals_the_token_pattern_over_the_whole_text(text: str) -> None:
    toks = tokenize(text)
    assert (toks.lower, toks.starts, toks.n_words) == _reference_tokens(text)


@pytest.mark.parametrize(
    "text",
    [
        "Scientists still don't really know how it works.",
        '"A game-changer," she said (in 2024), citing 3,299 patients; 95% CI 1.2\u20132.5.',
        "well--known  double  spaces\nand lines, e.g. U.S. data: x/y = 2.",
        "-lead trail- -- - a-b-c, (word) [x] it's isn't.",
    ],
)
def test_tokenize_examples_equal_the_token_pattern(text: str) -> None:
    toks = tokenize(text)
    assert (toks.lower, toks.starts, toks.n_words) == _reference_tokens(text)
    assert toks.keys == [reduce_word(t) if t[0].isalpha() or t[0] == "_" else t for t in toks.lower]


def test_pattern_expansion() -> None:
    seqs = compile_pattern("(really) know|understand")
    assert len(seqs) == 4
    assert reduce_word("studies") == reduce_word("study") == reduce_word("studied")
    # inflected words never collide with the negator
    assert reduce_word("noted") != reduce_word("not")


# --------------------------------------------------------------------------
# overlap resolution and sentence splitting: equal to plain reference versions


def _reference_resolve(raw: list[tuple[int, int, int]], dims: list[str], weights: list[float]) -> list[tuple[int, int, int]]:
    """Longest, earliest, heaviest, first entry wins; each kept match checked against every kept one."""
    order = sorted(raw, key=lambda r: (r[0] - r[1], r[0], -weights[r[2]], r[2]))
    kept: list[tuple[int, int, int]] = []
    for s, e, idx in order:
        if all(not (s < ke and ks < e) for ks, ke, ki in kept if dims[ki] == dims[idx]):
            kept.append((s, e, idx))
    return sorted(kept)


@st.composite
def _raw_matches(draw: st.DrawFn) -> tuple[list[tuple[int, int, int]], list[str], list[float]]:
    n_entries = draw(st.integers(1, 6))
    dims = draw(st.lists(st.sampled_from(["hype", "hedging", "balance"]), min_size=n_entries, max_size=n_entries))
    weights = draw(st.lists(st.sampled_from([0.4, 0.5, 1.0, 2.0]), min_size=n_entries, max_size=n_entries))
    n_tokens = draw(st.integers(1, 30))
    spans = st.tuples(st.integers(0, n_tokens - 1), st.integers(1, 5), st.integers(0, n_entries - 1)).map(
        lambda t: (t[0], min(t[0] + t[1], n_tokens), t[2]))
    raw = draw(st.lists(spans, max_size=40, unique=True))
    return raw, dims, weights


@settings(max_examples=500, deadline=None)
@given(_raw_matches())
def test_overlap_resolution_equals_the_pairwise_reference(case: tuple) -> None:
    raw, dims, weights = case
    expected = _reference_resolve(raw, dims, weights)
    kept = resolve_overlaps(list(raw), dims, weights)
    assert kept == expected
    # and what that means: within a dimension no token is in two kept matches,
    # and every dropped match shares a token with a kept one at least as long
    for a, (s1, e1, i1) in enumerate(kept):
        for s2, e2, i2 in kept[a + 1:]:
            assert dims[i1] != dims[i2] or e1 <= s2 or e2 <= s1
    for s, e, i in set(raw) - set(kept):
        assert any(dims[k] == dims[i] and s < ke and ks < e and ke - ks >= e - s for ks, ke, k in kept)


def test_matches_on_the_bundled_corpus_equal_those_of_the_pairwise_reference(
    raw_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import framelens
    from framelens.text import matching

    texts = framelens.load_corpus(raw_dir)["text"].tolist()
    texts.append(" ".join(texts))  # one long paragraph with many overlapping candidates
    lex = load_lexicon()
    found = [lex.find(t) for t in texts]
    monkeypatch.setattr(
        matching, "resolve_overlaps", lambda raw, dims, weights: _reference_resolve(raw, list(dims), list(weights))
    )
    assert [lex.find(t) for t in texts] == found
    assert sum(map(len, found)) > 100  # the corpus exercises the matcher


@pytest.mark.parametrize("with_claims", [False, True])
def test_find_equals_the_reference_resolution_and_flags_on_every_paragraph(raw_dir: Path, with_claims: bool) -> None:
    """The matcher's shortcuts (no overlap within a dimension, no negator or intensifier) change nothing.

    With the claim cues (the scoring lexicon) many paragraphs have matches of
    different dimensions sharing a token, and none of one dimension.
    """
    import framelens
    from framelens.scores.scoring import _Plan
    from framelens.text import matching

    texts = framelens.load_corpus(raw_dir)["text"].tolist()
    texts += ["It is not a breakthrough, not at all.", "A very, very remarkable and truly historic cure.",
              "The drug may reduce the risk and is associated with lower rates; it could cure it."]
    lex = _Plan(load_lexicon()).lexicon if with_claims else load_lexicon()
    matcher = lex.matcher
    entries = matcher.entries
    dims = [e[1] for e in entries]
    weights = [e[3] for e in entries]
    for text in texts:
        toks = tokenize(text)
        expected = _reference_resolve(matcher.scan(toks), dims, weights)
        found = matcher.find(text, toks)
        assert sorted((m.token_start, m.token_end, m.pattern, m.dimension) for m in found) == sorted(
            (s, e, entries[i][0], entries[i][1]) for s, e, i in expected
        )
        for m in found:
            window = toks.lower[max(0, m.token_start - matching.NEGATION_WINDOW) : m.token_start]
            clause = window[max([k + 1 for k, w in enumerate(window) if w in matching.CLAUSE_BREAKS], default=0) :]
            assert m.negated == any(w in matching.NEGATORS for w in clause), (text, m)


def _reference_sentences(text: str) -> list[tuple[int, int]]:
    """split_sentences with the word before each full stop found by searching back from it."""
    from framelens.text.tokens import _SENT_END_RE, ABBREVIATIONS, _add_span

    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END_RE.finditer(text):
        j = m.start()
        if text[j] == ".":
            i = max(text.rfind(" ", 0, j), text.rfind("\n", 0, j)) + 1
            prev = text[i:j].lstrip("\"'([").lower()
            if prev in ABBREVIATIONS or (len(prev) == 1 and prev.isalpha()):
                continue
        _add_span(text, pos, m.end(), spans)
        pos = m.end()
    if pos < len(text):
        _add_span(text, pos, len(text), spans)
    return spans


_SENTENCE_PARTS = st.sampled_from(
    ["Dr", "dr", "e.g", "U.S", "x", "A", "works", "(no", '"etc', ".", "..", "!", "?", '."', ".)", " ", "  ", "\n",
     "\t", "\u00a0"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_SENTENCE_PARTS, max_size=30).map("".join))
def test_split_sentences_equals_the_search_back_reference(text: str) -> None:
    assert split_sentences(text) == _reference_sentences(text)


def test_hedging_matches_carry_question_and_negated_after_flags() -> None:
    lex = _lex(("could", "hedging", "modal"), ("cure", "hype", "sensational"))
    asked = {m.match: m for m in lex.find("They asked if it could cure colds.")}
    assert asked["could"].in_question and not asked["could"].negated_after
    assert not asked["cure"].in_question  # only hedging matches get the flags
    refused = {m.match: m for m in lex.find("It could not cure colds.")}
    assert refused["could"].negated_after and not refused["could"].in_question
    plain = {m.match: m for m in lex.find("It could cure colds, they asked.")}
    assert not plain["could"].in_question and not plain["could"].negated_after


def test_next_key_gate_changes_no_match(raw_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A root word that only starts longer entries is walked only when the next token continues one: same matches."""
    import framelens
    from framelens.scores.scoring import _Plan
    from framelens.text import matching

    texts = framelens.load_corpus(raw_dir)["text"].tolist()
    texts += ["Of course it works, of course.", "It is not clear; it is not", "to some extent", "of"]
    entries = _Plan(load_lexicon()).lexicon.matcher.entries  # the scoring lexicon, claim cues included
    toks = [tokenize(t) for t in texts]
    gated = matching.Matcher(entries)
    found = [gated.scan(t) for t in toks]
    assert any(follow is not None for _, follow in gated._root_cache.values())  # the gate was used
    monkeypatch.setattr(matching, "_next_keys", lambda nodes: None)
    assert [matching.Matcher(entries).scan(t) for t in toks] == found
