"""Balance as two-sidedness: what readers expect of hand-written paragraphs."""

from __future__ import annotations

import pandas as pd
import pytest

from framelens.scores.scoring import explain, score_paragraphs
from framelens.text.normalize import normalize_for_matching
from framelens.text.tokens import split_sentences, tokenize

HEDGE_ONLY = "It may be that part of the improvement reflects a placebo response rather than the drug."
NUMBER_ONLY = "The clinic saw 410 patients last year."
BENEFIT_AND_HARMS = (
    "People who took the injection lost about 12 percent of their body weight in a year. "
    "Nausea and diarrhoea were frequent, and many regained the weight once they stopped."
)
BLUNTED = "The pill lifted their mood within days, but several users described reduced emotional range."
TWO_SPEAKERS = (
    "Dr. Maria Lopez said the implant cut seizures in most children. "
    "Peter Okafor, a neurologist at another hospital, disagreed, saying the follow-up was far too short."
)
ONE_SPEAKER_TWICE = (
    "Dr. Maria Lopez said the implant cut seizures in most children. "
    "Lopez added that the team will follow the children for five more years."
)
PLACE_AND_ADD = "The United States approved the spray, and some cooks add it to soups."


def _one(text: str) -> pd.Series:
    return score_paragraphs([text]).iloc[0]


def test_a_hedge_alone_is_caution_not_balance() -> None:
    row = _one(HEDGE_ONLY)
    assert row["balance"] < 0.1
    assert row["balance_caution"] > 0.3
    assert row["balance_sides"] == 0 and row["balance_voices"] == 0


def test_a_number_alone_is_evidence_not_balance() -> None:
    row = _one(NUMBER_ONLY)
    assert row["balance"] < 0.1
    assert row["balance_evidence"] >= 0.5


def test_a_benefit_weighed_against_adverse_effects_is_balanced() -> None:
    row = _one(BENEFIT_AND_HARMS)
    assert row["balance"] > 0.5
    assert row["balance_benefit"] > 0 and row["balance_harm"] >= 2


def test_the_benefit_and_harm_paragraph_outranks_hedge_and_number() -> None:
    df = score_paragraphs([HEDGE_ONLY, NUMBER_ONLY, BENEFIT_AND_HARMS])
    assert df.loc[2, "balance"] > df.loc[0, "balance"]
    assert df.loc[2, "balance"] > df.loc[1, "balance"]


def test_adverse_effect_vocabulary() -> None:
    texts = [
        "Some patients reported dizziness.",
        "The main worry is dependence and misuse.",
        "A fifth of participants dropped out of the trial.",
        "Screening produced many false alarms.",
        "Most people regained weight after the course ended.",
    ]
    df = score_paragraphs(texts)
    assert (df["balance_harm"] > 0).all(), df["balance_harm"].tolist()
    assert (df["balance_benefit"] == 0).all()


def test_a_function_lowered_by_the_drug_is_a_harm() -> None:
    ev = explain(BLUNTED)
    ev = ev[ev["dimension"] == "balance"]
    row = ev[ev["match"].str.contains("emotional range")]
    assert len(row) == 1 and row.iloc[0]["category"] == "harm"
    assert not ev[(ev["category"] == "benefit") & ev["match"].str.contains("reduced")].any(axis=None)
    # the mood lifted is the benefit; the range reduced is its cost: two sides
    assert _one(BLUNTED)["balance_sides"] > 0


def test_places_and_ordinary_verbs_are_no_voices() -> None:
    row = _one(PLACE_AND_ADD)
    assert row["balance_voices"] == 0 and row["balance"] == 0
    assert row["balance_speakers"] == 0
    ev = explain(PLACE_AND_ADD)
    assert ev[ev["dimension"] == "balance"].empty


def test_two_distinct_speakers_disagreeing_raise_balance() -> None:
    df = score_paragraphs([TWO_SPEAKERS, ONE_SPEAKER_TWICE])
    assert df.loc[0, "balance_speakers"] == 2
    assert df.loc[0, "balance_voices"] > 0
    assert df.loc[0, "balance"] > df.loc[1, "balance"]


def test_one_speaker_quoted_twice_is_one_voice() -> None:
    row = _one(ONE_SPEAKER_TWICE)
    assert row["balance_speakers"] == 1
    assert row["balance_voices"] == 0
    quoted = ('"The implant works for most children," Lopez said. '
              '"We will keep following them for years," she added.')
    row = _one(quoted)
    assert row["balance_speakers"] == 1 and row["balance_voices"] == 0


def test_a_counter_voice_against_a_speaker_raises_voices() -> None:
    df = score_paragraphs([
        "Lopez said the implant helps most children.",
        "Lopez said the implant helps most children, but independent experts were not convinced.",
    ])
    assert df.loc[0, "balance_voices"] == 0
    assert df.loc[1, "balance_voices"] >= 0.5


def test_count_speakers_asks_attribution_only_when_two_can_be_named() -> None:
    from framelens.scores.balance import count_speakers, find_quotes

    def speakers(text: str) -> int:
        norm = normalize_for_matching(text)
        return count_speakers(text, norm, tokenize(norm, normalized=True), split_sentences(norm),
                              find_quotes(norm))

    assert speakers("The drug is cheap.") == 0
    assert speakers('"This is a real step forward for patients," the statement read.') == 1
    assert speakers(ONE_SPEAKER_TWICE) == 1
    assert speakers(TWO_SPEAKERS) == 2
    # the same name in two forms is one speaker
    assert speakers("Dr. Maria Lopez said it works. Lopez added that more trials will follow.") == 1


@pytest.mark.parametrize(
    "text",
    [
        "Eating more fibre may reduce breast cancer risk, the study found.",
        "The trial enrolled adults at high risk of stroke; risk factors included age and smoking.",
        "The team built a risk score from blood tests.",
    ],
)
def test_a_disease_risk_is_not_a_harm_of_the_treatment(text: str) -> None:
    df = score_paragraphs([text])
    assert df.loc[0, "balance_harm"] == 0
    assert df.loc[0, "balance_sides"] == 0


@pytest.mark.parametrize(
    "text",
    [
        "Users of the drug faced an increased risk of psychosis.",
        "The implant carries a small risk of bleeding.",
        "The potential risks of long-term use are unknown.",
    ],
)
def test_a_risk_framed_as_harm_is_a_harm(text: str) -> None:
    assert score_paragraphs([text]).loc[0, "balance_harm"] > 0


def test_one_phrase_naming_both_sides_weighs_them() -> None:
    df = score_paragraphs(["Doctors weighed the risks and benefits with each patient.",
                           "Doctors discussed the benefits with each patient."])
    assert df.loc[0, "balance_sides"] > 0 and df.loc[0, "balance_benefit"] > 0 and df.loc[0, "balance_harm"] > 0
    assert df.loc[1, "balance_sides"] == 0
