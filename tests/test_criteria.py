"""Tests for framelens.analysis.criteria: HealthNewsReview-style criteria."""

from __future__ import annotations

import pandas as pd
import pytest

from framelens.analysis.criteria import (
    ARTICLE_HYPE_HALF,
    CRITERIA,
    TITLE_WEIGHT,
    article_hype,
    article_hype_value,
    checklist,
    find_speakers,
    infer_central_figures,
    load_checklist_cues,
)
from framelens.errors import AnalysisError, LexiconError


def table(*texts: str, source: str = "s") -> pd.DataFrame:
    return pd.DataFrame({
        "source_id": [source] * len(texts),
        "block_index": list(range(len(texts))),
        "kind": ["body"] * len(texts),
        "text": list(texts),
    })


def verdict(criterion: str, *texts: str, **kwargs) -> pd.Series:
    kwargs.setdefault("figures", ())
    kwargs.setdefault("thresholds", ONE_HIT)
    out = checklist(table(*texts), criteria=[criterion], **kwargs)
    assert len(out) == 1
    return out.iloc[0]


#: Rule tests judge single sentences: one sentence of evidence meets a
#: criterion (the packaged thresholds, fitted on whole articles, may ask for more).
ONE_HIT: dict[str, float] = {}

NEUTRAL = "The article describes a treatment for depression."


# ---------------------------------------------------------------------------
# one rule at a time: a text that meets it and a close one that does not
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "criterion, good, bad",
    [
        ("costs", "Each infusion costs $450 and insurance rarely pays.",
         "The treatment is expensive."),
        ("costs", "Infusions run $400 to $800 per session.", NEUTRAL),
        ("quantified_benefits", "Symptoms improved in 60% of patients within a day.",
         "Symptoms improved dramatically."),
        ("quantified_benefits", "Half of the patients felt relief.",
         "Patients felt relief in 2019."),
        ("harms", "Side effects include nausea and raised blood pressure.", NEUTRAL),
        ("evidence_quality", "A randomized, placebo-controlled trial tested it.",
         "Research shows that it works."),
        ("evidence_quality", "The study followed 120 patients for a year.",
         "Depression affects 300 million people."),
        ("evidence_quality", "Of 3,299 participants, most improved.",
         "Symptoms eased in 45 percent of patients."),
        ("availability", "It is available only at certified treatment centers.",
         "Trial results became available."),
        ("independent_sources", '"It is promising," said Dr. Jane Smith, a psychiatrist.',
         '"It is promising," experts say.'),
        ("independent_sources", "It works, according to Jane Smith of the institute.",
         "It works, according to various studies."),
        ("alternatives", "Unlike standard antidepressants, it acts within hours.",
         "It was taken in combination with other drugs."),
        ("availability", "The spray is now available in certified clinics.", NEUTRAL),
        ("novelty", "The drug was first approved as an anesthetic in 1970.",
         "The drug was originally developed as an anesthetic."),
        ("novelty", "It has been used in hospitals since the 1960s.",
         "In 2019, 300 patients enrolled."),
    ],
)
def test_rule_separates_good_from_bad(criterion, good, bad):
    yes = verdict(criterion, good)
    no = verdict(criterion, bad)
    assert yes["satisfactory"] is True or bool(yes["satisfactory"]) is True
    assert no["satisfactory"] is False or (not pd.isna(no["satisfactory"]) and not no["satisfactory"])
    assert yes["evidence_block"] == 0 and yes["evidence_text"]
    assert yes["evidence_text"] in good


def test_disease_mongering_is_inverted():
    bad = verdict("disease_mongering", "Depression is a growing epidemic, and millions suffer in silence.")
    good = verdict("disease_mongering", "Depression is common; about one in six adults has it at some point.")
    assert bad["inverted"] and good["inverted"]
    assert bad["cue_found"] and not bad["satisfactory"]
    assert not good["cue_found"] and good["satisfactory"]
    assert "epidemic" in bad["evidence_text"]
    assert pd.isna(good["evidence_block"])


def test_partial_hits_are_explained_but_not_satisfactory():
    row = verdict("costs", NEUTRAL, "The high cost is a concern.")
    assert not row["satisfactory"]
    assert row["evidence_block"] == 1
    assert "without a price" in row["detail"]


def test_benefits_cannot_be_judged_without_a_benefit_claim():
    row = verdict("quantified_benefits", "The drug was discussed on television.")
    assert pd.isna(row["satisfactory"]) and pd.isna(row["cue_found"])
    assert "no benefit claim" in row["detail"]


def test_central_figure_is_not_an_independent_source():
    texts = ('"It helps me," Elon Musk said.', "Musk told Jane Doe that he takes it.")
    row = verdict("independent_sources", *texts, figures=["Elon Musk"])
    assert not row["satisfactory"]
    assert "Musk" in row["detail"]
    # with no central figure, Musk himself counts
    assert verdict("independent_sources", *texts, figures=())["satisfactory"]


def test_unnamed_and_pronoun_speakers_do_not_count():
    for text in ("Researchers said it is safe.", "He said it is safe.", "Some experts argue it is safe."):
        assert not verdict("independent_sources", text)["satisfactory"], text


def test_find_speakers_names_before_and_after_the_verb():
    text = ("We asked Julaine Allan and Elon Musk. Allan explained that it works. "
            "It is new, said Dr. Jane Smith. Musk told Lemon he uses it.")
    speakers = [s["speaker"] for s in find_speakers(text)]
    assert speakers == ["Allan", "Jane Smith", "Musk"]  # Lemon is the listener
    assert [s["speaker"] for s in find_speakers('"Good," said lead author Maria Lopez.')] == ["Maria Lopez"]
    # a capitalised first word is a name only if the article uses it as one
    assert find_speakers("Allan explained that it works.") == []


def test_infer_central_figures_prefers_the_name_every_source_mentions():
    texts = ["Elon Musk uses it.", "Elon Musk spoke to Jane Doe.", "Jane Doe said so; Jane Doe agreed.",
             "Elon Musk again."]
    sources = ["a", "b", "b", "c"]
    assert infer_central_figures(texts, sources) == ("Elon Musk",)
    assert infer_central_figures(["no names here"], ["a"]) == ()


def test_inferred_figure_is_reported_in_the_rule():
    df = pd.concat([table('Elon Musk said it helps.', source="a"),
                    table("Elon Musk takes it, according to Jane Smith.", source="b")])
    out = checklist(df, criteria=["independent_sources"]).set_index("source_id")
    assert "inferred: Elon Musk" in out.at["a", "rule"]
    assert not out.at["a", "satisfactory"] and out.at["b", "satisfactory"]


# ---------------------------------------------------------------------------
# table shape and errors
# ---------------------------------------------------------------------------


def test_output_schema_and_semantics():
    df = pd.concat([table("Side effects are rare, said Jane Smith.", NEUTRAL, source="x"),
                    table("A crisis! The cost is $10 per dose.", source="y")])
    out = checklist(df, figures=(), thresholds=ONE_HIT)
    assert list(out.columns[:6]) == ["source_id", "criterion", "satisfactory", "evidence_block",
                                     "evidence_text", "rule"]
    assert len(out) == 2 * len(CRITERIA)
    assert list(out["criterion"][: len(CRITERIA)]) == [c.name for c in CRITERIA]
    assert str(out["satisfactory"].dtype) == "boolean"
    assert str(out["evidence_block"].dtype) == "Int64"
    assert set(out.loc[out["inverted"], "criterion"]) == {"disease_mongering", "sensational_language"}
    known = out[out["cue_found"].notna()]
    expected = known["cue_found"].astype(bool) ^ known["inverted"]
    assert (known["satisfactory"].astype(bool) == expected).all()
    # evidence text comes from the paragraph it names
    for _, row in out[out["evidence_block"].notna()].iterrows():
        src = df[(df["source_id"] == row["source_id"]) & (df["block_index"] == row["evidence_block"])]
        assert row["evidence_text"].rstrip("…").lstrip("…") in src["text"].iloc[0]
    assert (out["rule"].str.len() > 20).all()


def test_headings_are_ignored_by_default():
    df = table("Side effects: nausea in 12% of patients", NEUTRAL)
    df.loc[0, "kind"] = "heading"
    assert not checklist(df, criteria=["harms"], figures=(), thresholds=ONE_HIT).iloc[0]["satisfactory"]
    assert checklist(df, criteria=["harms"], figures=(), kinds=None, thresholds=ONE_HIT).iloc[0]["satisfactory"]


def test_unknown_criterion_is_an_error():
    with pytest.raises(AnalysisError, match="unknown criterion"):
        checklist(table(NEUTRAL), criteria=["vibes"])


def test_missing_text_column_is_an_error():
    with pytest.raises(AnalysisError, match="text"):
        checklist(table(NEUTRAL).drop(columns="text"))


def test_cue_lexicon_missing_a_category_is_an_error():
    cues = load_checklist_cues().to_frame()
    cues = cues[cues["category"] != "harm"]
    with pytest.raises(LexiconError, match="harm"):
        checklist(table(NEUTRAL), cues=cues)
    # criteria that do not need the missing cue still run
    assert len(checklist(table(NEUTRAL), cues=cues, criteria=["costs"])) == 1


def test_cue_lexicon_can_be_replaced():
    cues = load_checklist_cues().to_frame()
    extra = pd.DataFrame([{"pattern": "zombie*", "dimension": "checklist", "category": "mongering",
                           "weight": 1.0, "source": "test", "note": ""}])
    text = "A zombie illness spreads."
    assert verdict("disease_mongering", text)["satisfactory"]
    assert not verdict("disease_mongering", text, cues=pd.concat([cues, extra]))["satisfactory"]


def test_packaged_cues_cite_their_source():
    frame = load_checklist_cues().to_frame()
    assert set(frame["dimension"]) == {"checklist"}
    assert (frame["source"].str.contains("HealthNewsReview")).all()


# ---------------------------------------------------------------------------
# the bundled corpus
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_checklist(raw_dir):
    from framelens.io.corpus import load_corpus

    out = checklist(load_corpus(raw_dir), thresholds=ONE_HIT)
    return out.set_index(["source_id", "criterion"])


def test_seed_corpus_checklist(seed_checklist):
    c = seed_checklist
    # the article quoting a researcher and a review of trials
    assert c.at[("tesla-titan", "independent_sources"), "satisfactory"]
    assert "Allan" in c.at[("tesla-titan", "independent_sources"), "detail"]
    assert c.at[("tesla-titan", "evidence_quality"), "satisfactory"]
    assert "49 studies" in c.at[("tesla-titan", "evidence_quality"), "evidence_text"]
    # the two articles built on Musk's own account quote nobody independent
    for src in ("touts-ketamine", "therapy-approach"):
        assert not c.at[(src, "independent_sources"), "satisfactory"]
    # "growing mental health crisis" / "millions who suffer"
    assert not c.at[("touts-ketamine", "disease_mongering"), "satisfactory"]
    assert c.at[("therapy-approach", "novelty"), "satisfactory"]
    # none of the three gives a price
    assert not any(c.at[(s, "costs"), "satisfactory"]
                   for s in ("touts-ketamine", "therapy-approach", "tesla-titan"))


def test_package_attribute_calls_the_function_after_a_submodule_import():
    import framelens
    import framelens.analysis.criteria as module

    blocks = pd.DataFrame({"source_id": ["a"], "block_index": [0], "kind": ["body"],
                           "text": ["The FDA approved it; side effects are rare."]})
    assert framelens.checklist is module.checklist
    result = framelens.checklist(blocks, figures=())
    expected = module.checklist(blocks, figures=())
    pd.testing.assert_frame_equal(result, expected)


# ---------------------------------------------------------------------------
# precision: what does not count
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "criterion, good, bad",
    [
        ("harms", "Nausea affected 12% of patients.", "The risk of heart disease rises with age."),
        ("harms", "Side effects were mild, mostly headaches.", "Heart disease causes 600,000 deaths a year."),
        ("harms", "Surgical complications occurred in 3 of 40 patients.",
         "Diabetes leads to complications such as kidney failure."),
        ("costs", "The device costs $1,200 per year.", "We cannot afford not to be mentally acute."),
        ("costs", "A course of injections is priced at $900.", "Smoking costs the nation $300 billion a year."),
        ("costs", "Each session costs $450.", "The study was funded by a $2 million grant to cut costs."),
        ("costs", "The test costs $200.", "Participants lost about 16 pounds at a cost of effort."),
        ("quantified_benefits", "Pain fell by 30% in treated patients, compared with 12% on placebo.",
         "Take the pill twice a day to improve sleep."),
        ("quantified_benefits", "The risk of relapse was cut in half.", "Relief was reported by 120 patients."),
        ("evidence_quality", "The experiments were done in mice.", "Death rates fell sharply."),
        ("evidence_quality", "The study cannot prove cause and effect.", "The results are exciting."),
        ("alternatives", "Unlike standard treatments, it acts within hours.", "Pain fell compared with placebo."),
        ("funding_conflicts", "The study was funded by the National Institutes of Health.", NEUTRAL),
        ("funding_conflicts", "Two authors are consultants for the manufacturer.", "The authors thank the nurses."),
    ],
)
def test_precision_separates_evidence_from_lookalikes(criterion, good, bad):
    yes = verdict(criterion, good)
    no = verdict(criterion, bad)
    assert bool(yes["satisfactory"]) and yes["evidence_text"] in good
    assert not pd.isna(no["satisfactory"]) and not no["satisfactory"], (criterion, bad, no["detail"])
    assert yes["score"] > no["score"]


@pytest.mark.parametrize(
    "text",
    [
        'In January, "it works," the team said.',
        '"The results are clear," January said.',
        '"It is a first," Psychiatry said.',
        '"It helps me," the former Twitter CEO said.',
        '"It helps me," said Tesla CEO.',
        "According to the Mayo Clinic, it works.",
    ],
)
def test_months_disciplines_institutions_and_job_titles_are_not_speakers(text):
    assert find_speakers(text) == [], text
    assert not verdict("independent_sources", text)["satisfactory"]


def test_a_job_title_before_a_name_is_dropped():
    assert [s["speaker"] for s in find_speakers("Tesla CEO Elon Musk said it helps.")] == ["Elon Musk"]
    row = verdict("independent_sources", "Tesla CEO Elon Musk said it helps.", figures=["Elon Musk"])
    assert not row["satisfactory"]


# ---------------------------------------------------------------------------
# scores and thresholds
# ---------------------------------------------------------------------------


def test_score_grows_with_evidence_and_is_bounded():
    one = verdict("harms", "Side effects included nausea.")
    two = verdict("harms", "Side effects included nausea.", "Adverse events were mostly mild headaches.")
    none = verdict("harms", NEUTRAL)
    assert 0.0 == none["score"] < one["score"] < two["score"] <= 1.0
    assert two["hits"] > one["hits"] > none["hits"] == 0


def test_satisfactory_is_score_against_threshold():
    text = "Side effects included nausea."
    assert verdict("harms", text, thresholds={"harms": 0.5})["satisfactory"]
    strict = verdict("harms", text, thresholds={"harms": 0.9})
    assert not strict["satisfactory"] and "0.90" in strict["rule"]


def test_packaged_thresholds_cover_every_criterion():
    from framelens.analysis.criteria import load_thresholds

    limits = load_thresholds()
    assert set(limits) == {c.name for c in CRITERIA} - {"independent_sources"}
    assert all(0.0 <= v <= 1.0 for v in limits.values())


def test_sensational_language_reads_hype_of_paragraphs_and_title():
    calm = verdict("sensational_language", NEUTRAL)
    hyped = verdict("sensational_language", NEUTRAL,
                    "This revolutionary breakthrough is a miracle cure that will transform medicine forever.")
    assert hyped["inverted"] and 0.0 <= hyped["score"] < calm["score"] <= 1.0
    assert hyped["evidence_block"] == 1
    # a hyped title counts even though titles are not analysed for the other criteria
    df = table("A miracle cure! Revolutionary breakthrough transforms everything", NEUTRAL)
    df.loc[0, "kind"] = "title"
    with_title = checklist(df, criteria=["sensational_language"], figures=()).iloc[0]
    assert with_title["score"] < calm["score"] and with_title["evidence_block"] == 0
    # given hype weights are used as they are: 2 full-weight terms give article hype 0.5
    given = table(NEUTRAL).assign(hype_raw=[ARTICLE_HYPE_HALF])
    assert checklist(given, criteria=["sensational_language"], figures=()).iloc[0]["score"] == pytest.approx(0.5)


def test_article_hype_counts_the_title_twice_and_sums_the_rest():
    assert TITLE_WEIGHT == 2.0
    assert article_hype_value([(1.0, True)]) == pytest.approx(article_hype_value([(2.0, False)]))
    assert article_hype_value([(1.0, False), (1.0, False)]) == pytest.approx(article_hype_value([(2.0, False)]))
    assert article_hype_value([]) == 0.0
    assert article_hype_value([(float("nan"), False), (1.0, False)]) == pytest.approx(article_hype_value([(1.0, False)]))
    assert 0.0 < article_hype_value([(0.5, False)]) < article_hype_value([(0.5, True)]) < 1.0


def test_article_hype_does_not_depend_on_paragraphing():
    a = "The team called the result a breakthrough."
    b = "Critics said the trial was small and the effect modest."
    c = "A spokesperson described the device as revolutionary."
    one = table(" ".join([a, b, c]), source="one")
    many = table(a, b, c, source="many")
    both = pd.concat([one, many], ignore_index=True)
    hype = article_hype(both)
    assert hype["one"] == pytest.approx(hype["many"]) and hype["one"] >= 0.5
    out = checklist(both, criteria=["sensational_language"], figures=()).set_index("source_id")["score"]
    assert out["one"] == pytest.approx(out["many"])


def test_boilerplate_does_not_count_as_sensational_language():
    story = table(NEUTRAL, "Patients were followed for a year.")
    puffed = table(NEUTRAL, "Patients were followed for a year.",
                   "The institute is a world-class, pioneering centre of groundbreaking research.")
    plain = checklist(story, criteria=["sensational_language"], figures=()).iloc[0]["score"]
    as_body = checklist(puffed, criteria=["sensational_language"], figures=()).iloc[0]["score"]
    puffed.loc[2, "kind"] = "boilerplate"
    as_boiler = checklist(puffed, criteria=["sensational_language"], figures=(),
                          kinds=("body", "boilerplate")).iloc[0]["score"]
    assert as_body < plain and as_boiler == pytest.approx(plain)
    assert article_hype(puffed, kinds=("body", "boilerplate")).iloc[0] == pytest.approx(1.0 - plain)
    # an article with nothing but boilerplate cannot be judged
    only = table("The institute is a world-class centre.", source="only").assign(kind="boilerplate")
    both = article_hype(pd.concat([puffed, only], ignore_index=True), kinds=("body", "boilerplate"))
    assert list(both.index) == ["s", "only"] and both.isna().tolist() == [False, True]


def test_alternatives_score_grows_with_sentences_that_compare():
    """Naming an alternative is less than setting the new approach against it, sentence after sentence."""
    named = verdict("alternatives", "Psychotherapy is another option. The new drug acts within hours.")
    compared = verdict("alternatives", "Psychotherapy is another option. Compared with current drugs, the new "
                                       "one acts within hours. Unlike standard care, it needs no daily pill.")
    assert compared["score"] > named["score"]
    assert "comparing" in compared["detail"] and "comparing" not in named["detail"]


def test_a_comparison_with_placebo_is_no_comparison_of_alternatives():
    text = "Pain fell by a third compared with placebo. Compared with controls, sleep improved."
    assert "comparing" not in verdict("alternatives", text)["detail"]
