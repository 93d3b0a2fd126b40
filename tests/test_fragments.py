"""Tests for framelens.report.fragments: every HTML fragment escapes hostile text.

Each fragment the report modules render through ``templates/fragments.html.j2``
is built here from hostile values -- article text, source ids and labels,
titles, tooltips (category, pattern), dimension and column names, URLs,
warning messages -- and must come out with no markup of its own making. The
same fragments rendered with autoescaping switched off do carry the markup
(``test_the_checks_fail_without_autoescape``), so the escaping is the
templates' and these checks would catch losing it.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pandas as pd
import pytest

from framelens.report import fragments
from framelens.report import pages
from framelens.report.build import _note_output, side_by_side
from framelens.report.display import highlight, highlight_table

#: A payload that breaks out of text and of double- and single-quoted attributes.
HOSTILE = "\"'><img src=x onerror=alert(1)><script>alert('x')</script>"

#: Tags the fragments are made of; anything else was injected.
ALLOWED_TAGS = {
    "a", "b", "br", "caption", "div", "li", "mark", "p", "span", "table", "tbody", "td", "th",
    "thead", "tr", "ul", "html", "head", "meta", "title", "body",
}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(markup: str) -> _Tags:
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    return parser


def _hostile_evidence(text: str) -> pd.DataFrame:
    """Two spans: one over the payload (a hostile category and pattern), one over a word."""
    s = text.index(HOSTILE)
    w = text.index("breakthrough")
    return pd.DataFrame({
        "dimension": ["hype", HOSTILE], "category": [HOSTILE, "c"],
        "start": [s, w], "end": [s + len(HOSTILE), w + len("breakthrough")],
        "match": [HOSTILE, "breakthrough"], "weight": [0.5, 0.6], "pattern": [HOSTILE, "p"],
        "negated": [False, False], "hedged": [False, False], "intensified": [False, True],
        "counted": [True, True], "contribution": [0.5, 0.9],
    })


def build_fragments(tmp_path: Path) -> dict[str, str]:
    """Every fragment of the fragment templates, from hostile values."""
    text = f"Intro {HOSTILE} a breakthrough, said {HOSTILE}."
    ev = _hostile_evidence(text)
    out: dict[str, str] = {}
    out["highlight (text, tooltips, legend labels)"] = highlight(text, ev, dimensions=None).html
    out["highlight with sentiment legend"] = highlight(
        text, ev.assign(dimension=["sentiment", "hype"]), dimensions=("hype", "sentiment")).html
    out["Highlighted.save (title)"] = (
        highlight(text, ev).save(tmp_path / "page.html", title=HOSTILE).read_text(encoding="utf-8"))

    scored = pd.DataFrame({
        "source_id": [HOSTILE, "b"], "block_index": [0, 1], "kind": ["body", "body"],
        "text": [text, "plain"], "hype": [0.5, -0.2], HOSTILE: [HOSTILE, 0.1],
    })
    keyed = ev.assign(source_id=HOSTILE, block_index=0)
    out["highlight_table (source, text, column, score)"] = highlight_table(
        scored, keyed, columns=("hype", HOSTILE), dimensions=None, max_rows=1).html

    out["note"] = str(pages.note(HOSTILE, pages.Html("<b>trusted</b>"), em=True))
    out["bullets (items, intro)"] = str(pages.bullets([HOSTILE, 1.5], intro=HOSTILE))
    out["save_table link (what, name)"] = str(
        pages.save_table(pd.DataFrame({"a": [1]}), tmp_path, HOSTILE, what=HOSTILE))
    meta = pd.DataFrame({
        "source_id": ["a", "b", "c"], "label": [HOSTILE, "b", "c"], "title": [HOSTILE, "", "t"],
        "outlet": [HOSTILE, "o", ""], "published": [HOSTILE, "", "2024"],
        "url": ["https://example.org/a?x=1&y=2", f"https://e.org/{HOSTILE}", f"javascript:{HOSTILE}"],
    })
    counts = pd.DataFrame({HOSTILE: [HOSTILE, "1", "2"]}, index=["a", "b", "c"])
    out["source_table (label, title, outlet, date, url, counts)"] = str(pages.source_table(meta, counts))
    rows = scored.iloc[:1].assign(balance=0.0, hedging=0.0, sentiment=0.0)
    out["paragraph_cards (label, block, text)"] = str(
        pages.paragraph_cards(rows, keyed, {HOSTILE: HOSTILE}))
    out["warning notes"] = _note_output([HOSTILE])["data"]["text/html"]
    out["side_by_side (titles, plain text)"] = side_by_side(
        highlight(text, ev), HOSTILE, titles=[HOSTILE, HOSTILE])._repr_html_()
    return out


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, str]:
    return build_fragments(tmp_path_factory.mktemp("fragments"))


FRAGMENT_NAMES = [
    "highlight (text, tooltips, legend labels)", "highlight with sentiment legend",
    "Highlighted.save (title)", "highlight_table (source, text, column, score)", "note",
    "bullets (items, intro)", "save_table link (what, name)",
    "source_table (label, title, outlet, date, url, counts)", "paragraph_cards (label, block, text)",
    "warning notes", "side_by_side (titles, plain text)",
]


def test_every_fragment_is_checked(rendered):
    assert sorted(rendered) == sorted(FRAGMENT_NAMES)


@pytest.mark.parametrize("name", FRAGMENT_NAMES)
def test_hostile_text_is_escaped(rendered, name):
    markup = rendered[name]
    assert "<script" not in markup.lower() and "<img" not in markup.lower(), name
    parsed = _parse(markup)
    tags = {tag for tag, _ in parsed.tags}
    assert tags <= ALLOWED_TAGS, f"{name}: injected {tags - ALLOWED_TAGS}"
    for tag, attrs in parsed.tags:
        assert not [a for a in attrs if a.startswith("on")], f"{name}: event handler on <{tag}>"
        assert set(attrs) <= {"class", "style", "title", "href", "rel", "download", "lang", "charset"}
        if tag == "a":
            assert attrs["href"].startswith(("https://", "http://")) or "/" not in attrs["href"]
    # the text was escaped, not dropped: it reads back as written
    assert HOSTILE in "".join(parsed.text) or any(
        HOSTILE in (v or "") for _, attrs in parsed.tags for v in attrs.values()), name


def test_tooltips_and_links_round_trip_through_attributes(rendered):
    marks = [attrs for tag, attrs in _parse(rendered["highlight (text, tooltips, legend labels)"]).tags
             if tag == "mark"]
    assert any(f"hype / {HOSTILE}" in (a["title"] or "") and f"pattern: {HOSTILE}" in (a["title"] or "")
               for a in marks)
    links = [attrs for tag, attrs in _parse(rendered["source_table (label, title, outlet, date, url, counts)"]).tags
             if tag == "a"]
    assert [a["href"] for a in links] == ["https://example.org/a?x=1&y=2"]  # the others are text


def test_the_checks_fail_without_autoescape(tmp_path, monkeypatch):
    """With autoescaping off the same fragments carry the injected markup: the escaping is the templates'."""
    unsafe = jinja2.Environment(
        loader=fragments.ENV.loader, autoescape=False, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    module = unsafe.get_template(fragments.FRAGMENTS).module
    monkeypatch.setattr(fragments, "macros", lambda: module)  # fragments.render
    monkeypatch.setattr("framelens.report.display.macros", lambda: module)
    leaked = build_fragments(tmp_path)
    assert sorted(leaked) == sorted(FRAGMENT_NAMES)
    for name, markup in leaked.items():
        assert "<script" in markup, name


def test_environment_escapes_and_refuses_undefined_names():
    assert fragments.ENV.autoescape(fragments.FRAGMENTS) is True
    assert fragments.ENV.autoescape(None) is True  # templates from strings too
    assert fragments.ENV.undefined is jinja2.StrictUndefined
    with pytest.raises(jinja2.UndefinedError):
        fragments.render("note", ["x"])  # em not given
    assert fragments.render("note", ["<x>"], em=False) == '<p class="framelens-note">&lt;x&gt;</p>'


def test_templates_mark_nothing_safe():
    source = (fragments.TEMPLATE_DIR / fragments.FRAGMENTS).read_text(encoding="utf-8")
    source = re.sub(r"\{#.*?#\}", "", source, flags=re.S)  # comments may name |safe
    assert not re.search(r"\|\s*safe\b", source)
    assert not re.search(r"\{%-?\s*autoescape", source)


def test_fragments_are_compact(rendered):
    """No line breaks or indentation from the template layout (the data here has none)."""
    for name, markup in rendered.items():
        if name == "Highlighted.save (title)":
            assert markup.count("\n") == 2 and markup.endswith("</html>\n")
            continue
        body = re.sub(r'title="[^"]*"', "", markup)  # overlapping spans: tooltip lines
        assert "\n" not in body, name
        assert not re.search(r">\s+<", body), name
        assert markup == markup.strip()


def test_entities_are_markupsafe_spellings():
    """Quotes come out as &#34; / &#39; (the page reads the same as with &quot; / &#x27;)."""
    markup = str(pages.note("\"it's\""))
    assert markup == '<p class="framelens-note">&#34;it&#39;s&#34;</p>'
    assert html.unescape(markup) == '<p class="framelens-note">"it\'s"</p>'
