"""Who is speaking: quotations, reported speech and their speakers.

News and press releases mix the writer's own voice with the words of
others. A hype term inside a researcher's quotation is the researcher's
claim, reported; the same term in the writer's narration is the outlet's
own. This module finds, for one paragraph,

quotations
    spans between quotation marks, straight (``"``) or curly (``“ ”``, and
    ``‘ ’`` at the outermost level), with nesting (a quote inside a quote
    belongs to the outer one). A quotation opened and not closed runs to the
    end of the paragraph (the news convention for a quote continued in the
    next paragraph); a closing mark with no opening one closes a quotation
    that started at the beginning of the paragraph. A quotation with no
    reporting clause in its sentence is speech only if it could be: not
    shorter than :data:`MIN_QUOTE_WORDS` words (scare quotes, nicknames:
    *"Special K"*), not introduced as a name (*titled*, *called*, *the
    paper, "..."*) and not in title case (the title of a study or poster).
reported speech
    a reporting clause: *X said*, *said X*, *X says (that) ...*,
    *according to X*, *X claims / told / added / noted / warned / explained
    / wrote / argued / pointed out ...*. The words reported in the sentence
    holding the clause are attributed to X, and so is a quotation in that
    sentence; the reporting frame itself -- the speaker's phrase and the verb
    ("*Tesla titan* Elon Musk recently told") -- is the writer's. Verbs with a
    common sense that is not speech (*added 300 jobs*, *responded to
    treatment*, *admitted to hospital*, *continues to grow*, *deaths
    reported from*) count only with a speech complement (*that*, a comma,
    a colon, a quotation) or after a quotation.
speakers
    the name the text gives: a capitalised name (*Dr. Jane Allan*,
    *Smith*), a named body (*the University of Eastern Finland*), or a
    noun phrase naming people, a body or a document (*the researchers*,
    *a spokesperson*, *the company*, *a new study*). In *Smith, MD, a
    professor at X, said* the speaker is the first part of the appositive
    chain, in *said study author James Brandt* the name after the role.
    Months, weekdays, places, disciplines, degrees and datelines are never
    speakers ("United States" says nothing). A pronoun (*he said*)
    attributes the words without naming anyone: the speaker is then ``""``.

Checked by reading random samples from the bundled articles and the
HealthNewsReview.org development releases (``docs/scores.md``, *Who
speaks*): about 95% of attributed regions are someone else's words and
about 97% of named speakers are the right ones.

Everything is a pure function of the text; offsets are those of the text as
given (matching normalises typography without changing lengths, see
:func:`framelens.text.normalize.normalize_for_matching`).

Examples
--------
>>> from framelens.text.attribution import find_attribution, attribute
>>> text = '"It works," said Dr. Jane Allan. The drug is cheap.'
>>> a = find_attribution(text)
>>> a.quotes
((0, 11),)
>>> attribute(a, 1, 9)
(True, 'Dr. Jane Allan')
>>> attribute(a, 33, 50)
(False, '')
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

from framelens.text.normalize import normalize_for_matching
from framelens.text.tokens import split_sentences

__all__ = [
    "Attribution",
    "find_quotations",
    "find_attribution",
    "attribute",
    "attribute_many",
    "speaker_key",
    "REPORTING_VERBS",
    "TRIGGER_WORDS",
    "PRONOUNS",
    "NOT_SPEAKERS",
    "MIN_QUOTE_WORDS",
]

#: Reporting verbs (inflected forms) that introduce reported speech. After
#: the speech-act verbs of news attribution studied by Bell (1991, *The
#: Language of News Media*) and the reporting verbs of Hyland (1999,
#: "Academic attribution"), limited to those whose subject is the speaker.
#: *pointed out* / *points out* are matched as two words.
REPORTING_VERBS: frozenset[str] = frozenset(
    """said say says told tells added adds noted notes warned warns warn claims claimed claim
    explained explains stated wrote writes argued argues cautioned cautions insisted insists
    acknowledged acknowledges admitted admits recalled recalls asserted asserts declared declares
    commented comments emphasized emphasizes emphasised emphasises stressed stresses concluded
    concludes observed observes remarked remarks confirmed confirms announced announces
    reported reports continued continues agreed agrees disagreed disagrees countered counters
    predicted predicts maintained maintains replied replies responded responds asked asks
    urged urges believes believed thinks revealed reveals disclosed discloses described
    describes mentioned mentions shared shares pointed points""".split()
)

#: Verbs that also take the speaker after them ("said Smith").
_INVERTING = frozenset(
    "said says added adds noted notes warned warns explained explains wrote writes continued "
    "continues asked asks concluded concludes cautioned cautions stressed stresses recalled "
    "recalls observed observes countered counters replied replies explained explains "
    "commented comments remarked remarks".split()
)

#: Verbs with a common sense that is not speech ("the company added 300 jobs",
#: "patients who responded to treatment", "admitted to hospital", "continues
#: to grow", "predicts mortality", "recalled a product", "shared a meal"): a
#: reporting clause only with a speech complement -- *that*, a comma, colon or
#: quotation mark, the end of the sentence, a pronoun opening the reported
#: clause ("added he has ...") -- or after a quotation ('"...," he added').
_NEEDS_COMPLEMENT = frozenset(
    """added adds continued continues maintained maintains admitted admits agreed agrees
    predicted predicts responded responds replied replies recalled recalls countered counters
    shared shares disagreed disagrees asked asks emphasized emphasizes emphasised emphasises
    stressed stresses""".split()
)
_COMPLEMENT_RE = re.compile(r"""\s*(?:$|[,:;"]|(?:that|whether|if|why|how|what)\b|(?:he|she|they|we|I|it|there)\b)""")

#: Verbs whose past participle often describes a finding rather than a speech
#: act: followed by a preposition ("deaths reported from illicit use",
#: "observed in mice", "described in the paper") they report nothing, unless a
#: *that* clause, a colon or a quotation follows in the sentence.
_PARTICIPLES = frozenset(
    """reported observed noted described confirmed announced predicted stated concluded
    revealed disclosed mentioned""".split()
)
_PREPOSITION_RE = re.compile(
    r"\s+(?:in|from|by|among|at|during|with|for|on|over|after|across|between|within|to|as|"
    r"under|into|through|since|before|until)\b"
)

#: Capitalised words that never name a speaker: months, weekdays, places,
#: disciplines, and sentence openers.
NOT_SPEAKERS: frozenset[str] = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    united states america american europe european uk britain england london washington
    china india canada australia germany france japan africa asia california texas new york
    scotland wales ireland italy spain portugal netherlands belgium switzerland austria sweden
    norway denmark finland poland greece israel korea brazil mexico argentina russia
    singapore taiwan zealand nigeria kenya egypt iran turkey boston chicago paris toronto
    calif mass va pa md fla ill mich minn wis conn ga tenn ariz colo ore wash n.j n.y n.c
    medicine psychiatry psychology biology chemistry physics neurology oncology cardiology
    pharmacology epidemiology ophthalmology dermatology pediatrics paediatrics surgery
    urology radiology immunology genetics science health research the a an this that these
    those it its in on at for of and but or so if when while as after before because also
    meanwhile however although though yet now still instead indeed thus moreover furthermore
    nevertheless there here what which
    who whom whose why how then than such both each every all many most some several other
    another one two three four five""".split()
)

#: Words that open a sentence or clause and are not part of the name after
#: them ("But O'Brien said", "As Sun continues").
_OPENERS = frozenset(
    """but and as while although though yet so now still then meanwhile however also in on at
    for with by from after before because when if since until today yesterday here there
    instead indeed thus moreover furthermore nevertheless""".split()
)

#: Degrees and suffixes written after a name ("Smith, MD, said"): never a speaker.
_CREDENTIALS = frozenset(
    """md m.d m.d. phd ph.d ph.d. do d.o rn mph m.p.h scd sc.d drph mba facs facp frcp frcs
    msc bsc ms ma dphil pharmd dds dvm mbbs frcpc faan jr jr. sr sr. ii iii iv esq
    inc inc. ltd ltd. llc corp corp. co co. plc gmbh ag sa""".split()
)

#: Head nouns of noun phrases that can name a speaker (people, bodies, and
#: documents that make claims: *the study*, *a report*, *the article*).
_SPEAKER_NOUNS = (
    r"researchers?|scientists?|authors?|investigators?|doctors?|physicians?|experts?|professors?|"
    r"spokes(?:person|man|woman|people)|officials?|analysts?|critics?|sceptics?|skeptics?|"
    r"company|companies|firm|agency|team|group|university|institute|department|ministry|"
    r"government|regulators?|administration|study|report|paper|review|statement|"
    r"release|survey|data|founder|ceo|director|chair(?:man|woman|person)?|president|leaders?|"
    r"advocates?|patients?|users?|participants?|people|clinicians?|nurses?|psychiatrists?|"
    r"therapists?|pharmacists?|lawyers?|attorneys?|sources?|executives?|manufacturer|maker|"
    r"developer|colleagues?|co-authors?|coauthors?|panel|committee|board|organi[sz]ation|"
    r"association|society|foundation|charity|campaigners?|parents?|mothers?|fathers?|"
    r"friends?|family|neighbou?rs?|residents?|witnesses?|police|prosecutors?|judges?|court|"
    r"article|analysis|spokespeople|co-investigators?|owners?"
)
# agencies named by their initials
_AGENCIES = r"FDA|CDC|NIH|WHO|EMA|NHS|NICE"
#: Roles written before a name ("said study author James Brandt", "noted
#: co-author Christopher Kane"): the name, not the role, is the speaker.
_ROLES = (
    r"authors?|co-authors?|coauthors?|researchers?|investigators?|co-investigators?|scientists?|"
    r"professors?|directors?|leaders?|leads?|chairs?|presidents?|officers?|founders?|ceo|"
    r"physicians?|doctors?|surgeons?|endocrinologists?|oncologists?|cardiologists?|fellows?|"
    r"spokes(?:person|man|woman)|members?|managers?|heads?|deans?|executives?"
)

#: Titles before a name; one inside a capitalised run starts the name.
_TITLE_WORDS = frozenset("dr prof professor mr mrs ms mx sen rep gov sir dame rev gen col lt sgt capt".split())
#: Capitalised words that name a role, not a person ("Assistant Professor").
_ROLE_WORDS = frozenset(
    """professor assistant associate adjunct chief senior executive investigator principal president
    officer head lead vice chair chairman director dean manager fellow lecturer co-investigator
    author co-author researcher scientist""".split()
)

_TITLE = r"(?:(?:Dr|Prof|Mr|Mrs|Ms|Mx|Sen|Rep|Gov|Sir|Dame|Rev|Gen|Col|Lt|Sgt|Capt)\.?\s+)"
# a capitalised word or an initialism (U.S., F.D.A.)
_CAP = r"(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][\w'\-]*\.?)"
_NAME = (
    rf"{_TITLE}?{_CAP}(?:\s+(?:{_CAP}|&|\([A-Z][\w'\-]*\)|"
    rf"(?:de|den|der|van|von|da|del|dos|du|la|le|ten|ter|bin|al-\w+)(?![\w'\-])))*"
)
# a named institution with its complements: "the Institute for Scientific
# Information", "the University of Eastern Finland", "Newcastle University's
# Institute for Cellular Medicine"
_INSTITUTION_WORDS = (
    r"Institutes?|Universit(?:y|ies)|College|School|Hospital|Cent(?:er|re)|Department|Division|"
    r"Academy|Society|Association|Foundation|Council|Agency|Administration|Ministry|Office|"
    r"Board|Federation|Trust|Clinic|Laborator(?:y|ies)|Programm?e?|Network|Service|Alliance|"
    r"Coalition|Committee|Commission|Organi[sz]ation|Institution|Consortium|Bureau"
)
_INSTITUTION = (
    rf"(?:[Tt]he\s+)?(?:{_CAP}\s+){{0,4}}(?:{_INSTITUTION_WORDS})"
    rf"(?:\s+(?:of|for|on|and|&)(?:\s+the)?(?:\s+{_CAP})+)+"
)
# a word inside a noun phrase: not one that opens a clause ("a spectacular improvement
# that experts ...") or a verb
_NP_WORD = r"(?!(?:that|which|who|whom|whose|when|where|while|is|are|was|were|be|been|has|have|had)\s)"
_NP = (
    rf"(?i:(?:the|a|an|one|two|three|some|other|several|many|both|these|those|his|her|their|our|its)\s+)"
    rf"(?:{_NP_WORD}[\w'\-]+\s+){{0,4}}(?:{_SPEAKER_NOUNS}|{_AGENCIES})(?![\w'\-])"
)
_BARE_NP = rf"(?:(?i:{_SPEAKER_NOUNS})|{_AGENCIES})(?![\w'\-])"
_PRONOUN = r"(?:he|she|they|we|I|He|She|They|We|you|You)"
_SPEAKER = rf"(?P<sp>{_INSTITUTION}|{_NP}|{_NAME}|{_PRONOUN}|{_BARE_NP})"
# what may follow a speaker's name before the verb: "from/at/of <institution or name>"
_POSTMOD = rf"(?:\s+(?:of|at|from|with|for)\s+(?:the\s+)?(?:{_INSTITUTION}|{_NAME}))"
# words between the speaker and the verb: "Musk recently told", "has also said"
_BETWEEN = (
    r"(?:\s+(?:also|later|previously|recently|again|once|then|further|still|now|often|publicly|"
    r"repeatedly|frequently|separately|similarly|additionally|specifically|subsequently|"
    r"ultimately|initially|originally|first|simply|even|famously|reportedly|openly|candidly|"
    r"today|yesterday|tonight|has|have|had|herself|himself|themselves|itself))*"
)

_VERB_ALTS = {w: w for w in REPORTING_VERBS} | {
    "according": r"(?i:according)\s+to",
    "pointed": r"pointed\s+out",
    "points": r"points\s+out",
}
_VERB_RE = re.compile(r"\b(?:" + "|".join(_VERB_ALTS[w] for w in sorted(_VERB_ALTS, key=len, reverse=True)) + r")\b")
# the speaker right before the verb (after an optional post-modifier)
_PARENTHESIS = r"(?:\s*\([^()]{1,60}\))?"  # "Genomic Health, Inc. (Nasdaq: GHDX) announced"
_BEFORE_RE = re.compile(rf"(?<![\w'\-.]){_SPEAKER}{_POSTMOD}?{_PARENTHESIS}{_BETWEEN}\s*$")
# one comma-separated segment that is wholly a speaker: "Smith", "Dr Jane Allan
# of the University of X" (the first of "Smith, MD, a professor at X, said")
_SEGMENT_RE = re.compile(rf"{_SPEAKER}{_POSTMOD}?{_PARENTHESIS}{_BETWEEN}")
# a dash between spaces ends a dateline or an aside: "SAN DIEGO, July 14 -- X announced"
_DASH_RE = re.compile(r"\s-{1,2}\s")
# the speaker after the verb ("said Smith", "said study author James Brandt")
_AFTER_RE = re.compile(
    rf"\s+(?:(?:[a-z][\w'\-]*\s+){{0,3}}(?i:{_ROLES})\s+(?:and\s+)?(?=[A-Z]))?{_SPEAKER}"
)
_ACCORDING_RE = re.compile(rf"\s+{_SPEAKER}")
#: Words that can open a reporting clause: the reporting verbs and *according* (to).
TRIGGER_WORDS: frozenset[str] = REPORTING_VERBS | {"according"}
_LOWER_WORDS = re.compile(r"[a-z]+")
#: Personal pronouns: a reporting verb right after one names no one ("he added").
PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "we", "i", "you"})

#: Quotations shorter than this many words are scare quotes, nicknames or
#: terms ("Special K", "mixed"), not speech, unless a reporting clause in
#: their sentence says who spoke (the same threshold as the quotations that
#: count as voices in the balance score).
MIN_QUOTE_WORDS: int = 4
_WORD_RE = re.compile(r"[A-Za-z][\w'\-]*")
# words that introduce a name or title in quotation marks, not speech
_NAMING_RE = re.compile(
    r"(?:titled|entitled|called|named|dubbed|nicknamed|known\s+as|so-called|term|terms|phrase|word|words|"
    r"slogan|motto|labell?ed|branded|theme|paper|article|study|report|book|poster|presentation|"
    r"abstract|chapter|session|lecture|talk|campaign)\s*,?\s*$",
    re.IGNORECASE,
)


class Attribution(NamedTuple):
    """Attribution of one paragraph (an immutable named tuple).

    Attributes
    ----------
    quotes : tuple of (start, end)
        Outermost quotation spans, quotation marks included, in order.
    regions : tuple of (start, end, speaker)
        Attributed stretches (quotations, and the reported words of
        sentences with a reporting clause), in order, non-overlapping;
        ``speaker`` is ``""`` when the text names no one.
    verbs : tuple of (start, end)
        The reporting verbs (or *according to*) of the clauses found.
    speakers : tuple of str
        The distinct named speakers, in order of first mention.
    """

    quotes: tuple[tuple[int, int], ...] = ()
    regions: tuple[tuple[int, int, str], ...] = ()
    verbs: tuple[tuple[int, int], ...] = ()
    speakers: tuple[str, ...] = ()


_NONE = Attribution()  # shared: most paragraphs attribute nothing

_OPEN = {"\u201c": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb", "\u201e": "\u201d"}
_QUOTE_CHARS = re.compile("[\"\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e]")


def _has_quote_mark(text: str) -> bool:
    """Whether ``text`` holds a mark that can open or close a quotation (a cheap test first)."""
    return _MARK_RE.search(text) is not None


_MARKS = '"\u201c\u201d\u00ab\u00bb\u201e\u2018'
_MARK_RE = re.compile("[" + _MARKS + "]")


def find_quotations(text: str) -> list[tuple[int, int]]:
    """Outermost quotation spans of ``text`` (quotation marks included).

    Parameters
    ----------
    text : str
        One paragraph, as given (curly or straight quotes).

    Returns
    -------
    list of (start, end)
        In order, non-overlapping; ``text[start]`` is the opening mark
        (except for a quotation closed without being opened, which starts
        at 0) and ``text[end - 1]`` the closing one (except for a quotation
        left open, which ends at ``len(text)``).
    """
    out: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for m in _QUOTE_CHARS.finditer(text):
        ch, i = m.group(), m.start()
        if ch in ("\u2018", "\u2019"):
            # single quotes double as apostrophes: only an opening one after a
            # space or bracket (or at the start) and its closing one count
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < len(text) else " "
            if ch == "\u2018" and (prev.isspace() or prev in "([\"\u201c") and not nxt.isspace():
                stack.append((ch, i))
            elif ch == "\u2019" and stack and stack[-1][0] == "\u2018" and not nxt.isalnum():
                _, s = stack.pop()
                if not stack:
                    out.append((s, i + 1))
            continue
        if ch == '"':
            if stack and stack[-1][0] == '"':
                _, s = stack.pop()
                if not stack:
                    out.append((s, i + 1))
            else:
                stack.append((ch, i))
        elif ch in _OPEN:
            stack.append((ch, i))
        else:  # a closing curly mark
            k = next((j for j in range(len(stack) - 1, -1, -1) if _OPEN.get(stack[j][0]) == ch), None)
            if k is None:
                if not stack and not out:
                    out.append((0, i + 1))  # closes a quotation begun before this paragraph
                continue
            s = stack[k][1]
            del stack[k:]
            if not stack:
                out.append((s, i + 1))
    # single quotes left open are apostrophes; a double quote left open runs to the end
    opened = [s for ch, s in stack if ch not in ("\u2018",)]
    if opened:
        s = opened[0]
        if not out or out[-1][1] <= s:
            out.append((s, len(text)))
    return out


def _clean_speaker(sp: str) -> str:
    sp = sp.strip().rstrip(",")
    words = sp.split()
    # "But O'Brien", "As Sun": a capitalised opener is not part of the name
    while len(words) > 1 and words[0].lower() in _OPENERS:
        words = words[1:]
    # "Assistant Professor of X Paul Russell", "Paediatric Endocrinologist Dr Alexia Peña":
    # a title inside the name starts the name
    for k in range(1, len(words) - 1):
        if words[k].rstrip(".").lower() in _TITLE_WORDS:
            words = words[k:]
            break
    sp = " ".join(words)
    last = words[-1]
    if last.endswith(".") and len(last) > 2 and last[:-1].lower() not in {"dr", "prof", "jr", "sr"} \
            and not re.fullmatch(r"(?:[A-Z]\.)+", last):
        sp = sp[:-1]  # a full stop ends the sentence, not the name
    return sp


def _valid_name(sp: str) -> bool:
    words = [w.strip(".").lower() for w in sp.split()]
    if not words:
        return False
    if words[0] in PRONOUNS:
        return True
    if sp.endswith(("'s", "s'")) or sp.lower() in _CREDENTIALS or words[-1] in _CREDENTIALS:
        return False  # a possessive ("Oramed's reports") or a degree ("Smith, MD, said")
    if len(words) == 1 and sp[0].islower() and not words[0].endswith("s") \
            and words[0] not in {"people", "police", "data"}:
        return False  # a singular noun needs a determiner: "Twitter) owner" is part of a phrase
    if all(w in _ROLE_WORDS for w in words):
        return False  # a role without a name ("Assistant Professor")
    caps = [w for w in sp.split() if w.isupper() and w.isalpha()]
    if caps and len(caps) == len(sp.split()) and (len(caps) > 1 or len(caps[0]) > 5):
        return False  # a dateline in capitals ("SAN DIEGO", "RICHMOND"), not an acronym ("GSK")
    # a name made only of stop words (months, places, openers) is no speaker
    content = [w for w in words if w not in NOT_SPEAKERS and w not in {"dr", "prof", "mr", "mrs", "ms"}]
    if not content:
        return False
    return " ".join(words) not in NOT_SPEAKERS and " ".join(words[-2:]) not in {"united states", "new york"}


def _checked(m: re.Match[str] | None) -> str | None:
    if m is None:
        return None
    sp = _clean_speaker(m.group("sp"))
    return sp if _valid_name(sp) else None


def _speaker_before(before: str) -> tuple[str, int] | None:
    """The speaker of a clause whose verb follows ``before`` (the clause up to the verb).

    Returns the speaker and where its phrase starts in ``before``.
    """
    offset = max(0, len(before) - 300)
    tail = before[offset:]
    dashes = list(_DASH_RE.finditer(tail))
    if dashes:
        offset += dashes[-1].end()
        tail = tail[dashes[-1].end() :]
    stripped = tail.rstrip()
    m = _BEFORE_RE.search(tail)
    if m is not None:
        found = _checked(m)
        if found is not None:
            return found, offset + m.start("sp")
        # "Professor X, Head of Y, Brussels, Belgium said", "Genomic Health, Inc. announced":
        # what stands before the verb is the end of an appositive; the speaker opens it
    elif not stripped.endswith(","):
        return None
    # "Smith, MD, a professor at X, said": the first comma-separated part that is
    # wholly a speaker
    parts = stripped.rstrip(",").split(",")
    at = offset + sum(len(p) + 1 for p in parts[:-6])
    for part in parts[-6:]:
        m = _SEGMENT_RE.fullmatch(part.strip())
        found = _checked(m)
        if found is not None:
            return found, at + len(part) - len(part.lstrip())
        at += len(part) + 1
    return None


def _speaker_after(after: str, verb: str) -> tuple[str, int] | None:
    """The speaker after the verb ("said Smith", "according to Smith") and where its phrase ends."""
    m = (_ACCORDING_RE if verb == "according to" else _AFTER_RE).match(after)
    sp = _checked(m)
    if sp is None or m is None:
        return None
    if verb != "according to" and sp.split()[0].lower() in PRONOUNS and sp.lower() not in {"he", "she"}:
        return None  # "said he" is rare; "told them"/"said we" are objects or clauses
    return sp, m.end()


def _name(sp: str) -> str:
    """The speaker as reported: ``""`` for a pronoun."""
    return "" if sp.split()[0].lower() in PRONOUNS else sp


def _is_speech(norm: str, qs: int, qe: int) -> bool:
    """Whether the quotation ``norm[qs:qe]`` can be speech, not a term or a title.

    Too short ("Special K"), introduced as a name ("a study titled '...'"), or in
    title case ("Development and Validation of a Biomarker ...") it is not.
    """
    words = _WORD_RE.findall(norm, qs, qe)
    if len(words) < MIN_QUOTE_WORDS:
        return False
    if _NAMING_RE.search(norm, max(0, qs - 40), qs):
        return False
    long = [w for w in words[1:] if len(w) >= 4]
    if len(long) >= 2 and sum(w[0].isupper() for w in long) >= 0.75 * len(long):
        return False
    return True


@lru_cache(maxsize=512)
def _verb_re(words: frozenset[str]) -> re.Pattern[str]:
    """The reporting-verb pattern restricted to the trigger words a paragraph holds (scans faster)."""
    alts = [_VERB_ALTS[w] for w in sorted(words, key=len, reverse=True)]
    return re.compile(r"\b(?:" + "|".join(alts) + r")\b")


def _verb_hits(norm: str, present: frozenset[str] | None) -> list[tuple[int, int, str]]:
    """Reporting verbs (lower case as written) and *according to* of ``norm``: (start, end, verb).

    ``present``: the trigger words among the paragraph's tokens, if known.
    """
    if present is None:
        verb_re = _VERB_RE
    else:
        if not present:
            return []
        verb_re = _verb_re(present)
    out = []
    for vm in verb_re.finditer(norm):
        verb = vm.group()
        verb = "according to" if verb[:9].lower() == "according" else " ".join(verb.split())
        out.append((vm.start(), vm.end(), verb))
    return out


def find_attribution(
    text: str,
    sentences: list[tuple[int, int]] | None = None,
    *,
    normalized: str | None = None,
    tokens: list[str] | None = None,
) -> Attribution:
    """Quotations, reporting clauses and speakers of one paragraph.

    Parameters
    ----------
    text : str
        One paragraph, as given.
    sentences : list of (start, end), optional
        Its sentence spans (:func:`framelens.text.tokens.split_sentences` of the
        normalised text), if already computed.
    normalized : str, optional
        ``normalize_for_matching(text)``, if already computed.
    tokens : list of str, optional
        Its lower-case tokens (:func:`framelens.text.tokens.tokenize`), if already
        computed; otherwise the paragraph's words are read for reporting
        verbs first. A paragraph with no reporting verb and no quotation
        mark is passed over at once.

    Returns
    -------
    Attribution
        See :class:`Attribution`. Computed once per paragraph; query it
        with :func:`attribute`.
    """
    quotes = find_quotations(text) if _has_quote_mark(text) else []
    # the trigger words the paragraph holds: the verb pattern is then built from those
    # few (a pattern of every reporting verb scans each text several times slower)
    present = TRIGGER_WORDS.intersection(_LOWER_WORDS.findall(text.lower()) if tokens is None else tokens)
    if not quotes and not present:
        return _NONE
    norm = normalize_for_matching(text) if normalized is None else normalized
    verb_hits = _verb_hits(norm, present)
    if not quotes and not verb_hits:
        return _NONE
    if sentences is None:
        sentences = split_sentences(norm)
    sent_starts = [s for s, _ in sentences]
    qstarts = [s for s, _ in quotes]

    def in_quote(i: int) -> bool:
        k = bisect_right(qstarts, i) - 1
        return k >= 0 and quotes[k][0] <= i < quotes[k][1]

    def sentence_of(i: int) -> tuple[int, int]:
        k = max(0, bisect_right(sent_starts, i) - 1)
        return sentences[k] if sentences else (0, len(text))

    # sentence start, end, verb start, end, speaker, reported stretches
    clauses: list[tuple[int, int, int, int, str, tuple[tuple[int, int], ...]]] = []
    for vs, ve, verb in verb_hits:
        if in_quote(vs):
            continue
        ss, se = sentence_of(vs)
        before = norm[ss:vs]
        after = norm[ve:se]
        # a clause boundary right before the verb: take what follows the last quotation
        cut = before.rfind('"')
        after_quote = cut >= 0
        if after_quote:
            before = before[cut + 1 :]
        if verb in _PARTICIPLES and _PREPOSITION_RE.match(after) and not re.search(r"\bthat\b", after):
            continue  # "deaths reported from illicit use": a finding, not a speech act
        if verb in _NEEDS_COMPLEMENT and not after_quote and not _COMPLEMENT_RE.match(after):
            continue  # "added 300 jobs", "responded to treatment", "continues to grow"
        # the reported words are the sentence without its reporting frame (the speaker's
        # phrase and the verb: "Tesla titan Elon Musk recently told" is the writer's)
        if verb != "according to":
            found = _speaker_before(before)
            if found is not None:
                sp, at = found
                frame_start = vs - len(before) + at
                lead = norm[ss:frame_start].rstrip()
                # "The drug is safe, Smith said (on Monday).", "The findings, Smith said,
                # show ...": the words before the speaker are reported when a comma sets
                # the clause off and nothing, or only a parenthesis, follows the verb
                # ("Interestingly, Musk said that ..." reports what follows)
                pieces = [(ve, se)]
                if after_quote or lead.endswith(","):
                    if re.match(r'\s*,\s*[^"\s]', after):  # not 'Tracy remarked, "..."'
                        pieces.append((ss, frame_start))
                    elif len(_WORD_RE.findall(after)) < 4:  # "Allan told the Conversation."
                        pieces = [(ss, frame_start)]
            elif verb in _INVERTING and (not before.strip() or before.rstrip().endswith(",")) \
                    and (found := _speaker_after(after, verb)) is not None:
                # inverted only after the reported words: '"It works," said Smith', "..., said Smith"
                sp = found[0]
                pieces = [(ss, vs)]  # '"It works," said Smith, a professor at X.'
            else:
                continue
            if verb in {"believes", "believed", "thinks"} and sp.split()[0].lower() not in PRONOUNS \
                    and not re.match(r"\s*(?:that|whether|if|,|:)", after):
                continue
        else:
            found = _speaker_after(after, verb)
            if found is None:
                continue
            sp, end = found
            if norm[ss:vs].strip():
                pieces = [(ss, vs)]  # "The drug is safe, according to Smith, a professor."
            else:  # "According to Smith, the drug is safe."
                comma = norm.find(",", ve + end, se)
                pieces = [((comma + 1) if comma >= 0 else ve + end, se)]
        pieces = [(a, b) for a, b in pieces if _WORD_RE.search(norm, a, b)]
        clauses.append((ss, se, vs, ve, _name(sp), tuple(pieces)))

    regions: list[tuple[int, int, str]] = []
    clause_by_sentence = {c[0]: c for c in clauses}
    for c in clauses:
        regions.extend((a, b, c[4]) for a, b in c[5])
    for qs, qe in quotes:
        ss, _ = sentence_of(qs)
        c = clause_by_sentence.get(ss)
        if c is None and not _is_speech(norm, qs, qe):
            continue  # a term, nickname or title in quotation marks, with no speaker
        if c is None:
            # a quotation whose reporting clause follows it in the next sentence
            # or stands alone: attributed, speaker from the nearest clause
            near = min(clauses, key=lambda c: abs(c[2] - qs), default=None)
            regions.append((qs, qe, near[4] if near else ""))
        else:
            regions.append((qs, qe, c[4]))
    regions = _merge(regions)
    speakers: list[str] = []
    for c in clauses:
        if c[4] and speaker_key(c[4]) not in {speaker_key(s) for s in speakers}:
            speakers.append(c[4])
    return Attribution(
        tuple(quotes), tuple(regions), tuple((c[2], c[3]) for c in clauses), tuple(speakers)
    )


def _merge(regions: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Regions in order without overlaps; where two overlap the named speaker wins."""
    out: list[tuple[int, int, str]] = []
    for s, e, sp in sorted(regions, key=lambda r: (r[0], -r[1])):
        if out and s < out[-1][1]:
            ps, pe, psp = out[-1]
            out[-1] = (ps, max(pe, e), psp or sp)
        else:
            out.append((s, e, sp))
    return out


def attribute(attribution: Attribution, start: int, end: int) -> tuple[bool, str]:
    """Whether the span ``[start, end)`` is attributed, and to whom.

    Parameters
    ----------
    attribution : Attribution
        The paragraph's attribution (:func:`find_attribution`).
    start, end : int
        A span of the same paragraph.

    Returns
    -------
    (bool, str)
        ``attributed``: the span starts inside a quotation or the reported
        words of a reporting clause; ``speaker``: the name the text gives,
        or ``""``.
    """
    regions = attribution.regions
    if not regions:
        return False, ""
    k = bisect_right([r[0] for r in regions], start) - 1
    if k >= 0 and regions[k][0] <= start < regions[k][1]:
        return True, regions[k][2]
    return False, ""


def attribute_many(attribution: Attribution, starts: list[int]) -> list[tuple[bool, str]]:
    """:func:`attribute` for many spans, given their start offsets."""
    regions = attribution.regions
    if not regions:
        return [(False, "")] * len(starts)
    rstarts = [r[0] for r in regions]
    out = []
    for start in starts:
        k = bisect_right(rstarts, start) - 1
        if k >= 0 and start < regions[k][1]:
            out.append((True, regions[k][2]))
        else:
            out.append((False, ""))
    return out


def speaker_key(speaker: str) -> str:
    """A key under which mentions of one speaker coincide.

    The last word of a name, lower-case ("Dr. Jane Allan" and "Allan" are
    one speaker); a noun phrase without its determiner ("the researchers"
    and "researchers").
    """
    words = [w.strip(".,()").lower() for w in speaker.split() if w.strip(".,()")]
    if not words:
        return ""
    if speaker[:1].isupper() and words[0] not in {"the", "a", "an"} and re.match(_NAME + "$", speaker):
        return words[-1]
    while words and words[0] in {"the", "a", "an", "one", "some", "other", "several", "many", "both", "these", "those", "his", "her", "their", "our", "its"}:
        words = words[1:]
    return " ".join(words)
