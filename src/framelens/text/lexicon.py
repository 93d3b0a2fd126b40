"""Lexicons: curated word and phrase lists with their provenance.

A lexicon is a table with one row per entry:

========== ==========================================================
column     meaning
========== ==========================================================
pattern    what to match (syntax in :mod:`framelens.text.matching`)
dimension  what it is evidence of (``hype``, ``hedging``, ``balance``,
           or any other name, e.g. ``aspect``)
category   a finer class inside the dimension (``sensational``, ``modal``)
weight     strength of the evidence, a finite number >= 0; ``0`` switches
           an entry off (useful to override a packaged entry)
source     where the entry comes from (literature, or ``user``)
note       optional free text
========== ==========================================================

The packaged lexicons live in ``framelens/lexicons/*.csv`` and are read with
:mod:`importlib.resources`. :class:`Lexicon` objects are immutable:
:meth:`Lexicon.extend` returns a new lexicon, so one call or one scorer can use
a domain's own terms without changing what anybody else sees.

Examples
--------
>>> from framelens.text.lexicon import Lexicon, load_lexicon
>>> lex = load_lexicon().extend(
...     [{"pattern": "wonder drug", "dimension": "hype",
...       "category": "sensational", "weight": 1.0, "source": "my newsroom"}])
>>> [m.match for m in lex.find("A wonder drug? Not quite.")]
['wonder drug']
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Any, Union

import pandas as pd

from framelens.errors import LexiconError
from framelens.text.matching import Match, Matcher, compile_pattern
from framelens.text.normalize import normalize_for_matching
from framelens.text.tokens import Tokens

__all__ = [
    "Lexicon",
    "load_lexicon",
    "available_lexicons",
    "as_lexicon",
    "resolve_lexicon",
    "LEXICON_COLUMNS",
    "DEFAULT_LEXICON_FILES",
]

#: Required columns of a lexicon table, in order.
LEXICON_COLUMNS: tuple[str, ...] = ("pattern", "dimension", "category", "weight", "source")

#: Files that make up ``load_lexicon("default")``: the scoring dimensions.
DEFAULT_LEXICON_FILES: tuple[str, ...] = ("hype.csv", "hedging.csv", "balance.csv")

_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")

LexiconLike = Union["Lexicon", pd.DataFrame, str, "PathLike[str]", Iterable[Mapping[str, Any]]]


def _clean_key(pattern: str) -> str:
    return " ".join(normalize_for_matching(pattern).lower().split())


class Lexicon:
    """An immutable set of lexicon entries with a compiled one-pass matcher.

    Build one with :meth:`from_csv`, :meth:`from_frame` or
    :func:`load_lexicon`; do not pass rows to the constructor yourself.

    Attributes
    ----------
    name : str
        Where the entries came from (for messages and reports).
    """

    __slots__ = ("_rows", "_matcher", "name")

    def __init__(self, rows: tuple[tuple[str, str, str, float, str, str], ...], name: str = "lexicon") -> None:
        object.__setattr__(self, "_rows", rows)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "_matcher", None)

    def _compiled(self) -> Matcher:
        """The token trie of the active entries, built on first use.

        Intermediate lexicons (one per packaged file, the parts of
        :meth:`split_categories`) are never matched against text, so they
        never pay for a trie. Patterns were already checked when the rows
        were read (:meth:`from_frame`, :meth:`from_csv`).
        """
        matcher = self._matcher
        if matcher is None:
            matcher = Matcher([r[:4] for r in self._rows if r[3] > 0])
            object.__setattr__(self, "_matcher", matcher)
        return matcher

    @property
    def entries(self) -> tuple[tuple[str, str, str, float, str, str], ...]:
        """The entries as tuples, in order, columns as in :meth:`to_frame`."""
        return self._rows

    @property
    def matcher(self) -> Matcher:
        """The compiled matcher of the entries with a positive weight (built once)."""
        return self._compiled()

    def __setattr__(self, key: str, value: Any) -> None:  # immutability
        raise AttributeError("Lexicon objects are immutable; use extend() to make a new one")

    def __repr__(self) -> str:
        dims = sorted({r[1] for r in self._rows})
        return f"<Lexicon {self.name!r}: {len(self._rows)} entries, dimensions {dims}>"

    def __reduce__(self) -> tuple[Any, ...]:  # pickling (e.g. dask workers) rebuilds the matcher
        return (Lexicon, (self._rows, self.name))

    def __copy__(self) -> Lexicon:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Lexicon:  # immutable: a copy is itself
        return self

    def __len__(self) -> int:
        return len(self._rows)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lexicon) and self._rows == other._rows

    def __hash__(self) -> int:
        return hash(self._rows)

    # ------------------------------------------------------------------ build
    @classmethod
    def from_frame(cls, df: pd.DataFrame, *, name: str = "lexicon", source: str | None = None) -> Lexicon:
        """Build a lexicon from a DataFrame with the :data:`LEXICON_COLUMNS`.

        Parameters
        ----------
        df : DataFrame
            One row per entry. ``source`` may be missing if the ``source``
            argument is given; ``note`` is optional; other columns are ignored.
        name : str
            Name used in error messages (e.g. a file name).
        source : str, optional
            Default ``source`` for rows that have none (e.g. ``"user"``).

        Returns
        -------
        Lexicon

        Raises
        ------
        LexiconError
            Naming the row (0-based position) and what is wrong: a missing
            column, an empty pattern/dimension/category, a weight that is not a
            finite number >= 0, an invalid pattern, or a duplicate entry.
        """
        return cls._from_frame(df, name=name, source=source, row_label=lambda i: f"row {i}")

    @classmethod
    def _from_frame(cls, df: pd.DataFrame, *, name: str, source: str | None, row_label: Any) -> Lexicon:
        if not isinstance(df, pd.DataFrame):
            raise LexiconError(f"{name}: expected a DataFrame, got {type(df).__name__}")
        cols = [str(c).strip().lower() for c in df.columns]
        df = df.set_axis(cols, axis=1)
        missing = [c for c in LEXICON_COLUMNS if c not in cols and not (c == "source" and source)]
        if missing:
            raise LexiconError(
                f"{name}: missing column(s) {missing}; a lexicon needs {list(LEXICON_COLUMNS)}"
            )
        has_note = "note" in cols
        rows: list[tuple[str, str, str, float, str, str]] = []
        seen: dict[tuple[str, str], str] = {}
        records = df.to_dict("records")
        for i, rec in enumerate(records):
            where = f"{name} {row_label(i)}"
            pattern = _text_cell(rec.get("pattern"), "pattern", where)
            dimension = _text_cell(rec.get("dimension"), "dimension", where).lower()
            category = _text_cell(rec.get("category"), "category", where).lower()
            if not _NAME_RE.match(dimension):
                raise LexiconError(f"{where}: dimension {dimension!r} must be a lower-case name like 'hype'")
            if not _NAME_RE.match(category):
                raise LexiconError(f"{where}: category {category!r} must be a lower-case name like 'modal'")
            weight = _weight_cell(rec.get("weight"), where)
            src_val = rec.get("source") if "source" in cols else None
            if src_val is None or (isinstance(src_val, float) and math.isnan(src_val)) or str(src_val).strip() == "":
                if not source:
                    raise LexiconError(f"{where}: empty source; say where the entry comes from (e.g. 'user')")
                src = source
            else:
                src = str(src_val).strip()
            note = ""
            if has_note:
                nv = rec.get("note")
                if nv is not None and not (isinstance(nv, float) and math.isnan(nv)):
                    note = str(nv).strip()
            compile_pattern(pattern, where=where)  # validates syntax, names the row
            key = (_clean_key(pattern), dimension)
            if key in seen:
                raise LexiconError(
                    f"{where}: duplicate entry {pattern!r} ({dimension}); first defined at {seen[key]}"
                )
            seen[key] = where
            rows.append((pattern.strip(), dimension, category, weight, src, note))
        return cls(tuple(rows), name=name)

    @classmethod
    def from_csv(cls, path: str | PathLike[str], *, source: str | None = None) -> Lexicon:
        """Read a lexicon CSV file (UTF-8, header row, :data:`LEXICON_COLUMNS`).

        Errors name the file and the line (the header is line 1). Lines
        starting with ``#`` are comments.
        """
        p = Path(path)
        try:
            df = pd.read_csv(p, dtype=str, keep_default_na=False, comment="#", skip_blank_lines=True)
        except FileNotFoundError:
            raise LexiconError(f"{p}: lexicon file not found") from None
        except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
            raise LexiconError(f"{p}: cannot read as a lexicon CSV ({exc})") from None
        return cls._read_frame(df, p.name, source)

    @classmethod
    def _read_frame(cls, df: pd.DataFrame, name: str, source: str | None) -> Lexicon:
        # comment lines make line numbers approximate; data row i is line i + 2
        return cls._from_frame(df, name=name, source=source, row_label=lambda i: f"line {i + 2}")

    # ------------------------------------------------------------- combine
    def extend(self, other: LexiconLike, *, replace: bool = True) -> Lexicon:
        """Return a new lexicon with ``other``'s entries added.

        Parameters
        ----------
        other : Lexicon, DataFrame, path to a CSV, or iterable of dicts
            The extra entries. Rows without a ``source`` get ``"user"``.
        replace : bool, default True
            When an entry has the same pattern and dimension as an existing
            one, replace it (a weight of 0 then switches it off). With
            ``False`` such a clash raises :class:`LexiconError`.

        Returns
        -------
        Lexicon
            A new object; ``self`` is unchanged.
        """
        extra = as_lexicon(other)
        keys = {(_clean_key(r[0]), r[1]) for r in extra._rows}
        kept = []
        for r in self._rows:
            if (_clean_key(r[0]), r[1]) in keys:
                if not replace:
                    raise LexiconError(
                        f"{extra.name}: entry {r[0]!r} ({r[1]}) already exists in {self.name}; "
                        "pass replace=True to override it"
                    )
                continue
            kept.append(r)
        return Lexicon(tuple(kept) + extra._rows, name=f"{self.name}+{extra.name}")

    # ------------------------------------------------------------- inspect
    def to_frame(self) -> pd.DataFrame:
        """The entries as a new DataFrame (``pattern ... source, note``)."""
        return pd.DataFrame(list(self._rows), columns=[*LEXICON_COLUMNS, "note"])

    @property
    def dimensions(self) -> tuple[str, ...]:
        """The dimensions present (sorted)."""
        return tuple(sorted({r[1] for r in self._rows}))

    def categories(self, dimension: str) -> tuple[str, ...]:
        """The categories of one dimension with at least one active entry (sorted)."""
        return tuple(sorted({r[2] for r in self._rows if r[1] == dimension and r[3] > 0}))

    def select(self, dimensions: Iterable[str]) -> Lexicon:
        """A new lexicon with only the given dimensions."""
        dims = set(dimensions)
        return Lexicon(tuple(r for r in self._rows if r[1] in dims), name=self.name)

    def split_categories(self, dimension: str) -> tuple[Lexicon, tuple[str, ...]]:
        """The entries of one dimension with every category made a dimension of its own.

        The matcher resolves overlapping matches only *within* a dimension.
        Analyses that ask "which categories does this text mention" (aspects
        of a story, checklist cues) want every category's matches kept:
        "ongoing studies" is both a *future* and an *evidence* mention. Such
        analyses match with the lexicon returned here; a match's
        ``category`` (and ``dimension``) is then the category.

        Parameters
        ----------
        dimension : str
            The dimension whose entries are kept.

        Returns
        -------
        lexicon : Lexicon
            The split lexicon (cached: the same object for the same input).
        categories : tuple of str
            The categories with an active entry, in lexicon order.

        Raises
        ------
        LexiconError
            If the dimension has no entry with a positive weight.
        """
        return _split_categories(self, dimension)

    # --------------------------------------------------------------- match
    def find(self, text: str, *, tokens: Tokens | None = None) -> list[Match]:
        """Find every entry in ``text`` in one pass.

        Parameters
        ----------
        text : str
            A paragraph; offsets in the result refer to it as given.
        tokens : Tokens, optional
            Tokens of ``text`` if the caller already has them.

        Returns
        -------
        list of Match
            Matches sorted by position, with ``negated``, ``hedged`` and
            ``intensified`` flags (see :mod:`framelens.text.matching`).
        """
        if not isinstance(text, str):
            raise TypeError(f"expected a str, got {type(text).__name__}")
        return self._compiled().find(text, tokens)


@lru_cache(maxsize=32)
def _split_categories(lexicon: Lexicon, dimension: str) -> tuple[Lexicon, tuple[str, ...]]:
    rows = tuple(r for r in lexicon._rows if r[1] == dimension)
    order = tuple(dict.fromkeys(r[2] for r in rows if r[3] > 0))
    if not order:
        raise LexiconError(
            f"{lexicon.name}: no active entries with dimension {dimension!r} "
            f"(dimensions present: {list(lexicon.dimensions)}); this analysis needs rows "
            f"with dimension={dimension!r}, one category per kind of mention"
        )
    split = Lexicon(tuple((r[0], r[2], *r[2:]) for r in rows), name=lexicon.name)
    return split, order


def _text_cell(value: Any, column: str, where: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == "":
        raise LexiconError(f"{where}: empty {column}")
    return str(value).strip()


def _weight_cell(value: Any, where: str) -> float:
    try:
        w = float(value)
    except (TypeError, ValueError):
        raise LexiconError(f"{where}: weight {value!r} is not a number") from None
    if not math.isfinite(w) or w < 0:
        raise LexiconError(f"{where}: weight {value!r} must be a finite number >= 0")
    return w


def as_lexicon(other: LexiconLike) -> Lexicon:
    """``other`` as a :class:`Lexicon`, with nothing added from the packaged ones.

    A :class:`Lexicon` is returned as it is; a DataFrame, a path to a CSV
    file or an iterable of dicts (``pattern, dimension, category, weight``,
    optional ``source``, default ``"user"``) is read and checked as a user
    lexicon. Compare :func:`resolve_lexicon`, which adds user entries to the
    default scoring lexicon.

    Raises
    ------
    LexiconError
        If ``other`` is none of these, or an entry is invalid.
    """
    if isinstance(other, Lexicon):
        return other
    if isinstance(other, pd.DataFrame):
        return Lexicon.from_frame(other, name="user lexicon", source="user")
    if isinstance(other, (str, PathLike)):
        return Lexicon.from_csv(other, source="user")
    try:
        records = list(other)  # type: ignore[arg-type]
    except TypeError:
        raise LexiconError(
            f"cannot use a {type(other).__name__} as a lexicon; give a Lexicon, DataFrame, CSV path or list of dicts"
        ) from None
    if records and not all(isinstance(r, Mapping) for r in records):
        raise LexiconError("user lexicon: every entry must be a dict with pattern, dimension, category, weight")
    return Lexicon.from_frame(pd.DataFrame(records, columns=None if records else list(LEXICON_COLUMNS)),
                              name="user lexicon", source="user")


def available_lexicons() -> list[str]:
    """Names of the packaged lexicon files (without ``.csv``) plus ``default``."""
    files = resources.files("framelens").joinpath("lexicons")
    names = sorted(p.name[:-4] for p in files.iterdir() if p.name.endswith(".csv"))
    return ["default", *names]


@lru_cache(maxsize=16)
def load_lexicon(name: str = "default") -> Lexicon:
    """Load a packaged lexicon.

    Parameters
    ----------
    name : str, default "default"
        ``"default"`` combines :data:`DEFAULT_LEXICON_FILES` (hype, hedging,
        balance); any other name loads ``lexicons/<name>.csv`` (e.g.
        ``"aspects"``).

    Returns
    -------
    Lexicon
        Cached: the same immutable object is returned on every call.
    """
    files = resources.files("framelens").joinpath("lexicons")
    wanted = DEFAULT_LEXICON_FILES if name == "default" else (f"{name}.csv",)
    frames = []
    lex: Lexicon | None = None
    for fname in wanted:
        res = files.joinpath(fname)
        if not res.is_file():
            raise LexiconError(f"no packaged lexicon {name!r}; available: {available_lexicons()}")
        with res.open("r", encoding="utf-8") as fh:
            df = pd.read_csv(fh, dtype=str, keep_default_na=False, comment="#", skip_blank_lines=True)
        part = Lexicon._read_frame(df, fname, None)
        frames.append(part)
    for part in frames:
        lex = part if lex is None else Lexicon(lex._rows + part._rows, name=name)
    assert lex is not None
    return lex


def resolve_lexicon(lexicon: LexiconLike | None) -> Lexicon:
    """The lexicon to score with: the default, a given one, or the default
    extended by user entries (DataFrame, CSV path, list of dicts)."""
    if lexicon is None:
        return load_lexicon()
    if isinstance(lexicon, Lexicon):
        return lexicon
    extra = as_lexicon(lexicon)
    _check_scored_dimensions(extra, from_csv=isinstance(lexicon, (str, PathLike)))
    return _default_extended(extra)


def _check_scored_dimensions(extra: Lexicon, *, from_csv: bool) -> None:
    """User entries added to the scoring lexicon must name a scored dimension.

    An entry for ``"hpye"`` would otherwise be read and never used.
    """
    valid = load_lexicon().dimensions
    for i, row in enumerate(extra._rows):
        if row[1] not in valid:
            label = f"line {i + 2}" if from_csv else f"row {i}"
            raise LexiconError(
                f"{extra.name} {label}: unknown dimension {row[1]!r} for scoring; "
                f"valid dimensions: {', '.join(valid)}"
            )


@lru_cache(maxsize=8)
def _default_extended(extra: Lexicon) -> Lexicon:
    # Lexicons are immutable and hash by their rows, so repeated calls with
    # the same user entries (a scorer in a loop, dask partitions) reuse one
    # compiled matcher.
    return load_lexicon().extend(extra)
