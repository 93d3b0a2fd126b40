"""Exceptions raised for bad input.

Every message names the file, row or column at fault and says what is wrong,
so that a user can fix the input without reading a traceback.
"""

from __future__ import annotations


class FramelensError(ValueError):
    """Base class for every error framelens raises about its input."""


class CorpusError(FramelensError):
    """A corpus directory, manifest or article file cannot be read as text."""


class LexiconError(FramelensError):
    """A lexicon table is malformed (missing column, bad weight, bad pattern)."""


class AnalysisError(FramelensError):
    """An analysis cannot be computed on the given table (e.g. one source only)."""


class CorpusWarning(UserWarning):
    """A corpus was read, but something about it deserves the user's attention."""


class DecodingWarning(CorpusWarning):
    """A file was not valid UTF-8 and was decoded with a fallback code page."""
