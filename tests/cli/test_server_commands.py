"""The server's commands as an admin types them: accounts, grants, the audit log, and what
they say when pointed at a case folder or a case that is not there."""

from __future__ import annotations

from pathlib import Path

from casegraph.case.address import ServerAddress
from casegraph.case.store import Case
from tests.conftest import run_cli


def test_an_admin_adds_people_grants_them_roles_and_reads_the_log(
    server_database: str, tmp_path: Path
) -> None:
    case = str(ServerAddress(server_database, "granted"))
    Case.create(ServerAddress.parse(case), folder=tmp_path / "files").close()
    secret = tmp_path / "password.txt"
    secret.write_text("a long passphrase\n")
    added = run_cli("users", "add", "dana", "--db", server_database, "--password-file", str(secret))
    assert added.returncode == 0, added.stderr
    again = run_cli("users", "add", "dana", "--db", server_database, "--password-file", str(secret))
    assert again.returncode == 1 and "already a user called dana" in again.stderr
    granted = run_cli("grant", case, "dana", "--role", "visitor", "--until", "2027-01-31")
    assert granted.returncode == 0, granted.stderr
    log = run_cli("audit", case, "--csv")
    assert log.returncode == 0, log.stderr
    header, row = log.stdout.splitlines()
    assert header == "at,user_name,case_name,action,item,detail"
    assert row.endswith(",granted,grant,dana,visitor until 2027-01-31")


def test_roles_are_refused_on_a_folder_and_on_a_case_that_is_not_there(
    server_database: str, tmp_path: Path
) -> None:
    folder = tmp_path / "laptop"
    Case.create(folder).close()
    on_folder = run_cli("grant", str(folder), "dana", "--role", "reader")
    assert on_folder.returncode == 1 and "accounts and roles are a server's" in on_folder.stderr
    missing = run_cli("grant", f"{server_database}#no-such-case", "dana", "--role", "reader")
    assert missing.returncode == 1 and "holds no case" in missing.stderr
    assert "Traceback" not in on_folder.stderr + missing.stderr


def test_check_says_it_takes_folders_only_for_a_server_case(
    server_database: str, tmp_path: Path
) -> None:
    case = ServerAddress(server_database, "folders-only")
    Case.create(case, folder=tmp_path / "files").close()
    done = run_cli("check", str(case))
    assert done.returncode == 1, done.stderr
    assert f"casegraph copy {case} FOLDER" in done.stderr and "Traceback" not in done.stderr
