"""Lexicon tables: loading, validation with row-naming errors, immutability, extension."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pandas as pd
import pytest

from framelens.errors import LexiconError
from framelens.text.lexicon import LEXICON_COLUMNS, Lexicon, available_lexicons, load_lexicon


def _row(pattern: str, dimension: str = "hype", category: str = "test", weight: object = 1.0,
         source: str = "test") -> dict[str, object]:
    return {"pattern": pattern, "dimension": dimension, "category": category, "weight": weight, "source": source}


def test_default_lexicon_has_the_three_scored_dimensions() -> None:
    lex = load_lexicon()
    assert set(lex.dimensions) == {"hype", "hedging", "balance"}
    assert len(lex) > 100


def test_every_packaged_entry_cites_a_source() -> None:
    for name in available_lexicons():
        if name == "default":
            continue
        frame = load_lexicon(name).to_frame()
        assert list(frame.columns[:5]) == list(LEXICON_COLUMNS)
        assert (frame["source"].str.strip() != "").all(), name
        assert (frame["weight"] >= 0).all(), name


def test_load_lexicon_is_cached_and_unknown_name_is_clear() -> None:
    assert load_lexicon() is load_lexicon()
    with pytest.raises(LexiconError, match="no packaged lexicon"):
        load_lexicon("does-not-exist")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (_row(""), "empty pattern"),
        (_row("ok", weight="heavy"), "not a number"),
        (_row("ok", weight=-1), ">= 0"),
        (_row("ok", weight=float("inf")), ">= 0"),
        (_row("(unclosed"), "parenthes"),
        (_row("ab*"), "three letters"),
        (_row("(only) (optional)"), "only optional"),
        (_row("a||b"), "empty alternative"),
        (_row("ok", dimension="Hype Score"), "dimension"),
        (_row("ok", category=""), "empty category"),
    ],
)
def test_malformed_row_names_the_row(bad: dict[str, object], message: str) -> None:
    df = pd.DataFrame([_row("fine"), _row("also fine"), bad])
    with pytest.raises(LexiconError, match=message) as err:
        Lexicon.from_frame(df, name="mine")
    assert "mine row 2" in str(err.value)


def test_csv_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "domain.csv"
    path.write_text(
        "pattern,dimension,category,weight,source\n"
        "wonder drug,hype,sensational,1,me\n"
        "elixir,hype,sensational,lots,me\n",
        encoding="utf-8",
    )
    with pytest.raises(LexiconError, match=r"domain\.csv line 3: weight 'lots'"):
        Lexicon.from_csv(path)


def test_missing_column_is_named() -> None:
    with pytest.raises(LexiconError, match="missing column"):
        Lexicon.from_frame(pd.DataFrame({"pattern": ["x"], "dimension": ["hype"]}))


def test_duplicate_entry_is_rejected() -> None:
    with pytest.raises(LexiconError, match="duplicate"):
        Lexicon.from_frame(pd.DataFrame([_row("Cure"), _row("cure")]))


def test_lexicon_is_immutable() -> None:
    lex = load_lexicon()
    with pytest.raises(AttributeError):
        lex.name = "changed"  # type: ignore[misc]
    frame = lex.to_frame()
    frame.loc[0, "weight"] = 99.0
    assert lex.to_frame().loc[0, "weight"] != 99.0


def test_extend_returns_new_lexicon_and_leaves_original_alone() -> None:
    base = load_lexicon()
    text = "This elixir changes everything."
    assert not [m for m in base.find(text) if m.dimension == "hype"]
    extended = base.extend([{"pattern": "elixir", "dimension": "hype", "category": "sensational", "weight": 1}])
    assert extended is not base
    assert [m.match for m in extended.find(text) if m.dimension == "hype"] == ["elixir"]
    assert not [m for m in base.find(text) if m.dimension == "hype"]
    assert extended.to_frame().query("pattern == 'elixir'")["source"].item() == "user"


def test_extend_overrides_and_weight_zero_switches_off() -> None:
    base = load_lexicon()
    assert any(m.pattern == "breakthrough" for m in base.find("A breakthrough."))
    off = base.extend([_row("breakthrough", weight=0)])
    assert not any(m.dimension == "hype" for m in off.find("A breakthrough."))
    with pytest.raises(LexiconError, match="already exists"):
        base.extend([_row("breakthrough", weight=0)], replace=False)


def test_extend_from_csv_path(tmp_path: Path) -> None:
    path = tmp_path / "extra.csv"
    path.write_text("pattern,dimension,category,weight\npanacea,hype,sensational,1\n", encoding="utf-8")
    lex = load_lexicon().extend(path)
    assert [m.match for m in lex.find("Not a panacea at all") if m.dimension == "hype"] == ["panacea"]


def test_generic_dimension_works() -> None:
    lex = Lexicon.from_frame(pd.DataFrame([_row("side effect", dimension="aspect", category="harms")]))
    found = lex.find("Side-effects were rare.")
    assert [(m.dimension, m.category, m.match) for m in found] == [("aspect", "harms", "Side-effects")]


def test_copy_and_pickle_keep_the_lexicon() -> None:
    lex = load_lexicon()
    assert copy.deepcopy(lex) is lex
    again = pickle.loads(pickle.dumps(lex))
    assert again == lex
    assert [m.match for m in again.find("A breakthrough.")] == [m.match for m in lex.find("A breakthrough.")]


def test_split_categories_keeps_overlapping_mentions_of_different_categories():
    lex = Lexicon.from_frame(pd.DataFrame({
        "pattern": ["ongoing studies", "studies", "cost"],
        "dimension": ["aspect", "aspect", "aspect"],
        "category": ["future", "evidence", "cost"],
        "weight": [1.0, 1.0, 0.0],
        "source": ["test"] * 3,
    }))
    # one dimension: the longer match wins and the overlapping one is dropped
    assert [m.category for m in lex.find("Ongoing studies continue.")] == ["future"]
    split, order = lex.split_categories("aspect")
    assert order == ("future", "evidence")  # lexicon order, inactive 'cost' left out
    assert sorted(m.category for m in split.find("Ongoing studies continue.")) == ["evidence", "future"]
    assert split is lex.split_categories("aspect")[0]


def test_split_categories_without_active_entries_names_the_dimension():
    lex = Lexicon.from_frame(pd.DataFrame({
        "pattern": ["hype"], "dimension": ["hype"], "category": ["x"], "weight": [1.0], "source": ["t"],
    }))
    with pytest.raises(LexiconError, match="'aspect'"):
        lex.split_categories("aspect")


def test_as_lexicon_reads_user_entries_and_keeps_a_lexicon():
    from framelens.text.lexicon import Lexicon, as_lexicon, load_lexicon

    lex = load_lexicon("aspects")
    assert as_lexicon(lex) is lex
    user = as_lexicon([{"pattern": "wonder drug", "dimension": "hype", "category": "sensational", "weight": 1}])
    assert isinstance(user, Lexicon) and len(user) == 1
    with pytest.raises(LexiconError):
        as_lexicon(42)
