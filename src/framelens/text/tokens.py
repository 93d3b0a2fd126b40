"""Tokenising, inflection reduction and sentence splitting.

Every scorer in framelens sees a paragraph through the same three functions:

- :func:`tokenize` cuts the *normalised* text (see
  :func:`framelens.text.normalize.normalize_for_matching`) into word, number and
  punctuation tokens with one compiled regular expression, keeping character
  offsets so that evidence spans point into the original text;
- :func:`reduce_word` maps a word to a crude inflection-free key, so that a
  lexicon entry ``revolutionize`` also finds *revolutionise*,
  *revolutionized* and *revolutionizing*;
- :func:`split_sentences` finds sentence spans for per-sentence sentiment.

Hyphens join nothing and split nothing that matters: they are not tokens, so
*game-changer* and *game changer* give the same two tokens. The contraction
*n't* is its own token (*don't* -> ``do`` + ``n't``) so that it can act as a
negator.
"""

from __future__ import annotations

import re
from itertools import accumulate
from operator import add

from framelens.text.normalize import normalize_for_matching

__all__ = [
    "Tokens",
    "TOKEN_PATTERN",
    "CLAUSE_BREAKS",
    "SENTENCE_BREAKS",
    "tokenize",
    "reduce_word",
    "split_sentences",
    "EXCERPT_CHARS",
    "sentence_excerpt",
    "token_key",
    "KEY_MEMO",
]

#: Numbers (``3,299``, ``1.5``), the ``n't`` clitic, words with inner
#: apostrophes (``it's``), and any other single non-space character except the
#: hyphen. Applied to normalised text, so curly apostrophes are already ``'``.
TOKEN_PATTERN = r"\d+(?:[.,]\d+)*|\w+(?=n't\b)|n't\b|\w+(?:'\w+)*|[^\w\s\-]"
# the same without the n't rule (faster), used when a text has no "n't"
_PLAIN_PATTERN = r"\d+(?:[.,]\d+)*|\w+(?:'\w+)*|[^\w\s\-]"
_SPLIT_RE = re.compile(f"({TOKEN_PATTERN})")
_SPLIT_RE_PLAIN = re.compile(f"({_PLAIN_PATTERN})")

#: Punctuation tokens that end a clause: negation and hedge scope stop here.
CLAUSE_BREAKS: frozenset[str] = frozenset({",", ";", ":", ".", "!", "?", "(", ")", '"'})

#: Punctuation tokens that end a sentence.
SENTENCE_BREAKS: frozenset[str] = frozenset({".", "!", "?"})


class Tokens:
    """The tokens of one text: lower-cased forms, inflection keys, offsets.

    Attributes
    ----------
    lower : list of str
        The lower-cased tokens.
    starts : list of int
        Character offset where each token starts (:attr:`ends`: where each ends).
    n_words : int
        Number of word tokens (those starting with a letter, including ``n't``).
    keys : list of str
        :func:`reduce_word` of each token (numbers and punctuation as is);
        computed on first access.
    """

    __slots__ = ("lower", "starts", "n_words", "_keys")

    def __init__(self, lower: list[str], starts: list[int], n_words: int) -> None:
        self.lower = lower
        self.starts = starts
        self.n_words = n_words
        self._keys: list[str] | None = None

    def __len__(self) -> int:
        return len(self.lower)

    @property
    def keys(self) -> list[str]:
        """:func:`reduce_word` of each token (numbers and punctuation as is)."""
        if self._keys is None:
            self._keys = [token_key(t) for t in self.lower]
        return self._keys

    @property
    def ends(self) -> list[int]:
        """End offsets of all tokens."""
        return [s + len(t) for s, t in zip(self.starts, self.lower)]


def tokenize(text: str, *, normalized: bool = False) -> Tokens:
    """Split ``text`` into tokens with offsets.

    Parameters
    ----------
    text : str
        A paragraph (any typography; it is normalised first unless
        ``normalized`` is true).
    normalized : bool, default False
        Set when ``text`` has already been through
        :func:`~framelens.text.normalize.normalize_for_matching`.

    Returns
    -------
    Tokens
        Offsets, lower-cased forms and inflection keys of every token.

    Examples
    --------
    >>> tokenize("Scientists don\u2019t know.").lower
    ['scientists', 'do', "n't", 'know', '.']
    """
    if not normalized:
        text = normalize_for_matching(text)
    low = text.lower()
    if len(low) != len(text):
        # rare characters whose lower case is longer: keep offsets of ``text``
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    # No token contains white space, so the text is cut at white space in C
    # first. Most chunks are a plain word; the others are cut by the few
    # shapes that cover nearly all of them (a word with one punctuation mark
    # before or after it, a whole number, hyphenated words) or, failing
    # those, by TOKEN_PATTERN. The result is that of TOKEN_PATTERN over the
    # whole text (a property test checks this).
    chunks = low.split()
    if " ".join(chunks) == low:  # single spaces only: starts by arithmetic
        cstarts = list(map(add, accumulate(map(len, chunks), initial=0), range(len(chunks))))
    else:
        cstarts = []
        pos = 0
        find = low.find
        for c in chunks:
            pos = find(c, pos)
            cstarts.append(pos)
            pos += len(c)
    odd = [k for k, c in enumerate(chunks) if not c.isalpha()]
    if not odd:
        return Tokens(chunks, cstarts, len(chunks))
    split_re = _SPLIT_RE if "n't" in low else _SPLIT_RE_PLAIN
    # The chunks become the tokens in place: each odd chunk is replaced by
    # its tokens, from the last one back so that the positions of the chunks
    # still to do do not move. A slice assignment moves the list's tail in
    # C, cheaper than copying the plain words between odd chunks into a new
    # list; whole numbers stay as they are.
    lower = chunks
    starts = cstarts
    n_words = len(chunks) - len(odd)
    for k in reversed(odd):
        c = chunks[k]
        if c[-1] in _EDGE_MARKS and c[:-1].isalpha():  # word,
            i = cstarts[k]
            lower[k : k + 1] = (c[:-1], c[-1])
            starts[k : k + 1] = (i, i + len(c) - 1)
            n_words += 1
        elif c[0] in _EDGE_MARKS and c[1:].isalpha():  # (word
            i = cstarts[k]
            lower[k : k + 1] = (c[0], c[1:])
            starts[k : k + 1] = (i, i + 1)
            n_words += 1
        elif c.isdecimal() and c.isascii():  # 2024: a token as it is
            continue
        elif "-" in c and c.replace("-", "").isalpha():  # long-term, well--known
            i = cstarts[k]
            toks: list[str] = []
            at: list[int] = []
            for part in c.split("-"):
                if part:
                    toks.append(part)
                    at.append(i)
                i += len(part) + 1
            lower[k : k + 1] = toks
            starts[k : k + 1] = at
            n_words += len(toks)
        else:
            # split() with one capturing group gives [gap, token, gap, ...];
            # token j starts where the running length of the parts before it ends
            i = cstarts[k]
            parts = split_re.split(c)
            toks = parts[1::2]
            lower[k : k + 1] = toks
            starts[k : k + 1] = [i + s for s in list(accumulate(map(len, parts)))[0:-1:2]]
            n_words += sum([t[0].isalpha() for t in toks])
    return Tokens(lower, starts, n_words)


# punctuation marks that often stand just before or after a word:
# ("word" (word word, word. word)
_EDGE_MARKS = frozenset(',.;:!?()"[]')

#: token -> key memo of :func:`token_key`; bounded, and only ever holds pure
#: function results, so it cannot change what any caller sees. Hot loops may
#: read it first (``KEY_MEMO.get(tok) or token_key(tok)``); only
#: :func:`token_key` writes it.
KEY_MEMO: dict[str, str] = {}
_KEY_MEMO_MAX = 200_000


def token_key(tok: str) -> str:
    """The inflection key of one lower-case token (:func:`reduce_word` of words, other tokens as is)."""
    key = KEY_MEMO.get(tok)
    if key is None:
        c = tok[0]
        key = reduce_word(tok) if (c.isalpha() or c == "_") else tok
        if len(KEY_MEMO) >= _KEY_MEMO_MAX:
            KEY_MEMO.clear()
        KEY_MEMO[tok] = key
    return key


#: Short function words that :func:`reduce_word` marks instead of reducing, so
#: that no inflected word can collide with them (*noted* -> ``not`` would
#: otherwise look like the negator *not*).
PROTECTED_WORDS: frozenset[str] = frozenset(
    {"not", "no", "nor", "can", "may", "will", "was", "has", "are", "did", "be", "do", "does", "had", "is"}
)

# Suffixes undone by reduce_word, tried in order (longest first).
_BRITISH = (("isations", "izations"), ("isation", "ization"), ("ising", "izing"),
            ("ised", "ized"), ("ises", "izes"), ("ise", "ize"))


def reduce_word(word: str) -> str:
    """Return a crude inflection key for a lower-case word.

    The key is not a linguistic stem; it only has to be the *same* for the
    regular inflections of a word and applied identically to lexicon
    patterns and text. Rules, in order:

    1. British ``-ise`` spellings become ``-ize`` (*revolutionise* ->
       *revolutionize*) when at least three letters stand before the
       suffix, so that every form of a short word keeps one key (*raise*,
       *raises*, *raised*, *raising* -> *rais*);
    2. ``-ies``/``-ied`` -> ``-y`` (*studies*, *studied* -> *study*);
    3. ``-ing``, ``-ed`` are removed when at least three letters remain, and
       a doubled final consonant is undone (*stopped* -> *stop*);
    4. a plural/3rd-person ``-s`` (not ``-ss``, ``-us``, ``-is``) is removed
       from words longer than three letters;
    5. a final silent ``-e`` is removed (*cure*, *cured*, *curing* -> *cur*).

    Words in :data:`PROTECTED_WORDS` get the key ``"=" + word``.
    Comparatives and superlatives (*-er*, *-est*) and adverbs (*-ly*) are
    left alone: they are separate lexicon entries.

    Parameters
    ----------
    word : str
        One lower-case token.

    Returns
    -------
    str
        The key.

    Examples
    --------
    >>> {reduce_word(w) for w in ["revolutionize", "revolutionise",
    ...                           "revolutionizing", "revolutionized"]}
    {'revolutioniz'}
    """
    w = word
    if "'" in w:
        return w
    if w in PROTECTED_WORDS:
        return "=" + w
    for old, new in _BRITISH:
        if w.endswith(old):
            if len(w) - len(old) >= 3:  # "advises" -> "advizes", but not "raises" (ra-ise)
                w = w[: -len(old)] + new
            break
    if len(w) > 4 and (w.endswith("ies") or w.endswith("ied")):
        return w[:-3] + "y"
    stripped = False
    if w.endswith("ing") and len(w) - 3 >= 3:
        w = w[:-3]
        stripped = True
    elif w.endswith("ed") and len(w) - 2 >= 3 and not w.endswith("eed"):
        w = w[:-2]
        stripped = True
    elif (
        w.endswith("s")
        and len(w) > 3
        and not w.endswith(("ss", "us", "is"))
    ):
        w = w[:-1]
    if stripped and len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]
    if w.endswith("e") and len(w) > 3 and not w.endswith(("ee", "ye")):
        w = w[:-1]
    return w


_SENT_END_RE = re.compile(r"[.!?]+[\"')\]]*(?=\s|$)")

#: Lower-case words that end with a full stop without ending a sentence.
ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "dr", "mr", "mrs", "ms", "prof", "st", "vs", "etc", "e.g", "i.e", "u.s",
        "u.k", "no", "fig", "al", "inc", "ltd", "co", "jr", "sr", "approx",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "ca", "vol", "dept", "gen", "gov", "rep", "sen",
    }
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of ``text``.

    A sentence ends at ``.``, ``!`` or ``?`` (plus closing quotes or
    brackets) followed by white space or the end of the text, unless the
    word before the full stop is a known abbreviation (:data:`ABBREVIATIONS`)
    or a single letter (initials). Text without a final full stop is one
    sentence. Leading and trailing white space is excluded from the spans.

    Parameters
    ----------
    text : str
        A paragraph.

    Returns
    -------
    list of tuple of int
        Sentence spans in order; empty for blank text.

    Examples
    --------
    >>> t = "Dr. Allan spoke. It works!"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Dr. Allan spoke.', 'It works!']
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    pos = 0
    # last space or line break before ``seen`` (-1: none); full stops come in
    # order, so each stretch of text is searched once, however long the text
    last_break = -1
    seen = 0
    for m in _SENT_END_RE.finditer(text):
        j = m.start()
        if text[j] == ".":
            # the word before the full stop: back to the previous white space
            last_break = max(last_break, text.rfind(" ", seen, j), text.rfind("\n", seen, j))
            seen = j
            prev = text[last_break + 1 : j].lstrip("\"'([").lower()
            if prev in ABBREVIATIONS or (len(prev) == 1 and prev.isalpha()):
                continue
        end = m.end()
        _add_span(text, pos, end, spans)
        pos = end
    if pos < n:
        _add_span(text, pos, n, spans)
    return spans



#: Longest excerpt (characters) :func:`sentence_excerpt` returns before it
#: shortens the text with an ellipsis.
EXCERPT_CHARS = 300


def sentence_excerpt(text: str, start: int, end: int, limit: int = EXCERPT_CHARS) -> str:
    """The sentence(s) of ``text`` around ``[start, end)``, shortened to ``limit``.

    The excerpt runs from the start of the sentence holding ``start`` to the
    end of the sentence holding ``end`` (:func:`split_sentences`), stripped.
    When it is longer than ``limit`` characters, a window of ``limit``
    characters centred on the span is kept, with ``…`` marking each cut.
    Used for the example sentences of aspect coverage and the checklist.
    """
    spans = split_sentences(text) or [(0, len(text))]
    s0 = next((s for s, e in spans if s <= start < e), start)
    e0 = next((e for s, e in spans if s < end <= e), end)
    piece = text[s0:e0].strip()
    if len(piece) <= limit:
        return piece
    # keep the mention visible: centre the window on it
    centre = (start + end) // 2 - s0
    lo = max(0, min(centre - limit // 2, len(piece) - limit))
    out = piece[lo : lo + limit].strip()
    return ("…" if lo > 0 else "") + out + ("…" if lo + limit < len(piece) else "")


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


# --------------------------------------------------------------------------
# length normalisation shared by the scores

#: Length unit for the densities behind ``hype`` and ``hedging``: weighted
#: matches are counted per 25 words, about one sentence of news prose.
WORDS_PER_UNIT: int = 25


def density(weight: float, n_words: int, words_per_unit: int = WORDS_PER_UNIT) -> float:
    """Weighted matches per ``words_per_unit`` words.

    Texts shorter than one unit count as one unit, so a three-word headline
    with one hype word is not scored as if it were 100% hype.

    Examples
    --------
    >>> density(2.0, 100)          # two full-weight terms in 100 words
    0.5
    >>> density(1.0, 5)            # short text: counted as 25 words
    1.0
    """
    return weight * words_per_unit / max(n_words, words_per_unit)


def saturate(x: float, half: float) -> float:
    """Map ``x >= 0`` to [0, 1): ``1 - 2 ** (-x / half)``.

    ``half`` is the value of ``x`` that gives 0.5; twice that gives 0.75.
    The map is monotone, so rankings are those of the densities.

    Examples
    --------
    >>> saturate(1.0, 1.0)
    0.5
    >>> saturate(0.0, 1.0)
    0.0
    """
    if x <= 0:
        return 0.0
    return 1.0 - 2.0 ** (-x / half)
