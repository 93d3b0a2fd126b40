"""An article checklist in the spirit of the HealthNewsReview.org criteria.

HealthNewsReview.org (Schwitzer 2008, "How do US journalists cover
treatments, tests, products, and procedures? An evaluation of 500 stories",
PLoS Medicine 5(5): e95) rated health stories and news releases on ten
criteria. framelens checks eleven questions with simple, explainable rules.
Each rule finds *evidence* (sentences, or the different cues in them) and
turns its amount into a ``score`` in [0, 1]; the criterion is met when the
score reaches a threshold fitted on expert reviews (``models/checklist.json``):

==================== ============================================================
criterion            evidence counted
==================== ============================================================
costs                sentences with a cost word and a currency amount, or an
                     amount "per"/"each" session, dose ... (not a grant, not a
                     national burden in billions, not "cannot afford not to")
quantified_benefits  different effect sizes (percent, ratio, "x times", "one in
                     three", "from 12 to 7") in sentences with a benefit or
                     outcome word; ``<NA>`` when no benefit is claimed at all
harms                different harm cues in sentences where a harm word (side
                     effect, adverse event, toxicity, tolerated ...) comes with a
                     named effect or a number, or a named effect (not death) comes
                     with a rate of patients experiencing it; "risk" alone does not
                     count
evidence_quality     different study-design, study-size and limitation cues
                     (randomized, in mice, "3,299 patients", cannot prove cause,
                     more research is needed ...)
disease_mongering    *inverted*: exaggerating words about the condition (crisis,
                     epidemic, millions suffer ...) lower the score
independent_sources  named speakers other than the story's central figure
                     (not months, disciplines, institutions or a bare job title)
alternatives         different cues of an existing alternative (standard
                     treatment, psychotherapy, compared with ...; not placebo)
                     plus one per sentence with a word of comparison (compared,
                     versus, unlike, instead of, current, standard ...)
availability         different availability cues (clinics, available to,
                     prescription, approved for ...)
novelty              sentences where a date or decade and a history word (first,
                     developed, approved, since ...) meet
sensational_language *inverted*: one minus the article's hype: the hype weight
                     of the title (counted twice) and of every paragraph,
                     summed and saturated; boilerplate left out
funding_conflicts    different funding or interest cues (funded by, grant, NIH,
                     conflict of interest, consultant ...)
==================== ============================================================

Counts become scores as ``1 - 2**-hits`` (0, 0.5, 0.75, 0.875 ...), so one
threshold per criterion says how much evidence is enough.

Column semantics
----------------
``satisfactory`` is always "good journalism by this criterion": ``True`` is
good, ``False`` is a shortcoming, ``<NA>`` means the rule cannot judge.
``score`` says how strongly the text meets the criterion and ``hits`` how
much evidence was counted. ``cue_found`` says whether the rule's cue was
found in sufficient measure; it equals ``satisfactory`` except for the
*inverted* criteria (disease mongering, sensational language), where finding
the cue is the shortcoming. ``evidence_block`` / ``evidence_text`` show the
paragraph and sentence the verdict rests on (also for partial hits such as a
cost mentioned without a price, explained in ``detail``).

Honest limits
-------------
These are evidence detectors, not readers. They cannot tell whether harms
were *adequately* discussed, whether a number is an absolute or a relative
benefit, whether a quoted expert has a conflict of interest, or whether an
alternative was really compared. A paraphrase with none of the cue words is
missed, and a cue word used literally is still counted ("the opioid
epidemic" trips the disease-mongering rule). Agreement with expert
reviewers is moderate at best (Cohen's kappa 0.25-0.6 on the main criteria,
about zero for availability, novelty and disease mongering; see
``docs/validation.md``). Speakers are found from capitalised names next to
attribution verbs: pronouns ("he said") and unnamed voices ("experts say")
are not counted, and the central figure is inferred as the full name most
sources mention -- pass ``figures=`` when that guess is wrong. Treat
``True`` as "the article at least touches this" and ``False`` as "look
here first", and read the evidence sentence before reporting a verdict.
The cue words are data (``framelens/lexicons/checklist.csv``, each with its
source) and can be replaced with ``cues=``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import pandas as pd

from framelens.errors import AnalysisError, LexiconError
from framelens.text.lexicon import Lexicon, LexiconLike, as_lexicon, load_lexicon
from framelens.text.matching import Match
from framelens.text.normalize import normalize_for_matching
from framelens.analysis.tables import check_table, check_text, group_order
from framelens.text.tokens import saturate, sentence_excerpt, split_sentences

__all__ = [
    "CHECKLIST_DIMENSION",
    "CRITERIA",
    "CRITERION_CUES",
    "Criterion",
    "load_checklist_cues",
    "load_thresholds",
    "hits_to_score",
    "checklist",
    "article_hype",
    "article_hype_value",
    "TITLE_WEIGHT",
    "ARTICLE_HYPE_HALF",
    "find_speakers",
    "infer_central_figures",
]

#: Lexicon dimension of the checklist cue words (categories are cue names).
CHECKLIST_DIMENSION = "checklist"


@dataclass(frozen=True)
class Criterion:
    """One checklist criterion.

    Attributes
    ----------
    name : str
        Column value in the ``criterion`` column.
    question : str
        The question a reviewer asks.
    inverted : bool
        True when finding the cue is a shortcoming (disease mongering).
    rule : str
        Plain-language description of the automatic rule.
    """

    name: str
    question: str
    inverted: bool
    rule: str


#: The criteria, in HealthNewsReview.org order.
CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "costs",
        "Does the story discuss the costs of the intervention?",
        False,
        "a cost word (cue 'cost') and a currency amount in one sentence (not a grant or "
        "funding sentence), or a currency amount followed by per/each + a unit "
        "(session, dose, month ...)",
    ),
    Criterion(
        "quantified_benefits",
        "Does the story quantify the benefits?",
        False,
        "a benefit word (cue 'benefit') and an effect size (percent, ratio, 'x times', "
        "'one in three', 'from 12 to 7', 'half' ...) in one sentence; a sample size or a "
        "year is not one; <NA> if no benefit word at all",
    ),
    Criterion(
        "harms",
        "Does the story explain the harms?",
        False,
        "a harm of the intervention named or quantified: a harm word (cue 'harm': side "
        "effect, adverse event, safety, tolerated ...) with a named effect (cue 'harm_effect': "
        "nausea, bleeding, addiction ...) or a number in one sentence, or a named effect "
        "with a rate of patients experiencing it ('nausea affected 12% of patients'); 'risk' "
        "alone, or a named effect without either (often the disease itself), does not count",
    ),
    Criterion(
        "evidence_quality",
        "Does the story grasp the quality of the evidence?",
        False,
        "sentences with a study-design or study-size cue (cue 'design': randomized, "
        "placebo, observational, in mice, '3,299 patients' ...) or an explicit limitation "
        "(cue 'limitation': cannot prove cause, more research is needed, preliminary ...)",
    ),
    Criterion(
        "disease_mongering",
        "Does the story avoid exaggerating the condition (disease mongering)?",
        True,
        "INVERTED: satisfactory when no exaggeration word about the condition "
        "(cue 'mongering': crisis, epidemic, millions suffer ...) is found",
    ),
    Criterion(
        "independent_sources",
        "Does the story use independent sources?",
        False,
        "a named speaker attributed with 'according to', 'said', 'told' and similar "
        "(cue 'attribution') who is not one of the central figures",
    ),
    Criterion(
        "alternatives",
        "Does the story compare the new approach with existing alternatives?",
        False,
        "an existing alternative is mentioned (cue 'alternative': traditional/standard "
        "treatments, SSRIs, psychotherapy, 'compared with' ...); a comparison with placebo, "
        "untreated controls or another age group or sex does not count",
    ),
    Criterion(
        "availability",
        "Does the story establish the availability of the treatment?",
        False,
        "availability is mentioned (cue 'availability': clinics, available to/at, "
        "prescription, approved for ...)",
    ),
    Criterion(
        "novelty",
        "Does the story establish what is truly new (places it in history)?",
        False,
        "a year or decade (1960s, 2019) and a history word (cue 'history': first, "
        "developed, approved, introduced, since ...) in one sentence",
    ),
    Criterion(
        "sensational_language",
        "Does the story avoid unjustifiable, sensational language?",
        True,
        "INVERTED: the score is one minus the article's hype (hype weight of the title, "
        "counted twice, and of every paragraph, boilerplate left out, summed and saturated); "
        "sensational when that hype is high",
    ),
    Criterion(
        "funding_conflicts",
        "Does the story identify funding sources and disclose conflicts of interest?",
        False,
        "a funding or interest disclosure (cue 'funding': funded by, grant, NIH, "
        "conflict of interest, consultant ...)",
    ),
)

_CRITERIA_BY_NAME = {c.name: c for c in CRITERIA}

#: Cue category (in a checklist cue lexicon) each criterion's rule needs.
CRITERION_CUES: Mapping[str, str] = MappingProxyType({
    "costs": "cost",
    "quantified_benefits": "benefit",
    "harms": "harm",
    "evidence_quality": "design",
    "disease_mongering": "mongering",
    "independent_sources": "attribution",
    "alternatives": "alternative",
    "availability": "availability",
    "novelty": "history",
    "funding_conflicts": "funding",
})
# sensational_language needs no cue: it reads the hype scores.

#: Every cue category the rules use.
REQUIRED_CUES: tuple[str, ...] = tuple(CRITERION_CUES.values())

# --------------------------------------------------------------------------
# structural evidence (numbers, dates, names), applied to normalised text
# --------------------------------------------------------------------------

_COUNT_NOUNS = (
    r"patients|people|participants|subjects|volunteers|adults|children|women|men|"
    r"studies|trials|cases|individuals|users|veterans|mice|rats"
)
#: Four-digit years 1500-2099 and decades ("1960s", "'90s") not used as counts.
_DATE_RE = re.compile(
    r"(?<![\d$€£.,])(?:1[5-9]\d\d|20\d\d)s?(?![\d%])(?!\s*(?:%|percent|per cent|"
    + _COUNT_NOUNS + r")\b)|'\d0s\b"
)
_DIGITS_RE = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?:\s*(?:%|percent|per cent))?")
_NUMBER_WORDS_RE = re.compile(
    r"\b(?:half|a third|one[- ]third|two[- ]thirds|a quarter|three[- ]quarters|twice|"
    r"double|triple|(?:one|two|three|four|five) (?:in|out of) (?:two|three|four|five|six|"
    r"seven|eight|nine|ten|\d+)|\d+ (?:in|out of) \d+|(?:two|three|four|five|six|seven|"
    r"eight|nine|ten|twenty|thirty|forty|fifty|hundred) (?:times|percent|per cent))\b",
    re.IGNORECASE,
)
_CURRENCY_RE = re.compile(
    r"[$€£¥]\s?\d[\d,.]*(?:\s?(?:million|billion|[kmb]n?)\b)?"
    r"|\b\d[\d,.]*\s?(?:dollars|euros|usd|eur|gbp)\b",
    re.IGNORECASE,
)
_PER_UNIT_RE = re.compile(
    r"^\W{0,3}(?:\s*to\s*[$€£¥]?\s?\d[\d,.]*)?\s*(?:per|each|a|an)\s+"
    r"(?:session|infusion|dose|treatment|month|year|week|course|visit|pill|injection|vial|spray)",
    re.IGNORECASE,
)

_NAME_TOKEN = r"[A-Z][\w'-]*[a-zA-Z]|[A-Z]\.?"
_TITLE = r"(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Sir|Dame)\.?\s+)"
_NAME = rf"(?:{_NAME_TOKEN})(?:\s+(?:{_NAME_TOKEN}))*"
_NAME_BEFORE_RE = re.compile(
    rf"{_TITLE}?(?P<name>{_NAME})(?:'s?)?(?:\s*,[^,\"]{{1,140}},)?(?:\s+[a-z]+ly)?\s*$"
)
#: Lower-case role words allowed between a verb and the name after it
#: ("said lead author Maria Lopez").
_ROLE_WORDS = (
    r"the|a|an|lead|senior|first|study|author|co-?author|researcher|professor|psychiatrist|"
    r"psychologist|doctor|physician|neuroscientist|pharmacologist|epidemiologist|scientist|"
    r"spokes(?:person|woman|man)|director|chief|head|expert|investigator|journalist|clinician"
)
_NAME_AFTER_RE = re.compile(rf"^\s*(?:(?:{_ROLE_WORDS})\s+){{0,3}}{_TITLE}?(?P<name>{_NAME})")
_CAPSEQ_RE = re.compile(rf"(?<![\w'])(?:{_NAME_TOKEN})(?:\s+(?:{_NAME_TOKEN}))+")

#: Attribution verbs that may come before the speaker ("said Dr. Allan"); with
#: others ("told", "revealed") a following name is the listener or the object.
_INVERTIBLE: frozenset[str] = frozenset(
    """said says say added adds explained explains noted notes wrote writes warned warns
    cautioned cautions commented comments argued argues""".split()
)

#: Capitalised words that start sentences or name no one.
_NOT_NAMES: frozenset[str] = frozenset(
    """a an the this that these those it its they them their he she his her we our i you
    in on at by for of to from with as and but or so yet if when while although though
    however despite during after before since because also many some most several few
    other others such one two three experts researchers scientists doctors studies study
    research critics officials patients people users according there here what which who
    why how where yes no not new recent recently today yesterday now then last first
    """.split()
)


#: Capitalised job titles: a name stops being a name where one stands
#: ("Tesla CEO", "Company President").
_JOB_TITLES: frozenset[str] = frozenset(
    """ceo cfo cto coo cmo founder co-founder cofounder president vice chairman chairwoman chair
    chief director executive officer spokesperson spokesman spokeswoman secretary commissioner
    minister governor senator representative dean provost chancellor editor manager""".split()
)

#: Words that make a capitalised sequence a date, a discipline or an
#: institution rather than a person.
_NOT_PERSONS: frozenset[str] = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    psychiatry psychology medicine neurology oncology cardiology pediatrics paediatrics surgery
    radiology dermatology immunology epidemiology pharmacology genetics neuroscience biology
    health healthcare university institute institutes college school department hospital
    hospitals center centre clinic foundation journal association society academy agency
    administration council ministry company inc corp ltd llc laboratories labs pharmaceuticals
    therapeutics sciences fda nih cdc who nhs jama bmj lancet nature science cell pubmed
    medical clinical research study trial""".split()
)


@dataclass(frozen=True)
class _Sentence:
    block: Any
    text: str  # the whole paragraph
    start: int
    end: int
    cues: dict[str, list[Match]]

    def has(self, cue: str) -> bool:
        return bool(self.cues.get(cue))

    def first(self, cue: str) -> Match:
        return self.cues[cue][0]

    @property
    def excerpt(self) -> str:
        return sentence_excerpt(self.text, self.start, self.end)


def load_checklist_cues() -> Lexicon:
    """The packaged checklist cue lexicon (``lexicons/checklist.csv``)."""
    return load_lexicon("checklist")


def _resolve_cues(cues: LexiconLike | None) -> Lexicon:
    if cues is None:
        return load_checklist_cues()
    return cues if isinstance(cues, Lexicon) else as_lexicon(cues)


def _sentences(text: str, matches: list[Match], block: Any) -> list[_Sentence]:
    spans = split_sentences(text) or [(0, len(text))]
    out = []
    for s, e in spans:
        cues: dict[str, list[Match]] = {}
        for m in matches:
            if s <= m.start < e:
                cues.setdefault(m.category, []).append(m)
        out.append(_Sentence(block, text, s, e, cues))
    return out


def _has_quantity(sentence: str) -> bool:
    """A number that is not a year: digits (not 1500-2099), percent, 'half' ..."""
    norm = normalize_for_matching(sentence)
    dates = [m.span() for m in _DATE_RE.finditer(norm)]
    for m in _DIGITS_RE.finditer(norm):
        if not any(ds <= m.start() < de for ds, de in dates):
            return True
    return bool(_NUMBER_WORDS_RE.search(norm))


def _has_date(sentence: str) -> bool:
    return bool(_DATE_RE.search(normalize_for_matching(sentence)))


#: Amounts in billions are what a disease costs a country, not a price.
_BURDEN_RE = re.compile(r"billion|trillion|\d\s?bn?\b", re.IGNORECASE)


def _prices(sentence: str) -> list[re.Match[str]]:
    """Currency amounts that could be a price (not national burdens in billions)."""
    norm = normalize_for_matching(sentence)
    return [m for m in _CURRENCY_RE.finditer(norm) if not _BURDEN_RE.search(m.group())]


def _has_price(sentence: str) -> bool:
    norm = normalize_for_matching(sentence)
    for m in _prices(sentence):
        if _PER_UNIT_RE.match(norm[m.end():]):
            return True
    return False


# --------------------------------------------------------------------------
# speakers
# --------------------------------------------------------------------------


def _clean_name(name: str) -> str:
    name = re.sub(r"'s?$", "", name.strip())
    words = name.split()
    while words and words[0].lower().strip(".") in _NOT_NAMES:
        words = words[1:]
    while words and words[-1].lower().strip(".") in _NOT_NAMES:
        words = words[:-1]
    # "Tesla CEO Elon Musk" -> "Elon Musk"; a job title alone ("Tesla CEO",
    # "the former Twitter CEO") names no one
    roles = [i for i, w in enumerate(words) if w.lower().strip(".") in _JOB_TITLES]
    if roles:
        words = words[roles[-1] + 1 :]
    return " ".join(words)


def _is_person_name(name: str) -> bool:
    """False for months and days ("January"), disciplines and institutions
    ("Psychiatry", "Mayo Clinic", "the FDA"): they are not independent voices."""
    return not any(w.lower().strip(".") in _NOT_PERSONS for w in name.split())


def _plausible_name(name: str, sent_start: int, pos: int, text: str, capitalised_mid: set[str]) -> bool:
    if not name or not any(len(w.strip(".")) > 1 for w in name.split()) or not _is_person_name(name):
        return False
    words = name.split()
    at_start = not text[sent_start:pos].strip(" \"'([")
    if at_start and len(words) == 1 and words[0] not in capitalised_mid:
        # a capitalised first word of a sentence ("Researchers said") is a name
        # only if the article also capitalises it in mid-sentence
        return False
    return True


def _mid_sentence_capitals(texts: Iterable[str]) -> set[str]:
    """Words the article capitalises where no sentence starts, or inside a
    full name ("Julaine Allan" makes a later "Allan said" a name)."""
    out: set[str] = set()
    for text in texts:
        norm = normalize_for_matching(text)
        for s, e in split_sentences(norm):
            for m in re.finditer(r"(?<=[\w,;:)\"] )([A-Z][\w'-]*[a-zA-Z])", norm[s:e]):
                out.add(re.sub(r"'s?$", "", m.group(1)))
        for m in _CAPSEQ_RE.finditer(norm):
            words = _clean_name(m.group()).split()
            if len(words) >= 2:
                out.update(words)
    return out


def find_speakers(text: str, cues: LexiconLike | None = None, *,
                  capitalised: set[str] | None = None) -> list[dict[str, Any]]:
    """Named speakers attributed in ``text`` ("according to X", "X said").

    Parameters
    ----------
    text : str
        A paragraph.
    cues : lexicon-like, optional
        Checklist cue lexicon; its ``attribution`` category gives the verbs.
    capitalised : set of str, optional
        Words the article capitalises in mid-sentence (used to accept a
        sentence-initial single word as a name); computed from ``text``
        when not given.

    Returns
    -------
    list of dict
        ``speaker, start, end, cue`` for every attribution with a name,
        in text order. Pronouns ("he said") and unnamed groups ("experts
        argue") are not returned.
    """
    matcher, _ = _resolve_cues(cues).split_categories(CHECKLIST_DIMENSION)
    if capitalised is None:
        capitalised = _mid_sentence_capitals([text])
    return _speakers_in(text, matcher.find(text), capitalised)


def _speakers_in(text: str, matches: list[Match], capitalised: set[str]) -> list[dict[str, Any]]:
    norm = normalize_for_matching(text)
    spans = split_sentences(norm) or [(0, len(norm))]
    out: list[dict[str, Any]] = []
    for m in matches:
        if m.category != "attribution":
            continue
        s0 = next((s for s, e in spans if s <= m.start < e), 0)
        e0 = next((e for s, e in spans if s <= m.start < e), len(norm))
        name, pos = "", m.start
        verb = m.match.lower().split()[0]
        is_according = verb == "according"
        if not is_according:
            before = _NAME_BEFORE_RE.search(norm[s0:m.start])
            if before:
                name, pos = _clean_name(before.group("name")), s0 + before.start("name")
        if not name and (is_according or verb in _INVERTIBLE):
            after = _NAME_AFTER_RE.match(norm[m.end:e0])
            if after:
                name, pos = _clean_name(after.group("name")), m.end + after.start("name")
        if name and _plausible_name(name, s0, pos, norm, capitalised):
            out.append({"speaker": name, "start": m.start, "end": m.end, "cue": m.match})
    return out


def infer_central_figures(texts: Sequence[str], sources: Sequence[Any]) -> tuple[str, ...]:
    """The name(s) a corpus is about: most sources mentioning it, then most mentions.

    A full name is two or more capitalised words ("Elon Musk"); a name counts
    if at least two mentions are found. Ties are all returned.

    Parameters
    ----------
    texts, sources : sequences of equal length
        Paragraph texts and the source each belongs to.

    Returns
    -------
    tuple of str
        Empty when no full name is mentioned twice.
    """
    per_source: dict[str, set[Any]] = {}
    counts: Counter[str] = Counter()
    for text, src in zip(texts, sources):
        for m in _CAPSEQ_RE.finditer(normalize_for_matching(text)):
            name = _clean_name(m.group())
            if len(name.split()) < 2:
                continue
            counts[name] += 1
            per_source.setdefault(name, set()).add(src)
    if not counts:
        return ()
    key = {n: (len(per_source[n]), counts[n]) for n in counts if counts[n] >= 2}
    if not key:
        return ()
    top = max(key.values())
    return tuple(sorted(n for n, k in key.items() if k == top))


def _is_figure(speaker: str, figures: Sequence[str]) -> bool:
    last = speaker.split()[-1].lower()
    for fig in figures:
        fwords = [w.lower() for w in fig.split()]
        if speaker.lower() == fig.lower() or last == fwords[-1] or last in fwords:
            return True
    return False


# --------------------------------------------------------------------------
# the rules
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Verdict:
    """What a rule found: ``hits`` sentences of evidence (their number sets
    the score), the sentence to show, and a plain-language detail."""

    hits: int | None  # None: the rule cannot judge
    sentence: _Sentence | None = None
    detail: str = ""
    strength: float | None = None  # a ready-made score in [0, 1] (overrides hits)


def _first(sentences: list[_Sentence], pred: Callable[[_Sentence], bool]) -> _Sentence | None:
    return next((s for s in sentences if pred(s)), None)


def _sentence_text(s: _Sentence) -> str:
    return s.text[s.start : s.end]


#: Effect sizes: percentages, ratios, "x times", "one in five", "from 12 to 7".
_EFFECT_RE = re.compile(
    r"\d(?:[\d,.]*)\s*(?:%|percent|per cent|percentage points?|-?fold|times\b)"
    r"|\b(?:hazard|odds|risk|rate) ratio\b|\b(?:hr|or|rr)\s*[=:]?\s*\d"
    r"|\b\d[\d,.]*\s+(?:in|out of|of)\s+(?:every\s+)?\d[\d,.]*\b"
    r"|\bfrom\s+(?:about\s+)?[$€£]?\d[\d,.]*\s*\S{0,12}\s+to\s+[$€£]?\d"
    r"|\b\d[\d,.]*\s*\S{0,12}\s+(?:vs\.?|versus|compared with|compared to)\s+\d",
    re.IGNORECASE,
)


#: Frequencies and doses are not effect sizes ("twice a day", "three times weekly").
_FREQUENCY_RE = re.compile(
    r"\b(?:once|twice|\w+ times)\s+(?:a|an|per|each|every|daily|weekly|monthly|yearly)\b\s*\w*",
    re.IGNORECASE,
)


def _effect_text(sentence: str) -> str:
    return _FREQUENCY_RE.sub(" ", normalize_for_matching(sentence))


def _has_effect_size(sentence: str) -> bool:
    norm = _effect_text(sentence)
    return bool(_EFFECT_RE.search(norm) or _NUMBER_WORDS_RE.search(norm))


def _live(s: _Sentence, cue: str) -> list[Match]:
    """The sentence's matches of ``cue`` that are not negated."""
    return [m for m in s.cues.get(cue, []) if not getattr(m, "negated", False)]


def _words(hits: list[_Sentence], *cues: str, limit: int = 6) -> str:
    words = sorted({m.match.lower() for s in hits for c in cues for m in s.cues.get(c, [])})
    return ", ".join(repr(w) for w in words[:limit]) + (" ..." if len(words) > limit else "")


def _counted(hits: list[_Sentence], found: str, cues: Sequence[str], partial: _Sentence | None,
             partial_note: str, missing: str, *, distinct: bool = False) -> _Verdict:
    """A verdict counting the evidence sentences, or (``distinct``) the
    different cue entries they contain: five sentences repeating "side
    effects" say less than "side effects", "nausea" and "tolerated"."""
    if hits:
        best = max(hits, key=lambda s: (sum(len(s.cues.get(c, [])) for c in cues), -hits.index(s)))
        if distinct:
            n = len({m.pattern for s in hits for c in cues for m in s.cues.get(c, [])})
            what = f"{n} different cue(s) in {len(hits)} sentence(s)"
        else:
            n, what = len(hits), f"{len(hits)} sentence(s)"
        return _Verdict(max(n, 1), best, f"{found}: {what}: {_words(hits, *cues)}")
    if partial is not None:
        return _Verdict(0, partial, partial_note)
    return _Verdict(0, None, missing)


def _rule_costs(sents: list[_Sentence], **_: Any) -> _Verdict:
    def is_cost(s: _Sentence) -> bool:
        text = _sentence_text(s)
        if s.has("funding"):  # "a $2 million grant" is the research budget, not a price
            return False
        return (bool(_live(s, "cost")) and bool(_prices(text))) or _has_price(text)

    hits = [s for s in sents if is_cost(s)]
    mention = _first(sents, lambda s: bool(_live(s, "cost")))
    note = (f"cost mentioned ({mention.first('cost').match!r}) without a price" if mention else "")
    return _counted(hits, "price or cost with an amount", ("cost",), mention, note, "no cost words found")


def _rule_benefits(sents: list[_Sentence], **_: Any) -> _Verdict:
    hits = [s for s in sents if (s.has("benefit") or s.has("outcome")) and _has_effect_size(_sentence_text(s))]
    if hits:
        # how much is quantified: the different effect sizes quoted
        sizes = {m.group().lower() for h in hits for rx in (_EFFECT_RE, _NUMBER_WORDS_RE)
                 for m in rx.finditer(_effect_text(_sentence_text(h)))}
        best = max(hits, key=lambda h: len(_EFFECT_RE.findall(normalize_for_matching(_sentence_text(h)))))
        shown = ", ".join(repr(x) for x in sorted(sizes)[:6]) + (" ..." if len(sizes) > 6 else "")
        return _Verdict(max(len(sizes), 1), best,
                        f"benefit or outcome with {len(sizes)} effect size(s) in {len(hits)} sentence(s): {shown}")
    mention = _first(sents, lambda s: s.has("benefit"))
    if mention:
        word = mention.first("benefit").match
        return _Verdict(0, mention, f"benefit claimed ({word!r}) but not quantified")
    return _Verdict(None, None, "no benefit claim found to quantify")


#: Someone experiencing an effect ("nausea affected 12%", "8% reported headaches");
#: the present "affects" is left out: "affects 30 percent of adults" is prevalence.
_EXPERIENCED_RE = re.compile(
    r"\b(?:experienc|report|develop|suffer|occurr|complain)\w*\b|\b(?:had|affected)\b",
    re.IGNORECASE,
)


#: The people a study followed ("12% of patients", "participants").
_STUDIED_RE = re.compile(r"\b(?:patients|participants|subjects|volunteers|recipients|users)\b", re.IGNORECASE)


def _named_nonfatal(s: _Sentence) -> bool:
    """A named effect other than death (deaths with a rate are mostly the disease's toll)."""
    return any(not m.match.lower().startswith(("death", "died", "fatal")) for m in s.cues.get("harm_effect", []))


def _rule_harms(sents: list[_Sentence], **_: Any) -> _Verdict:
    def is_harm(s: _Sentence) -> bool:
        text = _sentence_text(s)
        named = s.has("harm_effect")
        # a named effect alone is often the disease itself ("10,000 deaths a
        # year"); with a rate of people experiencing it, it is a harm
        return bool(_live(s, "harm")) and (named or _has_quantity(text)) or (
            s.has("harm") and named) or (
            _named_nonfatal(s) and _has_effect_size(text) and bool(_EXPERIENCED_RE.search(text))
            and bool(_STUDIED_RE.search(text)))

    hits = [s for s in sents if is_harm(s)]
    mention = _first(sents, lambda s: s.has("harm"))
    note = (f"harm mentioned ({mention.first('harm').match!r}) but not named or quantified"
            if mention else "")
    return _counted(hits, "harms named or quantified", ("harm", "harm_effect"), mention, note,
                    "no harms of the intervention found", distinct=True)


def _rule_evidence(sents: list[_Sentence], **_: Any) -> _Verdict:
    hits = [s for s in sents if s.has("design") or s.has("limitation")]
    return _counted(hits, "study design, size or limitation", ("design", "limitation"), None, "",
                    "no study design, limitation or study size found", distinct=True)


def _rule_cue(cue: str, found: str, missing: str) -> Callable[..., _Verdict]:
    def rule(sents: list[_Sentence], **_: Any) -> _Verdict:
        hits = [s for s in sents if s.has(cue)]
        return _counted(hits, found, (cue,), None, "", missing, distinct=True)
    return rule


#: What a comparison is with when it is no alternative: a placebo, untreated
#: controls, another age group or sex.
_NOT_ALTERNATIVE_RE = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:placebo|sham|control|controls|untreated|no treatment|younger|older|"
    r"healthy|men|women|boys|girls|non-?users|baseline)\b",
    re.IGNORECASE,
)


def _rule_alternatives(sents: list[_Sentence], **_: Any) -> _Verdict:
    def real(s: _Sentence, cue: str) -> _Sentence:
        keep = [m for m in s.cues.get(cue, [])
                if not (m.match.lower().startswith("compar") and _NOT_ALTERNATIVE_RE.match(s.text[m.end:m.end + 60]))]
        return _Sentence(s.block, s.text, s.start, s.end, {**s.cues, cue: keep})

    hits = [r for r in (real(s, "alternative") for s in sents if s.has("alternative")) if r.has("alternative")]
    verdict = _counted(hits, "alternatives mentioned", ("alternative",), None, "",
                       "no alternative treatment mentioned", distinct=True)
    # how much the text compares: each sentence with a word of comparison
    # (compared, versus, unlike, instead, current, standard; not a comparison
    # with placebo or controls) adds one
    compared = [r for r in (real(s, "comparison") for s in sents if s.has("comparison")) if r.has("comparison")]
    if not compared:
        return verdict
    n = (verdict.hits or 0) + len(compared)
    shown = verdict.sentence or compared[0]
    detail = (f"{verdict.detail}; " if verdict.hits else "") + (
        f"{len(compared)} sentence(s) comparing: {_words(compared, 'comparison')}")
    return _Verdict(n, shown, detail)


def _rule_novelty(sents: list[_Sentence], **_: Any) -> _Verdict:
    hits = [s for s in sents if s.has("history") and _has_date(_sentence_text(s))]
    if hits:
        date = _DATE_RE.search(normalize_for_matching(_sentence_text(hits[0])))
        when = date.group() if date else ""
        return _Verdict(len(hits), hits[0],
                        f"history word {hits[0].first('history').match!r} with date {when!r}"
                        + (f" (+{len(hits) - 1} more sentence(s))" if len(hits) > 1 else ""))
    return _Verdict(0, None, "no dated history (year or decade next to first/developed/approved ...)")


def _rule_independent(sents: list[_Sentence], *, speakers: list[tuple[Any, dict[str, Any]]],
                      figures: Sequence[str], **_: Any) -> _Verdict:
    independent = [(blk, sp) for blk, sp in speakers if not _is_figure(sp["speaker"], figures)]
    excluded = sorted({sp["speaker"] for _, sp in speakers if _is_figure(sp["speaker"], figures)})
    note_ex = f"; central figure(s) quoted but not counted: {', '.join(excluded)}" if excluded else ""
    if independent:
        blk, sp = independent[0]
        names: list[str] = []
        for _, spk in independent:  # "Julaine Allan" then "Allan": one person
            last = spk["speaker"].split()[-1]
            if not any(n.split()[-1] == last for n in names):
                names.append(spk["speaker"])
        hit = _first(sents, lambda s: s.block == blk and s.start <= sp["start"] < s.end)
        return _Verdict(len(names), hit, f"independent speaker(s): {', '.join(names)}{note_ex}")
    unnamed = _first(sents, lambda s: s.has("attribution"))
    if excluded:
        return _Verdict(0, None, f"only central figure(s) quoted{note_ex}")
    if unnamed:
        cue = unnamed.first("attribution").match
        return _Verdict(0, unnamed,
                        f"attribution without a named speaker ({cue!r}); unnamed voices are not counted")
    return _Verdict(0, None, "no attributed speaker found")


#: How many times the title's hype weight counts in the article's hype: a
#: headline is read by far more people than the body, and it is the part of a
#: release that HealthNewsReview.org reviewers single out most often.
TITLE_WEIGHT: float = 2.0

#: Article hype weight (full-weight hype terms, title counted
#: :data:`TITLE_WEIGHT` times) that gives an article hype of 0.5.
ARTICLE_HYPE_HALF: float = 2.0


def article_hype_value(weights: Iterable[tuple[float, bool]]) -> float:
    """Article hype in [0, 1) from the hype weights of its blocks.

    Parameters
    ----------
    weights : iterable of (hype_raw, is_title)
        The summed hype contributions (``hype_raw``) of each block of the
        article, title and paragraphs, boilerplate left out.

    Returns
    -------
    float
        ``1 - 2 ** (-W / ARTICLE_HYPE_HALF)`` where ``W`` is the sum of the
        weights, the title's counted :data:`TITLE_WEIGHT` times. How the
        text is cut into paragraphs does not matter: a release sent as one
        long paragraph scores as the same text in twenty.
    """
    total = sum(max(float(w), 0.0) * (TITLE_WEIGHT if title else 1.0) for w, title in weights if w == w)
    return saturate(total, ARTICLE_HYPE_HALF)


def _rule_sensational(sents: list[_Sentence], *, hype: list[tuple[Any, str, float, bool]], **_: Any) -> _Verdict:
    known = [t for t in hype if t[2] == t[2]]
    if not known:
        return _Verdict(None, None, "no hype scores to judge")
    value = article_hype_value((t[2], t[3]) for t in known)
    block, text, raw, title = max(known, key=lambda t: t[2] * (TITLE_WEIGHT if t[3] else 1.0))
    spans = split_sentences(text) or [(0, len(text))]
    sent = _Sentence(block, text, spans[0][0], spans[-1][1], {})
    total = sum(t[2] * (TITLE_WEIGHT if t[3] else 1.0) for t in known)
    where = "the title" if title else f"block {block}"
    return _Verdict(0, sent, f"article hype {value:.2f}: hype weight {total:.1f} over {len(known)} block(s), "
                             f"title x{TITLE_WEIGHT:g}; most in {where} ({raw:.1f})", strength=1.0 - value)


_RULES: dict[str, Callable[..., _Verdict]] = {
    "costs": _rule_costs,
    "quantified_benefits": _rule_benefits,
    "harms": _rule_harms,
    "evidence_quality": _rule_evidence,
    "disease_mongering": _rule_cue("mongering", "exaggeration words", "no exaggeration words found"),
    "independent_sources": _rule_independent,
    "alternatives": _rule_alternatives,
    "availability": _rule_cue("availability", "availability words", "no availability words found"),
    "novelty": _rule_novelty,
    "sensational_language": _rule_sensational,
    "funding_conflicts": _rule_cue("funding", "funding or interests disclosed", "no funding source or interest disclosed"),
}


# --------------------------------------------------------------------------
# scores and thresholds
# --------------------------------------------------------------------------


def hits_to_score(hits: int) -> float:
    """The score of ``hits`` evidence sentences: ``1 - 2**-hits`` (0, .5, .75 ...)."""
    return 1.0 - 0.5 ** max(int(hits), 0)


@lru_cache(maxsize=1)
def load_thresholds() -> Mapping[str, float]:
    """Score thresholds per criterion (``models/checklist.json``).

    A criterion is met when its score reaches the threshold; a criterion
    missing from the file uses 0.5 (one sentence of evidence).
    """
    path = resources.files("framelens") / "models" / "checklist.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        found = data["thresholds"]
        out = {str(k): float(v) for k, v in found.items()}
    except FileNotFoundError:
        return MappingProxyType({})
    except (ValueError, KeyError, TypeError) as err:
        raise AnalysisError(f"{path}: checklist thresholds unreadable ({err}); "
                            "refit with python -m framelens.validation.hnr PATH --refit") from err
    return MappingProxyType(out)


#: Thresholds used when the fitted file has none: one sentence of evidence;
#: for disease mongering, none of its cues.
_DEFAULT_THRESHOLDS: Mapping[str, float] = MappingProxyType({"disease_mongering": 1.0})


def _score_of(name: str, verdict: _Verdict) -> float:
    if verdict.strength is not None:
        return float(verdict.strength)
    if verdict.hits is None:
        return float("nan")
    s = hits_to_score(verdict.hits)
    # inverted criteria: the score says how well the text meets the criterion,
    # so cues found lower it
    return 1.0 - s if _CRITERIA_BY_NAME[name].inverted else s


# --------------------------------------------------------------------------
# public entry point
# --------------------------------------------------------------------------


def _hype_rows(scored: pd.DataFrame, rows: pd.DataFrame, by: str) -> pd.DataFrame:
    """Analysed rows plus title rows, boilerplate left out, with their hype
    weight ``hype_raw`` (computed when absent) and whether each is a title."""
    parts = [rows]
    if "kind" in scored.columns:
        titles = scored[(scored["kind"] == "title") & ~scored.index.isin(rows.index)]
        parts.append(titles)
    table = pd.concat(parts) if len(parts) > 1 else rows
    if "kind" in table.columns:
        table = table[table["kind"] != "boilerplate"]
        is_title = (table["kind"] == "title").to_numpy()
    else:
        is_title = [False] * len(table)
    out = table[[by, "block_index", "text"]].assign(title=is_title)
    if "hype_raw" in table.columns and table["hype_raw"].notna().all():
        return out.assign(hype_raw=table["hype_raw"].to_numpy(float))
    from framelens.scores.scoring import score_paragraphs

    return out.assign(hype_raw=score_paragraphs(list(table["text"]))["hype_raw"].to_numpy(float))


def article_hype(scored: pd.DataFrame, *, by: str = "source_id", kinds: Sequence[str] | None = ("body",)) -> pd.Series:
    """The hype of each article as a whole (the basis of ``sensational_language``).

    Parameters
    ----------
    scored : DataFrame
        Blocks table with ``block_index`` and ``text`` (and ``kind``); its
        ``hype_raw`` column is used when present (computed otherwise).
    by : str
        Column naming the articles.
    kinds : sequence of str or None
        Block kinds read besides the title (default paragraphs); ``boilerplate``
        blocks never count.

    Returns
    -------
    Series
        Article hype in [0, 1) per article (:func:`article_hype_value`):
        the hype weight of the title (counted :data:`TITLE_WEIGHT` times)
        and of every paragraph, summed and saturated; NaN for an article
        with nothing but boilerplate. In the order of first appearance.
    """
    rows = check_table(scored, func="article_hype", columns=("block_index", "text"), kinds=kinds, by=by)
    table = _hype_rows(scored, rows, by)
    values = {g: article_hype_value(zip(part["hype_raw"], part["title"]))
              for g, part in table.groupby(by, sort=False)}
    return pd.Series([values.get(g, float("nan")) for g in group_order(rows, by)],
                     index=pd.Index(group_order(rows, by), name=by), name="article_hype", dtype=float)


def checklist(
    scored: pd.DataFrame,
    *,
    by: str = "source_id",
    kinds: Sequence[str] | None = ("body",),
    criteria: Sequence[str] | None = None,
    figures: Sequence[str] | str | None = None,
    cues: LexiconLike | None = None,
    thresholds: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Rate every source on the checklist criteria.

    Parameters
    ----------
    scored : DataFrame
        Blocks table with ``block_index`` and ``text``. A ``hype_raw``
        column is used for ``sensational_language`` when present (computed
        otherwise); ``title`` rows count for that criterion whatever
        ``kinds`` says, ``boilerplate`` rows never do.
    by : str
        Column naming the sources.
    kinds : sequence of str or None
        Block kinds analysed (body paragraphs by default; ``None`` = all).
    criteria : sequence of str, optional
        Names from :data:`CRITERIA` to evaluate (default: all, in order).
    figures : sequence of str or str, optional
        The story's central figure(s) -- the person the story is about, whose
        own words do not make an independent source (e.g. ``["Elon Musk"]``).
        Default: inferred with :func:`infer_central_figures` over all
        analysed paragraphs (the full name mentioned by most sources). Pass
        ``()`` to count every named speaker.
    cues : Lexicon, DataFrame, CSV path or list of dicts, optional
        Cue lexicon with ``dimension == "checklist"`` and the categories the
        chosen criteria need (:data:`CRITERION_CUES`; default
        ``lexicons/checklist.csv``).
    thresholds : mapping, optional
        Score threshold per criterion name (default: :func:`load_thresholds`,
        fitted on expert reviews; see ``docs/validation.md``).

    Returns
    -------
    DataFrame
        Long format, one row per source x criterion:
        ``<by>, criterion, satisfactory, evidence_block, evidence_text, rule,
        question, inverted, cue_found, detail, score, hits``.
        ``score`` (float in [0, 1]) is how strongly the text meets the
        criterion: ``1 - 2**-hits`` for ``hits`` sentences of evidence
        (reversed for the inverted disease-mongering criterion), one minus
        :func:`article_hype` for ``sensational_language``.
        ``satisfactory`` (nullable boolean) is ``score >= threshold`` and
        ``<NA>`` when the rule cannot judge. ``cue_found`` says whether the
        rule's cue was found in sufficient measure (``satisfactory`` XOR
        ``inverted``). ``evidence_block`` (nullable int) and
        ``evidence_text`` (the sentence) point at the paragraph the verdict
        rests on; ``detail`` says what was found.

    Raises
    ------
    AnalysisError
        Missing columns, no rows of the wanted kinds, a source with none, or
        an unknown criterion name.
    LexiconError
        The cue lexicon lacks a category the rules need.
    """
    func = "checklist"
    rows = check_table(scored, func=func, columns=("block_index", "text"), kinds=kinds, by=by)
    names = list(criteria) if criteria is not None else [c.name for c in CRITERIA]
    unknown = [n for n in names if n not in _CRITERIA_BY_NAME]
    if unknown or not names:
        raise AnalysisError(
            f"{func}: unknown criterion name(s) {unknown or '(none given)'}; "
            f"choose from {[c.name for c in CRITERIA]}"
        )
    lexicon = _resolve_cues(cues)
    matcher, present = lexicon.split_categories(CHECKLIST_DIMENSION)
    needed = [CRITERION_CUES[n] for n in names if n in CRITERION_CUES]
    missing = [c for c in needed if c not in present]
    if missing:
        raise LexiconError(
            f"{lexicon.name}: checklist cue lexicon has no {CHECKLIST_DIMENSION!r} rows for "
            f"categories {missing}; the criteria {names} need {needed}"
        )
    for src, block, text in zip(rows[by], rows["block_index"], rows["text"]):
        check_text(text, src, block, func)
    limits = dict(load_thresholds() if thresholds is None else thresholds)

    if figures is None:
        figs = infer_central_figures(list(rows["text"]), list(rows[by]))
        fig_note = f"central figure(s) inferred: {', '.join(figs) or 'none'}"
    else:
        figs = (figures,) if isinstance(figures, str) else tuple(figures)
        fig_note = f"central figure(s) given: {', '.join(figs) or 'none'}"
    hype_table = _hype_rows(scored, rows, by) if "sensational_language" in names else None

    records: list[dict[str, Any]] = []
    for group in group_order(rows, by):
        part = rows[rows[by] == group]
        capitalised = _mid_sentence_capitals(part["text"])
        sents: list[_Sentence] = []
        speakers: list[tuple[Any, dict[str, Any]]] = []
        for block, text in zip(part["block_index"], part["text"]):
            matches = matcher.find(text)
            sents.extend(_sentences(text, matches, block))
            speakers.extend((block, sp) for sp in _speakers_in(text, matches, capitalised))
        hype: list[tuple[Any, str, float, bool]] = []
        if hype_table is not None:
            mine = hype_table[hype_table[by] == group]
            hype = list(zip(mine["block_index"], mine["text"], mine["hype_raw"].astype(float), mine["title"]))
        for name in names:
            crit = _CRITERIA_BY_NAME[name]
            verdict = _RULES[name](sents, speakers=speakers, figures=figs, hype=hype)
            score = _score_of(name, verdict)
            limit = float(limits.get(name, _DEFAULT_THRESHOLDS.get(name, 0.5)))
            if score != score:  # NaN: cannot judge
                satisfactory: Any = pd.NA
                cue: Any = pd.NA
            else:
                satisfactory = score >= limit
                cue = satisfactory != crit.inverted
            rule = crit.rule + (f" ({fig_note})" if name == "independent_sources" else "")
            rule += f"; met when score >= {limit:.2f}"
            s = verdict.sentence
            records.append(
                {
                    by: group,
                    "criterion": name,
                    "satisfactory": satisfactory,
                    "evidence_block": s.block if s is not None else pd.NA,
                    "evidence_text": s.excerpt if s is not None else "",
                    "rule": rule,
                    "question": crit.question,
                    "inverted": crit.inverted,
                    "cue_found": cue,
                    "detail": verdict.detail,
                    "score": score,
                    "hits": pd.NA if verdict.hits is None or verdict.strength is not None else verdict.hits,
                }
            )
    out = pd.DataFrame.from_records(
        records,
        columns=[by, "criterion", "satisfactory", "evidence_block", "evidence_text", "rule",
                 "question", "inverted", "cue_found", "detail", "score", "hits"],
    )
    out["satisfactory"] = out["satisfactory"].astype("boolean")
    out["cue_found"] = out["cue_found"].astype("boolean")
    out["inverted"] = out["inverted"].astype(bool)
    out["evidence_block"] = out["evidence_block"].astype("Int64")
    out["score"] = out["score"].astype(float)
    out["hits"] = out["hits"].astype("Int64")
    return out
