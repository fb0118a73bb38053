"""The service layer knows no HTTP and no console; its three adapters (JSON routes, web
pages, the console command) never import each other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
ADAPTERS = {"api.routes": "api/routes", "api.pages": "api/pages", "cli": "cli"}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _within(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def _modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("path", _modules("api/services"), ids=lambda p: p.name)
def test_the_services_know_no_http_and_no_console(path: Path) -> None:
    web = ("fastapi", "starlette", "typer", "rich", "api.routes", "api.pages", "cli")
    wrong = {m for m in _imports(path) if _within(m, web)}
    assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}"


@pytest.mark.parametrize(
    ("adapter", "path"),
    [(name, path) for name, folder in ADAPTERS.items() for path in _modules(folder)],
    ids=lambda value: value if isinstance(value, str) else value.name,
)
def test_an_adapter_never_imports_another(adapter: str, path: Path) -> None:
    others = tuple(name for name in ADAPTERS if name != adapter)
    wrong = {m for m in _imports(path) if _within(m, others)}
    assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}"
