"""Write a case as FollowTheMoney entities, one JSON object per line, through followthemoney.

Documents become ``Document`` with their text (``bodyText``), or ``Pages`` with a ``Page``
for each page when they have several, each with its ``parent`` (the archive, e-mail or
folder document it came out of); people ``Person``, organisations ``Organization``, places
``Address``; every mention becomes a ``Mention`` of its document resolved to its entity;
every event an ``Event`` and every claim a ``Note`` (on its speaker's entity, else its
document), whose proof is its document and whose notes give the passage's page and
characters; people's notes and tags also become a ``Note`` on their document. Ids are
derived from casegraph's ids.

Reads: the case's documents and pages, entities, mentions, events, claims and notes.
Writes: a JSON-lines file, streamed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from followthemoney import model

from ..case.store import Case
from ..listings import Note
from ..records import actor_list

SCHEMA_OF_TYPE = {"person": "Person", "organization": "Organization", "place": "Address"}


def export_ftm(case: Case, out: Path) -> dict[str, Any]:
    """Write the case's FollowTheMoney entities to ``out``; counts by schema."""
    counts: dict[str, int] = {}
    with out.open("w", encoding="utf-8") as handle:
        for doc in case.documents.each_label():
            for proxy in _document(doc, case.pages.texts_of([doc["doc_id"]])):
                _write(handle, proxy, counts)
        entities = {}
        for entity in case.entities.select():
            schema = SCHEMA_OF_TYPE.get(entity["type"])
            if schema is None:
                continue
            proxy = model.make_entity(schema)
            proxy.id = f"ent-{entity['id']}"
            proxy.add("full" if schema == "Address" else "name", entity["name"])
            if schema == "Address":
                proxy.add("latitude", entity["lat"])
                proxy.add("longitude", entity["lon"])
            else:
                proxy.add("alias", [a for a in entity["aliases"] if a != entity["name"]])
            entities[entity["id"]] = schema
            _write(handle, proxy, counts)
        for mention in case.mentions.resolved():
            if mention["entity_id"] not in entities:
                continue
            proxy = model.make_entity("Mention")
            proxy.make_id("mention", mention["doc_id"], mention["page"], mention["start"])
            proxy.add("document", f"doc-{mention['doc_id']}")
            proxy.add("resolved", f"ent-{mention['entity_id']}")
            proxy.add("name", mention["text"])
            proxy.add("detectedSchema", entities[mention["entity_id"]])
            _write(handle, proxy, counts)
        for event in case.events.each():
            _write(handle, _event(event, entities), counts)
        for claim in case.claims.each():
            _write(handle, _claim(claim, entities), counts)
        for note in case.notes.select():
            _write(handle, _person_note(note), counts)
    return {"format": "ftm", "path": str(out), "entities": counts}


def _document(doc: dict[str, Any], pages: dict[tuple[str, int], str]) -> list[Any]:
    """A document with its text: one ``Document``, or ``Pages`` and a ``Page`` for each page."""
    proxy = model.make_entity("Pages" if len(pages) > 1 else "Document")
    proxy.id = f"doc-{doc['doc_id']}"
    proxy.add("title", doc["title"] or doc["path"])
    proxy.add("fileName", doc["path"])
    proxy.add("mimeType", doc["mime"])
    if doc["parent_id"]:
        proxy.add("parent", f"doc-{doc['parent_id']}")
    if len(pages) == 1:
        proxy.add("bodyText", next(iter(pages.values())))
        return [proxy]
    found = [proxy]
    for (_, number), text in sorted(pages.items()):
        page = model.make_entity("Page")
        page.id = f"page-{doc['doc_id']}-{number}"
        page.add("document", proxy.id)
        page.add("index", number)
        page.add("bodyText", text)
        found.append(page)
    return found


def _claim(claim: Mapping[str, Any], known: dict[str, str]) -> Any:
    """A claim as a ``Note``: on its speaker's entity (else its document), quoting it."""
    evidence = claim["evidence"]
    proxy = model.make_entity("Note")
    proxy.id = f"claim-{claim['id']}"
    speaker = claim["speaker"]["id"] if claim["speaker"] else None
    proxy.add("entity", f"ent-{speaker}" if speaker in known else f"doc-{evidence['doc_id']}")
    who = claim["speaker"]["name"] if claim["speaker"] else claim["speaker_text"] or "unnamed"
    proxy.add("name", f"{who} ({claim['kind']}, {claim['cue']})")
    proxy.add("description", claim["content"])
    _proved_by(proxy, evidence, f"hedged {claim['hedged']}")
    return proxy


def _person_note(note: Note) -> Any:
    """A person's note or tag as a ``Note`` on its document, quoting its span."""
    proxy = model.make_entity("Note")
    proxy.id = f"note-{note['id']}"
    proxy.add("entity", f"doc-{note['doc_id']}")
    proxy.add("name", f"{note['author']}: {note['tag'] or 'note'}")
    proxy.add("description", note["text"] or note["quote"])
    proxy.add("summary", note["quote"])
    _proved_by(proxy, {**note}, f"tag {note['tag'] or '-'}; by {note['author']}")
    return proxy


def _proved_by(proxy: Any, evidence: dict[str, Any], more: str) -> None:
    """The passage's document as proof, its page and characters (and more) as notes."""
    proxy.add("proof", f"doc-{evidence['doc_id']}")
    where = f"page {evidence['page']}, characters {evidence['start']}-{evidence['end']}"
    proxy.add("notes", f"{where}; {more}")


def _event(event: Mapping[str, Any], known: dict[str, str]) -> Any:
    evidence = event["evidence"]
    proxy = model.make_entity("Event")
    proxy.id = f"event-{event['id']}"
    mode = f"/{event['mode']}" if event["mode"] else ""
    proxy.add("name", f"{event['category']}{mode}")
    proxy.add("date", event["date"])
    proxy.add("summary", evidence["text"])
    flags = f"negated {event['negated']}; hypothetical {event['hypothetical']}"
    _proved_by(proxy, evidence, f"quad {event['quad']}; {flags}")
    if event["location"]:
        proxy.add("location", event["location"]["name"])
    for role in ("source", "target"):
        for actor in actor_list(event[role]):
            if actor.get("id") in known:
                proxy.add("involved", f"ent-{actor['id']}")
                if role == "source":
                    proxy.add("organizer", f"ent-{actor['id']}")
    return proxy


def _write(handle: TextIO, proxy: Any, counts: dict[str, int]) -> None:
    handle.write(json.dumps(proxy.to_dict(), ensure_ascii=False) + "\n")
    counts[proxy.schema.name] = counts.get(proxy.schema.name, 0) + 1
