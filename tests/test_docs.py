"""The docs cover every command, option and setting (checked, not hoped)."""

from __future__ import annotations

from pathlib import Path

import click

from casegraph.cli import every_command
from casegraph.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def _docs() -> str:
    return "\n".join(
        p.read_text() for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    )


def test_every_command_and_option_is_documented() -> None:
    docs = (ROOT / "docs" / "commands.md").read_text()
    commands = list(every_command().items())
    for name, group in list(commands):
        if isinstance(group, click.Group):
            commands += [(f"{name} {sub}", command) for sub, command in group.commands.items()]
    for name, command in commands:
        assert f"casegraph {name}" in docs, f"command {name} missing from docs/commands.md"
        for param in command.params:
            if isinstance(param, click.Option):
                flag = max(param.opts, key=len)
                assert flag in docs, f"option {flag} of {name} missing from docs/commands.md"


def test_every_setting_is_documented() -> None:
    docs = (ROOT / "docs" / "settings.md").read_text()
    for name in Settings.names():
        assert f"`{name}`" in docs, f"setting {name} missing from docs/settings.md"


def test_readme_opens_with_the_two_commands() -> None:
    head = (ROOT / "README.md").read_text()[:1500]
    assert "make demo" in head and "make test" in head


def test_every_failure_reason_is_documented() -> None:
    from casegraph.records import FailureReason

    docs = _docs()
    for reason in FailureReason:
        assert f"`{reason.value}`" in docs
