"""Claim strength in press-release and headline wording: vivid causal verbs, causal nouns, no-claim sentences.

Every sentence here is written for the test; none comes from the development data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import framelens
from framelens.scores.claims import claim_strength, read_claims
from framelens.text.tokens import reduce_word

ROOT = Path(__file__).resolve().parents[1]


def strength(text: str, scheme: str = "yu2019") -> int:
    return int(claim_strength([text], scheme=scheme).loc[0, "strength"])


# ------------------------------------------------------- direct causal verbs

@pytest.mark.parametrize(
    "text",
    [
        # PREVENT verbs (Wolff 2007) in headline form
        "Daily walks slash the risk of heart attack by half",
        "Cutting salt halves stroke risk in older adults",
        "Green tea wards off dementia, researchers say",
        "A common painkiller halts the spread of tumours in mice",
        "The new antibody blocks the virus from entering cells",
        "Vitamin D shields the lungs against infection",
        "An old antibiotic kills drug-resistant bacteria in the lab",
        "The compound shrinks brain tumours in rats",
        "Fasting counteracts muscle loss in ageing mice",
        # CAUSE verbs, also nouns elsewhere
        "Air pollution damages children's lungs",
        "Sugary drinks harm the teeth of young children",
        "Stress fuels inflammation in the gut",
        "Heat waves spark a rise in hospital admissions",
        "Poor sleep exacerbates chronic back pain",
        # risk idioms and periphrastic causatives
        "Smoking doubles the risk of blindness",
        "Night shifts raise the odds of diabetes",
        "Obesity puts pregnant women at risk of complications",
        "Living near a motorway makes children more likely to develop asthma",
        "Alcohol makes people less able to judge distances",
        "E-cigarettes pose a serious health risk to teenagers",
        "A diet high in fat gives rise to changes in gut bacteria",
    ],
)
def test_press_release_causal_verbs_are_direct(text: str) -> None:
    assert strength(text) == 3
    assert strength(text, "insciout") == 3


@pytest.mark.parametrize(
    "text",
    [
        "Researchers identify the cause of a rare heart condition",
        "Scientists have found the mechanism behind a form of childhood blindness",
        "A faulty gene is behind many cases of early hearing loss",
        "The study explains why some people never catch colds",
    ],
)
def test_causal_nouns_and_explanations_are_direct(text: str) -> None:
    assert strength(text) == 3


def test_inflections_of_a_cue_read_alike() -> None:
    # "raise" and its -s/-ed/-ing forms share one inflection key (the British -ise rule no longer splits them)
    assert len({reduce_word(w) for w in ("raise", "raises", "raised", "raising")}) == 1
    assert len({reduce_word(w) for w in ("advise", "advises", "advised", "advising")}) == 1
    for text in ("Night shifts raise the odds of diabetes.", "Night shifts raised the odds of diabetes.",
                 "Night shifts are raising the odds of diabetes.", "Night work raises the odds of diabetes."):
        assert strength(text) == 3, text
    for text in ("Coffee cuts cancer risk", "Coffee cut cancer risk in the trial", "Cutting coffee cuts sleep loss"):
        assert strength(text) == 3, text


def test_hedged_press_verbs_are_conditional() -> None:
    assert strength("Coffee may slash cancer risk") == 2
    assert strength("The drug could halt the spread of the disease") == 2
    assert strength("Results suggest that stress fuels inflammation in the gut") == 2


def test_contrast_is_not_negation() -> None:
    # "and not sugar" contrasts two subjects; the verb is not denied
    text = "Protein and not sugar activates the cells that keep us awake."
    assert strength(text, "insciout") == 3
    assert not bool(claim_strength([text]).loc[0, "negated"])
    # a denied verb is still negated
    assert strength("The drug did not reduce pain.", "insciout") == 0
    assert bool(claim_strength(["The drug did not reduce pain."]).loc[0, "negated"])


def test_a_denial_inside_the_cue_is_negated() -> None:
    text = "Taking the pill was not associated with weight gain."
    assert strength(text) == 1  # Yu, Li & Wang: the relation is stated
    assert strength(text, "insciout") == 0  # InSciOut: an explicit statement of no relationship
    assert bool(claim_strength([text]).loc[0, "negated"])


def test_did_not_reduce_is_a_causal_verb() -> None:
    assert strength("The drug did not reduce pain.") == 3
    assert strength("Weight loss didn't lower blood pressure in the trial.") == 3


# -------------------------------------------------- nouns and no-claim sentences

@pytest.mark.parametrize(
    "text",
    [
        "Patients with liver damage were excluded from the trial.",
        "There was no harm from the treatment.",
        "Harms were rare in both groups.",
        "The researchers made progress in mapping the genome.",
        "The clinic took place in a local school.",
        "Concerns were raised about the safety of the vaccine.",
        "The event raised money for the hospital.",
        "The trial will start recruiting patients in May.",
        "Researchers will present the findings at a conference in Boston next week.",
        "The university has announced a new centre for cancer research.",
        "The team now aims to test whether the drug slows the disease in people.",
        "The device makes it possible to scan the whole body in minutes.",
    ],
)
def test_nouns_announcements_and_aims_state_no_claim(text: str) -> None:
    assert strength(text) == 0


def test_a_cut_off_is_a_threshold() -> None:
    assert strength("The cut-off score was 12 points.") == 0


# --------------------------------------------------------- what must not change

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eating fish is linked to a lower risk of stroke.", 1),
        ("Plasma levels were raised in patients with sepsis.", 1),
        ("Patients were more likely to be readmitted.", 1),
        ("Statins reduce mortality in older adults.", 3),
        ("Exercise may improve sleep in older adults.", 2),
        ("Further studies are needed to test whether exercise improves sleep.", 0),
        ("Smoking is the leading cause of death in the region.", 0),
    ],
)
def test_research_readings_are_kept(text: str, expected: int) -> None:
    assert strength(text) == expected


def test_evidence_spans_of_new_cues_are_exact() -> None:
    text = "Stress fuels inflammation. Obesity puts pregnant women at risk of complications."
    claims = read_claims(text)
    assert [c.strength for c in claims] == [3, 3]
    assert [c.cue.match for c in claims] == ["fuels", "puts"]
    ev = framelens.explain(text)
    rows = ev[ev["dimension"] == "claim"]
    assert rows["match"].tolist() == ["fuels", "puts"]
    for row in ev.itertuples():
        assert text[row.start : row.end] == row.match


def test_scoring_agrees_with_claim_strength_on_press_wording() -> None:
    texts = ["Green tea wards off dementia, researchers say.", "Air pollution damages children's lungs.",
             "Patients with liver damage were excluded.", "Alcohol makes people less able to judge distances."]
    scores = framelens.score_paragraphs(texts)
    assert scores["claim_strength"].tolist() == claim_strength(texts)["strength"].tolist() == [3, 3, 0, 3]


def test_an_unhedged_press_verb_about_a_disease_overclaims() -> None:
    text = "A new study shows that green tea wards off dementia."
    assert bool(claim_strength([text]).loc[0, "overclaim"])
    assert not bool(claim_strength(["Green tea may ward off dementia, a study shows."]).loc[0, "overclaim"])


# --------------------------------------------- round 2: families from the research conclusions
# (sentences written for the test; each family is a class of constructions, see docs/scores.md)

@pytest.mark.parametrize(
    "text, expected",
    [
        # a relation named only as the subject of a recommendation states no finding
        ("The link with screen time deserves further study in teenagers.", 0),
        ("The effect of morning light on mood needs to be confirmed in a larger trial.", 0),
        ("The impact of tutoring on exam scores merits further research.", 0),
        # markers and prognostic factors: prediction, not cause
        ("Grip strength is a marker of frailty in older women.", 1),
        ("Low serum albumin was an independent prognostic factor in these patients.", 1),
        ("Heart rate variability is a useful indicator of fitness.", 1),
        # the noun "association", wherever it stands
        ("No association was found between tea drinking and fracture.", 1),
        ("The association of shift work with weight gain was strongest in nurses.", 1),
        # comparisons of groups with "than"
        ("Girls had a shorter reaction time than boys.", 1),
        ("Smokers were more prone to gum disease than non-smokers.", 1),
        # evaluative benefit and harm predicates, and causal verbs of conferring and mediating
        ("Short naps may be helpful for shift workers with insomnia.", 2),
        ("High noise levels are detrimental to concentration in classrooms.", 3),
        ("The variant may confer resistance to the antibiotic.", 2),
        ("Sleep quality mediated the link between exercise and mood.", 3),
    ],
)
def test_research_conclusion_families(text: str, expected: int) -> None:
    assert strength(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # readings that must not change
        ("Walking reduces the risk of falls in older adults.", 3),
        ("Walking may reduce the risk of falls in older adults.", 2),
        ("Walking was associated with fewer falls.", 1),
        ("Further studies are needed to test whether walking reduces falls.", 0),
        ("Falls were more common in winter than in summer.", 1),
        ("Patients were recruited from three hospitals.", 0),
        # the new families' limits: a finding before a new clause or in a relative clause, quantities
        # and "rather than", a named association asked for
        ("Whether the association holds in older adults remains to be seen.", 0),
        ("Tutoring improved exam scores, and further research is warranted.", 3),
        ("Traits that are associated with poor sleep should be listed in the leaflet.", 1),
        ("Further studies are needed to confirm this association.", 0),
        ("More than half of the pupils walked to school.", 0),
        ("Lesions larger than 5 mm were removed.", 0),
        ("We chose telephone follow-up rather than clinic visits.", 0),
        ("Sleep quality mediated the effect of exercise on mood.", 3),
    ],
)
def test_readings_kept_in_round_two(text: str, expected: int) -> None:
    assert strength(text) == expected


def test_evidence_of_the_new_families_is_exact() -> None:
    text = "Grip strength is a marker of frailty. Girls were faster than boys."
    claims = read_claims(text)
    assert [c.strength for c in claims] == [1, 1]
    assert [c.cue.match for c in claims] == ["marker of", "than"]
    ev = framelens.explain(text)
    assert ev[ev["dimension"] == "claim"]["match"].tolist() == ["marker of", "than"]


@pytest.mark.parametrize(
    "text, level",
    [
        ("The new vaccine has the potential to prevent shingles in older adults.", 2),
        ("The compound's ability to reduce inflammation surprised the team.", 3),
        ("Campaigns to reduce salt intake continue across the region.", 0),  # purpose, not a finding
    ],
)
def test_potential_and_ability_to_state_a_claim_unlike_a_purpose(text: str, level: int) -> None:
    assert int(claim_strength([text]).loc[0, "strength"]) == level


def test_prevalence_is_no_causal_claim() -> None:
    """'a condition that affects 700,000 adults' says how common a disease is."""
    out = claim_strength(["Psoriasis, a condition that affects 700,000 adults, was the focus of the survey.",
                          "Psoriasis affects about one in fifty people."])
    assert list(out["strength"]) == [0, 0]
    assert int(claim_strength(["Smoking affects lung function in teenagers."]).loc[0, "strength"]) == 3
