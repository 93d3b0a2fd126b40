"""The hype lexicon's families and sense restrictions, one invented sentence each.

Each hype family is tested on a sentence that uses it and, for the words
whose everyday sense is not hype, on sentences that use that sense: the
packaged lexicon lists such words only in the phrases where they promote
("a major step forward", "offers hope to"), not alone ("major depression",
"we hope to").
"""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from framelens import explain, score_paragraphs


def hype_rows(text: str):
    ev = explain(text)
    return ev[(ev["dimension"] == "hype") & ev["counted"]]


def categories(text: str) -> set[str]:
    return set(hype_rows(text)["category"])


@pytest.mark.parametrize(
    "text, category",
    [
        # advance and milestone rhetoric (HealthNewsReview.org criterion)
        ("Its inventors call the implant a major step forward for people with epilepsy.", "sensational"),
        ("The agency described the vaccine as a huge milestone.", "sensational"),
        ("The authors call it an important advance in kidney care.", "importance"),
        # metaphors and red flags
        ("The enzyme could hold the key to slowing hair loss.", "sensational"),
        ("The supplement promises to turn back the clock on skin ageing.", "sensational"),
        ("Fans call the diet a fountain of youth.", "sensational"),
        ("Backers call the nasal spray a serious contender against migraine.", "loaded"),
        ("The findings offer hope to families of children with the syndrome.", "sensational"),
        ("A simple blood test spots the infection within minutes.", "sensational"),
        ("The clinic says it is the world's first to offer the scan.", "sensational"),
        ("Doctors now speak of a potential cure for the allergy.", "sensational"),
        ("The device could change the way asthma is treated.", "sensational"),
        ("The gel became a blockbuster within a year.", "sensational"),
        # certainty boosters
        ("The authors claim definitive proof that the pill works.", "certainty"),
        ("The evidence for the treatment is unequivocal, the company says.", "certainty"),
        # positive words (Vinkers et al.; Millar et al.)
        ("The response in the first patients was phenomenal.", "attitude"),
        ("The early results are very encouraging, the founder said.", "attitude"),
        ("It is one of the most intriguing studies of the year.", "superlative"),
        ("There is great promise in this line of research.", "utility"),
        # loaded verbs, manner adverbs and headline conventions
        ("Prescriptions for the pill are skyrocketing.", "loaded"),
        ("The treatment stops the tumour in its tracks.", "loaded"),
        ("The minister stoutly defended the screening plan.", "loaded"),
        ("Drug maker finally admits the trial was flawed", "loaded"),
        ("In mice the compound reversed the damage to the heart.", "loaded"),
        # war metaphors
        ("Doctors gain a new weapon against the superbug.", "loaded"),
        # promissory time frames
        ("Patients might soon be able to test themselves at home.", "promise"),
        ("The method could one day replace biopsies.", "promise"),
        ("The discovery paves the way for a vaccine.", "promise"),
        # puffery about institutions and people
        ("The hospital is a world-class centre for heart surgery.", "puffery"),
        ("Dr. Reyes is one of the world's leading surgeons.", "puffery"),
        ("She is one of the most influential figures in psychiatry.", "praise"),
    ],
)
def test_family_is_found(text: str, category: str) -> None:
    assert category in categories(text), hype_rows(text)[["match", "category"]]
    assert score_paragraphs([text]).loc[0, "hype"] > 0


@pytest.mark.parametrize(
    "text",
    [
        "The difference between the groups was statistically significant.",
        "Adults with major depression took part in the study.",
        "We hope to enrol more patients next year.",
        "He hoped it might help.",
        "The protein plays a key role in cell division.",
        "Patients in critical care were excluded.",
        "The guidelines describe best practice for screening.",
        "It is in the best interest of investors to wait.",
        "It is really important that we start tracking the side effects.",
        "Cure rates were similar in both groups.",
        "The foundation works to find a cure for the disease.",
        "Patients received definitive radiation therapy.",
        "It is the largest teaching hospital in the state.",
        "Further studies are needed to confirm the findings.",
        "The account confirmed the meeting.",
        "The trial demonstrated a small effect on sleep.",
        "The lead researcher, Dr. Ames, described the method.",
        "Volunteers fasted for one day each week.",
        "The institute hosts an innovation summit every spring.",
        "Heart disease is the world's leading cause of death.",
        "Lung cancer is one of the world's most common cancers.",
        "First and foremost, patients should talk to their doctor.",
        "The clinic moved into a historic building downtown.",
        "The car can use any Supercharger station.",
        "Recruitment for the trial will soon begin.",
        "The clinic is encouraging patients to book early.",
        "Patients were encouraged by their doctors to exercise.",
        "The vast majority of patients finished the course.",
        "The Premier of the province opened the ward.",
    ],
)
def test_everyday_sense_is_not_hype(text: str) -> None:
    assert hype_rows(text).empty, hype_rows(text)[["match", "category"]]


def test_stance_markers_are_not_hype() -> None:
    """A speaker's aside ("Obviously, I'm not a doctor") promotes nothing."""
    for text in ("Obviously, I'm not a doctor.", "Of course, the grounds are not loose."):
        assert score_paragraphs([text]).loc[0, "hype_raw"] == 0, text


def test_weak_boosters_weigh_less_than_red_flags() -> None:
    weak = score_paragraphs(["The trial clearly favours the pill."]).loc[0, "hype_raw"]
    strong = score_paragraphs(["The pill is a breakthrough."]).loc[0, "hype_raw"]
    assert 0 < weak < strong


def test_negated_hope_and_modal_cure() -> None:
    # negation still cancels the new phrases
    assert hype_rows("The results do not offer hope to patients yet.").empty
    # "cure" counts as a verb after a modal (a claim to cure), which stays a hedge too
    text = "The drug could cure the infection."
    assert "sensational" in categories(text)
    ev = explain(text)
    assert "could" in set(ev.loc[ev["dimension"] == "hedging", "match"].str.lower())
    assert hype_rows("The drug cured the infection in mice.").empty


def test_every_hype_row_cites_its_source() -> None:
    path = resources.files("framelens") / "lexicons" / "hype.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) > 200
    assert all(r["source"].strip() for r in rows), [r["pattern"] for r in rows if not r["source"].strip()]
    assert len({r["pattern"] for r in rows}) == len(rows)


@pytest.mark.parametrize(
    "text, stop",
    [
        ("The company said the drug had received Breakthrough Therapy designation last spring.", "Breakthrough Therapy designation"),
        ("Nurses gave the morphine for breakthrough pain at night.", "breakthrough pain"),
        ("Most patients rated their sleep as good or excellent after six weeks.", "good or excellent"),
        ("The receptor is unique to birds, the authors note.", "unique to"),
        ("The scan picked out 40 unique proteins in the samples.", "40 unique"),
        ("Blue light exciting neurons in the dish made the mice move.", "exciting neurons"),
        ("The broker lost a huge client that week.", "huge client"),
    ],
)
def test_stop_phrase_is_shown_not_counted(text: str, stop: str) -> None:
    """A hype word inside a name, a clinical term or a scale is evidence shown with weight 0."""
    ev = explain(text)
    hype = ev[ev["dimension"] == "hype"]
    row = hype[hype["match"] == stop]
    assert len(row) == 1 and row["category"].iloc[0] == "exception"
    assert not row["counted"].iloc[0] and row["contribution"].iloc[0] == 0.0
    assert not hype["counted"].any()
    scores = score_paragraphs([text])
    assert scores.loc[0, "hype"] == 0.0 and scores.loc[0, "hype_count"] == 0
    assert "hype_exception" not in scores.columns


def test_stop_phrase_leaves_the_promotional_sense_counted() -> None:
    text = "A breakthrough for people with breakthrough pain, and an exciting result."
    counted = hype_rows(text)
    assert sorted(counted["match"]) == ["breakthrough", "exciting"]
    assert score_paragraphs([text]).loc[0, "hype_count"] == 2
