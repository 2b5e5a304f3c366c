"""The demo's documents, rendered from its data files with their ground truth.

Reads ``demo/data/<name>.yaml``: a list of entries, in the order their ground truth
is recorded. An entry is either a document or a ground-truth item that no document
of the file carries (``{event: {...}}``, ``{claim: {...}}``, with its ``doc`` and
``quote``). A document entry has ``path``, ``format``, ``time`` ("2015-05-12 07:00",
UTC), ``writer`` (a name in the writers given to ``render``) and ``args``, the
writer's keyword arguments, and where they apply ``language``, ``flags`` and
``story`` (the outlet, and ``copied_from``, of a news item), and ``members``: the
entries of the files inside it, their ``path`` their name inside it, rendered first
and handed to the writers that take ``members`` (archives, e-mails, PDFs with files).

Inside ``args``:

* a text that records ground truth is a mapping: ``quote`` (the sentence)
  and ``event`` and/or
  ``claim`` (one item or a list), the keyword arguments of ``Truth.event`` and
  ``Truth.claim`` without ``doc`` and ``quote``. It is recorded, in the order met,
  and replaced by its text;
* a text with ground truth in the middle is ``{join: [part, ...]}``, its parts
  (texts, or texts that record ground truth) joined with nothing between them;
* a block of a document (see ``writers.Block``) is a mapping with one key: ``{h:
  text}``, ``{table: rows}``, ``{page: null}``;
* ``when`` is a time like ``time``; a writer that takes ``when`` is given the
  document's time unless the arguments say otherwise.

Writes nothing itself: ``render`` returns the documents and records events, claims
and stories in the ``Truth`` it is given.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from email import message_from_bytes
from importlib import resources
from typing import Any

from . import legacy
from . import writers as formats
from .model import Doc, Truth, member

Writer = Callable[..., bytes]
TRUTH_KINDS = ("event", "claim")
BLOCK_KINDS = ("h", "table", "page")


def mail(
    when: datetime, members: Sequence[Doc], mimes: Sequence[str], fields: dict[str, Any]
) -> formats.Mail:
    """A ``writers.Mail`` from its fields; its members are its attachments."""
    attachments = [(doc.name, doc.data, mime) for doc, mime in zip(members, mimes, strict=True)]
    return formats.Mail(when=when, attachments=attachments, **fields)


def eml(
    *, when: datetime, members: Sequence[Doc] = (), mimes: Sequence[str] = (), **fields: Any
) -> bytes:
    """An e-mail file (see ``mail``)."""
    return formats.eml(mail(when, members, mimes, fields))


def mbox_message(
    *, when: datetime, members: Sequence[Doc] = (), mimes: Sequence[str] = (), **fields: Any
) -> bytes:
    """A message of an mbox file (see ``mail``)."""
    return formats.mbox_message(mail(when, members, mimes, fields))


def mbox(*, members: Sequence[Doc]) -> bytes:
    """An mbox file of its member messages."""
    return formats.mbox(
        [(message_from_bytes(doc.data)["From"], doc.when, doc.data) for doc in members]
    )


def pdf_with_files(
    blocks: Sequence[formats.Block],
    *,
    when: datetime,
    members: Sequence[Doc],
    descriptions: Sequence[str],
    **options: Any,
) -> bytes:
    """A PDF with its members embedded as files, each with its description."""
    files = [
        formats.PdfAttachment(doc.name, doc.data, description)
        for doc, description in zip(members, descriptions, strict=True)
    ]
    return formats.pdf(blocks, when=when, attachments=files, **options)


def scan_pdf(
    lines: Sequence[str], *, title: str, when: datetime, stamp: str | None = None
) -> bytes:
    """A PDF of one scanned page, with no text layer: the lines typed, the stamp inked."""
    return formats.image_only_pdf(formats.scan_image(lines, stamp=stamp), title=title, when=when)


def zip_file(*, members: Sequence[Doc]) -> bytes:
    """A zip archive of its members."""
    return formats.zip_archive([doc.entry() for doc in members])


def tar(*, members: Sequence[Doc], when: datetime, compression: str = "", owner: str) -> bytes:
    """A tar archive of its members, compressed with 'gz', 'bz2', 'xz' or not at all."""
    entries = [doc.entry() for doc in members]
    return formats.tar_archive(entries, compression=compression, when=when, owner=owner)


def sevenzip(*, members: Sequence[Doc]) -> bytes:
    """A 7z archive of its members."""
    return formats.sevenzip([doc.entry() for doc in members])


def gzip(*, members: Sequence[Doc], when: datetime) -> bytes:
    """A gzip file of its one member."""
    (only,) = members
    return formats.gzip_bytes(only.data, only.name, when)


def xml(root: dict[str, Any]) -> bytes:
    """An XML document from its root element (see ``xml_element``)."""
    return formats.xml_bytes(xml_element(root))


def xml_element(element: dict[str, Any]) -> str:
    """An element given as ``tag``, ``attrs`` and ``content`` (a text or a list of elements)."""
    content = element.get("content")
    if isinstance(content, list):
        content = [xml_element(child) for child in content]
    return formats.xml_element(element["tag"], content, **element.get("attrs", {}))


# the writers every data file may name; modules add their own (a news page, a sitrep)
WRITERS: dict[str, Writer] = {
    "eml": eml,
    "mbox_message": mbox_message,
    "mbox": mbox,
    "pdf_with_files": pdf_with_files,
    "scan_pdf": scan_pdf,
    "asset": legacy.asset,
    "xml": xml,
    "gzip": gzip,
    "zip": zip_file,
    "tar": tar,
    "sevenzip": sevenzip,
    **{
        name: getattr(formats, name)
        for name in ("text", "csv_bytes", "json_bytes", "docx", "odt", "rtf")
        + ("pdf", "xlsx", "ods", "odp", "pptx", "xls", "scan_image")
    },
}


def load(name: str) -> list[dict[str, Any]]:
    """The entries of ``demo/data/<name>.yaml``."""
    # imported here, as the writers import theirs, so run.check_extra can name what is missing
    import yaml

    text = resources.files(__package__).joinpath("data", f"{name}.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def render(name: str, t: Truth, writers: Mapping[str, Writer]) -> list[Doc]:
    """The documents of data file ``name``, their ground truth recorded in ``t``."""
    docs = []
    for entry in load(name):
        if "path" in entry:
            docs.append(render_doc(entry, t, writers))
        else:
            record(t, entry)
    return docs


def render_doc(
    entry: dict[str, Any], t: Truth, writers: Mapping[str, Writer], container: str | None = None
) -> Doc:
    """One document entry, its members first: bytes from its writer, ground truth recorded."""
    path = member(container, entry["path"]) if container else entry["path"]
    members = [render_doc(each, t, writers, path) for each in entry.get("members", [])]
    when = parse_time(entry["time"])
    writer = writers[entry["writer"]]
    args = resolve(entry.get("args", {}), t, path)
    parameters = inspect.signature(writer).parameters
    if "when" in parameters:
        args["when"] = parse_time(args["when"]) if "when" in args else when
    if "members" in parameters:
        args["members"] = members
    doc = Doc(
        path,
        entry["format"],
        writer(**args),
        when,
        language=entry.get("language", "en"),
        children=members,
        flags=entry.get("flags", {}),
    )
    if "story" in entry:
        t.story(path, **entry["story"])
    return doc


def parse_time(text: str) -> datetime:
    """A data file's time ("2015-05-12 07:00"), in UTC."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def resolve(value: Any, t: Truth, doc: str) -> Any:
    """Writer arguments from data: ground-truth texts recorded and replaced, blocks made."""
    if isinstance(value, list):
        return [resolve(item, t, doc) for item in value]
    if not isinstance(value, dict):
        return value
    if any(kind in value for kind in TRUTH_KINDS):
        return record_text(value, t, doc)
    if "join" in value:
        return "".join(resolve(value["join"], t, doc))
    if len(value) == 1 and next(iter(value)) in BLOCK_KINDS:
        kind, content = next(iter(value.items()))
        return (kind,) if content is None else (kind, resolve(content, t, doc))
    return {key: resolve(item, t, doc) for key, item in value.items()}


def record_text(node: dict[str, Any], t: Truth, doc: str) -> str:
    """Record the events and claims of a text of ``doc``; returns the text."""
    quote = node["quote"]
    for kind in TRUTH_KINDS:
        items = node.get(kind, [])
        for item in items if isinstance(items, list) else [items]:
            record(t, {kind: {**item, "doc": doc, "quote": quote}})
    return quote


def record(t: Truth, entry: dict[str, Any]) -> None:
    """Record one ground-truth item given as ``{event: {...}}`` or ``{claim: {...}}``."""
    (kind, item), *_ = entry.items()
    assert kind in TRUTH_KINDS, kind
    getattr(t, kind)(**item)
