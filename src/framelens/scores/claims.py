"""Claim strength: does a sentence state a correlation, a possible cause, or a cause?

Research findings are reported at four strengths (Sumner et al. 2014, BMJ;
Yu, Li & Wang 2019, EMNLP):

=== ====================== =========================================
0   no claim               no relation stated, or a recommendation /
                           call for research ("further studies are
                           needed")
1   correlational          "X is associated with / linked to Y",
                           "higher Y among X", "X predicts Y"
2   conditional causal     "X may reduce Y", "results suggest that X
                           improves Y"
3   direct causal          "X reduces / causes / prevents Y"
=== ====================== =========================================

How a sentence is read
----------------------
Cues come from the packaged lexicon ``lexicons/claims.csv`` (dimension
``claim``), matched with the project's tokeniser and token-trie matcher,
and are read sentence by sentence (:func:`framelens.text.tokens.split_sentences`):

``correlational``
    relation cues: strength 1.
``causal``
    causal verbs and nouns (*cause, lead to, prevent, improve, effective,
    effect of*): strength 3, or 2 when a ``hedge`` (*may, might, could,
    suggest, appear, likely, potential(ly)*) stands before it in the same
    sentence, at most :data:`HEDGE_WINDOW` tokens earlier and not across a
    semicolon.
``change``
    *reduce, decrease, increase, lower, raise, cut*: causal when used as an
    active verb ("statins reduce mortality"), correlational when used as an
    adjective or a passive/description ("a reduced risk", "was increased in
    women", "associated with lower ..."): see :func:`_change_is_adjectival`.
``verb``
    press-release causal verbs that are also nouns (*damage, harm, block,
    halt, shield*): causal only as an active verb ("pollution damages the
    lungs"), nothing as a noun ("liver damage was"): see :func:`_reads_as_verb`.
``make``
    *make, put*: causal only with their complement ("makes people less
    willing", "puts women at risk"): see :func:`_make_completed`.
``than``
    a comparison of groups ("shorter in girls than boys"): correlational
    after a comparative in its clause, nothing after *rather / other* or
    before a quantity ("more than half"): see :func:`_compares`.
``recommendation``, ``question``
    *should, needed, warranted, further studies*, *whether*: what follows in
    the clause (up to a semicolon) is asked for, not found ("further studies
    are needed to test whether X reduces Y"), so its cues state no claim; a
    cue in the subject of a recommendation ("this association merits
    further study") states none either: see :func:`_recommended_subject`.
``ignore``
    phrases that contain a cue word but state no relation (*side effects*).

Negation does not lower the strength: "X was not associated with Y" is a
correlational claim and "X did not reduce Y" a direct causal one (the
convention of both annotated sources); the ``negated`` column reports it.
A text's strength is that of its strongest sentence.

Overclaiming
------------
A sentence *overclaims* (used by :mod:`framelens.scores.hype`) when its strongest
claim is direct causal, its cue is an outcome verb (lexicon weight 1:
*prevents, cures, detects, improves, reduces*), no hedge nor negator stands
in it, it is not a question, it names a health outcome (lexicon category
``outcome``: *cancer, death, pain, dementia*), and it reads as a finding
(:func:`_reads_as_finding`: a headline, or a sentence about a study, with
the cue used as a verb and no *if / hope / mission / aim* frame). This is
deliberately narrow: it catches "New blood test detects early stage
pancreatic cancer", not "the drug may help some patients" nor "smoking is
the leading cause of death".

Comparing a report with its source
----------------------------------
:func:`compare_claims` puts the strength of a reference (an abstract's
conclusion) beside that of a report (a press release or news story) and
labels the pair ``same`` / ``exaggerates`` / ``downplays``; it also flags a
dropped hedge and a sample generalised from animals, cells or a small
trial to people.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import pandas as pd

from framelens.errors import AnalysisError
from framelens.text.lexicon import Lexicon, load_lexicon
from framelens.text.matching import NEGATORS, Match, Matcher, compile_pattern, cue_before
from framelens.text.normalize import normalize_for_matching
from framelens.text.tokens import CLAUSE_BREAKS, Tokens, split_sentences, tokenize

__all__ = [
    "DIMENSION",
    "LABELS",
    "HEDGE_WINDOW",
    "SentenceClaim",
    "claims_lexicon",
    "cue_lexicon",
    "cues_of",
    "find_with_cues",
    "shared_cues",
    "sentence_claims",
    "read_claims",
    "claim_strength",
    "compare_claims",
    "strength_label",
    "SCORE_COLUMNS",
    "claim_values",
    "evidence_rows",
    "SCHEMES",
]

DIMENSION = "claim"

#: Strength -> label name.
LABELS: dict[int, str] = {0: "no claim", 1: "correlational", 2: "conditional causal", 3: "direct causal"}

#: Category names of the evidence rows, by strength.
LEVEL_CATEGORY: dict[int, str] = {1: "correlational", 2: "conditional", 3: "causal"}

#: How many tokens before a relation cue a hedge may end and still make it
#: conditional ("our results suggest that regular exercise may reduce").
HEDGE_WINDOW: int = 15

#: How many tokens before a relation cue a correlational cue may end and turn
#: a following change word or causal word into a description ("associated
#: with improved survival", "linked to lower mortality").
CORRELATION_REACH: int = 4

#: Coding conventions. ``"yu2019"`` (Yu, Li & Wang 2019, the default):
#: negation keeps the strength ("did not reduce" is direct causal) and *can*
#: states a cause ("can reduce" = 3). ``"insciout"`` (Sumner et al. 2014 as
#: coded in InSciOut): an explicit statement of no relationship is 0 and
#: *can* makes a causal claim conditional ("can reduce" = 2).
SCHEMES: tuple[str, ...] = ("yu2019", "insciout")

_RELATION = frozenset({"correlational", "causal", "change", "test", "verb", "make", "than"})

# tokens before a verb-or-noun cue that make it a noun ("liver damage" reads
# as a noun after these as after the change words' _ADJ_BEFORE; "any harm",
# "benefits and harms", "a potential halt")
_NOUN_WORDS = frozenset(
    {"any", "some", "no", "much", "more", "less", "little", "and", "or", "potential", "possible", "serious",
     "severe", "further", "our", "your", "this", "that", "these", "those", "to", "on", "its", "their", "his",
     "her", "such", "major", "minor", "permanent", "lasting", "long", "real", "greater", "cause", "causes",
     "caused", "causing", "prevent", "prevents", "prevented", "preventing", "reduce", "reduces", "reduced",
     "reducing", "without", "against", "fewer"}
)  # fmt: skip

# what completes a "make" cue: "makes people less willing", "made them more likely", "puts women at risk"
_MAKE_COMPARATIVES = frozenset(
    {"more", "less", "likelier", "unlikely", "likely", "worse", "better", "sicker",
     "healthier", "fatter", "thinner", "happier", "sadder", "stronger", "weaker", "smarter", "faster",
     "slower", "longer", "shorter", "safer", "riskier", "prone", "susceptible", "vulnerable", "resistant"}
)  # fmt: skip

#: How many tokens after a *make* / *put* cue its complement ("less willing",
#: "at risk") may start.
MAKE_REACH: int = 4

# tokens before a change word that make it an adjective or a passive:
# "a reduced risk", "with lower", "was increased", "had decreased"
_ADJ_BEFORE = frozenset(
    {"a", "an", "the", "with", "of", "is", "was", "were", "are", "be", "been", "being",
     "had", "has", "have", "in", "at", "by", "for", "their", "its", "his", "her", "into", "from",
     "percent", "cent", "%", "times", "fold", "showed", "show", "shows", "had", "significant", "significantly", "markedly",
     "slightly", "further", "no", "not", "n't"}
)  # fmt: skip
# words before "to" that make "to <verb>" report a finding ("shown to reduce")
# rather than a purpose ("interventions to reduce")
_CLAIM_TO = frozenset(
    {"shown", "found", "known", "proven", "able", "likely", "unlikely", "appear", "appears", "appeared",
     "potential", "ability",  # "has the potential to prevent": a claim, hedged; not a purpose
     "seem", "seems", "seemed", "help", "helps", "helped", "used", "reported", "observed",
     "demonstrated", "expected", "tend", "tends", "tended", "continue", "continued", "going", "due"}
)  # fmt: skip
# tokens that make a following bare "lower" a verb ("may lower", "to lower")
_VERB_BEFORE = frozenset({"to", "can", "may", "might", "could", "will", "would", "should", "does", "do", "did"})
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
# tokens before "not" that leave a change word a verb ("did not reduce")
_DO_MODALS = frozenset({"do", "does", "did", "ca", "can", "could", "will", "would", "may", "might", "should", "must"})
# tokens after a verb-or-noun cue that show it is the subject ("liver damage was")
_SUBJECT_AFTER = frozenset({"was", "were", "is", "are", "has", "have", "had", "and", "or", "that", "which", "caused",
                            "due", "because", "associated", "related", "linked"})
# tokens after a change word that show a description of a difference
_ADJ_AFTER = frozenset(
    {"in", "among", "across", "with", "at", ",", ".", "during", "after", "over", "when", "by", "from",
     "to", "significantly", "linearly", "steadily", "markedly", "substantially", "slightly", "gradually",
     "progressively", "continuously", "between", "than", "on", "compared", "relative"}
)  # fmt: skip


class SentenceClaim:
    """The strongest claim of one sentence (read-only).

    Attributes
    ----------
    strength : int
        1-3 (see :data:`LABELS`).
    start, end : int
        The sentence's character span in the text.
    cue : Match
        The relation cue that set the strength.
    hedge : Match or None
        The hedge that made the claim conditional, if any.
    negated : bool
        A negator stands just before the cue ("was not associated").
    outcome : Match or None
        The health outcome of an overclaiming sentence (looked up only there).
    overclaim : bool
        An unhedged, unnegated direct causal claim about a health outcome,
        stated as a finding (see the module docstring).

    Notes
    -----
    ``cue`` and ``hedge`` are built from their character spans when first
    asked for: scoring needs only the strengths. A claim holds no tokens, so
    that a paragraph's tokens are freed as soon as it has been read, and
    keeps its cue's fields in its own slots: one object per claim, whatever
    the number of paragraphs a scoring block holds.
    """

    __slots__ = ("strength", "start", "end", "negated", "outcome", "overclaim", "_text", "_cs", "_ce", "_ts",
                 "_te", "_category", "_weight", "_pattern", "_hedge")

    def __init__(self, strength: int, start: int, end: int, negated: bool, outcome: Match | None,
                 text: str, cue: _Placed, hedge: _Placed | None) -> None:
        self.strength = strength
        self.start = start
        self.end = end
        self.negated = negated
        self.outcome = outcome
        self.overclaim = outcome is not None
        self._text = text
        self._cs, self._ce, c = cue
        self._ts, self._te, self._category, self._weight, self._pattern = c[:5]
        self._hedge = hedge

    @property
    def cue(self) -> Match:
        cs, ce = self._cs, self._ce
        return Match(cs, ce, self._pattern, DIMENSION, self._category, self._weight, self._text[cs:ce],
                     self.negated, self._hedge is not None, False, self._ts, self._te)

    @property
    def hedge(self) -> Match | None:
        return None if self._hedge is None else _as_match(self._text, self._hedge)

    def __repr__(self) -> str:
        return (f"SentenceClaim(strength={self.strength}, start={self.start}, end={self.end}, "
                f"cue={self.cue.match!r}, hedge={self.hedge.match if self.hedge else None!r}, "
                f"negated={self.negated}, overclaim={self.overclaim})")


@lru_cache(maxsize=1)
def claims_lexicon() -> Lexicon:
    """The packaged claim lexicon (``lexicons/claims.csv``), cached."""
    return load_lexicon("claims")


#: Categories looked up only where needed (a health outcome in a sentence
#: that may overclaim; samples when comparing a report with its source),
#: not in every paragraph.
ON_DEMAND_CATEGORIES: frozenset[str] = frozenset({"outcome", "sample_limited", "sample_general"})


def _part(categories: Iterable[str], keep: bool, name: str) -> Lexicon:
    cats = frozenset(categories)
    rows = tuple(r for r in claims_lexicon().entries if (r[2] in cats) == keep)
    return Lexicon(rows, name=name)


@lru_cache(maxsize=2)
def cue_lexicon(scheme: str = "yu2019") -> Lexicon:
    """The claim cues read in every sentence: relation cues, hedges, recommendations.

    *can* is included only for the ``insciout`` scheme, the only one that
    reads it; leaving out a frequent word the default scheme ignores keeps
    scoring fast.
    """
    skip = ON_DEMAND_CATEGORIES if _check_scheme(scheme) == "insciout" else ON_DEMAND_CATEGORIES | {"can"}
    return _part(skip, False, f"claims.csv (cues, {scheme})")


@lru_cache(maxsize=1)
def _outcome_lexicon() -> Lexicon:
    return _part({"outcome"}, True, "claims.csv (outcomes)")


@lru_cache(maxsize=1)
def _sample_lexicon() -> Lexicon:
    return _part({"sample_limited", "sample_general"}, True, "claims.csv (samples)")


# A claim cue found in the tokens: (token_start, token_end, category, weight,
# pattern, entry order); plain tuples, since every paragraph has a few.
_Cue = tuple
# A cue with its character span: (char_start, char_end, cue).
_Placed = tuple


#: Dimensions of the scoring lexicon whose entries may stand in for claim
#: cues with the same pattern (:func:`shared_cues`).
SHARED_DIMENSIONS: tuple[str, ...] = ("hedging", "balance")


@lru_cache(maxsize=2)
def _cue_info(scheme: str = "yu2019") -> Mapping[str, tuple[str, float, str, int]]:
    """pattern -> (category, weight, pattern, entry order) of the active cues of :func:`cue_lexicon`."""
    return MappingProxyType(
        {r[0]: (r[2], r[3], r[0], i) for i, r in enumerate(cue_lexicon(scheme).entries) if r[3] > 0}
    )


def shared_cues(lexicon: Lexicon) -> dict[tuple[str, str], tuple[str, float, str, int]]:
    """Claim cues that another lexicon already matches exactly as the claim lexicon would.

    A claim cue whose pattern is an active entry of a :data:`SHARED_DIMENSIONS`
    dimension of ``lexicon`` (*may*, *suggest* in ``hedging``; *effective*,
    *reduce* in ``balance``) need not be matched twice: that entry's matches
    are the cue's, provided no other entry of that dimension shares a token
    with it (so overlap resolution within the dimension can never drop or
    change it). Scoring matches only the other cues and reads these from
    the shared matches, with the same result as matching the claim lexicon
    alone.

    Returns
    -------
    dict
        ``(dimension, pattern) -> (category, weight, pattern, entry order)``.
    """
    info = _cue_info()
    tokens: dict[str, dict[str, set[str]]] = {}
    for r in lexicon.entries:
        if r[1] in SHARED_DIMENSIONS and r[3] > 0:
            keys = {a[1] for seq in compile_pattern(r[0]) for a in seq}
            tokens.setdefault(r[1], {})[r[0]] = keys
    out = {}
    for dim, rows in tokens.items():
        for pattern, keys in rows.items():
            if pattern not in info:
                continue
            if any(keys & other for p, other in rows.items() if p != pattern):
                continue
            out[(dim, pattern)] = info[pattern]
    return out


def cues_of(
    matches: Iterable[Match], shared: Mapping[tuple[str, str], tuple[str, float, str, int]] | None = None
) -> list[_Cue]:
    """Claim cues of a paragraph from its matches.

    Parameters
    ----------
    matches : iterable of Match
        Matches of :func:`cue_lexicon`, or of a lexicon that holds its
        entries (``claim`` matches are kept).
    shared : mapping, optional
        :func:`shared_cues` of that lexicon: matches of other dimensions that
        stand in for claim cues.

    Returns
    -------
    list
        Cues in text order, overlaps resolved as the matcher resolves them
        within one dimension; empty when there is no relation cue (then no
        sentence claims).
    """
    info = _cue_info()
    cues = []
    for m in matches:
        if m.dimension == DIMENSION:
            c = info.get(m.pattern) or (m.category, m.weight, m.pattern, -1)
        elif shared:
            c = shared.get((m.dimension, m.pattern))
            if c is None:
                continue
        else:
            continue
        cues.append((m.token_start, m.token_end, c[0], c[1], c[2], c[3]))
    return _resolved(cues)


# matcher id -> (matcher, its cue table); the matcher is held so that its id stays its own
_ENTRY_CUES: dict[int, tuple[Matcher, tuple[tuple[str, float, str, int] | None, ...]]] = {}


def _entry_cues(matcher: Matcher) -> tuple[tuple[str, float, str, int] | None, ...]:
    """By entry index of ``matcher``: what :func:`cues_of` reads from a ``claim`` match.

    Kept by matcher identity: hashing a lexicon hashes all its rows, too
    slow to do once per paragraph.
    """
    got = _ENTRY_CUES.get(id(matcher))
    if got is not None and got[0] is matcher:
        return got[1]
    info = _cue_info()
    table = tuple((info.get(p) or (c, w, p, -1)) if d == DIMENSION else None for p, d, c, w in matcher.entries)
    if len(_ENTRY_CUES) >= 8:
        _ENTRY_CUES.clear()
    _ENTRY_CUES[id(matcher)] = (matcher, table)
    return table


def find_with_cues(
    lexicon: Lexicon,
    text: str,
    tokens: Tokens,
    shared: Mapping[tuple[str, str], tuple[str, float, str, int]] | None = None,
) -> tuple[list[Match], list[_Cue]]:
    """``lexicon``'s matches in ``text`` other than claim cues, and the claim cues, from one pass.

    Equivalent to ``(matches without the claim ones, cues_of(matches, shared))``
    for ``matches = lexicon.find(text, tokens=tokens)``, without building a
    :class:`~framelens.text.matching.Match` (and its negation, intensifier and
    hedge flags, which claims do not read) for every claim cue.

    Parameters
    ----------
    lexicon : Lexicon
        A lexicon holding the claim cues (e.g. the scoring lexicon with
        :func:`cue_lexicon` added).
    text : str
        A paragraph.
    tokens : Tokens
        Its tokens.
    shared : mapping, optional
        :func:`shared_cues` of ``lexicon``.
    """
    matcher = lexicon.matcher
    matches, apart = matcher.find_apart(text, tokens, DIMENSION)
    if not apart:
        if not shared:
            return matches, []
        return matches, cues_of(matches, shared)
    table = _entry_cues(matcher)
    found = [(ts, te) + table[i] for ts, te, i in apart]  # type: ignore[operator]
    if shared:
        patterns = _shared_patterns(shared)
        for m in matches:
            if m.pattern in patterns:
                c = shared.get((m.dimension, m.pattern))
                if c is not None:
                    found.append((m.token_start, m.token_end, c[0], c[1], c[2], c[3]))
    return matches, _resolved(found)


_SHARED_PATTERNS: dict[int, tuple[Mapping[Any, Any], frozenset[str]]] = {}


def _shared_patterns(shared: Mapping[tuple[str, str], Any]) -> frozenset[str]:
    """The patterns of a :func:`shared_cues` mapping (kept by identity)."""
    got = _SHARED_PATTERNS.get(id(shared))
    if got is not None and got[0] is shared:
        return got[1]
    patterns = frozenset(p for _, p in shared)
    if len(_SHARED_PATTERNS) >= 8:
        _SHARED_PATTERNS.clear()
    _SHARED_PATTERNS[id(shared)] = (shared, patterns)
    return patterns


def _resolved(cues: list[_Cue]) -> list[_Cue]:
    """Cues in text order, overlaps resolved; empty without a relation cue (see :func:`cues_of`)."""
    for c in cues:
        if c[2] in _RELATION:
            break
    else:
        return []
    cues.sort()
    end = -1
    for c in cues:
        if c[0] < end:
            break
        end = c[1]
    else:
        return cues
    # overlaps: longest, earliest, heaviest
    kept: list[tuple[Any, ...]] = []
    for c in sorted(cues, key=lambda c: (c[0] - c[1], c[0], -c[3], c[5])):
        if all(c[1] <= k[0] or k[1] <= c[0] for k in kept):
            kept.append(c)
    return sorted(kept)


def _placed(tokens: Tokens, c: _Cue) -> _Placed:
    """A cue with its character span: ``(char_start, char_end, cue)``."""
    te = c[1]
    return (tokens.starts[c[0]], tokens.starts[te - 1] + len(tokens.lower[te - 1]), c)


def _as_match(text: str, placed: _Placed, negated: bool = False, hedged: bool = False) -> Match:
    cs, ce, c = placed
    ts, te, category, weight, pattern = c[:5]
    return Match(cs, ce, pattern, DIMENSION, category, weight, text[cs:ce], negated, hedged, False, ts, te)


def _change_is_adjectival(lower: Sequence[str], ts: int, te: int) -> bool:
    """True if a change word is an adjective or a passive description, not an active verb."""
    if lower[ts] == "lower":  # bare "lower" is a comparative unless a modal or "to" makes it a verb
        if ts >= 2 and lower[ts - 1] in ("not", "n't") and lower[ts - 2] in _DO_MODALS:
            return False  # "did not lower"
        return ts == 0 or lower[ts - 1] not in _VERB_BEFORE
    j = ts - 1
    while j >= 0 and lower[j].endswith("ly") and lower[j] != "only":
        j -= 1  # skip adverbs: "significantly reduced"
    if j < 0:
        return True  # sentence-initial "Reduced ..." / "Lower ...": adjective
    if lower[j] in ("not", "n't") and j > 0 and lower[j - 1] in _DO_MODALS:
        return False  # "did not reduce", "cannot lower": a verb, negated
    progressive = lower[ts].endswith("ing") and lower[j] in _BE  # "are raising the odds": active
    if not progressive and (lower[j] in _ADJ_BEFORE or (lower[j].endswith("ed") and len(lower[j]) > 4)):
        return True  # "a reduced risk", "was increased", "sparked increased interest"
    nxt = lower[te] if te < len(lower) else "."
    return nxt in _ADJ_AFTER


def _reads_as_verb(lower: Sequence[str], ts: int, te: int) -> bool:
    """True if a verb-or-noun cue ("damages", "harm", "blocks") is used as an active verb."""
    if ts > 0 and (lower[ts - 1] in _NOUN_WORDS or lower[ts - 1] in _NOUN_BEFORE):
        return False
    if te < len(lower) and (lower[te] == "of" or lower[te] in _SUBJECT_AFTER):
        return False  # "damage of", "a halt of", "liver damage was"
    return not _change_is_adjectival(lower, ts, te)


def _make_completed(lower: Sequence[str], ts: int, te: int) -> bool:
    """True if a *make* / *put* cue has its causal complement within :data:`MAKE_REACH` tokens.

    "makes people less willing", "made them more likely to", "puts women
    at risk"; not "made progress", "makes it possible to" (an enabling
    frame, no comparative), "took place".
    """
    put = lower[ts].startswith(("put", "plac"))
    end = min(len(lower), te + MAKE_REACH + 1)
    for t in range(te, end):
        tok = lower[t]
        if tok in CLAUSE_BREAKS:
            return False
        if put:
            if tok == "at" and "risk" in lower[t + 1 : t + 4]:
                return True
        elif t > te and tok in _MAKE_COMPARATIVES:
            return True
    return False


#: Comparatives that, before *than*, compare two groups or conditions
#: ("females had a shorter NT than males", "more susceptible to T2D than
#: women"): a correlational finding (Yu, Li & Wang 2019).
_COMPARATIVES = frozenset(
    {"more", "less", "fewer", "better", "worse", "poorer", "older", "younger", "longer", "shorter", "larger",
     "smaller", "bigger", "earlier", "later", "faster", "slower", "stronger", "weaker", "thicker", "thinner",
     "heavier", "lighter", "wider", "narrower", "deeper", "steeper", "sicker", "healthier", "likelier",
     "commoner", "rarer", "milder", "severer", "costlier", "cheaper", "safer", "riskier", "superior", "inferior",
     "lesser"}
)  # fmt: skip

#: How many tokens before *than* its comparative may stand.
THAN_REACH: int = 6

# words after "than" that make the comparison a quantity ("more than half of patients")
_QUANTITY = frozenset({"half", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                       "twice", "double", "a", "expected", "usual", "previously", "reported", "before"})


def _compares(lower: Sequence[str], s: int) -> bool:
    """True if *than* at token ``s`` closes a comparison of groups or conditions, not a quantity.

    A comparative (:data:`_COMPARATIVES`) stands at most :data:`THAN_REACH`
    tokens before it in the same clause; not "rather / other than", nor a
    number or quantity after it ("more than 50%", "less than half").
    """
    if s == 0 or lower[s - 1] in ("rather", "other"):
        return False
    nxt = lower[s + 1] if s + 1 < len(lower) else "."
    if nxt[:1].isdigit() or nxt in _QUANTITY:
        return False
    return cue_before(lower, s, THAN_REACH, _COMPARATIVES)


def _purpose(lower: Sequence[str], s: int) -> bool:
    """True if the verb at token ``s`` is an infinitive of purpose ("efforts to reduce", "to help diagnose")."""
    if s >= 3 and lower[s - 1] in ("help", "helps") and lower[s - 2] == "to":
        s -= 1
    return s >= 1 and lower[s - 1] == "to" and (s == 1 or lower[s - 2] not in _CLAIM_TO)


#: Verbs that, after "to", state what a study sets out to learn ("needed to
#: determine its efficacy", "designed to assess whether it reduces pain"):
#: a cue in their reach is a research aim, not a finding (Yu, Li & Wang 2019
#: code such sentences as no claim).
_AIM_VERBS = frozenset({
    "determine", "establish", "assess", "evaluate", "investigate", "examine", "explore", "test",
    "confirm", "understand", "clarify", "measure", "study", "identify", "ascertain", "verify",
    "quantify", "characterize", "characterise", "elucidate", "compare", "learn", "see", "know",
})

#: How many tokens before a cue "to <aim verb>" may stand.
AIM_REACH: int = 8

_ABILITY = frozenset({"able", "unable", "failed", "fail", "fails"})

# a clause ends at punctuation (as negation and hedge scope do) or where "but" / "and" opens another
_AIM_BREAKS = CLAUSE_BREAKS | {"but", "and"}


def _research_aim(lower: Sequence[str], s: int) -> bool:
    """True if the cue at token ``s`` lies in a "to <aim verb> ..." clause ("required to establish its efficacy")."""
    for t in range(s - 1, max(0, s - 1 - AIM_REACH), -1):
        tok = lower[t]
        if tok in _AIM_BREAKS:
            return False
        if tok in _AIM_VERBS and lower[t - 1] == "to":
            # "were unable to confirm that ...": a finding about what was tried
            return t < 2 or lower[t - 2] not in _ABILITY
    return False


#: Tokens that end the subject of a recommendation: a later clause or a
#: finding verb between a cue and a following *should / needed / warrants*
#: make the recommendation its own ("X reduced pain, and further trials are
#: needed"; "X reduced pain but should be tested").
_SUBJECT_BREAKS = CLAUSE_BREAKS | {"but", "whereas", "while", "although", "though", "which", "that", "suggest",
                                   "suggests", "indicate", "indicates", "show", "shows", "showed", "found",
                                   "and"}

_RELATIVE = frozenset({"that", "which", "who"})

#: How many tokens after a cue a recommendation may start and still take the
#: cue's noun phrase as its subject.
RECOMMENDED_REACH: int = 12


def _recommended_subject(lower: Sequence[str], ts: int, te: int, r: int) -> bool:
    """True if a cue at tokens ``ts:te`` stands in the subject of a recommendation starting at ``r``.

    "The association between X and Y deserves further study", "the effect
    of X on Y should be confirmed", "this relationship needs to be studied
    in larger samples": the cue names what is to be studied, and the
    sentence states no finding (Yu, Li & Wang 2019 code such sentences 0).
    """
    if r - te > RECOMMENDED_REACH:
        return False
    if not _RELATIVE.isdisjoint(lower[max(0, ts - 3) : ts]):
        return False  # "defects that are associated with smoking should be listed": a finding in a relative clause
    return _SUBJECT_BREAKS.isdisjoint(lower[te:r])


def _clause_clear(lower: Sequence[str], a: int, b: int) -> bool:
    """No semicolon between token positions ``a`` and ``b``."""
    return ";" not in lower[a:b]


def sentence_claims(
    text: str,
    tokens: Tokens,
    spans: Sequence[tuple[int, int]],
    scheme: str = "yu2019",
    cues: list[_Cue] | None = None,
) -> list[SentenceClaim]:
    """The strongest claim of every sentence that makes one.

    Parameters
    ----------
    text : str
        A paragraph (offsets refer to it).
    tokens : Tokens
        Its tokens (:func:`framelens.text.tokens.tokenize` of the normalised text).
    spans : sequence of (int, int)
        Its sentence spans (:func:`framelens.text.tokens.split_sentences`).
    scheme : {"yu2019", "insciout"}
        Coding convention (see :data:`SCHEMES`).
    cues : list, optional
        :func:`cues_of` the paragraph's matches, when the caller has matched
        :func:`cue_lexicon` together with other entries in one pass; by
        default the cues are matched here.

    Returns
    -------
    list of SentenceClaim
        One per sentence with strength > 0, in order.
    """
    if cues is None:
        cues = cues_of(cue_lexicon(scheme).find(text, tokens=tokens))
    if not cues or not spans:
        return []
    insciout = scheme == "insciout"
    tstarts = tokens.starts
    if len(spans) == 1:
        per = {0: cues}
    else:  # cues are in order: cut them at sentence starts
        sstarts = [s for s, _ in spans]
        per = {}
        k, nxt, bucket = -1, -1, None
        for c in cues:
            cs_ = tstarts[c[0]]
            if bucket is None or cs_ >= nxt:
                k = max(0, bisect_right(sstarts, cs_) - 1)
                nxt = sstarts[k + 1] if k + 1 < len(sstarts) else len(text) + 1
                bucket = per.setdefault(k, [])
            bucket.append(c)
    lower = tokens.lower
    out = []
    for k, cs in per.items():
        s, e = spans[k]
        if text[e - 1] == "?":
            continue  # a question states no claim
        found = _one_sentence(lower, cs, insciout)
        if found is None:
            continue
        level, cue, hedge, negated, candidate = found
        outcome = None
        if candidate:
            a, b = bisect_right(tstarts, s - 1), bisect_right(tstarts, e - 1)
            if _reads_as_finding(text, tokens, a, b, cue):
                outcome = _outcome_in(text, tokens, a, b)
        out.append(SentenceClaim(level, s, e, negated, outcome, text, _placed(tokens, cue),
                                 None if hedge is None else _placed(tokens, hedge)))
    return out


#: Words that put a sentence's claim in a conditional, hoped-for or purpose
#: frame ("if it proves effective", "we hope it will cure", "our mission is
#: to cure"): such a sentence does not overclaim.
NOT_A_FINDING: frozenset[str] = frozenset(
    {"if", "whether", "unless", "hope", "hopes", "hoped", "hopeful", "hoping", "mission", "goal", "aim",
     "aims", "designed", "intended", "would", "seek", "seeks", "strive", "strives", "dedicated", "committed",
     "works"}
)  # fmt: skip

#: Words that present a sentence as reporting a study's finding.
FINDING_WORDS: frozenset[str] = frozenset(
    {"study", "studies", "trial", "trials", "research", "researchers", "scientists", "results", "findings",
     "found", "finds", "find", "shows", "showed", "shown", "show", "according", "reveals", "revealed",
     "demonstrates", "demonstrated", "discovered", "analysis", "meta"}
)  # fmt: skip

# tokens before a cue that make it a noun or gerund ("a cure", "in preventing")
_NOUN_BEFORE = frozenset({"a", "an", "the", "of", "in", "for", "at", "by", "its", "their", "his", "her", "our", "your"})

#: A sentence without final punctuation and at most this many tokens reads
#: as a title or headline.
TITLE_TOKENS: int = 25


def _reads_as_finding(text: str, tokens: Tokens, a: int, b: int, cue: _Cue) -> bool:
    """Whether a direct causal cue in tokens ``a:b`` is stated as a finding (for overclaiming).

    Conservative: the sentence is a headline (no final punctuation, short)
    or speaks of a study or its findings; the cue is a verb or adjective, not
    a noun ("a cure", "in preventing") nor a capitalised name inside a
    sentence ("the journal Preventing Chronic Disease"); and nothing frames
    it as conditional, hoped for or a purpose.
    """
    lower, starts = tokens.lower, tokens.starts
    ts, te = cue[0], cue[1]
    if ts > a and lower[ts - 1] in _NOUN_BEFORE or (te < b and lower[te] == "of"):
        return False
    words = lower[a:b]
    if not NOT_A_FINDING.isdisjoint(words):
        return False
    title = b - a <= TITLE_TOKENS and words[-1] not in (".", "!", "?", '"')
    if title:
        return True
    if ts > a and text[starts[ts]].isupper():
        return False  # a capitalised name inside a sentence
    return not FINDING_WORDS.isdisjoint(words)


def _outcome_in(text: str, tokens: Tokens, a: int, b: int) -> Match | None:
    """The first health-outcome term among tokens ``a:b`` of ``text``."""
    part = Tokens(tokens.lower[a:b], tokens.starts[a:b], 0)
    found = _outcome_lexicon().find(text, tokens=part)
    return found[0] if found else None


def _check_scheme(scheme: str) -> str:
    if scheme not in SCHEMES:
        raise AnalysisError(f"unknown claim coding scheme {scheme!r}; choose one of {list(SCHEMES)}")
    return scheme


def _one_sentence(
    lower: Sequence[str], cs: list[_Cue], insciout: bool
) -> tuple[int, _Cue, _Cue | None, bool, bool] | None:
    """Strength, cue, hedge, negated and "may overclaim" of one sentence's strongest claim."""
    hedges: list[_Cue] = []
    corr_ends: list[int] = []
    recs: list[int] = []
    needs: list[int] = []
    rel: list[_Cue] = []
    for c in cs:
        cat = c[2]
        if cat in _RELATION:
            rel.append(c)
            if cat == "correlational":
                corr_ends.append(c[1])
        elif cat == "hedge" or (insciout and cat == "can"):
            hedges.append(c)
        elif cat == "recommendation" or cat == "question":
            recs.append(c[0])
            if cat == "recommendation":
                needs.append(c[0])
    if not rel:
        return None
    level, cue, hedge = 0, None, None
    for c in rel:
        ts, te, cat = c[0], c[1], c[2]
        if cat != "correlational" and _purpose(lower, ts):
            continue
        if _research_aim(lower, ts):
            continue  # what a study sets out to learn, not what it found
        if recs and any(r < ts and _clause_clear(lower, r, ts) for r in recs):
            continue  # asked for by a recommendation earlier in the clause
        if needs and any(r >= te and _recommended_subject(lower, ts, te, r) for r in needs):
            continue  # the subject of a recommendation ("this association deserves further study")
        lev = 1
        if cat == "make" and not _make_completed(lower, ts, te):
            continue  # "made progress", "in place": no causing
        if cat == "than" and not _compares(lower, ts):
            continue  # "rather than", "more than half", "larger than 5 mm": no comparison of groups
        if cat == "verb" and not _reads_as_verb(lower, ts, te):
            continue  # "liver damage", "any harm": a noun, not a claim
        if cat != "correlational" and cat != "than":
            adjectival = (cat == "change" or cat == "test") and _change_is_adjectival(lower, ts, te)
            if adjectival and cat == "test":
                continue  # "was detected in 30%": a count, not a claim
            if not adjectival and not (corr_ends and any(0 <= ts - ce <= CORRELATION_REACH for ce in corr_ends)):
                lev = 3
        h = None
        for x in hedges:
            if x[1] <= ts and ts - x[1] <= HEDGE_WINDOW and _clause_clear(lower, x[1], ts):
                h = x  # the nearest one wins (hedges are in order)
            elif x[1] > ts:
                break
        if lev == 3 and h is not None:
            lev = 2
        if lev > level:
            level, cue, hedge = lev, c, h
    if cue is None:
        return None
    # "was not associated": the negator may also stand inside the cue
    negated = _negated(lower, cue[0]) or not NEGATORS.isdisjoint(lower[cue[0] : cue[1]])
    if insciout and negated:
        return None  # an explicit statement of no relationship
    candidate = (
        level == 3 and cue[3] >= 1.0 and not hedges and not negated
        and NEGATORS.isdisjoint(lower[cs[0][0] : cs[-1][1]])
    )
    return level, cue, hedge, negated, candidate


_CONTRAST = frozenset({"and", "but", "or", ","})


def _negated(lower: Sequence[str], s: int, window: int = 3) -> bool:
    for t in range(s - 1, max(-1, s - 1 - window), -1):
        if lower[t] in NEGATORS:
            # "protein and not sugar activates": a contrast between subjects, not a denial
            return not (t < s - 1 and t > 0 and lower[t] == "not" and lower[t - 1] in _CONTRAST)
        if lower[t] in (",", ";", ":", "."):
            return False
    return False


def read_claims(text: str, *, tokens: Tokens | None = None, scheme: str = "yu2019") -> list[SentenceClaim]:
    """The strongest claim of every sentence of one text that makes one.

    Parameters
    ----------
    text : str
        A paragraph or sentence.
    tokens : Tokens, optional
        Its tokens, if already computed.
    scheme : {"yu2019", "insciout"}
        Coding convention (see :data:`SCHEMES`).
    """
    return _read(text, tokens, scheme)[0]


def _read(text: str, tokens: Tokens | None, scheme: str) -> tuple[list[SentenceClaim], int]:
    _check_scheme(scheme)
    norm = normalize_for_matching(text)
    toks = tokenize(norm, normalized=True) if tokens is None else tokens
    spans = split_sentences(norm)
    return sentence_claims(text, toks, spans, scheme), len(spans)


# --------------------------------------------------------------------------
# score columns and evidence rows (used by framelens.scores.scoring)

#: Score columns: the paragraph's strongest claim, then how many of its
#: sentences claim at each strength.
SCORE_COLUMNS: tuple[str, ...] = ("claim_strength", "claim_correlational", "claim_conditional", "claim_causal")


def claim_values(claims: Sequence[SentenceClaim]) -> list[int]:
    """Score columns of one paragraph, in :data:`SCORE_COLUMNS` order.

    ``claim_strength`` is the strength of the strongest sentence (0 when
    there is none); the others count sentences whose strongest claim is
    correlational, conditional causal or direct causal.
    """
    counts = [0, 0, 0, 0]
    for c in claims:
        counts[c.strength] += 1
    top = 3 if counts[3] else 2 if counts[2] else 1 if counts[1] else 0
    return [top, counts[1], counts[2], counts[3]]


def evidence_rows(text: str, claims: Sequence[SentenceClaim], overclaim_weight: float) -> list[tuple[Any, ...]]:
    """Evidence rows (``framelens.scores.scoring.EXPLAIN_COLUMNS`` order) of a paragraph's claims.

    One ``claim`` row per sentence with a claim, on its relation cue
    (category ``correlational`` / ``conditional`` / ``causal``, weight and
    contribution = the strength, ``hedged`` when a hedge made it
    conditional), and one ``hype`` row with category ``overclaim`` per
    overclaiming sentence, spanning its cue and its health outcome.
    """
    rows: list[tuple[Any, ...]] = []
    for c in claims:
        if c.strength == 0:
            continue
        cs, ce, pattern = c._cs, c._ce, c._pattern  # read from the span: no Match needed
        w = float(c.strength)
        rows.append((DIMENSION, LEVEL_CATEGORY[c.strength], cs, ce, text[cs:ce], w,
                     c.negated, c._hedge is not None, False, pattern, True, w))
        outcome = c.outcome
        if c.overclaim and outcome is not None:
            s, e = min(cs, outcome.start), max(ce, outcome.end)
            rows.append(("hype", "overclaim", s, e, text[s:e], overclaim_weight, False, False, False,
                         f"{pattern} + {outcome.pattern}", True, overclaim_weight))
    return rows


def strongest(claims: Sequence[SentenceClaim]) -> SentenceClaim | None:
    """The first sentence with the highest strength (``None`` if there are no sentences)."""
    best: SentenceClaim | None = None
    for c in claims:
        if best is None or c.strength > best.strength:
            best = c
    return best


def strength_label(strength: int) -> str:
    """The label name of a strength (0-3)."""
    return LABELS[int(strength)]


_STRENGTH_COLUMNS = [
    "strength", "label", "start", "end", "claim", "cue", "cue_start", "cue_end", "cue_category",
    "hedge", "hedge_start", "hedge_end", "negated", "overclaim", "n_sentences", "n_claims",
]  # fmt: skip


def _texts(texts: Iterable[str], func: str) -> list[str]:
    if isinstance(texts, str):
        raise AnalysisError(f"{func} expects an iterable of texts, got one string; wrap it in a list")
    if isinstance(texts, pd.DataFrame):
        raise AnalysisError(f"{func} expects texts, got a DataFrame; pass one of its columns")
    items = list(texts.items()) if isinstance(texts, pd.Series) else list(enumerate(texts))
    out = []
    for i, t in items:
        if not isinstance(t, str):
            raise AnalysisError(
                f"{func}: text at {'index' if isinstance(texts, pd.Series) else 'position'} {i!r} is "
                f"{type(t).__name__} ({t!r:.40}), not text; fill or drop missing texts first"
            )
        out.append(t)
    return out


def _row(text: str, claims: Sequence[SentenceClaim], n_sentences: int) -> list[Any]:
    best = strongest(claims)
    n_claims = sum(1 for c in claims if c.strength > 0)
    if best is None or best.strength == 0:
        return [0, LABELS[0], -1, -1, "", "", -1, -1, "", "", -1, -1, False, False, n_sentences, 0]
    cue, hedge = best.cue, best.hedge
    assert cue is not None
    return [
        best.strength, LABELS[best.strength], best.start, best.end, text[best.start : best.end],
        cue.match, cue.start, cue.end, cue.category,
        hedge.match if hedge else "", hedge.start if hedge else -1, hedge.end if hedge else -1,
        best.negated, any(c.overclaim for c in claims), n_sentences, n_claims,
    ]  # fmt: skip


def claim_strength(texts: Iterable[str], *, scheme: str = "yu2019") -> pd.DataFrame:
    """The strength of the strongest claim of each text, with its evidence.

    Parameters
    ----------
    texts : iterable of str
        Sentences or paragraphs (a list, tuple or pandas Series).
    scheme : {"yu2019", "insciout"}, default "yu2019"
        Coding convention (see :data:`SCHEMES`): how negated claims and
        *can* are read.

    Returns
    -------
    DataFrame
        One row per text, in order (``RangeIndex``): ``strength`` (0-3),
        ``label`` (:data:`LABELS`), ``start``, ``end``, ``claim`` (the
        sentence holding the strongest claim: ``text[start:end] == claim``;
        -1, -1, "" when there is none), ``cue``, ``cue_start``, ``cue_end``,
        ``cue_category`` (``correlational`` / ``causal`` / ``change``: the
        lexicon category of the relation cue), ``hedge``, ``hedge_start``,
        ``hedge_end`` (the hedge that made it conditional, or "" / -1),
        ``negated``, ``overclaim`` (any sentence overclaims),
        ``n_sentences``, ``n_claims`` (sentences with strength > 0).

    Raises
    ------
    AnalysisError
        If an item is not a string, naming its position.

    Examples
    --------
    >>> import framelens
    >>> framelens.claim_strength(["Coffee may reduce the risk of gout."])["strength"].tolist()
    [2]
    """
    items = _texts(texts, "claim_strength")
    _check_scheme(scheme)
    rows = [_row(t, *_read(t, None, scheme)) for t in items]
    df = pd.DataFrame(rows, columns=_STRENGTH_COLUMNS)
    return df.astype({"strength": "int64", "start": "int64", "end": "int64", "cue_start": "int64",
                      "cue_end": "int64", "hedge_start": "int64", "hedge_end": "int64",
                      "negated": "bool", "overclaim": "bool", "n_sentences": "int64", "n_claims": "int64"})


# inflection keys cannot tell "rat" from "rate" (both reduce to "rat")
_NOT_RATS = frozenset({"rate", "rates", "rated", "rating", "ratings"})


def _sample_cues(text: str) -> tuple[list[Match], list[Match]]:
    ms = [m for m in _sample_lexicon().find(text) if m.match.lower() not in _NOT_RATS]
    return ([m for m in ms if m.category == "sample_limited"], [m for m in ms if m.category == "sample_general"])


def comparison_label(reference_strength: int, report_strength: int) -> str:
    """``same``, ``exaggerates`` (report stronger) or ``downplays`` (report weaker)."""
    if report_strength > reference_strength:
        return "exaggerates"
    if report_strength < reference_strength:
        return "downplays"
    return "same"


_COMPARE_COLUMNS = [
    "reference_strength", "report_strength", "label", "reference_claim", "report_claim",
    "reference_cue", "report_cue", "hedge_dropped", "reference_hedge",
    "sample_generalised", "reference_sample", "report_sample",
]  # fmt: skip


def compare_claims(
    reference_texts: Iterable[str], report_texts: Iterable[str], *, scheme: str = "insciout"
) -> pd.DataFrame:
    """Compare the claims of reports with those of their references, pair by pair.

    Parameters
    ----------
    reference_texts : iterable of str
        What the study says (e.g. the abstract's conclusion).
    report_texts : iterable of str
        What the report says (e.g. the press release's main claim), in the
        same order and of the same length.
    scheme : {"insciout", "yu2019"}, default "insciout"
        Coding convention (see :data:`SCHEMES`); the default is that of the
        press-release studies (Sumner et al. 2014), where "X is not linked
        to Y" states no relationship and "can" is conditional.

    Returns
    -------
    DataFrame
        One row per pair: ``reference_strength``, ``report_strength``,
        ``label`` (``same`` / ``exaggerates`` / ``downplays``, from the
        strengths), ``reference_claim``, ``report_claim`` (the strongest
        claims' sentences), ``reference_cue``, ``report_cue``, then the flags
        with their evidence:

        ``hedge_dropped``
            the reference's strongest claim is hedged (conditional, or a
            correlational claim under a hedge) and the report states a
            causal claim without one; evidence ``reference_hedge``;
        ``sample_generalised``
            the reference names animals, cells or a small/pilot study
            (evidence ``reference_sample``) and the report names none of
            these but speaks of people, patients or humans (evidence
            ``report_sample``).

    Raises
    ------
    AnalysisError
        If the two inputs differ in length or hold something other than text.
    """
    _check_scheme(scheme)
    refs = _texts(reference_texts, "compare_claims (reference_texts)")
    reps = _texts(report_texts, "compare_claims (report_texts)")
    if len(refs) != len(reps):
        raise AnalysisError(
            f"compare_claims: {len(refs)} reference texts but {len(reps)} report texts; give one of each per pair"
        )
    records = []
    for ref, rep in zip(refs, reps):
        a = strongest(read_claims(ref, scheme=scheme))
        b = strongest(read_claims(rep, scheme=scheme))
        sa = a.strength if a else 0
        sb = b.strength if b else 0
        hedge_dropped = bool(a and a.hedge is not None and sa >= 1 and sb == 3 and b and b.hedge is None)
        lim_a, _ = _sample_cues(ref)
        lim_b, gen_b = _sample_cues(rep)
        generalised = bool(lim_a and not lim_b and gen_b)
        records.append([
            sa, sb, comparison_label(sa, sb),
            ref[a.start : a.end] if a and sa else "", rep[b.start : b.end] if b and sb else "",
            a.cue.match if a and a.cue else "", b.cue.match if b and b.cue else "",
            hedge_dropped, a.hedge.match if hedge_dropped and a and a.hedge else "",
            generalised, "; ".join(m.match for m in lim_a) if generalised else "",
            "; ".join(m.match for m in gen_b) if generalised else "",
        ])  # fmt: skip
    return pd.DataFrame(records, columns=_COMPARE_COLUMNS).astype(
        {"reference_strength": "int64", "report_strength": "int64", "hedge_dropped": "bool",
         "sample_generalised": "bool"}
    )
