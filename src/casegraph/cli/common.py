"""What the commands share: the case argument, --json, paging, and printing data as JSON or
lines for a person. Reads nothing itself; a listing that comes back empty asks the case's
status why."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from ..case.store import Case


class CaseLocation(click.ParamType[Any, Any]):
    """A case: a folder, or a server case's address (postgresql://host/database#case)."""

    name = "case"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from ..case.address import ServerAddress, is_server_address

        if isinstance(value, str) and is_server_address(value):
            return ServerAddress.parse(value)
        return Path(value)


def folder_only(case_dir: Path, command: str) -> Path:
    """A case folder, for a command that does not take a server case yet."""
    from ..case.address import ServerAddress
    from ..errors import BadSetting

    if isinstance(case_dir, ServerAddress):
        raise BadSetting(
            f"casegraph {command} does not take a server case yet; copy it into a folder"
            f" first (casegraph copy {case_dir} FOLDER)"
        )
    return case_dir


def _remember_case(ctx: click.Context, _param: click.Parameter, value: Path) -> Path:
    """Note the case a command works on, for the errors its database may give."""
    ctx.meta["case"] = value
    return value


CASE_ARG = click.argument("case_dir", metavar="CASE", type=CaseLocation(), callback=_remember_case)
WAIT_OPT = click.option(
    "--wait",
    is_flag=True,
    help="On a server case: wait for the queued jobs, then print the case's status.",
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
    from ..case.store import Case
    from ..stages import READ_PAGES

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
        from ..case.sql import json_text

        click.echo(json_text(data))
    else:
        human(data)


def open_with_workers(case_dir: Path, workers: int | None) -> Case:
    from ..case.store import Case

    case = Case.open(case_dir)
    if workers:
        settings = case.load_settings()
        settings.workers = workers
        case.save_settings(settings)
    return case
