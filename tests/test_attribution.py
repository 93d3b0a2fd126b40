"""Quotations, reported speech and speakers (framelens.text.attribution)."""

from __future__ import annotations

import pytest

from framelens.text.attribution import attribute, find_attribution, find_quotations, speaker_key


def _span(text: str, piece: str) -> tuple[int, int]:
    s = text.index(piece)
    return s, s + len(piece)


@pytest.mark.parametrize(
    "text, pieces",
    [
        ('"It works," said Smith.', ['"It works,"']),
        ("\u201cWe were surprised,\u201d she said, \u201cbut it is \u2018real\u2019.\u201d",
         ["\u201cWe were surprised,\u201d", "\u201cbut it is \u2018real\u2019.\u201d"]),
        ('He said "the \u201cbest\u201d plan" twice.', ['"the \u201cbest\u201d plan"']),
        ("The patient\u2019s doctor called it \u2018a fluke\u2019 yesterday.", ["\u2018a fluke\u2019"]),
    ],
)
def test_quotation_spans_are_exact(text: str, pieces: list[str]) -> None:
    assert find_quotations(text) == [_span(text, p) for p in pieces]


def test_unbalanced_quotes_run_to_the_paragraph_edges() -> None:
    opened = "\u201cThis quotation goes on in the next paragraph"
    assert find_quotations(opened) == [(0, len(opened))]
    closed = "and it ends here,\u201d Smith told reporters."
    assert find_quotations(closed) == [(0, closed.index("\u201d") + 1)]
    # an apostrophe is not a quotation mark
    assert find_quotations("The study\u2019s authors don\u2019t agree.") == []


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("The drug was safe, Dr. Jane Allan said.", "Dr. Jane Allan"),
        ("Smith, a professor at Yale, said the drug was safe.", "Smith"),
        ("The drug was safe, said the researchers.", "the researchers"),
        ("According to the company, the drug was safe.", "the company"),
        ("Jones says that the drug is safe.", "Jones"),
        ("The lead author warned that the drug was unsafe.", "The lead author"),
        ("Patel told reporters the drug was safe.", "Patel"),
    ],
)
def test_reported_speech_names_its_speaker(text: str, speaker: str) -> None:
    a = find_attribution(text)
    s, e = _span(text, "drug")
    assert attribute(a, s, e) == (True, speaker)


def test_places_months_and_disciplines_are_not_speakers() -> None:
    for text in (
        "The United States said it would act on prices.",
        "In March said nothing about prices.",
        "Psychiatry says little about this.",
    ):
        a = find_attribution(text)
        assert a.speakers == (), text
    a = find_attribution("In March, Smith said the trial would end.")
    assert a.speakers == ("Smith",)


def test_pronoun_attributes_without_a_name() -> None:
    text = "The trial was small, he said."
    assert attribute(find_attribution(text), 0, 3) == (True, "")


def test_narration_is_not_attributed() -> None:
    text = '"It is safe," said Smith. The company sells it in ten countries.'
    a = find_attribution(text)
    assert attribute(a, *_span(text, "It is safe"))[0]
    assert attribute(a, *_span(text, "company")) == (False, "")
    assert attribute(find_attribution("Party goers add it to drinks."), 0, 5) == (False, "")


def test_quote_without_clause_is_attributed_and_two_speakers_are_distinct() -> None:
    text = 'The trial was small, Smith said on Monday. "It\'s fine," said Jones.'
    a = find_attribution(text)
    assert a.speakers == ("Smith", "Jones")
    assert attribute(a, *_span(text, "trial")) == (True, "Smith")
    assert attribute(a, *_span(text, "fine")) == (True, "Jones")
    assert attribute(find_attribution('"A cure for everyone."'), 2, 6) == (True, "")


def test_speaker_key_merges_mentions() -> None:
    assert speaker_key("Dr. Jane Allan") == speaker_key("Allan")
    assert speaker_key("the researchers") == speaker_key("researchers")
    assert speaker_key("Smith") != speaker_key("Jones")


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('"The drug is safe," said study author James D. Brandt, a professor of medicine.', "James D. Brandt"),
        ('"The drug is safe," says corresponding author and Endocrinologist Dr Alexia Pena.', "Dr Alexia Pena"),
        ("Mihai Netea, PhD, a professor at Radboud University, says the drug is safe.", "Mihai Netea"),
        ("Professor Ann Lee from the University of Eastern Finland says the drug is safe.", "Professor Ann Lee"),
        ("SAN DIEGO, July 14, 2015 -- Genomic Health, Inc. (Nasdaq: GHDX) today announced that the drug is safe.",
         "Genomic Health"),
        ("But O'Brien said the drug is safe.", "O'Brien"),
        ("Tesla titan Elon Musk recently told reporters the drug is safe.", "Elon Musk"),
        ("The drug is safe, according to the Institute for Scientific Information.",
         "the Institute for Scientific Information"),
        ("The drug is safe, says a new Michigan State University study.", "a new Michigan State University study"),
    ],
)
def test_speakers_in_press_release_style(text: str, speaker: str) -> None:
    a = find_attribution(text)
    assert attribute(a, *_span(text, "drug")) == (True, speaker)


@pytest.mark.parametrize(
    "text",
    [
        "Patients admitted to the hospital were given the drug.",
        "Patients who responded to treatment kept taking the drug.",
        "The company added 300 jobs as the drug sold well.",
        "Frailty predicts mortality better than the drug does.",
        "Deaths reported from illicit use of the drug are rare.",
        "The company continues to sell the drug in ten countries.",
        "Participants in the study who reported eating fish took the drug.",
        "Oramed's reports describe the drug.",
    ],
)
def test_other_senses_of_reporting_verbs_are_narration(text: str) -> None:
    a = find_attribution(text)
    assert attribute(a, *_span(text, "drug")) == (False, ""), a


def test_terms_and_titles_in_quotation_marks_are_not_speech() -> None:
    for text in (
        "Ketamine, known as \u201cSpecial K\u201d on the street, is a drug.",
        'Results were good in 88 percent of ears with "mixed" deformities of the drug group.',
        'The paper, "Effect of vitamin D on inflammation in older women: a randomized trial," tested the drug.',
        'A poster titled "High Dose Radiation Therapy Improves Survival" described the drug.',
    ):
        a = find_attribution(text)
        assert attribute(a, *_span(text, "drug")) == (False, ""), text
    # a short quotation in a sentence with a reporting clause is the speaker's
    text = '"Fantastic drug," Smith said.'
    assert attribute(find_attribution(text), *_span(text, "drug")) == (True, "Smith")


def test_the_reporting_frame_is_the_writers_own() -> None:
    text = "Tesla titan Elon Musk recently told reporters the drug is a breakthrough."
    a = find_attribution(text)
    assert attribute(a, *_span(text, "titan")) == (False, "")
    assert attribute(a, *_span(text, "breakthrough")) == (True, "Elon Musk")
    text = "Interestingly, Musk pointed out that the drug is a breakthrough."
    a = find_attribution(text)
    assert attribute(a, *_span(text, "Interestingly")) == (False, "")
    assert attribute(a, *_span(text, "breakthrough")) == (True, "Musk")
    text = "The findings, the researchers say, should help settle doubts."
    a = find_attribution(text)
    assert attribute(a, *_span(text, "findings")) == (True, "the researchers")
    assert attribute(a, *_span(text, "settle")) == (True, "the researchers")
    text = 'When asked about the visionary drug, Tracy remarked, "It is a breakthrough."'
    a = find_attribution(text)
    assert attribute(a, *_span(text, "visionary")) == (False, "")
    assert attribute(a, *_span(text, "breakthrough")) == (True, "Tracy")
    text = '"It is a breakthrough," said Smith, a visionary professor at Yale.'
    a = find_attribution(text)
    assert attribute(a, *_span(text, "breakthrough")) == (True, "Smith")
    assert attribute(a, *_span(text, "visionary")) == (False, "")
