"""The report: a case's findings, best first, as one self-contained HTML (or PDF) file.

The first screen holds the top finding in words and its strongest evidence. Each finding
is then shown with its summary, score, actors, independent sources and every passage
behind it (document, page and characters), strongest first: acts done before acts only
ordered or intended, the trove's own papers before reports about them, dated before
undated; each quote is trimmed to its sentences, menus and by-lines left out. Its standing
is given in words, with a picture of its actors and a time line of its events. Acts are
named in plain words; the PLOVER codes behind them are in a glossary at the end. The HTML
needs nothing from the network: the style is inline, the pictures are inline SVG and the
fonts are the reader's own. The HTML is written as a stream, one finding at a time, so
only one finding's pictures are in memory; a PDF is laid out from the whole text at once.

Reads: findings (``analysis.findings``), events, claims, document titles, paths and
provenance, counts.
Writes: one file, ``.html`` or ``.pdf`` (rendered by WeasyPrint).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from ..analysis.findings import PassageKey, find
from ..analysis.provenance import PRIMARY, Provenance, act_date, document_provenance
from ..case.store import Case, now
from ..errors import BadSetting
from ..nlp.plover import CATEGORIES, QUAD_WORDS, in_words
from ..nlp.syntax import menu_line
from ..records import actor_list
from .charts import network_svg, status, timeline_svg

# the version of the report, as the investigate stages name it
REPORTER = "casegraph-report 1"

FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf"}
DEFAULT_LIMIT = 20
MAX_PASSAGES = 50  # passages quoted per finding; the JSON of `casegraph findings` has them all
TOP_PASSAGES = 3  # the strongest passages quoted on the first screen
QUOTE_CHARS = 320  # a longer passage is quoted up to the end of a sentence near this length
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
STRENGTH = {"done": 0, "ordered or intended": 1, "denied": 2}
# lines of a page that are no part of what a passage says besides a site's menu: a by-line,
# a footer
_FURNITURE = re.compile(r"^\s*(?:By [A-Z].*|©.*|Copyright\b.*)$")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*(?=\s)|\n")


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
    provenance = document_provenance(case)
    places = {e["id"] for e in case.entities.select(type_name="place")}
    stream = _template().stream(
        **_overview(case, len(found), len(shown)),
        contents=[{"id": f["id"], "heading": heading(f)} for f in shown],
        top=_top(case, shown[0], provenance, places) if shown else None,
        findings=_views(case, shown, provenance, places),
        glossary=_glossary(case, shown),
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
            "entities": case.entities.count(),
            **case.readings.counts(),
        },
        "total": total,
        "shown": shown,
    }


def _views(
    case: Case,
    findings: list[dict[str, Any]],
    provenance: dict[str, Provenance],
    places: set[str],
) -> Iterator[dict[str, Any]]:
    for number, finding in enumerate(findings, 1):
        yield finding_view(case, finding, number, places, provenance)


def _top(
    case: Case, finding: dict[str, Any], provenance: dict[str, Provenance], places: set[str]
) -> dict[str, Any]:
    """The first screen: the top finding's words and its strongest passages."""
    evidence = Evidence(case, finding, provenance, places)
    return {
        "id": finding["id"],
        "heading": heading(finding),
        "summary": finding["summary"],
        "standing": _standing(finding, evidence.events_of(finding["events"]), evidence.claims),
        "passages": evidence.quoted(evidence.strongest(TOP_PASSAGES)),
    }


class Evidence:
    """A finding's events, claims and passages, the passages strongest first and each
    quoted with what it records and where it stands."""

    def __init__(
        self,
        case: Case,
        finding: dict[str, Any],
        provenance: dict[str, Provenance],
        places: Collection[str],
    ) -> None:
        self.provenance = provenance
        adversity = finding.get("adversity", {})
        self.conflict_ids = adversity.get("conflict_events", [])
        ids = finding["events"] + self.conflict_ids
        self.events: Sequence[Mapping[str, Any]] = [
            {**e, "date": act_date(e, provenance), "reported_on": e["date"]}
            for e in (case.events.select(ids=ids) if finding["events"] else [])
        ]
        self.by_id = {e["id"]: e for e in self.events}
        self.labels = case.documents.labels(_documents_of(finding, self.events))
        is_claim = finding["kind"] == "single_source_claim"
        self.claims = case.claims.at(finding["evidence"][0]) if is_claim else []
        self.notes = _notes(self.events, self.claims, places)
        self.event_at = {_key(e["evidence"]): e for e in self.events}
        passages = finding["evidence"]
        if finding["kind"] == "contradiction":  # the denial first, then the reports
            passages = passages[:1] + sorted(passages[1:], key=self._strength)
        elif finding["kind"] != "syndicated_copies":  # copies: the earliest first
            passages = sorted(passages, key=self._strength)
        self.named = [p for p in passages if p.get("sides_named", True)]
        self.alike = [p for p in passages if not p.get("sides_named", True)]

    def events_of(self, ids: list[str]) -> list[Mapping[str, Any]]:
        return [self.by_id[i] for i in ids if i in self.by_id]

    def _strength(self, passage: dict[str, Any]) -> tuple[int, bool, bool, bool, str]:
        """Done before ordered or intended before denied; deeds before words; the trove's
        own papers before reports; dated before undated, earliest first."""
        event = self.event_at.get(_key(passage))
        state = STRENGTH[status(event)] if event else 0
        words = bool(event and event["quad"].startswith("verbal"))
        reported = self.provenance.get(passage["doc_id"]) != PRIMARY
        when = event["date"] if event else None
        return state, words, reported, when is None, when or ""

    def strongest(self, count: int) -> list[dict[str, Any]]:
        """The strongest passages, one for each kind of act first, so that a few quotes
        show as much of what happened as they can."""
        firsts: dict[str, dict[str, Any]] = {}
        for passage in self.named:
            event = self.event_at.get(_key(passage))
            kind = in_words(event["category"], event["mode"]) if event else passage["doc_id"]
            firsts.setdefault(kind, passage)
        chosen = list(firsts.values())[:count]
        return chosen + [p for p in self.named if p not in chosen][: count - len(chosen)]

    def quoted(self, passages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [_passage(trimmed(p), p, self.labels, self.notes) for p in passages]


def finding_view(
    case: Case,
    finding: dict[str, Any],
    number: int,
    places: set[str],
    provenance: dict[str, Provenance],
) -> dict[str, Any]:
    """One finding as the template shows it: words, passages with references, pictures
    (which leave out ``places``, entity ids: places are where acts happen, not who acts).
    An act only a report's publication date dates is shown undated (``act_date``)."""
    evidence = Evidence(case, finding, provenance, places)
    adversity = finding.get("adversity", {})
    events = evidence.events
    return {
        "number": number,
        "id": finding["id"],
        "kind": finding["kind"],
        "heading": heading(finding),
        "summary": finding["summary"],
        "review": finding.get("review"),
        "score": finding["score"],
        "actors": [a["name"] for a in finding["actors"]],
        "standing": _standing(finding, evidence.events_of(finding["events"]), evidence.claims),
        "sources": [
            {
                "name": s["name"],
                "provenance": s.get("provenance"),
                "documents": [_document(d, evidence.labels) for d in s["documents"]],
            }
            for s in finding["sources"]
        ],
        "passages": evidence.quoted(evidence.named[:MAX_PASSAGES]),
        "more_passages": sum(
            max(0, len(shown) - MAX_PASSAGES) for shown in (evidence.named, evidence.alike)
        ),
        "alike": evidence.quoted(evidence.alike[:MAX_PASSAGES]),
        "conflicts": evidence.quoted(
            [e["evidence"] for e in evidence.events_of(evidence.conflict_ids)]
        ),
        "sentences": evidence.quoted(adversity.get("sentences", [])),
        "known_enemies": adversity.get("knowledge_base", False),
        "network": _inline(
            network_svg(events, f"{finding['id']}-n", {a["id"] for a in finding["actors"]}, places)
        ),
        "timeline": _inline(timeline_svg(events, f"{finding['id']}-t", places)),
        "undated": [
            {
                **_passage(e["evidence"], e["evidence"], evidence.labels, {}),
                "notes": [describe(e, places)],
            }
            for e in events
            if not e["date"]
        ],
    }


def trimmed(passage: dict[str, Any]) -> dict[str, Any]:
    """A passage cut to what it says: menu, by-line and footer lines off its ends, and a long
    one ended at a sentence's end; start and end still point at exactly its text."""
    text = passage["text"]
    lines = [
        m
        for m in re.finditer(r"[^\n]+", text)
        if not (_FURNITURE.match(m.group(0)) or menu_line(text, m.start()))
    ]
    if not lines:
        return passage
    start, end = lines[0].start(), lines[-1].end()
    if end - start > QUOTE_CHARS:
        ends = [m.end() for m in _SENTENCE_END.finditer(text, start, end)]
        end = next((e for e in ends if e - start >= QUOTE_CHARS * 2 // 3), ends[0] if ends else end)
    cut = text[start:end].rstrip()
    if cut == text:
        return passage
    return {
        **passage,
        "start": passage["start"] + start,
        "end": passage["start"] + start + len(cut),
        "text": cut,
        "trimmed": True,
    }


def _documents_of(finding: dict[str, Any], events: Sequence[Mapping[str, Any]]) -> list[str]:
    """Every document a finding's passages and sources point to."""
    passages = finding["evidence"] + finding.get("adversity", {}).get("sentences", [])
    passages += [e["evidence"] for e in events]
    return [p["doc_id"] for p in passages] + [
        d for source in finding["sources"] for d in source["documents"]
    ]


def _notes(
    events: Sequence[Mapping[str, Any]],
    claims: Sequence[Mapping[str, Any]],
    places: Collection[str],
) -> dict[PassageKey, list[str]]:
    """What each passage stands for, in words, by (doc_id, page, start, end)."""
    notes: dict[PassageKey, list[str]] = defaultdict(list)
    for event in events:
        notes[_key(event["evidence"])].append(describe(event, places))
    for claim in claims:
        notes[_key(claim["evidence"])].append(_claim_words(claim))
    return notes


def heading(finding: dict[str, Any]) -> str:
    """A finding's title: its kind in words and what sets it apart from the others."""
    return f"{KIND_TITLES.get(finding['kind'], finding['kind'])}: {finding['title']}"


def describe(event: Mapping[str, Any], places: Collection[str] = ()) -> str:
    """An event in plain words: who to whom, what, when, and how it stands (``places``:
    entity ids that are where acts happen, not who does them)."""
    who = _names(event["source"], places) or "someone"
    if _names(event["target"], places):
        who += f" \u2192 {_names(event['target'], places)}"
    when = event["date"] or "undated"
    if not event["date"] and event.get("reported_on"):
        when += f" (reported on {event['reported_on']})"
    line = f"{who}: {in_words(event['category'], event['mode'])}, {when}"
    state = status(event)
    return line if state == "done" else f"{line}; {STATUS_WORDS[state]}"


def _glossary(case: Case, findings: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The plain words used for acts in these findings, with the PLOVER code behind each."""
    ids = [
        i for f in findings for i in f["events"] + f.get("adversity", {}).get("conflict_events", [])
    ]
    used = {(e["category"], e["mode"] or "") for e in case.events.select(ids=ids)} if ids else set()
    rows = {in_words(category, mode): (category, mode) for category, mode in sorted(used)}
    return [
        {
            "words": words,
            "code": f"{category}" + (f" ({mode})" if mode else ""),
            "kind": QUAD_WORDS[CATEGORIES[category].quad],
            "meaning": CATEGORIES[category].description,
        }
        for words, (category, mode) in sorted(rows.items())
    ]


def _names(value: Any, places: Collection[str] = ()) -> str:
    return " and ".join(a["name"] for a in actor_list(value) if a.get("id") not in places)


def _claim_words(claim: Mapping[str, Any]) -> str:
    speaker = (claim["speaker"] or {}).get("name") or claim["speaker_text"] or "someone"
    manner = "hedged: the wording keeps its distance" if claim["hedged"] else "stated, not hedged"
    return f"Claim by {speaker}, introduced by \u201c{claim['cue']}\u201d; {manner}"


def _key(passage: dict[str, Any]) -> PassageKey:
    return passage["doc_id"], passage["page"], passage["start"], passage["end"]


def _document(doc_id: str, labels: dict[str, dict[str, Any]]) -> dict[str, Any]:
    label = labels.get(doc_id, {})
    return {"doc_id": doc_id, "title": label.get("title"), "path": label.get("path")}


def _passage(
    shown: dict[str, Any],
    passage: dict[str, Any],
    labels: dict[str, dict[str, Any]],
    notes: dict[PassageKey, list[str]],
) -> dict[str, Any]:
    """A passage as quoted (``shown``, perhaps trimmed), with the notes of the whole one."""
    return {
        **shown,
        "document": _document(passage["doc_id"], labels),
        "notes": notes.get(_key(passage), []),
    }


def _inline(svg: str | None) -> Markup | None:
    # matplotlib escapes every label it writes, so the picture is safe to inline as it is
    return Markup(svg) if svg else None


def _standing(
    finding: dict[str, Any],
    events: Sequence[Mapping[str, Any]],
    claims: Sequence[Mapping[str, Any]],
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
            "The first passage is the denial; the others report the act"
            + (
                ", from one independent source besides the denier."
                if sources == 2
                # the denier's own side may be among them: the summary says so
                else f", from {sources - 1} independent sources besides the denier."
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
