"""The score dimensions are declared once (framelens.scores.registry) and scoring follows them."""

from __future__ import annotations

import pytest

import framelens
from framelens.scores import registry, scoring
from framelens.scores.reading import Reading


def test_score_columns_follow_the_registry() -> None:
    columns = scoring.score_columns()
    heads = [d.name for d in registry.DIMENSIONS if d.headline]
    assert columns[: len(heads)] == heads == list(registry.HEADLINE_SCORES) == list(scoring.MAIN_SCORES)
    assert columns[len(heads) : len(heads) + 2] == ["n_words", "n_sentences"]
    lexicon = framelens.load_lexicon()
    per_dimension = [d.columns(d.settings(lexicon)) for d in registry.DIMENSIONS]
    rest = [c for d, cs in zip(registry.DIMENSIONS, per_dimension) for c in (cs[1:] if d.headline else cs)]
    assert columns[len(heads) + 2 :] == rest
    # every column belongs to exactly one dimension
    flat = [c for cs in per_dimension for c in cs]
    assert len(flat) == len(set(flat))


def test_count_columns_are_integers() -> None:
    scores = framelens.score_paragraphs(["It may cure cancer, experts said. \"A breakthrough,\" she said."])
    for d in registry.DIMENSIONS:
        for c in d.int_columns:
            assert scores[c].dtype == "int64", c


def _exclamations(r: Reading, compounds: object, settings: object) -> list[float]:
    n = r.text.count("!")
    return [min(1.0, n / 3), n]


def _exclamation_rows(r: Reading, compounds: object, settings: object) -> list[tuple]:
    return [("exclaim", "mark", i, i + 1, "!", 1.0, False, False, False, "!", True, 1.0)
            for i, c in enumerate(r.text) if c == "!"]


def test_a_new_dimension_is_one_registry_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    extra = registry.Dimension(
        name="exclaim",
        headline=True,
        settings=lambda lexicon: None,
        columns=lambda settings: ["exclaim", "exclaim_count"],
        int_columns=frozenset({"exclaim_count"}),
        values=_exclamations,
        rows=_exclamation_rows,
    )
    monkeypatch.setattr(scoring, "DIMENSIONS", (*registry.DIMENSIONS, extra))
    texts = ["Wow! A cure! Amazing!", "A calm sentence."]
    scores, evidence = scoring.score_and_explain(texts)
    assert list(scores.columns[:5]) == [*registry.HEADLINE_SCORES, "exclaim"]
    assert scores["exclaim"].tolist() == [1.0, 0.0]
    assert scores["exclaim_count"].tolist() == [3, 0]
    assert scores["exclaim_count"].dtype == "int64"
    marks = evidence[evidence["dimension"] == "exclaim"]
    assert marks["paragraph"].tolist() == [0, 0, 0]
    assert (marks["match"] == "!").all()
    # the other dimensions are untouched
    monkeypatch.setattr(scoring, "DIMENSIONS", registry.DIMENSIONS)
    plain = scoring.score_paragraphs(texts)
    assert scores[plain.columns].equals(plain)


def test_a_lexicon_dimension_without_an_entry_is_shown_not_scored() -> None:
    import pandas as pd

    rows = [{"pattern": "calm", "dimension": "tone", "category": "quiet", "weight": 0.5, "source": "test"}]
    extra = framelens.Lexicon.from_frame(pd.concat([framelens.load_lexicon().to_frame(), pd.DataFrame(rows)]))
    scores = framelens.score_paragraphs(["A calm sentence."], lexicon=extra)
    assert not any(c.startswith("tone") for c in scores.columns)
    rows = framelens.explain("A calm sentence.", lexicon=extra)
    tone = rows[rows["dimension"] == "tone"]
    assert tone["match"].tolist() == ["calm"]
    assert tone["counted"].tolist() == [False]
    assert tone["contribution"].tolist() == [0.5]


def test_by_name() -> None:
    assert registry.by_name("hype") is registry.HYPE
    with pytest.raises(KeyError, match="no score dimension 'tone'"):
        registry.by_name("tone")
