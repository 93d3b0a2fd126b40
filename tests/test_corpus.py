"""Tests for framelens.io.corpus: decoding, splitting, labelling, manifests, errors."""

from __future__ import annotations

import codecs
import re
import shutil
import sys
import textwrap
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framelens.io.corpus import (
    BLANK_CHARACTERS,
    BLOCK_COLUMNS,
    BOILERPLATE_RULES,
    KINDS,
    MANIFEST_COLUMNS,
    blocks_from_text,
    body_blocks,
    boilerplate_rule,
    load_boilerplate_rules,
    decode_bytes,
    load_corpus,
    read_manifest,
)
from framelens.errors import CorpusError, CorpusWarning, DecodingWarning

PARA = (
    "Ketamine was first used in surgery and to relieve pain. At certain doses, users "
    "can remain awake but experience a sensation as if they were disconnected from "
    "their body, Allan said. Researchers are still not sure how it works."
)
PARA2 = (
    "Critics say the trials were small and short. Longer studies are needed before "
    "doctors can weigh the benefits against the risks of dependence, experts warned."
)


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------


def assert_partition(raw: str, blocks: pd.DataFrame) -> None:
    """Blocks are exact, ordered, non-overlapping slices covering all non-blank text."""
    prev_end = 0
    for start, end, text in zip(blocks["start"], blocks["end"], blocks["text"]):
        assert prev_end <= start < end <= len(raw)
        assert raw[start:end] == text
        assert text[0] not in BLANK_CHARACTERS and text[-1] not in BLANK_CHARACTERS
        assert raw[prev_end:start].strip(BLANK_CHARACTERS) == ""
        prev_end = end
    assert raw[prev_end:].strip(BLANK_CHARACTERS) == ""


def assert_labels_consistent(blocks: pd.DataFrame) -> None:
    assert blocks["block_index"].tolist() == list(range(len(blocks)))
    assert set(blocks["kind"]) <= set(KINDS)
    current = ""
    seen_body = False
    for kind, section, text in zip(blocks["kind"], blocks["section"], blocks["text"]):
        if kind == "heading":
            # a heading opens its own section, named by its text (Markdown marks removed)
            assert section
            assert section == " ".join(text.split()) or (
                text.startswith("#") and section in " ".join(text.split())
            )
            current = section
        assert section == current
        if kind == "title":
            assert not seen_body, "a title after body text"
        seen_body = seen_body or kind == "body"


def kinds_of(blocks: pd.DataFrame) -> dict[str, str]:
    return dict(zip(blocks["text"], blocks["kind"]))


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    return path


@pytest.fixture(scope="module")
def seeds(raw_dir: Path) -> pd.DataFrame:
    return load_corpus(raw_dir)


# ---------------------------------------------------------------------------
# the bundled corpus
# ---------------------------------------------------------------------------


def test_seed_table_shape(seeds: pd.DataFrame) -> None:
    assert list(seeds.columns) == list(BLOCK_COLUMNS)
    for column in ("block_index", "start", "end"):
        assert seeds[column].dtype == "int64"
    for column in ("source_id", "kind", "section", "text", "file"):
        assert seeds[column].dtype == "str"
    assert seeds.index.tolist() == list(range(len(seeds)))
    # manifest order and ids (data/sources.csv, found one level above data/raw)
    assert list(dict.fromkeys(seeds["source_id"])) == ["touts-ketamine", "therapy-approach", "tesla-titan"]


def test_seed_offsets_and_coverage(seeds: pd.DataFrame) -> None:
    for file, blocks in seeds.groupby("file", sort=False):
        raw = decode_bytes(Path(file).read_bytes(), file)
        assert_partition(raw, blocks)
        assert_labels_consistent(blocks)


def test_seed_000_two_title_lines_then_headed_sections(seeds: pd.DataFrame) -> None:
    b = seeds[seeds["source_id"] == "touts-ketamine"]
    assert b["kind"].iloc[:2].tolist() == ["title", "title"]
    assert b["text"].iloc[1].startswith("Elon Musk Touts Ketamine for Depression")
    assert b["kind"].iloc[2] == "body" and b["section"].iloc[2] == ""
    k = kinds_of(b)
    assert k["Understanding Ketamine\u2019s Mechanism of Action"] == "heading"
    assert k["Controversies and Concerns"] == "heading"
    assert k["Leave a Reply"] == "boilerplate"
    assert k["Your email address will not be published. Required fields are marked *"] == "boilerplate"
    body = b[b["kind"] == "body"]
    assert body["text"].str.startswith("Ketamine, originally developed").sum() == 1
    row = body[body["text"].str.startswith("Ketamine, originally developed")].iloc[0]
    assert row["section"] == "Understanding Ketamine\u2019s Mechanism of Action"
    # every body paragraph ends a sentence; every heading does not
    assert body["text"].str.rstrip().str[-1].isin(list(".!?")).all()
    assert (b["kind"] == "heading").sum() == 7


def test_seed_001_adverts_and_repeated_title_are_boilerplate(seeds: pd.DataFrame) -> None:
    b = seeds[seeds["source_id"] == "therapy-approach"]
    title = "Ketamine Therapy: Elon Musk\u2019s Approach to Managing Depression"
    assert b["kind"].iloc[0] == "title" and b["text"].iloc[0] == title
    adverts = b[b["text"] == "Advertisement \u00b7 Scroll to continue"]
    assert len(adverts) == 2 and set(adverts["kind"]) == {"boilerplate"}
    repeats = b[(b["text"] == title) & (b["block_index"] > 0)]
    assert repeats["kind"].tolist() == ["boilerplate"]
    k = kinds_of(b)
    assert k["What is Ketamine?"] == "heading"
    assert k["Tags:"] == "boilerplate"
    assert k["Ketamine and Mental Health: A Controversial Treatment"] == "heading"
    # a body paragraph containing a question is still body
    assert b.loc[b["text"].str.len() > 300, "kind"].eq("body").all()


def test_seed_004_has_no_title_and_is_all_body(seeds: pd.DataFrame) -> None:
    b = seeds[seeds["source_id"] == "tesla-titan"]
    assert set(b["kind"]) == {"body"}
    assert set(b["section"]) == {""}
    assert b["text"].iloc[0].startswith("Tesla titan Elon Musk")


# ---------------------------------------------------------------------------
# splitting
# ---------------------------------------------------------------------------


def test_stacked_lines_without_blank_lines_are_separate_blocks() -> None:
    text = (
        "Title of the story\n\n" + PARA + "\n\nAdvertisement \u00b7 Scroll to continue\n"
        "Advertisement \u00b7 Scroll to continue\nTitle of the story\n\n" + PARA2
    )
    b = blocks_from_text(text, "s", title="Title of the story")
    assert b["kind"].tolist() == ["title", "body", "boilerplate", "boilerplate", "boilerplate", "body"]
    assert_partition(text, b)


@pytest.mark.parametrize("width", [40, 60, 72, 100])
def test_hard_wrapped_paragraph_stays_one_block(width: int) -> None:
    text = textwrap.fill(PARA, width) + "\n\n" + textwrap.fill(PARA2, width)
    b = blocks_from_text(text, "s")
    assert b["kind"].tolist() == ["body", "body"]
    assert b["text"].iloc[0].count("\n") >= 1
    assert_partition(text, b)


def test_one_paragraph_per_line_is_split() -> None:
    text = "A short headline\n" + PARA + "\nWhat happens next?\n" + PARA2 + "\nAdvertisement\n" + PARA
    b = blocks_from_text(text, "s")
    assert b["kind"].tolist() == ["title", "body", "heading", "body", "boilerplate", "body"]
    assert b["section"].tolist()[3] == "What happens next?"


def test_short_sentences_on_consecutive_lines_are_not_joined() -> None:
    text = "Police said the man was arrested.\nHe will appear in court on Monday.\nNo further details were given."
    assert len(blocks_from_text(text, "s")) == 3


def test_heading_then_wrapped_paragraph_in_one_chunk() -> None:
    text = "Risks\n" + textwrap.fill(PARA, 70)
    b = blocks_from_text(text, "s", title="Something else")
    assert b["kind"].tolist() == ["heading", "body"]
    assert b["section"].tolist() == ["Risks", "Risks"]


def test_list_items_split_inside_a_wrapped_chunk() -> None:
    text = textwrap.fill(PARA, 60) + "\n- first point about dosing\n- second point about risks"
    b = blocks_from_text(text, "s")
    assert b["text"].tolist()[-2:] == ["- first point about dosing", "- second point about risks"]


def test_offsets_are_into_text_with_normalised_line_endings() -> None:
    data = codecs.BOM_UTF8 + ("Title\r\n\r\n" + PARA + "\r\n\r\n" + PARA2 + "\r").encode()
    raw = decode_bytes(data, "x.txt")
    assert "\r" not in raw and not raw.startswith("\ufeff")
    b = blocks_from_text(raw, "x")
    assert_partition(raw, b)
    assert b["start"].iloc[0] == 0 and b["text"].iloc[1] == PARA


def test_blank_text_gives_empty_table_with_columns() -> None:
    b = blocks_from_text(" \n\t\n\u200b\n", "s")
    assert len(b) == 0 and list(b.columns) == list(BLOCK_COLUMNS)
    assert b["start"].dtype == "int64" and b["text"].dtype == "str"


def test_blank_characters_are_unicode_whitespace_plus_zero_width() -> None:
    whitespace = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert set(BLANK_CHARACTERS) == whitespace | set("\u200b\u200c\u200d\u2060\ufeff")


def test_splitting_is_linear_in_practice() -> None:
    # 20x the paragraphs gives 20x the blocks (no quadratic merging or loss)
    one = blocks_from_text("\n\n".join([PARA, PARA2] * 5), "s")
    many = blocks_from_text("\n\n".join([PARA, PARA2] * 100), "s")
    assert len(many) == 20 * len(one)


# ---------------------------------------------------------------------------
# labelling
# ---------------------------------------------------------------------------


def test_question_heading_versus_question_in_a_paragraph() -> None:
    para_with_question = "Does it work? " + PARA
    text = f"The story\n\nDoes ketamine work?\n\n{PARA}\n\n{para_with_question}\n\nSo what now?"
    k = kinds_of(blocks_from_text(text, "s"))
    assert k["Does ketamine work?"] == "heading"
    assert k[para_with_question] == "body"
    assert k["So what now?"] == "body"  # nothing follows: not a heading


def test_long_question_line_is_not_a_heading() -> None:
    question = "Is it really true that a drug first used on battlefields can now lift depression within hours?"
    k = kinds_of(blocks_from_text(f"Title\n\n{question}\n\n{PARA}", "s"))
    assert k[question] == "body"


@pytest.mark.parametrize(
    "line",
    [
        "\u201cIt changed my life\u201d",  # a quotation
        "he said, adding nothing",  # lower-case start
        "Results were mixed.",  # ends a sentence
        "- a list item",
        "It works. Nobody knows why",  # two sentences
    ],
)
def test_lines_that_are_not_headings(line: str) -> None:
    k = kinds_of(blocks_from_text(f"Title\n\n{line}\n\n{PARA}", "s"))
    assert k[line] == "body"


def test_two_stacked_headings_but_not_a_list() -> None:
    text = f"Title\n\nPart one\n\nBackground\n\n{PARA}\n\nAlpha\n\nBeta\n\nGamma\n\nDelta\n\n{PARA2}"
    b = blocks_from_text(text, "s")
    k = kinds_of(b)
    assert k["Part one"] == "heading" and k["Background"] == "heading"
    assert b.loc[b["text"] == PARA, "section"].item() == "Background"
    assert [k[w] for w in ("Alpha", "Beta")] == ["body", "body"]
    assert sum(k[w] == "heading" for w in ("Alpha", "Beta", "Gamma", "Delta")) <= 2


def test_heading_followed_by_boilerplate_then_body() -> None:
    k = kinds_of(blocks_from_text(f"Title\n\nRisks\n\nAdvertisement\n\n{PARA}", "s"))
    assert k["Risks"] == "heading" and k["Advertisement"] == "boilerplate"


def test_markdown_headings() -> None:
    text = f"# The title\n\n{PARA}\n\n## Risks and *benefits*\n\n{PARA2}\n\n### Notes\n\n* * *"
    b = blocks_from_text(text, "s")
    assert b["kind"].tolist() == ["title", "body", "heading", "body", "heading", "boilerplate"]
    assert b["section"].tolist()[3] == "Risks and *benefits*"


def test_first_block_is_title_only_if_it_looks_like_one() -> None:
    assert blocks_from_text(f"{PARA}\n\n{PARA2}", "s")["kind"].tolist() == ["body", "body"]
    assert blocks_from_text(f"Short news title\n\n{PARA2}", "s")["kind"].tolist() == ["title", "body"]
    # a text that is a single line is body, not a title
    assert blocks_from_text("Short news title", "s")["kind"].tolist() == ["body"]


def test_manifest_title_decides_and_tolerates_quotes_case_and_site_suffix() -> None:
    title = "Musk\u2019s Ketamine Claims"
    text = f"Site Name\n\nMUSK'S KETAMINE CLAIMS | The Daily Paper\n\n{PARA}\n\nMusk's ketamine claims"
    b = blocks_from_text(text, "s", title=title)
    assert b["kind"].tolist() == ["boilerplate", "title", "body", "boilerplate"]


def test_manifest_title_absent_from_text_means_no_title() -> None:
    b = blocks_from_text(f"Short news title\n\n{PARA}", "s", title="A different headline")
    assert "title" not in set(b["kind"])


def test_short_and_long_forms_of_the_headline_are_both_titles() -> None:
    text = f"Musk Touts Ketamine\n\nMusk Touts Ketamine for Depression\n\nBackground\n\n{PARA}"
    b = blocks_from_text(text, "s")
    assert b["kind"].tolist() == ["title", "title", "heading", "body"]


def test_section_heading_made_of_title_words_is_not_a_title() -> None:
    text = f"Ketamine Therapy for Depression\n\nDepression\n\n{PARA}\n\nKetamine Therapy\n\n{PARA2}"
    b = blocks_from_text(text, "s")
    assert b["kind"].tolist() == ["title", "heading", "body", "heading", "body"]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Advertisement \u00b7 Scroll to continue", "advert"),
        ("ADVERTISEMENT", "advert"),
        ("Story continues below advertisement", "continue"),
        ("Leave a Reply", "comment form"),
        ("Your email address will not be published. Required fields are marked *", "comment form"),
        ("Tags:", "tags"),
        ("Tags: ketamine, Elon Musk, depression", "tags"),
        ("Share this:", "share"),
        ("Facebook Twitter Email", "share"),
        ("Subscribe", "subscribe"),
        ("Sign up for our weekly health newsletter", "subscribe"),
        ("Related articles", "related"),
        ("Read more: Ketamine clinics are booming", "related"),
        ("We use cookies to give you the best experience. By continuing you agree.", "cookies"),
        ("\u00a9 2023 Example Media. All rights reserved.", "copyright"),
        ("Skip to content", "navigation"),
        ("Photo: Getty Images", "credit"),
        ("Published March 3, 2023", "dateline"),
        ("Updated: Mon, March 20, 2023 10:45 am EST", "dateline"),
        ("Published 3 hours ago", "dateline"),
        ("Sign up for the free Health Check newsletter", "subscribe"),
        ("By Julaine Allan, The Conversation", "byline"),
        ("* * *", "separator"),
    ],
)
def test_boilerplate_rules_match(text: str, rule: str) -> None:
    assert boilerplate_rule(text) == rule
    assert kinds_of(blocks_from_text(f"{PARA}\n\n{text}\n\n{PARA2}", "s"))[text] == "boilerplate"


@pytest.mark.parametrize(
    "text",
    [
        PARA,
        "By 2000, clinical trial results on ketamine were becoming available.",
        "By pushing the boundaries, Musk has sparked conversations.",
        "Copyright Law and Drug Patents",
        "Share prices of ketamine clinics rose sharply after the interview.",
        "Advertisements for ketamine clinics have multiplied, regulators said.",
        "Related research suggests the effect fades after a week.",
        "Tagged as a miracle drug, ketamine has a darker history.",
        "Published in 2019, the study found that 70% of patients improved.",
        "Published in 2019, it was ignored.",
        "Sign up for the trial was slow, researchers said.",
        "Photos of the clinic circulated widely.",
    ],
)
def test_boilerplate_rules_leave_article_text_alone(text: str) -> None:
    assert boilerplate_rule(text) is None


def test_boilerplate_rules_are_documented() -> None:
    names = [rule.name for rule in BOILERPLATE_RULES]
    assert len(names) == len(set(names))
    for rule in BOILERPLATE_RULES:
        assert rule.note and rule.max_words > 0


# ---------------------------------------------------------------------------
# properties (hypothesis)
# ---------------------------------------------------------------------------

LINES = [
    "Ketamine Therapy: A New Hope",
    "What is Ketamine?",
    PARA,
    PARA2,
    "Advertisement \u00b7 Scroll to continue",
    "Leave a Reply",
    "Tags:",
    "\u201cIt\u2019s not,\u201d Allan told the Conversation.",
    "Учёные не знают, как это работает.",
    "研究人员仍然不知道它是如何起作用的。",
    "Emoji 🔬🧠 and zero\u200bwidth",
    "# Markdown heading",
    "- list item",
    "   indented line",
    "\u00a0\u2003",
    "",
]
SEPARATORS = ["\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\n \n", "\n\t\u00a0\n", " \n\n  ", "\n\u200b\n"]

documents = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(LINES), st.text(max_size=80)),
        st.sampled_from(SEPARATORS),
    ),
    max_size=25,
).map(lambda parts: "".join(line + sep for line, sep in parts))


@settings(max_examples=150, deadline=None)
@given(documents, st.booleans(), st.one_of(st.none(), st.sampled_from(LINES)))
def test_property_nothing_lost_after_decoding(doc: str, bom: bool, title: str | None) -> None:
    data = (codecs.BOM_UTF8 if bom else b"") + doc.encode("utf-8", errors="surrogatepass")
    if "\x00" in doc or any(0xD800 <= ord(c) <= 0xDFFF for c in doc):
        return  # binary or unencodable: covered by the error tests
    try:
        raw = decode_bytes(data, "doc.txt")
    except CorpusError:
        return  # too many control characters: binary by design
    assert raw == doc.replace("\r\n", "\n").replace("\r", "\n")
    blocks = blocks_from_text(raw, "doc", file="doc.txt", title=title)
    assert_partition(raw, blocks)
    assert_labels_consistent(blocks)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_property_any_string_is_partitioned(text: str) -> None:
    assert_partition(text, blocks_from_text(text, "s"))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=200))
def test_property_utf16_and_utf32_with_bom_round_trip(text: str) -> None:
    for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        bom = {
            "utf-16-le": codecs.BOM_UTF16_LE,
            "utf-16-be": codecs.BOM_UTF16_BE,
            "utf-32-le": codecs.BOM_UTF32_LE,
            "utf-32-be": codecs.BOM_UTF32_BE,
        }[codec]
        if text.startswith("\x00"):
            continue
        assert decode_bytes(bom + text.encode(codec), "t.txt") == text


# ---------------------------------------------------------------------------
# decoding
# ---------------------------------------------------------------------------


def test_cp1252_falls_back_with_a_warning_naming_the_file() -> None:
    data = "It\u2019s a \u201cbreakthrough\u201d, the caf\u00e9 owner said.".encode("cp1252")
    with pytest.warns(DecodingWarning, match="news/old.txt.*cp1252"):
        text = decode_bytes(data, "news/old.txt")
    assert text == "It\u2019s a \u201cbreakthrough\u201d, the caf\u00e9 owner said."
    assert issubclass(DecodingWarning, UserWarning)


def test_mixed_utf8_and_cp1252_keeps_the_valid_utf8() -> None:
    data = "Caf\u00e9 \u2014 ".encode() + "\u201cquoted\u201d".encode("cp1252")
    with pytest.warns(DecodingWarning, match="mix"):
        assert decode_bytes(data, "m.txt") == "Caf\u00e9 \u2014 \u201cquoted\u201d"


def test_valid_utf8_does_not_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert decode_bytes("na\u00efve \u2019".encode(), "ok.txt") == "na\u00efve \u2019"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"GIF89a\x00\x01\x02binary", "NUL"),
        ("plain text".encode("utf-16-le"), "NUL"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (bytes(range(1, 32)) * 4 + b"a few letters", "control"),
    ],
)
def test_binary_data_is_an_error_naming_the_file(data: bytes, problem: str) -> None:
    with pytest.raises(CorpusError, match=rf"scan\.bin.*{problem}"):
        decode_bytes(data, "scan.bin")


# ---------------------------------------------------------------------------
# manifests and folders
# ---------------------------------------------------------------------------


def test_folder_without_manifest_uses_sorted_file_stems(tmp_path: Path) -> None:
    write(tmp_path / "b.md", f"# B title\n\n{PARA}")
    write(tmp_path / "a.txt", f"A title\n\n{PARA2}")
    write(tmp_path / "notes.csv", "not,an,article")
    write(tmp_path / "sub" / "c.txt", PARA)  # subfolders are not read
    blocks = load_corpus(tmp_path)
    assert list(dict.fromkeys(blocks["source_id"])) == ["a", "b"]
    assert blocks["file"].iloc[0] == str(tmp_path / "a.txt")


def test_manifest_in_folder_gives_ids_titles_and_order(tmp_path: Path) -> None:
    write(tmp_path / "x.txt", f"Site header\n\nThe Real Headline\n\n{PARA}")
    write(tmp_path / "y.txt", PARA2)
    write(tmp_path / "sources.csv", "source_id,file,title,extra\nsecond,y.txt,,1\nfirst,x.txt,The real headline,2\n")
    blocks = load_corpus(tmp_path)
    assert list(dict.fromkeys(blocks["source_id"])) == ["second", "first"]
    first = blocks[blocks["source_id"] == "first"]
    assert first["kind"].tolist() == ["boilerplate", "title", "body"]  # page header above the title


def test_manifest_in_parent_folder_is_found(tmp_path: Path, raw_dir: Path) -> None:
    shutil.copytree(raw_dir, tmp_path / "raw")
    shutil.copy(raw_dir.parent / "sources.csv", tmp_path / "sources.csv")
    blocks = load_corpus(tmp_path / "raw")
    assert set(blocks["source_id"]) == {"touts-ketamine", "therapy-approach", "tesla-titan"}
    assert blocks["file"].iloc[0] == str(tmp_path / "raw" / "000_540ee560dceae005.txt")


def test_parent_manifest_only_describes_its_own_folder(tmp_path: Path) -> None:
    write(tmp_path / "raw" / "a.txt", PARA)
    write(tmp_path / "other" / "b.txt", PARA2)
    write(tmp_path / "drafts" / "c.txt", PARA)
    write(tmp_path / "sources.csv", "source_id,file\na,raw/a.txt\nb,other/b.txt\n")
    assert set(load_corpus(tmp_path / "raw")["source_id"]) == {"a"}
    assert set(load_corpus(tmp_path / "other")["source_id"]) == {"b"}
    # a folder the parent manifest does not describe is read without it
    assert set(load_corpus(tmp_path / "drafts")["source_id"]) == {"c"}
    # the manifest's own folder: every row
    assert set(load_corpus(tmp_path)["source_id"]) == {"a", "b"}


def test_explicit_manifest_wins(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", PARA)
    write(tmp_path / "sources.csv", "source_id,file\nfrom-folder,a.txt\n")
    write(tmp_path / "meta" / "other.csv", "source_id,file\nexplicit,../a.txt\n")
    blocks = load_corpus(tmp_path, manifest=tmp_path / "meta" / "other.csv")
    assert set(blocks["source_id"]) == {"explicit"}


def test_unlisted_files_warn(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", PARA)
    write(tmp_path / "extra.txt", PARA2)
    write(tmp_path / "sources.csv", "source_id,file\na,a.txt\n")
    with pytest.warns(CorpusWarning, match="extra.txt"):
        blocks = load_corpus(tmp_path)
    assert set(blocks["source_id"]) == {"a"}


def test_single_file(tmp_path: Path) -> None:
    path = write(tmp_path / "story.md", f"Headline\n\n{PARA}")
    assert set(load_corpus(path)["source_id"]) == {"story"}
    write(tmp_path / "sources.csv", "source_id,file,title\nmy-story,story.md,Headline\n")
    blocks = load_corpus(path)
    assert set(blocks["source_id"]) == {"my-story"}
    assert blocks["kind"].tolist() == ["title", "body"]


def test_read_manifest_fills_optional_columns_with_empty_strings(tmp_path: Path) -> None:
    path = write(
        tmp_path / "sources.csv",
        codecs.BOM_UTF8 + b"file, source_id ,outlet,notes\r\n a.txt ,a,NA,x\r\nb.txt,b,,\r\n",
    )
    table = read_manifest(path)
    assert list(table.columns) == list(MANIFEST_COLUMNS) + ["notes"]
    assert table["file"].tolist() == ["a.txt", "b.txt"]
    assert table["outlet"].tolist() == ["NA", ""]  # "NA" is text, not missing
    assert table["title"].tolist() == ["", ""]
    assert not table.isna().any().any()


def test_read_manifest_of_the_bundled_corpus(raw_dir: Path) -> None:
    table = read_manifest(raw_dir.parent / "sources.csv")
    assert table["source_id"].tolist() == ["touts-ketamine", "therapy-approach", "tesla-titan"]
    assert table["title"].iloc[2] == ""


def test_body_blocks(seeds: pd.DataFrame) -> None:
    body = body_blocks(seeds)
    assert set(body["kind"]) == {"body"} and len(body) == (seeds["kind"] == "body").sum()
    assert body.index.isin(seeds.index).all()
    both = body_blocks(seeds, ("body", "heading"))
    assert len(both) > len(body)
    assert len(body_blocks(seeds, "title")) == 3
    with pytest.raises(CorpusError, match="paragraph"):
        body_blocks(seeds, "paragraph")
    with pytest.raises(CorpusError, match="kind"):
        body_blocks(seeds.drop(columns="kind"))


# ---------------------------------------------------------------------------
# errors
# ---------------------------------------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="nowhere"):
        load_corpus(tmp_path / "nowhere")


def test_missing_explicit_manifest(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", PARA)
    with pytest.raises(CorpusError, match="meta.csv.*not found"):
        load_corpus(tmp_path, manifest=tmp_path / "meta.csv")


def test_folder_without_articles(tmp_path: Path) -> None:
    write(tmp_path / "page.html", "<p>hi</p>")
    with pytest.raises(CorpusError, match=r"no \.txt or \.md files"):
        load_corpus(tmp_path)


def test_manifest_missing_required_column(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", PARA)
    write(tmp_path / "sources.csv", "id,file\na,a.txt\n")
    with pytest.raises(CorpusError, match="sources.csv.*missing required column.*source_id"):
        load_corpus(tmp_path)


def test_manifest_row_pointing_at_missing_file(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", PARA)
    write(tmp_path / "sources.csv", "source_id,file\na,a.txt\nb,gone.txt\n")
    with pytest.raises(CorpusError, match=r"sources.csv: row 2 \(source_id 'b'\): file 'gone.txt' not found"):
        load_corpus(tmp_path)


def test_manifest_duplicate_source_id(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", PARA)
    write(tmp_path / "b.txt", PARA2)
    write(tmp_path / "sources.csv", "source_id,file\nsame,a.txt\nsame,b.txt\n")
    with pytest.raises(CorpusError, match="duplicate source_id 'same' in rows 1 and 2"):
        load_corpus(tmp_path)


def test_manifest_empty_source_id(tmp_path: Path) -> None:
    write(tmp_path / "sources.csv", "source_id,file\n,a.txt\n")
    with pytest.raises(CorpusError, match="row 1: empty source_id"):
        read_manifest(tmp_path / "sources.csv")


def test_manifest_without_rows(tmp_path: Path) -> None:
    write(tmp_path / "sources.csv", "source_id,file\n")
    with pytest.raises(CorpusError, match="no sources"):
        read_manifest(tmp_path / "sources.csv")


@pytest.mark.parametrize("content", ["", "  \n\r\n\t \n"])
def test_file_without_text(tmp_path: Path, content: str) -> None:
    write(tmp_path / "good.txt", PARA)
    write(tmp_path / "blank.txt", content)
    with pytest.raises(CorpusError, match="blank.txt.*no text"):
        load_corpus(tmp_path)


def test_binary_file_in_corpus(tmp_path: Path) -> None:
    write(tmp_path / "good.txt", PARA)
    write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(CorpusError, match="image.txt.*binary"):
        load_corpus(tmp_path)


def test_cp1252_file_in_corpus_warns_with_its_path(tmp_path: Path) -> None:
    write(tmp_path / "old.txt", f"Title\n\n\u201c{PARA}\u201d".encode("cp1252"))
    with pytest.warns(DecodingWarning, match="old.txt"):
        blocks = load_corpus(tmp_path)
    assert blocks["text"].iloc[1].startswith("\u201cKetamine")


def test_explicit_manifest_must_list_a_single_file(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", PARA)
    write(tmp_path / "m.csv", "source_id,file\nb,b.txt\n")
    write(tmp_path / "b.txt", PARA2)
    with pytest.raises(CorpusError, match="does not list the file"):
        load_corpus(path, manifest=tmp_path / "m.csv")


def test_unsupported_file_type_in_manifest(tmp_path: Path) -> None:
    write(tmp_path / "a.docx", b"PK\x03\x04")
    write(tmp_path / "sources.csv", "source_id,file\na,a.docx\n")
    with pytest.raises(CorpusError, match="a.docx.*unsupported file type"):
        load_corpus(tmp_path)


def test_two_files_with_the_same_stem(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", PARA)
    write(tmp_path / "a.md", PARA2)
    with pytest.raises(CorpusError, match="source_id 'a'"):
        load_corpus(tmp_path)


def test_manifest_written_on_windows(tmp_path: Path) -> None:
    write(tmp_path / "raw" / "a.txt", PARA)
    write(tmp_path / "sources.csv", "source_id,file\r\na,raw\\a.txt\r\n")
    assert set(load_corpus(tmp_path / "raw")["source_id"]) == {"a"}


def test_single_file_ignores_other_manifest_rows(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", PARA)
    write(tmp_path / "sources.csv", "source_id,file\nmine,a.txt\n")
    assert set(load_corpus(path)["source_id"]) == {"mine"}
    # a manifest row naming a missing file is an error even when another row is wanted
    write(tmp_path / "sources.csv", "source_id,file\nbroken,missing.txt\nmine,a.txt\n")
    for target in (path, tmp_path):
        with pytest.raises(CorpusError, match="row 1 .*missing.txt"):
            load_corpus(target)


def test_boilerplate_rules_are_data_and_bad_rows_are_named(tmp_path: Path) -> None:
    # the packaged file gives the rules the reader applies
    assert load_boilerplate_rules() == BOILERPLATE_RULES
    head = "name,kind,pattern,max_words,note,source\n"
    good = tmp_path / "ok.csv"
    good.write_text(head + "greet,fragment,hello|hi,,,\nhi,rule,<<greet>> there,3,a greeting,test\n", encoding="utf-8")
    (rule,) = load_boilerplate_rules(good)
    assert rule.name == "hi" and re.fullmatch(rule.pattern, "hi there")
    for row, message in [
        ("x,rule,(unclosed,3,,", r"line 2 \('x'\): missing \)"),
        ("x,rule,ok,many,,", r"line 2 \('x'\): invalid literal"),
        ("x,rule,ok,0,,", r"line 2 \('x'\): max_words must be a positive integer"),
        ("x,rule,<<nowhere>> ok,3,,", r"line 2 \('x'\): unknown fragment <<nowhere>>"),
        ("x,macro,ok,3,,", r"line 2 \('x'\): kind must be 'rule' or 'fragment'"),
    ]:
        bad = tmp_path / "bad.csv"
        bad.write_text(head + row + "\n", encoding="utf-8")
        with pytest.raises(CorpusError, match=message):
            load_boilerplate_rules(bad)
