"""The hedging score: language that withholds full commitment to a claim.

Definition
----------
Evidence is every match of the ``hedging`` dimension of the lexicon
(``lexicons/hedging.csv``), in categories

``modal``          epistemic modals: *may*, *might*, *could*;
``lexical_verb``   *suggest*, *appear*, *seem*, *indicate*;
``adverb``         *possibly*, *likely*, *perhaps*, *potential(ly)*;
``approximator``   *about <num>*, *roughly*, *nearly*, *somewhat*, *around
                   half*, *about five*; *typically*, *mostly*, *sometimes*;
``correlational``  *associated with*, *linked to* (association, not cause);
``limitation``     admissions of the limits of knowledge: *more research is
                   needed*, *not well understood*, *don't (really) know*,
                   *unclear*, *unknown*, *preliminary*.

For one paragraph of ``n_words`` words::

    contribution(m) = weight(m) * CATEGORY_WEIGHT[category(m)]
    hedging_raw     = sum of contributions
    x               = hedging_raw * 25 / max(n_words, 25)
    hedging         = 1 - 2 ** (-x / HEDGING_HALF)

``CATEGORY_WEIGHT`` comes from ``models/hedging.json``: non-negative
coefficients of a linear model of human certainty ratings fitted on the
``train`` split of the certainty data (see :mod:`framelens.validation.certainty` and
``docs/validation.md``), scaled so the largest is 1. A category missing
from the model (e.g. one a user adds) gets weight 1.

Negation does not cancel a hedge: "not clear", "not well understood" and
"don't know" are themselves admissions of uncertainty and are listed as
``limitation`` phrases, and "not likely" still withholds commitment.
Intensifiers are ignored for hedges.

Modals that hedge nothing
-------------------------
A ``modal`` match is **discounted** (:func:`discounted`: shown in the
evidence with ``counted=False`` and contribution 0, left out of
``hedging_raw``, ``hedging_count`` and the category columns) when

- it stands in a reported question or after a named possibility
  (``Match.in_question``: "asked whether ketamine *could* get in the way",
  "the possibility he *could* lose his clearance"): the uncertainty is the
  question's, not a hedge on a finding;
- it is *would* or *could* followed by a negator (``Match.negated_after``:
  "*would* not enter into a partnership", "*could* not attend"): a refusal,
  a plan or an inability (root modality), not epistemic doubt (Hyland 1998
  separates the two; Coates 1983 on root and epistemic modals).

"*may* not" and "*might* not" stay hedges ("the drug may not work"), and a
scope ends at a conjunction that opens the writer's own clause ("asked
whether it could help, but it *may* not": *may* counts). See
:mod:`framelens.text.matching` for the scopes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

from framelens.text.matching import Match
from framelens.text.tokens import density, saturate

__all__ = [
    "DIMENSION", "HEDGING_HALF", "MODAL", "ROOT_WHEN_NEGATED", "category_weights", "load_model", "hedging_values",
    "columns", "contribution", "discounted",
]  # fmt: skip

DIMENSION = "hedging"

#: Weighted hedge density (per 25 words) that gives ``hedging = 0.5``: one
#: full-weight hedge in a sentence-length stretch of text.
HEDGING_HALF: float = 1.0

#: The category whose matches can be discounted (see :func:`discounted`).
MODAL = "modal"

#: Modals (lower-case) that a following negator turns into a refusal, a plan
#: or an inability ("would not", "could not").
ROOT_WHEN_NEGATED: frozenset[str] = frozenset({"would", "could"})


@lru_cache(maxsize=1)
def load_model() -> Mapping[str, object]:
    """The packaged hedging model (``models/hedging.json``), read-only.

    Returns an empty mapping if the file is absent (then every category has
    weight 1).
    """
    res = resources.files("framelens").joinpath("models", "hedging.json")
    if not res.is_file():
        return MappingProxyType({})
    return MappingProxyType(json.loads(res.read_text(encoding="utf-8")))


def category_weights() -> Mapping[str, float]:
    """Category multipliers of the packaged model (read-only mapping)."""
    model = load_model()
    weights = model.get("category_weights", {}) if model else {}
    return MappingProxyType({str(k): float(v) for k, v in dict(weights).items()})  # type: ignore[arg-type]


def discounted(m: Match) -> bool:
    """True if a hedging match is shown but not counted (see the module docstring).

    Parameters
    ----------
    m : Match
        A match of the hedging dimension, with its context flags.

    Returns
    -------
    bool
        Whether ``m`` is a modal in a reported question or after a named
        possibility, or a negated *would* / *could*.
    """
    if m.category != MODAL or not (m.in_question or m.negated_after):
        return False
    return m.in_question or m.match.lower() in ROOT_WHEN_NEGATED


def contribution(m: Match, weights: Mapping[str, float] | None = None) -> float:
    """What one hedging match adds to ``hedging_raw`` (0 if :func:`discounted`)."""
    if discounted(m):
        return 0.0
    w = category_weights() if weights is None else weights
    return m.weight * w.get(m.category, 1.0)


def columns(categories: Sequence[str]) -> list[str]:
    """Names of the hedging columns, given the lexicon's hedging categories."""
    return ["hedging", "hedging_raw", "hedging_count", *[f"hedging_{c}" for c in categories]]


def hedging_values(
    matches: Sequence[Match],
    n_words: int,
    categories: Sequence[str],
    weights: Mapping[str, float] | None = None,
) -> list[float]:
    """Hedging columns for one paragraph, in :func:`columns` order.

    Parameters
    ----------
    matches : sequence of Match
        All lexicon matches of the paragraph (other dimensions, and
        :func:`discounted` hedges, are ignored).
    n_words : int
        Number of words of the paragraph.
    categories : sequence of str
        Hedging categories to report: ``hedging_<category>`` holds the summed
        lexicon weight of that category's counted matches (before category
        weights).
    weights : mapping, optional
        Category multipliers; default :func:`category_weights`.

    Returns
    -------
    list of float
        ``hedging`` in [0, 1] and its sub-scores.
    """
    w = category_weights() if weights is None else weights
    raw = 0.0
    n = 0
    per: dict[str, float] = {}
    for m in matches:
        if m.dimension != DIMENSION or discounted(m):
            continue
        raw += m.weight * w.get(m.category, 1.0)
        n += 1
        per[m.category] = per.get(m.category, 0.0) + m.weight
    return [
        saturate(density(raw, n_words), HEDGING_HALF),
        raw,
        n,
        *[per.get(c, 0.0) for c in categories],
    ]
