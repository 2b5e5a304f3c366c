"""Plain text, CSV, XML, JSON and HTML; and the text helpers all extractors share."""

from __future__ import annotations

import functools
import json
import platform
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import charset_normalizer
from dateutil import parser as dateparser
from lxml import etree, html

from ..records import Extraction
from .context import ExtractContext

XML = "text/xml"
SVG = "image/svg+xml"
JSON = "application/json"
NDJSON = "application/x-ndjson"
HTML = "text/html"
XHTML = "application/xhtml+xml"
MIMES = frozenset({"text/plain", "text/csv", XML, SVG, JSON, NDJSON, HTML, XHTML})

_DATE_DEFAULT = datetime(1900, 1, 1)
REPLACEMENT = "\ufffd"
# what a store of valid Unicode cannot hold or should not: NUL, lone surrogates, non-characters
_INVALID = re.compile(
    "[\x00\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]"
)
# U+FDD0-FDEF (EF B7 90-AF) and U+xFFFE, U+xFFFF (.. BF BE, .. BF BF) in UTF-8
_NONCHARACTER_BYTES = (b"\xef\xb7", b"\xbf\xbe", b"\xbf\xbf")
_HIDDEN = {"head", "script", "style", "noscript", "template"}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
}  # fmt: skip


def clean(text: str) -> str:
    """Normalise line endings to '\\n' and drop NUL characters; nothing else."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def valid_text(text: str) -> tuple[str, int]:
    """The text with NULs, lone surrogates and non-characters replaced by U+FFFD; and how many."""
    if text.isascii():  # of all that is replaced, ASCII can hold only NUL: counted at C speed
        nuls = text.count("\x00")
        return (text.replace("\x00", REPLACEMENT) if nuls else text), nuls
    try:
        data = text.encode("utf-8")  # fails on a lone surrogate
    except UnicodeEncodeError:
        return _INVALID.subn(REPLACEMENT, text)
    # every non-character is encoded with one of these byte pairs (so are a few other
    # characters): text without them is read again only by C code, ten times faster
    if "\x00" in text or any(pair in data for pair in _NONCHARACTER_BYTES):
        return _INVALID.subn(REPLACEMENT, text)
    return text, 0


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes: the encoding used, and whether bytes had to be replaced."""

    text: str
    encoding: str
    lossy: bool


def decoded(data: bytes) -> Decoded:
    """UTF-8 when the bytes are, else the encoding charset-normalizer judges; never fails."""
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8", False)
    except UnicodeDecodeError:
        lossy = data.decode("utf-8-sig", errors="replace")
    bad = lossy.count(REPLACEMENT)
    if sum(not char.isascii() for char in lossy) > 2 * bad:  # UTF-8 with a few stray bytes
        return Decoded(lossy, "utf-8", True)
    best = charset_normalizer.from_bytes(data).best()
    encoding = best.encoding if best is not None else "utf-8"
    try:  # the judgement rests on samples: the whole may still not decode
        return Decoded(data.decode(encoding), encoding, False)
    except (UnicodeDecodeError, LookupError):
        return Decoded(data.decode("utf-8", errors="replace"), "utf-8", True)


def decode(data: bytes) -> str:
    """Bytes as text: UTF-8, else as charset-normalizer judges, else lossy UTF-8."""
    return decoded(data).text


def iso_date(value: Any) -> str | None:
    """An ISO 8601 string for a datetime or a parseable date string; None otherwise."""
    if isinstance(value, datetime):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return dateparser.parse(value, default=_DATE_DEFAULT).isoformat()
    except (ValueError, OverflowError, TypeError):
        return None


@functools.cache
def labelled(module: str, library: str) -> str:
    """The extractor label: module, then the library and its installed version."""
    try:
        release = version(library)
    except PackageNotFoundError:
        release = platform.python_version() if library in sys.stdlib_module_names else ""
    return f"ingest.{module}/{library} {release}".rstrip()


def put(metadata: dict[str, Any], **values: Any) -> None:
    """Set the metadata keys whose values are present (not None, '' or [])."""
    metadata.update({key: value for key, value in values.items() if value not in (None, "", [])})


def parse_html(markup: str) -> html.HtmlElement:
    """An HTML tree from already-decoded markup."""
    return html.document_fromstring(
        markup.encode("utf-8"), parser=html.HTMLParser(encoding="utf-8", no_network=True)
    )


def visible_text(root: html.HtmlElement) -> str:
    """The text a reader sees: scripts, styles and comments dropped, one line per block.
    Changes the tree: hidden elements go, and blocks get line breaks around them."""
    etree.strip_elements(root, *_HIDDEN, with_tail=False)
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    for block in root.iter(*_BLOCKS):
        block.text = "\n" + (block.text or "")
        block.tail = "\n" + (block.tail or "")
    text = etree.tostring(root, method="text", encoding="unicode", with_tail=False)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment or document ('' when there is none)."""
    try:
        return visible_text(parse_html(markup))
    except etree.ParserError:
        return ""


def extract(path: Path, ctx: ExtractContext, mime: str) -> Extraction:
    """Text of one text-family file as a single page."""
    if mime in (XML, SVG):
        return _xml(path, mime)
    found = decoded(path.read_bytes())
    if mime in (JSON, NDJSON):
        extraction = _json(found.text, mime)
    elif mime in (HTML, XHTML):
        extraction = _html(found.text, mime)
    else:
        extraction = Extraction(mime=mime, extractor=labelled("text", "charset-normalizer"))
        extraction.add_page(clean(found.text))
    put(extraction.metadata, encoding=found.encoding, lossy_decode=found.lossy or None)
    return extraction


def _xml(path: Path, mime: str) -> Extraction:
    """Text nodes of an XML document, one per line; malformed XML is kept as raw text."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    )
    extraction = Extraction(mime=mime, extractor=labelled("text", "lxml"))
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as error:
        # entity bombs land here too: libxml2 refuses to amplify them
        extraction.metadata["xml_error"] = str(error)
        extraction.add_page(clean(decode(path.read_bytes())))
        return extraction
    pieces = (piece.strip() for piece in root.itertext())
    extraction.add_page(clean("\n".join(piece for piece in pieces if piece)))
    extraction.metadata["root"] = etree.QName(root).localname
    return extraction


def _json(text: str, mime: str) -> Extraction:
    """Keys and string values of a JSON (or JSON Lines) document, in document order."""
    lines = text.splitlines() if mime == NDJSON else [text]
    extraction = Extraction(mime=mime, extractor=labelled("text", "json"))
    try:
        values = [json.loads(line) for line in lines if line.strip()]
    except (ValueError, RecursionError) as error:  # what a reader sees is still the text
        extraction.metadata["json_error"] = str(error)
        extraction.add_page(clean(text))
        return extraction
    extraction.add_page(clean("\n".join(s for value in values for s in _json_strings(value))))
    return extraction


def _json_strings(value: Any) -> Iterator[str]:
    """Every key and string value under a decoded JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def _html(text: str, mime: str) -> Extraction:
    """Title, visible text, links and author of an HTML page."""
    root = parse_html(text)
    extraction = Extraction(mime=mime, extractor=labelled("text", "lxml"))
    extraction.title = " ".join((root.findtext(".//title") or "").split()) or None
    put(
        extraction.metadata,
        title=extraction.title,
        author=next(iter(root.xpath("//meta[@name='author']/@content")), None),
        links=[str(href) for href in root.xpath("//a/@href")],
    )
    extraction.add_page(clean(visible_text(root)))
    return extraction
