"""Read a corpus of news articles into *blocks*: titles, headings, paragraphs.

A corpus is a folder of plain-text (``.txt``) or Markdown (``.md``) articles,
optionally described by a manifest ``sources.csv``. :func:`load_corpus` reads
every article and returns one row per block with the columns of
:data:`BLOCK_COLUMNS`. Every later step (scoring, comparing, highlighting)
works on that table, so the rules here decide what a "paragraph" is.

Offsets
-------
``start`` and ``end`` are character offsets into the *decoded* text returned
by :func:`decode_bytes`: the byte-order mark is removed and every line ending
(``CRLF`` or a lone ``CR``) is turned into ``LF``. For that text
``raw[start:end] == text`` holds for every block, and every character that is
not blank (see :data:`BLANK_CHARACTERS`) lies in exactly one block. Blank
characters between blocks (line breaks, indentation) belong to none.

Splitting rule
--------------
1. Lines that are blank (only whitespace or zero-width characters) separate
   blocks. The non-blank lines between two blank lines form a *chunk*.
2. A chunk of one line is one block.
3. A chunk of several lines is either a **hard-wrapped paragraph** (text
   broken at a fixed width, as in e-mail or wire copy) or a **stack of
   separate lines** (a scraper that writes one paragraph, advert or title
   per line). A line is *full* when it is at most :data:`WRAP_MAX_WIDTH`
   characters and the first word of the next line would not have fitted on
   it within the chunk's longest line (how a greedy line-wrapper breaks),
   unless the next line repeats it or starts a list item or a Markdown
   heading. A break *flows* when the line is full, does not end a sentence,
   and the next line does not start with a capital letter. If more than
   half of a chunk's line breaks flow, the chunk is a wrapped paragraph,
   joined across full lines and split after lines that are not full;
   otherwise every line of the chunk is its own block.

So ``Advertisement · Scroll to continue`` stacked twice above a repeated
title, without blank lines, gives three blocks, while a paragraph wrapped at
72 columns stays one block. (A two-line wrapped paragraph whose second line
starts with a capitalised word is read as two blocks.)

Kinds
-----
``boilerplate``
    A whole block matching one of :data:`BOILERPLATE_RULES` (adverts,
    comment forms, share buttons, tag lists, cookie notices, ...) on its
    normalised text; a later repeat of the title; a short block above the
    title (site name, section, date).
``title``
    With a manifest title: the block equal to it (case, quote style and
    trailing punctuation ignored, a `` | Site name`` suffix allowed), looked
    for among the first :data:`TITLE_SEARCH_BLOCKS` blocks above the first
    paragraph of body text; if it is not found, no block is a title.
    Without one: the first block, if it looks like a title (one line, at
    most :data:`TITLE_MAX_WORDS` words, not ending like a sentence) and more
    text follows. A title-like block next to the title that is a shorter or
    longer form of the same headline (all the shorter one's words in the
    longer one; the shorter has at least :data:`TITLE_VARIANT_MIN_WORDS`
    words or half the longer's) is a ``title`` too.
``heading``
    A one-line block of at most :data:`HEADING_MAX_WORDS` words that starts
    with a capital letter or digit, does not end with ``. , ; …``, a quote or
    a dash, has no sentence break inside, and is followed (skipping
    boilerplate) by body text or by one more heading
    (:data:`MAX_STACKED_HEADINGS`). A heading ending in ``?`` or ``!`` has
    at most :data:`QUESTION_HEADING_MAX_WORDS` words, so a short question
    line above a paragraph is a heading and a question inside a paragraph is
    not. Markdown ``#`` headings are always headings.
``body``
    Everything else.

Kinds only label blocks: no text is dropped. Analyses keep the body with
:func:`body_blocks`. ``section`` is the text of the nearest heading at or
above the block (Markdown ``#`` marks removed, whitespace collapsed), ``""``
before the first heading; a heading's own section is itself, and titles do
not start a section.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import warnings
from array import array
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from framelens.errors import CorpusError, CorpusWarning, DecodingWarning
from framelens.text.normalize import normalize_for_matching

__all__ = [
    "BLOCK_COLUMNS",
    "KINDS",
    "MANIFEST_COLUMNS",
    "REQUIRED_MANIFEST_COLUMNS",
    "TEXT_SUFFIXES",
    "BOILERPLATE_FILE",
    "BOILERPLATE_RULES",
    "BoilerplateRule",
    "load_corpus",
    "read_manifest",
    "manifest_rows",
    "find_manifest",
    "resolved_path",
    "blocks_from_text",
    "decode_bytes",
    "body_blocks",
    "boilerplate_rule",
    "load_boilerplate_rules",
    "read_file_bytes",
]

#: Columns of a blocks table, in order.
BLOCK_COLUMNS: tuple[str, ...] = (
    "source_id",
    "block_index",
    "kind",
    "section",
    "text",
    "start",
    "end",
    "file",
)

#: The four block kinds.
KINDS: tuple[str, ...] = ("title", "heading", "body", "boilerplate")

#: Columns of a manifest as returned by :func:`read_manifest` (extra columns
#: of the file follow these).
MANIFEST_COLUMNS: tuple[str, ...] = ("source_id", "file", "title", "outlet", "url", "published")

#: Manifest columns that must be present.
REQUIRED_MANIFEST_COLUMNS: tuple[str, ...] = ("source_id", "file")

#: File name of the manifest looked up next to (or one level above) the articles.
MANIFEST_NAME = "sources.csv"

#: Suffixes of the article files :func:`load_corpus` reads.
TEXT_SUFFIXES: tuple[str, ...] = (".txt", ".md")

# --- splitting and labelling parameters (see the module docstring) ---------

#: Lines longer than this are never treated as hard-wrapped.
WRAP_MAX_WIDTH = 120
#: A heading has at most this many words ...
HEADING_MAX_WORDS = 15
#: ... and at most this many characters.
HEADING_MAX_CHARS = 150
#: A heading ending in "?" or "!" has at most this many words.
QUESTION_HEADING_MAX_WORDS = 12
#: A title has at most this many words ...
TITLE_MAX_WORDS = 30
#: ... and at most this many characters.
TITLE_MAX_CHARS = 250
#: A shorter form of the title (all its words in the title) needs at least
#: this many distinct words, or half the title's, to count as a title too.
TITLE_VARIANT_MIN_WORDS = 3
#: The manifest title is looked for among this many first non-boilerplate blocks.
TITLE_SEARCH_BLOCKS = 5
#: At most this many headings in a row above body text (e.g. a section and a
#: subsection heading); a longer run of short lines is a list, i.e. body.
MAX_STACKED_HEADINGS = 2
#: A decoded file in which more than this share of characters are control
#: characters (other than tab, line breaks and form feed) is binary.
BINARY_CONTROL_SHARE = 0.05
#: When more than this share of a non-UTF-8 file's letters come from bytes
#: decoded by the cp1252 fallback, the file is probably in another 8-bit code
#: page (Cyrillic, Greek, ...), and charset_normalizer's guess is used instead
#: when it is installed.
FOREIGN_CODEPAGE_LETTER_SHARE = 0.3

#: Characters that count as blank: Unicode whitespace (``str.isspace``) plus
#: zero-width characters that are invisible in print.
BLANK_CHARACTERS = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003"
    "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
    "\u200b\u200c\u200d\u2060\ufeff"
)

_TERMINAL = ".!?\u2026"  # sentence-ending punctuation (… included)
_CLOSERS = "\"'\u2019\u201d\u00bb)]"  # may follow the sentence end
_HEADING_BAD_END = ".,;\u2026\"'\u2019\u201d\u00bb\u2014\u2013-"
_SENTENCE_BREAK = re.compile(r"\w{2,}[.!?][\"'\u2019\u201d)]*\s+\S")
_LIST_ITEM = re.compile(r"(?:[-*+\u2022\u25aa\u25cf\u2013\u2014]|\d{1,3}[.)])\s")
_MD_HEADING = re.compile(r"(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_TITLE_EDGE = " \t.:;,!?-|\"'*#_"
_TITLE_SUFFIX = re.compile(r"\s+[|\-\u00b7\u2022:]\s+")


# ---------------------------------------------------------------------------
# Boilerplate rules
# ---------------------------------------------------------------------------


class BoilerplateRule(NamedTuple):
    """One kind of page furniture recognised as a whole block.

    Attributes
    ----------
    name : str
        Short label, returned by :func:`boilerplate_rule`.
    pattern : str
        Regular expression that must match the *whole* block, case-insensitive,
        after :func:`framelens.text.normalize.normalize_for_matching` and with runs
        of whitespace collapsed to one space. Trailing ``. : ! *`` are allowed.
    max_words : int
        Blocks with more words are never this kind of boilerplate.
    note : str
        What the rule is for.
    """

    name: str
    pattern: str
    max_words: int
    note: str


#: File of the boilerplate rules (``rules/`` beside ``lexicons/``): one row per rule
#: (``kind = rule``) or per shared fragment of a pattern (``kind = fragment``,
#: written ``<<name>>`` inside a rule's pattern), each with a ``note`` and a
#: ``source``.
BOILERPLATE_FILE = "boilerplate.csv"


def load_boilerplate_rules(path: str | os.PathLike[str] | None = None) -> tuple[BoilerplateRule, ...]:
    """Boilerplate rules from a CSV file, in file order.

    Parameters
    ----------
    path : path, optional
        A file with the columns ``name, kind, pattern, max_words, note,
        source``; default: the packaged ``rules/boilerplate.csv``.

    Raises
    ------
    CorpusError
        A row is malformed (unknown kind, a ``max_words`` that is not a
        positive integer, an unknown fragment, a pattern that does not
        compile); the message names the row.
    """
    import csv
    from importlib import resources

    if path is None:
        text = resources.files("framelens").joinpath("rules", BOILERPLATE_FILE).read_text(encoding="utf-8")
        label = BOILERPLATE_FILE
    else:
        text, label = Path(path).read_text(encoding="utf-8"), str(path)
    fields = ["name", "kind", "pattern", "max_words", "note", "source"]
    reader = csv.DictReader(text.splitlines())
    if reader.fieldnames != fields:
        raise CorpusError(f"{label}: columns must be {', '.join(fields)}, got {reader.fieldnames}")
    fragments: dict[str, str] = {}
    rules: list[BoilerplateRule] = []
    for line, row in enumerate(reader, start=2):
        where = f"{label} line {line} ({row.get('name')!r})"
        pattern = re.sub(
            r"<<(\w+)>>",
            lambda m: fragments[m.group(1)] if m.group(1) in fragments else _unknown_fragment(where, m.group(1)),
            row["pattern"],
        )
        if row["kind"] == "fragment":
            fragments[row["name"]] = pattern
            continue
        if row["kind"] != "rule":
            raise CorpusError(f"{where}: kind must be 'rule' or 'fragment', got {row['kind']!r}")
        try:
            max_words = int(row["max_words"])
            re.compile(pattern)
        except (ValueError, re.error) as exc:
            raise CorpusError(f"{where}: {exc}") from None
        if max_words < 1:
            raise CorpusError(f"{where}: max_words must be a positive integer")
        rules.append(BoilerplateRule(row["name"], pattern, max_words, row["note"]))
    return tuple(rules)


def _unknown_fragment(where: str, name: str) -> str:
    raise CorpusError(f"{where}: unknown fragment <<{name}>> (define it in an earlier row)")


#: Whole-block patterns for page furniture scraped along with articles
#: (:func:`load_boilerplate_rules`).
BOILERPLATE_RULES: tuple[BoilerplateRule, ...] = load_boilerplate_rules()

_TRAILER = r"[\s.:!*]*"  # allowed after any rule's pattern
_RULE_RES = tuple(re.compile(rf"(?:{rule.pattern}){_TRAILER}", re.IGNORECASE) for rule in BOILERPLATE_RULES)
# One combined pattern as a fast first test; the per-rule patterns decide.
_ANY_RULE = "|".join(f"(?:{rule.pattern})" for rule in BOILERPLATE_RULES)
_BOILERPLATE_FULL = re.compile(f"(?:{_ANY_RULE}){_TRAILER}", re.IGNORECASE)
_MAX_BOILERPLATE_WORDS = max(rule.max_words for rule in BOILERPLATE_RULES)
# Longest block (in characters) worth testing against the rules.
_MAX_BOILERPLATE_CHARS = 40 * _MAX_BOILERPLATE_WORDS


def _collapse(text: str) -> str:
    """Normalised text with whitespace runs collapsed (for whole-block matching)."""
    return " ".join(normalize_for_matching(text).split())


def boilerplate_rule(text: str) -> str | None:
    """Name of the :data:`BOILERPLATE_RULES` entry matching a whole block, if any.

    Parameters
    ----------
    text : str
        One block of text.

    Returns
    -------
    str or None
        The rule's ``name``, or ``None`` if the block is not boilerplate by
        pattern. (A repeated title is boilerplate too, but that needs the
        title; see :func:`blocks_from_text`.)

    Examples
    --------
    >>> boilerplate_rule("Advertisement \u00b7 Scroll to continue")
    'advert'
    >>> boilerplate_rule("Ketamine works differently.") is None
    True
    """
    if len(text) > _MAX_BOILERPLATE_CHARS:
        return None
    words = normalize_for_matching(text).split()
    n_words = len(words)
    if not words or n_words > _MAX_BOILERPLATE_WORDS:
        return None
    flat = " ".join(words)
    if _BOILERPLATE_FULL.fullmatch(flat) is None:
        return None
    # The combined pattern reports the first alternative that matched; try
    # every rule so that a word limit of one rule does not hide another.
    for rule, rule_re in zip(BOILERPLATE_RULES, _RULE_RES):
        if n_words <= rule.max_words and rule_re.fullmatch(flat):
            return rule.name
    return None


# ---------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_SURROGATE = re.compile("[\udc80-\udcff]")


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: as in Latin-1
        return chr(byte)


# surrogate-escaped byte -> its cp1252 character
_ESCAPED_TO_CP1252 = {0xDC00 + b: _cp1252_char(b) for b in range(0x80, 0x100)}


def _guess_codepage(data: bytes) -> tuple[str, str] | None:
    """charset_normalizer's guess (text, encoding), if it is installed."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it ships with trafilatura
        return None
    best = from_bytes(data).best()
    if best is None or not best.encoding:
        return None
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_fallback(data: bytes, name: str, first_bad: int) -> str:
    """Decode bytes that are not valid UTF-8, and warn."""
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = len(_SURROGATE.findall(escaped))
    text = escaped.translate(_ESCAPED_TO_CP1252)
    valid_multibyte = any(ord(ch) > 0x7F and not 0xDC80 <= ord(ch) <= 0xDCFF for ch in escaped)
    encoding = "cp1252"
    if not valid_multibyte:
        letters = sum(ch.isalpha() for ch in text)
        from_fallback = sum(_ESCAPED_TO_CP1252[ord(ch)].isalpha() for ch in _SURROGATE.findall(escaped))
        if letters and from_fallback > FOREIGN_CODEPAGE_LETTER_SHARE * letters:
            guess = _guess_codepage(data)
            if guess is not None:
                text, encoding = guess
    if encoding == "cp1252" and valid_multibyte:
        how = f"UTF-8 except {bad} byte(s) decoded as cp1252 (a file mixing two encodings)"
    else:
        how = f"{encoding}"
    warnings.warn(
        DecodingWarning(
            f"{name}: not valid UTF-8 (first bad byte at offset {first_bad}); "
            f"decoded as {how}. Check accented letters and quotes, or re-save the file as UTF-8."
        ),
        stacklevel=3,
    )
    return text


def decode_bytes(data: bytes, name: str) -> str:
    """Decode an article file's bytes to text with ``LF`` line endings.

    Parameters
    ----------
    data : bytes
        The file's content.
    name : str
        The file's name or path, used in warnings and errors.

    Returns
    -------
    str
        The text: a UTF-8, UTF-16 or UTF-32 byte-order mark is honoured and
        removed, ``CRLF`` and lone ``CR`` become ``LF``. Block offsets refer
        to this string.

    Raises
    ------
    CorpusError
        If the bytes look binary: a NUL byte (binary data, or UTF-16 without a
        byte-order mark), a PDF, or more than :data:`BINARY_CONTROL_SHARE` of
        control characters.

    Warns
    -----
    DecodingWarning
        If the bytes are not valid UTF-8. Invalid bytes are then read as
        Windows-1252 (cp1252, where scraped news often has its curly quotes);
        a file in which most letters would come from such bytes is decoded
        with charset_normalizer's guess of its code page, when available.

    Examples
    --------
    >>> decode_bytes(b"\\xef\\xbb\\xbfLine one\\r\\nLine two", "a.txt")
    'Line one\\nLine two'
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"{name}: expected bytes, got {type(data).__name__}")
    data = bytes(data)
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8-sig":
                data = data[len(bom):]
                break
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise CorpusError(
                    f"{name}: starts with a {encoding.upper()} byte-order mark but cannot be "
                    f"decoded as {encoding.upper()} (byte {exc.start}: {exc.reason})"
                ) from exc
            break
    if text is None:
        if data.startswith(b"%PDF-"):
            raise CorpusError(f"{name}: is a PDF file, not text; extract its text first")
        if b"\x00" in data:
            raise CorpusError(
                f"{name}: contains NUL bytes, so it is binary (or UTF-16 without a "
                "byte-order mark), not a text file"
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            text = _decode_fallback(data, name, exc.start)
    if "\x00" in text:
        raise CorpusError(f"{name}: contains NUL characters, so it is not a text file")
    if text:
        n_control = len(text) - len(_CONTROL.sub("", text))
        if n_control > BINARY_CONTROL_SHARE * len(text):
            raise CorpusError(
                f"{name}: {n_control} of {len(text)} characters are control characters; "
                "this looks like a binary file, not text"
            )
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# ---------------------------------------------------------------------------
# Splitting text into blocks
# ---------------------------------------------------------------------------


class _Line(NamedTuple):
    start: int  # offset of the line's first character (indentation included)
    lo: int  # offset of its first non-blank character
    hi: int  # offset just after its last non-blank character
    content: str  # text[lo:hi]


def _ends_sentence(content: str) -> bool:
    stripped = content.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def _is_full(line: _Line, nxt: _Line, width: int) -> bool:
    """Whether a greedy line-wrapper could have broken ``line`` before ``nxt``."""
    used = line.hi - line.start
    if used > WRAP_MAX_WIDTH or nxt.content == line.content or _starts_unit(nxt):
        return False
    first_word = nxt.content.split(None, 1)[0]
    return used + 1 + len(first_word) > width


def _starts_unit(line: _Line) -> bool:
    """A line that always starts a new block (list item, Markdown heading)."""
    return bool(_LIST_ITEM.match(line.content)) or line.content.startswith("#")


def _split_chunk(lines: list[_Line]) -> list[tuple[int, int]]:
    """(lo, hi) spans of the blocks in one chunk of consecutive non-blank lines."""
    if len(lines) == 1:
        return [(lines[0].lo, lines[0].hi)]
    width = max(line.hi - line.start for line in lines)
    if width > WRAP_MAX_WIDTH:
        return [(line.lo, line.hi) for line in lines]
    full = [_is_full(lines[i], lines[i + 1], width) for i in range(len(lines) - 1)]
    # A break "flows" when the sentence visibly runs on across it.
    flows = sum(
        full[i] and not _ends_sentence(lines[i].content) and not lines[i + 1].content[0].isupper()
        for i in range(len(full))
    )
    if 2 * flows <= len(full):
        return [(line.lo, line.hi) for line in lines]
    spans = []
    lo = lines[0].lo
    for i, joined in enumerate(full):
        if not joined:
            spans.append((lo, lines[i].hi))
            lo = lines[i + 1].lo
    spans.append((lo, lines[-1].hi))
    return spans


def _iter_lines(text: str) -> Iterator[str]:
    """``text.split("\\n")`` one line at a time (a long article's lines are never all held at once)."""
    start = 0
    find = text.find
    while True:
        end = find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def _block_spans(text: str) -> tuple[array, array]:
    """Start and end offsets of every block of ``text``, in order. Linear time.

    Machine-integer arrays: a list of ``(start, end)`` tuples would cost
    about 100 bytes a block, a lot for an article of a million paragraphs.
    """
    starts, ends = array("q"), array("q")
    chunk: list[_Line] = []
    pos = 0

    def flush() -> None:
        for lo, hi in _split_chunk(chunk):
            starts.append(lo)
            ends.append(hi)

    for raw_line in _iter_lines(text):
        start = pos
        pos += len(raw_line) + 1
        content = raw_line.strip(BLANK_CHARACTERS)
        if not content:
            if chunk:
                flush()
                chunk = []
            continue
        lo = start + (len(raw_line) - len(raw_line.lstrip(BLANK_CHARACTERS)))
        chunk.append(_Line(start, lo, lo + len(content), content))
    if chunk:
        flush()
    return starts, ends


# ---------------------------------------------------------------------------
# Labelling blocks
# ---------------------------------------------------------------------------


def _markdown_heading(text: str) -> str | None:
    """The heading text of a one-line Markdown ``#`` heading, else None."""
    if not text.startswith("#") or "\n" in text:
        return None
    match = _MD_HEADING.fullmatch(text)
    return match.group(2) if match and match.group(2) else None


def _title_key(text: str) -> str:
    return _collapse(text).casefold().strip(_TITLE_EDGE)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", normalize_for_matching(text).casefold()))


def _heading_like(text: str) -> bool:
    if "\n" in text or len(text) > HEADING_MAX_CHARS:
        return False
    first, last = text[0], text[-1]
    if not first.isalnum() or first.islower() or last in _HEADING_BAD_END:
        return False
    n_words = len(text.split())
    if n_words > HEADING_MAX_WORDS:
        return False
    if last in "?!" and n_words > QUESTION_HEADING_MAX_WORDS:
        return False
    return _SENTENCE_BREAK.search(text) is None


def _title_like(text: str) -> bool:
    if "\n" in text or len(text) > TITLE_MAX_CHARS or len(text.split()) > TITLE_MAX_WORDS:
        return False
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] not in ".,;:\u2026"


def _matches_title(text: str, title_key: str) -> bool:
    """Whether a block is the given title, possibly followed by `` | Site name``."""
    key = _title_key(text)
    if key == title_key:
        return True
    return key.startswith(title_key) and _TITLE_SUFFIX.match(key, len(title_key)) is not None


def _same_headline(a: set[str], b: set[str]) -> bool:
    """Whether two word sets are a short and a long form of one headline.

    The shorter one's words must all be in the longer one, and it must have
    at least :data:`TITLE_VARIANT_MIN_WORDS` words or half the longer's, so a
    one-word section heading taken from the title is not a title.
    """
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return bool(short) and short <= long and (
        len(short) >= TITLE_VARIANT_MIN_WORDS or 2 * len(short) >= len(long)
    )


def _label(texts: Sequence[str], title: str | None) -> tuple[list[str], list[str]]:
    """Kind and section of each block (rules in the module docstring)."""
    n = len(texts)
    kinds = ["body"] * n
    md = [_markdown_heading(t) for t in texts]
    plain = [m if m is not None else t for m, t in zip(md, texts)]
    for i, text in enumerate(texts):
        if md[i] is None and boilerplate_rule(text) is not None:
            kinds[i] = "boilerplate"
    content = [i for i in range(n) if kinds[i] != "boilerplate"]

    # -- title ---------------------------------------------------------
    title_blocks: list[int] = []
    manifest_key = _title_key(title) if title and title.strip() else ""
    if manifest_key:
        for i in content[:TITLE_SEARCH_BLOCKS]:
            if _matches_title(plain[i], manifest_key):
                title_blocks.append(i)
                break
            if not (_title_like(plain[i]) or _heading_like(plain[i])):
                break  # body text reached: the title is not in the text
    elif len(content) > 1 and _title_like(plain[content[0]]) and (
        md[content[0]] is None or texts[content[0]].startswith("# ")
    ):
        title_blocks.append(content[0])
    if title_blocks:
        # neighbouring short or full forms of the same headline
        pos = content.index(title_blocks[0])
        words = _words(plain[title_blocks[0]])
        for step in (-1, 1):
            j = pos + step
            # forwards, the last block is left alone: a text is never all title
            while 0 <= j < len(content) - (step == 1):
                cand = content[j]
                if not _title_like(plain[cand]):
                    break
                if not _same_headline(words, _words(plain[cand])):
                    break
                title_blocks.append(cand)
                j += step
        for i in title_blocks:
            kinds[i] = "title"
        for i in content:
            if i >= min(title_blocks):
                break
            kinds[i] = "boilerplate"  # page header above the title (site name, section, date)
    title_keys = {_title_key(plain[i]) for i in title_blocks}
    if manifest_key:
        title_keys.add(manifest_key)
    first_title = min(title_blocks) if title_blocks else -1
    longest = max(map(len, title_keys), default=0) + 100  # room for a " | Site" suffix
    for i in content:
        if (
            i > first_title
            and kinds[i] == "body"
            and len(plain[i]) <= longest
            and _title_key(plain[i]) in title_keys
        ):
            kinds[i] = "boilerplate"  # the title repeated further down the page

    # -- headings (reverse pass: is the next content block body text?) -----
    others = [i for i in range(n) if kinds[i] == "body"]
    # by position in `others` (a list, not a dict: a long text has a million blocks)
    heading_like = [md[i] is not None or _heading_like(texts[i]) for i in others]
    stack: dict[int, int] = {}  # heading -> how many headings from it down to the body
    for pos in range(len(others) - 1, -1, -1):
        i = others[pos]
        if md[i] is not None:
            kinds[i] = "heading"
            stack[i] = 1
            continue
        if not heading_like[pos] or pos == len(others) - 1:
            continue
        j = others[pos + 1]
        if not heading_like[pos + 1]:
            kinds[i] = "heading"
            stack[i] = 1
        elif kinds[j] == "heading" and stack[j] < MAX_STACKED_HEADINGS:
            kinds[i] = "heading"
            stack[i] = stack[j] + 1

    # -- sections --------------------------------------------------------
    sections = [""] * n
    current = ""
    for i in range(n):
        if kinds[i] == "heading":
            current = " ".join(plain[i].split())
        sections[i] = current
    return kinds, sections


def _block_rows(text: str, source_id: str, file: str, title: str | None) -> dict[str, Any]:
    starts, ends = _block_spans(text)
    texts = [text[lo:hi] for lo, hi in zip(starts, ends)]
    kinds, sections = _label(texts, title)
    n = len(texts)
    return {
        "source_id": [source_id] * n,
        "block_index": range(n),
        "kind": kinds,
        "section": sections,
        "text": texts,
        "start": starts,
        "end": ends,
        "file": [file] * n,
    }


def _frame(columns: dict[str, Any]) -> pd.DataFrame:
    """The blocks table of ``columns`` (emptied as it goes, so each list is
    freed once converted: a long article's blocks are not held twice)."""
    data = {}
    for name in BLOCK_COLUMNS:
        values = columns.pop(name)
        if name in ("block_index", "start", "end"):
            data[name] = pd.Series(np.asarray(values, dtype=np.int64), dtype="int64")
        else:
            data[name] = pd.Series(values, dtype="str")
    return pd.DataFrame(data, columns=list(BLOCK_COLUMNS))


def blocks_from_text(
    text: str, source_id: str, *, file: str = "", title: str | None = None
) -> pd.DataFrame:
    """Split one decoded article into labelled blocks.

    Parameters
    ----------
    text : str
        The article, already decoded (see :func:`decode_bytes`); offsets are
        into this string exactly as given.
    source_id : str
        Value of the ``source_id`` column.
    file : str, optional
        Value of the ``file`` column.
    title : str, optional
        The article's known title (e.g. from the manifest). When given, the
        block matching it is the ``title`` and later repeats are
        ``boilerplate``; when ``None`` or empty, the first block is the title
        only if it looks like one.

    Returns
    -------
    DataFrame
        Columns :data:`BLOCK_COLUMNS`, one row per block, index ``0..n-1``.
        Empty (with those columns) if ``text`` is blank.

    Examples
    --------
    >>> blocks = blocks_from_text("Ketamine news\\n\\nIt works, they say.", "a")
    >>> blocks[["kind", "text"]].values.tolist()
    [['title', 'Ketamine news'], ['body', 'It works, they say.']]
    """
    if not isinstance(text, str):
        raise TypeError(f"{file or source_id}: expected str text, got {type(text).__name__}")
    return _frame(_block_rows(text, str(source_id), str(file), title))


def body_blocks(blocks: pd.DataFrame, kinds: str | Iterable[str] = ("body",)) -> pd.DataFrame:
    """Rows of a blocks table whose ``kind`` is in ``kinds``.

    Parameters
    ----------
    blocks : DataFrame
        A table with a ``kind`` column (from :func:`load_corpus`).
    kinds : str or iterable of str, default ("body",)
        Kinds to keep, from :data:`KINDS`.

    Returns
    -------
    DataFrame
        The matching rows with their original index (so results can be
        joined back to ``blocks``).
    """
    if "kind" not in blocks.columns:
        raise CorpusError("blocks table has no 'kind' column; expected the output of load_corpus")
    wanted = (kinds,) if isinstance(kinds, str) else tuple(kinds)
    unknown = sorted(set(wanted) - set(KINDS))
    if unknown:
        raise CorpusError(f"unknown block kind(s) {unknown}; kinds are {list(KINDS)}")
    return blocks[blocks["kind"].isin(wanted)]


# ---------------------------------------------------------------------------
# Files and manifests
# ---------------------------------------------------------------------------


def read_manifest(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read and check a manifest (``sources.csv``).

    Parameters
    ----------
    path : path
        CSV file with columns ``source_id`` and ``file`` (required) and
        optionally ``title``, ``outlet``, ``url``, ``published`` and any
        others. ``file`` is relative to the manifest's folder.

    Returns
    -------
    DataFrame
        Columns :data:`MANIFEST_COLUMNS` then any extra columns, all strings,
        one row per source in file order. Missing optional columns and empty
        cells are ``""`` (never NA); values are stripped of surrounding
        whitespace; ``published`` is left as written.

    Raises
    ------
    CorpusError
        If the file is missing or unreadable, lacks a required column, has no
        rows, has a row with more fields than the header (a comma in an
        unquoted title would shift the columns), or has an empty or
        duplicated ``source_id`` or ``file``. Rows are numbered from 1 for
        the first row after the header; blank lines are skipped. A row with
        fewer fields than the header has its last cells empty.
    """
    path = Path(path)
    text = decode_bytes(read_file_bytes(path, what="manifest"), str(path))
    if not text.strip():
        raise CorpusError(f"manifest {path} is empty")
    table = _manifest_table(path, text)
    missing = [c for c in REQUIRED_MANIFEST_COLUMNS if c not in table.columns]
    if missing:
        raise CorpusError(
            f"manifest {path}: missing required column(s) {', '.join(missing)}; "
            f"it has: {', '.join(map(str, table.columns)) or 'none'}"
        )
    if table.columns.duplicated().any():
        dup = sorted(set(table.columns[table.columns.duplicated()]))
        raise CorpusError(f"manifest {path}: duplicated column name(s) {', '.join(dup)}")
    if len(table) == 0:
        raise CorpusError(f"manifest {path} lists no sources (no rows after the header)")
    for column in MANIFEST_COLUMNS:
        if column not in table.columns:
            table[column] = ""
    table = table[list(MANIFEST_COLUMNS) + [c for c in table.columns if c not in MANIFEST_COLUMNS]]
    table = table.apply(lambda col: col.fillna("").astype(str).str.strip()).astype("str")
    seen: dict[str, int] = {}
    seen_files: dict[str, int] = {}
    for row, (source_id, file) in enumerate(zip(table["source_id"], table["file"]), start=1):
        if not source_id:
            raise CorpusError(f"manifest {path}: row {row}: empty source_id")
        if not file:
            raise CorpusError(f"manifest {path}: row {row} (source_id {source_id!r}): empty file")
        if source_id in seen:
            raise CorpusError(
                f"manifest {path}: duplicate source_id {source_id!r} in rows {seen[source_id]} and {row}"
            )
        norm = os.path.normpath(file)
        if norm in seen_files:
            raise CorpusError(
                f"manifest {path}: file {file!r} is listed twice (rows {seen_files[norm]} and {row})"
            )
        seen[source_id] = row
        seen_files[norm] = row
    return table.reset_index(drop=True)


def _manifest_table(path: Path, text: str) -> pd.DataFrame:
    """The manifest's cells as strings, every row checked against the header."""
    import csv

    try:
        rows = [row for row in csv.reader(io.StringIO(text, newline=""), skipinitialspace=True) if row]
    except csv.Error as exc:
        raise CorpusError(f"manifest {path}: not a readable CSV file: {exc}") from exc
    header = [cell.strip() for cell in rows[0]] if rows else []
    data = rows[1:]
    for number, row in enumerate(data, start=1):
        if len(row) > len(header):
            raise CorpusError(
                f"manifest {path}: row {number}: {len(row)} fields but the header has "
                f"{len(header)} ({', '.join(header)}); quote cells that contain a comma"
            )
    width = len(header)
    data = [row + [""] * (width - len(row)) for row in data]
    return pd.DataFrame(data, columns=header, dtype=str) if data else pd.DataFrame(columns=header, dtype=str)


def read_file_bytes(path: Path, *, what: str = "") -> bytes:
    """The bytes of a file, or a :class:`CorpusError` that names it.

    Parameters
    ----------
    path : Path
        The file.
    what : str, optional
        What the file is, put before its name in messages (e.g. ``"manifest"``).
    """
    label = f"{what} {path}" if what else str(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(f"{label}: file not found") from None
    except OSError as exc:
        raise CorpusError(f"{label}: cannot read file: {exc.strerror or exc}") from exc


def _read_article(path: Path) -> str:
    if path.suffix.lower() not in TEXT_SUFFIXES:
        raise CorpusError(
            f"{path}: unsupported file type {path.suffix or '(none)'!r}; load_corpus reads "
            f"{' and '.join(TEXT_SUFFIXES)} files (see framelens.io.readers for HTML and tables)"
        )
    text = decode_bytes(read_file_bytes(path), str(path))
    if not text.strip(BLANK_CHARACTERS):
        raise CorpusError(f"{path}: file has no text (it is empty or only whitespace)")
    return text


def _text_files(directory: Path) -> list[Path]:
    return sorted(
        (p for p in directory.iterdir() if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES),
        key=lambda p: p.name,
    )


def find_manifest(directory: Path) -> Path | None:
    """The manifest (:data:`MANIFEST_NAME`) in ``directory`` or its parent, if there is one."""
    for candidate in (directory / MANIFEST_NAME, directory.parent / MANIFEST_NAME):
        if candidate.is_file():
            return candidate
    return None


def _manifest_file(manifest: Path, file: str) -> Path:
    """Path of a manifest ``file`` entry, relative to the manifest's folder."""
    if os.sep == "/" and "\\" in file:
        file = file.replace("\\", "/")  # a manifest written on Windows
    return Path(os.path.normpath(manifest.parent / Path(file).expanduser()))


def manifest_rows(
    manifest: Path, *, roots: Iterable[Path] = (), allow_outside: bool = False
) -> list[tuple[str, Path, str]]:
    """(source_id, file path, title) of every manifest row, each file checked.

    Parameters
    ----------
    manifest : Path
        The manifest file.
    roots : iterable of Path
        Folders being read; together with the manifest's own folder they are
        the corpus folders a ``file`` may lie in.
    allow_outside : bool
        Accept ``file`` entries that resolve outside those folders.

    Raises
    ------
    CorpusError
        Naming the manifest row: its file does not exist, or (unless
        ``allow_outside``) resolves outside the corpus folders — a ``../``
        path, an absolute path, ``~``, or a symbolic link pointing elsewhere
        (links are followed before the check).
    """
    table = read_manifest(manifest)
    allowed = list(dict.fromkeys([resolved_path(manifest.parent), *(resolved_path(r) for r in roots)]))
    sources = []
    for row, (source_id, file, title) in enumerate(
        zip(table["source_id"], table["file"], table["title"]), start=1
    ):
        path = _manifest_file(manifest, file)
        where = f"manifest {manifest}: row {row} (source_id {source_id!r}): file {file!r}"
        resolved = resolved_path(path)
        if not allow_outside and not any(resolved.is_relative_to(folder) for folder in allowed):
            raise CorpusError(
                f"{where} lies outside the corpus folder {allowed[0]} (it resolves to {resolved}); "
                "pass allow_outside=True (--allow-outside) to read it"
            )
        if not path.is_file():
            raise CorpusError(f"{where} not found (looked for {path})")
        sources.append((source_id, path, title))
    return sources


def _manifest_sources(
    manifest: Path,
    *,
    only: Path | None = None,
    within: Path | None = None,
    roots: Iterable[Path] = (),
    allow_outside: bool = False,
) -> list[tuple[str, Path, str]]:
    """(source_id, file path, title) of the manifest rows, files checked.

    With ``only``, just the row naming that file (or none); with ``within``,
    just the rows whose file lies in that folder. Every row is checked
    (:func:`manifest_rows`), not only those kept.
    """
    rows = manifest_rows(manifest, roots=roots, allow_outside=allow_outside)
    target = resolved_path(only) if only is not None else None
    folder = resolved_path(within) if within is not None else None
    sources = []
    for source_id, path, title in rows:
        if target is not None and resolved_path(path) != target:
            continue
        if folder is not None and not resolved_path(path).is_relative_to(folder):
            continue
        sources.append((source_id, path, title))
    return sources


def resolved_path(path: Path) -> Path:
    """``path`` with links followed and made absolute (as is, absolute, if it cannot be resolved)."""
    try:
        return path.resolve()
    except OSError:  # pragma: no cover - unresolvable path
        return path.absolute()


def load_corpus(
    path: str | os.PathLike[str],
    *,
    manifest: str | os.PathLike[str] | None = None,
    allow_outside: bool = False,
) -> pd.DataFrame:
    """Read a folder (or one file) of articles into a blocks table.

    Parameters
    ----------
    path : path
        A folder of ``.txt`` / ``.md`` articles, or one such file.
    manifest : path, optional
        A manifest CSV (see :func:`read_manifest`). If not given, framelens
        looks for ``sources.csv`` in the folder, then in its parent folder
        (the layout ``data/sources.csv`` + ``data/raw/*.txt``).
    allow_outside : bool, default False
        Read manifest ``file`` entries that resolve outside the corpus
        folder (``path``, or the manifest's folder).

    Returns
    -------
    DataFrame
        One row per block, columns :data:`BLOCK_COLUMNS`; sources in manifest
        order (else file-name order), blocks in text order. ``file`` is the
        article's path as reached from ``path`` or the manifest.

    Raises
    ------
    CorpusError
        If the folder or file is missing, the folder holds no articles, the
        manifest is malformed, names a missing file or a file outside the
        corpus folder (see ``allow_outside``), a file is binary or has no
        text.

    Warns
    -----
    CorpusWarning
        If the folder holds articles that the manifest does not list; they
        are not read.
    DecodingWarning
        If a file is not valid UTF-8 (see :func:`decode_bytes`).

    Notes
    -----
    A manifest given as ``manifest`` or found in the folder defines the
    corpus: every row is read, and nothing else. A manifest found in the
    parent folder contributes only its rows whose files lie in ``path``, and
    is ignored if there are none. When ``path`` is a single file, an
    automatically found manifest is used only if it lists that file; an
    explicit ``manifest`` must list it.
    """
    root = Path(path).expanduser()
    if not root.exists():
        raise CorpusError(f"{root}: no such file or directory")
    manifest_path: Path | None = None
    if manifest is not None:
        manifest_path = Path(manifest).expanduser()
        if not manifest_path.is_file():
            raise CorpusError(f"manifest {manifest_path} not found")

    sources: list[tuple[str, Path, str]]
    if root.is_dir():
        found: list[tuple[str, Path, str]] = []
        checks = {"roots": [root], "allow_outside": allow_outside}
        if manifest_path is not None:
            found = _manifest_sources(manifest_path, **checks)
        elif (root / MANIFEST_NAME).is_file():
            manifest_path = root / MANIFEST_NAME
            found = _manifest_sources(manifest_path, **checks)
        elif (root.parent / MANIFEST_NAME).is_file():
            # data/sources.csv describing data/raw: only its rows for this folder
            found = _manifest_sources(root.parent / MANIFEST_NAME, within=root, **checks)
            manifest_path = root.parent / MANIFEST_NAME if found else None
        if manifest_path is None:
            files = _text_files(root)
            if not files:
                raise CorpusError(
                    f"{root}: no {' or '.join(TEXT_SUFFIXES)} files in this folder "
                    "(subfolders are not searched)"
                )
            sources = [(p.stem, p, "") for p in files]
            stems: dict[str, Path] = {}
            for p in files:
                if p.stem in stems:
                    raise CorpusError(
                        f"{root}: {stems[p.stem].name} and {p.name} would both get source_id "
                        f"{p.stem!r}; rename one or add a {MANIFEST_NAME}"
                    )
                stems[p.stem] = p
        else:
            sources = found
            listed = {resolved_path(p) for _, p, _ in sources}
            unlisted = [p for p in _text_files(root) if resolved_path(p) not in listed]
            if unlisted:
                names = ", ".join(p.name for p in unlisted[:5]) + (" ..." if len(unlisted) > 5 else "")
                warnings.warn(
                    CorpusWarning(
                        f"{root}: {len(unlisted)} article file(s) not listed in {manifest_path} "
                        f"are not read: {names}"
                    ),
                    stacklevel=2,
                )
    else:
        explicit = manifest_path is not None
        if manifest_path is None:
            manifest_path = find_manifest(root.parent)
        sources = [(root.stem, root, "")]
        if manifest_path is not None:
            match = _manifest_sources(
                manifest_path, only=root, roots=[root.parent], allow_outside=allow_outside
            )
            if match:
                sources = match
            elif explicit:
                raise CorpusError(f"manifest {manifest_path} does not list the file {root}")

    columns: dict[str, list] = {name: [] for name in BLOCK_COLUMNS}
    for source_id, file, title in sources:
        text = _read_article(file)
        rows = _block_rows(text, source_id, str(file), title or None)
        for name in BLOCK_COLUMNS:
            columns[name].extend(rows[name])
    return _frame(columns)
