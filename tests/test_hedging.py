"""Hedging precision: modals that hedge no finding are shown, not counted; limitation phrases found."""

from __future__ import annotations

import pandas as pd
import pytest

from framelens.scores.hedging import discounted
from framelens.scores.scoring import explain, score_paragraphs
from framelens.text.lexicon import load_lexicon
from framelens.text.matching import question_scopes
from framelens.text.tokens import tokenize


def _hedges(text: str) -> pd.DataFrame:
    ev = explain(text)
    return ev[ev["dimension"] == "hedging"].set_index("match")


def _raw(text: str) -> float:
    return float(score_paragraphs([text]).loc[0, "hedging_raw"])


# --- modals that hedge no finding: shown with counted=False, contribution 0 ---


@pytest.mark.parametrize(
    ("text", "modal"),
    [
        # a reported question: the doubt is the asker's, not a hedge on a finding
        ("The board asked whether the sedative could get in the way of his duties.", "could"),
        ("Reporters wondered if the new rule might slow approvals.", "might"),
        ("She asked the agency whether the vaccine would be ready.", "would"),
        # a possibility already named
        ("He now faces the possibility he could lose his licence.", "could"),
        ("There is a chance that the trial may be stopped.", "may"),
        # a negated modal of plans or ability
        ("The insurer said it would not enter into a deal with the clinic.", "would"),
        ("The mayor couldn't attend the opening.", "could"),
    ],
)
def test_modals_in_questions_plans_and_refusals_are_shown_not_counted(text: str, modal: str) -> None:
    hedges = _hedges(text)
    assert modal in hedges.index  # still visible in the evidence
    row = hedges.loc[modal]
    assert not row["counted"] and row["contribution"] == 0.0
    assert _raw(text) == pytest.approx(hedges["contribution"].sum())
    assert score_paragraphs([text]).loc[0, "hedging_modal"] == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "The drug may reduce pain.",
        "Results could be explained by chance.",
        "The effect might not last beyond a year.",  # "may/might not" stays epistemic
        "The benefit may not be as large as hoped.",
        "The findings suggest the scans would not only be useful but also cheap.",  # "not only"
        "Asked about costs, he said the programme could expand.",  # no question word
        "The chance of relapse could be higher in older patients.",  # "chance of": no clause
    ],
)
def test_hedges_on_findings_still_count(text: str) -> None:
    hedges = _hedges(text)
    modal = hedges[hedges["category"] == "modal"]
    assert len(modal) == 1 and modal["counted"].all() and (modal["contribution"] > 0).all()
    assert _raw(text) > 0.0


def test_a_question_ends_where_the_writer_goes_on() -> None:
    text = "Parents asked whether the spray could work in children, but its effect may fade by winter."
    hedges = _hedges(text)
    assert not hedges.loc["could", "counted"]
    assert hedges.loc["may", "counted"]
    text = "Parents asked whether the spray could work in children but its effect may fade by winter."
    assert _hedges(text).loc["may", "counted"]


def test_reported_questions_hedge_less_than_hedged_findings() -> None:
    asked = "Doctors asked whether the tablet could ease migraines in teenagers."
    claim = "Doctors said the tablet could ease migraines in teenagers."
    df = score_paragraphs([asked, claim])
    assert df.loc[0, "hedging"] < df.loc[1, "hedging"]
    assert df.loc[0, "hedging_count"] == 0 and df.loc[1, "hedging_count"] == 1


def test_question_scopes_need_a_verb_of_asking_or_a_possibility_noun() -> None:
    def scopes(text: str) -> list[tuple[int, int]]:
        return question_scopes(tokenize(text).lower)

    assert scopes("It is unclear whether it could help.") == []
    assert scopes("If it rains, the match could be cancelled.") == []
    assert scopes("They asked whether it could help, and left.") == [(3, 6)]
    assert scopes("the possibility that it may fail") == [(2, 6)]


def test_discounted_reads_only_modal_matches() -> None:
    lex = load_lexicon()
    [m] = [m for m in lex.find("They asked whether it is possibly true.") if m.dimension == "hedging"]
    assert m.in_question and not discounted(m)  # an adverb in a question still hedges


# --- limitation and speaker-doubt phrases the lexicon missed ---


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Doctors have a limited understanding of its long-term effects.", "limited understanding"),
        ("The nasal spray is not yet approved for children.", "not yet approved"),
        ("It helped my sleep, I guess.", "I guess"),
        ("Side effects must be better understood before wider use.", "be better understood"),
        ("How the protein folds is poorly understood.", "poorly understood"),
        ("The evidence is still limited for older adults.", "evidence is still limited"),
        ("A benefit has yet to be shown in larger groups.", "has yet to be shown"),
        ("The authors could not rule out a placebo effect.", "could not rule out"),
        ("It remains to be seen whether the gains last.", "remains to be seen"),
        ("Reviewers found only weak evidence for the claim.", "weak evidence"),
        ("We're not sure the test works in practice.", "We're not sure"),
    ],
)
def test_new_limitation_phrases_count(text: str, phrase: str) -> None:
    hedges = _hedges(text)
    assert phrase in hedges.index
    assert hedges.loc[phrase, "counted"] and hedges.loc[phrase, "contribution"] > 0


def test_every_hedging_row_cites_a_source() -> None:
    frame = load_lexicon().to_frame()
    hedging = frame[frame["dimension"] == "hedging"]
    assert hedging["source"].astype(str).str.strip().ne("").all()


# --- approximators with numbers written as words; frequency and generality hedges ---


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Around half of the volunteers dropped out.", "Around half"),
        ("The condition affects about five per cent of adults.", "about five"),
        ("Nearly a third of the mice developed tumours.", "Nearly a third"),
        ("Roughly two thousand nurses answered the survey.", "Roughly two"),
        ("The benefit lasted for up to three years.", "up to three"),
        ("Some twenty clinics took part.", "Some twenty"),
    ],
)
def test_approximators_before_number_words_count(text: str, phrase: str) -> None:
    hedges = _hedges(text)
    assert phrase in hedges.index
    assert hedges.loc[phrase, "category"] == "approximator"
    assert hedges.loc[phrase, "counted"] and hedges.loc[phrase, "contribution"] > 0


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Older patients typically recover more slowly.", "typically"),
        ("The side effects were mostly mild.", "mostly"),
        ("The rash shows up mainly on the arms.", "mainly"),
        ("The virus sometimes spreads to the liver.", "sometimes"),
        ("The implant occasionally slips out of place.", "occasionally"),
    ],
)
def test_frequency_and_generality_hedges_count(text: str, word: str) -> None:
    hedges = _hedges(text)
    assert word in hedges.index
    assert hedges.loc[word, "category"] == "approximator"
    assert _raw(text) > 0.0


@pytest.mark.parametrize(
    "text",
    [
        "The clinic was approved sometime in 2012.",  # "sometime": when, not how often
        "About the trial: it enrolled patients in Ohio.",  # "about" with no number
        "Some of the twelve patients left early.",  # "some" not before the number
        "The drug reduced pain in all five patients.",
        "The team tested two doses and three schedules.",
    ],
)
def test_plain_numbers_and_sometime_are_not_hedges(text: str) -> None:
    assert _hedges(text).empty
    assert _raw(text) == 0.0


def test_a_number_word_approximator_is_one_match() -> None:
    # the phrase wins over the bare adverb it starts with: one hedge, not two
    hedges = _hedges("Nearly half of the children improved.")
    assert list(hedges.index) == ["Nearly half"]
