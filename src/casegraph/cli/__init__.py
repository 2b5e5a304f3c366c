"""The casegraph command line: thin wrappers over the library's functions.

A command's module is imported only when that command runs (or shows its --help), so
`casegraph --help` loads click and this table, and `casegraph search` loads the store and
the search index but no language model."""

from __future__ import annotations

import sys
from typing import Any

import click

from .. import __version__

EXIT_USER_ERROR = 1
EXIT_INTERNAL_ERROR = 2

# every command: the module under casegraph.cli that defines it, and its one-line help as
# `casegraph --help` lists it (a test holds the line equal to the command's own)
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("documents", "Create a new, empty case folder."),
    "config": (
        "documents",
        "Show the case's settings, or set one: casegraph config CASE NAME VALUE.",
    ),
    "ingest": ("documents", "Add files and folders to the case (safe to interrupt and re-run)."),
    "status": (
        "documents",
        "Counts of documents by type and state, failures by reason, and each stage's state.",
    ),
    "check": (
        "documents",
        "Verify the database and every original in the store; exit 1 if anything is lost.",
    ),
    "failures": ("documents", "Every file that failed, with its reason; --retry tries them again."),
    "search": (
        "searching",
        'Full-text search: words, "phrases", OR, NOT, -, prefix*, NEAR(a b, 5) and filters.',
    ),
    "review": (
        "documents",
        "Pages a person should read (low OCR confidence, handwriting, no text), worst first.",
    ),
    "transcribe": (
        "documents",
        "Make a person's reading the text of a page (the OCR layer is kept).",
    ),
    "ocr": (
        "documents",
        "OCR the pages that need it (images, scans), or all OCR'd pages again with --redo.",
    ),
    "extract": (
        "reading",
        "Find entity mentions on pages not yet done, then resolve entities across the case.",
    ),
    "entities": ("reading", "Entities, most mentioned first, with their aliases."),
    "entity": (
        "reading",
        "One entity (its id or name): aliases, every mention in context, who appears with it.",
    ),
    "merge": ("reading", "Decide that two entities are one; kept and applied on every later run."),
    "split": (
        "reading",
        "Decide that mentions written ALIAS are not this entity; kept on every later run.",
    ),
    "judge": (
        "reading",
        "Confirm or reject an event, a claim or a finding; kept across re-runs, shown with it.",
    ),
    "events": (
        "reading",
        "Events: who did what to whom, where and when, coded to PLOVER, with evidence.",
    ),
    "claims": ("reading", "Claims: who says what, by which cue, hedged or not, with evidence."),
    "findings": (
        "findings",
        "What the trove reveals, best first: cooperating adversaries, contradictions, ...",
    ),
    "corroboration": (
        "findings",
        "Who else reports each event's act, how many independent sources, who denies it.",
    ),
    "graph": (
        "findings",
        "An actor's relations: with whom, how (by quad and year), how sure, with evidence.",
    ),
    "timeline": (
        "findings",
        "Dated events in order; with --actor (repeatable), those involving every actor given.",
    ),
    "xref": ("findings", "Entities two cases share, scored, with their passages in both."),
    "report": (
        "findings",
        "Write the findings with their passages, network and timeline as HTML or PDF.",
    ),
    "export": (
        "findings",
        "Write the case as FollowTheMoney entities, the evidence graph or CSV tables; no caps.",
    ),
    "investigate": (
        "findings",
        "Ingest, extract, find and write the report in one go (makes the case if needed).",
    ),
    "actors": (
        "reading",
        "The actor knowledge base of a case (governments, armies, armed groups, media ...).",
    ),
    "note": (
        "notes",
        "Write a note or a tag on a span of a page (the page text is never changed).",
    ),
    "notes": ("notes", "People's notes and tags on spans, newest first; --delete removes one."),
    "mark": (
        "notes",
        "Star a document or mark it read (search: starred:yes, unread:yes); shows its marks.",
    ),
    "ls": ("documents", "The documents, one line each."),
    "show": ("documents", "One document: metadata, where it came from, and its text page by page."),
    "serve": (
        "serving",
        "Open the case in the browser workbench: search, read, follow the evidence.",
    ),
    "demo": (
        "findings",
        "Write the sample trove to FOLDER/trove, ingest it into FOLDER/case, print a summary.",
    ),
    "copy": (
        "documents",
        "Copy a case whole into a new case: a server case to a folder, or a folder to a server.",
    ),
    "users": (
        "server",
        "People's accounts on a server: for the workbench's sign-in and per-case roles.",
    ),
    "grant": (
        "server",
        "Give a person a role on a server case: owner, editor, reader or visitor.",
    ),
    "audit": (
        "server",
        "Who did what on a server case, and when, oldest first (the log is append-only).",
    ),
    "worker": (
        "server",
        "Work on the jobs of every server case in a database, on any machine that reaches it.",
    ),
}

# the function that defines a command, where its name is not the command's
FUNCTIONS = {"ls": "list_documents", "export": "export_case"}

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
    "note": [
        'casegraph note mycase 3f2a9c --page 2 --quote "fuel for grain" --tag trade',
        'casegraph note mycase 3f2a9c --start 120 --end 164 --text "check the date"',
    ],
    "notes": ["casegraph notes mycase --tag trade", "casegraph notes mycase --delete 5e1b0c9a"],
    "mark": ["casegraph mark mycase 3f2a9c --star --read"],
    "ls": ["casegraph ls casegraph-demo/case --type email", "casegraph ls mycase --failed"],
    "show": ["casegraph show casegraph-demo/case 3f2a9c"],
    "serve": ["casegraph serve casegraph-demo/case --open", "casegraph serve mycase --port 8080"],
    "demo": ["casegraph demo", "casegraph demo /tmp/demo --workers 2"],
    "copy": [
        "casegraph copy postgresql://db/newsroom#leak-2026 ./leak-2026",
        "casegraph copy ./leak-2026 postgresql://db/newsroom#leak-2026 --blobs /srv/leak-2026",
    ],
    "users": ["casegraph users add alice --db postgresql://db/newsroom --role admin"],
    "users add": [
        "casegraph users add alice --db postgresql://db/newsroom --role admin",
        "casegraph users add bob --db postgresql://db/newsroom --password-file bob.txt",
    ],
    "grant": [
        "casegraph grant postgresql://db/newsroom#leak-2026 bob --role editor",
        "casegraph grant postgresql://db/newsroom#leak-2026 carol --role visitor"
        " --until 2027-01-31",
    ],
    "audit": ["casegraph audit postgresql://db/newsroom#leak-2026 --csv > audit.csv"],
    "worker": [
        "casegraph worker postgresql://db/newsroom",
        "casegraph worker postgresql://db/newsroom --queues ingest --concurrency 4 --burst",
    ],
}


class _CaseCommands(click.Group):
    """The command group: commands load on first use, and an SQLite error the case caused
    becomes a one-line coded error."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        if cmd_name not in self.commands:
            self.add_command(_load(cmd_name), cmd_name)
        return self.commands[cmd_name]

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        # a stand-in command cuts each summary as click cuts a loaded command's help
        rows = [
            (name, click.Command(name, help=summary).get_short_help_str(limit))
            for name, (_, summary) in COMMANDS.items()
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        import sqlite3

        try:
            return super().invoke(ctx)
        except sqlite3.Error as error:
            from ..case.store import database_error

            raise database_error(ctx.meta.get("case"), error) from None


def _load(name: str) -> click.Command:
    """The command called name, from its module, with its examples at the end of its --help."""
    from importlib import import_module

    module = import_module(f"{__name__}.{COMMANDS[name][0]}")
    command: click.Command = getattr(module, FUNCTIONS.get(name, name))
    _add_examples(command, name)
    return command


def _add_examples(command: click.Command, name: str) -> None:
    """Put a command's examples (and its subcommands') at the end of its --help."""
    lines = EXAMPLES[name]
    command.epilog = "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)
    if isinstance(command, click.Group):
        for sub, subcommand in command.commands.items():
            _add_examples(subcommand, f"{name} {sub}")


def every_command() -> dict[str, click.Command]:
    """Every command, loaded (for the tests and tools that walk them all)."""
    context = click.Context(cli)
    return {name: cli.get_command(context, name) for name in COMMANDS}  # type: ignore[misc]


@click.group(cls=_CaseCommands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="casegraph")
def cli() -> None:
    """casegraph: turn a trove of documents into sourced findings."""


def main(argv: list[str] | None = None) -> None:
    """Run the command line with casegraph's exit codes: 0 ok, 1 user error, 2 internal error."""
    as_json = "--json" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="casegraph", standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt):
        _fail("stopped; run the same command again to resume", "E100", EXIT_USER_ERROR, as_json)
    except click.ClickException as error:
        _fail(error.format_message(), "E101", EXIT_USER_ERROR, as_json)
    except Exception as error:  # the last line of defence: one line, never a traceback
        _fail(*_described(error), as_json)
    sys.exit(0)


def _described(error: Exception) -> tuple[str, str, int]:
    """An error's line, code and exit status: a coded error is the user's to fix."""
    from ..errors import CaseGraphError

    if isinstance(error, CaseGraphError):
        return str(error), error.code, EXIT_USER_ERROR
    message = f"internal error: {type(error).__name__}: {error}"
    return " ".join(message.split())[:500], "E999", EXIT_INTERNAL_ERROR


def _fail(message: str, code: str, status: int, as_json: bool) -> None:
    from ..case.sql import json_text

    click.echo(f"casegraph: {message}", err=True)
    if as_json:
        click.echo(json_text({"error": {"code": code, "message": message}}))
    sys.exit(status)
