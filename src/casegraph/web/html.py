"""Document text into HTML: the templates' filters, every one escaping what a document holds.

Reads the templates under ``templates/``; writes nothing."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape
from starlette.templating import Jinja2Templates

from ..case.sql import display_path

HERE = Path(__file__).resolve().parent


@cache
def templates() -> Jinja2Templates:
    """The pages' templates, with the filters that put document text into HTML."""
    environment = Environment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=True, finalize=_showable
    )
    environment.filters["snippet_html"] = snippet_html
    environment.filters["page_html"] = page_html
    environment.filters["filesize"] = _filesize
    environment.filters["listed"] = _listed
    environment.filters["mark_in"] = mark_in
    environment.filters["actors"] = _actors
    return Jinja2Templates(env=environment)


def _showable(value: Any) -> Any:
    """What a template shows, as valid text: a name's bytes that are not UTF-8 as \\xNN."""
    if isinstance(value, Markup):  # made here, escaped already: \\xNN needs no escaping
        return Markup(display_path(value))
    return display_path(value) if isinstance(value, str) else value


def snippet_html(pieces: list[tuple[str, bool]]) -> Markup:
    """A snippet's pieces as HTML, matches in <mark>."""
    return Markup("").join(
        Markup("<mark>{}</mark>").format(piece) if found else escape(piece)
        for piece, found in pieces
    )


def page_html(text: str, marks: list[tuple[int, int]]) -> Markup:
    """A page's text as HTML whose text content is the page text, character for character
    (so the viewer's script can find a passage by its offsets), the marks in <mark> with
    ids hit-1, hit-2 ... in order."""
    pieces: list[Markup] = []
    at = 0
    for number, (start, end) in enumerate(marks, 1):
        pieces += [
            _text_html(text[at:start]),
            Markup('<mark class="hit" id="hit-{}">').format(number),
        ]
        pieces += [_text_html(text[start:end]), Markup("</mark>")]
        at = end
    pieces.append(_text_html(text[at:]))
    return Markup("").join(pieces)


def _text_html(text: str) -> Markup:
    # an HTML parser turns a carriage return into a line feed, but keeps one written as a
    # character reference: the text content keeps its offsets
    return Markup(str(escape(text)).replace("\r", "&#13;"))


def mark_in(context: str, name: str) -> Markup:
    """A mention's context with the mention marked: the occurrence nearest its middle, where
    the context puts the mention."""
    middle = len(context) / 2
    starts = [m.start() for m in re.finditer(re.escape(name), context)] if name else []
    if not starts:
        return escape(context)
    start = min(starts, key=lambda at: abs(at + len(name) / 2 - middle))
    end = start + len(name)
    return Markup("{}<mark>{}</mark>{}").format(context[:start], context[start:end], context[end:])


def _actors(value: Any) -> str:
    """An event's source or target as a person reads it: one name, or several joined."""
    if isinstance(value, list):
        return ", ".join(_actors(actor) for actor in value)
    return str(value["name"]) if value else ""


def _listed(value: Any) -> str:
    """A metadata value as a person reads it: a list as its items, comma-separated."""
    if isinstance(value, list):
        return ", ".join(_listed(item) for item in value)
    return str(value)


def _filesize(size: int) -> str:
    """A size as a person reads it: 812 bytes, 25.0 KB, 3.4 MB."""
    if size < 1024:
        return f"{size:,} bytes"
    scaled = float(size)
    for unit in ("KB", "MB", "GB"):
        scaled /= 1024
        if scaled < 1024 or unit == "GB":
            break
    return f"{scaled:,.1f} {unit}"
