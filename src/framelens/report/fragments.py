"""The markup of the report's HTML fragments, as Jinja2 macros.

``templates/fragments.html.j2`` holds the markup of every HTML fragment the
report modules build: highlighted paragraphs, their legend and table
(:mod:`~framelens.report.display`), notes, lists, download links, the source
table and paragraph cards (:mod:`~framelens.report.pages`), warning notes and
side-by-side columns (:mod:`~framelens.report.build`). The modules keep the
logic -- cutting overlapping spans into flat segments, computing styles and
colours, formatting numbers -- and pass plain values to a macro.

One :data:`ENV` compiles the file once per process. Autoescaping is on and
undefined names are errors: every value a macro inserts is escaped unless it
carries ``__html__`` (:class:`markupsafe.Markup`, ``pages.Html``,
``display.Highlighted``), which is how a caller passes a fragment that is
already rendered. No template marks a value ``|safe``.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jinja2

__all__ = ["ENV", "TEMPLATE_DIR", "FRAGMENTS", "macros", "render"]

#: Folder of the report templates (this file and the nbconvert page template).
TEMPLATE_DIR = Path(__file__).with_name("templates")

#: Template file of the fragment macros.
FRAGMENTS = "fragments.html.j2"

#: The environment every fragment is rendered with: autoescaping on for
#: ``.html`` / ``.html.j2`` templates and for any other (``default=True``),
#: undefined names raise, and block tags leave no blank lines or indentation.
ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
    autoescape=jinja2.select_autoescape(
        enabled_extensions=("html", "html.j2"), default_for_string=True, default=True
    ),
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
    auto_reload=False,
)


@functools.cache
def macros() -> Any:
    """The macros of :data:`FRAGMENTS`, compiled on first use and kept."""
    return ENV.get_template(FRAGMENTS).module


def render(name: str, /, *args: Any, **kwargs: Any) -> str:
    """Call the macro ``name`` of :data:`FRAGMENTS`; return the HTML as a plain ``str``."""
    return str(getattr(macros(), name)(*args, **kwargs))
