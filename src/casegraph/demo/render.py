"""The demo's documents, rendered from its data files with their ground truth.

Reads ``demo/data/<name>.yaml``: a list of entries, in the order their ground truth
is recorded. An entry is either a document or a ground-truth item that no document
of the file carries (``{event: {...}}``, ``{claim: {...}}``, with its ``doc`` and
``quote``). A document entry has:

* ``path``, ``format`` and ``time`` ("2015-05-12 07:00", UTC);
* ``writer``, a name in the writers given to ``render`` (by default
  ``data_writers.WRITERS``), and ``args``, the writer's keyword arguments;
* where they apply, ``language``, ``flags`` (beyond those ``data_writers.FLAGS``
  derives from the arguments, as a scan's text) and ``story`` (the outlet, and
  ``copied_from``, of a news item);
* ``members``: the entries of the files inside it, each ``path`` its name inside
  it, rendered first and handed to the writers that take ``members`` (archives,
  e-mails with attachments, PDFs with files).

Inside ``args``:

* a text that records ground truth is a mapping: ``quote`` (the sentence) and
  ``event`` and/or ``claim`` (one item or a list), the keyword arguments of
  ``Truth.event`` and ``Truth.claim`` without ``doc`` and ``quote``. It is recorded,
  in the order met, and replaced by its quote;
* a text with ground truth in the middle is ``{join: [part, ...]}``, its parts
  (texts, or texts that record ground truth) joined with nothing between them;
* a block of a document (see ``writers.Block``) is a mapping with one key: ``{h:
  text}``, ``{table: rows}``, ``{page: null}``;
* ``when`` is a time like ``time``; a writer that takes ``when`` is given the
  document's time unless the arguments say otherwise.

A text or an item used again is written once with a YAML anchor (``&name``) and
repeated with an alias (``*name``), or merged (``{<<: *name, id: ...}``) where a few
keys differ: a republished story and its copied claims.

Writes nothing itself: ``render`` returns the documents and records events, claims
and stories in the ``Truth`` it is given.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from .data_writers import FLAGS, WRITERS, Writer
from .model import Doc, Truth, member

TRUTH_KINDS = ("event", "claim")
BLOCK_KINDS = ("h", "table", "page")


def load(name: str) -> list[dict[str, Any]]:
    """The entries of ``demo/data/<name>.yaml``."""
    # imported here, as the writers import theirs, so run.check_extra can name what is missing
    import yaml

    text = resources.files(__package__).joinpath("data", f"{name}.yaml").read_text("utf-8")
    entries: list[dict[str, Any]] = yaml.safe_load(text)
    return entries


def render(name: str, t: Truth, writers: Mapping[str, Writer] = WRITERS) -> list[Doc]:
    """The documents of data file ``name``, their ground truth recorded in ``t``."""
    docs = []
    for entry in load(name):
        if "path" in entry:
            docs.append(render_doc(entry, t, writers))
        else:
            record(t, entry)
    return docs


def render_doc(
    entry: dict[str, Any],
    t: Truth,
    writers: Mapping[str, Writer] = WRITERS,
    container: str | None = None,
) -> Doc:
    """One document entry, its members first: bytes from its writer, ground truth recorded."""
    path = member(container, entry["path"]) if container else entry["path"]
    members = [render_doc(each, t, writers, path) for each in entry.get("members", [])]
    when = parse_time(entry["time"])
    writer = writers[entry["writer"]]
    args = resolve(entry.get("args", {}), t, path)
    derived = FLAGS[entry["writer"]](args) if entry["writer"] in FLAGS else {}
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
        flags={**derived, **entry.get("flags", {})},
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
    quote: str = node["quote"]
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
