"""The report: a case's findings, best first, as one self-contained HTML (or PDF) file.

Each finding is shown with its summary, score, actors, independent sources and every
passage behind it (document, page and characters), its standing in words, a picture of
its actors and a time line of its events. The HTML needs nothing from the network: the
style is inline, the pictures are inline SVG and the fonts are the reader's own. The HTML
is written as a stream, one finding at a time, so only one finding's pictures are in
memory; a PDF is laid out from the whole text at once.

Reads: findings (``analysis.findings``), events, claims, document titles and paths, counts.
Writes: one file, ``.html`` or ``.pdf`` (rendered by WeasyPrint).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from ..analysis.findings import find
from ..case.store import Case, now
from ..errors import BadSetting
from ..records import actor_list
from .charts import network_svg, status, timeline_svg

FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf"}
DEFAULT_LIMIT = 20
MAX_PASSAGES = 50  # passages quoted per finding; the JSON of `casegraph findings` has them all
KIND_TITLES = {
    "unexpected_cooperation": "Adversaries cooperating",
    "contradiction": "A denial contradicted",
    "single_source_claim": "A claim from one source only",
    "syndicated_copies": "One story, several outlets",
}
STATUS_WORDS = {
    "ordered or intended": "only ordered or intended, not reported as done",
    "denied": "said not to have happened",
}


def report_format(out: Path) -> str:
    """The format a report path asks for ("html" or "pdf"), once it is known to be writable."""
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise BadSetting(f"cannot write {out}: a report is .html or .pdf")
    if not out.resolve().parent.is_dir():
        raise BadSetting(f"cannot write {out}: the folder {out.parent} does not exist")
    if out.is_dir():
        raise BadSetting(f"cannot write {out}: it is a folder")
    return fmt


def write_report(
    case: Case,
    out: Path,
    limit: int = DEFAULT_LIMIT,
    findings: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Write the report of a case's top findings to out (.html or .pdf); returns what it wrote.

    findings: the case's findings, best first, when the caller already has them.
    """
    fmt = report_format(out)
    if limit < 1:
        raise BadSetting(f"the report needs at least one finding to show, got {limit}")
    found = find(case) if findings is None else findings
    shown = found[:limit]
    stream = _template().stream(
        **_overview(case, len(found), len(shown)),
        contents=[{"id": f["id"], "heading": heading(f)} for f in shown],
        findings=_views(case, shown),
    )
    written = {
        "path": str(out),
        "format": fmt,
        "findings": len(shown),
        "more": len(found) - len(shown),
    }
    if fmt == "pdf":
        from .pdf import write_pdf  # WeasyPrint is slow to load; only PDFs need it

        written["pages"] = write_pdf("".join(stream), out)
    else:
        with out.open("w", encoding="utf-8") as handle:
            stream.dump(handle)
    return {**written, "bytes": out.stat().st_size}


def _template() -> Any:
    environment = Environment(
        loader=PackageLoader("casegraph.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template("report.html.j2")


def _overview(case: Case, total: int, shown: int) -> dict[str, Any]:
    """The header: which case, when, how big, how many findings are shown."""
    counts = case.status()
    return {
        "case_name": case.root.resolve().name,
        "case_created": case.created_at(),
        "made": now(),
        "counts": {
            "documents": counts["documents"],
            "pages": counts["pages"],
            "entities": case.entity_count(),
            **case.reading_counts(),
        },
        "total": total,
        "shown": shown,
    }


def _views(case: Case, findings: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    places = {e["id"] for e in case.list_entities(type_name="place")}
    for number, finding in enumerate(findings, 1):
        yield finding_view(case, finding, number, places)


def finding_view(
    case: Case, finding: dict[str, Any], number: int, places: set[str]
) -> dict[str, Any]:
    """One finding as the template shows it: words, passages with references, pictures
    (which leave out ``places``, entity ids: places are where acts happen, not who acts)."""
    adversity = finding.get("adversity", {})
    conflict_ids = adversity.get("conflict_events", [])
    events = case.list_events(ids=finding["events"] + conflict_ids) if finding["events"] else []
    by_id = {e["id"]: e for e in events}
    labels = case.document_labels(_documents_of(finding, events))
    is_claim = finding["kind"] == "single_source_claim"
    claims = case.claims_at(finding["evidence"][0]) if is_claim else []
    notes = _notes(events, claims)
    named = [p for p in finding["evidence"] if p.get("sides_named", True)]
    alike = [p for p in finding["evidence"] if not p.get("sides_named", True)]

    def passages(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [_passage(p, labels, notes) for p in found]

    return {
        "number": number,
        "id": finding["id"],
        "kind": finding["kind"],
        "heading": heading(finding),
        "summary": finding["summary"],
        "review": finding.get("review"),
        "score": finding["score"],
        "actors": [a["name"] for a in finding["actors"]],
        "standing": _standing(finding, [by_id[i] for i in finding["events"] if i in by_id], claims),
        "sources": [
            {
                "name": s["name"],
                "provenance": s.get("provenance"),
                "documents": [_document(d, labels) for d in s["documents"]],
            }
            for s in finding["sources"]
        ],
        "passages": passages(named[:MAX_PASSAGES]),
        "more_passages": sum(max(0, len(shown) - MAX_PASSAGES) for shown in (named, alike)),
        "alike": passages(alike[:MAX_PASSAGES]),
        "conflicts": passages([by_id[i]["evidence"] for i in conflict_ids if i in by_id]),
        "sentences": passages(adversity.get("sentences", [])),
        "known_enemies": adversity.get("knowledge_base", False),
        "network": _inline(
            network_svg(events, f"{finding['id']}-n", {a["id"] for a in finding["actors"]}, places)
        ),
        "timeline": _inline(timeline_svg(events, f"{finding['id']}-t", places)),
        "undated": [
            {**_passage(e["evidence"], labels, {}), "notes": [describe(e)]}
            for e in events
            if not e["date"]
        ],
    }


def _documents_of(finding: dict[str, Any], events: list[dict[str, Any]]) -> list[str]:
    """Every document a finding's passages and sources point to."""
    passages = finding["evidence"] + finding.get("adversity", {}).get("sentences", [])
    passages += [e["evidence"] for e in events]
    return [p["doc_id"] for p in passages] + [
        d for source in finding["sources"] for d in source["documents"]
    ]


def _notes(events: list[dict[str, Any]], claims: list[dict[str, Any]]) -> dict[tuple, list[str]]:
    """What each passage stands for, in words, by (doc_id, page, start, end)."""
    notes: dict[tuple, list[str]] = defaultdict(list)
    for event in events:
        notes[_key(event["evidence"])].append(describe(event))
    for claim in claims:
        notes[_key(claim["evidence"])].append(_claim_words(claim))
    return notes


def heading(finding: dict[str, Any]) -> str:
    """A finding's title: its kind in words and its actors."""
    title = KIND_TITLES.get(finding["kind"], finding["kind"])
    names = ", ".join(a["name"] for a in finding["actors"])
    return f"{title}: {names}" if names else title


def describe(event: dict[str, Any]) -> str:
    """An event in words: what, who to whom, when, and how it stands."""
    who = _names(event["source"]) or "someone"
    line = f"{event['category']} ({event['quad'].replace('_', ' ')}): {who}"
    if event["target"]:
        line += f" \u2192 {_names(event['target'])}"
    line += f", {event['date'] or 'undated'}"
    state = status(event)
    return line if state == "done" else f"{line}; {STATUS_WORDS[state]}"


def _names(value: Any) -> str:
    return " and ".join(a["name"] for a in actor_list(value))


def _claim_words(claim: dict[str, Any]) -> str:
    speaker = (claim["speaker"] or {}).get("name") or claim["speaker_text"] or "someone"
    manner = "hedged: the wording keeps its distance" if claim["hedged"] else "stated, not hedged"
    return f"Claim by {speaker}, introduced by \u201c{claim['cue']}\u201d; {manner}"


def _key(passage: dict[str, Any]) -> tuple:
    return passage["doc_id"], passage["page"], passage["start"], passage["end"]


def _document(doc_id: str, labels: dict[str, dict[str, Any]]) -> dict[str, Any]:
    label = labels.get(doc_id, {})
    return {"doc_id": doc_id, "title": label.get("title"), "path": label.get("path")}


def _passage(
    passage: dict[str, Any], labels: dict[str, dict[str, Any]], notes: dict[tuple, list[str]]
) -> dict[str, Any]:
    return {
        **passage,
        "document": _document(passage["doc_id"], labels),
        "notes": notes.get(_key(passage), []),
    }


def _inline(svg: str | None) -> Markup | None:
    # matplotlib escapes every label it writes, so the picture is safe to inline as it is
    return Markup(svg) if svg else None


def _standing(
    finding: dict[str, Any], events: list[dict[str, Any]], claims: list[dict[str, Any]]
) -> list[str]:
    """How far to trust a finding, in plain sentences."""
    sources = len(finding["sources"])
    kind = finding["kind"]
    if kind == "syndicated_copies":
        return [
            f"These {len(finding['evidence'])} documents carry one story: "
            "they count as one source, not several."
        ]
    words = []
    if kind == "contradiction":
        words.append(
            "The first passage is the denial; the others report the act. "
            + (
                "Only one other independent source reports it."
                if sources == 2
                else f"{sources - 1} other independent sources report it."
            )
        )
    elif sources > 1:
        words.append(f"{sources} independent sources stand behind it.")
    else:
        words.append(
            "Single source: only one independent source stands behind it, "
            "and one voice may be wrong."
        )
    unsure = [e for e in events if status(e) != "done"]
    if kind == "unexpected_cooperation" and unsure:
        words.append(
            f"{len(unsure)} of its {len(events)} events are only ordered or intended, "
            "not reported as done."
        )
    for claim in claims:
        words.append(
            "The claim is hedged: its wording keeps its distance from what it reports."
            if claim["hedged"]
            else "The claim is stated outright, without hedging."
        )
    return words
