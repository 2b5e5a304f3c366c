"""The casegraph command line: thin wrappers over the library's functions."""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .case.store import SURROGATE, Case, database_error, display_path
from .errors import BadSetting, CannotWrite, CaseGraphError
from .records import actor_list
from .settings import Settings

EXIT_USER_ERROR = 1
EXIT_INTERNAL_ERROR = 2


def _remember_case(ctx: click.Context, _param: click.Parameter, value: Path) -> Path:
    """Note the case a command works on, for the errors its database may give."""
    ctx.meta["case"] = value
    return value


CASE_ARG = click.argument(
    "case_dir", metavar="CASE", type=click.Path(path_type=Path), callback=_remember_case
)
JSON_OPT = click.option(
    "--json", "as_json", is_flag=True, help="Print one JSON document on stdout."
)


# a listing on a terminal shows this many rows unless --limit says otherwise
TERMINAL_PAGE = 50
LIMIT_OPT = click.option(
    "--limit",
    type=click.IntRange(1),
    default=None,
    help=f"Show at most N rows (default: {TERMINAL_PAGE} as text, all with --json).",
)
OFFSET_OPT = click.option("--offset", type=click.IntRange(0), default=0, help="Skip the first N.")


def emit_page(
    rows: list[Any],
    limit: int | None,
    offset: int,
    as_json: bool,
    human: Callable[[Any], None],
    case_dir: Path,
) -> None:
    """Print one page of a listing, and on stderr which rows those are when not all of them."""
    say_if_unextracted(rows, case_dir)
    size = limit if limit is not None else None if as_json else TERMINAL_PAGE
    shown = rows[offset : None if size is None else offset + size]
    emit(shown, as_json, human)
    after = offset + len(shown)
    if shown and (offset or after < len(rows)):
        more = f"; --offset {after} for more" if after < len(rows) else ""
        click.echo(f"showing {offset + 1}-{after} of {len(rows)}{more}", err=True)


def say_if_unextracted(rows: Any, case_dir: Path) -> None:
    """Nothing to show because extract never ran: say so on stderr (the exit stays 0)."""
    from .stages import READ_PAGES

    if rows:
        return
    status = Case.open(case_dir, read_only=True).status(READ_PAGES)
    if status["pages"] > 0 and status["pages_extracted"] == 0:
        click.echo(f"nothing extracted yet; run: casegraph extract {case_dir}", err=True)


def wrapped(text: str, indent: str = "    ", most: int | None = None) -> str:
    """A passage on lines no wider than the terminal, each after the indent; with ``most``,
    cut to about that many characters at a word's end. The passage's own line breaks become
    spaces; runs of spaces within a line are kept (aligned columns)."""
    import shutil
    import textwrap

    width = max(40, shutil.get_terminal_size((100, 24)).columns)
    text = re.sub(r"\s*\n\s*", " ", text.strip())
    if most is not None and len(text) > most:
        text = textwrap.shorten(text, most, placeholder=" …")
    return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent + "  ")


def emit(data: Any, as_json: bool, human: Callable[[Any], None]) -> None:
    """Print data as JSON, or through the human formatter."""
    if as_json:
        click.echo(_json_text(data))
    else:
        human(data)


def _json_text(data: Any) -> str:
    """Data as JSON that is valid UTF-8: a byte that was not UTF-8 becomes the text \\xNN."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    # a lone surrogate stands only inside a JSON string: put its escape there as text
    return SURROGATE.sub(lambda found: json.dumps(display_path(found.group()))[1:-1], text)


class _CaseCommands(click.Group):
    """The command group: an SQLite error the case caused becomes a one-line coded error."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except sqlite3.Error as error:
            raise database_error(ctx.meta.get("case"), error) from None


@click.group(cls=_CaseCommands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="casegraph")
def cli() -> None:
    """casegraph: turn a trove of documents into sourced findings."""


@cli.command()
@CASE_ARG
@click.option("--set", "assignments", multiple=True, metavar="NAME=VALUE", help="Set a setting.")
@click.option("--ocr-lang", help="OCR languages, e.g. eng+ara (changeable later).")
def init(case_dir: Path, assignments: tuple[str, ...], ocr_lang: str | None) -> None:
    """Create a new, empty case folder."""
    from .ocr.engine import check_languages

    settings = Settings()
    for assignment in assignments:
        name, _, value = assignment.partition("=")
        settings.update(name.strip(), value.strip())
    if ocr_lang:
        settings.update("ocr_languages", check_languages(ocr_lang))
    Case.create(case_dir, settings).close()
    click.echo(f"created case {case_dir}", err=True)


@cli.command()
@CASE_ARG
@click.argument("name", required=False)
@click.argument("value", required=False)
@JSON_OPT
def config(case_dir: Path, name: str | None, value: str | None, as_json: bool) -> None:
    """Show the case's settings, or set one: casegraph config CASE NAME VALUE."""
    case = Case.open(case_dir)
    settings = case.load_settings()
    if name is not None and value is not None:
        if name == "ocr_languages":
            from .ocr.engine import check_languages

            value = check_languages(value)
        settings.update(name, value)
        case.save_settings(settings)
    data = settings.as_dict()
    if name is not None and value is None:
        if name not in data:
            raise BadSetting(f"unknown setting {name!r}; known: {', '.join(data)}")
        data = {name: data[name]}
    emit(data, as_json, _print_settings)


@cli.command()
@CASE_ARG
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--workers", type=click.IntRange(1, 64), help="Worker processes for this run.")
@JSON_OPT
def ingest(case_dir: Path, inputs: tuple[Path, ...], workers: int | None, as_json: bool) -> None:
    """Add files and folders to the case (safe to interrupt and re-run)."""
    from .ingest.pipeline import ingest as run_ingest

    case = _open_with_workers(case_dir, workers)
    report = run_ingest(case, list(inputs), progress=not as_json or sys.stderr.isatty())
    emit(report.as_dict(), as_json, _print_ingest)


@cli.command()
@CASE_ARG
@JSON_OPT
def status(case_dir: Path, as_json: bool) -> None:
    """Counts of documents by type and state, failures by reason, and each stage's state."""
    from .stages import READ_PAGES

    report = Case.open(case_dir).status(READ_PAGES)
    emit(report, as_json, lambda data: _print_status(data, case_dir))


@cli.command()
@CASE_ARG
@JSON_OPT
def check(case_dir: Path, as_json: bool) -> None:
    """Verify the database and every original in the store; exit 1 if anything is lost."""
    from .case.store import check_case

    report = check_case(case_dir)
    emit(report, as_json, _print_check)
    if not report["healthy"]:
        sys.exit(EXIT_USER_ERROR)


@cli.command()
@CASE_ARG
@click.option("--retry", is_flag=True, help="Run extraction again on the failed files only.")
@click.option("--workers", type=click.IntRange(1, 64), help="Worker processes for the retry.")
@JSON_OPT
def failures(case_dir: Path, retry: bool, workers: int | None, as_json: bool) -> None:
    """Every file that failed, with its reason; --retry tries them again."""
    case = _open_with_workers(case_dir, workers)
    if retry:
        from .ingest.pipeline import retry_failures

        report = retry_failures(case, progress=not as_json or sys.stderr.isatty())
        if not as_json:
            _print_ingest(report.as_dict())
    rows = [
        {k: r[k] for k in ("path", "reason", "detail", "doc_id")} for r in case.documents.failures()
    ]
    emit(rows, as_json, _print_failures)


@cli.command()
@CASE_ARG
@click.argument("query")
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True)
@click.option(
    "--aliases",
    is_flag=True,
    help="Search a quoted name under every written form of its entity (any script).",
)
@JSON_OPT
def search(
    case_dir: Path, query: str, limit: int, offset: int, aliases: bool, as_json: bool
) -> None:
    """Full-text search: words, "phrases", OR, NOT, -, prefix*, NEAR(a b, 5) and filters.

    \b
    Filters, anywhere in QUERY outside parentheses:
      type:pdf                only this type (as ls --type takes it)
      path:mail/              only documents seen at a path containing this
      lang:ar                 only documents in this language (ISO 639-1)
      date:2015-01..2015-12   only documents dated in this range (an end may be open)
    """
    from .search.engine import search_case

    result = search_case(Case.open(case_dir), query, limit, offset, aliases)
    emit(result, as_json, _print_search)


@cli.command()
@CASE_ARG
@JSON_OPT
def review(case_dir: Path, as_json: bool) -> None:
    """Pages a person should read (low OCR confidence, handwriting, no text), worst first."""
    emit(Case.open(case_dir).pages.review_queue(), as_json, _print_review)


@cli.command()
@CASE_ARG
@click.argument("doc_id")
@click.option("--page", type=click.IntRange(1), required=True, help="The page number.")
@click.option(
    "--file",
    "text_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="A UTF-8 text file with what the page says.",
)
@click.option("--by", default=None, help="Who transcribed it (default: your user name).")
def transcribe(case_dir: Path, doc_id: str, page: int, text_file: Path, by: str | None) -> None:
    """Make a person's reading the text of a page (the OCR layer is kept)."""
    import getpass

    text = _read_utf8(text_file)
    Case.open(case_dir).pages.transcribe(doc_id, page, text, by or getpass.getuser())
    click.echo(f"page {page} of {doc_id} now reads as transcribed", err=True)


@cli.command()
@CASE_ARG
@click.option("--redo", is_flag=True, help="OCR again pages already OCR'd (never transcriptions).")
@click.option("--lang", help="OCR languages for this and later runs, e.g. eng+ara.")
@click.option("--workers", type=click.IntRange(1, 64), help="Worker processes for this run.")
@JSON_OPT
def ocr(case_dir: Path, redo: bool, lang: str | None, workers: int | None, as_json: bool) -> None:
    """OCR the pages that need it (images, scans), or all OCR'd pages again with --redo."""
    from .ingest.pipeline import run_ocr

    case = _open_with_workers(case_dir, workers)
    report = run_ocr(case, redo, lang, progress=not as_json or sys.stderr.isatty())
    emit(report.as_dict(), as_json, _print_ingest)


@cli.command()
@CASE_ARG
@JSON_OPT
def extract(case_dir: Path, as_json: bool) -> None:
    """Find entity mentions on pages not yet done, then resolve entities across the case."""
    from .nlp.extract import extract as run_extract

    report = run_extract(Case.open(case_dir), progress=not as_json or sys.stderr.isatty())
    emit(report, as_json, _print_extract)


@cli.command()
@CASE_ARG
@click.option("--type", "type_name", help="Only this type: person, organization, place, date ...")
@click.option("--doc", "doc_id", help="Only entities mentioned in this document.")
@LIMIT_OPT
@OFFSET_OPT
@JSON_OPT
def entities(
    case_dir: Path,
    type_name: str | None,
    doc_id: str | None,
    limit: int | None,
    offset: int,
    as_json: bool,
) -> None:
    """Entities, most mentioned first, with their aliases."""
    rows = Case.open(case_dir).entities.select(type_name, doc_id)
    emit_page(rows, limit, offset, as_json, _print_entities, case_dir)


@cli.command()
@CASE_ARG
@click.argument("entity_id", metavar="ENTITY")
@JSON_OPT
def entity(case_dir: Path, entity_id: str, as_json: bool) -> None:
    """One entity (its id or name): aliases, every mention in context, who appears with it."""
    case = Case.open(case_dir)
    emit(case.entities.get(case.entities.find(entity_id)), as_json, _print_entity)


@cli.command()
@CASE_ARG
@click.argument("first")
@click.argument("second")
def merge(case_dir: Path, first: str, second: str) -> None:
    """Decide that two entities are one; kept and applied on every later run."""
    from .nlp.extract import resolve_case

    case = Case.open(case_dir)
    keys = [case.entities.key(case.entities.find(name)) for name in (first, second)]
    case.reviews.add_judgement("merge", keys[0], keys[1], None)
    click.echo(f"merged; {resolve_case(case)} entities", err=True)


@cli.command()
@CASE_ARG
@click.argument("entity_id")
@click.option("--alias", required=True, help="The written form to split off.")
def split(case_dir: Path, entity_id: str, alias: str) -> None:
    """Decide that mentions written ALIAS are not this entity; kept on every later run."""
    from .nlp.extract import resolve_case

    case = Case.open(case_dir)
    case.reviews.add_judgement(
        "split", case.entities.key(case.entities.find(entity_id)), None, alias
    )
    click.echo(f"split; {resolve_case(case)} entities", err=True)


@cli.command()
@CASE_ARG
@click.argument("item_id", metavar="ID")
@click.option("--confirm", "verdict", flag_value="confirmed", help="A person checked it: right.")
@click.option("--reject", "verdict", flag_value="rejected", help="A person checked it: wrong.")
@click.option("--note", help="Why, in a sentence (shown with the verdict).")
@click.option("--by", default=None, help="Who judged (default: your user name).")
@JSON_OPT
def judge(
    case_dir: Path,
    item_id: str,
    verdict: str | None,
    note: str | None,
    by: str | None,
    as_json: bool,
) -> None:
    """Confirm or reject an event, a claim or a finding; kept across re-runs, shown with it."""
    import getpass

    if verdict is None:
        raise BadSetting("say --confirm or --reject")
    case = Case.open(case_dir)
    kind = case.reviews.kind_of_reading(item_id) or _finding_kind(case, item_id)
    case.reviews.add(item_id, kind, verdict, note, by or getpass.getuser())
    done = case.reviews.all()[item_id]
    emit(done, as_json, lambda r: click.echo(f"{r['item_kind']} {item_id} {verdict}", err=True))


def _finding_kind(case: Case, item_id: str) -> str:
    """ "finding" when a finding of the case has this id; else the id is unknown (an error)."""
    from .analysis.findings import find

    if any(finding["id"] == item_id for finding in find(case)):
        return "finding"
    raise BadSetting(f"no event, claim or finding {item_id!r} in this case")


@cli.command()
@CASE_ARG
@click.option(
    "--actor", help="Only events with this actor (entity id or name) as source or target."
)
@click.option("--category", help="Only events of this PLOVER category, e.g. COOPERATE.")
@LIMIT_OPT
@OFFSET_OPT
@JSON_OPT
def events(
    case_dir: Path,
    actor: str | None,
    category: str | None,
    limit: int | None,
    offset: int,
    as_json: bool,
) -> None:
    """Events: who did what to whom, where and when, coded to PLOVER, with evidence."""
    from .nlp.plover import CATEGORIES

    case = Case.open(case_dir)
    if category and category.upper() not in CATEGORIES:
        raise BadSetting(f"unknown category {category!r}; one of: {', '.join(CATEGORIES)}")
    actor_id = case.entities.find(actor) if actor else None
    emit_page(
        case.events.select(actor_id, category), limit, offset, as_json, _print_events, case_dir
    )


@cli.command()
@CASE_ARG
@click.option("--source", help="Only claims by this speaker (entity id or name).")
@LIMIT_OPT
@OFFSET_OPT
@JSON_OPT
def claims(
    case_dir: Path, source: str | None, limit: int | None, offset: int, as_json: bool
) -> None:
    """Claims: who says what, by which cue, hedged or not, with evidence."""
    case = Case.open(case_dir)
    speaker = case.entities.find(source) if source else None
    emit_page(case.claims.select(speaker), limit, offset, as_json, _print_claims, case_dir)


@cli.command()
@CASE_ARG
@JSON_OPT
def findings(case_dir: Path, as_json: bool) -> None:
    """What the trove reveals, best first: cooperating adversaries, contradictions, ..."""
    from .analysis.findings import find

    rows = find(Case.open(case_dir))
    say_if_unextracted(rows, case_dir)
    emit(rows, as_json, _print_findings)


@cli.command()
@CASE_ARG
@click.option("--event", "event_ids", multiple=True, help="Only this event (repeatable).")
@click.option("--claim", "claim_id", help="Only the events of this claim.")
@LIMIT_OPT
@OFFSET_OPT
@JSON_OPT
def corroboration(
    case_dir: Path,
    event_ids: tuple[str, ...],
    claim_id: str | None,
    limit: int | None,
    offset: int,
    as_json: bool,
) -> None:
    """Who else reports each event's act, how many independent sources, who denies it."""
    from .analysis.findings import corroborate

    case = Case.open(case_dir)
    wanted: list[str] | None = list(event_ids) or None
    if claim_id:
        claim = next((c for c in case.claims.select() if c["id"] == claim_id), None)
        if claim is None:
            raise BadSetting(f"no claim {claim_id!r} in this case")
        wanted = (wanted or []) + claim["events"]
    rows = corroborate(case, wanted)
    missing = sorted(set(event_ids) - {r["event"] for r in rows})
    if missing:
        raise BadSetting(f"no event {missing[0]!r} in this case")
    emit_page(rows, limit, offset, as_json, _print_corroboration, case_dir)


@cli.command()
@CASE_ARG
@click.option("--actor", required=True, help="The actor: entity id or name.")
@JSON_OPT
def graph(case_dir: Path, actor: str, as_json: bool) -> None:
    """An actor's relations: with whom, how (by quad and year), how sure, with evidence."""
    from .analysis.graph import actor_view

    case = Case.open(case_dir)
    say_if_unextracted(case.status()["entities"], case_dir)
    emit(actor_view(case, case.entities.find(actor)), as_json, _print_actor_view)


@cli.command()
@CASE_ARG
@click.option("--actor", "actors_given", multiple=True, help="Only events with this actor.")
@LIMIT_OPT
@OFFSET_OPT
@JSON_OPT
def timeline(
    case_dir: Path, actors_given: tuple[str, ...], limit: int | None, offset: int, as_json: bool
) -> None:
    """Dated events in order; with --actor (repeatable), those involving every actor given."""
    from .analysis.graph import timeline as events_in_order

    case = Case.open(case_dir)
    ids = [case.entities.find(actor) for actor in actors_given]
    rows, report_dated = events_in_order(case, ids)
    emit_page(rows, limit, offset, as_json, _print_timeline, case_dir)
    if report_dated:
        click.echo(
            f"{_plural(report_dated, 'event')} left out: told only in reports whose text gives "
            "no date (a publication date is not the date of the act)",
            err=True,
        )


@cli.command()
@CASE_ARG
@click.argument("other_dir", metavar="OTHER_CASE", type=click.Path(path_type=Path))
@click.option("--type", "type_name", help="Only this type: person, organization, place ...")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True)
@JSON_OPT
def xref(
    case_dir: Path, other_dir: Path, type_name: str | None, limit: int, offset: int, as_json: bool
) -> None:
    """Entities two cases share, scored, with their passages in both."""
    from .analysis.xref import cross_reference

    result = cross_reference(Case.open(case_dir), Case.open(other_dir), limit, offset, type_name)
    emit(result, as_json, _print_xref)


@cli.command()
@CASE_ARG
@click.option(
    "--out", required=True, type=click.Path(path_type=Path), help="report.html or report.pdf."
)
@click.option(
    "--limit", type=click.IntRange(1), default=20, show_default=True, help="Most findings shown."
)
@JSON_OPT
def report(case_dir: Path, out: Path, limit: int, as_json: bool) -> None:
    """Write the findings with their passages, network and timeline as HTML or PDF."""
    from .report import write_report

    written = write_report(Case.open(case_dir), out, limit=limit)
    emit(written, as_json, lambda r: click.echo(f"wrote {r['path']}", err=True))


@cli.command(name="export")
@CASE_ARG
@click.option(
    "--format", "fmt", required=True, type=click.Choice(["ftm", "gexf", "graphml", "csv", "json"])
)
@click.option(
    "--out", required=True, type=click.Path(path_type=Path), help="File (or folder for csv)."
)
@click.option("--force", is_flag=True, help="Replace what is already at --out.")
@JSON_OPT
def export_case(case_dir: Path, fmt: str, out: Path, force: bool, as_json: bool) -> None:
    """Write the case as FollowTheMoney entities, the evidence graph or CSV tables; no caps."""
    from .export.ftm import export_ftm
    from .export.graphs import export

    case = Case.open(case_dir)
    _check_out(out, "folder" if fmt == "csv" else "file", force)
    written = export_ftm(case, out) if fmt == "ftm" else export(case, fmt, out)
    emit(written, as_json, lambda r: click.echo(f"wrote {r['path']}", err=True))


@cli.command()
@CASE_ARG
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="The report: .html or .pdf (default CASE/report.html).",
)
@click.option(
    "--actors",
    "actors_csv",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A CSV of the case's actors to import first (as `actors import` takes it).",
)
@click.option(
    "--top", type=click.IntRange(1), default=5, show_default=True, help="Findings printed."
)
@JSON_OPT
def investigate(
    case_dir: Path,
    inputs: tuple[Path, ...],
    out: Path | None,
    actors_csv: Path | None,
    top: int,
    as_json: bool,
) -> None:
    """Ingest, extract, find and write the report in one go (makes the case if needed)."""
    from .investigate import investigate as run_investigate
    from .investigate import open_or_create
    from .report.html import report_format

    if out is not None:
        report_format(out)  # before a case is made for nothing
    case = open_or_create(case_dir)
    progress = not as_json or sys.stderr.isatty()
    done = run_investigate(case, list(inputs), out, actors_csv, progress=progress)
    emit(done, as_json, lambda d: _print_investigate(d, top))


@cli.group()
def actors() -> None:
    """The actor knowledge base of a case (governments, armies, armed groups, media ...)."""


@actors.command(name="import")
@CASE_ARG
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_actors(case_dir: Path, csv_file: Path) -> None:
    """Add or override actors for this case from a CSV (id,name,type,country,aliases,...)."""
    from .nlp.extract import import_actors as run_import
    from .nlp.extract import resolve_case

    case = Case.open(case_dir)
    rows = run_import(case, csv_file)
    click.echo(f"{rows} actors imported; {resolve_case(case)} entities", err=True)


@cli.command(name="ls")
@CASE_ARG
@click.option(
    "--type", "type_name", help="Only this type: pdf, email, zip, docx ... or a MIME type."
)
@click.option("--failed", is_flag=True, help="Only documents that failed.")
@LIMIT_OPT
@OFFSET_OPT
@JSON_OPT
def list_documents(
    case_dir: Path,
    type_name: str | None,
    failed: bool,
    limit: int | None,
    offset: int,
    as_json: bool,
) -> None:
    """The documents, one line each."""
    rows = Case.open(case_dir).documents.select(type_name, failed)
    emit_page(rows, limit, offset, as_json, _print_ls, case_dir)


@cli.command()
@CASE_ARG
@click.argument("doc_id")
@JSON_OPT
def show(case_dir: Path, doc_id: str, as_json: bool) -> None:
    """One document: metadata, where it came from, and its text page by page."""
    emit(Case.open(case_dir).documents.get(doc_id), as_json, _print_show)


@cli.command()
@click.argument("folder", required=False, default="casegraph-demo", type=click.Path(path_type=Path))
@click.option("--workers", type=click.IntRange(1, 64), help="Worker processes for the ingest.")
@JSON_OPT
def demo(folder: Path, workers: int | None, as_json: bool) -> None:
    """Write the sample trove to FOLDER/trove, ingest it into FOLDER/case, print a summary."""
    from .demo.run import run_demo

    summary = run_demo(folder, workers, progress=not as_json or sys.stderr.isatty())
    emit(summary, as_json, _print_demo)


def _check_out(out: Path, kind: str, force: bool) -> None:
    """Refuse an --out that cannot take a new file (or folder) of output."""
    if not out.resolve().parent.is_dir():
        raise BadSetting(f"cannot write {out}: the folder {out.parent} does not exist")
    if not out.exists():
        return
    if not force:
        raise CannotWrite(f"{out} already exists: give --force to replace it, or another --out")
    if out.is_dir() != (kind == "folder"):
        found = "folder" if out.is_dir() else "file"
        raise CannotWrite(f"cannot write {out}: it is a {found}, and this export writes a {kind}")


# -- human output -------------------------------------------------------------


def _open_with_workers(case_dir: Path, workers: int | None) -> Case:
    case = Case.open(case_dir)
    if workers:
        settings = case.load_settings()
        settings.workers = workers
        case.save_settings(settings)
    return case


def _print_settings(settings: dict[str, Any]) -> None:
    for key, value in settings.items():
        click.echo(f"{key} = {value}")


def _print_counts(title: str, counts: dict[str, int]) -> None:
    if counts:
        click.echo(title)
        for key, count in counts.items():
            click.echo(f"  {count:>7}  {key}")


def _print_ingest(report: dict[str, Any]) -> None:
    click.echo(
        f"{report['files_seen']} files seen ({report['files_skipped']} unchanged, skipped), "
        f"{report['documents_added']} documents added, {report['duplicates']} duplicates, "
        f"{report['failures']} failures"
    )
    if report.get("pages_ocred") or report.get("ocr_failures"):
        click.echo(
            f"{report['pages_ocred']} pages OCR'd ({report['pages_for_review']} for review), "
            f"{report['ocr_failures']} OCR failures"
        )
    _print_counts("by type:", report["by_type"])
    _print_counts("failures by reason:", report["failures_by_reason"])
    if report.get("inputs_skipped"):
        click.echo(f"{len(report['inputs_skipped'])} inputs skipped, not regular files:")
        for entry in report["inputs_skipped"]:
            click.echo(f"  {entry['why']:>13}  {entry['path']}")


def _documents_line(data: dict[str, Any]) -> str:
    """The documents read and failed, adding up to what ls lists."""
    failed = data["by_state"].get("failed", 0)
    if not failed:
        return _plural(data["documents"], "document")
    read = data["documents"]
    return f"{read} documents read and {failed} failed ({read + failed} in all)"


def _print_status(data: dict[str, Any], case_dir: Path) -> None:
    click.echo(
        f"{_documents_line(data)}, {data['pages']} pages, {data['failures']} failures\n"
        f"{data['pages_ocred']} pages OCR'd, {data['pages_needing_ocr']} waiting for OCR, "
        f"{data['pages_for_review']} for a person to review, "
        f"{data['pages_transcribed']} transcribed"
    )
    if data["pages_extracted"] == 0:
        click.echo(f"extract: not run yet (run: casegraph extract {case_dir})")
    else:
        unread = data["pages"] - data["pages_extracted"]
        later = f", {unread} not yet (run: casegraph extract {case_dir})" if unread > 0 else ""
        click.echo(
            f"extract: {data['pages_extracted']} pages read{later}; {data['entities']} entities,"
            f" {data['events']} events, {data['claims']} claims"
        )
    _print_counts("by type:", data["by_type"])
    _print_counts("by state:", data["by_state"])
    _print_counts("failures by reason:", data["failures_by_reason"])


def _print_failures(rows: list[dict[str, Any]]) -> None:
    if not rows:
        click.echo("no failures")
    for row in rows:
        click.echo(f"{row['reason']:<15} {row['path']}  ({row['detail']})")


def _print_check(report: dict[str, Any]) -> None:
    for problem in report["database"]:
        click.echo(f"database: {problem}")
    if "checked" in report:
        click.echo(
            f"{report['checked']} originals checked: {len(report['missing'])} missing,"
            f" {len(report['altered'])} altered"
        )
    for loss in report["lost"]:
        click.echo(f"lost: {loss}")
    click.echo("the case is healthy" if report["healthy"] else "damage found")


def _read_utf8(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise click.ClickException(f"{path} is not UTF-8 text") from None


def _print_review(rows: list[dict[str, Any]]) -> None:
    if not rows:
        click.echo("nothing to review")
    for row in rows:
        confidence = "  -  " if row["confidence"] is None else f"{row['confidence']:5.1f}"
        click.echo(
            f"{confidence}  {row['reason']:<20} {row['doc_id']} p{row['page']}  {row['path']}"
        )


def _print_extract(report: dict[str, Any]) -> None:
    click.echo(
        f"{report['pages']} pages read, {report['mentions_found']} mentions found, "
        f"{report['entities']} entities"
    )
    if report["pages_failed"]:
        click.echo(f"{report['pages_failed']} pages failed; casegraph failures lists them")


def _print_entities(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        others = [a for a in row["aliases"] if a != row["name"]][:4]
        also = f"  (also: {', '.join(others)})" if others else ""
        line = f"{row['id']}  {row['type']:<12} {row['mentions']:>5}  {row['name']}{also}"
        click.echo(wrapped(line, ""))


def _names(value: Any) -> str:
    items = actor_list(value)
    return " & ".join(item["name"] for item in items) if items else "?"


def _print_actor_view(view: dict[str, Any]) -> None:
    click.echo(f"{view['actor']['name']}  [{view['actor']['id']}]")
    for row in view["relations"]:
        arrow = "->" if row["direction"] == "out" else "<-"
        click.echo(
            f"  {arrow} {row['other']['name']}: {row['quad']} {row['year']}, "
            f"{_plural(row['count'], 'event')}, confidence {row['confidence']}"
        )
    for row in view["weak_links"][:15]:
        how = (
            f"named together in {_plural(row['documents'], 'document')}"
            if row["kind"] == "co_occurrence"
            else f"{_plural(row['messages'], 'e-mail')}"
        )
        click.echo(f"  ~ {row['other']['name']}: {how}")
    if view["community"]:
        names = ", ".join(member["name"] for member in view["community"][:12])
        click.echo(f"  cluster: {names}")


def _print_timeline(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        marker = "" if row["date_from"] == "text" else " (document date)"
        sides = f"{_names(row['source'])} -> {_names(row['target'])}"
        flags = _event_flags(row)
        click.echo(wrapped(f"{row['date']}{marker}  {row['category']}: {sides}{flags}", ""))
        evidence = row["evidence"]
        click.echo(
            wrapped(f"{evidence['doc_id']} p{evidence['page']}: {evidence['text']}", most=300)
        )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _print_findings(rows: list[dict[str, Any]]) -> None:
    for number, row in enumerate(rows, 1):
        click.echo(f"{number}. [{row['kind']}, score {row['score']}] {row['summary']}")
        if row.get("review"):
            click.echo(wrapped(_verdict(row["review"])))
        for evidence in row["evidence"][:8]:
            where = f"{evidence['doc_id']} p{evidence['page']}"
            click.echo(wrapped(f"{where}: {evidence['text']}", most=300))
        if len(row["evidence"]) > 8:
            click.echo(f"    ... and {len(row['evidence']) - 8} more passages (--json for all)")


def _print_corroboration(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        actors = " / ".join(a["name"] for a in row["actors"]) or "no named sides"
        names = ", ".join(s["name"] for s in row["sources"])
        click.echo(
            f"{row['event']} {row['category']} ({actors}): {row['independent_sources']} "
            f"independent source(s){': ' + names if names else ''}; {len(row['reports'])} "
            f"report(s), {len(row['denials'])} denial(s)"
        )


def _print_xref(result: dict[str, Any]) -> None:
    shown = len(result["matches"])
    first = result["offset"] + 1
    click.echo(
        f"{result['total']} shared entities; {first}-{first + shown - 1} shown"
        if shown
        else f"{result['total']} shared entities"
    )
    for match in result["matches"]:
        left, right = match["left"], match["right"]
        click.echo(
            f"{match['score']:.2f} {match['reason']:<7} {left['name']} ({left['id']}) "
            f"<-> {right['name']} ({right['id']})  [{left['type']}]"
        )


def _event_flags(row: dict[str, Any]) -> str:
    """ " [negated]", " [hypothetical]": an act said not to have happened, or only ordered or
    intended, marked alike wherever events are listed."""
    return "".join(f" [{flag}]" for flag in ("negated", "hypothetical") if row[flag])


def _print_events(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        flags = _event_flags(row)
        mode = f"/{row['mode']}" if row["mode"] else ""
        where = f" in {row['location']['name']}" if row["location"] else ""
        when = f" on {row['date']}" if row["date"] else ""
        click.echo(
            wrapped(
                f"{row['category']}{mode}: {_names(row['source'])} -> "
                f"{_names(row['target'])}{where}{when}{flags}",
                "",
            )
        )
        evidence = row["evidence"]
        click.echo(wrapped(f"{evidence['doc_id']} p{evidence['page']}: {evidence['text']}"))
        if row.get("review"):
            click.echo(wrapped(_verdict(row["review"])))
        if row["reported_by"]:
            click.echo(f"    reported by: {_names(row['reported_by'])}")


def _print_claims(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        speaker = row["speaker"]["name"] if row["speaker"] else row["speaker_text"] or "?"
        hedged = " [hedged]" if row["hedged"] else ""
        click.echo(
            wrapped(f"{speaker} ({row['kind']}, {row['cue']}){hedged}: {row['content']}", "")
        )
        evidence = row["evidence"]
        click.echo(
            f"    {evidence['doc_id']} p{evidence['page']} {evidence['start']}-{evidence['end']}"
        )
        if row.get("review"):
            click.echo(wrapped(_verdict(row["review"])))


def _verdict(review: dict[str, Any]) -> str:
    note = f": {review['note']}" if review["note"] else ""
    return f"{review['verdict']} by {review['reviewer']} on {review['reviewed_at'][:10]}{note}"


def _print_entity(data: dict[str, Any]) -> None:
    click.echo(f"{data['name']}  [{data['id']}, {data['type']}]")
    click.echo(f"aliases: {', '.join(data['aliases'])}")
    for mention in data["mentions"][:50]:
        where = f"{mention['doc_id']} p{mention['page']} {mention['start']}-{mention['end']}"
        click.echo(wrapped(f"{where}: {mention['context']}", "  "))
    if data["related"]:
        click.echo(
            "appears with: " + ", ".join(f"{r['name']} ({r['count']})" for r in data["related"])
        )


def _print_ls(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        copies = f"  (+{len(row['paths']) - 1} copies)" if len(row["paths"]) > 1 else ""
        click.echo(
            f"{row['doc_id']}  {row['state']:<9} {row['pages']:>4}p  "
            f"{(row['mime'] or '?')[:40]:<40}  {row['path']}{copies}"
        )


def _print_show(doc: dict[str, Any]) -> None:
    click.echo(f"document  {doc['doc_id']}  ({doc['state']})")
    for key in ("title", "mime", "language", "date", "sha256", "size", "extractor"):
        if doc.get(key) is not None:
            click.echo(f"{key:<9} {doc[key]}")
    if doc["failure"]:
        click.echo(f"failure   {doc['failure']['reason']}: {doc['failure']['detail']}")
    for path in doc["paths"]:
        click.echo(f"seen at   {path}")
    for link in doc["chain"]:
        click.echo(f"inside    {link['doc_id']}  {link['path']}")
    for key, value in doc["metadata"].items():
        click.echo(f"meta      {key}: {value}")
    for page in doc["pages"]:
        click.echo(f"\n--- page {page['number']}{_page_note(page)} ---")
        click.echo(page["text"])


def _page_note(page: dict[str, Any]) -> str:
    if page["needs_ocr"]:
        return "  (image only: waiting for OCR)"
    if page["source"] == "ocr":
        review = f", for review: {page['review']}" if page["review"] else ""
        return f"  (OCR, confidence {page['confidence']:.0f}{review})"
    if page["source"] == "transcription":
        return "  (transcribed by a person)"
    return ""


def _matches(total: int) -> str:
    return "1 document matches" if total == 1 else f"{total} documents match"


def _print_search(result: dict[str, Any]) -> None:
    for name, forms in result.get("aliases", {}).items():
        click.echo(f"{name}: also as {', '.join(forms)}")
    matches = _matches(result["total"])
    click.echo(f"about {matches}" if result.get("total_estimated") else matches)
    if result.get("unindexed_pages"):
        waiting = _plural(result["unindexed_pages"], "changed page")
        click.echo(f"({waiting} not searched: the index is written when the case is writable)")
    if result.get("undated_left_out"):
        left = result["undated_left_out"]
        click.echo(f"({_plural(left, 'undated document')} left out by date:)")
    for rank, hit in enumerate(result["hits"], start=result.get("offset", 0) + 1):
        click.echo(f"\n{rank}. {hit['title']}  [{hit['doc_id']}, page {hit['page']}]")
        click.echo(f"   {hit['path']}")
        click.echo(f"   {hit['snippet']}")


def _print_demo(summary: dict[str, Any]) -> None:
    click.echo(f"demo trove: {summary['trove']}\ncase:       {summary['case']}\n")
    _print_status(summary["status"], Path(summary["case"]))
    for example in summary["searches"]:
        click.echo(f"\n$ casegraph search {summary['case']} '{example['query']}'")
        click.echo("  " + _matches(example["total"]))
        for hit in example["hits"][:3]:
            click.echo(f"  - {hit['title']} (page {hit['page']}): {hit['snippet']}")
    click.echo(f"\n$ casegraph review {summary['case']}")
    _print_review(summary["review"])
    click.echo(f"\n$ casegraph entities {summary['case']}   (top people, groups and places)")
    _print_entities(summary["top_entities"])
    click.echo(
        f"\n$ casegraph events {summary['case']}   (cooperation between adversaries, with the "
        f"actors in {summary['actors_file']})"
    )
    _print_events(summary["cooperation"])
    click.echo(
        f"\n$ casegraph investigate {summary['case']} {summary['trove']} "
        f"--actors {summary['actors_file']} --out {summary['report']['path']}"
    )
    _print_investigate(summary, len(summary["findings"]), summary["findings_total"])


def _print_investigate(done: dict[str, Any], top: int, total: int | None = None) -> None:
    _print_ingest(done["ingest"])
    _print_extract(done["extract"])
    findings = done["findings"]
    total = len(findings) if total is None else total
    click.echo(f"\n{total} findings; the top {min(top, len(findings))}:")
    _print_findings(findings[:top])
    click.echo(f"\nreport: {done['report']['path']}")


# -- entry point --------------------------------------------------------------


# one or two examples at the end of each command's --help (the demo's case and names)
EXAMPLES = {
    "init": ["casegraph init mycase --ocr-lang eng+ara"],
    "config": ["casegraph config mycase", "casegraph config mycase workers 4"],
    "ingest": ["casegraph ingest mycase ~/leak/ ~/more/mail.mbox"],
    "status": ["casegraph status casegraph-demo/case"],
    "check": ["casegraph check casegraph-demo/case"],
    "failures": ["casegraph failures mycase", "casegraph failures mycase --retry"],
    "search": [
        'casegraph search casegraph-demo/case "fuel for grain"',
        "casegraph search casegraph-demo/case 'convoy type:pdf date:2015-01..2015-12'",
    ],
    "review": ["casegraph review mycase"],
    "transcribe": ["casegraph transcribe mycase 3f2a9c --page 2 --file page2.txt"],
    "ocr": ["casegraph ocr mycase --lang eng+ara"],
    "extract": ["casegraph extract casegraph-demo/case"],
    "entities": [
        "casegraph entities casegraph-demo/case --type person --limit 20",
        "casegraph entities casegraph-demo/case --offset 50",
    ],
    "entity": ['casegraph entity casegraph-demo/case "Karim Haddad"'],
    "merge": ['casegraph merge mycase "Abu Omar" "Omar Fadel"'],
    "judge": [
        'casegraph judge mycase 3f2a9c0b1d4e5f60 --reject --note "a menu line, not an act"',
        "casegraph judge mycase c9a6c05ab226d312 --confirm",
    ],
    "split": ['casegraph split mycase "Omar Fadel" --alias "Omar"'],
    "events": [
        'casegraph events casegraph-demo/case --actor "Southern Valley Brigades"',
        "casegraph events casegraph-demo/case --category COOPERATE --json",
    ],
    "claims": ['casegraph claims casegraph-demo/case --source "Karim Haddad"'],
    "findings": ["casegraph findings casegraph-demo/case"],
    "corroboration": ["casegraph corroboration casegraph-demo/case --claim CLAIM_ID"],
    "graph": ['casegraph graph casegraph-demo/case --actor "Zarqani National Army"'],
    "timeline": [
        'casegraph timeline casegraph-demo/case --actor "Southern Valley Brigades" '
        '--actor "Zarqani National Army"'
    ],
    "xref": ["casegraph xref casegraph-demo/case othercase --type person"],
    "report": ["casegraph report casegraph-demo/case --out report.html"],
    "export": ["casegraph export casegraph-demo/case --format gexf --out case.gexf"],
    "investigate": ["casegraph investigate mycase ~/leak/ --out report.html"],
    "actors": ["casegraph actors import mycase actors.csv"],
    "actors import": ["casegraph actors import mycase actors.csv"],
    "ls": ["casegraph ls casegraph-demo/case --type email", "casegraph ls mycase --failed"],
    "show": ["casegraph show casegraph-demo/case 3f2a9c"],
    "demo": ["casegraph demo", "casegraph demo /tmp/demo --workers 2"],
}


def _add_examples(group: click.Group, prefix: str = "") -> None:
    """Put each command's examples at the end of its --help."""
    for name, command in group.commands.items():
        lines = EXAMPLES[prefix + name]
        command.epilog = "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)
        if isinstance(command, click.Group):
            _add_examples(command, f"{prefix}{name} ")


_add_examples(cli)


def main(argv: list[str] | None = None) -> None:
    """Run the command line with casegraph's exit codes: 0 ok, 1 user error, 2 internal error."""
    as_json = "--json" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="casegraph", standalone_mode=False)
    except CaseGraphError as error:
        _fail(str(error), getattr(error, "code", "E000"), as_json, EXIT_USER_ERROR)
    except click.exceptions.Abort:
        _fail("stopped; run the same command again to resume", "E100", as_json, EXIT_USER_ERROR)
    except click.ClickException as error:
        _fail(error.format_message(), "E101", as_json, EXIT_USER_ERROR)
    except KeyboardInterrupt:
        _fail("stopped; run the same command again to resume", "E100", as_json, EXIT_USER_ERROR)
    except Exception as error:  # the last line of defence: one line, never a traceback
        message = f"internal error: {type(error).__name__}: {error}"
        _fail(" ".join(message.split())[:500], "E999", as_json, EXIT_INTERNAL_ERROR)
    sys.exit(0)


def _fail(message: str, code: str, as_json: bool, status: int) -> None:
    click.echo(f"casegraph: {message}", err=True)
    if as_json:
        click.echo(_json_text({"error": {"code": code, "message": message}}))
    sys.exit(status)
