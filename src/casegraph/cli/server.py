"""Commands of the team server: a worker for server cases' jobs, and the queued forms of
ingest and extract that those commands take on a server case (see ``server.jobs``)."""

from __future__ import annotations

import getpass
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from ..case.accounts import Accounts, Role, audit_csv, parse_until
from ..case.address import ServerAddress
from ..case.store import Case
from ..errors import BadSetting
from ..listings import JobsQueued, QueuedRun
from ..server import jobs
from . import EXIT_USER_ERROR
from .common import CASE_ARG, JSON_OPT, emit
from .printing import print_audit, print_status

if TYPE_CHECKING:
    import procrastinate


@click.command()
@click.argument("database", metavar="DATABASE")
@click.option(
    "--queues",
    default=",".join(jobs.QUEUES),
    show_default=True,
    help="The kinds of job to take, comma-separated.",
)
@click.option("--concurrency", type=click.IntRange(1, 64), default=1, help="Worker processes.")
@click.option("--burst", is_flag=True, help="Stop once no job is left instead of waiting.")
def worker(database: str, queues: str, concurrency: int, burst: bool) -> None:
    """Work on the jobs of every server case in a database, on any machine that reaches it."""
    wanted = [name.strip() for name in queues.split(",") if name.strip()]
    unknown = sorted(set(wanted) - set(jobs.QUEUES))
    if unknown:
        raise click.BadParameter(f"unknown queue {unknown[0]!r}; known: {', '.join(jobs.QUEUES)}")
    others = [
        subprocess.Popen(
            [sys.executable, "-m", "casegraph", "worker", database, "--queues", queues]
            + (["--burst"] if burst else [])
        )
        for _ in range(concurrency - 1)
    ]
    try:
        jobs.run_worker(database, wanted, burst)
    finally:
        for other in others:
            if not burst:  # this one was stopped: so are the others
                other.terminate()
            other.wait()


def queue_ingest(address: ServerAddress, inputs: list[Path], wait: bool, as_json: bool) -> None:
    """Queue the inputs of a server case's ingest as jobs of a few files each; with wait,
    wait for them and print the case's status."""
    Case.open(address).close()  # a case that is not there is said now, not by a job
    with jobs.queue_of(address.database) as queue:
        _finish(address, queue, jobs.defer_ingest(address, inputs), "ingest", wait, as_json)


def queue_extract(address: ServerAddress, wait: bool, as_json: bool) -> None:
    """Queue a server case's extraction (jobs reading its unread pages, then one case-wide
    job, which holds the case's lock); with wait, wait for them and print the case's
    status."""
    Case.open(address).close()
    with jobs.queue_of(address.database) as queue:
        _finish(address, queue, jobs.defer_extract(address), "extract", wait, as_json)


def _finish(
    address: ServerAddress,
    queue: procrastinate.App,
    job_ids: list[int],
    kind: str,
    wait: bool,
    as_json: bool,
) -> None:
    from ..stages import READ_PAGES

    if not wait:
        click.echo(
            f"{len(job_ids)} {kind} jobs queued for {address}; a worker runs them"
            f" (casegraph worker {address.database}); follow with: casegraph status {address}",
            err=True,
        )
        if as_json:
            emit(JobsQueued(queued=len(job_ids)), as_json, lambda _: None)
        return
    ended = jobs.wait_for(queue, job_ids)
    with closing(Case.open(address)) as case:
        report = QueuedRun(**case.status(READ_PAGES), jobs=ended)
    emit(report, as_json, lambda data: print_status(data, address))
    if set(ended) - {"succeeded"}:
        click.echo(f"casegraph: {kind} jobs that did not succeed: {ended}", err=True)
        sys.exit(EXIT_USER_ERROR)


@click.group()
def users() -> None:
    """People's accounts on a server: for the workbench's sign-in and per-case roles."""


@users.command(name="add")
@click.argument("name")
@click.option("--db", "database", required=True, help="The server's database (postgresql://...).")
@click.option(
    "--role",
    type=click.Choice(["admin", "user"]),
    default="user",
    show_default=True,
    help="An admin sees and grants every case; a user sees the cases granted to them.",
)
@click.option(
    "--password-file",
    type=click.File("r", encoding="utf-8"),
    help="Read the password from the first line of this file instead of asking for it.",
)
@click.option(
    "--oidc",
    is_flag=True,
    help="An account with no password, for the first person the workbench's OpenID Connect"
    " provider signs in under this name; theirs alone from then on.",
)
def add_user(name: str, database: str, role: str, password_file: TextIO | None, oidc: bool) -> None:
    """Make an account; asks for its password (typed twice) unless --password-file or
    --oidc."""
    password: str | None = None
    if oidc and password_file is not None:
        raise BadSetting("an account signs in with a password or through OIDC, not both")
    if password_file is not None:
        password = password_file.readline().rstrip("\r\n")
    elif not oidc:
        password = click.prompt("password", hide_input=True, confirmation_prompt=True)
    with closing(Accounts(database)) as accounts:
        accounts.add_user(name, password, role == "admin", by=_operator())
    click.echo(f"added {'admin' if role == 'admin' else 'user'} {name}", err=True)


@click.command()
@CASE_ARG
@click.argument("name")
@click.option("--role", type=click.Choice([role.value for role in Role]), required=True)
@click.option("--until", help="The grant's last day (YYYY-MM-DD); for good if not given.")
def grant(case_dir: ServerAddress, name: str, role: str, until: str | None) -> None:
    """Give a person a role on a server case: owner, editor, reader or visitor."""
    _server_case(case_dir)
    with closing(Accounts(case_dir.database)) as accounts:
        accounts.grant(case_dir.case, name, Role(role), parse_until(until), by=_operator())
    click.echo(f"{name} is now {role} of {case_dir.case}", err=True)


@click.command()
@CASE_ARG
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV (a header, a row per action).")
@JSON_OPT
def audit(case_dir: ServerAddress, as_csv: bool, as_json: bool) -> None:
    """Who did what on a server case, and when, oldest first (the log is append-only)."""
    _server_case(case_dir)
    with closing(Accounts(case_dir.database)) as accounts:
        rows = accounts.audit(case_dir.case)
    if as_csv:
        click.echo(audit_csv(rows), nl=False)
    else:
        emit(rows, as_json, print_audit)


def _server_case(location: object) -> None:
    """Refuse a case folder, and a server case that is not there, in one line."""
    if not isinstance(location, ServerAddress):
        raise BadSetting(f"{location} is a case folder: accounts and roles are a server's")
    Case.open(location, read_only=True).close()


def _operator() -> str:
    """Who runs a command on the server's own machine, as the audit log names them."""
    return f"{getpass.getuser()} (command line)"
