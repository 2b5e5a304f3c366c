"""Every listing command's --json output on a case, one file a command, for a before/after check.

    python bench/json_snapshot.py CASE OUT

Reads a built case (``casegraph demo`` writes one); writes OUT/<command>.json, each the
command's --json output made canonical: keys sorted, the rows of every list sorted, and the
values that change from one run to the next (times, durations, the case's folder) replaced by
a placeholder. Two snapshots of the same trove built by two versions of the code are then
compared with ``diff -r``: a refactoring that changes no behaviour leaves no difference.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from casegraph.case.store import Case
from casegraph.cli import cli
from casegraph.demo.run import EXAMPLE_QUERIES

VOLATILE_KEYS = re.compile(r"(_at|seconds|elapsed)$")
ACTORS_TO_FOLLOW = 12


def listing_commands(case_dir: Path) -> dict[str, list[str]]:
    """The name of each snapshot and the arguments of the command that makes it."""
    case = str(case_dir)
    commands = {
        name: [name, case]
        for name in (
            "status",
            "check",
            "failures",
            "review",
            "entities",
            "events",
            "claims",
            "findings",
            "corroboration",
            "timeline",
            "ls",
        )
    }
    for number, query in enumerate(EXAMPLE_QUERIES):
        commands[f"search-{number}"] = ["search", case, query, "--limit", "10000"]
    opened = Case.open(case_dir, read_only=True)
    try:
        for row in opened.documents.select():
            commands[f"show-{row['doc_id']}"] = ["show", case, row["doc_id"]]
        actors = [e for e in opened.entities.select() if e["type"] in ("person", "organization")]
    finally:
        opened.close()
    for entity in actors[:ACTORS_TO_FOLLOW]:
        commands[f"entity-{entity['id']}"] = ["entity", case, entity["id"]]
        commands[f"graph-{entity['id']}"] = ["graph", case, "--actor", entity["id"]]
    return commands


def canonical(value: Any, case_dir: str) -> Any:
    """The value with sorted keys and rows, volatile values masked."""
    if isinstance(value, dict):
        return {
            key: "<volatile>" if VOLATILE_KEYS.search(key) else canonical(item, case_dir)
            for key, item in sorted(value.items())
        }
    if isinstance(value, list):
        rows = [canonical(item, case_dir) for item in value]
        return sorted(rows, key=lambda row: json.dumps(row, sort_keys=True, ensure_ascii=False))
    if isinstance(value, str):
        return value.replace(case_dir, "<case>")
    return value


def snapshot(case_dir: Path, out: Path) -> int:
    """Write every command's canonical output under out; the number of files written."""
    out.mkdir(parents=True, exist_ok=True)
    runner = CliRunner()
    commands = listing_commands(case_dir)
    for name, args in commands.items():
        result = runner.invoke(cli, [*args, "--json"], catch_exceptions=False)
        if result.exit_code != 0:
            raise SystemExit(f"{' '.join(args)} failed: {result.output.strip()}")
        data = canonical(json.loads(result.stdout), str(case_dir.resolve()))
        text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False)
        (out / f"{name}.json").write_text(text + "\n", encoding="utf-8")
    return len(commands)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", type=Path, help="a built case folder")
    parser.add_argument("out", type=Path, help="the folder to write the snapshot into")
    args = parser.parse_args()
    written = snapshot(args.case, args.out)
    print(f"{written} outputs written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
