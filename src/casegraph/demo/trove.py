"""The demo trove: a leaked archive about an invented war, with its ground truth.

``build_trove(dest)`` writes the files under ``dest/trove`` and the ground truth
to ``dest/ground_truth.json`` (outside the trove, so it is not ingested).
``ground_truth()`` returns the same ground truth as a dict. The documents and their
ground truth are rendered from the data files in ``data/`` (see ``render``), and the
scans drawn by ``scans``: the same bytes every run.

``build_control_trove(dest)`` and ``control_ground_truth()`` do the same for the
control trove (see ``control``): ten text documents in which the same actors only
fight, with no cooperative event at all.

Ground truth layout (``version`` 2):

* ``documents``: every file and every member of a container (archive member,
  e-mail attachment, message of a mailbox, file embedded in a PDF). A member's
  path is ``container!/name``; a mailbox's messages are named ``message-0001.eml``, ...
  Keys: path, format, language (None for containers), split (dev/heldout),
  parent, sha256, size, date, and flags where they apply: encrypted (+ password),
  corrupt, draft, image_only (+ ocr_text, the lines drawn in the image, and stamp,
  the word in the stamp box, if any; the scanned and photographed pages of
  ``scans`` also have ``scan``: language, rotation, skew, degraded, handwriting,
  and ``ocr_pages`` when they have several pages: see ``scans``),
  duplicate_of (the path of another document with the same bytes).
* ``entities``: see ``scenario.ENTITIES``.
* ``events``: what happened (or was ordered, promised, threatened, denied), coded
  with PLOVER, each with the document and the exact sentence that records it.
  Keys: id; category (one of PLOVER's 16, ``model.QUADS``); mode (``model.MODES``,
  or ""); quad (verbal_cooperation, material_cooperation, verbal_conflict,
  material_conflict); actor and target (an entity id, a list of ids for joint
  actors such as "the two sides", or None where the text names nobody the scenario
  knows); place; date (YYYY-MM-DD, from the sentence, else the document's);
  negated ("did not shell", "do not fire"); hypothetical (conditional, promised,
  ordered or announced: not done when written); doc; quote. Where they apply:
  actor_text / target_text (the words the sentence uses when they are a generic
  reference or not a name: "the army", "the two sides", "our units"); actor_from
  ("letterhead": an order in the imperative takes the issuing body from the
  letterhead or sender); status (ordered, done, announced, claimed, alleged); via
  (the middleman); requested and requested_mode (what a REQUEST asks for);
  subtype; amount_usd.
* ``claims``: who said what, with the exact sentence. Keys: id; source (entity id,
  or None for a speaker the scenario does not know, such as "defectors");
  source_text (how the sentence names the speaker, where it does); cue; content (a
  paraphrase); kind (direct: quotation marks; indirect: reporting verb and clause;
  according_to; headline: "Officials: ...", "X says ..."; document: a document as
  the source, "the documents suggest", or a document's own unattributed words,
  whose speaker is its author or issuer); hedged (the wording distances the writer
  from the content: allegedly, reportedly, may, appear to, could not be verified);
  stance (asserts, denies, hedged: the speaker's position); doc; quote;
  about_event. Where they apply: copied_from (the claim id of the original),
  single_source, anonymous, opinion.
* ``stories``: news items, with ``copied_from`` for republished stories.

Quotes are exact substrings of the document's text for text, HTML, CSV, JSON,
XML, e-mail and office formats. In PDF, DOC and PPT text, lines are wrapped, so
compare with runs of whitespace collapsed to one space.
"""

from __future__ import annotations

import copy
import functools
import json
import os
from pathlib import Path
from typing import Any

from . import control, docs_archives, docs_command, docs_finance, docs_mail, docs_press, scans
from .model import CLAIM_KINDS, COOPERATIVE_QUADS, MODES, QUADS, SEP, Doc, Truth, split_of
from .scenario import ENTITIES

VERSION = 2


def _entries(docs: list[Doc]) -> list[dict[str, Any]]:
    """The ground-truth entry of every document and every member, depth first."""
    entries = []
    for top in docs:
        for doc in top.walk():
            parent = doc.path.rsplit(SEP, 1)[0] if SEP in doc.path else None
            entries.append(
                {
                    "path": doc.path,
                    "format": doc.fmt,
                    "language": doc.language,
                    "split": split_of(doc.path),
                    "parent": parent,
                    "sha256": doc.sha256,
                    "size": len(doc.data),
                    "date": doc.when.date().isoformat(),
                    **doc.flags,
                }
            )
    return entries


def _result(docs: list[Doc], truth: Truth) -> dict[str, Any]:
    docs.sort(key=lambda d: d.path)
    result = {
        "version": VERSION,
        "documents": _entries(docs),
        "entities": ENTITIES,
        "events": truth.events,
        "claims": truth.claims,
        "stories": truth.stories,
    }
    _check(result)
    return result


@functools.lru_cache(maxsize=1)
def _generate() -> tuple[tuple[Doc, ...], dict[str, Any]]:
    truth = Truth()
    command = docs_command.build(truth)
    memo_fuel = next(d for d in command if d.path == docs_command.MEMO_FUEL)
    docs = [
        *command,
        *docs_finance.build(truth, memo_fuel),
        *docs_press.build(truth),
        *docs_mail.build(truth),
        *docs_archives.build(truth),
        *scans.build(),
    ]
    result = _result(docs, truth)
    return tuple(docs), result


@functools.lru_cache(maxsize=1)
def _generate_control() -> tuple[tuple[Doc, ...], dict[str, Any]]:
    truth = Truth()
    docs = control.build(truth)
    result = _result(docs, truth)
    cooperative = [e["id"] for e in result["events"] if e["quad"] in COOPERATIVE_QUADS]
    assert not cooperative, cooperative
    return tuple(docs), result


def _check(truth: dict[str, Any]) -> None:
    """Cross-references in the ground truth point at things that exist."""
    paths = [d["path"] for d in truth["documents"]]
    assert len(paths) == len(set(paths)), "duplicate document paths"
    known_paths = set(paths)
    entity_ids = {e["id"] for e in truth["entities"]}
    assert len(entity_ids) == len(truth["entities"]), "duplicate entity ids"
    for entity in truth["entities"]:
        assert set(entity["adversaries"]) <= entity_ids, entity["id"]
    event_ids = {e["id"] for e in truth["events"]}
    assert len(event_ids) == len(truth["events"]), "duplicate event ids"
    for event in truth["events"]:
        where = event["id"]
        assert event["doc"] in known_paths, event["doc"]
        assert QUADS.get(event["category"]) == event["quad"], where
        assert not event["mode"] or event["mode"] in MODES.get(event["category"], ()), where
        assert isinstance(event["negated"], bool) and isinstance(event["hypothetical"], bool)
        for key in ("actor", "target"):
            value = event[key]
            ids = value if isinstance(value, list) else [value]
            assert ids and all(i is None or i in entity_ids for i in ids), (where, key)
            assert not isinstance(value, list) or (len(value) >= 2 and None not in value)
        for key in ("place", "via"):
            assert event.get(key) is None or event[key] in entity_ids, (where, key)
    claim_ids = {c["id"] for c in truth["claims"]}
    assert len(claim_ids) == len(truth["claims"]), "duplicate claim ids"
    for claim in truth["claims"]:
        where = claim["id"]
        assert claim["doc"] in known_paths, claim["doc"]
        assert claim["kind"] in CLAIM_KINDS, where
        assert isinstance(claim["hedged"], bool), where
        if claim["source"] is None:
            assert claim["source_text"], where
        else:
            assert claim["source"] in entity_ids, where
        assert claim["about_event"] is None or claim["about_event"] in event_ids, where
        assert claim.get("copied_from") is None or claim["copied_from"] in claim_ids, where
    for story in truth["stories"]:
        assert story["doc"] in known_paths, story["doc"]
        assert story["outlet"] in entity_ids, story["doc"]
        assert story["copied_from"] is None or story["copied_from"] in known_paths
    for doc in truth["documents"]:
        assert doc.get("duplicate_of") is None or doc["duplicate_of"] in known_paths


def ground_truth() -> dict[str, Any]:
    """The ground truth of the demo trove (a fresh copy each call)."""
    return copy.deepcopy(_generate()[1])


def control_ground_truth() -> dict[str, Any]:
    """The ground truth of the control trove (a fresh copy each call)."""
    return copy.deepcopy(_generate_control()[1])


def build_trove(dest: Path) -> Path:
    """Write the trove under ``dest/trove`` and ``dest/ground_truth.json``; returns the trove.

    Files are (over)written with fixed modification times; other files already in
    the folder are left alone.
    """
    return _write(Path(dest), *_generate())


def build_control_trove(dest: Path) -> Path:
    """Write the control trove (the same actors, fighting only) like ``build_trove``."""
    return _write(Path(dest), *_generate_control())


def _write(dest: Path, docs: tuple[Doc, ...], truth: dict[str, Any]) -> Path:
    trove = dest / "trove"
    for doc in docs:
        target = trove / doc.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(doc.data)
        stamp = doc.when.timestamp()
        os.utime(target, (stamp, stamp))
    (dest / "ground_truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return trove
