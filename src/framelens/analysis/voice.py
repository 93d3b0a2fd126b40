"""Who speaks: the evidence split into the writer's own voice and attributed words.

A hype term inside a researcher's quotation is the researcher's claim,
reported; the same term in the writer's narration is the outlet's own. A
wire story relaying a company's boast is not the same as an outlet making
it. This module reads every evidence span (from
:func:`framelens.explain_paragraphs` or
:func:`framelens.score_frame_with_evidence`) against the attribution of its
paragraph (:mod:`framelens.text.attribution`: quotations, reporting clauses
such as *X said* or *according to X*, and their speakers) and splits the
scores by voice. It runs after scoring, over the evidence, and leaves every
score as it is:

* :func:`attribute_evidence` -- the evidence table with two more columns,
  ``attributed`` (the span starts inside a quotation or inside the words
  a reporting clause reports; the frame "X said" itself is the writer's)
  and ``speaker`` (the name the text gives; ``""`` when it names no one or
  the span is the writer's own);
* :func:`voice_scores` -- per paragraph, hype and hedging recomputed from
  the spans of each voice (``hype_authorial``, ``hype_attributed``, ...),
  the number of named speakers and the share of words that are attributed;
* :func:`by_voice` -- per source, hype and hedging in the outlet's own voice
  against attributed, and the most quoted speakers;
* :func:`describe_voice` -- one sentence for a :func:`by_voice` table.

The split of a score
--------------------
For hype and hedging a paragraph's raw score is the sum of its counted
spans' contributions (``hype_raw``; see ``docs/scores.md``). Splitting the
spans by voice splits that sum exactly::

    hype_authorial_raw + hype_attributed_raw = hype_raw
    hype_authorial     = 1 - 2 ** (-density(hype_authorial_raw, n_words) / HYPE_HALF)

with the dimension's own formula and the **paragraph's** word count, so
each sub-score is the score the paragraph would have if only that voice's
spans counted; neither exceeds the paragraph's score, and a paragraph with
no attributed words has ``hype_authorial == hype``. (Dividing by the words
of each voice instead would make one boast in a short quotation inside a
long paragraph score as if the paragraph were all boast.)

Why balance is not split
------------------------
Balance is not a sum of spans: its sides component is the geometric mean of
two saturated sums (benefits against harms, costs and limits), and it
combines with the voices component as a probabilistic "or". Split spans
would not add up to it, and half a weighing is not a weighing. Its voices
component *is* attribution -- distinct speakers -- so a split would be all
"attributed" by construction. Finally, who states a
harm does not change whether the paragraph puts it before the reader: an
outlet that quotes a critic has made its story two-sided.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from framelens.analysis.tables import check_table, evidence_paragraphs, message_value as _label
from framelens.errors import AnalysisError
from framelens.scores.hedging import DIMENSION as HEDGING, HEDGING_HALF
from framelens.scores.hype import DIMENSION as HYPE, HYPE_HALF
from framelens.text.attribution import Attribution, attribute_many, find_attribution, speaker_key
from framelens.text.tokens import density, saturate

__all__ = [
    "VOICE_DIMENSIONS",
    "attribute_evidence",
    "voice_scores",
    "by_voice",
    "describe_voice",
]

#: Dimensions split by voice, with the half-saturation constant of each
#: score's formula (:mod:`framelens.scores.hype`, :mod:`framelens.scores.hedging`).
VOICE_DIMENSIONS: Mapping[str, float] = {HYPE: HYPE_HALF, HEDGING: HEDGING_HALF}


# ---------------------------------------------------------------------------
# evidence rows -> paragraphs
# ---------------------------------------------------------------------------


def _check_evidence(evidence: Any, func: str) -> pd.DataFrame:
    if not isinstance(evidence, pd.DataFrame):
        raise AnalysisError(f"{func}: evidence must be a DataFrame (framelens.explain_paragraphs or "
                            f"framelens.score_frame_with_evidence), got {type(evidence).__name__}")
    missing = [c for c in ("dimension", "start", "end") if c not in evidence.columns]
    if missing:
        raise AnalysisError(f"{func}: evidence has no column(s) {missing}; expected the columns of "
                            f"framelens.explain (dimension, category, start, end, match, ...)")
    return evidence


def _offsets(evidence: pd.DataFrame, func: str) -> tuple[np.ndarray, np.ndarray]:
    out = []
    for col in ("start", "end"):
        values = pd.to_numeric(evidence[col], errors="coerce").to_numpy(dtype=float)
        bad = ~np.isfinite(values) | (values != np.floor(values))
        if bad.any():
            k = bad.argmax()
            raise AnalysisError(f"{func}: evidence row {_label(evidence.index[k])!r} has a non-integer "
                                f"{col} {evidence[col].iloc[k]!r}")
        out.append(values.astype(np.int64))
    return out[0], out[1]


def _check_spans(texts: list[str], names: list[str], pos: np.ndarray, starts: np.ndarray,
                 ends: np.ndarray, evidence: pd.DataFrame, func: str) -> None:
    """Every span lies in its paragraph and says what the text says there."""
    lengths = np.fromiter((len(texts[p]) for p in pos), dtype=np.int64, count=len(pos))
    bad = (starts < 0) | (starts > ends) | (ends > lengths)
    if bad.any():
        k = int(bad.argmax())
        raise AnalysisError(
            f"{func}: evidence row {_label(evidence.index[k])!r} span [{starts[k]}, {ends[k]}) lies outside "
            f"the text of {names[pos[k]]} (length {lengths[k]}); was the evidence computed for "
            f"another paragraph?"
        )
    if "match" not in evidence.columns:
        return
    for k, (p, s, e, m) in enumerate(zip(pos, starts, ends, evidence["match"].tolist())):
        if isinstance(m, str) and texts[p][s:e] != m:
            raise AnalysisError(
                f"{func}: evidence row {_label(evidence.index[k])!r} says {m!r} at [{s}, {e}) but the text "
                f"of {names[p]} there is {texts[p][s:e]!r}; was the evidence computed for another "
                f"paragraph?"
            )


def _attributions(texts: Sequence[str], which: Iterable[int]) -> dict[int, Attribution]:
    return {p: find_attribution(texts[p]) for p in which}


def _flags(attributions: Mapping[int, Attribution], pos: np.ndarray,
           starts: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """``attributed`` and ``speaker`` of every evidence row."""
    attributed = np.zeros(len(pos), dtype=bool)
    speaker = [""] * len(pos)
    order = np.argsort(pos, kind="stable")
    if not len(order):
        return attributed, speaker
    # rows of one paragraph are contiguous in ``order``: one bisect table per paragraph
    cuts = np.flatnonzero(np.diff(pos[order])) + 1
    for rows in np.split(order, cuts):
        a = attributions[int(pos[rows[0]])]
        if not a.regions:
            continue
        for r, (flag, who) in zip(rows, attribute_many(a, starts[rows].tolist())):
            attributed[r] = flag
            speaker[r] = who
    return attributed, speaker


def _read(texts_or_blocks: Any, evidence: Any, *, by: str, text_column: str, func: str,
          every_paragraph: bool) -> tuple[list[str], np.ndarray, dict[int, Attribution], np.ndarray, list[str]]:
    evidence = _check_evidence(evidence, func)
    texts, names, pos = evidence_paragraphs(texts_or_blocks, evidence, by=by, text_column=text_column, func=func)
    starts, ends = _offsets(evidence, func)
    _check_spans(texts, names, pos, starts, ends, evidence, func)
    which = range(len(texts)) if every_paragraph else sorted(set(pos.tolist()))
    attributions = _attributions(texts, which)
    attributed, speaker = _flags(attributions, pos, starts)
    return texts, pos, attributions, attributed, speaker


# ---------------------------------------------------------------------------
# public functions
# ---------------------------------------------------------------------------


def attribute_evidence(
    texts_or_blocks: str | Sequence[str] | pd.Series | pd.DataFrame,
    evidence: pd.DataFrame,
    *,
    by: str = "source_id",
    text_column: str = "text",
) -> pd.DataFrame:
    """The evidence table with who speaks in each span.

    Parameters
    ----------
    texts_or_blocks : str, sequence of str, or DataFrame
        The paragraphs the evidence was computed for: one text (evidence of
        :func:`framelens.explain`), the texts in order (evidence of
        :func:`framelens.explain_paragraphs`, whose ``paragraph`` column is
        the position of each text), or a blocks or scored table with a
        ``text`` column (evidence of :func:`framelens.score_frame_with_evidence`,
        matched on ``by`` and ``block_index``, or with a ``paragraph`` column
        giving the row position in the table).
    evidence : DataFrame
        The evidence: at least ``dimension, start, end``; ``match`` is
        checked against the text when present.
    by : str, default "source_id"
        Column naming the sources, for keyed evidence.
    text_column : str, default "text"
        The text column of a table.

    Returns
    -------
    DataFrame
        A copy of ``evidence`` (same rows, order and index) with two more
        columns: ``attributed`` (bool; the span starts inside a quotation or
        inside the words a reporting clause reports) and ``speaker`` (str;
        the name the text gives, ``""`` when it names no one or the span is
        the writer's own).

    Raises
    ------
    AnalysisError
        Evidence that does not fit its text (offsets outside it, ``match``
        not what the text says there, a paragraph or key not in the input),
        naming the evidence row.

    Examples
    --------
    >>> import framelens
    >>> text = '"It is a breakthrough," said Dr. Smith. The trial was small.'
    >>> ev = attribute_evidence(text, framelens.explain(text))
    >>> ev.loc[ev["dimension"] == "hype", ["match", "attributed", "speaker"]].to_dict("records")
    [{'match': 'breakthrough', 'attributed': True, 'speaker': 'Dr. Smith'}]
    """
    func = "attribute_evidence"
    _, _, _, attributed, speaker = _read(texts_or_blocks, evidence, by=by, text_column=text_column,
                                         func=func, every_paragraph=False)
    out = evidence.copy()
    out["attributed"] = attributed
    out["speaker"] = pd.array(speaker, dtype="str") if len(speaker) else pd.array([], dtype="str")
    return out


# a word as the tokeniser counts one (starting with a letter; hyphens split, apostrophes join)
_WORD = re.compile(r"[^\W\d_]\w*(?:'\w+)*")


def _words_attributed(text: str, attribution: Attribution) -> int:
    """Number of words of ``text`` inside its attributed regions."""
    return sum(len(_WORD.findall(text, s, e)) for s, e, _ in attribution.regions)


def _voice_frame(
    scored: pd.DataFrame, evidence: pd.DataFrame, *, by: str, text_column: str, func: str
) -> tuple[pd.DataFrame, dict[int, Attribution], np.ndarray, list[str]]:
    """:func:`voice_scores`, the attribution of each paragraph (by position), and each
    evidence row's paragraph and speaker."""
    if not isinstance(scored, pd.DataFrame):
        raise AnalysisError(f"{func}: expected a scored table (framelens.score_frame), "
                            f"got {type(scored).__name__}")
    missing = [c for c in (text_column, "n_words") if c not in scored.columns]
    if missing:
        raise AnalysisError(f"{func}: the table has no column(s) {missing}; expected a scored table "
                            f"(framelens.score_frame)")
    if isinstance(evidence, pd.DataFrame) and "contribution" not in evidence.columns:
        raise AnalysisError(f"{func}: evidence has no 'contribution' column; expected the evidence of "
                            f"framelens.explain_paragraphs or framelens.score_frame_with_evidence")
    texts, pos, attributions, attributed, speaker = _read(scored, evidence, by=by, text_column=text_column,
                                                          func=func, every_paragraph=True)
    n = len(texts)
    dims = evidence["dimension"].to_numpy()
    counted = (evidence["counted"].to_numpy(dtype=bool) if "counted" in evidence.columns
               else np.ones(len(evidence), dtype=bool))
    contribution = pd.to_numeric(evidence["contribution"], errors="coerce").fillna(0.0).to_numpy(dtype=float)
    n_words = pd.to_numeric(scored["n_words"], errors="coerce").fillna(0).to_numpy(dtype=np.int64)
    cols: dict[str, Any] = {}
    raws: dict[str, np.ndarray] = {}
    for dim, half in VOICE_DIMENSIONS.items():
        live = (dims == dim) & counted
        for voice, mask in (("authorial", live & ~attributed), ("attributed", live & attributed)):
            raw = np.bincount(pos[mask], weights=contribution[mask], minlength=n)
            raws[f"{dim}_{voice}_raw"] = raw
            cols[f"{dim}_{voice}"] = [saturate(density(r, w), half) for r, w in zip(raw.tolist(), n_words.tolist())]
    cols.update(raws)
    cols["speakers"] = np.fromiter(
        (len({speaker_key(s) for s in attributions[p].speakers}) for p in range(n)), dtype=np.int64, count=n
    )
    cols["attributed_share"] = [
        min(1.0, _words_attributed(texts[p], attributions[p]) / w) if w > 0 else 0.0
        for p, w in zip(range(n), n_words.tolist())
    ]
    return pd.DataFrame(cols, index=scored.index), attributions, pos, speaker


def voice_scores(
    scored: pd.DataFrame,
    evidence: pd.DataFrame,
    *,
    by: str = "source_id",
    text_column: str = "text",
) -> pd.DataFrame:
    """Hype and hedging of each paragraph in the writer's own voice and in attributed words.

    Parameters
    ----------
    scored : DataFrame
        Scored paragraphs (:func:`framelens.score_frame`) with the text and
        ``n_words`` columns.
    evidence : DataFrame
        Their evidence, keyed by ``by`` and ``block_index``
        (:func:`framelens.score_frame_with_evidence`) or with a
        ``paragraph`` column giving the row position in ``scored``
        (:func:`framelens.explain_paragraphs` of ``scored["text"]``).
    by, text_column : str
        As in :func:`attribute_evidence`.

    Returns
    -------
    DataFrame
        Same index as ``scored``. For hype and hedging: ``<dim>_authorial``
        and ``<dim>_attributed``, the score recomputed with the dimension's
        formula from the counted contributions of the spans in that voice
        only (the paragraph's word count as length), and the raw sums
        ``<dim>_authorial_raw`` and ``<dim>_attributed_raw``, which add up to
        ``<dim>_raw``. Then ``speakers``, the number of distinct named
        speakers, and ``attributed_share``, the share of the paragraph's
        words inside quotations or reported speech.

    Raises
    ------
    AnalysisError
        Missing columns, or evidence that does not fit its text.

    Notes
    -----
    Balance is not split by voice; see the module docstring.
    """
    return _voice_frame(scored, evidence, by=by, text_column=text_column, func="voice_scores")[0]


def _top_speakers(names: list[str], top: int) -> tuple[int, str]:
    """Distinct speakers and ``"Allan (3), Musk (2)"``: the most often attributed, by name key."""
    counts: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for name in names:
        if not name:
            continue
        key = speaker_key(name)
        counts[key] += 1
        forms.setdefault(key, Counter())[name] += 1
    shown = []
    for key, k in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]:
        # the name as most often written, the fuller one on a tie
        form = max(forms[key].items(), key=lambda fv: (fv[1], len(fv[0])))[0]
        shown.append(f"{form} ({k})")
    return len(counts), ", ".join(shown)


def _main_speaker(credit: list[tuple[str, float]]) -> str:
    """The named speaker with the largest attributed contribution (as most often written)."""
    totals: dict[str, float] = {}
    forms: dict[str, Counter[str]] = {}
    for name, w in credit:
        key = speaker_key(name)
        totals[key] = totals.get(key, 0.0) + w
        forms.setdefault(key, Counter())[name] += 1
    if not totals:
        return ""
    best = min(totals, key=lambda k: (-totals[k], k))
    return max(forms[best].items(), key=lambda fv: (fv[1], len(fv[0])))[0]


def by_voice(
    scored: pd.DataFrame,
    evidence: pd.DataFrame,
    by: str = "source_id",
    *,
    kinds: str | Sequence[str] | None = ("body",),
    top: int = 3,
    text_column: str = "text",
) -> pd.DataFrame:
    """Per source: hype and hedging in the outlet's own voice against attributed words.

    Parameters
    ----------
    scored : DataFrame
        Scored blocks (:func:`framelens.score_frame`) with ``by``,
        ``block_index``, ``text``, ``n_words`` (and ``kind`` when ``kinds``
        is given).
    evidence : DataFrame
        Their evidence, as :func:`voice_scores` takes it; rows for
        paragraphs that are not analysed (other kinds, blocks not in
        ``scored``) are left out.
    by : str, default "source_id"
        Column naming the sources.
    kinds : sequence of str or None, default ("body",)
        Block kinds analysed (``None``: every row).
    top : int, default 3
        How many speakers ``top_speakers`` names.
    text_column : str
        The text column.

    Returns
    -------
    DataFrame
        One row per source, in order of first appearance: ``<by>``,
        ``n_paragraphs``; for hype and hedging, ``<dim>_authorial`` and
        ``<dim>_attributed`` (mean per paragraph of :func:`voice_scores`)
        and ``<dim>_attributed_share`` (share of the source's summed
        contributions that is attributed; NaN when the source has none);
        ``<dim>_speaker`` (the named speaker to whom most of the source's
        attributed ``<dim>`` belongs, ``""`` if none);
        ``attributed_words`` (share of the source's words inside quotations
        or reported speech), ``quotes`` (number of quotations),
        ``speakers`` (distinct named speakers) and ``top_speakers`` (the
        speakers most often attributed, with the number of attributed
        passages: ``"Allan (3), Musk (2)"``).

    Raises
    ------
    AnalysisError
        Missing columns, no rows of the wanted kinds, evidence that does not
        fit its text.
    """
    func = "by_voice"
    if int(top) != top or top < 0:
        raise AnalysisError(f"{func}: top must be a non-negative integer, got {top!r}")
    rows = check_table(scored, func=func, columns=("block_index", text_column, "n_words"), kinds=kinds,
                       by=by, every_group_present=False)
    evidence = _check_evidence(evidence, func)
    if {by, "block_index"}.issubset(evidence.columns):
        # evidence of other paragraphs (other kinds, sources left out) is not read
        wanted = set(zip(rows[by].tolist(), rows["block_index"].tolist()))
        ev_keys = zip(evidence[by].tolist(), evidence["block_index"].tolist())
        ev = evidence[np.fromiter((key in wanted for key in ev_keys), dtype=bool, count=len(evidence))]
    elif "paragraph" in evidence.columns:
        if not scored.index.is_unique:
            raise AnalysisError(f"{func}: evidence with a 'paragraph' column needs a scored table "
                                f"with a unique index")
        positions = scored.index.get_indexer(rows.index)
        renumber = pd.Series(np.arange(len(rows)), index=positions)
        para = pd.to_numeric(evidence["paragraph"], errors="coerce")
        bad = ~para.isin(range(len(scored))).to_numpy()
        if bad.any():
            k = int(bad.argmax())
            raise AnalysisError(f"{func}: evidence row {_label(evidence.index[k])!r} has paragraph "
                                f"{_label(evidence['paragraph'].iloc[k])!r}, not a row position of the "
                                f"scored table ({len(scored)} rows)")
        ev = evidence[para.isin(positions)].copy()
        ev["paragraph"] = renumber.loc[para[para.isin(positions)].to_numpy()].to_numpy()
    else:
        raise AnalysisError(f"{func}: evidence needs either {by!r} and 'block_index' columns or a "
                            f"'paragraph' column (row position in the scored table)")
    voices, by_position, ev_pos, ev_speaker = _voice_frame(rows, ev, by=by, text_column=text_column, func=func)
    sources = rows[by].to_numpy()
    # who the attributed contributions of each dimension come from, per source
    live = ev["counted"].to_numpy(dtype=bool) if "counted" in ev.columns else np.ones(len(ev), dtype=bool)
    weights = pd.to_numeric(ev["contribution"], errors="coerce").fillna(0.0).to_numpy(dtype=float)
    ev_dims = ev["dimension"].to_numpy()
    credit: dict[tuple[Any, str], list[tuple[str, float]]] = {}
    for k in np.flatnonzero(live & (weights > 0) & np.fromiter(map(bool, ev_speaker), bool, len(ev_speaker))):
        credit.setdefault((sources[ev_pos[k]], ev_dims[k]), []).append((ev_speaker[k], float(weights[k])))
    # quotations and attributed passages per source
    quotes: Counter[Any] = Counter()
    passages: dict[Any, list[str]] = {}
    for p, source in enumerate(sources):
        a = by_position[p]
        quotes[source] += len(a.quotes)
        passages.setdefault(source, []).extend(sp for _, _, sp in a.regions)
    # sums per source, sources in order of first appearance
    codes, order = pd.factorize(sources)
    size = np.bincount(codes, minlength=len(order))
    words = rows["n_words"].to_numpy(dtype=float)
    sums = {c: np.bincount(codes, weights=voices[c].to_numpy(dtype=float), minlength=len(order))
            for c in voices.columns}
    sums["words"] = np.bincount(codes, weights=words, minlength=len(order))
    sums["attributed words"] = np.bincount(codes, weights=voices["attributed_share"].to_numpy() * words,
                                           minlength=len(order))
    out = []
    for g, source in enumerate(order):
        rec: dict[str, Any] = {by: source, "n_paragraphs": int(size[g])}
        for dim in VOICE_DIMENSIONS:
            rec[f"{dim}_authorial"] = float(sums[f"{dim}_authorial"][g] / size[g])
            rec[f"{dim}_attributed"] = float(sums[f"{dim}_attributed"][g] / size[g])
            attributed = float(sums[f"{dim}_attributed_raw"][g])
            total = float(sums[f"{dim}_authorial_raw"][g]) + attributed
            rec[f"{dim}_attributed_share"] = attributed / total if total > 0 else float("nan")
        n_words = float(sums["words"][g])
        rec["attributed_words"] = float(sums["attributed words"][g]) / n_words if n_words > 0 else 0.0
        rec["quotes"] = quotes[source]
        rec["speakers"], rec["top_speakers"] = _top_speakers(passages[source], int(top))
        for dim in VOICE_DIMENSIONS:
            rec[f"{dim}_speaker"] = _main_speaker(credit.get((source, dim), []))
        out.append(rec)
    return pd.DataFrame(out)


def _pct(x: float) -> str:
    return f"{x:.0%}"


def describe_voice(table: pd.DataFrame, labels: Mapping[Any, str] | None = None, *,
                   by: str = "source_id", dimension: str = HYPE) -> str:
    """One sentence on whose voice carries a dimension, from a :func:`by_voice` table.

    Names the source whose own voice carries the most of ``dimension``, the
    one whose ``dimension`` is most attributed to others (with the speaker
    most of it comes from), and the one that gives the largest share of its
    words to others (with its most quoted speaker); says so when no source
    quotes anyone, or when no source has any of ``dimension``.

    Examples
    --------
    >>> t = pd.DataFrame({"source_id": ["a", "b"], "n_paragraphs": [5, 6],
    ...     "hype_authorial": [0.40, 0.02], "hype_attributed": [0.0, 0.20],
    ...     "hype_attributed_share": [0.0, 0.9], "attributed_words": [0.0, 0.4],
    ...     "quotes": [0, 4], "speakers": [0, 2], "hype_speaker": ["", "Allan"],
    ...     "top_speakers": ["", "Allan (3), Musk (1)"]})
    >>> print(describe_voice(t))  # doctest: +NORMALIZE_WHITESPACE
    a carries the most hype in its own voice (0.40 per paragraph, none of it attributed);
    in b 90% of the hype is in quotations or reported speech, mostly from Allan;
    b gives the largest share of its words to others (40%, most often Allan).
    """
    if dimension not in VOICE_DIMENSIONS:
        raise AnalysisError(f"describe_voice: dimension must be one of {list(VOICE_DIMENSIONS)}, "
                            f"got {dimension!r}")
    need = [by, f"{dimension}_authorial", f"{dimension}_attributed_share", "attributed_words"]
    missing = [c for c in need if c not in getattr(table, "columns", ())]
    if missing:
        raise AnalysisError(f"describe_voice: the table has no column(s) {missing}; expected a by_voice table")
    if table.empty:
        return "No paragraph to read for who speaks."
    name = (lambda s: str(labels.get(s, s))) if labels else str  # noqa: E731
    if not (table["attributed_words"] > 0).any():
        return ("No source quotes anyone or reports anyone's words: every span of evidence is in "
                "the writers' own voice.")
    share = table[f"{dimension}_attributed_share"]
    if share.isna().all():
        return f"No source has any {dimension} evidence, in its own voice or in others'."
    own = table.loc[table[f"{dimension}_authorial"].idxmax()]
    first = (f"{name(own[by])} carries the most {dimension} in its own voice "
             f"({own[f'{dimension}_authorial']:.2f} per paragraph, ")
    own_share = own[f"{dimension}_attributed_share"]
    first += ("none of it attributed)" if own_share == 0 else f"{_pct(own_share)} of it attributed)")
    if own[f"{dimension}_authorial"] == 0:
        first = f"No source uses {dimension} language in its own voice"
    others = table[(table[by] != own[by]) & (share > 0)] if own[f"{dimension}_authorial"] > 0 else table[share > 0]
    if others.empty:
        second = f"no source's {dimension} is in quotations or reported speech"
    else:
        most = others.loc[others[f"{dimension}_attributed_share"].idxmax()]
        who = str(most.get(f"{dimension}_speaker", "") or "")
        second = (f"in {name(most[by])} {_pct(most[f'{dimension}_attributed_share'])} of the {dimension} "
                  f"is in quotations or reported speech" + (f", mostly from {who}" if who else ""))
    # who gives others the floor: the largest share of words in quotations or reported speech
    voiced = table.loc[table["attributed_words"].idxmax()]
    third = (f"{name(voiced[by])} gives the largest share of its words to others "
             f"({_pct(voiced['attributed_words'])}")
    quoted = str(voiced.get("top_speakers", "") or "").split(" (")[0]
    third += f", most often {quoted})" if quoted else ")"
    return f"{first}; {second}; {third}."
