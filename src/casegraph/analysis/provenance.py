"""Primary documents of the trove, and reports about them.

A *primary* document is one of the trove's own papers: an order, a memo, a ledger, an
e-mail, a statement in an actor's own voice. A *report* tells what others did or wrote:
a news story, an agency wire, an analysis of leaked papers. Journalists weigh the two
differently (the leak itself against what outlets said of it), so every source a finding
cites says which it is.

A document is a report when its author is a news outlet (the knowledge base's ``media``
kind), or when its opening reads like one: a by-line ("By Leila Mansour"), an agency
dateline ("Sadiya (NNA)", "Reuters, 23 September"), or a sentence about documents someone
obtained ("according to documents seen by", "leaked papers show", Arabic "نشر ... وثائق").
Everything else is primary.

An act is dated by its own words ("on 12 May") or by the date of one of the trove's own
papers that tells it (a situation report of 10 March); a report's publication date is not
when the act it tells of happened, so such an act stays undated (``act_date``).

Reads: document authors and the opening of each document's first page.
Writes: nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

from ..case.store import Case

Provenance = Literal["primary", "report"]
PRIMARY: Provenance = "primary"
REPORT: Provenance = "report"
OPENING_CHARS = 1_500
# author kinds that speak about others rather than for themselves
REPORTING_KINDS = {"media"}
_BYLINE = re.compile(r"^\s*(?:By|BY|Reporting by|From our) [A-Z][^\n]{2,80}$", re.MULTILINE)
_DATELINE = re.compile(
    r"^[A-Z][\w'-]+(?: (?:[a-z]{1,3} )?[A-Z][\w'-]+)? \((?:[A-Z]{2,6}|Reuters|AFP)\)\s*(?:[-:,]|$)|"
    r"^[^\n]{0,60}\bcorrespondents?\s*$|"
    r"\b(?:[Aa]gency|[Nn]ewspaper|[Cc]hannel|[Bb]roadcaster) (?:reported|reports)\b",
    re.MULTILINE,
)
_ABOUT_DOCUMENTS = re.compile(
    r"\b(?:documents?|papers|files|records|memos?|e-?mails?|cables?)\s+"
    r"(?:seen|obtained|reviewed|published|leaked|shared)\s+(?:by|with)\b|"
    r"\baccording to (?:the )?(?:leaked |internal )?(?:documents?|papers|files|records)\b|"
    r"\bleaked (?:documents?|papers|files|records|e-?mails?)\b|"
    # Arabic: "published documents", "according to documents", "documents seen by"
    r"نشر\S*\s+(?:\S+\s+){0,3}وثائق|(?:بحسب|حسب|وفق)\S*\s+(?:ال)?وثائق|وثائق\s+(?:اطلع|حصل)",
    re.IGNORECASE,
)


def document_provenance(case: Case) -> dict[str, Provenance]:
    """Each document's provenance: "report" when it reports on others, else "primary"."""
    authors = case.documents.authors()
    kinds: dict[str, Provenance] = {}
    for doc_id, opening in case.documents.openings(OPENING_CHARS):
        author = authors.get(doc_id) or {}
        reporting = author.get("kind") in REPORTING_KINDS or reads_as_report(opening)
        kinds[doc_id] = REPORT if reporting else PRIMARY
    return kinds


def reads_as_report(opening: str) -> bool:
    """Whether a document's opening has a by-line, an agency dateline or cites obtained papers."""
    return any(p.search(opening) for p in (_BYLINE, _DATELINE, _ABOUT_DOCUMENTS))


def act_date(event: Mapping[str, Any], provenance: dict[str, Provenance]) -> str | None:
    """When an event's act happened, as far as its text or a primary document says; None
    when only a report's publication date dates it."""
    if event["date_from"] == "document" and provenance.get(event["evidence"]["doc_id"]) == REPORT:
        return None
    when: str | None = event["date"]
    return when
