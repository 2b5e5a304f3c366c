"""The commands of people's notes and marks: a note or a tag on a span of a page, the
notes listed (or one deleted), and a document starred or marked read."""

from __future__ import annotations

import getpass
from pathlib import Path

import click

from ..case.store import Case
from ..errors import BadNote
from .common import CASE_ARG, JSON_OPT, LIMIT_OPT, OFFSET_OPT, emit, emit_page
from .printing import print_marks, print_notes

BY_OPT = click.option("--by", default=None, help="Who writes it (default: your user name).")


@click.command()
@CASE_ARG
@click.argument("doc_id")
@click.option("--page", type=click.IntRange(1), default=1, show_default=True, help="The page.")
@click.option("--start", type=click.IntRange(0), help="The span's first character on the page.")
@click.option("--end", type=click.IntRange(1), help="The character after the span.")
@click.option("--quote", help="Instead of --start/--end: the first place on the page reading this.")
@click.option("--text", default="", help="What the note says.")
@click.option("--tag", default="", help="A tag to find the span by (search: tag:NAME).")
@BY_OPT
@JSON_OPT
def note(
    case_dir: Path,
    doc_id: str,
    page: int,
    start: int | None,
    end: int | None,
    quote: str | None,
    text: str,
    tag: str,
    by: str | None,
    as_json: bool,
) -> None:
    """Write a note or a tag on a span of a page (the page text is never changed)."""
    case = Case.open(case_dir)
    span = _span(case, doc_id, page, start, end, quote)
    kept = case.notes.add(doc_id, page, span, text, tag, by or getpass.getuser())
    emit(kept, as_json, lambda n: print_notes([n]))


def _span(
    case: Case, doc_id: str, page: int, start: int | None, end: int | None, quote: str | None
) -> tuple[int, int]:
    """The characters a note is on: as given, or where the page first reads the quote."""
    if quote is None:
        if start is None or end is None:
            raise BadNote("say where the note goes: --start and --end, or --quote TEXT")
        return start, end
    text = case.pages.one(doc_id, page)["text"]
    at = text.find(quote) if quote else -1
    if at < 0:
        raise BadNote(f"page {page} of {doc_id} does not read {quote!r}")
    return at, at + len(quote)


@click.command()
@CASE_ARG
@click.option("--tag", help="Only the notes with this tag.")
@click.option("--doc", "doc_id", help="Only the notes on this document.")
@click.option("--delete", "delete_id", metavar="NOTE_ID", help="Delete this note instead.")
@LIMIT_OPT
@OFFSET_OPT
@JSON_OPT
def notes(
    case_dir: Path,
    tag: str | None,
    doc_id: str | None,
    delete_id: str | None,
    limit: int | None,
    offset: int,
    as_json: bool,
) -> None:
    """People's notes and tags on spans, newest first; --delete removes one."""
    case = Case.open(case_dir)
    if delete_id is not None:
        emit(case.notes.remove(delete_id), as_json, lambda n: click.echo(f"deleted {n['id']}"))
        return
    emit_page(case.notes.select(tag, doc_id), limit, offset, as_json, print_notes, case_dir)


@click.command()
@CASE_ARG
@click.argument("doc_id")
@click.option("--star/--unstar", default=None, help="Star the document, or take its star off.")
@click.option("--read/--unread", default=None, help="Mark the document read, or unread.")
@BY_OPT
@JSON_OPT
def mark(
    case_dir: Path,
    doc_id: str,
    star: bool | None,
    read: bool | None,
    by: str | None,
    as_json: bool,
) -> None:
    """Star a document or mark it read (search: starred:yes, unread:yes); shows its marks."""
    case = Case.open(case_dir)
    doc_id = case.documents.resolve_id(doc_id)
    who = by or getpass.getuser()
    if star is not None:
        case.notes.set_mark(doc_id, "starred", star, who)
    if read is not None:
        case.notes.set_mark(doc_id, "read", read, who)
    emit(case.notes.marks_of(doc_id), as_json, print_marks)
