"""Tests for framelens.text.normalize: plain characters, same length, same offsets."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framelens.text.normalize import MATCHING_EQUIVALENTS, normalize_for_matching

VARIANTS = "".join(MATCHING_EQUIVALENTS)
texts = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(VARIANTS)), max_size=200)


@given(texts)
def test_output_has_the_same_length(text: str) -> None:
    assert len(normalize_for_matching(text)) == len(text)


@given(texts)
def test_only_listed_characters_change(text: str) -> None:
    out = normalize_for_matching(text)
    for before, after in zip(text, out):
        assert after == MATCHING_EQUIVALENTS.get(before, before)


@given(texts)
def test_idempotent(text: str) -> None:
    once = normalize_for_matching(text)
    assert normalize_for_matching(once) == once


@given(texts, st.data())
def test_spans_found_in_normalised_text_are_valid_in_original(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert normalize_for_matching(text[start:end]) == normalize_for_matching(text)[start:end]


def test_every_equivalent_is_one_plain_ascii_character() -> None:
    for variant, plain in MATCHING_EQUIVALENTS.items():
        assert len(variant) == 1 and len(plain) == 1
        assert plain.isascii() and plain != variant


def test_ascii_is_left_alone() -> None:
    # the grave accent is the one ASCII character treated as a quote variant
    ascii_text = string.printable.replace("`", "")
    assert normalize_for_matching(ascii_text) == ascii_text


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("don\u2019t", "don't"),
        ("\u201cbreakthrough\u201d", '"breakthrough"'),
        ("a\u00a0b", "a b"),
        ("1990\u20132000", "1990-2000"),
        ("wait\u2026", "wait."),
    ],
)
def test_typographic_variants_become_plain(variant: str, plain: str) -> None:
    assert normalize_for_matching(variant) == plain


def test_case_is_kept() -> None:
    assert normalize_for_matching("Ketamine \u201cCURE\u201d") == 'Ketamine "CURE"'


@pytest.mark.parametrize("bad", [None, b"bytes", 3])
def test_rejects_non_strings(bad: object) -> None:
    with pytest.raises(TypeError):
        normalize_for_matching(bad)  # type: ignore[arg-type]
