"""Claim strength, claim comparison and their validation."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import framelens
from framelens.scores.claims import LABELS, claim_strength, compare_claims, read_claims
from framelens.errors import AnalysisError
from framelens.text.lexicon import load_lexicon

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def eval_dir() -> Path:
    """The development data folder beside the checkout (never copied into it)."""
    path = ROOT.parent / "shared" / "eval"
    if not (path / "claim_strength_pubmed.csv").is_file() or not (path / "insciout_train.jsonl").is_file():
        pytest.skip(f"development data not found in {path} (claim_strength_pubmed.csv, insciout_train.jsonl)")
    return path


def strength(text: str, **kw: str) -> int:
    return int(claim_strength([text], **kw).loc[0, "strength"])


# ---------------------------------------------------------------- behaviour

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The committee met on a rainy Tuesday in March.", 0),
        ("Larger trials are needed to find out whether tai chi improves balance.", 0),
        ("Night-shift work was associated with poorer sleep quality among nurses.", 1),
        ("Owning a dog is linked to more daily steps in retirees.", 1),
        ("Retirees who owned a dog had a lower risk of falls.", 1),
        ("Handgrip strength predicts hospital stays in older adults.", 1),
        ("Owning a dog may improve balance in retirees.", 2),
        ("These data suggest that tai chi could reduce falls in retirees.", 2),
        ("Tai chi reduces falls in retirees.", 3),
        ("The new inhaler prevents asthma attacks in children.", 3),
        ("A daily dose of the spray caused nosebleeds in one in five users.", 3),
    ],
)
def test_strength_of_sentences(text: str, expected: int) -> None:
    assert strength(text) == expected


def test_the_strongest_sentence_decides() -> None:
    text = "Walking was linked to better mood. In a second trial, walking lifted mood within a week and cut anxiety."
    row = claim_strength([text]).loc[0]
    assert row["strength"] == 3
    assert row["claim"].startswith("In a second trial")
    assert row["n_claims"] == 2


def test_hedge_only_counts_before_the_claim_in_its_sentence() -> None:
    assert strength("Tai chi reduces falls. It may be popular.") == 3
    assert strength("It may be popular. Tai chi reduces falls.") == 3
    assert strength("It is unclear; tai chi reduces falls in this group.") == 3


def test_negation_keeps_the_relation_by_default_and_is_none_in_insciout_scheme() -> None:
    text = "Vitamin pills did not prevent colds in office workers."
    assert strength(text) == 3
    assert bool(claim_strength([text]).loc[0, "negated"])
    assert strength(text, scheme="insciout") == 0


def test_can_is_direct_by_default_and_conditional_in_insciout_scheme() -> None:
    text = "Mindfulness training can reduce stress in teachers."
    assert strength(text) == 3
    assert strength(text, scheme="insciout") == 2


def test_change_words_as_adjectives_are_correlational() -> None:
    assert strength("Statins lowered cholesterol in the trial.") == 3
    assert strength("People who took statins had lowered cholesterol.") == 1
    assert strength("Cholesterol was reduced in people who took statins.") == 1


def test_purpose_infinitive_is_not_a_claim() -> None:
    assert strength("Clinics launched a campaign to reduce smoking.") == 0
    assert strength("Exercise has been shown to reduce back pain.") == 3


def test_spans_are_exact() -> None:
    texts = [
        "Intro sentence here.  Our results suggest that green tea may lower blood pressure.",
        "Coffee \u201cis linked\u201d to fewer headaches\u2014in adults.",
        "The new app detects skin cancer early.",
    ]
    df = claim_strength(texts)
    for text, row in zip(texts, df.itertuples()):
        assert text[row.start : row.end] == row.claim
        assert text[row.cue_start : row.cue_end] == row.cue
        if row.hedge:
            assert text[row.hedge_start : row.hedge_end] == row.hedge
    assert df.loc[0, "hedge"] == "may" and df.loc[0, "label"] == LABELS[2]


def test_no_claim_row_has_empty_evidence() -> None:
    row = claim_strength(["Just a plain sentence about lunch."]).loc[0]
    assert (row["start"], row["end"], row["claim"], row["cue"]) == (-1, -1, "", "")


def test_bad_input_is_named() -> None:
    with pytest.raises(AnalysisError, match="position 1"):
        claim_strength(["fine", None])
    with pytest.raises(AnalysisError, match="one string"):
        claim_strength("not a list")
    with pytest.raises(AnalysisError, match="scheme"):
        claim_strength(["x"], scheme="nope")
    with pytest.raises(AnalysisError, match="2 reference texts but 1 report"):
        compare_claims(["a", "b"], ["c"])


def test_overclaim_is_narrow() -> None:
    df = claim_strength([
        "New blood test detects early stage pancreatic cancer",
        "New blood test may detect early stage pancreatic cancer",
        "The drug did not prevent heart attacks.",
        "Does this pill cure cancer?",
        "The new paint dries faster on wet walls.",
    ])
    assert df["overclaim"].tolist() == [True, False, False, False, False]


def test_compare_claims_labels_and_flags() -> None:
    df = compare_claims(
        [
            "In rats, the extract may slow the growth of liver tumours.",
            "Short sleep was associated with weight gain.",
            "Aspirin reduced the risk of stroke.",
        ],
        [
            "The extract slows the growth of liver tumours in patients.",
            "Short sleep is associated with weight gain.",
            "Aspirin may be linked to fewer strokes.",
        ],
    )
    assert df["label"].tolist() == ["exaggerates", "same", "downplays"]
    assert df.loc[0, "hedge_dropped"] and df.loc[0, "reference_hedge"] == "may"
    assert df.loc[0, "sample_generalised"]
    assert "rats" in df.loc[0, "reference_sample"] and "patients" in df.loc[0, "report_sample"]
    assert not df.loc[1, "hedge_dropped"] and not df.loc[1, "sample_generalised"]
    for ref, rep, row in zip(["x"] * 3, ["y"] * 3, df.itertuples()):
        assert row.label == ("same" if row.reference_strength == row.report_strength
                             else "exaggerates" if row.report_strength > row.reference_strength else "downplays")


def test_sentence_claims_agree_with_claim_strength() -> None:
    text = "Tea may lower stress. Stress predicts illness."
    claims = read_claims(text)
    assert [c.strength for c in claims] == [2, 1]
    assert max(c.strength for c in claims) == strength(text)


def test_lexicon_rows_cite_sources() -> None:
    lex = load_lexicon("claims").to_frame()
    assert set(lex["dimension"]) == {"claim"}
    assert lex["source"].str.len().min() > 10
    assert {"correlational", "causal", "hedge", "outcome"} <= set(lex["category"])


def test_public_names() -> None:
    assert framelens.claim_strength is claim_strength
    assert framelens.compare_claims is compare_claims


# ---------------------------------------------------------------- validation

def test_rules_beat_naive_baselines_on_development_data(eval_dir: Path) -> None:
    from framelens.validation.claims import evaluate_claims

    summary = evaluate_claims(eval_dir)["summary"].set_index(["dataset", "method"])["macro_f1"]
    for dataset in ("pubmed", "insciout_press", "insciout_abstract"):
        best_baseline = max(summary[(dataset, "majority")], summary[(dataset, "naive_rules")])
        assert summary[(dataset, "framelens")] >= best_baseline + 0.15, dataset
    ex = summary["exaggeration"]
    assert ex["framelens_insciout"] >= max(ex["majority"], ex["naive_rules"]) + 0.1


def test_validation_helpers_match_definitions() -> None:
    from framelens.validation.claims import classification_table, confusion_table, macro_f1

    truth = [0, 0, 1, 1, 2]
    pred = [0, 1, 1, 1, 0]
    rep = classification_table(truth, pred, [0, 1, 2])
    assert rep["support"].tolist() == [2, 2, 1]
    assert rep.loc[1, "precision"] == pytest.approx(2 / 3)
    assert rep.loc[2, "f1"] == 0.0
    assert macro_f1(truth, pred, [0, 1, 2]) == pytest.approx(rep["f1"].mean())
    conf = confusion_table(truth, pred, [0, 1, 2])
    assert int(conf.to_numpy().sum()) == 5 and int(conf.loc[2, 0]) == 1


def test_loaders_name_the_bad_line(tmp_path: Path) -> None:
    from framelens.errors import CorpusError
    from framelens.validation.claims import load_claim_sentences, load_insciout

    bad = tmp_path / "s.csv"
    bad.write_text("sentence,label\nfine,1\nodd,7\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="line 3"):
        load_claim_sentences(bad)
    js = tmp_path / "p.jsonl"
    js.write_text('{"press_release_conclusion": "a"}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="line 1"):
        load_insciout(js)
    assert isinstance(pd.DataFrame(), pd.DataFrame)


# ---------------------------------------------------------------- integration

PARAGRAPHS = [
    "The clinic opened a new wing on Monday.",
    "Owning a dog is linked to more daily steps. Dog owners may also sleep better.",
    "New blood test detects early stage pancreatic cancer",
    "A new blood test may help detect early stage pancreatic cancer",
    "The spray did not prevent colds in the trial.",
]


def test_score_columns_agree_with_claim_strength() -> None:
    scores = framelens.score_paragraphs(PARAGRAPHS)
    alone = claim_strength(PARAGRAPHS)
    assert scores["claim_strength"].tolist() == alone["strength"].tolist()
    subs = scores[["claim_correlational", "claim_conditional", "claim_causal"]].sum(axis=1)
    assert subs.tolist() == alone["n_claims"].tolist()


def test_overclaim_feeds_hype_only_when_unhedged() -> None:
    scores = framelens.score_paragraphs(PARAGRAPHS)
    assert scores.loc[2, "hype_overclaim"] > 0 and scores.loc[2, "hype"] > 0
    assert scores.loc[3, "hype_overclaim"] == 0
    assert scores.loc[4, "hype_overclaim"] == 0
    assert scores.loc[2, "hype"] > scores.loc[3, "hype"]


def test_explain_has_claim_rows_with_exact_spans() -> None:
    for text in PARAGRAPHS:
        ev = framelens.explain(text)
        for row in ev.itertuples():
            assert text[row.start : row.end] == row.match
        claims = ev[ev["dimension"] == "claim"]
        assert len(claims) == int(claim_strength([text]).loc[0, "n_claims"])
    over = framelens.explain(PARAGRAPHS[2])
    over = over[over["category"] == "overclaim"]
    assert over["dimension"].tolist() == ["hype"]
    assert "detects" in over["match"].iloc[0] and "cancer" in over["match"].iloc[0]


def test_a_users_own_lexicon_still_gets_claims() -> None:
    only_hype = load_lexicon().select(["hype"])
    scores = framelens.score_paragraphs(PARAGRAPHS, lexicon=only_hype)
    assert scores["claim_strength"].tolist() == claim_strength(PARAGRAPHS)["strength"].tolist()


def test_rates_are_not_rats() -> None:
    df = compare_claims(["Infection rates fell in the rural clinics."], ["Infection rates fell for patients."])
    assert not df.loc[0, "sample_generalised"]
    df = compare_claims(["In rats, infection rates fell."], ["Infection rates fell for patients."])
    assert df.loc[0, "sample_generalised"] and df.loc[0, "reference_sample"] == "rats"


@pytest.mark.parametrize(
    "text",
    [
        "More research is required to establish its long-term efficacy.",
        "Further trials are needed to determine whether the drug reduces relapse.",
        "The study was designed to assess if the vaccine prevents infection in older adults.",
    ],
)
def test_a_research_aim_is_no_claim(text: str) -> None:
    assert framelens.claim_strength([text])["strength"].tolist() == [0]


@pytest.mark.parametrize(
    ("text", "strength"),
    [
        ("The drug reduces relapse, and more trials are needed to determine the best dose.", 3),
        ("We were unable to confirm that coffee is associated with lower risk.", 1),
    ],
)
def test_a_finding_next_to_an_aim_is_still_read(text: str, strength: int) -> None:
    assert framelens.claim_strength([text])["strength"].tolist() == [strength]
