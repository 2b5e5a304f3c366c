"""The layout holds the architecture: only the store speaks SQL, and packages import each
other one way only (docs/architecture.md)."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "casegraph"
# a statement, a commit or the connection itself
SQL = re.compile(r"\.execute(?:many)?\(|\.commit\(\)|\.rollback\(\)|\bcase\.db\b|\.db\.")


def _modules() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in PACKAGE.rglob("*.py")}


def _unit(path: Path) -> str:
    """The package (or top-level module) a file belongs to: "case", "nlp", "cli"."""
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else parts[0].removesuffix(".py")


def _imported(path: Path, node: ast.ImportFrom) -> str | None:
    """The package of casegraph an import names, if any."""
    if node.level == 0:
        module = node.module or ""
        return module.split(".")[1] if module.startswith("casegraph.") else None
    here = list(path.relative_to(PACKAGE).parts[:-1])
    base = here[: len(here) - (node.level - 1)]
    named = base + (node.module.split(".") if node.module else [node.names[0].name])
    return named[0]


def test_only_the_store_speaks_sql() -> None:
    speaking = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in PACKAGE.rglob("*.py")
        if _unit(path) != "case"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SQL.search(line)
    ]
    assert speaking == []


def test_packages_import_each_other_one_way() -> None:
    imports: dict[str, set[str]] = defaultdict(set)
    for path, module in _modules().items():
        for node in ast.walk(module):
            target = _imported(path, node) if isinstance(node, ast.ImportFrom) else None
            if target and target != _unit(path):
                imports[_unit(path)].add(target)
    assert imports["case"] and imports["search"], "the scan reads the imports"

    def cycle_from(start: str, path: list[str]) -> list[str] | None:
        for target in sorted(imports[path[-1]]):
            if target == start:
                return [*path, target]
            if target not in path and (found := cycle_from(start, [*path, target])):
                return found
        return None

    cycles = [c for unit in sorted(imports) if (c := cycle_from(unit, [unit]))]
    assert cycles == []


MOST_LINES = 80


def test_no_function_is_longer_than_a_screen() -> None:
    long = [
        f"{_unit(path)}.{node.name}: {node.end_lineno - node.lineno + 1} lines"
        for path, module in _modules().items()
        for node in ast.walk(module)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (node.end_lineno or node.lineno) - node.lineno + 1 > MOST_LINES
    ]
    assert long == []
