"""Commands on what a case reveals and what leaves it: findings, corroboration, graph,
timeline, xref, report, export, investigate and demo."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..case.store import Case
from ..errors import BadSetting, CannotWrite
from .common import (
    CASE_ARG,
    JSON_OPT,
    LIMIT_OPT,
    OFFSET_OPT,
    emit,
    emit_page,
    folder_only,
    say_if_unextracted,
)
from .printing import (
    plural,
    print_actor_view,
    print_corroboration,
    print_demo,
    print_findings,
    print_investigate,
    print_timeline,
    print_xref,
)


@click.command()
@CASE_ARG
@JSON_OPT
def findings(case_dir: Path, as_json: bool) -> None:
    """What the trove reveals, best first: cooperating adversaries, contradictions, ..."""
    from ..analysis.findings import find

    rows = find(Case.open(case_dir))
    say_if_unextracted(rows, case_dir)
    emit(rows, as_json, print_findings)


@click.command()
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
    from ..analysis.findings import corroborate

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
    emit_page(rows, limit, offset, as_json, print_corroboration, case_dir)


@click.command()
@CASE_ARG
@click.option("--actor", required=True, help="The actor: entity id or name.")
@JSON_OPT
def graph(case_dir: Path, actor: str, as_json: bool) -> None:
    """An actor's relations: with whom, how (by quad and year), how sure, with evidence."""
    from ..analysis.graph import actor_view

    case = Case.open(case_dir)
    say_if_unextracted(case.status()["entities"], case_dir)
    emit(actor_view(case, case.entities.find(actor)), as_json, print_actor_view)


@click.command()
@CASE_ARG
@click.option("--actor", "actors_given", multiple=True, help="Only events with this actor.")
@LIMIT_OPT
@OFFSET_OPT
@JSON_OPT
def timeline(
    case_dir: Path, actors_given: tuple[str, ...], limit: int | None, offset: int, as_json: bool
) -> None:
    """Dated events in order; with --actor (repeatable), those involving every actor given."""
    from ..analysis.graph import timeline as events_in_order

    case = Case.open(case_dir)
    ids = [case.entities.find(actor) for actor in actors_given]
    rows, report_dated = events_in_order(case, ids)
    emit_page(rows, limit, offset, as_json, print_timeline, case_dir)
    if report_dated:
        click.echo(
            f"{plural(report_dated, 'event')} left out: told only in reports whose text gives "
            "no date (a publication date is not the date of the act)",
            err=True,
        )


@click.command()
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
    from ..analysis.xref import cross_reference

    result = cross_reference(Case.open(case_dir), Case.open(other_dir), limit, offset, type_name)
    emit(result, as_json, print_xref)


@click.command()
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
    from ..report import write_report

    written = write_report(Case.open(case_dir), out, limit=limit)
    emit(written, as_json, lambda r: click.echo(f"wrote {r['path']}", err=True))


@click.command(name="export")
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
    from ..export.ftm import export_ftm
    from ..export.graphs import export

    case = Case.open(case_dir)
    _check_out(out, "folder" if fmt == "csv" else "file", force)
    written = export_ftm(case, out) if fmt == "ftm" else export(case, fmt, out)
    emit(written, as_json, lambda r: click.echo(f"wrote {r['path']}", err=True))


@click.command()
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
    from ..investigate import investigate as run_investigate
    from ..investigate import open_or_create
    from ..report.html import report_format

    if out is not None:
        report_format(out)  # before a case is made for nothing
    case = open_or_create(folder_only(case_dir, "investigate"))
    progress = not as_json or sys.stderr.isatty()
    done = run_investigate(case, list(inputs), out, actors_csv, progress=progress)
    emit(done, as_json, lambda d: print_investigate(d, top))


@click.command()
@click.argument("folder", required=False, default="casegraph-demo", type=click.Path(path_type=Path))
@click.option("--workers", type=click.IntRange(1, 64), help="Worker processes for the ingest.")
@JSON_OPT
def demo(folder: Path, workers: int | None, as_json: bool) -> None:
    """Write the sample trove to FOLDER/trove, ingest it into FOLDER/case, print a summary."""
    from ..demo.run import run_demo

    summary = run_demo(folder, workers, progress=not as_json or sys.stderr.isatty())
    emit(summary, as_json, print_demo)


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
