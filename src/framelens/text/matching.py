"""One-pass matching of lexicon patterns against a paragraph.

A lexicon's patterns are compiled into a token trie (:class:`Matcher`). A
paragraph is tokenised once (:func:`framelens.text.tokens.tokenize`) and the trie is
walked from every token position, so the cost grows with the length of the
paragraph, not with the number of lexicon entries.

Pattern syntax (one slot per space-separated item; case-insensitive; matched
on normalised text, so curly and straight apostrophes are the same):

``breakthrough``
    the word and its regular inflections (:func:`framelens.text.tokens.reduce_word`);
``revolution*``
    any word starting with ``revolution`` (at least three letters before the
    ``*``);
``(really)``
    an optional slot; ``know|understand`` are alternatives in one slot, and
    both can be combined: ``(really|fully)``;
``<num>``
    any number (``49``, ``3,299``, ``1.5``);
multi-word phrases
    sequences of the above: ``do n't (really) know|understand`` — an item such
    as ``don't`` or ``game-changer`` is split into tokens the same way as text.

After matching, overlapping matches *of the same dimension* are resolved:
the longest wins (then the earliest, then the heaviest). Matches of different
dimensions may overlap (``could`` is a hedge inside ``could revolutionize``).

Each match is then flagged:

``negated``
    a negator (:data:`NEGATORS`) occurs within :data:`NEGATION_WINDOW` tokens
    before the match, without a clause break (``, ; : . ! ? ( ) "``) in
    between ("not a miracle cure", "no cure");
``intensified``
    an intensifier (:data:`INTENSIFIERS`) occurs in the
    :data:`INTENSIFIER_WINDOW` tokens just before the match ("truly
    revolutionary");
``hedged``
    for matches outside the ``hedging`` dimension: a hedging match ends within
    :data:`HEDGE_SCOPE` tokens before the match, in the same sentence
    ("could revolutionize", "has the potential to transform").

Two more flags describe where a match of the ``hedging`` dimension stands
(the hedging score decides what they mean for it; other dimensions' matches
always have them false):

``in_question``
    the match stands in a reported question or after a named possibility:
    after a question word (:data:`QUESTION_WORDS`) that follows a verb or
    noun of asking (:data:`ASKING_KEYS`) within
    :data:`ASKING_WINDOW` tokens ("asked whether ketamine could ...",
    "wondered if"), or after a possibility noun (:data:`POSSIBILITY_NOUNS`:
    "the possibility he could lose ..."). The scope runs to the next clause
    break or to a conjunction that opens a clause of the writer's own
    (:data:`SCOPE_CONJUNCTIONS`: "... but may not last"), at most
    :data:`QUESTION_SCOPE` tokens. Paragraphs holding none of the question
    words and possibility nouns are not looked at further (one set test);
``negated_after``
    the token right after the match is a negator (:data:`NEGATORS_AFTER`:
    "would not", "could n't"), not opening "not only".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import product
from collections.abc import Sequence
from typing import NamedTuple

from framelens.errors import LexiconError
from framelens.text.normalize import normalize_for_matching
from framelens.text.tokens import CLAUSE_BREAKS, KEY_MEMO, SENTENCE_BREAKS, Tokens, token_key, tokenize

__all__ = [
    "Match",
    "Matcher",
    "compile_pattern",
    "cue_before",
    "NEGATORS",
    "INTENSIFIERS",
    "NEGATION_WINDOW",
    "INTENSIFIER_WINDOW",
    "HEDGE_SCOPE",
    "MAX_EXPANSIONS",
    "QUESTION_WORDS",
    "ASKING_KEYS",
    "ASKING_WINDOW",
    "POSSIBILITY_NOUNS",
    "SCOPE_CONJUNCTIONS",
    "QUESTION_SCOPE",
    "NEGATORS_AFTER",
    "question_scopes",
    "resolve_overlaps",
]

#: Tokens (lower-case) that negate what follows. ``n't`` is split off by the
#: tokenizer, so *don't*, *isn't*, *wasn't* are covered. The list follows the
#: negation cues used by VADER (Hutto & Gilbert 2014) and NegEx
#: (Chapman et al. 2001), reduced to the unambiguous ones.
NEGATORS: frozenset[str] = frozenset(
    {
        "not", "no", "never", "n't", "without", "hardly", "neither", "nor",
        "nobody", "none", "nothing", "cannot", "nowhere", "rarely", "barely",
        "scarcely", "lack", "lacks", "lacked", "lacking",
    }
)

#: How many tokens before a match a negator may stand.
NEGATION_WINDOW: int = 3

#: Degree adverbs that strengthen the following term (Quirk et al. 1985
#: "amplifiers"; VADER's booster list follows the same idea).
INTENSIFIERS: frozenset[str] = frozenset(
    {
        "very", "extremely", "truly", "really", "incredibly", "highly", "so",
        "remarkably", "exceptionally", "absolutely", "totally", "utterly",
        "hugely", "immensely", "tremendously", "enormously", "especially",
        "particularly", "genuinely", "deeply", "vastly", "super", "ultra",
    }
)

#: How many tokens before a match an intensifier may stand.
INTENSIFIER_WINDOW: int = 2

#: How many tokens before a non-hedge match a hedge may end and still put the
#: match in its scope ("has the potential to revolutionize": 2 tokens).
HEDGE_SCOPE: int = 6

#: Words (lower-case) that open a reported question after a verb or noun of
#: asking ("asked whether", "wondered if", "questioned how").
QUESTION_WORDS: frozenset[str] = frozenset({"whether", "if", "how", "why"})

#: Inflection keys (:func:`framelens.text.tokens.token_key`) of the verbs and
#: nouns of asking that make a following question word a reported question:
#: *ask*, *wonder*, *question*, *inquire*/*enquire*, *query*.
ASKING_KEYS: frozenset[str] = frozenset({"ask", "wonder", "question", "inquir", "enquir", "query"})

#: How many tokens may stand between the verb of asking and the question word
#: ("asked the agency whether": 2).
ASKING_WINDOW: int = 3

#: Nouns (lower-case) that name a possibility: what follows them is the
#: possibility named, not the writer's hedge ("the possibility he could lose
#: his clearance", "the chance that it might").
POSSIBILITY_NOUNS: frozenset[str] = frozenset(
    {"possibility", "possibilities", "chance", "chances", "prospect", "prospects", "likelihood"}
)

#: A possibility noun followed by one of these names a possibility *of*
#: something, not a clause ("the chance of a relapse"): no scope opens.
_NOT_A_CLAUSE: frozenset[str] = frozenset({"of", "for", "to", "in", "on", "at", "with", "is", "was"})

#: Conjunctions that end a reported question's scope: they open a clause of
#: the writer's own ("asked whether it could help, but it may not").
SCOPE_CONJUNCTIONS: frozenset[str] = frozenset({"but", "yet", "although", "though", "whereas", "while"})

#: The longest scope of a reported question or named possibility, in tokens.
QUESTION_SCOPE: int = 20

#: Negators that, right after a match, negate it ("would not", "could n't").
NEGATORS_AFTER: frozenset[str] = frozenset({"not", "n't", "never"})

# a paragraph holding none of these has no reported question to look at
_QUESTION_GATE: frozenset[str] = QUESTION_WORDS | POSSIBILITY_NOUNS

# every word whose presence Matcher.find_apart checks before flagging matches
_FLAG_WORDS: frozenset[str] = NEGATORS | INTENSIFIERS | _QUESTION_GATE

#: A pattern may expand (alternatives x optional slots) to at most this many
#: token sequences; more is almost certainly a mistake in the lexicon.
MAX_EXPANSIONS: int = 4096

_ROOT_CACHE_MAX = 100_000
_SCAN_WINDOW = 4096
_ALT_RE = re.compile(r"^[\w'%&+.\-]+\*?$")


class Match(NamedTuple):
    """One lexicon entry found in a text (an immutable named tuple).

    Attributes
    ----------
    start, end : int
        Character offsets in the text as given (``text[start:end]``).
    pattern, dimension, category : str
        The lexicon entry that matched.
    weight : float
        The entry's lexicon weight (before intensification).
    match : str
        The matched text (``text[start:end]``).
    negated, hedged, intensified : bool
        Context flags (see the module docstring).
    token_start, token_end : int
        Token positions of the match (``token_end`` exclusive).
    in_question, negated_after : bool
        Context flags of hedging matches (see the module docstring).
    """

    start: int
    end: int
    pattern: str
    dimension: str
    category: str
    weight: float
    match: str = ""
    negated: bool = False
    hedged: bool = False
    intensified: bool = False
    token_start: int = 0
    token_end: int = 0
    in_question: bool = False
    negated_after: bool = False


# --------------------------------------------------------------------------
# pattern compilation

Atom = tuple[str, str]  # ("x", key) exact key, ("p", prefix) prefix, ("n", "") number


def _alternative_atoms(alt: str, where: str) -> list[Atom]:
    """Atoms of one alternative of one slot (may be several tokens)."""
    if alt == "<num>":
        return [("n", "")]
    if not _ALT_RE.match(alt):
        raise LexiconError(f"{where}: unsupported characters in {alt!r}")
    if alt.endswith("*"):
        prefix = alt[:-1].lower()
        if len(prefix) < 3 or not re.fullmatch(r"[\w']+", prefix):
            raise LexiconError(
                f"{where}: wildcard {alt!r} needs at least three letters before '*'"
            )
        return [("p", prefix)]
    toks = tokenize(alt, normalized=True)
    if not toks.lower:
        raise LexiconError(f"{where}: empty alternative in pattern")
    return [("x", k) for k in toks.keys]


def compile_pattern(pattern: str, *, where: str = "pattern") -> list[tuple[Atom, ...]]:
    """Expand one pattern into the token sequences it matches.

    Parameters
    ----------
    pattern : str
        A pattern in the syntax described in the module docstring.
    where : str
        Text used to name the row in error messages.

    Returns
    -------
    list of tuple of Atom
        Every concrete sequence of atoms (exact key, prefix or number).

    Raises
    ------
    LexiconError
        For empty patterns, unbalanced parentheses, empty alternatives, short
        wildcards, patterns made only of optional items, or too many
        expansions.
    """
    if not isinstance(pattern, str) or not pattern.strip():
        raise LexiconError(f"{where}: empty pattern")
    seqs = _COMPILED.get(pattern)
    if seqs is None:
        seqs = _compile(pattern, where)
        if len(_COMPILED) >= _COMPILED_MAX:
            _COMPILED.clear()
        _COMPILED[pattern] = seqs
    return list(seqs)


# pattern -> its sequences; a pure function of the pattern, so a lexicon read
# once and matched later (or loaded again) does not expand its patterns twice.
# Errors are raised, never stored, so they always name the row at hand.
_COMPILED: dict[str, tuple[tuple[Atom, ...], ...]] = {}
_COMPILED_MAX = 50_000


def _compile(pattern: str, where: str) -> tuple[tuple[Atom, ...], ...]:
    text = normalize_for_matching(pattern).strip().lower()
    slots: list[list[tuple[Atom, ...]]] = []
    required = 0
    for item in text.split():
        optional = item.startswith("(") or item.endswith(")")
        if optional:
            if not (item.startswith("(") and item.endswith(")")) or len(item) < 3:
                raise LexiconError(f"{where}: unbalanced parentheses in {item!r} of {pattern!r}")
            item = item[1:-1]
        if "(" in item or ")" in item:
            raise LexiconError(f"{where}: unexpected parenthesis in {item!r} of {pattern!r}")
        alts = item.split("|")
        if any(not a for a in alts):
            raise LexiconError(f"{where}: empty alternative in {item!r} of {pattern!r}")
        options = [tuple(_alternative_atoms(a, where)) for a in alts]
        if optional:
            options.append(())
        else:
            required += 1
        slots.append(options)
    if required == 0:
        raise LexiconError(f"{where}: pattern {pattern!r} has only optional items")
    n = 1
    for s in slots:
        n *= len(s)
    if n > MAX_EXPANSIONS:
        raise LexiconError(f"{where}: pattern {pattern!r} expands to {n} sequences (max {MAX_EXPANSIONS})")
    seqs = {tuple(a for part in combo for a in part) for combo in product(*slots)}
    return tuple(sorted(s for s in seqs if s))


# --------------------------------------------------------------------------
# the trie


class _Node:
    __slots__ = ("exact", "prefixes", "num", "ends")

    def __init__(self) -> None:
        self.exact: dict[str, _Node] = {}
        self.prefixes: dict[str, list[tuple[str, _Node]]] = {}  # first 3 chars -> [(prefix, node)]
        self.num: _Node | None = None
        self.ends: list[int] = []

    def child(self, atom: Atom) -> _Node:
        kind, value = atom
        if kind == "x":
            node = self.exact.get(value)
            if node is None:
                node = self.exact[value] = _Node()
            return node
        if kind == "n":
            if self.num is None:
                self.num = _Node()
            return self.num
        bucket = self.prefixes.setdefault(value[:3], [])
        for p, node in bucket:
            if p == value:
                return node
        node = _Node()
        bucket.append((value, node))
        return node

    def step(self, key: str, lower: str) -> list[_Node]:
        out: list[_Node] = []
        node = self.exact.get(key)
        if node is not None:
            out.append(node)
        if self.prefixes:
            for p, pnode in self.prefixes.get(lower[:3], ()):
                if lower.startswith(p):
                    out.append(pnode)
        if self.num is not None and lower[0].isdigit():
            out.append(self.num)
        return out


def _next_keys(nodes: list[_Node]) -> frozenset[str] | None:
    """The keys a next token must have for a walk from ``nodes`` to find anything.

    Defined when no node of ``nodes`` ends an entry or continues with a
    prefix or number slot: then a match needs the next token, and its key
    must be one of the nodes' exact children. ``None`` otherwise (the walk
    decides). :meth:`Matcher.scan` checks a root word's next token against
    this set before walking: words such as *of*, *to*, *in* start a few
    phrases each and are among the commonest tokens of any text, and the
    check costs one set look-up where the walk costs a loop.
    """
    if any(node.ends or node.prefixes or node.num is not None for node in nodes):
        return None
    return frozenset(k for node in nodes for k in node.exact)


class Matcher:
    """A compiled token trie over lexicon entries.

    Parameters
    ----------
    entries : sequence of (pattern, dimension, category, weight)
        The lexicon entries, in priority order (earlier wins exact ties).

    Notes
    -----
    Build once per lexicon (a :class:`~framelens.text.lexicon.Lexicon` does this)
    and reuse; :meth:`find` does not modify the matcher.
    """

    def __init__(self, entries: list[tuple[str, str, str, float]]) -> None:
        # (pattern, dimension, category, weight) of each entry, by entry index
        self._infos: list[tuple[str, str, str, float]] = [(p, d, c, w) for p, d, c, w in entries]
        self._dimensions = [e[1] for e in self._infos]
        self._weights = [e[3] for e in self._infos]
        self._root = _Node()
        # memo: lower-case token -> (trie nodes it enters from the root, the
        # keys that may follow it: _next_keys); a pure function of the token;
        # bounded; never changes what find returns
        self._root_cache: dict[str, tuple[list[_Node], frozenset[str] | None]] = {}
        self._dead: set[str] = set()  # tokens that enter no node from the root
        for i, (pattern, *_rest) in enumerate(entries):
            for seq in compile_pattern(pattern, where=f"entry {i}"):
                node = self._root
                for atom in seq:
                    node = node.child(atom)
                node.ends.append(i)

    # ------------------------------------------------------------------
    def scan(self, toks: Tokens) -> list[tuple[int, int, int]]:
        """All raw matches ``(token_start, token_end, entry_index)``."""
        lower = toks.lower
        n = len(lower)
        out: list[tuple[int, int, int]] = []
        cache = self._root_cache
        dead = self._dead
        if len(cache) + len(dead) > _ROOT_CACHE_MAX:
            cache.clear()
            dead.clear()
        root = self._root
        keys = KEY_MEMO  # token_key's memo, read first: the same keys, fewer calls
        # most tokens start no entry: skip the ones already known to. Windows
        # of tokens keep the list of positions short on a very long text, and
        # let a word found dead in one window be skipped in the next.
        for lo in range(0, n, _SCAN_WINDOW):
            for i in [i for i, w in enumerate(lower[lo : lo + _SCAN_WINDOW], lo) if w not in dead]:
                w = lower[i]
                got = cache.get(w)
                if got is None:
                    nodes = root.step(token_key(w), w)
                    if not nodes:
                        dead.add(w)
                        continue
                    got = cache[w] = (nodes, _next_keys(nodes))
                nodes, follow = got
                if follow is not None:
                    # a word that only starts longer entries ("of", "to", "in"):
                    # most of the time the next token continues none of them
                    if i + 1 == n:
                        continue
                    w = lower[i + 1]
                    if (keys.get(w) or token_key(w)) not in follow:
                        continue
                # breadth-first walk of the trie from position i
                j = i + 1
                while nodes:
                    nxt: list[_Node] = []
                    for node in nodes:
                        for e in node.ends:
                            out.append((i, j, e))
                        if j < n:
                            if node.prefixes or node.num is not None:
                                w = lower[j]
                                nxt.extend(node.step(keys.get(w) or token_key(w), w))
                            elif node.exact:  # most inner nodes: one look-up, no call
                                w = lower[j]
                                child = node.exact.get(keys.get(w) or token_key(w))
                                if child is not None:
                                    nxt.append(child)
                    nodes = nxt
                    j += 1
        return out

    # ------------------------------------------------------------------
    def find(self, text: str, toks: Tokens | None = None) -> list[Match]:
        """Find every entry in ``text`` (one pass), resolved and flagged.

        Parameters
        ----------
        text : str
            The paragraph as given (offsets refer to it).
        toks : Tokens, optional
            Its tokens, if already computed by the caller.

        Returns
        -------
        list of Match
            Sorted by start offset, then dimension.
        """
        return self.find_apart(text, toks)[0]

    def find_apart(
        self, text: str, toks: Tokens | None = None, dimension: str | None = None
    ) -> tuple[list[Match], list[tuple[int, int, int]]]:
        """:meth:`find`, with the matches of one dimension set apart, unflagged.

        Parameters
        ----------
        text : str
            The paragraph as given (offsets refer to it).
        toks : Tokens, optional
            Its tokens, if already computed by the caller.
        dimension : str, optional
            The dimension whose matches are returned apart as
            ``(token_start, token_end, entry_index)`` (:attr:`entries` gives
            the entry), in order, without building their :class:`Match`:
            for a caller that reads only their token positions. Overlaps are
            resolved within each dimension, so the other matches are exactly
            those of :meth:`find`.

        Returns
        -------
        matches : list of Match
            As :meth:`find` returns them, less ``dimension``'s.
        apart : list of (int, int, int)
            ``dimension``'s matches.
        """
        if toks is None:
            toks = tokenize(text)
        raw = self.scan(toks)
        if not raw:
            return [], []
        if len(raw) > 1:
            raw.sort()
            # most paragraphs have no two matches of one dimension sharing a
            # token (matches of different dimensions may share, e.g. a claim
            # cue inside a hedge): then all are kept. In text order, that is
            # each match starting at or after the end of its dimension's last.
            dims = self._dimensions
            last_end: dict[str, int] = {}
            for s, e, i in raw:
                d = dims[i]
                if last_end.get(d, 0) > s:
                    kept = resolve_overlaps(raw, dims, self._weights)
                    break
                last_end[d] = e
            else:
                kept = raw
        else:
            kept = raw
        dims = self._dimensions
        if dimension is None:
            apart: list[tuple[int, int, int]] = []
            rest = kept
        else:
            apart = [k for k in kept if dims[k[2]] == dimension]
            rest = [k for k in kept if dims[k[2]] != dimension] if apart else kept
            if not rest:  # nothing to flag (a paragraph with claim cues only)
                return [], apart
        lower = toks.lower
        starts = toks.starts
        hedge_ends = sorted([e for s, e, i in kept if dims[i] == "hedging"])
        # a paragraph without a negator or an intensifier needs no look-back
        # for one; one without a hedge, or without a question word or
        # possibility noun, has no reported-question scope to look for. One
        # pass over the tokens finds which of these words it has.
        cues = _FLAG_WORDS.intersection(lower)
        may_negate = not NEGATORS.isdisjoint(cues)
        may_intensify = not INTENSIFIERS.isdisjoint(cues)
        scopes = question_scopes(lower) if hedge_ends and not _QUESTION_GATE.isdisjoint(cues) else ()
        n = len(lower)
        infos = self._infos
        # Match is a named tuple: tuple.__new__ makes the same object as
        # Match(...) without the Python-level __new__ of 14 arguments
        new = tuple.__new__

        out: list[Match] = []
        for s, e, idx in rest:
            pattern, dim, category, weight = infos[idx]
            negated = may_negate and cue_before(lower, s, NEGATION_WINDOW, NEGATORS)
            intensified = may_intensify and cue_before(lower, s, INTENSIFIER_WINDOW, INTENSIFIERS)
            hedged = in_question = negated_after = False
            if dim == "hedging":
                negated_after = (may_negate and e < n and lower[e] in NEGATORS_AFTER
                                 and (e + 1 == n or lower[e + 1] != "only"))
                if scopes:
                    in_question = any(a <= s < b for a, b in scopes)
            else:
                # the nearest hedge ending at or before the match decides: if
                # any hedge is in scope, that one is (closer, fewer tokens between)
                k = bisect_right(hedge_ends, s)
                if k:
                    he = hedge_ends[k - 1]
                    hedged = s - he <= HEDGE_SCOPE and SENTENCE_BREAKS.isdisjoint(lower[he:s])
            cs, ce = starts[s], starts[e - 1] + len(lower[e - 1])
            out.append(new(Match, (cs, ce, pattern, dim, category, weight, text[cs:ce], negated, hedged,
                                   intensified, s, e, in_question, negated_after)))
        return out, apart

    @property
    def entries(self) -> list[tuple[str, str, str, float]]:
        """``(pattern, dimension, category, weight)`` of each entry, by entry index."""
        return list(self._infos)


def resolve_overlaps(
    raw: list[tuple[int, int, int]],
    dimensions: Sequence[str],
    weights: Sequence[float],
) -> list[tuple[int, int, int]]:
    """Keep, within each dimension, at most one match per token.

    Matches are taken longest first, then earliest, then heaviest, then in
    lexicon order, and a match is kept if none of its tokens belongs to an
    already kept match of the same dimension.

    Parameters
    ----------
    raw : list of (token_start, token_end, entry_index)
        Raw matches (:meth:`Matcher.scan`); every one covers at least one
        token (``token_start < token_end``). Sorted in place.
    dimensions, weights : sequence
        Dimension and weight of each entry, by entry index.
    Returns
    -------
    list of (token_start, token_end, entry_index)
        The kept matches, sorted.

    Notes
    -----
    Kept matches of one dimension never share a token, so "does this match
    overlap a kept one" is "is one of its tokens taken": a set of the taken
    tokens of each dimension answers it in time proportional to the match's
    length (a few tokens), whatever the number of matches already kept. The
    whole costs ``O(k log k)`` for ``k`` raw matches (the sort), where
    comparing each match with every kept one cost ``O(k ** 2)``.
    """
    raw.sort(key=lambda r: (r[0] - r[1], r[0], -weights[r[2]], r[2]))
    taken: dict[str, set[int]] = {}
    kept: list[tuple[int, int, int]] = []
    for r in raw:
        s, e, idx = r
        dim = dimensions[idx]
        tokens = taken.get(dim)
        if tokens is None:
            taken[dim] = set(range(s, e))
            kept.append(r)
        elif tokens.isdisjoint(range(s, e)):
            tokens.update(range(s, e))
            kept.append(r)
    kept.sort()
    return kept


def question_scopes(lower: Sequence[str]) -> list[tuple[int, int]]:
    """Token spans of the reported questions and named possibilities of a text.

    Parameters
    ----------
    lower : sequence of str
        The lower-case tokens (:attr:`framelens.text.tokens.Tokens.lower`).

    Returns
    -------
    list of (int, int)
        ``(first, end)`` token positions (``end`` exclusive) of each scope:
        from the token after the question word or possibility noun to the
        next clause break (:data:`~framelens.text.tokens.CLAUSE_BREAKS`) or
        scope conjunction (:data:`SCOPE_CONJUNCTIONS`), at most
        :data:`QUESTION_SCOPE` tokens.

    Examples
    --------
    >>> question_scopes("she asked whether it could help , but".split())
    [(3, 6)]
    """
    n = len(lower)
    out: list[tuple[int, int]] = []
    gate = _QUESTION_GATE
    for i in [i for i, w in enumerate(lower) if w in gate]:
        w = lower[i]
        if w in POSSIBILITY_NOUNS:
            if i + 1 < n and lower[i + 1] in _NOT_A_CLAUSE:
                continue
        elif w not in QUESTION_WORDS or not _asked_before(lower, i):
            continue
        end = i + 1
        stop = min(n, i + 1 + QUESTION_SCOPE)
        while end < stop and lower[end] not in CLAUSE_BREAKS and lower[end] not in SCOPE_CONJUNCTIONS:
            end += 1
        out.append((i + 1, end))
    return out


def _asked_before(lower: Sequence[str], i: int) -> bool:
    """True if a verb or noun of asking stands within :data:`ASKING_WINDOW` tokens before token ``i``, within its clause."""
    keys = KEY_MEMO
    for t in range(i - 1, max(-1, i - 2 - ASKING_WINDOW), -1):
        v = lower[t]
        if v in CLAUSE_BREAKS:
            return False
        if (keys.get(v) or token_key(v)) in ASKING_KEYS:
            return True
    return False


def cue_before(lower: Sequence[str], s: int, window: int, cues: frozenset[str]) -> bool:
    """True if one of ``cues`` is among the ``window`` tokens before token ``s``, within its clause."""
    for t in range(s - 1, max(-1, s - 1 - window), -1):
        tok = lower[t]
        if tok in CLAUSE_BREAKS:
            return False
        if tok in cues:
            return True
    return False
