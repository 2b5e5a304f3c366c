"""The README's tour works on the demo: every reading command in it finds something."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.conftest import run_cli

README = Path(__file__).resolve().parents[1] / "README.md"
# the commands of the tour that only read a case (the others need files of your own)
READING = {
    "status", "failures", "check", "ls", "show", "review", "search", "entities", "entity",
    "events", "claims", "findings", "corroboration", "graph", "timeline",
}  # fmt: skip


def tour() -> list[list[str]]:
    """The tour's reading commands, optional [parts] and comments left out."""
    block = README.read_text(encoding="utf-8").split("Or step by step:", 1)[1].split("```")[1]
    commands = []
    for line in block.splitlines():
        line = re.sub(r"\s+#\s.*$", "", line)  # a comment after the command
        words = shlex.split(re.sub(r"\[[^\]]*\]", "", line))
        if words[:1] == ["casegraph"] and words[1] in READING:
            commands.append(words[1:])
    return commands


def test_the_tour_names_the_reading_commands() -> None:
    assert {words[0] for words in tour()} == READING


@pytest.mark.parametrize("words", tour(), ids=" ".join)
def test_each_reading_command_of_the_tour_finds_something_on_the_demo(
    demo_summary: dict, words: list[str]
) -> None:
    args = [demo_summary["case"] if word == "./case" else word for word in words]
    done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip(), f"nothing printed by: casegraph {' '.join(words)}"
    assert not re.search(r"(?m)^0 documents match", done.stdout)
    assert "nothing extracted" not in done.stderr
