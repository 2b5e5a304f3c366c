"""Commands on the case and its documents: init, config, ingest, ocr, transcribe, status,
check, failures, review, ls, show. They read and write the case through its store."""

from __future__ import annotations

import sys
from contextlib import closing
from pathlib import Path

import click

from ..case.address import ServerAddress
from ..case.store import Case
from ..errors import BadSetting
from ..settings import Settings
from . import EXIT_USER_ERROR
from .common import (
    CASE_ARG,
    JSON_OPT,
    LIMIT_OPT,
    OFFSET_OPT,
    WAIT_OPT,
    CaseLocation,
    emit,
    emit_page,
    folder_only,
    open_with_workers,
)
from .printing import (
    print_check,
    print_failures,
    print_ingest,
    print_ls,
    print_review,
    print_settings,
    print_show,
    print_status,
)


@click.command()
@CASE_ARG
@click.option("--set", "assignments", multiple=True, metavar="NAME=VALUE", help="Set a setting.")
@click.option("--ocr-lang", help="OCR languages, e.g. eng+ara (changeable later).")
@click.option(
    "--blobs",
    type=click.Path(file_okay=False, path_type=Path),
    help="A server case's folder of originals and search index, reached by every worker.",
)
def init(
    case_dir: Path, assignments: tuple[str, ...], ocr_lang: str | None, blobs: Path | None
) -> None:
    """Create a new, empty case folder."""
    from ..ocr.engine import check_languages

    settings = Settings()
    for assignment in assignments:
        name, _, value = assignment.partition("=")
        settings.update(name.strip(), value.strip())
    if ocr_lang:
        settings.update("ocr_languages", check_languages(ocr_lang))
    Case.create(case_dir, settings, blobs).close()
    click.echo(f"created case {case_dir}", err=True)


@click.command()
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
            from ..ocr.engine import check_languages

            value = check_languages(value)
        settings.update(name, value)
        case.save_settings(settings)
    data = settings.as_dict()
    if name is not None and value is None:
        if name not in data:
            raise BadSetting(f"unknown setting {name!r}; known: {', '.join(data)}")
        data = {name: data[name]}
    emit(data, as_json, print_settings)


@click.command()
@CASE_ARG
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--workers", type=click.IntRange(1, 64), help="Worker processes for this run.")
@WAIT_OPT
@JSON_OPT
def ingest(
    case_dir: Path, inputs: tuple[Path, ...], workers: int | None, wait: bool, as_json: bool
) -> None:
    """Add files and folders to the case (safe to interrupt and re-run)."""
    from ..ingest.pipeline import ingest as run_ingest

    if isinstance(case_dir, ServerAddress):
        from .server import queue_ingest

        if workers is not None:  # the workers' parsers, not this command's
            raise BadSetting(
                "on a server case each worker's parser processes are the case's setting:"
                f" casegraph config {case_dir} workers {workers}"
            )
        queue_ingest(case_dir, list(inputs), wait, as_json)
        return
    case = open_with_workers(case_dir, workers)
    report = run_ingest(case, list(inputs), progress=not as_json or sys.stderr.isatty())
    emit(report.as_dict(), as_json, print_ingest)


@click.command()
@CASE_ARG
@JSON_OPT
def status(case_dir: Path, as_json: bool) -> None:
    """Counts of documents by type and state, failures by reason, and each stage's state."""
    from ..stages import READ_PAGES

    report = Case.open(case_dir).status(READ_PAGES)
    if isinstance(case_dir, ServerAddress):
        from ..server.jobs import jobs_of, queue_of

        with queue_of(case_dir.database) as queue:
            report["queued"] = jobs_of(queue, case_dir)
    emit(report, as_json, lambda data: print_status(data, case_dir))


@click.command()
@CASE_ARG
@JSON_OPT
def check(case_dir: Path, as_json: bool) -> None:
    """Verify the database and every original in the store; exit 1 if anything is lost."""
    from ..case.store import check_case

    report = check_case(folder_only(case_dir, "check"))
    emit(report, as_json, print_check)
    if not report["healthy"]:
        sys.exit(EXIT_USER_ERROR)


@click.command()
@CASE_ARG
@click.option("--retry", is_flag=True, help="Run extraction again on the failed files only.")
@click.option("--workers", type=click.IntRange(1, 64), help="Worker processes for the retry.")
@JSON_OPT
def failures(case_dir: Path, retry: bool, workers: int | None, as_json: bool) -> None:
    """Every file that failed, with its reason; --retry tries them again."""
    case = open_with_workers(case_dir, workers)
    if retry:
        from ..ingest.pipeline import retry_failures

        report = retry_failures(case, progress=not as_json or sys.stderr.isatty())
        if not as_json:
            print_ingest(report.as_dict())
    rows = [
        {k: r[k] for k in ("path", "reason", "detail", "doc_id")} for r in case.documents.failures()
    ]
    emit(rows, as_json, print_failures)


@click.command()
@CASE_ARG
@JSON_OPT
def review(case_dir: Path, as_json: bool) -> None:
    """Pages a person should read (low OCR confidence, handwriting, no text), worst first."""
    emit(Case.open(case_dir).pages.review_queue(), as_json, print_review)


@click.command()
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


@click.command()
@CASE_ARG
@click.option("--redo", is_flag=True, help="OCR again pages already OCR'd (never transcriptions).")
@click.option("--lang", help="OCR languages for this and later runs, e.g. eng+ara.")
@click.option("--workers", type=click.IntRange(1, 64), help="Worker processes for this run.")
@JSON_OPT
def ocr(case_dir: Path, redo: bool, lang: str | None, workers: int | None, as_json: bool) -> None:
    """OCR the pages that need it (images, scans), or all OCR'd pages again with --redo."""
    from ..ingest.pipeline import run_ocr

    case = open_with_workers(case_dir, workers)
    report = run_ocr(case, redo, lang, progress=not as_json or sys.stderr.isatty())
    emit(report.as_dict(), as_json, print_ingest)


@click.command(name="ls")
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
    emit_page(rows, limit, offset, as_json, print_ls, case_dir)


@click.command()
@CASE_ARG
@click.argument("doc_id")
@JSON_OPT
def show(case_dir: Path, doc_id: str, as_json: bool) -> None:
    """One document: metadata, where it came from, and its text page by page."""
    emit(Case.open(case_dir).documents.get(doc_id), as_json, print_show)


def _read_utf8(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise click.ClickException(f"{path} is not UTF-8 text") from None


@click.command()
@CASE_ARG
@click.argument("target", metavar="TARGET", type=CaseLocation())
@click.option(
    "--blobs",
    type=click.Path(file_okay=False, path_type=Path),
    help="A server TARGET's folder of originals and search index.",
)
@JSON_OPT
def copy(case_dir: Path, target: Path, blobs: Path | None, as_json: bool) -> None:
    """Copy a case whole into a new case: a server case to a folder, or a folder to a server."""
    from ..case.copying import copy_case
    from ..listings import CaseCopied

    with (
        closing(Case.open(case_dir, read_only=True)) as source,
        closing(Case.create(target, source.load_settings(), blobs)) as made,
    ):
        copied = copy_case(source, made)
    emit(CaseCopied(target=str(target), rows=copied), as_json, lambda _: None)
    click.echo(f"copied {case_dir} to {target}: {sum(copied.values()):,} rows", err=True)
