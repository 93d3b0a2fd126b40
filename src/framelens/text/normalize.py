"""Character normalisation for matching, preserving offsets.

News text mixes typographic variants of the same character: curly and
straight apostrophes ("don’t" / "don't"), non-breaking and thin spaces, and
several dashes. Lexicon matching must treat them alike, but the stored
article text must stay exactly as published. :func:`normalize_for_matching`
therefore maps each variant to one plain character **one for one**: the result
has the same length as the input, so a span found in the normalised string has
the same ``start``/``end`` in the original.
"""

from __future__ import annotations

import re

__all__ = ["normalize_for_matching", "MATCHING_EQUIVALENTS"]

#: Variant character -> the plain character it is matched as.
MATCHING_EQUIVALENTS: dict[str, str] = {
    # apostrophes and single quotes
    "\u2018": "'",  # left single quotation mark
    "\u2019": "'",  # right single quotation mark (the usual curly apostrophe)
    "\u201a": "'",  # single low-9 quotation mark
    "\u201b": "'",  # single high-reversed-9 quotation mark
    "\u2032": "'",  # prime
    "\u02bc": "'",  # modifier letter apostrophe
    "\u0060": "'",  # grave accent used as a quote
    "\u00b4": "'",  # acute accent used as a quote
    "\uff07": "'",  # fullwidth apostrophe
    # double quotes
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\uff02": '"',
    # spaces
    "\u00a0": " ",  # no-break space
    "\u2007": " ",  # figure space
    "\u202f": " ",  # narrow no-break space
    "\u2009": " ",  # thin space
    "\u200a": " ",  # hair space
    "\u2002": " ",
    "\u2003": " ",
    "\u2004": " ",
    "\u2005": " ",
    "\u2006": " ",
    "\u2008": " ",
    "\u3000": " ",
    "\u200b": " ",  # zero-width space (kept as a space so offsets survive)
    "\ufeff": " ",  # stray byte-order mark inside text
    # dashes and hyphens
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u2015": "-",  # horizontal bar
    "\u2212": "-",  # minus sign
    "\ufe58": "-",
    "\ufe63": "-",
    "\uff0d": "-",
    # ellipsis (one character; kept one character)
    "\u2026": ".",
}

# One character class of all variants: a regular-expression substitution
# touches only the (few) variant characters, which is several times faster
# than ``str.translate`` on long paragraphs.
_VARIANT = re.compile("[" + "".join(map(re.escape, MATCHING_EQUIVALENTS)) + "]")
_ASCII_VARIANTS = tuple(c for c in MATCHING_EQUIVALENTS if c.isascii())


def _plain(match: re.Match[str]) -> str:
    return MATCHING_EQUIVALENTS[match.group()]


def normalize_for_matching(text: str) -> str:
    """Return ``text`` with quote, space and dash variants made plain.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        A string of the same length in which every character listed in
        :data:`MATCHING_EQUIVALENTS` is replaced by its plain equivalent.
        Case is left alone (lower-casing can change the length of some
        non-ASCII strings and would break offsets).

    Examples
    --------
    >>> normalize_for_matching("Scientists still don\u2019t really know")
    "Scientists still don't really know"
    >>> len(normalize_for_matching("a\u2014b")) == len("a\u2014b")
    True
    """
    if not isinstance(text, str):
        raise TypeError(f"expected a str, got {type(text).__name__}")
    if text.isascii() and not any(c in text for c in _ASCII_VARIANTS):
        return text
    return _VARIANT.sub(_plain, text)
