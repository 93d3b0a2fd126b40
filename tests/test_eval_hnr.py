"""Tests for framelens.validation.hnr: agreement statistics and the HNR evaluation."""

from __future__ import annotations

import argparse
import json
import warnings
from pathlib import Path

import numpy as np
import pytest

from framelens.validation import hnr as eval_hnr
from framelens.errors import CorpusError

EVAL_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
HNR = EVAL_DIR / "hnr_releases_dev.jsonl"


def release(rid: str, text: str, **answers: str) -> dict:
    questions = {
        "harms": "Does the news release adequately explain/quantify the harms of the intervention?",
        "costs": "Does the news release adequately discuss the costs of the intervention?",
        "sensational_language": "Does the news release include unjustifiable, sensational language?",
    }
    return {"id": rid, "title": "A title", "text": text,
            "criteria": [{"question": questions[k], "answer": v, "explanation": ""} for k, v in answers.items()]}


def test_cohen_kappa_known_values():
    assert eval_hnr.cohen_kappa([1, 0, 1, 0], [1, 0, 1, 0]) == pytest.approx(1.0)
    assert eval_hnr.cohen_kappa([1, 0, 1, 0], [0, 1, 0, 1]) == pytest.approx(-1.0)
    # a rater that says "yes" half the time independently of the truth: kappa 0
    assert eval_hnr.cohen_kappa([1, 1, 0, 0], [1, 0, 1, 0]) == pytest.approx(0.0)
    assert np.isnan(eval_hnr.cohen_kappa([1, 1], [1, 1]))


def test_roc_auc_known_values():
    assert eval_hnr.roc_auc([1, 1, 0, 0], [0.9, 0.8, 0.1, 0.2]) == pytest.approx(1.0)
    assert eval_hnr.roc_auc([1, 1, 0, 0], [0.1, 0.2, 0.9, 0.8]) == pytest.approx(0.0)
    assert eval_hnr.roc_auc([1, 0], [0.5, 0.5]) == pytest.approx(0.5)


def test_fit_threshold_separates_and_may_reverse():
    score = [0.0, 0.1, 0.2, 0.8, 0.9]
    cut, direction = eval_hnr.fit_threshold(score, [0, 0, 0, 1, 1])
    assert direction == 1 and 0.2 < cut <= 0.8
    cut, direction = eval_hnr.fit_threshold(score, [1, 1, 1, 0, 0], both_directions=True)
    assert direction == -1 and 0.2 <= cut < 0.8


def test_cross_validation_never_sees_the_article_it_predicts():
    # a score that is pure noise must not reach a high CV kappa
    rng = np.random.default_rng(0)
    import pandas as pd

    truth = pd.Series(rng.integers(0, 2, 200).astype(float))
    noise = pd.Series(rng.random(200))
    kappa, pred = eval_hnr.cross_validate(noise, truth)
    assert abs(kappa) < 0.25 and len(pred) == 200


def test_labels_and_blocks_from_releases():
    rels = [release("a", "First paragraph.\n\nSecond paragraph.", harms="Satisfactory",
                    costs="Not Applicable", sensational_language="Not Satisfactory")]
    lab = eval_hnr.labels(rels)
    assert lab.at["a", "harms"] == 1.0 and lab.at["a", "sensational_language"] == 0.0
    assert np.isnan(lab.at["a", "costs"]) and np.isnan(lab.at["a", "novelty"])
    blocks = eval_hnr.release_blocks(rels)
    assert list(blocks["kind"]) == ["title", "body", "body"]
    assert list(blocks["text"]) == ["A title", "First paragraph.", "Second paragraph."]


def test_load_hnr_names_the_bad_line(tmp_path):
    path = tmp_path / "r.jsonl"
    good = json.dumps(release("a", "Text.", harms="Satisfactory"))
    path.write_text(good + "\n{not json\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"r\.jsonl line 2: not valid JSON"):
        eval_hnr.load_hnr(path)
    path.write_text(good + "\n" + json.dumps({"id": "b", "text": "x"}) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r" line 2: missing .*criteria"):
        eval_hnr.load_hnr(path)
    with pytest.raises(CorpusError, match="absent.jsonl: HealthNewsReview releases .* not found"):
        eval_hnr.load_hnr(tmp_path / "absent.jsonl")


def test_empty_release_is_left_out_with_a_warning(tmp_path):
    path = tmp_path / "r.jsonl"
    rows = [release("a", "Text.", harms="Satisfactory"), release("b", "  ", harms="Satisfactory")]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"line\(s\) 2 \(b\)"):
        out = eval_hnr.load_hnr(path)
    assert [r["id"] for r in out] == ["a"]


@pytest.mark.skipif(not HNR.is_file(), reason=f"HealthNewsReview dev data not found at {HNR}")
def test_checklist_beats_length_and_keywords_on_expert_reviews():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # one release there has no text
        table = eval_hnr.evaluate(HNR).set_index("criterion")
        auc = eval_hnr.hype_auc(HNR).set_index("method")["auc"]
    mean = table.loc["mean (main)"]
    assert mean["framelens"] >= mean["length"] + 0.15, table
    assert mean["framelens"] > mean["keyword"], table
    # the stricter harm and cost rules are the point of the checklist
    for name in ("harms", "costs"):
        assert table.at[name, "framelens"] > max(table.at[name, "length"], 0.3), table
    assert auc["framelens hype (max paragraph)"] > auc["length (words)"] + 0.05, auc
    # the article as a whole (title twice, boilerplate left out) reads better than its strongest paragraph
    assert auc["framelens article hype (the checklist score)"] > auc["framelens hype (max paragraph)"], auc
    assert auc["framelens article hype (the checklist score)"] > auc["naive 20-word count"] + 0.1, auc


def test_release_boilerplate_starts_at_an_end_mark_or_an_about_heading():
    text = ("About 30 percent of patients improved.\n\nThe trial ran for a year.\n\n###\n\n"
            "The study was funded by a grant.")
    kinds = list(eval_hnr.release_blocks([release("a", text)])["kind"])
    assert kinds == ["title", "body", "body", "boilerplate", "boilerplate"]
    text = "The trial ran for a year.\n\nAbout Example Health\n\nExample Health is a world-class leader."
    assert list(eval_hnr.release_blocks([release("b", text)])["kind"]) == ["title", "body", "boilerplate", "boilerplate"]
    text = ("The trial ran for a year.\n\nAbout the Example Institute (EI): EI is the nation's "
            "leading agency for research on sleep, with 40 laboratories.")
    assert list(eval_hnr.release_blocks([release("c", text)])["kind"]) == ["title", "body", "boilerplate"]
    # a heading about the study itself is part of the news
    text = "The trial ran for a year.\n\nAbout the Phase 2 Trial\n\nIt enrolled 80 adults.\n\nAbout Example Health"
    assert list(eval_hnr.release_blocks([release("e", text)])["kind"]) == ["title", "body", "body", "body", "boilerplate"]
    # a sentence that begins with "About" is no heading
    text = "The trial ran for a year.\n\nAbout a third of the patients dropped out, mostly because of nausea."
    assert list(eval_hnr.release_blocks([release("d", text)])["kind"]) == ["title", "body", "body"]


def test_seeds_option_is_checked():
    assert eval_hnr._seed_list("20260, 1,2") == [20260, 1, 2]
    with pytest.raises(argparse.ArgumentTypeError):
        eval_hnr._seed_list("1,x")


@pytest.mark.skipif(not HNR.is_file(), reason=f"HealthNewsReview dev data not found at {HNR}")
def test_seed_spread_reports_every_seed():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        spread = eval_hnr.seed_spread(HNR, [1, 2])
    row = spread[(spread["criterion"] == "mean (main)") & (spread["method"] == "framelens")].iloc[0]
    assert row["min"] <= row["mean"] <= row["max"]
    assert row["mean"] == pytest.approx((row["seed 1"] + row["seed 2"]) / 2)
