"""The score dimensions: what each one computes from a paragraph's reading.

Scoring (:mod:`framelens.scores.scoring`) loops over :data:`DIMENSIONS`;
nothing else in framelens lists the dimensions. Each entry says

- its **columns** (given the lexicon: hype and hedging report one column
  per lexicon category), the first being the headline score when
  ``headline`` is true, and which of them hold counts (``int_columns``);
- its **values** for one paragraph, from the shared
  :class:`~framelens.scores.reading.Reading` and the sentences' VADER
  compounds;
- how one of its **lexicon matches** enters the evidence: whether it is
  counted and what it contributes (``match_evidence``), or that its matches
  are not evidence rows of their own (``match_rows=False``: claim cues are
  reported once per claiming sentence);
- any **other evidence rows** it has (quotations, sentences, claims).

The formulas themselves live in the dimension's own module
(:mod:`~framelens.scores.hype`, :mod:`~framelens.scores.hedging`,
:mod:`~framelens.scores.balance`, :mod:`~framelens.scores.sentiment`,
:mod:`~framelens.scores.claims`), as pure functions of explicit inputs.
Adding a dimension means one module for its formula and one entry here.
A lexicon dimension with no entry here (a user's own) is matched and shown
as evidence, not scored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from framelens.scores import balance as _balance
from framelens.scores import claims as _claims
from framelens.scores import hedging as _hedging
from framelens.scores import hype as _hype
from framelens.scores import sentiment as _sentiment
from framelens.scores.reading import Reading
from framelens.text.lexicon import Lexicon
from framelens.text.matching import Match

__all__ = ["Dimension", "DIMENSIONS", "HEADLINE_SCORES", "Row", "by_name"]

#: One evidence row, values in ``framelens.scores.scoring.EXPLAIN_COLUMNS`` order.
Row = tuple


class Dimension(NamedTuple):
    """One score dimension (an immutable named tuple; see the module docstring).

    Attributes
    ----------
    name : str
        The dimension, as in the lexicon's ``dimension`` column and the
        evidence's ``dimension`` column.
    headline : bool
        Whether the first column is a headline score (placed first in the
        score table).
    settings : callable
        ``settings(lexicon) -> object``: what the dimension fixes once per
        scoring call (e.g. the lexicon's categories).
    columns : callable
        ``columns(settings) -> list of str``.
    int_columns : frozenset of str
        Columns that hold counts (typed ``int64``).
    values : callable
        ``values(reading, compounds, settings) -> list of float``, in
        ``columns`` order.
    match_evidence : callable or None
        ``match_evidence(match, settings) -> (counted, contribution)`` for
        one of its lexicon matches; ``None``: shown, not counted, its lexicon
        weight as contribution.
    match_rows : bool
        Whether its lexicon matches are evidence rows of their own.
    rows : callable or None
        ``rows(reading, compounds, settings) -> list of rows``: its other
        evidence rows.
    """

    name: str
    headline: bool
    settings: Callable[[Lexicon], Any]
    columns: Callable[[Any], list[str]]
    int_columns: frozenset[str]
    values: Callable[[Reading, Sequence[float], Any], list[float]]
    match_evidence: Callable[[Match, Any], tuple[bool, float]] | None = None
    match_rows: bool = True
    rows: Callable[[Reading, Sequence[float], Any], list[Row]] | None = None


def _none(lexicon: Lexicon) -> None:
    return None


# --- hype ------------------------------------------------------------------

def _hype_values(r: Reading, compounds: Sequence[float], categories: Sequence[str]) -> list[float]:
    overclaims = sum([c.overclaim for c in r.claims])
    return _hype.hype_values(r.matches, r.n_words, categories, overclaims)


def _hype_evidence(m: Match, categories: Any) -> tuple[bool, float]:
    if m.negated or m.category == _hype.EXCEPTION:  # shown, not counted
        return False, 0.0
    return True, _hype.contribution(m)


HYPE = Dimension(
    name=_hype.DIMENSION,
    headline=True,
    settings=lambda lexicon: _hype.scored_categories(lexicon.categories(_hype.DIMENSION)),
    columns=_hype.columns,
    int_columns=frozenset({"hype_count", "hype_negated", "hype_hedged"}),
    values=_hype_values,
    match_evidence=_hype_evidence,
)


# --- hedging ---------------------------------------------------------------

def _hedging_settings(lexicon: Lexicon) -> tuple[Sequence[str], Mapping[str, float]]:
    return lexicon.categories(_hedging.DIMENSION), _hedging.category_weights()


def _hedging_values(
    r: Reading, compounds: Sequence[float], settings: tuple[Sequence[str], Mapping[str, float]]
) -> list[float]:
    return _hedging.hedging_values(r.matches, r.n_words, settings[0], settings[1])


def _hedging_evidence(m: Match, settings: tuple[Sequence[str], Mapping[str, float]]) -> tuple[bool, float]:
    # a discounted modal (reported question, "would not") is shown, not counted
    if _hedging.discounted(m):
        return False, 0.0
    return True, _hedging.contribution(m, settings[1])


HEDGING = Dimension(
    name=_hedging.DIMENSION,
    headline=True,
    settings=_hedging_settings,
    columns=lambda settings: _hedging.columns(settings[0]),
    int_columns=frozenset({"hedging_count"}),
    values=_hedging_values,
    match_evidence=_hedging_evidence,
)


# --- balance ---------------------------------------------------------------

def _balance_values(r: Reading, compounds: Sequence[float], settings: None) -> list[float]:
    return _balance.balance_values(r.matches, r.n_words, len(r.quotes), r.speakers)


def _balance_evidence(m: Match, settings: None) -> tuple[bool, float]:
    # evidence (numbers, designs) and contrast words are shown, not counted in balance
    return m.category in _balance.SCORED_CATEGORIES, m.weight


def _quote_rows(r: Reading, compounds: Sequence[float], settings: None) -> list[Row]:
    # a quotation is shown; voices come from the distinct speakers, not from quotation marks
    text = r.text
    return [
        (_balance.DIMENSION, "quote", s, e, text[s:e], 1.0, False, False, False, '"..."', False, 0.0)
        for s, e in r.quotes
    ]


BALANCE = Dimension(
    name=_balance.DIMENSION,
    headline=True,
    settings=_none,
    columns=lambda settings: _balance.columns(),
    int_columns=frozenset({"balance_quotes", "balance_speakers"}),
    values=_balance_values,
    match_evidence=_balance_evidence,
    rows=_quote_rows,
)


# --- sentiment -------------------------------------------------------------

def _sentiment_values(r: Reading, compounds: Sequence[float], settings: None) -> list[float]:
    return _sentiment.sentiment_values(compounds)


def _sentence_rows(r: Reading, compounds: Sequence[float], settings: None) -> list[Row]:
    text = r.text
    return [
        (_sentiment.DIMENSION, "sentence", s, e, text[s:e], c, False, False, False, "", True, c)
        for (s, e), c in zip(r.spans, compounds)
    ]


SENTIMENT = Dimension(
    name=_sentiment.DIMENSION,
    headline=True,
    settings=_none,
    columns=lambda settings: _sentiment.columns(),
    int_columns=frozenset(),
    values=_sentiment_values,
    rows=_sentence_rows,
)


# --- claim strength ----------------------------------------------------------

def _claim_values(r: Reading, compounds: Sequence[float], settings: None) -> list[float]:
    return _claims.claim_values(r.claims)  # type: ignore[return-value]


def _claim_rows(r: Reading, compounds: Sequence[float], settings: None) -> list[Row]:
    return _claims.evidence_rows(r.text, r.claims, _hype.OVERCLAIM_WEIGHT)


CLAIM = Dimension(
    name=_claims.DIMENSION,
    headline=False,
    settings=_none,
    columns=lambda settings: list(_claims.SCORE_COLUMNS),
    int_columns=frozenset(_claims.SCORE_COLUMNS),
    values=_claim_values,
    match_rows=False,
    rows=_claim_rows,
)


#: The score dimensions, in the order of their columns.
DIMENSIONS: tuple[Dimension, ...] = (HYPE, HEDGING, BALANCE, SENTIMENT, CLAIM)

#: The headline scores, in order: the first column of each headline dimension.
HEADLINE_SCORES: tuple[str, ...] = tuple(d.name for d in DIMENSIONS if d.headline)


def by_name(name: str) -> Dimension:
    """The dimension called ``name``.

    Raises
    ------
    KeyError
        If no dimension has that name.
    """
    for d in DIMENSIONS:
        if d.name == name:
            return d
    raise KeyError(f"no score dimension {name!r}; known: {[d.name for d in DIMENSIONS]}")
