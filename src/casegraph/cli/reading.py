"""Commands on what extraction reads: extract, entities, entity, merge, split, events,
claims, judge and the actor knowledge base. Each opens the case; extract and the
judgements on entities run the language pipeline or resolution."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..case.address import ServerAddress
from ..case.store import Case
from ..errors import BadSetting
from .common import CASE_ARG, JSON_OPT, LIMIT_OPT, OFFSET_OPT, WAIT_OPT, emit, emit_page
from .printing import print_claims, print_entities, print_entity, print_events, print_extract


@click.command()
@CASE_ARG
@WAIT_OPT
@JSON_OPT
def extract(case_dir: Path, wait: bool, as_json: bool) -> None:
    """Find entity mentions on pages not yet done, then resolve entities across the case."""
    from ..nlp.extract import extract as run_extract

    if isinstance(case_dir, ServerAddress):
        from .server import queue_extract

        queue_extract(case_dir, wait, as_json)
        return

    report = run_extract(Case.open(case_dir), progress=not as_json or sys.stderr.isatty())
    emit(report, as_json, print_extract)


@click.command()
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
    emit_page(rows, limit, offset, as_json, print_entities, case_dir)


@click.command()
@CASE_ARG
@click.argument("entity_id", metavar="ENTITY")
@JSON_OPT
def entity(case_dir: Path, entity_id: str, as_json: bool) -> None:
    """One entity (its id or name): aliases, every mention in context, who appears with it."""
    case = Case.open(case_dir)
    emit(case.entities.get(case.entities.find(entity_id)), as_json, print_entity)


@click.command()
@CASE_ARG
@click.argument("first")
@click.argument("second")
def merge(case_dir: Path, first: str, second: str) -> None:
    """Decide that two entities are one; kept and applied on every later run."""
    from ..nlp.extract import resolve_case

    case = Case.open(case_dir)
    keys = [case.entities.key(case.entities.find(name)) for name in (first, second)]
    case.reviews.add_judgement("merge", keys[0], keys[1], None)
    click.echo(f"merged; {resolve_case(case)} entities", err=True)


@click.command()
@CASE_ARG
@click.argument("entity_id")
@click.option("--alias", required=True, help="The written form to split off.")
def split(case_dir: Path, entity_id: str, alias: str) -> None:
    """Decide that mentions written ALIAS are not this entity; kept on every later run."""
    from ..nlp.extract import resolve_case

    case = Case.open(case_dir)
    case.reviews.add_judgement(
        "split", case.entities.key(case.entities.find(entity_id)), None, alias
    )
    click.echo(f"split; {resolve_case(case)} entities", err=True)


@click.command()
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
    from ..analysis.findings import find

    if any(finding["id"] == item_id for finding in find(case)):
        return "finding"
    raise BadSetting(f"no event, claim or finding {item_id!r} in this case")


@click.command()
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
    from ..nlp.plover import CATEGORIES

    case = Case.open(case_dir)
    if category and category.upper() not in CATEGORIES:
        raise BadSetting(f"unknown category {category!r}; one of: {', '.join(CATEGORIES)}")
    actor_id = case.entities.find(actor) if actor else None
    emit_page(
        case.events.select(actor_id, category), limit, offset, as_json, print_events, case_dir
    )


@click.command()
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
    emit_page(case.claims.select(speaker), limit, offset, as_json, print_claims, case_dir)


@click.group()
def actors() -> None:
    """The actor knowledge base of a case (governments, armies, armed groups, media ...)."""


@actors.command(name="import")
@CASE_ARG
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_actors(case_dir: Path, csv_file: Path) -> None:
    """Add or override actors for this case from a CSV (id,name,type,country,aliases,...)."""
    from ..nlp.extract import import_actors as run_import
    from ..nlp.extract import resolve_case

    case = Case.open(case_dir)
    rows = run_import(case, csv_file)
    click.echo(f"{rows} actors imported; {resolve_case(case)} entities", err=True)
